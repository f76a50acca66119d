//! Acts on a claim that do not move it between states (votes, recusals, uploads, extensions,
//! interim awards), each with its own table of permitted states and roles and its own checks.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::award::{Assessment, Schedule};
use super::claim::{Claim, check_free_text};
use super::deadlines::filing_deadline;
use super::error::{DomainError, RuleViolation};
use super::money::Money;
use super::proposal::calculate_for;
use super::role::{Actor, Role};
use super::rules::JurisdictionRules;
use super::votes::{Ballot, Vote, VoteChoice};
use super::workflow::ClaimState;

named_enum! {
    pub enum ClaimOperation {
        EditDraft,
        UploadDocument,
        CastVote,
        Recuse,
        GrantInterimAward,
        GrantFilingExtension,
        RecordAssessment,
        Assign,
        PreparePaymentOrder,
        ApprovePaymentOrder,
        CancelPaymentOrder,
        ConfirmPayment,
        /// The scheduler marks a deadline overrun (`timed::raise_flag` says which and when).
        FlagOverdue,
        RecordRecovery,
    }
}

impl ClaimOperation {}

struct Permission {
    operation: ClaimOperation,
    states: &'static [ClaimState],
    roles: &'static [Role],
}

use ClaimState as S;

const BEFORE_DECISION: &[ClaimState] = &[
    S::Draft,
    S::Submitted,
    S::AwaitingEvidence,
    S::UnderAssessment,
    S::InCommissionReview,
];
const COMMISSION: &[Role] = &[Role::Commissioner, Role::Chair];

static PERMISSIONS: &[Permission] = &[
    Permission {
        operation: ClaimOperation::EditDraft,
        states: &[S::Draft],
        roles: &[Role::Lawyer, Role::Secretariat],
    },
    Permission {
        operation: ClaimOperation::UploadDocument,
        states: BEFORE_DECISION,
        roles: &[Role::Lawyer, Role::Secretariat],
    },
    Permission {
        operation: ClaimOperation::CastVote,
        states: &[S::InCommissionReview],
        roles: COMMISSION,
    },
    Permission {
        operation: ClaimOperation::Recuse,
        states: &[S::InCommissionReview],
        roles: COMMISSION,
    },
    Permission {
        operation: ClaimOperation::GrantInterimAward,
        // Urgent needs (medical care, a funeral) cannot wait for the assessment.
        states: &[
            S::Submitted,
            S::AwaitingEvidence,
            S::UnderAssessment,
            S::InCommissionReview,
        ],
        roles: &[Role::Chair],
    },
    Permission {
        operation: ClaimOperation::RecordAssessment,
        states: &[S::UnderAssessment],
        roles: &[Role::Secretariat],
    },
    Permission {
        operation: ClaimOperation::Assign,
        states: &[
            S::Submitted,
            S::AwaitingEvidence,
            S::UnderAssessment,
            S::InCommissionReview,
        ],
        roles: &[Role::Secretariat, Role::Chair],
    },
    // Four eyes: officers prepare, approvers (never the same person) approve and confirm.
    Permission {
        operation: ClaimOperation::PreparePaymentOrder,
        states: &[S::InPayment],
        roles: &[Role::FinanceOfficer],
    },
    Permission {
        operation: ClaimOperation::ApprovePaymentOrder,
        states: &[S::InPayment],
        roles: &[Role::FinanceApprover],
    },
    Permission {
        operation: ClaimOperation::CancelPaymentOrder,
        states: &[S::InPayment],
        roles: &[Role::FinanceOfficer, Role::FinanceApprover],
    },
    Permission {
        operation: ClaimOperation::ConfirmPayment,
        states: &[S::InPayment],
        roles: &[Role::FinanceApprover, Role::System],
    },
    Permission {
        operation: ClaimOperation::FlagOverdue,
        states: &[
            S::Submitted,
            S::AwaitingEvidence,
            S::UnderAssessment,
            S::InCommissionReview,
            S::Final,
            S::InPayment,
        ],
        roles: &[Role::System],
    },
    Permission {
        operation: ClaimOperation::GrantFilingExtension,
        states: &[S::Draft],
        roles: &[Role::Secretariat],
    },
    // The scheme recovers what it paid from the offender once a decision is given, for as long
    // as the offender pays, so closed claims too.
    Permission {
        operation: ClaimOperation::RecordRecovery,
        states: &[
            S::Decided,
            S::UnderAppeal,
            S::Final,
            S::InPayment,
            S::Paid,
            S::Closed,
        ],
        roles: &[Role::FinanceOfficer, Role::FinanceApprover],
    },
];

