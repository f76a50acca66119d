//! The access log's rows.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::access_log;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::domain::{ClaimId, UserId};

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    user_id: Option<UserId>,
    fields: &[&str],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = access_log::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        user_id: Set(user_id.map(|user| user.0)),
        fields: Set(fields.join(",")),
        read_at: Set(now),
    };
    row.insert(connection)
        .await
        .context("writing the access log")?;
    Ok(())
}

pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<access_log::Model>> {
    access_log::Entity::find()
        .filter(access_log::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(access_log::Column::Id)
        .all(connection)
        .await
        .context("reading the access log")
}
