//! Output formats, each read back with a parser of its own: the csv crate for CSV and TSV,
//! serde_json for JSON and (line by line) JSON Lines, a GitHub-Markdown table splitter for
//! Markdown. Also --no-headers, --null, --excel, the table's fit to the width, and streaming.

mod readable_tables;
mod safe_output;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::{parse_csv, Row, Workspace};
use unicode_width::UnicodeWidthStr;

/// A statement whose one row holds every awkward kind of cell.
const AWKWARD: &str = "SELECT 'a|b' AS pipe, 'line one' || char(10) || 'line two' AS multi, \
     'say \"hi\", then go' AS quoted, NULL AS missing, 42 AS number, 2.5 AS real, \
     'Tadžikistán, Bakı' AS accents, char(9) || 'tab' AS tab";

fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed record");
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A JSON value as the text CSV gives for it (null is an empty field).
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json_rows(values: &[serde_json::Value]) -> Vec<Row> {
    values
        .iter()
        .map(|row| {
            row.as_object()
                .expect("an object per row")
                .iter()
                .map(|(k, v)| (k.clone(), json_text(v)))
                .collect()
        })
        .collect()
}

/// Splits a GitHub-Markdown table row on its unescaped pipes and undoes reldb's escapes.
fn markdown_cells(line: &str) -> Vec<String> {
    let inner = line
        .strip_prefix('|')
        .and_then(|l| l.strip_suffix('|'))
        .unwrap_or_else(|| panic!("not a table row: {line}"));
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            other => cell.push(other),
        }
    }
    cells.push(cell);
    cells
        .iter()
        .map(|c| {
            let c = c.strip_prefix(' ').unwrap_or(c);
            let c = c.strip_suffix(' ').unwrap_or(c);
            c.replace("<br>", "\n")
        })
        .collect()
}

fn markdown_rows(text: &str) -> Vec<Row> {
    let mut lines = text.lines();
    let header = markdown_cells(lines.next().expect("a header row"));
    let rule = lines.next().expect("a rule row");
    assert!(
        rule.chars().all(|c| c == '|' || c == '-'),
        "rule row: {rule}"
    );
    assert_eq!(rule.matches("---").count(), header.len());
    lines
        .map(|line| {
            let cells = markdown_cells(line);
            assert_eq!(cells.len(), header.len(), "{line}");
            header.iter().cloned().zip(cells).collect()
        })
        .collect()
}

/// The rows of `reldb ARGS... --format FORMAT`, read back with that format's parser.
fn rows_in(ws: &Workspace, args: &[&str], format: &str) -> Vec<Row> {
    let mut all = args.to_vec();
    all.extend(["--format", format]);
    let bytes = ws.stdout(&all);
    let text = String::from_utf8(bytes.clone()).expect("UTF-8 output");
    match format {
        "csv" => parse_csv(&bytes),
        "tsv" => csv_rows(&bytes, b'\t'),
        "json" => {
            let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            json_rows(value.as_array().expect("an array"))
        }
        "jsonl" => {
            let values: Vec<serde_json::Value> = text
                .lines()
                .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
                .collect();
            json_rows(&values)
        }
        "markdown" => markdown_rows(&text),
        other => panic!("no parser for {other}"),
    }
}

#[test]
fn every_format_reads_back_to_the_same_rows() {
    let ws = Workspace::seeded();
    for args in [
        vec!["sql", AWKWARD],
        vec!["query", "visits", "-p", "state=TJ"],
        vec!["query", "timeline"],
    ] {
        let expected = rows_in(&ws, &args, "csv");
        assert!(!expected.is_empty());
        for format in ["tsv", "json", "jsonl", "markdown"] {
            assert_eq!(
                rows_in(&ws, &args, format),
                expected,
                "{format} of {args:?}"
            );
        }
    }
    let awkward = &rows_in(&ws, &["sql", AWKWARD], "markdown")[0];
    assert_eq!(awkward["pipe"], "a|b");
    assert_eq!(awkward["multi"], "line one\nline two");
    assert_eq!(awkward["accents"], "Tadžikistán, Bakı");
    assert_eq!(awkward["real"], "2.5");
}

#[test]
fn markdown_escapes_pipes_and_keeps_each_row_on_one_line() {
    let ws = Workspace::seeded();
    let text = String::from_utf8(ws.stdout(&["sql", AWKWARD, "--format", "markdown"])).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[2].starts_with("| a\\|b | line one<br>line two |"),
        "{}",
        lines[2]
    );
}

