//! Wiring: open the database and the jurisdiction packages, then serve. `main` only calls this.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poem::Server;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};
use sea_orm::DatabaseConnection;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::forms::Jurisdictions;
use crate::service::{Clock, Services};
use crate::settings::Settings;
use crate::web::{CsrfKey, WebConfig};
use crate::{api, store};

/// How long in-flight requests may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How a command expects to find the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseMode {
    /// Create it if it is missing and apply pending migrations (`serve`, `migrate`).
    CreateAndMigrate,
    /// It must exist and be migrated already (`audit verify`, `user add`): a mistyped URL must
    /// not yield a fresh, empty, "intact" database.
    Existing,
}

/// Connects and, per `mode`, migrates or checks that nothing is pending.
pub async fn database(
    settings: &Settings,
    mode: DatabaseMode,
) -> anyhow::Result<DatabaseConnection> {
    let url = &settings.database_url;
    let kind = settings
        .database_kind()
        .context("the database URL must start with sqlite:// or postgres:// (or postgresql://)")?;
    let create = mode == DatabaseMode::CreateAndMigrate;
    let database = store::connect(url, create)
        .await
        .map_err(|error| anyhow::anyhow!(redact(&error.to_string(), url)))
        .with_context(|| match mode {
            DatabaseMode::CreateAndMigrate => format!("connecting to the {kind} database"),
            DatabaseMode::Existing => {
                format!("opening the {kind} database (it must exist; `redress migrate` creates it)")
            }
        })?;
    match mode {
        DatabaseMode::CreateAndMigrate => store::migrate(&database)
            .await
            .context("migrating the database")?,
        DatabaseMode::Existing => {
            let pending = store::pending_migrations(&database)
                .await
                .context("reading the schema version")?;
            anyhow::ensure!(
                pending == 0,
                "the database is {pending} migrations behind; run `redress migrate` first"
            );
        }
    }
    Ok(database)
}

/// Everything `serve` needs: the jurisdiction packages and a migrated database.
pub async fn open(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Services> {
    let jurisdictions = Jurisdictions::load(&settings.forms_dir)?;
    let database = database(settings, DatabaseMode::CreateAndMigrate).await?;
    let services = Services::new(
        database,
        jurisdictions,
        clock,
        settings.session_lifetime_hours,
    );
    let services = services
        .with_upload_bytes_maximum(settings.upload_bytes_maximum)
        .with_session_cache_seconds(settings.session_cache_seconds)
        .with_public_url(&settings.public_url)
        .with_statistics_threshold(settings.statistics_threshold)
        .with_browser_session_limits(settings.browser_sessions)
        .with_notifying(settings.notifying.clone());
    Ok(match &settings.payer {
        Some(payer) => services.with_payer(payer.clone()),
        None => services,
    })
}

/// Services for commands that touch users or the audit trail but no claim's rules.
pub async fn open_existing(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Services> {
    let database = database(settings, DatabaseMode::Existing).await?;
    Ok(Services::new(
        database,
        Jurisdictions::none(),
        clock,
        settings.session_lifetime_hours,
    ))
}

/// Runs the deadline scheduler until `stop` is cancelled: one pass at once, for deadlines that
/// fell due while the server was down, then one every `interval`.
pub fn spawn_scheduler(
    services: Services,
    interval: Duration,
    stop: CancellationToken,
) -> JoinHandle<()> {
    let pass = |services: Services| async move {
        match services.run_due_deadlines().await {
            Ok(run) if run == Default::default() => {}
            Ok(run) => tracing::info!(
                performed = run.performed.len(),
                done_elsewhere = run.done_elsewhere,
                failed = run.failed,
                "deadline pass"
            ),
            Err(error) => tracing::error!(error = %error, "deadline pass failed"),
        }
        match services.purge_ended_sessions().await {
            Ok(purged) if purged == Default::default() => {}
            Ok(purged) => tracing::info!(
                browser = purged.browser,
                bearer = purged.bearer,
                "ended sessions purged"
            ),
            Err(error) => tracing::error!(error = %error, "purging ended sessions failed"),
        }
    };
    spawn_periodic(DEADLINE_SCHEDULER, services, (interval, stop), pass)
}

/// Runs the notification passes until `stop` is cancelled, like the deadline scheduler: the
/// appeal-window reminders are enqueued, then every delivery due is attempted. Each attempt is
/// recorded on its own.
pub fn spawn_notifier(
    services: Services,
    interval: Duration,
    stop: CancellationToken,
) -> JoinHandle<()> {
    let pass = |services: Services| async move {
        if let Err(error) = services.enqueue_appeal_reminders().await {
            tracing::error!(error = %error, "appeal reminder pass failed");
        }
        match services.deliver_notifications().await {
            Ok(run) if run == Default::default() => {}
            Ok(run) => tracing::info!(
                delivered = run.delivered,
                retrying = run.retrying,
                dead = run.dead,
                "notification pass"
            ),
            Err(error) => tracing::error!(error = %error, "notification pass failed"),
        }
    };
    spawn_periodic(NOTIFICATION_DISPATCHER, services, (interval, stop), pass)
}

/// The background tasks `serve` runs, by the name their log lines give them.
pub const DEADLINE_SCHEDULER: &str = "deadline scheduler";
pub const NOTIFICATION_DISPATCHER: &str = "notification dispatcher";

/// Runs `pass` once at once and then every `interval` until `stop` is cancelled. A pass under
/// way is finished, not cut short, so stopping never leaves work half done.
fn spawn_periodic<Pass, Done>(
    name: &'static str,
    services: Services,
    (interval, stop): (Duration, CancellationToken),
    pass: Pass,
) -> JoinHandle<()>
where
    Pass: Fn(Services) -> Done + Send + 'static,
    Done: std::future::Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        // A pass that overruns the interval delays the next one instead of starting a burst.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                biased;
                () = stop.cancelled() => break,
                _ = ticks.tick() => {}
            }
            pass(services.clone()).await;
        }
        tracing::info!("{name} stopped");
    })
}

