//! Claim rows: loading, inserting with a fresh reference, and the version-checked update.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{claim, reference_counter};
use sea_orm::ActiveValue::Set;
use sea_orm::ExprTrait;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::convert::{changed_columns, claim_from_row};
use crate::domain::claim::Deadlines;
use crate::domain::money::Money;
use crate::domain::reference::ClaimReference;
use crate::domain::rules::JurisdictionRules;
use crate::domain::{Claim, ClaimFacts, ClaimId, ClaimState, UserId};

pub async fn find(connection: &impl ConnectionTrait, id: ClaimId) -> anyhow::Result<Option<Claim>> {
    let row = claim::Entity::find_by_id(id.0)
        .one(connection)
        .await
        .context("loading a claim")?;
    row.map(claim_from_row).transpose()
}

/// Issues the next reference of the jurisdiction and year. The counter row is upserted inside
/// the caller's transaction, so two concurrent drafts never share a number.
pub async fn next_reference(
    connection: &impl ConnectionTrait,
    rules: &JurisdictionRules,
    year: i32,
) -> anyhow::Result<ClaimReference> {
    let counter = reference_counter::ActiveModel {
        jurisdiction: Set(rules.id.as_str().to_owned()),
        year: Set(year),
        last_number: Set(1),
    };
    let conflict = OnConflict::columns([
        reference_counter::Column::Jurisdiction,
        reference_counter::Column::Year,
    ])
    .value(
        reference_counter::Column::LastNumber,
        Expr::col((
            reference_counter::Entity,
            reference_counter::Column::LastNumber,
        ))
        .add(1),
    )
    .to_owned();
    let issued = reference_counter::Entity::insert(counter)
        .on_conflict(conflict)
        .exec_with_returning(connection)
        .await
        .context("issuing a claim reference")?;
    let number = u32::try_from(issued.last_number).context("reference counter is negative")?;
    Ok(ClaimReference::new(&rules.reference_prefix, year, number)?)
}

/// A draft about to be stored.
pub struct NewClaim<'a> {
    pub reference: &'a ClaimReference,
    pub rules: &'a JurisdictionRules,
    pub facts: &'a ClaimFacts,
    pub created_by: Option<UserId>,
    pub representative: Option<UserId>,
    pub deadlines: &'a Deadlines,
}

/// Inserts a draft at version 1 (its `create` event is sequence 1).
pub async fn insert(
    connection: &impl ConnectionTrait,
    new: NewClaim<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Claim> {
    let draft = Claim {
        id: ClaimId(0),
        reference: new.reference.clone(),
        jurisdiction: new.rules.id.clone(),
        state: ClaimState::Draft,
        version: 1,
        facts: new.facts.clone(),
        created_by: new.created_by,
        representative: new.representative,
        lodged_on: None,
        filing_extension_reason: None,
        deadlines: new.deadlines.clone(),
        proposed_award: None,
        review_round: 0,
        interim_awarded: Money::zero(new.rules.currency),
        assessment: None,
        calculation: None,
        decision: None,
    };
    let mut row = changed_columns(&draft, now)?;
    row.reference = Set(new.reference.to_string());
    row.jurisdiction = Set(new.rules.id.as_str().to_owned());
    row.reference_year = Set(new.reference.year());
    row.reference_number = Set(new.reference.number() as i32);
    row.currency = Set(new.rules.currency.code().to_owned());
    row.created_by = Set(new.created_by.map(|user| user.0));
    row.created_at = Set(now);
    let inserted = row.insert(connection).await.context("inserting a claim")?;
    claim_from_row(inserted)
}

/// Writes `after` over the row if, and only if, the row is still at `expected_version`, and
/// moves it to the next version. `false` means someone else changed the claim first.
pub async fn save_change(
    connection: &impl ConnectionTrait,
    expected_version: i64,
    after: &Claim,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut columns = changed_columns(after, now)?;
    columns.version = Set(expected_version + 1);
    let result = claim::Entity::update_many()
        .set(columns)
        .filter(claim::Column::Id.eq(after.id.0))
        .filter(claim::Column::Version.eq(expected_version))
        .exec(connection)
        .await
        .context("updating a claim")?;
    Ok(result.rows_affected == 1)
}

/// Every claim id, in order, a page at a time (for verification over the whole database).
pub async fn ids_after(
    connection: &impl ConnectionTrait,
    after: i64,
    limit: u64,
) -> anyhow::Result<Vec<(i64, i64)>> {
    use sea_orm::{QueryOrder, QuerySelect};
    let rows: Vec<(i64, i64)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::Version)
        .filter(claim::Column::Id.gt(after))
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(connection)
        .await
        .context("listing claims")?;
    Ok(rows)
}
