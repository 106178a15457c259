//! `reldb import` takes files as spreadsheets and scripts write them: `;`-separated with a BOM
//! and CRLF, tab-separated, with extra columns, JSON and JSON Lines, and stdin.

use std::fs;

use crate::common::Workspace;
use predicates::prelude::*;

/// The visitors these tests import (not the seeded ones), as `reldb query visits` lists them.
fn visitors(ws: &Workspace) -> Vec<String> {
    const OURS: [&str; 8] = ["Anna", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"];
    let rows = ws.query("visits", &[]);
    rows.iter()
        .map(|row| row["visitor_name"].clone())
        .filter(|name| OURS.contains(&name.as_str()))
        .collect()
}

#[test]
fn a_semicolon_file_from_excel_with_bom_and_crlf_is_detected_and_said() {
    let ws = Workspace::seeded();
    let file = ws.path("excel.csv");
    fs::write(
        &file,
        "\u{feff}visitor_name;visitor_state;host_state;start_date\r\nAnna;FR;DE;2020-01-02\r\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", file.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("as ;-separated"));
    assert_eq!(visitors(&ws), ["Anna"]);
}

#[test]
fn a_tab_file_is_read_with_delimiter_tab_and_detected_without_it() {
    let ws = Workspace::seeded();
    let file = ws.path("tabs.tsv");
    fs::write(
        &file,
        "visitor_name\tvisitor_state\thost_state\tstart_date\nBo\tFR\tDE\t2021\n",
    )
    .unwrap();
    ws.reldb()
        .args([
            "import",
            "visits",
            file.to_str().unwrap(),
            "--delimiter",
            "\\t",
        ])
        .assert()
        .success();
    assert_eq!(visitors(&ws), ["Bo"]);
    let detected = ws.path("detected.tsv");
    fs::write(
        &detected,
        "visitor_name\tvisitor_state\thost_state\tstart_date\nCy\tFR\tDE\t2021\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", detected.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("as tab-separated"));
    assert_eq!(visitors(&ws), ["Bo", "Cy"]);
}

#[test]
fn a_header_read_as_one_field_hints_delimiter() {
    let ws = Workspace::seeded();
    let file = ws.path("semi.csv");
    fs::write(&file, "visitor_name;host_state\nAnna;DE\n").unwrap();
    let error = ws.stderr_of_failure(&[
        "import",
        "visits",
        file.to_str().unwrap(),
        "--delimiter",
        ",",
    ]);
    assert!(error.contains("--delimiter ';'"), "{error}");
}

#[test]
fn an_extra_column_is_refused_then_ignored_or_skipped() {
    let ws = Workspace::seeded();
    let file = ws.path("extra.csv");
    fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date,extra_col\nCy,FR,DE,2022,x\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let error = ws.stderr_of_failure(&["import", "visits", path]);
    assert!(error.contains("--ignore-column"), "{error}");
    assert!(visitors(&ws).is_empty());
    ws.reldb()
        .args(["import", "visits", path, "--ignore-column", "extra_col"])
        .assert()
        .success();
    assert_eq!(visitors(&ws), ["Cy"]);
    let other = ws.path("other.csv");
    fs::write(
        &other,
        "visitor_name,visitor_state,host_state,start_date,extra_col\nDi,FR,DE,2023,x\n",
    )
    .unwrap();
    ws.reldb()
        .args([
            "import",
            "visits",
            other.to_str().unwrap(),
            "--skip-unknown-columns",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped column: extra_col"));
    assert_eq!(visitors(&ws), ["Cy", "Di"]);
}

#[test]
fn json_and_json_lines_files_are_imported() {
    let ws = Workspace::seeded();
    let json = ws.path("visits.json");
    fs::write(
        &json,
        r#"[{"visitor_name": "Ed", "visitor_state": "FR", "host_state": "DE", "start_date": "2019"}]"#,
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", json.to_str().unwrap()])
        .assert()
        .success();
    let lines = ws.path("visits.jsonl");
    fs::write(
        &lines,
        "{\"visitor_name\": \"Flo\", \"visitor_state\": \"FR\", \"host_state\": \"DE\", \"start_date\": \"2018\"}\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", lines.to_str().unwrap()])
        .assert()
        .success();
    let mut names = visitors(&ws);
    names.sort();
    assert_eq!(names, ["Ed", "Flo"]);
}

#[test]
fn stdin_is_read_with_a_dash_as_csv_or_json() {
    let ws = Workspace::seeded();
    ws.reldb()
        .args(["import", "visits", "-"])
        .write_stdin("visitor_name,visitor_state,host_state,start_date\nGus,FR,DE,2017\n")
        .assert()
        .success();
    ws.reldb()
        .args(["import", "visits", "-", "--format", "jsonl"])
        .write_stdin(
            "{\"visitor_name\": \"Hal\", \"visitor_state\": \"FR\", \"host_state\": \"DE\", \"start_date\": \"2016\"}\n",
        )
        .assert()
        .success();
    let mut names = visitors(&ws);
    names.sort();
    assert_eq!(names, ["Gus", "Hal"]);
}

#[test]
fn ndjson_by_extension_and_a_semicolon_stdin_with_delimiter_are_imported() {
    let ws = Workspace::seeded();
    let file = ws.path("visits.ndjson");
    fs::write(
        &file,
        "{\"visitor_name\": \"Ed\", \"visitor_state\": \"FR\", \"host_state\": \"DE\", \"start_date\": \"2015\"}\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", file.to_str().unwrap()])
        .assert()
        .success();
    ws.reldb()
        .args(["import", "visits", "-", "--delimiter", ";"])
        .write_stdin("visitor_name;visitor_state;host_state;start_date\nFlo;FR;DE;2014\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("stdin: 1 of 1 row imported"));
    assert_eq!(visitors(&ws), ["Flo", "Ed"], "in order of start date");
}
