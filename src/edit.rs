//! `reldb add`, `update` and `delete`: one fact (or a few) from the command line.
//!
//! The values go through the very loader that `reldb import` and `reldb seed` use: each row is
//! written as a one-row CSV (by the csv crate, so quoting is right) and loaded in one write
//! transaction. Types, dates, state names, references, duplicates and the `--source` handling
//! are therefore the same code as an import's, and a refused row leaves the file untouched.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension, Transaction};

use crate::db::Database;
use crate::error::{Error, Result, RowError};
use crate::load::{self, ColumnKind, LoadOptions, Mode, TableInfo};
use crate::states::StateResolver;

/// The values of one row, and where they were given, so that a refusal can point at them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// What messages call the input: `add visits` for arguments, `stdin` for JSON.
    pub origin: String,
    /// The line of the row in its input (for arguments, the number of its first argument).
    pub line: u64,
    /// `(column, value, line)`: an empty value is NULL (or the column's default); `line` is
    /// where this value was given (its argument's number, or the row's line).
    pub values: Vec<(String, String, u64)>,
    /// Given as command-line arguments: refusals name the argument, not a line.
    pub from_arguments: bool,
}

impl Fields {
    /// The row of `COLUMN=VALUE` arguments, the first of which is argument `first_argument`
    /// of the command line (counted after the command's name).
    pub fn from_pairs(origin: &str, first_argument: u64, pairs: &[(String, String)]) -> Self {
        let values = pairs
            .iter()
            .zip(first_argument..)
            .map(|((column, value), n)| (column.clone(), value.clone(), n))
            .collect();
        Fields {
            origin: origin.to_string(),
            line: first_argument,
            values,
            from_arguments: true,
        }
    }
}

/// Reads rows from JSON: one object, an array of objects, or JSON Lines (one object a line).
/// A string, number or boolean is the value (true is 1, false 0); null is NULL. Each row's
/// `line` is the line its object starts on (in an array: the item's number).
pub fn rows_from_json(origin: &str, text: &str) -> Result<Vec<Fields>> {
    let invalid = |line: u64, message: String| Error::InvalidFile {
        file: format!("{origin}:{line}"),
        message,
    };
    let mut rows = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    loop {
        let start = stream.byte_offset();
        let value = match stream.next() {
            None => break,
            Some(Ok(value)) => value,
            Some(Err(e)) => {
                return Err(invalid(
                    e.line() as u64,
                    format!("not JSON: {e} (give an object, an array of objects or JSON Lines)"),
                ))
            }
        };
        let line = line_of(text, start);
        match value {
            serde_json::Value::Array(items) => {
                for (n, item) in items.into_iter().enumerate() {
                    rows.push(object_row(origin, n as u64 + 1, item)?);
                }
            }
            other => rows.push(object_row(origin, line, other)?),
        }
    }
    if rows.is_empty() {
        return Err(Error::InvalidFile {
            file: origin.to_string(),
            message: "no rows: give a JSON object, an array of objects or JSON Lines".to_string(),
        });
    }
    Ok(rows)
}

/// The 1-based line of the first non-blank character at or after `offset`.
fn line_of(text: &str, offset: usize) -> u64 {
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start().len();
    text[..offset + skipped].matches('\n').count() as u64 + 1
}

fn object_row(origin: &str, line: u64, value: serde_json::Value) -> Result<Fields> {
    let invalid = |message: String| Error::InvalidFile {
        file: format!("{origin}:{line}"),
        message,
    };
    let serde_json::Value::Object(object) = value else {
        return Err(invalid(format!(
            "{value} is not an object; each row is an object such as {{\"column\": \"value\"}}"
        )));
    };
    let mut values = Vec::new();
    for (column, value) in object {
        let text = match value {
            serde_json::Value::Null => String::new(),
            serde_json::Value::Bool(b) => u8::from(b).to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s,
            other => {
                return Err(invalid(format!(
                    "{column}: {other} is not a single value (give a string, number, boolean \
                     or null)"
                )))
            }
        };
        values.push((column, text, line));
    }
    Ok(Fields {
        origin: origin.to_string(),
        line,
        values,
        from_arguments: false,
    })
}

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct EditOptions {
    /// A source the row cites, by id or title (a title no source has creates one), as
    /// `reldb import --source` does; it fills `source_id` unless that is given.
    pub source: Option<String>,
    /// Check everything, write nothing.
    pub dry_run: bool,
}

