//! The loader and the seed take their rules from the schema catalog: dates by their CHECK, date
//! pairs from the CHECK that says an end is not before its start, the seed order from the
//! foreign keys. Real databases made by the real binary.

use crate::common::Workspace;
use reldb::catalog::Catalog;
use reldb::dates;
use rusqlite::Connection;

fn initialised() -> (Workspace, Connection) {
    let ws = Workspace::seeded();
    let conn = Connection::open(&ws.db).unwrap();
    (ws, conn)
}

#[test]
fn the_seed_order_puts_every_table_after_the_tables_it_references() {
    let (_ws, conn) = initialised();
    let catalog = Catalog::read(&conn).unwrap();
    let order = catalog.load_order();
    let at = |name: &str| order.iter().position(|t| *t == name).unwrap();
    assert!(at("sources") < at("visits") && at("states") < at("visits"));
    assert!(at("states") < at("state_aliases"));
    assert!(at("agreements") < at("agreement_parties"));
    let loadable = catalog.tables().iter().filter(|t| !t.internal).count();
    assert!(loadable >= 15);
    assert_eq!(order.len(), loadable, "{order:?}");
    for table in catalog.tables().iter().filter(|t| !t.internal) {
        for referenced in table.referenced_tables() {
            assert!(
                at(referenced) < at(&table.name),
                "{} is seeded before {referenced}, which it references",
                table.name
            );
        }
    }
}

#[test]
fn the_real_schemas_date_pairs_are_derived_from_its_checks() {
    let (_ws, conn) = initialised();
    let catalog = Catalog::read(&conn).unwrap();
    let mut pairs: Vec<(String, &str, &str)> = catalog
        .tables()
        .iter()
        .flat_map(|t| {
            t.date_pairs()
                .into_iter()
                .map(|(s, e)| (t.name.clone(), s, e))
        })
        .collect();
    pairs.sort();
    let expected = [
        ("agreements", "signed_on", "in_force_on"),
        ("heads_of_mission", "started_on", "ended_on"),
        ("memberships", "joined_on", "left_on"),
        ("missions", "opened_on", "closed_on"),
        ("people", "born_on", "died_on"),
        ("state_aliases", "valid_from", "valid_until"),
        ("state_eras", "began_on", "ended_on"),
        ("state_numbers", "number_from", "number_until"),
        ("state_parts", "part_from", "part_until"),
        ("states", "existed_from", "existed_until"),
        ("visits", "start_date", "end_date"),
    ];
    let pairs: Vec<(&str, &str, &str)> =
        pairs.iter().map(|(t, s, e)| (t.as_str(), *s, *e)).collect();
    assert_eq!(pairs, expected);
    // relations is a view over relation_events since schema 4, and a view is no table to load.
    assert!(catalog.tables().iter().all(|t| t.name != "relations"));
    assert!(catalog.tables().iter().any(|t| t.name == "relation_events"));
}

#[test]
fn every_column_named_like_a_date_is_a_date_by_its_check() {
    let (_ws, conn) = initialised();
    let catalog = Catalog::read(&conn).unwrap();
    let mut dated = 0;
    for table in catalog.tables().iter().filter(|t| !t.internal) {
        for column in &table.columns {
            let named = column.name.ends_with("_on")
                || column.name.ends_with("_date")
                || column.name.ends_with("_from")
                || column.name.ends_with("_until")
                || column.name == "as_of";
            assert_eq!(
                named,
                column.is_date(),
                "{}.{}: named like a date {named}, a date by its CHECK {}",
                table.name,
                column.name,
                column.is_date()
            );
            dated += usize::from(column.is_date());
        }
    }
    assert!(dated >= 17, "{dated} date columns");
}

/// A table a later schema might add, whose names follow no convention.
fn add_odd_table(conn: &Connection) {
    let rule = |column: &str| dates::SQL_VALID.replace("{column}", column);
    let period = dates::SQL_NOT_BEFORE
        .replace("{end}", "lapsed")
        .replace("{start}", "when_signed");
    conn.execute_batch(&format!(
        "CREATE TABLE treaties (
             id INTEGER PRIMARY KEY,
             x_on TEXT,
             when_signed TEXT CHECK ({}),
             lapsed TEXT CHECK ({}),
             CHECK (lapsed IS NULL OR when_signed IS NULL OR {period})
         );",
        rule("when_signed"),
        rule("lapsed"),
    ))
    .unwrap();
}

#[test]
fn the_loader_judges_dates_and_periods_by_the_schema_not_by_names() {
    let (ws, conn) = initialised();
    add_odd_table(&conn);
    drop(conn);
    let csv = ws.path("treaties.csv");
    std::fs::write(
        &csv,
        "x_on,when_signed,lapsed\nsoon,2007-02-30,\nlater,2007-05,2006\n",
    )
    .unwrap();
    let output = ws
        .reldb()
        .args(["import", "treaties"])
        .arg(&csv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // when_signed is checked as a date before the insert (by name it is not one) ...
    assert!(stderr.contains("treaties.csv:2"), "{stderr}");
    assert!(stderr.contains("when_signed"), "{stderr}");
    assert!(!stderr.contains("breaks a rule of the schema"), "{stderr}");
    // ... and the period is the loader's own message, naming the start.
    assert!(
        stderr.contains("treaties.csv:3") && stderr.contains("2006 is before when_signed 2007-05"),
        "{stderr}"
    );
    // x_on, a date by its name only, takes any text.
    assert!(!stderr.contains("soon"), "{stderr}");
}

#[test]
fn an_unknown_seed_file_is_refused_listing_the_seed_tables() {
    let ws = Workspace::seeded();
    let dir = ws.path("seed");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("visitz.csv"), "a\n1\n").unwrap();
    let output = ws
        .reldb()
        .args(["seed", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("visitz is not a seed table"), "{stderr}");
    assert!(
        stderr.contains("sources.csv") && stderr.contains("cooperation.csv"),
        "{stderr}"
    );
    assert!(!stderr.contains("reldb_meta"), "{stderr}");
}
