//! Unit tests of the catalog: parsing of CREATE TABLE text and comments.

use super::*;

const SQL: &str = "CREATE TABLE t (
    -- The key.
    id INTEGER PRIMARY KEY,
    -- A name, on
    -- two lines.
    name TEXT NOT NULL CHECK (length(trim(name)) > 0), -- not this one's
    kind TEXT CHECK (kind IN ('a, b', 'c)')), -- trailing
    a TEXT, b TEXT,
    CHECK (a < b)
) STRICT";

#[test]
fn items_keep_their_comments_and_checks() {
    let items = definition_items(SQL);
    let names: Vec<Option<&str>> = items.iter().map(|i| i.column.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("id"),
            Some("name"),
            Some("kind"),
            Some("a"),
            Some("b"),
            None
        ]
    );
    assert_eq!(items[0].comment.as_deref(), Some("The key."));
    assert_eq!(items[1].comment.as_deref(), Some("A name, on two lines."));
    assert_eq!(items[1].checks, ["length(trim(name)) > 0"]);
    assert_eq!(items[2].comment.as_deref(), Some("trailing"));
    assert_eq!(items[2].checks, ["kind IN ('a, b', 'c)')"]);
    assert_eq!(items[3].comment, None);
    assert_eq!(items[5].text, "CHECK (a < b)");
}

#[test]
fn pairs_share_a_first_or_last_word() {
    assert!(pair("existed_from", "existed_until"));
    assert!(pair("visitor_state", "host_state"));
    assert!(pair("opened_on", "closed_on"));
    assert!(!pair("existed_until", "note"));
    assert!(!pair("city", "start_date"));
}

#[test]
fn comments_come_from_create_table_and_later_alter_table() {
    let first =
        "-- Header.\n\n-- Line one\n-- line two.\nCREATE TABLE t (\n  -- The x.\n  x TEXT\n);\n";
    let second = "-- The city, where known.\nALTER TABLE t ADD COLUMN city TEXT;\n\
                  ALTER TABLE t ADD COLUMN bare TEXT;\n";
    let comments = MigrationComments::read(&[first.to_string(), second.to_string()]);
    assert_eq!(comments.table("t").as_deref(), Some("Line one line two."));
    assert_eq!(comments.column("t", "x").as_deref(), Some("The x."));
    assert_eq!(
        comments.column("t", "city").as_deref(),
        Some("The city, where known.")
    );
    assert_eq!(comments.column("t", "bare"), None);
}

#[test]
fn a_conventional_comment_wins_over_the_pair_above() {
    let column = |name: &str, comment: Option<&str>| Column {
        name: name.to_string(),
        declared_type: "TEXT".to_string(),
        not_null: false,
        default: None,
        primary_key: false,
        sole_primary_key: false,
        unique: false,
        references: None,
        checks: Vec::new(),
        comment: comment.map(str::to_string),
    };
    let mut columns = vec![
        column("visit_id", Some("The visit.")),
        column("source_id", None),
        column("opened_on", Some("Opened.")),
        column("closed_on", None),
    ];
    fill_comments(&mut columns);
    assert!(columns[1]
        .comment
        .as_deref()
        .unwrap()
        .starts_with("The source"));
    assert_eq!(columns[3].comment.as_deref(), Some("Opened."));
}

#[test]
fn the_load_order_puts_referenced_tables_first() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE visits (id INTEGER PRIMARY KEY, state TEXT REFERENCES states (code), \
           source_id INTEGER REFERENCES sources (id));
         CREATE TABLE states (code TEXT PRIMARY KEY, source_id INTEGER REFERENCES sources (id));
         CREATE TABLE sources (id INTEGER PRIMARY KEY);
         CREATE TABLE reldb_meta (key TEXT PRIMARY KEY, value TEXT);",
    )
    .unwrap();
    let catalog = Catalog::read(&conn).unwrap();
    assert_eq!(catalog.load_order(), ["sources", "states", "visits"]);
    assert_eq!(catalog.loadable_names(), ["sources", "states", "visits"]);
    assert!(catalog.loadable("reldb_meta").is_err());
    assert!(matches!(
        catalog.table("nope"),
        Err(Error::UnknownTable { .. })
    ));
    let visits = catalog.table("visits").unwrap();
    assert!(visits.columns[0].is_rowid_alias());
    assert_eq!(
        visits
            .column("state")
            .unwrap()
            .references
            .as_ref()
            .unwrap()
            .table,
        "states"
    );
}
