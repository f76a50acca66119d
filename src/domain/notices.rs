//! Which notices a change to a claim calls for, who receives them, and how a failed delivery is
//! retried: pure rules, so the service only has to look the recipients up and write the rows in
//! the change's own transaction (a transactional outbox).

use chrono::NaiveDate;

use super::audit::AuditAction;
use super::claim::{Claim, OverdueFlag};
use super::operations::ClaimOperation;
use super::workflow::{ClaimAction, ClaimState};

named_enum! {
    /// What a notice tells its recipients about a claim.
    pub enum NoticeKind {
        ClaimSubmitted,
        EvidenceRequested,
        /// The evidence period passed without the evidence; the claim went on to assessment.
        EvidenceOverdue,
        DecisionIssued,
        /// The appeal window closes within the configured number of days.
        AppealWindowClosing,
        PaymentMade,
        /// No decision by the decision due date (the scheduler's flag).
        DecisionOverdue,
        /// A final award unpaid by its payment due date: escalated to finance and the chair.
        PaymentOverdue,
    }
}

named_enum! {
    /// Who receives a notice: a relation to the claim, or a role.
    pub enum Audience {
        /// The lawyer representing the applicant.
        Representative,
        /// The secretariat member assigned to prepare the claim.
        Rapporteur,
        /// Every user holding the role chair.
        Chair,
        /// Every user holding the role secretariat.
        Secretariat,
        /// Every finance officer and finance approver.
        Finance,
    }
}

named_enum! {
    /// Where a delivery through an outside channel stands.
    pub enum DeliveryState {
        /// Waiting for its next attempt.
        Pending,
        Delivered,
        /// Failed as many times as allowed; an administrator may retry it.
        Dead,
    }
}

/// Where a user's e-mail notices go. Personal data: its `Debug` never shows it, so it cannot
/// reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// An address as HTML forms accept it (the WHATWG rule), at most 254 characters.
    pub fn parse(text: &str) -> Result<EmailAddress, &'static str> {
        use validator::ValidateEmail;
        let text = text.trim();
        match text.len() <= 254 && text.validate_email() {
            true => Ok(EmailAddress(text.to_owned())),
            false => Err("must be an e-mail address"),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for EmailAddress {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("EmailAddress(<redacted>)")
    }
}

/// A change as the outbox sees it.
#[derive(Clone, Copy, Debug)]
pub struct Happened<'a> {
    pub before: &'a Claim,
    pub after: &'a Claim,
    pub action: AuditAction,
    /// Whether the change confirmed a payment order as paid (not returned).
    pub order_paid: bool,
}

/// The notice a change calls for, if any.
pub fn caused_by(happened: &Happened<'_>) -> Option<NoticeKind> {
    use AuditAction::{Operation, Transition};
    match happened.action {
        Transition(ClaimAction::Submit) => Some(NoticeKind::ClaimSubmitted),
        Transition(ClaimAction::RequestEvidence) => Some(NoticeKind::EvidenceRequested),
        Transition(ClaimAction::EvidenceDeadlinePassed) => Some(NoticeKind::EvidenceOverdue),
        // An appeal remitted for a new assessment issues no decision yet.
        Transition(
            ClaimAction::Decide
            | ClaimAction::DeclareInadmissible
            | ClaimAction::RecordAppealOutcome,
        ) if happened.after.state != ClaimState::UnderAssessment => {
            Some(NoticeKind::DecisionIssued)
        }
        Operation(ClaimOperation::ConfirmPayment) if happened.order_paid => {
            Some(NoticeKind::PaymentMade)
        }
        Operation(ClaimOperation::FlagOverdue) => {
            raised_flag(happened).and_then(|flag| match flag {
                OverdueFlag::DecisionOverdue => Some(NoticeKind::DecisionOverdue),
                OverdueFlag::PaymentOverdue => Some(NoticeKind::PaymentOverdue),
                // Raised by the move to assessment, which tells of it as evidence overdue.
                OverdueFlag::EvidenceOverdue => None,
            })
        }
        _ => None,
    }
}

/// The flag the change raised, if it raised one.
fn raised_flag(happened: &Happened<'_>) -> Option<OverdueFlag> {
    happened
        .after
        .flags
        .keys()
        .find(|flag| !happened.before.flags.contains_key(flag))
        .copied()
}

