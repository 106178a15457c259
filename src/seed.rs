//! The seed data: reference tables (states, their aliases, sectors) and the dossiers, one CSV
//! file per table. The files in `seed/` are embedded in the binary; `reldb seed --dir` reloads
//! edited copies. Seeding inserts the rows that are not there and keeps those that are (a row
//! the user changed is reported, never overwritten unasked; `replace` puts the seed's back), so
//! seeding twice leaves the same rows.

use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::Transaction;

use crate::catalog::Catalog;
use crate::embedded::SEED_FILES;
use crate::error::{Error, Result, UsageError};
use crate::load::{self, LoadOptions, Mode};

/// Rows written to one table by a seed run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededTable {
    /// The table.
    pub table: String,
    /// The file it was read from.
    pub file: String,
    /// Rows inserted or updated.
    pub rows: u64,
    /// Rows of the database that differ from the seed's and were kept (not with `replace`).
    pub kept: Vec<load::KeptRow>,
}

/// Where a seed file's text comes from.
enum Input {
    /// Embedded in the binary.
    Embedded(&'static str),
    /// A file of `--dir`, read as a stream: the loader bounds what it reads, so a file that
    /// never ends (a link to `/dev/zero`, a pipe) is refused, not read into memory whole.
    File(PathBuf),
}

impl Input {
    fn open(&self) -> Result<Box<dyn Read + '_>> {
        match self {
            Input::Embedded(text) => Ok(Box::new(text.as_bytes())),
            Input::File(path) => {
                let file = File::open(path).map_err(|e| Error::io(path, e))?;
                Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
            }
        }
    }
}

/// Loads the seed files embedded in the binary into `tx`, which the caller commits (or drops, to
/// leave the database as it was).
pub fn load_embedded(tx: &Transaction<'_>, replace: bool) -> Result<Vec<SeededTable>> {
    let files: Vec<(String, String, Input)> = SEED_FILES
        .iter()
        .map(|(table, text)| {
            (
                table.to_string(),
                format!("seed/{table}.csv"),
                Input::Embedded(text),
            )
        })
        .collect();
    load_files(tx, files, replace)
}

/// Loads every `TABLE.csv` in `dir` (a table's file may be missing) into `tx`, which the caller
/// commits.
pub fn load_dir(tx: &Transaction<'_>, dir: &Path, replace: bool) -> Result<Vec<SeededTable>> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let table = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        files.push((table, path.display().to_string(), Input::File(path)));
    }
    if files.is_empty() {
        return Err(UsageError::NoSeedFiles {
            dir: dir.to_path_buf(),
        }
        .into());
    }
    load_files(tx, files, replace)
}

fn load_files(
    tx: &Transaction<'_>,
    mut files: Vec<(String, String, Input)>,
    replace: bool,
) -> Result<Vec<SeededTable>> {
    // A row already in the file is the seed's as it was loaded, or the user's as they changed
    // it: it is replaced only when the user asks.
    let mode = if replace { Mode::Upsert } else { Mode::Keep };
    let catalog = Catalog::read(tx)?;
    let order = catalog.load_order();
    if let Some((table, file, _)) = files
        .iter()
        .find(|(table, _, _)| !order.contains(&table.as_str()))
    {
        return Err(UsageError::NotSeedTable {
            file: file.clone(),
            table: table.clone(),
            known: order
                .iter()
                .map(|t| format!("{t}.csv"))
                .collect::<Vec<_>>()
                .join(", "),
        }
        .into());
    }
    // Each table after the tables it references, so no row refers to one not yet loaded.
    files.sort_by_key(|(table, _, _)| order.iter().position(|t| t == table));
    let mut seeded = Vec::new();
    let mut errors = Vec::new();
    for (table, file, input) in &files {
        match load::load_csv(
            tx,
            table,
            file,
            input.open()?,
            &LoadOptions::new(mode),
            &mut |_| {},
        ) {
            Ok(report) => seeded.push(SeededTable {
                table: table.clone(),
                file: file.clone(),
                rows: report.rows_written,
                kept: report.kept,
            }),
            Err(Error::InvalidRows(rows)) => errors.extend(rows),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidRows(errors));
    }
    tx.execute(
        "INSERT INTO reldb_meta (key, value) VALUES ('seeded_on', datetime('now')) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [],
    )?;
    Ok(seeded)
}
