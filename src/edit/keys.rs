//! Rows named by their key, and keys of new rows.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::error::{Error, Result, UsageError};
use crate::load::{ColumnKind, TableInfo};
use crate::states::StateResolver;

/// The column that is the table's row id (an INTEGER PRIMARY KEY alone), if one is.
pub(super) fn row_id_column(info: &TableInfo) -> Option<&str> {
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

pub(super) fn key_columns(info: &TableInfo) -> Vec<&str> {
    info.columns
        .iter()
        .filter(|c| c.primary_key)
        .map(|c| c.name.as_str())
        .collect()
}

/// The highest row id of the table (0 for an empty one).
pub(super) fn last_row_id(conn: &Connection, info: &TableInfo) -> Result<i64> {
    let sql = format!("SELECT coalesce(max(rowid), 0) FROM {}", quote(&info.name));
    Ok(conn.query_row(&sql, [], |row| row.get(0))?)
}

/// The keys of the rows whose row id is above `before`, in the order they were added.
pub(super) fn keys_after(conn: &Connection, info: &TableInfo, before: i64) -> Result<Vec<String>> {
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

/// The key of the row inserted last.
pub(super) fn last_key(conn: &Connection, info: &TableInfo) -> Result<String> {
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

/// `(column, value)` of the key `key` names: a composite key's values in schema order,
/// comma-separated; states by code or name; a pair of states in either order.
pub(super) fn key_condition(
    conn: &Connection,
    info: &TableInfo,
    key: &str,
) -> Result<Vec<(String, Value)>> {
    let columns: Vec<_> = info.columns.iter().filter(|c| c.primary_key).collect();
    // Split from the right: the first value may hold commas ("Bolivia, Plurinational State
    // of,BO" in state_aliases), the others are codes and numbers.
    let mut parts: Vec<&str> = key.rsplitn(columns.len(), ',').map(str::trim).collect();
    parts.reverse();
    if parts.len() != columns.len() {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        return Err(UsageError::KeyArity {
            key: key.to_string(),
            table: info.name.clone(),
            columns: names.iter().map(|n| n.to_string()).collect(),
        }
        .into());
    }
    let resolver = StateResolver::load(conn)?;
    let mut condition = Vec::new();
    for (column, part) in columns.iter().zip(parts) {
        let value = match column.kind {
            ColumnKind::Integer => Value::Integer(part.parse().map_err(|_| {
                Error::from(UsageError::KeyNotNumber {
                    value: part.to_string(),
                    column: column.name.clone(),
                    table: info.name.clone(),
                })
            })?),
            ColumnKind::State => Value::Text(
                resolver
                    .resolve(part, None)
                    .map_err(|source| UsageError::KeyState {
                        column: column.name.clone(),
                        source,
                    })?
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

pub(super) fn where_clause(condition: &[(String, Value)]) -> String {
    condition
        .iter()
        .enumerate()
        .map(|(n, (column, _))| format!("{} = ?{}", quote(column), n + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

pub(super) fn shown_key(condition: &[(String, Value)]) -> String {
    condition
        .iter()
        .map(|(_, v)| text_of(ValueRef::from(v)))
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn no_row(info: &TableInfo, key: &str, condition: &[(String, Value)]) -> Error {
    let columns: Vec<&str> = condition.iter().map(|(c, _)| c.as_str()).collect();
    UsageError::NoSuchRow {
        table: info.name.clone(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        key: key.to_string(),
    }
    .into()
}

/// The row the key names, every column as text (empty for NULL), in schema order.
pub(super) fn read_row(
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

pub(super) fn text_of(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// Quotes an identifier taken from the schema (never from user data).
pub(super) fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
