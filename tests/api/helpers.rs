//! `spawn_app`: the real server on port 0 over a fresh database of its own, SQLite or
//! PostgreSQL, with a clock the test moves; plus request helpers that read like the API.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Once};

use chrono::{DateTime, TimeDelta, Utc};
use redress::app::{self, Application};
use redress::bank::Debtor;
use redress::domain::payout::{Bic, Iban};
use redress::domain::{DocumentKind, FullName, Role};
use redress::service::auth::Password;
use redress::service::browser_sessions::BrowserSessionLimits;
use redress::service::{ManualClock, Notifying, Services};
use redress::settings::Settings;
use redress::store::documents::DocumentMetadata;
use redress::web::{CsrfKey, WebConfig};
use reqwest::multipart::{Form, Part};
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// The environment variable naming a PostgreSQL admin URL; each test creates and drops its own
/// database through it.
pub const POSTGRES_URL_VARIABLE: &str = "REDRESS_TEST_POSTGRES_URL";

/// Long enough that tests which move the clock past an appeal window keep their sign-ins.
pub const SESSION_LIFETIME_HOURS: u32 = 24 * 90;

/// Small, so the limit is tested without sending megabytes.
pub const UPLOAD_BYTES_MAXIMUM: usize = 64 * 1024;

/// The moment every test starts at.
pub const START: &str = "2026-11-28T09:00:00Z";
/// The web UI's CSRF key on every test server; a real one comes from the environment or a file.
const TEST_CSRF_KEY: &str = "a test key of at least thirty-two bytes";
/// Every test user's password.
pub const PASSWORD: &str = "correct horse battery staple";

pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: SocketAddr,
    pub services: Services,
    pub clock: Arc<ManualClock>,
    pub database_url: String,
    pub client: reqwest::Client,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFolder(#[allow(dead_code)] tempfile::TempDir),
    PostgresDatabase { admin_url: String, name: String },
}

/// `None` (with a notice on the terminal, once) when PostgreSQL is not configured.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_notifying(backend, Notifying::default()).await
}

/// `spawn_app` with notices leaving the server as `notifying` says (a webhook, its retries).
pub async fn spawn_app_notifying(backend: Backend, notifying: Notifying) -> Option<TestApp> {
    spawn_app_configured(backend, notifying, false).await
}

/// `spawn_app` as `serve --demo` runs it: the web UI's sign-in page lists the demo accounts.
pub async fn spawn_demo_app(backend: Backend) -> Option<TestApp> {
    spawn_app_configured(backend, Notifying::default(), true).await
}

async fn spawn_app_configured(
    backend: Backend,
    notifying: Notifying,
    demo: bool,
) -> Option<TestApp> {
    let (database_url, cleanup) = match backend {
        Backend::Sqlite => {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let url = format!("sqlite://{}", folder.path().join("redress.db").display());
            (url, Cleanup::SqliteFolder(folder))
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url()?;
            let name = format!("redress_test_{}", random_hex());
            let admin = Database::connect(&admin_url)
                .await
                .expect("connecting to PostgreSQL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("creating a test database");
            (
                database_url_for(&admin_url, &name),
                Cleanup::PostgresDatabase { admin_url, name },
            )
        }
    };
    let clock = Arc::new(ManualClock::new(START.parse::<DateTime<Utc>>().unwrap()));
    let settings = Settings {
        notifying,
        ..settings(&database_url)
    };
    let services = app::open(&settings, clock.clone())
        .await
        .expect("opening the application");
    let web = WebConfig {
        csrf_key: CsrfKey::parse(TEST_CSRF_KEY).unwrap(),
        demo,
    };
    let application = Application::bind(settings.bind)
        .await
        .expect("binding")
        .with_web(web);
    let address = application.address();
    tokio::spawn(application.run_until_stopped(services.clone()));
    let client = reqwest::Client::new();
    Some(TestApp {
        address,
        services,
        clock,
        database_url,
        client,
        cleanup,
    })
}

/// The settings every test server runs with, over `database_url`.
fn settings(database_url: &str) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        bind: "127.0.0.1:0".parse().unwrap(),
        forms_dir: forms_dir(),
        session_lifetime_hours: SESSION_LIFETIME_HOURS,
        session_cache_seconds: redress::service::SESSION_CACHE_SECONDS_DEFAULT,
        upload_bytes_maximum: UPLOAD_BYTES_MAXIMUM,
        public_url: "https://redress.example".to_owned(),
        scheduler_interval_seconds: 0,
        payer: Some(Debtor {
            name: "Commission for Compensation of Crime Victims".to_owned(),
            iban: Iban::parse("XK051212012345678906").unwrap(),
            bic: Some(Bic::parse("RBKOXKPR").unwrap()),
        }),
        statistics_threshold: redress::domain::statistics::Threshold::DEFAULT,
        log_format: redress::settings::LogFormat::Text,
        notifying: Notifying::default(),
        notification_interval_seconds: 0,
        browser_sessions: BROWSER_SESSION_LIMITS,
        csrf_key: None,
    }
}

