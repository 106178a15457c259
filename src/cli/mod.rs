//! The `reldb` command line: one module per subcommand. Each parses its arguments, calls the
//! library and prints; none holds SQL or rules of the domain.

pub mod check;
pub mod dossier;
pub mod export;
pub mod import;
pub mod init;
pub mod migrate;
pub mod queries;
pub mod query;
pub mod resolve;
pub mod seed;
pub mod sql;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use reldb::{Error, Format};

/// Where rows go and in which format: `-o FILE` and `--format`, shared by every command that
/// prints rows.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = ["table", "csv", "json"])]
    pub format: Option<String>,

    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for, or the default for where the output goes.
    pub fn format(&self) -> Format {
        match &self.format {
            Some(name) => name.parse().expect("clap checked the format"),
            None if self.output.is_none() && io::stdout().is_terminal() => Format::Table,
            None => Format::Csv,
        }
    }

    /// Opens the destination.
    pub fn open(&self) -> Result<Box<dyn Write>, Error> {
        match &self.output {
            Some(path) => {
                let file = File::create(path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                Ok(Box::new(BufWriter::new(file)))
            }
            None => Ok(Box::new(BufWriter::new(io::stdout().lock()))),
        }
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
        eprintln!("wrote {rows} rows to {}", path.display());
    }
}
