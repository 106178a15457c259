//! Writing rows: an aligned table for people; CSV (RFC 4180), TSV, JSON, JSON Lines and
//! Markdown for programs and documents. Every format but the table streams row by row, so memory
//! stays flat whatever the number of rows; the table reads every row first to size its columns.
//!
//! The options follow the tools analysts already use: `--no-headers` and `--null TEXT` as in the
//! `sqlite3` shell (`.headers off`, `.nullvalue`), `--tsv`/`--nl`-style formats as in
//! sqlite-utils, and `--excel` for CSV that a spreadsheet opens with its accents intact and
//! without running any cell as a formula.

use std::io::Write;
use std::str::FromStr;

use rusqlite::types::{Value, ValueRef};
use rusqlite::Statement;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::error::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Columns aligned for a terminal, fitted to its width.
    Table,
    /// RFC 4180 CSV with a header row; NULL is an empty field.
    Csv,
    /// Tab-separated values, quoted like CSV where a field holds a tab, quote or line end.
    Tsv,
    /// A JSON array of objects, keys in column order; NULL is `null`.
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    /// A GitHub-flavoured Markdown table; `|` in a cell is escaped, line ends become `<br>`.
    Markdown,
    /// One `column = value` per line, names right-aligned, a blank line between rows, as the
    /// `sqlite3` shell's `.mode line`; values are never cut.
    Line,
}

impl Format {
    /// Every format's name, as `--format` takes it.
    pub const NAMES: [&'static str; 7] =
        ["table", "csv", "tsv", "json", "jsonl", "markdown", "line"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Line => "line",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "tsv" => Ok(Format::Tsv),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "markdown" => Ok(Format::Markdown),
            "line" => Ok(Format::Line),
            other => Err(format!(
                "unknown format '{other}' (formats: {})",
                Format::NAMES.join(", ")
            )),
        }
    }
}

/// The width a table is fitted to when it does not go to a terminal (and `COLUMNS` is unset).
pub const DEFAULT_TABLE_WIDTH: usize = 120;

/// A table column is not cut narrower than this while the table can fit otherwise.
const MIN_COLUMN_WIDTH: usize = 6;

/// The narrowest a column is ever cut to: one character and `…`.
const TINY_COLUMN_WIDTH: usize = 2;

/// How rows are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputOptions {
    /// The format.
    pub format: Format,
    /// Whether to write the header row (for JSON and JSON Lines: rows as objects rather than
    /// arrays of values).
    pub headers: bool,
    /// The text written for NULL in table, CSV, TSV, Markdown and line output.
    pub null: String,
    /// For spreadsheets (CSV and TSV only): a UTF-8 byte order mark, CRLF line ends, and a `'`
    /// before any text cell a spreadsheet would run as a formula.
    pub excel: bool,
    /// The width, in terminal columns, that a table is fitted to.
    pub width: usize,
    /// Only these result columns, in this order (`--columns`); `None` for all of them.
    pub columns: Option<Vec<String>>,
}

impl OutputOptions {
    /// The defaults for `format`: a header row, NULL as an empty field, no Excel guards.
    pub fn new(format: Format) -> Self {
        OutputOptions {
            format,
            headers: true,
            null: String::new(),
            excel: false,
            width: DEFAULT_TABLE_WIDTH,
            columns: None,
        }
    }

    /// Refuses combinations that cannot be written as asked, saying what to change.
    pub fn check(&self) -> Result<()> {
        let format = self.format.name();
        if self.excel && !matches!(self.format, Format::Csv | Format::Tsv) {
            return Err(Error::Invalid(format!(
                "--excel is for csv and tsv output, not {format}; use --format csv (or drop --excel)"
            )));
        }
        if !self.headers && self.format == Format::Line {
            return Err(Error::Invalid(
                "line output names each value; drop --no-headers, or use --format tsv or csv"
                    .to_string(),
            ));
        }
        if !self.headers && self.format == Format::Markdown {
            return Err(Error::Invalid(
                "a markdown table needs its header row; drop --no-headers, or use --format tsv or csv"
                    .to_string(),
            ));
        }
        if !self.null.is_empty() && matches!(self.format, Format::Json | Format::Jsonl) {
            return Err(Error::Invalid(format!(
                "{format} writes NULL as null; --null is for table, csv, tsv, markdown and line output"
            )));
        }
        Ok(())
    }

