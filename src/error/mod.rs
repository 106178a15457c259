//! The library's error type: each variant says what went wrong and, where it can, what to do.

use std::fmt;
use std::path::PathBuf;

mod usage;

pub use usage::UsageError;

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

    /// SQLite could not write the database (a full disk, an I/O error, a corrupt page) in the
    /// middle of a command. SQLite has rolled the transaction back by itself, so the command
    /// ends here: going on would write the later rows one by one, outside any transaction.
    #[error(
        "cannot write the database: {}; the command was stopped and nothing was written{}",
        if *disk_full { "the disk that holds it (or its temporary folder) is full".to_string() } else { format!("SQLite says: {cause}") },
        if *disk_full { "; free space on that disk and run it again" } else { "; run `reldb check` on the file, and run the command again" }
    )]
    Storage {
        /// What SQLite said.
        cause: String,
        /// Whether it said the disk is full.
        disk_full: bool,
    },

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
    #[error(
        "no query named '{name}'{}; run `reldb queries` to list them (known: {known})",
        nearest.as_ref().map(|n| format!(" (did you mean '{n}'?)")).unwrap_or_default()
    )]
    UnknownQuery {
        /// The name asked for.
        name: String,
        /// The query whose name is most like it, if one is close.
        nearest: Option<String>,
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

    /// Ad-hoc SQL that would create or change a file or the connection (ATTACH, a pragma given
    /// a value, `load_extension`...), without `--write`.
    #[error(
        "this statement {what}, and `reldb sql` is read-only; add --write to allow it \
         (statement: {statement})"
    )]
    StatementNotReadOnly {
        /// What it does, completing "this statement ...".
        what: String,
        /// The statement, as given.
        statement: String,
    },

    /// A table name that reldb does not know or cannot load.
    #[error("no table named '{name}' can be loaded; tables: {known}")]
    UnknownTable {
        /// The name asked for.
        name: String,
        /// The loadable tables, comma-separated.
        known: String,
    },

    /// `--db` named something that is not a file: `:memory:`, a `file:` URI or nothing.
    #[error(
        "'{}': reldb needs a file path; `:memory:`, `file:` URIs and an empty name are not \
         supported (name a file instead, such as reldb.db). Nothing was created.",
        path.display()
    )]
    NotAFilePath {
        /// The name given.
        path: PathBuf,
    },

    /// `reldb check`, `migrate --status` and the like on a file that does not exist.
    #[error("no database at {}; nothing to check (`reldb init` creates one)", path.display())]
    NoDatabase {
        /// The missing file.
        path: PathBuf,
    },

    /// The file exists but is not an SQLite database at all.
    #[error(
        "{} is not an SQLite database (it does not start with the SQLite header); reldb left \
         it untouched. Give another --db path, or move the file away and reldb will create a \
         new database there.",
        path.display()
    )]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },

    /// An SQLite database of another program: it has tables or views but no reldb history.
    #[error(
        "{} is an SQLite database of another program (it holds {objects}; and nothing of \
         reldb's); reldb left it untouched. Give another --db path, or run \
         `reldb --db {} init --into-existing` to add reldb's tables to it.",
        path.display(),
        path.display()
    )]
    NotReldb {
        /// The file.
        path: PathBuf,
        /// What it holds, in words ("2 tables and views, such as customers").
        objects: String,
    },

    /// `init --into-existing` on a file that already has objects named as reldb's.
    #[error(
        "cannot add reldb's tables to {}: it already has {names}, which reldb's schema names \
         too (reldb owns every view whose name starts with report_); reldb left it untouched. \
         Rename them in that file, or give another --db path.",
        path.display()
    )]
    NameClash {
        /// The file.
        path: PathBuf,
        /// The clashing objects, comma-separated ("table states").
        names: String,
    },

    /// reldb's tables are there but refinery's history of the migrations is gone or has gaps,
    /// so migrating would create them again and fail.
    #[error(
        "{}: {history}, yet the file already holds what migration {version} ({name}) creates \
         ({found}); reldb cannot tell which migrations it has, so it left the file untouched. \
         Restore the file from a backup, or build a new database (`reldb --db new.db init`) \
         and copy your rows into it.",
        path.display()
    )]
    HistoryMissing {
        /// The file.
        path: PathBuf,
        /// What is wrong with the history, in words.
        history: String,
        /// The first migration whose objects are present though the history lacks it.
        version: i32,
        /// That migration's name.
        name: String,
        /// Some of the objects found, comma-separated.
        found: String,
    },

    /// Objects that applied migrations created are gone (dropped by hand).
    #[error(
        "{}: reldb's schema is damaged: {missing} missing, though the migrations that create \
         them are recorded as applied; reldb left the file untouched. Run `reldb check` to see \
         every problem, and restore the file from a backup.",
        path.display()
    )]
    DamagedSchema {
        /// The file.
        path: PathBuf,
        /// The missing objects, comma-separated ("view report_visits, table reldb_meta").
        missing: String,
    },

    /// The file cannot be written, and the command needs to write it.
    #[error(
        "{} is read-only ({cause}): cannot {action}. Commands that only read it (query, \
         check, schema, dossier, export) work; to change it, make it writable or work on a \
         copy.",
        path.display()
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Why it cannot be written.
        cause: String,
        /// What the command could not do ("import into it").
        action: String,
    },

    /// Another process held the write lock for longer than reldb waits.
    #[error(
        "another process holds the write lock on {}; reldb waited {waited} for it and gave up. \
         Try again when that process (an import, a seed, an sqlite3 shell in a transaction) \
         has finished, or wait longer with RELDB_BUSY_TIMEOUT=MILLISECONDS.",
        path.display()
    )]
    Locked {
        /// The file.
        path: PathBuf,
        /// How long reldb waited, in words ("30 s").
        waited: String,
    },

    /// `RELDB_BUSY_TIMEOUT` is not a number of milliseconds.
    #[error(
        "RELDB_BUSY_TIMEOUT='{value}': give the time to wait for a lock in milliseconds \
         (30000 is the default)"
    )]
    BusyTimeout {
        /// The value given.
        value: String,
    },

    /// The file exists (or should be created) but SQLite cannot open it.
    #[error("cannot open {}: {reason}", path.display())]
    CannotOpen {
        /// The file.
        path: PathBuf,
        /// Why, with what to do where reldb knows.
        reason: String,
    },

    /// A request reldb refuses as given: an option, a name, a value, a file.
    #[error(transparent)]
    Usage(#[from] UsageError),

    /// Not a failure of reldb: the command found what it looks for (problems in a database,
    /// refused rows), said in full.
    #[error("{0}")]
    Found(String),

    /// A `--columns` name the result does not have.
    #[error(
        "--columns: no column named '{name}'{}; the columns are: {known}",
        nearest.as_ref().map(|n| format!(" (did you mean '{n}'?)")).unwrap_or_default()
    )]
    UnknownColumn {
        /// The name asked for.
        name: String,
        /// The result's column most like it, if one is close.
        nearest: Option<String>,
        /// The result's columns, comma-separated.
        known: String,
    },

    /// One report of `reldb export` could not be written.
    #[error("{}: query '{query}': {source}", path.display())]
    Export {
        /// The named query.
        query: String,
        /// The report file.
        path: PathBuf,
        /// What went wrong.
        source: Box<Error>,
    },

    /// A report view of this binary cannot be created (only a broken build ships one).
    #[error(
        "{file}: the view cannot be created ({reason}); reldb left the file as it was. Fix the \
         view file and rebuild reldb."
    )]
    BrokenView {
        /// The view file (`views/report_states.sql`).
        file: String,
        /// What SQLite said.
        reason: String,
    },

    /// `reldb add` or `reldb update` refused the values of its arguments; nothing was written.
    /// Each error's `line` is the number of the argument at fault (counted after the command's
    /// name), or 0 for the row as a whole.
    #[error("{command} refused, nothing was written:{}", ArgumentErrors(.errors))]
    ArgumentsRefused {
        /// The command, as `add visits`.
        command: String,
        /// What is wrong, one entry per problem.
        errors: Vec<RowError>,
    },

    /// `--source` named no source: not an id that exists, nor a title one has.
    #[error(
        "--source '{given}': no source has that {}{}; give a source's id or its whole title \
         (`reldb query sources` lists them), or create it with --new-source TITLE \
         [--publisher NAME] [--address URL] [--published-on DATE]",
        if given.trim().parse::<i64>().is_ok() { "id" } else { "title" },
        if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) }
    )]
    UnknownSource {
        /// What was given.
        given: String,
        /// The sources whose titles are nearest, as `'TITLE' (id N)`.
        near: Vec<String>,
    },
}

