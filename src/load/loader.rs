//! The load of one file into one table: its plan and prepared statements, and each row in
//! turn, converted, checked and written.

use std::rc::Rc;

use rusqlite::{params_from_iter, Connection, Statement};

use super::cell::Cell;
use super::duplicates::{Duplicates, FileKey};
use super::plan::{insert_sql, plan_columns, same_row_sql, Origin};
use super::read::{size, MAX_FIELD_BYTES};
use super::rules::{Aliases, Reference};
use super::table::{ColumnKind, TableInfo};
use super::{KeptRow, LoadOptions, Mode};
use crate::dates;
use crate::error::{Result, RowError};
use crate::states::StateResolver;

/// The load of one file into one table, with its prepared statements.
pub(super) struct Loader<'c, 'r> {
    pub(super) file: String,
    pub(super) table: TableInfo,
    /// `(column index in table, origin)`, in insert order.
    pub(super) plan: Vec<(usize, Origin)>,
    /// The `--set` value of each slot, if it has one (shared so a row can borrow them).
    pub(super) fixed: Rc<Vec<Option<Rc<str>>>>,
    pub(super) header: Vec<String>,
    pub(super) insert: Statement<'c>,
    pub(super) references: Vec<Reference<'c>>,
    /// Slots of date columns, in schema order: the first with a value dates the row.
    pub(super) date_slots: Vec<usize>,
    /// For tables keyed by a row id only: whole-row duplicates are looked for.
    pub(super) duplicates: Option<Duplicates<'c>>,
    /// The table's keys that the file gives: each may appear once in the file.
    pub(super) keys: Vec<FileKey<'c>>,
    /// For `state_aliases`: the aliases of this file, which must not shadow another state.
    pub(super) aliases: Option<Aliases>,
    pub(super) resolver: &'r StateResolver,
    pub(super) state_pair: Option<(usize, usize)>,
    pub(super) ranges: Vec<(usize, usize)>,
    /// With [`Mode::Keep`]: the statement comparing the table's row of a key with the file's.
    pub(super) same_row: Option<Statement<'c>>,
    /// With [`Mode::Keep`]: the rows kept that differ from the file's.
    pub(super) kept: Vec<KeptRow>,
}

impl<'c, 'r> Loader<'c, 'r> {
    pub(super) fn new(
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
        let keyed = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.primary_key)
            .all(|(index, _)| plan.iter().any(|(i, _)| *i == index));
        let same_row = if options.mode == Mode::Keep && keyed {
            Some(conn.prepare(&same_row_sql(&table, &plan))?)
        } else {
            None
        };
        let references = Reference::for_plan(conn, &table, &plan)?;
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
        let slot_of = |index: &usize| plan.iter().position(|(i, _)| i == index);
        let ranges = table
            .date_pairs
            .iter()
            .filter_map(|(start, end)| slot_of(start).zip(slot_of(end)))
            .collect();
        // The rows of the tables of states' own history (an era, a name, a part, a
        // succession) are dated outside the state's existence by design: the Tajik SSR's
        // years as a part of the Soviet Union come before Tajikistan existed.
        let about_states = matches!(
            table.name.as_str(),
            "state_eras" | "state_aliases" | "state_parts" | "state_successions" | "state_numbers"
        );
        let mut date_slots: Vec<usize> = (0..plan.len())
            .filter(|slot| table.columns[plan[*slot].0].kind == ColumnKind::Date && !about_states)
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
            same_row,
            kept: Vec::new(),
        })
    }

    pub(super) fn error(&self, line: u64, slot: Option<usize>, message: String) -> RowError {
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

    pub(super) fn load_row(
        &mut self,
        record: &csv::StringRecord,
        line: u64,
    ) -> Result<(), Vec<RowError>> {
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

    pub(super) fn load_values(
        &mut self,
        raw: &[Option<&str>],
        line: u64,
    ) -> Result<(), Vec<RowError>> {
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
        let written = self
            .insert
            .execute(params_from_iter(values.iter()))
            .map_err(|e| vec![self.insert_error(&e, &values, line)])?;
        if written == 0 {
            self.keep_if_different(&values, line)
                .map_err(|e| vec![self.error(line, None, e.to_string())])?;
        }
        for key in &mut self.keys {
            key.remember(&values, line);
        }
        Ok(())
    }

    /// A row that was there already (with [`Mode::Keep`]): noted when it differs from the
    /// file's, so that the user hears of a change of theirs that the seed did not overwrite.
    fn keep_if_different(&mut self, values: &[Cell<'_>], line: u64) -> rusqlite::Result<()> {
        let Some(same_row) = self.same_row.as_mut() else {
            return Ok(());
        };
        let matches: Vec<bool> = same_row.query_row(params_from_iter(values.iter()), |row| {
            (0..values.len())
                .map(|i| row.get::<_, bool>(i))
                .collect::<rusqlite::Result<Vec<bool>>>()
        })?;
        if matches.iter().all(|m| *m) {
            return Ok(());
        }
        let name = |slot: usize| self.table.columns[self.plan[slot].0].name.clone();
        let key = (0..values.len())
            .filter(|slot| self.table.columns[self.plan[*slot].0].primary_key)
            .map(|slot| format!("{} = {}", name(slot), values[slot].shown()))
            .collect::<Vec<_>>()
            .join(", ");
        let columns = (0..values.len())
            .filter(|slot| !matches[*slot])
            .map(name)
            .collect();
        self.kept.push(KeptRow { line, key, columns });
        Ok(())
    }

    /// A field over [`MAX_FIELD_BYTES`] is refused (the row it is in was bounded while read).
    pub(super) fn refuse_long_fields(
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
}
