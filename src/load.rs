//! Loading a CSV file into a table: the one path that seed files and `reldb import` share.
//!
//! Every value is checked before it is written: its type, partial ISO dates that exist in the
//! calendar, an end not before its start, states named by code or name (as of the row's date),
//! references to other rows, and duplicates against the file and the database. The caller owns
//! the transaction, so a refused file leaves the database as it was.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::Read;
use std::rc::Rc;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{ffi, params_from_iter, Connection, OptionalExtension, Statement, ToSql};

use crate::dates;
use crate::error::{Error, Result, RowError};
use crate::states::StateResolver;

/// How many rows pass between two calls of the progress callback.
const PROGRESS_EVERY: u64 = 8192;

/// Tables reldb keeps for itself; they cannot be loaded from CSV.
const INTERNAL_TABLES: [&str; 2] = ["reldb_meta", "refinery_schema_history"];

/// Pairs of columns where the second must not come before the first.
const DATE_RANGES: [(&str, &str); 7] = [
    ("start_date", "end_date"),
    ("opened_on", "closed_on"),
    ("joined_on", "left_on"),
    ("established_on", "severed_on"),
    ("signed_on", "in_force_on"),
    ("existed_from", "existed_until"),
    ("valid_from", "valid_until"),
];

/// What a loaded row does when its key is already in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse it as a duplicate (`reldb import`).
    Insert,
    /// Update the row in place (`reldb seed`, so that seeding twice changes nothing).
    Upsert,
}

/// How to read a file into a table.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Insert or upsert.
    pub mode: Mode,
    /// `(column, header)`: read `column` from a differently named header.
    pub map: Vec<(String, String)>,
    /// `(column, value)`: give `column` this value in every row.
    pub set: Vec<(String, String)>,
    /// Write the good rows and return the bad ones, instead of refusing the file.
    pub keep_going: bool,
    /// Drop the table's plain indexes before the load and build them again after it (in the
    /// same transaction): several times faster for large files.
    pub rebuild_indexes: bool,
}

impl LoadOptions {
    /// Options for a plain load in `mode`.
    pub fn new(mode: Mode) -> Self {
        LoadOptions {
            mode,
            map: Vec::new(),
            set: Vec::new(),
            keep_going: false,
            rebuild_indexes: false,
        }
    }
}

/// A row that was refused, with the reasons.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    /// The row's fields as read.
    pub record: Vec<String>,
    /// Why it was refused (one entry per problem).
    pub errors: Vec<RowError>,
}

/// What a load did.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// The table loaded.
    pub table: String,
    /// The header of the file.
    pub header: Vec<String>,
    /// Data rows read.
    pub rows_read: u64,
    /// Rows written (inserted or updated).
    pub rows_written: u64,
    /// Rows refused (only with `keep_going`; otherwise the load fails).
    pub rejected: Vec<RejectedRow>,
}

/// How a column's values are read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A whole number.
    Integer,
    /// A number.
    Real,
    /// Free text.
    Text,
    /// A partial ISO 8601 date.
    Date,
    /// A state (`states.iso2`), given by code or name.
    State,
}

/// A column as the loader sees it.
#[derive(Debug, Clone)]
pub struct ColumnInfo {
    /// The column's name.
    pub name: String,
    /// How values are checked.
    pub kind: ColumnKind,
    /// NOT NULL without a default: a row must give it.
    pub required: bool,
    /// The column's default (SQL text from the schema), used for an empty field.
    pub default: Option<String>,
    /// Part of the primary key.
    pub primary_key: bool,
    /// `(table, column)` it references, for a foreign key other than a state.
    pub references: Option<(String, String)>,
}

/// A loadable table's columns.
#[derive(Debug, Clone)]
pub struct TableInfo {
    /// The table's name.
    pub name: String,
    /// Its columns in schema order.
    pub columns: Vec<ColumnInfo>,
    /// The table's only key is an INTEGER PRIMARY KEY: duplicates are whole-row duplicates.
    rowid_key: bool,
}

