//! The one error type of the API: RFC 7807 problem+json with a stable snake_case `code`.
//!
//! Every operation returns `Result<_, ApiError>`, so every status below appears in the OpenAPI
//! document. Unexpected failures become an opaque 500 and are logged with their cause chain.

use poem::http::StatusCode;
use poem::{IntoResponse, Response};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

use crate::domain::award::AwardError;
use crate::domain::error::RuleViolation;
use crate::domain::payout::{PayoutError, RefusalKind};
use crate::domain::{ClaimAction, DomainError};
use crate::service::ServiceError;

#[derive(Object, Debug, Clone)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

/// An RFC 7807 problem document.
#[derive(Object, Debug, Clone)]
pub struct Problem {
    /// `urn:redress:problem:<code>`.
    #[oai(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// The stable, machine-readable reason; clients match on this.
    pub code: String,
    #[oai(skip_serializing_if_is_none)]
    pub detail: Option<String>,
    /// Present when specific fields are at fault.
    #[oai(default, skip_serializing_if_is_empty)]
    pub errors: Vec<FieldError>,
    /// For `illegal_action`: what the caller's roles may do from the claim's current state.
    #[oai(skip_serializing_if_is_none)]
    pub allowed_actions: Option<Vec<ClaimAction>>,
    /// The request's id, as in the `X-Request-Id` header and the server's log lines: quote it
    /// when reporting a problem. (Added to every problem as it leaves the server.)
    #[oai(skip_serializing_if_is_none)]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: Option<String>) -> Self {
        Problem {
            problem_type: format!("urn:redress:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: code.to_owned(),
            detail,
            errors: Vec::new(),
            allowed_actions: None,
            request_id: None,
        }
    }

    fn with_field(mut self, field: &str, reason: &str) -> Self {
        self.errors.push(FieldError {
            field: field.to_owned(),
            reason: reason.to_owned(),
        });
        self
    }
}

/// Problems travel boxed: they are large, and errors are the cold path.
fn boxed(problem: Problem) -> Json<Box<Problem>> {
    Json(Box::new(problem))
}

const PROBLEM_JSON: &str = "application/problem+json";

#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// The request is malformed: unparsable JSON, a wrong type, an unknown value.
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<Box<Problem>>),
    /// No valid bearer token was given.
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(
        Json<Box<Problem>>,
        #[oai(header = "WWW-Authenticate")] String,
    ),
    /// Too many attempts (sign-in); wait and try again.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Json<Box<Problem>>, #[oai(header = "Retry-After")] String),
    /// The caller's roles do not permit this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<Box<Problem>>),
    /// No such resource, or none the caller may see.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<Box<Problem>>),
    /// The claim's state does not allow this now, or a concurrent change won.
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<Box<Problem>>),
    /// `If-Match` named a version the claim is no longer at.
    #[oai(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Json<Box<Problem>>),
    /// Well-formed, but breaks a rule or names an invalid value.
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(Json<Box<Problem>>),
    /// Something failed inside; the cause is logged, not shown.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<Box<Problem>>),
    /// A dependency (the database) is not available.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(Json<Box<Problem>>),
}

