//! Evidence requests: the `request_evidence` transition, seen as a resource with items that
//! uploads answer.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{ServiceError, Services};
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, ClaimAction, ClaimId, DocumentKind};
use crate::store;
use crate::store::evidence::EvidenceRequest;

impl Services {
    /// Asks the applicant for documents by `due_on` (the jurisdiction's evidence period when
    /// absent); the claim waits for them.
    pub async fn request_evidence(
        &self,
        actor: &Actor,
        id: ClaimId,
        (kinds, due_on): (BTreeSet<DocumentKind>, Option<NaiveDate>),
        expected_version: Option<i64>,
    ) -> Result<EvidenceRequest, ServiceError> {
        let input = ActionInput {
            requested_documents: kinds,
            evidence_due: due_on,
            ..ActionInput::default()
        };
        self.perform(
            actor,
            id,
            ClaimAction::RequestEvidence,
            input,
            expected_version,
        )
        .await?;
        // The claim now awaits evidence, so no other request can have followed this one.
        store::evidence::for_claim(self.database(), id)
            .await?
            .pop()
            .ok_or_else(|| {
                ServiceError::Unexpected(anyhow::anyhow!(
                    "the evidence request just made is missing"
                ))
            })
    }

    pub async fn evidence_requests(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<EvidenceRequest>, ServiceError> {
        self.claim(actor, id).await?;
        Ok(store::evidence::for_claim(self.database(), id).await?)
    }
}