    /// The positions, in `columns` (a result's column names), of the columns to write: those
    /// `--columns` chose, in its order, or all of them. A name matches exactly, else ignoring
    /// ASCII case; one that matches nothing is refused, naming the columns there are.
    pub fn pick(&self, columns: &[String]) -> Result<Vec<usize>> {
        let Some(wanted) = &self.columns else {
            return Ok((0..columns.len()).collect());
        };
        wanted
            .iter()
            .map(|name| {
                columns
                    .iter()
                    .position(|c| c == name)
                    .or_else(|| columns.iter().position(|c| c.eq_ignore_ascii_case(name)))
                    .ok_or_else(|| unknown_column(name, columns))
            })
            .collect()
    }
}

/// The error for a `--columns` name the result does not have, with the nearest name there is.
fn unknown_column(name: &str, columns: &[String]) -> Error {
    let nearest = columns
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone());
    Error::UnknownColumn {
        name: name.to_string(),
        nearest,
        known: columns.join(", "),
    }
}

impl From<Format> for OutputOptions {
    fn from(format: Format) -> Self {
        OutputOptions::new(format)
    }
}

impl From<&OutputOptions> for OutputOptions {
    fn from(options: &OutputOptions) -> Self {
        options.clone()
    }
}

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

/// The names the header is written with: JSON objects need unique keys, so a repeated name is
/// made unique there ([`unique_keys`]); every other format keeps the names as they are (a CSV
/// reader sees both columns by position, and a person reads a table).
fn header_names(options: &OutputOptions, columns: &[String]) -> (Vec<String>, Vec<RenamedColumn>) {
    let objects = options.headers && matches!(options.format, Format::Json | Format::Jsonl);
    if !objects {
        return (columns.to_vec(), Vec::new());
    }
    let keys = unique_keys(columns);
    let renamed = columns
        .iter()
        .zip(&keys)
        .enumerate()
        .filter(|(_, (name, key))| name != key)
        .map(|(index, (name, key))| RenamedColumn {
            position: index + 1,
            name: name.clone(),
            key: key.clone(),
        })
        .collect();
    (keys, renamed)
}

/// Column names made unique, as sqlite-utils does for its JSON: the first of a name keeps it,
/// later ones get `_2`, `_3`..., skipping a suffix that is another column's own name
/// (`a, a, a_2` gives `a, a_3, a_2`).
pub fn unique_keys(columns: &[String]) -> Vec<String> {
    let own: std::collections::HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut used = std::collections::HashSet::new();
    let mut keys = Vec::with_capacity(columns.len());
    for (index, name) in columns.iter().enumerate() {
        // A column keeps its own name unless an earlier column already holds it.
        let earlier = columns[..index].contains(name);
        let key = if !earlier && !used.contains(name) {
            name.clone()
        } else {
            (2..)
                .map(|n| format!("{name}_{n}"))
                .find(|key| !own.contains(key.as_str()) && !used.contains(key))
                .expect("some suffix is free")
        };
        used.insert(key.clone());
        keys.push(key);
    }
    keys
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

/// Whether a spreadsheet would run this text as a formula: it starts with `=`, `+`, `-` or `@`,
/// or with a tab or carriage return (OWASP's list for CSV injection).
pub fn looks_like_formula(text: &[u8]) -> bool {
    matches!(
        text.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// CSV and TSV, through the csv crate.
struct DelimitedSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    options: &'a OutputOptions,
    number: itoa::Buffer,
    buffer: Vec<u8>,
}

impl<'a> DelimitedSink<'a> {
    fn new(options: &'a OutputOptions, out: &'a mut dyn Write, delimiter: u8) -> Result<Self> {
        if options.excel {
            // The byte order mark tells a spreadsheet the file is UTF-8.
            out.write_all("\u{feff}".as_bytes())?;
        }
        let terminator = if options.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .buffer_capacity(1 << 16)
            .from_writer(out);
        Ok(DelimitedSink {
            writer,
            options,
            number: itoa::Buffer::new(),
            buffer: Vec::new(),
        })
    }
}

impl Sink for DelimitedSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        if self.options.headers {
            self.writer.write_record(columns).map_err(csv_to_io)?;
        }
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        for value in values {
            // The common fields go straight from SQLite's memory into the writer's buffer.
            let written = match *value {
                ValueRef::Text(t) if !(self.options.excel && looks_like_formula(t)) => {
                    self.writer.write_field(t)
                }
                ValueRef::Integer(i) => self.writer.write_field(self.number.format(i)),
                ValueRef::Null => self.writer.write_field(self.options.null.as_bytes()),
                other => {
                    self.buffer.clear();
                    if matches!(other, ValueRef::Text(_)) {
                        self.buffer.push(b'\'');
                    }
                    text_bytes(other, &self.options.null, &mut self.buffer);
                    self.writer.write_field(&self.buffer)
                }
            };
            written.map_err(csv_to_io)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(csv_to_io)
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.writer.flush()?;
        Ok(None)
    }
}

fn csv_to_io(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => Error::Output(e),
        other => Error::Invalid(format!("cannot write CSV: {other:?}")),
    }
}

