//! A file whose migration history was edited by hand is refused by every command that writes,
//! untouched; a report view dropped by hand is made again, since views are derived.

use crate::common::Workspace;

/// The writing commands, each with arguments that would change the seeded file.
fn writes(ws: &Workspace) -> Vec<Vec<String>> {
    std::fs::write(
        ws.path("one.csv"),
        "visitor_name,visitor_state,host_state,start_date\nX,TJ,AZ,2020\n",
    )
    .unwrap();
    let strings = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        strings(&[
            "add",
            "visits",
            "visitor_name=X",
            "visitor_state=TJ",
            "host_state=AZ",
            "start_date=2020",
            "--source",
            "1",
        ]),
        strings(&["import", "visits", "one.csv", "--source", "1"]),
        strings(&["update", "missions", "2", "city=Baku"]),
        strings(&["delete", "visits", "1"]),
        strings(&["seed"]),
    ]
}

fn assert_every_writing_command_refuses(edit: &str, says: &str) {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(edit).unwrap();
    drop(conn);
    let before = std::fs::read(&ws.db).unwrap();
    for args in writes(&ws) {
        let output = ws.reldb().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} after `{edit}`: {stderr}"
        );
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            std::fs::read(&ws.db).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn every_writing_command_refuses_a_file_whose_migration_history_was_dropped() {
    assert_every_writing_command_refuses(
        "DROP TABLE refinery_schema_history",
        "refinery_schema_history) is missing",
    );
}

#[test]
fn every_writing_command_refuses_a_file_whose_applied_migration_was_edited() {
    assert_every_writing_command_refuses(
        "UPDATE refinery_schema_history SET checksum = '1' WHERE version = 2",
        "migrations must never be edited",
    );
}

#[test]
fn a_dropped_report_view_is_made_again_not_refused_as_damaged() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch("DROP VIEW report_visits").unwrap();
    drop(conn);
    ws.reldb()
        .args([
            "add",
            "visits",
            "visitor_name=X",
            "visitor_state=TJ",
            "host_state=AZ",
            "start_date=2020",
            "basis=stated",
            "--source",
            "1",
        ])
        .assert()
        .success();
    let visits = ws.query("visits", &[]);
    assert_eq!(visits.len(), 3, "{visits:?}");
    ws.reldb().arg("check").assert().success();
    ws.reldb().arg("init").assert().success();
}
