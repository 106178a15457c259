//! Parameters whose values are a known set (`-- param: kind (text) in visits.kind: ...`): a value
//! outside it is refused with the nearest ones instead of matching nothing, a value in another
//! case is taken, and `reldb queries NAME` lists the set.

use crate::common::Workspace;

/// Runs `reldb query ARGS...`, asserts it fails, and returns stderr.
fn refused(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    ws.stderr_of_failure(&all)
}

#[test]
fn values_no_row_can_hold_are_refused_with_the_nearest() {
    let ws = Workspace::seeded();
    let cases = [
        (
            ["visits", "-p", "kind=offical"],
            "-p kind=offical: not one of visits.kind; did you mean 'official'?",
        ),
        (
            ["cooperation", "-p", "sector=enrgy"],
            "-p sector=enrgy: not one of sectors.code; did you mean 'energy'?",
        ),
        (
            ["states", "-p", "status=member"],
            "-p status=member: not one of states.status; did you mean 'non_member' or 'un_member'?",
        ),
        (
            ["missions", "-p", "kind=embasy"],
            "-p kind=embasy: not one of missions.kind; did you mean 'embassy'?",
        ),
    ];
    for (args, expected) in cases {
        let stderr = refused(&ws, &args);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let stderr = refused(&ws, &["visits", "-p", "kind=offical"]);
    assert!(
        stderr.contains(
            "(visits.kind: state, official, working, private, transit, multilateral, other)"
        ),
        "the refusal lists the kinds: {stderr}"
    );
    let stderr = refused(&ws, &["agreements", "-p", "sector=xyz"]);
    assert!(
        stderr.contains("more; `reldb queries agreements` lists them all"),
        "a long set is cut short: {stderr}"
    );
}

#[test]
fn a_value_in_another_case_is_taken_as_the_one_it_names() {
    let ws = Workspace::seeded();
    let official = ws.query("visits", &["kind=Official"]);
    assert_eq!(official.len(), 2, "{official:?}");
    assert!(official.iter().all(|r| r["kind"] == "official"));
    assert_eq!(ws.query("visits", &["kind=official"]), official);
    let un = ws.query("memberships", &["organization=un"]);
    assert!(!un.is_empty());
    assert!(un.iter().all(|r| r["organization"] == "UN"), "{un:?}");
}

#[test]
fn valid_values_still_return_rows() {
    let ws = Workspace::seeded();
    assert!(!ws.query("cooperation", &["sector=energy"]).is_empty());
    assert!(!ws.query("states", &["status=un_member"]).is_empty());
    assert!(!ws.query("sectors", &["sphere=economic"]).is_empty());
    assert!(!ws.query("agreements", &["kind=declaration"]).is_empty());
    assert!(!ws
        .query("cooperation", &["kind=priority_sector"])
        .is_empty());
}

#[test]
fn a_sphere_is_one_of_the_spheres_not_any_sector() {
    let ws = Workspace::seeded();
    let stderr = refused(&ws, &["sectors", "-p", "sphere=trade"]);
    assert!(
        stderr.contains(
            "-p sphere=trade: not one of sectors.sphere (sectors.sphere: economic, \
             humanitarian, political, scientific-technical, security)"
        ),
        "{stderr}"
    );
}

#[test]
fn reldb_queries_name_lists_the_values() {
    let ws = Workspace::seeded();
    let shown = String::from_utf8(ws.stdout(&["queries", "visits"])).unwrap();
    assert!(
        shown.contains(
            "    -p kind=<text>  Only visits of this kind. [one of visits.kind]\n        \
             state, official, working, private, transit, multilateral, other\n"
        ),
        "{shown}"
    );
    let shown = String::from_utf8(ws.stdout(&["queries", "memberships"])).unwrap();
    assert!(shown.contains("        CIS, OSCE, UN"), "{shown}");
}

/// A folder `q` in the workspace holding one query file.
fn user_query(ws: &Workspace, file: &str, header: &str) -> String {
    let dir = ws.path("q");
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "-- name: by_status\n-- description: States of one status.\n{header}\n\
         SELECT code FROM states WHERE (:status IS NULL OR status = :status) ORDER BY code;\n"
    );
    std::fs::write(dir.join(file), text).unwrap();
    dir.display().to_string()
}

