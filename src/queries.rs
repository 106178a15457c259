//! Named queries: one `.sql` file each under `queries/`, compiled into the binary. A file opens
//! with a comment header that names the query, describes it and declares its parameters:
//!
//! ```sql
//! -- name: visits
//! -- description: High-level visits, oldest first.
//! -- param: state (state): A state on either side, visitor or host.
//! -- param: from (date): Visits that end on or after this date.
//! SELECT * FROM report_visits WHERE (:state IS NULL OR ...) ORDER BY start_date;
//! ```
//!
//! Every declared parameter is bound (NULL when not given); values are checked against the
//! parameter's type first, and never spliced into the SQL.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::Value;
use rusqlite::Statement;

use crate::dates;
use crate::embedded::QUERIES;
use crate::error::{Error, Result};
use crate::states::StateResolver;

/// The type of a query parameter, which decides how its value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// Any text.
    Text,
    /// A partial ISO 8601 date.
    Date,
    /// A whole number.
    Integer,
    /// A state by iso2, iso3 or any known name; bound as its iso2 code.
    State,
}

impl FromStr for ParamType {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "text" => Ok(ParamType::Text),
            "date" => Ok(ParamType::Date),
            "integer" => Ok(ParamType::Integer),
            "state" => Ok(ParamType::State),
            other => Err(format!(
                "unknown parameter type '{other}' (types: text, date, integer, state)"
            )),
        }
    }
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamType::Text => "text",
            ParamType::Date => "date",
            ParamType::Integer => "integer",
            ParamType::State => "state",
        })
    }
}

/// A declared parameter of a named query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The name, bound as `:name` in the SQL.
    pub name: String,
    /// How its value is checked.
    pub kind: ParamType,
    /// What it filters.
    pub description: String,
}

/// A named query: its header and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The name (`visits`), as used in `reldb query NAME`.
    pub name: String,
    /// One sentence on what it returns.
    pub description: String,
    /// Its parameters, in declaration order.
    pub params: Vec<Param>,
    /// The SQL, header included.
    pub sql: String,
}

impl NamedQuery {
    /// Parses a query file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let invalid = |message: String| Error::QueryDefinition {
            file: file.to_string(),
            message,
        };
        let mut name = None;
        let mut description = None;
        let mut params = Vec::new();
        for line in text.lines() {
            let Some(comment) = line.trim().strip_prefix("--") else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            let Some((key, value)) = comment.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "name" => name = Some(value.to_string()),
                "description" => description = Some(value.to_string()),
                "param" => params.push(parse_param(value).map_err(invalid)?),
                _ => {}
            }
        }
        let name = name.ok_or_else(|| invalid("the header has no '-- name:' line".into()))?;
        let description = description
            .ok_or_else(|| invalid("the header has no '-- description:' line".into()))?;
        Ok(NamedQuery {
            name,
            description,
            params,
            sql: text.to_string(),
        })
    }

    /// Checks and converts `given` (`name=value` pairs) into the values to bind, one per
    /// declared parameter (NULL where not given).
    pub fn bind_values(
        &self,
        given: &[(String, String)],
        resolver: &StateResolver,
    ) -> Result<Vec<(String, Value)>> {
        for (name, _) in given {
            if !self.params.iter().any(|p| &p.name == name) {
                return Err(Error::Parameter(format!(
                    "query '{}' has no parameter '{name}'; {}",
                    self.name,
                    self.describe_params()
                )));
            }
        }
        let mut bound = Vec::with_capacity(self.params.len());
        for param in &self.params {
            let value = match given.iter().rev().find(|(name, _)| name == &param.name) {
                None => Value::Null,
                Some((_, text)) => convert(param, text.trim(), resolver)?,
            };
            bound.push((format!(":{}", param.name), value));
        }
        Ok(bound)
    }

    fn describe_params(&self) -> String {
        if self.params.is_empty() {
            return "it takes none".to_string();
        }
        let names: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{} ({})", p.name, p.kind))
            .collect();
        format!("it takes: {}", names.join(", "))
    }
}

