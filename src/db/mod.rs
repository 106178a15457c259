//! Opening a reldb database: the pragmas every connection needs, and the one-time set-up
//! (migrate, then seed) that a missing or older file gets, under a lock so that several
//! processes starting at once do it once.
//!
//! Opening never changes a file it should not: everything that can refuse a file (not SQLite,
//! another program's database, a newer or edited schema, a lost migration history) is checked
//! by reading alone, before the WAL switch, the lock or any row is written. A file that cannot
//! be written is opened read-only, so that reading commands still work on it.
//!
//! `open` finds and opens the file (path checks, read-only detection, immutable reads),
//! `prepare` tells what the file holds and migrates and seeds it; this module holds the handle
//! and its transactions.

mod open;
mod prepare;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use crate::error::{Error, Result};
use crate::states::StateResolver;

use open::check_file_path;
use prepare::{FileKind, Setup};

/// The environment variable that sets the busy timeout, in milliseconds.
pub const BUSY_TIMEOUT_VAR: &str = "RELDB_BUSY_TIMEOUT";

/// How [`Database::open_with`] may treat the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Add reldb's tables to an SQLite file another program made (`init --into-existing`);
    /// without it such a file is refused untouched.
    pub into_existing: bool,
    /// Check the migration history against the schema even when the file is current
    /// (`reldb migrate`, `reldb init`); other commands trust a current file, to open it in
    /// one read.
    pub check_history: bool,
}

/// An open reldb database file.
#[derive(Debug)]
pub struct Database {
    conn: Connection,
    path: PathBuf,
    resolver: std::cell::OnceCell<StateResolver>,
    /// Why the file cannot be written, when it cannot.
    read_only: Option<String>,
    busy_timeout: Duration,
    /// Whether this open made the file: a new path is as likely a mistyped one.
    created: bool,
}

