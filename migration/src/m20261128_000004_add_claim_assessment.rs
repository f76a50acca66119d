//! The rapporteur's assessment (the facts the calculator needs) and the proposed calculation,
//! each kept on the claim as canonical JSON.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [Claims::Assessment, Claims::Calculation] {
            let alter = Table::alter()
                .table(Claims::Table)
                .add_column(text_null(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Claims::Assessment, Claims::Calculation] {
            let alter = Table::alter()
                .table(Claims::Table)
                .drop_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Assessment,
    Calculation,
}
