//! A consistent copy of a SQLite database while it serves.
//!
//! `VACUUM INTO` rather than the online backup API (`sqlite3_backup_*`): sqlx exposes no backup
//! API, and reaching it would mean unsafe FFI through a raw handle. `VACUUM INTO` runs inside
//! one read transaction of SQLite itself, so the copy is the database as of one instant even
//! while other connections keep committing (WAL mode lets them), it is compacted, and it is a
//! plain database file with no WAL beside it.

use std::path::Path;

use anyhow::Context as _;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

/// Writes the database to `path`, which must not exist or must be empty.
pub async fn vacuum_into(database: &DatabaseConnection, path: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        database.get_database_backend() == DatabaseBackend::Sqlite,
        "only a SQLite database is copied with VACUUM INTO"
    );
    let path = path
        .to_str()
        .context("the backup's path is not valid UTF-8")?;
    // A bound parameter: the path needs no quoting, whatever characters it holds.
    let statement =
        Statement::from_sql_and_values(DatabaseBackend::Sqlite, "VACUUM INTO ?", [path.into()]);
    database
        .execute_raw(statement)
        .await
        .context("copying the database (VACUUM INTO)")?;
    Ok(())
}
