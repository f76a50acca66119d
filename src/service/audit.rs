//! Verifying every claim's audit chain, for `redress audit verify`.

use super::{ServiceError, Services};
use crate::domain::audit::ChainBreak;
use crate::domain::{Actor, Role};
use crate::store;

/// Claims verified per database round trip.
const VERIFY_PAGE_SIZE: u64 = 500;

#[derive(Debug, Default)]
pub struct VerifyReport {
    pub claims: u64,
    pub events: u64,
    /// The first break of each broken claim, in claim order.
    pub breaks: Vec<ChainBreak>,
}

impl Services {
    /// The verification for an auditor (the web UI's audit page); the command line, whose user
    /// reads the database itself, calls `verify_audit_trail`.
    pub async fn verify_audit_trail_as(&self, actor: &Actor) -> Result<VerifyReport, ServiceError> {
        if !actor.holds(Role::Auditor) {
            return Err(ServiceError::Forbidden);
        }
        self.verify_audit_trail().await
    }

    pub async fn verify_audit_trail(&self) -> Result<VerifyReport, ServiceError> {
        let mut report = VerifyReport::default();
        let mut after = 0;
        loop {
            let page =
                store::claims::chain_ends_after(self.database(), after, VERIFY_PAGE_SIZE).await?;
            let Some(last_id) = page.last().map(|end| end.claim_id) else {
                break;
            };
            for end in &page {
                report.claims += 1;
                match store::events::verify_claim(self.database(), end).await? {
                    Ok(events) => report.events += events as u64,
                    Err(broken) => report.breaks.push(broken),
                }
            }
            after = last_id;
        }
        Ok(report)
    }
}