/// Whether one of the actor's roles may perform `operation` in some state: what a page offers
/// them at all (the claim's state is still `authorize`'s to check).
pub fn may_perform(operation: ClaimOperation, actor: &Actor) -> bool {
    PERMISSIONS
        .iter()
        .filter(|permission| permission.operation == operation)
        .any(|permission| actor.acting_role(permission.roles).is_some())
}

/// The role the actor performs `operation` in, if the claim's state and their roles permit it.
pub fn authorize(
    operation: ClaimOperation,
    claim: &Claim,
    actor: &Actor,
) -> Result<Role, DomainError> {
    let permission = PERMISSIONS
        .iter()
        .find(|permission| permission.operation == operation);
    let role = permission
        .and_then(|permission| actor.acting_role(permission.roles))
        .ok_or(DomainError::OperationNotPermitted { operation })?;
    if !permission.is_some_and(|permission| permission.states.contains(&claim.state)) {
        return Err(DomainError::OperationNotAllowed {
            operation,
            state: claim.state,
        });
    }
    Ok(role)
}

named_enum! {
    /// A vote as the member casts it.
    pub enum VoteKind {
        Approve,
        ApproveAmended,
        Reject,
    }
}

impl VoteKind {}

/// A vote as the member sends it: the choice, the amended amount it may need, and a note.
#[derive(Clone, Debug)]
pub struct VoteCast {
    pub kind: VoteKind,
    pub amended_amount: Option<Decimal>,
    /// The member's reasons, kept with the vote; a dissent note where the rules publish them.
    pub note: Option<String>,
}

impl VoteCast {
    pub fn plain(kind: VoteKind) -> Self {
        VoteCast {
            kind,
            amended_amount: None,
            note: None,
        }
    }
}

/// Checks and builds a member's vote: one vote per member and round, none after recusal.
pub fn cast_vote(
    claim: &Claim,
    actor: &Actor,
    ballot: &Ballot,
    (rules, ceiling): (&JurisdictionRules, Option<Money>),
    cast: VoteCast,
) -> Result<(Role, Vote), DomainError> {
    let VoteCast {
        kind,
        amended_amount,
        note,
    } = cast;
    let role = authorize(ClaimOperation::CastVote, claim, actor)?;
    let member = actor.user_id.ok_or(DomainError::OperationNotAllowed {
        operation: ClaimOperation::CastVote,
        state: claim.state,
    })?;
    if ballot.has_recused(member) {
        return Err(RuleViolation::Recused.into());
    }
    if ballot.has_voted(member) {
        return Err(RuleViolation::AlreadyVoted.into());
    }
    let choice = match (kind, amended_amount) {
        (VoteKind::Approve, None) => VoteChoice::Approve,
        (VoteKind::Reject, None) => VoteChoice::Reject,
        (VoteKind::ApproveAmended, Some(amount)) => {
            let amended = positive_money(amount, rules, "amended_amount")?;
            within_ceiling(amended, ceiling, "amended_amount")?;
            VoteChoice::ApproveAmended(amended)
        }
        (VoteKind::ApproveAmended, None) => {
            return Err(RuleViolation::InputRequired {
                field: "amended_amount",
            }
            .into());
        }
        (VoteKind::Approve | VoteKind::Reject, Some(_)) => {
            return Err(DomainError::InvalidInput {
                field: "amended_amount",
                reason: "is allowed only with approve_amended".to_owned(),
            });
        }
    };
    let note = note.map(|note| note.trim().to_owned());
    if let Some(note) = &note {
        check_free_text("note", note)?;
    }
    Ok((
        role,
        Vote {
            member,
            choice,
            by_chair: role == Role::Chair,
            note: note.filter(|note| !note.is_empty()),
        },
    ))
}

