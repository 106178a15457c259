//! `reldb check`: checks a database that may have been edited by hand in the sqlite3 shell,
//! where foreign keys are off by default. SQLite's own checks first, then the rules of the
//! domain across tables, one `.sql` file each under `checks/`.

use crate::db::Database;
use crate::embedded::CHECKS;
use crate::error::{Error, Result};
use crate::migrate;
use crate::queries;
use crate::views;

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check that found it (`integrity_check`, `foreign_key_check`, or a domain rule).
    pub check: String,
    /// The table of the row at fault (empty where SQLite does not say).
    pub table: String,
    /// The row: its id or key.
    pub row: String,
    /// What is wrong.
    pub message: String,
}

/// A domain rule: its name, what it looks for, and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The rule's name (the file's `-- name:`).
    pub name: String,
    /// What it finds (the file's `-- description:`).
    pub description: String,
    sql: &'static str,
}

/// The domain rules built into reldb.
pub fn rules() -> Result<Vec<Rule>> {
    CHECKS
        .iter()
        .map(|(stem, sql)| Rule::parse(&format!("checks/{stem}.sql"), sql))
        .collect()
}

impl Rule {
    /// Parses a check file: the same header as a named query's (`-- name:` and
    /// `-- description:` required, a byte order mark first skipped), then one SELECT of three
    /// columns (table, row, finding). `file` names it in errors.
    pub fn parse(file: &str, text: &'static str) -> Result<Rule> {
        let sql = queries::without_bom(text);
        let header = queries::Header::parse(file, sql)?;
        Ok(Rule {
            name: header.name,
            description: header.description,
            sql,
        })
    }
}

/// Runs every check; an empty list means the database is sound.
///
/// The schema comes first: every table, view, index and trigger the migrations and the view
/// files (`views/`) create must be there as they create it. Where it is not, a domain rule that reads a missing object is
/// reported as not run, not as a crash or a pass.
pub fn run(db: &Database) -> Result<Vec<Finding>> {
    let conn = db.connection();
    let mut findings = schema_findings(db)?;
    let schema_whole = findings.is_empty();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let message: String = row.get(0)?;
        if message != "ok" {
            findings.push(Finding {
                check: "integrity_check".to_string(),
                table: String::new(),
                row: String::new(),
                message,
            });
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let table: String = row.get(0)?;
        let rowid: Option<i64> = row.get(1)?;
        let parent: String = row.get(2)?;
        let rowid = rowid.map_or(String::new(), |r| r.to_string());
        findings.push(Finding {
            check: "foreign_key_check".to_string(),
            message: format!("{table} row {rowid} refers to a row missing from {parent}"),
            table,
            row: rowid,
        });
    }
    for rule in rules()? {
        let mut stmt = match conn.prepare(rule.sql) {
            Ok(stmt) => stmt,
            Err(e) if !schema_whole => {
                findings.push(not_run(&rule, &e));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            findings.push(Finding {
                check: rule.name.clone(),
                table: row.get(0)?,
                row: row.get(1)?,
                message: row.get(2)?,
            });
        }
    }
    Ok(findings)
}

/// The name of the check that compares the schema with the migrations'.
pub const SCHEMA_CHECK: &str = "schema";

/// Each object the migrations or the view files create that is missing or differs, and a migration history
/// that does not match the schema.
fn schema_findings(db: &Database) -> Result<Vec<Finding>> {
    let present = migrate::objects(db.connection())?;
    let mut findings = Vec::new();
    for expected in migrate::expected_objects()? {
        let message = match present.iter().find(|p| p.name == expected.name) {
            None => format!(
                "{} is missing ({} it)",
                expected.describe(),
                creator(expected)
            ),
            Some(found) if found.kind != expected.kind || found.sql != expected.sql => format!(
                "{} differs from the one {} (it is now a {}, changed by hand)",
                expected.describe(),
                creator(expected),
                found.kind
            ),
            Some(_) => continue,
        };
        findings.push(Finding {
            check: SCHEMA_CHECK.to_string(),
            table: expected.name.clone(),
            row: String::new(),
            message,
        });
    }
    if let Err(Error::HistoryMissing { history, .. }) =
        migrate::check_history(db.connection(), db.path())
    {
        findings.push(Finding {
            check: SCHEMA_CHECK.to_string(),
            table: "refinery_schema_history".to_string(),
            row: String::new(),
            message: format!("{history}, though the schema is there; restore it from a backup"),
        });
    }
    Ok(findings)
}

/// What creates `object`, with the verb: "views/report_visits.sql creates" or "the migrations
/// create".
fn creator(object: &migrate::SchemaObject) -> String {
    let from_file = views::files().iter().any(|(name, _)| *name == object.name);
    if object.kind == "view" && from_file {
        format!("views/{}.sql creates", object.name)
    } else {
        "the migrations create".to_string()
    }
}

fn not_run(rule: &Rule, e: &rusqlite::Error) -> Finding {
    Finding {
        check: rule.name.clone(),
        table: String::new(),
        row: String::new(),
        message: format!("rule not run, the schema being damaged ({e})"),
    }
}
