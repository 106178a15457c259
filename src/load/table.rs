//! The table as the loader sees it, taken from the schema catalog: how each column's values are
//! read, which columns must be given, the table's keys and its date pairs.

use rusqlite::Connection;

use crate::catalog::{self, Catalog};
use crate::error::Result;

/// How a column's values are read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    /// A whole number.
    Integer,
    /// A number.
    Real,
    /// Free text.
    Text,
    /// A partial ISO 8601 date.
    Date,
    /// A state (`states.code`), given by code or name.
    State,
}

/// A column as the loader sees it.
#[derive(Debug, Clone)]
pub(crate) struct ColumnInfo {
    /// The column's name.
    pub(crate) name: String,
    /// How values are checked.
    pub(crate) kind: ColumnKind,
    /// NOT NULL without a default: a row must give it.
    pub(crate) required: bool,
    /// The column's default (SQL text from the schema), used for an empty field.
    pub(crate) default: Option<String>,
    /// Part of the primary key.
    pub(crate) primary_key: bool,
    /// `(table, column)` it references, for a foreign key other than a state.
    pub(crate) references: Option<(String, String)>,
}

/// A loadable table's columns.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    /// The table's name.
    pub(crate) name: String,
    /// Its columns in schema order.
    pub(crate) columns: Vec<ColumnInfo>,
    /// The table's only key is an INTEGER PRIMARY KEY: duplicates are whole-row duplicates.
    pub(super) rowid_key: bool,
    /// Every key (the primary key and each UNIQUE constraint), as column indexes.
    pub(super) keys: Vec<Vec<usize>>,
    /// `(start, end)` column indexes where a CHECK says the end is not before the start.
    pub(super) date_pairs: Vec<(usize, usize)>,
}

/// The tables that can be loaded from CSV, sorted by name.
pub(crate) fn loadable_tables(conn: &Connection) -> Result<Vec<String>> {
    let catalog = Catalog::read(conn)?;
    Ok(catalog
        .loadable_names()
        .into_iter()
        .map(str::to_string)
        .collect())
}

impl ColumnInfo {
    fn from_column(column: &catalog::Column) -> Self {
        let state = column
            .references
            .as_ref()
            .is_some_and(|r| r.table == "states");
        // A date because its CHECK is the partial-date rule, whatever its name.
        let kind = match column.declared_type.as_str() {
            _ if state => ColumnKind::State,
            _ if column.is_date() => ColumnKind::Date,
            "INTEGER" => ColumnKind::Integer,
            "REAL" => ColumnKind::Real,
            _ => ColumnKind::Text,
        };
        ColumnInfo {
            name: column.name.clone(),
            kind,
            required: column.is_required(),
            default: column.default.clone(),
            primary_key: column.primary_key,
            references: column
                .references
                .as_ref()
                .filter(|_| !state)
                .map(|r| (r.table.clone(), r.column.clone())),
        }
    }
}

impl TableInfo {
    /// Reads a loadable table from the catalog, or refuses the name, listing the tables.
    pub(crate) fn read(conn: &Connection, table: &str) -> Result<Self> {
        Ok(TableInfo::from_table(&Catalog::read_loadable(conn, table)?))
    }

    /// The loader's view of a table of the catalog.
    pub(crate) fn from_table(table: &catalog::Table) -> Self {
        let columns: Vec<ColumnInfo> = table.columns.iter().map(ColumnInfo::from_column).collect();
        let position = |name: &str| columns.iter().position(|c| c.name == name);
        let primary: Vec<usize> = (0..columns.len())
            .filter(|i| columns[*i].primary_key)
            .collect();
        let unique = table
            .unique_keys
            .iter()
            .filter_map(|key| key.iter().map(|name| position(name)).collect());
        let keys: Vec<Vec<usize>> = Some(primary)
            .filter(|k| !k.is_empty())
            .into_iter()
            .chain(unique)
            .collect();
        let date_pairs = table
            .date_pairs()
            .into_iter()
            .filter_map(|(start, end)| position(start).zip(position(end)))
            .collect();
        let rowid_key =
            table.columns.iter().any(|c| c.is_rowid_alias()) && !table.has_unique_constraint;
        TableInfo {
            name: table.name.clone(),
            rowid_key,
            keys,
            date_pairs,
            columns,
        }
    }

