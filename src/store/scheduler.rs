//! What the deadline scheduler reads: the claims a timed action may be due on, and the lock that
//! keeps two server instances from acting on the same claim at once.

use anyhow::Context as _;
use chrono::NaiveDate;
use entity::claim;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionTrait,
};

use super::convert::claim_from_row;
use crate::domain::claim::OutcomeKind;
use crate::domain::{Claim, ClaimId, ClaimState};

/// The first key of the scheduler's advisory locks, so they cannot meet another application's
/// locks on a shared server ("rdrs" in ASCII).
const ADVISORY_LOCK_CLASS: i32 = 0x7264_7273;

/// Claims after `after_id`, in id order, that a timed action may be due on `today`: evidence
/// overdue, an appeal window passed, a final claim with no award, a decision or a payment overdue
/// and not yet flagged. The domain (`timed::due_action`)
/// confirms each; the partial conditions here only keep the pass from reading every claim.
pub async fn due_for_action(
    connection: &impl ConnectionTrait,
    today: NaiveDate,
    after_id: i64,
    limit: u64,
) -> anyhow::Result<Vec<Claim>> {
    let in_state = |state: ClaimState| claim::Column::State.eq(state.as_str());
    let due = Condition::any()
        .add(
            Condition::all()
                .add(in_state(ClaimState::AwaitingEvidence))
                .add(claim::Column::EvidenceDue.lt(today)),
        )
        .add(
            Condition::all()
                .add(in_state(ClaimState::Decided))
                .add(claim::Column::AppealDue.lt(today)),
        )
        .add(
            Condition::all().add(in_state(ClaimState::Final)).add(
                Condition::any()
                    .add(claim::Column::DecisionOutcome.is_null())
                    .add(claim::Column::DecisionOutcome.ne(OutcomeKind::Award.as_str())),
            ),
        )
        .add(
            Condition::all()
                .add(
                    claim::Column::State.is_in(
                        ClaimState::AWAITING_DECISION
                            .iter()
                            .map(|state| state.as_str()),
                    ),
                )
                .add(claim::Column::DecisionDue.lt(today))
                .add(claim::Column::DecisionOverdueFlaggedOn.is_null()),
        )
        .add(
            Condition::all()
                .add(
                    claim::Column::State
                        .is_in([ClaimState::Final.as_str(), ClaimState::InPayment.as_str()]),
                )
                .add(claim::Column::PaymentDue.lt(today))
                .add(claim::Column::PaymentOverdueFlaggedOn.is_null()),
        );
    let rows = claim::Entity::find()
        .filter(claim::Column::Id.gt(after_id))
        .filter(due)
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .all(connection)
        .await
        .context("finding claims with a deadline due")?;
    rows.into_iter().map(claim_from_row).collect()
}

/// While held, no other server instance's scheduler acts on the claim; it is released when
/// dropped or ended. On SQLite there is nothing to hold: its single writer already serializes
/// the changes, and the version check turns the loser's attempt into a harmless refusal.
pub struct ClaimLock(Option<DatabaseTransaction>);

impl ClaimLock {
    /// Releases the lock (the transaction holding it wrote nothing).
    pub async fn release(self) -> anyhow::Result<()> {
        if let Some(transaction) = self.0 {
            transaction
                .rollback()
                .await
                .context("releasing a scheduler lock")?;
        }
        Ok(())
    }
}

/// Takes the scheduler's lock on the claim without waiting: `None` when another instance holds
/// it. On PostgreSQL it is a transaction-scoped advisory lock in a transaction of its own, not a
/// row lock (`FOR UPDATE SKIP LOCKED`): the action runs in its own transaction, which locks the
/// claim's row itself and would wait forever on a row lock held here.
pub async fn try_lock_claim(
    database: &DatabaseConnection,
    id: ClaimId,
) -> anyhow::Result<Option<ClaimLock>> {
    if database.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(Some(ClaimLock(None)));
    }
    let transaction = database.begin().await.context("opening a scheduler lock")?;
    // Ids past 2^31 share a key with a smaller id; a shared key only defers one of the two
    // claims to the next pass.
    let key = (id.0 & 0x7fff_ffff) as i32;
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_try_advisory_xact_lock($1, $2) AS taken",
        [ADVISORY_LOCK_CLASS.into(), key.into()],
    );
    let row = transaction
        .query_one_raw(statement)
        .await
        .context("taking a scheduler lock")?
        .context("taking a scheduler lock: no answer")?;
    let taken: bool = row
        .try_get("", "taken")
        .context("reading a scheduler lock")?;
    if !taken {
        transaction
            .rollback()
            .await
            .context("giving up a scheduler lock")?;
        return Ok(None);
    }
    Ok(Some(ClaimLock(Some(transaction))))
}
