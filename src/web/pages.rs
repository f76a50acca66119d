//! What every page shares: the frame the layout template draws (header, navigation, language
//! links, the CSRF token of the sign-out form), rendering, redirects, and the pages that say no.

use askama::Template;
use poem::http::StatusCode;
use poem::web::Html;
use poem::{IntoResponse, Response};

use super::assets::asset_url;
use super::i18n::{Tr, UiLanguage};
use super::session::Visit;
use crate::domain::Role;

/// The pages each role starts from, in the order the navigation lists them, by the text key of
/// their name. A role missing here has no pages yet and is told so at sign-in.
pub const ROLE_HOMES: &[(Role, &str, &str)] = &[
    (Role::Lawyer, "/lawyer/claims", "nav-my-claims"),
    (Role::Secretariat, "/secretariat/queue", "nav-queue"),
    (Role::Admin, "/admin/users", "admin-nav-users"),
    (
        Role::Commissioner,
        "/commission/agenda",
        "commission-nav-agenda",
    ),
    (Role::Chair, "/commission/agenda", "commission-nav-agenda"),
    (
        Role::FinanceOfficer,
        "/finance/payments",
        "finance-nav-payments",
    ),
    (
        Role::FinanceApprover,
        "/finance/payments",
        "finance-nav-payments",
    ),
    (Role::Auditor, "/audit", "audit-nav"),
    (Role::Auditor, "/statistics", "statistics-nav"),
    (Role::Secretariat, "/statistics", "statistics-nav"),
    (Role::Chair, "/statistics", "statistics-nav"),
];

/// Where a signed-in person lands: the first of their roles' pages.
pub fn role_home(visit: &Visit) -> Option<&'static str> {
    visit.actor().and_then(home_of)
}

/// The first page of the actor's roles, if any role of theirs has pages.
pub fn home_of(actor: &crate::domain::Actor) -> Option<&'static str> {
    ROLE_HOMES
        .iter()
        .find(|(role, _, _)| actor.roles.contains(role))
        .map(|(_, path, _)| *path)
}

pub struct NavigationLink {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

pub struct LanguageLink {
    pub tag: &'static str,
    pub endonym: &'static str,
    pub href: String,
    pub current: bool,
}

/// What the layout needs from every page.
pub struct Frame {
    pub tr: Tr,
    pub title: String,
    pub csrf_token: String,
    pub signed_in: bool,
    pub navigation: Vec<NavigationLink>,
    pub languages: Vec<LanguageLink>,
    /// GOV.UK's "Exit this page", on pages that show anything of a victim's case.
    pub exit_this_page: bool,
    /// The page shows what was wrong with a form: the browser's title (not the heading) starts
    /// with "Error:", as GOV.UK's pattern asks.
    pub shows_errors: bool,
    pub css_url: String,
    pub init_url: String,
    pub app_url: String,
    pub htmx_url: String,
}

impl Frame {
    /// The frame of the page at `path`, titled by the text `title_key`.
    pub fn new(visit: &Visit, path: &str, title_key: &str) -> Frame {
        let tr = visit.tr();
        // A page several of the visitor's roles share (statistics, finance's payments) is
        // listed once.
        let mut listed = std::collections::BTreeSet::new();
        let navigation = ROLE_HOMES
            .iter()
            .filter(|(role, href, _)| visit.has_role(*role) && listed.insert(*href))
            .map(|(_, href, label_key)| NavigationLink {
                href,
                label: tr.t(label_key),
                current: *href == path,
            })
            .collect();
        let languages = UiLanguage::ALL
            .iter()
            .map(|language| LanguageLink {
                tag: language.tag(),
                endonym: language.endonym(),
                href: language_link(visit, path, *language),
                current: *language == visit.language,
            })
            .collect();
        Frame {
            tr,
            title: tr.t(title_key).to_owned(),
            csrf_token: visit.csrf_token(),
            signed_in: visit.actor().is_some(),
            navigation,
            languages,
            exit_this_page: false,
            shows_errors: false,
            css_url: asset_url("app.css"),
            init_url: asset_url("init.js"),
            app_url: asset_url("app.js"),
            htmx_url: asset_url("htmx.min.js"),
        }
    }

