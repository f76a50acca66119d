//! Something that happened to a claim and calls for a notice: the outbox's event, written in the
//! transaction of the change that caused it. It holds the claim's reference and nothing personal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub claim_reference: String,
    /// `claim_submitted`, `evidence_requested`, `decision_issued`, ...
    pub kind: String,
    pub occurred_at: DateTimeUtc,
    /// Set on timed notices, which must be enqueued once only; unique.
    pub dedupe_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
