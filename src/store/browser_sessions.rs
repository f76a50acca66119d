//! Web UI sessions: rows keyed by the SHA-256 of the cookie's random id.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{browser_session, user};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::UserId;

/// A session as its row has it, unrevoked and its user active.
pub struct LiveBrowserSession {
    pub user_id: UserId,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    id_sha256: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = browser_session::ActiveModel {
        id: NotSet,
        user_id: Set(user_id.0),
        id_sha256: Set(id_sha256.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    };
    row.insert(connection)
        .await
        .context("inserting a browser session")?;
    Ok(())
}

/// The unrevoked session with this id hash, if its user is still active. Timeouts are the
/// caller's to judge, as they need the clock.
pub async fn find_unrevoked(
    connection: &impl ConnectionTrait,
    id_sha256: &str,
) -> anyhow::Result<Option<LiveBrowserSession>> {
    let Some(session) = browser_session::Entity::find()
        .filter(browser_session::Column::IdSha256.eq(id_sha256))
        .filter(browser_session::Column::RevokedAt.is_null())
        .one(connection)
        .await
        .context("finding a browser session")?
    else {
        return Ok(None);
    };
    let active = user::Entity::find_by_id(session.user_id)
        .one(connection)
        .await
        .context("finding a session's user")?
        .is_some_and(|user| user.active);
    Ok(active.then_some(LiveBrowserSession {
        user_id: UserId(session.user_id),
        last_seen_at: session.last_seen_at,
        expires_at: session.expires_at,
    }))
}

/// Records that the session was used at `now`.
pub async fn touch(
    connection: &impl ConnectionTrait,
    id_sha256: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    browser_session::Entity::update_many()
        .col_expr(browser_session::Column::LastSeenAt, Expr::value(now))
        .filter(browser_session::Column::IdSha256.eq(id_sha256))
        .exec(connection)
        .await
        .context("touching a browser session")?;
    Ok(())
}

/// Revokes the session if it is live; `false` if there was none to revoke.
pub async fn revoke(
    connection: &impl ConnectionTrait,
    id_sha256: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let result = browser_session::Entity::update_many()
        .col_expr(browser_session::Column::RevokedAt, Expr::value(now))
        .filter(browser_session::Column::IdSha256.eq(id_sha256))
        .filter(browser_session::Column::RevokedAt.is_null())
        .exec(connection)
        .await
        .context("revoking a browser session")?;
    Ok(result.rows_affected > 0)
}

/// Revokes every live session of the user (when they are deactivated).
pub async fn revoke_every_session_of(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    browser_session::Entity::update_many()
        .col_expr(browser_session::Column::RevokedAt, Expr::value(now))
        .filter(browser_session::Column::UserId.eq(user_id.0))
        .filter(browser_session::Column::RevokedAt.is_null())
        .exec(connection)
        .await
        .context("revoking a deactivated user's browser sessions")?;
    Ok(())
}

/// Deletes the sessions that can never be used again: revoked, or past their absolute expiry.
/// Returns how many went.
pub async fn delete_ended(
    connection: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    use sea_orm::ExprTrait as _;
    let result = browser_session::Entity::delete_many()
        .filter(
            browser_session::Column::RevokedAt
                .is_not_null()
                .or(browser_session::Column::ExpiresAt.lte(now)),
        )
        .exec(connection)
        .await
        .context("deleting ended browser sessions")?;
    Ok(result.rows_affected)
}