/// What `add` did.
#[derive(Debug, Clone)]
pub struct AddReport {
    /// The table.
    pub table: String,
    /// The key of each new row, in the order given (`17`; `TJ,US` for a composite key).
    pub keys: Vec<String>,
    /// Whether the rows were committed (false for a dry run).
    pub committed: bool,
}

/// One column an update changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The column.
    pub column: String,
    /// Its value before (empty for NULL).
    pub old: String,
    /// Its value after, as stored (a state's code, not the name given).
    pub new: String,
}

/// What `update` did.
#[derive(Debug, Clone)]
pub struct UpdateReport {
    /// The table.
    pub table: String,
    /// The row's key.
    pub key: String,
    /// The columns whose value changed (none if every value was already so).
    pub changes: Vec<Change>,
    /// Whether the change was committed (false for a dry run).
    pub committed: bool,
}

/// What `delete` did.
#[derive(Debug, Clone)]
pub struct DeleteReport {
    /// The table.
    pub table: String,
    /// The row's key.
    pub key: String,
    /// The removed row: `(column, value)`, empty for NULL.
    pub row: Vec<(String, String)>,
    /// `(table, rows)` removed with it because they belong to it (ON DELETE CASCADE).
    pub cascaded: Vec<(String, u64)>,
    /// Whether the deletion was committed (false for a dry run).
    pub committed: bool,
}

/// Adds `rows` to `table` in one transaction: every row is checked as an imported one is,
/// and one refused row refuses them all.
pub fn add(
    db: &mut Database,
    table: &str,
    rows: &[Fields],
    options: &EditOptions,
) -> Result<AddReport> {
    let tx = db.write_transaction_for("add to it")?;
    let info = TableInfo::read(&tx, table)?;
    let source = options
        .source
        .as_deref()
        .map(|s| source_id(&tx, &info, s))
        .transpose()?;
    let mut refused = Vec::new();
    let mut checked = Vec::new();
    for row in rows {
        let values = with_source(&row.values, source, row.line);
        let check = refuse_repeated_columns(row).and_then(|()| check_columns(&info, row, &values));
        match check {
            Ok(()) => checked.push((row, values)),
            Err(Error::InvalidRows(errors)) => refused.extend(errors),
            Err(other) => return Err(other),
        }
    }
    let mut keys = Vec::new();
    for batch in batches(&info, &checked) {
        let before = last_row_id(&tx, &info)?;
        match load_rows(&tx, &info, batch, Mode::Insert) {
            Ok(()) if batch.len() == 1 => keys.push(last_key(&tx, &info)?),
            Ok(()) => keys.extend(keys_after(&tx, &info, before)?),
            Err(Error::InvalidRows(errors)) => refused.extend(errors),
            Err(other) => return Err(other),
        }
    }
    if !refused.is_empty() {
        return Err(Error::InvalidRows(refused));
    }
    finish(tx, options.dry_run)?;
    Ok(AddReport {
        table: info.name,
        keys,
        committed: !options.dry_run,
    })
}

/// Changes the row of `table` whose primary key is `key` (the values of a composite key in
/// schema order, comma-separated: `TJ,US`; only the first may hold commas): the whole new
/// row is checked as an imported one is. A key that matches no row, or a change of the key itself, is refused.
pub fn update(
    db: &mut Database,
    table: &str,
    key: &str,
    changes: &Fields,
    options: &EditOptions,
) -> Result<UpdateReport> {
    let tx = db.write_transaction_for("update it")?;
    let info = TableInfo::read(&tx, table)?;
    refuse_repeated_columns(changes)?;
    let condition = key_condition(&tx, &info, key)?;
    let before = read_row(&tx, &info, &condition)?.ok_or_else(|| no_row(&info, key, &condition))?;
    for (column, _, _) in &changes.values {
        if info
            .columns
            .iter()
            .any(|c| c.primary_key && c.name == *column)
        {
            return Err(Error::Invalid(format!(
                "{column} is part of the key of {}: a key cannot be changed; delete the row \
                 and add it again",
                info.name
            )));
        }
    }
    let source = options
        .source
        .as_deref()
        .map(|s| source_id(&tx, &info, s))
        .transpose()?;
    let mut values: Vec<(String, String, u64)> = before
        .iter()
        .filter(|(column, _)| !changes.values.iter().any(|(c, _, _)| c == column))
        .map(|(column, value)| (column.clone(), value.clone(), changes.line))
        .collect();
    values.extend(changes.values.iter().cloned());
    let values = with_source(&values, source, changes.line);
    load_rows(&tx, &info, &[(changes, values)], Mode::Upsert)?;
    let after = read_row(&tx, &info, &condition)?.expect("the row was updated in place");
    let changes = before
        .into_iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((column, old), (_, new))| Change { column, old, new })
        .collect();
    finish(tx, options.dry_run)?;
    Ok(UpdateReport {
        key: shown_key(&condition),
        table: info.name,
        changes,
        committed: !options.dry_run,
    })
}

