//! Writing rows: an aligned table for people; CSV (RFC 4180), TSV, JSON, JSON Lines and
//! Markdown for programs and documents. Every format but the table streams row by row, so memory
//! stays flat whatever the number of rows; the table reads every row first to size its columns.
//!
//! The options follow the tools analysts already use: `--no-headers` and `--null TEXT` as in the
//! `sqlite3` shell (`.headers off`, `.nullvalue`), `--tsv`/`--nl`-style formats as in
//! sqlite-utils, and `--excel` for CSV that a spreadsheet opens with its accents intact and
//! without running any cell as a formula.
//!
//! One file per concern: the format names and options, the choice of columns
//! (`--columns`), each format's writer, and the table's width fitting and the values it never
//! cuts.

mod columns;
mod delimited;
mod format;
mod json;
mod line;
mod markdown;
mod protected;
mod table;
mod widths;

use std::io::Write;

use rusqlite::types::{Value, ValueRef};
use rusqlite::Statement;

use crate::error::Result;

pub use delimited::looks_like_formula;
pub use format::{Format, OutputOptions, DEFAULT_TABLE_WIDTH};
pub use json::unique_keys;
pub use protected::{never_cut, CODE_WIDTH};
pub use table::shorten;
pub use widths::fit_widths;

use delimited::DelimitedSink;
use json::{header_names, JsonSink};
use line::LineSink;
use markdown::MarkdownSink;
use table::TableSink;

/// What [`write`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The number of rows.
    pub rows: u64,
    /// The columns whose name repeats an earlier one's, and the key each was given in JSON
    /// objects (see [`unique_keys`]); empty for every other format.
    pub renamed: Vec<RenamedColumn>,
    /// Set when a table is wider than its width even with every free-text column cut as far as
    /// it goes, because codes, dates and numbers are never cut.
    pub too_wide: Option<TooWide>,
}

/// A table that did not fit: how wide it is, and the width it was to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooWide {
    /// The table's width, in terminal columns.
    pub width: usize,
    /// The width it was to fit (`COLUMNS`, the terminal's, or [`DEFAULT_TABLE_WIDTH`]).
    pub available: usize,
}

/// A column written under another name than its own, so that no JSON key repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenamedColumn {
    /// Its position, from 1.
    pub position: usize,
    /// Its name in the result.
    pub name: String,
    /// The key it was written under.
    pub key: String,
}

/// Runs a statement whose parameters are already bound and writes every row to `out`.
/// Returns the number of rows written.
pub fn write_rows(
    stmt: &mut Statement<'_>,
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<u64> {
    write(stmt, options, out).map(|written| written.rows)
}

/// As [`write_rows`], and says which columns JSON objects had to key under another name.
pub fn write(
    stmt: &mut Statement<'_>,
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<Written> {
    let options = options.into();
    options.check()?;
    let all: Vec<String> = stmt.column_names().map(str::to_string).collect();
    // Checked before the sink exists, so a wrong name writes nothing, not even a BOM.
    let picked = options.pick(&all)?;
    let columns: Vec<String> = picked.iter().map(|i| all[*i].clone()).collect();
    let (header, renamed) = header_names(&options, &columns);
    let mut sink = sink(&options, out)?;
    sink.header(&header)?;
    let mut rows = stmt.raw_query();
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(picked.len());
        for index in &picked {
            values.push(row.get_ref(*index)?);
        }
        sink.row(&values)?;
        count += 1;
    }
    Ok(Written {
        rows: count,
        renamed,
        too_wide: sink.finish()?,
    })
}

/// Writes rows held in memory (one value per column each) to `out`, as [`write_rows`] does
/// for a statement. Returns the number of rows written.
pub fn write_values(
    columns: &[String],
    rows: &[Vec<Value>],
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<u64> {
    write_held(columns, rows, options, out).map(|written| written.rows)
}

/// As [`write_values`], and says what [`write`] says.
pub fn write_held(
    columns: &[String],
    rows: &[Vec<Value>],
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<Written> {
    let options = options.into();
    options.check()?;
    let picked = options.pick(columns)?;
    let chosen: Vec<String> = picked.iter().map(|i| columns[*i].clone()).collect();
    let (header, renamed) = header_names(&options, &chosen);
    let mut sink = sink(&options, out)?;
    sink.header(&header)?;
    for row in rows {
        let values: Vec<ValueRef<'_>> = picked.iter().map(|i| ValueRef::from(&row[*i])).collect();
        sink.row(&values)?;
    }
    Ok(Written {
        rows: rows.len() as u64,
        renamed,
        too_wide: sink.finish()?,
    })
}

/// Where rows go, one at a time.
trait Sink {
    fn header(&mut self, columns: &[String]) -> Result<()>;
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()>;
    /// Flushes; a table says whether it had to be wider than its width.
    fn finish(&mut self) -> Result<Option<TooWide>>;
}

fn sink<'a>(options: &'a OutputOptions, out: &'a mut dyn Write) -> Result<Box<dyn Sink + 'a>> {
    Ok(match options.format {
        Format::Csv => Box::new(DelimitedSink::new(options, out, b',')?),
        Format::Tsv => Box::new(DelimitedSink::new(options, out, b'\t')?),
        Format::Json => Box::new(JsonSink::new(options, out, false)),
        Format::Jsonl => Box::new(JsonSink::new(options, out, true)),
        Format::Markdown => Box::new(MarkdownSink::new(options, out)),
        Format::Table => Box::new(TableSink::new(options, out)),
        Format::Line => Box::new(LineSink::new(options, out)),
    })
}

/// A value as text: NULL is `null`, a blob is lower-case hex.
fn text_bytes(value: ValueRef<'_>, null: &str, buffer: &mut Vec<u8>) {
    match value {
        ValueRef::Null => buffer.extend_from_slice(null.as_bytes()),
        ValueRef::Integer(i) => buffer.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(r) => buffer.extend_from_slice(r.to_string().as_bytes()),
        ValueRef::Text(t) => buffer.extend_from_slice(t),
        ValueRef::Blob(b) => {
            for byte in b {
                buffer.extend_from_slice(format!("{byte:02x}").as_bytes());
            }
        }
    }
}

/// Text on one line: line ends, tabs and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
