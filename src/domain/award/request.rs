//! What a caller asks to have calculated, and the checks that make every later step total:
//! after `check`, each loss has exactly the fields its head uses, in range and exact to the
//! currency's minor unit.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{AwardError, InputProblem};
use super::schedule::{HeadRule, Schedule};
use crate::domain::claim::OffenceType;
use crate::domain::decimal_text;
use crate::domain::money::{Currency, Money};
use crate::domain::rules::JurisdictionId;

/// Amounts are JSON strings (`"3300.00"`); a JSON number is refused, as floats are not exact.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRequest {
    pub jurisdiction: JurisdictionId,
    /// The date that picks the schedule version (see the schedule's `applies_to_date_of`).
    pub as_of: NaiveDate,
    pub losses: Vec<Loss>,
    #[serde(default)]
    pub offsets: Vec<Offset>,
    #[serde(default, deserialize_with = "decimal_text::deserialize")]
    pub reduction_percent: Decimal,
    #[serde(default, deserialize_with = "decimal_text::deserialize")]
    pub interim_paid: Decimal,
    /// The kind of crime, where a schedule's rules depend on it (California's income loss for
    /// trafficking victims).
    #[serde(default)]
    pub offence_type: Option<OffenceType>,
}

/// One loss under one head; which fields it needs depends on the head's rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Loss {
    pub head: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "decimal_text::deserialize_option"
    )]
    pub amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "decimal_text::deserialize_option"
    )]
    pub weekly_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relatives: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "decimal_text::deserialize_option"
    )]
    pub years: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

/// A payment from elsewhere for the same harm, deducted from one head or from the whole award.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Offset {
    pub source: OffsetSource,
    #[serde(deserialize_with = "decimal_text::deserialize")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
}

/// The rapporteur's assessment of a claim: the facts the calculator needs, without the
/// jurisdiction, the date and the interim payments, which the claim itself supplies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub losses: Vec<Loss>,
    #[serde(default)]
    pub offsets: Vec<Offset>,
    #[serde(default, deserialize_with = "decimal_text::deserialize")]
    pub reduction_percent: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetSource {
    Insurance,
    Benefits,
    Offender,
    CourtOrder,
    CivilDamages,
    Other,
}

/// Limits on the request, so no input can overflow exact arithmetic or grow without bound.
const MAXIMUM_LOSSES: usize = 200;
const MAXIMUM_OFFSETS: usize = 50;
const MAXIMUM_WEEKS: u32 = 5_200;
const MAXIMUM_RELATIVES: u32 = 100;

/// The request fields a loss may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LossField {
    Amount,
    Weeks,
    WeeklyRate,
    Relatives,
    Years,
}

impl LossField {
    const ALL: [LossField; 5] = [
        LossField::Amount,
        LossField::Weeks,
        LossField::WeeklyRate,
        LossField::Relatives,
        LossField::Years,
    ];

    fn name(self) -> &'static str {
        match self {
            LossField::Amount => "amount",
            LossField::Weeks => "weeks",
            LossField::WeeklyRate => "weekly_rate",
            LossField::Relatives => "relatives",
            LossField::Years => "years",
        }
    }

    fn is_present(self, loss: &Loss) -> bool {
        match self {
            LossField::Amount => loss.amount.is_some(),
            LossField::Weeks => loss.weeks.is_some(),
            LossField::WeeklyRate => loss.weekly_rate.is_some(),
            LossField::Relatives => loss.relatives.is_some(),
            LossField::Years => loss.years.is_some(),
        }
    }

    fn required_by(rule: &HeadRule) -> &'static [LossField] {
        match rule {
            HeadRule::ClaimedAmount { .. } | HeadRule::TariffInjuries { .. } => {
                &[LossField::Amount]
            }
            HeadRule::WeeklyLoss { .. } => &[LossField::Weeks, LossField::WeeklyRate],
            HeadRule::PerPerson { .. } => &[LossField::Relatives],
            HeadRule::PerYear { .. } => &[LossField::Years],
        }
    }
}

/// Refuses anything the calculation cannot value, naming the field.
pub(crate) fn check(
    schedule: &Schedule,
    currency: Currency,
    request: &AwardRequest,
) -> Result<(), AwardError> {
    if request.losses.len() > MAXIMUM_LOSSES {
        let maximum = MAXIMUM_LOSSES;
        return Err(AwardError::invalid(
            "losses",
            InputProblem::TooMany { maximum },
        ));
    }
    if request.offsets.len() > MAXIMUM_OFFSETS {
        let maximum = MAXIMUM_OFFSETS;
        return Err(AwardError::invalid(
            "offsets",
            InputProblem::TooMany { maximum },
        ));
    }
    let mut first_claims = BTreeMap::new();
    for (index, loss) in request.losses.iter().enumerate() {
        check_loss(schedule, currency, index, loss)?;
        check_claimed_once(schedule, index, loss, &mut first_claims)?;
    }
    for (index, offset) in request.offsets.iter().enumerate() {
        check_amount(&format!("offsets[{index}].amount"), offset.amount, currency)?;
        if let Some(head) = &offset.head {
            known_head(schedule, &format!("offsets[{index}].head"), head)?;
        }
    }
    let percent = request.reduction_percent;
    if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
        return Err(AwardError::invalid(
            "reduction_percent",
            out_of_range("0", "100"),
        ));
    }
    check_amount("interim_paid", request.interim_paid, currency)
}

