//! `Idempotency-Key` on the API's POSTs, so that a client may retry a request that creates
//! something (a claim, a vote, a document) without creating it twice.
//!
//! A middleware around every endpoint: it reserves the caller's key before the request runs,
//! keeps the answer after, and replays it (with `Idempotent-Replayed: true`) to a retry of the
//! same request. The same key for a different request is 422 `idempotency_key_reused`; a retry
//! while the first is still running is 409 `idempotency_key_in_use`. Keys belong to their user
//! and live 24 hours (`service::idempotency`). Without the header nothing changes.

use std::collections::BTreeMap;

use poem::http::header::{CONTENT_TYPE, ETAG, IF_MATCH, LOCATION};
use poem::http::{HeaderName, HeaderValue, Method, StatusCode};
use poem::web::headers::authorization::Bearer;
use poem::web::headers::{Authorization, HeaderMapExt};
use poem::{Body, Endpoint, Request, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::body::MULTIPART_ENVELOPE_BYTES;
use super::problem::{self, ApiError};
use crate::domain::UserId;
use crate::service::idempotency::{Reservation, ReservationId};
use crate::service::{ServiceError, Services};
use crate::store::idempotency::{KeyedRequest, StoredResponse};

const KEY_HEADER: &str = "Idempotency-Key";
const REPLAYED_HEADER: &str = "Idempotent-Replayed";
const KEY_LENGTH_MAXIMUM: usize = 255;

/// Where keys are honoured.
const API_PREFIX: &str = "/api/v1/";

/// POSTs with no stored effect to protect (signing in, the calculator's preview), and signing
/// out: the token dies with the request, so a retry could never be matched to its caller.
const EXEMPT_PATHS: [&str; 3] = [
    "/api/v1/auth/login",
    "/api/v1/awards/preview",
    "/api/v1/auth/logout",
];

/// The response headers a replay repeats; the others (date, length) describe the delivery,
/// not the answer.
const REPLAYED_HEADERS: [HeaderName; 3] = [CONTENT_TYPE, LOCATION, ETAG];

/// Answers larger than this are passed on but not kept. Creating POSTs answer with a small
/// JSON document, so this only guards against a future endpoint that does not.
const STORED_RESPONSE_BYTES_MAXIMUM: usize = 1024 * 1024;

/// The middleware: wraps every route, acts only on keyed POSTs of signed-in callers.
pub async fn replay_or_record<E: Endpoint<Output = Response>>(
    next: E,
    mut request: Request,
) -> poem::Result<Response> {
    let Some(key) = key_header(&request) else {
        return next.call(request).await;
    };
    let Some(services) = request.data::<Services>().cloned() else {
        tracing::error!("services are not attached to the request");
        return Err(ApiError::unavailable().into());
    };
    // Without a valid token the endpoint itself answers 401; no key is reserved for nobody.
    let Some(user_id) = caller(&services, &request).await? else {
        return next.call(request).await;
    };
    let key = valid_key(&key).ok_or_else(|| {
        ApiError::invalid(KEY_HEADER, "must be 1 to 255 visible ASCII characters")
    })?;
    // The same bound the body limit checks declared lengths against.
    let body_bytes_maximum = services.upload_bytes_maximum() + MULTIPART_ENVELOPE_BYTES;
    let body = request
        .take_body()
        .into_bytes_limit(body_bytes_maximum)
        .await?;
    let keyed = KeyedRequest {
        user_id,
        key: key.to_owned(),
        method: request.method().to_string(),
        path: request.uri().path().to_owned(),
        request_sha256: request_fingerprint(&request, &body),
    };
    request.set_body(body);
    match services.reserve_idempotency_key(&keyed).await {
        Ok(Reservation::Answered(stored)) => replay(stored),
        Ok(Reservation::Reserved(reservation)) => {
            Ok(record(&services, reservation, next, request).await)
        }
        Err(error) => Err(ApiError::from(error).into()),
    }
}

/// The key, on the requests it applies to.
fn key_header(request: &Request) -> Option<HeaderValue> {
    if request.method() != Method::POST || !applies_to(request.uri().path()) {
        return None;
    }
    request.headers().get(KEY_HEADER).cloned()
}

fn applies_to(path: &str) -> bool {
    path.starts_with(API_PREFIX) && !EXEMPT_PATHS.contains(&path)
}

/// The signed-in user, through the same check as the endpoints' bearer authentication.
async fn caller(services: &Services, request: &Request) -> poem::Result<Option<UserId>> {
    let Some(authorization) = request.headers().typed_get::<Authorization<Bearer>>() else {
        return Ok(None);
    };
    match services.authenticate(authorization.token()).await {
        Ok(actor) => Ok(actor.user_id),
        Err(ServiceError::Unauthenticated) => Ok(None),
        Err(error) => Err(ApiError::from(error).into()),
    }
}

/// 1 to 255 visible ASCII characters (no spaces), as a UUID or a random token is.
fn valid_key(value: &HeaderValue) -> Option<&str> {
    let bytes = value.as_bytes();
    let valid =
        (1..=KEY_LENGTH_MAXIMUM).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_graphic);
    valid.then(|| value.to_str().ok()).flatten()
}