    pub(super) fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    pub(super) fn names(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates;

    /// A table whose column names say nothing: only their CHECKs make dates and a period.
    fn odd_table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        let rule = |column: &str| dates::SQL_VALID.replace("{column}", column);
        let period = dates::SQL_NOT_BEFORE
            .replace("{end}", "lapsed")
            .replace("{start}", "when_signed");
        conn.execute_batch(&format!(
            "CREATE TABLE states (code TEXT PRIMARY KEY);
             CREATE TABLE treaties (
                 id INTEGER PRIMARY KEY,
                 x_on TEXT,
                 when_signed TEXT NOT NULL CHECK ({}),
                 lapsed TEXT CHECK ({}),
                 party TEXT REFERENCES states (code),
                 parent INTEGER REFERENCES treaties (id),
                 code TEXT, year INTEGER, share REAL DEFAULT 1.0,
                 UNIQUE (code, year),
                 CHECK (lapsed IS NULL OR when_signed IS NULL OR {period})
             );",
            rule("when_signed").replacen("when_signed IS NULL OR ", "", 1),
            rule("lapsed"),
        ))
        .unwrap();
        conn
    }

    fn kinds(table: &TableInfo) -> Vec<(&str, ColumnKind)> {
        table
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect()
    }

    #[test]
    fn a_column_is_a_date_by_its_check_not_its_name() {
        let table = TableInfo::read(&odd_table(), "treaties").unwrap();
        assert_eq!(
            kinds(&table),
            [
                ("id", ColumnKind::Integer),
                ("x_on", ColumnKind::Text),
                ("when_signed", ColumnKind::Date),
                ("lapsed", ColumnKind::Date),
                ("party", ColumnKind::State),
                ("parent", ColumnKind::Integer),
                ("code", ColumnKind::Text),
                ("year", ColumnKind::Integer),
                ("share", ColumnKind::Real),
            ]
        );
    }

    #[test]
    fn date_pairs_come_from_the_tables_check() {
        let table = TableInfo::read(&odd_table(), "treaties").unwrap();
        let named: Vec<(&str, &str)> = table
            .date_pairs
            .iter()
            .map(|(s, e)| {
                (
                    table.columns[*s].name.as_str(),
                    table.columns[*e].name.as_str(),
                )
            })
            .collect();
        assert_eq!(named, [("when_signed", "lapsed")]);
    }

    #[test]
    fn required_keys_and_references_come_from_the_catalog() {
        let table = TableInfo::read(&odd_table(), "treaties").unwrap();
        let required: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(required, ["when_signed"]);
        // The primary key, then UNIQUE (code, year).
        assert_eq!(table.keys, [vec![0], vec![6, 7]]);
        // A UNIQUE constraint keys the rows: duplicates are not whole-row duplicates.
        assert!(!table.rowid_key);
        let column = |name: &str| &table.columns[table.column(name).unwrap()];
        // A state is resolved by code or name, not looked up as a reference.
        assert_eq!(column("party").references, None);
        assert_eq!(
            column("parent").references,
            Some(("treaties".to_string(), "id".to_string()))
        );
        assert_eq!(column("share").default.as_deref(), Some("1.0"));
    }

    #[test]
    fn an_unknown_or_internal_table_is_refused_listing_the_tables() {
        let conn = odd_table();
        conn.execute_batch("CREATE TABLE reldb_meta (key TEXT PRIMARY KEY, value TEXT)")
            .unwrap();
        for name in ["nope", "reldb_meta", "sqlite_master"] {
            match TableInfo::read(&conn, name) {
                Err(crate::Error::UnknownTable {
                    name: refused,
                    known,
                }) => {
                    assert_eq!(refused, name);
                    assert_eq!(known, "states, treaties");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(loadable_tables(&conn).unwrap(), ["states", "treaties"]);
    }
}
