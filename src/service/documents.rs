//! Documents filed with a claim: type checked by content, hashed, deduplicated, and stored with
//! their record in one transaction.

use sha2::{Digest, Sha256};

use super::{ServiceError, Services};
use crate::domain::{Actor, ClaimId, DocumentKind};
use crate::store;
use crate::store::documents::{DocumentMetadata, StoredDocument};

/// The file types accepted, recognised by their content (the name and the declared type are
/// the sender's claim, the bytes are the truth).
const ACCEPTED_MEDIA_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

impl Services {
    /// Files a document against the claim, optionally in answer to an evidence request item of
    /// the same kind; the same content twice on one claim is refused.
    pub async fn upload_document(
        &self,
        actor: &Actor,
        id: ClaimId,
        (kind, request_item): (DocumentKind, Option<i64>),
        content: Vec<u8>,
    ) -> Result<StoredDocument, ServiceError> {
        if content.len() > self.upload_bytes_maximum {
            let reason = format!("must be at most {} bytes", self.upload_bytes_maximum);
            return Err(ServiceError::Invalid {
                field: "file",
                reason,
            });
        }
        let media_type = infer::get(&content)
            .map(|kind| kind.mime_type())
            .filter(|media_type| ACCEPTED_MEDIA_TYPES.contains(media_type))
            .ok_or_else(|| ServiceError::Invalid {
                field: "file",
                reason: "must be a PDF, JPEG or PNG file".to_owned(),
            })?;
        let sha256 = hex::encode(Sha256::digest(&content));
        // Checked here for a clear answer; the unique index settles a race between two uploads.
        self.claim(actor, id).await?;
        if let Some(item) = request_item {
            check_request_item(self.database(), id, item, kind).await?;
        }
        if store::documents::find_by_content(self.database(), id, &sha256)
            .await?
            .is_some()
        {
            return Err(ServiceError::Duplicate { field: "file" });
        }
        let metadata = DocumentMetadata {
            kind,
            media_type: media_type.to_owned(),
            size_bytes: i64::try_from(content.len()).unwrap_or(i64::MAX),
            sha256: sha256.clone(),
            uploaded_by: actor.user_id,
            request_item,
        };
        self.record_document_with_content(actor, id, metadata, content)
            .await?;
        // The claim's content hashes are unique, so the hash finds the document just stored.
        store::documents::find_by_content(self.database(), id, &sha256)
            .await?
            .ok_or_else(|| {
                ServiceError::Unexpected(anyhow::anyhow!("the document just stored is missing"))
            })
    }

    pub async fn documents(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<StoredDocument>, ServiceError> {
        self.claim(actor, id).await?;
        Ok(store::documents::list(self.database(), id).await?)
    }

    /// A document's record and bytes, for someone who may see its claim.
    pub async fn document_content(
        &self,
        actor: &Actor,
        document_id: i64,
    ) -> Result<(StoredDocument, Vec<u8>), ServiceError> {
        let document = store::documents::find(self.database(), document_id)
            .await?
            .ok_or(ServiceError::NotFound("document"))?;
        let claim = self
            .claim(actor, document.claim_id)
            .await
            .map_err(|error| match error {
                ServiceError::NotFound(_) => ServiceError::NotFound("document"),
                other => other,
            })?;
        self.record_document_read(actor, &claim, document_id)
            .await?;
        let content = store::documents::content(self.database(), document_id)
            .await?
            .ok_or(ServiceError::NotFound("document"))?;
        Ok((document, content))
    }
}

/// An item names what it asks for; an upload that answers it must be of that kind and claim.
/// (Items are never changed or deleted, so checking outside the write transaction is sound.)
async fn check_request_item(
    connection: &impl sea_orm::ConnectionTrait,
    claim: ClaimId,
    item: i64,
    kind: DocumentKind,
) -> Result<(), ServiceError> {
    match store::evidence::item(connection, item).await? {
        Some((item_claim, item_kind)) if item_claim == claim && item_kind == kind => Ok(()),
        Some((item_claim, item_kind)) if item_claim == claim => Err(ServiceError::Invalid {
            field: "kind",
            reason: format!("the request item asks for {item_kind}"),
        }),
        _ => Err(ServiceError::Invalid {
            field: "request_item",
            reason: "is not an evidence request item of this claim".to_owned(),
        }),
    }
}
