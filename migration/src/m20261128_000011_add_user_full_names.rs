//! A full name for every user, printed where a document names them (the chair's signature, the
//! representing lawyer). Nullable: accounts created before it have none until an administrator
//! gives them one, and documents fall back to the username meanwhile.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Users::Table)
            .add_column(text_null(Users::FullName))
            .to_owned();
        manager.alter_table(alter).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Users::Table)
            .drop_column(Users::FullName)
            .to_owned();
        manager.alter_table(alter).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    FullName,
}
