//! Notifications as a transactional outbox: each event that calls for a notice (a claim
//! submitted, evidence requested, a decision issued, ...) is written in the same transaction as
//! the change that causes it, with one in-app row per recipient and one delivery row per
//! outside channel (a webhook), which a dispatcher works through with retries.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Where a user's e-mail notices go; none until an administrator sets one.
        let email = Table::alter()
            .table(Users::Table)
            .add_column(text_null(Users::Email))
            .to_owned();
        manager.alter_table(email).await?;
        manager.create_table(events()).await?;
        // A timed notice (an appeal window closing) is enqueued once per claim and date: the
        // second of two passes, here or on another instance, finds the key taken.
        let once = Index::create()
            .name("idx_notification_events_dedupe_key")
            .table(NotificationEvents::Table)
            .col(NotificationEvents::DedupeKey)
            .unique()
            .to_owned();
        manager.create_index(once).await?;
        manager.create_table(notifications()).await?;
        let inbox = Index::create()
            .name("idx_notifications_user_id")
            .table(Notifications::Table)
            .col(Notifications::UserId)
            .col(Notifications::Id)
            .to_owned();
        manager.create_index(inbox).await?;
        manager.create_table(deliveries()).await?;
        let due = Index::create()
            .name("idx_notification_deliveries_due")
            .table(NotificationDeliveries::Table)
            .col(NotificationDeliveries::State)
            .col(NotificationDeliveries::NextAttemptAt)
            .to_owned();
        manager.create_index(due).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NotificationDeliveries::Table.into_iden(),
            Notifications::Table.into_iden(),
            NotificationEvents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        let email = Table::alter()
            .table(Users::Table)
            .drop_column(Users::Email)
            .to_owned();
        manager.alter_table(email).await
    }
}

fn events() -> TableCreateStatement {
    Table::create()
        .table(NotificationEvents::Table)
        .col(big_pk_auto(NotificationEvents::Id))
        .col(big_integer(NotificationEvents::ClaimId))
        .col(string_len(NotificationEvents::ClaimReference, 40))
        .col(string_len(NotificationEvents::Kind, 40))
        .col(timestamp_with_time_zone(NotificationEvents::OccurredAt))
        .col(string_len_null(NotificationEvents::DedupeKey, 120))
        .foreign_key(
            ForeignKey::create()
                .from(NotificationEvents::Table, NotificationEvents::ClaimId)
                .to(Claims::Table, Claims::Id),
        )
        .to_owned()
}

fn notifications() -> TableCreateStatement {
    Table::create()
        .table(Notifications::Table)
        .col(big_pk_auto(Notifications::Id))
        .col(big_integer(Notifications::EventId))
        .col(big_integer(Notifications::UserId))
        .col(timestamp_with_time_zone_null(Notifications::ReadAt))
        .foreign_key(
            ForeignKey::create()
                .from(Notifications::Table, Notifications::EventId)
                .to(NotificationEvents::Table, NotificationEvents::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(Notifications::Table, Notifications::UserId)
                .to(Users::Table, Users::Id),
        )
        .to_owned()
}

fn deliveries() -> TableCreateStatement {
    Table::create()
        .table(NotificationDeliveries::Table)
        .col(big_pk_auto(NotificationDeliveries::Id))
        .col(big_integer(NotificationDeliveries::EventId))
        .col(string_len(NotificationDeliveries::Channel, 16))
        // The user an e-mail goes to; their address is read when it is sent, never copied here.
        .col(big_integer_null(NotificationDeliveries::RecipientUserId))
        .col(string_len(NotificationDeliveries::State, 16))
        .col(integer(NotificationDeliveries::Attempts))
        .col(timestamp_with_time_zone(
            NotificationDeliveries::NextAttemptAt,
        ))
        .col(timestamp_with_time_zone_null(
            NotificationDeliveries::LockedUntil,
        ))
        .col(integer_null(NotificationDeliveries::LastStatus))
        .col(timestamp_with_time_zone_null(
            NotificationDeliveries::DeliveredAt,
        ))
        .foreign_key(
            ForeignKey::create()
                .from(
                    NotificationDeliveries::Table,
                    NotificationDeliveries::EventId,
                )
                .to(NotificationEvents::Table, NotificationEvents::Id),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum NotificationEvents {
    Table,
    Id,
    ClaimId,
    ClaimReference,
    Kind,
    OccurredAt,
    DedupeKey,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    EventId,
    UserId,
    ReadAt,
}

#[derive(DeriveIden)]
enum NotificationDeliveries {
    Table,
    Id,
    EventId,
    Channel,
    RecipientUserId,
    State,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastStatus,
    DeliveredAt,
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
    Email,
}
