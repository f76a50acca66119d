//! Use cases: load what a decision needs, ask the domain, persist the outcome.
//!
//! Architecture invariant: this is the only layer that writes a claim. Every change runs in one
//! transaction that updates the claim under an optimistic version check and appends its audit
//! event; both commit or neither does.

pub mod access_log;
pub mod assignments;
pub mod audit;
pub mod auth;
mod awards;
mod backup;
pub mod browser_sessions;
pub mod claims;
pub mod clock;
mod decisions;
pub mod demo;
mod documents;
mod error;
mod evidence;
pub mod idempotency;
mod letters;
mod metrics;
pub mod notifications;
pub mod payments;
mod scheduler;
mod session_cache;
pub mod statistics;
mod throttle;
pub mod users;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::ServiceError;
pub use notifications::{DeliveryRun, Notifying, Smtp, Webhook};
pub use scheduler::DeadlineRun;
pub use session_cache::SESSION_CACHE_SECONDS_DEFAULT;
use session_cache::SessionCache;
use throttle::LoginThrottle;

use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::forms::Jurisdictions;

/// The largest document accepted unless configured otherwise: 20 MiB.
pub const UPLOAD_BYTES_MAXIMUM_DEFAULT: usize = 20 * 1024 * 1024;

/// How long a bearer token lives unless revoked.
pub const SESSION_LIFETIME_HOURS_DEFAULT: u32 = 12;

/// Everything a use case needs, cheap to clone into every request.
#[derive(Clone)]
pub struct Services {
    database: DatabaseConnection,
    jurisdictions: Arc<Jurisdictions>,
    clock: Arc<dyn Clock>,
    session_lifetime_hours: u32,
    upload_bytes_maximum: usize,
    login_throttle: LoginThrottle,
    /// Shared by every clone, so a sign-out forgets the session for every request.
    sessions: SessionCache,
    public_url: Arc<str>,
    /// The scheme's own account, which batches pay from; configured, never defaulted.
    payer: Option<Arc<crate::bank::Debtor>>,
    /// The fewest claims a published statistics cell may describe.
    statistics_threshold: crate::domain::statistics::Threshold,
    /// Shared by every clone, so all requests count into the one `/metrics`.
    metrics: Arc<crate::metrics::Metrics>,
    /// How notices leave the server (webhook, retries) and the HTTP client that sends them.
    notifier: Arc<notifications::Notifier>,
    /// The web UI's session timeouts.
    browser_sessions: browser_sessions::BrowserSessionLimits,
}

impl Services {
    pub fn new(
        database: DatabaseConnection,
        jurisdictions: Jurisdictions,
        clock: Arc<dyn Clock>,
        session_lifetime_hours: u32,
    ) -> Self {
        Services {
            database,
            jurisdictions: Arc::new(jurisdictions),
            clock,
            session_lifetime_hours,
            upload_bytes_maximum: UPLOAD_BYTES_MAXIMUM_DEFAULT,
            login_throttle: LoginThrottle::new(),
            sessions: SessionCache::new(SESSION_CACHE_SECONDS_DEFAULT),
            public_url: Arc::from(crate::settings::PUBLIC_URL_DEFAULT),
            payer: None,
            statistics_threshold: crate::domain::statistics::Threshold::DEFAULT,
            metrics: Arc::new(crate::metrics::Metrics::new()),
            notifier: notifications::Notifier::new(Notifying::default()),
            browser_sessions: browser_sessions::BrowserSessionLimits::default(),
        }
    }

    /// Sets the largest document accepted.
    pub fn with_upload_bytes_maximum(mut self, bytes: usize) -> Self {
        self.upload_bytes_maximum = bytes;
        self
    }

    /// Sets how long a confirmed bearer session is taken on trust; 0 reads every request's
    /// session from the database.
    pub fn with_session_cache_seconds(mut self, seconds: u32) -> Self {
        self.sessions = SessionCache::new(seconds);
        self
    }

    /// Sets the address the public reaches the server at (for verification links).
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url);
        self
    }

    /// Sets the web UI's session timeouts.
    pub fn with_browser_session_limits(
        mut self,
        limits: browser_sessions::BrowserSessionLimits,
    ) -> Self {
        self.browser_sessions = limits;
        self
    }

    /// The address the public reaches the server at, without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Sets the scheme's own bank account, which batches pay from.
    pub fn with_payer(mut self, payer: crate::bank::Debtor) -> Self {
        self.payer = Some(Arc::new(payer));
        self
    }

    fn payer(&self) -> Option<&crate::bank::Debtor> {
        self.payer.as_deref()
    }

    pub fn upload_bytes_maximum(&self) -> usize {
        self.upload_bytes_maximum
    }

    pub fn database(&self) -> &DatabaseConnection {
        &self.database
    }

    pub fn metrics(&self) -> &Arc<crate::metrics::Metrics> {
        &self.metrics
    }

    pub fn jurisdictions(&self) -> &Jurisdictions {
        &self.jurisdictions
    }

    /// Now, to the microsecond: the precision both databases store exactly, so an event's hash
    /// computed before storing equals the one recomputed after reading it back.
    fn now(&self) -> DateTime<Utc> {
        let now = self.clock.now();
        let micros = now.timestamp_micros();
        DateTime::from_timestamp_micros(micros).unwrap_or(now)
    }

    /// Today's date for deadlines. Dates are UTC dates; a scheme whose deadlines must follow its
    /// local calendar day sets the server's clock source accordingly.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    fn rules(&self, id: &JurisdictionId) -> Result<&JurisdictionRules, ServiceError> {
        self.jurisdictions
            .get(id)
            .ok_or_else(|| ServiceError::Invalid {
                field: "jurisdiction",
                reason: format!("{id} is not a jurisdiction this server serves"),
            })
    }

    /// Whether the database answers (for readiness probes).
    pub async fn database_ready(&self) -> bool {
        self.database.ping().await.is_ok()
    }
}
