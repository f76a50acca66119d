//! The web UI: server-rendered pages for the people who will never use curl or Swagger, served
//! by the same `redress serve` as the API.
//!
//! Pages are askama templates (src/web/templates) on GOV.UK Frontend's styles without GOV.UK's
//! branding, in Albanian, Serbian (Cyrillic) and English. Every page works without JavaScript.
//!
//! Architecture invariant: a page handler calls the same `service` function as its REST twin,
//! with the same `Actor`, and holds no rule of its own; it builds no query and never calls the
//! API over HTTP. Browsers sign in with a cookie session (`session`), never a bearer token, and
//! `/api/v1` never reads that cookie. Every unsafe request passes the CSRF checks (`csrf`).

mod admin;
mod assets;
mod audit;
mod casework;
mod claims;
mod commission;
pub mod csrf;
mod documents;
mod finance;
mod i18n;
mod lawyer;
mod pages;
mod session;
mod sign_in;

use std::sync::Arc;

use poem::http::header;
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get, post};

pub use csrf::CsrfKey;
pub use i18n::UiLanguage;
use session::CookiePolicy;

use crate::service::Services;

/// Scripts, styles and images from this server only; no inline script or style anywhere (GOV.UK
/// Frontend's inline snippet lives in init.js, htmx's indicator styles are turned off), no
/// framing, forms posted only here.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

/// What the web UI needs besides the services.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The key CSRF tokens are derived with; the same on every instance.
    pub csrf_key: CsrfKey,
    /// `serve --demo`: the sign-in page lists the demo accounts.
    pub demo: bool,
}

/// Shared by every page request.
#[derive(Clone)]
pub struct WebState {
    csrf_key: Arc<CsrfKey>,
    cookies: CookiePolicy,
    demo: bool,
    public_url: Arc<str>,
}

