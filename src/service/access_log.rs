//! The access log: every read of a protected identity is recorded, and auditors can read it.

use chrono::{DateTime, Utc};

use super::{ServiceError, Services};
use crate::domain::access::may_see_identity;
use crate::domain::{Actor, Claim, ClaimId, Role, UserId};
use crate::store;

/// The fields a protected identity consists of, with what the application says that would
/// identify the person (the account, the details of a loss).
pub const PROTECTED_FIELDS: [&str; 7] = [
    "applicant_name",
    "victim_name",
    "victim_birth_date",
    "victim_address",
    "victim_gender",
    "bank_account",
    "claimed_loss_details",
];

/// One read of a protected identity.
pub struct AccessEntry {
    pub user_id: Option<UserId>,
    pub fields: Vec<String>,
    pub read_at: DateTime<Utc>,
}

impl Services {
    /// Records that `actor` is about to be shown `claim`'s protected identity, if it has one and
    /// they may see it.
    pub async fn record_identity_read(
        &self,
        actor: &Actor,
        claim: &Claim,
    ) -> Result<(), ServiceError> {
        if claim.facts.protected_identity && may_see_identity(actor, claim) {
            store::access_log::insert(
                self.database(),
                claim.id,
                actor.user_id,
                &PROTECTED_FIELDS,
                self.now(),
            )
            .await?;
        }
        Ok(())
    }

    /// Records that `actor` is about to download a document of a claim with a protected
    /// identity: documents (a power of attorney, a medical report) name the person, and those
    /// who weigh the evidence read them, so every such read is on the log.
    pub async fn record_document_read(
        &self,
        actor: &Actor,
        claim: &Claim,
        document_id: i64,
    ) -> Result<(), ServiceError> {
        if claim.facts.protected_identity {
            let field = format!("document:{document_id}");
            store::access_log::insert(
                self.database(),
                claim.id,
                actor.user_id,
                &[field.as_str()],
                self.now(),
            )
            .await?;
        }
        Ok(())
    }

    /// The claim's access log, for auditors. Whoever may not see the claim hears that it is
    /// not found, as everywhere else; only those who may see it learn that the log is not theirs.
    pub async fn access_log(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<AccessEntry>, ServiceError> {
        self.claim(actor, id).await?;
        if !actor.holds(Role::Auditor) {
            return Err(ServiceError::Forbidden);
        }
        let rows = store::access_log::for_claim(self.database(), id).await?;
        Ok(rows
            .into_iter()
            .map(|row| AccessEntry {
                user_id: row.user_id.map(UserId),
                fields: row.fields.split(',').map(str::to_owned).collect(),
                read_at: row.read_at,
            })
            .collect())
    }
}
