//! How a rule was applied, as data rather than words: a decision is read in Albanian, Serbian or
//! English, so the calculator records which rule applied and with which figures, and each
//! language words it from its own texts (`explanation-<phrase>` in forms/<id>/texts, see
//! `crate::explain`). Stored with the claim's calculation and frozen into a decision's content.
//!
//! Phrases are written so a number never has to agree with a noun ("weeks paid: 2"), which
//! keeps every language's text a plain template without plural rules.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumIter, IntoEnumIterator, IntoStaticStr};

/// A rule as applied: phrases read in order, joined by "; ".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Explanation(pub Vec<Phrase>);

impl Explanation {
    pub fn of(phrases: impl IntoIterator<Item = Phrase>) -> Self {
        Explanation(phrases.into_iter().collect())
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.0
    }
}

/// One step of a rule. Amounts are in the calculation's currency; ranks count from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants, EnumIter)]
#[serde(tag = "phrase", rename_all = "snake_case", deny_unknown_fields)]
#[strum_discriminants(name(PhraseKind), derive(IntoStaticStr))]
#[strum_discriminants(strum(serialize_all = "kebab-case"))]
pub enum Phrase {
    /// One amount claimed under the head.
    Claimed {
        amount: Decimal,
    },
    /// Several amounts claimed under the head, added up.
    ClaimedSeveral {
        count: u32,
        amount: Decimal,
    },
    /// The claim is below the head's floor, which is paid instead.
    FixedPayment {
        amount: Decimal,
    },
    CappedAt {
        amount: Decimal,
    },
    WithinCap {
        amount: Decimal,
    },
    PaidInFull,
    /// The line is for a claimant of this class (a `class-<id>` text).
    ForClass {
        class: String,
    },
    /// An injury at its place by value, paid at its weight.
    Injury {
        rank: u32,
        weight_percent: Decimal,
        amount: Decimal,
    },
    /// An injury beyond the number the multiple-injury rule counts.
    InjuryNotCounted {
        rank: u32,
        counted: u32,
    },
    WeeksAtRate {
        weeks: u32,
        weekly_rate: Decimal,
    },
    UnpaidWeeks {
        weeks: u32,
    },
    MaximumWeeks {
        weeks: u32,
    },
    WeeksPaid {
        weeks: u32,
        amount: Decimal,
    },
    SolePerson {
        amount: Decimal,
    },
    PersonsEach {
        count: u32,
        each_amount: Decimal,
        amount: Decimal,
    },
    YearsUntilAge {
        years: Decimal,
        yearly_amount: Decimal,
        until_age_years: u32,
        amount: Decimal,
    },
    /// The whole claim is worth less than the schedule's minimum: nothing is awarded.
    BelowMinimumRefused {
        worth: Decimal,
        minimum: Decimal,
    },
    /// The whole claim is worth less than the schedule's minimum, which is awarded instead.
    BelowMinimumRaised {
        worth: Decimal,
        minimum: Decimal,
    },
    /// The whole claim is worth more than the maximum: heads (ids) are paid in this order.
    AboveMaximum {
        worth: Decimal,
        maximum: Decimal,
        heads: Vec<String>,
    },
}