/// Checks a member's recusal: it must come before their vote.
pub fn recuse(claim: &Claim, actor: &Actor, ballot: &Ballot) -> Result<Role, DomainError> {
    let role = authorize(ClaimOperation::Recuse, claim, actor)?;
    let member = actor.user_id.ok_or(DomainError::OperationNotAllowed {
        operation: ClaimOperation::Recuse,
        state: claim.state,
    })?;
    if ballot.has_voted(member) {
        return Err(RuleViolation::AlreadyVoted.into());
    }
    if ballot.has_recused(member) {
        return Err(RuleViolation::Recused.into());
    }
    Ok(role)
}

/// Accepts a late draft for good cause; pointless (and refused) while the deadline is ahead.
pub fn grant_filing_extension(
    claim: &Claim,
    actor: &Actor,
    rules: &JurisdictionRules,
    today: NaiveDate,
    reason: &str,
) -> Result<(Role, Claim), DomainError> {
    let role = authorize(ClaimOperation::GrantFilingExtension, claim, actor)?;
    check_free_text("reason", reason)?;
    if reason.trim().is_empty() {
        return Err(RuleViolation::InputRequired { field: "reason" }.into());
    }
    if filing_deadline(&rules.filing, &claim.facts).is_some_and(|deadline| today <= deadline) {
        return Err(RuleViolation::ExtensionNotNeeded.into());
    }
    if claim.filing_extension_reason.is_some() {
        return Err(RuleViolation::ExtensionAlreadyGranted.into());
    }
    let mut next = claim.clone();
    next.filing_extension_reason = Some(reason.trim().to_owned());
    Ok((role, next))
}

/// Grants an interim award for urgent needs; the claim keeps the running total, which the final
/// calculation deducts.
pub fn grant_interim_award(
    claim: &Claim,
    actor: &Actor,
    (rules, ceiling): (&JurisdictionRules, Option<Money>),
    amount: Decimal,
    reason: &str,
) -> Result<(Role, Money, Claim), DomainError> {
    let role = authorize(ClaimOperation::GrantInterimAward, claim, actor)?;
    check_free_text("reason", reason)?;
    if reason.trim().is_empty() {
        return Err(RuleViolation::InputRequired { field: "reason" }.into());
    }
    let granted = positive_money(amount, rules, "amount")?;
    let total =
        claim
            .interim_awarded
            .checked_add(granted)
            .ok_or_else(|| DomainError::InvalidInput {
                field: "amount",
                reason: "takes the interim awards past the largest amount accepted".to_owned(),
            })?;
    within_ceiling(total, ceiling, "amount")?;
    let mut next = claim.clone();
    next.interim_awarded = total;
    Ok((role, granted, next))
}

/// An amount received from the offender for a claim, as finance records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    pub amount: Money,
    pub received_on: NaiveDate,
    /// May name people: kept with the row, never in the audit payload or logs.
    pub note: Option<String>,
}

/// The longest note a recovery keeps.
pub const RECOVERY_NOTE_CHARACTERS_MAXIMUM: usize = 2000;

