//! Named queries: one `.sql` file each, built in (under `queries/`, compiled into the binary)
//! or the user's own (from a folder given with `--queries DIR` or `RELDB_QUERIES`). A file
//! opens with a comment header that names the query, describes it and declares its
//! parameters:
//!
//! ```sql
//! -- name: visits
//! -- title: High-level visits
//! -- description: High-level visits, oldest first.
//! -- param: state (state): A state on either side, visitor or host.
//! -- param: from (date): Visits that end on or after this date.
//! -- param: kind (text) = official: Only visits of this kind.
//! SELECT * FROM report_visits WHERE (:state IS NULL OR ...) ORDER BY start_date;
//! ```
//!
//! A parameter line reads `-- param: NAME (TYPE) [= DEFAULT]: DESCRIPTION`. Every declared
//! parameter is bound: its value when given, else its default, else NULL. Values and defaults
//! are checked against the parameter's type first, and never spliced into the SQL. `title` is
//! optional (the name stands in for it).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rusqlite::types::Value;
use rusqlite::{Connection, Statement};

use crate::dates;
use crate::embedded::QUERIES;
use crate::error::{Error, Result};
use crate::guard;
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
    /// The value used when none is given (`= VALUE` in the header), if any.
    pub default: Option<String>,
}

/// Where a named query comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into reldb from `queries/`.
    BuiltIn,
    /// A file in the user's queries folder.
    User(PathBuf),
}

/// A named query: its header and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The name (`visits`), as used in `reldb query NAME`.
    pub name: String,
    /// A short title (`-- title:`), or the name when the header gives none.
    pub title: String,
    /// One sentence on what it returns.
    pub description: String,
    /// Its parameters, in declaration order.
    pub params: Vec<Param>,
    /// The SQL, header included.
    pub sql: String,
    /// The file it was read from, as errors name it (`queries/visits.sql`).
    pub file: String,
    /// Built in, or the user's.
    pub origin: Origin,
}

/// The comment header that opens a query file, and a check file of `reldb check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `-- name:`, checked: lower-case letters, digits and `_`.
    pub name: String,
    /// `-- title:`, or the name when there is none.
    pub title: String,
    /// `-- description:`.
    pub description: String,
    /// `-- param:` lines, in order.
    pub params: Vec<Param>,
}

/// `text` without the UTF-8 byte order mark some editors put first (Windows Notepad, Excel),
/// which would otherwise hide the first header line and break the SQL.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

impl Header {
    /// Parses the header of a file's text (a byte order mark first is skipped); `file` names it
    /// in errors. `-- name:` and `-- description:` are required.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let invalid = |message: String| Error::QueryDefinition {
            file: file.to_string(),
            message,
        };
        let mut name = None;
        let mut title = None;
        let mut description = None;
        let mut params: Vec<Param> = Vec::new();
        for line in header_lines(without_bom(text)) {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            let slot = match key.trim() {
                "name" => &mut name,
                "title" => &mut title,
                "description" => &mut description,
                "param" => {
                    let param = parse_param(value).map_err(invalid)?;
                    if params.iter().any(|p| p.name == param.name) {
                        return Err(invalid(format!(
                            "parameter '{}' is declared twice",
                            param.name
                        )));
                    }
                    params.push(param);
                    continue;
                }
                _ => continue,
            };
            if slot.is_some() {
                return Err(invalid(format!(
                    "the header has two '-- {}:' lines",
                    key.trim()
                )));
            }
            *slot = Some(value.to_string());
        }
        let name: String = name.ok_or_else(|| {
            invalid("the header has no '-- name:' line (it must open the file)".into())
        })?;
        check_name(&name).map_err(invalid)?;
        let description = description
            .ok_or_else(|| invalid("the header has no '-- description:' line".into()))?;
        Ok(Header {
            title: title.unwrap_or_else(|| name.clone()),
            name,
            description,
            params,
        })
    }
}

