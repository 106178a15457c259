//! Writing query results: an aligned table for people, CSV (RFC 4180) and JSON for programs.
//! CSV and JSON stream row by row, so memory stays flat whatever the number of rows.

use std::io::Write;
use std::str::FromStr;

use rusqlite::types::ValueRef;
use rusqlite::Statement;
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Columns aligned for a terminal.
    Table,
    /// RFC 4180 CSV with a header row; NULL is an empty field.
    Csv,
    /// A JSON array of objects, keys in column order; NULL is `null`.
    Json,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format '{other}' (formats: table, csv, json)"
            )),
        }
    }
}

/// Runs a statement whose parameters are already bound and writes every row to `out`.
/// Returns the number of rows written.
pub fn write_rows(stmt: &mut Statement<'_>, format: Format, out: &mut dyn Write) -> Result<u64> {
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.raw_query();
    let mut count = 0u64;
    match format {
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .buffer_capacity(1 << 16)
                .from_writer(out);
            writer.write_record(&columns).map_err(csv_to_io)?;
            let mut number = itoa::Buffer::new();
            while let Some(row) = rows.next()? {
                for index in 0..columns.len() {
                    // Fields go straight from SQLite's memory into the writer's buffer.
                    let field: &[u8] = match row.get_ref(index)? {
                        ValueRef::Null => b"",
                        ValueRef::Integer(i) => number.format(i).as_bytes(),
                        ValueRef::Text(t) => t,
                        other => {
                            let mut buffer = Vec::new();
                            text_bytes(other, &mut buffer);
                            writer.write_field(&buffer).map_err(csv_to_io)?;
                            continue;
                        }
                    };
                    writer.write_field(field).map_err(csv_to_io)?;
                }
                writer.write_record(None::<&[u8]>).map_err(csv_to_io)?;
                count += 1;
            }
            writer.flush()?;
        }
        Format::Json => {
            out.write_all(b"[")?;
            while let Some(row) = rows.next()? {
                let mut object = serde_json::Map::with_capacity(columns.len());
                for (index, name) in columns.iter().enumerate() {
                    object.insert(name.clone(), json_value(row.get_ref(index)?));
                }
                out.write_all(if count == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *out, &object).map_err(std::io::Error::from)?;
                count += 1;
            }
            out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
            out.flush()?;
        }
        Format::Table => {
            let mut cells: Vec<Vec<String>> = Vec::new();
            while let Some(row) = rows.next()? {
                let mut line = Vec::with_capacity(columns.len());
                for index in 0..columns.len() {
                    let mut buffer = Vec::new();
                    text_bytes(row.get_ref(index)?, &mut buffer);
                    line.push(String::from_utf8_lossy(&buffer).replace(['\n', '\r'], " "));
                }
                cells.push(line);
            }
            count = cells.len() as u64;
            write_table(&columns, &cells, out)?;
        }
    }
    Ok(count)
}

fn csv_to_io(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => Error::Output(e),
        other => Error::Invalid(format!("cannot write CSV: {other:?}")),
    }
}

/// A value as text: NULL is empty, a blob is lower-case hex.
fn text_bytes(value: ValueRef<'_>, buffer: &mut Vec<u8>) {
    match value {
        ValueRef::Null => {}
        ValueRef::Integer(i) => buffer.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(r) => buffer.extend_from_slice(r.to_string().as_bytes()),
        ValueRef::Text(t) => buffer.extend_from_slice(t),
        ValueRef::Blob(b) => {
            for byte in b {
                buffer.extend_from_slice(format!("{byte:02x}").as_bytes());
            }
        }
    }
}

fn json_value(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => serde_json::Number::from_f64(r)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(_) => {
            let mut hex = Vec::new();
            text_bytes(value, &mut hex);
            String::from_utf8_lossy(&hex).into_owned().into()
        }
    }
}

/// The widest a table column may be before its cells are cut short.
const MAX_CELL_WIDTH: usize = 60;

fn write_table(columns: &[String], cells: &[Vec<String>], out: &mut dyn Write) -> Result<()> {
    let shown: Vec<Vec<String>> = cells
        .iter()
        .map(|row| row.iter().map(|c| shorten(c, MAX_CELL_WIDTH)).collect())
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            shown
                .iter()
                .map(|row| row[i].width())
                .chain([columns[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, fields: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = fields
            .iter()
            .zip(&widths)
            .map(|(f, w)| format!("{f}{}", " ".repeat(w - f.width())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, columns)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for row in &shown {
        line(out, row)?;
    }
    out.flush()?;
    Ok(())
}

fn shorten(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    for c in text.chars() {
        if cut.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) >= max {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}