/// Checks an amount recovered from the offender: above zero, in the claim's currency, received
/// no later than today, with a note of plain text.
pub fn record_recovery(
    claim: &Claim,
    actor: &Actor,
    rules: &JurisdictionRules,
    recovery: Recovery,
    today: NaiveDate,
) -> Result<(Role, Recovery), DomainError> {
    let role = authorize(ClaimOperation::RecordRecovery, claim, actor)?;
    let invalid = |field, reason: &str| DomainError::InvalidInput {
        field,
        reason: reason.to_owned(),
    };
    if recovery.amount.currency() != rules.currency {
        let reason = format!("must be the claim's currency, {}", rules.currency);
        return Err(invalid("currency", &reason));
    }
    if recovery.amount.is_zero() {
        return Err(invalid("amount", "must be above zero"));
    }
    if recovery.received_on > today {
        return Err(invalid("received_on", "must not be in the future"));
    }
    let note = recovery
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty());
    if let Some(note) = note {
        check_free_text("note", note)?;
        if note.chars().count() > RECOVERY_NOTE_CHARACTERS_MAXIMUM {
            return Err(invalid("note", "must be at most 2000 characters"));
        }
    }
    let note = note.map(str::to_owned);
    Ok((role, Recovery { note, ..recovery }))
}

/// Records the rapporteur's assessment, refusing one the calculator would refuse, so that
/// `propose_award` can always calculate from what is on file.
pub fn record_assessment(
    claim: &Claim,
    actor: &Actor,
    context: (&JurisdictionRules, &[Schedule]),
    assessment: Assessment,
    today: NaiveDate,
) -> Result<(Role, Claim), DomainError> {
    let role = authorize(ClaimOperation::RecordAssessment, claim, actor)?;
    if claim
        .rapporteur
        .is_some_and(|rapporteur| actor.user_id != Some(rapporteur))
    {
        return Err(DomainError::NotTheRapporteur {
            operation: ClaimOperation::RecordAssessment,
        });
    }
    let (rules, schedules) = context;
    calculate_for(claim, &assessment, schedules, rules.currency, today)?;
    let mut next = claim.clone();
    next.assessment = Some(assessment);
    Ok((role, next))
}

/// Refuses an amount above the most the schedule lets the claim be awarded.
fn within_ceiling(
    amount: Money,
    ceiling: Option<Money>,
    field: &'static str,
) -> Result<(), DomainError> {
    match ceiling {
        Some(maximum) if amount.amount() > maximum.amount() => Err(DomainError::InvalidInput {
            field,
            reason: format!("must not take the award past the schedule's maximum of {maximum}"),
        }),
        _ => Ok(()),
    }
}

