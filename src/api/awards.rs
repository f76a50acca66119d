//! Award previews: the calculator over HTTP, taking the same JSON as `redress award calculate`.

use chrono::NaiveDate;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use serde::Serialize;

use super::Tag;
use super::body::JsonBodyAs;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::OffenceType;
use crate::domain::award::{AwardRequest, Calculation, Line};
use crate::domain::claim::Language;
use crate::explain::WordedCalculation;
use crate::service::Services;

pub struct AwardsApi {
    pub services: Services,
}

/// One loss; which fields it needs depends on its head (see `GET /jurisdictions/{id}`).
/// Amounts are strings such as `"3300.00"`; JSON numbers are refused.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct LossSchema {
    pub head: String,
    pub amount: Option<String>,
    pub weeks: Option<u32>,
    pub weekly_rate: Option<String>,
    pub relatives: Option<u32>,
    /// Years as a decimal string, such as `"2.5"`.
    pub years: Option<String>,
    /// The claimant's class, for heads capped by class.
    pub class: Option<String>,
}

/// A payment from elsewhere for the same harm, deducted from one head or the whole award.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct OffsetSchema {
    /// insurance, benefits, offender, court_order, civil_damages or other.
    pub source: String,
    pub amount: String,
    pub head: Option<String>,
}

/// The rapporteur's assessment of a claim: what the calculator needs besides the claim itself.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct AssessmentSchema {
    pub losses: Vec<LossSchema>,
    pub offsets: Option<Vec<OffsetSchema>>,
    /// 0 to 100, for conduct or convictions.
    pub reduction_percent: Option<String>,
}

/// The facts of a claim for the calculator.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct AwardRequestSchema {
    pub jurisdiction: String,
    /// The date that picks the schedule version in force.
    pub as_of: NaiveDate,
    pub losses: Vec<LossSchema>,
    pub offsets: Option<Vec<OffsetSchema>>,
    /// 0 to 100, for conduct or convictions.
    pub reduction_percent: Option<String>,
    pub interim_paid: Option<String>,
    /// Where a schedule's rules depend on it (California's income loss for trafficking victims).
    pub offence_type: Option<OffenceType>,
}

#[derive(Object, Serialize)]
pub struct LineView {
    pub head: String,
    pub class: Option<String>,
    pub claimed: String,
    pub allowed: String,
    pub payable: String,
    /// The rule that applied, in the calculation's `language`.
    pub explanation: String,
}

/// A calculation, line by line; amounts are exact decimal strings in `currency`.
#[derive(Object, Serialize)]
pub struct CalculationView {
    pub jurisdiction: String,
    /// The language the explanations are worded in.
    pub language: Language,
    pub schedule_version: String,
    pub currency: String,
    pub lines: Vec<LineView>,
    pub gross: String,
    pub limited: String,
    pub limit_explanation: Option<String>,
    pub offsets: String,
    pub reduction: String,
    pub interim_deducted: String,
    /// Interim payments beyond the award, repayable where the rules say so.
    pub interim_excess: String,
    pub total: String,
    /// Unconfirmed values of the schedule this calculation relied on.
    pub provisional: Vec<String>,
}

impl LineView {
    fn new(line: &Line, explanation: String) -> Self {
        LineView {
            head: line.head.clone(),
            class: line.class.clone(),
            claimed: line.claimed.amount().to_string(),
            allowed: line.allowed.amount().to_string(),
            payable: line.payable.amount().to_string(),
            explanation,
        }
    }
}

impl CalculationView {
    /// The calculation for a reader, with its explanations as `worded`.
    pub fn new(calculation: &Calculation, worded: WordedCalculation) -> Self {
        CalculationView {
            jurisdiction: calculation.jurisdiction.to_string(),
            language: worded.language,
            schedule_version: calculation.schedule_version.clone(),
            currency: calculation.currency.code().to_owned(),
            lines: calculation
                .lines
                .iter()
                .zip(worded.lines)
                .map(|(line, explanation)| LineView::new(line, explanation))
                .collect(),
            gross: calculation.gross.amount().to_string(),
            limited: calculation.limited.amount().to_string(),
            limit_explanation: worded.limit,
            offsets: calculation.offsets.amount().to_string(),
            reduction: calculation.reduction.amount().to_string(),
            interim_deducted: calculation.interim_deducted.amount().to_string(),
            interim_excess: calculation.interim_excess.amount().to_string(),
            total: calculation.total.amount().to_string(),
            provisional: calculation.provisional.clone(),
        }
    }
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Jurisdictions")]
impl AwardsApi {
    /// Calculate an award from claim facts without storing anything; the explanations are
    /// worded in `lang` (the jurisdiction's first language when left out).
    #[oai(path = "/awards/preview", method = "post")]
    async fn preview(
        &self,
        _auth: BearerAuth,
        lang: Query<Option<Language>>,
        body: JsonBodyAs<AwardRequestSchema, AwardRequest>,
    ) -> Result<Json<CalculationView>, ApiError> {
        let (calculation, worded) = self.services.calculate_award(&body.0, lang.0)?;
        Ok(Json(CalculationView::new(&calculation, worded)))
    }
}
