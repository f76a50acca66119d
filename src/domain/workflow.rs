//! The claim workflow: one table of (state, action, roles, guard, next state) rows.
//!
//! The table is the single source of truth: `perform` looks a row up and runs its guard,
//! `allowed_actions` lists what an actor may do now, `render_mermaid` draws the README's diagram,
//! and the tests below walk every state × action pair against it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use strum::IntoEnumIterator;

use super::award::Schedule;
use super::claim::{Claim, DocumentKind, check_free_text};
use super::effects;
use super::error::{DomainError, RuleViolation};
use super::guards::{self, Guard};
pub use super::input::{ActionInput, AppealOutcome, InputField, accepted_fields, unused_field};
use super::money::Money;
use super::role::{Actor, Role};
use super::rules::JurisdictionRules;
use super::votes::Ballot;

named_enum! {
    pub enum ClaimState {
        Draft,
        /// Lodged; the secretariat checks admissibility here.
        Submitted,
        AwaitingEvidence,
        UnderAssessment,
        InCommissionReview,
        Decided,
        UnderAppeal,
        Final,
        InPayment,
        Paid,
        Closed,
        Withdrawn,
    }
}

impl ClaimState {
    /// Lodged and not yet decided: the states the decision due date runs in.
    pub const AWAITING_DECISION: &[ClaimState] = &[
        ClaimState::Submitted,
        ClaimState::AwaitingEvidence,
        ClaimState::UnderAssessment,
        ClaimState::InCommissionReview,
    ];

    /// A state with no way out. Closed is not terminal: the rules may allow a reopening.
    pub fn is_terminal(self) -> bool {
        matches!(self, ClaimState::Withdrawn)
    }
}

named_enum! {
    pub enum ClaimAction {
        /// Brings a claim into being as a draft; the only action without a row (there is no "from").
        Create,
        Submit,
        AcceptForAssessment,
        DeclareInadmissible,
        RequestEvidence,
        CompleteEvidence,
        EvidenceDeadlinePassed,
        ProposeAward,
        ReturnForAssessment,
        /// Closes the commission's vote and records the decision it carries.
        Decide,
        Appeal,
        RecordAppealOutcome,
        /// The appeal window passed, or the applicant waived the appeal.
        Finalize,
        StartPayout,
        MarkPaid,
        Close,
        Withdraw,
        Reopen,
    }
}

impl ClaimAction {}

/// Who may create a claim.
pub const CREATE_ROLES: &[Role] = &[Role::Lawyer, Role::Secretariat];

/// Everything outside the claim that a guard may look at, supplied by the caller.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub actor: &'a Actor,
    pub rules: &'a JurisdictionRules,
    pub documents: &'a BTreeSet<DocumentKind>,
    pub ballot: &'a Ballot,
    /// Confirmed payments on the claim, interim payments included.
    pub confirmed_payments: Money,
    /// The claim's payment orders, once it is in payment.
    pub payment_orders: &'a [crate::domain::payments::LedgerEntry],
    /// The award schedules of the claim's jurisdiction, oldest version first.
    pub schedules: &'a [Schedule],
}

/// Where a row leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    State(ClaimState),
    /// Upheld and varied lead to final, remitted back to assessment.
    ByAppealOutcome,
}

impl Target {
    pub fn possible_states(self) -> Vec<ClaimState> {
        match self {
            Target::State(state) => vec![state],
            Target::ByAppealOutcome => {
                let mut states: Vec<ClaimState> =
                    AppealOutcome::iter().map(appeal_destination).collect();
                states.dedup();
                states
            }
        }
    }

    fn resolve(self, input: &ActionInput) -> Result<ClaimState, DomainError> {
        match self {
            Target::State(state) => Ok(state),
            Target::ByAppealOutcome => input.appeal_outcome.map(appeal_destination).ok_or(
                RuleViolation::InputRequired {
                    field: "appeal_outcome",
                }
                .into(),
            ),
        }
    }
}

fn appeal_destination(outcome: AppealOutcome) -> ClaimState {
    match outcome {
        AppealOutcome::Upheld | AppealOutcome::Varied => ClaimState::Final,
        AppealOutcome::Remitted => ClaimState::UnderAssessment,
    }
}

/// One row of the workflow table.
pub struct Transition {
    pub from: ClaimState,
    pub action: ClaimAction,
    pub roles: &'static [Role],
    pub requires: &'static [InputField],
    pub guard: Guard,
    pub target: Target,
}

const fn row(
    from: ClaimState,
    action: ClaimAction,
    roles: &'static [Role],
    requires: &'static [InputField],
    guard: Guard,
    target: ClaimState,
) -> Transition {
    Transition {
        from,
        action,
        roles,
        requires,
        guard,
        target: Target::State(target),
    }
}