/// Deletes the row of `table` whose primary key is `key` (as for [`update`]). Rows of other
/// tables that refer to it refuse the deletion, named with their count; rows that belong to it
/// (ON DELETE CASCADE, such as an agreement's parties) go with it and are counted.
pub fn delete(db: &mut Database, table: &str, key: &str, dry_run: bool) -> Result<DeleteReport> {
    let tx = db.write_transaction_for("delete from it")?;
    let info = TableInfo::read(&tx, table)?;
    let condition = key_condition(&tx, &info, key)?;
    let row = read_row(&tx, &info, &condition)?.ok_or_else(|| no_row(&info, key, &condition))?;
    let shown = shown_key(&condition);
    let referrers = referrers(&tx, &info, &row)?;
    let blocking: Vec<String> = referrers
        .iter()
        .filter(|r| !r.cascade)
        .map(|r| {
            format!(
                "{} {} of {} ({} = {})",
                r.rows,
                if r.rows == 1 { "row" } else { "rows" },
                r.table,
                r.column,
                r.value
            )
        })
        .collect();
    if !blocking.is_empty() {
        return Err(Error::Invalid(format!(
            "{} {shown} is still referred to by {}; change or delete those first. Nothing was \
             deleted.",
            info.name,
            blocking.join(", ")
        )));
    }
    let sql = format!(
        "DELETE FROM {} WHERE {}",
        quote(&info.name),
        where_clause(&condition)
    );
    tx.execute(&sql, params_from_iter(condition.iter().map(|(_, v)| v)))?;
    let cascaded = referrers
        .into_iter()
        .filter(|r| r.cascade)
        .map(|r| (r.table, r.rows))
        .collect();
    finish(tx, dry_run)?;
    Ok(DeleteReport {
        table: info.name,
        key: shown,
        row,
        cascaded,
        committed: !dry_run,
    })
}

fn finish(tx: Transaction<'_>, dry_run: bool) -> Result<()> {
    if dry_run {
        // Dropping the transaction rolls it back.
        return Ok(());
    }
    Ok(tx.commit()?)
}