    pub fn with_exit_this_page(mut self) -> Frame {
        self.exit_this_page = true;
        self
    }
}

/// The page in `language`: the visited page with its query (filters, page) kept, or `path`
/// after a form post, whose address shows no page of its own.
fn language_link(visit: &Visit, path: &str, language: UiLanguage) -> String {
    let (page, mut parameters) = visit
        .page_address
        .clone()
        .unwrap_or_else(|| (path.to_owned(), Vec::new()));
    parameters.push(("lang".to_owned(), language.tag().to_owned()));
    let query = serde_urlencoded::to_string(&parameters).unwrap_or_default();
    format!("{page}?{query}")
}

/// A page rendered with `status`; a template that fails to render is a 500, logged.
pub fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => Html(html).with_status(status).into_response(),
        Err(error) => {
            tracing::error!(%error, "rendering a page failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// 303 See Other: after a form, the browser fetches the next page with GET.
pub fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(poem::http::header::LOCATION, location)
        .finish()
}

/// A page that says why the visitor got nothing.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub frame: Frame,
    pub body: String,
}

/// The page for a refusal or failure with `status`, in the visitor's language.
pub fn refusal(visit: &Visit, status: StatusCode) -> Response {
    let (title_key, body_key) = match status {
        StatusCode::FORBIDDEN => ("forbidden-title", "forbidden-body"),
        StatusCode::NOT_FOUND => ("not-found-title", "not-found-body"),
        _ => ("error-title", "error-body"),
    };
    let frame = Frame::new(visit, "/", title_key);
    let body = frame.tr.t(body_key).to_owned();
    render(&MessagePage { frame, body }, status)
}

/// The page for a service error that no form can answer: not found and forbidden as the API
/// answers them, anything else logged with what the page was `doing` (never personal data) and
/// shown as a 500.
pub fn service_failure(
    visit: &Visit,
    error: &crate::service::ServiceError,
    doing: &'static str,
) -> Response {
    use crate::service::ServiceError;
    match error {
        ServiceError::NotFound(_) => refusal(visit, StatusCode::NOT_FOUND),
        ServiceError::Forbidden => refusal(visit, StatusCode::FORBIDDEN),
        _ => {
            tracing::error!(error = %error, doing, "a web page failed");
            refusal(visit, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// Errors of page handlers and extractors as responses, kept away from the API's problem+json:
/// a refusal already rendered keeps its page, the rest keep their status. Internal errors were
/// logged where they happened.
pub async fn error_page(error: poem::Error) -> Response {
    error.into_response()
}

/// Whether the visitor may see a page for `role`: anonymous visitors go to sign-in, others
/// without the role get 403.
pub fn require(visit: &Visit, role: Role) -> Result<&crate::domain::Actor, Box<Response>> {
    match visit.actor() {
        None => Err(Box::new(see_other("/sign-in"))),
        Some(actor) if actor.roles.contains(&role) => Ok(actor),
        Some(_) => Err(Box::new(refusal(visit, StatusCode::FORBIDDEN))),
    }
}

/// A head of loss by the name the jurisdiction's texts give it in the visitor's language (in
/// its first language when it does not serve the visitor's), or by its id.
pub fn head_name(
    jurisdictions: &crate::forms::Jurisdictions,
    claim: &crate::domain::Claim,
    tr: Tr,
    head: &str,
) -> String {
    let key = format!("head-{head}");
    let first = jurisdictions
        .get(&claim.jurisdiction)
        .and_then(|rules| rules.languages.first().copied());
    [Some(tr.language.language()), first]
        .into_iter()
        .flatten()
        .find_map(|language| jurisdictions.text(&claim.jurisdiction, language, &key))
        .unwrap_or(head)
        .to_owned()
}
