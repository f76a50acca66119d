//! The claim workflow: one table of (state, action, roles, guard, next state) rows.
//!
//! The table is the single source of truth: `perform` looks a row up and runs its guard,
//! `allowed_actions` lists what an actor may do now, `render_mermaid` draws the README's diagram,
//! and the tests below walk every state × action pair against it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use super::claim::{Claim, DocumentKind};
use super::effects;
use super::error::{DomainError, RuleViolation};
use super::guards::{self, Guard};
use super::money::Money;
use super::role::{Actor, Role};
use super::rules::JurisdictionRules;
use super::votes::Ballot;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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

impl ClaimState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A state with no way out. Closed is not terminal: the rules may allow a reopening.
    pub fn is_terminal(self) -> bool {
        matches!(self, ClaimState::Withdrawn)
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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

impl ClaimAction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Who may create a claim.
pub const CREATE_ROLES: &[Role] = &[Role::Lawyer, Role::Secretariat];

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AppealOutcome {
    /// The decision stands.
    Upheld,
    /// A new decision with a different award replaces it.
    Varied,
    /// The claim goes back for a new assessment.
    Remitted,
}

/// The optional body of an action; each row says which fields it requires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requested_documents: Vec<DocumentKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_award: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_outcome: Option<AppealOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub varied_award: Option<Decimal>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub appeal_waived: bool,
}

/// An input field a row requires to be present.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Display, EnumIter, EnumString, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InputField {
    Reason,
    RequestedDocuments,
    ProposedAward,
    AppealOutcome,
}

impl InputField {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    fn is_present(self, input: &ActionInput) -> bool {
        match self {
            InputField::Reason => input
                .reason
                .as_deref()
                .is_some_and(|text| !text.trim().is_empty()),
            InputField::RequestedDocuments => !input.requested_documents.is_empty(),
            InputField::ProposedAward => input.proposed_award.is_some(),
            InputField::AppealOutcome => input.appeal_outcome.is_some(),
        }
    }
}

/// Everything outside the claim that a guard may look at, supplied by the caller.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub actor: &'a Actor,
    pub rules: &'a JurisdictionRules,
    pub documents: &'a BTreeSet<DocumentKind>,
    pub ballot: &'a Ballot,
    /// Confirmed payments on the claim, interim payments included.
    pub confirmed_payments: Money,
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