#[test]
fn json_keeps_types_and_jsonl_is_one_object_per_line() {
    let ws = Workspace::seeded();
    let text = String::from_utf8(ws.stdout(&["sql", AWKWARD, "--format", "jsonl"])).unwrap();
    assert_eq!(text.lines().count(), 1);
    let row: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(row["number"], 42);
    assert_eq!(row["real"], 2.5);
    assert!(row["missing"].is_null());
    let visits = String::from_utf8(ws.stdout(&["query", "visits", "--format", "jsonl"])).unwrap();
    assert_eq!(visits.lines().count(), 2);
    assert!(visits.lines().all(|l| l.starts_with("{\"id\":")));
}

#[test]
fn no_headers_leaves_out_the_header_row_in_every_format() {
    let ws = Workspace::seeded();
    let with = ws.stdout(&["query", "visits", "--format", "csv"]);
    let without = ws.stdout(&["query", "visits", "--format", "csv", "--no-headers"]);
    let first_line_end = with.iter().position(|b| *b == b'\n').unwrap() + 1;
    assert_eq!(without, with[first_line_end..]);

    let tsv = String::from_utf8(ws.stdout(&["query", "visits", "--format", "tsv", "--no-headers"]))
        .unwrap();
    assert!(tsv.starts_with("1\t2007-03-15\t"), "{tsv}");

    let table =
        String::from_utf8(ws.stdout(&["query", "sources", "--format", "table", "--no-headers"]))
            .unwrap();
    assert_eq!(table.lines().count(), crate::common::seed("sources").len());
    let first = table.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("1 ") && first.contains("Relations of Tajikista"),
        "{table}"
    );

    // JSON without headers: each row an array of values, in column order.
    let json: serde_json::Value = serde_json::from_slice(&ws.stdout(&[
        "query",
        "visits",
        "--format",
        "json",
        "--no-headers",
    ]))
    .unwrap();
    assert_eq!(json[0][0], 1);
    assert_eq!(json[0][1], "2007-03-15");
    let line = ws.stdout(&["sql", "SELECT 1, 'x'", "--format", "jsonl", "--no-headers"]);
    assert_eq!(String::from_utf8(line).unwrap(), "[1,\"x\"]\n");
}

#[test]
fn null_text_stands_for_null_in_the_text_formats() {
    let ws = Workspace::seeded();
    let sql = "SELECT NULL AS a, '' AS b, 1 AS c";
    for (format, expected) in [
        ("csv", "a,b,c\n(none),,1\n"),
        ("tsv", "a\tb\tc\n(none)\t\t1\n"),
        (
            "markdown",
            "| a | b | c |\n|---|---|---|\n| (none) |  | 1 |\n",
        ),
    ] {
        let out = ws.stdout(&["sql", sql, "--format", format, "--null", "(none)"]);
        assert_eq!(String::from_utf8(out).unwrap(), expected, "{format}");
    }
    let table =
        String::from_utf8(ws.stdout(&["sql", sql, "--format", "table", "--null", "NULL"])).unwrap();
    assert_eq!(table.lines().nth(2), Some("NULL     1"));
    let error = ws.stderr_of_failure(&["sql", sql, "--format", "json", "--null", "x"]);
    assert!(error.contains("writes NULL as null"), "{error}");
}

#[test]
fn excel_csv_has_a_bom_crlf_and_no_cell_a_spreadsheet_would_run() {
    let ws = Workspace::seeded();
    let sql = "SELECT '=HYPERLINK(\"http://x\")' AS eq, '+1' AS plus, '-1' AS minus, \
               '@SUM(A1)' AS at, char(9) || 'x' AS tab, char(13) || 'x' AS cr, -7 AS negative, \
               'Tadžikistán' AS accents, 'a=b' AS inner";
    let bytes = ws.stdout(&["sql", sql, "--excel"]);
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a UTF-8 BOM first"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "every line ends in CRLF"
    );
    let rows = parse_csv(text.as_bytes());
    let row = &rows[0];
    assert_eq!(row["eq"], "'=HYPERLINK(\"http://x\")");
    assert_eq!(row["plus"], "'+1");
    assert_eq!(row["minus"], "'-1");
    assert_eq!(row["at"], "'@SUM(A1)");
    assert_eq!(row["tab"], "'\tx");
    assert_eq!(row["cr"], "'\rx");
    assert_eq!(row["negative"], "-7", "a number stays a number");
    assert_eq!(row["accents"], "Tadžikistán");
    assert_eq!(row["inner"], "a=b");

    // The same guards in TSV; the default format with --excel is CSV even when piped to a file.
    let tsv = ws.stdout(&["sql", sql, "--excel", "--format", "tsv"]);
    assert!(tsv.starts_with("\u{feff}eq\tplus".as_bytes()));
    assert!(String::from_utf8_lossy(&tsv).contains("\t'+1\t"));
    ws.reldb()
        .args(["query", "visits", "--excel", "-o", "visits.csv"])
        .assert()
        .success();
    let file = std::fs::read(ws.path("visits.csv")).unwrap();
    assert!(file.starts_with("\u{feff}id,start_date".as_bytes()));

    for format in ["json", "jsonl", "markdown", "table"] {
        let error = ws.stderr_of_failure(&["sql", sql, "--excel", "--format", format]);
        assert!(error.contains("--excel is for csv and tsv"), "{error}");
    }
}

