//! `reldb import`: bring an outside CSV file into a table, all or nothing by default.

use std::fs::File;
use std::io::BufReader;
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
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The load's figures and refused rows.
    pub load: LoadReport,
    /// The source the rows cite, with `--source` or `--new-source`.
    pub source: Option<Cited>,
    /// Whether the rows were committed (false for a dry run).
    pub committed: bool,
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
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let label = path.display().to_string();
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
    };
    let input = BufReader::with_capacity(1 << 16, file);
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
    })
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