/// Runs the request and keeps its answer when the answer is final; releases the key otherwise.
async fn record<E: Endpoint<Output = Response>>(
    services: &Services,
    reservation: ReservationId,
    next: E,
    request: Request,
) -> Response {
    // The error becomes the problem document the client will see, so that it can be kept.
    let response = match next.call(request).await {
        Ok(response) => response,
        Err(error) => problem::problem_for_any_error(error).await,
    };
    if !keeps_answer(response.status()) {
        settle(services, reservation, None).await;
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match body.into_bytes().await {
        Ok(body) => body,
        Err(error) => {
            settle(services, reservation, None).await;
            return problem::problem_for_any_error(error.into()).await;
        }
    };
    let stored = (body.len() <= STORED_RESPONSE_BYTES_MAXIMUM).then(|| StoredResponse {
        status: parts.status.as_u16(),
        headers: replayed_headers(&parts.headers),
        body: body.to_vec(),
    });
    if stored.is_none() {
        tracing::warn!(
            bytes = body.len(),
            "an answer too large to keep for replays"
        );
    }
    settle(services, reservation, stored.as_ref()).await;
    Response::from_parts(parts, Body::from(body))
}

/// Whether an answer is final for its request. A success or a client error is; a server error,
/// a conflict (a concurrent change, a state that may change) or throttling is transient, and a
/// retry with the same key should run again.
fn keeps_answer(status: StatusCode) -> bool {
    let transient = [StatusCode::CONFLICT, StatusCode::TOO_MANY_REQUESTS];
    status.is_success() || (status.is_client_error() && !transient.contains(&status))
}

fn replayed_headers(headers: &poem::http::HeaderMap) -> BTreeMap<String, String> {
    REPLAYED_HEADERS
        .iter()
        .filter_map(|name| {
            let value = headers.get(name)?.to_str().ok()?;
            Some((name.as_str().to_owned(), value.to_owned()))
        })
        .collect()
}

/// Keeps the answer or frees the key. The request has already taken effect, so a failure
/// here is logged rather than answered: the key then stays reserved until it is abandoned.
async fn settle(services: &Services, reservation: ReservationId, stored: Option<&StoredResponse>) {
    let settled = match stored {
        Some(stored) => services.complete_idempotency_key(reservation, stored).await,
        None => services.release_idempotency_key(reservation).await,
    };
    if let Err(error) = settled {
        tracing::error!(
            error = format!("{error:#}"),
            "settling an idempotency key failed"
        );
    }
}

fn replay(stored: StoredResponse) -> poem::Result<Response> {
    let status = StatusCode::from_u16(stored.status).map_err(|error| {
        ApiError::from(ServiceError::Unexpected(anyhow::anyhow!(
            "a stored answer's status: {error}"
        )))
    })?;
    let mut response = Response::builder().status(status);
    for (name, value) in &stored.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    Ok(response.header(REPLAYED_HEADER, "true").body(stored.body))
}

/// Lowercase hex SHA-256 of what makes the request what it is: method, path and query, media
/// type, `If-Match` and body, each length-prefixed so that no two requests hash alike.
///
/// A multipart body is hashed without its boundary: clients draw a new one for every request,
/// so the same form sent again would otherwise never match.
fn request_fingerprint(request: &Request, body: &[u8]) -> String {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
            .unwrap_or_default()
    };
    let content_type = header(CONTENT_TYPE);
    let boundary = multipart_boundary(content_type).unwrap_or_default();
    let path = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path(), |path| path.as_str());
    let mut hasher = Sha256::new();
    for part in [request.method().as_str(), path, header(IF_MATCH)] {
        update_with_length(&mut hasher, part.as_bytes());
    }
    if boundary.is_empty() {
        update_with_length(&mut hasher, content_type.as_bytes());
        update_with_length(&mut hasher, body);
    } else {
        let media_type = content_type.replace(boundary, "");
        update_with_length(&mut hasher, media_type.as_bytes());
        update_without(&mut hasher, body, boundary.as_bytes());
    }
    hex::encode(hasher.finalize())
}

