//! The seeder: synthetic claims and their audit events, written straight into the tables in
//! multi-row INSERTs of a few hundred rows per statement and one transaction per batch, so a
//! million claims take minutes rather than the hours the REST path would.
//!
//! Every claim gets two events forming a valid hash chain (its creation, then the transition into
//! its state), the version that matches them and the head that points at the second, so
//! `redress audit verify` passes over seeded data. Nothing personal is real: every name is "Synthetic ...".

use anyhow::Context as _;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use entity::{claim, claim_event};
use redress::domain::audit::{AuditAction, AuditEvent, GENESIS_HASH, chain_hash};
use redress::domain::{ClaimAction, ClaimState, Role};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, TransactionTrait};
use serde_json::json;

/// Claims per INSERT: with about forty columns a row this stays under SQLite's 32,766 bound
/// parameters per statement.
const CLAIMS_PER_STATEMENT: usize = 500;
/// Events per INSERT (twelve columns a row).
const EVENTS_PER_STATEMENT: usize = 1000;

/// The day the seeded history ends; deadlines before it are past.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// What the seeded claims look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mix {
    /// Every claim submitted and waiting to be accepted: work for the transition benchmark.
    Submitted,
    /// Ten years of a scheme: 70% closed, 10% withdrawn, 20% in progress (submitted, under
    /// assessment or awaiting evidence), one claim in a thousand past a deadline.
    Years,
}

/// One seeded claim's shape, decided from its id alone so runs are repeatable.
struct Shape {
    state: ClaimState,
    /// The action that moved it into `state`, and the state it left.
    entered_by: (ClaimAction, ClaimState),
    role: Role,
    created_at: DateTime<Utc>,
    evidence_due: Option<NaiveDate>,
    decision_due: Option<NaiveDate>,
}

fn shape(mix: Mix, id: i64, today: NaiveDate) -> Shape {
    let percentile = id % 100;
    let overdue = id % 1000 == 999;
    let (state, entered_by, role) = match (mix, percentile) {
        (Mix::Submitted, _) | (Mix::Years, 90..=94) => (
            ClaimState::Submitted,
            (ClaimAction::Submit, ClaimState::Draft),
            Role::Secretariat,
        ),
        (Mix::Years, 0..=69) => (
            ClaimState::Closed,
            (ClaimAction::Close, ClaimState::Final),
            Role::System,
        ),
        (Mix::Years, 70..=79) => (
            ClaimState::Withdrawn,
            (ClaimAction::Withdraw, ClaimState::Submitted),
            Role::Secretariat,
        ),
        (Mix::Years, 80..=89) => (
            ClaimState::UnderAssessment,
            (ClaimAction::AcceptForAssessment, ClaimState::Submitted),
            Role::Secretariat,
        ),
        (Mix::Years, _) => (
            ClaimState::AwaitingEvidence,
            (ClaimAction::RequestEvidence, ClaimState::Submitted),
            Role::Secretariat,
        ),
    };
    let active = !matches!(state, ClaimState::Closed | ClaimState::Withdrawn);
    // Finished claims spread over ten years; open ones over the last five months.
    let age_days = match active {
        true => id.rem_euclid(150),
        false => 150 + id.rem_euclid(3500),
    };
    let lodged_on = today - Duration::days(age_days);
    let created_at = Utc.from_utc_datetime(&lodged_on.and_hms_opt(9, 0, 0).unwrap_or_default());
    let (evidence_due, decision_due) = match (active, overdue) {
        (false, _) => (None, None),
        (true, true) => (
            Some(today - Duration::days(1)),
            Some(today - Duration::days(1)),
        ),
        (true, false) => (
            Some(today + Duration::days(30)),
            Some(today + Duration::days(180)),
        ),
    };
    Shape {
        evidence_due: evidence_due.filter(|_| state == ClaimState::AwaitingEvidence),
        state,
        entered_by,
        role,
        created_at,
        decision_due,
    }
}

