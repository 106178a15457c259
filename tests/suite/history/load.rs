//! The Office of the Historian's records loaded by `reldb init` (the seed that
//! scripts/build_history_seed.py writes), read back through the named queries of the real
//! binary: relations as events with a status on any date, missions with a history, heads of
//! mission; and a version 2 file whose relations row becomes events.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::common::{count, parse_csv, Row, Workspace};

fn status(ws: &Workspace, partner: &str, on: &str) -> String {
    let rows = ws.query(
        "relations",
        &[
            "state=US",
            &format!("partner={partner}"),
            &format!("on={on}"),
        ],
    );
    assert_eq!(rows.len(), 1, "one pair: {rows:?}");
    rows[0]["status"].clone()
}

#[test]
fn us_cuba_relations_are_severed_in_1970_and_established_in_2016() {
    let ws = Workspace::seeded();
    assert_eq!(status(&ws, "CU", "1970-01-01"), "severed");
    assert_eq!(status(&ws, "CU", "2016-01-01"), "established");
    assert_eq!(status(&ws, "CU", "1960-12-31"), "established");
    let severed = ws.query(
        "relations",
        &["state=US", "on=1970-01-01", "status=severed"],
    );
    assert!(severed.iter().any(|r| r["state_a"] == "CU"), "{severed:?}");
}

#[test]
fn us_recognition_of_tajikistan_is_an_event_of_1991_12_25() {
    let ws = Workspace::seeded();
    let rows = ws.query(
        "relation_events",
        &["state=US", "partner=TJ", "event=recognition"],
    );
    let recognition = rows
        .iter()
        .find(|r| r["date"] == "1991-12-25")
        .unwrap_or_else(|| panic!("no recognition on 1991-12-25: {rows:?}"));
    assert_eq!(recognition["acting_state"], "US");
    assert_ne!(recognition["source_id"], "");
    let timeline = ws.query("timeline", &["state=US", "partner=TJ"]);
    assert!(timeline
        .iter()
        .any(|r| r["event"] == "recognition" && r["date"] == "1991-12-25"));
}

#[test]
fn mcwilliams_heads_the_mission_in_tajikistan_from_1992_03_13() {
    let ws = Workspace::seeded();
    let rows = ws.query(
        "heads_of_mission",
        &["state=US", "partner=TJ", "person=McWilliams"],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["person"], "Edmund McWilliams");
    assert_eq!(rows[0]["started_on"], "1992-03-13");
    assert_eq!(rows[0]["receiving_state"], "TJ");
}