/// Short enough that a test moves the clock past the idle timeout in one step.
pub const BROWSER_SESSION_LIMITS: BrowserSessionLimits = BrowserSessionLimits {
    idle_minutes: 30,
    absolute_hours: 12,
};

pub fn forms_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("forms")
}

fn postgres_admin_url() -> Option<String> {
    static NOTICE: Once = Once::new();
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            // Written past libtest's capture on purpose: a skipped suite must be visible.
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\nNOTICE: PostgreSQL tests SKIPPED: {POSTGRES_URL_VARIABLE} is not set (see README).\n"
                );
            });
            None
        }
    }
}

/// The admin URL with its database name replaced.
fn database_url_for(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url
        .split_once('?')
        .map_or((admin_url, None), |(base, query)| (base, Some(query)));
    let without_database = match base.rfind('/') {
        Some(slash) if slash > "postgres://".len() => &base[..slash],
        _ => base,
    };
    match query {
        Some(query) => format!("{without_database}/{name}?{query}"),
        None => format!("{without_database}/{name}"),
    }
}

fn random_hex() -> String {
    let mut bytes = [0_u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    hex::encode(bytes)
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Cleanup::PostgresDatabase { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime, which cannot block on itself: use a thread.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    let admin = Database::connect(&admin_url).await?;
                    admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await
                })
            });
            let _ = dropped.join();
        }
    }
}

/// A signed-in user.
pub struct User {
    pub id: i64,
    pub token: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn advance(&self, days: i64) {
        self.clock.advance(TimeDelta::days(days));
    }

    /// The services of a second server instance over the same database (its own connections,
    /// the same clock), as another process would run them.
    pub async fn another_instance(&self) -> Services {
        app::open(&settings(&self.database_url), self.clock.clone())
            .await
            .expect("opening a second instance")
    }

    /// Creates a user with `roles`, named "Synthetic <username>", and signs them in through
    /// the API.
    pub async fn user(&self, username: &str, roles: &[Role]) -> User {
        let full_name = format!("Synthetic {username}");
        self.named_user(username, &full_name, roles).await
    }

    /// Creates a user with `roles` and the full name documents print, and signs them in.
    pub async fn named_user(&self, username: &str, full_name: &str, roles: &[Role]) -> User {
        let password = PASSWORD;
        let roles: BTreeSet<Role> = roles.iter().copied().collect();
        let full_name = FullName::parse(full_name).unwrap();
        let id = self
            .services
            .add_user(
                (username, &full_name),
                Password::new(password.to_owned()),
                roles,
            )
            .await
            .unwrap();
        let response = self.login(username, password).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        User {
            id: id.0,
            token: body["token"].as_str().unwrap().to_owned(),
        }
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        let body = json!({"username": username, "password": password});
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, user: &User, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(&user.token)
            .send()
            .await
            .unwrap()
    }

