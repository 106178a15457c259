//! Rows as given: `COLUMN=VALUE` arguments, or JSON.

use crate::error::{Error, Result};

/// The values of one row, and where they were given, so that a refusal can point at them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// What messages call the input: `add visits` for arguments, `stdin` for JSON.
    pub origin: String,
    /// The line of the row in its input (for arguments, the number of its first argument).
    pub line: u64,
    /// `(column, value, line)`: an empty value is NULL (or the column's default); `line` is
    /// where this value was given (its argument's number, or the row's line).
    pub values: Vec<(String, String, u64)>,
    /// Given as command-line arguments: refusals name the argument, not a line.
    pub from_arguments: bool,
}

impl Fields {
    /// The row of `COLUMN=VALUE` arguments, the first of which is argument `first_argument`
    /// of the command line (counted after the command's name).
    pub fn from_pairs(origin: &str, first_argument: u64, pairs: &[(String, String)]) -> Self {
        let values = pairs
            .iter()
            .zip(first_argument..)
            .map(|((column, value), n)| (column.clone(), value.clone(), n))
            .collect();
        Fields {
            origin: origin.to_string(),
            line: first_argument,
            values,
            from_arguments: true,
        }
    }
}

/// Reads rows from JSON: one object, an array of objects, or JSON Lines (one object a line).
/// A string, number or boolean is the value (true is 1, false 0); null is NULL. Each row's
/// `line` is the line its object starts on (in an array: the item's number).
pub fn rows_from_json(origin: &str, text: &str) -> Result<Vec<Fields>> {
    let invalid = |line: u64, message: String| Error::InvalidFile {
        file: format!("{origin}:{line}"),
        message,
    };
    let mut rows = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    loop {
        let start = stream.byte_offset();
        let value = match stream.next() {
            None => break,
            Some(Ok(value)) => value,
            Some(Err(e)) => {
                return Err(invalid(
                    e.line() as u64,
                    format!("not JSON: {e} (give an object, an array of objects or JSON Lines)"),
                ))
            }
        };
        let line = line_of(text, start);
        match value {
            serde_json::Value::Array(items) => {
                for (n, item) in items.into_iter().enumerate() {
                    rows.push(object_row(origin, n as u64 + 1, item)?);
                }
            }
            other => rows.push(object_row(origin, line, other)?),
        }
    }
    if rows.is_empty() {
        return Err(Error::InvalidFile {
            file: origin.to_string(),
            message: "no rows: give a JSON object, an array of objects or JSON Lines".to_string(),
        });
    }
    Ok(rows)
}

/// The 1-based line of the first non-blank character at or after `offset`.
pub(super) fn line_of(text: &str, offset: usize) -> u64 {
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start().len();
    text[..offset + skipped].matches('\n').count() as u64 + 1
}

pub(super) fn object_row(origin: &str, line: u64, value: serde_json::Value) -> Result<Fields> {
    let invalid = |message: String| Error::InvalidFile {
        file: format!("{origin}:{line}"),
        message,
    };
    let serde_json::Value::Object(object) = value else {
        return Err(invalid(format!(
            "{value} is not an object; each row is an object such as {{\"column\": \"value\"}}"
        )));
    };
    let mut values = Vec::new();
    for (column, value) in object {
        let text = match value {
            serde_json::Value::Null => String::new(),
            serde_json::Value::Bool(b) => u8::from(b).to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s,
            other => {
                return Err(invalid(format!(
                    "{column}: {other} is not a single value (give a string, number, boolean \
                     or null)"
                )))
            }
        };
        values.push((column, text, line));
    }
    Ok(Fields {
        origin: origin.to_string(),
        line,
        values,
        from_arguments: false,
    })
}
