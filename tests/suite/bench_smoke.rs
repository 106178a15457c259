//! A small run of the benchmark (10,000 rows, once each), so that it keeps working: the
//! synthetic world is written, every tool loads it, and reldb's figures come out.

// The spawner is for the benchmark binary; the smoke run measures from here.
#[allow(dead_code)]
#[path = "../../benches/world/run.rs"]
mod run;
#[path = "../../benches/world/synth.rs"]
mod synth;

use std::path::PathBuf;

#[test]
fn the_benchmark_runs_on_a_small_world() {
    let dir = tempfile::tempdir().unwrap();
    let config = run::Config {
        rows: 10_000,
        repeat: 1,
        process_repeat: 2,
        query_runs: 20,
        dir: dir.path().to_path_buf(),
        reldb: PathBuf::from(env!("CARGO_BIN_EXE_reldb")),
        seed: 7,
    };
    let lines = run::run(&config);
    assert_eq!(
        lines.len(),
        9,
        "seven lines of the world, two of the diplomatic record"
    );
    let db = dir.path().join("reldb.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(visits, 10_002, "the seed's two visits and the world's");
    let shell = rusqlite::Connection::open(dir.path().join("shell.db")).unwrap();
    let loaded: i64 = shell
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(loaded, visits, "the shell loaded the same file");
    let export = std::fs::read_to_string(dir.path().join("export.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(export.as_bytes());
    assert_eq!(reader.records().count(), 10_002);
    let mut table = Vec::new();
    run::print_table(&lines, config.rows, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("import 10000 visits into an empty table"));
    assert!(table.contains("re-import of 10000 rows already present"));
    assert!(table.contains("init: the whole diplomatic record into a fresh file"));
    assert!(table.contains("query relations -p state=US -p on=1970-01-01"));
    assert!(table.lines().count() >= 10);
}