/// A JSON array of rows, or JSON Lines; rows are objects, or arrays without headers.
struct JsonSink<'a> {
    out: &'a mut dyn Write,
    lines: bool,
    objects: bool,
    columns: Vec<String>,
    count: u64,
}

impl<'a> JsonSink<'a> {
    fn new(options: &OutputOptions, out: &'a mut dyn Write, lines: bool) -> Self {
        JsonSink {
            out,
            lines,
            objects: options.headers,
            columns: Vec::new(),
            count: 0,
        }
    }
}

impl Sink for JsonSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.to_vec();
        if !self.lines {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let value = if self.objects {
            let mut object = serde_json::Map::with_capacity(values.len());
            for (name, value) in self.columns.iter().zip(values) {
                object.insert(name.clone(), json_value(*value));
            }
            serde_json::Value::Object(object)
        } else {
            serde_json::Value::Array(values.iter().map(|v| json_value(*v)).collect())
        };
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
        }
        serde_json::to_writer(&mut *self.out, &value).map_err(std::io::Error::from)?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(None)
    }
}

fn json_value(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => serde_json::Number::from_f64(r)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(_) => {
            let mut hex = Vec::new();
            text_bytes(value, "", &mut hex);
            String::from_utf8_lossy(&hex).into_owned().into()
        }
    }
}

/// A GitHub-flavoured Markdown table, written row by row (cells are not padded).
struct MarkdownSink<'a> {
    out: &'a mut dyn Write,
    null: &'a str,
    buffer: Vec<u8>,
}

impl<'a> MarkdownSink<'a> {
    fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        MarkdownSink {
            out,
            null: &options.null,
            buffer: Vec::new(),
        }
    }

    fn line<'c>(&mut self, cells: impl Iterator<Item = &'c str>) -> Result<()> {
        let mut line = String::from("|");
        for cell in cells {
            line.push(' ');
            line.push_str(&crate::markup::escape_markdown_cell(cell));
            line.push_str(" |");
        }
        line.push('\n');
        self.out.write_all(line.as_bytes())?;
        Ok(())
    }
}

impl Sink for MarkdownSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.line(columns.iter().map(String::as_str))?;
        let rule = format!("|{}\n", "---|".repeat(columns.len()));
        self.out.write_all(rule.as_bytes())?;
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut cells = Vec::with_capacity(values.len());
        for value in values {
            self.buffer.clear();
            text_bytes(*value, self.null, &mut self.buffer);
            cells.push(String::from_utf8_lossy(&self.buffer).into_owned());
        }
        self.line(cells.iter().map(String::as_str))
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.out.flush()?;
        Ok(None)
    }
}

/// An aligned table: every row is read first, then the columns are sized to fit the width.
struct TableSink<'a> {
    out: &'a mut dyn Write,
    options: &'a OutputOptions,
    columns: Vec<String>,
    cells: Vec<Vec<String>>,
    /// Per column: whether every value so far is one a table never cuts ([`never_cut`]).
    kept: Vec<bool>,
}

impl<'a> TableSink<'a> {
    fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        TableSink {
            out,
            options,
            columns: Vec::new(),
            cells: Vec::new(),
            kept: Vec::new(),
        }
    }
}

impl Sink for TableSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.iter().map(|c| one_line(c)).collect();
        self.kept = vec![true; columns.len()];
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut line = Vec::with_capacity(values.len());
        let mut buffer = Vec::new();
        for (value, kept) in values.iter().zip(&mut self.kept) {
            *kept = *kept && never_cut(*value);
            buffer.clear();
            text_bytes(*value, &self.options.null, &mut buffer);
            line.push(one_line(&String::from_utf8_lossy(&buffer)));
        }
        self.cells.push(line);
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        let table = Table {
            columns: &self.columns,
            cells: &self.cells,
            kept: &self.kept,
            headers: self.options.headers,
        };
        table.write(self.options.width, &mut *self.out)
    }
}

