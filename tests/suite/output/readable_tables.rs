//! Tables a person can read: `--columns` in every format, tables that never cut codes, dates and
//! numbers, and `--format line`, through the real binary.

use crate::common::{csv_header, parse_csv, Workspace};
use unicode_width::UnicodeWidthStr;

const VISITS: [&str; 6] = ["query", "visits", "-p", "state=TJ", "-p", "partner=AZ"];

/// `reldb ARGS...` with `COLUMNS=width`: its stdout and stderr, after asserting success.
fn at_width(ws: &Workspace, width: usize, args: &[&str]) -> (String, String) {
    let output = ws
        .reldb()
        .env("COLUMNS", width.to_string())
        .args(args)
        .output()
        .expect("reldb runs");
    assert!(
        output.status.success(),
        "reldb {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn with(base: &[&'static str], more: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(more).copied().collect()
}

/// `name = value` lines back into rows: a blank line ends a row, and a line indented past the
/// names continues the value above it.
fn parse_line_format(text: &str) -> Vec<Vec<(String, String)>> {
    let mut rows = vec![Vec::new()];
    let indent = text
        .lines()
        .find_map(|l| l.find(" =").map(|at| at + 3))
        .unwrap_or(0);
    for line in text.lines() {
        let row: &mut Vec<(String, String)> = rows.last_mut().unwrap();
        if line.is_empty() {
            rows.push(Vec::new());
        } else if line.len() > indent && line[..indent].trim().is_empty() {
            let (_, value) = row.last_mut().expect("a value to continue");
            value.push('\n');
            value.push_str(&line[indent..]);
        } else {
            let (name, value) = line.split_once(" =").expect("name = value");
            let value = value.strip_prefix(' ').unwrap_or(value);
            row.push((name.trim_start().to_string(), value.to_string()));
        }
    }
    rows
}

#[test]
fn a_table_at_80_or_120_columns_shows_whole_ids_and_dates_and_fits() {
    let ws = Workspace::seeded();
    let csv = ws.query("visits", &["state=TJ", "partner=AZ"]);
    assert_eq!(csv.len(), 2);
    for width in [80, 120] {
        let (table, stderr) = at_width(&ws, width, &with(&VISITS, &["--format", "table"]));
        assert!(stderr.is_empty(), "at {width}: {stderr}");
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        for line in &lines {
            assert!(line.width() <= width, "wider than {width}: {line}");
        }
        for (line, row) in lines[2..].iter().zip(&csv) {
            let cells: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(cells[0], row["id"], "{line}");
            assert_eq!(cells[1], row["start_date"], "{line}");
            assert_eq!(cells[2], row["end_date"], "{line}");
            assert!(line.contains(&format!("  {}  ", row["visitor_state"])));
            assert!(line.ends_with(&format!("  {}", row["source_id"])), "{line}");
        }
        // The free text gave way instead.
        assert!(lines[2].contains('…'), "{table}");
    }
}

#[test]
fn a_table_that_fits_is_written_as_before() {
    let ws = Workspace::seeded();
    let sql = "SELECT iso2, name FROM states WHERE iso2 IN ('TJ', 'AZ') ORDER BY iso2";
    let (table, _) = at_width(&ws, 80, &["sql", sql, "--format", "table"]);
    assert_eq!(
        table,
        "iso2  name\n----  ----------\nAZ    Azerbaijan\nTJ    Tajikistan\n"
    );
}

#[test]
fn a_table_too_wide_for_its_dates_says_so_once_instead_of_cutting_them() {
    let ws = Workspace::seeded();
    // An existing file, so that the only message is the warning (not "created ...").
    let sql = "SELECT start_date, end_date, notes FROM visits ORDER BY id";
    let (table, stderr) = at_width(&ws, 20, &["sql", sql, "--format", "table"]);
    for date in ["2007-03-15", "2007-03-16", "2007-08-13", "2007-08-14"] {
        assert!(table.contains(date), "{date} cut: {table}");
    }
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("warning: the table is "), "{stderr}");
    assert!(stderr.contains("--columns"), "{stderr}");
    assert!(stderr.contains("--format line"), "{stderr}");
}

#[test]
fn columns_chooses_and_orders_the_columns_in_table_csv_and_json() {
    let ws = Workspace::seeded();
    let all = ws.query("visits", &["state=TJ", "partner=AZ"]);
    let chosen = with(&VISITS, &["--columns", "start_date,visitor_name"]);

    let (table, _) = at_width(&ws, 80, &with(&chosen, &["--format", "table"]));
    let expected: String = ["start_date  visitor_name", "----------  --------------"]
        .into_iter()
        .map(String::from)
        .chain(
            all.iter()
                .map(|r| format!("{:<10}  {}", r["start_date"], r["visitor_name"])),
        )
        .map(|line| line + "\n")
        .collect();
    assert_eq!(table, expected);

    let csv = ws.stdout(&with(&chosen, &["--format", "csv"]));
    assert_eq!(csv_header(&csv), ["start_date", "visitor_name"]);
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), all.len());
    for (row, full) in rows.iter().zip(&all) {
        assert_eq!(row["start_date"], full["start_date"]);
        assert_eq!(row["visitor_name"], full["visitor_name"]);
    }

    let json: serde_json::Value =
        serde_json::from_slice(&ws.stdout(&with(&chosen, &["--format", "json"]))).unwrap();
    let objects = json.as_array().unwrap();
    assert_eq!(objects.len(), all.len());
    for (object, full) in objects.iter().zip(&all) {
        let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["start_date", "visitor_name"]);
        assert_eq!(object["visitor_name"], full["visitor_name"].as_str());
    }
}

