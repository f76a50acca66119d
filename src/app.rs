//! Wiring: open the database and the jurisdiction packages, then serve. `main` only calls this.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poem::Server;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};

use crate::forms::Jurisdictions;
use crate::service::{Clock, Services};
use crate::settings::Settings;
use crate::{api, store};

/// How long in-flight requests may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Loads the jurisdictions, connects, migrates: everything a command needs before it acts.
pub async fn open(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Services> {
    let jurisdictions = Jurisdictions::load(&settings.forms_dir)?;
    let database = store::connect(&settings.database_url)
        .await
        .with_context(|| format!("connecting to the {} database", settings.database_kind()))?;
    store::migrate(&database)
        .await
        .context("migrating the database")?;
    Ok(Services::new(
        database,
        jurisdictions,
        clock,
        settings.session_lifetime_hours,
    ))
}

/// A bound, not yet running server: tests bind port 0 and read the port back.
pub struct Application {
    acceptor: TcpAcceptor,
    services: Services,
    address: SocketAddr,
}

impl Application {
    pub async fn build(services: Services, bind: SocketAddr) -> anyhow::Result<Self> {
        let acceptor = TcpListener::bind(bind)
            .into_acceptor()
            .await
            .with_context(|| format!("binding {bind}"))?;
        let address = acceptor
            .local_addr()
            .first()
            .and_then(|address| address.as_socket_addr().copied())
            .context("reading the bound address")?;
        Ok(Application {
            acceptor,
            services,
            address,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Serves until Ctrl-C or SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(
                api::routes(self.services),
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
