//! Interim awards: urgent payments granted before the decision and deducted from the final award.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(InterimAwards::Table)
            .col(big_pk_auto(InterimAwards::Id))
            .col(big_integer(InterimAwards::ClaimId))
            .col(big_integer(InterimAwards::AmountMinor))
            .col(char_len(InterimAwards::Currency, 3))
            .col(text(InterimAwards::Reason))
            .col(big_integer_null(InterimAwards::GrantedBy))
            .col(timestamp_with_time_zone(InterimAwards::GrantedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(InterimAwards::Table, InterimAwards::ClaimId)
                    .to(Claims::Table, Claims::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(InterimAwards::Table, InterimAwards::GrantedBy)
                    .to(Users::Table, Users::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("idx_interim_awards_claim")
            .table(InterimAwards::Table)
            .col(InterimAwards::ClaimId)
            .to_owned();
        manager.create_index(index).await?;
        // The running total lives on the claim, updated in the same transaction as each grant.
        let total = Table::alter()
            .table(Claims::Table)
            .add_column(big_integer(Claims::InterimAwardedMinor).default(0))
            .to_owned();
        manager.alter_table(total).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let total = Table::alter()
            .table(Claims::Table)
            .drop_column(Claims::InterimAwardedMinor)
            .to_owned();
        manager.alter_table(total).await?;
        manager
            .drop_table(Table::drop().table(InterimAwards::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum InterimAwards {
    Table,
    Id,
    ClaimId,
    AmountMinor,
    Currency,
    Reason,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
    InterimAwardedMinor,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
