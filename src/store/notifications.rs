//! The notification outbox: events written in the transaction of the change that caused them,
//! in-app rows per recipient, and deliveries through outside channels, which dispatchers lease
//! one at a time with a conditional update (the same statement on both backends).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{claim, notification, notification_delivery, notification_event, user, user_role};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::convert::claim_from_row;
use crate::domain::notices::{DeliveryState, NoticeKind};
use crate::domain::{Claim, ClaimId, ClaimState, Role, UserId};

/// The outside channels: a webhook for the scheme's own systems, e-mail to a recipient.
pub const WEBHOOK_CHANNEL: &str = "webhook";
pub const EMAIL_CHANNEL: &str = "email";

/// An event as a notice states it: which claim, what, when; nothing personal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeEvent {
    pub claim_id: ClaimId,
    pub claim_reference: String,
    pub kind: NoticeKind,
    pub occurred_at: DateTime<Utc>,
}

/// One in-app notification of its recipient.
#[derive(Clone, Debug)]
pub struct StoredNotification {
    pub id: i64,
    pub event: NoticeEvent,
    pub read_at: Option<DateTime<Utc>>,
}

/// A delivery with the event it delivers.
#[derive(Clone, Debug)]
pub struct StoredDelivery {
    pub id: i64,
    pub channel: String,
    /// The user an e-mail goes to.
    pub recipient: Option<UserId>,
    pub state: DeliveryState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<u16>,
    pub event: NoticeEvent,
}

/// Writes the event; `None` when `dedupe_key` is set and already taken (the notice was enqueued
/// before, here or by another instance), in which case nothing is written.
pub async fn insert_event(
    connection: &impl ConnectionTrait,
    event: &NoticeEvent,
    dedupe_key: Option<String>,
) -> anyhow::Result<Option<i64>> {
    let row = notification_event::ActiveModel {
        id: NotSet,
        claim_id: Set(event.claim_id.0),
        claim_reference: Set(event.claim_reference.clone()),
        kind: Set(event.kind.as_str().to_owned()),
        occurred_at: Set(event.occurred_at),
        dedupe_key: Set(dedupe_key),
    };
    let once = OnConflict::column(notification_event::Column::DedupeKey)
        .do_nothing()
        .to_owned();
    match notification_event::Entity::insert(row)
        .on_conflict(once)
        .exec(connection)
        .await
    {
        Ok(inserted) => Ok(Some(inserted.last_insert_id)),
        Err(DbErr::RecordNotInserted) => Ok(None),
        Err(error) => Err(error).context("inserting a notification event"),
    }
}

/// The active users holding any of `roles`.
pub async fn active_users_with(
    connection: &impl ConnectionTrait,
    roles: &[Role],
) -> anyhow::Result<BTreeSet<UserId>> {
    if roles.is_empty() {
        return Ok(BTreeSet::new());
    }
    let names: Vec<&str> = roles.iter().map(|role| role.as_str()).collect();
    let holders: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::Role.is_in(names))
        .all(connection)
        .await
        .context("reading role holders")?
        .into_iter()
        .map(|row| row.user_id)
        .collect();
    let active = user::Entity::find()
        .filter(user::Column::Id.is_in(holders))
        .filter(user::Column::Active.eq(true))
        .all(connection)
        .await
        .context("reading active users")?;
    Ok(active.into_iter().map(|row| UserId(row.id)).collect())
}

/// Of `users`, those whose account is active.
pub async fn active_among(
    connection: &impl ConnectionTrait,
    users: BTreeSet<UserId>,
) -> anyhow::Result<BTreeSet<UserId>> {
    let active = user::Column::Active.eq(true);
    Ok(users_among(connection, &users, active)
        .await?
        .into_iter()
        .collect())
}

/// Of `users`, those with an e-mail address, in id order.
pub async fn with_email(
    connection: &impl ConnectionTrait,
    users: &BTreeSet<UserId>,
) -> anyhow::Result<Vec<UserId>> {
    users_among(connection, users, user::Column::Email.is_not_null()).await
}

async fn users_among(
    connection: &impl ConnectionTrait,
    users: &BTreeSet<UserId>,
    condition: sea_orm::sea_query::SimpleExpr,
) -> anyhow::Result<Vec<UserId>> {
    let ids: Vec<i64> = users.iter().map(|user| user.0).collect();
    let rows = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(condition)
        .order_by_asc(user::Column::Id)
        .all(connection)
        .await
        .context("reading users")?;
    Ok(rows.into_iter().map(|row| UserId(row.id)).collect())
}

/// The user's e-mail address now, if they still have one and are active.
pub async fn email_of(
    connection: &impl ConnectionTrait,
    user_id: UserId,
) -> anyhow::Result<Option<String>> {
    let row = user::Entity::find_by_id(user_id.0)
        .filter(user::Column::Active.eq(true))
        .one(connection)
        .await
        .context("reading an e-mail address")?;
    Ok(row.and_then(|row| row.email))
}

