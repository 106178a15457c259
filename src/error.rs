//! The library's error type: each variant says what went wrong and, where it can, what to do.

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in reldb's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused or failed an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// refinery could not apply or verify the migrations.
    #[error("migration failed: {0}")]
    Migration(#[from] refinery::Error),

    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// Writing output (to stdout or a file) failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),

    /// The database was written by a binary with migrations this one does not have.
    #[error(
        "{path} has schema version {database_version}, newer than this reldb knows \
         (version {binary_version}); use the reldb that created it, or a newer one. \
         The file was left untouched."
    )]
    NewerDatabase {
        /// The database file.
        path: String,
        /// The highest migration applied to the file.
        database_version: i32,
        /// The highest migration this binary embeds.
        binary_version: i32,
    },

    /// A migration applied to the file differs from the one this binary embeds.
    #[error(
        "{path}: migration {version} ({name}) applied to this database differs from the one \
         in this reldb (version {binary_version}); migrations must never be edited once \
         released: add a new one instead. The file was left untouched."
    )]
    EditedMigration {
        /// The database file.
        path: String,
        /// The migration's version.
        version: i32,
        /// The migration's name.
        name: String,
        /// The highest migration this binary embeds.
        binary_version: i32,
    },

    /// Rows of an input file failed validation; nothing was written.
    #[error("{}", RowErrors(.0))]
    InvalidRows(Vec<RowError>),

    /// The input file as a whole cannot be read (empty, not UTF-8, no header...).
    #[error("{file}: {message}")]
    InvalidFile {
        /// The file, as the user named it.
        file: String,
        /// What is wrong with it.
        message: String,
    },

    /// No named query has this name.
    #[error("no query named '{name}'; run `reldb queries` to list them (known: {known})")]
    UnknownQuery {
        /// The name asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },

    /// A named query's `.sql` file has a malformed header.
    #[error("query file {file}: {message}")]
    QueryDefinition {
        /// The query file.
        file: String,
        /// What is wrong.
        message: String,
    },

    /// A parameter was given that the query does not take, or a value is invalid.
    #[error("{0}")]
    Parameter(String),

    /// A state name or code that reldb cannot resolve.
    #[error("{0}")]
    State(#[from] crate::states::ResolveError),

    /// Ad-hoc SQL that would change the database, without `--write`.
    #[error(
        "this statement would change the database, and `reldb sql` is read-only; \
         add --write to allow it (statement: {0})"
    )]
    WriteRefused(String),

    /// A table name that reldb does not know or cannot load.
    #[error("no table named '{name}' can be loaded; tables: {known}")]
    UnknownTable {
        /// The name asked for.
        name: String,
        /// The loadable tables, comma-separated.
        known: String,
    },

    /// Anything else the user must fix, said in full.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// One refused row of an input file: `FILE:LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line number in the file (the header is line 1).
    pub line: u64,
    /// The column (header name) at fault, or empty for the row as a whole.
    pub column: String,
    /// Why the row was refused.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// How many refused rows an error message shows in full.
pub const ROW_ERRORS_SHOWN: usize = 20;

/// How many items of a list (columns, names) an error message shows.
pub const LIST_ITEMS_SHOWN: usize = 20;

/// Joins `items` with `separator`, showing the first [`LIST_ITEMS_SHOWN`] and then
/// "… and N more": a file with 10,000 bad columns must not make a message of 90 KB.
pub fn capped_list<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let shown: Vec<&str> = items
        .iter()
        .take(LIST_ITEMS_SHOWN)
        .map(AsRef::as_ref)
        .collect();
    let mut text = shown.join(separator);
    if items.len() > LIST_ITEMS_SHOWN {
        text.push_str(&format!(
            "{separator}… and {} more",
            items.len() - LIST_ITEMS_SHOWN
        ));
    }
    text
}

struct RowErrors<'a>(&'a [RowError]);

impl fmt::Display for RowErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0;
        let rows: std::collections::BTreeSet<(&str, u64)> =
            errors.iter().map(|e| (e.file.as_str(), e.line)).collect();
        write!(
            f,
            "{} row{} refused, nothing was written:",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        )?;
        for error in errors.iter().take(ROW_ERRORS_SHOWN) {
            write!(f, "\n  {error}")?;
        }
        if errors.len() > ROW_ERRORS_SHOWN {
            write!(
                f,
                "\n  ... and {} more problems",
                errors.len() - ROW_ERRORS_SHOWN
            )?;
        }
        Ok(())
    }
}
