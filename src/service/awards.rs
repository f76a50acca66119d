//! Award calculations for previews (the API and `redress award calculate`).

use super::{ServiceError, Services};
use crate::domain::award::{self, Assessment, AwardRequest, Calculation};
use crate::domain::claim::Language;
use crate::domain::proposal::calculate_for;
use crate::domain::{Actor, ClaimId};
use crate::explain::{ExplainError, WordedCalculation, word_calculation};

impl Services {
    /// Calculates without storing anything, with the explanations worded in `language` (the
    /// jurisdiction's first when absent).
    pub fn calculate_award(
        &self,
        request: &AwardRequest,
        language: Option<Language>,
    ) -> Result<(Calculation, WordedCalculation), ServiceError> {
        let rules = self.rules(&request.jurisdiction)?;
        let schedules = self.jurisdictions().schedules(&rules.id);
        let calculation = award::calculate(schedules, rules.currency, request)?;
        let worded = word_calculation(self.jurisdictions(), &calculation, language)?;
        Ok((calculation, worded))
    }

    /// What `assessment` would propose for the claim today, worded in `language` where the
    /// jurisdiction serves it (its first language otherwise): the calculation `record_assessment`
    /// checks and `propose_award` stores, shown before anything is recorded. Stores nothing.
    pub async fn preview_assessment(
        &self,
        actor: &Actor,
        id: ClaimId,
        assessment: &Assessment,
        language: Language,
    ) -> Result<(Calculation, WordedCalculation), ServiceError> {
        let claim = self.claim(actor, id).await?;
        let rules = self.rules(&claim.jurisdiction)?;
        let schedules = self.jurisdictions().schedules(&rules.id);
        let calculation =
            calculate_for(&claim, assessment, schedules, rules.currency, self.today())?;
        let served = Some(language).filter(|language| rules.languages.contains(language));
        let worded = word_calculation(self.jurisdictions(), &calculation, served)?;
        Ok((calculation, worded))
    }
}

impl From<ExplainError> for ServiceError {
    fn from(error: ExplainError) -> Self {
        match error {
            ExplainError::LanguageNotServed { jurisdiction, .. } => ServiceError::Invalid {
                field: "lang",
                reason: format!("is not a language of {jurisdiction}"),
            },
            ExplainError::MissingText(missing) => ServiceError::from(anyhow::Error::from(missing)),
        }
    }
}
