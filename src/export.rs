//! `reldb export`: one CSV report per named query, written whole or not at all.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::db::Database;
use crate::error::{Error, Result};
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
/// beside its final name and renamed into place, so a reader never sees half a report.
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
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for query in queries {
        let path = dir.join(format!("{}.csv", query.name));
        let partial = dir.join(format!(".{}.csv.partial", query.name));
        let file = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let mut out = BufWriter::new(file);
        let rows = queries::run(db, query, &[], Format::Csv, &mut out)?;
        drop(out);
        fs::rename(&partial, &path).map_err(|e| Error::io(&path, e))?;
        written.push(Exported {
            query: query.name.clone(),
            path,
            rows,
        });
    }
    Ok(written)
}
