//! Settings, layered: built-in defaults, then an optional TOML file, then environment variables
//! and flags (clap reads both). The database URL may hold a password, so settings never print it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Deserialize;

use crate::bank::Debtor;
use crate::domain::payout::{Bic, Iban};
use crate::domain::statistics::Threshold;
use crate::service::browser_sessions::BrowserSessionLimits;
use crate::service::notifications::{
    APPEAL_REMINDER_DAYS_DEFAULT, NOTIFICATION_ATTEMPTS_MAXIMUM_DEFAULT,
};
use crate::service::{
    Notifying, SESSION_CACHE_SECONDS_DEFAULT, SESSION_LIFETIME_HOURS_DEFAULT, Smtp,
    UPLOAD_BYTES_MAXIMUM_DEFAULT, Webhook,
};
use crate::web::CsrfKey;

pub const DATABASE_URL_DEFAULT: &str = "sqlite://redress.db";
pub const BIND_DEFAULT: &str = "127.0.0.1:8080";
pub const FORMS_DIR_DEFAULT: &str = "forms";
/// Where the public reaches the server; printed (as a QR code) on decisions to verify them.
pub const PUBLIC_URL_DEFAULT: &str = "http://127.0.0.1:8080";
/// Without a configured public URL, the server's own address, so a decision's verification
/// link works on the machine that issued it; an address listening everywhere is `localhost`.
fn public_url_of(bind: SocketAddr) -> String {
    let port = bind.port();
    match bind.ip() {
        ip if ip.is_unspecified() => format!("http://localhost:{port}"),
        ip => format!("http://{}", SocketAddr::new(ip, port)),
    }
}

/// How often `serve` looks for deadlines that have fallen due.
pub const SCHEDULER_INTERVAL_SECONDS_DEFAULT: u64 = 60;
/// How often `serve` delivers pending notifications and looks for appeal windows closing.
pub const NOTIFICATION_INTERVAL_SECONDS_DEFAULT: u64 = 30;
/// The environment variable that may hold the webhook's signing secret instead of the file.
pub const WEBHOOK_SECRET_VARIABLE: &str = "REDRESS_WEBHOOK_SECRET";
/// The environment variable that may hold the SMTP URL (with its password) instead of the file.
pub const SMTP_URL_VARIABLE: &str = "REDRESS_SMTP_URL";
/// The environment variable that may hold the web UI's CSRF key instead of `csrf_key_file`.
pub const CSRF_KEY_VARIABLE: &str = "REDRESS_CSRF_KEY";
/// The shortest webhook secret accepted, in bytes.
const WEBHOOK_SECRET_BYTES_MINIMUM: usize = 16;

/// What the optional settings file may hold; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<SocketAddr>,
    forms_dir: Option<PathBuf>,
    session_lifetime_hours: Option<u32>,
    session_cache_seconds: Option<u32>,
    upload_bytes_maximum: Option<usize>,
    public_url: Option<String>,
    scheduler_interval_seconds: Option<u64>,
    /// The scheme's own bank account, which payment batches pay from.
    payer_name: Option<String>,
    payer_iban: Option<String>,
    payer_bic: Option<String>,
    /// Where to POST signed notifications; with `webhook_secret` (or its variable).
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
    /// Where e-mail notices go out, and their sender; both, or neither.
    smtp_url: Option<String>,
    smtp_from: Option<String>,
    notification_interval_seconds: Option<u64>,
    notification_attempts_maximum: Option<u32>,
    appeal_reminder_days: Option<u32>,
    /// The fewest claims a published statistics cell may describe (at least 1).
    statistics_threshold: Option<u64>,
    log_format: Option<LogFormat>,
    /// The web UI signs a session out after this many minutes without a request.
    browser_session_idle_minutes: Option<u32>,
    /// ... and this many hours after sign-in in any case.
    browser_session_absolute_hours: Option<u32>,
    /// A file holding the web UI's CSRF key (at least 32 bytes), the same on every instance.
    csrf_key_file: Option<PathBuf>,
}

/// How log lines are written to standard error.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    #[default]
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

