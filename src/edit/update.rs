//! `reldb update`: one row changed, the whole new row checked as an imported one is.

use super::keys::{key_condition, no_row, read_row, shown_key};
use super::rows::{load_rows, refuse_repeated_columns, with_source};
use super::{cite, finish, Change, EditOptions, Fields, UpdateReport};
use crate::db::Database;
use crate::error::{Result, UsageError};
use crate::load::{Mode, TableInfo};

/// Changes the row of `table` whose primary key is `key` (the values of a composite key in
/// schema order, comma-separated: `TJ,US`; only the first may hold commas): the whole new
/// row is checked as an imported one is. A key that matches no row, or a change of the key
/// itself, is refused.
pub fn update(
    db: &mut Database,
    table: &str,
    key: &str,
    changes: &Fields,
    options: &EditOptions,
) -> Result<UpdateReport> {
    let tx = db.write_transaction_for("update it")?;
    let info = TableInfo::read(&tx, table)?;
    refuse_repeated_columns(changes)?;
    let condition = key_condition(&tx, &info, key)?;
    let before = read_row(&tx, &info, &condition)?.ok_or_else(|| no_row(&info, key, &condition))?;
    for (column, _, _) in &changes.values {
        if info
            .columns
            .iter()
            .any(|c| c.primary_key && c.name == *column)
        {
            return Err(UsageError::KeyChange {
                column: column.to_string(),
                table: info.name.clone(),
            }
            .into());
        }
    }
    let source = cite(&tx, &info, options)?;
    // The source replaces the row's old one: it fills the changes, not the whole row.
    let given = with_source(&changes.values, source.map(|s| s.id), changes.line);
    let mut values: Vec<(String, String, u64)> = before
        .iter()
        .filter(|(column, _)| !given.iter().any(|(c, _, _)| c == column))
        .map(|(column, value)| (column.clone(), value.clone(), changes.line))
        .collect();
    values.extend(given);
    load_rows(&tx, &info, &[(changes, values)], Mode::Upsert)?;
    let after = read_row(&tx, &info, &condition)?.expect("the row was updated in place");
    let changes = before
        .into_iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((column, old), (_, new))| Change { column, old, new })
        .collect();
    finish(tx, options.dry_run)?;
    Ok(UpdateReport {
        key: shown_key(&condition),
        table: info.name,
        changes,
        source,
        committed: !options.dry_run,
    })
}
