//! The comments the migrations write above each table and column, read from their SQL text:
//! `sqlite_master` keeps a CREATE TABLE's comments but not an ALTER TABLE's, nor the lines
//! above a statement.

use std::collections::HashMap;

use super::definition_items;

/// The comments the migrations write above tables and columns, later migrations winning.
#[derive(Debug, Default)]
pub(super) struct MigrationComments {
    tables: HashMap<String, String>,
    columns: HashMap<(String, String), String>,
}

impl MigrationComments {
    pub(super) fn read(migrations: &[String]) -> Self {
        let mut found = MigrationComments::default();
        for text in migrations {
            found.read_one(text);
        }
        found
    }

    fn read_one(&mut self, text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        let mut offset = 0;
        for (at, line) in lines.iter().enumerate() {
            let words: Vec<String> = line
                .split_whitespace()
                .map(|w| {
                    w.trim_end_matches('(')
                        .trim_matches('"')
                        .to_ascii_lowercase()
                })
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match words.as_slice() {
                ["create", "table", "if", "not", "exists", table, ..]
                | ["create", "table", table, ..] => {
                    if let Some(comment) = comment_above(&lines[..at]) {
                        self.tables.insert(table.to_string(), comment);
                    }
                    for item in definition_items(&text[offset..]) {
                        if let (Some(column), Some(comment)) = (item.column, item.comment) {
                            self.columns.insert((table.to_string(), column), comment);
                        }
                    }
                }
                ["alter", "table", table, "add", "column", column, ..]
                | ["alter", "table", table, "add", column, ..] => {
                    if let Some(comment) = comment_above(&lines[..at]) {
                        self.columns
                            .insert((table.to_string(), column.to_string()), comment);
                    }
                }
                _ => {}
            }
            offset += line.len() + 1;
        }
    }

    pub(super) fn table(&self, name: &str) -> Option<String> {
        self.tables.get(name).cloned()
    }

    pub(super) fn column(&self, table: &str, column: &str) -> Option<String> {
        self.columns
            .get(&(table.to_string(), column.to_string()))
            .cloned()
    }
}

/// The `--` lines directly above the last of `lines`, joined.
fn comment_above(lines: &[&str]) -> Option<String> {
    let comment: Vec<&str> = lines
        .iter()
        .rev()
        .map_while(|line| line.trim().strip_prefix("--"))
        .map(str::trim)
        .collect();
    (!comment.is_empty()).then(|| comment.into_iter().rev().collect::<Vec<_>>().join(" "))
}
