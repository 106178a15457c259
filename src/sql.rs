//! Ad-hoc SQL (`reldb sql`): read-only unless the caller allows writes.

use std::io::Write;

use rusqlite::TransactionBehavior;

use crate::db::Database;
use crate::error::{Error, Result};
use crate::output::{self, OutputOptions};

/// Runs one SQL statement and writes its rows to `out` (`options`: a [`crate::Format`] or
/// [`OutputOptions`]); returns the number of rows.
///
/// Without `allow_write`, a statement that would change the database is refused before it
/// runs, and the connection is set `query_only` besides. With it, the statement runs in its
/// own transaction.
pub fn run(
    db: &mut Database,
    sql: &str,
    allow_write: bool,
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<u64> {
    let options = options.into();
    options.check()?;
    if allow_write {
        // The write lock at once, and a read-only file or a held lock said by name.
        let tx = db.write_transaction_for("run a statement that changes it")?;
        return run_in_transaction(tx, sql, allow_write, &options, out);
    }
    let conn = db.connection_mut();
    conn.pragma_update(None, "query_only", true)?;
    let result = conn
        .transaction_with_behavior(TransactionBehavior::Deferred)
        .map_err(Error::from)
        .and_then(|tx| run_in_transaction(tx, sql, allow_write, &options, out));
    conn.pragma_update(None, "query_only", false)?;
    result
}

fn run_in_transaction(
    tx: rusqlite::Transaction<'_>,
    sql: &str,
    allow_write: bool,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> Result<u64> {
    let rows = {
        let mut stmt = tx.prepare(sql).map_err(|e| match e {
            rusqlite::Error::MultipleStatement => Error::Invalid(
                "give one SQL statement at a time (the text has more than one)".to_string(),
            ),
            other => Error::Sqlite(other),
        })?;
        if !allow_write && !stmt.readonly() {
            return Err(Error::WriteRefused(sql.trim().to_string()));
        }
        output::write_rows(&mut stmt, options, out)?
    };
    if allow_write {
        tx.commit()?;
    }
    Ok(rows)
}
