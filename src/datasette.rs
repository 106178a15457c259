//! A Datasette metadata file whose canned queries are reldb's named queries, so that
//! `datasette reldb.db -m metadata.json` serves them with their titles, descriptions and
//! parameters.
//!
//! Datasette binds every parameter of a canned query, as text, and an empty string for one the
//! form leaves blank, where reldb binds NULL or the parameter's default. Each `:name` of the
//! query is therefore wrapped for Datasette: `nullif(:name, '')` (`coalesce(..., DEFAULT)` when
//! the parameter has a default), with integers cast, and states upper-cased: Datasette cannot
//! resolve a state's name, so it takes state codes only (which each description says).

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::queries::{NamedQuery, ParamType, ValueSet};
use crate::states::StateResolver;

/// The metadata document (Datasette's `metadata.json`) for the database called `database` (the
/// file's name without `.db`, as Datasette names it), with every query of `queries` as a canned
/// query. Each query is checked on `conn` first, and so is its rewritten SQL.
pub fn metadata(
    conn: &Connection,
    database: &str,
    queries: &[NamedQuery],
) -> Result<serde_json::Value> {
    let resolver = StateResolver::load(conn)?;
    let mut canned = serde_json::Map::new();
    for query in queries {
        query.prepare(conn)?;
        let sql = canned_sql(query, &resolver)?;
        conn.prepare(&sql).map_err(|e| Error::QueryDefinition {
            file: query.file.clone(),
            message: format!("its SQL rewritten for Datasette does not run: {e}"),
        })?;
        let sets = query.value_sets(conn)?;
        let params: Vec<&str> = query.params.iter().map(|p| p.name.as_str()).collect();
        canned.insert(
            query.name.clone(),
            serde_json::json!({
                "title": query.title,
                "description": description(query, &sets),
                "sql": sql,
                "params": params,
            }),
        );
    }
    Ok(serde_json::json!({
        "title": "reldb",
        "description": "Relations between states: diplomatic relations, missions, visits, \
            agreements, memberships and sectors of cooperation, each fact with its source. \
            The canned queries are reldb's named queries; leave a parameter empty for no filter.",
        "databases": {
            database: {
                "queries": canned,
            }
        }
    }))
}

/// The query's description, followed by each parameter's, with what Datasette needs typed and
/// the values a parameter of `sets` (from [`NamedQuery::value_sets`]) can take.
pub fn description(query: &NamedQuery, sets: &[(String, ValueSet)]) -> String {
    let mut text = query.description.clone();
    if query.params.is_empty() {
        return text;
    }
    text.push_str(" Parameters (one left empty filters nothing, or takes its default):");
    for param in &query.params {
        let mut notes = Vec::new();
        match param.kind {
            ParamType::State => {
                notes.push("a state code such as TJ or AZ; names are not resolved here".to_string())
            }
            ParamType::Date => notes.push("a date: YYYY, YYYY-MM or YYYY-MM-DD".to_string()),
            ParamType::Integer => notes.push("a whole number".to_string()),
            ParamType::Text => {}
        }
        if let Some((_, set)) = sets.iter().find(|(name, _)| name == &param.name) {
            notes.push(format!("one of: {}", set.values.join(", ")));
        }
        if let Some(default) = &param.default {
            notes.push(format!("default {default}"));
        }
        let described = param.description.trim_end_matches('.');
        text.push_str(&format!(" {}: {described}", param.name));
        if !notes.is_empty() {
            text.push_str(&format!(" ({})", notes.join("; ")));
        }
        text.push('.');
    }
    text
}

