//! What the API shows of a claim and its trail. Types here are the public contract; they are
//! built from domain values and never from database rows.

use chrono::{DateTime, NaiveDate, Utc};
use poem_openapi::Object;

use super::application::{BankAccountView, ClaimedLossView, bank_account_view, claimed_loss_views};
use crate::domain::access::{initials, may_see_identity};
use crate::domain::audit::StoredEvent;
use crate::domain::claim::{
    ApplicantKind, Language, Outcome, OutcomeKind, OverdueFlag, VictimGender,
};
use crate::domain::operations::VoteKind;
use crate::domain::votes::{Ballot, VoteChoice};
use crate::domain::workflow::{Availability, InputField};
use crate::domain::{Actor, Claim, ClaimAction, ClaimState, Money, OffenceType, Role};

/// An amount as an exact decimal string with the currency's minor unit, e.g. `"4245.00"`.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct MoneyView {
    pub amount: String,
    pub currency: String,
}

impl From<Money> for MoneyView {
    fn from(money: Money) -> Self {
        MoneyView {
            amount: money.amount().to_string(),
            currency: money.currency().code().to_owned(),
        }
    }
}

#[derive(Object, Debug, Clone)]
pub struct DeadlinesView {
    pub filing: Option<NaiveDate>,
    pub evidence_due: Option<NaiveDate>,
    pub decision_due: Option<NaiveDate>,
    pub appeal_due: Option<NaiveDate>,
    pub payment_due: Option<NaiveDate>,
}

/// A deadline the claim overran and the day the scheduler flagged it.
#[derive(Object, Debug, Clone)]
pub struct FlagView {
    pub flag: OverdueFlag,
    pub flagged_on: NaiveDate,
}

#[derive(Object, Debug, Clone)]
pub struct DecisionView {
    pub outcome: OutcomeKind,
    pub award: Option<MoneyView>,
    pub reason: Option<String>,
    pub decided_on: NaiveDate,
}

/// A claim. For a protected identity, names and the address are reduced to initials unless the
/// caller's role needs them.
#[derive(Object, Debug, Clone)]
pub struct ClaimView {
    pub id: i64,
    pub reference: String,
    pub jurisdiction: String,
    pub state: ClaimState,
    /// Send as `If-Match` to make a change conditional on nobody else having changed the claim.
    pub version: i64,
    pub offence_type: OffenceType,
    pub crime_date: NaiveDate,
    pub applicant_kind: ApplicantKind,
    pub applicant_name: String,
    pub victim_name: String,
    pub victim_birth_date: Option<NaiveDate>,
    pub victim_address: Option<String>,
    /// `null` when not recorded. Shown like the birth date, only to those who see the identity.
    pub victim_gender: Option<VictimGender>,
    pub protected_identity: bool,
    pub identity_masked: bool,
    pub trafficking_identified_on: Option<NaiveDate>,
    pub crime_discovered_on: Option<NaiveDate>,
    pub reported_to_police: bool,
    pub language: Language,
    pub representative_id: Option<i64>,
    pub lodged_on: Option<NaiveDate>,
    pub filing_extension_reason: Option<String>,
    pub deadlines: DeadlinesView,
    /// Days past the deadline the claim has overrun the longest (evidence still awaited, no
    /// decision, an award unpaid); `null` when it is on time.
    pub days_overdue: Option<i64>,
    /// Deadlines overrun that call for a person: evidence that never came (the claim went on to
    /// assessment without it), no decision in time, an award unpaid in time (escalated).
    pub flags: Vec<FlagView>,
    pub proposed_award: Option<MoneyView>,
    pub review_round: i32,
    /// Interim awards granted so far, deducted from the final award.
    pub interim_awarded: MoneyView,
    /// The rapporteur's assessment, as recorded (`PUT /claims/{id}/assessment`).
    pub assessment: Option<serde_json::Value>,
    /// The calculation behind the proposed award, line by line.
    pub calculation: Option<serde_json::Value>,
    pub decision: Option<DecisionView>,
    /// What the applicant claims, head by head; the details only with the identity.
    pub claimed_losses: Vec<ClaimedLossView>,
    /// `null` when none was given or when the identity is masked.
    pub bank_account: Option<BankAccountView>,
    pub consent_given: bool,
}