/// The tables that can be loaded from CSV, sorted by name.
pub fn loadable_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )?;
    let names = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let mut tables = Vec::new();
    for name in names {
        let name = name?;
        if !INTERNAL_TABLES.contains(&name.as_str()) {
            tables.push(name);
        }
    }
    Ok(tables)
}

fn is_date_column(name: &str) -> bool {
    name.ends_with("_on")
        || name.ends_with("_date")
        || matches!(
            name,
            "as_of" | "existed_from" | "existed_until" | "valid_from" | "valid_until"
        )
}

impl TableInfo {
    /// Reads a table's columns, keys and references from the schema.
    pub fn read(conn: &Connection, table: &str) -> Result<Self> {
        let tables = loadable_tables(conn)?;
        if !tables.iter().any(|t| t == table) {
            return Err(Error::UnknownTable {
                name: table.to_string(),
                known: tables.join(", "),
            });
        }
        let mut references: HashMap<String, (String, String)> = HashMap::new();
        let mut stmt =
            conn.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?;
        let mut rows = stmt.query([table])?;
        while let Some(row) = rows.next()? {
            references.insert(row.get(0)?, (row.get(1)?, row.get(2)?));
        }
        let mut stmt = conn.prepare(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
        )?;
        let mut rows = stmt.query([table])?;
        let mut columns = Vec::new();
        let mut integer_key = false;
        let mut key_columns = 0;
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            let declared: String = row.get(1)?;
            let not_null: bool = row.get(2)?;
            let default: Option<String> = row.get(3)?;
            let primary_key = row.get::<_, i64>(4)? > 0;
            let reference = references.remove(&name);
            let kind = match (&reference, declared.as_str()) {
                (Some((t, _)), _) if t == "states" => ColumnKind::State,
                _ if is_date_column(&name) => ColumnKind::Date,
                (_, "INTEGER") => ColumnKind::Integer,
                (_, "REAL") => ColumnKind::Real,
                _ => ColumnKind::Text,
            };
            if primary_key {
                key_columns += 1;
                integer_key = declared == "INTEGER";
            }
            let rowid_alias = primary_key && declared == "INTEGER";
            columns.push(ColumnInfo {
                required: not_null && default.is_none() && !rowid_alias,
                references: reference.filter(|(t, _)| t != "states"),
                name,
                kind,
                default,
                primary_key,
            });
        }
        let has_unique_index: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND origin = 'u'",
                [table],
                |row| row.get(0),
            )
            .optional()?;
        Ok(TableInfo {
            name: table.to_string(),
            columns,
            rowid_key: key_columns == 1 && integer_key && has_unique_index.is_none(),
        })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    fn names(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where each loaded column's value comes from.
#[derive(Debug, Clone)]
enum Origin {
    Field(usize),
    /// `--set` value, shared (an `Rc`) so a row can borrow it while the loader changes.
    Fixed(Rc<str>),
}

/// A value ready to bind, borrowing its text from the CSV record or the state resolver, so
/// that loading a row allocates next to nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> Cell<'a> {
    fn value_ref(self) -> ValueRef<'a> {
        match self {
            Cell::Null => ValueRef::Null,
            Cell::Integer(i) => ValueRef::Integer(i),
            Cell::Real(r) => ValueRef::Real(r),
            Cell::Text(t) => ValueRef::Text(t.as_bytes()),
        }
    }
}

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(self.value_ref()))
    }
}

impl Cell<'_> {
    /// The value, owned (to remember it past the row).
    fn to_value(self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Integer(i) => Value::Integer(i),
            Cell::Real(r) => Value::Real(r),
            Cell::Text(t) => Value::Text(t.to_string()),
        }
    }

    /// Whether it equals an owned value, without allocating.
    fn is(self, value: &Value) -> bool {
        match (self, value) {
            (Cell::Null, Value::Null) => true,
            (Cell::Integer(a), Value::Integer(b)) => a == *b,
            (Cell::Real(a), Value::Real(b)) => a == *b,
            (Cell::Text(a), Value::Text(b)) => a == b,
            _ => false,
        }
    }

    fn shown(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Integer(i) => i.to_string(),
            Cell::Real(r) => r.to_string(),
            Cell::Text(t) => t.to_string(),
        }
    }
}