/// Adds the web UI's routes and the API's to the server's: the pages at the root, the assets
/// under `/assets`, the API nested at `/` as it always was. Static paths win over that nest in
/// poem's router, except `/` itself, which the nest's catch-all would take: the start page is
/// put in front of the API for that one path.
pub fn mount<A>(route: Route, api: A, services: &Services, config: &WebConfig) -> Route
where
    A: Endpoint + 'static,
{
    let state = WebState {
        csrf_key: Arc::new(config.csrf_key.clone()),
        cookies: CookiePolicy::for_public_url(services.public_url()),
        demo: config.demo,
        public_url: Arc::from(services.public_url()),
    };
    let start_page = Arc::new(page(get(sign_in::home_page), &state));
    let api = api.map_to_response().around(move |next, request| {
        let start_page = start_page.clone();
        async move {
            if request.uri().path() == "/" {
                start_page.call(request).await
            } else {
                next.call(request).await
            }
        }
    });
    let route = lawyer::mount(route, &state);
    route
        .at(
            "/sign-in",
            page(get(sign_in::sign_in_page).post(sign_in::sign_in), &state),
        )
        .at("/sign-out", page(post(sign_in::sign_out), &state))
        .at(
            "/lawyer/claims",
            page(get(claims::lawyer_claims_page), &state),
        )
        .at(
            "/secretariat/queue",
            page(get(claims::secretariat_queue_page), &state),
        )
        .at("/admin/users", page(get(admin::users_page), &state))
        .at(
            "/admin/users/new",
            page(get(admin::new_user_page).post(admin::add_user), &state),
        )
        .at(
            "/admin/users/:id",
            page(get(admin::user_page).post(admin::change_user), &state),
        )
        .at(
            "/casework/claims/:id",
            page(get(casework::case_page), &state),
        )
        .at("/documents/:id", page(get(documents::download), &state))
        .at(
            "/casework/claims/:id/actions/:action",
            page(
                get(casework::action_page).post(casework::perform_action),
                &state,
            ),
        )
        .at(
            "/casework/claims/:id/assessment",
            page(
                get(casework::assessment_page).post(casework::record_assessment),
                &state,
            ),
        )
        .at(
            "/commission/agenda",
            page(get(commission::agenda_page), &state),
        )
        .at(
            "/commission/claims/:id",
            page(get(commission::claim_page), &state),
        )
        .at(
            "/commission/claims/:id/vote",
            page(post(commission::submit_vote), &state),
        )
        .at(
            "/commission/claims/:id/recusal",
            page(post(commission::submit_recusal), &state),
        )
        .at(
            "/commission/claims/:id/decide",
            page(
                get(commission::decide_page).post(commission::submit_decision),
                &state,
            ),
        )
        .at(
            "/commission/claims/:id/decision-preview",
            page(get(commission::decision_preview), &state),
        )
        .at(
            "/commission/claims/:id/decision",
            page(get(commission::decision_page), &state),
        )
        .at(
            "/commission/claims/:id/decisions/:version",
            page(get(commission::decision_document), &state),
        )
        .at(
            "/finance/payments",
            page(get(finance::payments_page), &state),
        )
        .at(
            "/finance/claims/:id/start-payout",
            page(post(finance::start_payout), &state),
        )
        .at(
            "/finance/claims/:id/orders/new",
            page(get(finance::prepare_order_page), &state),
        )
        .at(
            "/finance/claims/:id/orders",
            page(post(finance::prepare_order), &state),
        )
        .at(
            "/finance/orders/:id/approve",
            page(post(finance::approve_order), &state),
        )
        .at(
            "/finance/orders/:id/cancel",
            page(
                get(finance::cancel_order_page).post(finance::cancel_order),
                &state,
            ),
        )
        .at(
            "/finance/batches/new",
            page(get(finance::new_batch_page), &state),
        )
        .at(
            "/finance/batches",
            page(post(finance::create_batch), &state),
        )
        .at(
            "/finance/batches/:id",
            page(get(finance::batch_page), &state),
        )
        .at(
            "/finance/batches/:id/export",
            page(get(finance::export_batch), &state),
        )
        .at(
            "/finance/batches/:id/statement",
            page(post(finance::upload_statement), &state),
        )
        .at(
            "/finance/reports/payments",
            page(get(finance::payments_report_page), &state),
        )
        .at("/audit", page(get(audit::audit_page), &state))
        .at(
            "/audit/verification",
            page(get(audit::verification_page), &state),
        )
        .at(
            "/audit/claims/:id",
            page(get(audit::audit_claim_page), &state),
        )
        .at("/statistics", page(get(audit::statistics_page), &state))
        .at("/assets/:version/:name", get(assets::asset))
        .nest("/", api)
}

/// A page endpoint with everything a page needs around it, innermost first: the cross-origin
/// refusal, the visitor (session and language), errors turned into pages, the security headers.
fn page<E>(endpoint: E, state: &WebState) -> impl Endpoint<Output = Response> + use<E>
where
    E: Endpoint + 'static,
{
    endpoint
        .around(refuse_cross_origin)
        .around(session::attach_visit)
        .catch_all_error(pages::error_page)
        .around(add_security_headers)
        .data(state.clone())
}

/// Unsafe methods must come from this server's own pages (`csrf::same_origin`).
async fn refuse_cross_origin<E: Endpoint>(next: E, request: Request) -> poem::Result<Response> {
    if csrf::is_unsafe(request.method()) {
        let visit = session::Visit::from_request_without_body(&request).await?;
        if !csrf::same_origin(&request, &visit.state.public_url) {
            tracing::warn!("a cross-site form post was refused");
            return Ok(pages::refusal(&visit, poem::http::StatusCode::FORBIDDEN));
        }
    }
    Ok(next.call(request).await?.into_response())
}

