//! Claim rows: loading, inserting with a fresh reference, and the version-checked update.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{claim, claim_assignment, recusal, reference_counter};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QueryResult, QuerySelect, Select,
};
use sea_orm::{ExprTrait, Iterable};

use super::convert::{changed_columns, claim_from_row, parse};
use super::events::ChainEnd;
use crate::domain::access::Scope;
use crate::domain::assignments::AssignmentKind;
use crate::domain::claim::Deadlines;
use crate::domain::money::Money;
use crate::domain::reference::ClaimReference;
use crate::domain::rules::JurisdictionRules;
use crate::domain::{Claim, ClaimFacts, ClaimId, ClaimState, DocumentKind, OffenceType, UserId};

pub async fn find(connection: &impl ConnectionTrait, id: ClaimId) -> anyhow::Result<Option<Claim>> {
    let row = with_participants(claim::Entity::find_by_id(id.0), connection)
        .into_model::<ParticipatingRow>()
        .one(connection)
        .await
        .context("loading a claim")?;
    row.map(ParticipatingRow::into_claim).transpose()
}

/// A claim read to be changed: the claim, the head of its audit chain and the kinds of document
/// on file (which guards consult), all from one statement.
pub struct ClaimForChange {
    pub claim: Claim,
    pub audit_head: String,
    pub document_kinds: BTreeSet<DocumentKind>,
}

/// The claim, read to be changed in this transaction: on PostgreSQL its row is locked until the
/// transaction ends, so concurrent changes of one claim queue up instead of failing their
/// version check and retrying (SQLite has a single writer and no row locks).
pub async fn find_for_change(
    connection: &impl ConnectionTrait,
    id: ClaimId,
) -> anyhow::Result<Option<ClaimForChange>> {
    let mut query = claim::Entity::find_by_id(id.0);
    let kinds = match connection.get_database_backend() {
        DatabaseBackend::Postgres => {
            query = query.lock_exclusive();
            "string_agg(DISTINCT documents.kind, ',')"
        }
        _ => "group_concat(DISTINCT documents.kind)",
    };
    let kinds = format!("(SELECT {kinds} FROM documents WHERE documents.claim_id = claims.id)");
    let row = with_participants(
        query.expr_as(Expr::cust(kinds), "document_kinds"),
        connection,
    )
    .into_model::<ChangingRow>()
    .one(connection)
    .await
    .context("loading a claim")?;
    let Some(ChangingRow {
        row,
        document_kinds,
    }) = row
    else {
        return Ok(None);
    };
    let audit_head = row.claim.audit_head.clone();
    let document_kinds = document_kinds
        .iter()
        .flat_map(|kinds| kinds.split(','))
        .map(|kind| parse("documents.kind", kind))
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(ClaimForChange {
        claim: row.into_claim()?,
        audit_head,
        document_kinds,
    }))
}

struct ChangingRow {
    row: ParticipatingRow,
    /// Comma-separated, like the recused members.
    document_kinds: Option<String>,
}

impl FromQueryResult for ChangingRow {
    fn from_query_result(result: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        Ok(ChangingRow {
            row: ParticipatingRow::from_query_result(result, prefix)?,
            document_kinds: result.try_get(prefix, "document_kinds")?,
        })
    }
}

/// A claim's row with who takes part in it, the standing rapporteur and the members who
/// recused, read by subqueries of the same statement: loading a claim is one round trip, the
/// commonest cost of every request that touches one.
struct ParticipatingRow {
    claim: claim::Model,
    rapporteur_id: Option<i64>,
    /// Comma-separated: the one aggregate both databases spell alike in their result.
    recused_member_ids: Option<String>,
}

impl FromQueryResult for ParticipatingRow {
    fn from_query_result(result: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        Ok(ParticipatingRow {
            claim: claim::Model::from_query_result(result, prefix)?,
            rapporteur_id: result.try_get(prefix, "rapporteur_id")?,
            recused_member_ids: result.try_get(prefix, "recused_member_ids")?,
        })
    }
}

impl ParticipatingRow {
    fn into_claim(self) -> anyhow::Result<Claim> {
        let mut claim = claim_from_row(self.claim)?;
        claim.rapporteur = self.rapporteur_id.map(UserId);
        for member in self
            .recused_member_ids
            .iter()
            .flat_map(|ids| ids.split(','))
        {
            let member = member
                .parse()
                .with_context(|| format!("recusals.member_id of claim {}", claim.id.0))?;
            claim.recused.insert(UserId(member));
        }
        Ok(claim)
    }
}

