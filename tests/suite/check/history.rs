//! `reldb check` knows the rules of relations and missions as histories (issue 13): a mission
//! left open while relations are severed, a head of mission outside the mission's life, and
//! dates out of order (an act after a termination, a resumption with nothing to resume, a
//! mission event before its opening). Each rule fires on a bad fixture and not on a good one;
//! the rule that reads the `relations` view keeps working.

use crate::common::Workspace;

/// The US–Cuba history told right: recognised and established in 1902, severed 1961, resumed
/// 2015; the legation of 1902 raised to an embassy in 1923, closed in 1961, an interests
/// section under Switzerland from 1977, an embassy again in 2015; heads within its life.
const GOOD: &str = "
    DELETE FROM heads_of_mission;
    DELETE FROM people;
    DELETE FROM mission_events;
    DELETE FROM missions;
    DELETE FROM relation_events;
    INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, acting_state, mutual, source_id, basis) VALUES
        (101, 'CU', 'US', 'recognition', '1902-05-20', 'US', 0, 1, 'stated'),
        (102, 'CU', 'US', 'establishment', '1902-05-27', NULL, 1, 1, 'stated'),
        (103, 'CU', 'US', 'severance', '1961-01-03', 'US', 0, 1, 'stated'),
        (104, 'CU', 'US', 'resumption', '2015-07-20', NULL, 1, 1, 'stated'),
        (105, 'TJ', 'US', 'recognition', '1991-12-25', 'US', 0, 1, 'stated'),
        (106, 'TJ', 'US', 'establishment', '1992-02-19', NULL, 1, 1, 'stated');
    INSERT INTO missions (id, sending_state, receiving_state, kind, city, opened_on, source_id, basis) VALUES
        (101, 'US', 'CU', 'embassy', 'Havana', '1902', 1, 'stated'),
        (102, 'US', 'TJ', 'embassy', 'Dushanbe', '1992-03-13', 1, 'stated');
    INSERT INTO mission_events (id, mission_id, event, occurred_on, kind, protecting_state, source_id, basis) VALUES
        (101, 101, 'opened', '1902', 'legation', NULL, 1, 'stated'),
        (102, 101, 'raised', '1923', 'embassy', NULL, 1, 'stated'),
        (103, 101, 'closed', '1961-01-04', NULL, NULL, 1, 'stated'),
        (104, 101, 'reopened', '1977-09-01', 'interests_section', 'CH', 1, 'stated'),
        (105, 101, 'raised', '2015-07-20', 'embassy', NULL, 1, 'stated'),
        (106, 102, 'opened', '1992-03-13', 'embassy', NULL, 1, 'stated');
    INSERT INTO people (id, name, source_id) VALUES (101, 'Edmund McWilliams', 1), (102, 'Philip W. Bonsal', 1);
    INSERT INTO heads_of_mission (id, person_id, title, sending_state, receiving_state, mission_id, started_on, ended_on, source_id, basis) VALUES
        (101, 101, 'Chargé d''Affaires ad interim', 'US', 'TJ', 102, '1992-03-13', NULL, 1, 'stated'),
        (102, 102, 'Ambassador', 'US', 'CU', 101, '1959-03-05', '1960-10-20', 1, 'stated');
";

const NEW_CHECKS: [&str; 5] = [
    "mission_open_while_severed",
    "head_outside_mission",
    "relation_event_after_termination",
    "resumption_without_break",
    "mission_event_before_opening",
];

/// A seeded database with the good history in place of the seed's and then `bad` (SQL), and
/// `reldb check`'s exit code and findings.
fn check_with(bad: &str) -> (Option<i32>, String) {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    conn.execute_batch(GOOD).unwrap();
    conn.execute_batch(bad).unwrap();
    drop(conn);
    let output = ws.reldb().arg("check").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code(), stdout)
}

/// The findings of one check.
fn findings<'a>(stdout: &'a str, check: &str) -> Vec<&'a str> {
    let tag = format!("[{check}]");
    stdout.lines().filter(|l| l.ends_with(&tag)).collect()
}

#[test]
fn a_history_told_right_passes_every_new_check() {
    let (code, stdout) = check_with("");
    for check in NEW_CHECKS {
        assert!(
            findings(&stdout, check).is_empty(),
            "{check} fired:\n{stdout}"
        );
    }
    assert_eq!(code, Some(0), "{stdout}");
}

