//! Issued decisions, one row per version, never changed once written.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use entity::decision;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::domain::ClaimId;

/// A decision version as stored: its frozen content and how it is verified.
#[derive(Debug, Clone)]
pub struct IssuedDecision {
    pub claim_id: ClaimId,
    pub version: i32,
    pub number: String,
    pub decided_on: NaiveDate,
    pub outcome: String,
    /// Canonical JSON.
    pub content: String,
    pub content_sha256: String,
    pub verification_code: String,
    pub supersedes: Option<i32>,
    pub issued_at: DateTime<Utc>,
}

fn issued(row: decision::Model) -> IssuedDecision {
    IssuedDecision {
        claim_id: ClaimId(row.claim_id),
        version: row.version,
        number: row.number,
        decided_on: row.decided_on,
        outcome: row.outcome,
        content: row.content,
        content_sha256: row.content_sha256,
        verification_code: row.verification_code,
        supersedes: row.supersedes,
        issued_at: row.issued_at,
    }
}

pub async fn insert(
    connection: &impl ConnectionTrait,
    decision: &IssuedDecision,
) -> anyhow::Result<()> {
    let row = decision::ActiveModel {
        id: NotSet,
        claim_id: Set(decision.claim_id.0),
        version: Set(decision.version),
        number: Set(decision.number.clone()),
        decided_on: Set(decision.decided_on),
        outcome: Set(decision.outcome.clone()),
        content: Set(decision.content.clone()),
        content_sha256: Set(decision.content_sha256.clone()),
        verification_code: Set(decision.verification_code.clone()),
        supersedes: Set(decision.supersedes),
        issued_at: Set(decision.issued_at),
    };
    row.insert(connection)
        .await
        .context("inserting a decision")?;
    Ok(())
}

/// The claim's decision versions, oldest first.
pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<IssuedDecision>> {
    let rows = decision::Entity::find()
        .filter(decision::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(decision::Column::Version)
        .all(connection)
        .await
        .context("reading decisions")?;
    Ok(rows.into_iter().map(issued).collect())
}

/// The claim's latest decision version, without reading any content.
pub async fn latest_version(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Option<i32>> {
    use sea_orm::QuerySelect;
    decision::Entity::find()
        .select_only()
        .column(decision::Column::Version)
        .filter(decision::Column::ClaimId.eq(claim_id.0))
        .order_by_desc(decision::Column::Version)
        .into_tuple::<i32>()
        .one(connection)
        .await
        .context("reading the latest decision version")
}

pub async fn by_verification_code(
    connection: &impl ConnectionTrait,
    code: &str,
) -> anyhow::Result<Option<IssuedDecision>> {
    let row = decision::Entity::find()
        .filter(decision::Column::VerificationCode.eq(code))
        .one(connection)
        .await
        .context("finding a decision by its verification code")?;
    Ok(row.map(issued))
}
