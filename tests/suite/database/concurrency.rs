//! Several reldb processes on one database at once: they all succeed or wait.

use std::process::Output;
use std::thread;

use crate::common::{count, integrity, parse_csv, spawn_reldb, write_visits_csv, Workspace};

fn finish(child: std::process::Child) -> Output {
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "a concurrent reldb failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn four_processes_on_a_missing_database_create_it_once() {
    for _round in 0..5 {
        let ws = Workspace::new();
        let children: Vec<_> = (0..4)
            .map(|_| spawn_reldb(&ws, &["query", "visits", "--format", "csv"]))
            .collect();
        let outputs: Vec<Output> = children.into_iter().map(finish).collect();
        for output in &outputs {
            assert_eq!(parse_csv(&output.stdout).len(), 2);
        }
        // One row per migration (their numbers may leave a gap: V6 came before V5 was merged).
        assert_eq!(
            count(&ws.db, "refinery_schema_history"),
            i64::try_from(reldb::migrate::texts().len()).unwrap()
        );
        assert_eq!(count(&ws.db, "visits"), 2);
        assert_eq!(integrity(&ws.db), "ok");
    }
}

#[test]
fn readers_and_a_second_writer_wait_for_an_import_and_succeed() {
    let ws = Workspace::new();
    ws.reldb().arg("init").assert().success();
    let big = ws.path("big.csv");
    write_visits_csv(&big, 40_000);
    let small = ws.path("small.csv");
    std::fs::write(
        &small,
        "visitor_name,visitor_state,host_state,start_date\nSecond Writer,TJ,AZ,2020\n",
    )
    .unwrap();

    let import = spawn_reldb(&ws, &["import", "visits", big.to_str().unwrap()]);
    let mut readers = Vec::new();
    for _ in 0..6 {
        readers.push(spawn_reldb(
            &ws,
            &["query", "visits", "-p", "state=TJ", "--format", "csv"],
        ));
        thread::sleep(std::time::Duration::from_millis(40));
    }
    let writer = spawn_reldb(&ws, &["import", "visits", small.to_str().unwrap()]);
    for reader in readers {
        let rows = parse_csv(&finish(reader).stdout).len();
        // Each reader sees the state before the import or after it, never half of it.
        assert!(rows == 2 || rows > 10_000, "a reader saw {rows} rows");
    }
    finish(import);
    finish(writer);
    assert_eq!(count(&ws.db, "visits"), 40_003);
    assert_eq!(integrity(&ws.db), "ok");
}
