//! Values as the loader binds and hashes them, borrowed from the record being read.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::ToSql;

/// A value ready to bind, borrowing its text from the CSV record or the state resolver, so
/// that loading a row allocates next to nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> Cell<'a> {
    pub(super) fn value_ref(self) -> ValueRef<'a> {
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
    pub(super) fn to_value(self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Integer(i) => Value::Integer(i),
            Cell::Real(r) => Value::Real(r),
            Cell::Text(t) => Value::Text(t.to_string()),
        }
    }

    /// Whether it equals an owned value, without allocating.
    pub(super) fn is(self, value: &Value) -> bool {
        match (self, value) {
            (Cell::Null, Value::Null) => true,
            (Cell::Integer(a), Value::Integer(b)) => a == *b,
            (Cell::Real(a), Value::Real(b)) => a == *b,
            (Cell::Text(a), Value::Text(b)) => a == b,
            _ => false,
        }
    }

    pub(super) fn shown(&self) -> String {
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
pub(super) fn hash_cell(value: ValueRef<'_>, hasher: &mut DefaultHasher) {
    match value {
        ValueRef::Null => 0u8.hash(hasher),
        ValueRef::Integer(i) => (1u8, i).hash(hasher),
        ValueRef::Real(r) => (2u8, r.to_bits()).hash(hasher),
        ValueRef::Text(t) | ValueRef::Blob(t) => (3u8, t).hash(hasher),
    }
}

/// A hasher for keys that are already hashes: passes the u64 through.
#[derive(Default)]
pub(super) struct AlreadyHashed(u64);

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
