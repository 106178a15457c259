//! `reldb import`: bring an outside CSV file into a table, all or nothing by default.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::atomic::{self, AtomicFile};
use crate::db::Database;
use crate::error::{Error, Result};
use crate::load::{self, LoadOptions, LoadReport, Mode};
use crate::sources::{self, Citation, Cited};

/// Files at least this large load with the table's indexes dropped and built again after.
const REBUILD_INDEXES_BYTES: u64 = 1 << 20;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// `(column, header)` pairs: read a column from a differently named header.
    pub map: Vec<(String, String)>,
    /// `(column, value)` pairs: one value for every row.
    pub set: Vec<(String, String)>,
    /// The source every imported row cites (`--source` or `--new-source`); it fills
    /// `source_id` unless `set` gives one. A new source is created with the rows.
    pub source: Option<Citation>,
    /// Load the good rows and write each bad one, with its reasons, to this file.
    pub rejects: Option<PathBuf>,
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// The byte between fields; `None` detects `;` or tab from the header line.
    pub delimiter: Option<u8>,
    /// Header columns to leave unread.
    pub ignore_columns: Vec<String>,
    /// Leave unread every header column the table does not have.
    pub skip_unknown_columns: bool,
    /// A name of a constituent part (the Tajik SSR) means the state it was part of on the
    /// row's date (the Soviet Union).
    pub part_of: bool,
    /// CSV, JSON or JSON Lines; `None` goes by the file's extension (CSV otherwise).
    pub format: Option<Format>,
}

/// What the input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma (or `;`, tab) separated values with a header row.
    Csv,
    /// An array of objects (or one object), one key per column.
    Json,
    /// One object a line.
    Jsonl,
}

/// The largest JSON input read, which is held whole in memory to be parsed.
const MAX_JSON_BYTES: u64 = 256 << 20;

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The load's figures and refused rows.
    pub load: LoadReport,
    /// The source the rows cite, with `--source` or `--new-source`.
    pub source: Option<Cited>,
    /// Whether the rows were committed (false for a dry run).
    pub committed: bool,
    /// The delimiter detected from the header line, when none was given and it is not `,`.
    pub detected_delimiter: Option<u8>,
}

/// Imports `path` into `table` in one transaction.
///
/// A refused row fails the whole import unless `rejects` is given, in which case the good
/// rows are committed and the bad ones written there (atomically; refused if it is the
/// database or `path`). `progress` gets `(bytes read, file size)` now and then.
pub fn import_file(
    db: &mut Database,
    table: &str,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    if let Some(rejects) = &options.rejects {
        atomic::refuse_overwrite(rejects, db.path(), &[path])?;
    }
    let (file, size, label): (Box<dyn Read>, u64, String) = if path == Path::new("-") {
        (Box::new(std::io::stdin().lock()), 0, "stdin".to_string())
    } else {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(file), size, path.display().to_string())
    };
    let mut input = BufReader::with_capacity(1 << 16, file);
    let (input, delimiter, detected_delimiter) = match format_of(path, options.format) {
        Format::Csv => {
            let (delimiter, detected) = delimiter_of(&mut input, options.delimiter, &label)?;
            (Box::new(input) as Box<dyn Read>, delimiter, detected)
        }
        Format::Json | Format::Jsonl => {
            let csv = json_as_csv(input, &label)?;
            (
                Box::new(std::io::Cursor::new(csv)) as Box<dyn Read>,
                b',',
                None,
            )
        }
    };
    let tx = db.write_transaction_for("import into it")?;
    let mut set = options.set.clone();
    let source = options
        .source
        .as_ref()
        .map(|citation| sources::cite(&tx, citation))
        .transpose()?;
    if let Some(cited) = source {
        if !set.iter().any(|(column, _)| column == "source_id") {
            set.push(("source_id".to_string(), cited.id.to_string()));
        }
    }
    let load_options = LoadOptions {
        mode: Mode::Insert,
        map: options.map.clone(),
        set,
        keep_going: options.rejects.is_some(),
        rebuild_indexes: size >= REBUILD_INDEXES_BYTES,
        delimiter,
        ignore_columns: options.ignore_columns.clone(),
        skip_unknown_columns: options.skip_unknown_columns,
        part_of: options.part_of,
    };
    let report = load::load_csv(&tx, table, &label, input, &load_options, &mut |bytes| {
        progress(bytes, size)
    })?;
    if report.rows_read == 0 {
        return Err(Error::InvalidFile {
            file: label,
            message: "has a header but no data rows; nothing to import".to_string(),
        });
    }
    // The rejects file takes its place before the commit: if it cannot be written, nothing
    // is imported and the user's old file stays as it was.
    if let Some(rejects) = &options.rejects {
        write_rejects(rejects, &report)?;
    }
    let committed = !options.dry_run;
    if committed {
        tx.commit()?;
    }
    Ok(ImportReport {
        load: report,
        source,
        committed,
        detected_delimiter,
    })
}