impl NoticeKind {
    /// Who is told.
    pub fn audiences(self) -> &'static [Audience] {
        use Audience::*;
        match self {
            NoticeKind::ClaimSubmitted => &[Representative, Secretariat],
            NoticeKind::EvidenceRequested => &[Representative, Rapporteur],
            NoticeKind::EvidenceOverdue => &[Representative, Rapporteur],
            NoticeKind::DecisionIssued => &[Representative, Rapporteur, Chair, Finance],
            NoticeKind::AppealWindowClosing => &[Representative, Rapporteur],
            NoticeKind::PaymentMade => &[Representative, Finance],
            NoticeKind::DecisionOverdue => &[Rapporteur, Secretariat, Chair],
            NoticeKind::PaymentOverdue => &[Finance, Chair],
        }
    }
}

/// The appeal window's last day, when a decided claim's window closes within `days_before`
/// days of `today` (today included) and so calls for a reminder.
pub fn appeal_reminder_due(claim: &Claim, today: NaiveDate, days_before: u32) -> Option<NaiveDate> {
    let appeal_due = claim.deadlines.appeal_due?;
    let remaining_days = (appeal_due - today).num_days();
    let closing = (0..=i64::from(days_before)).contains(&remaining_days);
    (claim.state == ClaimState::Decided && closing).then_some(appeal_due)
}

/// What makes a reminder unique: one per claim and appeal date, however many passes run.
pub fn appeal_reminder_key(claim: &Claim, appeal_due: NaiveDate) -> String {
    format!(
        "{}:{}:{appeal_due}",
        NoticeKind::AppealWindowClosing,
        claim.id.0
    )
}

/// The longest wait between two attempts, however many have failed: six hours.
pub const RETRY_DELAY_SECONDS_MAXIMUM: u64 = 6 * 60 * 60;

/// What follows a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    RetryInSeconds(u64),
    Dead,
}

