//! The partial-date rule has one definition in each language, kept in step here: the SQL forms
//! in `reldb::dates` (the CHECK of every date column, and the comparisons of the named queries
//! and checks) give, for every case, what `dates::validate`, `not_before` and `on_or_before` give
//! in Rust; and every date CHECK of the real schema is exactly that SQL rule.

use crate::common::Workspace;
use reldb::dates;
use rusqlite::Connection;

/// Strings a user might put in a date column, valid and not.
fn cases() -> Vec<String> {
    let mut cases: Vec<String> = [
        "",
        " ",
        "2007",
        "0000",
        "9999",
        "207",
        "20077",
        "2007-",
        "2007-1",
        "2007-00",
        "2007-13",
        "2007-12",
        "2007-01",
        "2007-08-13",
        "2007-8-13",
        "2007-08-1",
        "2007-08-00",
        "2007-08-32",
        "2007-02-28",
        "2007-02-29",
        "2008-02-29",
        "1900-02-29",
        "2000-02-29",
        "2007-04-31",
        "2007-04-30",
        "2007/08/13",
        "13.08.2007",
        "2007-08-13T00:00",
        "2007-08-13 ",
        " 2007",
        "abcd",
        "2007-ab",
        "2007-08-1a",
        "２００７",
        "2007–08",
        "2007-08-13-01",
        "1992-05-29",
        "0001-01-01",
        "9999-12-31",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every month and day number a typo could give, in a leap and a common year.
    for year in ["1996", "1997"] {
        for month in 0..=13 {
            cases.push(format!("{year}-{month:02}"));
            for day in [0, 1, 28, 29, 30, 31, 32] {
                cases.push(format!("{year}-{month:02}-{day:02}"));
            }
        }
    }
    cases
}

/// Valid partial dates at every precision, close to each other, for the comparisons.
fn dates_to_compare() -> Vec<&'static str> {
    vec![
        "2006",
        "2006-12",
        "2006-12-31",
        "2007",
        "2007-01",
        "2007-01-01",
        "2007-03",
        "2007-03-15",
        "2007-03-16",
        "2007-08",
        "2007-08-13",
        "2007-12-31",
        "2008",
        "2008-01-01",
        "1992-05-29",
    ]
}

fn sql_with(template: &str, names: &[(&str, &str)]) -> String {
    names
        .iter()
        .fold(template.to_string(), |sql, (name, value)| {
            sql.replace(&format!("{{{name}}}"), value)
        })
}

fn truth(conn: &Connection, expression: &str, params: &[&str]) -> bool {
    let sql = format!("SELECT coalesce(({expression}), 0)");
    conn.query_row(&sql, rusqlite::params_from_iter(params), |row| {
        row.get::<_, i64>(0)
    })
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
        == 1
}

