//! Row rules: types, dates, states, references, the order of a pair, aliases that would shadow
//! a state, and the messages of the schema's own CHECK constraints.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{ffi, Connection, Statement};

use super::cell::Cell;
use super::loader::Loader;
use super::plan::Origin;
use super::quote;
use super::table::{ColumnKind, TableInfo};
use crate::dates;
use crate::error::{Result, RowError};
use crate::states::{self, Meaning};

/// The slots of `state_aliases`' columns, and the aliases the file has given so far (the
/// resolver knows only those loaded before).
pub(super) struct Aliases {
    alias: usize,
    state: usize,
    valid_from: Option<usize>,
    valid_until: Option<usize>,
    /// Folded alias to the meanings given it in this file, with their lines.
    seen: HashMap<String, Vec<(OwnedMeaning, u64)>>,
}

impl Aliases {
    pub(super) fn new(table: &TableInfo, plan: &[(usize, Origin)]) -> Option<Self> {
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
    code: String,
    valid_from: Option<String>,
    valid_until: Option<String>,
}

impl OwnedMeaning {
    fn from(meaning: &Meaning<'_>) -> Self {
        OwnedMeaning {
            code: meaning.code.to_string(),
            valid_from: meaning.valid_from.map(str::to_string),
            valid_until: meaning.valid_until.map(str::to_string),
        }
    }

    fn meaning(&self) -> Meaning<'_> {
        Meaning {
            code: &self.code,
            valid_from: self.valid_from.as_deref(),
            valid_until: self.valid_until.as_deref(),
        }
    }
}

/// A reference to another table, checked for every row (the last value found is remembered,
/// since imports often repeat one, such as a source id).
pub(super) struct Reference<'c> {
    slot: usize,
    lookup: Statement<'c>,
    last_found: Option<Value>,
}

impl<'c> Reference<'c> {
    /// A lookup for each loaded column that references another table's rows.
    pub(super) fn for_plan(
        conn: &'c Connection,
        table: &TableInfo,
        plan: &[(usize, Origin)],
    ) -> Result<Vec<Self>> {
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
        Ok(references)
    }
}

impl<'c, 'r> Loader<'c, 'r> {
    /// The error of a refused insert; a CHECK constraint's names the columns it reads, with
    /// their values.
    pub(super) fn insert_error(
        &self,
        error: &rusqlite::Error,
        values: &[Cell<'_>],
        line: u64,
    ) -> RowError {
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
    pub(super) fn shadowing_alias(&mut self, values: &[Cell<'_>], line: u64) -> Option<RowError> {
        let aliases = self.aliases.as_mut()?;
        let text = |slot: Option<usize>| match slot.map(|s| values[s]) {
            Some(Cell::Text(t)) => Some(t),
            _ => None,
        };
        let (alias, code) = (text(Some(aliases.alias))?, text(Some(aliases.state))?);
        let meaning = Meaning {
            code,
            valid_from: text(aliases.valid_from),
            valid_until: text(aliases.valid_until),
        };
        let key = states::normalize(alias);
        let shadowed = self.resolver.shadowed_by(alias, &meaning).or_else(|| {
            aliases.seen.get(&key)?.iter().find_map(|(other, earlier)| {
                let other = other.meaning();
                (other.code != code && self.resolver.both_possible(&meaning, &other))
                    .then(|| format!("'{alias}' is an alias of {} on line {earlier}", other.code))
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
                "alias '{alias}' of {code} would shadow another state: {shadowed}, over a \
                 period when both could be meant; give the alias valid_from/valid_until \
                 years that tell them apart, or remove it"
            ),
        ))
    }

    pub(super) fn convert<'a>(
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
    pub(super) fn check_row(
        &mut self,
        values: &mut [Cell<'_>],
        line: u64,
        errors: &mut Vec<RowError>,
    ) {
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
