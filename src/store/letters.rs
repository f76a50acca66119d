//! Letters to the applicant, numbered per claim, never changed once written.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use entity::letter;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::domain::ClaimId;

/// A letter as stored.
#[derive(Debug, Clone)]
pub struct IssuedLetter {
    pub sequence: i32,
    pub kind: String,
    pub dated_on: NaiveDate,
    /// Canonical JSON.
    pub content: String,
    pub content_sha256: String,
    pub issued_at: DateTime<Utc>,
}

/// Stores the letter as the claim's next; the caller's transaction makes the number unique
/// (and the unique index settles a race).
pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    letter: &IssuedLetter,
) -> anyhow::Result<i32> {
    let existing = letter::Entity::find()
        .filter(letter::Column::ClaimId.eq(claim_id.0))
        .count(connection)
        .await
        .context("counting letters")?;
    let sequence = i32::try_from(existing + 1).context("too many letters")?;
    let row = letter::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        sequence: Set(sequence),
        kind: Set(letter.kind.clone()),
        dated_on: Set(letter.dated_on),
        content: Set(letter.content.clone()),
        content_sha256: Set(letter.content_sha256.clone()),
        issued_at: Set(letter.issued_at),
    };
    row.insert(connection).await.context("inserting a letter")?;
    Ok(sequence)
}

/// The claim's letters, in the order they were issued.
pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<IssuedLetter>> {
    let rows = letter::Entity::find()
        .filter(letter::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(letter::Column::Sequence)
        .all(connection)
        .await
        .context("reading letters")?;
    Ok(rows
        .into_iter()
        .map(|row| IssuedLetter {
            sequence: row.sequence,
            kind: row.kind,
            dated_on: row.dated_on,
            content: row.content,
            content_sha256: row.content_sha256,
            issued_at: row.issued_at,
        })
        .collect())
}
