//! Opening a reldb database: the pragmas every connection needs, and the one-time set-up
//! (migrate, then seed) that a missing or older file gets, under a lock so that several
//! processes starting at once do it once.
//!
//! Opening never changes a file it should not: everything that can refuse a file (not SQLite,
//! another program's database, a newer or edited schema, a lost migration history) is checked
//! by reading alone, before the WAL switch, the lock or any row is written. A file that cannot
//! be written is opened read-only, so that reading commands still work on it.

use std::fs::{File, OpenOptions as FileOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::states::StateResolver;
use crate::{migrate, seed, views};

/// The fingerprint of the migrations this binary embeds (set by build.rs).
const SCHEMA_FINGERPRINT: &str = env!("RELDB_SCHEMA_FINGERPRINT");

/// How long a connection waits for another process's lock before giving up, unless
/// `RELDB_BUSY_TIMEOUT` (milliseconds) says otherwise.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The environment variable that sets the busy timeout, in milliseconds.
pub const BUSY_TIMEOUT_VAR: &str = "RELDB_BUSY_TIMEOUT";

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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
}

/// How much set-up a reldb file needs before this binary uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setup {
    /// This binary's schema, seed and views: nothing to write.
    Current,
    /// This binary's schema and seed, another binary's report views.
    StaleViews,
    /// Migrations or the seed are missing (or the file is new, or not reldb's).
    Needed,
}

/// What a file holds, as far as opening it is concerned.
enum FileKind {
    /// No table or view: a new file, or a 0-byte one.
    Empty,
    /// reldb's bookkeeping (reldb_meta or refinery's history) is there.
    Reldb,
    /// Tables or views of another program, and nothing of reldb's.
    Foreign(Vec<String>),
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
            Self::create(path)?
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

    /// Creates a new file (SQLite makes it on opening).
    fn create(path: &Path) -> Result<Self> {
        check_file_path(path)?;
        let timeout = busy_timeout()?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = open_connection(path, flags, timeout).map_err(|e| cannot_create(path, &e))?;
        Self::with_connection(conn, path, None, timeout)
    }

