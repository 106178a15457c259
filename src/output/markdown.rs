//! GitHub-flavoured Markdown tables.

use std::io::Write;

use rusqlite::types::ValueRef;

use super::{text_bytes, OutputOptions, Sink, TooWide};
use crate::error::Result;

/// A GitHub-flavoured Markdown table, written row by row (cells are not padded).
pub(super) struct MarkdownSink<'a> {
    out: &'a mut dyn Write,
    null: &'a str,
    buffer: Vec<u8>,
}

impl<'a> MarkdownSink<'a> {
    pub(super) fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        MarkdownSink {
            out,
            null: &options.null,
            buffer: Vec::new(),
        }
    }

    fn line<'c>(&mut self, cells: impl Iterator<Item = &'c str>) -> Result<()> {
        let mut line = String::from("|");
        for cell in cells {
            line.push(' ');
            line.push_str(&crate::markup::escape_markdown_cell(cell));
            line.push_str(" |");
        }
        line.push('\n');
        self.out.write_all(line.as_bytes())?;
        Ok(())
    }
}

impl Sink for MarkdownSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.line(columns.iter().map(String::as_str))?;
        let rule = format!("|{}\n", "---|".repeat(columns.len()));
        self.out.write_all(rule.as_bytes())?;
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut cells = Vec::with_capacity(values.len());
        for value in values {
            self.buffer.clear();
            text_bytes(*value, self.null, &mut self.buffer);
            cells.push(String::from_utf8_lossy(&self.buffer).into_owned());
        }
        self.line(cells.iter().map(String::as_str))
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.out.flush()?;
        Ok(None)
    }
}
