//! From a claim's assessment to its calculation: which date picks the schedule version, and the
//! interim awards already granted, which the calculation deducts.

use chrono::NaiveDate;

use super::award::{
    self, ApplicableDate, Assessment, AwardError, AwardRequest, Calculation, Schedule,
};
use super::claim::Claim;
use super::money::{Currency, Money};

/// Calculates the award for `assessment` of `claim` as of `today`.
pub fn calculate_for(
    claim: &Claim,
    assessment: &Assessment,
    schedules: &[Schedule],
    currency: Currency,
    today: NaiveDate,
) -> Result<Calculation, AwardError> {
    let as_of = as_of(claim, schedules, today);
    let request = AwardRequest {
        jurisdiction: claim.jurisdiction.clone(),
        as_of,
        losses: assessment.losses.clone(),
        offsets: assessment.offsets.clone(),
        reduction_percent: assessment.reduction_percent,
        interim_paid: claim.interim_awarded.amount(),
        offence_type: Some(claim.facts.offence_type),
    };
    award::calculate(schedules, currency, &request)
}

/// The date whose schedule applies to the claim: every version of a jurisdiction names the same
/// kind of date (the crime's or the decision's); the newest one decides.
fn as_of(claim: &Claim, schedules: &[Schedule], today: NaiveDate) -> NaiveDate {
    match schedules.last().map(|schedule| schedule.applies_to_date_of) {
        Some(ApplicableDate::Crime) => claim.facts.crime_date,
        Some(ApplicableDate::Decision) | None => today,
    }
}

/// The most the schedule in force lets the claim be awarded in all, interim awards included:
/// no vote may amend the award above it, and interim awards may not add up past it.
pub fn award_ceiling(
    claim: &Claim,
    schedules: &[Schedule],
    currency: Currency,
    today: NaiveDate,
) -> Option<Money> {
    let as_of = as_of(claim, schedules, today);
    schedules
        .iter()
        .filter(|schedule| schedule.applies_from <= as_of)
        .max_by_key(|schedule| schedule.applies_from)
        .and_then(|schedule| Money::new(schedule.maximum_total, currency).ok())
}

/// The award a calculation proposes: its amount before interim payments, which count toward
/// paying it (so `mark_paid` needs confirmed payments, interim ones included, to reach it).
pub fn proposed_award(calculation: &Calculation) -> Option<Money> {
    calculation.total.checked_add(calculation.interim_deducted)
}
