//! The guards of the workflow table: pure checks of a claim, its context and the action's input.

use rust_decimal::Decimal;

use super::claim::{Claim, DocumentKind};
use super::deadlines::{add_days, filing_deadline};
use super::error::{DomainError, RuleViolation};
use super::money::Money;
use super::role::Role;
use super::votes::tally;
use super::workflow::{ActionInput, Context};

/// What a guard sees: the claim, the caller's context, the input, and the role the actor acts in.
pub struct Check<'a> {
    pub claim: &'a Claim,
    pub context: &'a Context<'a>,
    pub input: &'a ActionInput,
    pub role: Role,
}

/// A named guard; the name appears in the README's table.
pub struct Guard {
    pub name: &'static str,
    pub check: fn(&Check<'_>) -> Result<(), DomainError>,
}

/// The longest an evidence request may give, so a typo cannot park a claim for years.
const EVIDENCE_DUE_MAXIMUM_DAYS: u32 = 365;

pub const NONE: Guard = Guard {
    name: "",
    check: always,
};
pub const READY_TO_SUBMIT: Guard = Guard {
    name: "required fields and consent, authority to act (lawyer), filing deadline or extension",
    check: ready_to_submit,
};
pub const DUE_DATE_AHEAD: Guard = Guard {
    name: "evidence due date ahead",
    check: due_date_ahead,
};
pub const EVIDENCE_OVERDUE: Guard = Guard {
    name: "evidence due date passed",
    check: evidence_overdue,
};
pub const VOTE_CARRIES: Guard = Guard {
    name: "quorum and majority",
    check: vote_carries,
};
pub const APPEAL_WINDOW_OPEN: Guard = Guard {
    name: "inside the appeal window",
    check: appeal_window_open,
};
pub const APPEAL_WINDOW_PASSED_OR_WAIVED: Guard = Guard {
    name: "appeal window passed or appeal waived",
    check: appeal_window_passed_or_waived,
};
pub const AWARD_TO_PAY: Guard = Guard {
    name: "award above zero",
    check: award_to_pay,
};
pub const NOTHING_TO_PAY: Guard = Guard {
    name: "no award to pay",
    check: nothing_to_pay,
};
pub const PAYMENTS_COVER_AWARD: Guard = Guard {
    name: "confirmed payments, interim included, cover the award",
    check: payments_cover_award,
};
pub const ASSESSMENT_RECORDED: Guard = Guard {
    name: "assessment recorded",
    check: assessment_recorded,
};
pub const NOT_DECIDED: Guard = Guard {
    name: "no decision given",
    check: not_decided,
};
pub const REOPENING_ALLOWED: Guard = Guard {
    name: "rules allow reopening",
    check: reopening_allowed,
};

fn always(_: &Check<'_>) -> Result<(), DomainError> {
    Ok(())
}

fn ready_to_submit(check: &Check<'_>) -> Result<(), DomainError> {
    let facts = &check.claim.facts;
    let missing: Vec<&'static str> = [
        ("victim_birth_date", facts.victim_birth_date.is_none()),
        ("victim_address", facts.victim_address.is_none()),
        ("claimed_losses", facts.claimed_losses.is_empty()),
        ("consent_given", !facts.consent_given),
    ]
    .into_iter()
    .filter_map(|(field, absent)| absent.then_some(field))
    .collect();
    if !missing.is_empty() {
        return Err(RuleViolation::RequiredFieldsMissing { fields: missing }.into());
    }
    // A represented applicant acts through the lawyer's authority, whoever lodges the claim.
    if check.role == Role::Lawyer || check.claim.representative.is_some() {
        let required = if facts.victim_was_minor() {
            DocumentKind::GuardianAppointment
        } else {
            DocumentKind::PowerOfAttorney
        };
        if !check.context.documents.contains(&required) {
            return Err(RuleViolation::AuthorityToActMissing { required }.into());
        }
    }
    within_filing_deadline(check)
}

fn within_filing_deadline(check: &Check<'_>) -> Result<(), DomainError> {
    let deadline = filing_deadline(&check.context.rules.filing, &check.claim.facts);
    match deadline {
        Some(deadline)
            if check.context.today > deadline && check.claim.filing_extension_reason.is_none() =>
        {
            Err(RuleViolation::FilingDeadlinePassed { deadline }.into())
        }
        _ => Ok(()),
    }
}

