//! Named queries: one `.sql` file each, built in (under `queries/`, compiled into the binary)
//! or the user's own (from a folder given with `--queries DIR` or `RELDB_QUERIES`). A file
//! opens with a comment header that names the query, describes it and declares its
//! parameters:
//!
//! ```sql
//! -- name: visits
//! -- title: High-level visits
//! -- description: High-level visits, oldest first.
//! -- param: state (state): A state on either side, visitor or host.
//! -- param: from (date): Visits that end on or after this date.
//! -- param: kind (text) in visits.kind = official: Only visits of this kind.
//! SELECT * FROM report_visits WHERE (:state IS NULL OR ...) ORDER BY start_date;
//! ```
//!
//! A parameter line reads `-- param: NAME (TYPE) [in TABLE.COLUMN] [= DEFAULT]: DESCRIPTION`.
//! Every declared parameter is bound: its value when given, else its default, else NULL. Values
//! and defaults are checked against the parameter's type first, and never spliced into the SQL.
//! `in TABLE.COLUMN` bounds a text parameter to the values that column can hold (see
//! [`ValueSet`]): another value could match no row, so it is refused. `title` is optional (the
//! name stands in for it).

mod bind;
mod catalog;
mod header;
mod run;
mod values;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::guard;

pub(crate) use bind::bound_statement;
pub use catalog::{builtin, find, load_dir, Catalog};
pub(crate) use header::{without_bom, Header};
pub use header::{ColumnRef, Param, ParamType};
pub use run::{run, write};
pub use values::ValueSet;

/// Where a named query comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into reldb from `queries/`.
    BuiltIn,
    /// A file in the user's queries folder.
    User(PathBuf),
}

/// A named query: its header and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The name (`visits`), as used in `reldb query NAME`.
    pub name: String,
    /// A short title (`-- title:`), or the name when the header gives none.
    pub title: String,
    /// One sentence on what it returns.
    pub description: String,
    /// Its parameters, in declaration order.
    pub params: Vec<Param>,
    /// The SQL, header included.
    pub sql: String,
    /// The file it was read from, as errors name it (`queries/visits.sql`).
    pub file: String,
    /// Built in, or the user's.
    pub origin: Origin,
}

impl NamedQuery {
    /// Parses a query file's text; `file` names it in errors. The query is taken as built in;
    /// see [`NamedQuery::parse_user`] for a user's file.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let text = without_bom(text);
        let header = Header::parse(file, text)?;
        Ok(NamedQuery {
            name: header.name,
            title: header.title,
            description: header.description,
            params: header.params,
            sql: text.to_string(),
            file: file.to_string(),
            origin: Origin::BuiltIn,
        })
    }

    /// Reads and parses a user's query file.
    pub fn parse_user(path: &Path) -> Result<Self> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::QueryDefinition {
            file: file.clone(),
            message: "is not UTF-8 text; save it as UTF-8".to_string(),
        })?;
        let mut query = NamedQuery::parse(&file, &text)?;
        query.origin = Origin::User(path.to_path_buf());
        Ok(query)
    }

    /// The SQL after the header's comment lines.
    pub fn body(&self) -> &str {
        let mut rest = self.sql.as_str();
        loop {
            let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
            let trimmed = line.trim();
            if !(trimmed.is_empty() || trimmed.starts_with("--")) || rest.is_empty() {
                return rest;
            }
            rest = tail;
        }
    }

    /// Whether this is one of the user's queries.
    pub fn is_user(&self) -> bool {
        matches!(self.origin, Origin::User(_))
    }

    /// Prepares the query on `conn` (a [`crate::Database`]'s) and checks it: one statement,
    /// that only reads (no ATTACH, no pragma given a value: see the guard of
    /// [`crate::sql::run`]), whose every `:name` is declared in the header. Errors name the file.
    pub fn prepare<'c>(&self, conn: &'c Connection) -> Result<rusqlite::CachedStatement<'c>> {
        let invalid = |message: String| Error::QueryDefinition {
            file: self.file.clone(),
            message,
        };
        let stmt = guard::scope(
            guard::Mode::ReadOnly,
            || {
                conn.prepare_cached(&self.sql).map_err(|e| match e {
                    rusqlite::Error::MultipleStatement => invalid(
                        "holds more than one SQL statement; a named query is one SELECT"
                            .to_string(),
                    ),
                    other => invalid(format!("its SQL does not run: {other}")),
                })
            },
            |refusal| invalid(refusal_message(refusal)),
        )?;
        if crate::sql::is_empty(&stmt) {
            return Err(invalid(
                "holds no SQL statement after its header; a named query is one SELECT".to_string(),
            ));
        }
        if !stmt.readonly() {
            return Err(invalid(
                "its SQL would change the database; a named query may only read".to_string(),
            ));
        }
        for index in 1..=stmt.parameter_count() {
            let declared = stmt
                .parameter_name(index)
                .and_then(|name| name.strip_prefix(':'))
                .is_some_and(|name| self.params.iter().any(|p| p.name == name));
            if !declared {
                let used = stmt.parameter_name(index).unwrap_or("?").to_string();
                return Err(invalid(format!(
                    "its SQL uses {used}, which the header does not declare; \
                     name parameters :like_this and declare each with \
                     '-- param: NAME (TYPE): description'"
                )));
            }
        }
        Ok(stmt)
    }
}

pub(crate) fn refusal_message(refusal: guard::Refusal) -> String {
    match refusal {
        guard::Refusal::NotReadOnly(what) => {
            format!("its SQL {what}; a named query may only read")
        }
        guard::Refusal::Transaction => {
            "its SQL controls a transaction; a named query is one SELECT".to_string()
        }
    }
}
