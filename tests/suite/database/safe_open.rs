//! Opening a database never changes what it should not: another program's SQLite file, a text
//! file, a file from a newer reldb or with a lost migration history are refused untouched; a
//! name that is not a file creates nothing; a read-only file serves the reading commands and
//! refuses the writing ones by name; a held lock and a damaged schema are said plainly.

use std::path::Path;

use crate::common::Workspace;
use predicates::prelude::*;

/// Every command that opens the database, reading or writing.
const OPENING_COMMANDS: &[&[&str]] = &[
    &["init"],
    &["migrate"],
    &["migrate", "--status"],
    &["seed"],
    &["query", "states"],
    &["sql", "SELECT 1"],
    &["import", "visits", "ok.csv"],
    &["check"],
    &["resolve", "TJ"],
    &["dossier", "TJ", "AZ"],
    &["export", "--dir", "reports"],
    &["schema"],
    &["datasette-metadata"],
];

fn write_ok_csv(ws: &Workspace) {
    std::fs::write(
        ws.path("ok.csv"),
        "visitor_name,visitor_state,host_state,start_date\nSomeone,TJ,AZ,2020-01-02\n",
    )
    .unwrap();
}

fn journal_mode(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// The files in the workspace folder, sorted.
fn listing(ws: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(ws.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs SQL on the file with a plain connection (as the sqlite3 shell would).
fn edit(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// The seeded database of `ws` (from `Workspace::seeded`) put back in rollback-journal mode,
/// where every change shows in the file's own bytes.
fn rollback_journal_database(ws: &Workspace) {
    edit(&ws.db, "PRAGMA journal_mode = DELETE;");
    assert_eq!(journal_mode(&ws.db), "delete");
}

#[test]
fn another_programs_database_is_refused_untouched_by_every_command() {
    let ws = Workspace::new();
    write_ok_csv(&ws);
    edit(
        &ws.db,
        "CREATE TABLE customers (id); INSERT INTO customers VALUES (1);",
    );
    let before = std::fs::read(&ws.db).unwrap();
    let files = listing(&ws);
    for args in OPENING_COMMANDS {
        ws.reldb()
            .args(*args)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(
                "is an SQLite database of another program",
            ))
            .stderr(predicate::str::contains("customers"))
            .stderr(predicate::str::contains("init --into-existing"));
        assert_eq!(
            std::fs::read(&ws.db).unwrap(),
            before,
            "{args:?} changed it"
        );
        assert_eq!(listing(&ws), files, "{args:?} left files beside it");
    }
    assert_eq!(journal_mode(&ws.db), "delete");
}

#[test]
fn init_into_existing_adds_reldb_to_another_programs_file() {
    let ws = Workspace::new();
    edit(
        &ws.db,
        "CREATE TABLE customers (id); INSERT INTO customers VALUES (7);",
    );
    ws.reldb()
        .args(["init", "--into-existing"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{} states",
            crate::common::seed("states").len()
        )));
    assert_eq!(crate::common::count(&ws.db, "customers"), 1);
    assert_eq!(ws.query("visits", &["state=TJ"]).len(), 2);
    ws.reldb().arg("check").assert().success();
}

#[test]
fn init_into_existing_refuses_a_file_that_uses_reldbs_names() {
    let ws = Workspace::new();
    edit(&ws.db, "CREATE TABLE states (code TEXT);");
    let before = std::fs::read(&ws.db).unwrap();
    ws.reldb()
        .args(["init", "--into-existing"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already has table states"));
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);
    assert_eq!(journal_mode(&ws.db), "delete");
}

#[test]
fn init_into_existing_refuses_another_programs_view_named_report_untouched() {
    let ws = Workspace::new();
    edit(
        &ws.db,
        "CREATE TABLE sales (amount); CREATE VIEW report_sales AS SELECT sum(amount) FROM sales;",
    );
    let before = std::fs::read(&ws.db).unwrap();
    ws.reldb()
        .args(["init", "--into-existing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already has view report_sales"));
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched_and_an_empty_one_is_new() {
    let ws = Workspace::new();
    std::fs::write(&ws.db, "name,notes\nnot a database\n").unwrap();
    for args in OPENING_COMMANDS {
        ws.reldb()
            .args(*args)
            .assert()
            .failure()
            .stderr(predicate::str::contains("is not an SQLite database"))
            .stderr(predicate::str::contains("reldb.db"))
            .stderr(predicate::str::contains("untouched"));
    }
    assert_eq!(
        std::fs::read_to_string(&ws.db).unwrap(),
        "name,notes\nnot a database\n"
    );
    assert_eq!(listing(&ws), ["reldb.db"]);
    // An empty file is no other program's: it is a new database.
    std::fs::write(&ws.db, "").unwrap();
    ws.reldb()
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{} states",
            crate::common::seed("states").len()
        )));
}

#[test]
fn a_newer_or_edited_rollback_journal_file_is_refused_byte_for_byte() {
    for (edit_sql, message) in [
        (
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (99, 'future', '2030-01-01T00:00:00Z', '1'); \
             UPDATE reldb_meta SET value = 'from-the-future' WHERE key = 'schema_fingerprint';",
            "schema version 99",
        ),
        (
            "UPDATE refinery_schema_history SET checksum = '42' WHERE version = 2; \
             DELETE FROM reldb_meta WHERE key = 'schema_fingerprint';",
            "migration 2 (report_views)",
        ),
    ] {
        let ws = Workspace::seeded();
        write_ok_csv(&ws);
        rollback_journal_database(&ws);
        edit(&ws.db, edit_sql);
        let before = std::fs::read(&ws.db).unwrap();
        for args in [
            &["query", "visits"][..],
            &["init"],
            &["migrate"],
            &["seed"],
            &["import", "visits", "ok.csv"],
        ] {
            ws.reldb()
                .args(args)
                .assert()
                .failure()
                .stderr(predicate::str::contains(message))
                .stderr(predicate::str::contains("The file was left untouched"));
            assert_eq!(std::fs::read(&ws.db).unwrap(), before, "{args:?}");
            assert_eq!(journal_mode(&ws.db), "delete", "{args:?}");
        }
    }
}

#[test]
fn a_dropped_migration_history_is_refused_in_a_few_words() {
    let ws = Workspace::seeded();
    rollback_journal_database(&ws);
    edit(&ws.db, "DROP TABLE refinery_schema_history;");
    let before = std::fs::read(&ws.db).unwrap();
    for args in [&["migrate"][..], &["init"]] {
        let stderr = ws.stderr_of_failure(args);
        assert!(
            stderr.contains("refinery_schema_history) is missing")
                && stderr.contains("migration 1 (schema)")
                && stderr.contains("left the file untouched")
                && stderr.contains("backup"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.len() < 800, "{args:?}: {} characters", stderr.len());
        assert_eq!(std::fs::read(&ws.db).unwrap(), before, "{args:?}");
    }
    // A current file is trusted on opening, so reading it still works.
    assert_eq!(ws.query("visits", &[]).len(), 2);
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);
}

#[test]
fn a_history_missing_one_migration_is_refused() {
    let ws = Workspace::seeded();
    rollback_journal_database(&ws);
    edit(
        &ws.db,
        "DELETE FROM refinery_schema_history WHERE version = 2; \
         DELETE FROM reldb_meta WHERE key = 'schema_fingerprint';",
    );
    let before = std::fs::read(&ws.db).unwrap();
    ws.reldb()
        .arg("migrate")
        .assert()
        .failure()
        .stderr(predicate::str::contains("lacks migration 2"))
        .stderr(predicate::str::contains("view report_agreements"));
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);
}

