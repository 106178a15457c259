//! `reldb import TABLE FILE`: load an outside CSV file into a table.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use reldb::atomic;
use reldb::import::{self, ImportOptions};
use reldb::sources::{Citation, Cited, NewSource};
use reldb::Error;

use super::{count, key_value};

/// Files at least this large get a progress bar (when stderr is a terminal).
const PROGRESS_BAR_BYTES: u64 = 4 << 20;

/// Load a CSV file into a table, checking every row first (all or nothing unless
/// --rejects)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb import visits trips.csv --source 2\n  reldb import visits travels.csv --new-source \"Travels of the Secretary of State\" --publisher \"Office of the Historian\" --address https://history.state.gov/departmenthistory/travels\n  reldb import visits travels.csv --set visitor_state=US --map host_state=host_country_name --rejects refused.csv\n  reldb import agreements treaties.csv --dry-run"
)]
pub struct Args {
    /// The table to load: visits, agreements, missions, relations, memberships, states, ...
    pub table: String,

    /// The CSV file (UTF-8, header row naming the columns, in any order), a JSON or JSON
    /// Lines file (.json, .jsonl, .ndjson), or - for stdin
    pub file: PathBuf,

    /// The character between fields: , (the default), ; or tab (\t); without it, a header
    /// with no comma but ; or tabs is read with that
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<u8>,

    /// Leave this header column unread (repeatable)
    #[arg(long, value_name = "NAME")]
    pub ignore_column: Vec<String>,

    /// Leave unread every header column the table does not have, listing them on stderr
    #[arg(long)]
    pub skip_unknown_columns: bool,

    /// Count a name of a constituent part on the row's date as the state it was part of
    /// (a 1980 visit to "Tadzhikistan" as one to the Soviet Union)
    #[arg(long)]
    pub part_of: bool,

    /// What FILE holds, when its extension does not say: csv, json (an array of objects) or
    /// jsonl (one object a line)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Read COLUMN from the header HEADER (repeatable)
    #[arg(long, value_name = "COLUMN=HEADER", value_parser = key_value)]
    pub map: Vec<(String, String)>,

    /// Give COLUMN the value VALUE in every row (repeatable)
    #[arg(long, value_name = "COLUMN=VALUE", value_parser = key_value)]
    pub set: Vec<(String, String)>,

    #[command(flatten)]
    pub source: SourceArgs,

    /// Load the good rows and write each refused row, with its reasons, to FILE
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Check every row and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `--format`: what the input holds.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// Comma (or ; or tab) separated values with a header row
    Csv,
    /// An array of objects, one key per column
    Json,
    /// One object a line (JSON Lines)
    Jsonl,
}

impl From<FormatArg> for import::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Csv => import::Format::Csv,
            FormatArg::Json => import::Format::Json,
            FormatArg::Jsonl => import::Format::Jsonl,
        }
    }
}

/// The source rows cite: `--source`, or `--new-source` and what is known of it (shared by
/// `import`, `add` and `update`).
#[derive(Debug, clap::Args)]
pub struct SourceArgs {
    /// Cite this source in every row: its id, or its whole title (`reldb query sources` lists
    /// them); a title no source has is refused
    #[arg(long, value_name = "ID_OR_TITLE", conflicts_with = "new_source")]
    pub source: Option<String>,

    /// Create a source with this title, with the rows, and cite it in every row
    #[arg(long, value_name = "TITLE")]
    pub new_source: Option<String>,

    /// Who published the new source (with --new-source)
    #[arg(
        long,
        value_name = "NAME",
        requires = "new_source",
        conflicts_with = "source"
    )]
    pub publisher: Option<String>,

    /// Where the new source is found, a URL (with --new-source)
    #[arg(
        long,
        value_name = "URL",
        requires = "new_source",
        conflicts_with = "source"
    )]
    pub address: Option<String>,

    /// When the new source was published: YYYY, YYYY-MM or YYYY-MM-DD (with --new-source)
    #[arg(
        long,
        value_name = "DATE",
        requires = "new_source",
        conflicts_with = "source"
    )]
    pub published_on: Option<String>,
}