impl NamedQuery {
    /// Parses a query file's text; `file` names it in errors. The query is taken as built in;
    /// see [`NamedQuery::parse_user`] for a user's file.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let text = without_bom(text);
        let header = Header::parse(file, text)?;
        Ok(NamedQuery {
            name: header.name,
            title: header.title,
            description: header.description,
            params: header.params,
            sql: text.to_string(),
            file: file.to_string(),
            origin: Origin::BuiltIn,
        })
    }

    /// Reads and parses a user's query file.
    pub fn parse_user(path: &Path) -> Result<Self> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::QueryDefinition {
            file: file.clone(),
            message: "is not UTF-8 text; save it as UTF-8".to_string(),
        })?;
        let mut query = NamedQuery::parse(&file, &text)?;
        query.origin = Origin::User(path.to_path_buf());
        Ok(query)
    }

    /// The SQL after the header's comment lines.
    pub fn body(&self) -> &str {
        let mut rest = self.sql.as_str();
        loop {
            let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
            let trimmed = line.trim();
            if !(trimmed.is_empty() || trimmed.starts_with("--")) || rest.is_empty() {
                return rest;
            }
            rest = tail;
        }
    }

    /// Whether this is one of the user's queries.
    pub fn is_user(&self) -> bool {
        matches!(self.origin, Origin::User(_))
    }

    /// Checks and converts `given` (`name=value` pairs) into the values to bind, one per
    /// declared parameter: the value given, else the default, else NULL.
    pub fn bind_values(
        &self,
        given: &[(String, String)],
        resolver: &StateResolver,
    ) -> Result<Vec<(String, Value)>> {
        for (index, (name, value)) in given.iter().enumerate() {
            if let Some((_, first)) = given[..index].iter().find(|(n, _)| n == name) {
                return Err(Error::Parameter(format!(
                    "-p {name} is given twice ({name}={first}, then {name}={value}); give each \
                     parameter once"
                )));
            }
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
            let value = match given.iter().find(|(name, _)| name == &param.name) {
                Some((_, text)) => convert(param, text.trim(), resolver)
                    .map_err(|why| Error::Parameter(format!("-p {}={text}: {why}", param.name)))?,
                None => match &param.default {
                    Some(text) => {
                        convert(param, text, resolver).map_err(|why| Error::QueryDefinition {
                            file: self.file.clone(),
                            message: format!("the default of parameter '{}': {why}", param.name),
                        })?
                    }
                    None => Value::Null,
                },
            };
            bound.push((format!(":{}", param.name), value));
        }
        Ok(bound)
    }

    /// Whether binding `given` needs the states of the database (a state parameter is given or
    /// has a default).
    pub fn needs_states(&self, given: &[(String, String)]) -> bool {
        self.params.iter().any(|p| {
            p.kind == ParamType::State
                && (p.default.is_some() || given.iter().any(|(name, _)| name == &p.name))
        })
    }

    /// The values given (or defaulted) for this query's state parameters.
    pub fn state_values<'a>(&'a self, given: &'a [(String, String)]) -> Vec<&'a str> {
        self.params
            .iter()
            .filter(|p| p.kind == ParamType::State)
            .filter_map(|p| {
                given
                    .iter()
                    .find(|(name, _)| name == &p.name)
                    .map(|(_, value)| value.as_str())
                    .or(p.default.as_deref())
            })
            .collect()
    }

    /// Prepares the query on `conn` (a [`crate::Database`]'s) and checks it: one statement,
    /// that only reads (no ATTACH, no pragma given a value: see the guard of
    /// [`crate::sql::run`]), whose every `:name` is declared in the header. Errors name the file.
    pub fn prepare<'c>(&self, conn: &'c Connection) -> Result<rusqlite::CachedStatement<'c>> {
        let invalid = |message: String| Error::QueryDefinition {
            file: self.file.clone(),
            message,
        };
        let stmt = guard::scope(
            guard::Mode::ReadOnly,
            || {
                conn.prepare_cached(&self.sql).map_err(|e| match e {
                    rusqlite::Error::MultipleStatement => invalid(
                        "holds more than one SQL statement; a named query is one SELECT"
                            .to_string(),
                    ),
                    other => invalid(format!("its SQL does not run: {other}")),
                })
            },
            |refusal| invalid(refusal_message(refusal)),
        )?;
        if crate::sql::is_empty(&stmt) {
            return Err(invalid(
                "holds no SQL statement after its header; a named query is one SELECT".to_string(),
            ));
        }
        if !stmt.readonly() {
            return Err(invalid(
                "its SQL would change the database; a named query may only read".to_string(),
            ));
        }
        for index in 1..=stmt.parameter_count() {
            let declared = stmt
                .parameter_name(index)
                .and_then(|name| name.strip_prefix(':'))
                .is_some_and(|name| self.params.iter().any(|p| p.name == name));
            if !declared {
                let used = stmt.parameter_name(index).unwrap_or("?").to_string();
                return Err(invalid(format!(
                    "its SQL uses {used}, which the header does not declare; \
                     name parameters :like_this and declare each with \
                     '-- param: NAME (TYPE): description'"
                )));
            }
        }
        Ok(stmt)
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

