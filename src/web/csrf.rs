//! Cross-site request forgery, refused twice over on every unsafe request of the web UI:
//!
//! - every form carries a token, HMAC-SHA256 under the configured key of the visitor's session
//!   cookie, which a page of another site cannot read; `CsrfForm<T>` is the only way a handler
//!   reads a form, and it checks the token before the fields are parsed (`CsrfMultipart` does
//!   the same for file uploads, whose token must be the form's first part);
//! - the browser's own word on where the request comes from: `Sec-Fetch-Site` must be
//!   `same-origin` (or `none`, typed by the user), and without it an `Origin` header must name
//!   this server (the rule of Go 1.25's `CrossOriginProtection`).
//!
//! The key comes from configuration (`REDRESS_CSRF_KEY` or the settings file's `csrf_key_file`),
//! never from the repository; poem's own CSRF middleware would default to 32 zero bytes.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use poem::http::{Method, StatusCode, header};
use poem::web::{Field, Multipart};
use poem::{FromRequest, Request, RequestBody};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;
use tokio::io::AsyncReadExt as _;

use super::session::Visit;

/// The form field every form of the web UI carries.
pub const CSRF_FIELD: &str = "csrf_token";
/// The shortest key accepted, in bytes.
pub const CSRF_KEY_BYTES_MINIMUM: usize = 32;
/// Form bodies of the web UI are small; anything larger is refused unread.
const FORM_BYTES_MAXIMUM: usize = 64 * 1024;

/// The secret the tokens are derived with; the same on every instance. Never prints.
#[derive(Clone)]
pub struct CsrfKey(Vec<u8>);

impl CsrfKey {
    /// A key from configuration: at least 32 bytes of text, such as `openssl rand -base64 32`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() < CSRF_KEY_BYTES_MINIMUM {
            return Err(format!("must be at least {CSRF_KEY_BYTES_MINIMUM} bytes"));
        }
        Ok(CsrfKey(text.as_bytes().to_vec()))
    }

    /// A key drawn at random, for a server given none: forms then last only as long as the
    /// process, and several instances cannot share them, so `serve` warns.
    pub fn random() -> anyhow::Result<Self> {
        let mut bytes = vec![0_u8; CSRF_KEY_BYTES_MINIMUM];
        getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("drawing a key: {error}"))?;
        Ok(CsrfKey(bytes))
    }

    fn mac(&self, session_cookie: &str) -> Hmac<Sha256> {
        // HMAC accepts a key of any length; `new_from_slice` cannot fail for it.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(b"redress-csrf\0");
        mac.update(session_cookie.as_bytes());
        mac
    }

    /// The token the forms of this session carry.
    pub fn token(&self, session_cookie: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(session_cookie).finalize().into_bytes())
    }

    /// Whether `token` belongs to this session, compared in constant time.
    pub fn verify(&self, session_cookie: &str, token: &str) -> bool {
        match URL_SAFE_NO_PAD.decode(token) {
            Ok(bytes) => self.mac(session_cookie).verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }
}

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("CsrfKey(<redacted>)")
    }
}

/// Whether the method may change something, and so must come from our own pages.
pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The browser's Fetch Metadata and Origin headers agree the request comes from this server's
/// own pages. Requests without either (curl, old browsers) pass: the token still guards them.
pub fn same_origin(request: &Request, public_url: &str) -> bool {
    let header_text = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    if let Some(site) = header_text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = header_text(header::ORIGIN.as_str()) else {
        return true;
    };
    if origin.eq_ignore_ascii_case(public_url) {
        return true;
    }
    let origin_host = origin.split_once("://").map_or(origin, |(_, host)| host);
    header_text(header::HOST.as_str()).is_some_and(|host| origin_host.eq_ignore_ascii_case(host))
}

/// A form whose CSRF token was checked against the visitor's session before its fields were
/// read. A wrong or missing token is 403; a body that is not the form is 400.
pub struct CsrfForm<T>(pub T);

#[derive(Deserialize)]
struct TokenField {
    csrf_token: Option<String>,
}

