//! The source rows cite, for `import`, `add` and `update` alike: `--source` by id or exact
//! title (a typo is refused, never a new source), `--new-source` with what is known of it.

use std::fs;

use crate::common::{count, dump, Workspace};

const SEED_SOURCE: &str = "Relations of Tajikistan with Azerbaijan";

/// A seeded workspace (source 1 is the seed's) and a one-row visits CSV in it.
fn seeded() -> Workspace {
    let ws = Workspace::seeded();
    fs::write(
        ws.path("trips.csv"),
        "visitor_name,visitor_state,host_state,start_date\nA Minister,TJ,France,2011-02-03\n",
    )
    .unwrap();
    ws
}

/// The id the next new source takes: one past the highest, since the seed's generated
/// sources are numbered from 10001 after its hand-made ones.
/// The id the next source a user adds gets: above every id of the seed (from 1000001).
fn next_source_id(ws: &Workspace) -> i64 {
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let next: i64 = conn
        .query_row("SELECT max(id) + 1 FROM sources", [], |r| r.get(0))
        .unwrap();
    next.max(1_000_001)
}

/// `reldb import visits trips.csv ARGS...`: exit code and stderr.
fn import(ws: &Workspace, args: &[&str]) -> (Option<i32>, String) {
    let output = ws
        .reldb()
        .args(["import", "visits", "trips.csv"])
        .args(args)
        .output()
        .expect("reldb runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The `source_id` of the one visit to France.
fn cited(ws: &Workspace) -> String {
    let rows = ws.query("visits", &["state=France"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows[0]["source_id"].clone()
}

#[test]
fn import_cites_a_source_by_id() {
    let ws = seeded();
    let sources = count(&ws.db, "sources");
    let (code, stderr) = import(&ws, &["--source", "1"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(cited(&ws), "1");
    assert_eq!(count(&ws.db, "sources"), sources, "no source was created");
}

#[test]
fn import_cites_a_source_by_its_title_whatever_its_case() {
    let ws = seeded();
    let sources = count(&ws.db, "sources");
    let (code, stderr) = import(&ws, &["--source", &SEED_SOURCE.to_uppercase()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(cited(&ws), "1");
    assert_eq!(count(&ws.db, "sources"), sources, "no source was created");
}

#[test]
fn a_mistyped_title_is_refused_with_the_nearest_and_nothing_is_written() {
    let ws = seeded();
    let before = dump(&ws.db);
    let (code, stderr) = import(&ws, &["--source", "Relations of Tajikstan with Azerbaijan"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("no source has that title (did you mean 'Relations of Tajikistan with Azerbaijan' (id 1)?)"),
        "{stderr}"
    );
    assert!(stderr.contains("--new-source TITLE"), "{stderr}");
    assert_eq!(dump(&ws.db), before);

    // The same rule for add and update: one module resolves sources for all three.
    let error = ws.stderr_of_failure(&[
        "add",
        "visits",
        "visitor_name=B",
        "visitor_state=TJ",
        "host_state=AZ",
        "start_date=2024-01-02",
        "--source",
        "Relations of Tajikstan",
    ]);
    assert!(
        error.contains("did you mean 'Relations of Tajikistan"),
        "{error}"
    );
    let error =
        ws.stderr_of_failure(&["update", "visits", "1", "city=Baku", "--source", "Nothing"]);
    assert!(
        error.contains("--source 'Nothing': no source has that title;"),
        "{error}"
    );
    let error = ws.stderr_of_failure(&["update", "visits", "1", "city=Baku", "--source", "999"]);
    assert!(
        error.contains("--source '999': no source has that id"),
        "{error}"
    );
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn new_source_creates_it_with_every_field_and_cites_it() {
    let ws = seeded();
    let id = next_source_id(&ws);
    let (code, stderr) = import(
        &ws,
        &[
            "--new-source",
            "Travels of the Secretary",
            "--publisher",
            "Office of the Historian",
            "--address",
            "https://history.state.gov/departmenthistory/travels",
            "--published-on",
            "2024-05",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with(&format!("added sources {id}\n")),
        "{stderr}"
    );
    let sources = ws.query("sources", &[]);
    let new = sources
        .iter()
        .find(|s| s["id"] == id.to_string())
        .expect("the new source is listed");
    assert_eq!(new["title"], "Travels of the Secretary");
    assert_eq!(new["publisher"], "Office of the Historian");
    assert_eq!(
        new["address"],
        "https://history.state.gov/departmenthistory/travels"
    );
    assert_eq!(new["published_on"], "2024-05");
    assert_eq!(new["facts_cited"], "1");
    assert_eq!(cited(&ws), id.to_string());

    // add cites a new source the same way.
    let output = ws
        .reldb()
        .args(["add", "visits", "visitor_name=B", "visitor_state=TJ"])
        .args(["host_state=AZ", "start_date=2024-01-02"])
        .args(["--new-source", "My notes", "--published-on", "2024"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("added sources {}\nadded visits 1000002\n", id + 1)
    );
    let visits = ws.query("visits", &["state=AZ", "from=2024"]);
    assert_eq!(visits[0]["source_id"], (id + 1).to_string(), "{visits:?}");
}

#[test]
fn a_new_source_goes_only_with_its_rows() {
    let ws = seeded();
    let id = next_source_id(&ws);
    let before = dump(&ws.db);
    fs::write(
        ws.path("trips.csv"),
        "visitor_name,visitor_state,host_state,start_date\nA Minister,TJ,Atlantis,2011-02-03\n",
    )
    .unwrap();
    let (code, stderr) = import(&ws, &["--new-source", "Refused with its rows"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(dump(&ws.db), before, "the source is not left behind");
    let output = ws
        .reldb()
        .args(["add", "visits", "visitor_name=B", "visitor_state=TJ"])
        .args(["host_state=AZ", "start_date=2024-01-02"])
        .args(["--new-source", "Only checked", "--dry-run"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with(&format!(
            "would add (dry run, nothing written) sources {id}\n"
        )),
        "{output:?}"
    );
    assert_eq!(dump(&ws.db), before, "a dry run writes no source");
}

#[test]
fn a_new_source_is_checked_before_anything_is_written() {
    let ws = seeded();
    let before = dump(&ws.db);
    for (args, expected) in [
        (
            vec!["--new-source", "relations of tajikistan with azerbaijan"],
            "source 1 is already titled 'Relations of Tajikistan with Azerbaijan'; cite it with --source 1",
        ),
        (
            vec!["--new-source", "Notes", "--published-on", "2024-02-30"],
            "--published-on: '2024-02-30' is not in the calendar",
        ),
        (
            vec!["--new-source", "Notes", "--published-on", "30.01.2024"],
            "--published-on: '30.01.2024' is not a date",
        ),
        (
            vec!["--new-source", "Notes", "--address", "history.state.gov"],
            "--address 'history.state.gov' is not a URL",
        ),
    ] {
        let (code, stderr) = import(&ws, &args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn source_and_new_source_together_are_refused() {
    let ws = seeded();
    let before = dump(&ws.db);
    let (code, stderr) = import(&ws, &["--source", "1", "--new-source", "Notes"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("'--source <ID_OR_TITLE>' cannot be used with '--new-source <TITLE>'"),
        "{stderr}"
    );
    // What describes a new source needs one.
    let (code, stderr) = import(&ws, &["--source", "1", "--publisher", "Someone"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot be used with '--publisher <NAME>'"),
        "{stderr}"
    );
    let error = ws.stderr_of_failure(&[
        "update",
        "visits",
        "1",
        "city=Baku",
        "--source",
        "1",
        "--new-source",
        "Notes",
    ]);
    assert!(error.contains("cannot be used with"), "{error}");
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn update_cites_a_source_by_title_or_a_new_one() {
    let ws = seeded();
    let id = next_source_id(&ws);
    let sources = count(&ws.db, "sources");
    let output = ws
        .reldb()
        .args(["update", "missions", "2", "city=Baku"])
        .args([
            "--new-source",
            "Embassy site",
            "--address",
            "https://tj.example/",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let told = String::from_utf8_lossy(&output.stderr);
    assert!(told.starts_with(&format!("added sources {id}\n")), "{told}");
    assert!(
        told.contains(&format!("missions 2: source_id '1' → '{id}'")),
        "{told}"
    );
    let output = ws
        .reldb()
        .args([
            "update",
            "missions",
            "2",
            "city=Baku",
            "--source",
            "embassy SITE",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        count(&ws.db, "sources"),
        sources + 1,
        "the title found the new source"
    );
    let output = ws
        .reldb()
        .args(["update", "missions", "2", "--source", SEED_SOURCE, "city="])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let missions = ws.query("missions", &["state=TJ", "partner=AZ"]);
    let mission = missions.iter().find(|m| m["id"] == "2").unwrap();
    assert_eq!(mission["source_id"], "1");
}