use ClaimAction as A;
use ClaimState as S;
use InputField as I;
use Role as R;

const FILERS: &[Role] = &[R::Lawyer, R::Secretariat];
const SECRETARIAT: &[Role] = &[R::Secretariat];
const SCHEDULER: &[Role] = &[R::System];
const SECRETARIAT_OR_SCHEDULER: &[Role] = &[R::Secretariat, R::System];
const CHAIR: &[Role] = &[R::Chair];
const FINANCE_OFFICER: &[Role] = &[R::FinanceOfficer];
const PAYMENT_CONFIRMERS: &[Role] = &[R::FinanceApprover, R::System];

/// The workflow. Withdrawal is possible from every state before a decision.
#[rustfmt::skip] // a table reads best as one row per line, in aligned columns
pub static TRANSITIONS: &[Transition] = &[
    //   from                   action                     roles                     requires                  guard                                   to
    row(S::Draft,              A::Submit,                 FILERS,                   &[],                      guards::READY_TO_SUBMIT,                S::Submitted),
    row(S::Draft,              A::Withdraw,               FILERS,                   &[],                      guards::NOT_DECIDED,                    S::Withdrawn),
    row(S::Submitted,          A::AcceptForAssessment,    SECRETARIAT,              &[],                      guards::NONE,                           S::UnderAssessment),
    row(S::Submitted,          A::RequestEvidence,        SECRETARIAT,              &[I::RequestedDocuments], guards::DUE_DATE_AHEAD,                 S::AwaitingEvidence),
    row(S::Submitted,          A::DeclareInadmissible,    SECRETARIAT,              &[I::Reason],             guards::NONE,                           S::Decided),
    row(S::Submitted,          A::Withdraw,               FILERS,                   &[],                      guards::NOT_DECIDED,                    S::Withdrawn),
    row(S::AwaitingEvidence,   A::CompleteEvidence,       SECRETARIAT,              &[],                      guards::NONE,                           S::UnderAssessment),
    row(S::AwaitingEvidence,   A::EvidenceDeadlinePassed, SCHEDULER,                &[],                      guards::EVIDENCE_OVERDUE,               S::UnderAssessment),
    row(S::AwaitingEvidence,   A::DeclareInadmissible,    SECRETARIAT,              &[I::Reason],             guards::NONE,                           S::Decided),
    row(S::AwaitingEvidence,   A::Withdraw,               FILERS,                   &[],                      guards::NOT_DECIDED,                    S::Withdrawn),
    row(S::UnderAssessment,    A::RequestEvidence,        SECRETARIAT,              &[I::RequestedDocuments], guards::DUE_DATE_AHEAD,                 S::AwaitingEvidence),
    row(S::UnderAssessment,    A::ProposeAward,           SECRETARIAT,              &[],                      guards::ASSESSMENT_RECORDED,            S::InCommissionReview),
    row(S::UnderAssessment,    A::DeclareInadmissible,    SECRETARIAT,              &[I::Reason],             guards::NONE,                           S::Decided),
    row(S::UnderAssessment,    A::Withdraw,               FILERS,                   &[],                      guards::NOT_DECIDED,                    S::Withdrawn),
    row(S::InCommissionReview, A::Decide,                 CHAIR,                    &[],                      guards::VOTE_CARRIES,                   S::Decided),
    row(S::InCommissionReview, A::ReturnForAssessment,    CHAIR,                    &[I::Reason],             guards::NONE,                           S::UnderAssessment),
    row(S::InCommissionReview, A::Withdraw,               FILERS,                   &[],                      guards::NOT_DECIDED,                    S::Withdrawn),
    row(S::Decided,            A::Appeal,                 FILERS,                   &[],                      guards::APPEAL_WINDOW_OPEN,             S::UnderAppeal),
    row(S::Decided,            A::Finalize,               SECRETARIAT_OR_SCHEDULER, &[],                      guards::APPEAL_WINDOW_PASSED_OR_WAIVED, S::Final),
    Transition {
        from: S::UnderAppeal,  action: A::RecordAppealOutcome, roles: SECRETARIAT, requires: &[I::AppealOutcome],
        guard: guards::NONE,   target: Target::ByAppealOutcome,
    },
    row(S::Final,              A::StartPayout,            FINANCE_OFFICER,          &[],                      guards::AWARD_TO_PAY,                   S::InPayment),
    row(S::Final,              A::Close,                  SECRETARIAT_OR_SCHEDULER, &[],                      guards::NOTHING_TO_PAY,                 S::Closed),
    row(S::InPayment,          A::MarkPaid,               PAYMENT_CONFIRMERS,       &[],                      guards::PAYMENTS_COVER_AWARD,           S::Paid),
    row(S::Paid,               A::Close,                  SECRETARIAT_OR_SCHEDULER, &[],                      guards::NONE,                           S::Closed),
    row(S::Closed,             A::Reopen,                 SECRETARIAT,              &[I::Reason],             guards::REOPENING_ALLOWED,              S::UnderAssessment),
];