    /// Opens an existing file, read-write if it can be written and read-only otherwise.
    fn connect(path: &Path) -> Result<Self> {
        check_file_path(path)?;
        check_header(path)?;
        let timeout = busy_timeout()?;
        if let Some(cause) = unwritable_by_permissions(path) {
            return Self::connect_read_only(path, cause, timeout);
        }
        // CREATE cannot make the main file (it was just read), but an ATTACH that the user
        // allowed with `sql --write` takes the main file's flags, and may create its file.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = open_connection(path, flags, timeout).map_err(|e| cannot_open(path, &e))?;
        match probe(&conn) {
            // SQLite opens a file it may not write read-only without saying so.
            Ok(()) if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) => {
                drop(conn);
                let cause = "this user may not write it, or its mount is read-only";
                Self::connect_read_only(path, cause.to_string(), timeout)
            }
            Ok(()) => Self::with_connection(conn, path, None, timeout),
            Err(e) if is_read_only_error(&e) => {
                drop(conn);
                let cause = "its folder or mount does not allow writing";
                Self::connect_read_only(path, cause.to_string(), timeout)
            }
            Err(e) => Err(cannot_open(path, &e)),
        }
    }

    /// Opens the file read-only. A WAL file needs its -shm beside it, which a read-only folder
    /// may not let SQLite create; with no -wal content to read, the file alone holds every
    /// row, and SQLite may read it as immutable instead.
    fn connect_read_only(path: &Path, cause: String, timeout: Duration) -> Result<Self> {
        let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_ONLY, timeout)
            .map_err(|e| cannot_open(path, &e))?;
        let conn = match probe(&conn) {
            Ok(()) => conn,
            Err(e) if is_read_only_error(&e) && !has_wal_content(path) => {
                drop(conn);
                let conn = open_immutable(path, timeout).map_err(|e| cannot_open(path, &e))?;
                probe(&conn).map_err(|e| cannot_open(path, &e))?;
                conn
            }
            Err(e) if is_read_only_error(&e) => return Err(unreadable_wal(path, &e)),
            Err(e) => return Err(cannot_open(path, &e)),
        };
        Self::with_connection(conn, path, Some(cause), timeout)
    }

    fn with_connection(
        mut conn: Connection,
        path: &Path,
        read_only: Option<String>,
        busy_timeout: Duration,
    ) -> Result<Self> {
        configure(&conn)?;
        crate::guard::install(&mut conn)?;
        Ok(Database {
            conn,
            path: path.to_path_buf(),
            resolver: std::cell::OnceCell::new(),
            read_only,
            busy_timeout,
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
        self.write_transaction_for("write to it")
    }

    /// Like [`Database::write_transaction`]; `action` ("import into it") says what could not
    /// be done if the file is read-only.
    pub fn write_transaction_for(&mut self, action: &str) -> Result<rusqlite::Transaction<'_>> {
        self.ensure_writable(action)?;
        let (path, waited) = (self.path.clone(), self.busy_timeout);
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| write_error(&path, waited, action, e))
    }

    /// Loads the seed files (those of `dir`, or the ones built into reldb) in one transaction:
    /// all of them, or none if a row is refused.
    pub fn seed(&mut self, dir: Option<&Path>) -> Result<Vec<seed::SeededTable>> {
        let tx = self.write_transaction_for("seed it")?;
        let seeded = match dir {
            Some(dir) => seed::load_dir(&tx, dir)?,
            None => seed::load_embedded(&tx)?,
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

    /// The file's path, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn label(&self) -> String {
        self.path.display().to_string()
    }

    /// How far the file is from this binary's schema, seed and views: one indexed read.
    fn setup(&self) -> Result<Setup> {
        let found = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE key = 'schema_fingerprint' AND value = ?1 \
                                     OR key = 'seeded_on'), \
                    count(*) FILTER (WHERE key = ?2 AND value = ?3) \
             FROM reldb_meta WHERE key IN ('schema_fingerprint', 'seeded_on', ?2)",
            [
                SCHEMA_FINGERPRINT,
                views::FINGERPRINT_KEY,
                views::FINGERPRINT,
            ],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
        );
        match found {
            Ok((2, 1)) => Ok(Setup::Current),
            Ok((2, _)) => Ok(Setup::StaleViews),
            Ok(_) => Ok(Setup::Needed),
            // No reldb_meta table yet: a new or foreign file.
            Err(rusqlite::Error::SqliteFailure(_, Some(message)))
                if message.contains("no such table") =>
            {
                Ok(Setup::Needed)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Migrates (which re-creates the report views) and, on first use, seeds the file, holding
    /// an exclusive lock on it so that concurrent first runs wait for each other instead of
    /// colliding. Everything that can refuse the file is checked first, by reading alone.
    fn prepare(&mut self, options: OpenOptions) -> Result<Vec<i32>> {
        self.check_before_writing(options)?;
        self.ensure_writable("migrate and seed it (it is not up to date with this reldb)")?;
        // WAL is a setting kept in the file: set once here, it costs nothing on later opens.
        use_wal(&self.conn, self.busy_timeout).map_err(|e| self.locked_or(e))?;
        let lock = lock_file(&self.path)?;
        let mut applied = Vec::new();
        // Another process may have prepared the file while this one waited for the lock.
        if self.setup()? != Setup::Current {
            self.check_before_writing(options)?;
            applied = self.migrate()?;
            if !self.is_seeded()? {
                self.seed(None)?;
            }
            self.conn.execute(
                "INSERT INTO reldb_meta (key, value) VALUES ('schema_fingerprint', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCHEMA_FINGERPRINT],
            )?;
        }
        drop(lock);
        Ok(applied)
    }

    /// Refuses another program's database (unless asked), a newer or edited schema, and a
    /// history that does not match the schema.
    fn check_before_writing(&self, options: OpenOptions) -> Result<()> {
        match self.kind()? {
            FileKind::Foreign(objects) if !options.into_existing => Err(self.not_reldb(&objects)),
            FileKind::Foreign(_) => self.check_no_clash(),
            FileKind::Reldb => {
                self.check_compatible()?;
                migrate::check_history(&self.conn, &self.path)
            }
            FileKind::Empty => Ok(()),
        }
    }

    /// Refuses to add reldb's schema to a file that already uses one of its names: the
    /// migration would fail on it, after the switch to WAL.
    fn check_no_clash(&self) -> Result<()> {
        let expected = migrate::expected_objects()?;
        let clashes: Vec<String> = migrate::objects(&self.conn)?
            .iter()
            .filter(|o| {
                expected
                    .iter()
                    .any(|e| e.name.eq_ignore_ascii_case(&o.name))
            })
            .map(migrate::SchemaObject::describe)
            .collect();
        if clashes.is_empty() {
            return Ok(());
        }
        Err(Error::NameClash {
            path: self.path.clone(),
            names: clashes.join(", "),
        })
    }

    fn kind(&self) -> Result<FileKind> {
        let objects = migrate::objects(&self.conn)?;
        let has_history = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' \
             AND name IN ('refinery_schema_history', 'reldb_meta')",
            [],
            |row| row.get::<_, i64>(0),
        )?;
        // reldb's own objects, as its migrations write them, tell a reldb file whose
        // bookkeeping was dropped from another program's.
        let has_ours = || -> Result<bool> {
            let expected = migrate::expected_objects()?;
            Ok(objects.iter().any(|o| expected.contains(o)))
        };
        Ok(if has_history > 0 {
            FileKind::Reldb
        } else if objects.is_empty() {
            FileKind::Empty
        } else if has_ours()? {
            FileKind::Reldb
        } else {
            FileKind::Foreign(
                objects
                    .iter()
                    .filter(|o| o.kind == "table" || o.kind == "view")
                    .map(|o| o.name.clone())
                    .collect(),
            )
        })
    }

    fn not_reldb(&self, names: &[String]) -> Error {
        const SHOWN: usize = 3;
        let mut objects = format!(
            "{} table{} or view{}: {}",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            if names.len() == 1 { "" } else { "s" },
            names
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
        if names.len() > SHOWN {
            objects.push_str(&format!(" and {} more", names.len() - SHOWN));
        }
        if names.is_empty() {
            objects = "indexes or triggers".to_string();
        }
        Error::NotReldb {
            path: self.path.clone(),
            objects,
        }
    }

    /// A busy error said as "another process holds the write lock"; any other as it is.
    fn locked_or(&self, e: Error) -> Error {
        match e {
            Error::Sqlite(e) if is_busy(&e) => locked(&self.path, self.busy_timeout),
            other => other,
        }
    }

    /// Applies pending migrations in one transaction; returns the versions applied.
    pub fn migrate(&mut self) -> Result<Vec<i32>> {
        self.ensure_writable("migrate it")?;
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
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;",
    )?;
    Ok(())
}

/// The busy timeout: `RELDB_BUSY_TIMEOUT` milliseconds, or 30 s.
fn busy_timeout() -> Result<Duration> {
    match std::env::var(BUSY_TIMEOUT_VAR) {
        Err(_) => Ok(BUSY_TIMEOUT),
        Ok(text) => text
            .trim()
            .parse::<u64>()
            .map(Duration::from_millis)
            .map_err(|_| Error::BusyTimeout { value: text }),
    }
}

/// Opens a connection that waits `timeout` for locks, from its first read on.
fn open_connection(
    path: &Path,
    flags: OpenFlags,
    timeout: Duration,
) -> rusqlite::Result<Connection> {
    // No SQLITE_OPEN_URI: a name is always a file name.
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(timeout)?;
    Ok(conn)
}

/// Opens the file read-only as immutable (through a URI, the one way to ask for it): SQLite
/// then takes no lock and needs no -shm.
fn open_immutable(path: &Path, timeout: Duration) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => {
                uri.push(char::from(*byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags)?;
    conn.busy_timeout(timeout)?;
    Ok(conn)
}

/// Whether a -wal file beside the database holds pages (rows the file alone lacks).
fn has_wal_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// Reads the schema: the first read is where SQLite finds out whether it can read the file at
/// all (a WAL file also needs its -shm), and every statement, pragmas included, needs it.
fn probe(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
}

/// Refuses names SQLite would not take as a file: an in-memory database or a URI would make
/// reldb's set-up fail halfway, after creating a stray file.
fn check_file_path(path: &Path) -> Result<()> {
    let text = path.to_string_lossy();
    if text.is_empty() || text == ":memory:" || text.starts_with("file:") {
        return Err(Error::NotAFilePath {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Refuses a file that is not SQLite, before SQLite opens it (a 0-byte file is a new one).
fn check_header(path: &Path) -> Result<()> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    file.by_ref()
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(path, e))?;
    if header.is_empty() || header == SQLITE_HEADER {
        return Ok(());
    }
    Err(Error::NotSqlite {
        path: path.to_path_buf(),
    })
}

/// Why the file may not be written, going by its permission bits (which even root is held to
/// here: a file made read-only was made so on purpose).
fn unwritable_by_permissions(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    metadata
        .permissions()
        .readonly()
        .then(|| "its permissions do not allow writing".to_string())
}

fn is_read_only_error(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    )
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn locked(path: &Path, waited: Duration) -> Error {
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

fn cannot_open(path: &Path, e: &rusqlite::Error) -> Error {
    Error::CannotOpen {
        path: path.to_path_buf(),
        reason: format!("{e}; check that it is readable, and that a WAL database's -wal and -shm files beside it are too"),
    }
}

/// A WAL file whose -wal holds rows, in a folder where SQLite cannot make the -shm it needs to
/// read them: reading the file alone would miss those rows.
fn unreadable_wal(path: &Path, e: &rusqlite::Error) -> Error {
    Error::CannotOpen {
        path: path.to_path_buf(),
        reason: format!(
            "its -wal file holds rows not yet in the file, and SQLite cannot create the -shm \
             file it needs to read them in this read-only folder ({e}); open it once where it \
             can be written, or copy the file with its -wal to a writable folder"
        ),
    }
}

fn cannot_create(path: &Path, e: &rusqlite::Error) -> Error {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let reason = if folder.is_dir() {
        format!(
            "{e}; the folder {} may be read-only: give a --db path in a folder you may write",
            folder.display()
        )
    } else {
        format!(
            "the folder {} does not exist; create it first",
            folder.display()
        )
    };
    Error::CannotOpen {
        path: path.to_path_buf(),
        reason,
    }
}

/// Puts the file in WAL mode (a setting kept in the file). Switching needs a lock that SQLite
/// does not wait for with its busy handler, so several processes opening a new file at once
/// retry here instead of failing with "database is locked".
fn use_wal(conn: &Connection, busy_timeout: Duration) -> Result<()> {
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
                    && started.elapsed() < busy_timeout =>
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
    let file = FileOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.lock().map_err(|e| Error::io(path, e))?;
    Ok(file)
}

/// The number of rows in one of reldb's tables (for status lines).
pub fn count_rows(db: &Database, table: &str) -> Result<i64> {
    let catalog = crate::catalog::Catalog::read(db.connection())?;
    let table = &catalog.loadable(table)?.name;
    // The name was checked against the schema above, so quoting it is safe.
    let sql = format!("SELECT count(*) FROM \"{table}\"");
    Ok(db.connection().query_row(&sql, [], |row| row.get(0))?)
}
