//! Rows given by hand, checked and loaded through the loader as a CSV of their own, with the
//! loader's errors moved back to where each value was given.

use rusqlite::Connection;

use super::keys::row_id_column;
use super::Fields;
use crate::error::{Error, Result, RowError, UsageError};
use crate::load::{self, LoadOptions, Mode, TableInfo};

pub(super) fn refuse_repeated_columns(row: &Fields) -> Result<()> {
    for (n, (column, _, line)) in row.values.iter().enumerate() {
        if row.values[..n].iter().any(|(c, _, _)| c == column) {
            let error = RowError {
                file: row.origin.clone(),
                line: *line,
                column: column.clone(),
                message: "is given twice; give each column once".to_string(),
            };
            return Err(refused(row, vec![error]));
        }
    }
    Ok(())
}

/// The values with `source_id` set to `source`, unless they give one.
pub(super) fn with_source(
    values: &[(String, String, u64)],
    source: Option<i64>,
    line: u64,
) -> Vec<(String, String, u64)> {
    let mut values = values.to_vec();
    if let Some(id) = source {
        match values.iter_mut().find(|(c, _, _)| c == "source_id") {
            Some(given) if !given.1.trim().is_empty() => {}
            Some(given) => given.1 = id.to_string(),
            None => values.push(("source_id".to_string(), id.to_string(), line)),
        }
    }
    values
}

/// A row's input and its values (with the source filled in).
pub(super) type Checked<'a> = (&'a Fields, Vec<(String, String, u64)>);

/// Runs of rows that can be loaded as one CSV: the same columns, and no row id given (so the
/// new rows' ids follow the table's highest, in order, and tell their keys).
pub(super) fn batches<'c, 'a>(info: &TableInfo, rows: &'c [Checked<'a>]) -> Vec<&'c [Checked<'a>]> {
    let names = |values: &[(String, String, u64)]| -> Vec<String> {
        values.iter().map(|(c, _, _)| c.clone()).collect()
    };
    let row_id = row_id_column(info);
    let mut batches = Vec::new();
    let mut start = 0;
    for end in 1..=rows.len() {
        let gives_id =
            |(_, values): &Checked<'_>| values.iter().any(|(c, _, _)| Some(c.as_str()) == row_id);
        let split = end == rows.len()
            || gives_id(&rows[end])
            || gives_id(&rows[end - 1])
            || names(&rows[end].1) != names(&rows[start].1);
        if split {
            batches.push(&rows[start..end]);
            start = end;
        }
    }
    batches
}

