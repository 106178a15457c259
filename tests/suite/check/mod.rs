//! `reldb check` on a database edited by hand with foreign keys off, as in the sqlite3 shell.

mod history;

use crate::common::Workspace;
use predicates::prelude::*;

#[test]
fn a_clean_database_passes() {
    let ws = Workspace::seeded();
    ws.reldb()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no problems found"));
}

#[test]
fn hand_edits_that_break_the_rules_are_each_reported_with_table_and_row() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO missions (id, sending_state, receiving_state, kind, opened_on, source_id)
             VALUES (10, 'TJ', 'AZ', 'consulate', '1991-01', 1);
         INSERT INTO agreements (id, title, kind, signed_on, visit_id, source_id)
             VALUES (10, 'Signed at home', 'memorandum', '2007-05-01', 1, 1);
         INSERT INTO agreement_parties (agreement_id, state) VALUES (10, 'TJ'), (10, 'AZ');
         INSERT INTO visits (id, visitor_name, visitor_state, host_state, start_date, source_id)
             VALUES (10, 'Late Visitor', 'TJ', 'SUHH', '1995-04', 1);
         INSERT INTO visits (id, visitor_name, visitor_state, host_state, start_date)
             VALUES (11, 'Uncited Visitor', 'TJ', 'AZ', '2015');
         INSERT INTO visits (id, visitor_name, visitor_state, host_state, start_date, source_id)
             VALUES (12, 'Nowhere Visitor', 'TJ', 'ZZ', '2016', 1);",
    )
    .unwrap();
    drop(conn);
    let output = ws.reldb().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "visits 12: visits row 12 refers to a row missing from states [foreign_key_check]",
        "missions 10: mission 10 (TJ in AZ) opened on 1991-01, before relations were established on 1992-05-29 [mission_before_relations]",
        "agreements 10: agreement 10 was signed on 2007-05-01, outside visit 1 (2007-03-15 to 2007-03-16) [agreement_outside_visit]",
        "visits 10: visit 10 on 1995-04: Soviet Union (SUHH) existed 1922-12-30–1991-12-26 [visit_state_not_existing]",
        "visits 11: visit 11 cites no source [uncited_rows]",
    ] {
        assert!(stdout.contains(expected), "missing finding: {expected}\nin:\n{stdout}");
    }
    assert!(String::from_utf8_lossy(&output.stderr).contains("problems found"));
}

#[test]
fn a_missing_database_is_an_error_not_a_new_file() {
    let ws = Workspace::new();
    ws.reldb()
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no database at"));
    assert!(!ws.db.exists());
}
