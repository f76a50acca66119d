//! Deadlines that act on their own: which timed action a claim is due for today, and how many
//! days a claim is past a deadline that calls for a person rather than an action.
//!
//! The store's queries select candidates with the same conditions; these functions have the last
//! word, so a query that selects too widely never makes the scheduler act where it should not.

use chrono::NaiveDate;

use super::claim::{Claim, OverdueFlag};
use super::error::{DomainError, RuleViolation};
use super::guards::awarded;
use super::workflow::{ClaimAction, ClaimState};

/// What the `system` actor does about a deadline: move the claim on, or flag it for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimedAction {
    Transition(ClaimAction),
    Flag(OverdueFlag),
}

impl std::fmt::Display for TimedAction {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimedAction::Transition(action) => action.fmt(formatter),
            TimedAction::Flag(flag) => write!(formatter, "flag {flag}"),
        }
    }
}

/// The action the `system` actor performs on the claim today, if one is due. A deadline's date
/// is its last day: the action falls due the day after. Moving the claim on comes before
/// flagging it, and each flag is raised once per deadline.
pub fn due_action(claim: &Claim, today: NaiveDate) -> Option<TimedAction> {
    let passed = |due: Option<NaiveDate>| due.is_some_and(|due| today > due);
    let transition = match claim.state {
        ClaimState::AwaitingEvidence if passed(claim.deadlines.evidence_due) => {
            Some(ClaimAction::EvidenceDeadlinePassed)
        }
        ClaimState::Decided if passed(claim.deadlines.appeal_due) => Some(ClaimAction::Finalize),
        ClaimState::Final if awarded(claim).is_none() => Some(ClaimAction::Close),
        _ => None,
    };
    if let Some(action) = transition {
        return Some(TimedAction::Transition(action));
    }
    [OverdueFlag::DecisionOverdue, OverdueFlag::PaymentOverdue]
        .into_iter()
        .find(|flag| flag_due(claim, *flag, today))
        .map(TimedAction::Flag)
}

/// Whether the deadline behind `flag` has passed with nothing done and no flag raised yet.
/// Evidence is flagged by its own transition, which moves the claim on at the same time.
fn flag_due(claim: &Claim, flag: OverdueFlag, today: NaiveDate) -> bool {
    if claim.flags.contains_key(&flag) {
        return false;
    }
    let (due, waiting) = match flag {
        OverdueFlag::EvidenceOverdue => return false,
        OverdueFlag::DecisionOverdue => (
            claim.deadlines.decision_due,
            claim.decision.is_none() && ClaimState::AWAITING_DECISION.contains(&claim.state),
        ),
        OverdueFlag::PaymentOverdue => (
            claim.deadlines.payment_due,
            matches!(claim.state, ClaimState::Final | ClaimState::InPayment),
        ),
    };
    waiting && due.is_some_and(|due| today > due)
}

/// The claim with `flag` raised today, if its deadline has passed with nothing done; an error
/// when it has not (or the flag is up already), so that two passes never raise it twice.
pub fn raise_flag(
    claim: &Claim,
    flag: OverdueFlag,
    today: NaiveDate,
) -> Result<Claim, DomainError> {
    if !flag_due(claim, flag, today) {
        return Err(RuleViolation::NotOverdue { flag }.into());
    }
    let mut after = claim.clone();
    after.flags.insert(flag, today);
    Ok(after)
}

