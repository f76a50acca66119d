//! What the core refuses, and why, as matchable values with stable snake_case codes.

use chrono::NaiveDate;
use strum::IntoStaticStr;

use super::award::AwardError;
use super::claim::{DocumentKind, OverdueFlag};
use super::money::Money;
use super::operations::ClaimOperation;
use super::payout::PayoutError;
use super::role::Role;
use super::workflow::{ClaimAction, ClaimState};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The action has no row from this state for any of the actor's roles.
    #[error(
        "{action} is not allowed while the claim is {state}; allowed now for your roles: {}",
        list(allowed)
    )]
    IllegalAction {
        state: ClaimState,
        action: ClaimAction,
        roles: Vec<Role>,
        allowed: Vec<ClaimAction>,
    },
    /// The action has a row from this state, but not for any of the actor's roles.
    #[error(
        "your roles may not {action} a claim that is {state}; allowed now for your roles: {}",
        list(allowed)
    )]
    ActionNotPermitted {
        state: ClaimState,
        action: ClaimAction,
        roles: Vec<Role>,
        allowed: Vec<ClaimAction>,
    },
    #[error("your roles may not {operation}")]
    OperationNotPermitted { operation: ClaimOperation },
    /// The claim has an assigned rapporteur, and it is someone else.
    #[error("only the claim's assigned rapporteur may {operation}")]
    NotTheRapporteur { operation: ClaimOperation },
    #[error("only lawyers and the secretariat may create claims")]
    CreateNotAllowed,
    #[error("{operation} is not allowed while the claim is {state} for your roles")]
    OperationNotAllowed {
        operation: ClaimOperation,
        state: ClaimState,
    },
    #[error(transparent)]
    RuleViolated(#[from] RuleViolation),
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    /// Like `InvalidInput`, for a field inside a list, named with its position (`losses[2].head`).
    #[error("{field}: {reason}")]
    InvalidInputAt { field: String, reason: String },
    /// The calculator refused the assessment; the error names the field.
    #[error(transparent)]
    Award(#[from] AwardError),
    /// A payment order broke a payout rule: the ledger, four eyes or its own state.
    #[error(transparent)]
    Payout(#[from] PayoutError),
}

/// Names of allowed actions for a message: "submit, withdraw", or "none".
pub(super) fn list<Action: Copy + Into<&'static str>>(actions: &[Action]) -> String {
    if actions.is_empty() {
        return "none".to_owned();
    }
    actions
        .iter()
        .map(|action| (*action).into())
        .collect::<Vec<&str>>()
        .join(", ")
}

/// A business rule (a guard) that an otherwise permitted act breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum RuleViolation {
    #[error("required to submit a claim: {}", fields.join(", "))]
    RequiredFieldsMissing { fields: Vec<&'static str> },
    #[error("a {required} document must be on file before a represented claim is submitted")]
    AuthorityToActMissing { required: DocumentKind },
    #[error(
        "the filing deadline passed on {deadline}; the secretariat may grant an extension for good cause"
    )]
    FilingDeadlinePassed { deadline: NaiveDate },
    #[error("{field} is required for this action")]
    InputRequired { field: &'static str },
    #[error("the evidence is due on {due}; the deadline has not passed")]
    EvidenceNotYetDue { due: NaiveDate },
    #[error("no evidence is due on this claim")]
    NoEvidenceDue,
    #[error("no award has been proposed")]
    NoProposedAward,
    #[error("the rapporteur has not recorded an assessment")]
    NoAssessment,
    #[error("votes cast: {votes_cast}; the quorum is {quorum}")]
    NoQuorum { votes_cast: u32, quorum: u32 },
    #[error("the vote is tied at {approvals} to {rejections} with no casting vote")]
    NoMajority { approvals: u32, rejections: u32 },
    #[error("the appeal window closed on {last_day}")]
    AppealWindowClosed { last_day: NaiveDate },
    #[error("the appeal window is open until {last_day} and the appeal was not waived")]
    AppealWindowOpen { last_day: NaiveDate },
    #[error("the decision awards nothing to pay")]
    NoAwardToPay,
    #[error("the decision awards {award}, which must be paid before the claim closes")]
    AwardNotPaid { award: Money },
    #[error("confirmed payments of {paid} do not cover the award of {award}")]
    PaymentsIncomplete { paid: Money, award: Money },
    #[error("the claim has a decision and can no longer be withdrawn")]
    AlreadyDecided,
    #[error("this jurisdiction does not allow closed claims to be reopened")]
    ReopeningNotAllowed,
    #[error("you have already voted in this round")]
    AlreadyVoted,
    #[error("you have recused yourself from this claim")]
    Recused,
    #[error("that member has recused themself from this claim")]
    MemberRecused,
    #[error("a claim can be edited only while it is a draft")]
    NotADraft,
    #[error("the filing deadline has not passed; no extension is needed")]
    ExtensionNotNeeded,
    #[error("an extension was already granted")]
    ExtensionAlreadyGranted,
    #[error("the deadline behind {flag} has not passed, or the flag is up already")]
    NotOverdue { flag: OverdueFlag },
}

impl RuleViolation {
    /// The stable snake_case code clients match on.
    pub fn code(&self) -> &'static str {
        self.into()
    }
}