/// Text on one line: line ends, tabs and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The most terminal columns a value without spaces may take and still be a code (`TJ`,
/// `AZE`, `embassy` is not), which a table never cuts.
pub const CODE_WIDTH: usize = 6;

/// Whether a table must show this value whole: a number, an ISO 8601 date (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, with a time or not) or a code of up to [`CODE_WIDTH`] characters without
/// spaces. A cut id or date reads as another one; cut free text still reads as what it is. NULL
/// says nothing about its column.
pub fn never_cut(value: ValueRef<'_>) -> bool {
    match value {
        ValueRef::Null | ValueRef::Integer(_) | ValueRef::Real(_) => true,
        ValueRef::Text(t) => {
            std::str::from_utf8(t).is_ok_and(|t| is_code(t) || is_number(t) || is_iso_date(t))
        }
        ValueRef::Blob(_) => false,
    }
}

fn is_code(text: &str) -> bool {
    text.width() <= CODE_WIDTH && !text.chars().any(char::is_whitespace)
}

fn is_number(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && text.parse::<f64>().is_ok()
}

fn is_iso_date(text: &str) -> bool {
    let digits = |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let date_ok = match date.split('-').collect::<Vec<_>>().as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    // A time only after a full date, as SQLite's `datetime()` writes it (offsets allowed).
    let time_ok = time.is_none_or(|t| {
        date.len() == 10
            && t.len() <= 20
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b":.+-Z".contains(&b))
    });
    date_ok && time_ok
}

/// The width of each column so that the table fits `available` terminal columns. `natural` is
/// each column's widest cell or header, `data` its widest cell, `kept` whether its values must
/// never be cut ([`never_cut`]). In turn, until the table fits:
///
/// 1. headers are cut down to their column's data, but not below [`MIN_COLUMN_WIDTH`];
/// 2. free-text columns give way, the widest first, to a common width, not below the minimum;
/// 3. the headers of kept columns are cut down to their data (to [`TINY_COLUMN_WIDTH`] at least);
/// 4. free-text columns go below the minimum, down to [`TINY_COLUMN_WIDTH`].
///
/// Spare columns go back to what was cut last. Kept columns never go below their data: a table
/// whose narrowest form is still too wide is written in that form.
pub fn fit_widths(
    natural: &[usize],
    data: &[usize],
    kept: &[bool],
    available: usize,
) -> Vec<usize> {
    let gaps = 2 * natural.len().saturating_sub(1);
    let budget = available.saturating_sub(gaps);
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let floors: Vec<usize> = natural
        .iter()
        .zip(data)
        .map(|(n, d)| (*n).min((*d).max(MIN_COLUMN_WIDTH)))
        .collect();
    let used = floors.iter().sum::<usize>();
    if used <= budget {
        return hand_out(floors, natural, budget - used);
    }
    let text: Vec<bool> = kept.iter().map(|k| !k).collect();
    if let Some(widths) = narrow(&floors, &text, MIN_COLUMN_WIDTH, budget) {
        return widths;
    }
    let text_at_minimum = cap(&floors, &text, MIN_COLUMN_WIDTH);
    let cut_headers: Vec<usize> = text_at_minimum
        .iter()
        .zip(data)
        .zip(kept)
        .map(|((w, d), k)| {
            if *k {
                (*w).min((*d).max(TINY_COLUMN_WIDTH))
            } else {
                *w
            }
        })
        .collect();
    let used = cut_headers.iter().sum::<usize>();
    if used <= budget {
        return hand_out(cut_headers, &text_at_minimum, budget - used);
    }
    narrow(&cut_headers, &text, TINY_COLUMN_WIDTH, budget)
        .unwrap_or_else(|| cap(&cut_headers, &text, TINY_COLUMN_WIDTH))
}

