//! Opening a reldb database: the pragmas every connection needs, and the one-time set-up
//! (migrate, then seed) that a missing or older file gets, under a lock so that several
//! processes starting at once do it once.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::states::StateResolver;
use crate::{migrate, seed};

/// The fingerprint of the migrations this binary embeds (set by build.rs).
const SCHEMA_FINGERPRINT: &str = env!("RELDB_SCHEMA_FINGERPRINT");

/// How long a connection waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open reldb database file.
#[derive(Debug)]
pub struct Database {
    conn: Connection,
    path: PathBuf,
    resolver: std::cell::OnceCell<StateResolver>,
}

impl Database {
    /// Opens the database at `path`, creating, migrating and seeding it first if it is missing,
    /// and migrating it if an older reldb wrote it. A file that is already current is opened
    /// without reading seed files or building the migration runner.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let mut db = Self::open_unprepared(path)?;
        if !db.is_current()? {
            db.prepare()?;
        }
        Ok(db)
    }

    /// Opens the file with reldb's pragmas but neither migrates nor seeds it: for commands that
    /// inspect a database as it is (`migrate --status`, `check`).
    pub fn open_unprepared(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Invalid(format!("cannot open {}: {e}", path.display())))?;
        configure(&conn)?;
        crate::guard::install(&mut conn)?;
        Ok(Database {
            conn,
            path,
            resolver: std::cell::OnceCell::new(),
        })
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
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The file's path, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn label(&self) -> String {
        self.path.display().to_string()
    }

    /// Whether the file has this binary's schema and has been seeded: one indexed read.
    fn is_current(&self) -> Result<bool> {
        let found = self.conn.query_row(
            "SELECT count(*) FROM reldb_meta \
             WHERE (key = 'schema_fingerprint' AND value = ?1) OR key = 'seeded_on'",
            [SCHEMA_FINGERPRINT],
            |row| row.get::<_, i64>(0),
        );
        match found {
            Ok(count) => Ok(count == 2),
            // No reldb_meta table yet: a new or foreign file.
            Err(rusqlite::Error::SqliteFailure(_, Some(message)))
                if message.contains("no such table") =>
            {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Migrates and, on first use, seeds the file, holding an exclusive lock on it so that
    /// concurrent first runs wait for each other instead of colliding.
    fn prepare(&mut self) -> Result<()> {
        // WAL is a setting kept in the file: set once here, it costs nothing on later opens.
        use_wal(&self.conn)?;
        let lock = lock_file(&self.path)?;
        if !self.is_current()? {
            self.migrate()?;
            if !self.is_seeded()? {
                seed::load_embedded(self)?;
            }
            self.conn.execute(
                "INSERT INTO reldb_meta (key, value) VALUES ('schema_fingerprint', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCHEMA_FINGERPRINT],
            )?;
        }
        drop(lock);
        Ok(())
    }

    /// Applies pending migrations in one transaction; returns the versions applied.
    pub fn migrate(&mut self) -> Result<Vec<i32>> {
        let label = self.label();
        migrate::migrate(&mut self.conn, &label)
    }

    /// Refuses the file if a newer reldb or an edited migration wrote it.
    pub fn check_compatible(&self) -> Result<()> {
        migrate::check_compatible(&self.conn, &self.label())
    }

    fn is_seeded(&self) -> Result<bool> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM reldb_meta WHERE key = 'seeded_on'",
            [],
            |row| row.get(0),
        )?;
        Ok(count > 0)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;",
    )?;
    Ok(())
}

/// Puts the file in WAL mode (a setting kept in the file). Switching needs a lock that SQLite
/// does not wait for with its busy handler, so several processes opening a new file at once
/// retry here instead of failing with "database is locked".
fn use_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        }) {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// An advisory lock on the database file itself (flock, which SQLite's own fcntl locks do
/// not see), held while one process migrates and seeds.
fn lock_file(path: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.lock().map_err(|e| Error::io(path, e))?;
    Ok(file)
}

/// The number of rows in one of reldb's tables (for status lines).
pub fn count_rows(db: &Database, table: &str) -> Result<i64> {
    let tables = crate::load::loadable_tables(db.connection())?;
    if !tables.iter().any(|t| t == table) {
        return Err(Error::UnknownTable {
            name: table.to_string(),
            known: tables.join(", "),
        });
    }
    // The name was checked against the schema above, so quoting it is safe.
    let sql = format!("SELECT count(*) FROM \"{table}\"");
    Ok(db.connection().query_row(&sql, [], |row| row.get(0))?)
}