fn parse_param(text: &str) -> Result<Param, String> {
    // "state (state): A state on either side."
    let (signature, description) = text.split_once(':').unwrap_or((text, ""));
    let (name, kind) = signature
        .split_once('(')
        .and_then(|(name, rest)| Some((name.trim(), rest.strip_suffix(')')?.trim())))
        .ok_or_else(|| format!("parameter '{text}' must read 'NAME (TYPE): description'"))?;
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_name {
        return Err(format!(
            "parameter name '{name}' must be lower-case letters, digits and _"
        ));
    }
    Ok(Param {
        name: name.to_string(),
        kind: kind.parse()?,
        description: description.trim().to_string(),
    })
}

fn convert(param: &Param, text: &str, resolver: &StateResolver) -> Result<Value> {
    let bad = |why: String| Error::Parameter(format!("-p {}={text}: {why}", param.name));
    match param.kind {
        ParamType::Text => Ok(Value::Text(text.to_string())),
        ParamType::Date => dates::validate(text)
            .map(|()| Value::Text(text.to_string()))
            .map_err(bad),
        ParamType::Integer => text
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| bad("not a whole number".to_string())),
        ParamType::State => resolver
            .resolve(text, None)
            .map(|iso2| Value::Text(iso2.to_string()))
            .map_err(|e| bad(e.to_string())),
    }
}

/// Every built-in named query, sorted by name.
pub fn builtin() -> Result<Vec<NamedQuery>> {
    let mut queries = QUERIES
        .iter()
        .map(|(stem, text)| NamedQuery::parse(&format!("queries/{stem}.sql"), text))
        .collect::<Result<Vec<_>>>()?;
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(queries)
}

/// The built-in query called `name`.
pub fn find(name: &str) -> Result<NamedQuery> {
    let queries = builtin()?;
    let known = queries
        .iter()
        .map(|q| q.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    queries
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuery {
            name: name.to_string(),
            known,
        })
}

/// Binds `values` (from [`NamedQuery::bind_values`]) to a prepared statement by name.
pub fn bind(stmt: &mut Statement<'_>, values: &[(String, Value)]) -> Result<()> {
    for (name, value) in values {
        // A parameter the SQL does not use is declared in vain, not an error worth failing on.
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    Ok(())
}

/// Runs `query` with `given` parameters (`name=value` pairs) and writes its rows to `out`.
/// Returns the number of rows written.
pub fn run(
    db: &crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
    format: crate::Format,
    out: &mut dyn std::io::Write,
) -> Result<u64> {
    let conn = db.connection();
    let gives_a_state = given.iter().any(|(name, _)| {
        query
            .params
            .iter()
            .any(|p| &p.name == name && p.kind == ParamType::State)
    });
    let values = if gives_a_state {
        query.bind_values(given, db.resolver()?)?
    } else {
        query.bind_values(given, &StateResolver::empty())?
    };
    let mut stmt = conn.prepare_cached(&query.sql)?;
    bind(&mut stmt, &values)?;
    crate::output::write_rows(&mut stmt, format, out)
}

/// Rows of a query held in memory, for callers that compose them (the dossier) rather than
/// print them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// Column names in order.
    pub columns: Vec<String>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    /// The value of `column` in row `index` as text (`None` for NULL or a missing column).
    pub fn text(&self, index: usize, column: &str) -> Option<String> {
        let position = self.columns.iter().position(|c| c == column)?;
        match &self.rows.get(index)?[position] {
            Value::Null => None,
            Value::Integer(i) => Some(i.to_string()),
            Value::Real(r) => Some(r.to_string()),
            Value::Text(t) => Some(t.clone()),
            Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Runs the named query `name` with `given` parameters and returns its rows.
pub fn fetch(db: &crate::Database, name: &str, given: &[(String, String)]) -> Result<Rows> {
    let query = find(name)?;
    let conn = db.connection();
    let values = query.bind_values(given, db.resolver()?)?;
    let mut stmt = conn.prepare_cached(&query.sql)?;
    bind(&mut stmt, &values)?;
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = Vec::new();
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next()? {
        let mut values = Vec::with_capacity(columns.len());
        for index in 0..columns.len() {
            values.push(row.get::<_, Value>(index)?);
        }
        rows.push(values);
    }
    Ok(Rows { columns, rows })
}
