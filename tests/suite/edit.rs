//! `reldb add`, `update` and `delete`: one fact from the command line, checked as an import
//! is, all or nothing, each saying what it changed.

use crate::common::{count, dump, Workspace};
use assert_cmd::Command;

const GUIDE: &str = "A Guide to the United States' History of Recognition, Diplomatic, and \
Consular Relations, by Country, since 1776: Tajikistan";

/// Runs `reldb ARGS`, asserts success and returns stderr (where the changes are told).
fn told(ws: &Workspace, args: &[&str]) -> String {
    let output = ws.reldb().args(args).output().expect("reldb runs");
    assert!(
        output.status.success(),
        "reldb {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "data on stdout: {output:?}");
    String::from_utf8(output.stderr).unwrap()
}

/// `reldb ARGS` with `input` on stdin.
fn with_stdin(ws: &Workspace, args: &[&str], input: &str) -> std::process::Output {
    let mut cmd: Command = ws.reldb();
    cmd.args(args)
        .write_stdin(input.as_bytes())
        .output()
        .expect("reldb runs")
}

#[test]
fn a_relation_event_and_a_mission_take_one_line_commands_each() {
    let ws = Workspace::seeded();
    let said = told(
        &ws,
        &[
            "add",
            "sources",
            &format!("title={GUIDE}"),
            "publisher=Office of the Historian",
        ],
    );
    assert!(said.starts_with("added sources "), "{said}");
    let source = said.trim().rsplit(' ').next().unwrap().to_string();
    // A pair the seed has no events of: relations are events now, the view answers from them.
    let said = told(
        &ws,
        &[
            "add",
            "relation_events",
            "state_a=Japan",
            "state_b=France",
            "event=establishment",
            "occurred_on=1858-10-09",
            "manner=treaty",
            "--source",
            &source,
        ],
    );
    assert!(said.starts_with("added relation_events "), "{said}");
    let relations = ws.query("relations", &["state=FR", "partner=Japan"]);
    assert_eq!(relations.len(), 1, "{relations:?}");
    assert_eq!(relations[0]["established_on"], "1858-10-09");
    assert_eq!(relations[0]["established_by"], "treaty");
    assert_eq!(relations[0]["status"], "established");
    let said = told(
        &ws,
        &[
            "add",
            "missions",
            "sending_state=FR",
            "receiving_state=JPN",
            "kind=legation",
            "city=Edo",
            "opened_on=1859",
            "--source",
            GUIDE,
        ],
    );
    assert!(said.starts_with("added missions "), "{said}");
    let missions = ws.query("missions", &["state=FR", "partner=JP"]);
    assert_eq!(missions.len(), 1, "{missions:?}");
    assert_eq!(missions[0]["kind"], "legation");
    assert_eq!(
        missions[0]["source_id"], source,
        "--source by title reuses it"
    );
}

#[test]
fn a_bad_date_and_an_unknown_state_are_refused_naming_argument_column_and_value() {
    let ws = Workspace::seeded();
    let before = std::fs::read(&ws.db).unwrap();
    let error = ws.stderr_of_failure(&[
        "add",
        "visits",
        "visitor_name=Someone",
        "visitor_state=Azerbajan",
        "host_state=TJ",
        "start_date=2024-02-30",
        "--source",
        "1",
    ]);
    assert!(
        error.contains("add visits refused, nothing was written"),
        "{error}"
    );
    assert!(
        error.contains("argument 3, visitor_state: unknown state 'Azerbajan'"),
        "{error}"
    );
    assert!(
        error.contains("argument 5, start_date: '2024-02-30' is not in the calendar"),
        "{error}"
    );
    assert_eq!(std::fs::read(&ws.db).unwrap(), before, "the file changed");
}

#[test]
fn a_rule_of_the_schema_names_the_column_and_the_value_given() {
    let ws = Workspace::seeded();
    let error = ws.stderr_of_failure(&["update", "missions", "2", "kind=palace"]);
    assert!(
        error.contains("argument 3, kind: kind = 'palace' breaks a rule"),
        "{error}"
    );
    let error = ws.stderr_of_failure(&["add", "visits", "visitor_name=X", "colour=red"]);
    assert!(
        error.contains("argument 3, colour: visits has no column colour"),
        "{error}"
    );
    assert!(
        error.contains("visits needs a value for visitor_state, host_state, start_date"),
        "{error}"
    );
}

#[test]
fn update_prints_each_change_old_to_new_and_checks_the_new_row() {
    let ws = Workspace::seeded();
    let said = told(&ws, &["update", "missions", "2", "city=Baku"]);
    assert_eq!(said, "missions 2: city '' → 'Baku'\n");
    let missions = ws.query("missions", &["state=TJ", "partner=AZ"]);
    let baku: Vec<_> = missions.iter().filter(|m| m["id"] == "2").collect();
    assert_eq!(baku[0]["city"], "Baku");

    // A pair named by names, in either order; a state given by name is stored as its code.
    let said = told(&ws, &["update", "relation_events", "1", "manner=notes"]);
    assert_eq!(
        said,
        "relation_events 1: manner 'exchange of notes' → 'notes'\n"
    );
    let said = told(
        &ws,
        &["update", "missions", "2", "receiving_state=Azerbaijan"],
    );
    assert_eq!(
        said,
        "missions 2: nothing changed, every value was already so\n"
    );
}

#[test]
fn update_refuses_a_missing_row_and_a_change_of_key() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    let said = told(
        &ws,
        &[
            "update",
            "state_aliases",
            "18",
            "kind=official_name",
            "--dry-run",
        ],
    );
    assert_eq!(
        said,
        "state_aliases 18: kind 'variant' → 'official_name' (dry run, nothing written)\n"
    );
    let error = ws.stderr_of_failure(&["update", "missions", "99", "city=Baku"]);
    assert!(error.contains("missions has no row with id 99"), "{error}");
    let error = ws.stderr_of_failure(&["update", "memberships", "CIS,TJ", "state=AZ"]);
    assert!(error.contains("state is part of the key"), "{error}");
    let error = ws.stderr_of_failure(&["update", "memberships", "CIS", "note=x"]);
    assert!(
        error.contains("the key of memberships is organization, state"),
        "{error}"
    );
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn delete_of_a_row_others_refer_to_is_refused_naming_them() {
    let ws = Workspace::seeded();
    let visits = count(&ws.db, "visits");
    let error = ws.stderr_of_failure(&["delete", "visits", "2"]);
    assert!(
        error.contains("visits 2 is still referred to by 2 rows of agreements (visit_id = 2)"),
        "{error}"
    );
    assert_eq!(count(&ws.db, "visits"), visits);
}

#[test]
fn delete_prints_the_row_removed_and_what_went_with_it() {
    let ws = Workspace::seeded();
    let parties = count(&ws.db, "agreement_parties");
    let said = told(&ws, &["delete", "agreements", "1"]);
    assert!(said.starts_with("deleted agreements 1: id=1 title=\"Agreement on Friendship"));
    assert!(
        said.contains("kind=agreement signed_on=2007-03-16"),
        "{said}"
    );
    assert!(
        said.contains("with 2 rows of agreement_parties that belonged to it"),
        "{said}"
    );
    assert_eq!(count(&ws.db, "agreement_parties"), parties - 2);
    let error = ws.stderr_of_failure(&["delete", "agreements", "1"]);
    assert!(error.contains("agreements has no row with id 1"), "{error}");
}

#[test]
fn json_lines_on_stdin_add_several_rows() {
    let ws = Workspace::seeded();
    let lines = "{\"visitor_name\": \"A. Minister\", \"visitor_state\": \"Azerbaijan\", \
                 \"host_state\": \"TJ\", \"start_date\": \"2024-05-01\"}\n\
                 {\"visitor_name\": \"B. Minister\", \"visitor_state\": \"TJ\", \
                 \"host_state\": \"AZ\", \"start_date\": \"2024-06-01\", \
                 \"documents_signed\": 3, \"notes\": null}\n";
    let output = with_stdin(&ws, &["add", "visits", "--source", "1"], lines);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "added visits 1000001\nadded visits 1000002\n"
    );
    let visits = ws.query("visits", &["from=2024"]);
    assert_eq!(visits.len(), 2, "{visits:?}");
    assert_eq!(visits[1]["visitor_state"], "TJ");
    assert_eq!(visits[1]["documents_signed"], "3");
    assert_eq!(visits[1]["source_id"], "1");
}

