//! Reading lines: the bounded CSV reader, line numbers that CRLF and quoted newlines do not
//! throw off, and quotes left open.

use std::cell::{Cell as SharedCell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::io::Read;
use std::rc::Rc;

use crate::error::{Error, Result};

/// The longest header reldb reads, in bytes: a header of 64 KiB names far more columns than
/// any table has, and reading stops there on a file that is not CSV (`/dev/zero`).
pub(super) const MAX_HEADER_BYTES: u64 = 64 << 10;
/// The longest row (one record, over as many lines as its quoted fields span), in bytes.
pub(super) const MAX_ROW_BYTES: u64 = 16 << 20;
/// The longest field, in bytes.
pub(super) const MAX_FIELD_BYTES: usize = 1 << 20;
/// The csv reader's buffer: how far reading may run ahead of the record being parsed.
const CSV_BUFFER_BYTES: usize = 8 << 10;

/// The rows of a CSV file, each with the line it ends on, read within the bounds above.
pub(super) struct CsvRows<R: Read> {
    reader: csv::Reader<NewlineTracker<R>>,
    lines: LineNumbers,
    quotes: Rc<RefCell<u64>>,
    bounds: Rc<Bounds>,
    file: String,
    last_line: u64,
}

impl<R: Read> CsvRows<R> {
    /// Starts reading `input` (named `file` in messages): reads and returns its header.
    pub(super) fn open(input: R, file: &str, delimiter: u8) -> Result<(Self, Vec<String>)> {
        let newlines = Rc::new(RefCell::new(VecDeque::new()));
        let quotes = Rc::new(RefCell::new(0u64));
        let bounds = Rc::new(Bounds {
            record_start: SharedCell::new(0),
            limit: SharedCell::new(MAX_HEADER_BYTES),
        });
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .delimiter(delimiter)
            .flexible(true)
            .buffer_capacity(CSV_BUFFER_BYTES)
            .from_reader(NewlineTracker {
                inner: input,
                offset: 0,
                newlines: Rc::clone(&newlines),
                quotes: Rc::clone(&quotes),
                bounds: Rc::clone(&bounds),
            });
        let header = read_header(&mut reader, file)?;
        bounds.next_record(reader.position().byte(), MAX_ROW_BYTES);
        let rows = CsvRows {
            reader,
            lines: LineNumbers {
                newlines,
                passed: 0,
            },
            quotes,
            bounds,
            file: file.to_string(),
            last_line: 1,
        };
        Ok((rows, header))
    }

    /// Reads the next row that is not blank into `record`: the line it ends on, or `None` at
    /// the end of the file.
    pub(super) fn next(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>> {
        loop {
            match self.reader.read_record(record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) if is_too_long(&e) => return Err(self.row_too_long()),
                Err(e) => return Err(csv_error(&self.file, e)),
            }
            // The reader may run a buffer past the limit; the row as read is measured exactly.
            if (record.as_slice().len() + record.len()) as u64 > MAX_ROW_BYTES {
                return Err(self.row_too_long());
            }
            let end = self.reader.position().byte();
            self.bounds.next_record(end, MAX_ROW_BYTES);
            // The line of the record's last byte (before its terminator), less the newlines
            // inside its quoted fields: csv's own start positions miss CRLF and blank lines.
            let inside = memchr::memchr_iter(b'\n', record.as_slice().as_bytes()).count() as u64;
            let ends_in_newline = record.iter().next_back().is_some_and(|f| f.ends_with('\n'));
            let line = (self.lines.line_at(end.saturating_sub(1)) + u64::from(ends_in_newline))
                .saturating_sub(inside);
            self.last_line = line;
            if !record.as_slice().trim().is_empty() {
                return Ok(Some(line));
            }
        }
    }

    fn row_too_long(&mut self) -> Error {
        let line = self.lines.line_at(self.bounds.record_start.get());
        too_long(&self.file, line, MAX_ROW_BYTES, "row")
    }

    /// Refuses a file whose last quote is never closed, once every row is read.
    pub(super) fn finish(&self) -> Result<()> {
        // Quotes come in pairs ("" inside a field too): an odd count means the csv reader took
        // everything after an unclosed quote as one field.
        if self.quotes.borrow().is_multiple_of(2) {
            return Ok(());
        }
        Err(Error::InvalidFile {
            file: format!("{}:{}", self.file, self.last_line),
            message: "a quoted field opened in this row is never closed, so the rest of the \
                      file was read as part of it; close the quote (a quote inside a quoted \
                      field is written twice: \"\")"
                .to_string(),
        })
    }
}

/// Where the record being read starts, and how long it may grow: shared by the loader, which
/// knows where records end, and the reader below, which stops reading past the limit.
struct Bounds {
    record_start: SharedCell<u64>,
    limit: SharedCell<u64>,
}

impl Bounds {
    fn next_record(&self, start: u64, limit: u64) {
        self.record_start.set(start);
        self.limit.set(limit);
    }
}

/// The error the reader gives when a record outgrows its limit.
#[derive(Debug)]
struct TooLong;

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for TooLong {}

fn is_too_long(error: &csv::Error) -> bool {
    matches!(error.kind(), csv::ErrorKind::Io(e)
        if e.get_ref().is_some_and(|inner| inner.is::<TooLong>()))
}

fn too_long(file: &str, line: u64, limit: u64, what: &str) -> Error {
    Error::InvalidFile {
        file: format!("{file}:{line}"),
        message: format!(
            "the {what} starting on this line is longer than {} (reldb stopped reading \
             there): is this a CSV file, or is a quote left open? The limits are a header of \
             {}, a row of {} and a field of {}",
            size(limit),
            size(MAX_HEADER_BYTES),
            size(MAX_ROW_BYTES),
            size(MAX_FIELD_BYTES as u64)
        ),
    }
}

/// A size in KiB or MiB, as the limits are written.
pub(super) fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// Passes bytes through, noting where each newline is (the csv crate counts a CRLF file's
/// lines one short, so reldb counts them itself) and how many quotes there are, and stops
/// with [`TooLong`] once the record being read outgrows its limit, so that memory stays
/// bounded whatever the input (a pipe, `/dev/zero`).
struct NewlineTracker<R> {
    inner: R,
    offset: u64,
    newlines: Rc<RefCell<VecDeque<u64>>>,
    quotes: Rc<RefCell<u64>>,
    bounds: Rc<Bounds>,
}

impl<R: Read> Read for NewlineTracker<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        // The csv reader asks for a buffer's worth ahead of what it has parsed.
        let ahead = CSV_BUFFER_BYTES as u64;
        if self.offset - self.bounds.record_start.get() > self.bounds.limit.get() + ahead {
            return Err(std::io::Error::other(TooLong));
        }
        let read = self.inner.read(buffer)?;
        let mut newlines = self.newlines.borrow_mut();
        let mut quotes = 0;
        for index in memchr::memchr2_iter(b'\n', b'"', &buffer[..read]) {
            if buffer[index] == b'\n' {
                newlines.push_back(self.offset + index as u64);
            } else {
                quotes += 1;
            }
        }
        *self.quotes.borrow_mut() += quotes;
        self.offset += read as u64;
        Ok(read)
    }
}

