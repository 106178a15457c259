//! The report views as files of their own (`views/report_NAME.sql`): every file is a view of
//! every database, a file whose views another binary made gets these on its next open (in the
//! migration's transaction), and a file whose views are current is not written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::common::Workspace;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Makes `db` a database of schema `version`, with reldb's own migrations stopped there.
fn database_at_version(db: &Path, version: i32) {
    let mut conn = rusqlite::Connection::open(db).unwrap();
    embedded::migrations::runner()
        .set_grouped(true)
        .set_target(refinery::Target::Version(version))
        .run(&mut conn)
        .unwrap();
}

/// Each `views/*.sql` of the checkout: view name and file text.
fn view_files() -> BTreeMap<String, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("views");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sql") {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    files
}

/// Every view of the file: name and the SQL SQLite keeps for it.
fn views_in(db: &Path) -> BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn meta(db: &Path, key: &str) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT value FROM reldb_meta WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}

fn edit(db: &Path, sql: &str) {
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

/// Makes the file look as if a binary with other views made it: report_states lacks the
/// aliases column, a view since removed is there, and the stored views fingerprint is another.
fn give_other_views(db: &Path) {
    edit(
        db,
        "DROP VIEW report_states;
         CREATE VIEW report_states AS SELECT code, iso3, iso_numeric, name, official_name,
             status, sovereign, existed_from, existed_until, note FROM states;
         CREATE VIEW report_removed AS SELECT 1 AS one;
         UPDATE reldb_meta SET value = '0123456789abcdef' WHERE key = 'views_fingerprint';",
    );
}

fn header_of_states(ws: &Workspace) -> Vec<String> {
    crate::common::csv_header(&ws.stdout(&["query", "states", "--format", "csv"]))
}

/// The views the migrations create under names of their own (not `report_*`, which are the
/// view files'): the schema's, such as `relations`, which schema 4 turned from a table into a
/// view over relation_events so that the queries people wrote against it keep answering.
fn schema_views() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("CREATE VIEW ") {
                let name = rest.split_whitespace().next().unwrap().to_string();
                if !name.starts_with("report_") {
                    names.push(name);
                }
            }
        }
    }
    names.sort();
    names
}

#[test]
fn every_view_file_is_a_view_of_a_new_file_as_the_file_writes_it() {
    let ws = Workspace::seeded();
    let files = view_files();
    let views = views_in(&ws.db);
    let (reports, others): (Vec<&String>, Vec<&String>) =
        views.keys().partition(|name| name.starts_with("report_"));
    assert_eq!(reports, files.keys().collect::<Vec<_>>());
    // Every other view is the schema's, made by a migration and left alone by the view files.
    assert_eq!(schema_views(), ["relations"]);
    assert_eq!(others, schema_views().iter().collect::<Vec<_>>());
    for (name, text) in &files {
        let sql = &views[name];
        assert!(sql.starts_with(&format!("CREATE VIEW {name} AS")), "{sql}");
        assert!(text.contains(sql.as_str()), "views/{name}.sql is not {sql}");
        assert!(
            text.starts_with("-- "),
            "views/{name}.sql starts with its comment"
        );
    }
    assert_eq!(meta(&ws.db, "views_fingerprint").map(|v| v.len()), Some(16));
}

#[test]
fn a_file_with_another_binarys_views_gets_these_after_one_query() {
    let new = Workspace::seeded();
    let ws = Workspace::seeded();
    give_other_views(&ws.db);
    assert_ne!(views_in(&ws.db), views_in(&new.db));

    let header = header_of_states(&ws);
    assert!(header.contains(&"aliases".to_string()), "{header:?}");
    assert_eq!(views_in(&ws.db), views_in(&new.db));
    assert_eq!(
        meta(&ws.db, "views_fingerprint"),
        meta(&new.db, "views_fingerprint")
    );
    assert_eq!(
        ws.query("visits", &[]).len(),
        crate::common::seed("visits").len()
    );
    assert!(!ws.query("timeline", &[]).is_empty());
}

