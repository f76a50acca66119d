//! A browser as far as the web UI's tests need one: it keeps cookies as a browser would (set by
//! `Set-Cookie`, sent back in `Cookie`), does not follow redirects, so each 303 can be checked,
//! and reads the CSRF token out of a page's forms.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};

use crate::helpers::{PASSWORD, TestApp};

/// The session cookie's name: the test servers' public URL is https.
pub const SESSION_COOKIE: &str = "__Host-redress-session";

pub struct Browser<'app> {
    app: &'app TestApp,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

/// A response as a test reads it.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// Where a redirect points.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get("location")
            .and_then(|value| value.to_str().ok())
    }

    /// The CSRF token of the page's first form.
    pub fn csrf_token(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker).expect("a form with a CSRF token") + marker.len();
        let length = self.body[start..].find('"').unwrap();
        self.body[start..start + length].to_owned()
    }
}

impl<'app> Browser<'app> {
    pub fn new(app: &'app TestApp) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            app,
            client,
            cookies: BTreeMap::new(),
        }
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.get(SESSION_COOKIE).cloned()
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.client.get(self.app.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// Posts a form with `fields`, and `headers` as a browser might add them.
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.client.post(self.app.url(path)).form(fields);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// Fetches the sign-in page and signs in with the tests' password.
    pub async fn sign_in(&mut self, username: &str) -> Page {
        let form = self.get("/sign-in").await;
        let token = form.csrf_token();
        let fields = [
            ("csrf_token", token.as_str()),
            ("username", username),
            ("password", PASSWORD),
        ];
        self.post_form("/sign-in", &fields, &[("sec-fetch-site", "same-origin")])
            .await
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let cookie_header = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let request = if cookie_header.is_empty() {
            request
        } else {
            request.header("cookie", cookie_header)
        };
        let response = request.send().await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.insert(name.to_owned(), value.to_owned());
        }
        let body = response.text().await.unwrap();
        Page {
            status,
            headers,
            body,
        }
    }
}
