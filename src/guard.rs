//! What "read-only" means for SQL that comes from the user (`reldb sql` without `--write`, and
//! every named query): no file is created or changed anywhere, and the connection's settings
//! are left as they were.
//!
//! `sqlite3_stmt_readonly` alone does not promise that: it calls ATTACH and DETACH read-only
//! (they change no database file's content, yet `ATTACH 'x.db'` creates `x.db`), and so are
//! transaction control and the pragmas that change the connection (`PRAGMA foreign_keys = OFF`).
//! So user SQL is compiled under an authorizer, which SQLite asks about every action of a
//! statement while it compiles it, and which refuses, saying why: ATTACH, DETACH, a pragma given
//! a value (except the few whose value only names what to read, `table_info(visits)`),
//! `load_extension`, and transaction control. Content writes (VACUUM INTO among them) are left
//! to `sqlite3_stmt_readonly`, which refuses them, and to `query_only`.
//!
//! This was chosen over a second connection opened with `SQLITE_OPEN_READ_ONLY`: that one still
//! attaches an existing file and still runs VACUUM INTO (which opens its target read-write
//! whatever the flags), and says nothing clear. Installing an authorizer needs the connection
//! mutably, but named queries run through a shared one; so the authorizer is installed once, when
//! [`crate::Database`] opens the file, and does nothing until [`scope`] switches it on for the
//! current thread (SQLite calls it on the thread that compiles the statement).

use std::cell::{Cell, RefCell};

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::Connection;

use crate::error::{Error, Result};

/// How much of SQL the authorizer lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// reldb's own SQL: everything.
    Off,
    /// User SQL that may only read.
    ReadOnly,
    /// `reldb sql --write`: everything but transaction control, since reldb runs the statement
    /// in its own transaction.
    Write,
}

/// Why a statement was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It does something read-only SQL may not; the text completes "this statement ...".
    NotReadOnly(String),
    /// It begins, commits or rolls back a transaction or a savepoint.
    Transaction,
}

/// Pragmas whose value only names what to read (a table, an index, a number of errors).
const READING_PRAGMAS: [&str; 10] = [
    "table_info",
    "table_xinfo",
    "table_list",
    "index_info",
    "index_xinfo",
    "index_list",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
];

thread_local! {
    static MODE: Cell<Mode> = const { Cell::new(Mode::Off) };
    static REFUSED: RefCell<Option<Refusal>> = const { RefCell::new(None) };
}

/// Installs the authorizer on `conn`; it lets everything through outside a [`scope`].
pub(crate) fn install(conn: &mut Connection) -> Result<()> {
    conn.authorizer(Some(|context: AuthContext<'_>| {
        match judge(MODE.get(), &context.action) {
            None => Authorization::Allow,
            Some(refusal) => {
                REFUSED.with_borrow_mut(|slot| {
                    slot.get_or_insert(refusal);
                });
                Authorization::Deny
            }
        }
    }))?;
    Ok(())
}

/// Runs `body` (which compiles and runs user SQL) with the authorizer in `mode`; an error
/// caused by a refusal becomes `refused(why)`.
pub(crate) fn scope<T>(
    mode: Mode,
    body: impl FnOnce() -> Result<T>,
    refused: impl FnOnce(Refusal) -> Error,
) -> Result<T> {
    let restore = Restore {
        mode: MODE.replace(mode),
        refusal: REFUSED.take(),
    };
    let result = body();
    let refusal = REFUSED.take();
    drop(restore);
    match (result, refusal) {
        (Err(_), Some(refusal)) => Err(refused(refusal)),
        (result, _) => result,
    }
}

/// The mode and refusal of an enclosing scope, put back when a scope ends, even by a panic (a
/// library caller that catches it must not be left with the guard on).
struct Restore {
    mode: Mode,
    refusal: Option<Refusal>,
}

impl Drop for Restore {
    fn drop(&mut self) {
        MODE.set(self.mode);
        REFUSED.set(self.refusal.take());
    }
}

fn judge(mode: Mode, action: &AuthAction<'_>) -> Option<Refusal> {
    match action {
        AuthAction::Transaction { .. } | AuthAction::Savepoint { .. } if mode != Mode::Off => {
            Some(Refusal::Transaction)
        }
        _ if mode != Mode::ReadOnly => None,
        AuthAction::Attach { filename } => Some(Refusal::NotReadOnly(format!(
            "attaches the database file '{filename}' (which creates it if it is missing)"
        ))),
        AuthAction::Detach { database_name } => Some(Refusal::NotReadOnly(format!(
            "detaches the database '{database_name}'"
        ))),
        AuthAction::Pragma {
            pragma_name,
            pragma_value: Some(value),
        } if !READING_PRAGMAS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(pragma_name)) =>
        {
            Some(Refusal::NotReadOnly(format!(
                "sets PRAGMA {pragma_name} to {value}"
            )))
        }
        AuthAction::Function { function_name }
            if function_name.eq_ignore_ascii_case("load_extension") =>
        {
            Some(Refusal::NotReadOnly("loads an extension".to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma<'a>(name: &'a str, value: Option<&'a str>) -> AuthAction<'a> {
        AuthAction::Pragma {
            pragma_name: name,
            pragma_value: value,
        }
    }

    #[test]
    fn read_only_refuses_settings_but_not_pragmas_that_read() {
        let read_only = |action| judge(Mode::ReadOnly, &action);
        assert_eq!(read_only(pragma("TABLE_INFO", Some("visits"))), None);
        assert_eq!(read_only(pragma("user_version", None)), None);
        assert!(read_only(pragma("user_version", Some("3"))).is_some());
        assert!(read_only(AuthAction::Attach { filename: "x.db" }).is_some());
        assert_eq!(read_only(AuthAction::Select), None);
    }

    #[test]
    fn write_refuses_only_transaction_control_and_off_refuses_nothing() {
        let begin = || AuthAction::Transaction {
            operation: rusqlite::hooks::TransactionOperation::Begin,
        };
        assert_eq!(judge(Mode::Write, &begin()), Some(Refusal::Transaction));
        assert_eq!(
            judge(Mode::Write, &AuthAction::Attach { filename: "x.db" }),
            None
        );
        assert_eq!(judge(Mode::Off, &begin()), None);
        assert_eq!(judge(Mode::Off, &pragma("foreign_keys", Some("OFF"))), None);
    }

    #[test]
    fn a_scope_turns_a_refusal_into_its_error_and_puts_the_mode_back() {
        let error = scope(
            Mode::ReadOnly,
            || {
                REFUSED.set(Some(Refusal::Transaction));
                Err::<(), _>(Error::Parameter("not authorized".into()))
            },
            |refusal| Error::Parameter(format!("{refusal:?}")),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "Transaction");
        assert_eq!(MODE.get(), Mode::Off);
        assert_eq!(REFUSED.take(), None);
    }
}