#[test]
fn a_file_made_before_views_had_a_fingerprint_gets_the_view_files() {
    let new = Workspace::seeded();
    let ws = Workspace::seeded();
    // What the binary before view files wrote: migration 2's views and no views fingerprint.
    let v2 = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations/V2__report_views.sql"),
    )
    .unwrap();
    let drops: String = view_files()
        .keys()
        .map(|name| format!("DROP VIEW {name};\n"))
        .collect();
    edit(
        &ws.db,
        &format!("{drops}{v2}\nDELETE FROM reldb_meta WHERE key = 'views_fingerprint';"),
    );
    give_other_views(&ws.db);

    ws.query("states", &[]);
    assert_eq!(views_in(&ws.db), views_in(&new.db));
    assert!(meta(&ws.db, "views_fingerprint").is_some());
}

#[test]
fn a_file_at_version_1_gets_migration_2_and_the_view_files_in_one_go() {
    // A real version-1 file, made by the embedded migrations stopped at version 1, holding a
    // visit; a report view of an older reldb that views/ no longer has is dropped too.
    let new = Workspace::seeded();
    let ws = Workspace::new();
    database_at_version(&ws.db, 1);
    edit(
        &ws.db,
        "INSERT INTO states (iso2, name, status, sovereign) VALUES ('TJ', 'Tajikistan', 'un_member', 1),
             ('AZ', 'Azerbaijan', 'un_member', 1);
         INSERT INTO visits (id, visitor_name, visitor_state, host_state, start_date)
             VALUES (1, 'A Visitor', 'AZ', 'TJ', '2007');
         INSERT INTO reldb_meta (key, value) VALUES ('seeded_on', '2026-01-01 00:00:00');
         CREATE VIEW report_removed AS SELECT 1 AS one;",
    );
    let output = ws.reldb().arg("migrate").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("applied migrations 2, 3"), "{stderr}");
    assert_eq!(views_in(&ws.db), views_in(&new.db));
    let visits = ws.query("visits", &[]);
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0]["visitor_state"], "AZ");
}

/// The file's bytes and modification time.
fn snapshot(db: &Path) -> (Vec<u8>, SystemTime) {
    let bytes = std::fs::read(db).unwrap();
    let modified = std::fs::metadata(db).unwrap().modified().unwrap();
    (bytes, modified)
}

#[test]
fn a_file_whose_views_are_current_is_not_written_on_open() {
    let ws = Workspace::seeded();
    ws.query("states", &[]);
    let before = snapshot(&ws.db);
    std::thread::sleep(std::time::Duration::from_millis(20));
    ws.query("states", &[]);
    ws.query("visits", &[]);
    assert!(
        before == snapshot(&ws.db),
        "opening a current file wrote it"
    );

    // The same file with stale views is written: what the assertion above tells apart.
    give_other_views(&ws.db);
    ws.query("states", &[]);
    let stale = snapshot(&ws.db);
    std::thread::sleep(std::time::Duration::from_millis(20));
    ws.query("states", &[]);
    assert!(stale == snapshot(&ws.db));
    assert_eq!(views_in(&ws.db), views_in(&Workspace::seeded().db));
}

#[test]
fn a_read_only_file_with_stale_views_is_read_with_them_and_left_unwritten() {
    let ws = Workspace::seeded();
    give_other_views(&ws.db);
    let before = snapshot(&ws.db);
    let mut permissions = std::fs::metadata(&ws.db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&ws.db, permissions.clone()).unwrap();

    let header = header_of_states(&ws);
    assert!(!header.contains(&"aliases".to_string()), "{header:?}");
    assert!(header.contains(&"status".to_string()), "{header:?}");
    assert!(before == snapshot(&ws.db), "a read-only file was written");

    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&ws.db, permissions).unwrap();
    assert!(header_of_states(&ws).contains(&"aliases".to_string()));
}

#[test]
fn check_names_the_view_file_of_a_view_changed_by_hand() {
    let ws = Workspace::seeded();
    edit(
        &ws.db,
        "DROP VIEW report_visits; CREATE VIEW report_visits AS SELECT id FROM visits;",
    );
    let output = ws.reldb().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("view report_visits differs from the one views/report_visits.sql creates"),
        "{stdout}"
    );
}