#[test]
fn one_bad_row_on_stdin_refuses_them_all() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    let array = r#"[
      {"visitor_name": "A", "visitor_state": "AZ", "host_state": "TJ", "start_date": "2024-05-01"},
      {"visitor_name": "B", "visitor_state": "TJ", "host_state": "AZ", "start_date": "2024-06-31"}
    ]"#;
    let output = with_stdin(&ws, &["add", "visits"], array);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("stdin:2:start_date: '2024-06-31' is not in the calendar"),
        "{error}"
    );
    assert_eq!(dump(&ws.db), before);
    let lines = "\n{\"visitor_name\": \"A\", \"visitor_state\": \"AZ\", \"host_state\": \"TJ\", \
                 \"start_date\": \"2024-05-01\"}\n\
                 {\"visitor_name\": \"B\", \"visitor_state\": \"Atlantis\", \"host_state\": \"AZ\", \
                 \"start_date\": \"2024-06-01\"}\n";
    let output = with_stdin(&ws, &["add", "visits"], lines);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("1 row refused, nothing was written:\n  stdin:3:visitor_state: unknown state 'Atlantis'"),
        "{error}"
    );
    assert_eq!(dump(&ws.db), before);
    let error =
        String::from_utf8_lossy(&with_stdin(&ws, &["add", "visits"], "").stderr).into_owned();
    assert!(error.contains("stdin: no rows"), "{error}");
    let output = with_stdin(&ws, &["add", "visits", "-"], "{\"visitor_name\": ");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("stdin:1: not JSON"), "{error}");
}