impl ClaimView {
    pub fn for_actor(claim: Claim, actor: &Actor, days_overdue: Option<i64>) -> Self {
        let visible = may_see_identity(actor, &claim);
        let currency = claim.currency();
        let facts = claim.facts;
        let show = |text: &str| {
            if visible {
                text.to_owned()
            } else {
                initials(text)
            }
        };
        ClaimView {
            id: claim.id.0,
            reference: claim.reference.to_string(),
            jurisdiction: claim.jurisdiction.to_string(),
            state: claim.state,
            version: claim.version,
            offence_type: facts.offence_type,
            crime_date: facts.crime_date,
            applicant_kind: facts.applicant_kind,
            applicant_name: show(facts.applicant_name.expose()),
            victim_name: show(facts.victim_name.expose()),
            victim_birth_date: facts.victim_birth_date.filter(|_| visible),
            victim_address: facts
                .victim_address
                .filter(|_| visible)
                .map(|text| text.expose().to_owned()),
            victim_gender: facts.victim_gender.filter(|_| visible),
            protected_identity: facts.protected_identity,
            identity_masked: !visible,
            trafficking_identified_on: facts.trafficking_identified_on,
            crime_discovered_on: facts.crime_discovered_on,
            reported_to_police: facts.reported_to_police,
            language: facts.language,
            representative_id: claim.representative.map(|user| user.0),
            lodged_on: claim.lodged_on,
            filing_extension_reason: claim.filing_extension_reason,
            deadlines: DeadlinesView {
                filing: claim.deadlines.filing,
                evidence_due: claim.deadlines.evidence_due,
                decision_due: claim.deadlines.decision_due,
                appeal_due: claim.deadlines.appeal_due,
                payment_due: claim.deadlines.payment_due,
            },
            days_overdue,
            flags: claim
                .flags
                .iter()
                .map(|(flag, flagged_on)| FlagView {
                    flag: *flag,
                    flagged_on: *flagged_on,
                })
                .collect(),
            proposed_award: claim.proposed_award.map(MoneyView::from),
            review_round: claim.review_round,
            interim_awarded: MoneyView::from(claim.interim_awarded),
            assessment: claim
                .assessment
                .as_ref()
                .and_then(|assessment| serde_json::to_value(assessment).ok()),
            calculation: claim.calculation,
            decision: claim.decision.map(|decision| DecisionView {
                outcome: decision.outcome.kind(),
                award: decision.outcome.award().map(MoneyView::from),
                reason: match decision.outcome {
                    Outcome::Inadmissible { reason } => Some(reason),
                    Outcome::Award(_) | Outcome::Rejected => None,
                },
                decided_on: decision.decided_on,
            }),
            claimed_losses: claimed_loss_views(facts.claimed_losses, currency, visible),
            bank_account: facts
                .bank_account
                .filter(|_| visible)
                .map(bank_account_view),
            consent_given: facts.consent_given,
        }
    }
}

#[derive(Object, Debug, Clone)]
pub struct BlockedBy {
    pub code: String,
    pub detail: String,
}

#[derive(Object, Debug, Clone)]
pub struct ActionView {
    pub action: ClaimAction,
    /// Body fields this action requires.
    pub requires: Vec<InputField>,
    /// False when a rule blocks the action now; `blocked_by` says which.
    pub available: bool,
    pub blocked_by: Option<BlockedBy>,
}

#[derive(Object, Debug, Clone)]
pub struct ActionsView {
    pub claim_id: i64,
    pub state: ClaimState,
    pub version: i64,
    pub actions: Vec<ActionView>,
}

impl ActionsView {
    pub fn new(claim: &Claim, available: Vec<Availability>) -> Self {
        let actions = available
            .into_iter()
            .map(|availability| ActionView {
                action: availability.action,
                requires: availability.requires.to_vec(),
                available: availability.blocked_by.is_none(),
                blocked_by: availability.blocked_by.map(|violation| BlockedBy {
                    code: violation.code().to_owned(),
                    detail: violation.to_string(),
                }),
            })
            .collect();
        ActionsView {
            claim_id: claim.id.0,
            state: claim.state,
            version: claim.version,
            actions,
        }
    }
}

#[derive(Object, Debug, Clone)]
pub struct VoteView {
    pub member_id: i64,
    pub choice: VoteKind,
    pub amended_amount: Option<MoneyView>,
    pub by_chair: bool,
    /// The member's reasons, if they gave any.
    pub note: Option<String>,
}

/// The votes of one review round, and who recused.
#[derive(Object, Debug, Clone)]
pub struct BallotView {
    pub round: i32,
    pub votes: Vec<VoteView>,
    pub recused_member_ids: Vec<i64>,
}

impl BallotView {
    pub fn new(round: i32, ballot: &Ballot) -> Self {
        let votes = ballot
            .votes
            .iter()
            .map(|vote| {
                let (choice, amended_amount) = match vote.choice {
                    VoteChoice::Approve => (VoteKind::Approve, None),
                    VoteChoice::ApproveAmended(amount) => {
                        (VoteKind::ApproveAmended, Some(MoneyView::from(amount)))
                    }
                    VoteChoice::Reject => (VoteKind::Reject, None),
                };
                VoteView {
                    member_id: vote.member.0,
                    choice,
                    amended_amount,
                    by_chair: vote.by_chair,
                    note: vote.note.clone(),
                }
            })
            .collect();
        let recused_member_ids = ballot.recusals.iter().map(|member| member.0).collect();
        BallotView {
            round,
            votes,
            recused_member_ids,
        }
    }
}

/// One entry of the claim's audit trail, with its place in the hash chain.
#[derive(Object, Debug, Clone)]
pub struct EventView {
    pub sequence: i64,
    pub actor_user_id: Option<i64>,
    pub role: Role,
    pub action: String,
    pub from_state: Option<ClaimState>,
    pub to_state: ClaimState,
    pub payload: serde_json::Value,
    pub occurred_at: DateTime<Utc>,
    pub prev_hash: String,
    pub hash: String,
}

impl From<StoredEvent> for EventView {
    fn from(stored: StoredEvent) -> Self {
        let event = stored.event;
        EventView {
            sequence: event.sequence,
            actor_user_id: event.actor_user_id,
            role: event.role,
            action: event.action.to_string(),
            from_state: event.from_state,
            to_state: event.to_state,
            payload: event.payload,
            occurred_at: event.occurred_at,
            prev_hash: stored.prev_hash,
            hash: stored.hash,
        }
    }
}
