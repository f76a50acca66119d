//! What `/metrics` reads from the database when scraped: gauges are computed then, not kept up
//! to date by every writer, so several server instances over one database all report the same.

use super::{ServiceError, Services};
use crate::metrics::Readings;
use crate::store;

impl Services {
    /// The exposition of this server's metrics, with the gauges read now.
    pub async fn render_metrics(&self) -> Result<String, ServiceError> {
        let readings = Readings {
            overdue_claims: store::claims::count_overdue(self.database(), self.today()).await?,
            outbox_backlog: self.outbox_backlog().await?,
        };
        let text = self
            .metrics()
            .render(readings)
            .map_err(|error| anyhow::anyhow!("encoding the metrics: {error}"))?;
        Ok(text)
    }

    /// Outbox deliveries (webhook, e-mail) waiting for an attempt; in-app notices need none.
    pub async fn outbox_backlog(&self) -> Result<u64, ServiceError> {
        Ok(store::notifications::count_pending(self.database()).await?)
    }
}
