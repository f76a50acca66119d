//! What an action changes on the claim besides its state, and the audit payload describing it.

use serde_json::{Map, Value, json};

use super::claim::{Claim, Decision, Outcome, OverdueFlag};
use super::deadlines::add_days;
use super::error::{DomainError, RuleViolation};
use super::guards::{Check, awarded, to_money};
use super::proposal::{calculate_for, proposed_award};
use super::votes::tally;
use super::workflow::{AppealOutcome, ClaimAction};

/// Applies `action`'s effects to `next` and returns the payload to record.
pub fn apply(
    next: &mut Claim,
    action: ClaimAction,
    check: &Check<'_>,
) -> Result<Value, DomainError> {
    let today = check.context.today;
    let periods = check.context.rules.periods;
    let before = next.clone();
    match action {
        ClaimAction::Submit => next.lodged_on = Some(today),
        ClaimAction::AcceptForAssessment
        | ClaimAction::CompleteEvidence
        | ClaimAction::EvidenceDeadlinePassed => {
            if action == ClaimAction::EvidenceDeadlinePassed {
                next.flags.insert(OverdueFlag::EvidenceOverdue, today);
            }
            next.deadlines.evidence_due = None;
            if next.deadlines.decision_due.is_none() {
                next.deadlines.decision_due = add_days(today, periods.decision_days);
            }
        }
        ClaimAction::RequestEvidence => {
            next.flags.remove(&OverdueFlag::EvidenceOverdue);
            next.deadlines.evidence_due = check
                .input
                .evidence_due
                .or_else(|| add_days(today, periods.evidence_days));
        }
        ClaimAction::DeclareInadmissible => {
            let reason = check.input.reason.clone().unwrap_or_default();
            record_decision(next, Outcome::Inadmissible { reason }, check);
        }
        ClaimAction::ProposeAward => propose(next, check)?,
        ClaimAction::Decide => {
            let proposed = next.proposed_award.ok_or(RuleViolation::NoProposedAward)?;
            let outcome = tally(
                check.context.ballot,
                &check.context.rules.commission,
                proposed,
            )?;
            record_decision(next, outcome, check);
        }
        ClaimAction::RecordAppealOutcome => record_appeal_outcome(next, check)?,
        ClaimAction::Finalize => set_payment_due(next, check),
        ClaimAction::Reopen => {
            next.flags.remove(&OverdueFlag::DecisionOverdue);
            next.flags.remove(&OverdueFlag::PaymentOverdue);
            next.deadlines.decision_due = add_days(today, periods.decision_days);
            next.deadlines.appeal_due = None;
            next.deadlines.payment_due = None;
        }
        ClaimAction::Create
        | ClaimAction::ReturnForAssessment
        | ClaimAction::Appeal
        | ClaimAction::StartPayout
        | ClaimAction::MarkPaid
        | ClaimAction::Close
        | ClaimAction::Withdraw => {}
    }
    Ok(payload(&before, next, check))
}

/// Calculates the award from the assessment on file; the calculation is kept with the claim.
/// A zero total is a proposal too: the commission then votes on rejecting the claim.
fn propose(next: &mut Claim, check: &Check<'_>) -> Result<(), DomainError> {
    let assessment = next
        .assessment
        .as_ref()
        .ok_or(RuleViolation::NoAssessment)?;
    let context = check.context;
    let calculation = calculate_for(
        next,
        assessment,
        context.schedules,
        context.rules.currency,
        context.today,
    )?;
    let proposed = proposed_award(&calculation).ok_or_else(|| DomainError::InvalidInput {
        field: "assessment",
        reason: "gives an award past the largest amount accepted".to_owned(),
    })?;
    let document =
        serde_json::to_value(&calculation).map_err(|error| DomainError::InvalidInput {
            field: "assessment",
            reason: format!("gives a calculation that cannot be recorded: {error}"),
        })?;
    next.proposed_award = Some(proposed);
    next.calculation = Some(document);
    next.review_round += 1;
    Ok(())
}

fn record_decision(next: &mut Claim, outcome: Outcome, check: &Check<'_>) {
    let today = check.context.today;
    next.decision = Some(Decision {
        outcome,
        decided_on: today,
    });
    next.deadlines.decision_due = None;
    next.deadlines.appeal_due = add_days(today, check.context.rules.periods.appeal_days);
}

fn record_appeal_outcome(next: &mut Claim, check: &Check<'_>) -> Result<(), DomainError> {
    let outcome = check
        .input
        .appeal_outcome
        .ok_or(RuleViolation::InputRequired {
            field: "appeal_outcome",
        })?;
    if outcome != AppealOutcome::Varied && check.input.varied_award.is_some() {
        return Err(DomainError::InvalidInput {
            field: "varied_award",
            reason: "is allowed only with appeal_outcome varied".to_owned(),
        });
    }
    match outcome {
        AppealOutcome::Upheld => set_payment_due(next, check),
        AppealOutcome::Varied => {
            let amount = check
                .input
                .varied_award
                .ok_or(RuleViolation::InputRequired {
                    field: "varied_award",
                })?;
            let award = to_money(amount, check, "varied_award")?;
            let outcome = if award.is_zero() {
                Outcome::Rejected
            } else {
                Outcome::Award(award)
            };
            next.decision = Some(Decision {
                outcome,
                decided_on: check.context.today,
            });
            set_payment_due(next, check);
        }
        AppealOutcome::Remitted => {
            next.decision = None;
            next.flags.remove(&OverdueFlag::DecisionOverdue);
            next.deadlines.decision_due = add_days(
                check.context.today,
                check.context.rules.periods.decision_days,
            );
        }
    }
    next.deadlines.appeal_due = None;
    Ok(())
}

fn set_payment_due(next: &mut Claim, check: &Check<'_>) {
    next.flags.remove(&OverdueFlag::PaymentOverdue);
    next.deadlines.payment_due = awarded(next).and_then(|_| {
        add_days(
            check.context.today,
            check.context.rules.periods.payment_days,
        )
    });
}

fn payload(before: &Claim, after: &Claim, check: &Check<'_>) -> Value {
    let mut payload = match serde_json::to_value(check.input) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if before.deadlines != after.deadlines {
        payload.insert("deadlines".into(), json!(after.deadlines));
    }
    if before.decision != after.decision {
        payload.insert("decision".into(), decision_json(after.decision.as_ref()));
    }
    if before.calculation != after.calculation {
        payload.insert(
            "calculation".into(),
            after.calculation.clone().unwrap_or(Value::Null),
        );
    }
    if before.proposed_award != after.proposed_award {
        payload.insert("proposed_award".into(), json!(after.proposed_award));
    }
    Value::Object(payload)
}

fn decision_json(decision: Option<&Decision>) -> Value {
    match decision {
        None => Value::Null,
        Some(decision) => json!({
            "outcome": decision.outcome.kind(),
            "award": decision.outcome.award(),
            "decided_on": decision.decided_on,
        }),
    }
}
