//! `reldb export`: one CSV report per named query, written whole or not at all.

use std::fs;
use std::path::{Path, PathBuf};

use crate::atomic::{self, AtomicFile};
use crate::db::Database;
use crate::error::{Error, Result, UsageError};
use crate::output::Format;
use crate::queries;

/// One report written by [`export_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The named query.
    pub query: String,
    /// The CSV file written.
    pub path: PathBuf,
    /// Rows in it, besides the header.
    pub rows: u64,
}

/// Writes `DIR/NAME.csv` for every named query, run without parameters. Each file is written
/// as an [`AtomicFile`], so a reader never sees half a report, and two exports into one folder
/// at once do not trip over each other's temporary files.
pub fn export_all(db: &Database, dir: &Path) -> Result<Vec<Exported>> {
    export_queries(db, dir, &queries::builtin()?)
}

/// Writes `DIR/NAME.csv` for each of `queries` (built in or the user's), as [`export_all`]
/// does.
pub fn export_queries(
    db: &Database,
    dir: &Path,
    queries: &[queries::NamedQuery],
) -> Result<Vec<Exported>> {
    create_folder(dir)?;
    let mut written = Vec::new();
    for query in queries {
        let path = dir.join(format!("{}.csv", query.name));
        let rows = export_one(db, query, &path).map_err(|source| Error::Export {
            query: query.name.clone(),
            path: path.clone(),
            source: Box::new(source),
        })?;
        written.push(Exported {
            query: query.name.clone(),
            path,
            rows,
        });
    }
    Ok(written)
}

/// Creates `dir` if missing; a file by that name is not taken for a folder.
fn create_folder(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(UsageError::ExportIntoFile {
            dir: dir.to_path_buf(),
        }
        .into());
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Writes one report whole, or leaves `path` as it was.
fn export_one(db: &Database, query: &queries::NamedQuery, path: &Path) -> Result<u64> {
    atomic::refuse_overwrite(path, db.path(), &[])?;
    let mut out = AtomicFile::create(path)?;
    let rows = queries::run(db, query, &[], Format::Csv, &mut out)?;
    out.commit()?;
    Ok(rows)
}