/// The format given, or the one the extension names (`.json`, `.jsonl`, `.ndjson`).
fn format_of(path: &Path, given: Option<Format>) -> Format {
    given.unwrap_or_else(|| {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Format::Json,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            _ => Format::Csv,
        }
    })
}

/// The delimiter given, or the one the header line shows: with no comma but `;` or a tab,
/// it is a European spreadsheet's `;` or a tab-separated file. The second value is set when
/// one was detected.
fn delimiter_of(
    input: &mut impl BufRead,
    given: Option<u8>,
    label: &str,
) -> Result<(u8, Option<u8>)> {
    if let Some(given) = given {
        return Ok((given, None));
    }
    let buffer = input
        .fill_buf()
        .map_err(|e| Error::io(Path::new(label), e))?;
    let line = buffer.split(|&b| b == b'\n').next().unwrap_or_default();
    if line.contains(&b',') {
        return Ok((b',', None));
    }
    let found = [b';', b'\t'].into_iter().find(|d| line.contains(d));
    Ok((found.unwrap_or(b','), found))
}

/// Reads JSON rows (bounded) and writes them as CSV, with a header of every key in the
/// order first seen; a key a row lacks is an empty field.
fn json_as_csv(input: impl Read, label: &str) -> Result<Vec<u8>> {
    let mut text = String::new();
    let io = |e| Error::io(Path::new(label), e);
    input
        .take(MAX_JSON_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_JSON_BYTES {
        return Err(Error::InvalidFile {
            file: label.to_string(),
            message: format!(
                "is larger than {} MiB, the most JSON reldb reads; give it as CSV",
                MAX_JSON_BYTES >> 20
            ),
        });
    }
    let rows = crate::edit::rows_from_json(label, text.trim_start_matches('\u{feff}'))?;
    let mut header: Vec<String> = Vec::new();
    for row in &rows {
        for (column, _, _) in &row.values {
            if !header.contains(column) {
                header.push(column.clone());
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let invalid = |e: csv::Error| {
        Error::from(crate::error::UsageError::CsvWrite {
            what: format!("the rows of {label} as CSV"),
            reason: e.to_string(),
        })
    };
    writer.write_record(&header).map_err(invalid)?;
    for row in &rows {
        let fields = header.iter().map(|column| {
            row.values
                .iter()
                .find(|(c, _, _)| c == column)
                .map_or("", |(_, v, _)| v.as_str())
        });
        writer.write_record(fields).map_err(invalid)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::io(Path::new(label), e.into_error()))
}

/// Writes refused rows as CSV: `line`, `reasons`, then the row's own fields under its header.
fn write_rejects(path: &Path, report: &LoadReport) -> Result<()> {
    let file = AtomicFile::create(path)?;
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(file);
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(path, e),
        other => Error::from(crate::error::UsageError::CsvWrite {
            what: path.display().to_string(),
            reason: format!("{other:?}"),
        }),
    };
    let mut header = vec!["line".to_string(), "reasons".to_string()];
    header.extend(report.header.iter().cloned());
    writer.write_record(&header).map_err(io)?;
    for row in &report.rejected {
        let line = row.errors.first().map_or(0, |e| e.line);
        let reasons: Vec<String> = row
            .errors
            .iter()
            .map(|e| {
                if e.column.is_empty() {
                    e.message.clone()
                } else {
                    format!("{}: {}", e.column, e.message)
                }
            })
            .collect();
        let mut fields = vec![line.to_string(), reasons.join("; ")];
        fields.extend(row.record.iter().cloned());
        writer.write_record(&fields).map_err(io)?;
    }
    let file = writer
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    file.commit()
}
