//! The comment header of a query file (and of a check file of `reldb check`): `-- name:`,
//! `-- title:`, `-- description:` and `-- param:` lines.

use std::fmt;
use std::str::FromStr;

use crate::dates;
use crate::error::{Error, Result};

/// The type of a query parameter, which decides how its value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// Any text.
    Text,
    /// A partial ISO 8601 date.
    Date,
    /// A whole number.
    Integer,
    /// A state by code, iso3 or any known name; bound as its state code.
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
    /// The column whose values are the only ones it can match (`in visits.kind` in the
    /// header): a value outside them is refused rather than matching nothing.
    pub values_from: Option<ColumnRef>,
}

/// A column of the schema, as `TABLE.COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRef {
    /// The table.
    pub table: String,
    /// The column.
    pub column: String,
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.table, self.column)
    }
}

/// The comment header that opens a query file, and a check file of `reldb check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
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
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

impl Header {
    /// Parses the header of a file's text (a byte order mark first is skipped); `file` names it
    /// in errors. `-- name:` and `-- description:` are required.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self> {
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
    // "kind (text) in visits.kind = official: Only visits of this kind."
    let shape = || {
        format!(
            "parameter '{text}' must read 'NAME (TYPE): description', with 'in TABLE.COLUMN' \
             and '= DEFAULT' after (TYPE) if wanted"
        )
    };
    let (name, rest) = text.split_once('(').ok_or_else(shape)?;
    let (kind, rest) = rest.split_once(')').ok_or_else(shape)?;
    let (options, description) = rest.split_once(':').unwrap_or((rest, ""));
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
    let (values_from, default) = split_values_from(options.trim());
    let values_from = match values_from {
        None => None,
        Some(column) => Some(values_column(name, kind, column)?),
    };
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
        values_from,
    })
}

/// Splits `in TABLE.COLUMN = DEFAULT` into the column (if `in` opens it) and the rest.
fn split_values_from(options: &str) -> (Option<&str>, &str) {
    match options.strip_prefix("in ") {
        Some(rest) => {
            let rest = rest.trim_start();
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            (Some(&rest[..end]), &rest[end..])
        }
        None => (None, options),
    }
}

fn values_column(name: &str, kind: ParamType, column: &str) -> Result<ColumnRef, String> {
    if kind != ParamType::Text {
        return Err(format!(
            "parameter '{name}' is of type {kind}; 'in TABLE.COLUMN' is for text parameters"
        ));
    }
    let identifier = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match column.split_once('.') {
        Some((table, col)) if identifier(table) && identifier(col) => Ok(ColumnRef {
            table: table.to_string(),
            column: col.to_string(),
        }),
        _ => Err(format!(
            "parameter '{name}' takes its values 'in {column}'; write the column as TABLE.COLUMN \
             (visits.kind)"
        )),
    }
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
