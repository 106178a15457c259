//! JSON and JSON Lines, and the unique keys their objects need when column names repeat.

use std::io::Write;

use rusqlite::types::ValueRef;

use super::{text_bytes, Format, OutputOptions, RenamedColumn, Sink, TooWide};
use crate::error::Result;

/// The names the header is written with: JSON objects need unique keys, so a repeated name is
/// made unique there ([`unique_keys`]); every other format keeps the names as they are (a CSV
/// reader sees both columns by position, and a person reads a table).
pub(super) fn header_names(
    options: &OutputOptions,
    columns: &[String],
) -> (Vec<String>, Vec<RenamedColumn>) {
    let objects = options.headers && matches!(options.format, Format::Json | Format::Jsonl);
    if !objects {
        return (columns.to_vec(), Vec::new());
    }
    let keys = unique_keys(columns);
    let renamed = columns
        .iter()
        .zip(&keys)
        .enumerate()
        .filter(|(_, (name, key))| name != key)
        .map(|(index, (name, key))| RenamedColumn {
            position: index + 1,
            name: name.clone(),
            key: key.clone(),
        })
        .collect();
    (keys, renamed)
}

/// Column names made unique, as sqlite-utils does for its JSON: the first of a name keeps it,
/// later ones get `_2`, `_3`..., skipping a suffix that is another column's own name
/// (`a, a, a_2` gives `a, a_3, a_2`).
pub fn unique_keys(columns: &[String]) -> Vec<String> {
    let own: std::collections::HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut used = std::collections::HashSet::new();
    let mut keys = Vec::with_capacity(columns.len());
    for (index, name) in columns.iter().enumerate() {
        // A column keeps its own name unless an earlier column already holds it.
        let earlier = columns[..index].contains(name);
        let key = if !earlier && !used.contains(name) {
            name.clone()
        } else {
            (2..)
                .map(|n| format!("{name}_{n}"))
                .find(|key| !own.contains(key.as_str()) && !used.contains(key))
                .expect("some suffix is free")
        };
        used.insert(key.clone());
        keys.push(key);
    }
    keys
}

/// A JSON array of rows, or JSON Lines; rows are objects, or arrays without headers.
pub(super) struct JsonSink<'a> {
    out: &'a mut dyn Write,
    lines: bool,
    objects: bool,
    columns: Vec<String>,
    count: u64,
}

impl<'a> JsonSink<'a> {
    pub(super) fn new(options: &OutputOptions, out: &'a mut dyn Write, lines: bool) -> Self {
        JsonSink {
            out,
            lines,
            objects: options.headers,
            columns: Vec::new(),
            count: 0,
        }
    }
}

impl Sink for JsonSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.to_vec();
        if !self.lines {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let value = if self.objects {
            let mut object = serde_json::Map::with_capacity(values.len());
            for (name, value) in self.columns.iter().zip(values) {
                object.insert(name.clone(), json_value(*value));
            }
            serde_json::Value::Object(object)
        } else {
            serde_json::Value::Array(values.iter().map(|v| json_value(*v)).collect())
        };
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
        }
        serde_json::to_writer(&mut *self.out, &value).map_err(std::io::Error::from)?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(None)
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
            text_bytes(value, "", &mut hex);
            String::from_utf8_lossy(&hex).into_owned().into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_get_the_first_free_suffix() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(unique_keys(&names(&["a", "b"])), names(&["a", "b"]));
        assert_eq!(
            unique_keys(&names(&["a", "a", "a"])),
            names(&["a", "a_2", "a_3"])
        );
        assert_eq!(
            unique_keys(&names(&["a", "a", "a_2"])),
            names(&["a", "a_3", "a_2"])
        );
    }
}
