//! Award calculations for previews (the API and `redress award calculate`).

use super::{ServiceError, Services};
use crate::domain::award::{self, AwardRequest, Calculation};
use crate::domain::claim::Language;
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