/// One unread in-app notification of the event for each recipient.
pub async fn insert_in_app(
    connection: &impl ConnectionTrait,
    event_id: i64,
    recipients: &BTreeSet<UserId>,
) -> anyhow::Result<()> {
    if recipients.is_empty() {
        return Ok(());
    }
    let rows = recipients
        .iter()
        .map(|recipient| notification::ActiveModel {
            id: NotSet,
            event_id: Set(event_id),
            user_id: Set(recipient.0),
            read_at: Set(None),
        });
    notification::Entity::insert_many(rows)
        .exec(connection)
        .await
        .context("inserting notifications")?;
    Ok(())
}

/// A delivery of the event through `channel` (to `recipient`, for e-mail), due at once.
pub async fn insert_delivery(
    connection: &impl ConnectionTrait,
    event_id: i64,
    (channel, recipient): (&str, Option<UserId>),
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = notification_delivery::ActiveModel {
        id: NotSet,
        event_id: Set(event_id),
        channel: Set(channel.to_owned()),
        recipient_user_id: Set(recipient.map(|user| user.0)),
        state: Set(DeliveryState::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_status: Set(None),
        delivered_at: Set(None),
    };
    notification_delivery::Entity::insert(row)
        .exec(connection)
        .await
        .context("inserting a notification delivery")?;
    Ok(())
}

/// The user's notifications after `after_id` in id order, the unread only if asked.
pub async fn page_for_user(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    unread_only: bool,
    (after_id, limit): (i64, u64),
) -> anyhow::Result<Vec<StoredNotification>> {
    let mut query = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id.0))
        .filter(notification::Column::Id.gt(after_id));
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let rows = query
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("reading notifications")?;
    let events = events_by_id(connection, rows.iter().map(|row| row.event_id)).await?;
    rows.into_iter()
        .map(|row| {
            let event = events
                .get(&row.event_id)
                .cloned()
                .context("a notification without its event")?;
            Ok(StoredNotification {
                id: row.id,
                event,
                read_at: row.read_at,
            })
        })
        .collect()
}

async fn events_by_id(
    connection: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> anyhow::Result<BTreeMap<i64, NoticeEvent>> {
    let ids: BTreeSet<i64> = ids.collect();
    let rows = notification_event::Entity::find()
        .filter(notification_event::Column::Id.is_in(ids))
        .all(connection)
        .await
        .context("reading notification events")?;
    rows.into_iter()
        .map(|row| Ok((row.id, event_from_row(row)?)))
        .collect()
}

fn event_from_row(row: notification_event::Model) -> anyhow::Result<NoticeEvent> {
    Ok(NoticeEvent {
        claim_id: ClaimId(row.claim_id),
        claim_reference: row.claim_reference,
        kind: row
            .kind
            .parse()
            .with_context(|| format!("notification_events.kind {:?}", row.kind))?,
        occurred_at: row.occurred_at,
    })
}

/// Marks the user's notification read (once: the first reading's time stays); false when the
/// user has no notification with that id.
pub async fn mark_read(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let own = notification::Column::UserId.eq(user_id.0);
    let found = notification::Entity::find_by_id(id)
        .filter(own.clone())
        .one(connection)
        .await
        .context("reading a notification")?;
    if found.is_none() {
        return Ok(false);
    }
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::Id.eq(id))
        .filter(own)
        .filter(notification::Column::ReadAt.is_null())
        .exec(connection)
        .await
        .context("marking a notification read")?;
    Ok(true)
}

/// Marks every unread notification of the user read; returns how many were.
pub async fn mark_all_read(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let updated = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id.0))
        .filter(notification::Column::ReadAt.is_null())
        .exec(connection)
        .await
        .context("marking notifications read")?;
    Ok(updated.rows_affected)
}

/// Decided claims after `after_id` whose appeal window closes on or before `last_day` and has not
/// closed before `today`: the candidates for a reminder, which the domain confirms.
pub async fn appeal_windows_closing(
    connection: &impl ConnectionTrait,
    (today, last_day): (NaiveDate, NaiveDate),
    after_id: i64,
    limit: u64,
) -> anyhow::Result<Vec<Claim>> {
    let rows = claim::Entity::find()
        .filter(claim::Column::Id.gt(after_id))
        .filter(claim::Column::State.eq(ClaimState::Decided.as_str()))
        .filter(claim::Column::AppealDue.gte(today))
        .filter(claim::Column::AppealDue.lte(last_day))
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("finding appeal windows closing")?;
    rows.into_iter().map(claim_from_row).collect()
}

/// Pending deliveries due by `now` and not leased by a dispatcher, oldest first.
pub async fn due_deliveries(
    connection: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> anyhow::Result<Vec<StoredDelivery>> {
    let rows = notification_delivery::Entity::find()
        .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.as_str()))
        .filter(notification_delivery::Column::NextAttemptAt.lte(now))
        .filter(unleased(now))
        .order_by_asc(notification_delivery::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("finding due deliveries")?;
    with_events(connection, rows).await
}