#[test]
fn the_sql_rule_and_validate_agree_on_every_case() {
    let conn = Connection::open_in_memory().unwrap();
    let rule = sql_with(dates::SQL_VALID, &[("column", "?1")]);
    let mut disagreements = Vec::new();
    for case in cases() {
        let in_sql = truth(&conn, &rule, &[&case]);
        let in_rust = dates::validate(&case).is_ok();
        if in_sql != in_rust {
            disagreements.push(format!("{case:?}: SQL says {in_sql}, Rust says {in_rust}"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn the_sql_comparisons_and_rust_agree_on_every_pair() {
    let conn = Connection::open_in_memory().unwrap();
    let not_before = sql_with(dates::SQL_NOT_BEFORE, &[("end", "?1"), ("start", "?2")]);
    let on_or_before = sql_with(dates::SQL_ON_OR_BEFORE, &[("date", "?1"), ("to", "?2")]);
    let indexed = sql_with(
        dates::SQL_ON_OR_BEFORE_INDEXED,
        &[("date", "?1"), ("to", "?2")],
    );
    let mut disagreements = Vec::new();
    for a in dates_to_compare() {
        for b in dates_to_compare() {
            let pairs = [
                ("not_before", &not_before, dates::not_before(a, b)),
                ("on_or_before", &on_or_before, dates::on_or_before(a, b)),
                (
                    "on_or_before (indexed)",
                    &indexed,
                    dates::on_or_before(a, b),
                ),
            ];
            for (name, sql, in_rust) in pairs {
                let in_sql = truth(&conn, sql, &[a, b]);
                if in_sql != in_rust {
                    disagreements.push(format!("{name}({a}, {b}): SQL {in_sql}, Rust {in_rust}"));
                }
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    // The comparisons are not trivially true: a later year is not on or before an earlier one.
    assert!(!dates::on_or_before("2008", "2007-12"));
    assert!(!truth(&conn, &indexed, &["2008", "2007-12"]));
}

/// The CHECK constraints of the real schema, as SQLite keeps them.
fn schema_checks() -> Vec<String> {
    let ws = Workspace::seeded();
    let conn = Connection::open(&ws.db).unwrap();
    let mut statement = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        .unwrap();
    let tables: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.iter().flat_map(|sql| checks_of(sql)).collect()
}

/// The bodies of `CHECK (...)` in a CREATE TABLE statement, with balanced parentheses.
fn checks_of(sql: &str) -> Vec<String> {
    let mut checks = Vec::new();
    let mut rest = sql;
    while let Some(at) = rest.find("CHECK (") {
        let body = &rest[at + "CHECK (".len()..];
        let mut depth = 1;
        let end = body
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("balanced CHECK");
        checks.push(body[..end].to_string());
        rest = &body[end..];
    }
    checks
}

#[test]
fn every_date_check_of_the_schema_is_the_one_rule() {
    let checks = schema_checks();
    let date_checks: Vec<&String> = checks.iter().filter(|c| c.contains("date(")).collect();
    assert!(date_checks.len() >= 17, "{} date checks", date_checks.len());
    for check in date_checks {
        let column = check.split_whitespace().next().unwrap();
        let rule = sql_with(dates::SQL_VALID, &[("column", column)]);
        // A NOT NULL column leaves out the rule's opening `column IS NULL OR`.
        let not_null_rule = rule.replacen(&format!("{column} IS NULL OR "), "", 1);
        assert!(
            *check == rule || *check == not_null_rule,
            "the CHECK on {column} is not dates::SQL_VALID:\n{check}\n{rule}"
        );
    }
    let periods: Vec<&String> = checks.iter().filter(|c| c.contains(">= substr(")).collect();
    assert!(periods.len() >= 7, "{} period checks", periods.len());
    for check in periods {
        let last = check.rsplit(" OR ").next().unwrap();
        let end = last.split_whitespace().next().unwrap();
        let start = last
            .split("substr(")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap();
        assert_eq!(
            last,
            sql_with(dates::SQL_NOT_BEFORE, &[("end", end), ("start", start)]),
            "the period CHECK {check} is not dates::SQL_NOT_BEFORE"
        );
    }
}

#[test]
fn the_named_queries_compare_dates_with_the_shared_forms() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut uses = 0;
    for entry in std::fs::read_dir(root.join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("--")) {
            if line.contains("length(:to)") {
                let date = line
                    .split("substr(")
                    .nth(1)
                    .and_then(|s| s.split(", 1, length(:to))").next())
                    .unwrap();
                let form = sql_with(dates::SQL_ON_OR_BEFORE, &[("date", date), ("to", ":to")]);
                assert!(line.contains(&form), "{}: {line}", path.display());
                uses += 1;
            }
            if line.contains(":to || '~'") {
                let date = line
                    .trim_start()
                    .trim_start_matches("AND ")
                    .split(" <= ")
                    .next();
                let form = sql_with(
                    dates::SQL_ON_OR_BEFORE_INDEXED,
                    &[("date", date.unwrap()), ("to", ":to")],
                );
                assert!(line.contains(&form), "{}: {line}", path.display());
                uses += 1;
            }
        }
    }
    assert!(uses >= 8, "only {uses} date comparisons found in queries/");
}