/// A figure in a phrase, for the reader's language to write its way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure<'a> {
    Amount(Decimal),
    Percent(Decimal),
    /// A count or a rank.
    Count(u32),
    /// A quantity that may have a fraction, such as years.
    Number(Decimal),
    /// A class of claimant, worded by its `class-<id>` text.
    Class(&'a str),
    /// Heads of loss in order, each worded by its `head-<id>` text.
    Heads(&'a [String]),
}

impl Phrase {
    /// The phrase's text key without the `explanation-` prefix, such as `weeks-at-rate`.
    pub fn key(&self) -> &'static str {
        PhraseKind::from(self).into()
    }

    /// The figures the phrase's text fills in, by variable name.
    pub fn figures(&self) -> Vec<(&'static str, Figure<'_>)> {
        use Figure::{Amount, Count, Number, Percent};
        match self {
            Phrase::Claimed { amount }
            | Phrase::FixedPayment { amount }
            | Phrase::CappedAt { amount }
            | Phrase::WithinCap { amount }
            | Phrase::SolePerson { amount } => vec![("amount", Amount(*amount))],
            Phrase::ClaimedSeveral { count, amount } => {
                vec![("count", Count(*count)), ("amount", Amount(*amount))]
            }
            Phrase::PaidInFull => Vec::new(),
            Phrase::ForClass { class } => vec![("class", Figure::Class(class))],
            Phrase::Injury {
                rank,
                weight_percent,
                amount,
            } => vec![
                ("rank", Count(*rank)),
                ("percent", Percent(*weight_percent)),
                ("amount", Amount(*amount)),
            ],
            Phrase::InjuryNotCounted { rank, counted } => {
                vec![("rank", Count(*rank)), ("counted", Count(*counted))]
            }
            Phrase::WeeksAtRate { weeks, weekly_rate } => {
                vec![("weeks", Count(*weeks)), ("rate", Amount(*weekly_rate))]
            }
            Phrase::UnpaidWeeks { weeks } | Phrase::MaximumWeeks { weeks } => {
                vec![("weeks", Count(*weeks))]
            }
            Phrase::WeeksPaid { weeks, amount } => {
                vec![("weeks", Count(*weeks)), ("amount", Amount(*amount))]
            }
            Phrase::PersonsEach {
                count,
                each_amount,
                amount,
            } => vec![
                ("count", Count(*count)),
                ("each", Amount(*each_amount)),
                ("amount", Amount(*amount)),
            ],
            Phrase::YearsUntilAge {
                years,
                yearly_amount,
                until_age_years,
                amount,
            } => vec![
                ("years", Number(*years)),
                ("yearly", Amount(*yearly_amount)),
                ("age", Count(*until_age_years)),
                ("amount", Amount(*amount)),
            ],
            Phrase::BelowMinimumRefused { worth, minimum }
            | Phrase::BelowMinimumRaised { worth, minimum } => {
                vec![("worth", Amount(*worth)), ("minimum", Amount(*minimum))]
            }
            Phrase::AboveMaximum {
                worth,
                maximum,
                heads,
            } => vec![
                ("worth", Amount(*worth)),
                ("maximum", Amount(*maximum)),
                ("heads", Figure::Heads(heads)),
            ],
        }
    }
}

/// Every phrase's text key and the variables it takes, for the check that each language
/// defines them all: read from one phrase of each kind (strum fills its figures with defaults).
pub fn phrase_texts() -> Vec<(&'static str, Vec<&'static str>)> {
    Phrase::iter()
        .map(|phrase| {
            let names = phrase.figures().into_iter().map(|(name, _)| name).collect();
            (phrase.key(), names)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_stored_by_name_with_its_figures_as_exact_strings() {
        let explanation = Explanation::of([
            Phrase::WeeksAtRate {
                weeks: 30,
                weekly_rate: Decimal::new(9935, 2),
            },
            Phrase::PaidInFull,
        ]);
        let stored = serde_json::to_value(&explanation).unwrap();
        assert_eq!(
            stored,
            serde_json::json!([
                {"phrase": "weeks_at_rate", "weeks": 30, "weekly_rate": "99.35"},
                {"phrase": "paid_in_full"},
            ])
        );
        let read: Explanation = serde_json::from_value(stored).unwrap();
        assert_eq!(read, explanation);
    }

    #[test]
    fn every_phrase_has_a_kebab_case_key_and_its_variables() {
        let texts = phrase_texts();
        assert_eq!(texts.len(), 19);
        assert!(texts.contains(&("weeks-at-rate", vec!["weeks", "rate"])));
        assert!(texts.contains(&("paid-in-full", vec![])));
    }
}
