//! Finding and opening the file: the path and header checks, read-write or read-only (and
//! immutable when a read-only folder keeps SQLite from making a -shm), and the pragmas and
//! guard every connection gets.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Database, BUSY_TIMEOUT_VAR};
use crate::error::{Error, Result};

/// How long a connection waits for another process's lock before giving up, unless
/// `RELDB_BUSY_TIMEOUT` (milliseconds) says otherwise.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Database {
    /// Creates a new file (SQLite makes it on opening).
    pub(super) fn create(path: &Path) -> Result<Self> {
        check_file_path(path)?;
        let timeout = busy_timeout()?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = open_connection(path, flags, timeout).map_err(|e| cannot_create(path, &e))?;
        Self::with_connection(conn, path, None, timeout)
    }

    /// Opens an existing file, read-write if it can be written and read-only otherwise.
    pub(super) fn connect(path: &Path) -> Result<Self> {
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

    pub(super) fn with_connection(
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
            created: false,
        })
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
pub(super) fn check_file_path(path: &Path) -> Result<()> {
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
