//! A jurisdiction's schedule of awards as data: which heads of loss it pays, how each head is
//! valued and capped, and the limits on the whole award. Each version is one file,
//! forms/<id>/schedule-<applies_from>.toml, so a new tariff is a new file and never a code change.

use std::collections::BTreeSet;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::domain::claim::OffenceType;
use crate::domain::money::{Currency, Money};
use crate::domain::rules::{JurisdictionId, RulesError};

/// One version of a jurisdiction's schedule. Amounts are strings in the file (`"5000.00"`) so
/// they stay exact.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub jurisdiction: JurisdictionId,
    pub version: String,
    /// The first day this version is in force; the file name carries the same date.
    pub applies_from: NaiveDate,
    /// Which date the caller must pass as `as_of` to pick the version in force.
    pub applies_to_date_of: ApplicableDate,
    /// How a computed line (a percentage, weeks, part years) and the reduction are rounded to the
    /// minor unit, once each. Claimed amounts and caps are exact and never rounded.
    pub rounding: Rounding,
    /// The smallest award; zero where the scheme has none.
    #[serde(default)]
    pub minimum_total: Decimal,
    pub below_minimum: BelowMinimum,
    pub maximum_total: Decimal,
    /// Whether payments from elsewhere and the reduction come off the award (after the limits)
    /// or off the loss (before them, as for a payer of last resort).
    #[serde(default)]
    pub deductions: Deductions,
    /// When the maximum binds, heads are paid in this order; heads not listed follow in the
    /// order of `heads`.
    #[serde(default)]
    pub overall_cap_priority: Vec<String>,
    /// Keys whose values could not be confirmed from a public source (domain.md: [unconfirmed]),
    /// such as `maximum_total` or `heads.physical_injury.rule.cap`.
    #[serde(default)]
    pub provisional: Vec<String>,
    pub heads: Vec<Head>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicableDate {
    Crime,
    Decision,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Half a minor unit rounds away from zero: 0.125 becomes 0.13.
    HalfUp,
    /// Half a minor unit rounds to the even neighbour: 0.125 becomes 0.12.
    HalfEven,
    /// Fractions of a minor unit are dropped.
    Down,
}

impl Rounding {
    pub fn apply(self, amount: Decimal, currency: Currency) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
        };
        let mut rounded = amount.round_dp_with_strategy(currency.minor_unit_digits(), strategy);
        rounded.rescale(currency.minor_unit_digits());
        rounded
    }
}

/// When offsets and the reduction apply, relative to the overall minimum and maximum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deductions {
    /// The limits set the award, then offsets and the reduction come off it (UK: payments for
    /// the same injury are deducted from the award).
    #[default]
    FromAward,
    /// Offsets and the reduction come off the loss first, then the limits apply to what is left
    /// (California's payer of last resort; Kosovo's award range).
    BeforeLimits,
}

/// What happens to a claim worth less than `minimum_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BelowMinimum {
    /// Nothing is awarded (UK: a claim must be worth at least the minimum).
    Refuse,
    /// The award is raised to the minimum (an award range such as Kosovo's EUR 1,500 to 7,000).
    Raise,
}

/// A head of loss: its id (fixed by the API contract), a description, and how it is valued.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    pub id: String,
    pub description: String,
    pub rule: HeadRule,
}

