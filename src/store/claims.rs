//! Claim rows: loading, inserting with a fresh reference, and the version-checked update.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{claim, claim_assignment, recusal, reference_counter};
use sea_orm::ActiveValue::Set;
use sea_orm::ExprTrait;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::convert::{changed_columns, claim_from_row};
use crate::domain::access::Scope;
use crate::domain::assignments::AssignmentKind;
use crate::domain::claim::Deadlines;
use crate::domain::money::Money;
use crate::domain::reference::ClaimReference;
use crate::domain::rules::JurisdictionRules;
use crate::domain::{Claim, ClaimFacts, ClaimId, ClaimState, OffenceType, UserId};

pub async fn find(connection: &impl ConnectionTrait, id: ClaimId) -> anyhow::Result<Option<Claim>> {
    find_with(connection, id, false).await
}

/// The claim, read to be changed in this transaction: on PostgreSQL its row is locked until the
/// transaction ends, so concurrent changes of one claim queue up instead of failing their
/// version check and retrying (SQLite has a single writer and no row locks).
pub async fn find_for_change(
    connection: &impl ConnectionTrait,
    id: ClaimId,
) -> anyhow::Result<Option<Claim>> {
    let lock = connection.get_database_backend() == DatabaseBackend::Postgres;
    find_with(connection, id, lock).await
}

async fn find_with(
    connection: &impl ConnectionTrait,
    id: ClaimId,
    lock: bool,
) -> anyhow::Result<Option<Claim>> {
    let mut query = claim::Entity::find_by_id(id.0);
    if lock {
        query = query.lock_exclusive();
    }
    let row = query.one(connection).await.context("loading a claim")?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut claims = with_participants(connection, vec![claim_from_row(row)?]).await?;
    Ok(claims.pop())
}

/// Fills in each claim's recused members and rapporteur, with one query for each.
async fn with_participants(
    connection: &impl ConnectionTrait,
    mut claims: Vec<Claim>,
) -> anyhow::Result<Vec<Claim>> {
    let ids: Vec<i64> = claims.iter().map(|claim| claim.id.0).collect();
    let position: std::collections::HashMap<i64, usize> = ids
        .iter()
        .enumerate()
        .map(|(index, id)| (*id, index))
        .collect();
    let recusals = recusal::Entity::find()
        .filter(recusal::Column::ClaimId.is_in(ids.clone()))
        .all(connection)
        .await
        .context("reading recusals")?;
    for row in recusals {
        if let Some(index) = position.get(&row.claim_id) {
            claims[*index].recused.insert(UserId(row.member_id));
        }
    }
    // The latest rapporteur assignment stands: reassigning a claim replaces its rapporteur.
    let rapporteurs = claim_assignment::Entity::find()
        .filter(claim_assignment::Column::ClaimId.is_in(ids))
        .filter(claim_assignment::Column::Kind.eq(AssignmentKind::Rapporteur.as_str()))
        .order_by_asc(claim_assignment::Column::Id)
        .all(connection)
        .await
        .context("reading rapporteurs")?;
    for row in rapporteurs {
        if let Some(index) = position.get(&row.claim_id) {
            claims[*index].rapporteur = Some(UserId(row.user_id));
        }
    }
    Ok(claims)
}

