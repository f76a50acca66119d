//! What every request leaves behind for operators: a request id, one log line, its metrics.
//!
//! The id is the client's `X-Request-Id` when it is a safe token, or a new one; it is returned
//! in `X-Request-Id`, added to problem+json bodies as `request_id`, and every log line written
//! while the request is answered carries it (a tracing span). The log line and the metrics name
//! the route's template, never the raw path's query (search terms) nor any body.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use poem::http::HeaderValue;
use poem::{Endpoint, PathPattern, Request, Response};
use tracing::Instrument as _;

use crate::metrics::{Metrics, ROUTE_UNMATCHED};

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Longer inbound ids are replaced, so a client cannot fill log lines with them.
const REQUEST_ID_LENGTH_MAXIMUM: usize = 64;

/// Problem bodies larger than this are passed through untouched rather than read to add the id.
const PROBLEM_BYTES_MAXIMUM: usize = 64 * 1024;

/// The client's id if it is 1 to 64 letters, digits, `-`, `_`, `.` or `:`; otherwise `None`.
fn inbound_request_id(request: &Request) -> Option<String> {
    let value = request.headers().get(REQUEST_ID_HEADER)?.to_str().ok()?;
    let safe = !value.is_empty()
        && value.len() <= REQUEST_ID_LENGTH_MAXIMUM
        && value
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-_.:".contains(&byte));
    safe.then(|| value.to_owned())
}

/// 128 random bits in hex; should the system's randomness fail, a process-local sequence.
fn new_request_id() -> String {
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let mut bytes = [0_u8; 16];
    match getrandom::fill(&mut bytes) {
        Ok(()) => hex::encode(bytes),
        Err(_) => format!("local-{}", SEQUENCE.fetch_add(1, Ordering::Relaxed)),
    }
}

/// What the middleware needs: where to count, and how to name routes.
#[derive(Clone)]
pub struct Observer {
    pub metrics: Arc<Metrics>,
    /// From the router's pattern (`/api/v1/claims/:param0`, as poem-openapi registers it) to
    /// the OpenAPI document's path (`/api/v1/claims/{id}`), which operators can look up.
    pub route_names: Arc<HashMap<String, String>>,
}

impl Observer {
    pub fn new(metrics: Arc<Metrics>, openapi_spec: &str) -> Self {
        let spec = serde_json::from_str::<serde_json::Value>(openapi_spec).unwrap_or_default();
        let route_names = spec["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .keys()
                    .map(|path| (router_pattern(path), path.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Observer {
            metrics,
            route_names: Arc::new(route_names),
        }
    }

    fn route_name(&self, response: &Response) -> String {
        let Some(PathPattern(pattern)) = response.data::<PathPattern>() else {
            return ROUTE_UNMATCHED.to_owned();
        };
        self.route_names
            .get(pattern.as_ref())
            .map_or_else(|| pattern.to_string(), Clone::clone)
    }
}

/// The pattern poem-openapi gives the router for an OpenAPI path: its variables, in order,
/// become `:param0`, `:param1`, ...
fn router_pattern(openapi_path: &str) -> String {
    let mut variables = 0;
    openapi_path
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                variables += 1;
                format!(":param{}", variables - 1)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The middleware: wraps every route, outermost.
pub async fn observe<E: Endpoint<Output = Response>>(
    next: E,
    request: Request,
    observer: Observer,
) -> poem::Result<Response> {
    let request_id = inbound_request_id(&request).unwrap_or_else(new_request_id);
    let span = tracing::info_span!("request", request_id = %request_id);
    answer(next, request, observer, request_id)
        .instrument(span)
        .await
}

async fn answer<E: Endpoint<Output = Response>>(
    next: E,
    request: Request,
    observer: Observer,
    request_id: String,
) -> poem::Result<Response> {
    let method = request.method().clone();
    let started = Instant::now();
    let mut response = match next.call(request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    let elapsed = started.elapsed();
    let route = observer.route_name(&response);
    let status = response.status().as_u16();
    observer
        .metrics
        .record_request(method.as_str(), &route, status, elapsed.as_secs_f64());
    let latency_ms = elapsed.as_millis() as u64;
    tracing::info!(%method, %route, status, latency_ms, "request");
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    Ok(with_request_id_in_problem(response, &request_id).await)
}

/// A problem+json body gains `request_id`, so a client reporting an error can quote it.
async fn with_request_id_in_problem(mut response: Response, request_id: &str) -> Response {
    let is_problem = response
        .content_type()
        .is_some_and(|content_type| content_type.starts_with("application/problem+json"));
    if !is_problem {
        return response;
    }
    let body = response.take_body();
    let bytes = match body.into_bytes_limit(PROBLEM_BYTES_MAXIMUM).await {
        Ok(bytes) => bytes,
        // Unreadable or oversized: answer the status with an empty body rather than fail.
        Err(_) => return response,
    };
    let mut problem = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(problem)) => problem,
        _ => {
            response.set_body(bytes);
            return response;
        }
    };
    problem.insert("request_id".to_owned(), request_id.into());
    match serde_json::to_vec(&problem) {
        Ok(body) => {
            response
                .headers_mut()
                .remove(poem::http::header::CONTENT_LENGTH);
            response.set_body(body);
        }
        Err(_) => response.set_body(bytes),
    }
    response
}

/// Turns a poem error into problem+json (`problem::problem_for_any_error`), keeping the route
/// the router matched, so the request is counted under its template, not as unmatched.
pub async fn problem_keeping_route(error: poem::Error) -> Response {
    let route = error.data::<PathPattern>().cloned();
    let mut response = super::problem::problem_for_any_error(error).await;
    if let Some(route) = route {
        response.set_data(route);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_with_id(id: &str) -> Request {
        Request::builder().header(REQUEST_ID_HEADER, id).finish()
    }

    #[test]
    fn a_safe_inbound_id_is_kept() {
        let request = request_with_id("3f1c2a9e-0b7d-4c55-9a43-1d2e3f4a5b6c");
        assert_eq!(
            inbound_request_id(&request).as_deref(),
            Some("3f1c2a9e-0b7d-4c55-9a43-1d2e3f4a5b6c")
        );
    }

    #[test]
    fn an_unsafe_or_overlong_inbound_id_is_replaced() {
        for id in ["", "has space", "quote\"", "a\u{7f}", &"x".repeat(65)] {
            assert_eq!(inbound_request_id(&request_with_id(id)), None, "{id:?}");
        }
        assert_eq!(inbound_request_id(&Request::builder().finish()), None);
    }

    #[test]
    fn routes_are_named_as_the_openapi_document_writes_them() {
        assert_eq!(
            router_pattern("/api/v1/claims/{id}/actions/{action}"),
            "/api/v1/claims/:param0/actions/:param1"
        );
        let spec = r#"{"paths": {"/api/v1/claims/{id}": {}}}"#;
        let observer = Observer::new(Arc::new(Metrics::new()), spec);
        let mut response = Response::default();
        response.set_data(PathPattern("/api/v1/claims/:param0".into()));
        assert_eq!(observer.route_name(&response), "/api/v1/claims/{id}");
        response.set_data(PathPattern("/healthz".into()));
        assert_eq!(observer.route_name(&response), "/healthz");
        assert_eq!(observer.route_name(&Response::default()), ROUTE_UNMATCHED);
    }

    #[test]
    fn new_ids_are_distinct_hex() {
        let (first, second) = (new_request_id(), new_request_id());
        assert_ne!(first, second);
        assert_eq!(first.len(), 32);
        assert!(first.bytes().all(|byte| byte.is_ascii_hexdigit()));
    }
}
