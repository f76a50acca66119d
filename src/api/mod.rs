//! The HTTP face of Redress: poem-openapi endpoints under /api/v1, health probes, metrics, the
//! OpenAPI document and Swagger UI.
//!
//! Architecture invariant: handlers translate HTTP to service calls and back; they hold no
//! business rule and build no query.

mod application;
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
mod observe;
mod payments;
mod problem;
mod security;
pub mod statistics;
mod types;
mod users;
mod views;

use poem::endpoint::make_sync;
use poem::http::StatusCode;
use poem::web::{Data, Html};
use poem::{Endpoint, EndpointExt, IntoEndpoint, IntoResponse, Response, Route, get, handler};
use poem_openapi::{OpenApiService, Tags};

pub use awards::CalculationView;
pub use problem::Problem;
/// The web UI shows a claim as the API does, masked alike (`ClaimView::for_actor`).
pub use views::ClaimView;

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
    /// Anonymised statistics, for the secretariat, the chair and auditors.
    Reports,
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
    statistics::StatisticsApi,
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
        statistics::StatisticsApi {
            services: services.clone(),
        },
        notifications::NotificationsApi {
            services: services.clone(),
        },
    );
    OpenApiService::new(apis, "Redress", env!("CARGO_PKG_VERSION"))
        .description("Workflow engine of a state compensation scheme for victims of crime.")
}

/// Every route of the server: the API's and the web UI's.
pub fn routes(services: Services, web: crate::web::WebConfig) -> impl Endpoint<Output = Response> {
    let api = openapi(&services);
    let upload_bytes_maximum = services.upload_bytes_maximum();
    let (spec, docs) = documentation(&api);
    let observer = observe::Observer::new(services.metrics().clone(), &spec);
    let route = Route::new()
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz))
        .at("/metrics", get(metrics_exposition))
        .at(
            "/api/v1/openapi.json",
            get(make_sync(move |_| {
                Response::builder()
                    .content_type("application/json")
                    .body(spec.clone())
            })),
        )
        .at("/docs", get(make_sync(move |_| Html(docs.clone()))));
    crate::web::mount(route, api.into_endpoint(), &services, &web)
        .around(idempotency::replay_or_record)
        .data(services)
        .around(move |next, request| body::limit_request_body(next, request, upload_bytes_maximum))
        .catch_all_error(observe::problem_keeping_route)
        .map_to_response()
        .around(move |next, request| observe::observe(next, request, observer.clone()))
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

/// Prometheus metrics, for the scraper on the operators' network: counts and route templates
/// only, nothing about any claim or person, so it asks for no sign-in. Outside /api/v1 and the
/// OpenAPI document, like the health probes.
#[handler]
async fn metrics_exposition(services: Data<&Services>) -> Response {
    match services.render_metrics().await {
        Ok(text) => Response::builder()
            .content_type(crate::metrics::METRICS_CONTENT_TYPE)
            .body(text),
        Err(error) => problem::ApiError::from(error).into_response(),
    }
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
