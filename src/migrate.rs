//! The schema's migrations (`migrations/V{n}__{name}.sql`), embedded at build time and applied
//! with refinery in grouped mode: all pending migrations commit together or not at all, with
//! the report views (`views/`) re-created in the same transaction.

use std::path::Path;
use std::sync::OnceLock;

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::views;

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

fn has_history(conn: &Connection) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

fn applied(conn: &Connection) -> Result<Vec<Applied>> {
    if !has_history(conn)? {
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

/// Applies every pending migration and re-creates the report views, in one transaction;
/// returns the versions applied (none, if only the views were out of date).
pub fn migrate(conn: &mut Connection, path: &str) -> Result<Vec<i32>> {
    check_compatible(conn, path)?;
    check_history(conn, Path::new(path))?;
    let report = runner().run(&mut WithViews(conn))?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(|m| m.version())
        .collect())
}

/// A connection whose migration batch ends by re-creating the report views before it commits.
/// refinery opens its own transaction (a nested BEGIN would fail), so the views step goes
/// inside it here. In grouped mode refinery runs one batch, even an empty one: a file with
/// every migration gets its views re-created too.
struct WithViews<'c>(&'c mut Connection);

impl refinery_core::traits::sync::Transaction for WithViews<'_> {
    type Error = Error;

    fn execute<'a, T: Iterator<Item = &'a str>>(&mut self, queries: T) -> Result<usize> {
        let tx = self.0.transaction()?;
        let mut count = 0;
        for query in queries {
            tx.execute_batch(query)?;
            count += 1;
        }
        views::recreate(&tx)?;
        tx.commit()?;
        Ok(count)
    }
}

impl refinery_core::traits::sync::Query<Vec<refinery::Migration>> for WithViews<'_> {
    fn query(&mut self, query: &str) -> Result<Vec<refinery::Migration>> {
        Ok(refinery_core::traits::sync::Query::query(self.0, query)?)
    }
}

impl refinery::Migrate for WithViews<'_> {
    /// Creates refinery's history table on its own, as refinery does, so that the one batch
    /// that goes through [`WithViews`]'s `execute` is the migrations'.
    fn assert_migrations_table(
        &mut self,
        migration_table_name: &str,
    ) -> std::result::Result<usize, refinery::Error> {
        refinery::Migrate::assert_migrations_table(self.0, migration_table_name)
    }
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
    Ok(statuses(&applied(conn)?))
}

/// Every migration this binary embeds, all pending: the status of a file not yet created.
pub fn status_of_new_file() -> Vec<MigrationStatus> {
    statuses(&[])
}

fn statuses(applied: &[Applied]) -> Vec<MigrationStatus> {
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
    list
}

/// A table, view, index or trigger, as `sqlite_master` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaObject {
    /// `table`, `view`, `index` or `trigger`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The statement that created it (`None` for indexes SQLite makes itself).
    pub sql: Option<String>,
}

impl SchemaObject {
    /// "view report_visits".
    pub fn describe(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }
}

/// The objects of a database, leaving out SQLite's own and refinery's history.
pub fn objects(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history' \
         ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, type, name",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(SchemaObject {
            kind: row.get(0)?,
            name: row.get(1)?,
            sql: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What each migration adds to the schema, by version, found once per process by migrating an
/// in-memory database one version at a time: the migrations are the only list of what reldb's
/// schema holds, so nothing is written twice by hand.
struct Layers {
    /// `(version, name, objects it created)`, oldest first.
    added: Vec<(i32, String, Vec<SchemaObject>)>,
    /// `(version, names of the objects it dropped)`: a later migration may drop what an
    /// earlier one made (version 4 drops the relations table and its indexes).
    dropped: Vec<(i32, Vec<String>)>,
    /// Every object once all migrations ran and the views of `views/` replaced theirs.
    all: Vec<SchemaObject>,
}

fn layers() -> Result<&'static Layers> {
    static LAYERS: OnceLock<Layers> = OnceLock::new();
    if let Some(layers) = LAYERS.get() {
        return Ok(layers);
    }
    let layers = build_layers()?;
    Ok(LAYERS.get_or_init(|| layers))
}

