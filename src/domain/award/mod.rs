//! The award calculator: values a claim's losses under the jurisdiction's schedule in force,
//! then applies the overall limits, payments from elsewhere, the reduction and interim payments.
//!
//! Pure: schedules come in as data (forms/<id>/schedule-<applies_from>.toml, loaded by
//! `crate::forms`), so the same function serves every jurisdiction and every version. The order:
//! lines (each within its head's caps), gross (their sum), then per the schedule's `deductions`
//! either the overall minimum and maximum (the maximum paid in the schedule's priority order)
//! followed by offsets (to one head or the whole award) and the reduction percent, or offsets and
//! the reduction first and the limits on what is left; interim payments last. Nothing goes below
//! zero.
//!
//! Where deductions come off the award, an offset to one head comes off that head's share under
//! the maximum. Adding a loss to a head with priority can move share onto a head with an offset,
//! so with head offsets the total can fall when a loss is added while the maximum binds; offsets
//! to the whole award keep the total monotonic. Deductions before the limits avoid this.

mod error;
mod explanation;
mod heads;
mod output;
mod request;
mod schedule;

#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

pub use error::{AwardError, InputProblem};
pub use explanation::{Explanation, Figure, Phrase, phrase_texts};
pub use output::{Calculation, Line};
pub use request::{Assessment, AwardRequest, Loss, Offset, OffsetSource};
pub use schedule::{
    ApplicableDate, BelowMinimum, ClassCap, Deductions, Head, HeadRule, Rounding, Schedule,
};

use heads::DraftLine;
pub(crate) use output::shown;

use crate::domain::money::{Currency, Money, MoneyError};

/// Calculates an award. `schedules` are one jurisdiction's versions; the one in force on
/// `request.as_of` (the latest `applies_from` on or before it) applies and is recorded.
pub fn calculate(
    schedules: &[Schedule],
    currency: Currency,
    request: &AwardRequest,
) -> Result<Calculation, AwardError> {
    let schedule = schedule_in_force(schedules, request)?;
    request::check(schedule, currency, request)?;
    let mut lines = heads::value_losses(schedule, currency, &request.losses, request.offence_type);
    let gross: Decimal = lines.iter().map(|line| line.allowed).sum();
    let settled = match schedule.deductions {
        Deductions::FromAward => {
            let (limited, limit_explanation) = apply_limits(schedule, &mut lines, gross);
            let offsets = deducted_offsets(&lines, &request.offsets, limited);
            let (after_reduction, reduction) =
                reduce(schedule, currency, limited - offsets, request);
            Settled {
                limited,
                limit_explanation,
                offsets,
                reduction,
                after_reduction,
            }
        }
        Deductions::BeforeLimits => {
            let offsets = deducted_offsets(&lines, &request.offsets, gross);
            let (reduced, reduction) = reduce(schedule, currency, gross - offsets, request);
            let (limited, limit_explanation) = apply_limits(schedule, &mut lines, reduced);
            // Each line's payable share is then what the award pays of it, in priority order.
            allocate_in_priority_order(schedule, &mut lines, limited);
            Settled {
                limited,
                limit_explanation,
                offsets,
                reduction,
                after_reduction: limited,
            }
        }
    };
    let Settled {
        limited,
        limit_explanation,
        offsets,
        reduction,
        after_reduction,
    } = settled;
    let interim_deducted = request.interim_paid.min(after_reduction);
    // Interim payments beyond the award are not lost: they are shown, for recovery where the
    // rules provide for it (California's emergency awards, a failed claim's interim award).
    let interim_excess = request.interim_paid - interim_deducted;
    let money = |amount: Decimal| to_money(amount, currency);
    Ok(Calculation {
        jurisdiction: schedule.jurisdiction.clone(),
        schedule_version: schedule.version.clone(),
        currency,
        provisional: provisional_keys(schedule, &lines),
        lines: lines
            .into_iter()
            .map(|line| to_line(line, currency))
            .collect::<Result<_, _>>()?,
        gross: money(gross)?,
        limited: money(limited)?,
        limit_explanation,
        offsets: money(offsets)?,
        reduction: money(reduction)?,
        interim_deducted: money(interim_deducted)?,
        interim_excess: money(interim_excess)?,
        total: money(after_reduction - interim_deducted)?,
    })
}

/// The award before interim payments, and how it was reached.
struct Settled {
    limited: Decimal,
    limit_explanation: Option<Explanation>,
    offsets: Decimal,
    reduction: Decimal,
    after_reduction: Decimal,
}

/// The reduction percent applied to `amount`: what is kept, and what is taken away. The
/// schedule's rounding applies to what is paid, not to what is taken away: rounding the
/// reduction half-up would round the payment half-down, against the claimant.
fn reduce(
    schedule: &Schedule,
    currency: Currency,
    amount: Decimal,
    request: &AwardRequest,
) -> (Decimal, Decimal) {
    let kept_percent = Decimal::ONE_HUNDRED - request.reduction_percent;
    let kept = schedule
        .rounding
        .apply(amount * kept_percent / Decimal::ONE_HUNDRED, currency)
        .clamp(Decimal::ZERO, amount);
    (kept, amount - kept)
}

