//! The values a parameter can match, for one declared `in TABLE.COLUMN`: taken from the schema,
//! so that the list lives in one place. A column with a CHECK `col IN ('a', 'b')` can hold only
//! those; a column that references another table's key, only that table's keys (read from the
//! database); a column that references its own table (a sector's sphere) only the values it
//! holds, since the other keys are never a parent.

use rusqlite::Connection;

use super::ColumnRef;
use crate::catalog::{Catalog as Schema, Column, Table};
use crate::error::Result;

/// How many values a refusal lists before it points to `reldb queries NAME` for the rest.
const LISTED: usize = 12;

/// The values a parameter can take, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueSet {
    /// Where they come from, as a reader would look them up (`visits.kind`, `sectors.code`).
    pub source: String,
    /// The values, in the CHECK's order or sorted.
    pub values: Vec<String>,
}

/// Where the values of a column come from, as the schema tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bound {
    /// The list of its CHECK `IN`.
    Listed(ValueSet),
    /// The values a column holds (a referenced key, or the column itself when it references
    /// its own table): read from the database when needed.
    Held {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
}

/// What bounds the values of `column`, a column of `table`, or why nothing does (a missing
/// column, or one that neither a CHECK `IN` list nor a reference bounds). Reads no data.
pub(crate) fn bound(table: &Table, column: &ColumnRef) -> std::result::Result<Bound, String> {
    let found = table.column(&column.column).ok_or_else(|| {
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        format!(
            "table {} has no column '{}' (columns: {})",
            table.name,
            column.column,
            names.join(", ")
        )
    })?;
    if let Some(values) = found.checks.iter().find_map(|c| in_list(&found.name, c)) {
        return Ok(Bound::Listed(ValueSet {
            source: column.to_string(),
            values,
        }));
    }
    match &found.references {
        Some(r) if r.table == table.name => Ok(held(table, found)),
        Some(r) => Ok(Bound::Held {
            table: r.table.clone(),
            column: r.column.clone(),
        }),
        None => Err(format!(
            "{column} has no CHECK ({} IN (...)) and references no table, so what it can hold \
             is not a known set",
            found.name
        )),
    }
}

/// Why `column` names no table: the tables there are.
pub(crate) fn no_table(conn: &Connection, column: &ColumnRef) -> Result<String> {
    Ok(format!(
        "there is no table '{}' (tables: {})",
        column.table,
        Schema::read(conn)?.loadable_names().join(", ")
    ))
}

fn held(table: &Table, column: &Column) -> Bound {
    Bound::Held {
        table: table.name.clone(),
        column: column.name.clone(),
    }
}

impl Bound {
    /// The values, read from the database behind `conn` when they are held there.
    pub(crate) fn values(&self, conn: &Connection) -> Result<ValueSet> {
        match self {
            Bound::Listed(set) => Ok(set.clone()),
            Bound::Held { table, column } => held_values(conn, table, column),
        }
    }
}

