//! A user's idempotency key: the request it was first used for and, once answered, the answer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub key: String,
    pub method: String,
    pub path: String,
    /// Lowercase hex SHA-256 of what makes the request what it is (method, path, body, ...).
    pub request_sha256: String,
    /// False while the first request is being answered.
    pub completed: bool,
    pub response_status: Option<i32>,
    /// A JSON object of the response headers a replay repeats.
    pub response_headers: Option<String>,
    pub response_body: Option<Vec<u8>>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