fn refuse_repeated_columns(row: &Fields) -> Result<()> {
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
fn with_source(
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
type Checked<'a> = (&'a Fields, Vec<(String, String, u64)>);

/// Runs of rows that can be loaded as one CSV: the same columns, and no row id given (so the
/// new rows' ids follow the table's highest, in order, and tell their keys).
fn batches<'c, 'a>(info: &TableInfo, rows: &'c [Checked<'a>]) -> Vec<&'c [Checked<'a>]> {
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

/// The column that is the table's row id (an INTEGER PRIMARY KEY alone), if one is.
fn row_id_column(info: &TableInfo) -> Option<&str> {
    match key_columns(info).as_slice() {
        [only]
            if info
                .columns
                .iter()
                .any(|c| c.name == *only && c.kind == ColumnKind::Integer) =>
        {
            Some(only)
        }
        _ => None,
    }
}

/// Loads rows through the loader as one CSV; its errors point at each row's input.
fn load_rows(conn: &Connection, info: &TableInfo, rows: &[Checked<'_>], mode: Mode) -> Result<()> {
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
fn renumbered(error: RowError, starts: &[u64], rows: &[Checked<'_>]) -> RowError {
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
fn refused(row: &Fields, errors: Vec<RowError>) -> Error {
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
fn place(row: &Fields) -> String {
    if row.from_arguments {
        row.origin.clone()
    } else {
        format!("{}:{}", row.origin, row.line)
    }
}

/// A loader error moved from the one-row CSV to where the value was given. A rule of the
/// schema (a CHECK) names no column: the columns its text names are looked for, and their
/// values added, so that the message says what was given.
fn located(error: RowError, row: &Fields, values: &[(String, String, u64)]) -> RowError {
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

fn with_named_columns(error: RowError, values: &[(String, String, u64)]) -> RowError {
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
fn check_columns(info: &TableInfo, row: &Fields, values: &[(String, String, u64)]) -> Result<()> {
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
fn rows_csv(rows: &[Checked<'_>]) -> Result<(Vec<u8>, Vec<u64>)> {
    let failed = |e: csv::Error| Error::Invalid(format!("cannot write the rows as CSV: {e}"));
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
    let csv = writer
        .into_inner()
        .map_err(|e| Error::Invalid(format!("cannot write the rows as CSV: {e}")))?;
    Ok((csv, starts))
}

/// The highest row id of the table (0 for an empty one).
fn last_row_id(conn: &Connection, info: &TableInfo) -> Result<i64> {
    let sql = format!("SELECT coalesce(max(rowid), 0) FROM {}", quote(&info.name));
    Ok(conn.query_row(&sql, [], |row| row.get(0))?)
}

/// The keys of the rows whose row id is above `before`, in the order they were added.
fn keys_after(conn: &Connection, info: &TableInfo, before: i64) -> Result<Vec<String>> {
    let columns: Vec<String> = key_columns(info).iter().map(|c| quote(c)).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE rowid > ?1 ORDER BY rowid",
        columns.join(", "),
        quote(&info.name)
    );
    let mut stmt = conn.prepare(&sql)?;
    let keys = stmt.query_map([before], |row| {
        (0..columns.len())
            .map(|i| row.get_ref(i).map(text_of))
            .collect::<rusqlite::Result<Vec<String>>>()
            .map(|key| key.join(","))
    })?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

/// The id of the source `given`: an id that exists, or a title (created if no source has it).
fn source_id(conn: &Connection, info: &TableInfo, given: &str) -> Result<i64> {
    if !info.columns.iter().any(|c| c.name == "source_id") {
        return Err(Error::Invalid(format!(
            "--source: {} has no source_id column; its rows cite no source",
            info.name
        )));
    }
    let given = given.trim();
    if given.is_empty() {
        return Err(Error::Invalid(
            "--source needs an id or a title".to_string(),
        ));
    }
    if let Ok(id) = given.parse::<i64>() {
        let found: Option<i64> = conn
            .query_row("SELECT id FROM sources WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        return found.ok_or_else(|| {
            Error::Invalid(format!(
                "--source {id}: no source has id {id} (`reldb query sources` lists them)"
            ))
        });
    }
    let found: Option<i64> = conn
        .query_row("SELECT id FROM sources WHERE title = ?1", [given], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.execute("INSERT INTO sources (title) VALUES (?1)", [given])?;
    Ok(conn.last_insert_rowid())
}

/// The key of the row inserted last.
fn last_key(conn: &Connection, info: &TableInfo) -> Result<String> {
    let columns: Vec<String> = key_columns(info).iter().map(|c| quote(c)).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE rowid = ?1",
        columns.join(", "),
        quote(&info.name)
    );
    let key = conn.query_row(&sql, [conn.last_insert_rowid()], |row| {
        (0..columns.len())
            .map(|i| row.get_ref(i).map(text_of))
            .collect::<rusqlite::Result<Vec<String>>>()
    })?;
    Ok(key.join(","))
}

fn key_columns(info: &TableInfo) -> Vec<&str> {
    info.columns
        .iter()
        .filter(|c| c.primary_key)
        .map(|c| c.name.as_str())
        .collect()
}

/// `(column, value)` of the key `key` names: a composite key's values in schema order,
/// comma-separated; states by code or name; a pair of states in either order.
fn key_condition(conn: &Connection, info: &TableInfo, key: &str) -> Result<Vec<(String, Value)>> {
    let columns: Vec<_> = info.columns.iter().filter(|c| c.primary_key).collect();
    // Split from the right: the first value may hold commas ("Bolivia, Plurinational State
    // of,BO" in state_aliases), the others are codes and numbers.
    let mut parts: Vec<&str> = key.rsplitn(columns.len(), ',').map(str::trim).collect();
    parts.reverse();
    if parts.len() != columns.len() {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::Invalid(format!(
            "'{key}': the key of {} is {}: give {} value{}, comma-separated in that order",
            info.name,
            names.join(", "),
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let resolver = StateResolver::load(conn)?;
    let mut condition = Vec::new();
    for (column, part) in columns.iter().zip(parts) {
        let value = match column.kind {
            ColumnKind::Integer => Value::Integer(part.parse().map_err(|_| {
                Error::Invalid(format!(
                    "'{part}': the key {} of {} is a whole number",
                    column.name, info.name
                ))
            })?),
            ColumnKind::State => Value::Text(
                resolver
                    .resolve(part, None)
                    .map_err(|e| Error::Invalid(format!("{}: {e}", column.name)))?
                    .to_string(),
            ),
            _ => Value::Text(part.to_string()),
        };
        condition.push((column.name.clone(), value));
    }
    // A pair is stored with state_a < state_b; either order names it.
    if let [(a, Value::Text(x)), (b, Value::Text(y))] = condition.as_mut_slice() {
        if a == "state_a" && b == "state_b" && x > y {
            std::mem::swap(x, y);
        }
    }
    Ok(condition)
}

fn where_clause(condition: &[(String, Value)]) -> String {
    condition
        .iter()
        .enumerate()
        .map(|(n, (column, _))| format!("{} = ?{}", quote(column), n + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn shown_key(condition: &[(String, Value)]) -> String {
    condition
        .iter()
        .map(|(_, v)| text_of(ValueRef::from(v)))
        .collect::<Vec<_>>()
        .join(",")
}

fn no_row(info: &TableInfo, key: &str, condition: &[(String, Value)]) -> Error {
    let columns: Vec<&str> = condition.iter().map(|(c, _)| c.as_str()).collect();
    Error::Invalid(format!(
        "{} has no row with {} {key}; nothing was changed",
        info.name,
        columns.join(",")
    ))
}

/// The row the key names, every column as text (empty for NULL), in schema order.
fn read_row(
    conn: &Connection,
    info: &TableInfo,
    condition: &[(String, Value)],
) -> Result<Option<Vec<(String, String)>>> {
    let columns: Vec<String> = info.columns.iter().map(|c| quote(&c.name)).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        columns.join(", "),
        quote(&info.name),
        where_clause(condition)
    );
    let row = conn
        .query_row(
            &sql,
            params_from_iter(condition.iter().map(|(_, v)| v)),
            |row| {
                (0..columns.len())
                    .map(|i| row.get_ref(i).map(text_of))
                    .collect::<rusqlite::Result<Vec<String>>>()
            },
        )
        .optional()?;
    Ok(row.map(|values| {
        info.columns
            .iter()
            .map(|c| c.name.clone())
            .zip(values)
            .collect()
    }))
}

fn text_of(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// Rows of another table that refer to a row.
struct Referrer {
    table: String,
    column: String,
    value: String,
    rows: u64,
    /// They go with the row (ON DELETE CASCADE).
    cascade: bool,
}

/// Every table's rows that refer to `row` of `info`, by each foreign key that points at it.
fn referrers(
    conn: &Connection,
    info: &TableInfo,
    row: &[(String, String)],
) -> Result<Vec<Referrer>> {
    let mut found = Vec::new();
    for table in load::loadable_tables(conn)? {
        let mut stmt = conn.prepare(
            "SELECT \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) \
             WHERE \"table\" = ?2",
        )?;
        let keys: Vec<(String, String, String)> = stmt
            .query_map([&table, &info.name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (from, to, on_delete) in keys {
            let Some((_, value)) = row.iter().find(|(column, _)| *column == to) else {
                continue;
            };
            let sql = format!(
                "SELECT count(*) FROM {} WHERE {} = ?1",
                quote(&table),
                quote(&from)
            );
            let bound = bound_value(info, &to, value);
            let rows: i64 = conn.query_row(&sql, [&bound], |r| r.get(0))?;
            let rows = rows.unsigned_abs();
            // A row that refers to itself (a sphere is its own sphere) goes with it.
            let itself = table == info.name && row.iter().any(|(c, v)| *c == from && v == value);
            let rows = rows - u64::from(itself);
            if rows > 0 {
                found.push(Referrer {
                    cascade: on_delete.eq_ignore_ascii_case("CASCADE"),
                    table: table.clone(),
                    column: from,
                    value: value.clone(),
                    rows,
                });
            }
        }
    }
    Ok(found)
}

fn bound_value(info: &TableInfo, column: &str, text: &str) -> Value {
    let integer = info
        .columns
        .iter()
        .any(|c| c.name == column && c.kind == ColumnKind::Integer);
    match text.parse::<i64>() {
        Ok(i) if integer => Value::Integer(i),
        _ => Value::Text(text.to_string()),
    }
}

/// Quotes an identifier taken from the schema (never from user data).
fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
