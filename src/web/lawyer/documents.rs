//! Documents of a claim: the list (`documents`, as `GET /api/v1/claims/{id}/documents`) and the
//! multipart upload (`upload_document`, as `POST /api/v1/claims/{id}/documents`), which also
//! answers an evidence request item. A multipart form cannot go through `CsrfForm`, so its
//! first part must be the CSRF token, checked before any other part, the file above all, is read.

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Multipart, Path, Query};
use poem::{Response, handler};
use strum::IntoEnumIterator;

use super::draft::ReturnTo;
use super::questions::RadioOption;
use super::{FormError, document_kind_label, failure, form_frame, form_status, lawyer};
use crate::domain::{Actor, ClaimId, DocumentKind};
use crate::service::{ServiceError, Services};
use crate::web::csrf::{CsrfMultipart, read_limited};
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, refusal, render, see_other};
use crate::web::session::Visit;

/// Text parts of the upload form are short; a longer one is refused unread.
const TEXT_PART_BYTES_MAXIMUM: u64 = 256;

/// An uploaded document as a row of the list.
pub struct DocumentRow {
    pub kind: String,
    pub uploaded_on: String,
}

pub fn document_rows(
    tr: Tr,
    documents: &[crate::store::documents::StoredDocument],
) -> Vec<DocumentRow> {
    documents
        .iter()
        .map(|document| DocumentRow {
            kind: document_kind_label(tr, document.metadata.kind),
            uploaded_on: tr.date(&document.uploaded_at.date_naive()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "lawyer/documents.html")]
struct DocumentsPage {
    frame: Frame,
    errors: Vec<FormError>,
    id: i64,
    reference: String,
    documents: Vec<DocumentRow>,
    kinds: Vec<RadioOption>,
    kind_error: Option<String>,
    file_error: Option<String>,
    return_to: String,
    back: String,
}

async fn documents_form(
    visit: &Visit,
    services: &Services,
    (actor, id): (&Actor, ClaimId),
    (chosen, return_to): (Option<DocumentKind>, &str),
    errors: Vec<FormError>,
) -> Response {
    let claim = match services.claim(actor, id).await {
        Ok(claim) => claim,
        Err(error) => return failure(visit, &error, "reading a claim's documents"),
    };
    let documents = match services.documents(actor, id).await {
        Ok(documents) => documents,
        Err(error) => return failure(visit, &error, "listing a claim's documents"),
    };
    let path = format!("/lawyer/claims/{}/documents", id.0);
    let frame = form_frame(visit, &path, "lawyer-documents-title", &errors);
    let tr = frame.tr;
    let message_for = |anchor: &str| {
        errors
            .iter()
            .find(|error| error.anchor == anchor)
            .map(|error| error.message.clone())
    };
    let back = match return_to {
        "check" => format!("/lawyer/claims/{}/check-answers", id.0),
        _ => format!("/lawyer/claims/{}", id.0),
    };
    let page = DocumentsPage {
        kind_error: message_for("kind"),
        file_error: message_for("file"),
        id: id.0,
        reference: claim.reference.to_string(),
        documents: document_rows(tr, &documents),
        kinds: kind_options(tr, chosen),
        return_to: return_to.to_owned(),
        back,
        frame,
        errors,
    };
    let status = form_status(&page.errors);
    render(&page, status)
}

/// Every document kind as a radio, `chosen` checked.
fn kind_options(tr: Tr, chosen: Option<DocumentKind>) -> Vec<RadioOption> {
    DocumentKind::iter()
        .enumerate()
        .map(|(index, kind)| RadioOption {
            id: match index {
                0 => "kind".to_owned(),
                _ => format!("kind-{kind}"),
            },
            value: kind.to_string(),
            label: document_kind_label(tr, kind),
            checked: Some(kind) == chosen,
        })
        .collect()
}

/// The documents on file and the upload form.
#[handler]
pub async fn documents_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(return_to): Query<ReturnTo>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let return_to = return_to.return_to.unwrap_or_default();
    documents_form(
        &visit,
        &services,
        (actor, ClaimId(id)),
        (None, &return_to),
        Vec::new(),
    )
    .await
}

/// The upload form as sent: the file's bytes and what they are.
pub struct Upload {
    pub kind: Option<DocumentKind>,
    pub request_item: Option<i64>,
    pub return_to: String,
    pub content: Vec<u8>,
}

/// Reads the upload's parts (its CSRF token was checked first). A file larger than the service
/// accepts is cut one byte past the limit, so the service refuses it without it being read
/// whole.
async fn read_upload(
    visit: &Visit,
    multipart: &mut Multipart,
    bytes_maximum: usize,
) -> Result<Upload, Response> {
    let bad_request = || refusal(visit, StatusCode::BAD_REQUEST);
    let mut upload = Upload {
        kind: None,
        request_item: None,
        return_to: String::new(),
        content: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(|_| bad_request())? {
        let name = field.name().unwrap_or_default().to_owned();
        let limit = match name.as_str() {
            "file" => u64::try_from(bytes_maximum)
                .unwrap_or(u64::MAX)
                .saturating_add(1),
            _ => TEXT_PART_BYTES_MAXIMUM,
        };
        let bytes = read_limited(field, limit)
            .await
            .map_err(|_| bad_request())?;
        let text = || String::from_utf8_lossy(&bytes).trim().to_owned();
        match name.as_str() {
            "kind" => upload.kind = text().parse().ok(),
            "request_item" => upload.request_item = text().parse().ok(),
            "return" => upload.return_to = text(),
            "file" => upload.content = bytes,
            _ => {}
        }
    }
    Ok(upload)
}

/// Files the document through `upload_document`, then back to where the lawyer came from;
/// an answer to an evidence request returns to the claim's page.
#[handler]
pub async fn upload_file(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfMultipart(mut multipart): CsrfMultipart,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let mut upload =
        match read_upload(&visit, &mut multipart, services.upload_bytes_maximum()).await {
            Ok(upload) => upload,
            Err(refused) => return refused,
        };
    let content = std::mem::take(&mut upload.content);
    let tr = visit.tr();
    let claim_id = ClaimId(id);
    let refused =
        |errors: Vec<FormError>| refuse(&visit, &services, (actor, claim_id), &upload, errors);
    let Some(kind) = upload.kind else {
        return refused(vec![error(tr, "kind", "lawyer-error-kind")]).await;
    };
    if content.is_empty() {
        return refused(vec![error(tr, "file", "lawyer-error-file-missing")]).await;
    }
    let filed = services
        .upload_document(actor, claim_id, (kind, upload.request_item), content)
        .await;
    match filed {
        Ok(_) if upload.request_item.is_some() => see_other(&format!("/lawyer/claims/{id}")),
        Ok(_) => {
            let query = match upload.return_to.as_str() {
                "check" => "?return=check",
                _ => "",
            };
            see_other(&format!("/lawyer/claims/{id}/documents{query}"))
        }
        Err(ServiceError::Duplicate { .. }) => {
            refused(vec![error(tr, "file", "lawyer-error-file-duplicate")]).await
        }
        Err(ServiceError::Invalid { field: "file", .. }) => {
            let message = tr.with(
                "lawyer-error-file",
                "megabytes",
                &megabytes(services.upload_bytes_maximum()),
            );
            refused(vec![FormError {
                anchor: "file".to_owned(),
                message,
            }])
            .await
        }
        Err(ServiceError::Invalid {
            field: "kind" | "request_item",
            ..
        }) => refused(vec![error(tr, "file", "lawyer-error-request-item")]).await,
        Err(error) => failure(&visit, &error, "uploading a document"),
    }
}

/// The page the upload came from, again, with what was wrong: the claim's page for an answer to
/// an evidence request, the documents page otherwise.
async fn refuse(
    visit: &Visit,
    services: &Services,
    (actor, id): (&Actor, ClaimId),
    upload: &Upload,
    errors: Vec<FormError>,
) -> Response {
    if let Some(item) = upload.request_item {
        // The claim's page has a file input per outstanding item.
        let errors = errors
            .into_iter()
            .map(|error| FormError {
                anchor: format!("file-{item}"),
                ..error
            })
            .collect();
        return super::claim::claim_with_errors(visit, services, actor, id, errors).await;
    }
    let place = (upload.kind, upload.return_to.as_str());
    documents_form(visit, services, (actor, id), place, errors).await
}

fn error(tr: Tr, anchor: &str, key: &str) -> FormError {
    FormError {
        anchor: anchor.to_owned(),
        message: tr.t(key).to_owned(),
    }
}

/// The upload limit in whole megabytes, as the error message states it.
fn megabytes(bytes: usize) -> String {
    let megabyte = 1024 * 1024;
    crate::locale::format_number(
        rust_decimal::Decimal::from(bytes.div_ceil(megabyte).max(1)),
        crate::domain::claim::Language::En,
    )
}
