//! Preparing the file: what it holds (new, reldb's, another program's), how far it is from this
//! binary's schema, seed and views, and the migrate-and-seed set-up under a lock.

use std::fs::{File, OpenOptions as FileOptions};
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::{is_busy, locked, Database, OpenOptions};
use crate::error::{Error, Result};
use crate::{migrate, views};

/// The fingerprint of the migrations this binary embeds (set by build.rs).
const SCHEMA_FINGERPRINT: &str = env!("RELDB_SCHEMA_FINGERPRINT");

/// How much set-up a reldb file needs before this binary uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Setup {
    /// This binary's schema, seed and views: nothing to write.
    Current,
    /// This binary's schema and seed, another binary's report views.
    StaleViews,
    /// Migrations or the seed are missing (or the file is new, or not reldb's).
    Needed,
}

/// What a file holds, as far as opening it is concerned.
pub(super) enum FileKind {
    /// No table or view: a new file, or a 0-byte one.
    Empty,
    /// reldb's bookkeeping (reldb_meta or refinery's history) is there.
    Reldb,
    /// Tables or views of another program, and nothing of reldb's.
    Foreign(Vec<String>),
}

impl Database {
    /// How far the file is from this binary's schema, seed and views: one indexed read.
    pub(super) fn setup(&self) -> Result<Setup> {
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
            Ok((2, 1)) if self.report_views_missing()? => Ok(Setup::StaleViews),
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

    /// Whether a report view of this binary's is not in the file (dropped by hand): the views
    /// are derived, so they are made again rather than the file refused as damaged.
    fn report_views_missing(&self) -> Result<bool> {
        let present: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name GLOB 'report_*'",
            [],
            |row| row.get(0),
        )?;
        Ok(present < views::files().len() as i64)
    }

    /// Migrates (which re-creates the report views) and, on first use, seeds the file, holding
    /// an exclusive lock on it so that concurrent first runs wait for each other instead of
    /// colliding. Everything that can refuse the file is checked first, by reading alone.
    pub(super) fn prepare(&mut self, options: OpenOptions) -> Result<Vec<i32>> {
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
                self.seed(None, false)?;
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
    pub(super) fn check_before_writing(&self, options: OpenOptions) -> Result<()> {
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
            // reldb owns every view named report_* (it drops them all when it makes its
            // views), so another program's view of that name clashes as a table would.
            .filter(|o| {
                migrate::is_report_view(o)
                    || expected
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

    pub(super) fn kind(&self) -> Result<FileKind> {
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

    pub(super) fn not_reldb(&self, names: &[String]) -> Error {
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
