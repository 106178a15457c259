//! Running a named query: its rows written out in a format, or held in memory.

use rusqlite::types::Value;

use super::bind::bound_statement;
use super::{find, refusal_message, NamedQuery};
use crate::error::{Error, Result};
use crate::guard;

/// Runs `query` with `given` parameters (`name=value` pairs) and writes its rows to `out`
/// (`options`: a [`crate::Format`] or [`crate::output::OutputOptions`]). Returns the number of
/// rows written.
pub fn run(
    db: &crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
    options: impl Into<crate::output::OutputOptions>,
    out: &mut dyn std::io::Write,
) -> Result<u64> {
    write(db, query, given, options, out).map(|written| written.rows)
}

/// As [`run`], and says which columns JSON objects had to key under another name (see
/// [`crate::output::unique_keys`]). The query runs under the guard that keeps it read-only, so
/// that no statement it runs creates or changes a file.
pub fn write(
    db: &crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
    options: impl Into<crate::output::OutputOptions>,
    out: &mut dyn std::io::Write,
) -> Result<crate::output::Written> {
    let options = options.into();
    options.check()?;
    let file = query.file.clone();
    guard::scope(
        guard::Mode::ReadOnly,
        || {
            let mut stmt = bound_statement(db, query, given)?;
            crate::output::write(&mut stmt, options, out)
        },
        |refusal| Error::QueryDefinition {
            file,
            message: refusal_message(refusal),
        },
    )
}

/// Rows of a query held in memory, for callers that compose them (the dossier) rather than
/// print them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// Column names in order.
    pub columns: Vec<String>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    /// The value of `column` in row `index` as text (`None` for NULL or a missing column).
    pub fn text(&self, index: usize, column: &str) -> Option<String> {
        let position = self.columns.iter().position(|c| c == column)?;
        match &self.rows.get(index)?[position] {
            Value::Null => None,
            Value::Integer(i) => Some(i.to_string()),
            Value::Real(r) => Some(r.to_string()),
            Value::Text(t) => Some(t.clone()),
            Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Runs the named query `name` with `given` parameters and returns its rows.
pub fn fetch(db: &crate::Database, name: &str, given: &[(String, String)]) -> Result<Rows> {
    let query = find(name)?;
    let mut stmt = bound_statement(db, &query, given)?;
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = Vec::new();
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next()? {
        let mut values = Vec::with_capacity(columns.len());
        for index in 0..columns.len() {
            values.push(row.get::<_, Value>(index)?);
        }
        rows.push(values);
    }
    Ok(Rows { columns, rows })
}