/// `widths` with the columns marked in `which` held to the largest common limit, not below
/// `lowest`, that fits `budget`, and any spare handed back; `None` if even `lowest` is too wide.
fn narrow(widths: &[usize], which: &[bool], lowest: usize, budget: usize) -> Option<Vec<usize>> {
    let used = |limit: usize| -> usize { cap(widths, which, limit).iter().sum() };
    if used(lowest) > budget {
        return None;
    }
    // The largest limit that fits, found by bisection.
    let (mut low, mut high) = (
        lowest,
        widths.iter().copied().max().unwrap_or(0).max(lowest),
    );
    while low < high {
        let middle = (low + high).div_ceil(2);
        if used(middle) <= budget {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let spare = budget - used(low);
    Some(hand_out(cap(widths, which, low), widths, spare))
}

/// `widths` with the columns marked in `which` held to `limit`.
fn cap(widths: &[usize], which: &[bool], limit: usize) -> Vec<usize> {
    widths
        .iter()
        .zip(which)
        .map(|(w, capped)| if *capped { (*w).min(limit) } else { *w })
        .collect()
}

/// Gives `spare` columns back, one at a time from the left, to columns narrower than `wanted`.
fn hand_out(mut widths: Vec<usize>, wanted: &[usize], mut spare: usize) -> Vec<usize> {
    while spare > 0 {
        let mut gave = false;
        for (width, wanted) in widths.iter_mut().zip(wanted) {
            if spare > 0 && *width < *wanted {
                *width += 1;
                spare -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    widths
}

/// A table's cells, read whole, ready to be fitted and written.
struct Table<'a> {
    columns: &'a [String],
    cells: &'a [Vec<String>],
    kept: &'a [bool],
    headers: bool,
}

impl Table<'_> {
    /// Writes the table fitted to `available` columns; says so if it is wider all the same.
    fn write(&self, available: usize, out: &mut dyn Write) -> Result<Option<TooWide>> {
        let widths = self.widths(available);
        let line = |out: &mut dyn Write, fields: &[String]| -> std::io::Result<()> {
            let padded: Vec<String> = fields
                .iter()
                .zip(&widths)
                .map(|(field, width)| {
                    let shown = shorten(field, *width);
                    let pad = width.saturating_sub(shown.width());
                    format!("{shown}{}", " ".repeat(pad))
                })
                .collect();
            writeln!(out, "{}", padded.join("  ").trim_end())
        };
        if self.headers {
            line(out, self.columns)?;
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            line(out, &rule)?;
        }
        for row in self.cells {
            line(out, row)?;
        }
        out.flush()?;
        let width = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        Ok((width > available).then_some(TooWide { width, available }))
    }

    fn widths(&self, available: usize) -> Vec<usize> {
        let data: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                self.cells
                    .iter()
                    .map(|row| row[i].width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let natural: Vec<usize> = data
            .iter()
            .zip(self.columns)
            .map(|(d, c)| {
                if self.headers {
                    (*d).max(c.width())
                } else {
                    *d
                }
            })
            .collect();
        fit_widths(&natural, &data, self.kept, available)
    }
}

/// One `name = value` per line, as the `sqlite3` shell's `.mode line`: names right-aligned to
/// the widest, a blank line between rows. A value is never cut: its further lines are indented
/// under its first.
struct LineSink<'a> {
    out: &'a mut dyn Write,
    null: &'a str,
    names: Vec<String>,
    indent: String,
    count: u64,
    buffer: Vec<u8>,
}

impl<'a> LineSink<'a> {
    fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        LineSink {
            out,
            null: &options.null,
            names: Vec::new(),
            indent: String::new(),
            count: 0,
            buffer: Vec::new(),
        }
    }
}

impl Sink for LineSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        let names: Vec<String> = columns.iter().map(|c| one_line(c)).collect();
        let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
        self.names = names
            .iter()
            .map(|n| format!("{}{n}", " ".repeat(widest - n.width())))
            .collect();
        self.indent = " ".repeat(widest + 3);
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut text = String::new();
        if self.count > 0 {
            text.push('\n');
        }
        for (name, value) in self.names.iter().zip(values) {
            self.buffer.clear();
            text_bytes(*value, self.null, &mut self.buffer);
            let value = String::from_utf8_lossy(&self.buffer);
            text.push_str(name);
            // No space after `=` when nothing follows: no line ends in blanks.
            text.push_str(if value.is_empty() { " =" } else { " = " });
            if value.contains(['\n', '\r']) {
                let value = value.replace("\r\n", "\n");
                for (index, part) in value.split(['\n', '\r']).enumerate() {
                    if index > 0 {
                        text.push('\n');
                        text.push_str(&self.indent);
                    }
                    text.push_str(part);
                }
            } else {
                text.push_str(&value);
            }
            text.push('\n');
        }
        self.out.write_all(text.as_bytes())?;
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.out.flush()?;
        Ok(None)
    }
}

