//! Issued decisions: each version's content frozen as canonical JSON, with its hash and the
//! verification code printed on it, so the document can be rendered again and checked.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Decisions::Table)
            .col(big_pk_auto(Decisions::Id))
            .col(big_integer(Decisions::ClaimId))
            .col(integer(Decisions::Version))
            .col(string_len(Decisions::Number, 40))
            .col(date(Decisions::DecidedOn))
            .col(string_len(Decisions::Outcome, 20))
            .col(text(Decisions::Content))
            .col(char_len(Decisions::ContentSha256, 64))
            .col(string_len_uniq(Decisions::VerificationCode, 40))
            .col(integer_null(Decisions::Supersedes))
            .col(timestamp_with_time_zone(Decisions::IssuedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(Decisions::Table, Decisions::ClaimId)
                    .to(Claims::Table, Claims::Id),
            )
            .index(
                Index::create()
                    .name("uq_decisions_claim_version")
                    .col(Decisions::ClaimId)
                    .col(Decisions::Version)
                    .unique(),
            )
            .to_owned();
        manager.create_table(table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Decisions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    ClaimId,
    Version,
    Number,
    DecidedOn,
    Outcome,
    Content,
    ContentSha256,
    VerificationCode,
    Supersedes,
    IssuedAt,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
}
