//! One event to deliver through an outside channel (a webhook), with its attempts so far.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// `webhook` or `email`.
    pub channel: String,
    /// The user an e-mail goes to; `None` for a webhook.
    pub recipient_user_id: Option<i64>,
    /// `pending`, `delivered` or `dead`.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While set and ahead, a dispatcher holds the delivery and no other attempts it.
    pub locked_until: Option<DateTimeUtc>,
    /// The receiver's HTTP status on the last attempt; `None` if it could not be reached.
    pub last_status: Option<i32>,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