impl Error {
    /// Whether this reports something found (problems in a database, rows set aside with
    /// `--rejects`) rather than a failure: `reldb` exits 1 for it, 2 for any other error.
    pub fn is_finding(&self) -> bool {
        matches!(self, Error::Found(_))
    }

    /// Whether the reader of the output went away (`reldb query visits | head -1`): not an
    /// error, the command just stops.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output(e) | Error::Io { source: e, .. } => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            Error::Export { source, .. } => source.is_broken_pipe(),
            _ => false,
        }
    }

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
            let more = errors.len() - ROW_ERRORS_SHOWN;
            let problems = if more == 1 { "problem" } else { "problems" };
            write!(f, "\n  ... and {more} more {problems}")?;
        }
        Ok(())
    }
}

struct ArgumentErrors<'a>(&'a [RowError]);

impl fmt::Display for ArgumentErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in self.0 {
            match (error.line, error.column.as_str()) {
                (0, _) => write!(f, "\n  {}", error.message)?,
                (n, "") => write!(f, "\n  argument {n}: {}", error.message)?,
                (n, column) => write!(f, "\n  argument {n}, {column}: {}", error.message)?,
            }
        }
        Ok(())
    }
}

impl Error {
    /// The failure of a statement that ended the transaction, as [`Error::Storage`].
    pub(crate) fn storage(cause: &str) -> Error {
        Error::Storage {
            disk_full: cause.contains("disk is full"),
            cause: cause.to_string(),
        }
    }
}
