//! CSV and TSV, with `--excel`'s byte order mark, CRLF and formula guard.

use std::io::Write;

use rusqlite::types::ValueRef;

use super::{text_bytes, OutputOptions, Sink, TooWide};
use crate::error::{Error, Result, UsageError};

/// Whether a spreadsheet would run this text as a formula: it starts with `=`, `+`, `-` or `@`,
/// or with a tab or carriage return (OWASP's list for CSV injection).
pub fn looks_like_formula(text: &[u8]) -> bool {
    matches!(
        text.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// CSV and TSV, through the csv crate.
pub(super) struct DelimitedSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    options: &'a OutputOptions,
    number: itoa::Buffer,
    buffer: Vec<u8>,
}

impl<'a> DelimitedSink<'a> {
    pub(super) fn new(
        options: &'a OutputOptions,
        out: &'a mut dyn Write,
        delimiter: u8,
    ) -> Result<Self> {
        if options.excel {
            // The byte order mark tells a spreadsheet the file is UTF-8.
            out.write_all("\u{feff}".as_bytes())?;
        }
        let terminator = if options.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .buffer_capacity(1 << 16)
            .from_writer(out);
        Ok(DelimitedSink {
            writer,
            options,
            number: itoa::Buffer::new(),
            buffer: Vec::new(),
        })
    }
}

impl Sink for DelimitedSink<'_> {
    fn header(&mut self, columns: &[String]) -> Result<()> {
        if self.options.headers {
            self.writer.write_record(columns).map_err(csv_to_io)?;
        }
        Ok(())
    }

    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<()> {
        for value in values {
            // The common fields go straight from SQLite's memory into the writer's buffer.
            let written = match *value {
                ValueRef::Text(t) if !(self.options.excel && looks_like_formula(t)) => {
                    self.writer.write_field(t)
                }
                ValueRef::Integer(i) => self.writer.write_field(self.number.format(i)),
                ValueRef::Null => self.writer.write_field(self.options.null.as_bytes()),
                other => {
                    self.buffer.clear();
                    if matches!(other, ValueRef::Text(_)) {
                        self.buffer.push(b'\'');
                    }
                    text_bytes(other, &self.options.null, &mut self.buffer);
                    self.writer.write_field(&self.buffer)
                }
            };
            written.map_err(csv_to_io)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(csv_to_io)
    }

    fn finish(&mut self) -> Result<Option<TooWide>> {
        self.writer.flush()?;
        Ok(None)
    }
}

fn csv_to_io(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => Error::Output(e),
        other => UsageError::CsvWrite {
            what: "CSV".to_string(),
            reason: format!("{other:?}"),
        }
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_recognised() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(looks_like_formula(text.as_bytes()), "{text:?}");
        }
        for text in ["1", "a=b", "", "'=x"] {
            assert!(!looks_like_formula(text.as_bytes()), "{text:?}");
        }
    }
}
