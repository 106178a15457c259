//! The report views: one `views/report_NAME.sql` file each, holding its comment and its
//! `CREATE VIEW report_NAME AS ...`, embedded at build time.
//!
//! The views are not migrations: a change to a view is an edit of its file, and every file a
//! binary opens gets the views of that binary. Whenever reldb migrates a file, and whenever the
//! views fingerprint a file keeps in `reldb_meta` differs from the binary's, it drops every
//! `report_*` view and creates each of `views/*.sql`, in the transaction of the migration.
//!
//! Migration 2 created the views when they were part of the schema. It stays as it was
//! released (refinery refuses an edited migration by its checksum), and no migration drops its
//! views: the step here already drops every `report_*` view, old or gone from `views/`, so a
//! new file (migrations 1 and 2, then this step) and one migrated from version 2 (this step
//! alone) end with the same views, and no new schema version is spent on it. A later migration
//! that changes a table a view reads drops that view first; this step creates it again.

use rusqlite::{Connection, OptionalExtension};

use crate::embedded::VIEWS;
use crate::error::{Error, Result};

/// The fingerprint of the view files this binary embeds (set by build.rs), kept in
/// `reldb_meta` under [`FINGERPRINT_KEY`] by the file whose views it created.
pub const FINGERPRINT: &str = env!("RELDB_VIEWS_FINGERPRINT");

/// The `reldb_meta` key of the views fingerprint.
pub const FINGERPRINT_KEY: &str = "views_fingerprint";

/// The views this binary embeds: `(view name, file text)`, by name.
pub fn files() -> &'static [(&'static str, &'static str)] {
    VIEWS
}

/// Drops every `report_*` view and creates those of `views/*.sql`, then records their
/// fingerprint; run it inside the caller's transaction, so that the file has either its old
/// views or all the new ones.
pub fn recreate(conn: &Connection) -> Result<()> {
    recreate_from(conn, VIEWS)?;
    conn.execute(
        "INSERT INTO reldb_meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [FINGERPRINT_KEY, FINGERPRINT],
    )?;
    Ok(())
}

/// Drops every `report_*` view and creates each of `views`.
///
/// SQLite reads a view's body only when the view is used, not when it is created, so the order
/// of creation does not matter, and a view may read one created after it. That is also why each
/// view is read once (zero rows) after all are created: a view naming a missing table, column
/// or view is refused here, naming its file, rather than on the first report.
pub fn recreate_from(conn: &Connection, views: &[(&str, &str)]) -> Result<()> {
    for name in report_views(conn)? {
        conn.execute_batch(&format!("DROP VIEW {}", quoted(&name)))?;
    }
    for (name, sql) in views {
        conn.execute_batch(sql)
            .map_err(|e| broken(name, &e.to_string()))?;
        if !is_view(conn, name)? {
            return Err(broken(name, &format!("it does not create the view {name}")));
        }
    }
    for (name, _) in views {
        conn.prepare(&format!("SELECT * FROM {} LIMIT 0", quoted(name)))
            .map_err(|e| broken(name, &e.to_string()))?;
    }
    Ok(())
}

/// The names of the file's `report_*` views.
fn report_views(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'report\\_%' ESCAPE '\\'",
    )?;
    let names = stmt.query_map([], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

fn is_view(conn: &Connection, name: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?1",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// An identifier quoted for SQL (names come from sqlite_master or the embedded file names).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn broken(name: &str, reason: &str) -> Error {
    Error::BrokenView {
        file: format!("views/{name}.sql"),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")
            .unwrap();
        conn
    }

    #[test]
    fn a_view_may_read_a_view_created_after_it() {
        let conn = with_table();
        let views = [
            (
                "report_a",
                "CREATE VIEW report_a AS SELECT x + 1 AS y FROM report_b;",
            ),
            ("report_b", "CREATE VIEW report_b AS SELECT x FROM t;"),
        ];
        recreate_from(&conn, &views).unwrap();
        let y: i64 = conn
            .query_row("SELECT y FROM report_a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(y, 8);
    }

    #[test]
    fn views_no_longer_in_the_files_are_dropped_and_others_kept() {
        let conn = with_table();
        conn.execute_batch("CREATE VIEW report_old AS SELECT 1; CREATE VIEW mine AS SELECT 2;")
            .unwrap();
        recreate_from(
            &conn,
            &[("report_b", "CREATE VIEW report_b AS SELECT x FROM t;")],
        )
        .unwrap();
        assert_eq!(report_views(&conn).unwrap(), ["report_b"]);
        assert!(is_view(&conn, "mine").unwrap());
    }

    #[test]
    fn a_view_reading_a_missing_column_is_refused_naming_its_file() {
        let conn = with_table();
        let views = [("report_a", "CREATE VIEW report_a AS SELECT nope FROM t;")];
        let message = recreate_from(&conn, &views).unwrap_err().to_string();
        assert!(message.contains("views/report_a.sql"), "{message}");
        assert!(message.contains("nope"), "{message}");
    }

    #[test]
    fn a_file_must_create_the_view_it_is_named_for() {
        let conn = with_table();
        let views = [("report_a", "CREATE VIEW report_z AS SELECT x FROM t;")];
        let message = recreate_from(&conn, &views).unwrap_err().to_string();
        assert!(
            message.contains("does not create the view report_a"),
            "{message}"
        );
    }

    #[test]
    fn every_embedded_view_file_is_named_report_and_creates_its_view() {
        for (name, sql) in files() {
            assert!(name.starts_with("report_"), "{name}");
            assert!(
                sql.starts_with("-- "),
                "views/{name}.sql starts with its comment"
            );
            assert!(sql.contains(&format!("CREATE VIEW {name} AS")), "{name}");
        }
        assert!(files().len() >= 11);
    }
}