/// Hashes a value so that a row read from the file and the same row read back from the
/// database hash alike.
fn hash_cell(value: ValueRef<'_>, hasher: &mut DefaultHasher) {
    match value {
        ValueRef::Null => 0u8.hash(hasher),
        ValueRef::Integer(i) => (1u8, i).hash(hasher),
        ValueRef::Real(r) => (2u8, r.to_bits()).hash(hasher),
        ValueRef::Text(t) | ValueRef::Blob(t) => (3u8, t).hash(hasher),
    }
}

/// A hasher for keys that are already hashes: passes the u64 through.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A reference to another table, checked for every row (the last value found is remembered,
/// since imports often repeat one, such as a source id).
struct Reference<'c> {
    slot: usize,
    lookup: Statement<'c>,
    last_found: Option<Value>,
}

/// The load of one file into one table, with its prepared statements.
struct Loader<'c, 'r> {
    file: String,
    table: TableInfo,
    /// `(column index in table, origin)`, in insert order.
    plan: Vec<(usize, Origin)>,
    /// The `--set` value of each slot, if it has one (shared so a row can borrow them).
    fixed: Rc<Vec<Option<Rc<str>>>>,
    header: Vec<String>,
    insert: Statement<'c>,
    references: Vec<Reference<'c>>,
    /// Slots of date columns, in schema order: the first with a value dates the row.
    date_slots: Vec<usize>,
    /// For tables keyed by a row id only: whole-row duplicates are looked for.
    duplicates: Option<Duplicates<'c>>,
    resolver: &'r StateResolver,
    state_pair: Option<(usize, usize)>,
    ranges: Vec<(usize, usize)>,
}

/// Whole-row duplicate detection: hashes of the rows already in the table and of the rows
/// seen in the file, with a lookup to confirm a match against the table.
struct Duplicates<'c> {
    /// Slots hashed: every loaded column but the row id.
    slots: Vec<usize>,
    in_file: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    in_table: HashSet<u64, BuildHasherDefault<AlreadyHashed>>,
    lookup: Statement<'c>,
}

/// Loads CSV from `input` (named `file` in messages) into `table`. `progress` is called now
/// and then with the number of bytes read so far.
///
/// Runs on the caller's transaction; on error (or refused rows without `keep_going`) the
/// caller must roll back, which dropping an uncommitted transaction does.
pub fn load_csv(
    conn: &Connection,
    table: &str,
    file: &str,
    input: impl Read,
    options: &LoadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<LoadReport> {
    let newlines = Rc::new(RefCell::new(VecDeque::new()));
    let quotes = Rc::new(RefCell::new(0u64));
    let mut lines = LineNumbers {
        newlines: Rc::clone(&newlines),
        passed: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(NewlineTracker {
            inner: input,
            offset: 0,
            newlines,
            quotes: Rc::clone(&quotes),
        });
    let header = read_header(&mut reader, file)?;
    let resolver = StateResolver::load(conn)?;
    let rebuilt = if options.rebuild_indexes {
        drop_indexes(conn, table)?
    } else {
        Vec::new()
    };
    let mut loader = Loader::new(conn, table, file, header, options, &resolver)?;
    let mut report = LoadReport {
        table: table.to_string(),
        header: loader.header.clone(),
        rows_read: 0,
        rows_written: 0,
        rejected: Vec::new(),
    };
    let mut all_errors: Vec<RowError> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut last_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, e)),
        }
        // The line of the record's last byte (before its terminator), less the newlines
        // inside its quoted fields: csv's own start positions miss CRLF and blank lines.
        let end = reader.position().byte().saturating_sub(1);
        let inside = memchr::memchr_iter(b'\n', record.as_slice().as_bytes()).count() as u64;
        let ends_in_newline = record.iter().next_back().is_some_and(|f| f.ends_with('\n'));
        let line = (lines.line_at(end) + u64::from(ends_in_newline)).saturating_sub(inside);
        last_line = line;
        if record.as_slice().trim().is_empty() {
            continue;
        }
        report.rows_read += 1;
        if report.rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(record.position().map_or(0, |p| p.byte()));
        }
        match loader.load_row(&record, line) {
            Ok(()) => report.rows_written += 1,
            Err(errors) if options.keep_going => report.rejected.push(RejectedRow {
                record: record.iter().map(str::to_string).collect(),
                errors,
            }),
            Err(errors) => all_errors.extend(errors),
        }
    }
    // Quotes come in pairs ("" inside a field too): an odd count means the csv reader took
    // everything after an unclosed quote as one field.
    if *quotes.borrow() % 2 == 1 {
        return Err(Error::InvalidFile {
            file: format!("{file}:{last_line}"),
            message: "a quoted field opened in this row is never closed, so the rest of the \
                      file was read as part of it; close the quote (a quote inside a quoted \
                      field is written twice: \"\")"
                .to_string(),
        });
    }
    if !all_errors.is_empty() {
        return Err(Error::InvalidRows(all_errors));
    }
    drop(loader);
    for sql in rebuilt {
        conn.execute_batch(&sql)?;
    }
    Ok(report)
}

