//! Award calculations for previews (the API and `redress award calculate`).

use super::{ServiceError, Services};
use crate::domain::award::{self, AwardRequest, Calculation};

impl Services {
    /// Calculates without storing anything.
    pub fn calculate_award(&self, request: &AwardRequest) -> Result<Calculation, ServiceError> {
        let rules = self.rules(&request.jurisdiction)?;
        let schedules = self.jurisdictions().schedules(&rules.id);
        Ok(award::calculate(schedules, rules.currency, request)?)
    }
}
