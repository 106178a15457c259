//! Ad-hoc SQL (`reldb sql`): one statement, read-only unless the caller allows writes.

use std::io::Write;

use rusqlite::{Connection, Statement, TransactionBehavior};

use crate::db::Database;
use crate::error::{Error, Result, UsageError};
use crate::guard::{self, Mode, Refusal};
use crate::output::{self, OutputOptions, Written};

/// What a statement did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It has result columns: its rows were written.
    Rows(Written),
    /// It has no result columns (an UPDATE, a CREATE...): nothing was written, and this many
    /// rows were inserted, changed or deleted.
    Changed(u64),
}

/// Runs one SQL statement and writes its rows to `out` (`options`: a [`crate::Format`] or
/// [`OutputOptions`]).
///
/// Without `allow_write` the statement may only read: one that would change the database, or
/// create or change any file (ATTACH, a pragma given a value, `load_extension`...), is refused
/// before it runs, and the connection is set `query_only` besides. With it, the statement runs
/// in its own transaction. Empty text, or text that is only comments, is refused, and so is more
/// than one statement.
pub fn run(
    db: &mut Database,
    sql: &str,
    allow_write: bool,
    options: impl Into<OutputOptions>,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let options = options.into();
    options.check()?;
    if allow_write && is_vacuum(sql) {
        // VACUUM cannot run inside a transaction; it is one of its own, all or nothing.
        drop(db.write_transaction_for("run a statement that changes it")?);
        db.connection().execute_batch(sql)?;
        return Ok(Outcome::Changed(0));
    }
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

fn refused(refusal: Refusal, sql: &str) -> Error {
    let statement = sql.trim().to_string();
    match refusal {
        Refusal::NotReadOnly(what) => Error::StatementNotReadOnly { what, statement },
        Refusal::Transaction => UsageError::TransactionStatement {
            statement: statement.to_string(),
        }
        .into(),
    }
}

fn run_in_transaction(
    tx: rusqlite::Transaction<'_>,
    sql: &str,
    allow_write: bool,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mode = if allow_write {
        Mode::Write
    } else {
        Mode::ReadOnly
    };
    // The guard watches the user's statement only, not reldb's BEGIN and COMMIT around it.
    let outcome = guard::scope(
        mode,
        || run_statement(&tx, sql, allow_write, options, out),
        |refusal| refused(refusal, sql),
    )?;
    if allow_write {
        tx.commit()?;
    }
    Ok(outcome)
}

fn run_statement(
    conn: &Connection,
    sql: &str,
    allow_write: bool,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mut stmt = prepare(conn, sql)?;
    if !allow_write && !stmt.readonly() && !only_reads(&stmt, sql) {
        return Err(Error::WriteRefused(sql.trim().to_string()));
    }
    if stmt.column_count() == 0 {
        Ok(Outcome::Changed(execute(conn, &mut stmt)?))
    } else {
        Ok(Outcome::Rows(output::write(&mut stmt, options, out)?))
    }
}

/// Prepares the one statement of `sql`, refusing empty text and more than one statement.
fn prepare<'c>(conn: &'c Connection, sql: &str) -> Result<Statement<'c>> {
    let stmt = conn.prepare(sql).map_err(|e| match e {
        rusqlite::Error::MultipleStatement => UsageError::SeveralStatements.into(),
        other => Error::Sqlite(other),
    })?;
    if is_empty(&stmt) {
        return Err(UsageError::NoStatement.into());
    }
    Ok(stmt)
}

/// Whether SQLite found no statement in the text (it was empty or only comments): rusqlite then
/// holds no statement, which only shows in that it has no SQL text.
/// Statements SQLite does not call read-only that write nothing all the same: an `EXPLAIN` (it
/// describes a statement without running it) and a `PRAGMA` that is read, not set (`PRAGMA
/// journal_mode`; the guard refuses a pragma given a value). The connection is `query_only`
/// besides, so SQLite itself refuses any write that got this far.
fn only_reads(stmt: &Statement<'_>, sql: &str) -> bool {
    if stmt.is_explain() > 0 {
        return true;
    }
    let words: String = sql.trim_start().chars().take(6).collect();
    words.eq_ignore_ascii_case("pragma") && !sql.contains('=') && !sql.contains('(')
}

/// Whether `sql` is a VACUUM, which SQLite runs only outside a transaction.
fn is_vacuum(sql: &str) -> bool {
    let first = sql
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next();
    first.is_some_and(|w| w.eq_ignore_ascii_case("vacuum"))
}

pub(crate) fn is_empty(stmt: &Statement<'_>) -> bool {
    stmt.expanded_sql().is_none()
}

/// Runs a statement without result columns; returns the rows it inserted, changed or deleted
/// itself (not those its triggers or foreign keys did).
fn execute(conn: &Connection, stmt: &mut Statement<'_>) -> Result<u64> {
    let before = conn.total_changes();
    stmt.raw_execute()?;
    // `changes` keeps the count of the last INSERT, UPDATE or DELETE, which may be an older
    // statement's when this one (a CREATE...) changed no row.
    if conn.total_changes() == before {
        return Ok(0);
    }
    Ok(conn.changes())
}