/// Every value of `column` in `table`, sorted. Both names come from the schema catalog, so
/// quoting them is safe.
fn held_values(conn: &Connection, table: &str, column: &str) -> Result<ValueSet> {
    let (t, c) = (quote(table), quote(column));
    let sql = format!("SELECT DISTINCT {c} FROM {t} WHERE {c} IS NOT NULL ORDER BY 1");
    let mut stmt = conn.prepare(&sql)?;
    let values = stmt
        .query_map([], |row| row.get::<_, rusqlite::types::Value>(0))?
        .map(|value| value.map(|v| text_of(&v)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ValueSet {
        source: format!("{table}.{column}"),
        values,
    })
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn text_of(value: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

/// The quoted values of `column IN ('a', 'b', ...)` in a CHECK expression, if it holds one
/// whose every item is a string literal.
fn in_list(column: &str, check: &str) -> Option<Vec<String>> {
    let opening = format!("{} in (", column.to_ascii_lowercase());
    let at = check.to_ascii_lowercase().find(&opening)?;
    let mut rest = &check[at + opening.len()..];
    let mut values = Vec::new();
    loop {
        rest = rest.trim_start().strip_prefix('\'')?;
        let mut value = String::new();
        loop {
            let end = rest.find('\'')?;
            value.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('\'') {
                Some(after) => {
                    value.push('\'');
                    rest = after;
                }
                None => break,
            }
        }
        values.push(value);
        rest = rest.trim_start();
        match rest.chars().next()? {
            ',' => rest = &rest[1..],
            ')' => return Some(values),
            _ => return None,
        }
    }
}

impl ValueSet {
    /// The value of the set `given` stands for: itself, or the one value it equals but for
    /// case (`Official` for `official`, `un` for `UN`). Anything else is refused with the
    /// nearest values; `query` names where to see them all.
    pub(crate) fn pick(&self, given: &str, query: &str) -> std::result::Result<String, String> {
        if self.values.iter().any(|v| v == given) {
            return Ok(given.to_string());
        }
        let folded: Vec<&String> = self
            .values
            .iter()
            .filter(|v| v.to_lowercase() == given.to_lowercase())
            .collect();
        if let [only] = folded.as_slice() {
            return Ok((*only).clone());
        }
        let nearest = self.nearest(given);
        let hint = match nearest.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean '{one}'?"),
            many => format!(
                "; did you mean {}?",
                many.iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        Err(format!(
            "not one of {}{hint} ({})",
            self.source,
            self.listing(query)
        ))
    }

    /// The values, or the first of them and where to see the rest when there are many.
    pub(crate) fn listing(&self, query: &str) -> String {
        if self.values.is_empty() {
            return format!("{} holds none yet", self.source);
        }
        if self.values.len() <= LISTED {
            return format!("{}: {}", self.source, self.values.join(", "));
        }
        format!(
            "{}: {}, … and {} more; `reldb queries {query}` lists them all",
            self.source,
            self.values[..LISTED].join(", "),
            self.values.len() - LISTED
        )
    }

    /// Up to two values closest to `given` (letters compared without case), best first.
    fn nearest(&self, given: &str) -> Vec<&str> {
        let wanted = given.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .values
            .iter()
            .map(|v| (similarity(&wanted, &v.to_lowercase()), v.as_str()))
            .filter(|(score, _)| *score >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let best = scored.first().map(|(score, _)| *score).unwrap_or(0.0);
        scored
            .into_iter()
            .take_while(|(score, _)| best - score < 0.02)
            .take(2)
            .map(|(_, value)| value)
            .collect()
    }
}

/// How alike two values are, 0 to 1: Jaro-Winkler, or more when one holds the other whole
/// (`member` in `un_member`).
fn similarity(a: &str, b: &str) -> f64 {
    let score = strsim::jaro_winkler(a, b);
    if a.len() >= 3 && b.len() >= 3 && (a.contains(b) || b.contains(a)) {
        score.max(0.9)
    } else {
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_lists_are_read_from_checks() {
        assert_eq!(
            in_list("kind", "kind IS NULL OR kind IN ('state', 'it''s', 'a, b')"),
            Some(vec!["state".into(), "it's".into(), "a, b".into()])
        );
        assert_eq!(in_list("sovereign", "sovereign IN (0, 1)"), None);
        assert_eq!(in_list("kind", "length(kind) > 0"), None);
    }

    #[test]
    fn a_value_is_picked_exactly_or_by_case_else_refused_with_the_nearest() {
        let set = ValueSet {
            source: "visits.kind".into(),
            values: vec!["state".into(), "official".into(), "working".into()],
        };
        assert_eq!(set.pick("official", "visits").unwrap(), "official");
        assert_eq!(set.pick("Official", "visits").unwrap(), "official");
        let refusal = set.pick("offical", "visits").unwrap_err();
        assert!(refusal.contains("did you mean 'official'?"), "{refusal}");
        assert!(refusal.contains("state, official, working"), "{refusal}");
        let far = set.pick("zzz", "visits").unwrap_err();
        assert!(!far.contains("did you mean"), "{far}");
    }

    #[test]
    fn sets_come_from_checks_references_and_self_references() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE orgs (code TEXT PRIMARY KEY);
             INSERT INTO orgs VALUES ('UN'), ('CIS');
             CREATE TABLE sectors (code TEXT PRIMARY KEY, sphere TEXT REFERENCES sectors (code));
             INSERT INTO sectors VALUES ('economic', 'economic'), ('trade', 'economic');
             CREATE TABLE m (org TEXT REFERENCES orgs (code),
                             kind TEXT CHECK (kind IS NULL OR kind IN ('a', 'b')), note TEXT);",
        )
        .unwrap();
        let set = |table: &str, column: &str| {
            let found = Schema::read_table(&conn, table).unwrap().unwrap();
            let column = ColumnRef {
                table: table.to_string(),
                column: column.to_string(),
            };
            bound(&found, &column).map(|b| b.values(&conn).unwrap())
        };
        assert_eq!(set("m", "kind").unwrap().values, ["a", "b"]);
        let orgs = set("m", "org").unwrap();
        assert_eq!(
            (orgs.source.as_str(), orgs.values),
            ("orgs.code", vec!["CIS".into(), "UN".into()])
        );
        assert_eq!(set("sectors", "sphere").unwrap().values, ["economic"]);
        assert!(set("m", "note").unwrap_err().contains("not a known set"));
        assert!(set("m", "nope")
            .unwrap_err()
            .contains("has no column 'nope'"));
        assert!(Schema::read_table(&conn, "nope").unwrap().is_none());
    }

    #[test]
    fn values_that_differ_only_by_case_are_not_guessed() {
        let set = ValueSet {
            source: "t.c".into(),
            values: vec!["Ab".into(), "aB".into()],
        };
        let refusal = set.pick("ab", "q").unwrap_err();
        assert!(refusal.contains("'Ab' or 'aB'"), "{refusal}");
    }
}