    /// Reads `path` as `user`, which must succeed, and returns the JSON body.
    /// The OpenAPI document as served.
    pub async fn openapi(&self) -> Value {
        let response = self
            .client
            .get(self.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn get_json(&self, user: &User, path: &str) -> Value {
        let response = self.get(user, path).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    pub async fn post(&self, user: &User, path: &str, body: Option<Value>) -> Response {
        let request = self.client.post(self.url(path)).bearer_auth(&user.token);
        let request = match body {
            Some(body) => request.json(&body),
            None => request,
        };
        request.send().await.unwrap()
    }

    pub async fn patch(&self, user: &User, path: &str, body: Value) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(&user.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn create_claim(&self, user: &User, body: Value) -> Response {
        self.post(user, "/api/v1/claims", Some(body)).await
    }

    /// Creates a claim from `draft_body()` and returns its id.
    pub async fn draft(&self, user: &User) -> i64 {
        let response = self.create_claim(user, draft_body()).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{}",
            response.text().await.unwrap()
        );
        response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }

    pub async fn act(
        &self,
        user: &User,
        claim: i64,
        action: &str,
        body: Option<Value>,
    ) -> Response {
        self.post(
            user,
            &format!("/api/v1/claims/{claim}/actions/{action}"),
            body,
        )
        .await
    }

    /// Performs an action that must succeed, returning the claim.
    pub async fn act_ok(
        &self,
        user: &User,
        claim: i64,
        action: &str,
        body: Option<Value>,
    ) -> Value {
        let response = self.act(user, claim, action, body).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{action}: {body}");
        body
    }

    /// Records the rapporteur's assessment with these losses; it must be accepted.
    pub async fn assess(&self, user: &User, claim: i64, losses: Value) -> Value {
        let path = self.url(&format!("/api/v1/claims/{claim}/assessment"));
        let body = json!({"losses": losses});
        let response = self
            .client
            .put(path)
            .bearer_auth(&user.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let claim: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "assessment: {claim}");
        claim
    }

    pub async fn vote(&self, user: &User, claim: i64, choice: &str) -> Response {
        self.post(
            user,
            &format!("/api/v1/claims/{claim}/votes"),
            Some(json!({"choice": choice})),
        )
        .await
    }

    /// Uploads a file to the claim as `kind` (multipart, as a client would), sent as `name`.
    pub async fn upload(
        &self,
        user: &User,
        claim: i64,
        kind: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/claims/{claim}/documents")))
            .bearer_auth(&user.token)
            .multipart(upload_form(kind, name, bytes))
            .send()
            .await
            .unwrap()
    }

    /// The secretariat asks for `documents` by `due` through `POST /claims/{id}/evidence-requests`
    /// and the claim awaits evidence; returns the claim.
    pub async fn request_evidence(
        &self,
        secretariat: &User,
        claim: i64,
        documents: &[&str],
        due: &str,
    ) -> Value {
        let body = json!({"items": documents, "due_on": due});
        let path = format!("/api/v1/claims/{claim}/evidence-requests");
        let response = self.post(secretariat, &path, Some(body)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        self.get_json(secretariat, &format!("/api/v1/claims/{claim}"))
            .await
    }

    /// Files a synthetic power of attorney for the lawyer (uploads arrive with the API issue).
    pub async fn file_power_of_attorney(&self, lawyer: &User, claim: i64) {
        let actor = self.services.authenticate(&lawyer.token).await.unwrap();
        let metadata = DocumentMetadata {
            kind: DocumentKind::PowerOfAttorney,
            media_type: "application/pdf".into(),
            size_bytes: 1024,
            sha256: "a".repeat(64),
            uploaded_by: actor.user_id,
            request_item: None,
        };
        self.services
            .record_document(&actor, redress::domain::ClaimId(claim), metadata)
            .await
            .unwrap();
    }

    /// Runs the `redress` binary against this app's database, with `input` on standard input.
    pub fn redress_with_input(&self, arguments: &[&str], input: &str) -> std::process::Output {
        redress_with_input(
            arguments,
            &[("REDRESS_DATABASE_URL", &self.database_url)],
            input,
        )
    }

    /// Runs the `redress` binary against this app's database.
    pub fn redress(&self, arguments: &[&str]) -> std::process::Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_redress"))
            .args(arguments)
            .env("REDRESS_DATABASE_URL", &self.database_url)
            .env("REDRESS_FORMS_DIR", forms_dir())
            .env("REDRESS_LOG", "warn")
            .output()
            .expect("running redress")
    }
}

/// A complete, synthetic Kosovo claim: an adult victim of a violent crime 40 days before START,
/// claiming medical costs, with the applicant's consent.
pub fn draft_body() -> Value {
    json!({
        "jurisdiction": "kosovo",
        "offence_type": "other_violent_crime",
        "crime_date": "2026-10-19",
        "applicant_kind": "direct_victim",
        "applicant_name": "Synthetic Applicant",
        "victim_name": "Synthetic Applicant",
        "victim_birth_date": "1990-05-01",
        "victim_address": "1 Example Street, Prishtinë",
        "reported_to_police": true,
        "language": "sq",
        "claimed_losses": [
            {"head": "medical_costs", "amount": "1200.00", "details": "Synthetic Clinic"}
        ],
        "consent_given": true
    })
}

/// A tiny but genuine PDF header followed by synthetic content; `marker` makes it unique.
pub fn pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% synthetic document {marker}\n%%EOF\n").into_bytes()
}

/// The multipart form of a document upload: its `kind` and the file.
pub fn upload_form(kind: &str, name: &str, bytes: Vec<u8>) -> Form {
    Form::new()
        .text("kind", kind.to_owned())
        .part("file", Part::bytes(bytes).file_name(name.to_owned()))
}

/// Problem code of an error response, asserting its status and media type.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    response.json().await.unwrap()
}

/// Generates, for each test function, one test per database: `sqlite::name` and `postgres::name`.
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await.unwrap();
                    super::$test(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    if let Some(app) = crate::helpers::spawn_app(crate::helpers::Backend::Postgres).await {
                        super::$test(app).await;
                    }
                }
            )*
        }
    };
}
pub(crate) use on_both_databases;

/// Runs the `redress` binary with the shipped forms, `environment` and `input` on standard input.
pub fn redress_with_input(
    arguments: &[&str],
    environment: &[(&str, &str)],
    input: &str,
) -> std::process::Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_redress"))
        .args(arguments)
        .envs(environment.iter().copied())
        .env("REDRESS_FORMS_DIR", forms_dir())
        .env("REDRESS_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running redress");
    child
        .stdin
        .take()
        .expect("standard input")
        .write_all(input.as_bytes())
        .expect("writing the input");
    child.wait_with_output().expect("waiting for redress")
}
