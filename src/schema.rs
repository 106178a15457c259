//! The data dictionary (`reldb schema`): every table and column with its type, its constraints
//! and its comment.
//!
//! Types, NOT NULL, keys, defaults and single-column UNIQUE come from SQLite's pragmas. CHECK
//! constraints and column comments come from the `CREATE TABLE` text that SQLite keeps in
//! `sqlite_master.sql`, comments included: a column's comment is the `--` lines directly above
//! it (or a `--` comment at the end of its line). A column without one shares the comment of the
//! column right above it when their names share a first or last word (`existed_from` and
//! `existed_until`, `visitor_state` and `host_state`), as the migrations write one comment for
//! such a pair; `source_id`, `note` and `notes` get the schema header's conventions. A table's
//! comment is the `--` lines directly above its `CREATE TABLE` in the migrations, which
//! `sqlite_master` does not keep.

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::db::Database;
use crate::error::{Error, Result};
use crate::markup::escape_markdown_cell;

/// The conventions of the schema's header (migrations/V1__schema.sql) for columns that carry
/// no comment of their own.
const CONVENTIONAL_COMMENTS: [(&str, &str); 3] = [
    (
        "source_id",
        "The source that states the fact (NULL = not yet cited, which `reldb check` reports).",
    ),
    ("note", "Free-text remarks."),
    ("notes", "Free-text remarks."),
];

/// A table of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// The comment above its `CREATE TABLE` in the migrations.
    pub comment: Option<String>,
    /// Its columns, in order.
    pub columns: Vec<Column>,
    /// Constraints on several columns (`PRIMARY KEY (a, b)`, `CHECK (a < b)`), as written.
    pub constraints: Vec<String>,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its declared type (`TEXT`, `INTEGER`).
    pub kind: String,
    /// Its constraints in words: `PRIMARY KEY`, `NOT NULL`, `UNIQUE`, `DEFAULT 'x'`,
    /// `REFERENCES states (iso2)`, `CHECK (...)`.
    pub constraints: Vec<String>,
    /// The comment above it, or the convention for its name.
    pub comment: Option<String>,
}

/// Every table of the database (but SQLite's and refinery's own), in the order they were
/// created; or only `only`, if given.
pub fn tables(db: &Database, only: Option<&str>) -> Result<Vec<Table>> {
    let conn = db.connection();
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'refinery_schema_history' \
         ORDER BY rowid",
    )?;
    let listed: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(name) = only {
        if !listed.iter().any(|(n, _)| n == name) {
            let known: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
            return Err(Error::Invalid(format!(
                "no table named '{name}'; tables: {}",
                known.join(", ")
            )));
        }
    }
    let migrations = crate::migrate::texts();
    listed
        .iter()
        .filter(|(name, _)| only.is_none_or(|o| o == name))
        .map(|(name, sql)| table(conn, name, sql, &migrations))
        .collect()
}

fn table(conn: &Connection, name: &str, sql: &str, migrations: &[String]) -> Result<Table> {
    let items = definition_items(sql);
    let info = column_info(conn, name)?;
    let single_pk = info.iter().filter(|c| c.pk > 0).count() == 1;
    let foreign = foreign_keys(conn, name)?;
    let unique = unique_columns(conn, name)?;
    let mut columns: Vec<Column> = Vec::with_capacity(info.len());
    let mut above: Option<(String, Option<String>)> = None;
    for column in info {
        let item = items
            .iter()
            .find(|i| i.column.as_deref() == Some(column.name.as_str()));
        let mut constraints = Vec::new();
        if column.pk > 0 && single_pk {
            constraints.push("PRIMARY KEY".to_string());
        }
        if column.not_null {
            constraints.push("NOT NULL".to_string());
        }
        if unique.contains(&column.name) {
            constraints.push("UNIQUE".to_string());
        }
        if let Some(default) = &column.default {
            constraints.push(format!("DEFAULT {default}"));
        }
        if let Some((_, target)) = foreign.iter().find(|(from, _)| from == &column.name) {
            constraints.push(format!("REFERENCES {target}"));
        }
        if let Some(item) = item {
            for check in &item.checks {
                constraints.push(describe_check(&column.name, check));
            }
        }
        let own = item.and_then(|i| i.comment.clone());
        let shared = match &above {
            Some((name, Some(comment))) if pair(name, &column.name) => Some(comment.clone()),
            _ => None,
        };
        above = Some((column.name.clone(), own.clone()));
        let comment = own
            .or(shared)
            .or_else(|| conventional_comment(&column.name));
        columns.push(Column {
            name: column.name,
            kind: column.kind,
            constraints,
            comment,
        });
    }
    let constraints = items
        .iter()
        .filter(|i| i.column.is_none())
        .map(|i| i.text.clone())
        .collect();
    Ok(Table {
        name: name.to_string(),
        comment: table_comment(migrations, name),
        columns,
        constraints,
    })
}

