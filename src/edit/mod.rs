//! `reldb add`, `update` and `delete`: one fact (or a few) from the command line.
//!
//! The values go through the very loader that `reldb import` and `reldb seed` use: each row is
//! written as a one-row CSV (by the csv crate, so quoting is right) and loaded in one write
//! transaction. Types, dates, state names, references and duplicates are therefore the same
//! code as an import's, the source is found or created by [`crate::sources`] as an import's
//! is, and a refused row leaves the file untouched.

mod add;
mod delete;
mod input;
mod keys;
mod rows;
mod update;

use rusqlite::{Connection, Transaction};

use crate::error::{Result, UsageError};
use crate::load::TableInfo;
use crate::sources::{self, Citation, Cited};

pub use add::add;
pub use delete::delete;
pub use input::{rows_from_json, Fields};
pub use update::update;

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct EditOptions {
    /// The source the rows cite (`--source` or `--new-source`), as for `reldb import`; it
    /// fills `source_id` unless a row gives one. A new source is created with the rows.
    pub source: Option<Citation>,
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
    /// The source the rows cite, with `--source` or `--new-source`.
    pub source: Option<Cited>,
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
    /// The source the row cites, with `--source` or `--new-source`.
    pub source: Option<Cited>,
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

fn finish(tx: Transaction<'_>, dry_run: bool) -> Result<()> {
    if dry_run {
        // Dropping the transaction rolls it back.
        return Ok(());
    }
    Ok(tx.commit()?)
}

/// The source `options` name, found or created in `tx`; refused for a table whose rows cite
/// none.
fn cite(conn: &Connection, info: &TableInfo, options: &EditOptions) -> Result<Option<Cited>> {
    let Some(citation) = &options.source else {
        return Ok(None);
    };
    if !info.columns.iter().any(|c| c.name == "source_id") {
        let option = match citation {
            Citation::Existing(_) => "--source",
            Citation::New(_) => "--new-source",
        };
        return Err(UsageError::CitesNoSource {
            option: option.to_string(),
            table: info.name.clone(),
        }
        .into());
    }
    sources::cite(conn, citation).map(Some)
}
