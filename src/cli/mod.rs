//! The `reldb` command line: one module per subcommand. Each parses its arguments, calls the
//! library and prints; none holds SQL or rules of the domain.

pub mod check;
pub mod completions;
pub mod datasette;
pub mod dossier;
pub mod edit;
pub mod export;
pub mod import;
pub mod init;
pub mod man;
pub mod migrate;
pub mod open;
pub mod queries;
pub mod query;
pub mod resolve;
pub mod schema;
pub mod seed;
pub mod sql;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use reldb::atomic::{self, Destination};
use reldb::output::{OutputOptions, DEFAULT_TABLE_WIDTH};
use reldb::{Error, Format};

/// Where rows go and how they are written: `--format`, `--columns`, `--no-headers`, `--null`,
/// `--excel` and `-o FILE`, shared by every command that prints rows.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise (and with --excel)]
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = Format::NAMES)]
    pub format: Option<String>,

    /// Only these columns, in this order (comma-separated names of the result's columns)
    #[arg(long, short = 'c', value_name = "NAME,...", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,

    /// Leave out the header row (json, jsonl: each row an array of values, not an object)
    #[arg(long)]
    pub no_headers: bool,

    /// Write NULL as TEXT in table, csv, tsv, markdown and line output [default: empty]
    #[arg(long, value_name = "TEXT")]
    pub null: Option<String>,

    /// For spreadsheets (csv, tsv): UTF-8 BOM, CRLF line ends, and a ' before any text cell
    /// starting with = + - @ tab or CR, so no cell runs as a formula
    #[arg(long)]
    pub excel: bool,

    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for, or the default for where the output goes.
    pub fn format(&self) -> Format {
        match &self.format {
            Some(name) => name.parse().expect("clap checked the format"),
            None if self.excel => Format::Csv,
            None if self.to_terminal() => Format::Table,
            None => Format::Csv,
        }
    }

    /// Every output option, checked.
    pub fn options(&self) -> Result<OutputOptions, Error> {
        let options = OutputOptions {
            format: self.format(),
            headers: !self.no_headers,
            null: self.null.clone().unwrap_or_default(),
            excel: self.excel,
            width: self.table_width(),
            columns: self.columns.clone(),
        };
        options.check()?;
        Ok(options)
    }

    fn to_terminal(&self) -> bool {
        self.output.is_none() && io::stdout().is_terminal()
    }

    /// The width a table is fitted to: `COLUMNS` if set, else the terminal's, else
    /// [`DEFAULT_TABLE_WIDTH`].
    fn table_width(&self) -> usize {
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0);
        let from_terminal = || {
            self.to_terminal()
                .then(|| terminal_size::terminal_size_of(io::stdout()))
                .flatten()
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        };
        from_env
            .or_else(from_terminal)
            .unwrap_or(DEFAULT_TABLE_WIDTH)
    }

    /// Opens the destination: stdout, or the `-o` file written atomically (it changes only
    /// when [`Destination::finish`] is reached). Refuses a file that is the database at
    /// `db_path`.
    pub fn open(&self, db_path: &Path) -> Result<Destination, Error> {
        if let Some(path) = &self.output {
            atomic::refuse_overwrite(path, db_path, &[])?;
        }
        Destination::open(self.output.as_deref())
    }
}

/// Parses `NAME=VALUE` (for `-p`, `--map`, `--set`).
pub fn key_value(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("'{text}' should be NAME=VALUE"))?;
    let key = key.trim();
    if key.is_empty() {
        return Err(format!("'{text}' has no name before '='"));
    }
    Ok((key.to_string(), value.to_string()))
}

/// Says on stderr how many rows went where, when they went to a file.
pub fn report_rows(rows: u64, output: Option<&Path>) {
    if let Some(path) = output {
        note!("wrote {} to {}", count(rows, "row", "rows"), path.display());
    }
}

/// Warns on stderr of each column that JSON objects key under another name than its own,
/// because an earlier column has that name.
pub fn warn_renamed(renamed: &[reldb::output::RenamedColumn]) {
    for column in renamed {
        note!(
            "warning: column {} is named '{}' like an earlier one; its key is '{}'",
            column.position,
            column.name,
            column.key
        );
    }
}

/// Says on stderr that a table is wider than the terminal, and what to do, rather than cutting
/// codes, dates or numbers to fit.
pub fn warn_too_wide(too_wide: Option<reldb::output::TooWide>) {
    if let Some(t) = too_wide {
        note!(
            "warning: the table is {} columns wide, more than the {} there are, since codes, \
             dates and numbers are never cut; choose fewer with --columns a,b,... or use \
             --format line",
            t.width,
            t.available
        );
    }
}

/// `1 row`, `2 rows`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}