/// Loads rows through the loader as one CSV; its errors point at each row's input.
pub(super) fn load_rows(
    conn: &Connection,
    info: &TableInfo,
    rows: &[Checked<'_>],
    mode: Mode,
) -> Result<()> {
    let (csv, starts) = rows_csv(rows)?;
    let options = LoadOptions::new(mode);
    let (first, _) = rows[0];
    let result = load::load_csv(
        conn,
        &info.name,
        &first.origin,
        csv.as_slice(),
        &options,
        &mut |_| {},
    );
    let errors = match result {
        Ok(_) => return Ok(()),
        Err(Error::InvalidRows(errors)) => errors,
        Err(Error::InvalidFile { message, .. }) => {
            return Err(Error::InvalidFile {
                file: place(first),
                message,
            })
        }
        Err(other) => return Err(other),
    };
    let errors = errors
        .into_iter()
        .map(|e| {
            // The row whose record starts on the error's line (or last before it).
            let index = starts.iter().rposition(|s| *s <= e.line).unwrap_or(0);
            let (row, values) = &rows[index];
            located(renumbered(e, &starts, rows), row, values)
        })
        .collect();
    Err(refused(first, errors))
}

/// The loader's "duplicate of line N" with N the line of that row in the user's input, not
/// in the CSV made of it.
pub(super) fn renumbered(error: RowError, starts: &[u64], rows: &[Checked<'_>]) -> RowError {
    let Some(line) = error
        .message
        .strip_prefix("duplicate of line ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse::<u64>().ok())
    else {
        return error;
    };
    let Some(index) = starts.iter().position(|s| *s == line) else {
        return error;
    };
    let (row, _) = &rows[index];
    let message = error
        .message
        .replacen(&format!("line {line}"), &format!("line {}", row.line), 1);
    RowError { message, ..error }
}

/// The error for `row`'s refused values: by argument, or by line of the input.
pub(super) fn refused(row: &Fields, errors: Vec<RowError>) -> Error {
    if row.from_arguments {
        Error::ArgumentsRefused {
            command: row.origin.clone(),
            errors,
        }
    } else {
        Error::InvalidRows(errors)
    }
}

/// Where `row` was given, for a message about it as a whole.
pub(super) fn place(row: &Fields) -> String {
    if row.from_arguments {
        row.origin.clone()
    } else {
        format!("{}:{}", row.origin, row.line)
    }
}

/// A loader error moved from the one-row CSV to where the value was given. A rule of the
/// schema (a CHECK) names no column: the columns its text names are looked for, and their
/// values added, so that the message says what was given.
pub(super) fn located(error: RowError, row: &Fields, values: &[(String, String, u64)]) -> RowError {
    let error = if error.column.is_empty() {
        with_named_columns(error, values)
    } else {
        error
    };
    let line = match values.iter().find(|(column, _, _)| *column == error.column) {
        Some((_, _, line)) => *line,
        None if row.from_arguments => 0,
        None => row.line,
    };
    RowError { line, ..error }
}

pub(super) fn with_named_columns(error: RowError, values: &[(String, String, u64)]) -> RowError {
    let words: Vec<&str> = error
        .message
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    let named: Vec<&(String, String, u64)> = values
        .iter()
        .filter(|(column, _, _)| words.contains(&column.as_str()))
        .collect();
    if !error.message.starts_with("breaks a rule") || named.is_empty() {
        return error;
    }
    let given: Vec<String> = named
        .iter()
        .map(|(column, value, _)| format!("{column} is '{value}'"))
        .collect();
    RowError {
        column: match named.as_slice() {
            [(column, _, _)] => column.clone(),
            _ => String::new(),
        },
        message: format!("{} ({})", error.message, given.join(", ")),
        ..error
    }
}

/// Refuses a column the table lacks, or a required one left out, in words for a row given
/// by hand (the loader speaks of a file's header).
pub(super) fn check_columns(
    info: &TableInfo,
    row: &Fields,
    values: &[(String, String, u64)],
) -> Result<()> {
    let columns: Vec<&str> = info.columns.iter().map(|c| c.name.as_str()).collect();
    let mut errors = Vec::new();
    for (column, _, line) in values {
        if !columns.contains(&column.as_str()) {
            errors.push(RowError {
                file: row.origin.clone(),
                line: *line,
                column: column.clone(),
                message: format!(
                    "{} has no column {column}; its columns: {}",
                    info.name,
                    columns.join(", ")
                ),
            });
        }
    }
    let missing: Vec<&str> = info
        .columns
        .iter()
        .filter(|c| c.required && !values.iter().any(|(v, _, _)| *v == c.name))
        .map(|c| c.name.as_str())
        .collect();
    if !missing.is_empty() {
        errors.push(RowError {
            file: row.origin.clone(),
            line: if row.from_arguments { 0 } else { row.line },
            column: String::new(),
            message: format!(
                "{} needs a value for {} (give {})",
                info.name,
                missing.join(", "),
                missing
                    .iter()
                    .map(|m| format!("{m}=..."))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(refused(row, errors))
    }
}

/// The rows as CSV under one header, and the line each row's record starts on (a value may
/// hold line breaks).
pub(super) fn rows_csv(rows: &[Checked<'_>]) -> Result<(Vec<u8>, Vec<u64>)> {
    let failed = |e: csv::Error| Error::from(csv_failed(e));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(rows[0].1.iter().map(|(column, _, _)| column))
        .map_err(failed)?;
    let mut starts = Vec::with_capacity(rows.len());
    for (_, values) in rows {
        writer.flush().map_err(|e| failed(e.into()))?;
        starts.push(memchr::memchr_iter(b'\n', writer.get_ref()).count() as u64 + 1);
        writer
            .write_record(values.iter().map(|(_, value, _)| value))
            .map_err(failed)?;
    }
    let csv = writer.into_inner().map_err(csv_failed)?;
    Ok((csv, starts))
}

/// The rows could not be written as CSV: a failure of the CSV writer, not of the user's input.
fn csv_failed(reason: impl std::fmt::Display) -> UsageError {
    UsageError::CsvWrite {
        what: "the rows as CSV".to_string(),
        reason: reason.to_string(),
    }
}
