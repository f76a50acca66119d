//! The append-only audit trail; each claim's events form a SHA-256 hash chain.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub sequence: i64,
    pub actor_user_id: Option<i64>,
    pub role: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    /// Canonical JSON (RFC 8785), kept as text so it is stored byte for byte.
    pub payload: String,
    pub occurred_at: DateTimeUtc,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
