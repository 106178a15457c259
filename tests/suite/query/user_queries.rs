//! Named queries from the user's own folder (`--queries DIR`, `RELDB_QUERIES`), parameter
//! defaults, `reldb queries NAME`, and the errors a bad query file gets.

use std::path::{Path, PathBuf};

use crate::common::Workspace;

/// The example folder shipped with reldb (documented in README.md).
fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries")
}

fn with_examples(args: &[&str]) -> Vec<String> {
    let mut all = vec!["--queries".to_string(), examples().display().to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

fn run(ws: &Workspace, args: &[String]) -> std::process::Output {
    ws.reldb().args(args).output().expect("reldb runs")
}

fn stdout(ws: &Workspace, args: &[String]) -> String {
    let output = run(ws, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn failure(ws: &Workspace, args: &[String]) -> String {
    let output = run(ws, args);
    assert!(!output.status.success(), "{args:?} should fail");
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn user_queries_are_listed_beside_the_built_in_ones_and_marked() {
    let ws = Workspace::seeded();
    let listing = stdout(&ws, &with_examples(&["queries"]));
    let names: Vec<&str> = listing
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert!(names.contains(&"visits"), "{names:?}");
    let user = names
        .iter()
        .find(|l| l.starts_with("visits_by_kind"))
        .expect("the user query is listed");
    assert!(user.contains("(user query: "), "{user}");
    assert!(user.contains("visits_by_kind.sql"), "{user}");
    assert!(
        listing.contains("-p kind=<text>  The kind of visit"),
        "{listing}"
    );
    assert!(listing.contains("[default: official]"), "{listing}");
    // Sorted by name, built-in and user queries together.
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn defaults_apply_unless_a_value_is_given_and_are_checked_like_values() {
    let ws = Workspace::seeded();
    let rows = |params: &[&str]| {
        let mut args = vec!["query", "visits_by_kind", "--format", "csv"];
        for p in params {
            args.extend(["-p", p]);
        }
        crate::common::parse_csv(stdout(&ws, &with_examples(&args)).as_bytes())
    };
    assert_eq!(rows(&[]).len(), 2, "kind defaults to official");
    assert_eq!(rows(&["kind=working"]).len(), 0);
    assert_eq!(rows(&["since=2007-08"]).len(), 1);
    assert_eq!(rows(&["state=Azerbaijan Republic"]).len(), 2);
    let error = failure(
        &ws,
        &with_examples(&["query", "visits_by_kind", "-p", "since=2007-13"]),
    );
    assert!(
        error.contains("-p since=2007-13") && error.contains("no month 13"),
        "{error}"
    );
    let limited = stdout(
        &ws,
        &with_examples(&[
            "query",
            "states_in_organization",
            "-p",
            "organization=un",
            "-p",
            "limit=1",
        ]),
    );
    assert_eq!(crate::common::parse_csv(limited.as_bytes()).len(), 1);
    let error = failure(
        &ws,
        &with_examples(&["query", "states_in_organization", "-p", "limit=ten"]),
    );
    assert!(error.contains("not a whole number"), "{error}");
}

#[test]
fn the_folder_can_come_from_the_environment() {
    let ws = Workspace::seeded();
    let output = ws
        .reldb()
        .env("RELDB_QUERIES", examples())
        .args(["query", "visits_by_kind", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(crate::common::parse_csv(&output.stdout).len(), 2);
}

#[test]
fn one_query_is_shown_with_its_parameters_and_sql() {
    let ws = Workspace::seeded();
    let shown = stdout(&ws, &["queries".to_string(), "visits".to_string()]);
    let mut lines = shown.lines();
    assert_eq!(lines.next(), Some("visits  (built in: queries/visits.sql)"));
    assert!(shown.contains("    -p state=<state>  Visits to or from this state."));
    let body = include_str!("../../../queries/visits.sql");
    let sql_start = body.find("SELECT").unwrap();
    assert!(shown.ends_with(&body[sql_start..]), "{shown}");
    assert!(
        !shown.contains("-- param:"),
        "the header is shown as a listing, not as SQL"
    );

    let user = stdout(&ws, &with_examples(&["queries", "visits_by_kind"]));
    assert!(user.starts_with("visits_by_kind  (user query: "), "{user}");
    assert!(user.contains("WHERE kind = :kind"));

    let error = failure(&ws, &["queries".to_string(), "visitz".to_string()]);
    assert!(error.contains("no query named 'visitz'"), "{error}");
}

#[test]
fn export_writes_the_user_queries_too() {
    let ws = Workspace::seeded();
    let dir = ws.path("reports");
    stdout(
        &ws,
        &with_examples(&["export", "--dir", dir.to_str().unwrap()]),
    );
    let rows = crate::common::parse_csv(&std::fs::read(dir.join("visits_by_kind.csv")).unwrap());
    assert_eq!(rows.len(), 2);
    assert!(dir.join("visits.csv").exists());
}

/// A folder holding one query file with `text`; returns (folder, file).
fn folder_with(ws: &Workspace, file: &str, text: &[u8]) -> (String, String) {
    let dir = ws.path("my-queries");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    (dir.display().to_string(), path.display().to_string())
}

#[test]
fn a_user_query_may_not_take_a_built_in_name() {
    let ws = Workspace::seeded();
    let (dir, file) = folder_with(
        &ws,
        "visits.sql",
        b"-- name: visits\n-- description: Mine.\nSELECT 1;\n",
    );
    for command in [
        &["queries"][..],
        &["query", "visits"],
        &["export", "--dir", "out"],
    ] {
        let mut args = vec!["--queries".to_string(), dir.clone()];
        args.extend(command.iter().map(|a| a.to_string()));
        let error = failure(&ws, &args);
        assert!(error.contains(&file), "{error}");
        assert!(error.contains("built-in query's name"), "{error}");
    }
}

#[test]
fn bad_query_files_get_errors_naming_the_file() {
    let cases: [(&str, &[u8], &str); 11] = [
        (
            "no-name.sql",
            b"-- description: x\nSELECT 1;",
            "no '-- name:' line",
        ),
        (
            "no-description.sql",
            b"-- name: a\nSELECT 1;",
            "no '-- description:' line",
        ),
        (
            "bad-name.sql",
            b"-- name: My Query\n-- description: x\nSELECT 1;",
            "name 'My Query' must start with a lower-case letter",
        ),
        (
            "bad-type.sql",
            b"-- name: a\n-- description: x\n-- param: p (number): x\nSELECT :p;",
            "unknown parameter type 'number'",
        ),
        (
            "bad-default.sql",
            b"-- name: a\n-- description: x\n-- param: since (date) = 2007-13: x\nSELECT :since;",
            "the default of parameter 'since': '2007-13' has no month 13",
        ),
        (
            "empty-default.sql",
            b"-- name: a\n-- description: x\n-- param: n (integer) =: x\nSELECT :n;",
            "has '=' but no default",
        ),
        (
            "writes.sql",
            b"-- name: a\n-- description: x\nDELETE FROM visits;",
            "would change the database",
        ),
        (
            "two.sql",
            b"-- name: a\n-- description: x\nSELECT 1; SELECT 2;",
            "more than one SQL statement",
        ),
        (
            "syntax.sql",
            b"-- name: a\n-- description: x\nSELEKT 1;",
            "its SQL does not run",
        ),
        (
            "undeclared.sql",
            b"-- name: a\n-- description: x\n-- param: p (text): x\nSELECT :p, :q;",
            "uses :q, which the header does not declare",
        ),
        (
            "latin1.sql",
            b"-- name: a\n-- description: Tadschikist\xe4n\nSELECT 1;",
            "is not UTF-8",
        ),
    ];
    for (file, text, expected) in cases {
        let ws = Workspace::seeded();
        let (dir, path) = folder_with(&ws, file, text);
        let args: Vec<String> = ["--queries", &dir, "query", "a"]
            .iter()
            .map(|a| a.to_string())
            .collect();
        let error = failure(&ws, &args);
        assert!(
            error.contains(&format!("query file {path}: ")),
            "{file}: {error}"
        );
        assert!(error.contains(expected), "{file}: {error}");
    }
}

#[test]
fn two_user_files_may_not_share_a_name_and_a_missing_folder_is_named() {
    let ws = Workspace::seeded();
    let (dir, _) = folder_with(&ws, "a.sql", b"-- name: same\n-- description: x\nSELECT 1;");
    folder_with(&ws, "b.sql", b"-- name: same\n-- description: y\nSELECT 2;");
    let error = failure(&ws, &["--queries".into(), dir.clone(), "queries".into()]);
    assert!(
        error.contains("b.sql") && error.contains("a.sql"),
        "{error}"
    );
    assert!(error.contains("names its query 'same'"), "{error}");

    let missing = ws.path("nowhere").display().to_string();
    let error = failure(
        &ws,
        &["--queries".into(), missing.clone(), "queries".into()],
    );
    assert!(error.contains(&missing), "{error}");
}

#[test]
fn other_files_in_the_folder_are_left_alone() {
    let ws = Workspace::seeded();
    let (dir, _) = folder_with(&ws, "README.md", b"# my queries\n");
    folder_with(
        &ws,
        "mine.sql",
        b"-- name: mine\n-- description: One row.\nSELECT 1 AS one;\n",
    );
    let out = stdout(
        &ws,
        &["--queries".into(), dir, "query".into(), "mine".into()],
    );
    assert_eq!(out, "one\n1\n");
}
