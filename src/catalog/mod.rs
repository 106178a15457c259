//! The schema catalog: every table of a database and its columns, read once, for everything
//! that needs to know the schema (the loader, the data dictionary, row counts, the seed order).
//!
//! Types, NOT NULL, keys, defaults, references and single-column UNIQUE come from SQLite's
//! pragmas; CHECK constraints from the `CREATE TABLE` text SQLite keeps in `sqlite_master.sql`.
//! Comments come from the migrations: the `--` lines above a `CREATE TABLE` (the table's), above
//! each column in it, and above an `ALTER TABLE ... ADD COLUMN` (the added column's), so a
//! column added by a later migration keeps its comment. Rules are derived from the schema, not
//! from names: a column is a date because its CHECK is the partial-date rule.

mod comments;
mod parse;

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use crate::dates;
use crate::error::{Error, Result};

use comments::MigrationComments;
pub(crate) use parse::definition_items;

/// Tables that hold reldb's or refinery's own bookkeeping, not facts: never loaded from CSV.
const INTERNAL_TABLES: [&str; 2] = ["reldb_meta", "refinery_schema_history"];

/// The conventions of the schema's headers (migrations/V1__schema.sql, V3) for columns that
/// carry no comment of their own.
const CONVENTIONAL_COMMENTS: [(&str, &str); 6] = [
    (
        "source_id",
        "The source that states the fact (NULL = not yet cited, which `reldb check` reports).",
    ),
    ("note", "Free-text remarks."),
    ("notes", "Free-text remarks."),
    (
        "basis",
        "How the fact is known: stated (the source says it) or inferred (reldb's reading; see \
         basis_note). NULL = not yet said, which `reldb check` reports.",
    ),
    (
        "basis_note",
        "Why the fact is inferred: the reasoning from the source (required when basis is inferred).",
    ),
    (
        "visit_basis",
        "How the link to the visit is known: stated (the source says it was signed or agreed \
         during the visit) or inferred (reldb places it there; the reasoning in basis_note).",
    ),
];

/// Every table of a database (but SQLite's and refinery's own), in the order they were created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    tables: Vec<Table>,
}

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
    /// Whether it holds reldb's own bookkeeping (`reldb_meta`) rather than facts.
    pub internal: bool,
    /// Whether a UNIQUE constraint (not only the primary key) keys its rows.
    pub has_unique_constraint: bool,
    /// Its keys besides the primary key: each UNIQUE constraint and unique index on columns
    /// (one on an expression cannot be named here), as column names.
    pub unique_keys: Vec<Vec<String>>,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its declared type (`TEXT`, `INTEGER`).
    pub declared_type: String,
    /// NOT NULL.
    pub not_null: bool,
    /// Its default, as SQL text.
    pub default: Option<String>,
    /// Part of the primary key.
    pub primary_key: bool,
    /// The primary key is this column alone.
    pub sole_primary_key: bool,
    /// A UNIQUE constraint of its own.
    pub unique: bool,
    /// The row it points at, for a single-column foreign key.
    pub references: Option<Reference>,
    /// Its CHECK expressions, spaces collapsed.
    pub checks: Vec<String>,
    /// The comment above it in the migrations, or the schema's convention for its name.
    pub comment: Option<String>,
}

/// A single-column foreign key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The table pointed at.
    pub table: String,
    /// The column pointed at.
    pub column: String,
    /// Its ON DELETE action (`NO ACTION`, `CASCADE`, ...).
    pub on_delete: String,
}

impl Column {
    /// Whether its CHECK is the partial-date rule ([`dates::SQL_VALID`]).
    pub fn is_date(&self) -> bool {
        self.checks.iter().any(|c| self.is_date_rule(c))
    }

    /// Whether `check` is the partial-date rule on this column (a NOT NULL column's leaves out
    /// the opening `column IS NULL OR`).
    pub fn is_date_rule(&self, check: &str) -> bool {
        let rule = dates::SQL_VALID.replace("{column}", &self.name);
        check == rule || check == rule.replacen(&format!("{} IS NULL OR ", self.name), "", 1)
    }

    /// Whether it is an INTEGER PRIMARY KEY, SQLite's alias of the rowid (given a value when
    /// none is).
    pub fn is_rowid_alias(&self) -> bool {
        self.sole_primary_key && self.declared_type.eq_ignore_ascii_case("INTEGER")
    }