fn build_layers() -> Result<Layers> {
    let mut conn = Connection::open_in_memory()?;
    let mut migrations: Vec<_> = runner()
        .get_migrations()
        .iter()
        .map(|m| (m.version(), m.name().to_string()))
        .collect();
    migrations.sort();
    let mut before: Vec<SchemaObject> = Vec::new();
    let mut added = Vec::new();
    let mut dropped = Vec::new();
    for (version, name) in migrations {
        runner()
            .set_target(refinery::Target::Version(version))
            .run(&mut conn)?;
        let after = objects(&conn)?;
        let new = after
            .iter()
            .filter(|o| !before.iter().any(|b| b.name == o.name))
            .cloned()
            .collect();
        added.push((version, name, new));
        dropped.push((
            version,
            before
                .iter()
                .filter(|b| !after.iter().any(|o| o.name == b.name))
                .map(|b| b.name.clone())
                .collect(),
        ));
        before = after;
    }
    // The views are the view files', whatever migration 2 created.
    views::recreate_from(&conn, views::files())?;
    Ok(Layers {
        added,
        dropped,
        all: objects(&conn)?,
    })
}

/// Every table, view, index and trigger the migrations and the view files create, as they
/// create it.
pub fn expected_objects() -> Result<&'static [SchemaObject]> {
    Ok(&layers()?.all)
}

/// Refuses a file whose migration history does not match its schema, before anything is
/// written: objects of a migration the history lacks are there (the history was dropped or
/// edited, and migrating would create them again and fail), or objects of an applied
/// migration are gone (dropped by hand).
pub fn check_history(conn: &Connection, path: &Path) -> Result<()> {
    let applied = applied(conn)?;
    let present = objects(conn)?;
    let has = |o: &SchemaObject| present.iter().any(|p| p.name == o.name);
    let is_applied = |version: i32| applied.iter().any(|a| a.version == version);
    let layers = layers()?;
    // Dropped by a later migration that the file has applied: rightly absent.
    let dropped_later = |version: i32, o: &SchemaObject| {
        layers
            .dropped
            .iter()
            .any(|(v, names)| *v > version && is_applied(*v) && names.contains(&o.name))
    };
    let mut missing = Vec::new();
    for (version, name, created) in &layers.added {
        if is_applied(*version) {
            missing.extend(
                created
                    .iter()
                    // A report view is derived: one that is gone is created again on open.
                    .filter(|o| !has(o) && !dropped_later(*version, o) && !is_report_view(o))
                    .map(SchemaObject::describe),
            );
            continue;
        }
        let found: Vec<String> = created
            .iter()
            .filter(|o| has(o))
            .map(SchemaObject::describe)
            .collect();
        if !found.is_empty() {
            return Err(Error::HistoryMissing {
                path: path.to_path_buf(),
                history: history_words(conn, &applied, *version)?,
                version: *version,
                name: name.clone(),
                found: first_few(&found),
            });
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::DamagedSchema {
        path: path.to_path_buf(),
        missing: first_few(&missing),
    })
}

fn history_words(conn: &Connection, applied: &[Applied], version: i32) -> Result<String> {
    const HISTORY: &str = "refinery's migration history (the table refinery_schema_history)";
    Ok(if !has_history(conn)? {
        format!("{HISTORY} is missing")
    } else if applied.is_empty() {
        format!("{HISTORY} is empty")
    } else {
        format!("{HISTORY} lacks migration {version}")
    })
}

/// Up to five items, and how many more.
fn first_few(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

/// Whether `object` is one of reldb's report views, which reldb re-creates whenever they are
/// missing or another binary's, rather than a part of the schema the history vouches for.
pub(crate) fn is_report_view(object: &SchemaObject) -> bool {
    object.kind == "view" && object.name.starts_with("report_")
}