#[test]
fn a_mission_left_open_through_a_severance_is_flagged() {
    // A liaison office open since 1950 that nothing closed in 1961.
    let (code, stdout) = check_with(
        "INSERT INTO missions (id, sending_state, receiving_state, kind, city, opened_on, source_id, basis)
             VALUES (110, 'US', 'CU', 'liaison_office', 'Santiago de Cuba', '1950', 1, 'stated');",
    );
    assert_eq!(code, Some(1));
    let found = findings(&stdout, "mission_open_while_severed");
    assert_eq!(
        found,
        [
            "missions 110: mission 110 (liaison_office of US in CU) stayed open while relations were \
          severed from 1961-01-03 until 2015-07-20, with no protecting power and not as an \
          interests section [mission_open_while_severed]"
        ],
        "{stdout}"
    );
}

#[test]
fn a_consulate_may_stay_open_through_a_severance() {
    // Consular relations outlast a severance of diplomatic ones (VCCR article 2(3)).
    let (_, stdout) = check_with(
        "INSERT INTO missions (id, sending_state, receiving_state, kind, city, opened_on, source_id, basis)
             VALUES (110, 'US', 'CU', 'consulate', 'Santiago de Cuba', '1902', 1, 'stated');",
    );
    assert!(
        findings(&stdout, "mission_open_while_severed").is_empty(),
        "{stdout}"
    );
}

#[test]
fn a_mission_under_a_protecting_power_through_a_severance_passes() {
    let (_, stdout) = check_with(
        "INSERT INTO missions (id, sending_state, receiving_state, kind, city, opened_on, source_id, basis)
             VALUES (110, 'US', 'CU', 'liaison_office', 'Santiago de Cuba', '1950', 1, 'stated');
         INSERT INTO mission_events (mission_id, event, occurred_on, protecting_state, source_id, basis)
             VALUES (110, 'protecting_power', '1961-01-04', 'CH', 1, 'stated');",
    );
    assert!(
        findings(&stdout, "mission_open_while_severed").is_empty(),
        "{stdout}"
    );
}

#[test]
fn a_head_of_mission_outside_the_missions_life_is_flagged() {
    let (code, stdout) = check_with(
        "INSERT INTO people (id, name) VALUES (110, 'Too Early');
         INSERT INTO heads_of_mission (id, person_id, title, sending_state, receiving_state, mission_id, started_on, source_id)
             VALUES (110, 110, 'Minister', 'US', 'TJ', 102, '1991-06', 1);
         UPDATE missions SET closed_on = '2000' WHERE id = 102;
         INSERT INTO people (id, name) VALUES (111, 'Too Late');
         INSERT INTO heads_of_mission (id, person_id, title, sending_state, receiving_state, mission_id, started_on, source_id)
             VALUES (111, 111, 'Ambassador', 'US', 'TJ', 102, '2001-02-01', 1);",
    );
    assert_eq!(code, Some(1));
    let found = findings(&stdout, "head_outside_mission");
    assert_eq!(
        found,
        [
            "heads_of_mission 110: head of mission 110 (Too Early) took charge on 1991-06, \
             before mission 102 opened on 1992-03-13 [head_outside_mission]",
            "heads_of_mission 111: head of mission 111 (Too Late) took charge on 2001-02-01, \
             after mission 102 closed on 2000 [head_outside_mission]",
        ],
        "{stdout}"
    );
}

#[test]
fn an_act_after_a_termination_is_flagged_unless_relations_were_taken_up_again() {
    let (code, stdout) = check_with(
        "INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, source_id) VALUES
             (110, 'TJ', 'US', 'termination', '2000-01-01', 1),
             (111, 'TJ', 'US', 'severance', '2001-05-01', 1);",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&stdout, "relation_event_after_termination"),
        [
            "relation_events 111: relation event 111 (severance, TJ–US, 2001-05-01) comes after \
          the termination of relations on 2000-01-01 with no recognition or reestablishment in \
          between [relation_event_after_termination]"
        ],
        "{stdout}"
    );
    let (_, stdout) = check_with(
        "INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, source_id) VALUES
             (110, 'TJ', 'US', 'termination', '2000-01-01', 1),
             (111, 'TJ', 'US', 'reestablishment', '2001-05-01', 1),
             (112, 'TJ', 'US', 'severance', '2002-05-01', 1);",
    );
    assert!(
        findings(&stdout, "relation_event_after_termination").is_empty(),
        "{stdout}"
    );
    // An act that needs no relations (an informal mission, a treaty) may follow a termination.
    let (_, stdout) = check_with(
        "INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, source_id) VALUES
             (110, 'TJ', 'US', 'termination', '2000-01-01', 1),
             (111, 'TJ', 'US', 'other', '2001-05-01', 1);",
    );
    assert!(
        findings(&stdout, "relation_event_after_termination").is_empty(),
        "{stdout}"
    );
}