/// The id of the claim with this reference, if there is one.
pub async fn id_by_reference(
    connection: &impl ConnectionTrait,
    reference: &str,
) -> anyhow::Result<Option<ClaimId>> {
    let row = claim::Entity::find()
        .filter(claim::Column::Reference.eq(reference))
        .one(connection)
        .await
        .context("finding a claim by its reference")?;
    Ok(row.map(|row| ClaimId(row.id)))
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
        recused: Default::default(),
        rapporteur: None,
        flags: Default::default(),
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
    use sea_orm::QuerySelect;
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

/// Which claims a list shows; every field narrows it.
#[derive(Debug, Default, Clone)]
pub struct ClaimFilter {
    pub state: Option<ClaimState>,
    pub jurisdiction: Option<String>,
    pub offence_type: Option<OffenceType>,
    /// Part of the reference, such as `2026-0001`.
    pub reference_contains: Option<String>,
    /// Only the claims within one of these scopes; `None` for every claim.
    pub scopes: Option<Vec<Scope>>,
    /// Only claims past a deadline on this date: evidence, decision or payment.
    pub overdue_on: Option<chrono::NaiveDate>,
    /// Only claims this person is assigned to (as rapporteur or panel member).
    pub assigned_to: Option<UserId>,
}

/// A page of claims in id order after `after_id`: keyset pagination, stable under inserts.
pub async fn page(
    connection: &impl ConnectionTrait,
    filter: &ClaimFilter,
    after_id: i64,
    limit: u64,
) -> anyhow::Result<Vec<Claim>> {
    use sea_orm::{Condition, QuerySelect};
    let mut query = claim::Entity::find().filter(claim::Column::Id.gt(after_id));
    if let Some(state) = filter.state {
        query = query.filter(claim::Column::State.eq(state.as_str()));
    }
    if let Some(jurisdiction) = &filter.jurisdiction {
        query = query.filter(claim::Column::Jurisdiction.eq(jurisdiction.as_str()));
    }
    if let Some(offence_type) = filter.offence_type {
        query = query.filter(claim::Column::OffenceType.eq(offence_type.as_str()));
    }
    if let Some(text) = &filter.reference_contains {
        query = query.filter(claim::Column::Reference.contains(text.as_str()));
    }
    if let Some(scopes) = &filter.scopes {
        query = query.filter(scopes.iter().fold(Condition::any(), |visible, scope| {
            visible.add(scope_condition(*scope))
        }));
    }
    if let Some(user) = filter.assigned_to {
        let assigned = Query::select()
            .column(claim_assignment::Column::ClaimId)
            .from(claim_assignment::Entity)
            .and_where(claim_assignment::Column::UserId.eq(user.0))
            .to_owned();
        query = query.filter(claim::Column::Id.in_subquery(assigned));
    }
    if let Some(today) = filter.overdue_on {
        let overdue = Condition::any()
            .add(
                claim::Column::EvidenceDue
                    .lt(today)
                    .and(claim::Column::State.eq(ClaimState::AwaitingEvidence.as_str())),
            )
            .add(
                claim::Column::DecisionDue
                    .lt(today)
                    .and(claim::Column::DecisionOutcome.is_null()),
            )
            .add(
                claim::Column::PaymentDue.lt(today).and(
                    claim::Column::State
                        .is_in([ClaimState::Final.as_str(), ClaimState::InPayment.as_str()]),
                ),
            );
        query = query.filter(overdue);
    }
    let rows = query
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("listing claims")?;
    let claims = rows
        .into_iter()
        .map(claim_from_row)
        .collect::<anyhow::Result<_>>()?;
    with_participants(connection, claims).await
}

/// The ids of the claims the member recused from.
fn recused_by(member: UserId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(recusal::Column::ClaimId)
        .from(recusal::Entity)
        .and_where(recusal::Column::MemberId.eq(member.0))
        .to_owned()
}

/// The claims a scope covers, as a condition on the claims table.
fn scope_condition(scope: Scope) -> sea_orm::Condition {
    use sea_orm::Condition;
    match scope {
        Scope::Every => Condition::all(),
        Scope::Represented(lawyer) => {
            Condition::all().add(claim::Column::RepresentativeId.eq(lawyer.0))
        }
        Scope::BeforeCommission(member) => Condition::all()
            .add(claim::Column::ReviewRound.gt(0))
            .add(claim::Column::Id.not_in_subquery(recused_by(member))),
        Scope::Lodged(member) => Condition::all()
            .add(claim::Column::LodgedOn.is_not_null())
            .add(claim::Column::Id.not_in_subquery(recused_by(member))),
        Scope::Decided => Condition::all().add(claim::Column::DecisionOutcome.is_not_null()),
    }
}
