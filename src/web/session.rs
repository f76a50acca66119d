//! Who is visiting and in which language: the session cookie, the language cookie, and the
//! `Visit` every page handler receives.
//!
//! The session cookie holds a random id. Until sign-in it is only a nonce the CSRF tokens are
//! derived from, stored nowhere; sign-in replaces it with a new id whose hash the database keeps
//! (`service::browser_sessions`), and sign-out replaces it again. Over HTTPS the cookie is
//! `__Host-redress-session` with `Secure` (bound to this host, every path, never sent in clear).
//! Over plain HTTP, which only a local demo should use, `Secure` would make browsers drop the
//! cookie and `__Host-` requires `Secure`, so it is `redress-session` without either; the
//! public URL's scheme decides, so a production server behind TLS always gets the strict form.

use poem::http::header;
use poem::{Endpoint, FromRequest, IntoResponse, Request, RequestBody, Response};

use super::WebState;
use super::i18n::{Tr, UiLanguage};
use crate::domain::{Actor, Role};
use crate::service::Services;
use crate::service::browser_sessions::anonymous_nonce;

/// A year, for the language cookie: a preference, not a secret.
const LANGUAGE_COOKIE_MAX_AGE_SECONDS: i64 = 365 * 24 * 60 * 60;
/// Session ids longer than this are not looked up (ours are 43 characters).
const SESSION_ID_LENGTH_MAXIMUM: usize = 128;

/// How cookies are named and flagged, from the public URL's scheme.
#[derive(Clone, Copy, Debug)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn for_public_url(public_url: &str) -> Self {
        CookiePolicy {
            secure: public_url.starts_with("https://"),
        }
    }

    pub fn session_cookie_name(self) -> &'static str {
        if self.secure {
            "__Host-redress-session"
        } else {
            "redress-session"
        }
    }

    pub fn language_cookie_name(self) -> &'static str {
        if self.secure {
            "__Host-redress-lang"
        } else {
            "redress-lang"
        }
    }

    /// The `Set-Cookie` header value of a session cookie: no `Max-Age`, so it ends with the
    /// browser session too; the server's timeouts apply in any case.
    pub fn session_cookie(self, value: &str) -> String {
        self.cookie(self.session_cookie_name(), value, "")
    }

    fn language_cookie(self, language: UiLanguage) -> String {
        let max_age = format!("; Max-Age={LANGUAGE_COOKIE_MAX_AGE_SECONDS}");
        self.cookie(self.language_cookie_name(), language.tag(), &max_age)
    }

    /// Values are ours (base64url ids, language tags), so they need no quoting.
    fn cookie(self, name: &str, value: &str, max_age: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{max_age}")
    }
}

/// The value of the request's cookie `name`, if it sent one.
fn cookie_value(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie_name, _)| *cookie_name == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
}

/// Whether anyone is signed in.
#[derive(Clone, Debug)]
pub enum Presence {
    /// Not signed in; the cookie is only the CSRF tokens' nonce.
    Anonymous,
    SignedIn(Actor),
}

/// One request's visitor: their session cookie, presence and language.
#[derive(Clone)]
pub struct Visit {
    /// The session cookie's value: a signed-in session's id, or an anonymous nonce.
    pub session_cookie: String,
    /// The cookie was drawn for this request and must be set on its response.
    pub fresh_cookie: bool,
    pub presence: Presence,
    pub language: UiLanguage,
    /// The language was chosen by `?lang=` and is remembered in its cookie.
    pub language_chosen: bool,
    /// For a GET, the page's path and its query other than `lang`, so the language links lead
    /// back to the same page with the same filters; `None` for a form post.
    pub page_address: Option<(String, Vec<(String, String)>)>,
    pub state: WebState,
}

impl Visit {
    pub fn tr(&self) -> Tr {
        Tr::new(self.language)
    }

    pub fn csrf_token(&self) -> String {
        self.state.csrf_key.token(&self.session_cookie)
    }

    pub fn csrf_token_matches(&self, token: &str) -> bool {
        self.state.csrf_key.verify(&self.session_cookie, token)
    }

