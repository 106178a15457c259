//! Loading a CSV file into a table: the one path that seed files and `reldb import` share.
//!
//! Every value is checked before it is written: its type, partial ISO dates that exist in the
//! calendar, an end not before its start, states named by code or name (as of the row's date),
//! references to other rows, and duplicates against the file and the database. The caller owns
//! the transaction, so a refused file leaves the database as it was.

use std::cell::{Cell as SharedCell, RefCell};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::Read;
use std::rc::Rc;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{ffi, params_from_iter, Connection, OptionalExtension, Statement, ToSql};

use crate::dates;
use crate::error::{capped_list, Error, Result, RowError};
use crate::states::{self, Meaning, StateResolver};

/// How many rows pass between two calls of the progress callback.
const PROGRESS_EVERY: u64 = 8192;

/// The longest header reldb reads, in bytes: a header of 64 KiB names far more columns than
/// any table has, and reading stops there on a file that is not CSV (`/dev/zero`).
pub const MAX_HEADER_BYTES: u64 = 64 << 10;
/// The longest row (one record, over as many lines as its quoted fields span), in bytes.
pub const MAX_ROW_BYTES: u64 = 16 << 20;
/// The longest field, in bytes.
pub const MAX_FIELD_BYTES: usize = 1 << 20;
/// The csv reader's buffer: how far reading may run ahead of the record being parsed.
const CSV_BUFFER_BYTES: usize = 8 << 10;

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
    /// Every key (the primary key and each UNIQUE constraint), as column indexes.
    keys: Vec<Vec<usize>>,
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
        let keys = read_keys(conn, table, &columns)?;
        Ok(TableInfo {
            name: table.to_string(),
            columns,
            rowid_key: key_columns == 1 && integer_key && has_unique_index.is_none(),
            keys,
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

/// The table's keys as column indexes: its primary key (an INTEGER PRIMARY KEY has no index
/// of its own) and every unique index.
fn read_keys(conn: &Connection, table: &str, columns: &[ColumnInfo]) -> Result<Vec<Vec<usize>>> {
    let position = |name: &str| columns.iter().position(|c| c.name == name);
    let mut keys = Vec::new();
    let primary: Vec<usize> = (0..columns.len())
        .filter(|i| columns[*i].primary_key)
        .collect();
    if !primary.is_empty() {
        keys.push(primary);
    }
    let mut stmt = conn.prepare(
        "SELECT i.name, i.origin FROM pragma_index_list(?1) AS i WHERE i.\"unique\" = 1",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
    for (index, origin) in indexes {
        if origin == "pk" {
            continue;
        }
        let names: Vec<Option<String>> = stmt
            .query_map([&index], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // An index on an expression has no column name: it cannot be checked here.
        let key: Option<Vec<usize>> = names
            .iter()
            .map(|n| n.as_deref().and_then(position))
            .collect();
        if let Some(key) = key.filter(|k| !k.is_empty()) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// One key of the table whose columns all come from the file: the lines where each key value
/// was first written, so that a key repeated in the file is refused with both lines instead of
/// replacing (seed) or clashing with (import) the earlier row.
struct FileKey<'c> {
    /// The key's slots in the plan.
    slots: Vec<usize>,
    /// Hash of the key's values to the line that wrote them.
    lines: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    /// Confirms that a row with these key values was written (a hash is not proof).
    lookup: Statement<'c>,
}

impl<'c> FileKey<'c> {
    fn new(
        conn: &'c Connection,
        table: &TableInfo,
        key: &[usize],
        plan: &[(usize, Origin)],
    ) -> Result<Option<Self>> {
        let slots: Option<Vec<usize>> = key
            .iter()
            .map(|column| plan.iter().position(|(i, _)| i == column))
            .collect();
        let Some(slots) = slots else { return Ok(None) };
        let conditions: Vec<String> = key
            .iter()
            .enumerate()
            .map(|(n, column)| format!("{} = ?{}", quote(&table.columns[*column].name), n + 1))
            .collect();
        let lookup = conn.prepare(&format!(
            "SELECT 1 FROM {} WHERE {}",
            quote(&table.name),
            conditions.join(" AND ")
        ))?;
        Ok(Some(FileKey {
            slots,
            lines: HashMap::default(),
            lookup,
        }))
    }

    /// The hash of this row's key, or `None` where a value is NULL (a NULL key is no key: a
    /// row id is assigned, and UNIQUE lets NULLs repeat).
    fn hash(&self, values: &[Cell<'_>]) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        for slot in &self.slots {
            if values[*slot] == Cell::Null {
                return None;
            }
            hash_cell(values[*slot].value_ref(), &mut hasher);
        }
        Some(hasher.finish())
    }

    /// The earlier line that wrote the same key, if any.
    fn earlier_line(&mut self, values: &[Cell<'_>]) -> Option<u64> {
        let hash = self.hash(values)?;
        let line = *self.lines.get(&hash)?;
        let key: Vec<Cell<'_>> = self.slots.iter().map(|s| values[*s]).collect();
        match self.lookup.exists(params_from_iter(key.iter())) {
            Ok(true) => Some(line),
            _ => None,
        }
    }

    fn remember(&mut self, values: &[Cell<'_>], line: u64) {
        if let Some(hash) = self.hash(values) {
            self.lines.entry(hash).or_insert(line);
        }
    }
}

/// The slots of `state_aliases`' columns, and the aliases the file has given so far (the
/// resolver knows only those loaded before).
struct Aliases {
    alias: usize,
    state: usize,
    valid_from: Option<usize>,
    valid_until: Option<usize>,
    /// Folded alias to the meanings given it in this file, with their lines.
    seen: HashMap<String, Vec<(OwnedMeaning, u64)>>,
}

impl Aliases {
    fn new(table: &TableInfo, plan: &[(usize, Origin)]) -> Option<Self> {
        if table.name != "state_aliases" {
            return None;
        }
        let slot = |name: &str| {
            plan.iter()
                .position(|(i, _)| table.columns[*i].name == name)
        };
        Some(Aliases {
            alias: slot("alias")?,
            state: slot("state")?,
            valid_from: slot("valid_from"),
            valid_until: slot("valid_until"),
            seen: HashMap::new(),
        })
    }
}

/// A [`Meaning`] kept past its row.
struct OwnedMeaning {
    iso2: String,
    valid_from: Option<String>,
    valid_until: Option<String>,
}

impl OwnedMeaning {
    fn from(meaning: &Meaning<'_>) -> Self {
        OwnedMeaning {
            iso2: meaning.iso2.to_string(),
            valid_from: meaning.valid_from.map(str::to_string),
            valid_until: meaning.valid_until.map(str::to_string),
        }
    }

    fn meaning(&self) -> Meaning<'_> {
        Meaning {
            iso2: &self.iso2,
            valid_from: self.valid_from.as_deref(),
            valid_until: self.valid_until.as_deref(),
        }
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
    /// The table's keys that the file gives: each may appear once in the file.
    keys: Vec<FileKey<'c>>,
    /// For `state_aliases`: the aliases of this file, which must not shadow another state.
    aliases: Option<Aliases>,
    resolver: &'r StateResolver,
    state_pair: Option<(usize, usize)>,
    ranges: Vec<(usize, usize)>,
}

/// Whole-row duplicate detection: hashes of the rows already in the table (each with its row
/// id, to confirm a match by key, in constant time even while the load has dropped the
/// table's indexes) and of the rows seen in the file.
struct Duplicates<'c> {
    /// Slots hashed: every loaded column but the row id.
    slots: Vec<usize>,
    in_file: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    in_table: HashMap<u64, i64, BuildHasherDefault<AlreadyHashed>>,
    /// The hashed columns of one row, by row id.
    by_rowid: Statement<'c>,
    /// The same row searched for by value: only where two rows of the table share a hash.
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
    let bounds = Rc::new(Bounds {
        record_start: SharedCell::new(0),
        limit: SharedCell::new(MAX_HEADER_BYTES),
    });
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(CSV_BUFFER_BYTES)
        .from_reader(NewlineTracker {
            inner: input,
            offset: 0,
            newlines,
            quotes: Rc::clone(&quotes),
            bounds: Rc::clone(&bounds),
        });
    let header = read_header(&mut reader, file)?;
    bounds.next_record(reader.position().byte(), MAX_ROW_BYTES);
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
            Err(e) if is_too_long(&e) => {
                let line = lines.line_at(bounds.record_start.get());
                return Err(too_long(file, line, MAX_ROW_BYTES, "row"));
            }
            Err(e) => return Err(csv_error(file, e)),
        }
        // The reader may run a buffer past the limit; the row as read is measured exactly.
        if (record.as_slice().len() + record.len()) as u64 > MAX_ROW_BYTES {
            let line = lines.line_at(bounds.record_start.get());
            return Err(too_long(file, line, MAX_ROW_BYTES, "row"));
        }
        bounds.next_record(reader.position().byte(), MAX_ROW_BYTES);
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
fn size(bytes: u64) -> String {
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
        let aliases = Aliases::new(&table, &plan);
        let mut keys = Vec::new();
        for key in &table.keys {
            keys.extend(FileKey::new(conn, &table, key, &plan)?);
        }
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
            keys,
            aliases,
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
        self.refuse_long_fields(record, line)?;
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
        if let Some(error) = self.repeated_key(&values, line) {
            return Err(vec![error]);
        }
        if let Some(error) = self.shadowing_alias(&values, line) {
            return Err(vec![error]);
        }
        self.insert
            .execute(params_from_iter(values.iter()))
            .map_err(|e| vec![self.insert_error(&e, &values, line)])?;
        for key in &mut self.keys {
            key.remember(&values, line);
        }
        Ok(())
    }

    /// A field over [`MAX_FIELD_BYTES`] is refused (the row it is in was bounded while read).
    fn refuse_long_fields(
        &self,
        record: &csv::StringRecord,
        line: u64,
    ) -> Result<(), Vec<RowError>> {
        let errors: Vec<RowError> = record
            .iter()
            .enumerate()
            .filter(|(_, field)| field.len() > MAX_FIELD_BYTES)
            .map(|(index, field)| RowError {
                file: self.file.clone(),
                line,
                column: self.header.get(index).cloned().unwrap_or_default(),
                message: format!(
                    "the field is {} bytes long, more than the limit of {}: is a quote left \
                     open?",
                    field.len(),
                    size(MAX_FIELD_BYTES as u64)
                ),
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The error of a refused insert; a CHECK constraint's names the columns it reads, with
    /// their values.
    fn insert_error(&self, error: &rusqlite::Error, values: &[Cell<'_>], line: u64) -> RowError {
        let message = constraint_message(error);
        let rusqlite::Error::SqliteFailure(failure, Some(detail)) = error else {
            return self.error(line, None, message);
        };
        if failure.extended_code != ffi::SQLITE_CONSTRAINT_CHECK {
            return self.error(line, None, message);
        }
        let mut slots: Vec<usize> = Vec::new();
        for word in detail.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            let slot = self
                .plan
                .iter()
                .position(|(i, _)| self.table.columns[*i].name == word);
            if let Some(slot) = slot.filter(|s| !slots.contains(s)) {
                slots.push(slot);
            }
        }
        let Some(first) = slots.first() else {
            return self.error(line, None, message);
        };
        let shown: Vec<String> = slots
            .iter()
            .map(|s| {
                let name = &self.table.columns[self.plan[*s].0].name;
                match values[*s] {
                    Cell::Null => format!("{name} = NULL"),
                    value => format!("{name} = '{}'", abridged(&value.shown())),
                }
            })
            .collect();
        let rule = detail
            .split_once("failed: ")
            .map_or(detail.as_str(), |(_, d)| d);
        let verb = if slots.len() == 1 { "breaks" } else { "break" };
        let message = format!("{} {verb} a rule of the schema: {rule}", shown.join(", "));
        self.error(line, Some(*first), message)
    }

    /// An alias that names another state (its code, its name, or its alias) over a period
    /// when both could be meant: a name must tell one state from another.
    fn shadowing_alias(&mut self, values: &[Cell<'_>], line: u64) -> Option<RowError> {
        let aliases = self.aliases.as_mut()?;
        let text = |slot: Option<usize>| match slot.map(|s| values[s]) {
            Some(Cell::Text(t)) => Some(t),
            _ => None,
        };
        let (alias, iso2) = (text(Some(aliases.alias))?, text(Some(aliases.state))?);
        let meaning = Meaning {
            iso2,
            valid_from: text(aliases.valid_from),
            valid_until: text(aliases.valid_until),
        };
        let key = states::normalize(alias);
        let shadowed = self.resolver.shadowed_by(alias, &meaning).or_else(|| {
            aliases.seen.get(&key)?.iter().find_map(|(other, earlier)| {
                let other = other.meaning();
                (other.iso2 != iso2 && self.resolver.both_possible(&meaning, &other))
                    .then(|| format!("'{alias}' is an alias of {} on line {earlier}", other.iso2))
            })
        });
        let slot = aliases.alias;
        let Some(shadowed) = shadowed else {
            aliases
                .seen
                .entry(key)
                .or_default()
                .push((OwnedMeaning::from(&meaning), line));
            return None;
        };
        Some(self.error(
            line,
            Some(slot),
            format!(
                "alias '{alias}' of {iso2} would shadow another state: {shadowed}, over a \
                 period when both could be meant; give the alias valid_from/valid_until \
                 years that tell them apart, or remove it"
            ),
        ))
    }

    /// A key written by an earlier line of the file: refused, so that neither row is lost
    /// without a word.
    fn repeated_key(&mut self, values: &[Cell<'_>], line: u64) -> Option<RowError> {
        let (slots, earlier) = self
            .keys
            .iter_mut()
            .find_map(|key| Some((key.slots.clone(), key.earlier_line(values)?)))?;
        let names: Vec<&str> = slots
            .iter()
            .map(|s| self.table.columns[self.plan[*s].0].name.as_str())
            .collect();
        let shown: Vec<String> = slots.iter().map(|s| values[*s].shown()).collect();
        let what = if slots.len() == 1 {
            format!("{} {}", names[0], shown[0])
        } else {
            format!("({}) ({})", names.join(", "), shown.join(", "))
        };
        Some(self.error(
            line,
            Some(slots[0]),
            format!(
                "{what} is already on line {earlier}: a key may appear once in a file \
                 (the later row would replace or clash with the earlier); remove one of the two"
            ),
        ))
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
        if let Some(at) = memchr::memchr(0, text.as_bytes()) {
            return Err(format!(
                "holds a NUL byte (\\0) at byte {} of the field: text must not hold one \
                 (it would cut the value short in most tools); remove it",
                at + 1
            ));
        }
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
        let candidate = *duplicates.in_table.get(&key)?;
        let row: Vec<Cell<'_>> = duplicates.slots.iter().map(|s| values[*s]).collect();
        let same = duplicates
            .by_rowid
            .query_row([candidate], |r| {
                Ok((0..row.len()).all(|i| r.get_ref(i).is_ok_and(|v| v == row[i].value_ref())))
            })
            .unwrap_or(false);
        let id = if same {
            Some(candidate)
        } else {
            // Another row of the table has the same hash: search by value (slow, and rare).
            duplicates
                .lookup
                .query_row(params_from_iter(row.iter()), |r| r.get::<_, i64>(0))
                .ok()
        };
        id.map(|id| {
            format!(
                "duplicate: {} row {id} already has the same values",
                self.table.name
            )
        })
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
        let by_rowid = conn.prepare(&format!(
            "SELECT {} FROM {} WHERE rowid = ?1",
            columns.join(", "),
            quote(&table.name)
        ))?;
        let mut in_table: HashMap<u64, i64, _> = HashMap::default();
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {} FROM {}",
            columns.join(", "),
            quote(&table.name)
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut hasher = DefaultHasher::new();
            for index in 0..columns.len() {
                hash_cell(row.get_ref(index + 1)?, &mut hasher);
            }
            in_table.entry(hasher.finish()).or_insert(row.get(0)?);
        }
        Ok(Duplicates {
            slots,
            in_file: HashMap::default(),
            in_table,
            by_rowid,
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
    refuse_repeated_headers(header, file)?;
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
                capped_list(header, ", ")
            ))
        })?;
        refuse_mapped_twice(&plan, index, header, column, wanted, file)?;
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
            Some(index) => refuse_shadowed_header(&plan, index, header, field, file)?,
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
            capped_list(&unknown, ", "),
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

/// A header name given twice would load only one of its two fields: refused, with both
/// column numbers.
fn refuse_repeated_headers(header: &[String], file: &str) -> Result<()> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut repeated = Vec::new();
    for (field, name) in header.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(earlier) = first.insert(name, field) {
            first.insert(name, earlier);
            repeated.push(format!(
                "{name} (columns {} and {})",
                earlier + 1,
                field + 1
            ));
        }
    }
    if repeated.is_empty() {
        return Ok(());
    }
    Err(Error::InvalidFile {
        file: format!("{file}:1"),
        message: format!(
            "the header names {} twice: only one field of each would be loaded and the other \
             lost; rename or remove the repeated column{}",
            capped_list(&repeated, ", "),
            if repeated.len() == 1 { "" } else { "s" }
        ),
    })
}

/// Two `--map` options for one column would drop the first header's field.
fn refuse_mapped_twice(
    plan: &[(usize, Origin)],
    index: usize,
    header: &[String],
    column: &str,
    wanted: &str,
    file: &str,
) -> Result<()> {
    let earlier = plan.iter().find_map(|(i, origin)| match origin {
        Origin::Field(field) if *i == index => Some(*field),
        _ => None,
    });
    match earlier {
        Some(field) => Err(Error::InvalidFile {
            file: file.to_string(),
            message: format!(
                "--map {column}={wanted}: {column} is already read from {} (column {}); a \
                 column can be read from one header only",
                header[field],
                field + 1
            ),
        }),
        None => Ok(()),
    }
}

/// A header naming a column that `--map` already reads from another header: one of the two
/// fields would be lost. (A column given by `--set` replaces the header's on purpose.)
fn refuse_shadowed_header(
    plan: &[(usize, Origin)],
    index: usize,
    header: &[String],
    field: usize,
    file: &str,
) -> Result<()> {
    let mapped = plan.iter().find_map(|(i, origin)| match origin {
        Origin::Field(mapped) if *i == index => Some(*mapped),
        _ => None,
    });
    let Some(mapped) = mapped else {
        return Ok(());
    };
    let name = &header[field];
    Err(Error::InvalidFile {
        file: format!("{file}:1"),
        message: format!(
            "column {name} comes twice: from header {} (column {}, by --map {name}={}) and \
             from header {name} (column {}); one would be lost: remove one, or --map the \
             other to another column",
            header[mapped],
            mapped + 1,
            header[mapped],
            field + 1
        ),
    })
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

/// A value cut to a length fit for a message.
fn abridged(text: &str) -> String {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
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
