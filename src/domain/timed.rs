//! Deadlines that act on their own: which timed action a claim is due for today, and how many
//! days a claim is past a deadline that calls for a person rather than an action.
//!
//! The store's queries select candidates with the same conditions; these functions have the last
//! word, so a query that selects too widely never makes the scheduler act where it should not.

use chrono::NaiveDate;

use super::claim::Claim;
use super::guards::awarded;
use super::workflow::{ClaimAction, ClaimState};

/// The action the `system` actor performs on the claim today, if one is due. A deadline's date
/// is its last day: the action falls due the day after.
pub fn due_action(claim: &Claim, today: NaiveDate) -> Option<ClaimAction> {
    let passed = |due: Option<NaiveDate>| due.is_some_and(|due| today > due);
    match claim.state {
        ClaimState::AwaitingEvidence if passed(claim.deadlines.evidence_due) => {
            Some(ClaimAction::EvidenceDeadlinePassed)
        }
        ClaimState::Decided if passed(claim.deadlines.appeal_due) => Some(ClaimAction::Finalize),
        ClaimState::Final if awarded(claim).is_none() => Some(ClaimAction::Close),
        _ => None,
    }
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
            Some(ClaimAction::EvidenceDeadlinePassed)
        );
    }

    #[test]
    fn a_decision_becomes_final_once_its_appeal_window_has_passed() {
        let claim = decided(ClaimState::Decided, Outcome::Rejected);
        assert_eq!(due_action(&claim, date("2026-05-01")), None);
        assert_eq!(
            due_action(&claim, date("2026-05-02")),
            Some(ClaimAction::Finalize)
        );
    }

    #[test]
    fn only_a_final_claim_with_nothing_to_pay_is_closed() {
        let rejected = decided(ClaimState::Final, Outcome::Rejected);
        assert_eq!(
            due_action(&rejected, date("2026-04-02")),
            Some(ClaimAction::Close)
        );
        let award = Outcome::Award(Money::from_minor_units(50_000, Currency::Eur));
        let awarded = decided(ClaimState::Final, award);
        assert_eq!(due_action(&awarded, date("2027-04-02")), None);
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