#[test]
fn markdown_refuses_no_headers() {
    let ws = Workspace::seeded();
    let error = ws.stderr_of_failure(&["query", "visits", "--format", "markdown", "--no-headers"]);
    assert!(error.contains("needs its header row"), "{error}");
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{} columns > {width}: {line}",
            line.width()
        );
    }
}

#[test]
fn a_table_fits_the_width_cutting_wide_cells_with_an_ellipsis() {
    let ws = Workspace::seeded();
    let mut cmd = ws.reldb();
    let narrow = cmd
        .env("COLUMNS", "72")
        .args(["query", "visits", "--format", "table"])
        .output()
        .unwrap();
    assert!(narrow.status.success());
    let text = String::from_utf8(narrow.stdout).unwrap();
    assert_fits(&text, 72);
    assert!(text.contains('…'));
    assert_eq!(text.lines().count(), 4, "header, rule and two rows");

    // Not a terminal and no COLUMNS: the default width.
    let default = String::from_utf8(ws.stdout(&["query", "visits", "--format", "table"])).unwrap();
    assert_fits(&default, 120);
    assert!(
        default.lines().any(|l| l.width() > 100),
        "the width is used"
    );

    // A table that fits is left whole.
    let small = String::from_utf8(ws.stdout(&[
        "sql",
        "SELECT name, iso3 FROM states WHERE iso2 IN ('TJ', 'AZ') ORDER BY name",
        "--format",
        "table",
    ]))
    .unwrap();
    assert_eq!(
        small,
        "name        iso3\n----------  ----\nAzerbaijan  AZE\nTajikistan  TJK\n"
    );
}

#[test]
fn on_a_terminal_the_table_is_the_default_and_fits_the_terminal() {
    let ws = Workspace::seeded();
    let reldb = assert_cmd::cargo::cargo_bin("reldb");
    // 80 columns: at 66 the fourteen columns of visits, whole dates and ids, cannot fit.
    let inner = format!(
        "stty cols 80 rows 40; {} --db {} query visits",
        reldb.display(),
        ws.db.display()
    );
    // `script` gives the command a pseudo-terminal of its own.
    let output = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env_remove("COLUMNS")
        .env_remove("RELDB_QUERIES")
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap().replace('\r', "");
    assert!(text.starts_with("id  "), "a table, not CSV: {text}");
    assert_fits(&text, 80);
    assert!(text.contains('…'));
}

/// Reads `lines` lines of an endless result from `reldb sql` in `format`, then checks the
/// process's resident memory and kills it. Only a writer that streams can get that far.
fn stream_endless(format: &str, lines: usize) -> u64 {
    let ws = Workspace::seeded();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reldb"))
        .env_remove("RELDB_QUERIES")
        .arg("--db")
        .arg(&ws.db)
        .args([
            "sql",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) \
             SELECT i, 'row ' || i AS label, NULL AS missing FROM n",
            "--format",
            format,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..lines {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "{format} ended early"
        );
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let rss_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS in /proc");
    child.kill().unwrap();
    child.wait().unwrap();
    rss_kb
}

#[test]
fn csv_tsv_json_jsonl_and_markdown_stream_in_flat_memory() {
    for format in ["csv", "tsv", "json", "jsonl", "markdown"] {
        let early = stream_endless(format, 1_000);
        let late = stream_endless(format, 300_000);
        assert!(
            late < early + 8 * 1024,
            "{format}: {early} kB after 1,000 rows, {late} kB after 300,000"
        );
    }
}
