//! Documents: upload against a claim (multipart), list, download.

use chrono::{DateTime, Utc};
use poem_openapi::param::Path;
use poem_openapi::payload::{Attachment, AttachmentType, Json};
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiResponse, Multipart, Object, OpenApi};

use super::Tag;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::{ClaimId, DocumentKind};
use crate::service::{ServiceError, Services};
use crate::store::documents::StoredDocument;

pub struct DocumentsApi {
    pub services: Services,
}

/// A file and what it is. The file's name is not kept: it may name the victim.
#[derive(Multipart)]
pub struct UploadForm {
    /// A document kind, such as `power_of_attorney` or `medical_report`.
    pub kind: String,
    /// A PDF, JPEG or PNG file, recognised by its content.
    pub file: Upload,
    /// The id of the evidence request item this document answers, if any.
    pub request_item: Option<i64>,
}

#[derive(Object)]
pub struct DocumentView {
    pub id: i64,
    pub claim_id: i64,
    pub kind: DocumentKind,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lowercase hex SHA-256 of the content.
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: DateTime<Utc>,
    /// The evidence request item this document answers, if any.
    pub request_item: Option<i64>,
}

impl From<StoredDocument> for DocumentView {
    fn from(document: StoredDocument) -> Self {
        DocumentView {
            id: document.id,
            claim_id: document.claim_id.0,
            kind: document.metadata.kind,
            media_type: document.metadata.media_type,
            size_bytes: document.metadata.size_bytes,
            sha256: document.metadata.sha256,
            uploaded_by: document.metadata.uploaded_by.map(|user| user.0),
            uploaded_at: document.uploaded_at,
            request_item: document.metadata.request_item,
        }
    }
}

#[derive(ApiResponse)]
pub enum Uploaded {
    #[oai(status = 201)]
    Created(Json<DocumentView>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Claims")]
impl DocumentsApi {
    /// Upload a document to a claim (lawyers and the secretariat, before the decision).
    #[oai(path = "/claims/:id/documents", method = "post")]
    async fn upload(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        form: UploadForm,
    ) -> Result<Uploaded, ApiError> {
        let kind: DocumentKind = form
            .kind
            .parse()
            .map_err(|_| ApiError::invalid("kind", "is not a document kind"))?;
        if form.file.size() > self.services.upload_bytes_maximum() {
            let reason = format!(
                "must be at most {} bytes",
                self.services.upload_bytes_maximum()
            );
            return Err(ServiceError::Invalid {
                field: "file",
                reason,
            }
            .into());
        }
        let content = form
            .file
            .into_vec()
            .await
            .map_err(|error| ServiceError::Unexpected(error.into()))?;
        let document = self
            .services
            .upload_document(
                &auth.0.actor,
                ClaimId(id.0),
                (kind, form.request_item),
                content,
            )
            .await?;
        Ok(Uploaded::Created(Json(DocumentView::from(document))))
    }

    /// The documents on file for a claim.
    #[oai(path = "/claims/:id/documents", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<DocumentView>>, ApiError> {
        let documents = self
            .services
            .documents(&auth.0.actor, ClaimId(id.0))
            .await?;
        Ok(Json(
            documents.into_iter().map(DocumentView::from).collect(),
        ))
    }

    /// A document's content, as an attachment named after its id.
    #[oai(path = "/documents/:id/content", method = "get")]
    async fn content(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Attachment<Vec<u8>>, ApiError> {
        let (document, content) = self.services.document_content(&auth.0.actor, id.0).await?;
        let extension = match document.metadata.media_type.as_str() {
            "application/pdf" => "pdf",
            "image/jpeg" => "jpg",
            _ => "png",
        };
        Ok(Attachment::new(content)
            .attachment_type(AttachmentType::Attachment)
            .filename(format!("document-{}.{extension}", document.id)))
    }
}