pub struct Settings {
    pub database_url: String,
    pub bind: SocketAddr,
    pub forms_dir: PathBuf,
    pub session_lifetime_hours: u32,
    /// How long a server takes a bearer session it confirmed on trust (0: never); a sign-out
    /// or role change on another server reaches it within this time.
    pub session_cache_seconds: u32,
    /// The largest document upload accepted.
    pub upload_bytes_maximum: usize,
    /// The server's address as the public reaches it, without a trailing slash.
    pub public_url: String,
    /// Seconds between the deadline scheduler's passes; 0 turns the scheduler off.
    pub scheduler_interval_seconds: u64,
    /// The scheme's own bank account; without it batches cannot be exported.
    pub payer: Option<Debtor>,
    /// The fewest claims a published statistics cell may describe.
    pub statistics_threshold: Threshold,
    /// Text for people, JSON for log collectors.
    pub log_format: LogFormat,
    /// The webhook (its secret never prints), attempts before a delivery is dead, and how many
    /// days before an appeal window closes its reminder goes out.
    pub notifying: Notifying,
    /// Seconds between notification passes (deliveries, reminders); 0 turns them off.
    pub notification_interval_seconds: u64,
    /// The web UI's session timeouts.
    pub browser_sessions: BrowserSessionLimits,
    /// The web UI's CSRF key; never prints. `None` when neither the environment nor the file
    /// gives one: `serve` then draws one at random, for that process alone.
    pub csrf_key: Option<CsrfKey>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Settings")
            .field("database_url", &"<redacted>")
            .field("bind", &self.bind)
            .field("forms_dir", &self.forms_dir)
            .field("session_lifetime_hours", &self.session_lifetime_hours)
            .field("session_cache_seconds", &self.session_cache_seconds)
            .field("upload_bytes_maximum", &self.upload_bytes_maximum)
            .field("public_url", &self.public_url)
            .field(
                "scheduler_interval_seconds",
                &self.scheduler_interval_seconds,
            )
            .field("payer", &self.payer.as_ref().map(|_| "<configured>"))
            .field("statistics_threshold", &self.statistics_threshold)
            .field("log_format", &self.log_format)
            .field("notifying", &self.notifying)
            .field(
                "notification_interval_seconds",
                &self.notification_interval_seconds,
            )
            .field("browser_sessions", &self.browser_sessions)
            .field("csrf_key", &self.csrf_key.as_ref().map(|_| "<configured>"))
            .finish()
    }
}

/// Values given on the command line or in the environment, which win over the file.
#[derive(Debug, Default)]
pub struct Overrides {
    pub database_url: Option<String>,
    pub bind: Option<SocketAddr>,
    pub forms_dir: Option<PathBuf>,
    pub log_format: Option<LogFormat>,
}