#[test]
fn in_memory_and_uri_names_are_refused_and_create_nothing() {
    for name in [":memory:", "file:new.db", "file:new.db?mode=rwc"] {
        let ws = Workspace::new();
        for args in [
            &["init"][..],
            &["query", "states"],
            &["migrate"],
            &["check"],
        ] {
            let mut cmd = assert_cmd::Command::cargo_bin("reldb").unwrap();
            cmd.current_dir(ws.dir.path())
                .env_remove("RELDB_DB")
                .args(["--db", name])
                .args(args);
            cmd.assert()
                .failure()
                .stderr(predicate::str::contains("reldb needs a file path"))
                .stderr(predicate::str::contains("Nothing was created"));
        }
        assert!(listing(&ws).is_empty(), "{name}: {:?}", listing(&ws));
    }
}

/// Makes the file read-only through its permissions, which reldb honours even for root.
fn make_read_only(db: &Path) {
    let mut permissions = std::fs::metadata(db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(db, permissions).unwrap();
}

fn sha(db: &Path) -> Vec<u8> {
    std::fs::read(db).unwrap()
}

#[test]
fn a_read_only_file_serves_readers_and_refuses_writers_by_name() {
    let ws = Workspace::seeded();
    write_ok_csv(&ws);
    make_read_only(&ws.db);
    let before = sha(&ws.db);
    for args in [
        &["query", "visits"][..],
        &["check"],
        &["migrate", "--status"],
        &["migrate"],
        &["init"],
        &["schema", "visits"],
        &["dossier", "TJ", "AZ"],
        &["sql", "SELECT count(*) FROM states"],
        &["resolve", "Azerbaijan Republic"],
    ] {
        ws.reldb().args(args).assert().success();
    }
    assert_eq!(ws.query("visits", &["state=TJ"]).len(), 2);
    for (args, action) in [
        (&["seed"][..], "cannot seed it"),
        (&["import", "visits", "ok.csv"], "cannot import into it"),
        (
            &["sql", "--write", "DELETE FROM visits"],
            "cannot run a statement that changes it",
        ),
    ] {
        let stderr = ws.stderr_of_failure(args);
        assert!(
            stderr.contains(&format!("{} is read-only", ws.db.display()))
                && stderr.contains("its permissions do not allow writing")
                && stderr.contains(action),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("attempt to write"), "{stderr}");
    }
    assert_eq!(sha(&ws.db), before);
}

#[test]
fn importing_into_a_read_only_file_blames_the_file_not_the_row() {
    let ws = Workspace::seeded();
    write_ok_csv(&ws);
    make_read_only(&ws.db);
    let stderr = ws.stderr_of_failure(&["import", "visits", "ok.csv"]);
    assert!(!stderr.contains("ok.csv:2"), "{stderr}");
    assert!(stderr.contains("reldb.db is read-only"), "{stderr}");
}

#[test]
fn a_read_only_file_needing_set_up_is_refused_not_half_migrated() {
    let ws = Workspace::seeded();
    rollback_journal_database(&ws);
    edit(
        &ws.db,
        "DELETE FROM reldb_meta WHERE key = 'schema_fingerprint';",
    );
    make_read_only(&ws.db);
    let before = sha(&ws.db);
    ws.reldb()
        .args(["query", "visits"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is read-only"))
        .stderr(predicate::str::contains("cannot migrate and seed it"));
    assert_eq!(sha(&ws.db), before);
    assert_eq!(journal_mode(&ws.db), "delete");
}

/// A WAL database in a folder this user may not write, so SQLite can create neither -shm nor
/// -wal: the real case of a read-only share. As root (whom permissions do not stop), reldb
/// runs as the user `nobody`; as anyone else, the folder is made read-only.
#[test]
fn a_wal_database_in_a_read_only_folder_is_read_and_writes_are_refused_by_name() {
    let ws = Workspace::seeded();
    write_ok_csv(&ws);
    assert_eq!(journal_mode(&ws.db), "wal");
    let outputs = run_in_read_only_folder(
        &ws,
        &[
            &["query", "visits", "--format", "csv"],
            &["check"],
            &["import", "visits", "ok.csv"],
        ],
    );
    let [query, check, import] = &outputs[..] else {
        panic!("three runs")
    };
    assert!(
        query.status.success(),
        "{}",
        String::from_utf8_lossy(&query.stderr)
    );
    assert_eq!(crate::common::parse_csv(&query.stdout).len(), 2);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(!import.status.success());
    assert!(
        stderr.contains("reldb.db is read-only") && stderr.contains("cannot import into it"),
        "{stderr}"
    );
    assert!(!stderr.contains("attempt to write"), "{stderr}");
    assert!(!stderr.contains("ok.csv:2"), "{stderr}");
    assert_eq!(listing(&ws), ["ok.csv", "reldb.db"]);
}

/// Runs reldb as a user who may not write the workspace folder: `nobody` when the tests run as
/// root (whom permissions do not stop), else this user with the folder made read-only.
fn run_in_read_only_folder(ws: &Workspace, args: &[&[&str]]) -> Vec<std::process::Output> {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let root = unsafe { libc::geteuid() } == 0;
    let folder_mode = if root { 0o755 } else { 0o555 };
    std::fs::set_permissions(ws.dir.path(), std::fs::Permissions::from_mode(folder_mode)).unwrap();
    let outputs = args
        .iter()
        .map(|args| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("reldb"));
            cmd.current_dir(ws.dir.path())
                .env_remove("RELDB_DB")
                .arg("--db")
                .arg(&ws.db)
                .args(*args);
            if root {
                cmd.uid(65534).gid(65534);
            }
            cmd.output().expect("reldb runs")
        })
        .collect();
    std::fs::set_permissions(ws.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    outputs
}

#[test]
fn a_wal_file_with_unread_rows_in_a_read_only_folder_says_why_it_cannot_be_read() {
    let ws = Workspace::new();
    let source = Workspace::seeded();
    // A writer that has not checkpointed yet: its new row is only in the -wal.
    let writer = rusqlite::Connection::open(&source.db).unwrap();
    writer
        .execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO sources (title) VALUES ('only in the wal');",
        )
        .unwrap();
    std::fs::copy(&source.db, &ws.db).unwrap();
    std::fs::copy(source.path("reldb.db-wal"), ws.path("reldb.db-wal")).unwrap();
    drop(writer);

    let outputs = run_in_read_only_folder(&ws, &[&["query", "sources"]]);
    let stderr = String::from_utf8_lossy(&outputs[0].stderr);
    assert!(!outputs[0].status.success());
    assert!(
        stderr.contains("cannot open") && stderr.contains("its -wal file holds rows"),
        "{stderr}"
    );
}

#[test]
fn check_reports_each_missing_or_changed_object_and_does_not_crash() {
    let ws = Workspace::seeded();
    edit(
        &ws.db,
        "PRAGMA foreign_keys = OFF;
         DROP VIEW report_visits;
         DROP TABLE reldb_meta;
         DROP TABLE missions;
         DROP VIEW report_sources;
         CREATE VIEW report_sources AS SELECT 1 AS id;",
    );
    let output = ws.reldb().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    for expected in [
        "report_visits: view report_visits is missing (views/report_visits.sql creates it) [schema]",
        "reldb_meta: table reldb_meta is missing (the migrations create it) [schema]",
        "missions: table missions is missing (the migrations create it) [schema]",
        "report_sources: view report_sources differs from the one views/report_sources.sql creates",
        "rule not run, the schema being damaged (no such table: missions) [mission_before_relations]",
    ] {
        assert!(stdout.contains(expected), "missing: {expected}\nin:\n{stdout}");
    }
    assert!(stderr.contains("problems found"), "{stderr}");
    assert!(!stderr.contains("database error"), "{stderr}");
}

#[test]
fn check_reports_a_dropped_history() {
    let ws = Workspace::seeded();
    edit(&ws.db, "DROP TABLE refinery_schema_history;");
    ws.reldb()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "refinery_schema_history: refinery's migration history (the table refinery_schema_history) is missing",
        ));
}

