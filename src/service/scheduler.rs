//! Deadlines that act on their own: one pass finds the claims whose timed action is due today
//! and performs each as the `system` actor, through the same path as a person's action (one
//! transaction, its audit event, the version check).
//!
//! Exactly once, with any number of server instances: on PostgreSQL an advisory lock per claim
//! keeps two passes from even attempting the same claim; and whichever way two attempts meet,
//! the version check lets one through and refuses the other, whose refusal (the claim has moved
//! on) is counted as done by someone else, not as an error.

use chrono::NaiveDate;

use serde_json::json;

use super::claims::{Change, operation};
use super::{ServiceError, Services};
use crate::domain::claim::OverdueFlag;
use crate::domain::error::RuleViolation;
use crate::domain::operations::{ClaimOperation, authorize};
use crate::domain::timed::{TimedAction, days_overdue, due_action, raise_flag};
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, Claim, ClaimId, DomainError};
use crate::store;

/// Claims read per query of a pass; the pass pages through them all.
const DUE_PAGE_SIZE: u64 = 100;

/// The longest chain of timed actions one claim can take in a pass (decided → final → closed),
/// with room to spare; a bound so a table error can never loop.
const CHAIN_LENGTH_MAXIMUM: usize = 4;

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeadlineRun {
    /// Timed actions this pass performed, in order.
    pub performed: Vec<(ClaimId, TimedAction)>,
    /// Actions another pass (here or on another instance) took first or was taking.
    pub done_elsewhere: usize,
    /// Actions that failed for another reason; each is logged and retried on the next pass.
    pub failed: usize,
}

/// How one attempt ended.
enum Attempt {
    Performed(Box<Claim>),
    DoneElsewhere,
    Failed,
}

impl Services {
    /// Performs every timed action due as of the services' clock: evidence overdue, an appeal
    /// window passed, a final claim with nothing to pay, a decision or payment overdue (flagged). A failure on one claim is logged and
    /// leaves the others to go on; only failing to read the due claims fails the pass.
    pub async fn run_due_deadlines(&self) -> Result<DeadlineRun, ServiceError> {
        let today = self.today();
        let mut run = DeadlineRun::default();
        let mut after_id = 0;
        loop {
            let due =
                store::scheduler::due_for_action(self.database(), today, after_id, DUE_PAGE_SIZE)
                    .await?;
            let Some(last) = due.last() else {
                break;
            };
            after_id = last.id.0;
            for claim in due {
                self.act_on(claim, today, &mut run).await;
            }
        }
        Ok(run)
    }

    /// Performs the claim's due action, then any action the new state is due for at once.
    async fn act_on(&self, mut claim: Claim, today: NaiveDate, run: &mut DeadlineRun) {
        for _ in 0..CHAIN_LENGTH_MAXIMUM {
            let Some(action) = due_action(&claim, today) else {
                return;
            };
            match self.attempt(claim.id, action).await {
                Attempt::Performed(after) => {
                    run.performed.push((after.id, action));
                    claim = *after;
                }
                Attempt::DoneElsewhere => {
                    run.done_elsewhere += 1;
                    return;
                }
                Attempt::Failed => {
                    run.failed += 1;
                    return;
                }
            }
        }
    }

    async fn attempt(&self, id: ClaimId, action: TimedAction) -> Attempt {
        let lock = match store::scheduler::try_lock_claim(self.database(), id).await {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                tracing::debug!(claim_id = id.0, %action, "timed action taken by another instance");
                return Attempt::DoneElsewhere;
            }
            Err(error) => return failed(id, action, &error.into()),
        };
        let system = Actor::system();
        let result = match action {
            TimedAction::Transition(action) => {
                self.perform(&system, id, action, ActionInput::default(), None)
                    .await
            }
            TimedAction::Flag(flag) => self.flag_overdue(&system, id, flag).await,
        };
        if let Err(error) = lock.release().await {
            // The lock ends with its connection at worst; the action's own outcome stands.
            tracing::warn!(claim_id = id.0, error = %error, "releasing a scheduler lock failed");
        }
        match result {
            Ok(claim) => {
                tracing::info!(claim_id = id.0, %action, "deadline acted on");
                Attempt::Performed(Box::new(claim))
            }
            Err(error) if moved_on(&error) => {
                tracing::debug!(claim_id = id.0, %action, "timed action already taken");
                Attempt::DoneElsewhere
            }
            Err(error) => failed(id, action, &error),
        }
    }

    /// Raises `flag` on the claim, with the deadline it marks and the days over in the audit
    /// event; refused when the deadline has not passed or the flag is up already.
    async fn flag_overdue(
        &self,
        actor: &Actor,
        id: ClaimId,
        flag: OverdueFlag,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let role = authorize(ClaimOperation::FlagOverdue, claim, actor)?;
            let after = raise_flag(claim, flag, context.today)?;
            let payload = json!({
                "flag": flag,
                "days_over": days_overdue(claim, context.today),
            });
            Ok(Change {
                after,
                role,
                action: operation(ClaimOperation::FlagOverdue),
                payload,
                records: Vec::new(),
            })
        })
        .await
    }

    /// How many days the claim is past a deadline today, for lists of overdue claims.
    pub fn days_overdue(&self, claim: &Claim) -> Option<i64> {
        days_overdue(claim, self.today())
    }
}

/// Whether the error says another writer acted first: the claim is no longer in the state the
/// action leaves from, or kept changing under this attempt.
fn moved_on(error: &ServiceError) -> bool {
    matches!(
        error,
        ServiceError::VersionConflict
            | ServiceError::Domain(
                DomainError::IllegalAction { .. }
                    | DomainError::OperationNotAllowed { .. }
                    | DomainError::RuleViolated(RuleViolation::NotOverdue { .. })
            )
    )
}

/// Logs a failed timed action by claim and action only, and counts it.
fn failed(id: ClaimId, action: TimedAction, error: &ServiceError) -> Attempt {
    tracing::warn!(claim_id = id.0, %action, error = %error, "timed action failed; retried next pass");
    Attempt::Failed
}
