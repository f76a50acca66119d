//! Users, their roles and their bearer-token sessions.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{session, user, user_role};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::convert::{full_name, parse};
use super::is_unique_violation;
use crate::domain::notices::EmailAddress;
use crate::domain::role::FullName;
use crate::domain::{Role, UserId};

pub struct UserRecord {
    pub id: UserId,
    pub password_hash: String,
    pub active: bool,
}

/// The username is taken.
#[derive(Debug)]
pub struct UsernameTaken;

pub async fn insert(
    connection: &impl ConnectionTrait,
    (username, full_name): (&str, &FullName),
    password_hash: &str,
    roles: &BTreeSet<Role>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<UserId, UsernameTaken>> {
    let row = user::ActiveModel {
        id: NotSet,
        username: Set(username.to_owned()),
        full_name: Set(Some(full_name.expose().to_owned())),
        email: Set(None),
        password_hash: Set(password_hash.to_owned()),
        active: Set(true),
        created_at: Set(now),
    };
    let inserted = match row.insert(connection).await {
        Ok(inserted) => inserted,
        Err(error) if is_unique_violation(&error) => return Ok(Err(UsernameTaken)),
        Err(error) => return Err(error).context("inserting a user"),
    };
    let role_rows = roles.iter().map(|role| user_role::ActiveModel {
        user_id: Set(inserted.id),
        role: Set(role.as_str().to_owned()),
    });
    user_role::Entity::insert_many(role_rows)
        .exec(connection)
        .await
        .context("inserting roles")?;
    Ok(Ok(UserId(inserted.id)))
}

pub async fn find_by_username(
    connection: &impl ConnectionTrait,
    username: &str,
) -> anyhow::Result<Option<UserRecord>> {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(connection)
        .await
        .context("finding a user")?;
    Ok(row.map(|row| UserRecord {
        id: UserId(row.id),
        password_hash: row.password_hash,
        active: row.active,
    }))
}

pub async fn count(connection: &impl ConnectionTrait) -> anyhow::Result<u64> {
    user::Entity::find()
        .count(connection)
        .await
        .context("counting users")
}

pub async fn roles_of(
    connection: &impl ConnectionTrait,
    user_id: UserId,
) -> anyhow::Result<BTreeSet<Role>> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id.0))
        .all(connection)
        .await
        .context("reading roles")?;
    rows.iter()
        .map(|row| parse("user_roles.role", &row.role))
        .collect()
}

pub async fn insert_session(
    connection: &impl ConnectionTrait,
    user_id: UserId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = session::ActiveModel {
        id: NotSet,
        user_id: Set(user_id.0),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    };
    row.insert(connection)
        .await
        .context("inserting a session")?;
    Ok(())
}

/// A live session's user and when it expires.
pub struct LiveSession {
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
}

/// The live (unexpired, unrevoked) session of an active user behind `token_hash`.
pub async fn live_session(
    connection: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<LiveSession>> {
    let session = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now))
        .one(connection)
        .await
        .context("finding a session")?;
    let Some(session) = session else {
        return Ok(None);
    };
    let user = user::Entity::find_by_id(session.user_id)
        .one(connection)
        .await
        .context("finding a user")?;
    Ok(user.filter(|user| user.active).map(|user| LiveSession {
        user_id: UserId(user.id),
        expires_at: session.expires_at,
    }))
}

/// Revokes a live session; `false` if there was none.
pub async fn revoke_session(
    connection: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let result = session::Entity::update_many()
        .col_expr(
            session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::RevokedAt.is_null())
        .exec(connection)
        .await
        .context("revoking a session")?;
    Ok(result.rows_affected > 0)
}

/// Deletes the bearer sessions that can never be used again: revoked, or expired. Returns how
/// many went.
pub async fn delete_ended_sessions(
    connection: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    use sea_orm::ExprTrait as _;
    let result = session::Entity::delete_many()
        .filter(
            session::Column::RevokedAt
                .is_not_null()
                .or(session::Column::ExpiresAt.lte(now)),
        )
        .exec(connection)
        .await
        .context("deleting ended sessions")?;
    Ok(result.rows_affected)
}

