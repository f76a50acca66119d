//! Values each head of loss by its rule, one line per head (or per injury, claimant or child),
//! with the rule that applied written out so a decision can show it and a court can check it.

use rust_decimal::Decimal;

use super::explanation::{Explanation, Phrase};
use super::request::Loss;
use super::schedule::{Head, HeadRule, Rounding, Schedule};
use crate::domain::claim::OffenceType;
use crate::domain::money::Currency;

/// A line while the calculation is under way, in exact decimals.
#[derive(Clone, Debug)]
pub(crate) struct DraftLine {
    /// The head's place in the schedule, which orders the lines.
    pub head_position: usize,
    pub head: String,
    pub class: Option<String>,
    pub claimed: Decimal,
    /// After the head's own rule and caps.
    pub allowed: Decimal,
    /// After the overall minimum and maximum.
    pub payable: Decimal,
    pub explanation: Explanation,
}

/// What every valuation needs besides the losses.
struct Valuing<'a> {
    head: &'a Head,
    head_position: usize,
    currency: Currency,
    rounding: Rounding,
}

impl Valuing<'_> {
    fn line(&self, claimed: Decimal, allowed: Decimal, explanation: Explanation) -> DraftLine {
        DraftLine {
            head_position: self.head_position,
            head: self.head.id.clone(),
            class: None,
            claimed,
            allowed,
            payable: allowed,
            explanation,
        }
    }

    fn round(&self, amount: Decimal) -> Decimal {
        self.rounding.apply(amount, self.currency)
    }
}

/// Lines in schedule order, so the result does not depend on the order of the losses.
/// The losses must have passed `request::check`.
pub(crate) fn value_losses(
    schedule: &Schedule,
    currency: Currency,
    losses: &[Loss],
    offence_type: Option<OffenceType>,
) -> Vec<DraftLine> {
    let mut lines = Vec::new();
    for (head_position, head) in schedule.heads.iter().enumerate() {
        let claimed: Vec<&Loss> = losses.iter().filter(|loss| loss.head == head.id).collect();
        if claimed.is_empty() {
            continue;
        }
        let valuing = Valuing {
            head,
            head_position,
            currency,
            rounding: schedule.rounding,
        };
        match &head.rule {
            HeadRule::ClaimedAmount {
                cap,
                floor,
                classes,
            } if classes.is_empty() => {
                lines.push(claimed_total(&valuing, &claimed, *cap, *floor));
            }
            HeadRule::ClaimedAmount { classes, .. } => {
                lines.extend(claimed_by_class(&valuing, &claimed, classes));
            }
            HeadRule::TariffInjuries {
                weights_percent, ..
            } => lines.extend(tariff_injuries(&valuing, &claimed, weights_percent)),
            HeadRule::WeeklyLoss {
                unpaid_weeks,
                maximum_weeks,
                maximum_weeks_by_offence,
            } => {
                let for_offence = offence_type
                    .and_then(|offence| maximum_weeks_by_offence.get(&offence).copied());
                let maximum_weeks = for_offence.or(*maximum_weeks);
                lines.extend(
                    claimed
                        .first()
                        .map(|loss| weekly_loss(&valuing, loss, *unpaid_weeks, maximum_weeks)),
                )
            }
            HeadRule::PerPerson {
                sole_amount,
                each_amount,
            } => lines.extend(
                claimed
                    .first()
                    .map(|loss| per_person(&valuing, loss, *sole_amount, *each_amount)),
            ),
            HeadRule::PerYear {
                yearly_amount,
                until_age_years,
            } => lines.extend(per_year(
                &valuing,
                &claimed,
                *yearly_amount,
                *until_age_years,
            )),
        }
    }
    lines
}

/// All amounts claimed under the head together, within its cap and at least its floor.
fn claimed_total(
    valuing: &Valuing,
    losses: &[&Loss],
    cap: Option<Decimal>,
    floor: Option<Decimal>,
) -> DraftLine {
    let amounts: Vec<Decimal> = losses.iter().filter_map(|loss| loss.amount).collect();
    let claimed: Decimal = amounts.iter().sum();
    let (allowed, outcome) = match (cap, floor) {
        (_, Some(floor)) if claimed < floor => (floor, Phrase::FixedPayment { amount: floor }),
        (Some(cap), _) if claimed > cap => (cap, Phrase::CappedAt { amount: cap }),
        (Some(cap), _) => (claimed, Phrase::WithinCap { amount: cap }),
        (None, _) => (claimed, Phrase::PaidInFull),
    };
    let explanation = Explanation::of([counted(&amounts), outcome]);
    valuing.line(claimed, allowed, explanation)
}

/// One line per claimant, each within the cap of the claimant's class; a class only one person
/// can be in (the victim) adds its amounts up first, so two entries cannot double its cap.
fn claimed_by_class(
    valuing: &Valuing,
    losses: &[&Loss],
    classes: &[super::schedule::ClassCap],
) -> Vec<DraftLine> {
    let mut claims: Vec<(&super::schedule::ClassCap, Vec<Decimal>)> = Vec::new();
    for loss in losses {
        let Some(class) = classes
            .iter()
            .find(|class| Some(class.class.as_str()) == loss.class.as_deref())
        else {
            continue;
        };
        let amount = loss.amount.unwrap_or_default();
        match claims
            .iter_mut()
            .find(|(known, _)| class.single_claimant && known.class == class.class)
        {
            Some((_, amounts)) => amounts.push(amount),
            None => claims.push((class, vec![amount])),
        }
    }
    let mut lines: Vec<DraftLine> = claims
        .into_iter()
        .map(|(class, amounts)| class_line(valuing, class, &amounts))
        .collect();
    lines.sort_by(|first, second| {
        (&first.class, second.claimed).cmp(&(&second.class, first.claimed))
    });
    lines
}