fn schedule_in_force<'a>(
    schedules: &'a [Schedule],
    request: &AwardRequest,
) -> Result<&'a Schedule, AwardError> {
    if let Some(other) = schedules
        .iter()
        .find(|schedule| schedule.jurisdiction != request.jurisdiction)
    {
        return Err(AwardError::WrongJurisdiction {
            requested: request.jurisdiction.clone(),
            expected: other.jurisdiction.clone(),
        });
    }
    schedules
        .iter()
        .filter(|schedule| schedule.applies_from <= request.as_of)
        .max_by_key(|schedule| schedule.applies_from)
        .ok_or_else(|| AwardError::NoScheduleInForce {
            jurisdiction: request.jurisdiction.clone(),
            as_of: request.as_of,
        })
}

/// The overall minimum and maximum; sets each line's payable share and returns the award.
fn apply_limits(
    schedule: &Schedule,
    lines: &mut [DraftLine],
    gross: Decimal,
) -> (Decimal, Option<Explanation>) {
    let minimum = schedule.minimum_total;
    let maximum = schedule.maximum_total;
    if gross.is_zero() {
        return (gross, None);
    }
    if gross < minimum {
        let worth = gross;
        return match schedule.below_minimum {
            BelowMinimum::Refuse => {
                lines
                    .iter_mut()
                    .for_each(|line| line.payable = Decimal::ZERO);
                let phrase = Phrase::BelowMinimumRefused { worth, minimum };
                (Decimal::ZERO, Some(Explanation::of([phrase])))
            }
            BelowMinimum::Raise => {
                let phrase = Phrase::BelowMinimumRaised { worth, minimum };
                (minimum, Some(Explanation::of([phrase])))
            }
        };
    }
    if gross <= maximum {
        return (gross, None);
    }
    let order = allocate_in_priority_order(schedule, lines, maximum);
    let heads: Vec<String> = order
        .iter()
        .filter(|position| lines.iter().any(|line| line.head_position == **position))
        .filter_map(|position| schedule.heads.get(*position))
        .map(|head| head.id.clone())
        .collect();
    let phrase = Phrase::AboveMaximum {
        worth: gross,
        maximum,
        heads,
    };
    (maximum, Some(Explanation::of([phrase])))
}

/// Shares `amount` out to the lines, each up to its allowed amount, in the schedule's priority
/// order; returns that order.
fn allocate_in_priority_order(
    schedule: &Schedule,
    lines: &mut [DraftLine],
    amount: Decimal,
) -> Vec<usize> {
    let order = payment_order(schedule);
    let mut remaining = amount;
    for head_position in &order {
        for line in lines
            .iter_mut()
            .filter(|line| line.head_position == *head_position)
        {
            line.payable = line.allowed.min(remaining);
            remaining -= line.payable;
        }
    }
    order
}

/// Head positions in the order the maximum pays them: the priority list, then schedule order.
fn payment_order(schedule: &Schedule) -> Vec<usize> {
    let position = |id: &String| schedule.heads.iter().position(|head| &head.id == id);
    let mut order: Vec<usize> = schedule
        .overall_cap_priority
        .iter()
        .filter_map(position)
        .collect();
    let rest: Vec<usize> = (0..schedule.heads.len())
        .filter(|index| !order.contains(index))
        .collect();
    order.extend(rest);
    order
}

/// An offset for one head reduces only that head's payable share (a payment for the funeral
/// does not reduce the injury award); the rest reduce the award as a whole.
fn deducted_offsets(lines: &[DraftLine], offsets: &[Offset], limited: Decimal) -> Decimal {
    let mut by_head: BTreeMap<&str, Decimal> = BTreeMap::new();
    let mut whole_award = Decimal::ZERO;
    for offset in offsets {
        match &offset.head {
            Some(head) => *by_head.entry(head.as_str()).or_default() += offset.amount,
            None => whole_award += offset.amount,
        }
    }
    let mut deducted = Decimal::ZERO;
    for (head, amount) in by_head {
        let payable: Decimal = lines
            .iter()
            .filter(|line| line.head == head)
            .map(|line| line.payable)
            .sum();
        deducted += amount.min(payable);
    }
    let deducted = deducted.min(limited);
    deducted + whole_award.min(limited - deducted)
}

/// The provisional keys that touch this calculation: every top-level key, and those of heads
/// that have a line.
fn provisional_keys(schedule: &Schedule, lines: &[DraftLine]) -> Vec<String> {
    schedule
        .provisional
        .iter()
        .filter(|key| match key.strip_prefix("heads.") {
            Some(rest) => {
                let head = rest.split('.').next().unwrap_or_default();
                lines.iter().any(|line| line.head == head)
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn to_line(line: DraftLine, currency: Currency) -> Result<Line, AwardError> {
    Ok(Line {
        claimed: to_money(line.claimed, currency)?,
        allowed: to_money(line.allowed, currency)?,
        payable: to_money(line.payable, currency)?,
        head: line.head,
        class: line.class,
        explanation: line.explanation,
    })
}

/// Every amount is already exact to the minor unit and non-negative; only a sum of very many
/// large claims can pass the largest amount `Money` holds.
fn to_money(amount: Decimal, currency: Currency) -> Result<Money, AwardError> {
    Money::new(amount, currency)
        .map_err(|_| AwardError::invalid("losses", InputProblem::Amount(MoneyError::TooLarge)))
}
