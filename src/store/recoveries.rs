//! Amounts recovered from offenders, one row per amount received; their note is never logged.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::recovery;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::ConnectionTrait;

use crate::domain::operations::Recovery;
use crate::domain::{ClaimId, UserId};

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    recovery: &Recovery,
    recorded_by: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = recovery::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        amount_minor: Set(recovery.amount.minor_units()),
        currency: Set(recovery.amount.currency().code().to_owned()),
        received_on: Set(recovery.received_on),
        note: Set(recovery.note.clone()),
        recorded_by: Set(recorded_by.0),
        recorded_at: Set(now),
    };
    row.insert(connection)
        .await
        .context("inserting a recovery")?;
    Ok(())
}
