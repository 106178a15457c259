//! `reldb add`: new rows, checked as imported ones are.

use super::keys::{keys_after, last_key, last_row_id};
use super::rows::{batches, check_columns, load_rows, refuse_repeated_columns, with_source};
use super::{cite, finish, AddReport, EditOptions, Fields};
use crate::db::Database;
use crate::error::{Error, Result};
use crate::load::{Mode, TableInfo};

/// Adds `rows` to `table` in one transaction: every row is checked as an imported one is,
/// and one refused row refuses them all.
pub fn add(
    db: &mut Database,
    table: &str,
    rows: &[Fields],
    options: &EditOptions,
) -> Result<AddReport> {
    let tx = db.write_transaction_for("add to it")?;
    let info = TableInfo::read(&tx, table)?;
    let source = cite(&tx, &info, options)?;
    let mut refused = Vec::new();
    let mut checked = Vec::new();
    for row in rows {
        let values = with_source(&row.values, source.map(|s| s.id), row.line);
        let check = refuse_repeated_columns(row).and_then(|()| check_columns(&info, row, &values));
        match check {
            Ok(()) => checked.push((row, values)),
            Err(Error::InvalidRows(errors)) => refused.extend(errors),
            Err(other) => return Err(other),
        }
    }
    let mut keys = Vec::new();
    for batch in batches(&info, &checked) {
        let before = last_row_id(&tx, &info)?;
        match load_rows(&tx, &info, batch, Mode::Insert) {
            Ok(()) if batch.len() == 1 => keys.push(last_key(&tx, &info)?),
            Ok(()) => keys.extend(keys_after(&tx, &info, before)?),
            Err(Error::InvalidRows(errors)) => refused.extend(errors),
            Err(other) => return Err(other),
        }
    }
    if !refused.is_empty() {
        return Err(Error::InvalidRows(refused));
    }
    finish(tx, options.dry_run)?;
    Ok(AddReport {
        table: info.name,
        keys,
        source,
        committed: !options.dry_run,
    })
}
