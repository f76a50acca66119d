//! Anonymised statistics: claims counted, amounts summed and durations summarised by the
//! dimensions a report groups by, with small cells suppressed.
//!
//! The input is one row per claim that carries nothing identifying (no id, reference, name or
//! birth date, only the age band), so nothing here can leak a person even by mistake. Amounts
//! are summed per currency and never across currencies. Durations are whole calendar days;
//! the median and the 90th percentile use the nearest-rank method (the smallest value with at
//! least that share of the values at or below it), so every figure is a day that occurred.

pub mod suppression;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::claim::{OffenceType, OutcomeKind, VictimGender};
use super::error::DomainError;
use super::money::{Currency, Money};
use suppression::{CellKey, suppressed_cells};

named_enum! {
    /// What a report may group claims by.
    pub enum Dimension {
        OffenceType,
        AgeBand,
        Gender,
        Outcome,
        Jurisdiction,
    }
}

named_enum! {
    /// The victim's age on the day of the crime.
    pub enum AgeBand {
        #[serde(rename = "0-13")]
        #[strum(serialize = "0-13")]
        Under14,
        #[serde(rename = "14-17")]
        #[strum(serialize = "14-17")]
        From14To17,
        #[serde(rename = "18-25")]
        #[strum(serialize = "18-25")]
        From18To25,
        #[serde(rename = "26-64")]
        #[strum(serialize = "26-64")]
        From26To64,
        #[serde(rename = "65+")]
        #[strum(serialize = "65+")]
        From65,
        Unknown,
    }
}

impl AgeBand {
    /// The band of a victim born on `birth` (when known) on the day of the crime.
    pub fn of(birth: Option<NaiveDate>, crime_date: NaiveDate) -> AgeBand {
        match birth.and_then(|birth| crime_date.years_since(birth)) {
            None => AgeBand::Unknown,
            Some(0..=13) => AgeBand::Under14,
            Some(14..=17) => AgeBand::From14To17,
            Some(18..=25) => AgeBand::From18To25,
            Some(26..=64) => AgeBand::From26To64,
            Some(_) => AgeBand::From65,
        }
    }
}

/// The dimensions a report groups by, in order, each at most once.
pub fn parse_group_by(text: &str) -> Result<Vec<Dimension>, DomainError> {
    let mut dimensions = Vec::new();
    for name in text
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        let dimension: Dimension = name.parse().map_err(|_| DomainError::InvalidInput {
            field: "group_by",
            reason: format!(
                "unknown dimension {name:?}; one of offence_type, age_band, gender, outcome, \
                 jurisdiction"
            ),
        })?;
        if dimensions.contains(&dimension) {
            return Err(DomainError::InvalidInput {
                field: "group_by",
                reason: format!("{name:?} is named twice"),
            });
        }
        dimensions.push(dimension);
    }
    Ok(dimensions)
}

/// The fewest claims a published cell may describe: at least one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold(u64);

impl Threshold {
    pub const DEFAULT: Threshold = Threshold(5);

    pub fn new(claims: u64) -> Option<Threshold> {
        (claims >= 1).then_some(Threshold(claims))
    }

    pub fn claims(self) -> u64 {
        self.0
    }
}

/// One lodged claim as statistics see it: nothing that identifies it or its people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFigures {
    pub jurisdiction: String,
    pub offence_type: OffenceType,
    pub age_band: AgeBand,
    pub gender: Option<VictimGender>,
    /// `None` while undecided.
    pub outcome: Option<OutcomeKind>,
    pub lodged_on: NaiveDate,
    pub decided_on: Option<NaiveDate>,
    /// The day the bank confirmed the claim's first payment.
    pub first_paid_on: Option<NaiveDate>,
    pub currency: Currency,
    pub awarded_minor: i64,
    pub paid_minor: i64,
    pub recovered_minor: i64,
}

impl ClaimFigures {
    fn value(&self, dimension: Dimension) -> String {
        match dimension {
            Dimension::OffenceType => self.offence_type.as_str().to_owned(),
            Dimension::AgeBand => self.age_band.as_str().to_owned(),
            Dimension::Gender => self
                .gender
                .map_or("not_recorded", VictimGender::as_str)
                .into(),
            Dimension::Outcome => self.outcome.map_or("undecided", OutcomeKind::as_str).into(),
            Dimension::Jurisdiction => self.jurisdiction.clone(),
        }
    }
}

/// Amounts of one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CurrencyAmounts {
    pub currency: Currency,
    pub awarded: Money,
    pub paid: Money,
    pub recovered: Money,
}

/// The median and 90th percentile of a duration, in days (nearest rank).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DaysSummary {
    pub median_days: i64,
    pub percentile_90_days: i64,
}