/// Whether two column names share their first or their last word (`valid_from`, `valid_until`).
fn pair(a: &str, b: &str) -> bool {
    let (a_first, b_first) = (a.split('_').next(), b.split('_').next());
    let (a_last, b_last) = (a.rsplit('_').next(), b.rsplit('_').next());
    a.contains('_') && b.contains('_') && (a_first == b_first || a_last == b_last)
}

fn conventional_comment(column: &str) -> Option<String> {
    CONVENTIONAL_COMMENTS
        .iter()
        .find(|(name, _)| *name == column)
        .map(|(_, comment)| comment.to_string())
}

struct ColumnInfo {
    name: String,
    kind: String,
    not_null: bool,
    default: Option<String>,
    pk: i64,
}

fn column_info(conn: &Connection, table: &str) -> Result<Vec<ColumnInfo>> {
    let mut stmt = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = stmt.query_map([table], |row| {
        Ok(ColumnInfo {
            name: row.get(0)?,
            kind: row.get(1)?,
            not_null: row.get(2)?,
            default: row.get(3)?,
            pk: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (column, "table (column)[ ON DELETE ...]") for each single-column foreign key.
fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1) \
         WHERE id IN (SELECT id FROM pragma_foreign_key_list(?1) GROUP BY id HAVING count(*) = 1)",
    )?;
    let rows = stmt.query_map([table], |row| {
        let (from, target, to, on_delete): (String, String, Option<String>, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let mut text = format!("{target} ({})", to.unwrap_or_default());
        if on_delete != "NO ACTION" {
            text.push_str(&format!(" ON DELETE {on_delete}"));
        }
        Ok((from, text))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Columns with a UNIQUE constraint of their own.
fn unique_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT i.name FROM pragma_index_list(?1) AS l, pragma_index_info(l.name) AS i \
         WHERE l.origin = 'u' AND (SELECT count(*) FROM pragma_index_info(l.name)) = 1",
    )?;
    let rows = stmt.query_map([table], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A CHECK in words where it is the schema's partial-date rule, else as written.
fn describe_check(column: &str, expression: &str) -> String {
    let date = format!(
        "{c} GLOB '[0-9][0-9][0-9][0-9]' OR ({c} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND \
         substr({c}, 6, 2) BETWEEN '01' AND '12') OR ({c} GLOB \
         '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date({c}, '+0 days') IS {c})",
        c = column
    );
    let nullable_date = format!("{column} IS NULL OR {date}");
    if expression == date || expression == nullable_date {
        "CHECK: an ISO 8601 date that exists, may be partial (YYYY, YYYY-MM, YYYY-MM-DD)"
            .to_string()
    } else {
        format!("CHECK ({expression})")
    }
}

/// The comment lines directly above `CREATE TABLE name` in the last migration that creates it.
fn table_comment(migrations: &[String], name: &str) -> Option<String> {
    migrations.iter().rev().find_map(|text| {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|line| {
            let words: Vec<String> = line
                .split_whitespace()
                .map(|w| w.trim_end_matches('(').to_ascii_lowercase())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            matches!(
                words.as_slice(),
                ["create", "table", n, ..] | ["create", "table", "if", "not", "exists", n, ..]
                    if n.trim_matches('"') == name
            )
        })?;
        let comment: Vec<&str> = lines[..at]
            .iter()
            .rev()
            .map_while(|line| line.trim().strip_prefix("--"))
            .map(str::trim)
            .collect();
        (!comment.is_empty()).then(|| comment.into_iter().rev().collect::<Vec<_>>().join(" "))
    })
}

/// One comma-separated item of a `CREATE TABLE (...)`: a column or a table constraint.
#[derive(Debug, Default)]
struct Item {
    /// The column's name, or `None` for a table constraint.
    column: Option<String>,
    /// The definition without comments, spaces collapsed.
    text: String,
    /// The CHECK expressions of a column, spaces collapsed.
    checks: Vec<String>,
    /// The comment lines above it (or at the end of its line), joined.
    comment: Option<String>,
}

/// Splits the body of a `CREATE TABLE` statement into its items, keeping each one's comment.
fn definition_items(sql: &str) -> Vec<Item> {
    let Some(open) = sql.find('(') else {
        return Vec::new();
    };
    let body = &sql[open + 1..];
    let mut items = Vec::new();
    let mut text = String::new();
    let mut comments: Vec<String> = Vec::new();
    let mut trailing: Option<String> = None;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut just_split = false;
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some(q) = quote {
            text.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                quote = Some(c);
                text.push(c);
            }
            '[' => {
                quote = Some(']');
                text.push(c);
            }
            '-' if body[at..].starts_with("--") => {
                let end = body[at..].find('\n').map_or(body.len(), |n| at + n);
                let comment = body[at + 2..end].trim().to_string();
                while chars.peek().is_some_and(|(i, _)| *i < end) {
                    chars.next();
                }
                if just_split {
                    // A comment after a comma on the same line belongs to the item before it.
                    trailing = Some(comment);
                } else if text.trim().is_empty() || comments.is_empty() {
                    // Lines above the item, or the first comment inside it.
                    comments.push(comment);
                }
                continue;
            }
            '\n' => {
                just_split = false;
                text.push(' ');
            }
            '(' => {
                depth += 1;
                text.push(c);
            }
            ')' if depth == 0 => break,
            ')' => {
                depth -= 1;
                text.push(c);
            }
            ',' if depth == 0 => {
                items.push(item(&text, &comments));
                text.clear();
                comments.clear();
                just_split = true;
                continue;
            }
            other => text.push(other),
        }
        if !c.is_whitespace() {
            just_split = false;
        }
        if let Some(comment) = trailing.take() {
            attach_trailing(&mut items, comment);
        }
    }
    if let Some(comment) = trailing.take() {
        attach_trailing(&mut items, comment);
    }
    if !text.trim().is_empty() {
        items.push(item(&text, &comments));
    }
    items
}

fn attach_trailing(items: &mut [Item], comment: String) {
    if let Some(last) = items.last_mut() {
        if last.comment.is_none() {
            last.comment = Some(comment);
        }
    }
}

fn item(text: &str, comments: &[String]) -> Item {
    let text = collapse(text);
    let first = text.split_whitespace().next().unwrap_or("");
    let constraint = ["constraint", "primary", "unique", "check", "foreign"]
        .contains(&first.to_ascii_lowercase().as_str());
    let comment = (!comments.is_empty()).then(|| comments.join(" "));
    if constraint {
        return Item {
            column: None,
            text,
            checks: Vec::new(),
            comment,
        };
    }
    Item {
        column: Some(first.trim_matches(['"', '`', '[', ']']).to_string()),
        checks: checks(&text),
        text,
        comment,
    }
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The expressions of the `CHECK (...)` clauses in a column definition.
fn checks(definition: &str) -> Vec<String> {
    let upper = definition.to_ascii_uppercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = upper[from..].find("CHECK") {
        let start = from + offset + "CHECK".len();
        let rest = &definition[start..];
        let Some(open) = rest.find('(') else { break };
        if !rest[..open].trim().is_empty() {
            from = start;
            continue;
        }
        let (mut depth, mut quote, mut end) = (0usize, None, None);
        for (i, c) in rest[open..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        found.push(rest[open + 1..end].trim().to_string());
        from = start + end;
    }
    found
}

/// The dictionary as rows: for each table, one row for the table (empty `column`: its comment
/// and its constraints on several columns), then one per column.
pub fn rows(tables: &[Table]) -> (Vec<String>, Vec<Vec<Value>>) {
    let columns = ["table", "column", "type", "constraints", "comment"]
        .map(String::from)
        .to_vec();
    let text = |s: &str| Value::Text(s.to_string());
    let optional = |s: &Option<String>| s.as_deref().map_or(Value::Null, text);
    let mut rows = Vec::new();
    for table in tables {
        rows.push(vec![
            text(&table.name),
            Value::Null,
            Value::Null,
            if table.constraints.is_empty() {
                Value::Null
            } else {
                text(&table.constraints.join("; "))
            },
            optional(&table.comment),
        ]);
        for column in &table.columns {
            rows.push(vec![
                text(&table.name),
                text(&column.name),
                text(&column.kind),
                if column.constraints.is_empty() {
                    Value::Null
                } else {
                    text(&column.constraints.join("; "))
                },
                optional(&column.comment),
            ]);
        }
    }
    (columns, rows)
}

/// The dictionary as a Markdown document: per table a heading, its comment, a table of its
/// columns and its constraints on several columns.
pub fn markdown(tables: &[Table]) -> String {
    let mut doc = String::new();
    for (index, table) in tables.iter().enumerate() {
        if index > 0 {
            doc.push('\n');
        }
        doc.push_str(&format!("### `{}`\n\n", table.name));
        if let Some(comment) = &table.comment {
            doc.push_str(&format!("{comment}\n\n"));
        }
        doc.push_str("| column | type | constraints | comment |\n|---|---|---|---|\n");
        for column in &table.columns {
            let constraints: Vec<String> = column
                .constraints
                .iter()
                .map(|c| match c.strip_prefix("CHECK: ") {
                    Some(words) => format!("CHECK: {words}"),
                    None => format!("`{c}`"),
                })
                .collect();
            doc.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                column.name,
                column.kind,
                escape_markdown_cell(&constraints.join(", ")),
                escape_markdown_cell(column.comment.as_deref().unwrap_or(""))
            ));
        }
        if !table.constraints.is_empty() {
            let listed: Vec<String> = table.constraints.iter().map(|c| format!("`{c}`")).collect();
            doc.push_str(&format!("\nAlso: {}.\n", listed.join("; ")));
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQL: &str = "CREATE TABLE t (
    -- The key.
    id INTEGER PRIMARY KEY,
    -- A name, on
    -- two lines.
    name TEXT NOT NULL CHECK (length(trim(name)) > 0), -- not this one's
    kind TEXT CHECK (kind IN ('a, b', 'c)')), -- trailing
    a TEXT, b TEXT,
    CHECK (a < b)
) STRICT";

    #[test]
    fn items_keep_their_comments_and_checks() {
        let items = definition_items(SQL);
        let names: Vec<Option<&str>> = items.iter().map(|i| i.column.as_deref()).collect();
        assert_eq!(
            names,
            [
                Some("id"),
                Some("name"),
                Some("kind"),
                Some("a"),
                Some("b"),
                None
            ]
        );
        assert_eq!(items[0].comment.as_deref(), Some("The key."));
        assert_eq!(items[1].comment.as_deref(), Some("A name, on two lines."));
        assert_eq!(items[1].checks, ["length(trim(name)) > 0"]);
        assert_eq!(items[2].comment.as_deref(), Some("trailing"));
        assert_eq!(items[2].checks, ["kind IN ('a, b', 'c)')"]);
        assert_eq!(items[3].comment, None);
        assert_eq!(items[5].text, "CHECK (a < b)");
    }

    #[test]
    fn pairs_share_a_first_or_last_word() {
        assert!(pair("existed_from", "existed_until"));
        assert!(pair("visitor_state", "host_state"));
        assert!(pair("opened_on", "closed_on"));
        assert!(!pair("existed_until", "note"));
        assert!(!pair("city", "start_date"));
    }

    #[test]
    fn the_partial_date_check_is_put_in_words() {
        let check = "d IS NULL OR d GLOB '[0-9][0-9][0-9][0-9]' OR (d GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(d, 6, 2) BETWEEN '01' AND '12') OR (d GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(d, '+0 days') IS d)";
        assert!(describe_check("d", check).starts_with("CHECK: an ISO 8601 date"));
        assert_eq!(describe_check("d", "d > 0"), "CHECK (d > 0)");
    }

    #[test]
    fn a_table_comment_is_the_block_right_above_create_table() {
        let migration =
            "-- Header.\n\n-- Line one\n-- line two.\nCREATE TABLE t (\n  x TEXT\n);\n".to_string();
        assert_eq!(
            table_comment(&[migration], "t").as_deref(),
            Some("Line one line two.")
        );
    }
}