/// Waits for a background task to finish its pass after `stop` was cancelled, for as long as
/// in-flight requests are given; past that the process exits and any open transaction is rolled
/// back with its connection.
pub async fn stop_task(name: &str, task: JoinHandle<()>) {
    match tokio::time::timeout(SHUTDOWN_GRACE, task).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => tracing::error!(error = %error, "the {name} failed"),
        Err(_) => tracing::warn!("the {name} did not finish its pass in time"),
    }
}

/// A driver's error may quote the URL it was given, password included.
fn redact(message: &str, url: &str) -> String {
    message.replace(url, "<database URL>")
}

/// An error and its causes on one line, without the repetition of causes whose text the error
/// above them already quotes.
pub fn describe_error(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// A bound, not yet serving listener: tests bind port 0 and read the port back. Binding comes
/// first, so a port already in use fails before anything touches the database.
pub struct Application {
    acceptor: TcpAcceptor,
    address: SocketAddr,
    web: WebConfig,
}

impl Application {
    pub async fn bind(bind: SocketAddr) -> anyhow::Result<Self> {
        let acceptor = TcpListener::bind(bind)
            .into_acceptor()
            .await
            .with_context(|| format!("binding {bind}"))?;
        let address = acceptor
            .local_addr()
            .first()
            .and_then(|address| address.as_socket_addr().copied())
            .context("reading the bound address")?;
        // A key of this process alone until `with_web` gives the configured one.
        let web = WebConfig {
            csrf_key: CsrfKey::random()?,
            demo: false,
        };
        Ok(Application {
            acceptor,
            address,
            web,
        })
    }

    /// Serves the web UI with this configuration (its CSRF key, demo mode).
    pub fn with_web(mut self, web: WebConfig) -> Self {
        self.web = web;
        self
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Serves until Ctrl-C or SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self, services: Services) -> anyhow::Result<()> {
        Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(
                api::routes(services, self.web),
                shutdown_signal(),
                Some(SHUTDOWN_GRACE),
            )
            .await
            .context("serving")
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(
            tokio::signal::unix::SignalKind::terminate(),
        ) {
            Ok(signal) => signal,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; only Ctrl-C stops the server");
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drivers_error_never_repeats_the_url() {
        let url = "postgres://user:secret@db/redress";
        let message = format!("The connection string '{url}' has no supporting driver.");
        assert!(!redact(&message, url).contains("secret"));
    }

    #[test]
    fn causes_already_quoted_are_not_repeated() {
        let inner = std::io::Error::other("No such file or directory");
        let error =
            anyhow::Error::new(inner).context("forms: cannot be read: No such file or directory");
        assert_eq!(
            describe_error(&error),
            "forms: cannot be read: No such file or directory"
        );
    }
}
