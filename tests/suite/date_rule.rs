//! The partial-date rule has one definition in each language, kept in step here: the SQL forms
//! in `reldb::dates` (the CHECK of every date column, and the comparisons of the named queries)
//! give, for every case, what `dates::validate`, `not_before` and `on_or_before` give in Rust;
//! every date CHECK of the real schema is exactly that SQL rule; the named queries
//! (`queries/`) compare dates with those forms, and every date comparison of the checks
//! (`checks/`, which compare two columns rather than a column and a parameter) gives what
//! Rust gives. The views (`views/`) compare no dates.

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

/// One date comparison of a check: where it is, its form in SQL with the two dates as `?1`
/// and `?2`, and what Rust says of the two dates.
struct Comparison {
    place: String,
    sql: String,
    rust: fn(&str, &str) -> bool,
}

/// SQL text without its `--` comments, on one line, single-spaced.
fn without_comments(sql: &str) -> String {
    let lines: Vec<&str> = sql.lines().map(|l| l.split("--").next().unwrap()).collect();
    lines
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The arguments of the call whose `(` is at `open` in `text`, split at its top-level commas,
/// and the index just after its `)`.
fn call_arguments(text: &str, open: usize) -> (Vec<String>, usize) {
    let (mut depth, mut start, mut arguments) = (0, open + 1, Vec::new());
    for (i, c) in text[open..].char_indices().map(|(i, c)| (open + i, c)) {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => {
                arguments.push(text[start..i].trim().to_string());
                return (arguments, i + 1);
            }
            ')' => depth -= 1,
            ',' if depth == 1 => {
                arguments.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    panic!("unbalanced parentheses in {text}");
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// What Rust says of `?1 OP ?2`, the two dates compared at the coarser precision of the two.
fn in_rust(op: &str) -> fn(&str, &str) -> bool {
    match op {
        ">=" => |a, b| dates::not_before(a, b),
        "<" => |a, b| !dates::not_before(a, b),
        "<=" => |a, b| dates::on_or_before(a, b),
        _ => |a, b| !dates::on_or_before(a, b),
    }
}

/// Every date comparison of one check's SQL, each in one of the rule's three forms: `a OP
/// substr(b, 1, length(a))` (`dates::SQL_NOT_BEFORE`, OP `>=`, or `<` for its negation),
/// `substr(a, 1, length(b)) OP b` (`dates::SQL_ON_OR_BEFORE`, OP `<=`, or `>`), and `substr(a,
/// 1, length(b)) OP substr(b, 1, length(a))` (both cut to the coarser precision, any OP). A
/// date cut to another's precision in any other form fails the test.
fn comparisons_of(file: &str, sql: &str) -> Vec<Comparison> {
    let text = without_comments(sql);
    let mut found = Vec::new();
    let mut consumed = Vec::new();
    for (at, _) in text.match_indices("substr(") {
        if consumed.contains(&at) {
            continue;
        }
        let (arguments, end) = call_arguments(&text, at + "substr".len());
        let Some(other) = arguments[2]
            .strip_prefix("length(")
            .and_then(|rest| rest.strip_suffix(')'))
        else {
            continue;
        };
        let date = arguments[0].as_str();
        let this = &text[at..end];
        let (before, after) = (&text[..at], &text[end..]);
        let mirror = format!("substr({other}, 1, length({date}))");
        let mut form = None;
        for op in ["<=", ">=", "<", ">"] {
            let operand_after = format!(" {op} {other}");
            let operand_before = format!("{other} {op} ");
            if after.starts_with(&format!(" {op} {mirror}")) {
                consumed.push(end + op.len() + 2);
                let place = format!("{this} {op} {mirror}");
                let sql = format!("substr(?1, 1, length(?2)) {op} substr(?2, 1, length(?1))");
                form = Some((place, sql, true));
            } else if after.starts_with(&operand_after)
                && !after[operand_after.len()..].starts_with(is_name_char)
            {
                let place = format!("{this} {op} {other}");
                let sql = format!("substr(?1, 1, length(?2)) {op} ?2");
                form = Some((place, sql, matches!(op, "<=" | ">")));
            } else if before.ends_with(&operand_before)
                && !before[..before.len() - operand_before.len()].ends_with(is_name_char)
            {
                let place = format!("{other} {op} {this}");
                let sql = format!("?1 {op} substr(?2, 1, length(?1))");
                form = Some((place, sql, matches!(op, ">=" | "<")));
            }
            if let Some((place, sql, allowed)) = form.take() {
                assert!(allowed, "{file}: {place} is not one of the rule's forms");
                found.push(Comparison {
                    place: format!("{file}: {place}"),
                    sql,
                    rust: in_rust(op),
                });
                break;
            }
        }
        assert!(
            found.last().is_some_and(|c| c.place.contains(this)),
            "{file}: {this} is compared in a form the rule does not know"
        );
    }
    found
}

#[test]
fn every_date_comparison_of_the_checks_gives_what_rust_gives() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut comparisons = Vec::new();
    for entry in std::fs::read_dir(root.join("checks")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        comparisons.extend(comparisons_of(&name, &text));
    }
    assert!(
        comparisons.len() >= 30,
        "only {} date comparisons found in checks/",
        comparisons.len()
    );
    let conn = Connection::open_in_memory().unwrap();
    let mut disagreements = Vec::new();
    for comparison in &comparisons {
        for a in dates_to_compare() {
            for b in dates_to_compare() {
                let in_sql = truth(&conn, &comparison.sql, &[a, b]);
                let in_rust = (comparison.rust)(a, b);
                if in_sql != in_rust {
                    disagreements.push(format!(
                        "{} with {a}, {b}: SQL {in_sql}, Rust {in_rust}",
                        comparison.place
                    ));
                }
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