/// The figures of a published cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub lodged: u64,
    pub decided: u64,
    pub awarded: u64,
    pub rejected: u64,
    pub inadmissible: u64,
    pub amounts: Vec<CurrencyAmounts>,
    /// From lodging to decision, over the claims decided.
    pub lodging_to_decision: Option<DaysSummary>,
    /// From decision to the first confirmed payment, over the claims paid.
    pub decision_to_payment: Option<DaysSummary>,
}

/// A cell: its value on each dimension grouped by, and its figures unless suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub values: CellKey,
    /// `None` when suppressed.
    pub figures: Option<Figures>,
}

/// A report's table: the cells in the order of their values, and the totals over all claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub group_by: Vec<Dimension>,
    pub threshold: Threshold,
    pub cells: Vec<Cell>,
    pub total: Cell,
}

/// Groups the claims by `group_by`, sums each group and suppresses the small cells.
pub fn tabulate(claims: &[ClaimFigures], group_by: &[Dimension], threshold: Threshold) -> Table {
    let mut groups: BTreeMap<CellKey, Vec<&ClaimFigures>> = BTreeMap::new();
    for claim in claims {
        let key = group_by.iter().map(|dimension| claim.value(*dimension));
        groups.entry(key.collect()).or_default().push(claim);
    }
    let counts = groups
        .iter()
        .map(|(key, members)| (key.clone(), members.len() as u64))
        .collect();
    let suppressed = suppressed_cells(&counts, group_by.len(), threshold.claims());
    let cells = groups
        .iter()
        .map(|(key, members)| Cell {
            values: key.clone(),
            figures: (!suppressed.contains(key)).then(|| figures(members)),
        })
        .collect();
    let everyone: Vec<&ClaimFigures> = claims.iter().collect();
    let total_published = everyone.len() as u64 >= threshold.claims();
    Table {
        group_by: group_by.to_vec(),
        threshold,
        cells,
        total: Cell {
            values: Vec::new(),
            figures: total_published.then(|| figures(&everyone)),
        },
    }
}

fn figures(claims: &[&ClaimFigures]) -> Figures {
    let count = |outcome: OutcomeKind| {
        claims
            .iter()
            .filter(|claim| claim.outcome == Some(outcome))
            .count() as u64
    };
    let to_decision: Vec<i64> = claims
        .iter()
        .filter_map(|claim| Some((claim.decided_on? - claim.lodged_on).num_days()))
        .collect();
    let to_payment: Vec<i64> = claims
        .iter()
        .filter_map(|claim| Some((claim.first_paid_on? - claim.decided_on?).num_days()))
        .collect();
    Figures {
        lodged: claims.len() as u64,
        decided: claims
            .iter()
            .filter(|claim| claim.outcome.is_some())
            .count() as u64,
        awarded: count(OutcomeKind::Award),
        rejected: count(OutcomeKind::Rejected),
        inadmissible: count(OutcomeKind::Inadmissible),
        amounts: amounts(claims),
        lodging_to_decision: summarise(to_decision),
        decision_to_payment: summarise(to_payment),
    }
}

/// Sums per currency, in minor units so that nothing is rounded.
fn amounts(claims: &[&ClaimFigures]) -> Vec<CurrencyAmounts> {
    let mut sums: BTreeMap<&str, (Currency, [i64; 3])> = BTreeMap::new();
    for claim in claims {
        let (_, sum) = sums
            .entry(claim.currency.code())
            .or_insert((claim.currency, [0; 3]));
        sum[0] += claim.awarded_minor;
        sum[1] += claim.paid_minor;
        sum[2] += claim.recovered_minor;
    }
    sums.into_values()
        .map(|(currency, [awarded, paid, recovered])| CurrencyAmounts {
            currency,
            awarded: Money::from_minor_units(awarded, currency),
            paid: Money::from_minor_units(paid, currency),
            recovered: Money::from_minor_units(recovered, currency),
        })
        .collect()
}

fn summarise(mut days: Vec<i64>) -> Option<DaysSummary> {
    days.sort_unstable();
    Some(DaysSummary {
        median_days: nearest_rank(&days, 50)?,
        percentile_90_days: nearest_rank(&days, 90)?,
    })
}

/// The `percent`th percentile of sorted values by nearest rank: the value at rank
/// ⌈percent × n / 100⌉ (counting from one); `None` for no values.
pub fn nearest_rank(sorted: &[i64], percent: u32) -> Option<i64> {
    debug_assert!(sorted.is_sorted(), "nearest rank reads sorted values");
    debug_assert!((1..=100).contains(&percent));
    let rank = (sorted.len() * percent as usize).div_ceil(100);
    sorted.get(rank.max(1) - 1).copied()
}

#[cfg(test)]
mod tests;