    /// Whether a row must give it: NOT NULL, no default, and not a rowid alias.
    pub fn is_required(&self) -> bool {
        self.not_null && self.default.is_none() && !self.is_rowid_alias()
    }
}

impl Table {
    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Its CHECK expressions, of its columns and of the table, spaces collapsed.
    pub fn checks(&self) -> impl Iterator<Item = String> + '_ {
        let own = self.columns.iter().flat_map(|c| c.checks.iter().cloned());
        let constraints = self.constraints.iter().filter_map(|text| {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let body = text.strip_prefix("CHECK (")?.strip_suffix(')')?;
            Some(body.to_string())
        });
        own.chain(constraints)
    }

    /// The pairs of date columns `(start, end)` where a CHECK says the end is not before the
    /// start ([`dates::SQL_NOT_BEFORE`], as one of the CHECK's `OR` terms), in column order.
    pub fn date_pairs(&self) -> Vec<(&str, &str)> {
        let checks: Vec<String> = self.checks().collect();
        let dated: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| c.is_date())
            .map(|c| c.name.as_str())
            .collect();
        let mut pairs = Vec::new();
        for start in &dated {
            for end in &dated {
                let rule = dates::SQL_NOT_BEFORE
                    .replace("{end}", end)
                    .replace("{start}", start);
                let stated = checks
                    .iter()
                    .any(|check| check.split(" OR ").any(|term| term.trim() == rule));
                if stated && start != end {
                    pairs.push((*start, *end));
                }
            }
        }
        pairs
    }

    /// The tables its foreign keys point at (itself left out).
    pub fn referenced_tables(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .filter_map(|c| c.references.as_ref())
            .map(|r| r.table.as_str())
            .filter(move |t| *t != self.name)
    }
}

impl Catalog {
    /// Reads the schema of the database behind `conn`.
    pub fn read(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'refinery_schema_history' \
             ORDER BY rowid",
        )?;
        let listed: Vec<(String, String)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let comments = MigrationComments::read(&crate::migrate::texts());
        let tables = listed
            .iter()
            .map(|(name, sql)| read_table(conn, name, sql, &comments))
            .collect::<Result<_>>()?;
        Ok(Catalog { tables })
    }

    /// The table `name` alone, if there is one: its columns' types, keys, references and
    /// checks, but only the schema's conventional comments. A fraction of the time of
    /// [`Catalog::read`] (the migrations are not parsed), for a caller that needs one table's
    /// rules on every run (the values a query parameter can take).
    pub fn read_table(conn: &Connection, name: &str) -> Result<Option<Table>> {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()?;
        sql.map(|sql| read_table(conn, name, &sql, &MigrationComments::default()))
            .transpose()
    }

    /// The table `name` if facts can be loaded into it, read alone as [`Catalog::read_table`]
    /// reads it (quick enough for every load); the error of [`Catalog::loadable`] otherwise.
    pub fn read_loadable(conn: &Connection, name: &str) -> Result<Table> {
        match Catalog::read_table(conn, name)? {
            Some(table) if !table.internal && !name.starts_with("sqlite_") => Ok(table),
            _ => Catalog::read(conn)?.loadable(name).cloned(),
        }
    }

    /// Every table, in the order they were created.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The table named `name`, or an error that lists the tables there are.
    pub fn table(&self, name: &str) -> Result<&Table> {
        self.tables
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| Error::UnknownTable {
                name: name.to_string(),
                known: self.loadable_names().join(", "),
            })
    }

    /// The table named `name` if facts can be loaded into it (not reldb's bookkeeping).
    pub fn loadable(&self, name: &str) -> Result<&Table> {
        match self.table(name) {
            Ok(table) if !table.internal => Ok(table),
            _ => Err(Error::UnknownTable {
                name: name.to_string(),
                known: self.loadable_names().join(", "),
            }),
        }
    }

    /// The names of the tables facts can be loaded into, sorted.
    pub fn loadable_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .tables
            .iter()
            .filter(|t| !t.internal)
            .map(|t| t.name.as_str())
            .collect();
        names.sort_unstable();
        names
    }

    /// The loadable tables in an order where every table comes after the tables it references
    /// (ties in the order they were created), so that seeding them in turn never meets a
    /// reference to a row not yet loaded.
    pub fn load_order(&self) -> Vec<&str> {
        let mut order: Vec<&str> = Vec::new();
        let mut left: Vec<&Table> = self.tables.iter().filter(|t| !t.internal).collect();
        while !left.is_empty() {
            let ready = left
                .iter()
                .position(|t| {
                    t.referenced_tables()
                        .all(|r| order.contains(&r) || !left.iter().any(|l| l.name == r))
                })
                // A cycle of references: take the first table; its rows are checked at commit.
                .unwrap_or(0);
            order.push(&left.remove(ready).name);
        }
        order
    }
}