/// Passes bytes through, noting where each newline is (the csv crate counts a CRLF file's
/// lines one short, so reldb counts them itself) and how many quotes there are.
struct NewlineTracker<R> {
    inner: R,
    offset: u64,
    newlines: Rc<RefCell<VecDeque<u64>>>,
    quotes: Rc<RefCell<u64>>,
}

impl<R: Read> Read for NewlineTracker<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
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
    let header = reader.headers().map_err(|e| csv_error(file, e))?.clone();
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

impl<'c, 'r> Loader<'c, 'r> {
    fn new(
        conn: &'c Connection,
        table: &str,
        file: &str,
        header: Vec<String>,
        options: &LoadOptions,
        resolver: &'r StateResolver,
    ) -> Result<Self> {
        let table = TableInfo::read(conn, table)?;
        let plan = plan_columns(&table, &header, options, file)?;
        let insert = conn.prepare(&insert_sql(&table, &plan, options.mode))?;
        let mut references = Vec::new();
        for (slot, (index, _)) in plan.iter().enumerate() {
            if let Some((target, column)) = &table.columns[*index].references {
                let sql = format!(
                    "SELECT 1 FROM {} WHERE {} = ?1",
                    quote(target),
                    quote(column)
                );
                references.push(Reference {
                    slot,
                    lookup: conn.prepare(&sql)?,
                    last_found: None,
                });
            }
        }
        let duplicates = if table.rowid_key && options.mode == Mode::Insert {
            Some(Duplicates::new(conn, &table, &plan)?)
        } else {
            None
        };
        let position = |name: &str| {
            plan.iter()
                .position(|(i, _)| table.columns[*i].name == name)
        };
        let state_pair = position("state_a").zip(position("state_b"));
        let ranges = DATE_RANGES
            .iter()
            .filter_map(|(start, end)| position(start).zip(position(end)))
            .collect();
        let mut date_slots: Vec<usize> = (0..plan.len())
            .filter(|slot| table.columns[plan[*slot].0].kind == ColumnKind::Date)
            .collect();
        date_slots.sort_by_key(|slot| plan[*slot].0);
        let fixed = Rc::new(
            plan.iter()
                .map(|(_, origin)| match origin {
                    Origin::Fixed(value) => Some(Rc::clone(value)),
                    Origin::Field(_) => None,
                })
                .collect(),
        );
        Ok(Loader {
            fixed,
            file: file.to_string(),
            resolver,
            table,
            plan,
            header,
            insert,
            references,
            date_slots,
            duplicates,
            state_pair,
            ranges,
        })
    }

    fn error(&self, line: u64, slot: Option<usize>, message: String) -> RowError {
        let column = slot.map_or(String::new(), |slot| {
            let (index, origin) = &self.plan[slot];
            match origin {
                Origin::Field(field) => self.header[*field].clone(),
                Origin::Fixed(_) => self.table.columns[*index].name.clone(),
            }
        });
        RowError {
            file: self.file.clone(),
            line,
            column,
            message,
        }
    }

