//! Idempotency keys: the first answer to a creating POST, kept so that a client's retry with the
//! same `Idempotency-Key` gets that answer again instead of a second claim, vote or document.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(IdempotencyKeys::Table)
            .col(big_pk_auto(IdempotencyKeys::Id))
            .col(big_integer(IdempotencyKeys::UserId))
            .col(string_len(IdempotencyKeys::Key, 255))
            .col(string_len(IdempotencyKeys::Method, 16))
            .col(text(IdempotencyKeys::Path))
            .col(string_len(IdempotencyKeys::RequestSha256, 64))
            .col(boolean(IdempotencyKeys::Completed))
            .col(integer_null(IdempotencyKeys::ResponseStatus))
            .col(text_null(IdempotencyKeys::ResponseHeaders))
            .col(blob_null(IdempotencyKeys::ResponseBody))
            .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(IdempotencyKeys::Table, IdempotencyKeys::UserId)
                    .to(Users::Table, Users::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        // A key belongs to its user: two users may pick the same one.
        let unique = Index::create()
            .name("idx_idempotency_keys_user_key")
            .table(IdempotencyKeys::Table)
            .col(IdempotencyKeys::UserId)
            .col(IdempotencyKeys::Key)
            .unique()
            .to_owned();
        manager.create_index(unique).await?;
        // Expired keys are deleted by age on every reservation.
        let by_age = Index::create()
            .name("idx_idempotency_keys_created_at")
            .table(IdempotencyKeys::Table)
            .col(IdempotencyKeys::CreatedAt)
            .to_owned();
        manager.create_index(by_age).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Id,
    UserId,
    Key,
    Method,
    Path,
    RequestSha256,
    Completed,
    ResponseStatus,
    ResponseHeaders,
    ResponseBody,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