fn read_table(
    conn: &Connection,
    name: &str,
    sql: &str,
    comments: &MigrationComments,
) -> Result<Table> {
    let items = definition_items(sql);
    let info = column_info(conn, name)?;
    let keys = info.iter().filter(|c| c.primary_key).count();
    let mut references = foreign_keys(conn, name)?;
    let unique = unique_columns(conn, name)?;
    let mut columns: Vec<Column> = Vec::with_capacity(info.len());
    for raw in info {
        let item = items
            .iter()
            .find(|i| i.column.as_deref() == Some(raw.name.as_str()));
        let own = comments
            .column(name, &raw.name)
            .or_else(|| item.and_then(|i| i.comment.clone()));
        columns.push(Column {
            comment: own,
            checks: item.map(|i| i.checks.clone()).unwrap_or_default(),
            references: references.remove(&raw.name),
            unique: unique.contains(&raw.name),
            sole_primary_key: raw.primary_key && keys == 1,
            primary_key: raw.primary_key,
            default: raw.default,
            not_null: raw.not_null,
            declared_type: raw.declared_type,
            name: raw.name,
        });
    }
    fill_comments(&mut columns);
    let constraints = items
        .iter()
        .filter(|i| i.column.is_none())
        .map(|i| i.text.clone())
        .collect();
    let has_unique_constraint: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND origin = 'u')",
        [name],
        |row| row.get(0),
    )?;
    Ok(Table {
        name: name.to_string(),
        comment: comments.table(name),
        columns,
        constraints,
        internal: INTERNAL_TABLES.contains(&name),
        has_unique_constraint,
        unique_keys: unique_keys(conn, name)?,
    })
}

/// Each UNIQUE constraint and unique index but the primary key's, as its columns' names.
fn unique_keys(conn: &Connection, table: &str) -> Result<Vec<Vec<String>>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND origin <> 'pk'",
    )?;
    let indexes: Vec<String> = stmt
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
    let mut keys = Vec::new();
    for index in indexes {
        let names: Vec<Option<String>> = stmt
            .query_map([&index], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // An index on an expression has no column name.
        let key: Option<Vec<String>> = names.into_iter().collect();
        keys.extend(key.filter(|k| !k.is_empty()));
    }
    Ok(keys)
}

/// A column without a comment of its own takes the schema's convention for its name; failing
/// that, the comment of the column right above it when their names share a first or last word
/// (`existed_from` and `existed_until`), as the migrations comment such pairs once.
fn fill_comments(columns: &mut [Column]) {
    let mut above: Option<(String, Option<String>)> = None;
    for column in columns.iter_mut() {
        let own = column.comment.clone();
        let shared = match &above {
            Some((name, Some(comment))) if pair(name, &column.name) => Some(comment.clone()),
            _ => None,
        };
        above = Some((column.name.clone(), own.clone()));
        column.comment = own
            .or_else(|| conventional_comment(&column.name))
            .or(shared);
    }
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

struct RawColumn {
    name: String,
    declared_type: String,
    not_null: bool,
    default: Option<String>,
    primary_key: bool,
}

fn column_info(conn: &Connection, table: &str) -> Result<Vec<RawColumn>> {
    let mut stmt = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = stmt.query_map([table], |row| {
        Ok(RawColumn {
            name: row.get(0)?,
            declared_type: row.get(1)?,
            not_null: row.get(2)?,
            default: row.get(3)?,
            primary_key: row.get::<_, i64>(4)? > 0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each single-column foreign key, by its column.
fn foreign_keys(conn: &Connection, table: &str) -> Result<HashMap<String, Reference>> {
    let mut stmt = conn.prepare(
        "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1) \
         WHERE id IN (SELECT id FROM pragma_foreign_key_list(?1) GROUP BY id HAVING count(*) = 1)",
    )?;
    let rows = stmt.query_map([table], |row| {
        let to: Option<String> = row.get(2)?;
        Ok((
            row.get::<_, String>(0)?,
            Reference {
                table: row.get(1)?,
                column: to.unwrap_or_default(),
                on_delete: row.get(3)?,
            },
        ))
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

#[cfg(test)]
mod tests;