#[test]
fn dry_run_writes_nothing_and_says_so() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    let said = told(
        &ws,
        &[
            "add",
            "organizations",
            "code=SCO",
            "name=Shanghai Cooperation Organisation",
            "--dry-run",
        ],
    );
    assert_eq!(
        said,
        "would add (dry run, nothing written) organizations SCO\n"
    );
    let said = told(
        &ws,
        &["update", "missions", "1", "city=Dushanbe", "--dry-run"],
    );
    assert!(said.contains("city '' → 'Dushanbe' (dry run, nothing written)"));
    let said = told(&ws, &["delete", "missions", "1", "--dry-run"]);
    assert!(said.starts_with("would delete (dry run, nothing written) missions 1:"));
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn rows_on_stdin_tell_their_keys_in_order_even_with_an_id_given() {
    let ws = Workspace::seeded();
    let row = |name: &str, extra: &str| {
        format!(
            "{{\"visitor_name\": \"{name}\", \"visitor_state\": \"AZ\", \"host_state\": \"TJ\", \
             \"start_date\": \"2024-05-01\"{extra}}}\n"
        )
    };
    let lines = [
        row("A", ""),
        row("B", ", \"id\": 90"),
        row("C", ", \"notes\": \"two\\nlines\""),
        row("D", ", \"notes\": \"x\""),
    ]
    .concat();
    let output = with_stdin(&ws, &["add", "visits"], &lines);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "added visits 1000001\nadded visits 90\nadded visits 1000002\nadded visits 1000003\n"
    );
    let before = dump(&ws.db);
    let lines = [
        row("E", ", \"notes\": \"a\\nb\""),
        row("E", ", \"notes\": \"a\\nb\""),
    ]
    .concat();
    let output = with_stdin(&ws, &["add", "visits"], &lines);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("stdin:2: duplicate of line 1: every field is the same"),
        "{error}"
    );
    assert_eq!(dump(&ws.db), before);
}
