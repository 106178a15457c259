//! `reldb delete`: one row, refused while others refer to it, with the rows that belong to it.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::keys::{key_condition, no_row, quote, read_row, shown_key, where_clause};
use super::{finish, DeleteReport};
use crate::db::Database;
use crate::error::{Result, UsageError};
use crate::load::{self, ColumnKind, TableInfo};

/// Deletes the row of `table` whose primary key is `key` (as for [`update`]). Rows of other
/// tables that refer to it refuse the deletion, named with their count; rows that belong to it
/// (ON DELETE CASCADE, such as an agreement's parties) go with it and are counted.
pub fn delete(db: &mut Database, table: &str, key: &str, dry_run: bool) -> Result<DeleteReport> {
    let tx = db.write_transaction_for("delete from it")?;
    let info = TableInfo::read(&tx, table)?;
    let condition = key_condition(&tx, &info, key)?;
    let row = read_row(&tx, &info, &condition)?.ok_or_else(|| no_row(&info, key, &condition))?;
    let shown = shown_key(&condition);
    let referrers = referrers(&tx, &info, &row)?;
    let blocking: Vec<String> = referrers
        .iter()
        .filter(|r| !r.cascade)
        .map(|r| {
            format!(
                "{} {} of {} ({} = {})",
                r.rows,
                if r.rows == 1 { "row" } else { "rows" },
                r.table,
                r.column,
                r.value
            )
        })
        .collect();
    if !blocking.is_empty() {
        return Err(UsageError::StillReferred {
            table: info.name.clone(),
            row: shown.to_string(),
            blocking: blocking.iter().map(|b| b.to_string()).collect(),
        }
        .into());
    }
    let sql = format!(
        "DELETE FROM {} WHERE {}",
        quote(&info.name),
        where_clause(&condition)
    );
    tx.execute(&sql, params_from_iter(condition.iter().map(|(_, v)| v)))?;
    let cascaded = referrers
        .into_iter()
        .filter(|r| r.cascade)
        .map(|r| (r.table, r.rows))
        .collect();
    finish(tx, dry_run)?;
    Ok(DeleteReport {
        table: info.name,
        key: shown,
        row,
        cascaded,
        committed: !dry_run,
    })
}

/// Rows of another table that refer to a row.
struct Referrer {
    table: String,
    column: String,
    value: String,
    rows: u64,
    /// They go with the row (ON DELETE CASCADE).
    cascade: bool,
}

/// Every table's rows that refer to `row` of `info`, by each foreign key that points at it.
fn referrers(
    conn: &Connection,
    info: &TableInfo,
    row: &[(String, String)],
) -> Result<Vec<Referrer>> {
    let mut found = Vec::new();
    for table in load::loadable_tables(conn)? {
        let mut stmt = conn.prepare(
            "SELECT \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) \
             WHERE \"table\" = ?2",
        )?;
        let keys: Vec<(String, String, String)> = stmt
            .query_map([&table, &info.name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (from, to, on_delete) in keys {
            let Some((_, value)) = row.iter().find(|(column, _)| *column == to) else {
                continue;
            };
            let sql = format!(
                "SELECT count(*) FROM {} WHERE {} = ?1",
                quote(&table),
                quote(&from)
            );
            let bound = bound_value(info, &to, value);
            let rows: i64 = conn.query_row(&sql, [&bound], |r| r.get(0))?;
            let rows = rows.unsigned_abs();
            // A row that refers to itself (a sphere is its own sphere) goes with it.
            let itself = table == info.name && row.iter().any(|(c, v)| *c == from && v == value);
            let rows = rows - u64::from(itself);
            if rows > 0 {
                found.push(Referrer {
                    cascade: on_delete.eq_ignore_ascii_case("CASCADE"),
                    table: table.clone(),
                    column: from,
                    value: value.clone(),
                    rows,
                });
            }
        }
    }
    Ok(found)
}

fn bound_value(info: &TableInfo, column: &str, text: &str) -> Value {
    let integer = info
        .columns
        .iter()
        .any(|c| c.name == column && c.kind == ColumnKind::Integer);
    match text.parse::<i64>() {
        Ok(i) if integer => Value::Integer(i),
        _ => Value::Text(text.to_string()),
    }
}