fn class_line(
    valuing: &Valuing,
    class: &super::schedule::ClassCap,
    amounts: &[Decimal],
) -> DraftLine {
    let claimed: Decimal = amounts.iter().sum();
    let (allowed, outcome) = if claimed > class.cap {
        (class.cap, Phrase::CappedAt { amount: class.cap })
    } else {
        (claimed, Phrase::WithinCap { amount: class.cap })
    };
    let for_class = Phrase::ForClass {
        class: class.class.clone(),
    };
    let explanation = Explanation::of([for_class, counted(amounts), outcome]);
    let mut line = valuing.line(claimed, allowed, explanation);
    line.class = Some(class.class.clone());
    line
}

/// The multiple-injury rule: injuries by value, most valuable first, each at its weight; equal
/// values take successive places, so one of two equal injuries takes the lower weight.
fn tariff_injuries(
    valuing: &Valuing,
    losses: &[&Loss],
    weights_percent: &[Decimal],
) -> Vec<DraftLine> {
    let mut values: Vec<Decimal> = losses.iter().filter_map(|loss| loss.amount).collect();
    values.sort_by(|first, second| second.cmp(first));
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let rank = count(index + 1);
            match weights_percent.get(index) {
                Some(weight) => {
                    let allowed = valuing.round(value * *weight / Decimal::ONE_HUNDRED);
                    let explanation = Explanation::of([Phrase::Injury {
                        rank,
                        weight_percent: *weight,
                        amount: value,
                    }]);
                    valuing.line(value, allowed, explanation)
                }
                None => {
                    let explanation = Explanation::of([Phrase::InjuryNotCounted {
                        rank,
                        counted: count(weights_percent.len()),
                    }]);
                    valuing.line(value, Decimal::ZERO, explanation)
                }
            }
        })
        .collect()
}

fn weekly_loss(
    valuing: &Valuing,
    loss: &Loss,
    unpaid_weeks: u32,
    maximum_weeks: Option<u32>,
) -> DraftLine {
    let weeks = loss.weeks.unwrap_or_default();
    let weekly_rate = loss.weekly_rate.unwrap_or_default();
    let after_unpaid_weeks = weeks.saturating_sub(unpaid_weeks);
    let paid_weeks = maximum_weeks.map_or(after_unpaid_weeks, |maximum| {
        after_unpaid_weeks.min(maximum)
    });
    let claimed = weekly_rate * Decimal::from(weeks);
    let allowed = valuing.round(weekly_rate * Decimal::from(paid_weeks));
    let mut phrases = vec![Phrase::WeeksAtRate { weeks, weekly_rate }];
    if unpaid_weeks > 0 {
        phrases.push(Phrase::UnpaidWeeks {
            weeks: unpaid_weeks,
        });
    }
    if paid_weeks < after_unpaid_weeks {
        phrases.push(Phrase::MaximumWeeks { weeks: paid_weeks });
    }
    phrases.push(Phrase::WeeksPaid {
        weeks: paid_weeks,
        amount: allowed,
    });
    valuing.line(claimed, allowed, Explanation(phrases))
}

fn per_person(
    valuing: &Valuing,
    loss: &Loss,
    sole_amount: Decimal,
    each_amount: Decimal,
) -> DraftLine {
    let relatives = loss.relatives.unwrap_or_default();
    let (allowed, phrase) = if relatives == 1 {
        (
            sole_amount,
            Phrase::SolePerson {
                amount: sole_amount,
            },
        )
    } else {
        let allowed = each_amount * Decimal::from(relatives);
        let phrase = Phrase::PersonsEach {
            count: relatives,
            each_amount,
            amount: allowed,
        };
        (allowed, phrase)
    };
    valuing.line(allowed, allowed, Explanation::of([phrase]))
}

/// One line per person, the longest period first.
fn per_year(
    valuing: &Valuing,
    losses: &[&Loss],
    yearly_amount: Decimal,
    until_age_years: u32,
) -> Vec<DraftLine> {
    let mut years: Vec<Decimal> = losses.iter().filter_map(|loss| loss.years).collect();
    years.sort_by(|first, second| second.cmp(first));
    years
        .into_iter()
        .map(|years| {
            let allowed = valuing.round(yearly_amount * years);
            let explanation = Explanation::of([Phrase::YearsUntilAge {
                years: years.normalize(),
                yearly_amount,
                until_age_years,
                amount: allowed,
            }]);
            valuing.line(allowed, allowed, explanation)
        })
        .collect()
}

/// What was claimed under a head: one amount, or several and their sum.
fn counted(amounts: &[Decimal]) -> Phrase {
    let amount = amounts.iter().sum();
    match amounts.len() {
        1 => Phrase::Claimed { amount },
        several => Phrase::ClaimedSeveral {
            count: count(several),
            amount,
        },
    }
}

/// A count of losses, which `request::check` keeps far below `u32::MAX`.
fn count(number: usize) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}