async fn add_security_headers<E: Endpoint>(next: E, request: Request) -> poem::Result<Response> {
    let mut response = next.call(request).await?.into_response();
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        // Pages show personal data: no cache keeps them after the session ends.
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        headers.insert(name, header::HeaderValue::from_static(value));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::i18n::{UiLanguage, messages};
    use crate::domain::{ClaimState, OffenceType, Role};

    /// Every file under `src/web/<folder>` whose name ends in `extension`, with its text, read
    /// at test time so a new page or handler is checked without being listed here.
    fn files(folder: &str, extension: &str) -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/web")
            .join(folder);
        let mut found = Vec::new();
        let mut pending = vec![root];
        while let Some(directory) = pending.pop() {
            for entry in std::fs::read_dir(&directory).expect("the web sources are readable") {
                let path = entry.expect("a readable entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|found| found == extension) {
                    let text = std::fs::read_to_string(&path).expect("a text file");
                    found.push((path.display().to_string(), text));
                }
            }
        }
        assert!(
            !found.is_empty(),
            "no .{extension} files under src/web/{folder}"
        );
        found
    }

    /// Hyphenated literals in the sources that are not text keys: headers, cookies, values.
    const NOT_KEYS: &[&str] = &[
        "sec-fetch-site",
        "same-origin",
        "same-site",
        "cross-site",
        "sr-cyrl",
        "redress-session",
        "redress-lang",
        "no-store",
        "no-cache",
        "current-password",
        "session-one",
        "session-two",
        "lowercase-hyphenated",
        "bank-account",
        // A key of the jurisdictions' own texts (forms/<id>/texts), not of the UI's.
        "jurisdiction-name",
    ];

    /// Every `"lowercase-hyphenated"` literal in `text` (whose quote characters, `'"'`, would
    /// otherwise pair the wrong quotes).
    fn hyphenated_literals(text: &str) -> Vec<String> {
        text.replace("'\"'", "")
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|literal| {
                literal.contains('-')
                    && !literal.starts_with('-')
                    && !literal.ends_with('-')
                    && literal
                        .chars()
                        .all(|character| character.is_ascii_lowercase() || "-_".contains(character))
            })
            .map(str::to_owned)
            .collect()
    }

    /// Every key a template passes to `t("...")`.
    fn template_keys(text: &str) -> Vec<&str> {
        text.split("t(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    fn assert_defined(key: &str, used_in: &str) {
        for language in UiLanguage::ALL {
            assert!(
                messages(language).contains_key(key),
                "{key} (used in {used_in}) is missing from {}.ftl",
                language.tag()
            );
        }
    }

    #[test]
    fn every_key_the_templates_and_handlers_use_exists_in_every_language() {
        for (name, text) in files("templates", "html") {
            for key in template_keys(&text) {
                assert_defined(key, &name);
            }
        }
        for (name, text) in files("", "rs") {
            for literal in hyphenated_literals(&text) {
                if !NOT_KEYS.contains(&literal.as_str()) {
                    assert_defined(&literal, &name);
                }
            }
        }
    }

    #[test]
    fn every_state_offence_and_role_is_worded_in_every_language() {
        for state in ClaimState::iter() {
            assert_defined(&format!("state-{state}"), "claims.rs");
            assert_defined(&format!("lawyer-needed-{state}"), "claims.rs");
            assert_defined(&format!("secretariat-needed-{state}"), "claims.rs");
        }
        for offence in OffenceType::iter() {
            assert_defined(&format!("offence-{offence}"), "claims.rs");
        }
        for role in Role::iter() {
            assert_defined(&format!("role-{role}"), "sign_in.rs");
        }
    }

    #[test]
    fn texts_with_a_variable_have_it_in_every_language() {
        for (key, english) in messages(UiLanguage::En) {
            let variables = crate::texts::variables(english);
            for language in UiLanguage::ALL {
                let text = &messages(language)[key];
                assert_eq!(
                    crate::texts::variables(text),
                    variables,
                    "{key} in {}",
                    language.tag()
                );
            }
        }
    }
}
