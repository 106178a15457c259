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
}

impl Format {
    /// Every format's name, as `--format` takes it.
    pub const NAMES: [&'static str; 6] = ["table", "csv", "tsv", "json", "jsonl", "markdown"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
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
    /// The text written for NULL in table, CSV, TSV and Markdown output.
    pub null: String,
    /// For spreadsheets (CSV and TSV only): a UTF-8 byte order mark, CRLF line ends, and a `'`
    /// before any text cell a spreadsheet would run as a formula.
    pub excel: bool,
    /// The width, in terminal columns, that a table is fitted to.
    pub width: usize,
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
        if !self.headers && self.format == Format::Markdown {
            return Err(Error::Invalid(
                "a markdown table needs its header row; drop --no-headers, or use --format tsv or csv"
                    .to_string(),
            ));
        }
        if !self.null.is_empty() && matches!(self.format, Format::Json | Format::Jsonl) {
            return Err(Error::Invalid(format!(
                "{format} writes NULL as null; --null is for table, csv, tsv and markdown output"
            )));
        }
        Ok(())
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
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let (header, renamed) = header_names(&options, &columns);
    let mut sink = sink(&options, out)?;
    sink.header(&header)?;
    let mut rows = stmt.raw_query();
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(columns.len());
        for index in 0..columns.len() {
            values.push(row.get_ref(index)?);
        }
        sink.row(&values)?;
        count += 1;
    }
    sink.finish()?;
    Ok(Written {
        rows: count,
        renamed,
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
    let options = options.into();
    options.check()?;
    let (header, _) = header_names(&options, columns);
    let mut sink = sink(&options, out)?;
    sink.header(&header)?;
    for row in rows {
        let values: Vec<ValueRef<'_>> = row.iter().map(ValueRef::from).collect();
        sink.row(&values)?;
    }
    sink.finish()?;
    Ok(rows.len() as u64)
}

/// Where rows go, one at a time.
trait Sink {
    fn header(&mut self, columns: &[String]) -> Result<()>;
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

fn sink<'a>(options: &'a OutputOptions, out: &'a mut dyn Write) -> Result<Box<dyn Sink + 'a>> {
    Ok(match options.format {
        Format::Csv => Box::new(DelimitedSink::new(options, out, b',')?),
        Format::Tsv => Box::new(DelimitedSink::new(options, out, b'\t')?),
        Format::Json => Box::new(JsonSink::new(options, out, false)),
        Format::Jsonl => Box::new(JsonSink::new(options, out, true)),
        Format::Markdown => Box::new(MarkdownSink::new(options, out)),
        Format::Table => Box::new(TableSink::new(options, out)),
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

    fn finish(&mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
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

    fn finish(&mut self) -> Result<()> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(())
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

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// An aligned table: every row is read first, then the columns are sized to fit the width.
struct TableSink<'a> {
    out: &'a mut dyn Write,
    options: &'a OutputOptions,
    columns: Vec<String>,
    cells: Vec<Vec<String>>,
}

impl<'a> TableSink<'a> {
    fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        TableSink {
            out,
            options,
            columns: Vec::new(),
            cells: Vec::new(),
        }
    }
}

impl Sink for TableSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.iter().map(|c| one_line(c)).collect();
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut line = Vec::with_capacity(values.len());
        let mut buffer = Vec::new();
        for value in values {
            buffer.clear();
            text_bytes(*value, &self.options.null, &mut buffer);
            line.push(one_line(&String::from_utf8_lossy(&buffer)));
        }
        self.cells.push(line);
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        write_table(
            &self.columns,
            &self.cells,
            self.options.headers,
            self.options.width,
            &mut *self.out,
        )
    }
}

/// Text on one line: line ends, tabs and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The width of each column so that the table fits `available` terminal columns. `natural` is
/// each column's widest cell or header, `data` its widest cell. Headers are cut first, down to
/// their column's data (but not below [`MIN_COLUMN_WIDTH`]); then the widest columns are
/// narrowed to a common limit, as high as fits (below the minimum only when nothing else fits,
/// and never below [`TINY_COLUMN_WIDTH`]). A table whose narrowest form is still too wide is
/// written in that form.
pub fn fit_widths(natural: &[usize], data: &[usize], available: usize) -> Vec<usize> {
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
    if floors.iter().sum::<usize>() <= budget {
        let spare = budget - floors.iter().sum::<usize>();
        return hand_out(floors, natural, spare);
    }
    let used = |limit: usize| -> usize { floors.iter().map(|w| (*w).min(limit)).sum() };
    // The largest limit that fits, found by bisection.
    let (mut low, mut high) = (TINY_COLUMN_WIDTH, floors.iter().copied().max().unwrap_or(0));
    if used(low) > budget {
        return floors.iter().map(|w| (*w).min(low)).collect();
    }
    while low < high {
        let middle = (low + high).div_ceil(2);
        if used(middle) <= budget {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let widths: Vec<usize> = floors.iter().map(|w| (*w).min(low)).collect();
    let spare = budget - used(low);
    hand_out(widths, &floors, spare)
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

fn write_table(
    columns: &[String],
    cells: &[Vec<String>],
    headers: bool,
    available: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let data: Vec<usize> = (0..columns.len())
        .map(|i| cells.iter().map(|row| row[i].width()).max().unwrap_or(0))
        .collect();
    let natural: Vec<usize> = data
        .iter()
        .zip(columns)
        .map(|(d, c)| if headers { (*d).max(c.width()) } else { *d })
        .collect();
    let widths = fit_widths(&natural, &data, available);
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
    if headers {
        line(out, columns)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule)?;
    }
    for row in cells {
        line(out, row)?;
    }
    out.flush()?;
    Ok(())
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
        assert_eq!(fit_widths(&[4, 10, 3], &[4, 10, 3], 40), [4, 10, 3]);
    }

    #[test]
    fn the_widest_columns_give_way_first_and_the_table_fills_the_width() {
        let widths = fit_widths(&[4, 200, 80, 3], &[4, 200, 80, 3], 80);
        assert_eq!(widths.iter().sum::<usize>() + 6, 80);
        assert_eq!(widths[0], 4);
        assert_eq!(widths[3], 3);
        assert!(widths[1] >= widths[2] && widths[1] - widths[2] <= 1);
    }

    #[test]
    fn long_headers_over_short_data_are_cut_before_any_data() {
        // documents_signed over "10", visitor_state over "AZ", then a long notes column.
        let widths = fit_widths(&[16, 13, 50], &[2, 2, 50], 66);
        assert_eq!(widths, [6, 6, 50]);
        let roomier = fit_widths(&[16, 13, 50], &[2, 2, 50], 80);
        assert_eq!(roomier.iter().sum::<usize>() + 4, 80);
        assert_eq!(roomier[2], 50);
    }

    #[test]
    fn columns_go_below_the_minimum_only_when_nothing_else_fits() {
        assert_eq!(fit_widths(&[30, 30, 30], &[30, 30, 30], 22), [6, 6, 6]);
        assert_eq!(fit_widths(&[30, 30, 30], &[30, 30, 30], 16), [4, 4, 4]);
        assert_eq!(fit_widths(&[30, 30, 30], &[30, 30, 30], 5), [2, 2, 2]);
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