/// `text` cut to at most `max` terminal columns, ending in `…` where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if width + w > max - 1 {
            break;
        }
        cut.push(c);
        width += w;
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        assert_eq!(
            fit_widths(&[4, 10, 3], &[4, 10, 3], &[false; 3], 40),
            [4, 10, 3]
        );
    }

    #[test]
    fn the_widest_columns_give_way_first_and_the_table_fills_the_width() {
        let widths = fit_widths(&[4, 200, 80, 3], &[4, 200, 80, 3], &[false; 4], 80);
        assert_eq!(widths.iter().sum::<usize>() + 6, 80);
        assert_eq!(widths[0], 4);
        assert_eq!(widths[3], 3);
        assert!(widths[1] >= widths[2] && widths[1] - widths[2] <= 1);
    }

    #[test]
    fn long_headers_over_short_data_are_cut_before_any_data() {
        // documents_signed over "10", visitor_state over "AZ", then a long notes column.
        let widths = fit_widths(&[16, 13, 50], &[2, 2, 50], &[false; 3], 66);
        assert_eq!(widths, [6, 6, 50]);
        let roomier = fit_widths(&[16, 13, 50], &[2, 2, 50], &[false; 3], 80);
        assert_eq!(roomier.iter().sum::<usize>() + 4, 80);
        assert_eq!(roomier[2], 50);
    }

    #[test]
    fn columns_go_below_the_minimum_only_when_nothing_else_fits() {
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 22),
            [6, 6, 6]
        );
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 16),
            [4, 4, 4]
        );
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 5),
            [2, 2, 2]
        );
    }

    #[test]
    fn free_text_gives_way_before_codes_dates_and_numbers() {
        // id, start_date, visitor_name, notes: the text columns go down to the minimum, the
        // kept ones stay whole.
        let natural = [2, 10, 14, 300];
        let kept = [true, true, false, false];
        let widths = fit_widths(&natural, &natural, &kept, 40);
        assert_eq!(widths, [2, 10, 11, 11]);
        let narrow = fit_widths(&natural, &natural, &kept, 30);
        assert_eq!(narrow, [2, 10, 6, 6]);
    }

    #[test]
    fn headers_of_kept_columns_are_cut_before_text_goes_below_the_minimum() {
        // visitor_state over "AZ", host_state over "TJ", then two text columns.
        let natural = [13, 10, 40, 40];
        let data = [2, 2, 40, 40];
        let kept = [true, true, false, false];
        assert_eq!(fit_widths(&natural, &data, &kept, 24), [3, 3, 6, 6]);
        assert_eq!(fit_widths(&natural, &data, &kept, 18), [2, 2, 4, 4]);
    }

    #[test]
    fn kept_columns_are_never_cut_even_when_the_table_overflows() {
        let natural = [10, 10, 50];
        let kept = [true, true, false];
        let widths = fit_widths(&natural, &natural, &kept, 20);
        assert_eq!(widths, [10, 10, 2]);
    }

    #[test]
    fn numbers_dates_and_short_codes_are_never_cut_but_text_is() {
        let text = |t: &'static str| ValueRef::Text(t.as_bytes());
        for value in [
            ValueRef::Integer(12345678901),
            ValueRef::Real(2.5),
            ValueRef::Null,
            text("2007"),
            text("2007-03"),
            text("2007-03-15"),
            text("2007-03-15 10:30:00"),
            text("2007-03-15T10:30Z"),
            text("-12.5e3"),
            text("TJ"),
            text("SUHH"),
            text(""),
        ] {
            assert!(never_cut(value), "{value:?}");
        }
        for value in [
            text("official"),
            text("Ilham Aliyev"),
            text("a b"),
            text("2007-3-15"),
            text("2007-03-15 and after"),
            text("1 2 3 4 5 6 7"),
            ValueRef::Blob(b"x"),
        ] {
            assert!(!never_cut(value), "{value:?}");
        }
    }

    #[test]
    fn shortened_text_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(shorten("Tajikistan", 6), "Tajik…");
        assert_eq!(shorten("Tajikistan", 10), "Tajikistan");
        assert_eq!(shorten("東京都庁舎", 6).width(), 5);
    }

    #[test]
    fn formula_cells_are_recognised() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(looks_like_formula(text.as_bytes()), "{text:?}");
        }
        for text in ["1", "a=b", "", "'=x"] {
            assert!(!looks_like_formula(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn repeated_names_get_the_first_free_suffix() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(unique_keys(&names(&["a", "b"])), names(&["a", "b"]));
        assert_eq!(
            unique_keys(&names(&["a", "a", "a"])),
            names(&["a", "a_2", "a_3"])
        );
        assert_eq!(
            unique_keys(&names(&["a", "a", "a_2"])),
            names(&["a", "a_3", "a_2"])
        );
    }
}