/// How many days the claim is past the deadline it has overrun the longest: evidence still
/// awaited, no decision by its due date, or an award not paid by its due date. `None` when it is
/// on time. The same conditions as the list filter `overdue=true`.
pub fn days_overdue(claim: &Claim, today: NaiveDate) -> Option<i64> {
    let deadlines = &claim.deadlines;
    let missed = [
        deadlines
            .evidence_due
            .filter(|_| claim.state == ClaimState::AwaitingEvidence),
        deadlines.decision_due.filter(|_| claim.decision.is_none()),
        deadlines
            .payment_due
            .filter(|_| matches!(claim.state, ClaimState::Final | ClaimState::InPayment)),
    ];
    missed
        .into_iter()
        .flatten()
        .map(|due| (today - due).num_days())
        .filter(|days| *days > 0)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;
    use crate::domain::claim::{Decision, Outcome};
    use crate::domain::money::{Currency, Money};

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn decided(state: ClaimState, outcome: Outcome) -> Claim {
        let mut claim = claim(state);
        claim.deadlines.appeal_due = Some(date("2026-05-01"));
        claim.decision = Some(Decision {
            outcome,
            decided_on: date("2026-04-01"),
        });
        claim
    }

    #[test]
    fn evidence_falls_due_the_day_after_its_last_day() {
        let mut waiting = claim(ClaimState::AwaitingEvidence);
        waiting.deadlines.evidence_due = Some(date("2026-05-01"));
        assert_eq!(due_action(&waiting, date("2026-05-01")), None);
        assert_eq!(
            due_action(&waiting, date("2026-05-02")),
            Some(TimedAction::Transition(ClaimAction::EvidenceDeadlinePassed))
        );
    }

    #[test]
    fn a_decision_becomes_final_once_its_appeal_window_has_passed() {
        let claim = decided(ClaimState::Decided, Outcome::Rejected);
        assert_eq!(due_action(&claim, date("2026-05-01")), None);
        assert_eq!(
            due_action(&claim, date("2026-05-02")),
            Some(TimedAction::Transition(ClaimAction::Finalize))
        );
    }

    #[test]
    fn only_a_final_claim_with_nothing_to_pay_is_closed() {
        let rejected = decided(ClaimState::Final, Outcome::Rejected);
        assert_eq!(
            due_action(&rejected, date("2026-04-02")),
            Some(TimedAction::Transition(ClaimAction::Close))
        );
        let award = Outcome::Award(Money::from_minor_units(50_000, Currency::Eur));
        let awarded = decided(ClaimState::Final, award);
        assert_eq!(due_action(&awarded, date("2027-04-02")), None);
    }

    #[test]
    fn a_claim_without_a_decision_by_its_due_date_is_flagged_once() {
        let mut waiting = claim(ClaimState::UnderAssessment);
        waiting.deadlines.decision_due = Some(date("2026-05-01"));
        assert_eq!(due_action(&waiting, date("2026-05-01")), None);
        let flag = TimedAction::Flag(OverdueFlag::DecisionOverdue);
        assert_eq!(due_action(&waiting, date("2026-05-02")), Some(flag));
        let flagged =
            raise_flag(&waiting, OverdueFlag::DecisionOverdue, date("2026-05-02")).unwrap();
        assert_eq!(
            flagged.flags.get(&OverdueFlag::DecisionOverdue),
            Some(&date("2026-05-02"))
        );
        assert_eq!(due_action(&flagged, date("2026-06-01")), None);
        assert!(raise_flag(&flagged, OverdueFlag::DecisionOverdue, date("2026-06-01")).is_err());
    }

    #[test]
    fn an_unpaid_award_past_its_payment_due_is_flagged_and_a_paid_one_is_not() {
        let award = Outcome::Award(Money::from_minor_units(50_000, Currency::Eur));
        let mut unpaid = decided(ClaimState::InPayment, award);
        unpaid.deadlines.payment_due = Some(date("2026-06-01"));
        assert_eq!(
            due_action(&unpaid, date("2026-06-02")),
            Some(TimedAction::Flag(OverdueFlag::PaymentOverdue))
        );
        unpaid.state = ClaimState::Paid;
        assert_eq!(due_action(&unpaid, date("2026-06-02")), None);
        assert!(raise_flag(&unpaid, OverdueFlag::PaymentOverdue, date("2026-06-02")).is_err());
    }

    #[test]
    fn a_flag_is_never_raised_before_its_deadline_has_passed() {
        let mut waiting = claim(ClaimState::InCommissionReview);
        waiting.deadlines.decision_due = Some(date("2026-05-01"));
        for flag in [
            OverdueFlag::DecisionOverdue,
            OverdueFlag::PaymentOverdue,
            OverdueFlag::EvidenceOverdue,
        ] {
            assert!(
                raise_flag(&waiting, flag, date("2026-05-01")).is_err(),
                "{flag}"
            );
        }
    }

    #[test]
    fn a_claim_without_a_decision_is_overdue_by_the_days_past_its_decision_due() {
        let mut waiting = claim(ClaimState::UnderAssessment);
        waiting.deadlines.decision_due = Some(date("2026-05-01"));
        assert_eq!(days_overdue(&waiting, date("2026-05-01")), None);
        assert_eq!(days_overdue(&waiting, date("2026-05-04")), Some(3));
        let rejected = decided(ClaimState::Decided, Outcome::Rejected);
        assert_eq!(days_overdue(&rejected, date("2027-01-01")), None);
    }

    #[test]
    fn an_unpaid_award_is_overdue_by_the_days_past_its_payment_due() {
        let award = Outcome::Award(Money::from_minor_units(50_000, Currency::Eur));
        let mut unpaid = decided(ClaimState::InPayment, award);
        unpaid.deadlines.payment_due = Some(date("2026-06-01"));
        assert_eq!(days_overdue(&unpaid, date("2026-06-11")), Some(10));
        unpaid.state = ClaimState::Paid;
        assert_eq!(days_overdue(&unpaid, date("2026-06-11")), None);
    }
}