#[test]
fn columns_applies_in_every_format_and_order() {
    let ws = Workspace::seeded();
    for format in ["table", "csv", "tsv", "json", "jsonl", "markdown", "line"] {
        let out = ws.stdout(&with(
            &VISITS,
            &["-c", "visitor_state,id", "--format", format],
        ));
        let out = String::from_utf8(out).unwrap();
        let state = out.find("visitor_state").expect(format);
        let id = out.find("id").expect(format);
        assert!(state < id, "{format}: {out}");
        for left_out in ["visitor_name", "notes", "start_date", "Ilham"] {
            assert!(!out.contains(left_out), "{format} has {left_out}: {out}");
        }
    }
}

#[test]
fn schema_and_sql_take_columns_too() {
    let ws = Workspace::seeded();
    let csv = ws.stdout(&["schema", "missions", "-c", "column,type", "--format", "csv"]);
    assert_eq!(csv_header(&csv), ["column", "type"]);
    assert!(parse_csv(&csv)
        .iter()
        .any(|r| r["column"] == "opened_on" && r["type"] == "TEXT"));

    let markdown = ws.stdout(&["schema", "missions", "-c", "column", "--format", "markdown"]);
    let markdown = String::from_utf8(markdown).unwrap();
    assert!(markdown.starts_with("| column |\n|---|\n"), "{markdown}");

    let sql = "SELECT iso2, name FROM states WHERE iso2 = 'TJ'";
    let tsv = ws.stdout(&["sql", sql, "-c", "NAME", "--format", "tsv"]);
    assert_eq!(String::from_utf8(tsv).unwrap(), "name\nTajikistan\n");
}

#[test]
fn an_unknown_column_is_refused_with_the_nearest_name_before_anything_is_written() {
    let ws = Workspace::seeded();
    let output = ws
        .reldb()
        .args(with(
            &VISITS,
            &["-c", "start_date,visitor_nam", "--format", "csv"],
        ))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no column named 'visitor_nam'"), "{stderr}");
    assert!(stderr.contains("did you mean 'visitor_name'?"), "{stderr}");
    assert!(
        stderr.contains("id, start_date, end_date, visitor_name"),
        "{stderr}"
    );
}

#[test]
fn with_an_unknown_column_the_output_file_is_not_created() {
    let ws = Workspace::seeded();
    for (format, excel) in [("csv", true), ("table", false), ("line", false)] {
        let file = ws.path(&format!("visits.{format}"));
        let mut args = with(&VISITS, &["-c", "nope", "--format", format]);
        if excel {
            args.push("--excel");
        }
        let file_arg = file.to_str().unwrap().to_string();
        let mut args: Vec<&str> = args;
        args.extend(["-o", &file_arg]);
        let stderr = ws.stderr_of_failure(&args);
        assert!(stderr.contains("no column named 'nope'"), "{stderr}");
        assert!(!file.exists(), "{format}: {} was created", file.display());
        let leftovers: Vec<_> = std::fs::read_dir(ws.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with(".visits") || name.starts_with("visits"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn line_format_parses_back_to_the_same_rows_as_csv() {
    let ws = Workspace::seeded();
    let csv = ws.query("visits", &["state=TJ", "partner=AZ"]);
    let header = csv_header(&ws.stdout(&with(&VISITS, &["--format", "csv"])));
    let text = String::from_utf8(ws.stdout(&with(&VISITS, &["--format", "line"]))).unwrap();
    let rows = parse_line_format(&text);
    assert_eq!(rows.len(), csv.len(), "{text}");
    for (row, expected) in rows.iter().zip(&csv) {
        let names: Vec<&String> = row.iter().map(|(n, _)| n).collect();
        assert_eq!(names, header.iter().collect::<Vec<_>>());
        for (name, value) in row {
            assert_eq!(value, &expected[name], "{name}");
        }
    }
    // Names right-aligned to the widest: every `=` in one column.
    let equals: Vec<usize> = text.lines().filter_map(|l| l.find(" =")).collect();
    assert!(equals.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn line_format_continues_a_multi_line_value_indented_and_shows_null_as_asked() {
    let ws = Workspace::seeded();
    let sql = "SELECT 'first' || char(10) || 'second' || char(13, 10) || 'third' AS note, \
               NULL AS city, 42 AS id";
    let text = ws.stdout(&["sql", sql, "--format", "line", "--null", "(none)"]);
    let text = String::from_utf8(text).unwrap();
    assert_eq!(
        text,
        "note = first\n       second\n       third\ncity = (none)\n  id = 42\n"
    );
    let rows = parse_line_format(&text);
    assert_eq!(rows[0][0].1, "first\nsecond\nthird");
}

#[test]
fn line_format_refuses_no_headers() {
    let ws = Workspace::seeded();
    let stderr = ws.stderr_of_failure(&with(&VISITS, &["--format", "line", "--no-headers"]));
    assert!(stderr.contains("line output names each value"), "{stderr}");
}