    fn load_row(&mut self, record: &csv::StringRecord, line: u64) -> Result<(), Vec<RowError>> {
        if record.len() != self.header.len() {
            return Err(vec![self.error(
                line,
                None,
                format!(
                    "has {} fields, the header has {}: check for a missing or extra comma, \
                     or an unclosed quote",
                    record.len(),
                    self.header.len()
                ),
            )]);
        }
        let fixed = Rc::clone(&self.fixed);
        let raw: Vec<Option<&str>> = self
            .plan
            .iter()
            .zip(fixed.iter())
            .map(|((_, origin), fixed)| {
                let text = match (origin, fixed) {
                    (Origin::Field(field), _) => record.get(*field).unwrap_or(""),
                    (_, Some(value)) => value,
                    (_, None) => "",
                };
                Some(text.trim()).filter(|t| !t.is_empty())
            })
            .collect();
        self.load_values(&raw, line)
    }

    fn load_values(&mut self, raw: &[Option<&str>], line: u64) -> Result<(), Vec<RowError>> {
        let mut errors = Vec::new();
        let row_date = self
            .date_slots
            .iter()
            .find_map(|slot| raw[*slot].filter(|d| dates::validate(d).is_ok()));
        let mut values: Vec<Cell<'_>> = Vec::with_capacity(raw.len());
        for (slot, text) in raw.iter().enumerate() {
            match self.convert(slot, *text, row_date) {
                Ok(value) => values.push(value),
                Err(message) => {
                    errors.push(self.error(line, Some(slot), message));
                    values.push(Cell::Null);
                }
            }
        }
        if errors.is_empty() {
            self.check_row(&mut values, line, &mut errors);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(message) = self.duplicate_of(&values, line) {
            return Err(vec![self.error(line, None, message)]);
        }
        self.insert
            .execute(params_from_iter(values.iter()))
            .map_err(|e| vec![self.error(line, None, constraint_message(&e))])?;
        Ok(())
    }

    fn convert<'a>(
        &self,
        slot: usize,
        text: Option<&'a str>,
        row_date: Option<&str>,
    ) -> Result<Cell<'a>, String>
    where
        'r: 'a,
    {
        let column = &self.table.columns[self.plan[slot].0];
        let Some(text) = text else {
            if column.required {
                return Err(format!("{} is required", column.name));
            }
            return Ok(Cell::Null);
        };
        match column.kind {
            ColumnKind::Text => Ok(Cell::Text(text)),
            ColumnKind::Integer => text
                .parse::<i64>()
                .map(Cell::Integer)
                .map_err(|_| format!("'{text}' is not a whole number")),
            ColumnKind::Real => text
                .parse::<f64>()
                .map(Cell::Real)
                .map_err(|_| format!("'{text}' is not a number")),
            ColumnKind::Date => dates::validate(text).map(|()| Cell::Text(text)),
            ColumnKind::State => self
                .resolver
                .resolve(text, row_date)
                .map(Cell::Text)
                .map_err(|e| e.to_string()),
        }
    }

