//! JSON request bodies that explain what is wrong with them, field by field.
//!
//! poem-openapi's own body parser reports a missing or mistyped field without naming it
//! ("expected input type OffenceType, found null"), accepts a JSON number where a string is
//! declared, and insists on a `Content-Type` even for an optional body. These extractors keep
//! poem-openapi's schema (and its validators, run second) but parse with serde first, through
//! `serde_path_to_error`, so a client learns which field is wrong and why.

use std::marker::PhantomData;

use poem::{Request, RequestBody};
use poem_openapi::payload::{Json, Payload};
use poem_openapi::registry::{MetaMediaType, MetaRequest, Registry};
use poem_openapi::types::ParseFromJSON;
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::problem::{ApiError, FieldError};
use crate::json_input::{InputError, from_value};

/// JSON bodies larger than this are refused (413) as they are read; claims and actions are small.
const BODY_BYTES_MAXIMUM: usize = 256 * 1024;

/// A required JSON body.
pub struct JsonBody<T>(pub T);

/// A JSON body that may be left out entirely (no content type, no bytes).
pub struct OptionalJsonBody<T>(pub Option<T>);

fn request_meta<T: ParseFromJSON>(required: bool) -> Option<MetaRequest> {
    Some(MetaRequest {
        description: None,
        content: vec![MetaMediaType {
            content_type: <Json<T> as Payload>::CONTENT_TYPE,
            schema: <Json<T> as Payload>::schema_ref(),
        }],
        required,
    })
}

/// The parts both extractors share; only what an absent body means differs.
macro_rules! json_body_extractor {
    ($extractor:ident, required: $required:expr, |$json:ident| $convert:expr) => {
        impl<'a, T: ParseFromJSON + DeserializeOwned> ApiExtractor<'a> for $extractor<T> {
            const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];
            type ParamType = ();
            type ParamRawType = ();

            fn register(registry: &mut Registry) {
                <Json<T> as Payload>::register(registry);
            }

            fn request_meta() -> Option<MetaRequest> {
                request_meta::<T>($required)
            }

            async fn from_request(
                request: &'a Request,
                body: &mut RequestBody,
                _: ExtractParamOptions<()>,
            ) -> poem::Result<Self> {
                let $json = read_json(request, body).await?;
                $convert
            }
        }
    };
}

json_body_extractor!(JsonBody, required: true, |json| match json {
    Some(value) => Ok(JsonBody(decode(value)?)),
    None => Err(ApiError::bad_request("a JSON request body is required".to_owned()).into()),
});

json_body_extractor!(OptionalJsonBody, required: false, |json| match json {
    Some(Value::Null) | None => Ok(OptionalJsonBody(None)),
    Some(value) => Ok(OptionalJsonBody(Some(decode(value)?))),
});

/// The body as JSON; `None` when there is no body at all.
async fn read_json(request: &Request, body: &mut RequestBody) -> poem::Result<Option<Value>> {
    let bytes = body.take()?.into_bytes_limit(BODY_BYTES_MAXIMUM).await?;
    let empty = bytes.iter().all(u8::is_ascii_whitespace);
    match request.content_type() {
        None if empty => return Ok(None),
        None => return Err(poem_openapi::error::ContentTypeError::ExpectContentType.into()),
        Some(content_type) if !<Json<T0> as Payload>::check_content_type(content_type) => {
            let content_type = content_type.to_owned();
            return Err(
                poem_openapi::error::ContentTypeError::NotSupported { content_type }.into(),
            );
        }
        Some(_) if empty => return Ok(None),
        Some(_) => {}
    }
    serde_json::from_slice(&bytes).map(Some).map_err(|error| {
        ApiError::bad_request(format!("the body is not valid JSON: {error}")).into()
    })
}

/// Any type will do: the content-type check does not depend on it.
type T0 = Value;

/// Parses with serde for errors that name their field, then with poem-openapi for the
/// validators the schema declares (lengths, patterns).
fn decode<T: ParseFromJSON + DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    if let Err(error) = from_value::<T>(&value) {
        return Err(ApiError::invalid_fields(vec![field_error(error)]));
    }
    T::parse_from_json(Some(value))
        .map_err(|error| ApiError::invalid_fields(vec![validator_error(error.message())]))
}