impl Settings {
    pub fn load(file: Option<&Path>, overrides: Overrides) -> anyhow::Result<Self> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                toml::from_str(&text).with_context(|| format!("{}", path.display()))?
            }
            None => FileSettings::default(),
        };
        let bind = match overrides.bind.or(from_file.bind) {
            Some(bind) => bind,
            None => BIND_DEFAULT.parse().context("the default bind address")?,
        };
        let payer = payer(
            from_file.payer_name,
            from_file.payer_iban,
            from_file.payer_bic,
        )?;
        let statistics_threshold = match from_file.statistics_threshold {
            None => Threshold::DEFAULT,
            Some(claims) => {
                Threshold::new(claims).context("statistics_threshold: must be at least 1")?
            }
        };
        let webhook = webhook(
            from_file.webhook_url,
            std::env::var(WEBHOOK_SECRET_VARIABLE)
                .ok()
                .or(from_file.webhook_secret),
        )?;
        let email = smtp(
            std::env::var(SMTP_URL_VARIABLE).ok().or(from_file.smtp_url),
            from_file.smtp_from,
        )?;
        let notifying = Notifying {
            webhook,
            email,
            attempts_maximum: from_file
                .notification_attempts_maximum
                .unwrap_or(NOTIFICATION_ATTEMPTS_MAXIMUM_DEFAULT)
                .max(1),
            appeal_reminder_days: from_file
                .appeal_reminder_days
                .unwrap_or(APPEAL_REMINDER_DAYS_DEFAULT),
        };
        let browser_sessions = browser_session_limits(
            from_file.browser_session_idle_minutes,
            from_file.browser_session_absolute_hours,
        )?;
        let csrf_key = csrf_key(
            std::env::var(CSRF_KEY_VARIABLE).ok(),
            from_file.csrf_key_file.as_deref(),
        )?;
        Ok(Settings {
            browser_sessions,
            csrf_key,
            payer,
            statistics_threshold,
            notifying,
            notification_interval_seconds: from_file
                .notification_interval_seconds
                .unwrap_or(NOTIFICATION_INTERVAL_SECONDS_DEFAULT),
            database_url: overrides
                .database_url
                .or(from_file.database_url)
                .unwrap_or_else(|| DATABASE_URL_DEFAULT.to_owned()),
            bind,
            forms_dir: overrides
                .forms_dir
                .or(from_file.forms_dir)
                .unwrap_or_else(|| FORMS_DIR_DEFAULT.into()),
            session_lifetime_hours: from_file
                .session_lifetime_hours
                .unwrap_or(SESSION_LIFETIME_HOURS_DEFAULT),
            session_cache_seconds: from_file
                .session_cache_seconds
                .unwrap_or(SESSION_CACHE_SECONDS_DEFAULT),
            upload_bytes_maximum: from_file
                .upload_bytes_maximum
                .unwrap_or(UPLOAD_BYTES_MAXIMUM_DEFAULT),
            public_url: from_file
                .public_url
                .unwrap_or_else(|| public_url_of(bind))
                .trim_end_matches('/')
                .to_owned(),
            scheduler_interval_seconds: from_file
                .scheduler_interval_seconds
                .unwrap_or(SCHEDULER_INTERVAL_SECONDS_DEFAULT),
            log_format: overrides
                .log_format
                .or(from_file.log_format)
                .unwrap_or_default(),
        })
    }

    /// The backend's name, which is safe to log where the URL is not; `None` if unsupported.
    pub fn database_kind(&self) -> Option<&'static str> {
        let url = self.database_url.as_str();
        if url.starts_with("sqlite:") {
            Some("sqlite")
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some("postgres")
        } else {
            None
        }
    }
}

/// The web UI's session timeouts, each at least a minute (an hour), the idle one no longer
/// than the absolute one.
fn browser_session_limits(
    idle_minutes: Option<u32>,
    absolute_hours: Option<u32>,
) -> anyhow::Result<BrowserSessionLimits> {
    let defaults = BrowserSessionLimits::default();
    let limits = BrowserSessionLimits {
        idle_minutes: idle_minutes.unwrap_or(defaults.idle_minutes),
        absolute_hours: absolute_hours.unwrap_or(defaults.absolute_hours),
    };
    anyhow::ensure!(
        limits.idle_minutes >= 1,
        "browser_session_idle_minutes: must be at least 1"
    );
    anyhow::ensure!(
        limits.absolute_hours >= 1,
        "browser_session_absolute_hours: must be at least 1"
    );
    anyhow::ensure!(
        u64::from(limits.idle_minutes) <= u64::from(limits.absolute_hours) * 60,
        "browser_session_idle_minutes: must not exceed browser_session_absolute_hours"
    );
    Ok(limits)
}

/// The CSRF key from the environment, else from the file the settings name, else none.
fn csrf_key(
    from_environment: Option<String>,
    file: Option<&Path>,
) -> anyhow::Result<Option<CsrfKey>> {
    let text = match (from_environment, file) {
        (Some(text), _) => text,
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("csrf_key_file: reading {}", path.display()))?,
        (None, None) => return Ok(None),
    };
    let key = CsrfKey::parse(&text).map_err(|reason| {
        anyhow::anyhow!("the CSRF key ({CSRF_KEY_VARIABLE} or csrf_key_file): {reason}")
    })?;
    Ok(Some(key))
}

/// The webhook from its URL and secret: both, or neither.
fn webhook(url: Option<String>, secret: Option<String>) -> anyhow::Result<Option<Webhook>> {
    let (url, secret) = match (url, secret) {
        (None, _) => return Ok(None),
        (Some(url), Some(secret)) => (url, secret),
        (Some(_), None) => {
            anyhow::bail!("webhook_url needs webhook_secret (or {WEBHOOK_SECRET_VARIABLE})")
        }
    };
    anyhow::ensure!(
        url.starts_with("https://") || url.starts_with("http://"),
        "webhook_url: must start with https:// (or http://)"
    );
    anyhow::ensure!(
        secret.len() >= WEBHOOK_SECRET_BYTES_MINIMUM,
        "webhook_secret: must be at least {WEBHOOK_SECRET_BYTES_MINIMUM} bytes"
    );
    Ok(Some(Webhook { url, secret }))
}