/// A user as an administrator sees them; never the password hash.
pub struct UserSummary {
    pub id: UserId,
    pub username: String,
    /// `None` only for accounts created before full names were kept.
    pub full_name: Option<FullName>,
    /// Where e-mail notices go, if set.
    pub email: Option<EmailAddress>,
    pub roles: BTreeSet<Role>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn summary(
    connection: &impl ConnectionTrait,
    id: UserId,
) -> anyhow::Result<Option<UserSummary>> {
    let Some(row) = user::Entity::find_by_id(id.0)
        .one(connection)
        .await
        .context("finding a user")?
    else {
        return Ok(None);
    };
    let roles = roles_of(connection, id).await?;
    Ok(Some(UserSummary {
        id,
        full_name: full_name(row.full_name)?,
        email: email(row.email)?,
        username: row.username,
        roles,
        active: row.active,
        created_at: row.created_at,
    }))
}

/// Every user in id order, with their roles (the directory is small: staff and lawyers).
pub async fn all(connection: &impl ConnectionTrait) -> anyhow::Result<Vec<UserSummary>> {
    use sea_orm::QueryOrder;
    let rows = user::Entity::find()
        .order_by_asc(user::Column::Id)
        .all(connection)
        .await
        .context("listing users")?;
    let role_rows = user_role::Entity::find()
        .all(connection)
        .await
        .context("listing roles")?;
    rows.into_iter()
        .map(|row| {
            let roles = role_rows
                .iter()
                .filter(|role| role.user_id == row.id)
                .map(|role| parse("user_roles.role", &role.role))
                .collect::<anyhow::Result<_>>()?;
            Ok(UserSummary {
                id: UserId(row.id),
                full_name: full_name(row.full_name)?,
                email: email(row.email)?,
                username: row.username,
                roles,
                active: row.active,
                created_at: row.created_at,
            })
        })
        .collect()
}

/// Replaces the user's roles.
pub async fn set_roles(
    connection: &impl ConnectionTrait,
    id: UserId,
    roles: &BTreeSet<Role>,
) -> anyhow::Result<()> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(id.0))
        .exec(connection)
        .await
        .context("removing roles")?;
    let rows = roles.iter().map(|role| user_role::ActiveModel {
        user_id: Set(id.0),
        role: Set(role.as_str().to_owned()),
    });
    user_role::Entity::insert_many(rows)
        .exec(connection)
        .await
        .context("inserting roles")?;
    Ok(())
}

pub async fn set_full_name(
    connection: &impl ConnectionTrait,
    id: UserId,
    full_name: &FullName,
) -> anyhow::Result<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::FullName,
            sea_orm::sea_query::Expr::value(full_name.expose()),
        )
        .filter(user::Column::Id.eq(id.0))
        .exec(connection)
        .await
        .context("changing a user's full name")?;
    Ok(())
}

pub async fn set_email(
    connection: &impl ConnectionTrait,
    id: UserId,
    email: &EmailAddress,
) -> anyhow::Result<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::Email,
            sea_orm::sea_query::Expr::value(email.expose()),
        )
        .filter(user::Column::Id.eq(id.0))
        .exec(connection)
        .await
        .context("changing a user's e-mail address")?;
    Ok(())
}

fn email(stored: Option<String>) -> anyhow::Result<Option<EmailAddress>> {
    stored
        .map(|text| {
            EmailAddress::parse(&text).map_err(|reason| anyhow::anyhow!("users.email: {reason}"))
        })
        .transpose()
}

/// Activates or deactivates the user; deactivation also revokes every live session, the API's
/// tokens and the web UI's alike, so reactivating the account revives none of them.
pub async fn set_active(
    connection: &impl ConnectionTrait,
    id: UserId,
    active: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::Active,
            sea_orm::sea_query::Expr::value(active),
        )
        .filter(user::Column::Id.eq(id.0))
        .exec(connection)
        .await
        .context("changing whether a user is active")?;
    if !active {
        session::Entity::update_many()
            .col_expr(
                session::Column::RevokedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(session::Column::UserId.eq(id.0))
            .filter(session::Column::RevokedAt.is_null())
            .exec(connection)
            .await
            .context("revoking a deactivated user's sessions")?;
        super::browser_sessions::revoke_every_session_of(connection, id, now).await?;
    }
    Ok(())
}