/// poem-openapi reports a failed validator as "field `name` verification failed. minItems(1)";
/// this names the field and says the rule in words.
fn validator_error(message: &str) -> FieldError {
    let Some((field, rule)) = message
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once("` verification failed. "))
    else {
        return FieldError {
            field: "body".to_owned(),
            reason: message.to_owned(),
        };
    };
    let (name, argument) = rule
        .trim_end_matches(')')
        .split_once('(')
        .unwrap_or((rule, ""));
    let reason = match name {
        "minItems" if argument == "1" => "must not be empty".to_owned(),
        "minItems" => format!("must have at least {argument} items"),
        "maxItems" => format!("must have at most {argument} items"),
        "minLength" => format!("must be at least {argument} characters"),
        "maxLength" => format!("must be at most {argument} characters"),
        "pattern" => format!("must match the pattern {argument}"),
        "uniqueItems" => "must not repeat an item".to_owned(),
        _ => format!("must satisfy {rule}"),
    };
    FieldError {
        field: field.to_owned(),
        reason,
    }
}

fn field_error(error: InputError) -> FieldError {
    FieldError {
        field: error.field,
        reason: error.reason,
    }
}

/// A JSON body documented by the `Schema` type but parsed straight into the domain type `T`,
/// for requests whose domain type checks everything itself (the award calculator's request).
/// The CLI parses the same JSON into the same `T`, so the two cannot drift apart.
pub struct JsonBodyAs<Schema, T>(pub T, PhantomData<Schema>);

impl<'a, Schema: ParseFromJSON, T: DeserializeOwned + Send> ApiExtractor<'a>
    for JsonBodyAs<Schema, T>
{
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Json<Schema> as Payload>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        request_meta::<Schema>(true)
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _: ExtractParamOptions<()>,
    ) -> poem::Result<Self> {
        let Some(value) = read_json(request, body).await? else {
            return Err(ApiError::bad_request("a JSON request body is required".to_owned()).into());
        };
        from_value::<T>(&value)
            .map(|parsed| JsonBodyAs(parsed, PhantomData))
            .map_err(|error| ApiError::invalid_fields(vec![field_error(error)]).into())
    }
}

/// Room for a multipart envelope (boundaries, part headers, the other fields) around the file.
pub(super) const MULTIPART_ENVELOPE_BYTES: usize = 64 * 1024;

/// Refuses a request whose body would exceed `upload_bytes_maximum` (plus a multipart
/// envelope) before a byte of it is read: by its declared length (413), and a multipart upload
/// that declares no length is refused (411), so a handler is never made to spool an unbounded
/// file. JSON bodies have their own, smaller, limit as they are read.
pub async fn limit_request_body<E: poem::Endpoint>(
    next: std::sync::Arc<E>,
    request: Request,
    upload_bytes_maximum: usize,
) -> poem::Result<E::Output> {
    use poem::http::{StatusCode, header};
    let maximum = (upload_bytes_maximum + MULTIPART_ENVELOPE_BYTES) as u64;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let multipart = request
        .content_type()
        .is_some_and(|content_type| content_type.starts_with("multipart/"));
    match declared {
        Some(length) if length > maximum => Err(poem::Error::from_string(
            format!("the request body must be at most {maximum} bytes"),
            StatusCode::PAYLOAD_TOO_LARGE,
        )),
        None if multipart => Err(poem::Error::from_string(
            "an upload must declare its Content-Length",
            StatusCode::LENGTH_REQUIRED,
        )),
        _ => next.call(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::validator_error;

    #[test]
    fn a_failed_validator_names_its_field_and_says_the_rule_in_words() {
        let error = validator_error(
            "failed to parse \"EvidenceRequestBody\": field `items` verification failed. minItems(1)",
        );
        assert_eq!(error.field, "items");
        assert_eq!(error.reason, "must not be empty");
        let unknown = validator_error("something else");
        assert_eq!(unknown.field, "body");
    }
}
