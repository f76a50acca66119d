//! `redress backup`: a consistent copy of the SQLite database, taken while the server serves,
//! that appears at its final name complete or not at all.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Services;
use crate::store;

impl Services {
    /// Copies the database to `out` and returns the copy's size in bytes. Refuses an `out` that
    /// exists: a backup never overwrites anything, least of all an earlier backup.
    ///
    /// The copy is written under a temporary name beside `out`, flushed to disk, then linked to
    /// `out`; linking fails if `out` appeared meanwhile, where a rename would replace it.
    pub async fn back_up(&self, out: &Path) -> anyhow::Result<u64> {
        anyhow::ensure!(
            std::fs::symlink_metadata(out).is_err(),
            "{} exists; a backup never overwrites a file",
            out.display()
        );
        let partial = partial_name(out)?;
        let result = write_then_link(self, &partial, out).await;
        // The temporary name goes whether the backup succeeded (`out` now holds it) or not.
        let _ = std::fs::remove_file(&partial);
        result
    }
}

async fn write_then_link(services: &Services, partial: &Path, out: &Path) -> anyhow::Result<u64> {
    store::backup::vacuum_into(services.database(), partial).await?;
    let file = File::open(partial).with_context(|| format!("opening {}", partial.display()))?;
    file.sync_all()
        .with_context(|| format!("flushing {} to disk", partial.display()))?;
    let size_bytes = file.metadata().context("reading the backup's size")?.len();
    std::fs::hard_link(partial, out).with_context(|| format!("creating {}", out.display()))?;
    sync_folder(out)?;
    Ok(size_bytes)
}

/// `.<name>.partial-<random>` in `out`'s folder: the same file system, so linking is atomic.
fn partial_name(out: &Path) -> anyhow::Result<PathBuf> {
    let name = out
        .file_name()
        .context("--out must name a file")?
        .to_string_lossy();
    let mut random = [0_u8; 8];
    getrandom::fill(&mut random).map_err(|error| anyhow::anyhow!("drawing a name: {error}"))?;
    Ok(out.with_file_name(format!(".{name}.partial-{}", hex::encode(random))))
}

/// Makes the new name itself durable: without this a crash could keep the file but lose its
/// entry in the folder.
fn sync_folder(out: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let folder = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        File::open(folder)
            .and_then(|folder| folder.sync_all())
            .with_context(|| format!("flushing the folder {}", folder.display()))?;
    }
    #[cfg(not(unix))]
    let _ = out;
    Ok(())
}
