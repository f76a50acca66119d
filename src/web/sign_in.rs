//! Signing in and out of the web UI, and where each role starts. The password check is the
//! API's own (`Services::sign_in_browser` calls the same `check_credentials`, throttled alike).

use askama::Template;
use poem::http::StatusCode;
use poem::web::RemoteAddr;
use poem::{Response, handler};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::pages::{Frame, home_of, render, role_home, see_other};
use super::session::Visit;
use crate::domain::Role;
use crate::service::ServiceError;
use crate::service::auth::Password;
use crate::service::browser_sessions::anonymous_nonce;
use crate::service::demo::demo_accounts;

/// `/`: a signed-in person's own start page, or sign-in.
#[handler]
pub fn home_page(visit: Visit) -> Response {
    see_other(role_home(&visit).unwrap_or("/sign-in"))
}

/// A demo account as the sign-in page lists it: its username and its roles' names.
pub struct DemoAccountLine {
    pub username: &'static str,
    pub roles: String,
}

/// A field of the sign-in form, with its error if it has one.
pub struct SignInField {
    pub name: &'static str,
    pub label_key: &'static str,
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    /// What the field shows again: the username, never the password.
    pub value: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    frame: Frame,
    fields: [SignInField; 2],
    /// The error summary's one message and the field it links to.
    error: Option<(&'static str, String)>,
    demo_accounts: Vec<DemoAccountLine>,
}

impl SignInPage {
    fn new(visit: &Visit, username: String, error: Option<(&'static str, String)>) -> Self {
        let frame = Frame::new(visit, "/sign-in", "sign-in-title");
        let tr = frame.tr;
        let demo_accounts = if visit.state.demo {
            demo_accounts()
                .filter(|(_, roles)| roles.iter().any(|role| has_pages(*role)))
                .map(|(username, roles)| DemoAccountLine {
                    username,
                    roles: roles
                        .iter()
                        .map(|role| tr.t(&format!("role-{role}")).to_owned())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect()
        } else {
            Vec::new()
        };
        let error_on = |field: &str| {
            error
                .as_ref()
                .filter(|(on, _)| *on == field)
                .map(|(_, message)| message.clone())
        };
        let fields = [
            SignInField {
                name: "username",
                label_key: "sign-in-username",
                input_type: "text",
                autocomplete: "username",
                value: username,
                error: error_on("username"),
            },
            SignInField {
                name: "password",
                label_key: "sign-in-password",
                input_type: "password",
                autocomplete: "current-password",
                value: String::new(),
                error: error_on("password"),
            },
        ];
        SignInPage {
            frame,
            fields,
            error,
            demo_accounts,
        }
    }
}

fn has_pages(role: Role) -> bool {
    super::pages::ROLE_HOMES
        .iter()
        .any(|(with_pages, _, _)| *with_pages == role)
}

#[handler]
pub fn sign_in_page(visit: Visit) -> Response {
    if let Some(home) = role_home(&visit) {
        return see_other(home);
    }
    render(
        &SignInPage::new(&visit, String::new(), None),
        StatusCode::OK,
    )
}

#[derive(Deserialize)]
pub struct SignInFields {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// Checks the password and, on success, replaces the session cookie with a new session's id.
#[handler]
pub async fn sign_in(
    visit: Visit,
    remote: &RemoteAddr,
    services: poem::web::Data<&crate::service::Services>,
    CsrfForm(fields): CsrfForm<SignInFields>,
) -> Response {
    let tr = visit.tr();
    let username = fields.username.trim().to_owned();
    let again = |status, field: &'static str, key: &str| {
        let page = SignInPage::new(
            &visit,
            username.clone(),
            Some((field, tr.t(key).to_owned())),
        );
        render(&page, status)
    };
    if username.is_empty() {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "username",
            "sign-in-username-missing",
        );
    }
    if fields.password.is_empty() {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "sign-in-password-missing",
        );
    }
    let address = remote.as_socket_addr().map(|address| address.ip());
    let credentials = (username.as_str(), Password::new(fields.password));
    let signed_in = match services
        .sign_in_browser(credentials, address, Some(&visit.session_cookie))
        .await
    {
        Ok(signed_in) => signed_in,
        Err(ServiceError::Unauthenticated) => {
            return again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "username",
                "sign-in-failed",
            );
        }
        Err(ServiceError::TooManyAttempts) => {
            return again(
                StatusCode::TOO_MANY_REQUESTS,
                "username",
                "sign-in-throttled",
            );
        }
        Err(error) => {
            tracing::error!(error = %error, "web sign-in failed");
            return super::pages::refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let Some(home) = home_of(&signed_in.actor) else {
        // No page for any of their roles yet: no session is left open for nothing.
        if let Err(error) = services.sign_out_browser(&signed_in.session_id).await {
            tracing::error!(error = %error, "closing a session without pages failed");
        }
        return again(StatusCode::FORBIDDEN, "username", "sign-in-no-pages");
    };
    let cookie = visit.state.cookies.session_cookie(&signed_in.session_id);
    let mut response = see_other(home);
    if let Ok(value) = cookie.parse() {
        response
            .headers_mut()
            .append(poem::http::header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
pub struct NoFields {}

/// Revokes the session and gives the browser a new anonymous cookie in its place.
#[handler]
pub async fn sign_out(
    visit: Visit,
    services: poem::web::Data<&crate::service::Services>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Response {
    if let Err(error) = services.sign_out_browser(&visit.session_cookie).await {
        tracing::error!(error = %error, "web sign-out failed");
        return super::pages::refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR);
    }
    let mut response = see_other("/sign-in");
    match anonymous_nonce() {
        Ok(nonce) => {
            if let Ok(value) = visit.state.cookies.session_cookie(&nonce).parse() {
                response
                    .headers_mut()
                    .append(poem::http::header::SET_COOKIE, value);
            }
        }
        Err(error) => tracing::error!(error = %error, "drawing a session nonce failed"),
    }
    response
}
