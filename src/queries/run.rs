//! Running a named query: its rows written out in a format, or held in memory.

use super::bind::bound_statement;
use super::{refusal_message, NamedQuery};
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