fn due_date_ahead(check: &Check<'_>) -> Result<(), DomainError> {
    let Some(due) = check.input.evidence_due else {
        return Ok(());
    };
    let latest = add_days(check.context.today, EVIDENCE_DUE_MAXIMUM_DAYS);
    if due <= check.context.today || latest.is_some_and(|latest| due > latest) {
        return Err(DomainError::InvalidInput {
            field: "evidence_due",
            reason: format!("must be after today and within {EVIDENCE_DUE_MAXIMUM_DAYS} days"),
        });
    }
    Ok(())
}

fn evidence_overdue(check: &Check<'_>) -> Result<(), DomainError> {
    match check.claim.deadlines.evidence_due {
        None => Err(RuleViolation::NoEvidenceDue.into()),
        Some(due) if check.context.today <= due => {
            Err(RuleViolation::EvidenceNotYetDue { due }.into())
        }
        Some(_) => Ok(()),
    }
}

fn vote_carries(check: &Check<'_>) -> Result<(), DomainError> {
    let proposed = check
        .claim
        .proposed_award
        .ok_or(RuleViolation::NoProposedAward)?;
    tally(
        check.context.ballot,
        &check.context.rules.commission,
        proposed,
    )?;
    Ok(())
}

fn appeal_window_open(check: &Check<'_>) -> Result<(), DomainError> {
    let last_day = check
        .claim
        .deadlines
        .appeal_due
        .unwrap_or(check.context.today);
    if check.context.today > last_day {
        return Err(RuleViolation::AppealWindowClosed { last_day }.into());
    }
    Ok(())
}

fn appeal_window_passed_or_waived(check: &Check<'_>) -> Result<(), DomainError> {
    match check.claim.deadlines.appeal_due {
        Some(last_day) if check.context.today <= last_day && !check.input.appeal_waived => {
            Err(RuleViolation::AppealWindowOpen { last_day }.into())
        }
        _ => Ok(()),
    }
}

fn award_to_pay(check: &Check<'_>) -> Result<(), DomainError> {
    awarded(check.claim)
        .map(|_| ())
        .ok_or(RuleViolation::NoAwardToPay.into())
}

fn nothing_to_pay(check: &Check<'_>) -> Result<(), DomainError> {
    match awarded(check.claim) {
        Some(award) => Err(RuleViolation::AwardNotPaid { award }.into()),
        None => Ok(()),
    }
}

fn payments_cover_award(check: &Check<'_>) -> Result<(), DomainError> {
    let award = awarded(check.claim).ok_or(RuleViolation::NoAwardToPay)?;
    let paid = check.context.confirmed_payments;
    if paid.currency() != award.currency() || paid.minor_units() < award.minor_units() {
        return Err(RuleViolation::PaymentsIncomplete { paid, award }.into());
    }
    Ok(())
}

fn assessment_recorded(check: &Check<'_>) -> Result<(), DomainError> {
    match check.claim.assessment {
        Some(_) => Ok(()),
        None => Err(RuleViolation::NoAssessment.into()),
    }
}

/// A reopened claim keeps its decision, so it can no longer be withdrawn.
fn not_decided(check: &Check<'_>) -> Result<(), DomainError> {
    match check.claim.decision {
        Some(_) => Err(RuleViolation::AlreadyDecided.into()),
        None => Ok(()),
    }
}

fn reopening_allowed(check: &Check<'_>) -> Result<(), DomainError> {
    if check.context.rules.reopen_allowed {
        Ok(())
    } else {
        Err(RuleViolation::ReopeningNotAllowed.into())
    }
}

/// The award of the claim's decision, if it awards anything.
pub fn awarded(claim: &Claim) -> Option<Money> {
    claim
        .decision
        .as_ref()
        .and_then(|decision| decision.outcome.award())
}

/// Turns an input amount into money of the jurisdiction's currency, naming the field on failure.
pub fn to_money(
    amount: Decimal,
    check: &Check<'_>,
    field: &'static str,
) -> Result<Money, DomainError> {
    Money::new(amount, check.context.rules.currency).map_err(|error| DomainError::InvalidInput {
        field,
        reason: error.to_string(),
    })
}