/// Turns byte offsets, which only grow, into 1-based line numbers.
struct LineNumbers {
    newlines: Rc<RefCell<VecDeque<u64>>>,
    passed: u64,
}

impl LineNumbers {
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut newlines = self.newlines.borrow_mut();
        while newlines.front().is_some_and(|&n| n < byte) {
            newlines.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

fn read_header<R: Read>(reader: &mut csv::Reader<R>, file: &str) -> Result<Vec<String>> {
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(e) if is_too_long(&e) => return Err(too_long(file, 1, MAX_HEADER_BYTES, "header")),
        Err(e) => return Err(csv_error(file, e)),
    };
    if header.as_slice().len() as u64 > MAX_HEADER_BYTES {
        return Err(too_long(file, 1, MAX_HEADER_BYTES, "header"));
    }
    let header: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            };
            h.trim().to_string()
        })
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(Error::InvalidFile {
            file: file.to_string(),
            message: "the file is empty: expected a header row naming the columns".to_string(),
        });
    }
    Ok(header)
}

fn csv_error(file: &str, error: csv::Error) -> Error {
    let line = error.position().map_or(0, |p| p.line());
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "is not UTF-8 text; re-save it as UTF-8 (in a spreadsheet: CSV UTF-8)".to_string()
        }
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => error.to_string(),
    };
    Error::InvalidFile {
        file: if line > 0 {
            format!("{file}:{line}")
        } else {
            file.to_string()
        },
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Result<Vec<u64>> {
        let (mut rows, _) = CsvRows::open(text.as_bytes(), "t.csv", b',')?;
        let mut record = csv::StringRecord::new();
        let mut lines = Vec::new();
        while let Some(line) = rows.next(&mut record)? {
            lines.push(line);
        }
        rows.finish()?;
        Ok(lines)
    }

    #[test]
    fn each_row_has_the_line_it_starts_on_past_crlf_blank_lines_and_quoted_newlines() {
        let text = "a,b\r\n1,2\r\n\r\n\"x\ny\",3\r\n4,5\n\n6,\"z\nw\"\n7,8";
        assert_eq!(lines_of(text).unwrap(), [2, 4, 6, 8, 10]);
    }

    #[test]
    fn the_header_is_trimmed_of_spaces_and_a_byte_order_mark() {
        let (_, header) = CsvRows::open("\u{feff}a , b\n".as_bytes(), "t.csv", b',').unwrap();
        assert_eq!(header, ["a", "b"]);
    }

    #[test]
    fn an_unclosed_quote_is_refused_at_the_end_naming_its_row() {
        let error = lines_of("a,b\n1,2\n3,\"open\n4,5\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("t.csv:3"), "{error}");
        assert!(error.contains("never closed"), "{error}");
    }

    #[test]
    fn a_header_without_end_is_refused_at_its_limit() {
        let endless = std::io::repeat(b'a');
        let Err(error) = CsvRows::open(endless, "t.csv", b',') else {
            panic!("an endless header was read");
        };
        let error = error.to_string();
        assert!(
            error.contains("t.csv:1") && error.contains("header"),
            "{error}"
        );
    }

    #[test]
    fn a_row_without_end_is_refused_at_its_limit_naming_its_line() {
        let endless = "a\n1\n".as_bytes().chain(std::io::repeat(b'x'));
        let (mut rows, _) = CsvRows::open(endless, "t.csv", b',').unwrap();
        let mut record = csv::StringRecord::new();
        assert_eq!(rows.next(&mut record).unwrap(), Some(2));
        let error = rows.next(&mut record).unwrap_err().to_string();
        assert!(
            error.contains("t.csv:3") && error.contains("row"),
            "{error}"
        );
    }
}
