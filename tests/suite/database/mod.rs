//! The database file's life: creation, migration, seeding, read-only SQL, refusal of files
//! this binary must not touch, export, and what the CLI prints where.

mod concurrency;
mod crash;
mod created;
mod history;
mod safe_open;
mod views;

use std::process::Command as StdCommand;

use crate::common::{dump, parse_csv, Workspace};
use predicates::prelude::*;

#[test]
fn migrate_builds_the_schema_from_empty_and_reports_it() {
    let ws = Workspace::new();
    ws.reldb().arg("migrate").assert().success();
    let status = ws.reldb().args(["migrate", "--status"]).output().unwrap();
    assert!(status.status.success());
    let text = String::from_utf8(status.stdout).unwrap();
    assert!(text.contains("1\tschema\t"), "{text}");
    assert!(text.contains("2\treport_views\t"), "{text}");
    assert!(!text.contains("pending"), "{text}");
    ws.reldb()
        .arg("migrate")
        .assert()
        .success()
        .stderr(predicate::str::contains("up to date"));
}

#[test]
fn migrate_status_on_a_new_file_lists_pending_migrations() {
    let ws = Workspace::new();
    let output = ws.reldb().args(["migrate", "--status"]).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("1\tschema\tpending"));
}

#[test]
fn seeding_twice_leaves_the_same_rows() {
    let ws = Workspace::new();
    ws.reldb().arg("init").assert().success();
    let first = dump(&ws.db);
    assert!(
        first.len() > 500,
        "states, aliases and the dossier are there"
    );
    ws.reldb()
        .arg("seed")
        .assert()
        .success()
        .stderr(predicate::str::contains("visits"));
    assert_eq!(dump(&ws.db), first);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seed");
    ws.reldb().args(["seed", "--dir", dir]).assert().success();
    assert_eq!(dump(&ws.db), first);
}

#[test]
fn seed_dir_reloads_an_edited_file_and_refuses_a_bad_one_whole() {
    let ws = Workspace::new();
    ws.reldb().arg("init").assert().success();
    let dir = ws.path("edited");
    std::fs::create_dir(&dir).unwrap();
    let missions =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seed/missions.csv")).unwrap();
    std::fs::write(
        dir.join("missions.csv"),
        missions.replace("1,AZ,TJ,embassy,,", "1,AZ,TJ,embassy,Dushanbe,"),
    )
    .unwrap();
    // The edited row differs from the one in the database: kept and listed, unless replaced.
    ws.reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("missions id = 1"));
    ws.reldb()
        .args(["seed", "--replace", "--dir"])
        .arg(&dir)
        .assert()
        .success();
    let rows = ws.query("missions", &["state=AZ", "partner=TJ"]);
    assert_eq!(rows[0]["city"], "Dushanbe");

    let before = dump(&ws.db);
    std::fs::write(
        dir.join("visits.csv"),
        "id,visitor_name,visitor_state,host_state,start_date\n9,Someone,AZ,Atlantis,2007-02-30\n",
    )
    .unwrap();
    ws.reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "visits.csv:2:host_state: unknown state 'Atlantis'",
        ))
        .stderr(predicate::str::contains(
            "visits.csv:2:start_date: '2007-02-30' is not in the calendar",
        ));
    assert_eq!(
        dump(&ws.db),
        before,
        "the refused seed changed nothing, not even missions"
    );
}

