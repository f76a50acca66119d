//! The HTTP face of Redress: poem-openapi endpoints under /api/v1, health probes, the OpenAPI
//! document and Swagger UI.
//!
//! Architecture invariant: handlers translate HTTP to service calls and back; they hold no
//! business rule and build no query.

mod auth;
mod awards;
mod body;
mod claims;
mod contract;
mod decisions;
mod documents;
mod evidence;
mod idempotency;
mod jurisdictions;
mod notifications;
mod payments;
mod problem;
mod security;
mod types;
mod users;
mod views;

use std::time::Instant;

use poem::endpoint::make_sync;
use poem::http::StatusCode;
use poem::web::{Data, Html};
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get, handler};
use poem_openapi::{OpenApiService, Tags};

pub use awards::CalculationView;
pub use problem::Problem;

use crate::service::Services;

#[derive(Tags)]
enum Tag {
    /// Sign-in and sessions.
    Auth,
    /// Claims and their workflow.
    Claims,
    /// The jurisdiction packages: rules, periods, languages.
    Jurisdictions,
    /// Accounts and roles, for administrators.
    Users,
    /// Checking a printed decision, open to anyone.
    Verify,
    /// Payment orders, bank batches and confirmations, for finance.
    Payments,
    /// Each user's notifications; webhook deliveries for administrators.
    Notifications,
}

/// The OpenAPI service, also used to print or snapshot the document.
type Apis = (
    auth::AuthApi,
    claims::ClaimsApi,
    jurisdictions::JurisdictionsApi,
    awards::AwardsApi,
    documents::DocumentsApi,
    evidence::EvidenceApi,
    users::UsersApi,
    decisions::DecisionsApi,
    payments::PaymentsApi,
    notifications::NotificationsApi,
);

pub fn openapi(services: &Services) -> OpenApiService<Apis, ()> {
    let apis = (
        auth::AuthApi {
            services: services.clone(),
        },
        claims::ClaimsApi {
            services: services.clone(),
        },
        jurisdictions::JurisdictionsApi {
            services: services.clone(),
        },
        awards::AwardsApi {
            services: services.clone(),
        },
        documents::DocumentsApi {
            services: services.clone(),
        },
        evidence::EvidenceApi {
            services: services.clone(),
        },
        users::UsersApi {
            services: services.clone(),
        },
        decisions::DecisionsApi {
            services: services.clone(),
        },
        payments::PaymentsApi {
            services: services.clone(),
        },
        notifications::NotificationsApi {
            services: services.clone(),
        },
    );
    OpenApiService::new(apis, "Redress", env!("CARGO_PKG_VERSION"))
        .description("Workflow engine of a state compensation scheme for victims of crime.")
}

/// Every route of the server.
pub fn routes(services: Services) -> impl Endpoint<Output = Response> {
    let api = openapi(&services);
    let upload_bytes_maximum = services.upload_bytes_maximum();
    let (spec, docs) = documentation(&api);
    Route::new()
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz))
        .at(
            "/api/v1/openapi.json",
            get(make_sync(move |_| {
                Response::builder()
                    .content_type("application/json")
                    .body(spec.clone())
            })),
        )
        .at("/docs", get(make_sync(move |_| Html(docs.clone()))))
        .nest("/", api)
        .around(idempotency::replay_or_record)
        .data(services)
        .around(move |next, request| body::limit_request_body(next, request, upload_bytes_maximum))
        .catch_all_error(problem::problem_for_any_error)
        .map_to_response()
        .around(log_request)
}

/// The OpenAPI document as served, and Swagger UI's page showing it: the generated document
/// completed with what poem-openapi cannot declare (each operation's exact statuses, the
/// `Idempotency-Key` header).
fn documentation(api: &OpenApiService<Apis, ()>) -> (String, String) {
    let generated = api.spec();
    let completed = serde_json::from_str::<serde_json::Value>(&generated)
        .and_then(|mut spec| {
            idempotency::document_idempotency_key(&mut spec);
            contract::list_exact_statuses(&mut spec);
            serde_json::to_string_pretty(&spec)
        })
        .unwrap_or_else(|error| {
            tracing::error!(%error, "completing the OpenAPI document failed");
            generated.clone()
        });
    // The page embeds the document's text verbatim, so the completed text replaces it.
    let docs = api.swagger_ui_html().replace(&generated, &completed);
    (completed, docs)
}

/// Logs method, path, status and duration, and nothing else. (poem's `Tracing` middleware logs
/// error messages, and a parse error can quote the request body, which may be personal.)
async fn log_request<E: Endpoint<Output = Response>>(
    next: E,
    request: Request,
) -> poem::Result<Response> {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.call(request).await?;
    let elapsed_ms = started.elapsed().as_millis() as u64;
    tracing::info!(%method, %path, status = response.status().as_u16(), elapsed_ms, "request");
    Ok(response)
}

/// Liveness: the process answers.
#[handler]
fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers too.
#[handler]
async fn readyz(services: Data<&Services>) -> Response {
    if services.database_ready().await {
        "ready".into_response()
    } else {
        problem::ApiError::unavailable()
            .into_response()
            .with_status(StatusCode::SERVICE_UNAVAILABLE)
            .into_response()
    }
}
