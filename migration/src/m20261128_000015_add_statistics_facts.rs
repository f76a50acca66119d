//! The facts anonymised statistics need that claims did not keep: the victim's gender
//! (nullable: not every applicant states it, and claims lodged before it have none) and the
//! amounts recovered from offenders, one row per amount received.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let gender = Table::alter()
            .table(Claims::Table)
            .add_column(string_len_null(Claims::VictimGender, 16))
            .to_owned();
        manager.alter_table(gender).await?;
        let table = Table::create()
            .table(Recoveries::Table)
            .col(big_pk_auto(Recoveries::Id))
            .col(big_integer(Recoveries::ClaimId))
            .col(big_integer(Recoveries::AmountMinor))
            .col(char_len(Recoveries::Currency, 3))
            .col(date(Recoveries::ReceivedOn))
            .col(text_null(Recoveries::Note))
            .col(big_integer(Recoveries::RecordedBy))
            .col(timestamp_with_time_zone(Recoveries::RecordedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(Recoveries::Table, Recoveries::ClaimId)
                    .to(Claims::Table, Claims::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Recoveries::Table, Recoveries::RecordedBy)
                    .to(Users::Table, Users::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("idx_recoveries_claim")
            .table(Recoveries::Table)
            .col(Recoveries::ClaimId)
            .to_owned();
        manager.create_index(index).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Recoveries::Table).to_owned())
            .await?;
        let gender = Table::alter()
            .table(Claims::Table)
            .drop_column(Claims::VictimGender)
            .to_owned();
        manager.alter_table(gender).await
    }
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
    VictimGender,
}

#[derive(DeriveIden)]
enum Recoveries {
    Table,
    Id,
    ClaimId,
    AmountMinor,
    Currency,
    ReceivedOn,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