/// The outcome of a permitted action: the claim as it is now, and what to record.
#[derive(Debug, Clone)]
pub struct Performed {
    pub claim: Claim,
    pub from: ClaimState,
    pub to: ClaimState,
    pub role: Role,
    /// What the audit event records: the input and the effects (deadlines set, outcome).
    pub payload: serde_json::Value,
}

/// The row for an action from a state, if any.
pub fn find(from: ClaimState, action: ClaimAction) -> Option<&'static Transition> {
    TRANSITIONS
        .iter()
        .find(|row| row.from == from && row.action == action)
}

/// Checks role, input and guard, then applies the action to a copy of the claim.
pub fn perform(
    claim: &Claim,
    action: ClaimAction,
    context: &Context<'_>,
    input: &ActionInput,
) -> Result<Performed, DomainError> {
    let (row, role) = authorize(claim, action, context.actor)?;
    if let Some(reason) = &input.reason {
        check_free_text("reason", reason)?;
    }
    if let Some(unused) = unused_field(action, input) {
        return Err(DomainError::InvalidInput {
            field: unused.as_str(),
            reason: format!("is not used by {action}"),
        });
    }
    if let Some(missing) = row.requires.iter().find(|field| !field.is_present(input)) {
        return Err(RuleViolation::InputRequired {
            field: missing.as_str(),
        }
        .into());
    }
    let check = guards::Check {
        claim,
        context,
        input,
        role,
    };
    (row.guard.check)(&check)?;
    let to = row.target.resolve(input)?;
    let mut next = claim.clone();
    let payload = effects::apply(&mut next, action, &check)?;
    next.state = to;
    Ok(Performed {
        claim: next,
        from: claim.state,
        to,
        role,
        payload,
    })
}

fn authorize(
    claim: &Claim,
    action: ClaimAction,
    actor: &Actor,
) -> Result<(&'static Transition, Role), DomainError> {
    let state = claim.state;
    let roles = || actor.roles.iter().copied().collect();
    // A role that may never perform the action hears so, whatever the state: an auditor
    // learns nothing from "not now", and is owed "never".
    let mut rows = TRANSITIONS
        .iter()
        .filter(|row| row.action == action)
        .peekable();
    let is_workflow_action = rows.peek().is_some();
    let ever_permitted = rows.any(|row| actor.acting_role(row.roles).is_some());
    if is_workflow_action && !ever_permitted {
        return Err(DomainError::ActionNotPermitted {
            state,
            action,
            roles: roles(),
            allowed: permitted_actions(state, actor),
        });
    }
    let Some(row) = find(state, action) else {
        let allowed = permitted_actions(state, actor);
        return Err(DomainError::IllegalAction {
            state,
            action,
            roles: roles(),
            allowed,
        });
    };
    match actor.acting_role(row.roles) {
        Some(role) => Ok((row, role)),
        None => {
            let allowed = permitted_actions(state, actor);
            Err(DomainError::ActionNotPermitted {
                state,
                action,
                roles: roles(),
                allowed,
            })
        }
    }
}

/// Actions with a row from `state` that one of the actor's roles may perform.
pub fn permitted_actions(state: ClaimState, actor: &Actor) -> Vec<ClaimAction> {
    TRANSITIONS
        .iter()
        .filter(|row| row.from == state && actor.acting_role(row.roles).is_some())
        .map(|row| row.action)
        .collect()
}

/// An action the actor's roles permit now, and whether its guard currently holds.
#[derive(Debug, Clone)]
pub struct Availability {
    pub action: ClaimAction,
    pub requires: &'static [InputField],
    /// `None` when the guard holds with the required input supplied.
    pub blocked_by: Option<RuleViolation>,
}

pub fn allowed_actions(claim: &Claim, context: &Context<'_>) -> Vec<Availability> {
    TRANSITIONS
        .iter()
        .filter(|row| row.from == claim.state)
        .filter_map(|row| {
            let role = context.actor.acting_role(row.roles)?;
            let input = ActionInput::default();
            let check = guards::Check {
                claim,
                context,
                input: &input,
                role,
            };
            let blocked_by = (row.guard.check)(&check)
                .err()
                .and_then(|error| match error {
                    DomainError::RuleViolated(violation) => Some(violation),
                    _ => None,
                });
            Some(Availability {
                action: row.action,
                requires: row.requires,
                blocked_by,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