/// The SMTP server from its URL and sender address: both, or neither.
fn smtp(url: Option<String>, from: Option<String>) -> anyhow::Result<Option<Smtp>> {
    match (url, from) {
        (None, None) => Ok(None),
        (Some(url), Some(from)) => {
            anyhow::ensure!(
                url.starts_with("smtp://") || url.starts_with("smtps://"),
                "smtp_url: must start with smtps:// (or smtp://)"
            );
            anyhow::ensure!(
                crate::domain::notices::EmailAddress::parse(&from).is_ok(),
                "smtp_from: must be an e-mail address"
            );
            Ok(Some(Smtp { url, from }))
        }
        _ => anyhow::bail!("smtp_url and smtp_from: set both, or neither"),
    }
}

/// The payer account from its three keys: all of name and IBAN, or none.
fn payer(
    name: Option<String>,
    iban: Option<String>,
    bic: Option<String>,
) -> anyhow::Result<Option<Debtor>> {
    let (name, iban) = match (name, iban) {
        (None, None) if bic.is_none() => return Ok(None),
        (Some(name), Some(iban)) => (name, iban),
        _ => anyhow::bail!("payer_name and payer_iban: set both, or neither"),
    };
    let iban = Iban::parse(&iban).map_err(|error| anyhow::anyhow!("payer_iban: {error}"))?;
    let bic = bic
        .map(|bic| Bic::parse(&bic).map_err(|error| anyhow::anyhow!("payer_bic: {error}")))
        .transpose()?;
    Ok(Some(Debtor { name, iban, bic }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_public_url_the_server_names_its_own_address() {
        let public_url = |bind: &str| public_url_of(bind.parse().unwrap());
        assert_eq!(public_url("127.0.0.1:18080"), "http://127.0.0.1:18080");
        assert_eq!(public_url("0.0.0.0:8080"), "http://localhost:8080");
        assert_eq!(public_url("[::1]:8080"), "http://[::1]:8080");
    }

    #[test]
    fn flags_win_over_the_file_and_the_file_over_defaults() {
        let path =
            std::env::temp_dir().join(format!("redress-settings-{}.toml", std::process::id()));
        std::fs::write(
            &path,
            "database_url = \"sqlite://from-file.db\"\nbind = \"127.0.0.1:9000\"\n",
        )
        .unwrap();
        let overrides = Overrides {
            bind: Some("127.0.0.1:9100".parse().unwrap()),
            ..Overrides::default()
        };
        let settings = Settings::load(Some(&path), overrides).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(settings.database_url, "sqlite://from-file.db");
        assert_eq!(settings.bind.port(), 9100);
        assert_eq!(settings.forms_dir, PathBuf::from("forms"));
        assert_eq!(
            settings.scheduler_interval_seconds,
            SCHEDULER_INTERVAL_SECONDS_DEFAULT
        );
    }

    #[test]
    fn the_file_sets_the_scheduler_interval() {
        let path = std::env::temp_dir().join(format!(
            "redress-settings-interval-{}.toml",
            std::process::id()
        ));
        std::fs::write(&path, "scheduler_interval_seconds = 0\n").unwrap();
        let settings = Settings::load(Some(&path), Overrides::default()).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(settings.scheduler_interval_seconds, 0);
    }

    #[test]
    fn the_file_sets_the_statistics_threshold_of_at_least_one_claim() {
        let path = std::env::temp_dir().join(format!(
            "redress-settings-threshold-{}.toml",
            std::process::id()
        ));
        std::fs::write(&path, "statistics_threshold = 10\n").unwrap();
        let settings = Settings::load(Some(&path), Overrides::default()).unwrap();
        assert_eq!(settings.statistics_threshold, Threshold::new(10).unwrap());
        std::fs::write(&path, "statistics_threshold = 0\n").unwrap();
        let refused = Settings::load(Some(&path), Overrides::default());
        std::fs::remove_file(&path).unwrap();
        let message = format!("{:#}", refused.err().unwrap());
        assert!(message.contains("statistics_threshold"), "{message}");
        assert_eq!(
            Settings::load(None, Overrides::default())
                .unwrap()
                .statistics_threshold,
            Threshold::DEFAULT
        );
    }

    #[test]
    fn the_log_format_comes_from_the_file_unless_the_environment_says_otherwise() {
        let path = std::env::temp_dir().join(format!(
            "redress-settings-log-format-{}.toml",
            std::process::id()
        ));
        std::fs::write(&path, "log_format = \"json\"\n").unwrap();
        let from_file = Settings::load(Some(&path), Overrides::default()).unwrap();
        let overrides = Overrides {
            log_format: Some(LogFormat::Text),
            ..Overrides::default()
        };
        let overridden = Settings::load(Some(&path), overrides).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(from_file.log_format, LogFormat::Json);
        assert_eq!(overridden.log_format, LogFormat::Text);
        assert_eq!(
            Settings::load(None, Overrides::default())
                .unwrap()
                .log_format,
            LogFormat::Text
        );
    }

    #[test]
    fn the_file_sets_the_webhook_and_its_secret_never_prints() {
        let path = std::env::temp_dir().join(format!(
            "redress-settings-webhook-{}.toml",
            std::process::id()
        ));
        let text = "webhook_url = \"https://receiver.example/hook\"\n\
                    webhook_secret = \"0123456789abcdef-secret\"\n\
                    notification_attempts_maximum = 3\n";
        std::fs::write(&path, text).unwrap();
        let settings = Settings::load(Some(&path), Overrides::default()).unwrap();
        std::fs::remove_file(&path).unwrap();
        let webhook = settings.notifying.webhook.as_ref().unwrap();
        assert_eq!(webhook.url, "https://receiver.example/hook");
        assert_eq!(settings.notifying.attempts_maximum, 3);
        assert!(!format!("{settings:?}").contains("0123456789abcdef"));
    }

    #[test]
    fn smtp_needs_a_url_and_a_sender_and_its_url_never_prints() {
        let url = "smtps://mailer:p4ssw0rd@smtp.example.org";
        let smtp = smtp(Some(url.into()), Some("redress@example.org".into())).unwrap();
        assert!(!format!("{smtp:?}").contains("p4ssw0rd"));
        assert!(super::smtp(Some(url.into()), None).is_err());
        assert!(super::smtp(Some(url.into()), Some("nobody".into())).is_err());
        let http = super::smtp(Some("https://x".into()), Some("a@example.org".into()));
        assert!(http.is_err());
    }

    #[test]
    fn the_csrf_key_comes_from_a_file_and_never_prints() {
        let path = std::env::temp_dir().join(format!("redress-csrf-{}.key", std::process::id()));
        std::fs::write(&path, "0123456789abcdef0123456789abcdef-csrf\n").unwrap();
        let key = csrf_key(None, Some(&path)).unwrap();
        std::fs::write(&path, "too short").unwrap();
        let short = csrf_key(None, Some(&path));
        std::fs::remove_file(&path).unwrap();
        assert!(key.is_some());
        assert!(short.is_err());
        assert!(csrf_key(None, None).unwrap().is_none());
        let settings = Settings {
            csrf_key: key,
            ..Settings::load(None, Overrides::default()).unwrap()
        };
        assert!(!format!("{settings:?}").contains("0123456789abcdef"));
    }

    #[test]
    fn browser_session_timeouts_are_checked() {
        assert_eq!(
            browser_session_limits(None, None).unwrap(),
            BrowserSessionLimits::default()
        );
        assert!(browser_session_limits(Some(0), None).is_err());
        assert!(browser_session_limits(Some(120), Some(1)).is_err());
        assert_eq!(
            browser_session_limits(Some(15), Some(8))
                .unwrap()
                .idle_minutes,
            15
        );
    }

    #[test]
    fn a_webhook_without_a_secret_is_refused() {
        let refused = webhook(Some("https://receiver.example/hook".into()), None);
        assert!(refused.is_err());
        let short = webhook(
            Some("https://receiver.example/hook".into()),
            Some("x".into()),
        );
        assert!(short.is_err());
    }

    #[test]
    fn the_database_url_never_prints() {
        let overrides = Overrides {
            database_url: Some("postgres://user:secret@db/redress".into()),
            ..Overrides::default()
        };
        let settings = Settings::load(None, overrides).unwrap();
        assert!(!format!("{settings:?}").contains("secret"));
    }
}