#[test]
fn a_user_query_can_take_its_values_from_a_column() {
    let ws = Workspace::seeded();
    let dir = user_query(
        &ws,
        "by_status.sql",
        "-- param: status (text) in states.status = former: Only states of this status.",
    );
    let run = |args: &[&str]| {
        let mut all = vec!["--queries", &dir, "query", "by_status", "--format", "csv"];
        all.extend_from_slice(args);
        all.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let members = ws.stdout(
        &run(&["-p", "status=UN_MEMBER"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let members = crate::common::parse_csv(&members);
    assert!(members.iter().any(|r| r["code"] == "TJ"), "{members:?}");
    let former = crate::common::parse_csv(
        &ws.stdout(&run(&[]).iter().map(String::as_str).collect::<Vec<_>>()),
    );
    assert!(
        !former.iter().any(|r| r["code"] == "TJ"),
        "the default, former, applies"
    );
    let stderr = ws.stderr_of_failure(
        &run(&["-p", "status=formr"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(stderr.contains("did you mean 'former'?"), "{stderr}");
}

#[test]
fn a_bad_column_or_default_in_a_user_query_is_an_error_naming_the_file() {
    let cases = [
        (
            "-- param: status (text) in states.statuz: Only states of this status.",
            "parameter 'status' takes its values in states.statuz, but table states has no column 'statuz'",
        ),
        (
            "-- param: status (text) in nations.status: Only states of this status.",
            "there is no table 'nations'",
        ),
        (
            "-- param: status (text) in states.name: Only states of this status.",
            "states.name has no CHECK (name IN (...)) and references no table",
        ),
        (
            "-- param: status (text) in states.status = gone: Only states of this status.",
            "the default of parameter 'status': not one of states.status",
        ),
        (
            "-- param: status (date) in states.status: Only states of this status.",
            "'in TABLE.COLUMN' is for text parameters",
        ),
    ];
    for (header, expected) in cases {
        let ws = Workspace::seeded();
        let dir = user_query(&ws, "by_status.sql", header);
        let stderr =
            ws.stderr_of_failure(&["--queries", &dir, "query", "by_status", "-p", "status=x"]);
        assert!(stderr.contains("by_status.sql"), "{header}: {stderr}");
        assert!(stderr.contains(expected), "{header}: {stderr}");
    }
}

#[test]
fn a_misnamed_column_is_found_even_when_the_parameter_is_not_given() {
    let ws = Workspace::seeded();
    let dir = user_query(
        &ws,
        "by_status.sql",
        "-- param: status (text) in states.statuz: Only states of this status.",
    );
    let stderr = ws.stderr_of_failure(&["--queries", &dir, "query", "by_status"]);
    assert!(
        stderr.contains("by_status.sql") && stderr.contains("has no column 'statuz'"),
        "{stderr}"
    );
    let stderr = ws.stderr_of_failure(&["--queries", &dir, "queries", "by_status"]);
    assert!(stderr.contains("has no column 'statuz'"), "{stderr}");
}

#[test]
fn datasette_descriptions_list_the_values() {
    let ws = Workspace::seeded();
    ws.stdout(&["datasette-metadata", "-o", "metadata.json"]);
    let text = std::fs::read_to_string(ws.path("metadata.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let visits = json["databases"]["reldb"]["queries"]["visits"]["description"]
        .as_str()
        .unwrap();
    assert!(
        visits.contains(
            "kind: Only visits of this kind (one of: state, official, working, private, transit, \
             multilateral, other)."
        ),
        "{visits}"
    );
}

/// A query's name mistyped is answered with the name meant, as a mistyped value or state is.
#[test]
fn a_mistyped_query_name_gets_a_did_you_mean() {
    let ws = Workspace::seeded();
    let error = ws.stderr_of_failure(&["query", "visists"]);
    assert!(error.contains("did you mean 'visits'?"), "{error}");
    let far = ws.stderr_of_failure(&["query", "xyzzy"]);
    assert!(!far.contains("did you mean"), "{far}");
}
