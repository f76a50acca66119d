//! What the benchmark drivers share: a fresh database of either kind, the real server started
//! in-process over it, the seeder, the document and award samples, and the timing helpers.
//!
//! Each driver (`platform`, `scale`, `documents`, `awards`) includes this module and uses a
//! different part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod samples;
pub mod seed;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use redress::app::{self, Application};
use redress::domain::{FullName, Role};
use redress::service::auth::Password;
use redress::service::{Services, SystemClock};
use redress::settings::{Overrides, Settings};
use sea_orm::{ConnectionTrait, Database};

/// Where the drivers find PostgreSQL's admin database unless told otherwise; each run creates
/// and drops a database of its own through it.
pub const POSTGRES_URL_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// The environment variable that overrides it.
pub const POSTGRES_URL_VARIABLE: &str = "REDRESS_BENCH_POSTGRES_URL";

/// The benchmark users' password.
const PASSWORD: &str = "benchmark password, synthetic";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    /// `sqlite`, `postgres` or `both`.
    pub fn parse_list(text: &str) -> anyhow::Result<Vec<Backend>> {
        match text {
            "sqlite" => Ok(vec![Backend::Sqlite]),
            "postgres" => Ok(vec![Backend::Postgres]),
            "both" => Ok(vec![Backend::Sqlite, Backend::Postgres]),
            other => anyhow::bail!("--database takes sqlite, postgres or both, not {other}"),
        }
    }
}

/// The value following `flag` on the command line, if given.
pub fn argument(arguments: &[String], flag: &str) -> Option<String> {
    arguments
        .iter()
        .position(|argument| argument == flag)
        .and_then(|at| arguments.get(at + 1))
        .cloned()
}

/// `cargo bench` passes `--bench`; `cargo test` runs the driver without it, which makes it a
/// smoke run: every measurement once, at tiny size, and no figure worth reading.
pub fn is_smoke_run(arguments: &[String]) -> bool {
    !arguments.iter().any(|argument| argument == "--bench")
}

/// A database created for one run and removed after it.
pub struct FreshDatabase {
    pub backend: Backend,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFolder(#[allow(dead_code)] tempfile::TempDir),
    PostgresDatabase { admin_url: String, name: String },
}

impl FreshDatabase {
    pub async fn create(backend: Backend) -> anyhow::Result<Self> {
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                // Beside the build, not in /tmp: tmpfs would make SQLite's fsync free.
                let parent = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
                std::fs::create_dir_all(&parent)?;
                let folder = tempfile::tempdir_in(parent).context("a temporary folder")?;
                let url = format!("sqlite://{}", folder.path().join("bench.db").display());
                (url, Cleanup::SqliteFolder(folder))
            }
            Backend::Postgres => {
                let admin_url = std::env::var(POSTGRES_URL_VARIABLE)
                    .unwrap_or_else(|_| POSTGRES_URL_DEFAULT.to_owned());
                let name = format!("redress_bench_{}", std::process::id());
                let admin = Database::connect(&admin_url)
                    .await
                    .context("connecting to PostgreSQL")?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                    .await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .context("creating the benchmark database")?;
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(&*admin_url, |(base, _)| base);
                (
                    format!("{base}/{name}"),
                    Cleanup::PostgresDatabase { admin_url, name },
                )
            }
        };
        Ok(FreshDatabase {
            backend,
            url,
            cleanup,
        })
    }

    /// The settings `serve` would run with over this database, on a free port.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let overrides = Overrides {
            database_url: Some(self.url.clone()),
            bind: Some("127.0.0.1:0".parse()?),
            forms_dir: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("forms")),
            ..Overrides::default()
        };
        let mut settings = Settings::load(None, overrides)?;
        // Deadlines and deliveries are not what is measured; a pass mid-run would be noise.
        settings.scheduler_interval_seconds = 0;
        settings.notification_interval_seconds = 0;
        Ok(settings)
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if let Cleanup::PostgresDatabase { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop may run inside a runtime, which cannot block on itself: use a thread.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    let admin = Database::connect(&admin_url).await?;
                    admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await?;
                    anyhow::Ok(())
                })
            });
            let _ = dropped.join();
        }
    }
}

/// The real server, as `serve` runs it (minus logging), over a fresh database.
pub struct Server {
    pub address: SocketAddr,
    pub services: Services,
    pub database: FreshDatabase,
}

impl Server {
    pub async fn start(backend: Backend) -> anyhow::Result<Server> {
        let database = FreshDatabase::create(backend).await?;
        let settings = database.settings()?;
        let services = app::open(&settings, Arc::new(SystemClock)).await?;
        let application = Application::bind(settings.bind).await?;
        let address = application.address();
        tokio::spawn(application.run_until_stopped(services.clone()));
        Ok(Server {
            address,
            services,
            database,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Adds a user holding `role` and signs them in; returns their bearer token.
    pub async fn signed_in(&self, username: &str, role: Role) -> anyhow::Result<String> {
        let full_name = FullName::parse("Synthetic Benchmark User")?;
        self.services
            .add_user(
                (username, &full_name),
                Password::new(PASSWORD.to_owned()),
                BTreeSet::from([role]),
            )
            .await?;
        let session = self
            .services
            .login(username, Password::new(PASSWORD.to_owned()), None)
            .await?;
        Ok(session.token)
    }
}

/// Calls per second of `work`, over `duration`.
pub fn per_second(duration: Duration, mut work: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut count = 0_u32;
    while start.elapsed() < duration {
        work();
        count += 1;
    }
    f64::from(count) / start.elapsed().as_secs_f64()
}

/// What a timed run of requests or transactions yields: its rate and its latencies.
#[derive(Clone, Debug, Default)]
pub struct Timing {
    pub per_second: f64,
    pub latencies: Vec<Duration>,
}

impl Timing {
    pub fn new(count: usize, elapsed: Duration, mut latencies: Vec<Duration>) -> Timing {
        latencies.sort_unstable();
        Timing {
            per_second: count as f64 / elapsed.as_secs_f64(),
            latencies,
        }
    }

    /// The latency below which `percent` of the calls completed, in milliseconds.
    pub fn percentile_ms(&self, percent: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((percent / 100.0) * self.latencies.len() as f64).ceil() as usize;
        let index = rank.clamp(1, self.latencies.len()) - 1;
        self.latencies[index].as_secs_f64() * 1000.0
    }

    /// "p50 / p99" in milliseconds.
    pub fn percentiles_ms(&self) -> String {
        format!(
            "{:.1} / {:.1}",
            self.percentile_ms(50.0),
            self.percentile_ms(99.0)
        )
    }
}