/// The query's SQL (without its header) with every declared `:name` wrapped for Datasette.
pub fn canned_sql(query: &NamedQuery, resolver: &StateResolver) -> Result<String> {
    let mut wrappers = Vec::with_capacity(query.params.len());
    for param in &query.params {
        let default = match &param.default {
            None => None,
            Some(value) => Some(default_literal(query, param.kind, value, resolver)?),
        };
        let name = &param.name;
        let given = match param.kind {
            ParamType::Text | ParamType::Date => format!("nullif(:{name}, '')"),
            ParamType::Integer => format!("CAST(nullif(trim(:{name}), '') AS INTEGER)"),
            ParamType::State => format!("nullif(upper(trim(:{name})), '')"),
        };
        let wrapped = match default {
            None => format!("({given})"),
            Some(literal) => format!("coalesce({given}, {literal})"),
        };
        wrappers.push((name.as_str(), wrapped));
    }
    Ok(replace_params(query.body().trim_end(), &wrappers))
}

/// A default as an SQL literal: a number as it is, text quoted (`'` doubled), a state as its
/// state code. The default comes from the query's own header, never from a request.
fn default_literal(
    query: &NamedQuery,
    kind: ParamType,
    value: &str,
    resolver: &StateResolver,
) -> Result<String> {
    let quote = |text: &str| format!("'{}'", text.replace('\'', "''"));
    match kind {
        ParamType::Integer => {
            value
                .parse::<i64>()
                .map(|n| n.to_string())
                .map_err(|_| Error::QueryDefinition {
                    file: query.file.clone(),
                    message: format!("default '{value}' is not a whole number"),
                })
        }
        ParamType::Text | ParamType::Date => Ok(quote(value)),
        ParamType::State => {
            resolver
                .resolve(value, None)
                .map(quote)
                .map_err(|e| Error::QueryDefinition {
                    file: query.file.clone(),
                    message: format!("default '{value}': {e}"),
                })
        }
    }
}

/// Replaces each `:name` of `wrappers` in `sql` by its wrapper, leaving string literals, quoted
/// identifiers and comments alone.
pub fn replace_params(sql: &str, wrappers: &[(&str, String)]) -> String {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() * 2);
    let mut at = 0;
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while at < bytes.len() {
        let rest = &sql[at..];
        let skip = match bytes[at] {
            b'\'' => closing(rest, "'", 1),
            b'"' => closing(rest, "\"", 1),
            b'`' => closing(rest, "`", 1),
            b'[' => closing(rest, "]", 1),
            b'-' if rest.starts_with("--") => rest.find('\n').unwrap_or(rest.len()),
            b'/' if rest.starts_with("/*") => closing(rest, "*/", 2),
            b':' => {
                let name_len = rest[1..].bytes().take_while(|b| is_word(*b)).count();
                let name = &rest[1..1 + name_len];
                if let Some((_, wrapper)) = wrappers.iter().find(|(n, _)| *n == name) {
                    out.push_str(wrapper);
                    at += 1 + name_len;
                    continue;
                }
                1 + name_len
            }
            _ => rest.chars().next().map_or(1, char::len_utf8),
        };
        out.push_str(&rest[..skip]);
        at += skip;
    }
    out
}

/// The length of a quoted or commented span that opens `text`, through its closing `close`.
fn closing(text: &str, close: &str, open_len: usize) -> usize {
    text[open_len..]
        .find(close)
        .map_or(text.len(), |end| open_len + end + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_declared_parameters_outside_quotes_and_comments_are_wrapped() {
        let sql = "SELECT ':state', \":state\", :statement, :state -- :state\n/* :state */ FROM t WHERE x = :state";
        let wrapped = replace_params(sql, &[("state", "(W)".to_string())]);
        assert_eq!(
            wrapped,
            "SELECT ':state', \":state\", :statement, (W) -- :state\n/* :state */ FROM t WHERE x = (W)"
        );
    }

    #[test]
    fn quotes_are_doubled_in_defaults() {
        let query = NamedQuery::parse(
            "q.sql",
            "-- name: q\n-- description: d\n-- param: who (text) = O'Brien: x\nSELECT :who;",
        )
        .unwrap();
        let sql = canned_sql(&query, &StateResolver::empty()).unwrap();
        assert_eq!(sql, "SELECT coalesce(nullif(:who, ''), 'O''Brien');");
    }
}
