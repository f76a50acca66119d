//! Browser sessions of the web UI, kept apart from the API's bearer tokens: a cookie holds a
//! random id, the table only its SHA-256, so a copy of the table signs nobody in. Stored in the
//! database so that several instances share them and signing out revokes everywhere.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(BrowserSessions::Table)
            .col(big_pk_auto(BrowserSessions::Id))
            .col(big_integer(BrowserSessions::UserId))
            .col(string_len_uniq(BrowserSessions::IdSha256, 64))
            .col(timestamp_with_time_zone(BrowserSessions::CreatedAt))
            // Moved forward as the session is used (at most once a minute): the idle timeout
            // counts from here, the absolute one from `expires_at`.
            .col(timestamp_with_time_zone(BrowserSessions::LastSeenAt))
            .col(timestamp_with_time_zone(BrowserSessions::ExpiresAt))
            .col(timestamp_with_time_zone_null(BrowserSessions::RevokedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(BrowserSessions::Table, BrowserSessions::UserId)
                    .to(Users::Table, Users::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        // Deactivating a user revokes their sessions by user.
        let by_user = Index::create()
            .name("idx_browser_sessions_user_id")
            .table(BrowserSessions::Table)
            .col(BrowserSessions::UserId)
            .to_owned();
        manager.create_index(by_user).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BrowserSessions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum BrowserSessions {
    Table,
    Id,
    UserId,
    IdSha256,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
