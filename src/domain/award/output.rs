//! The result of a calculation as a decision shows it: lines, then gross, deductions and total.
//! Amounts serialize as strings with the minor unit (`"4245.00"`), the currency once at the top.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::explanation::Explanation;
use crate::domain::money::{Currency, Money};
use crate::domain::rules::JurisdictionId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Calculation {
    pub jurisdiction: JurisdictionId,
    pub schedule_version: String,
    pub currency: Currency,
    pub lines: Vec<Line>,
    /// The sum of the lines' allowed amounts.
    #[serde(serialize_with = "amount_string")]
    pub gross: Money,
    /// What the overall minimum and maximum settle: gross, or, where the schedule deducts
    /// first, what is left after offsets and the reduction.
    #[serde(serialize_with = "amount_string")]
    pub limited: Money,
    /// How the overall minimum or maximum changed gross, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_explanation: Option<Explanation>,
    /// Payments from elsewhere actually deducted.
    #[serde(serialize_with = "amount_string")]
    pub offsets: Money,
    #[serde(serialize_with = "amount_string")]
    pub reduction: Money,
    #[serde(serialize_with = "amount_string")]
    pub interim_deducted: Money,
    /// Interim payments beyond the award: not deducted from anything, repayable where the rules
    /// say so.
    #[serde(serialize_with = "amount_string")]
    pub interim_excess: Money,
    #[serde(serialize_with = "amount_string")]
    pub total: Money,
    /// The schedule's unconfirmed values this calculation relied on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provisional: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub head: String,
    /// The claimant's class, for heads capped by class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    #[serde(serialize_with = "amount_string")]
    pub claimed: Money,
    /// After the head's own rule and caps; the lines' allowed amounts add up to gross.
    #[serde(serialize_with = "amount_string")]
    pub allowed: Money,
    /// The line's share after the overall maximum (paid in priority order) or a refusal below
    /// the minimum; head offsets are deducted from it.
    #[serde(serialize_with = "amount_string")]
    pub payable: Money,
    /// The rule that applied, such as the second most valuable injury at 30% of 1,000.00, for
    /// each language to word (`crate::explain`).
    pub explanation: Explanation,
}

fn amount_string<S: Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&money.amount().to_string())
}

/// An amount for a reader: thousands grouped, the minor unit shown (`3,300.00`).
pub(crate) fn shown(amount: Decimal, currency: Currency) -> String {
    let mut scaled = amount;
    scaled.rescale(currency.minor_unit_digits());
    let text = scaled.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut grouped = String::new();
    if scaled.is_sign_negative() && !scaled.is_zero() {
        grouped.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}
