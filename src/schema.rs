//! The data dictionary (`reldb schema`): every table and column with its type, its constraints
//! and its comment, as the [schema catalog](crate::catalog) reads them: a partial-date CHECK is
//! put in words, other constraints are shown as written.

use rusqlite::types::Value;

use crate::catalog::{self, Catalog};
use crate::db::Database;
use crate::error::{Result, UsageError};
use crate::markup::escape_markdown_cell;

/// A table of the database, as the dictionary shows it.
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

/// A column of a table, as the dictionary shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its declared type (`TEXT`, `INTEGER`).
    pub kind: String,
    /// Its constraints in words: `PRIMARY KEY`, `NOT NULL`, `UNIQUE`, `DEFAULT 'x'`,
    /// `REFERENCES states (code)`, `CHECK (...)`.
    pub constraints: Vec<String>,
    /// The comment above it, or the convention for its name.
    pub comment: Option<String>,
}

/// Every table of the database (but SQLite's and refinery's own), in the order they were
/// created; or only `only`, if given.
pub fn tables(db: &Database, only: Option<&str>) -> Result<Vec<Table>> {
    let catalog = Catalog::read(db.connection())?;
    if let Some(name) = only {
        if catalog.table(name).is_err() {
            let known: Vec<&str> = catalog.tables().iter().map(|t| t.name.as_str()).collect();
            return Err(UsageError::NoSuchTable {
                name: name.to_string(),
                known: known.join(", "),
            }
            .into());
        }
    }
    Ok(catalog
        .tables()
        .iter()
        .filter(|t| only.is_none_or(|o| o == t.name))
        .map(described)
        .collect())
}

fn described(table: &catalog::Table) -> Table {
    Table {
        name: table.name.clone(),
        comment: table.comment.clone(),
        columns: table.columns.iter().map(column_in_words).collect(),
        constraints: table.constraints.clone(),
    }
}

fn column_in_words(column: &catalog::Column) -> Column {
    let mut constraints = Vec::new();
    if column.sole_primary_key {
        constraints.push("PRIMARY KEY".to_string());
    }
    if column.not_null {
        constraints.push("NOT NULL".to_string());
    }
    if column.unique {
        constraints.push("UNIQUE".to_string());
    }
    if let Some(default) = &column.default {
        constraints.push(format!("DEFAULT {default}"));
    }
    if let Some(reference) = &column.references {
        let mut text = format!("REFERENCES {} ({})", reference.table, reference.column);
        if reference.on_delete != "NO ACTION" {
            text.push_str(&format!(" ON DELETE {}", reference.on_delete));
        }
        constraints.push(text);
    }
    for check in &column.checks {
        constraints.push(if column.is_date_rule(check) {
            "CHECK: an ISO 8601 date that exists, may be partial (YYYY, YYYY-MM, YYYY-MM-DD)"
                .to_string()
        } else {
            format!("CHECK ({check})")
        });
    }
    Column {
        name: column.name.clone(),
        kind: column.declared_type.clone(),
        constraints,
        comment: column.comment.clone(),
    }
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
