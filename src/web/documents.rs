//! A claim's uploaded document, downloaded by whoever the service lets see its claim (the
//! secretariat checking a power of attorney, a commission member reading a medical report):
//! `document_content`, as `GET /api/v1/documents/{id}/content`, which logs each download of a
//! protected claim's document.

use poem::http::header;
use poem::web::{Data, Path};
use poem::{Response, handler};

use super::pages::{see_other, service_failure};
use super::session::Visit;
use crate::service::Services;

#[handler]
pub async fn download(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let Some(actor) = visit.actor() else {
        return see_other("/sign-in");
    };
    let (document, content) = match services.document_content(actor, id).await {
        Ok(found) => found,
        Err(error) => return service_failure(&visit, &error, "downloading a document"),
    };
    // Uploads are only ever these three kinds (the upload checks the bytes, not the name).
    let extension = match document.metadata.media_type.as_str() {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    };
    Response::builder()
        .content_type(document.metadata.media_type.as_str())
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"document-{id}.{extension}\""),
        )
        .body(content)
}