/// The workflow. Withdrawal is possible from every state before a decision.
pub static TRANSITIONS: &[Transition] = &[
    row(
        S::Draft,
        A::Submit,
        FILERS,
        &[],
        guards::READY_TO_SUBMIT,
        S::Submitted,
    ),
    row(
        S::Draft,
        A::Withdraw,
        FILERS,
        &[],
        guards::NOT_DECIDED,
        S::Withdrawn,
    ),
    row(
        S::Submitted,
        A::AcceptForAssessment,
        SECRETARIAT,
        &[],
        guards::NONE,
        S::UnderAssessment,
    ),
    row(
        S::Submitted,
        A::RequestEvidence,
        SECRETARIAT,
        &[I::RequestedDocuments],
        guards::DUE_DATE_AHEAD,
        S::AwaitingEvidence,
    ),
    row(
        S::Submitted,
        A::DeclareInadmissible,
        SECRETARIAT,
        &[I::Reason],
        guards::NONE,
        S::Decided,
    ),
    row(
        S::Submitted,
        A::Withdraw,
        FILERS,
        &[],
        guards::NOT_DECIDED,
        S::Withdrawn,
    ),
    row(
        S::AwaitingEvidence,
        A::CompleteEvidence,
        SECRETARIAT,
        &[],
        guards::NONE,
        S::UnderAssessment,
    ),
    row(
        S::AwaitingEvidence,
        A::EvidenceDeadlinePassed,
        SCHEDULER,
        &[],
        guards::EVIDENCE_OVERDUE,
        S::UnderAssessment,
    ),
    row(
        S::AwaitingEvidence,
        A::DeclareInadmissible,
        SECRETARIAT,
        &[I::Reason],
        guards::NONE,
        S::Decided,
    ),
    row(
        S::AwaitingEvidence,
        A::Withdraw,
        FILERS,
        &[],
        guards::NOT_DECIDED,
        S::Withdrawn,
    ),
    row(
        S::UnderAssessment,
        A::RequestEvidence,
        SECRETARIAT,
        &[I::RequestedDocuments],
        guards::DUE_DATE_AHEAD,
        S::AwaitingEvidence,
    ),
    row(
        S::UnderAssessment,
        A::ProposeAward,
        SECRETARIAT,
        &[I::ProposedAward],
        guards::NONE,
        S::InCommissionReview,
    ),
    row(
        S::UnderAssessment,
        A::DeclareInadmissible,
        SECRETARIAT,
        &[I::Reason],
        guards::NONE,
        S::Decided,
    ),
    row(
        S::UnderAssessment,
        A::Withdraw,
        FILERS,
        &[],
        guards::NOT_DECIDED,
        S::Withdrawn,
    ),
    row(
        S::InCommissionReview,
        A::Decide,
        &[R::Chair],
        &[],
        guards::VOTE_CARRIES,
        S::Decided,
    ),
    row(
        S::InCommissionReview,
        A::ReturnForAssessment,
        &[R::Chair],
        &[I::Reason],
        guards::NONE,
        S::UnderAssessment,
    ),
    row(
        S::InCommissionReview,
        A::Withdraw,
        FILERS,
        &[],
        guards::NOT_DECIDED,
        S::Withdrawn,
    ),
    row(
        S::Decided,
        A::Appeal,
        FILERS,
        &[],
        guards::APPEAL_WINDOW_OPEN,
        S::UnderAppeal,
    ),
    row(
        S::Decided,
        A::Finalize,
        SECRETARIAT_OR_SCHEDULER,
        &[],
        guards::APPEAL_WINDOW_PASSED_OR_WAIVED,
        S::Final,
    ),
    Transition {
        from: S::UnderAppeal,
        action: A::RecordAppealOutcome,
        roles: SECRETARIAT,
        requires: &[I::AppealOutcome],
        guard: guards::NONE,
        target: Target::ByAppealOutcome,
    },
    row(
        S::Final,
        A::StartPayout,
        &[R::FinanceOfficer],
        &[],
        guards::AWARD_TO_PAY,
        S::InPayment,
    ),
    row(
        S::Final,
        A::Close,
        SECRETARIAT_OR_SCHEDULER,
        &[],
        guards::NOTHING_TO_PAY,
        S::Closed,
    ),
    row(
        S::InPayment,
        A::MarkPaid,
        &[R::FinanceApprover, R::System],
        &[],
        guards::PAYMENTS_COVER_AWARD,
        S::Paid,
    ),
    row(
        S::Paid,
        A::Close,
        SECRETARIAT_OR_SCHEDULER,
        &[],
        guards::NONE,
        S::Closed,
    ),
    row(
        S::Closed,
        A::Reopen,
        SECRETARIAT,
        &[I::Reason],
        guards::REOPENING_ALLOWED,
        S::UnderAssessment,
    ),
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
    find(claim.state, action)
        .and_then(|row| actor.acting_role(row.roles).map(|role| (row, role)))
        .ok_or_else(|| DomainError::IllegalAction {
            state: claim.state,
            action,
            roles: actor.roles.iter().copied().collect(),
            allowed: permitted_actions(claim.state, actor),
        })
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

/// The table as a Mermaid state diagram, for the README and `redress workflow`.
pub fn render_mermaid() -> String {
    let mut lines = vec![
        "stateDiagram-v2".to_owned(),
        "    [*] --> draft: create".to_owned(),
    ];
    for row in TRANSITIONS {
        for to in row.target.possible_states() {
            let label = match row.target {
                Target::State(_) => row.action.as_str().to_owned(),
                Target::ByAppealOutcome => format!("{} ({})", row.action, appeal_label(to)),
            };
            lines.push(format!("    {} --> {}: {}", row.from, to, label));
        }
    }
    for state in ClaimState::iter().filter(|state| state.is_terminal()) {
        lines.push(format!("    {state} --> [*]"));
    }
    lines.join("\n") + "\n"
}

fn appeal_label(to: ClaimState) -> &'static str {
    if to == ClaimState::Final {
        "upheld or varied"
    } else {
        "remitted"
    }
}

/// The table as Markdown, with roles and guards, for the README.
pub fn render_markdown() -> String {
    let mut lines = vec![
        "| from | action | roles | requires | guard | to |".to_owned(),
        "|---|---|---|---|---|---|".to_owned(),
    ];
    for row in TRANSITIONS {
        let roles: Vec<&str> = row.roles.iter().map(|role| role.as_str()).collect();
        let requires: Vec<&str> = row.requires.iter().map(|field| field.as_str()).collect();
        let to: Vec<&str> = row
            .target
            .possible_states()
            .into_iter()
            .map(ClaimState::as_str)
            .collect();
        lines.push(format!(
            "| {} | {} | {} | {} | {} | {} |",
            row.from,
            row.action,
            roles.join(", "),
            requires.join(", "),
            row.guard.name,
            to.join(" or ")
        ));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
