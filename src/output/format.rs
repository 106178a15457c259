//! The output formats by name, and the options rows are written with.

use std::str::FromStr;

use crate::error::{Result, UsageError};

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
        if self.excel && !matches!(self.format, Format::Csv | Format::Tsv) {
            return Err(UsageError::ExcelFormat {
                format: self.format,
            }
            .into());
        }
        if !self.headers && self.format == Format::Line {
            return Err(UsageError::HeadersNeeded {
                format: self.format,
            }
            .into());
        }
        if !self.headers && self.format == Format::Markdown {
            return Err(UsageError::HeadersNeeded {
                format: self.format,
            }
            .into());
        }
        if !self.null.is_empty() && matches!(self.format, Format::Json | Format::Jsonl) {
            return Err(UsageError::NullFormat {
                format: self.format,
            }
            .into());
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
