//! The schema's migrations (`migrations/V{n}__{name}.sql`), embedded at build time and applied
//! with refinery in grouped mode: all pending migrations commit together or not at all.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// A migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The version number (`n` of `V{n}__name.sql`).
    pub version: i32,
    /// The name after the version.
    pub name: String,
    /// When it was applied (RFC 3339), or `None` if pending.
    pub applied_on: Option<String>,
}

/// A migration recorded in refinery's history table.
struct Applied {
    version: i32,
    name: String,
    checksum: String,
    applied_on: String,
}

fn runner() -> refinery::Runner {
    embedded::migrations::runner().set_grouped(true)
}

/// The highest migration version this binary embeds.
pub fn latest_version() -> i32 {
    runner()
        .get_migrations()
        .iter()
        .map(|m| m.version())
        .max()
        .unwrap_or(0)
}

fn applied(conn: &Connection) -> Result<Vec<Applied>> {
    let has_history: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if has_history.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT version, name, checksum, applied_on FROM refinery_schema_history ORDER BY version",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Applied {
            version: row.get(0)?,
            name: row.get(1)?,
            checksum: row.get(2)?,
            applied_on: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses a database that a newer reldb migrated, or whose applied migrations differ from
/// this binary's, before anything is written to it.
pub fn check_compatible(conn: &Connection, path: &str) -> Result<()> {
    let runner = runner();
    let ours = runner.get_migrations();
    let binary_version = latest_version();
    for applied in applied(conn)? {
        let Some(mine) = ours.iter().find(|m| m.version() == applied.version) else {
            return Err(Error::NewerDatabase {
                path: path.to_string(),
                database_version: applied.version,
                binary_version,
            });
        };
        if mine.checksum().to_string() != applied.checksum || mine.name() != applied.name {
            return Err(Error::EditedMigration {
                path: path.to_string(),
                version: applied.version,
                name: applied.name,
                binary_version,
            });
        }
    }
    Ok(())
}

/// Applies every pending migration in one transaction; returns the versions applied.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<Vec<i32>> {
    check_compatible(conn, path)?;
    let report = runner().run(conn)?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(|m| m.version())
        .collect())
}

/// The SQL text of every migration this binary embeds, oldest first (comments included).
pub fn texts() -> Vec<String> {
    let runner = runner();
    let mut migrations: Vec<_> = runner.get_migrations().iter().collect();
    migrations.sort_by_key(|m| m.version());
    migrations
        .iter()
        .filter_map(|m| m.sql().map(str::to_string))
        .collect()
}

/// Every migration this binary embeds, with the date the database applied it.
pub fn status(conn: &Connection) -> Result<Vec<MigrationStatus>> {
    let applied = applied(conn)?;
    let mut list: Vec<MigrationStatus> = runner()
        .get_migrations()
        .iter()
        .map(|m| MigrationStatus {
            version: m.version(),
            name: m.name().to_string(),
            applied_on: applied
                .iter()
                .find(|a| a.version == m.version())
                .map(|a| a.applied_on.clone()),
        })
        .collect();
    list.sort_by_key(|m| m.version);
    Ok(list)
}