/// Exponential backoff from one minute, doubling and bounded; dead once `attempts` (this one
/// included) reaches `attempts_maximum`.
pub fn after_failure(attempts: u32, attempts_maximum: u32) -> AfterFailure {
    if attempts >= attempts_maximum {
        return AfterFailure::Dead;
    }
    let doublings = attempts.saturating_sub(1).min(16);
    let delay_seconds = 60_u64.saturating_mul(1 << doublings);
    AfterFailure::RetryInSeconds(delay_seconds.min(RETRY_DELAY_SECONDS_MAXIMUM))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;

    fn happened<'a>(before: &'a Claim, after: &'a Claim, action: AuditAction) -> Happened<'a> {
        Happened {
            before,
            after,
            action,
            order_paid: false,
        }
    }

    fn transition(action: ClaimAction) -> AuditAction {
        AuditAction::Transition(action)
    }

    #[test]
    fn an_unpaid_award_flagged_overdue_is_escalated_to_finance_and_the_chair() {
        let before = claim(ClaimState::InPayment);
        let mut after = before.clone();
        let flag = AuditAction::Operation(ClaimOperation::FlagOverdue);
        after
            .flags
            .insert(OverdueFlag::PaymentOverdue, "2026-06-02".parse().unwrap());
        let notice = caused_by(&happened(&before, &after, flag));
        assert_eq!(notice, Some(NoticeKind::PaymentOverdue));
        assert_eq!(
            NoticeKind::PaymentOverdue.audiences(),
            &[Audience::Finance, Audience::Chair]
        );
        let mut late = claim(ClaimState::UnderAssessment);
        let before_late = late.clone();
        late.flags
            .insert(OverdueFlag::DecisionOverdue, "2026-06-02".parse().unwrap());
        let notice = caused_by(&happened(&before_late, &late, flag));
        assert_eq!(notice, Some(NoticeKind::DecisionOverdue));
    }

    #[test]
    fn submitting_tells_the_representative_and_the_secretariat() {
        let (before, after) = (claim(ClaimState::Draft), claim(ClaimState::Submitted));
        let kind = caused_by(&happened(&before, &after, transition(ClaimAction::Submit)));
        assert_eq!(kind, Some(NoticeKind::ClaimSubmitted));
        assert_eq!(
            NoticeKind::ClaimSubmitted.audiences(),
            [Audience::Representative, Audience::Secretariat]
        );
    }

    #[test]
    fn the_deadline_passing_on_evidence_is_a_notice_of_its_own() {
        let before = claim(ClaimState::AwaitingEvidence);
        let after = claim(ClaimState::UnderAssessment);
        let action = transition(ClaimAction::EvidenceDeadlinePassed);
        let kind = caused_by(&happened(&before, &after, action));
        assert_eq!(kind, Some(NoticeKind::EvidenceOverdue));
    }

    #[test]
    fn a_decision_is_issued_by_deciding_but_not_by_an_appeal_remitted() {
        let before = claim(ClaimState::InCommissionReview);
        let decided = claim(ClaimState::Decided);
        let kind = caused_by(&happened(
            &before,
            &decided,
            transition(ClaimAction::Decide),
        ));
        assert_eq!(kind, Some(NoticeKind::DecisionIssued));
        let appealed = claim(ClaimState::UnderAppeal);
        let remitted = claim(ClaimState::UnderAssessment);
        let action = transition(ClaimAction::RecordAppealOutcome);
        assert_eq!(caused_by(&happened(&appealed, &remitted, action)), None);
    }

    #[test]
    fn only_a_payment_confirmed_as_paid_is_a_payment_made() {
        let paying = claim(ClaimState::InPayment);
        let confirm = AuditAction::Operation(ClaimOperation::ConfirmPayment);
        let returned = happened(&paying, &paying, confirm);
        assert_eq!(caused_by(&returned), None);
        let paid = Happened {
            order_paid: true,
            ..returned
        };
        assert_eq!(caused_by(&paid), Some(NoticeKind::PaymentMade));
    }

    #[test]
    fn acts_that_tell_no_one_cause_no_notice() {
        let before = claim(ClaimState::Submitted);
        let after = claim(ClaimState::UnderAssessment);
        let quiet = [
            transition(ClaimAction::AcceptForAssessment),
            AuditAction::Operation(ClaimOperation::UploadDocument),
            AuditAction::Operation(ClaimOperation::CastVote),
        ];
        for action in quiet {
            assert_eq!(
                caused_by(&happened(&before, &after, action)),
                None,
                "{action}"
            );
        }
    }

    #[test]
    fn every_notice_but_an_internal_escalation_reaches_the_representative() {
        use strum::IntoEnumIterator;
        let escalations = [NoticeKind::DecisionOverdue, NoticeKind::PaymentOverdue];
        for kind in NoticeKind::iter().filter(|kind| !escalations.contains(kind)) {
            assert!(
                kind.audiences().contains(&Audience::Representative),
                "{kind}"
            );
        }
    }

    #[test]
    fn a_reminder_is_due_only_while_a_decided_claims_window_closes_within_the_days() {
        let today: NaiveDate = "2026-12-01".parse().unwrap();
        let mut decided = claim(ClaimState::Decided);
        decided.deadlines.appeal_due = Some("2026-12-08".parse().unwrap());
        assert_eq!(
            appeal_reminder_due(&decided, today, 7),
            decided.deadlines.appeal_due
        );
        assert_eq!(appeal_reminder_due(&decided, today, 6), None);
        let past: NaiveDate = "2026-12-09".parse().unwrap();
        assert_eq!(appeal_reminder_due(&decided, past, 7), None);
        let mut appealed = decided.clone();
        appealed.state = ClaimState::UnderAppeal;
        assert_eq!(appeal_reminder_due(&appealed, today, 7), None);
    }

    #[test]
    fn the_reminder_key_names_the_claim_and_the_date() {
        let mut decided = claim(ClaimState::Decided);
        decided.id = crate::domain::ClaimId(42);
        let key = appeal_reminder_key(&decided, "2026-12-08".parse().unwrap());
        assert_eq!(key, "appeal_window_closing:42:2026-12-08");
    }

    #[test]
    fn an_email_address_is_checked_and_never_shown_in_debug_output() {
        let address = EmailAddress::parse(" lawyer@example.org ").unwrap();
        assert_eq!(address.expose(), "lawyer@example.org");
        assert!(!format!("{address:?}").contains("lawyer"));
        for refused in ["", "lawyer", "lawyer@", "@example.org", "a b@example.org"] {
            assert!(EmailAddress::parse(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn retries_back_off_exponentially_within_a_bound_then_give_up() {
        assert_eq!(after_failure(1, 8), AfterFailure::RetryInSeconds(60));
        assert_eq!(after_failure(2, 8), AfterFailure::RetryInSeconds(120));
        assert_eq!(after_failure(7, 8), AfterFailure::RetryInSeconds(3840));
        assert_eq!(after_failure(8, 8), AfterFailure::Dead);
        assert_eq!(
            after_failure(40, 100),
            AfterFailure::RetryInSeconds(RETRY_DELAY_SECONDS_MAXIMUM)
        );
    }
}
