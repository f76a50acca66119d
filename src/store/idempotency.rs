//! Idempotency keys: reserving a key for a request, keeping the answer, forgetting old keys.

use std::collections::BTreeMap;

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, Utc};
use entity::idempotency_key::{self, Column};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TryInsertResult};

use crate::domain::UserId;

/// What a key is first used for. A later use must match it to get the stored answer.
#[derive(Debug, Clone)]
pub struct KeyedRequest {
    pub user_id: UserId,
    pub key: String,
    pub method: String,
    pub path: String,
    /// Lowercase hex SHA-256 of what makes the request what it is.
    pub request_sha256: String,
}

/// The answer given to a keyed request, as a replay repeats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    /// Only the headers a replay must repeat (content type, location, entity tag).
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// A key already in use, with its answer once there is one.
#[derive(Debug, Clone)]
pub struct ExistingKey {
    pub id: i64,
    pub method: String,
    pub path: String,
    pub request_sha256: String,
    /// `None` while the first request is still being answered.
    pub response: Option<StoredResponse>,
    pub created_at: DateTime<Utc>,
}

/// Reserves the key for the request; `None` when the user already has this key.
pub async fn reserve(
    connection: &impl ConnectionTrait,
    request: &KeyedRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    let row = idempotency_key::ActiveModel {
        id: NotSet,
        user_id: Set(request.user_id.0),
        key: Set(request.key.clone()),
        method: Set(request.method.clone()),
        path: Set(request.path.clone()),
        request_sha256: Set(request.request_sha256.clone()),
        completed: Set(false),
        response_status: Set(None),
        response_headers: Set(None),
        response_body: Set(None),
        created_at: Set(now),
    };
    // ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL a
    // violation aborts the transaction, and the caller still has to read the existing row.
    let inserted = idempotency_key::Entity::insert(row)
        .on_conflict_do_nothing_on([Column::UserId, Column::Key])
        .exec(connection)
        .await
        .context("reserving an idempotency key")?;
    Ok(match inserted {
        TryInsertResult::Inserted(result) => Some(result.last_insert_id),
        TryInsertResult::Conflicted | TryInsertResult::Empty => None,
    })
}

pub async fn find(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    key: &str,
) -> anyhow::Result<Option<ExistingKey>> {
    let row = idempotency_key::Entity::find()
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Key.eq(key))
        .one(connection)
        .await
        .context("finding an idempotency key")?;
    row.map(existing_from_row).transpose()
}

fn existing_from_row(row: idempotency_key::Model) -> anyhow::Result<ExistingKey> {
    let response = if row.completed {
        Some(response_from_row(&row)?)
    } else {
        None
    };
    Ok(ExistingKey {
        id: row.id,
        method: row.method,
        path: row.path,
        request_sha256: row.request_sha256,
        response,
        created_at: row.created_at,
    })
}

fn response_from_row(row: &idempotency_key::Model) -> anyhow::Result<StoredResponse> {
    let status = row
        .response_status
        .and_then(|status| u16::try_from(status).ok())
        .ok_or_else(|| anyhow!("idempotency_keys.response_status: missing or out of range"))?;
    let headers = match &row.response_headers {
        Some(text) => serde_json::from_str(text)
            .context("idempotency_keys.response_headers: not a JSON object of strings")?,
        None => BTreeMap::new(),
    };
    Ok(StoredResponse {
        status,
        headers,
        body: row.response_body.clone().unwrap_or_default(),
    })
}

/// Hands a reservation abandoned before `abandoned_before` to a new request. Only one taker
/// wins: the update is conditional on the row still being the abandoned one.
pub async fn take_over(
    connection: &impl ConnectionTrait,
    id: i64,
    request: &KeyedRequest,
    abandoned_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let result = idempotency_key::Entity::update_many()
        .col_expr(Column::Method, Expr::value(request.method.clone()))
        .col_expr(Column::Path, Expr::value(request.path.clone()))
        .col_expr(
            Column::RequestSha256,
            Expr::value(request.request_sha256.clone()),
        )
        .col_expr(Column::CreatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::Completed.eq(false))
        .filter(Column::CreatedAt.lt(abandoned_before))
        .exec(connection)
        .await
        .context("taking over an abandoned idempotency key")?;
    Ok(result.rows_affected == 1)
}

/// Keeps the answer to a reserved key.
pub async fn complete(
    connection: &impl ConnectionTrait,
    id: i64,
    response: &StoredResponse,
) -> anyhow::Result<()> {
    let headers = serde_json::to_string(&response.headers).context("encoding response headers")?;
    idempotency_key::Entity::update_many()
        .col_expr(Column::Completed, Expr::value(true))
        .col_expr(
            Column::ResponseStatus,
            Expr::value(i32::from(response.status)),
        )
        .col_expr(Column::ResponseHeaders, Expr::value(headers))
        .col_expr(Column::ResponseBody, Expr::value(response.body.clone()))
        .filter(Column::Id.eq(id))
        .exec(connection)
        .await
        .context("storing the answer to an idempotency key")?;
    Ok(())
}

/// Frees a reserved key that has no answer worth keeping, so that a retry runs again.
pub async fn release(connection: &impl ConnectionTrait, id: i64) -> anyhow::Result<()> {
    idempotency_key::Entity::delete_many()
        .filter(Column::Id.eq(id))
        .filter(Column::Completed.eq(false))
        .exec(connection)
        .await
        .context("releasing an idempotency key")?;
    Ok(())
}

/// Forgets every key reserved before `created_before`, answered or not.
pub async fn delete_expired(
    connection: &impl ConnectionTrait,
    created_before: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let result = idempotency_key::Entity::delete_many()
        .filter(Column::CreatedAt.lt(created_before))
        .exec(connection)
        .await
        .context("deleting expired idempotency keys")?;
    Ok(result.rows_affected)
}