    /// Rules across columns and tables: date ranges, pair order, references.
    fn check_row(&mut self, values: &mut [Cell<'_>], line: u64, errors: &mut Vec<RowError>) {
        for &(start, end) in &self.ranges {
            if let (Cell::Text(s), Cell::Text(e)) = (values[start], values[end]) {
                if !dates::not_before(e, s) {
                    let start_name = &self.table.columns[self.plan[start].0].name;
                    errors.push(self.error(
                        line,
                        Some(end),
                        format!("{e} is before {start_name} {s}"),
                    ));
                }
            }
        }
        if let Some((a, b)) = self.state_pair {
            if let (Cell::Text(x), Cell::Text(y)) = (values[a], values[b]) {
                match x.cmp(y) {
                    std::cmp::Ordering::Equal => errors.push(self.error(
                        line,
                        Some(b),
                        format!("a pair needs two different states, both are {x}"),
                    )),
                    // A pair is unordered; reldb stores it with state_a < state_b.
                    std::cmp::Ordering::Greater => values.swap(a, b),
                    std::cmp::Ordering::Less => {}
                }
            }
        }
        let mut missing = Vec::new();
        for reference in &mut self.references {
            let value = values[reference.slot];
            if value == Cell::Null {
                continue;
            }
            if reference
                .last_found
                .as_ref()
                .is_some_and(|found| value.is(found))
            {
                continue;
            }
            // A row may refer to itself (a sphere is its own sphere); SQLite allows that.
            let (target, key) = self.table.columns[self.plan[reference.slot].0]
                .references
                .as_ref()
                .expect("a reference");
            let refers_to_itself = *target == self.table.name
                && self
                    .plan
                    .iter()
                    .position(|(i, _)| self.table.columns[*i].name == *key)
                    .is_some_and(|own| values[own] == value);
            if refers_to_itself {
                continue;
            }
            match reference.lookup.exists([&value]) {
                Ok(true) => reference.last_found = Some(value.to_value()),
                Ok(false) => missing.push(reference.slot),
                Err(e) => errors.push(RowError {
                    file: self.file.clone(),
                    line,
                    column: String::new(),
                    message: e.to_string(),
                }),
            }
        }
        for slot in missing {
            let column = &self.table.columns[self.plan[slot].0];
            let (target, key) = column.references.as_ref().expect("a reference");
            let message = format!("no row in {target} has {key} {}", values[slot].shown());
            errors.push(self.error(line, Some(slot), message));
        }
    }

    /// For tables keyed only by a row id: the same row (but for its id) earlier in the file
    /// or already in the table is a duplicate.
    fn duplicate_of(&mut self, values: &[Cell<'_>], line: u64) -> Option<String> {
        let duplicates = self.duplicates.as_mut()?;
        let mut hasher = DefaultHasher::new();
        for slot in &duplicates.slots {
            hash_cell(values[*slot].value_ref(), &mut hasher);
        }
        let key = hasher.finish();
        if let Some(first) = duplicates.in_file.insert(key, line) {
            duplicates.in_file.insert(key, first);
            return Some(format!(
                "duplicate of line {first}: every field is the same"
            ));
        }
        if !duplicates.in_table.contains(&key) {
            return None;
        }
        let row: Vec<Cell<'_>> = duplicates.slots.iter().map(|s| values[*s]).collect();
        match duplicates
            .lookup
            .query_row(params_from_iter(row.iter()), |r| r.get::<_, i64>(0))
        {
            Ok(id) => Some(format!(
                "duplicate: {} row {id} already has the same values",
                self.table.name
            )),
            Err(_) => None,
        }
    }
}

impl<'c> Duplicates<'c> {
    fn new(conn: &'c Connection, table: &TableInfo, plan: &[(usize, Origin)]) -> Result<Self> {
        let slots: Vec<usize> = (0..plan.len())
            .filter(|slot| !table.columns[plan[*slot].0].primary_key)
            .collect();
        let columns: Vec<String> = slots
            .iter()
            .map(|slot| quote(&table.columns[plan[*slot].0].name))
            .collect();
        let conditions: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(n, column)| format!("{column} IS ?{}", n + 1))
            .collect();
        let lookup = conn.prepare(&format!(
            "SELECT rowid FROM {} WHERE {} LIMIT 1",
            quote(&table.name),
            conditions.join(" AND ")
        ))?;
        let mut in_table = HashSet::default();
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {}",
            columns.join(", "),
            quote(&table.name)
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut hasher = DefaultHasher::new();
            for index in 0..columns.len() {
                hash_cell(row.get_ref(index)?, &mut hasher);
            }
            in_table.insert(hasher.finish());
        }
        Ok(Duplicates {
            slots,
            in_file: HashMap::default(),
            in_table,
            lookup,
        })
    }
}

