//! Persistence: sea-orm queries, conversion between rows and domain values, and the database
//! settings that make commits durable on both backends.
//!
//! Architecture invariant: only `service` calls into this module, and only this module builds
//! queries. Every write that changes a claim goes through `claims::save_change`, which updates
//! the row under an optimistic version check and appends the audit event in the same transaction.

pub mod access_log;
pub mod assignments;
pub mod backup;
pub mod browser_sessions;
pub mod claims;
mod convert;
pub mod decisions;
pub mod documents;
pub mod events;
pub mod evidence;
pub mod idempotency;
pub mod interim_awards;
pub mod letters;
pub mod notifications;
pub mod payments;
pub mod recoveries;
pub mod scheduler;
pub mod statistics;
pub mod users;
pub mod votes;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// How long a SQLite writer waits for the single write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const SQLITE_CONNECTIONS_MAXIMUM: u32 = 8;
const POSTGRES_CONNECTIONS_MAXIMUM: u32 = 16;

/// Connects with durable commits: SQLite in WAL mode with `synchronous=FULL`, foreign keys on
/// and a busy timeout; PostgreSQL with its default (synchronous) commit.
pub async fn connect(url: &str, create_if_missing: bool) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    // Statements can carry personal data in their parameters; they are never logged.
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        options
            .max_connections(SQLITE_CONNECTIONS_MAXIMUM)
            .map_sqlx_sqlite_opts(move |sqlite| {
                sqlite
                    .create_if_missing(create_if_missing)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
    } else {
        options.max_connections(POSTGRES_CONNECTIONS_MAXIMUM);
    }
    Database::connect(options).await
}

pub async fn migrate(database: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(database, None).await
}

/// How many migrations the database has not had yet.
pub async fn pending_migrations(database: &DatabaseConnection) -> Result<usize, DbErr> {
    Ok(Migrator::get_pending_migrations(database).await?.len())
}

/// Opens a transaction that will write. On SQLite it takes the write lock at BEGIN
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads first cannot upgrade to a writer after
/// another connection commits, and would fail with SQLITE_BUSY instead of waiting.
pub async fn begin_write(database: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let sqlite_transaction_mode = (database.get_database_backend() == DatabaseBackend::Sqlite)
        .then_some(SqliteTransactionMode::Immediate);
    database
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode,
            ..TransactionOptions::default()
        })
        .await
}

/// Whether an error is a unique-constraint violation (a duplicate key), on either backend.
pub fn is_unique_violation(error: &DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
