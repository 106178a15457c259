//! A command that creates the database says so on stderr (a mistyped `--db` path otherwise
//! reads as a database with nothing on record), once, and `--quiet` or `RELDB_QUIET` silences
//! it; `reldb init` keeps its own message.

use crate::common::{csv_header, parse_csv, Workspace};

const NOTICE: &str = "a new database with the built-in seed";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `reldb query relations -p state=US` as CSV with `extra` arguments.
fn query_us(ws: &Workspace, extra: &[&str]) -> std::process::Output {
    let output = ws
        .reldb()
        .env_remove("RELDB_QUIET")
        .args(extra)
        .args(["query", "relations", "-p", "state=US", "--format", "csv"])
        .output()
        .expect("reldb runs");
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

#[test]
fn a_query_on_a_new_path_says_it_created_the_file_once() {
    let ws = Workspace::new();
    let output = query_us(&ws, &[]);
    let said = stderr(&output);
    let expected = format!(
        "created {}: a new database with the built-in seed ({} states, 2 visits); if you \
         meant an existing file, check the path\n",
        ws.db.display(),
        crate::common::seed("states").len()
    );
    assert_eq!(said, expected);
    assert_eq!(said.matches("created").count(), 1);
    assert!(ws.db.exists());
}

#[test]
fn the_notice_leaves_stdout_as_it_was() {
    let ws = Workspace::new();
    let run = || {
        ws.reldb()
            .env_remove("RELDB_QUIET")
            .args(["query", "visits", "-p", "state=TJ", "--format", "csv"])
            .output()
            .expect("reldb runs")
    };
    let (first, second) = (run(), run());
    assert!(stderr(&first).contains(NOTICE), "{}", stderr(&first));
    assert_eq!(stderr(&second), "");
    assert_eq!(first.stdout, second.stdout, "the notice went to stdout");
    assert_eq!(csv_header(&first.stdout)[0], "id");
    let rows = parse_csv(&first.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["visitor_name"], "Ilham Aliyev");
}

#[test]
fn an_existing_file_gets_no_notice() {
    let ws = Workspace::new();
    query_us(&ws, &[]);
    let output = query_us(&ws, &[]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn quiet_silences_the_notice() {
    for flag in ["--quiet", "-q"] {
        let ws = Workspace::new();
        let output = query_us(&ws, &[flag]);
        assert_eq!(stderr(&output), "", "{flag}");
        assert!(ws.db.exists());
    }
}

#[test]
fn reldb_quiet_silences_the_notice_and_zero_does_not() {
    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env("RELDB_QUIET", "1")
        .args(["query", "visits", "--format", "csv"])
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert_eq!(stderr(&output), "");

    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env("RELDB_QUIET", "0")
        .args(["query", "visits", "--format", "csv"])
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert!(stderr(&output).contains(NOTICE), "{}", stderr(&output));
}

#[test]
fn writing_commands_say_it_too() {
    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env_remove("RELDB_QUIET")
        .args(["sql", "SELECT 1"])
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert!(stderr(&output).contains(NOTICE));

    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env_remove("RELDB_QUIET")
        .arg("migrate")
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert_eq!(stderr(&output).matches(NOTICE).count(), 1);
}

#[test]
fn init_prints_its_own_one_message() {
    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env_remove("RELDB_QUIET")
        .arg("init")
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    let said = stderr(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.starts_with(&format!("{} created:", ws.db.display())),
        "{said}"
    );
    assert!(!said.contains(NOTICE), "{said}");
}

#[test]
fn commands_that_create_nothing_say_nothing() {
    let ws = Workspace::new();
    let output = ws
        .reldb()
        .env_remove("RELDB_QUIET")
        .args(["migrate", "--status"])
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert!(!stderr(&output).contains(NOTICE));
    assert!(!ws.db.exists());
}
