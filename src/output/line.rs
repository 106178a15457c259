//! `--format line`: one `name = value` per line, as the `sqlite3` shell's `.mode line`.

use std::io::Write;

use rusqlite::types::ValueRef;
use unicode_width::UnicodeWidthStr;

use super::{one_line, text_bytes, OutputOptions, Sink, TooWide};
use crate::error::Result;

/// One `name = value` per line, as the `sqlite3` shell's `.mode line`: names right-aligned to
/// the widest, a blank line between rows. A value is never cut: its further lines are indented
/// under its first.
pub(super) struct LineSink<'a> {
    out: &'a mut dyn Write,
    null: &'a str,
    names: Vec<String>,
    indent: String,
    count: u64,
    buffer: Vec<u8>,
}

impl<'a> LineSink<'a> {
    pub(super) fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        LineSink {
            out,
            null: &options.null,
            names: Vec::new(),
            indent: String::new(),
            count: 0,
            buffer: Vec::new(),
        }
    }
}

impl Sink for LineSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        let names: Vec<String> = columns.iter().map(|c| one_line(c)).collect();
        let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
        self.names = names
            .iter()
            .map(|n| format!("{}{n}", " ".repeat(widest - n.width())))
            .collect();
        self.indent = " ".repeat(widest + 3);
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut text = String::new();
        if self.count > 0 {
            text.push('\n');
        }
        for (name, value) in self.names.iter().zip(values) {
            self.buffer.clear();
            text_bytes(*value, self.null, &mut self.buffer);
            let value = String::from_utf8_lossy(&self.buffer);
            text.push_str(name);
            // No space after `=` when nothing follows: no line ends in blanks.
            text.push_str(if value.is_empty() { " =" } else { " = " });
            if value.contains(['\n', '\r']) {
                let value = value.replace("\r\n", "\n");
                for (index, part) in value.split(['\n', '\r']).enumerate() {
                    if index > 0 {
                        text.push('\n');
                        text.push_str(&self.indent);
                    }
                    text.push_str(part);
                }
            } else {
                text.push_str(&value);
            }
            text.push('\n');
        }
        self.out.write_all(text.as_bytes())?;
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.out.flush()?;
        Ok(None)
    }
}