/// Drops the table's indexes that enforce nothing (not UNIQUE, not a key) and returns the SQL
/// that builds them again.
fn drop_indexes(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, m.sql FROM sqlite_master AS m \
         JOIN pragma_index_list(?1) AS i ON i.name = m.name \
         WHERE m.type = 'index' AND m.sql IS NOT NULL AND i.\"unique\" = 0",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX {}", quote(name)))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Quotes an identifier taken from the schema (never from user data).
fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn plan_columns(
    table: &TableInfo,
    header: &[String],
    options: &LoadOptions,
    file: &str,
) -> Result<Vec<(usize, Origin)>> {
    let invalid = |message: String| Error::InvalidFile {
        file: file.to_string(),
        message,
    };
    let mut plan: Vec<(usize, Origin)> = Vec::new();
    let mut used_headers: HashSet<usize> = HashSet::new();
    for (column, value) in &options.set {
        let index = table.column(column).ok_or_else(|| {
            invalid(format!(
                "--set {column}: {} has no column {column} (columns: {})",
                table.name,
                table.names()
            ))
        })?;
        plan.push((index, Origin::Fixed(Rc::from(value.as_str()))));
    }
    for (column, wanted) in &options.map {
        let index = table.column(column).ok_or_else(|| {
            invalid(format!(
                "--map {column}={wanted}: {} has no column {column} (columns: {})",
                table.name,
                table.names()
            ))
        })?;
        let field = header.iter().position(|h| h == wanted).ok_or_else(|| {
            invalid(format!(
                "--map {column}={wanted}: the header has no column {wanted} (header: {})",
                header.join(", ")
            ))
        })?;
        plan.retain(|(i, _)| *i != index);
        plan.push((index, Origin::Field(field)));
        used_headers.insert(field);
    }
    let mut unknown = Vec::new();
    for (field, name) in header.iter().enumerate() {
        if used_headers.contains(&field) {
            continue;
        }
        match table.column(name) {
            Some(index) if !plan.iter().any(|(i, _)| *i == index) => {
                plan.push((index, Origin::Field(field)));
            }
            Some(_) => {}
            None => unknown.push(if name.is_empty() {
                format!("(empty, column {})", field + 1)
            } else {
                name.clone()
            }),
        }
    }
    if !unknown.is_empty() {
        return Err(invalid(format!(
            "unknown column{} in the header: {}; {} has: {} (use --map COLUMN=HEADER to \
             rename, or remove the column)",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            table.name,
            table.names()
        )));
    }
    let missing: Vec<&str> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(index, column)| column.required && !plan.iter().any(|(i, _)| i == index))
        .map(|(_, column)| column.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(invalid(format!(
            "missing required column{}: {} (add {} to the header, or use --map or --set)",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        )));
    }
    Ok(plan)
}

fn insert_sql(table: &TableInfo, plan: &[(usize, Origin)], mode: Mode) -> String {
    let columns: Vec<&ColumnInfo> = plan.iter().map(|(i, _)| &table.columns[*i]).collect();
    let names: Vec<String> = columns.iter().map(|c| quote(&c.name)).collect();
    let placeholders: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(n, c)| match &c.default {
            Some(default) => format!("coalesce(?{}, {default})", n + 1),
            None => format!("?{}", n + 1),
        })
        .collect();
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(&table.name),
        names.join(", "),
        placeholders.join(", ")
    );
    if mode == Mode::Upsert {
        let keys: Vec<String> = table
            .columns
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| quote(&c.name))
            .collect();
        let updates: Vec<String> = columns
            .iter()
            .filter(|c| !c.primary_key)
            .map(|c| format!("{0} = excluded.{0}", quote(&c.name)))
            .collect();
        if updates.is_empty() {
            sql.push_str(&format!(" ON CONFLICT ({}) DO NOTHING", keys.join(", ")));
        } else {
            sql.push_str(&format!(
                " ON CONFLICT ({}) DO UPDATE SET {}",
                keys.join(", "),
                updates.join(", ")
            ));
        }
    }
    sql
}

fn constraint_message(error: &rusqlite::Error) -> String {
    if let rusqlite::Error::SqliteFailure(failure, Some(message)) = error {
        let detail = message
            .split_once("failed: ")
            .map_or(message.as_str(), |(_, d)| d);
        match failure.extended_code {
            ffi::SQLITE_CONSTRAINT_PRIMARYKEY | ffi::SQLITE_CONSTRAINT_UNIQUE => {
                return format!(
                    "duplicate: a row with the same {detail} is already in the table \
                     or earlier in this file"
                )
            }
            ffi::SQLITE_CONSTRAINT_CHECK => {
                return format!("breaks a rule of the schema: {detail}")
            }
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
                return "refers to a row that does not exist".to_string()
            }
            _ => {}
        }
    }
    error.to_string()
}
