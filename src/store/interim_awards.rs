//! Interim award rows: the detail behind the running total kept on the claim.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::interim_award;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::ConnectionTrait;

use crate::domain::{ClaimId, Money, UserId};

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    amount: Money,
    reason: &str,
    granted_by: Option<UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = interim_award::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        amount_minor: Set(amount.minor_units()),
        currency: Set(amount.currency().code().to_owned()),
        reason: Set(reason.trim().to_owned()),
        granted_by: Set(granted_by.map(|user| user.0)),
        granted_at: Set(now),
    };
    row.insert(connection)
        .await
        .context("inserting an interim award")?;
    Ok(())
}
