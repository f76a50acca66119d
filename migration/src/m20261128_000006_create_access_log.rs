//! The access log: who read a protected identity, on which claim, when, and which fields.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(AccessLog::Table)
            .col(big_pk_auto(AccessLog::Id))
            .col(big_integer(AccessLog::ClaimId))
            .col(big_integer_null(AccessLog::UserId))
            .col(text(AccessLog::Fields))
            .col(timestamp_with_time_zone(AccessLog::ReadAt))
            .foreign_key(
                ForeignKey::create()
                    .from(AccessLog::Table, AccessLog::ClaimId)
                    .to(Claims::Table, Claims::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(AccessLog::Table, AccessLog::UserId)
                    .to(Users::Table, Users::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("idx_access_log_claim")
            .table(AccessLog::Table)
            .col(AccessLog::ClaimId)
            .to_owned();
        manager.create_index(index).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccessLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AccessLog {
    Table,
    Id,
    ClaimId,
    UserId,
    Fields,
    ReadAt,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