fn positive_money(
    amount: Decimal,
    rules: &JurisdictionRules,
    field: &'static str,
) -> Result<Money, DomainError> {
    let money = Money::new(amount, rules.currency).map_err(|error| DomainError::InvalidInput {
        field,
        reason: error.to_string(),
    })?;
    if money.is_zero() {
        return Err(DomainError::InvalidInput {
            field,
            reason: "must be above zero".to_owned(),
        });
    }
    Ok(money)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;
    use crate::domain::role::UserId;
    use crate::domain::rules::tests::kosovo;

    fn member(id: i64) -> Actor {
        Actor::user(UserId(id), [Role::Commissioner])
    }

    fn recovery(amount: &str, currency: crate::domain::Currency, received_on: &str) -> Recovery {
        Recovery {
            amount: Money::parse(amount, currency).unwrap(),
            received_on: received_on.parse().unwrap(),
            note: Some("  ".to_owned()),
        }
    }

    #[test]
    fn finance_records_a_recovery_in_the_claims_currency_received_by_today() {
        use crate::domain::Currency;
        let finance = Actor::user(UserId(7), [Role::FinanceOfficer]);
        let today = "2026-11-28".parse().unwrap();
        let paid = claim(S::Paid);
        let (role, recorded) = record_recovery(
            &paid,
            &finance,
            &kosovo(),
            recovery("120.50", Currency::Eur, "2026-11-28"),
            today,
        )
        .unwrap();
        assert_eq!(role, Role::FinanceOfficer);
        assert_eq!(recorded.note, None, "a blank note is no note");
        let refused = |recovery| record_recovery(&paid, &finance, &kosovo(), recovery, today);
        let field_of = |result: Result<_, DomainError>| match result {
            Err(DomainError::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field_of(refused(recovery("1.00", Currency::Gbp, "2026-11-01"))),
            "currency"
        );
        assert_eq!(
            field_of(refused(recovery("0", Currency::Eur, "2026-11-01"))),
            "amount"
        );
        assert_eq!(
            field_of(refused(recovery("1.00", Currency::Eur, "2026-11-29"))),
            "received_on"
        );
        let before_decision = record_recovery(
            &claim(S::UnderAssessment),
            &finance,
            &kosovo(),
            recovery("1.00", Currency::Eur, "2026-11-01"),
            today,
        );
        assert!(matches!(
            before_decision,
            Err(DomainError::OperationNotAllowed { .. })
        ));
    }

    #[test]
    fn a_member_votes_once_per_round() {
        let claim = claim(S::InCommissionReview);
        let (_, vote) = cast_vote(
            &claim,
            &member(1),
            &Ballot::default(),
            (&kosovo(), None),
            VoteCast::plain(VoteKind::Approve),
        )
        .unwrap();
        let ballot = Ballot {
            votes: vec![vote],
            recusals: vec![],
        };
        let again = cast_vote(
            &claim,
            &member(1),
            &ballot,
            (&kosovo(), None),
            VoteCast::plain(VoteKind::Reject),
        );
        assert_eq!(again.unwrap_err(), RuleViolation::AlreadyVoted.into());
    }

    #[test]
    fn a_recused_member_cannot_vote() {
        let claim = claim(S::InCommissionReview);
        let ballot = Ballot {
            votes: vec![],
            recusals: vec![UserId(1)],
        };
        let vote = cast_vote(
            &claim,
            &member(1),
            &ballot,
            (&kosovo(), None),
            VoteCast::plain(VoteKind::Approve),
        );
        assert_eq!(vote.unwrap_err(), RuleViolation::Recused.into());
    }

    #[test]
    fn votes_are_cast_only_in_commission_review_and_only_by_members() {
        let draft = claim(S::Draft);
        assert!(
            cast_vote(
                &draft,
                &member(1),
                &Ballot::default(),
                (&kosovo(), None),
                VoteCast::plain(VoteKind::Approve)
            )
            .is_err()
        );
        let review = claim(S::InCommissionReview);
        let lawyer = Actor::user(UserId(10), [Role::Lawyer]);
        assert!(
            cast_vote(
                &review,
                &lawyer,
                &Ballot::default(),
                (&kosovo(), None),
                VoteCast::plain(VoteKind::Approve)
            )
            .is_err()
        );
    }

    #[test]
    fn an_amended_vote_needs_an_amount_and_only_it_may_have_one() {
        let claim = claim(S::InCommissionReview);
        let ballot = Ballot::default();
        let missing = cast_vote(
            &claim,
            &member(1),
            &ballot,
            (&kosovo(), None),
            VoteCast::plain(VoteKind::ApproveAmended),
        );
        assert_eq!(
            missing.unwrap_err(),
            RuleViolation::InputRequired {
                field: "amended_amount"
            }
            .into()
        );
        let stray = cast_vote(
            &claim,
            &member(1),
            &ballot,
            (&kosovo(), None),
            VoteCast {
                amended_amount: Some(Decimal::ONE),
                ..VoteCast::plain(VoteKind::Approve)
            },
        );
        assert!(matches!(
            stray,
            Err(DomainError::InvalidInput {
                field: "amended_amount",
                ..
            })
        ));
    }

    #[test]
    fn once_a_rapporteur_is_assigned_only_they_record_the_assessment() {
        let mut claim = claim(S::UnderAssessment);
        let rapporteur = Actor::user(UserId(20), [Role::Secretariat]);
        let colleague = Actor::user(UserId(21), [Role::Secretariat]);
        let rules = kosovo();
        let today = "2026-11-28".parse().unwrap();
        let assessment = crate::domain::claim::tests::assessment();
        let schedules = crate::domain::claim::tests::kosovo_schedules();
        let context = (&rules, &schedules[..]);
        assert!(record_assessment(&claim, &colleague, context, assessment.clone(), today).is_ok());
        claim.rapporteur = Some(UserId(20));
        assert_eq!(
            record_assessment(&claim, &colleague, context, assessment.clone(), today).unwrap_err(),
            DomainError::NotTheRapporteur {
                operation: ClaimOperation::RecordAssessment
            }
        );
        assert!(record_assessment(&claim, &rapporteur, context, assessment, today).is_ok());
    }

    #[test]
    fn no_amended_vote_or_interim_award_goes_past_the_schedules_maximum() {
        let maximum = Some(Money::from_minor_units(
            700_000,
            crate::domain::money::Currency::Eur,
        ));
        let review = claim(S::InCommissionReview);
        let amended = VoteCast {
            amended_amount: Some(Decimal::new(700_001, 2)),
            ..VoteCast::plain(VoteKind::ApproveAmended)
        };
        let vote = cast_vote(
            &review,
            &member(1),
            &Ballot::default(),
            (&kosovo(), maximum),
            amended,
        );
        assert!(matches!(
            vote,
            Err(DomainError::InvalidInput {
                field: "amended_amount",
                ..
            })
        ));
        let chair = Actor::user(UserId(5), [Role::Chair]);
        let limits = (&kosovo(), maximum);
        let (_, _, granted) =
            grant_interim_award(&review, &chair, limits, Decimal::new(6_000, 0), "care").unwrap();
        let past = grant_interim_award(&granted, &chair, limits, Decimal::new(1_001, 0), "more");
        assert!(matches!(
            past,
            Err(DomainError::InvalidInput {
                field: "amount",
                ..
            })
        ));
    }

    #[test]
    fn interim_awards_add_up_on_the_claim() {
        let claim = claim(S::UnderAssessment);
        let chair = Actor::user(UserId(5), [Role::Chair]);
        let (_, granted, next) = grant_interim_award(
            &claim,
            &chair,
            (&kosovo(), None),
            Decimal::new(50_000, 2),
            "funeral",
        )
        .unwrap();
        assert_eq!(granted.minor_units(), 50_000);
        let (_, _, next) = grant_interim_award(
            &next,
            &chair,
            (&kosovo(), None),
            Decimal::new(25_050, 2),
            "medical care",
        )
        .unwrap();
        assert_eq!(next.interim_awarded.minor_units(), 75_050);
        let lawyer = Actor::user(UserId(10), [Role::Lawyer]);
        assert!(
            grant_interim_award(&claim, &lawyer, (&kosovo(), None), Decimal::ONE, "x").is_err()
        );
    }

    #[test]
    fn an_extension_is_granted_only_after_the_deadline_with_a_reason() {
        let claim = claim(S::Draft);
        let secretariat = Actor::user(UserId(2), [Role::Secretariat]);
        let early = "2026-04-01".parse().unwrap();
        let late = "2026-12-01".parse().unwrap();
        assert_eq!(
            grant_filing_extension(&claim, &secretariat, &kosovo(), early, "hospitalised")
                .unwrap_err(),
            RuleViolation::ExtensionNotNeeded.into()
        );
        assert!(grant_filing_extension(&claim, &secretariat, &kosovo(), late, " ").is_err());
        let (_, extended) =
            grant_filing_extension(&claim, &secretariat, &kosovo(), late, "hospitalised").unwrap();
        assert_eq!(
            extended.filing_extension_reason.as_deref(),
            Some("hospitalised")
        );
    }
}