/// How a head is valued. A closed set: a schedule chooses among these and fills in the numbers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum HeadRule {
    /// The amount claimed, at most `cap` for the head (or for each class), at least `floor`.
    ClaimedAmount {
        cap: Option<Decimal>,
        floor: Option<Decimal>,
        /// Caps by class of claimant; when present every loss of the head names its class and
        /// each loss is one claimant, capped on its own.
        #[serde(default)]
        classes: Vec<ClassCap>,
    },
    /// Tariff injuries under the multiple-injury rule: the most valuable injury at the first
    /// weight, the next at the second, and so on; the rest count for nothing.
    TariffInjuries {
        counted_injuries: u32,
        weights_percent: Vec<Decimal>,
    },
    /// Weeks of lost earnings at the weekly rate claimed, after unpaid initial weeks.
    WeeklyLoss {
        unpaid_weeks: u32,
        maximum_weeks: Option<u32>,
        /// A shorter maximum for some offences (California: two years for trafficking).
        #[serde(default)]
        maximum_weeks_by_offence: BTreeMap<OffenceType, u32>,
    },
    /// A fixed amount to a sole person, or a smaller amount each where there are several.
    PerPerson {
        sole_amount: Decimal,
        each_amount: Decimal,
    },
    /// An amount per year until an age, pro rata for part years; each loss is one person.
    PerYear {
        yearly_amount: Decimal,
        until_age_years: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassCap {
    pub class: String,
    pub cap: Decimal,
    /// Only one person can be in the class (the victim), so all its amounts share one cap;
    /// otherwise each loss is a different person's (each family member has a cap of their own).
    #[serde(default)]
    pub single_claimant: bool,
}

/// Top-level keys that may be marked provisional.
const PROVISIONAL_TOP_LEVEL_KEYS: [&str; 8] = [
    "applies_from",
    "deductions",
    "minimum_total",
    "below_minimum",
    "maximum_total",
    "overall_cap_priority",
    "rounding",
    "applies_to_date_of",
];

impl Schedule {
    /// More heads than any scheme has; a limit so a typo cannot make a schedule unbounded.
    const MAXIMUM_HEADS: usize = 50;
    const MAXIMUM_COUNTED_INJURIES: u32 = 10;
    const MAXIMUM_AGE_YEARS: u32 = 25;

    pub fn head(&self, id: &str) -> Option<&Head> {
        self.heads.iter().find(|head| head.id == id)
    }

    /// Checks what the types cannot: amounts fit the currency, caps are consistent and every
    /// name refers to a head. The error names the key, such as `heads[3].rule.cap`.
    pub fn validate(&self, currency: Currency) -> Result<(), RulesError> {
        if self.version.trim().is_empty() {
            return Err(invalid("version", "must not be empty"));
        }
        check_amount("minimum_total", self.minimum_total, currency)?;
        check_amount("maximum_total", self.maximum_total, currency)?;
        if self.maximum_total.is_zero() || self.minimum_total > self.maximum_total {
            return Err(invalid(
                "maximum_total",
                "must be above zero and at least minimum_total",
            ));
        }
        if self.heads.is_empty() || self.heads.len() > Self::MAXIMUM_HEADS {
            return Err(invalid("heads", "must list between 1 and 50 heads"));
        }
        let mut ids = BTreeSet::new();
        for (index, head) in self.heads.iter().enumerate() {
            let key = format!("heads[{index}]");
            if !is_valid_head_id(&head.id) {
                return Err(invalid(
                    &format!("{key}.id"),
                    "must be 2 to 40 lowercase letters, digits or underscores",
                ));
            }
            if !ids.insert(head.id.as_str()) {
                return Err(invalid(&format!("{key}.id"), "is used by an earlier head"));
            }
            validate_rule(&format!("{key}.rule"), &head.rule, currency)?;
        }
        self.validate_names(&ids)
    }

    fn validate_names(&self, ids: &BTreeSet<&str>) -> Result<(), RulesError> {
        let mut listed = BTreeSet::new();
        for (index, id) in self.overall_cap_priority.iter().enumerate() {
            if !ids.contains(id.as_str()) || !listed.insert(id) {
                return Err(invalid(
                    &format!("overall_cap_priority[{index}]"),
                    "must name a head of this schedule, once",
                ));
            }
        }
        for (index, key) in self.provisional.iter().enumerate() {
            let known = match key.strip_prefix("heads.") {
                Some(rest) => ids.contains(rest.split('.').next().unwrap_or_default()),
                None => PROVISIONAL_TOP_LEVEL_KEYS.contains(&key.as_str()),
            };
            if !known {
                return Err(invalid(
                    &format!("provisional[{index}]"),
                    "must be a top-level key or heads.<head id>[.<key>]",
                ));
            }
        }
        Ok(())
    }
}

fn validate_rule(key: &str, rule: &HeadRule, currency: Currency) -> Result<(), RulesError> {
    match rule {
        HeadRule::ClaimedAmount {
            cap,
            floor,
            classes,
        } => {
            if let Some(cap) = cap {
                check_amount(&format!("{key}.cap"), *cap, currency)?;
            }
            if let Some(floor) = floor {
                check_amount(&format!("{key}.floor"), *floor, currency)?;
                if cap.is_some_and(|cap| cap < *floor) {
                    return Err(invalid(&format!("{key}.cap"), "must be at least floor"));
                }
            }
            let mut names = BTreeSet::new();
            for (index, class) in classes.iter().enumerate() {
                let class_key = format!("{key}.classes[{index}]");
                check_amount(&format!("{class_key}.cap"), class.cap, currency)?;
                if !is_valid_head_id(&class.class) || !names.insert(class.class.as_str()) {
                    return Err(invalid(
                        &format!("{class_key}.class"),
                        "must be a unique name of lowercase letters, digits or underscores",
                    ));
                }
            }
            Ok(())
        }
        HeadRule::TariffInjuries {
            counted_injuries,
            weights_percent,
        } => validate_tariff(key, *counted_injuries, weights_percent),
        HeadRule::WeeklyLoss { maximum_weeks, .. } => match maximum_weeks {
            Some(0) => Err(invalid(
                &format!("{key}.maximum_weeks"),
                "must be at least 1 week",
            )),
            _ => Ok(()),
        },
        HeadRule::PerPerson {
            sole_amount,
            each_amount,
        } => {
            check_amount(&format!("{key}.sole_amount"), *sole_amount, currency)?;
            check_amount(&format!("{key}.each_amount"), *each_amount, currency)
        }
        HeadRule::PerYear {
            yearly_amount,
            until_age_years,
        } => {
            check_amount(&format!("{key}.yearly_amount"), *yearly_amount, currency)?;
            if *until_age_years == 0 || *until_age_years > Schedule::MAXIMUM_AGE_YEARS {
                return Err(invalid(
                    &format!("{key}.until_age_years"),
                    "must be between 1 and 25 years",
                ));
            }
            Ok(())
        }
    }
}

fn validate_tariff(
    key: &str,
    counted_injuries: u32,
    weights_percent: &[Decimal],
) -> Result<(), RulesError> {
    if counted_injuries == 0 || counted_injuries > Schedule::MAXIMUM_COUNTED_INJURIES {
        return Err(invalid(
            &format!("{key}.counted_injuries"),
            "must be between 1 and 10",
        ));
    }
    if weights_percent.len() != counted_injuries as usize {
        return Err(invalid(
            &format!("{key}.weights_percent"),
            "must give one weight for each counted injury",
        ));
    }
    for (index, weight) in weights_percent.iter().enumerate() {
        if *weight < Decimal::ZERO || *weight > Decimal::ONE_HUNDRED {
            return Err(invalid(
                &format!("{key}.weights_percent[{index}]"),
                "must be between 0 and 100",
            ));
        }
    }
    Ok(())
}

fn check_amount(key: &str, amount: Decimal, currency: Currency) -> Result<(), RulesError> {
    Money::new(amount, currency)
        .map(|_| ())
        .map_err(|error| invalid(key, &error.to_string()))
}

fn is_valid_head_id(id: &str) -> bool {
    (2..=40).contains(&id.len())
        && id
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
}

fn invalid(key: &str, reason: &str) -> RulesError {
    RulesError {
        key: key.to_owned(),
        reason: reason.to_owned(),
    }
}