fn update_with_length(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}

/// Hashes `bytes` with every occurrence of `boundary` (not empty) replaced by a fixed marker.
fn update_without(hasher: &mut Sha256, bytes: &[u8], boundary: &[u8]) {
    let mut rest = bytes;
    while let Some(at) = rest
        .windows(boundary.len())
        .position(|window| window == boundary)
    {
        update_with_length(hasher, &rest[..at]);
        rest = &rest[at + boundary.len()..];
    }
    update_with_length(hasher, rest);
}

/// The boundary parameter of a `multipart/form-data` content type, if any.
fn multipart_boundary(content_type: &str) -> Option<&str> {
    let (media_type, parameters) = content_type.split_once(';')?;
    if !media_type
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
    {
        return None;
    }
    parameters
        .split(';')
        .find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            let boundary = value.trim().trim_matches('"');
            name.trim()
                .eq_ignore_ascii_case("boundary")
                .then_some(boundary)
        })
        .filter(|boundary| !boundary.is_empty())
}

/// Adds the `Idempotency-Key` header parameter to every POST operation the middleware serves.
/// poem-openapi has no way to declare a header that a middleware reads, so the generated
/// document is completed afterwards.
pub fn document_idempotency_key(spec: &mut Value) {
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(operation) = item.get_mut("post").and_then(Value::as_object_mut) else {
            continue;
        };
        if !applies_to(path) {
            continue;
        }
        let parameters = operation
            .entry("parameters")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(parameters) = parameters.as_array_mut() {
            parameters.push(key_parameter());
        }
    }
}