fn check_loss(
    schedule: &Schedule,
    currency: Currency,
    index: usize,
    loss: &Loss,
) -> Result<(), AwardError> {
    let field = |name: &str| format!("losses[{index}].{name}");
    let rule = &known_head(schedule, &field("head"), &loss.head)?.rule;
    let required = LossField::required_by(rule);
    for candidate in LossField::ALL {
        let needed = required.contains(&candidate);
        match (needed, candidate.is_present(loss)) {
            (true, false) => return Err(missing(field(candidate.name()))),
            (false, true) => return Err(not_used(field(candidate.name()))),
            _ => {}
        }
    }
    check_class(rule, &field("class"), loss.class.as_deref())?;
    if let Some(amount) = loss.amount {
        check_amount(&field("amount"), amount, currency)?;
    }
    if let Some(rate) = loss.weekly_rate {
        check_amount(&field("weekly_rate"), rate, currency)?;
    }
    if loss.weeks.is_some_and(|weeks| weeks > MAXIMUM_WEEKS) {
        return Err(AwardError::invalid(
            field("weeks"),
            out_of_range("0", "5200"),
        ));
    }
    if loss
        .relatives
        .is_some_and(|relatives| relatives == 0 || relatives > MAXIMUM_RELATIVES)
    {
        return Err(AwardError::invalid(
            field("relatives"),
            out_of_range("1", "100"),
        ));
    }
    if let (
        Some(years),
        HeadRule::PerYear {
            until_age_years, ..
        },
    ) = (loss.years, rule)
        && (years < Decimal::ZERO || years > Decimal::from(*until_age_years))
    {
        let maximum = until_age_years.to_string();
        return Err(AwardError::invalid(
            field("years"),
            out_of_range("0", &maximum),
        ));
    }
    Ok(())
}

fn check_class(rule: &HeadRule, field: &str, class: Option<&str>) -> Result<(), AwardError> {
    let classes = match rule {
        HeadRule::ClaimedAmount { classes, .. } if !classes.is_empty() => classes,
        _ if class.is_some() => {
            return Err(AwardError::invalid(field, InputProblem::ClassNotAllowed));
        }
        _ => return Ok(()),
    };
    let class = class.ok_or_else(|| missing(field.to_owned()))?;
    if classes.iter().any(|known| known.class == class) {
        return Ok(());
    }
    let known = classes
        .iter()
        .map(|known| known.class.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let class = class.to_owned();
    Err(AwardError::invalid(
        field,
        InputProblem::UnknownClass { class, known },
    ))
}

/// A weekly loss or a per-person head describes the whole loss in one entry; a second entry
/// would count unpaid weeks or the sole-person rule twice.
fn check_claimed_once(
    schedule: &Schedule,
    index: usize,
    loss: &Loss,
    first_claims: &mut BTreeMap<String, usize>,
) -> Result<(), AwardError> {
    let once = matches!(
        schedule.head(&loss.head).map(|head| &head.rule),
        Some(HeadRule::WeeklyLoss { .. } | HeadRule::PerPerson { .. })
    );
    if !once {
        return Ok(());
    }
    if let Some(first) = first_claims.get(&loss.head) {
        let first = format!("losses[{first}]");
        return Err(AwardError::invalid(
            format!("losses[{index}].head"),
            InputProblem::Duplicate { first },
        ));
    }
    first_claims.insert(loss.head.clone(), index);
    Ok(())
}

fn known_head<'a>(
    schedule: &'a Schedule,
    field: &str,
    head: &str,
) -> Result<&'a super::schedule::Head, AwardError> {
    schedule.head(head).ok_or_else(|| {
        let known = schedule
            .heads
            .iter()
            .map(|head| head.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        AwardError::invalid(
            field,
            InputProblem::UnknownHead {
                head: head.to_owned(),
                jurisdiction: schedule.jurisdiction.clone(),
                known,
            },
        )
    })
}

/// An amount must be a non-negative number exact to the currency's minor unit.
pub(crate) fn check_amount(
    field: &str,
    amount: Decimal,
    currency: Currency,
) -> Result<(), AwardError> {
    Money::new(amount, currency)
        .map(|_| ())
        .map_err(|error| AwardError::invalid(field, InputProblem::Amount(error)))
}

fn missing(field: String) -> AwardError {
    AwardError::invalid(field, InputProblem::Missing)
}

fn not_used(field: String) -> AwardError {
    AwardError::invalid(field, InputProblem::NotUsed)
}

fn out_of_range(minimum: &str, maximum: &str) -> InputProblem {
    InputProblem::OutOfRange {
        minimum: minimum.to_owned(),
        maximum: maximum.to_owned(),
    }
}