impl ApiError {
    pub fn unauthorized(detail: &str) -> Self {
        let problem = Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            Some(detail.to_owned()),
        );
        ApiError::Unauthorized(boxed(problem), "Bearer".to_owned())
    }

    pub fn bad_request(detail: String) -> Self {
        ApiError::BadRequest(boxed(Problem::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            Some(detail),
        )))
    }

    pub fn invalid(field: &str, reason: &str) -> Self {
        let problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some(format!("{field}: {reason}")),
        );
        ApiError::Unprocessable(boxed(problem.with_field(field, reason)))
    }

    /// The same error with the field `from` called `to`, for a request whose field has another
    /// name than the service's (`due_on` for the workflow's `evidence_due`).
    pub fn renaming_field(mut self, from: &str, to: &str) -> Self {
        if let ApiError::Unprocessable(Json(problem)) = &mut self {
            for error in problem
                .errors
                .iter_mut()
                .filter(|error| error.field == from)
            {
                error.field = to.to_owned();
            }
            problem.detail = problem.detail.take().map(|detail| detail.replace(from, to));
        }
        self
    }

    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|error| format!("{}: {}", error.field, error.reason))
            .collect::<Vec<_>>()
            .join("; ");
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some(detail),
        );
        problem.errors = errors;
        ApiError::Unprocessable(boxed(problem))
    }

    pub fn unavailable() -> Self {
        ApiError::Unavailable(boxed(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            None,
        )))
    }

    fn internal() -> Self {
        ApiError::Internal(boxed(Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            None,
        )))
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        let detail = Some(error.to_string());
        match error {
            ServiceError::TooManyAttempts => ApiError::TooManyRequests(
                boxed(Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_requests",
                    detail,
                )),
                "60".to_owned(),
            ),
            ServiceError::Unauthenticated => {
                ApiError::unauthorized("a valid bearer token is required")
            }
            ServiceError::Forbidden => ApiError::Forbidden(boxed(Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                detail,
            ))),
            ServiceError::NotFound(_) => ApiError::NotFound(boxed(Problem::new(
                StatusCode::NOT_FOUND,
                "not_found",
                detail,
            ))),
            ServiceError::StaleVersion { .. } => ApiError::PreconditionFailed(boxed(Problem::new(
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                detail,
            ))),
            ServiceError::VersionConflict => ApiError::Conflict(boxed(Problem::new(
                StatusCode::CONFLICT,
                "version_conflict",
                detail,
            ))),
            ServiceError::Duplicate { field } => {
                let problem = Problem::new(StatusCode::CONFLICT, "duplicate", detail)
                    .with_field(field, "duplicates one already on file");
                ApiError::Conflict(boxed(problem))
            }
            ServiceError::IdempotencyKeyInUse => ApiError::Conflict(boxed(Problem::new(
                StatusCode::CONFLICT,
                "idempotency_key_in_use",
                detail,
            ))),
            ServiceError::IdempotencyKeyReused => {
                let problem = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "idempotency_key_reused",
                    detail,
                )
                .with_field("Idempotency-Key", "was used for a different request");
                ApiError::Unprocessable(boxed(problem))
            }
            ServiceError::Invalid { field, reason } => ApiError::invalid(field, &reason),
            ServiceError::InvalidItem { field, reason } => ApiError::invalid(&field, &reason),
            ServiceError::Domain(domain) => domain.into(),
            ServiceError::Award(award) => award.into(),
            ServiceError::Unexpected(cause) => {
                tracing::error!(
                    error = crate::app::describe_error(&cause),
                    "request failed unexpectedly"
                );
                ApiError::internal()
            }
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        let detail = Some(error.to_string());
        match error {
            DomainError::IllegalAction { allowed, .. } => {
                let mut problem = Problem::new(StatusCode::CONFLICT, "illegal_action", detail);
                problem.allowed_actions = Some(allowed);
                ApiError::Conflict(boxed(problem))
            }
            DomainError::ActionNotPermitted { allowed, .. } => {
                let mut problem =
                    Problem::new(StatusCode::FORBIDDEN, "action_not_permitted", detail);
                problem.allowed_actions = Some(allowed);
                ApiError::Forbidden(boxed(problem))
            }
            DomainError::OperationNotPermitted { .. } => ApiError::Forbidden(boxed(Problem::new(
                StatusCode::FORBIDDEN,
                "operation_not_permitted",
                detail,
            ))),
            DomainError::NotTheRapporteur { .. } => ApiError::Forbidden(boxed(Problem::new(
                StatusCode::FORBIDDEN,
                "not_the_rapporteur",
                detail,
            ))),
            DomainError::OperationNotAllowed { .. } => ApiError::Conflict(boxed(Problem::new(
                StatusCode::CONFLICT,
                "operation_not_allowed",
                detail,
            ))),
            DomainError::CreateNotAllowed => ApiError::Forbidden(boxed(Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                detail,
            ))),
            DomainError::RuleViolated(violation) => {
                let mut problem =
                    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, violation.code(), detail);
                problem.errors = missing_fields(&violation);
                ApiError::Unprocessable(boxed(problem))
            }
            DomainError::InvalidInput { field, reason } => ApiError::invalid(field, &reason),
            DomainError::InvalidInputAt { field, reason } => ApiError::invalid(&field, &reason),
            DomainError::Award(award) => award.into(),
            DomainError::Payout(payout) => payout.into(),
        }
    }
}

