//! The aligned table for people: every row read first, then fitted to the width.

use std::io::Write;

use rusqlite::types::ValueRef;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{fit_widths, never_cut, one_line, text_bytes, OutputOptions, Sink, TooWide};
use crate::error::Result;

/// An aligned table: every row is read first, then the columns are sized to fit the width.
pub(super) struct TableSink<'a> {
    out: &'a mut dyn Write,
    options: &'a OutputOptions,
    columns: Vec<String>,
    cells: Vec<Vec<String>>,
    /// Per column: whether every value so far is one a table never cuts ([`never_cut`]).
    kept: Vec<bool>,
}

impl<'a> TableSink<'a> {
    pub(super) fn new(options: &'a OutputOptions, out: &'a mut dyn Write) -> Self {
        TableSink {
            out,
            options,
            columns: Vec::new(),
            cells: Vec::new(),
            kept: Vec::new(),
        }
    }
}

impl Sink for TableSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.iter().map(|c| one_line(c)).collect();
        self.kept = vec![true; columns.len()];
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        let mut line = Vec::with_capacity(values.len());
        let mut buffer = Vec::new();
        for (value, kept) in values.iter().zip(&mut self.kept) {
            *kept = *kept && never_cut(*value);
            buffer.clear();
            text_bytes(*value, &self.options.null, &mut buffer);
            line.push(one_line(&String::from_utf8_lossy(&buffer)));
        }
        self.cells.push(line);
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        let table = Table {
            columns: &self.columns,
            cells: &self.cells,
            kept: &self.kept,
            headers: self.options.headers,
        };
        table.write(self.options.width, &mut *self.out)
    }
}

/// A table's cells, read whole, ready to be fitted and written.
struct Table<'a> {
    columns: &'a [String],
    cells: &'a [Vec<String>],
    kept: &'a [bool],
    headers: bool,
}

impl Table<'_> {
    /// Writes the table fitted to `available` columns; says so if it is wider all the same.
    fn write(&self, available: usize, out: &mut dyn Write) -> Result<Option<TooWide>> {
        let widths = self.widths(available);
        let line = |out: &mut dyn Write, fields: &[String]| -> std::io::Result<()> {
            let padded: Vec<String> = fields
                .iter()
                .zip(&widths)
                .map(|(field, width)| {
                    let shown = shorten(field, *width);
                    let pad = width.saturating_sub(shown.width());
                    format!("{shown}{}", " ".repeat(pad))
                })
                .collect();
            writeln!(out, "{}", padded.join("  ").trim_end())
        };
        if self.headers {
            line(out, self.columns)?;
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            line(out, &rule)?;
        }
        for row in self.cells {
            line(out, row)?;
        }
        out.flush()?;
        let width = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        Ok((width > available).then_some(TooWide { width, available }))
    }

    fn widths(&self, available: usize) -> Vec<usize> {
        let data: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                self.cells
                    .iter()
                    .map(|row| row[i].width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let natural: Vec<usize> = data
            .iter()
            .zip(self.columns)
            .map(|(d, c)| {
                if self.headers {
                    (*d).max(c.width())
                } else {
                    *d
                }
            })
            .collect();
        fit_widths(&natural, &data, self.kept, available)
    }
}

/// `text` cut to at most `max` terminal columns, ending in `…` where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if width + w > max - 1 {
            break;
        }
        cut.push(c);
        width += w;
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_text_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(shorten("Tajikistan", 6), "Tajik…");
        assert_eq!(shorten("Tajikistan", 10), "Tajikistan");
        assert_eq!(shorten("東京都庁舎", 6).width(), 5);
    }
}