fn refusal_message(refusal: guard::Refusal) -> String {
    match refusal {
        guard::Refusal::NotReadOnly(what) => {
            format!("its SQL {what}; a named query may only read")
        }
        guard::Refusal::Transaction => {
            "its SQL controls a transaction; a named query is one SELECT".to_string()
        }
    }
}

/// The comment lines that open a query file, without their `--`; blank lines are skipped and
/// the first line of SQL ends the header.
fn header_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map_while(|line| line.strip_prefix("--"))
}

fn check_name(name: &str) -> Result<(), String> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "name '{name}' must start with a lower-case letter and hold only lower-case \
             letters, digits and _"
        ))
    }
}

fn parse_param(text: &str) -> Result<Param, String> {
    // "kind (text) = official: Only visits of this kind."
    let shape = || {
        format!("parameter '{text}' must read 'NAME (TYPE): description' or 'NAME (TYPE) = DEFAULT: description'")
    };
    let (name, rest) = text.split_once('(').ok_or_else(shape)?;
    let (kind, rest) = rest.split_once(')').ok_or_else(shape)?;
    let (default, description) = rest.split_once(':').unwrap_or((rest, ""));
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(format!(
            "parameter name '{name}' must be lower-case letters, digits and _"
        ));
    }
    let kind: ParamType = kind.trim().parse()?;
    let default = match default.trim() {
        "" => None,
        given => {
            let value = given.strip_prefix('=').ok_or_else(shape)?.trim();
            if value.is_empty() {
                return Err(format!(
                    "parameter '{name}' has '=' but no default; write a value after it, or leave \
                     out '='"
                ));
            }
            check_default(kind, value)
                .map_err(|why| format!("the default of parameter '{name}': {why}"))?;
            Some(value.to_string())
        }
    };
    Ok(Param {
        name: name.to_string(),
        kind,
        description: description.trim().to_string(),
        default,
    })
}

/// Checks a default that can be checked without the database (a state's is checked when bound).
fn check_default(kind: ParamType, value: &str) -> Result<(), String> {
    match kind {
        ParamType::Date => dates::validate(value),
        ParamType::Integer => value
            .parse::<i64>()
            .map(|_| ())
            .map_err(|_| format!("'{value}' is not a whole number")),
        ParamType::Text | ParamType::State => Ok(()),
    }
}

fn convert(param: &Param, text: &str, resolver: &StateResolver) -> Result<Value, String> {
    match param.kind {
        ParamType::Text => Ok(Value::Text(text.to_string())),
        ParamType::Date => dates::validate(text).map(|()| Value::Text(text.to_string())),
        ParamType::Integer => text
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| "not a whole number".to_string()),
        ParamType::State => resolver
            .resolve(text, None)
            .map(|iso2| Value::Text(iso2.to_string()))
            .map_err(|e| e.to_string()),
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
    Catalog::load(None)?.find(name).cloned()
}

