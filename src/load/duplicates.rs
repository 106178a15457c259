//! Duplicates: keys repeated in a file, and (for tables keyed by a row id only) whole rows
//! repeated in the file or already in the table, found by hashing rows.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::{params_from_iter, Connection, Statement};

use super::cell::{hash_cell, AlreadyHashed, Cell};
use super::loader::Loader;
use super::plan::Origin;
use super::quote;
use super::table::TableInfo;
use crate::error::{Result, RowError};

/// One key of the table whose columns all come from the file: the lines where each key value
/// was first written, so that a key repeated in the file is refused with both lines instead of
/// replacing (seed) or clashing with (import) the earlier row.
pub(super) struct FileKey<'c> {
    /// The key's slots in the plan.
    slots: Vec<usize>,
    /// Hash of the key's values to the line that wrote them.
    lines: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    /// Confirms that a row with these key values was written (a hash is not proof).
    lookup: Statement<'c>,
}

impl<'c> FileKey<'c> {
    pub(super) fn new(
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

    pub(super) fn remember(&mut self, values: &[Cell<'_>], line: u64) {
        if let Some(hash) = self.hash(values) {
            self.lines.entry(hash).or_insert(line);
        }
    }
}

/// Whole-row duplicate detection: hashes of the rows already in the table (each with its row
/// id, to confirm a match by key, in constant time even while the load has dropped the
/// table's indexes) and of the rows seen in the file.
pub(super) struct Duplicates<'c> {
    /// Slots hashed: every loaded column but the row id.
    slots: Vec<usize>,
    in_file: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    in_table: HashMap<u64, i64, BuildHasherDefault<AlreadyHashed>>,
    /// The hashed columns of one row, by row id.
    by_rowid: Statement<'c>,
    /// The same row searched for by value: only where two rows of the table share a hash.
    lookup: Statement<'c>,
}

impl Loader<'_, '_> {
    /// A key written by an earlier line of the file: refused, so that neither row is lost
    /// without a word.
    pub(super) fn repeated_key(&mut self, values: &[Cell<'_>], line: u64) -> Option<RowError> {
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

    /// For tables keyed only by a row id: the same row (but for its id) earlier in the file
    /// or already in the table is a duplicate.
    pub(super) fn duplicate_of(&mut self, values: &[Cell<'_>], line: u64) -> Option<String> {
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
    pub(super) fn new(
        conn: &'c Connection,
        table: &TableInfo,
        plan: &[(usize, Origin)],
    ) -> Result<Self> {
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