impl SourceArgs {
    /// The source the options name, if any.
    pub fn citation(self) -> Option<Citation> {
        match (self.source, self.new_source) {
            (Some(given), _) => Some(Citation::Existing(given)),
            (None, Some(title)) => Some(Citation::New(NewSource {
                title,
                publisher: self.publisher,
                address: self.address,
                published_on: self.published_on,
            })),
            (None, None) => None,
        }
    }
}

/// Says the id of a source created with `--new-source`, as `reldb add sources` would, so that
/// later rows can cite it with `--source ID`.
pub fn note_new_source(source: Option<Cited>, committed: bool) {
    if let Some(Cited { id, created: true }) = source {
        if committed {
            note!("added sources {id}");
        } else {
            note!("would add (dry run, nothing written) sources {id}");
        }
    }
}

/// Imports the file; fails if any row was refused.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    // Before the database is opened, so a refused --rejects leaves even a new one uncreated.
    if let Some(rejects) = &args.rejects {
        atomic::refuse_overwrite(rejects, db_path, &[&args.file])?;
    }
    let mut db = super::open::open(db_path)?;
    let options = ImportOptions {
        map: args.map,
        set: args.set,
        source: args.source.citation(),
        rejects: args.rejects.clone(),
        dry_run: args.dry_run,
        delimiter: args.delimiter,
        ignore_columns: args.ignore_column,
        skip_unknown_columns: args.skip_unknown_columns,
        part_of: args.part_of,
        format: args.format.map(Into::into),
    };
    let bar = progress_bar(&args.file);
    let mut progress = |bytes: u64, size: u64| {
        if let Some(bar) = &bar {
            bar.set_length(size);
            bar.set_position(bytes);
        }
    };
    let result = import::import_file(&mut db, &args.table, &args.file, &options, &mut progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = result?;
    let shown = if args.file == Path::new("-") {
        "stdin".to_string()
    } else {
        args.file.display().to_string()
    };
    if let Some(detected) = report.detected_delimiter {
        let separator = if detected == b'\t' { "tab" } else { ";" };
        note!("reading {shown} as {separator}-separated");
    }
    if !report.load.skipped_columns.is_empty() {
        note!(
            "skipped column{}: {}",
            if report.load.skipped_columns.len() == 1 {
                ""
            } else {
                "s"
            },
            report.load.skipped_columns.join(", ")
        );
    }
    note_new_source(report.source, report.committed);
    let load = &report.load;
    let refused = load.rejected.len();
    let verb = if report.committed {
        "imported"
    } else {
        "checked (dry run, nothing written)"
    };
    note!(
        "{shown}: {} of {} {verb} into {}",
        load.rows_written,
        count(load.rows_read, "row", "rows"),
        load.table
    );
    if refused == 0 {
        return Ok(());
    }
    for row in load.rejected.iter().take(reldb::error::ROW_ERRORS_SHOWN) {
        for error in &row.errors {
            note!("  {error}");
        }
    }
    if refused > reldb::error::ROW_ERRORS_SHOWN {
        note!(
            "  ... and {} more rows",
            refused - reldb::error::ROW_ERRORS_SHOWN
        );
    }
    let rejects = args
        .rejects
        .expect("rows are only set aside with --rejects");
    Err(Error::Found(format!(
        "{refused} row{} refused and written to {}",
        if refused == 1 { " was" } else { "s were" },
        rejects.display()
    )))
}

/// `,`, `;`, a tab (`\t` or `tab`) or any other single ASCII character.
fn delimiter(text: &str) -> Result<u8, String> {
    match text {
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() && text != "\"" && text != "\n" => {
            Ok(text.as_bytes()[0])
        }
        _ => Err("give one character: , or ; or tab (\\t)".to_string()),
    }
}

fn progress_bar(file: &Path) -> Option<ProgressBar> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size < PROGRESS_BAR_BYTES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}