fn claim_row(id: i64, shape: &Shape) -> claim::ActiveModel {
    let year = 2016 + (id % 10) as i32;
    let number = (id / 10 + 1) as i32;
    let lodged_on = shape.created_at.date_naive();
    claim::ActiveModel {
        id: Set(id),
        reference: Set(format!("KS-{year:04}-{number:06}")),
        jurisdiction: Set("kosovo".to_owned()),
        reference_year: Set(year),
        reference_number: Set(number),
        state: Set(shape.state.as_str().to_owned()),
        version: Set(2),
        offence_type: Set("other_violent_crime".to_owned()),
        crime_date: Set(lodged_on - Duration::days(20)),
        applicant_kind: Set("direct_victim".to_owned()),
        applicant_name: Set("Synthetic Applicant".to_owned()),
        victim_name: Set("Synthetic Applicant".to_owned()),
        victim_birth_date: Set(None),
        victim_address: Set(None),
        protected_identity: Set(false),
        trafficking_identified_on: Set(None),
        crime_discovered_on: Set(None),
        reported_to_police: Set(true),
        language: Set("sq".to_owned()),
        currency: Set("EUR".to_owned()),
        created_by: Set(None),
        representative_id: Set(None),
        lodged_on: Set(Some(lodged_on)),
        filing_extension_reason: Set(None),
        filing_deadline: Set(None),
        evidence_due: Set(shape.evidence_due),
        decision_due: Set(shape.decision_due),
        appeal_due: Set(None),
        payment_due: Set(None),
        proposed_award_minor: Set(None),
        review_round: Set(0),
        interim_awarded_minor: Set(0),
        assessment: Set(None),
        calculation: Set(None),
        decision_outcome: Set(None),
        decision_award_minor: Set(None),
        decision_reason: Set(None),
        decided_on: Set(None),
        created_at: Set(shape.created_at),
        updated_at: Set(shape.created_at),
        ..Default::default()
    }
}

/// The claim's two events, chained from the genesis hash.
fn event_rows(id: i64, shape: &Shape) -> anyhow::Result<[claim_event::ActiveModel; 2]> {
    let (action, from_state) = shape.entered_by;
    let created = AuditEvent {
        claim_id: id,
        sequence: 1,
        actor_user_id: None,
        role: Role::Secretariat,
        action: AuditAction::Transition(ClaimAction::Create),
        from_state: None,
        to_state: ClaimState::Draft,
        payload: json!({"jurisdiction": "kosovo", "synthetic": true}),
        occurred_at: shape.created_at,
    };
    let entered = AuditEvent {
        sequence: 2,
        role: shape.role,
        action: AuditAction::Transition(action),
        from_state: Some(from_state),
        to_state: shape.state,
        payload: json!({}),
        ..created.clone()
    };
    let first_hash = chain_hash(GENESIS_HASH, &created)?;
    let second_hash = chain_hash(&first_hash, &entered)?;
    Ok([
        redress::store::events::event_row(&created, GENESIS_HASH, &first_hash)?,
        redress::store::events::event_row(&entered, &first_hash, &second_hash)?,
    ])
}

/// Seeds claims `first_id ..first_id + count` and their events; returns how many claims.
/// Ids are given explicitly, so PostgreSQL's id sequence is moved past them afterwards.
pub async fn seed(
    database: &DatabaseConnection,
    mix: Mix,
    first_id: i64,
    count: u64,
) -> anyhow::Result<u64> {
    let today = today();
    let end = first_id + count as i64;
    let mut start = first_id;
    while start < end {
        let stop = (start + CLAIMS_PER_STATEMENT as i64 * 4).min(end);
        let mut claims = Vec::with_capacity((stop - start) as usize);
        let mut events = Vec::with_capacity(2 * (stop - start) as usize);
        for id in start..stop {
            let shape = shape(mix, id, today);
            let [created, entered] = event_rows(id, &shape)?;
            let mut claim = claim_row(id, &shape);
            claim.audit_head = entered.hash.clone();
            claims.push(claim);
            events.extend([created, entered]);
        }
        let transaction = database.begin().await?;
        for chunk in claims.chunks(CLAIMS_PER_STATEMENT) {
            claim::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&transaction)
                .await
                .context("seeding claims")?;
        }
        for chunk in events.chunks(EVENTS_PER_STATEMENT) {
            claim_event::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&transaction)
                .await
                .context("seeding events")?;
        }
        transaction.commit().await?;
        start = stop;
    }
    if database.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        for table in ["claims", "claim_events"] {
            database
                .execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     (SELECT MAX(id) FROM {table}))"
                ))
                .await
                .context("moving the id sequence past the seeded rows")?;
        }
    }
    Ok(count)
}