#[test]
fn a_parameter_carrying_sql_is_bound_not_run() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    ws.reldb()
        .args([
            "query",
            "visits",
            "-p",
            "state=TJ' OR 1=1; DROP TABLE visits; --",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown state"));
    // The text is compared with the kinds there are, as a value, so it is refused as no kind.
    ws.reldb()
        .args(["query", "visits", "-p", "kind=official' OR '1'='1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not one of visits.kind"));
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn unknown_queries_parameters_and_bad_values_are_clear_errors() {
    let ws = Workspace::seeded();
    ws.reldb()
        .args(["query", "visitz"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no query named 'visitz'"))
        .stderr(predicate::str::contains("visits"));
    ws.reldb()
        .args(["query", "visits", "-p", "country=TJ"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no parameter 'country'"))
        .stderr(predicate::str::contains("state (state)"));
    ws.reldb()
        .args(["query", "visits", "-p", "from=2007-13"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no month 13"));
    ws.reldb()
        .args(["query", "visits", "-p", "state=Tajikstan"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("did you mean 'Tajikistan'"));
    ws.reldb()
        .args(["query", "visits", "-p", "nonsense"])
        .assert()
        .code(2);
}

#[test]
fn ad_hoc_sql_is_read_only_unless_asked() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    for statement in [
        "DELETE FROM visits",
        "UPDATE states SET name = 'x' WHERE code = 'TJ'",
        "DROP VIEW report_visits",
        "INSERT INTO sources (title) VALUES ('x')",
    ] {
        ws.reldb()
            .args(["sql", statement])
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("read-only").and(predicate::str::contains("--write")));
    }
    assert_eq!(dump(&ws.db), before);
    ws.reldb()
        .args([
            "sql",
            "--write",
            "UPDATE missions SET city = 'Baku' WHERE id = 2",
        ])
        .assert()
        .success();
    assert_eq!(
        ws.query("missions", &["state=TJ", "partner=AZ"])[1]["city"],
        "Baku"
    );
    ws.reldb()
        .args(["sql", "SELECT 1; SELECT 2"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("one SQL statement"));
}

#[test]
fn the_file_passes_sqlites_own_checks() {
    let ws = Workspace::new();
    ws.reldb().arg("init").assert().success();
    let integrity = ws
        .reldb()
        .args(["sql", "PRAGMA integrity_check", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&integrity.stdout),
        "integrity_check\nok\n"
    );
    let foreign = ws
        .reldb()
        .args(["sql", "PRAGMA foreign_key_check", "--format", "csv"])
        .output()
        .unwrap();
    assert!(foreign.status.success());
    assert!(
        parse_csv(&foreign.stdout).is_empty(),
        "{}",
        String::from_utf8_lossy(&foreign.stdout)
    );
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn the_sqlite3_shell_reads_the_views() {
    let ws = Workspace::seeded();
    let shell = StdCommand::new("sqlite3")
        .arg("-csv")
        .arg("-header")
        .arg(&ws.db)
        .arg("SELECT visitor_name, host_state_name FROM report_visits ORDER BY start_date")
        .output()
        .expect("the sqlite3 shell is installed (scripts/test installs it)");
    assert!(
        shell.status.success(),
        "{}",
        String::from_utf8_lossy(&shell.stderr)
    );
    let rows = parse_csv(&shell.stdout);
    assert_eq!(rows[0]["visitor_name"], "Ilham Aliyev");
    assert_eq!(rows[1]["host_state_name"], "Azerbaijan");
}

fn file_bytes(ws: &Workspace) -> Vec<u8> {
    // Fold the WAL into the file first so the bytes say everything.
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    std::fs::read(&ws.db).unwrap()
}

#[test]
fn a_database_from_a_newer_reldb_is_refused_and_left_untouched() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
         VALUES (99, 'future', '2030-01-01T00:00:00Z', '1');
         UPDATE reldb_meta SET value = 'from-the-future' WHERE key = 'schema_fingerprint';",
    )
    .unwrap();
    drop(conn);
    let before = file_bytes(&ws);
    ws.reldb()
        .args(["query", "visits"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("schema version 99"))
        .stderr(predicate::str::contains(format!(
            "version {}",
            reldb::migrate::latest_version()
        )))
        .stderr(predicate::str::contains("untouched"));
    assert_eq!(file_bytes(&ws), before);
}

#[test]
fn a_database_with_an_edited_migration_is_refused() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(
        "UPDATE refinery_schema_history SET checksum = '42' WHERE version = 2;
         DELETE FROM reldb_meta WHERE key = 'schema_fingerprint';",
    )
    .unwrap();
    drop(conn);
    ws.reldb()
        .args(["query", "visits"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("migration 2 (report_views)"))
        .stderr(predicate::str::contains("differs"));
}

#[test]
fn export_writes_one_readable_csv_per_named_query() {
    let ws = Workspace::seeded();
    let dir = ws.path("reports");
    ws.reldb()
        .args(["export", "--dir"])
        .arg(&dir)
        .assert()
        .success();
    let listing = ws.reldb().arg("queries").output().unwrap();
    let names: Vec<String> = String::from_utf8(listing.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        let bytes = std::fs::read(dir.join(format!("{name}.csv"))).expect("a report per query");
        let from_file = parse_csv(&bytes);
        assert_eq!(from_file, ws.query(name, &[]), "{name}");
    }
    let visits = parse_csv(&std::fs::read(dir.join("visits.csv")).unwrap());
    assert_eq!(visits.len(), 2);
}

#[test]
fn data_goes_to_stdout_and_messages_to_stderr() {
    let ws = Workspace::seeded();
    let output = ws
        .reldb()
        .args(["query", "sources", "-o", "sources.csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let sources = crate::common::seed("sources").len();
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains(&format!("wrote {sources} rows to sources.csv")));
    let written = std::fs::read(ws.path("sources.csv")).unwrap();
    assert_eq!(parse_csv(&written).len(), sources);
    let output = ws.reldb().args(["query", "sources"]).output().unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("id,title"),
        "csv when piped"
    );
}

#[test]
fn the_database_path_comes_from_the_environment_too() {
    let ws = Workspace::new();
    let mut cmd = assert_cmd::Command::cargo_bin("reldb").unwrap();
    cmd.current_dir(ws.dir.path())
        .env("RELDB_DB", ws.path("from-env.db"))
        .args(["query", "sources"])
        .assert()
        .success();
    assert!(ws.path("from-env.db").exists());
    assert!(!ws.path("reldb.db").exists());
}

#[test]
fn help_explains_every_command_with_an_example() {
    let ws = Workspace::new();
    let help = ws.reldb().arg("--help").output().unwrap();
    let text = String::from_utf8(help.stdout).unwrap();
    let commands = [
        "init", "migrate", "seed", "queries", "query", "sql", "export",
    ];
    for command in commands {
        assert!(
            text.contains(&format!("  {command} ")),
            "--help lacks {command}"
        );
        let sub = ws.reldb().args([command, "--help"]).output().unwrap();
        assert!(sub.status.success());
        let sub = String::from_utf8(sub.stdout).unwrap();
        assert!(sub.contains("Example"), "{command} --help has no example");
        assert!(
            sub.contains(&format!("reldb {command}")) || sub.contains("reldb --db"),
            "{command}"
        );
    }
}