#[test]
fn a_legation_raised_to_embassy_has_both_events() {
    let ws = Workspace::seeded();
    let rows = ws.query("mission_events", &["state=US", "partner=AF"]);
    let raised = rows
        .iter()
        .find(|r| r["event"] == "raised")
        .unwrap_or_else(|| panic!("no raised event: {rows:?}"));
    assert_eq!(raised["kind"], "embassy");
    assert!(
        rows.iter().any(|r| r["mission_id"] == raised["mission_id"]
            && r["event"] == "opened"
            && r["kind"] == "legation"
            && r["date"] < raised["date"]),
        "{rows:?}"
    );
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn derived(name: &str) -> Vec<Row> {
    parse_csv(&std::fs::read(repository().join("data/derived").join(name)).unwrap())
}

/// The history build's rows: ids from 10001, below the Factbook stage's 40001
/// (scripts/build_representation_seed.py).
fn generated(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        &format!("SELECT count(*) FROM \"{table}\" WHERE id BETWEEN 10001 AND 40000"),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn what_is_loaded_and_what_is_reported_add_up_to_the_records() {
    let ws = Workspace::seeded();
    for table in [
        "sources",
        "places",
        "relation_events",
        "missions",
        "mission_events",
        "people",
        "heads_of_mission",
    ] {
        assert_eq!(
            count(&ws.db, table) as usize,
            crate::common::seed(table).len(),
            "{table}: every row the script wrote is loaded"
        );
    }
    let report = derived("history_seed_report.csv");
    let reported = |table: &str| -> HashSet<String> {
        report
            .iter()
            // Rows loaded with a remark ("loaded without it") are not refusals.
            .filter(|r| r["table"] == table && !r["reason"].contains("loaded"))
            .map(|r| r["record"].clone())
            .collect()
    };
    let chiefs = derived("pocom_chiefs.csv").len();
    assert_eq!(
        generated(&ws.db, "heads_of_mission") as usize + reported("heads_of_mission").len(),
        chiefs
    );
    let posts = derived("posts_posts.csv").len();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let post_missions: i64 = conn
        .query_row(
            "SELECT count(*) FROM missions WHERE gsh_post_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(post_missions as usize + reported("missions").len(), posts);
    // Every relation kind of a guide event (its kind and its also_kinds) is an event, or the
    // guide event is reported; a non-recognition is one act of its own.
    let mission_kinds = [
        "embassy_established",
        "legation_established",
        "consulate_established",
        "raised_to_embassy",
        "move",
        "closure",
    ];
    let refused = reported("relation_events");
    let relation_rows: usize = derived("rdcr_relation_events.csv")
        .into_iter()
        // An interests section opened is told once, as a mission event.
        .filter(|r| {
            !(r["kind"] == "other" && r["actor"] == "us" && r["head"].contains("Interests Section"))
        })
        .filter(|r| !refused.contains(&format!("{}#{}", r["source_file"], r["event_no"])))
        .map(|r| {
            // A recognition that also established relations is two acts; a non-recognition
            // is one, of kind other.
            let also_established = r["kind"] == "recognition"
                && !r["head"].to_lowercase().contains("non-recognition")
                && r["also_kinds"]
                    .split_whitespace()
                    .any(|k| k == "establishment");
            usize::from(!mission_kinds.contains(&r["kind"].as_str()))
                + usize::from(also_established)
        })
        .sum();
    assert_eq!(generated(&ws.db, "relation_events") as usize, relation_rows);
}

#[test]
fn a_version_2_file_keeps_its_relations_row_as_events_and_the_view_answers_as_before() {
    let fresh = Workspace::seeded();
    let ws = Workspace::new();
    let migration =
        |name: &str| std::fs::read_to_string(repository().join("migrations").join(name)).unwrap();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(&migration("V1__schema.sql")).unwrap();
    conn.execute_batch(&migration("V2__report_views.sql"))
        .unwrap();
    conn.execute(
        "ATTACH DATABASE ?1 AS fresh",
        [fresh.db.display().to_string()],
    )
    .unwrap();
    let history: String = conn
        .query_row(
            "SELECT sql FROM fresh.sqlite_master WHERE name = 'refinery_schema_history'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&history).unwrap();
    conn.execute_batch(
        "INSERT INTO refinery_schema_history SELECT * FROM fresh.refinery_schema_history WHERE version <= 2;
         INSERT INTO reldb_meta (key, value) VALUES ('schema_fingerprint', 'version 2'),
             ('seeded_on', '2026-01-01 00:00:00');
         DETACH DATABASE fresh;
         INSERT INTO states (iso2, name, status, sovereign) VALUES ('FR', 'France', 'un_member', 1), ('JP', 'Japan', 'un_member', 1);
         INSERT INTO sources (id, title) VALUES (1, 'A hand-made source');
         INSERT INTO relations (state_a, state_b, established_on, established_by, severed_on, source_id, note)
         VALUES ('FR', 'JP', '1858-10-09', 'treaty', '1941-12-08', 1, 'kept');",
    )
    .unwrap();
    drop(conn);
    let output = ws.reldb().arg("migrate").output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events = ws.query("relation_events", &["state=FR", "partner=JP"]);
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|r| (r["date"].as_str(), r["event"].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("1858-10-09", "establishment"), ("1941-12-08", "severance")]
    );
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let old: (String, String, String, String) = conn
        .query_row(
            "SELECT established_on, established_by, severed_on, note FROM relations WHERE state_a = 'FR' AND state_b = 'JP'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        old,
        (
            "1858-10-09".to_string(),
            "treaty".to_string(),
            "1941-12-08".to_string(),
            "kept".to_string()
        )
    );
    assert_eq!(status_of(&ws, "FR", "JP", "1900-01-01"), "established");
    assert_eq!(status_of(&ws, "FR", "JP", "1950"), "severed");
}

fn status_of(ws: &Workspace, state: &str, partner: &str, on: &str) -> String {
    let rows = ws.query(
        "relations",
        &[
            &format!("state={state}"),
            &format!("partner={partner}"),
            &format!("on={on}"),
        ],
    );
    rows[0]["status"].clone()
}

/// What the converter infers where the guide dates a break but not its missions' fate: the
/// Havana embassy closed at the severance of 1961 and the interests section of 1977 became the
/// embassy in 2015, each marked inferred with its reasoning; a "resumption" with no break
/// before it is not counted as ending one (Lithuania, 1991), while one after a break of the
/// same state is (China's of 1913 after the interruption of 1912: the Qing state and the
/// Republic of China are one state, `TW`).
#[test]
fn the_guides_breaks_close_the_missions_and_say_it_is_inferred() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let havana: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT e.event, e.occurred_on, coalesce(e.kind, ''), e.basis
             FROM mission_events AS e JOIN missions AS m ON m.id = e.mission_id
             WHERE m.sending_state = 'US' AND m.receiving_state = 'CU'
               AND m.kind IN ('embassy', 'legation', 'interests_section')
             ORDER BY e.occurred_on, e.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let closing = (
        "closed".to_string(),
        "1961-01-03".to_string(),
        String::new(),
        "inferred".to_string(),
    );
    assert!(havana.contains(&closing), "{havana:?}");
    let raising = (
        "raised".to_string(),
        "2015-07-20".to_string(),
        "embassy".to_string(),
        "inferred".to_string(),
    );
    assert!(havana.contains(&raising), "{havana:?}");
    let opened_1977 = havana
        .iter()
        .any(|e| e.0 == "opened" && e.1 == "1977-09-01" && e.2 == "interests_section");
    assert!(opened_1977, "{havana:?}");
    let unexplained: i64 = conn
        .query_row(
            "SELECT count(*) FROM mission_events WHERE basis = 'inferred' AND coalesce(basis_note, '') = ''",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unexplained, 0);
    let kinds: Vec<String> = ["TW", "LT"]
        .iter()
        .map(|partner| {
            conn.query_row(
                "SELECT event FROM relation_events WHERE state_a = ?1 AND state_b = 'US'
                 AND summary LIKE '%Resum%' ORDER BY occurred_on LIMIT 1",
                [partner],
                |r| r.get(0),
            )
            .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["resumption", "other"]);
}

/// A record dated before its state goes to the predecessor of that name that existed then
/// (China's relations of 1844 are the Qing state's, an era of the Republic of China, `TW`),
/// and to none of another name (Montenegro's acts are Montenegro's, never Yugoslavia's).
#[test]
fn records_before_their_state_go_to_the_predecessor_of_that_name() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let china: String = conn
        .query_row(
            "SELECT CASE state_a WHEN 'US' THEN state_b ELSE state_a END FROM relation_events
             WHERE 'US' IN (state_a, state_b) AND event = 'establishment'
             AND occurred_on = '1844-06-16'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(china, "TW");
    let yugoslav_1920: i64 = conn
        .query_row(
            "SELECT count(*) FROM relation_events
             WHERE 'YUCS' IN (state_a, state_b) AND summary LIKE '%Montenegro%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(yugoslav_1920, 0);
    let montenegro_1905: i64 = conn
        .query_row(
            "SELECT count(*) FROM relation_events
             WHERE 'US' IN (state_a, state_b) AND 'ME' IN (state_a, state_b)
             AND occurred_on LIKE '1905%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(montenegro_1905 > 0, "Montenegro exists from 1878");
}

/// The status on a date covers only pairs whose two states existed then (no German Democratic
/// Republic in 1995), and a recognition after a break is what the record holds since (France's provisional
/// government after Vichy's severance: recognized, not severed).
#[test]
fn relations_on_a_date_know_which_states_existed_and_what_came_after_a_break() {
    let ws = Workspace::seeded();
    let gone = ws.query("relations", &["state=US", "partner=DDDE", "on=1995-01-01"]);
    assert!(gone.is_empty(), "{gone:?}");
    let then = ws.query("relations", &["state=US", "partner=DDDE", "on=1980-01-01"]);
    assert_eq!(then.len(), 1, "{then:?}");
    assert_eq!(status(&ws, "FR", "1943-01-01"), "severed");
    assert_eq!(status(&ws, "FR", "1970-01-01"), "recognized");
}

/// Every reported act of the guide names its record (`rdcr/articles/FILE.xml#N`), so a reader
/// can find it in the source.
#[test]
fn the_report_names_the_guides_record_of_each_act_it_leaves_out() {
    let report =
        std::fs::read_to_string(repository().join("data/derived/history_seed_report.csv")).unwrap();
    let acts: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("relation_events,") || l.starts_with("mission_events,"))
        .collect();
    assert!(!acts.is_empty());
    for line in acts {
        let record = line.split(',').nth(1).unwrap();
        // A post's events before its state began are the post's record's, not the guide's.
        let post = line.starts_with("mission_events,gsh-posts/posts/") && record.ends_with(".xml");
        assert!(
            post || (record.starts_with("rdcr/articles/") && record.contains(".xml#")),
            "{line}"
        );
    }
}