impl Database {
    /// Opens the database at `path`, creating, migrating and seeding it first if it is missing,
    /// and migrating it if an older reldb wrote it. A file that is already current is opened
    /// without reading seed files or building the migration runner.
    ///
    /// Refused untouched: a name that is not a file path (`:memory:`, `file:` URIs), a file
    /// that is not SQLite, another program's database, a file a newer reldb or an edited
    /// migration wrote, and one whose migration history was lost. A file that cannot be
    /// written opens read-only if it is current, and is refused if it needs set-up; one whose
    /// report views alone are another binary's is read with those views.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::open_with(path, OpenOptions::default())?.0)
    }

    /// Opens like [`Database::open`], with `options`; returns the migrations it applied too.
    pub fn open_with(path: impl AsRef<Path>, options: OpenOptions) -> Result<(Self, Vec<i32>)> {
        let path = path.as_ref();
        check_file_path(path)?;
        let mut db = if path.exists() {
            Self::connect(path)?
        } else {
            let mut db = Self::create(path)?;
            db.created = true;
            db
        };
        let applied = match db.setup()? {
            Setup::Current => {
                if options.check_history {
                    db.check_before_writing(options)?;
                }
                Vec::new()
            }
            // The previous binary's views still answer every query the tables can, so a file
            // that cannot be written is read with them rather than refused.
            Setup::StaleViews if db.is_read_only() => Vec::new(),
            Setup::StaleViews | Setup::Needed => db.prepare(options)?,
        };
        Ok((db, applied))
    }

    /// Opens an existing file with reldb's pragmas but neither migrates nor seeds it: for
    /// commands that inspect a database as it is (`migrate --status`, `check`). Creates
    /// nothing; refuses a file that is not SQLite or belongs to another program.
    pub fn open_unprepared(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        check_file_path(path)?;
        if !path.exists() {
            return Err(Error::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        let db = Self::connect(path)?;
        if let FileKind::Foreign(objects) = db.kind()? {
            return Err(db.not_reldb(&objects));
        }
        Ok(db)
    }

    /// The connection, for the library's own modules and for callers that run their own SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The state resolver, read from the database on first use and kept for the life of this
    /// handle (a command that changes states or aliases loads its own).
    pub fn resolver(&self) -> Result<&StateResolver> {
        if let Some(resolver) = self.resolver.get() {
            return Ok(resolver);
        }
        let resolver = StateResolver::load(&self.conn)?;
        Ok(self.resolver.get_or_init(|| resolver))
    }

    /// The connection, mutably (transactions need it).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Starts the one transaction of a writing command. It takes the write lock at once
    /// (BEGIN IMMEDIATE), waiting up to the busy timeout for another writer, so that it never
    /// fails halfway on a lock it could have waited for.
    pub fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        self.write_transaction_for("write to it")
    }

    /// Like [`Database::write_transaction`]; `action` ("import into it") says what could not
    /// be done if the file is read-only.
    ///
    /// A file whose migration history was edited or dropped is refused here, by every writing
    /// command: opening trusts a current file after one read, but nothing may be written into
    /// a file whose schema reldb can no longer vouch for.
    pub fn write_transaction_for(&mut self, action: &str) -> Result<rusqlite::Transaction<'_>> {
        self.ensure_writable(action)?;
        let (path, waited) = (self.path.clone(), self.busy_timeout);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| write_error(&path, waited, action, e))?;
        // Checked under the write lock, so that no other writer changes the history between.
        crate::migrate::check_compatible(&tx, &path.display().to_string())?;
        crate::migrate::check_history(&tx, &path)?;
        Ok(tx)
    }

    /// Loads the seed files (those of `dir`, or the ones built into reldb) in one transaction:
    /// all of them, or none if a row is refused. A row already there that differs from the
    /// seed's is kept and reported, unless `replace`.
    pub fn seed(
        &mut self,
        dir: Option<&Path>,
        replace: bool,
    ) -> Result<Vec<crate::seed::SeededTable>> {
        let tx = self.write_transaction_for("seed it")?;
        let seeded = match dir {
            Some(dir) => crate::seed::load_dir(&tx, dir, replace)?,
            None => crate::seed::load_embedded(&tx, replace)?,
        };
        tx.commit()?;
        Ok(seeded)
    }

    /// Refuses, naming the file and why, if it cannot be written; `action` ("seed it") says
    /// what the command meant to do.
    pub fn ensure_writable(&self, action: &str) -> Result<()> {
        match &self.read_only {
            Some(cause) => Err(Error::ReadOnly {
                path: self.path.clone(),
                cause: cause.clone(),
                action: action.to_string(),
            }),
            None => Ok(()),
        }
    }

    /// Whether the file was opened read-only (it cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Whether opening created the file (it did not exist): callers tell the user, since a
    /// mistyped path otherwise reads as a database with nothing on record.
    pub fn created(&self) -> bool {
        self.created
    }

    /// The file's path, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn label(&self) -> String {
        self.path.display().to_string()
    }
}

pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

pub(super) fn locked(path: &Path, waited: Duration) -> Error {
    let ms = waited.as_millis();
    let waited = if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    };
    Error::Locked {
        path: path.to_path_buf(),
        waited,
    }
}

/// A failed BEGIN IMMEDIATE, said in the file's terms.
fn write_error(path: &Path, waited: Duration, action: &str, e: rusqlite::Error) -> Error {
    if is_busy(&e) {
        return locked(path, waited);
    }
    if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) {
        return Error::ReadOnly {
            path: path.to_path_buf(),
            cause: format!("SQLite cannot write it: {e}"),
            action: action.to_string(),
        };
    }
    Error::Sqlite(e)
}

/// The number of rows in one of reldb's tables (for status lines).
pub fn count_rows(db: &Database, table: &str) -> Result<i64> {
    // One table read alone: the whole catalog (which parses the migrations for comments) is
    // read only to say which tables there are when the name is not one.
    let table = &crate::catalog::Catalog::read_loadable(db.connection(), table)?.name;
    // The name was checked against the schema above, so quoting it is safe.
    let sql = format!("SELECT count(*) FROM \"{table}\"");
    Ok(db.connection().query_row(&sql, [], |row| row.get(0))?)
}
