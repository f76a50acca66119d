//! Anonymised statistics for the secretariat, the chair and auditors: the claims lodged in a
//! period, grouped and with small cells suppressed (`domain::statistics`).

use chrono::NaiveDate;

use super::{ServiceError, Services};
use crate::domain::statistics::{Dimension, Table, Threshold, tabulate};
use crate::domain::{Actor, Role};
use crate::store;

/// Who may read statistics.
pub const STATISTICS_READERS: &[Role] = &[Role::Secretariat, Role::Chair, Role::Auditor];

/// What a report asks for: claims lodged from `from` to `to` (both included), grouped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatisticsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Vec<Dimension>,
}

impl Services {
    /// The report for a reader of statistics.
    pub async fn statistics(
        &self,
        actor: &Actor,
        query: &StatisticsQuery,
    ) -> Result<Table, ServiceError> {
        if !STATISTICS_READERS
            .iter()
            .any(|role| actor.roles.contains(role))
        {
            return Err(ServiceError::Forbidden);
        }
        self.statistics_table(query).await
    }

    /// The report without an actor, for the command line (whose user reads the database itself).
    pub async fn statistics_table(&self, query: &StatisticsQuery) -> Result<Table, ServiceError> {
        if query.to < query.from {
            return Err(ServiceError::Invalid {
                field: "to",
                reason: "must not be before from".to_owned(),
            });
        }
        let claims =
            store::statistics::lodged_between(self.database(), (query.from, query.to)).await?;
        Ok(tabulate(
            &claims,
            &query.group_by,
            self.statistics_threshold,
        ))
    }

    /// Sets the fewest claims a published statistics cell may describe.
    pub fn with_statistics_threshold(mut self, threshold: Threshold) -> Self {
        self.statistics_threshold = threshold;
        self
    }
}
