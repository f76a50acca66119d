//! Notifications: each user's own in-app list and reading them; for administrators, the
//! webhook deliveries that failed every attempt, and retrying them.

use chrono::{DateTime, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::Tag;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::notices::{DeliveryState, NoticeKind};
use crate::service::Services;
use crate::store::notifications::{StoredDelivery, StoredNotification};

/// A page's size when `limit` is left out.
const PAGE_SIZE_DEFAULT: u64 = 50;

pub struct NotificationsApi {
    pub services: Services,
}

#[derive(Object)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NoticeKind,
    pub claim_id: i64,
    pub claim_reference: String,
    pub occurred_at: DateTime<Utc>,
    /// When the recipient marked it read; absent while unread.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<StoredNotification> for NotificationView {
    fn from(stored: StoredNotification) -> Self {
        NotificationView {
            id: stored.id,
            kind: stored.event.kind,
            claim_id: stored.event.claim_id.0,
            claim_reference: stored.event.claim_reference,
            occurred_at: stored.event.occurred_at,
            read_at: stored.read_at,
        }
    }
}

#[derive(Object)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<i64>,
}

#[derive(Object)]
pub struct MarkedRead {
    /// How many notifications were unread and are now read.
    pub marked: u64,
}

#[derive(Object)]
pub struct DeliveryView {
    pub id: i64,
    /// `webhook`.
    pub channel: String,
    pub state: DeliveryState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    /// The receiver's HTTP status on the last attempt; absent if it could not be reached.
    pub last_status: Option<u16>,
    pub kind: NoticeKind,
    pub claim_reference: String,
    pub occurred_at: DateTime<Utc>,
}

impl From<StoredDelivery> for DeliveryView {
    fn from(stored: StoredDelivery) -> Self {
        DeliveryView {
            id: stored.id,
            channel: stored.channel,
            state: stored.state,
            attempts: stored.attempts,
            next_attempt_at: stored.next_attempt_at,
            last_status: stored.last_status,
            kind: stored.event.kind,
            claim_reference: stored.event.claim_reference,
            occurred_at: stored.event.occurred_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum Marked {
    /// Marked read (or it was already).
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
pub enum Retried {
    /// The delivery is pending again, for the next dispatcher pass.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Notifications")]
impl NotificationsApi {
    /// The caller's own notifications, oldest first; `unread=true` keeps the unread ones.
    /// Pages of `limit` (1 to 200, default 50): pass a page's `next` as `after`.
    #[oai(path = "/notifications", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        unread: Query<Option<bool>>,
        after: Query<Option<i64>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))] limit: Query<Option<u64>>,
    ) -> Result<Json<NotificationPage>, ApiError> {
        let limit = limit.0.unwrap_or(PAGE_SIZE_DEFAULT);
        let page = (after.0.unwrap_or(0), limit + 1);
        let mut items = self
            .services
            .notifications(&auth.0.actor, unread.0.unwrap_or(false), page)
            .await?;
        let next = (items.len() as u64 > limit).then(|| {
            items.truncate(limit as usize);
            items.last().map(|item| item.id)
        });
        Ok(Json(NotificationPage {
            items: items.into_iter().map(Into::into).collect(),
            next: next.flatten(),
        }))
    }

    /// Mark one of the caller's notifications read; anyone else's is not found.
    #[oai(path = "/notifications/:id/read", method = "post")]
    async fn read(&self, auth: BearerAuth, id: Path<i64>) -> Result<Marked, ApiError> {
        self.services
            .mark_notification_read(&auth.0.actor, id.0)
            .await?;
        Ok(Marked::NoContent)
    }

    /// Mark all the caller's notifications read.
    #[oai(path = "/notifications/read-all", method = "post")]
    async fn read_all(&self, auth: BearerAuth) -> Result<Json<MarkedRead>, ApiError> {
        let marked = self
            .services
            .mark_all_notifications_read(&auth.0.actor)
            .await?;
        Ok(Json(MarkedRead { marked }))
    }

    /// Webhook deliveries in a state, oldest first (administrators); `state=dead` lists those
    /// that failed every attempt.
    #[oai(path = "/notification-deliveries", method = "get")]
    async fn deliveries(
        &self,
        auth: BearerAuth,
        state: Query<DeliveryState>,
        after: Query<Option<i64>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))] limit: Query<Option<u64>>,
    ) -> Result<Json<Vec<DeliveryView>>, ApiError> {
        let page = (after.0.unwrap_or(0), limit.0.unwrap_or(PAGE_SIZE_DEFAULT));
        let deliveries = self
            .services
            .notification_deliveries(&auth.0.actor, state.0, page)
            .await?;
        Ok(Json(deliveries.into_iter().map(Into::into).collect()))
    }

    /// Give a dead delivery a fresh round of attempts (administrators).
    #[oai(path = "/notification-deliveries/:id/retry", method = "post")]
    async fn retry(&self, auth: BearerAuth, id: Path<i64>) -> Result<Retried, ApiError> {
        self.services
            .retry_notification_delivery(&auth.0.actor, id.0)
            .await?;
        Ok(Retried::NoContent)
    }
}