#[test]
fn relations_taken_up_again_by_a_reestablishment_count_from_it() {
    // China in 1913: the record holds no establishment of the pair, only a reestablishment;
    // a mission opened after it is no finding, one opened before it is.
    let (_, stdout) = check_with(
        "INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, source_id, basis)
             VALUES (110, 'CN', 'US', 'reestablishment', '1913-05-02', 1, 'stated');
         INSERT INTO missions (id, sending_state, receiving_state, kind, opened_on, source_id, basis)
             VALUES (110, 'US', 'CN', 'embassy', '1935-06-18', 1, 'stated'),
                    (111, 'US', 'CN', 'legation', '1912', 1, 'stated');",
    );
    assert_eq!(
        findings(&stdout, "mission_before_relations"),
        [
            "missions 111: mission 111 (US in CN) opened on 1912, before relations were \
          established on 1913-05-02 [mission_before_relations]"
        ],
        "{stdout}"
    );
}

#[test]
fn a_resumption_with_nothing_to_resume_is_flagged() {
    let (code, stdout) = check_with(
        "INSERT INTO relation_events (id, state_a, state_b, event, occurred_on, source_id)
             VALUES (110, 'TJ', 'US', 'resumption', '1995-01-01', 1);",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&stdout, "resumption_without_break"),
        [
            "relation_events 110: relation event 110 resumes relations of TJ–US on 1995-01-01, \
          but no severance, suspension or interruption comes before it [resumption_without_break]"
        ],
        "{stdout}"
    );
}

#[test]
fn a_mission_event_before_the_opening_is_flagged() {
    let (code, stdout) = check_with(
        "INSERT INTO mission_events (id, mission_id, event, occurred_on, kind, source_id)
             VALUES (110, 102, 'raised', '1991-12-01', 'embassy', 1);",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&stdout, "mission_event_before_opening"),
        ["mission_events 110: mission event 110 (raised on 1991-12-01) comes before mission 102 \
          opened on 1992-03-13 [mission_event_before_opening]"],
        "{stdout}"
    );
}

#[test]
fn a_mission_before_the_first_establishment_or_reestablishment_is_flagged() {
    // Relations of TJ–US begin with the establishment of 1992-02-19; a mission opened before
    // it is found.
    let (code, stdout) = check_with(
        "INSERT INTO missions (id, sending_state, receiving_state, kind, opened_on, source_id)
             VALUES (110, 'TJ', 'US', 'embassy', '1991-01', 1);",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        findings(&stdout, "mission_before_relations"),
        [
            "missions 110: mission 110 (TJ in US) opened on 1991-01, before relations were \
          established on 1992-02-19 [mission_before_relations]"
        ],
        "{stdout}"
    );
}

#[test]
fn uncited_acts_are_found_by_event_and_a_recognition_alone_is_not_an_uncited_relation() {
    // US–TJ before 1992 is a recognition only: the view's established source is empty, which
    // is no finding; an act, a mission event or a term without a source is.
    let (code, stdout) = check_with(
        "DELETE FROM relation_events WHERE id = 106;
         UPDATE relation_events SET source_id = NULL WHERE id = 104;
         UPDATE mission_events SET source_id = NULL WHERE mission_id = 102;
         UPDATE heads_of_mission SET source_id = NULL WHERE id = 101;",
    );
    assert_eq!(code, Some(1));
    let found = findings(&stdout, "uncited_rows");
    assert_eq!(
        found,
        [
            "relation_events 104: relation event 104 (resumption, CU-US) cites no source [uncited_rows]",
            "mission_events 106: mission event 106 (opened of mission 102) cites no source [uncited_rows]",
            "heads_of_mission 101: head of mission 101 cites no source [uncited_rows]",
        ],
        "{stdout}"
    );
}
