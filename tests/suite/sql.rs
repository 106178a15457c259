//! SQL from the user (`reldb sql`, and query files given with `--queries`): read-only creates
//! and changes no file, odd input gets a clear message, repeated column names lose no data, and
//! `--write` says how many rows changed.

use std::collections::BTreeSet;

use crate::common::Workspace;

/// A workspace whose database exists, with a folder `q` of user queries.
fn workspace() -> Workspace {
    let ws = Workspace::seeded();
    std::fs::create_dir(ws.path("q")).unwrap();
    ws
}

/// Every file name in the workspace folder and under `q`.
fn files(ws: &Workspace) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for dir in [ws.dir.path().to_path_buf(), ws.path("q")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            names.insert(
                path.strip_prefix(ws.dir.path())
                    .unwrap()
                    .display()
                    .to_string(),
            );
        }
    }
    names
}

/// Runs `reldb ARGS`, which must fail, and asserts that no file appeared or changed.
fn refused_leaving_everything(ws: &Workspace, args: &[&str]) -> String {
    let before_files = files(ws);
    let before_db = std::fs::read(&ws.db).unwrap();
    let output = ws.reldb().args(args).output().unwrap();
    assert!(
        !output.status.success(),
        "reldb {args:?} should have been refused; it printed {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.stdout.is_empty(), "{args:?} wrote to stdout");
    assert_eq!(
        files(ws),
        before_files,
        "reldb {args:?} created or removed a file"
    );
    assert!(
        std::fs::read(&ws.db).unwrap() == before_db,
        "reldb {args:?} changed the database file"
    );
    String::from_utf8(output.stderr).unwrap()
}

fn write_query(ws: &Workspace, file: &str, text: &str) {
    std::fs::write(ws.path("q").join(file), text).unwrap();
}

#[test]
fn read_only_sql_attaches_no_file() {
    let ws = workspace();
    let stderr = refused_leaving_everything(&ws, &["sql", "ATTACH DATABASE 'att.db' AS a"]);
    assert!(
        stderr.contains("attaches the database file 'att.db'") && stderr.contains("--write"),
        "{stderr}"
    );
    assert!(!ws.path("att.db").exists());
    // With --write, ATTACH runs.
    let output = ws
        .reldb()
        .args(["sql", "--write", "ATTACH DATABASE 'att.db' AS a"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(ws.path("att.db").exists());
}

#[test]
fn read_only_sql_refuses_what_would_write_a_file_or_change_the_connection() {
    let ws = workspace();
    let cases = [
        ("VACUUM INTO 'copy.db'", "would change the database"),
        (
            "PRAGMA foreign_keys = OFF",
            "sets PRAGMA foreign_keys to OFF",
        ),
        (
            "PRAGMA journal_mode = DELETE",
            "sets PRAGMA journal_mode to DELETE",
        ),
        ("SELECT load_extension('x')", "loads an extension"),
        ("DETACH main", "detaches the database 'main'"),
        ("COMMIT", "leave out BEGIN, COMMIT"),
    ];
    for (sql, why) in cases {
        let stderr = refused_leaving_everything(&ws, &["sql", sql]);
        assert!(stderr.contains(why), "{sql}: {stderr}");
    }
    assert!(!ws.path("copy.db").exists());
    // A pragma whose value only names a table still reads.
    for sql in [
        "PRAGMA table_info(visits)",
        "SELECT name FROM pragma_table_info('visits')",
    ] {
        let rows = crate::common::parse_csv(&ws.stdout(&["sql", sql, "--format", "csv"]));
        assert!(
            rows.iter().any(|r| r["name"] == "visitor_name"),
            "{sql}: {rows:?}"
        );
    }
}

#[test]
fn a_user_query_that_attaches_is_refused_and_creates_no_file() {
    let ws = workspace();
    write_query(
        &ws,
        "att.sql",
        "-- name: att\n-- description: Attaches.\nATTACH DATABASE 'att.db' AS a;\n",
    );
    let stderr = refused_leaving_everything(&ws, &["--queries", "q", "query", "att"]);
    assert!(
        stderr.contains("query file q/att.sql")
            && stderr.contains("attaches the database file 'att.db'"),
        "{stderr}"
    );
    let stderr = ws.stderr_of_failure(&["--queries", "q", "export", "--dir", "out"]);
    assert!(stderr.contains("q/att.sql"), "{stderr}");
    assert!(!ws.path("att.db").exists());
}

#[test]
fn a_user_query_that_sets_a_pragma_is_refused() {
    let ws = workspace();
    write_query(
        &ws,
        "fk.sql",
        "-- name: fk\n-- description: Turns foreign keys off.\nPRAGMA foreign_keys = OFF;\n",
    );
    let stderr = refused_leaving_everything(&ws, &["--queries", "q", "query", "fk"]);
    assert!(
        stderr.contains("q/fk.sql") && stderr.contains("sets PRAGMA foreign_keys"),
        "{stderr}"
    );
}

#[test]
fn empty_or_comment_only_sql_says_no_statement_was_given() {
    let ws = workspace();
    for sql in ["", "   \n\t", "-- nothing here", "/* nor here */"] {
        let stderr = refused_leaving_everything(&ws, &["sql", "--", sql]);
        assert!(
            stderr.contains("no SQL statement given"),
            "{sql:?}: {stderr}"
        );
        assert!(!stderr.contains("misuse"), "{sql:?}: {stderr}");
    }
}

#[test]
fn more_than_one_statement_is_refused_saying_only_one_runs() {
    let ws = workspace();
    let stderr = refused_leaving_everything(&ws, &["sql", "SELECT 1; SELECT 2"]);
    assert!(stderr.contains("runs only one"), "{stderr}");
    // A trailing semicolon and comment are still one statement.
    assert_eq!(
        ws.stdout(&["sql", "SELECT 7 AS n; -- done", "--format", "csv"]),
        b"n\n7\n"
    );
}

#[test]
fn a_user_query_with_a_header_and_no_sql_names_its_file() {
    let ws = workspace();
    write_query(
        &ws,
        "empty.sql",
        "-- name: empty\n-- description: Nothing yet.\n\n-- a comment, still no SQL\n",
    );
    let stderr = refused_leaving_everything(&ws, &["--queries", "q", "query", "empty"]);
    assert!(
        stderr.contains("query file q/empty.sql: holds no SQL statement"),
        "{stderr}"
    );
    assert!(!stderr.contains("misuse"), "{stderr}");
}

#[test]
fn a_byte_order_mark_before_a_user_query_header_is_skipped() {
    let ws = workspace();
    write_query(
        &ws,
        "bom.sql",
        "\u{feff}-- name: bom\n-- description: Saved by Notepad.\nSELECT 'ok' AS answer;\n",
    );
    let rows = crate::common::parse_csv(&ws.stdout(&[
        "--queries",
        "q",
        "query",
        "bom",
        "--format",
        "csv",
    ]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["answer"], "ok");
    let listed = String::from_utf8(ws.stdout(&["--queries", "q", "queries", "bom"])).unwrap();
    assert!(listed.starts_with("bom "), "{listed}");
}

#[test]
fn check_files_share_the_query_header_parser_and_skip_a_byte_order_mark() {
    let rule = reldb::check::Rule::parse(
        "checks/bom.sql",
        "\u{feff}-- name: bom\n-- description: Saved with a BOM.\nSELECT 'visits', '1', 'x';\n",
    )
    .unwrap();
    assert_eq!(rule.name, "bom");
    assert_eq!(rule.description, "Saved with a BOM.");
    // The shared parser checks the name, as it does a query's.
    let error = reldb::check::Rule::parse(
        "checks/bad.sql",
        "-- name: Bad Name\n-- description: d\nSELECT 1, 2, 3;\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("checks/bad.sql") && error.contains("lower-case"),
        "{error}"
    );
    let files = std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checks"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "sql")
        })
        .count();
    assert_eq!(reldb::check::rules().unwrap().len(), files);
}

#[test]
fn repeated_column_names_are_made_unique_in_json_with_a_warning() {
    let ws = workspace();
    let sql = "SELECT 1 AS a, 2 AS a, 3 AS a_2";
    let output = ws
        .reldb()
        .args(["sql", sql, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows, serde_json::json!([{"a": 1, "a_3": 2, "a_2": 3}]));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: column 2 is named 'a' like an earlier one; its key is 'a_3'\n"
    );

    let jsonl = ws.stdout(&["sql", "SELECT 1 AS a, 2 AS a", "--format", "jsonl"]);
    assert_eq!(jsonl, b"{\"a\":1,\"a_2\":2}\n");
    // CSV keeps both names: a reader sees both columns by position.
    let csv = ws.stdout(&["sql", "SELECT 1 AS a, 2 AS a", "--format", "csv"]);
    assert_eq!(csv, b"a,a\n1,2\n");
}

#[test]
fn a_user_query_with_repeated_column_names_keeps_both_in_json() {
    let ws = workspace();
    write_query(
        &ws,
        "pair.sql",
        "-- name: pair\n-- description: Both sides.\n\
         SELECT v.visitor_state AS state, v.host_state AS state FROM visits v ORDER BY v.id;\n",
    );
    let output = ws
        .reldb()
        .args(["--queries", "q", "query", "pair", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let first = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        first.lines().next(),
        Some(r#"{"state":"AZ","state_2":"TJ"}"#)
    );
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("its key is 'state_2'"));
}

#[test]
fn write_says_how_many_rows_changed_and_prints_nothing_on_stdout() {
    let ws = workspace();
    let cases = [
        (
            "UPDATE missions SET city = 'Baku' WHERE id = 2",
            "changed 1 row\n",
        ),
        // The seed's hand-made missions; its generated ones are numbered from 10001.
        (
            "UPDATE missions SET city = 'Dushanbe' WHERE id < 10001",
            "changed 2 rows\n",
        ),
        (
            "UPDATE missions SET city = 'x' WHERE id < 0",
            "changed 0 rows\n",
        ),
        ("CREATE TABLE notes (text TEXT)", "changed 0 rows\n"),
    ];
    for (sql, said) in cases {
        let output = ws.reldb().args(["sql", "--write", sql]).output().unwrap();
        assert!(output.status.success(), "{sql}");
        assert!(output.stdout.is_empty(), "{sql}: {:?}", output.stdout);
        assert_eq!(String::from_utf8(output.stderr).unwrap(), said, "{sql}");
    }
    let rows = crate::common::parse_csv(&ws.stdout(&[
        "sql",
        "SELECT city FROM missions ORDER BY id",
        "--format",
        "csv",
    ]));
    assert_eq!(rows[1]["city"], "Dushanbe");
}

#[test]
fn a_parameter_given_twice_is_refused_naming_it() {
    let ws = workspace();
    let stderr = ws.stderr_of_failure(&["query", "visits", "-p", "state=TJ", "-p", "state=US"]);
    assert!(
        stderr.contains("-p state is given twice (state=TJ, then state=US)"),
        "{stderr}"
    );
    write_query(
        &ws,
        "kinds.sql",
        "-- name: kinds\n-- description: Visits of a kind.\n-- param: kind (text): The kind.\n\
         SELECT id FROM visits WHERE kind = :kind;\n",
    );
    let stderr = ws.stderr_of_failure(&[
        "--queries",
        "q",
        "query",
        "kinds",
        "-p",
        "kind=official",
        "-p",
        "kind=state",
    ]);
    assert!(stderr.contains("-p kind is given twice"), "{stderr}");
}

/// `VACUUM` runs with `--write` (SQLite refuses it inside a transaction, so it runs as one of
/// its own) and leaves every row where it was.
#[test]
fn sql_write_runs_vacuum() {
    let ws = crate::common::Workspace::seeded();
    let before = crate::common::dump(&ws.db);
    ws.reldb()
        .args(["sql", "--write", "VACUUM"])
        .assert()
        .success();
    assert_eq!(crate::common::dump(&ws.db), before);
}

/// Statements that write nothing are not refused by the read-only guard: a pragma read and an
/// EXPLAIN of a DELETE (which describes it without running it).
#[test]
fn read_only_sql_takes_pragma_reads_and_explain() {
    let ws = crate::common::Workspace::seeded();
    let before = crate::common::dump(&ws.db);
    let mode = ws.stdout(&["sql", "PRAGMA journal_mode", "--no-headers"]);
    assert_eq!(String::from_utf8_lossy(&mode).trim(), "wal");
    let plan = ws.stdout(&["sql", "EXPLAIN DELETE FROM visits"]);
    assert!(!plan.is_empty());
    assert_eq!(
        crate::common::dump(&ws.db),
        before,
        "EXPLAIN deleted nothing"
    );
    let refused = ws.stderr_of_failure(&["sql", "PRAGMA journal_mode = DELETE"]);
    assert!(refused.contains("journal_mode"), "{refused}");
}