fn key_parameter() -> Value {
    json!({
        "name": KEY_HEADER,
        "in": "header",
        "required": false,
        "description": "Makes the request safe to retry. The first answer is kept for 24 hours \
            and given again, with `Idempotent-Replayed: true`, to the same user's request with \
            the same key, method, path and body. The same key for a different request is 422 \
            `idempotency_key_reused`; while the first request is still running, 409 \
            `idempotency_key_in_use`. A server error, 409 or 429 is not kept, so a retry runs \
            again. 1 to 255 visible ASCII characters: a new UUID per operation will do.",
        "schema": {"type": "string", "minLength": 1, "maxLength": KEY_LENGTH_MAXIMUM},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successes_and_client_errors_are_kept_but_transient_answers_are_not() {
        for kept in [200, 201, 204, 400, 403, 404, 412, 413, 422] {
            assert!(keeps_answer(StatusCode::from_u16(kept).unwrap()), "{kept}");
        }
        for transient in [409, 429, 500, 503] {
            let status = StatusCode::from_u16(transient).unwrap();
            assert!(!keeps_answer(status), "{transient}");
        }
    }

    #[test]
    fn keys_are_one_to_255_visible_ascii_characters() {
        let key = |text: &str| HeaderValue::from_str(text).unwrap();
        assert_eq!(valid_key(&key("9f1c-4a2b")), Some("9f1c-4a2b"));
        assert!(valid_key(&key(&"k".repeat(255))).is_some());
        assert!(valid_key(&key(&"k".repeat(256))).is_none());
        assert!(valid_key(&key("")).is_none());
        assert!(valid_key(&key("with space")).is_none());
        assert!(valid_key(&HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap()).is_none());
    }

    #[test]
    fn the_login_preview_and_logout_take_no_key_and_other_api_posts_do() {
        assert!(applies_to("/api/v1/claims"));
        assert!(applies_to("/api/v1/claims/7/documents"));
        assert!(!applies_to("/api/v1/auth/login"));
        assert!(!applies_to("/api/v1/awards/preview"));
        assert!(!applies_to("/api/v1/auth/logout"));
        assert!(!applies_to("/healthz"));
    }

    fn fingerprint(content_type: &str, body: &[u8]) -> String {
        let request = Request::builder()
            .method(Method::POST)
            .uri(poem::http::Uri::from_static("/api/v1/claims/1/documents"))
            .header(CONTENT_TYPE, content_type)
            .finish();
        request_fingerprint(&request, body)
    }

    #[test]
    fn a_multipart_form_sent_again_with_a_new_boundary_is_the_same_request() {
        let form = |boundary: &str, content: &str| {
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\
                 {content}\r\n--{boundary}--\r\n"
            );
            let content_type = format!("multipart/form-data; boundary={boundary}");
            fingerprint(&content_type, body.as_bytes())
        };
        assert_eq!(form("aaaa1111", "%PDF-1.7"), form("bbbb2222", "%PDF-1.7"));
        assert_ne!(form("aaaa1111", "%PDF-1.7"), form("aaaa1111", "%PDF-1.6"));
    }

    #[test]
    fn a_different_body_or_media_type_is_a_different_request() {
        let json = fingerprint("application/json", br#"{"a":1}"#);
        assert_eq!(json, fingerprint("application/json", br#"{"a":1}"#));
        assert_ne!(json, fingerprint("application/json", br#"{"a":2}"#));
        assert_ne!(json, fingerprint("text/plain", br#"{"a":1}"#));
    }

    #[test]
    fn the_key_is_documented_on_the_posts_it_applies_to_only() {
        let post = json!({"responses": {}});
        let mut spec = json!({"paths": {
            "/api/v1/claims": {"post": post.clone(), "get": {"responses": {}}},
            "/api/v1/claims/{id}/votes": {"post": {"parameters": [{"name": "id", "in": "path"}]}},
            "/api/v1/auth/login": {"post": post.clone()},
        }});
        document_idempotency_key(&mut spec);
        let paths = &spec["paths"];
        assert_eq!(
            paths["/api/v1/claims"]["post"]["parameters"][0]["name"],
            KEY_HEADER
        );
        assert_eq!(
            paths["/api/v1/claims"]["post"]["parameters"][0]["in"],
            "header"
        );
        assert!(paths["/api/v1/claims"]["get"].get("parameters").is_none());
        let vote_parameters = &paths["/api/v1/claims/{id}/votes"]["post"]["parameters"];
        assert_eq!(vote_parameters[1]["name"], KEY_HEADER);
        assert!(
            paths["/api/v1/auth/login"]["post"]
                .get("parameters")
                .is_none()
        );
    }
}
