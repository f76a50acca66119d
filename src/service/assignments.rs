//! Assigning a rapporteur and panel members to a claim, recorded in its audit trail.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::claims::{Change, Record, operation};
use super::{ServiceError, Services};
use crate::domain::assignments::{self, Assignment};
use crate::domain::operations::ClaimOperation;
use crate::domain::{Actor, Claim, ClaimId, UserId};
use crate::store;

/// An assignment as recorded: who, as what, by whom, when.
pub struct RecordedAssignment {
    pub assignment: Assignment,
    pub assigned_by: Option<UserId>,
    pub assigned_at: DateTime<Utc>,
}

impl Services {
    pub async fn assign(
        &self,
        actor: &Actor,
        id: ClaimId,
        assignment: Assignment,
    ) -> Result<Claim, ServiceError> {
        // Roles change rarely and only by an administrator; read once, before the transaction.
        let assignee_roles = store::users::roles_of(self.database(), assignment.user).await?;
        self.change(actor, id, None, |claim, _| {
            let role = assignments::assign(claim, actor, assignment, &assignee_roles)?;
            let payload = json!({"user_id": assignment.user.0, "kind": assignment.kind});
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(ClaimOperation::Assign),
                payload,
                records: vec![Record::Assignment(assignment)],
            })
        })
        .await
    }

    pub async fn assignments(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<RecordedAssignment>, ServiceError> {
        self.claim(actor, id).await?;
        let rows = store::assignments::for_claim(self.database(), id).await?;
        Ok(rows
            .into_iter()
            .map(
                |(assignment, assigned_by, assigned_at)| RecordedAssignment {
                    assignment,
                    assigned_by,
                    assigned_at,
                },
            )
            .collect())
    }
}
