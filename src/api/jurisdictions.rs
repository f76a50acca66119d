//! The jurisdiction packages as clients see them, so a form can be built from the data.

use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::Tag;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::award::Schedule;
use crate::domain::claim::Language;
use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::service::{ServiceError, Services};

pub struct JurisdictionsApi {
    pub services: Services,
}

#[derive(Object)]
pub struct MinorFilingView {
    pub until_age_years: u32,
    pub period_months: u32,
}

#[derive(Object)]
pub struct FilingView {
    pub period_months: u32,
    pub minor: Option<MinorFilingView>,
    pub trafficking_from_identification: bool,
    pub from_discovery: bool,
}

#[derive(Object)]
pub struct PeriodsView {
    pub evidence_days: u32,
    pub decision_days: u32,
    pub appeal_days: u32,
    pub payment_days: u32,
}

#[derive(Object)]
pub struct CommissionView {
    pub members: u32,
    pub quorum: u32,
    pub chair_casting_vote: bool,
    /// Whether decisions print the notes of members who voted against them.
    pub publish_dissents: bool,
}

#[derive(Object)]
pub struct JurisdictionView {
    pub id: String,
    pub name: String,
    pub currency: String,
    pub languages: Vec<Language>,
    pub reference_prefix: String,
    pub reopen_allowed: bool,
    pub filing: FilingView,
    pub periods: PeriodsView,
    pub commission: CommissionView,
    /// Keys whose values could not be confirmed from a public source.
    pub provisional: Vec<String>,
    /// The award schedules, oldest version first: heads with their rules and caps, the overall
    /// minimum and maximum, rounding, and their own provisional values.
    pub schedules: Vec<serde_json::Value>,
}

impl JurisdictionView {
    fn new(rules: &JurisdictionRules, schedules: &[Schedule]) -> Self {
        JurisdictionView {
            id: rules.id.to_string(),
            name: rules.name.clone(),
            currency: rules.currency.code().to_owned(),
            languages: rules.languages.clone(),
            reference_prefix: rules.reference_prefix.clone(),
            reopen_allowed: rules.reopen_allowed,
            filing: FilingView {
                period_months: rules.filing.period_months,
                minor: rules.filing.minor.map(|minor| MinorFilingView {
                    until_age_years: minor.until_age_years,
                    period_months: minor.period_months,
                }),
                trafficking_from_identification: rules.filing.trafficking_from_identification,
                from_discovery: rules.filing.from_discovery,
            },
            periods: PeriodsView {
                evidence_days: rules.periods.evidence_days,
                decision_days: rules.periods.decision_days,
                appeal_days: rules.periods.appeal_days,
                payment_days: rules.periods.payment_days,
            },
            commission: CommissionView {
                members: rules.commission.members,
                quorum: rules.commission.quorum,
                chair_casting_vote: rules.commission.chair_casting_vote,
                publish_dissents: rules.commission.publish_dissents,
            },
            provisional: rules.provisional.clone(),
            schedules: schedules
                .iter()
                .filter_map(|schedule| serde_json::to_value(schedule).ok())
                .collect(),
        }
    }
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Jurisdictions")]
impl JurisdictionsApi {
    /// Every jurisdiction this server serves.
    #[oai(path = "/jurisdictions", method = "get")]
    async fn list(&self, _auth: BearerAuth) -> Result<Json<Vec<JurisdictionView>>, ApiError> {
        let jurisdictions = self.services.jurisdictions();
        let views = jurisdictions
            .all()
            .map(|rules| JurisdictionView::new(rules, jurisdictions.schedules(&rules.id)));
        Ok(Json(views.collect()))
    }

    /// One jurisdiction's package: languages, filing rules, periods, commission rules.
    #[oai(path = "/jurisdictions/:id", method = "get")]
    async fn get(
        &self,
        _auth: BearerAuth,
        id: Path<String>,
    ) -> Result<Json<JurisdictionView>, ApiError> {
        let rules = JurisdictionId::parse(&id.0)
            .ok()
            .and_then(|id| self.services.jurisdictions().get(&id))
            .ok_or(ServiceError::NotFound("jurisdiction"))?;
        let schedules = self.services.jurisdictions().schedules(&rules.id);
        Ok(Json(JurisdictionView::new(rules, schedules)))
    }
}