/// Every `*.sql` file of a user's queries folder, parsed, in file-name order. Other files are
/// left alone; a file that cannot be read or parsed is an error naming it.
pub fn load_dir(dir: &Path) -> Result<Vec<NamedQuery>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    files
        .iter()
        .map(|path| NamedQuery::parse_user(path))
        .collect()
}

/// The named queries at hand: the built-in ones and, if a folder is given, the user's.
#[derive(Debug, Clone)]
pub struct Catalog {
    queries: Vec<NamedQuery>,
}

impl Catalog {
    /// The built-in queries, and those of `user_dir` if given. A user's query may not take a
    /// built-in query's name, nor two user files one name: either is an error naming the file.
    pub fn load(user_dir: Option<&Path>) -> Result<Self> {
        let mut queries = builtin()?;
        if let Some(dir) = user_dir {
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            for query in load_dir(dir)? {
                if queries.iter().any(|q| q.name == query.name && !q.is_user()) {
                    return Err(Error::QueryDefinition {
                        file: query.file,
                        message: format!(
                            "names its query '{}', which is a built-in query's name; give it \
                             another '-- name:' (a user query may not replace a built-in one)",
                            query.name
                        ),
                    });
                }
                if let Some(first) = seen.insert(query.name.clone(), query.file.clone()) {
                    return Err(Error::QueryDefinition {
                        file: query.file,
                        message: format!(
                            "names its query '{}', as {first} does; give one of them another \
                             '-- name:'",
                            query.name
                        ),
                    });
                }
                queries.push(query);
            }
            queries.sort_by(|a, b| a.name.cmp(&b.name));
        }
        Ok(Catalog { queries })
    }

    /// Every query, sorted by name.
    pub fn all(&self) -> &[NamedQuery] {
        &self.queries
    }

    /// The query called `name`.
    pub fn find(&self, name: &str) -> Result<&NamedQuery> {
        self.queries
            .iter()
            .find(|q| q.name == name)
            .ok_or_else(|| Error::UnknownQuery {
                name: name.to_string(),
                known: self
                    .queries
                    .iter()
                    .map(|q| q.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
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

/// Runs `query` with `given` parameters (`name=value` pairs) and writes its rows to `out`
/// (`options`: a [`crate::Format`] or [`crate::output::OutputOptions`]). Returns the number of
/// rows written.
pub fn run(
    db: &crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
    options: impl Into<crate::output::OutputOptions>,
    out: &mut dyn std::io::Write,
) -> Result<u64> {
    write(db, query, given, options, out).map(|written| written.rows)
}

/// As [`run`], and says which columns JSON objects had to key under another name (see
/// [`crate::output::unique_keys`]). The query runs under the guard that keeps it read-only, so
/// that no statement it runs creates or changes a file.
pub fn write(
    db: &crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
    options: impl Into<crate::output::OutputOptions>,
    out: &mut dyn std::io::Write,
) -> Result<crate::output::Written> {
    let options = options.into();
    options.check()?;
    let file = query.file.clone();
    guard::scope(
        guard::Mode::ReadOnly,
        || {
            let mut stmt = bound_statement(db, query, given)?;
            crate::output::write(&mut stmt, options, out)
        },
        |refusal| Error::QueryDefinition {
            file,
            message: refusal_message(refusal),
        },
    )
}

/// The query prepared, checked and bound to `given`, for callers that read its rows
/// themselves (the dossier).
pub(crate) fn bound_statement<'c>(
    db: &'c crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
) -> Result<rusqlite::CachedStatement<'c>> {
    let values = if query.needs_states(given) {
        let names = query.state_values(given);
        match StateResolver::for_codes(db.connection(), &names)? {
            Some(codes) => query.bind_values(given, &codes)?,
            None => query.bind_values(given, db.resolver()?)?,
        }
    } else {
        query.bind_values(given, &StateResolver::empty())?
    };
    let mut stmt = query.prepare(db.connection())?;
    bind(&mut stmt, &values)?;
    Ok(stmt)
}