    pub fn actor(&self) -> Option<&Actor> {
        match &self.presence {
            Presence::SignedIn(actor) => Some(actor),
            Presence::Anonymous => None,
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.actor()
            .is_some_and(|actor| actor.roles.contains(&role))
    }

    /// The visit the middleware attached to the request.
    pub async fn from_request_without_body(request: &Request) -> poem::Result<Visit> {
        request.extensions().get::<Visit>().cloned().ok_or_else(|| {
            tracing::error!("a web page was reached without the session middleware");
            poem::Error::from_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR)
        })
    }
}

impl<'a> FromRequest<'a> for Visit {
    async fn from_request(request: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        Visit::from_request_without_body(request).await
    }
}

/// Attaches the `Visit` to the request, and to the response the cookies it calls for: a fresh
/// nonce for a first visit, the language chosen by `?lang=`.
pub async fn attach_visit<E: Endpoint>(next: E, mut request: Request) -> poem::Result<Response> {
    let state = request
        .data::<WebState>()
        .cloned()
        .ok_or_else(|| poem::Error::from_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR))?;
    let services = request
        .data::<Services>()
        .cloned()
        .ok_or_else(|| poem::Error::from_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR))?;
    let visit = visit(&request, &services, state).await?;
    let policy = visit.state.cookies;
    let cookies_to_set: Vec<String> = [
        visit
            .fresh_cookie
            .then(|| policy.session_cookie(&visit.session_cookie)),
        visit
            .language_chosen
            .then(|| policy.language_cookie(visit.language)),
    ]
    .into_iter()
    .flatten()
    .collect();
    request.extensions_mut().insert(visit);
    let mut response = next.call(request).await?.into_response();
    let session_cookie_set = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| {
            value
                .to_str()
                .is_ok_and(|text| text.starts_with(policy.session_cookie_name()))
        });
    for cookie in cookies_to_set {
        // A handler that set the session cookie (sign-in, sign-out) has the last word.
        if session_cookie_set && cookie.starts_with(policy.session_cookie_name()) {
            continue;
        }
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

async fn visit(request: &Request, services: &Services, state: WebState) -> poem::Result<Visit> {
    let policy = state.cookies;
    let cookie = cookie_value(request, policy.session_cookie_name())
        .filter(|value| !value.is_empty() && value.len() <= SESSION_ID_LENGTH_MAXIMUM);
    let actor = match &cookie {
        Some(session_id) => services
            .browser_session_actor(session_id)
            .await
            .map_err(|error| {
                tracing::error!(error = %error, "reading a browser session failed");
                poem::Error::from_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR)
            })?,
        None => None,
    };
    let (session_cookie, fresh_cookie) = match cookie {
        Some(value) => (value, false),
        None => {
            let nonce = anonymous_nonce().map_err(|error| {
                tracing::error!(error = %error, "drawing a session nonce failed");
                poem::Error::from_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR)
            })?;
            (nonce, true)
        }
    };
    let (language, language_chosen) = language(request, policy);
    let page_address = (request.method() == poem::http::Method::GET).then(|| {
        let other_parameters = query_parameters(request)
            .into_iter()
            .filter(|(name, _)| name != "lang")
            .collect();
        (request.uri().path().to_owned(), other_parameters)
    });
    Ok(Visit {
        session_cookie,
        fresh_cookie,
        presence: actor.map_or(Presence::Anonymous, Presence::SignedIn),
        language,
        language_chosen,
        page_address,
        state,
    })
}

/// The query's parameters in order; none when it does not parse.
fn query_parameters(request: &Request) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .and_then(|query| serde_urlencoded::from_str(query).ok())
        .unwrap_or_default()
}

/// `?lang=`, then the language cookie, then `Accept-Language`, then Albanian; and whether the
/// query chose it.
fn language(request: &Request, policy: CookiePolicy) -> (UiLanguage, bool) {
    let from_query = query_parameters(request)
        .into_iter()
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| UiLanguage::parse(&value));
    if let Some(language) = from_query {
        return (language, true);
    }
    let from_cookie = cookie_value(request, policy.language_cookie_name())
        .and_then(|value| UiLanguage::parse(&value));
    let from_header = || {
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .and_then(UiLanguage::from_accept_language)
    };
    (
        from_cookie.or_else(from_header).unwrap_or(UiLanguage::Sq),
        false,
    )
}
