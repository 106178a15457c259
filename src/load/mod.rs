//! Loading a CSV file into a table: the one path that seed files and `reldb import` share.
//!
//! Every value is checked before it is written: its type, partial ISO dates that exist in the
//! calendar, an end not before its start, states named by code or name (as of the row's date),
//! references to other rows, and duplicates against the file and the database. The caller owns
//! the transaction, so a refused file leaves the database as it was.

mod cell;
mod duplicates;
mod loader;
mod plan;
mod read;
mod rules;
mod table;

use std::io::Read;

use rusqlite::Connection;

use crate::error::{Error, Result, RowError};
use crate::states::StateResolver;

use loader::Loader;
use read::CsvRows;
pub(crate) use table::{loadable_tables, ColumnKind, TableInfo};

/// How many rows pass between two calls of the progress callback.
const PROGRESS_EVERY: u64 = 8192;

/// What a loaded row does when its key is already in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse it as a duplicate (`reldb import`).
    Insert,
    /// Update the row in place (`reldb update`, and `reldb seed --replace`).
    Upsert,
    /// Insert the rows that are not there and keep those that are, reporting each kept row
    /// that differs (`reldb seed`: a row the user changed is never overwritten unasked).
    Keep,
}

/// How to read a file into a table.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Insert or upsert.
    pub mode: Mode,
    /// `(column, header)`: read `column` from a differently named header.
    pub map: Vec<(String, String)>,
    /// `(column, value)`: give `column` this value in every row.
    pub set: Vec<(String, String)>,
    /// Write the good rows and return the bad ones, instead of refusing the file.
    pub keep_going: bool,
    /// Drop the table's plain indexes before the load and build them again after it (in the
    /// same transaction): several times faster for large files.
    pub rebuild_indexes: bool,
    /// The byte between fields: `,` unless the file uses `;` or tab.
    pub delimiter: u8,
    /// Header columns to leave unread (`--ignore-column`).
    pub ignore_columns: Vec<String>,
    /// Leave unread every header column the table does not have (`--skip-unknown-columns`).
    pub skip_unknown_columns: bool,
    /// A name of a constituent part on the row's date means the state it was part of
    /// (`--part-of`).
    pub part_of: bool,
}

impl LoadOptions {
    /// Options for a plain load in `mode`.
    pub fn new(mode: Mode) -> Self {
        LoadOptions {
            mode,
            map: Vec::new(),
            set: Vec::new(),
            keep_going: false,
            rebuild_indexes: false,
            delimiter: b',',
            ignore_columns: Vec::new(),
            skip_unknown_columns: false,
            part_of: false,
        }
    }
}

/// A row that was refused, with the reasons.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    /// The row's fields as read.
    pub record: Vec<String>,
    /// Why it was refused (one entry per problem).
    pub errors: Vec<RowError>,
}

/// What a load did.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// The table loaded.
    pub table: String,
    /// The header of the file.
    pub header: Vec<String>,
    /// Data rows read.
    pub rows_read: u64,
    /// Rows written (inserted or updated).
    pub rows_written: u64,
    /// Rows refused (only with `keep_going`; otherwise the load fails).
    pub rejected: Vec<RejectedRow>,
    /// Header columns left unread (`--ignore-column`, `--skip-unknown-columns`).
    pub skipped_columns: Vec<String>,
    /// With [`Mode::Keep`]: the rows already in the table that differ from the file's, kept.
    pub kept: Vec<KeptRow>,
}

/// A row of the table that differs from the file's row of the same key, kept as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptRow {
    /// The line of the file's row.
    pub line: u64,
    /// The key, as `column = value` pairs.
    pub key: String,
    /// The columns whose values differ.
    pub columns: Vec<String>,
}

/// Loads CSV from `input` (named `file` in messages) into `table`. `progress` is called now
/// and then with the number of bytes read so far.
///
/// Runs on the caller's transaction; on error (or refused rows without `keep_going`) the
/// caller must roll back, which dropping an uncommitted transaction does.
pub fn load_csv(
    conn: &Connection,
    table: &str,
    file: &str,
    input: impl Read,
    options: &LoadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<LoadReport> {
    let in_transaction = !conn.is_autocommit();
    let (mut rows, header) = CsvRows::open(input, file, options.delimiter)?;
    let resolver = StateResolver::load(conn)?.with_part_of(options.part_of);
    let rebuilt = if options.rebuild_indexes {
        drop_indexes(conn, table)?
    } else {
        Vec::new()
    };
    let mut loader = Loader::new(conn, table, file, header, options, &resolver)?;
    let mut report = LoadReport {
        table: table.to_string(),
        header: loader.header.clone(),
        rows_read: 0,
        rows_written: 0,
        rejected: Vec::new(),
        skipped_columns: skipped_columns(&loader.table, &loader.header, options),
        kept: Vec::new(),
    };
    let mut all_errors: Vec<RowError> = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = rows.next(&mut record)? {
        report.rows_read += 1;
        if report.rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(record.position().map_or(0, |p| p.byte()));
        }
        let loaded = loader.load_row(&record, line);
        // A statement that failed for the file (a full disk, an I/O error) rather than the
        // row ends the caller's transaction: SQLite has rolled it back, and every later row
        // would be written on its own. The load ends with that failure.
        if let Err(errors) = &loaded {
            if in_transaction && conn.is_autocommit() {
                let cause = errors.first().map_or("", |e| e.message.as_str());
                return Err(Error::storage(cause));
            }
        }
        match loaded {
            Ok(()) => report.rows_written += 1,
            Err(errors) if options.keep_going => report.rejected.push(RejectedRow {
                record: record.iter().map(str::to_string).collect(),
                errors,
            }),
            Err(errors) => all_errors.extend(errors),
        }
    }
    rows.finish()?;
    report.kept = std::mem::take(&mut loader.kept);
    if !all_errors.is_empty() {
        return Err(Error::InvalidRows(all_errors));
    }
    drop(loader);
    for sql in rebuilt {
        conn.execute_batch(&sql)?;
    }
    Ok(report)
}

/// The header columns that nothing reads: neither a column of the table nor `--map`ped.
fn skipped_columns(table: &TableInfo, header: &[String], options: &LoadOptions) -> Vec<String> {
    header
        .iter()
        .filter(|h| table.column(h).is_none() && !options.map.iter().any(|(_, w)| w == *h))
        .cloned()
        .collect()
}

/// Drops the table's indexes that enforce nothing (not UNIQUE, not a key) and returns the SQL
/// that builds them again.
fn drop_indexes(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, m.sql FROM sqlite_master AS m \
         JOIN pragma_index_list(?1) AS i ON i.name = m.name \
         WHERE m.type = 'index' AND m.sql IS NOT NULL AND i.\"unique\" = 0",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX {}", quote(name)))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Quotes an identifier taken from the schema (never from user data).
pub(super) fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