impl<'a, T: DeserializeOwned> FromRequest<'a> for CsrfForm<T> {
    async fn from_request(request: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let visit = Visit::from_request_without_body(request).await?;
        let is_form = request
            .content_type()
            .is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(poem::Error::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let bytes = body.take()?.into_bytes_limit(FORM_BYTES_MAXIMUM).await?;
        let token = serde_urlencoded::from_bytes::<TokenField>(&bytes)
            .ok()
            .and_then(|field| field.csrf_token)
            .unwrap_or_default();
        if !visit.csrf_token_matches(&token) {
            tracing::warn!("a form without a valid CSRF token was refused");
            return Err(poem::Error::from_response(super::pages::refusal(
                &visit,
                StatusCode::FORBIDDEN,
            )));
        }
        let form = serde_urlencoded::from_bytes::<T>(&bytes)
            .map_err(|_| poem::Error::from_status(StatusCode::BAD_REQUEST))?;
        Ok(CsrfForm(form))
    }
}

/// A file upload (multipart form) whose first part, the CSRF token, was checked before anything
/// else was read; the handler reads the remaining parts. A form whose first part is not a valid
/// token is 403, so no other site can make the server read a file.
pub struct CsrfMultipart(pub Multipart);

/// A token is 43 characters; a longer first part is not read whole.
const TOKEN_PART_BYTES_MAXIMUM: u64 = 256;

impl<'a> FromRequest<'a> for CsrfMultipart {
    async fn from_request(request: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let visit = Visit::from_request_without_body(request).await?;
        let refused = || {
            tracing::warn!("an upload without a valid CSRF token was refused");
            poem::Error::from_response(super::pages::refusal(&visit, StatusCode::FORBIDDEN))
        };
        let mut multipart = Multipart::from_request(request, body).await?;
        let first = multipart
            .next_field()
            .await
            .map_err(|_| poem::Error::from_status(StatusCode::BAD_REQUEST))?
            .ok_or_else(refused)?;
        if first.name() != Some(CSRF_FIELD) {
            return Err(refused());
        }
        let token = read_limited(first, TOKEN_PART_BYTES_MAXIMUM)
            .await
            .map_err(|_| refused())?;
        if !visit.csrf_token_matches(&String::from_utf8_lossy(&token)) {
            return Err(refused());
        }
        Ok(CsrfMultipart(multipart))
    }
}

/// A part of a multipart form, at most `limit` bytes of it: a caller that must refuse a file
/// over some size reads one byte more and compares.
pub async fn read_limited(field: Field, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    field
        .into_async_read()
        .take(limit)
        .read_to_end(&mut bytes)
        .await?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_belongs_to_its_session_and_its_key() {
        let key = CsrfKey::parse(&"k".repeat(32)).unwrap();
        let token = key.token("session-one");
        assert!(key.verify("session-one", &token));
        assert!(!key.verify("session-two", &token));
        let other = CsrfKey::parse(&"x".repeat(32)).unwrap();
        assert!(!other.verify("session-one", &token));
        assert!(!key.verify("session-one", ""));
        assert!(!key.verify("session-one", "not base64 !"));
    }

    #[test]
    fn short_keys_are_refused_and_keys_never_print() {
        assert!(CsrfKey::parse("short").is_err());
        let key = CsrfKey::parse(&"s".repeat(40)).unwrap();
        assert_eq!(format!("{key:?}"), "CsrfKey(<redacted>)");
    }

    #[test]
    fn cross_site_requests_are_told_apart_from_our_own() {
        let with = |headers: &[(&str, &str)]| {
            let mut builder = Request::builder().method(Method::POST);
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            same_origin(&builder.finish(), "https://redress.example")
        };
        assert!(with(&[("sec-fetch-site", "same-origin")]));
        assert!(with(&[("sec-fetch-site", "none")]));
        assert!(!with(&[("sec-fetch-site", "cross-site")]));
        assert!(!with(&[("sec-fetch-site", "same-site")]));
        assert!(with(&[]));
        assert!(with(&[("origin", "https://redress.example")]));
        assert!(with(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080")
        ]));
        assert!(!with(&[
            ("origin", "https://evil.example"),
            ("host", "redress.example")
        ]));
    }
}