#[test]
fn a_damaged_schema_is_refused_when_opening_with_what_to_do() {
    let ws = Workspace::seeded();
    rollback_journal_database(&ws);
    edit(&ws.db, "DROP TABLE reldb_meta;");
    let before = sha(&ws.db);
    ws.reldb()
        .args(["query", "visits"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "schema is damaged: table reldb_meta",
        ))
        .stderr(predicate::str::contains("reldb check"));
    assert_eq!(sha(&ws.db), before);
}

#[test]
fn a_writer_held_up_by_a_lock_says_who_holds_it_and_how_long_it_waited() {
    let ws = Workspace::seeded();
    write_ok_csv(&ws);
    let holder = rusqlite::Connection::open(&ws.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    for args in [
        &["import", "visits", "ok.csv"][..],
        &["seed"],
        &["sql", "--write", "DELETE FROM visits"],
    ] {
        let stderr = ws
            .reldb()
            .env("RELDB_BUSY_TIMEOUT", "300")
            .args(args)
            .output()
            .unwrap()
            .stderr;
        let stderr = String::from_utf8_lossy(&stderr);
        assert!(
            stderr.contains(&format!(
                "another process holds the write lock on {}",
                ws.db.display()
            )) && stderr.contains("waited 300 ms")
                && stderr.contains("RELDB_BUSY_TIMEOUT"),
            "{args:?}: {stderr}"
        );
    }
    // Readers of a WAL file are not held up by a writer.
    assert_eq!(ws.query("visits", &[]).len(), 2);
    holder.execute_batch("ROLLBACK").unwrap();
    ws.reldb()
        .env("RELDB_BUSY_TIMEOUT", "300")
        .args(["import", "visits", "ok.csv"])
        .assert()
        .success();
}

#[test]
fn a_bad_busy_timeout_is_refused_with_its_unit() {
    let ws = Workspace::new();
    ws.reldb()
        .env("RELDB_BUSY_TIMEOUT", "30s")
        .args(["query", "states"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("RELDB_BUSY_TIMEOUT='30s'"))
        .stderr(predicate::str::contains("milliseconds"));
}