fn unleased(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(notification_delivery::Column::LockedUntil.is_null())
        .add(notification_delivery::Column::LockedUntil.lt(now))
}

/// Takes the delivery for one attempt until `until`: true for exactly one of any dispatchers
/// trying at once, as the update applies only while the delivery is pending and unleased.
pub async fn lease(
    connection: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let leased = notification_delivery::Entity::update_many()
        .col_expr(
            notification_delivery::Column::LockedUntil,
            Expr::value(until),
        )
        .filter(notification_delivery::Column::Id.eq(id))
        .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.as_str()))
        .filter(unleased(now))
        .exec(connection)
        .await
        .context("leasing a delivery")?;
    Ok(leased.rows_affected == 1)
}

/// The outcome of an attempt, written as the lease ends.
#[derive(Clone, Copy, Debug)]
pub struct AttemptRecord {
    pub attempts: u32,
    pub state: DeliveryState,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<u16>,
    pub delivered_at: Option<DateTime<Utc>>,
}

pub async fn record_attempt(
    connection: &impl ConnectionTrait,
    id: i64,
    record: AttemptRecord,
) -> anyhow::Result<()> {
    let attempts = i32::try_from(record.attempts).context("too many attempts")?;
    notification_delivery::Entity::update_many()
        .col_expr(
            notification_delivery::Column::Attempts,
            Expr::value(attempts),
        )
        .col_expr(
            notification_delivery::Column::State,
            Expr::value(record.state.as_str()),
        )
        .col_expr(
            notification_delivery::Column::NextAttemptAt,
            Expr::value(record.next_attempt_at),
        )
        .col_expr(
            notification_delivery::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            notification_delivery::Column::LastStatus,
            Expr::value(record.last_status.map(i32::from)),
        )
        .col_expr(
            notification_delivery::Column::DeliveredAt,
            Expr::value(record.delivered_at),
        )
        .filter(notification_delivery::Column::Id.eq(id))
        .exec(connection)
        .await
        .context("recording a delivery attempt")?;
    Ok(())
}

/// How many deliveries wait for an attempt (pending), for the outbox backlog gauge.
pub async fn count_pending(connection: &impl ConnectionTrait) -> anyhow::Result<u64> {
    notification_delivery::Entity::find()
        .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.as_str()))
        .count(connection)
        .await
        .context("counting pending deliveries")
}

/// Deliveries in `state` after `after_id`, in id order.
pub async fn deliveries_in(
    connection: &impl ConnectionTrait,
    state: DeliveryState,
    (after_id, limit): (i64, u64),
) -> anyhow::Result<Vec<StoredDelivery>> {
    let rows = notification_delivery::Entity::find()
        .filter(notification_delivery::Column::State.eq(state.as_str()))
        .filter(notification_delivery::Column::Id.gt(after_id))
        .order_by_asc(notification_delivery::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("reading deliveries")?;
    with_events(connection, rows).await
}

/// Puts a dead delivery back to pending, due at `now`, with its attempts counted afresh; false
/// when there is no dead delivery with that id.
pub async fn retry_dead(
    connection: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let retried = notification_delivery::Entity::update_many()
        .col_expr(
            notification_delivery::Column::State,
            Expr::value(DeliveryState::Pending.as_str()),
        )
        .col_expr(notification_delivery::Column::Attempts, Expr::value(0))
        .col_expr(
            notification_delivery::Column::NextAttemptAt,
            Expr::value(now),
        )
        .filter(notification_delivery::Column::Id.eq(id))
        .filter(notification_delivery::Column::State.eq(DeliveryState::Dead.as_str()))
        .exec(connection)
        .await
        .context("retrying a delivery")?;
    Ok(retried.rows_affected == 1)
}

async fn with_events(
    connection: &impl ConnectionTrait,
    rows: Vec<notification_delivery::Model>,
) -> anyhow::Result<Vec<StoredDelivery>> {
    let events = events_by_id(connection, rows.iter().map(|row| row.event_id)).await?;
    rows.into_iter()
        .map(|row| {
            let event = events
                .get(&row.event_id)
                .cloned()
                .context("a delivery without its event")?;
            Ok(StoredDelivery {
                id: row.id,
                state: row
                    .state
                    .parse()
                    .with_context(|| format!("notification_deliveries.state {:?}", row.state))?,
                channel: row.channel,
                recipient: row.recipient_user_id.map(UserId),
                attempts: u32::try_from(row.attempts).unwrap_or(0),
                next_attempt_at: row.next_attempt_at,
                last_status: row
                    .last_status
                    .and_then(|status| u16::try_from(status).ok()),
                event,
            })
        })
        .collect()
}
