//! Letters to the applicant (receipt, evidence request, interim award), each frozen as
//! canonical JSON when the event that causes it is recorded.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Letters::Table)
            .col(big_pk_auto(Letters::Id))
            .col(big_integer(Letters::ClaimId))
            .col(integer(Letters::Sequence))
            .col(string_len(Letters::Kind, 30))
            .col(date(Letters::DatedOn))
            .col(text(Letters::Content))
            .col(char_len(Letters::ContentSha256, 64))
            .col(timestamp_with_time_zone(Letters::IssuedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(Letters::Table, Letters::ClaimId)
                    .to(Claims::Table, Claims::Id),
            )
            .index(
                Index::create()
                    .name("uq_letters_claim_sequence")
                    .col(Letters::ClaimId)
                    .col(Letters::Sequence)
                    .unique(),
            )
            .to_owned();
        manager.create_table(table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Letters::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Letters {
    Table,
    Id,
    ClaimId,
    Sequence,
    Kind,
    DatedOn,
    Content,
    ContentSha256,
    IssuedAt,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
}