impl From<PayoutError> for ApiError {
    fn from(error: PayoutError) -> Self {
        let detail = Some(error.to_string());
        let problem = |status| Problem::new(status, error.code(), detail.clone());
        match error.kind() {
            RefusalKind::State => ApiError::Conflict(boxed(problem(StatusCode::CONFLICT))),
            RefusalKind::FourEyes => ApiError::Forbidden(boxed(problem(StatusCode::FORBIDDEN))),
            RefusalKind::Input => {
                let field = match error {
                    PayoutError::InstalmentCountOutOfRange { .. }
                    | PayoutError::InstalmentIntervalOutOfRange { .. }
                    | PayoutError::TooManyInstalments { .. }
                    | PayoutError::InstalmentDatesOutOfRange => "instalments",
                    _ => "amount",
                };
                let problem =
                    problem(StatusCode::UNPROCESSABLE_ENTITY).with_field(field, &error.to_string());
                ApiError::Unprocessable(boxed(problem))
            }
        }
    }
}

/// The fields a broken rule says are missing, so clients can point at them.
fn missing_fields(violation: &RuleViolation) -> Vec<FieldError> {
    let fields: &[&str] = match violation {
        RuleViolation::RequiredFieldsMissing { fields } => fields,
        RuleViolation::InputRequired { field } => std::slice::from_ref(field),
        _ => &[],
    };
    fields
        .iter()
        .map(|field| FieldError {
            field: (*field).to_owned(),
            reason: "is required".to_owned(),
        })
        .collect()
}

impl From<AwardError> for ApiError {
    fn from(error: AwardError) -> Self {
        let reason = match &error {
            AwardError::InvalidInput { problem, .. } => problem.to_string(),
            other => other.to_string(),
        };
        ApiError::invalid(&error.field(), &reason)
    }
}

/// Turns every error poem produces outside our handlers (unknown route, unparsable body,
/// missing token) into problem+json too; responses our handlers built pass through unchanged.
pub async fn problem_for_any_error(error: poem::Error) -> Response {
    if error.is_from_response() {
        return error.into_response();
    }
    // A query or header value that does not parse: name it, and say why without poem's names
    // for types ("invalid digit (occurred while parsing \"optional_integer(uint64)\")" becomes
    // "invalid digit").
    if let Some(parameter) = error.downcast_ref::<poem_openapi::error::ParseParamError>() {
        let reason = parameter
            .reason
            .split(" (occurred while parsing")
            .next()
            .unwrap_or_default();
        let reason = reason
            .rsplit_once("\": ")
            .map_or(reason, |(_, reason)| reason);
        let mut problem = Problem::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            Some(format!(
                "the parameter {} is not valid: {reason}",
                parameter.name
            )),
        );
        problem.errors.push(FieldError {
            field: parameter.name.to_owned(),
            reason: reason.to_owned(),
        });
        return ApiError::BadRequest(boxed(problem)).into_response();
    }
    // The router names path segments `param0`, `param1`: say "the path" instead.
    if let Some(path_error) = error.downcast_ref::<poem_openapi::error::ParsePathError>() {
        let detail = format!("the path is not valid: {}", path_error.reason);
        return ApiError::bad_request(detail).into_response();
    }
    let status = error.status();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => {
            return ApiError::unauthorized("a valid bearer token is required").into_response();
        }
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::LENGTH_REQUIRED => "length_required",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        _ if status.is_server_error() => {
            tracing::error!(error = %error, "request failed unexpectedly");
            return ApiError::internal().into_response();
        }
        _ => "request_error",
    };
    let problem = Problem::new(status, code, Some(error.to_string()));
    Json(problem)
        .with_content_type(PROBLEM_JSON)
        .with_status(status)
        .into_response()
}