fn with_participants(
    query: Select<claim::Entity>,
    connection: &impl ConnectionTrait,
) -> Select<claim::Entity> {
    let member_ids = match connection.get_database_backend() {
        DatabaseBackend::Postgres => "string_agg(recusals.member_id::text, ',')",
        _ => "group_concat(recusals.member_id, ',')",
    };
    let recused =
        format!("(SELECT {member_ids} FROM recusals WHERE recusals.claim_id = claims.id)");
    // The latest rapporteur assignment stands: reassigning a claim replaces its rapporteur. The
    // kind is a closed enum's constant, so writing it into the statement is safe.
    let rapporteur = format!(
        "(SELECT claim_assignments.user_id FROM claim_assignments \
         WHERE claim_assignments.claim_id = claims.id AND claim_assignments.kind = '{}' \
         ORDER BY claim_assignments.id DESC LIMIT 1)",
        AssignmentKind::Rapporteur.as_str()
    );
    query
        .expr_as(Expr::cust(rapporteur), "rapporteur_id")
        .expr_as(Expr::cust(recused), "recused_member_ids")
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

/// Writes `after` over the row if, and only if, the row is still at `before`'s version, and
/// moves it to the next version, whose audit event has the hash `audit_head`. `false` means
/// someone else changed the claim first. Only the columns that differ from `before` are
/// written: the version check guarantees the row holds `before`, and a short UPDATE is a
/// cheaper statement on every change.
pub async fn save_change(
    connection: &impl ConnectionTrait,
    (before, after): (&Claim, &Claim),
    audit_head: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut columns = changed_columns(after, now)?;
    let stored = changed_columns(before, now)?;
    for column in claim::Column::iter() {
        if columns.get(column).into_value() == stored.get(column).into_value() {
            columns.not_set(column);
        }
    }
    columns.version = Set(before.version + 1);
    columns.audit_head = Set(audit_head.to_owned());
    columns.updated_at = Set(now);
    let result = claim::Entity::update_many()
        .set(columns)
        .filter(claim::Column::Id.eq(after.id.0))
        .filter(claim::Column::Version.eq(before.version))
        .exec(connection)
        .await
        .context("updating a claim")?;
    Ok(result.rows_affected == 1)
}

/// Points a new claim's row at its first audit event, which could only be hashed once the row
/// had its id.
pub async fn set_audit_head(
    connection: &impl ConnectionTrait,
    id: ClaimId,
    audit_head: &str,
) -> anyhow::Result<()> {
    claim::Entity::update_many()
        .col_expr(claim::Column::AuditHead, Expr::value(audit_head))
        .filter(claim::Column::Id.eq(id.0))
        .exec(connection)
        .await
        .context("setting a claim's audit head")?;
    Ok(())
}

/// Where every claim's chain ends, in id order, a page at a time (for verification over the
/// whole database).
pub async fn chain_ends_after(
    connection: &impl ConnectionTrait,
    after: i64,
    limit: u64,
) -> anyhow::Result<Vec<ChainEnd>> {
    let rows: Vec<(i64, i64, String)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::Version)
        .column(claim::Column::AuditHead)
        .filter(claim::Column::Id.gt(after))
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(connection)
        .await
        .context("listing claims")?;
    Ok(rows
        .into_iter()
        .map(|(claim_id, version, audit_head)| ChainEnd {
            claim_id,
            version,
            audit_head,
        })
        .collect())
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
        query = query.filter(overdue_on(today));
    }
    let query = query.order_by_asc(claim::Column::Id).limit(limit);
    with_participants(query, connection)
        .into_model::<ParticipatingRow>()
        .all(connection)
        .await
        .context("listing claims")?
        .into_iter()
        .map(ParticipatingRow::into_claim)
        .collect()
}

/// Claims past a deadline on `today`: the same conditions as `domain::timed::days_overdue`.
fn overdue_on(today: chrono::NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::any()
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
        )
}

/// How many claims are past a deadline on `today` (for `/metrics`).
pub async fn count_overdue(
    connection: &impl ConnectionTrait,
    today: chrono::NaiveDate,
) -> anyhow::Result<u64> {
    use sea_orm::PaginatorTrait;
    claim::Entity::find()
        .filter(overdue_on(today))
        .count(connection)
        .await
        .context("counting overdue claims")
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
