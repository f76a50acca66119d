//! A JSON request body that may be left out entirely.
//!
//! poem-openapi insists on a `Content-Type` even when the body is optional, so a bare
//! `POST /claims/1/actions/submit` (the common case: most actions take no input) would be
//! refused with 415. This extractor treats a request with neither a content type nor a body
//! as "no body", and otherwise behaves exactly like `Json<Option<T>>`.

use poem::{Request, RequestBody};
use poem_openapi::payload::{Json, ParsePayload, Payload};
use poem_openapi::registry::{MetaMediaType, MetaRequest, Registry};
use poem_openapi::types::ParseFromJSON;
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions};

pub struct OptionalJson<T>(pub Option<T>);

impl<'a, T: ParseFromJSON> ApiExtractor<'a> for OptionalJson<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Json<T> as Payload>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        Some(MetaRequest {
            description: None,
            content: vec![MetaMediaType {
                content_type: <Json<T> as Payload>::CONTENT_TYPE,
                schema: <Json<T> as Payload>::schema_ref(),
            }],
            required: false,
        })
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _options: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        if request.content_type().is_none() {
            let bytes = body.take()?.into_bytes().await?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(OptionalJson(None));
            }
            return Err(poem_openapi::error::ContentTypeError::ExpectContentType.into());
        }
        let content_type = request.content_type().unwrap_or_default();
        if !<Json<Option<T>> as Payload>::check_content_type(content_type) {
            let content_type = content_type.to_owned();
            return Err(
                poem_openapi::error::ContentTypeError::NotSupported { content_type }.into(),
            );
        }
        let Json(value) = <Json<Option<T>> as ParsePayload>::from_request(request, body).await?;
        Ok(OptionalJson(value))
    }
}
