//! Planning columns: which header (or `--set` value) each column of the table is read from,
//! refusing unknown, missing, repeated and shadowed headers; and the INSERT that writes them.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::table::{ColumnInfo, TableInfo};
use super::{quote, LoadOptions, Mode};
use crate::error::{capped_list, Error, Result};

/// Where each loaded column's value comes from.
#[derive(Debug, Clone)]
pub(super) enum Origin {
    Field(usize),
    /// `--set` value, shared (an `Rc`) so a row can borrow it while the loader changes.
    Fixed(Rc<str>),
}

pub(super) fn plan_columns(
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
            None if options.skip_unknown_columns || options.ignore_columns.contains(name) => {}
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
             rename, --ignore-column NAME or --skip-unknown-columns to leave it unread, or \
             remove the column){}",
            if unknown.len() == 1 { "" } else { "s" },
            capped_list(&unknown, ", "),
            table.name,
            table.names(),
            delimiter_hint(header)
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

/// A header read as one field that holds `;` or tabs was split on the wrong byte.
fn delimiter_hint(header: &[String]) -> &'static str {
    match header {
        [only] if only.contains(';') => {
            "; the header looks like one field holding `;`: try --delimiter ';'"
        }
        [only] if only.contains('\t') => {
            "; the header looks like one field holding tabs: try --delimiter tab"
        }
        _ => "",
    }
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

/// The first id of a row the user adds without one. The seed's ids lie below it, so a row of
/// the user's never takes an id the seed owns (and `reldb seed` never meets it).
pub(super) const FIRST_USER_ID: i64 = 1_000_001;

/// The rowid key a new row gets from reldb: a table keyed by an integer id alone, whose id the
/// file does not give, in an insert.
fn generated_id<'t>(table: &'t TableInfo, plan: &[(usize, Origin)], mode: Mode) -> Option<&'t str> {
    if mode != Mode::Insert || !table.rowid_key {
        return None;
    }
    let (index, id) = table
        .columns
        .iter()
        .enumerate()
        .find(|(_, c)| c.primary_key)?;
    if plan.iter().any(|(i, _)| *i == index) {
        return None;
    }
    Some(&id.name)
}

/// The statement that tells whether the table's row of the key holds the file's values: the
/// same placeholders as [`insert_sql`], compared with `IS` (NULL is NULL), one result column
/// per planned column (1 where it matches).
pub(super) fn same_row_sql(table: &TableInfo, plan: &[(usize, Origin)]) -> String {
    let columns: Vec<&ColumnInfo> = plan.iter().map(|(i, _)| &table.columns[*i]).collect();
    let value = |n: usize, c: &ColumnInfo| match &c.default {
        Some(default) => format!("coalesce(?{}, {default})", n + 1),
        None => format!("?{}", n + 1),
    };
    let compared: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(n, c)| format!("{} IS {}", quote(&c.name), value(n, c)))
        .collect();
    let keys: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.primary_key)
        .map(|(n, c)| format!("{} = {}", quote(&c.name), value(n, c)))
        .collect();
    format!(
        "SELECT {} FROM {} WHERE {}",
        compared.join(", "),
        quote(&table.name),
        keys.join(" AND ")
    )
}

pub(super) fn insert_sql(table: &TableInfo, plan: &[(usize, Origin)], mode: Mode) -> String {
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
    let (mut names, mut placeholders) = (names, placeholders);
    if let Some(id) = generated_id(table, plan, mode) {
        names.push(quote(id));
        placeholders.push(format!(
            "(SELECT max(coalesce(max({0}), 0) + 1, {FIRST_USER_ID}) FROM {1})",
            quote(id),
            quote(&table.name)
        ));
    }
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(&table.name),
        names.join(", "),
        placeholders.join(", ")
    );
    if mode == Mode::Keep {
        let keys: Vec<String> = table
            .columns
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| quote(&c.name))
            .collect();
        sql.push_str(&format!(" ON CONFLICT ({}) DO NOTHING", keys.join(", ")));
    }
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

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    fn table() -> TableInfo {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, \
             n INTEGER NOT NULL DEFAULT 0)",
        )
        .unwrap();
        TableInfo::read(&conn, "t").unwrap()
    }

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn plan_error(names: &[&str], options: &LoadOptions) -> String {
        plan_columns(&table(), &header(names), options, "t.csv")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn headers_map_and_set_give_each_column_its_origin() {
        let mut options = LoadOptions::new(Mode::Insert);
        options.map.push(("name".to_string(), "Name".to_string()));
        options.set.push(("note".to_string(), "fixed".to_string()));
        let plan = plan_columns(&table(), &header(&["n", "Name", "note"]), &options, "t.csv");
        let plan: Vec<String> = plan
            .unwrap()
            .iter()
            .map(|(column, origin)| match origin {
                Origin::Field(field) => format!("{column}<-{field}"),
                Origin::Fixed(value) => format!("{column}={value}"),
            })
            .collect();
        // --set wins over the header of the same name; n has a default, id is the row id.
        assert_eq!(plan, ["2=fixed", "1<-1", "3<-0"]);
    }

    #[test]
    fn a_repeated_header_is_refused_with_both_column_numbers() {
        let error = plan_error(&["name", "note", "name"], &LoadOptions::new(Mode::Insert));
        assert!(error.contains("name (columns 1 and 3)"), "{error}");
    }

    #[test]
    fn unknown_and_missing_columns_are_refused_naming_them() {
        let options = LoadOptions::new(Mode::Insert);
        let error = plan_error(&["name", "colour"], &options);
        assert!(
            error.contains("unknown column in the header: colour"),
            "{error}"
        );
        let error = plan_error(&["note"], &options);
        assert!(error.contains("missing required column: name"), "{error}");
    }

    #[test]
    fn a_mapped_column_also_in_the_header_is_refused() {
        let mut options = LoadOptions::new(Mode::Insert);
        options.map.push(("name".to_string(), "Name".to_string()));
        let error = plan_error(&["Name", "name"], &options);
        assert!(error.contains("column name comes twice"), "{error}");
    }

    #[test]
    fn an_upsert_updates_every_loaded_column_but_the_key() {
        let table = table();
        let plan = plan_columns(
            &table,
            &header(&["id", "name"]),
            &LoadOptions::new(Mode::Upsert),
            "t.csv",
        )
        .unwrap();
        assert_eq!(
            insert_sql(&table, &plan, Mode::Upsert),
            "INSERT INTO \"t\" (\"id\", \"name\") VALUES (?1, ?2) \
             ON CONFLICT (\"id\") DO UPDATE SET \"name\" = excluded.\"name\""
        );
    }
}
