//! Every fact says how it is known (issue 14, "Inferences are stored as facts"): the seed marks
//! each row and link `stated` or `inferred`, `reldb check` reports rows and links that do not
//! say, and the brief words an inference as such, or leaves it out with `--stated-only`.
//! Driven through the real binary on real database files.

use crate::common::Workspace;
use rusqlite::Connection;

/// The seeded TJ–AZ brief in Markdown, with `extra` options.
fn brief(ws: &Workspace, extra: &[&str]) -> String {
    let mut args = vec!["dossier", "TJ", "AZ"];
    args.extend_from_slice(extra);
    String::from_utf8(ws.stdout(&args)).expect("UTF-8")
}

/// The lines of `text` that contain `needle`.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn the_brief_words_inferences_as_such() {
    let ws = Workspace::seeded();
    let text = brief(&ws, &[]);
    // Agreement 1 is dated, not placed in the visit, by the source.
    let friendship = lines_with(&text, "*Agreement on Friendship and Cooperation");
    assert!(!friendship.is_empty(), "{text}");
    assert!(
        friendship
            .iter()
            .all(|l| !l.contains("During the official visit of Ilham Aliyev")),
        "{friendship:?}"
    );
    assert!(
        friendship.iter().any(|l| l.contains(
            "was signed on 16 March 2007, probably during the official visit of Ilham Aliyev"
        )),
        "{friendship:?}"
    );
    // Agreement 3 is not among the documents signed during the August visit, and its title
    // is said to be reldb's.
    let signed_during = lines_with(&text, "During the official visit of Emomali Rahmon");
    assert_eq!(signed_during.len(), 1, "{text}");
    assert!(
        !signed_during[0].contains("Political Declaration"),
        "{}",
        signed_during[0]
    );
    assert!(
        signed_during[0].contains("10 documents"),
        "{}",
        signed_during[0]
    );
    assert!(
        text.contains("The document reldb calls *Political Declaration"),
        "{text}"
    );
    // The counted spheres are reldb's reading, not "covering".
    assert!(!text.contains(", covering political"), "{text}");
    assert!(text.contains("by reldb's reading, they concern"), "{text}");
    // The lead says inferences are there, and the annex gives the reasoning.
    assert!(text.contains("beyond what the sources state"), "{text}");
    assert!(text.contains("## Annex: how the facts are known"), "{text}");
    assert!(
        text.contains("the source gives only the date, 16.03.2007"),
        "{text}"
    );
}

#[test]
fn stated_only_leaves_the_inferences_out() {
    let ws = Workspace::seeded();
    let text = brief(&ws, &["--stated-only"]);
    for inference in [
        "probably",
        "reldb calls",
        "Political Declaration",
        "by reldb's reading",
        "how the facts are known",
    ] {
        assert!(!text.contains(inference), "'{inference}' in:\n{text}");
    }
    // What the source states stays: the agreement by its date, the joint statement in its visit.
    assert!(text.contains("was signed on 16 March 2007."), "{text}");
    assert!(text.contains("*Joint Statement of the President"), "{text}");
    assert!(
        text.contains("reldb's own inferences are left out"),
        "{text}"
    );
    // The HTML brief leaves them out too, timeline included.
    let html =
        String::from_utf8(ws.stdout(&["dossier", "TJ", "AZ", "--stated-only", "--format", "html"]))
            .unwrap();
    assert!(!html.contains("Political Declaration"));
    assert!(!html.contains("probably"));
}

#[test]
fn a_fresh_database_has_every_fact_and_link_with_a_basis() {
    let ws = Workspace::new();
    ws.stdout(&["-q", "init"]);
    let output = ws.reldb().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(!stdout.contains("fact_without_basis"), "{stdout}");
    assert!(!stdout.contains("visit_link_without_basis"), "{stdout}");
    // No fact row of the seed lacks a basis, in any table that has the column.
    let conn = Connection::open(&ws.db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM sqlite_schema AS m \
             WHERE m.type = 'table' \
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'basis') \
             ORDER BY m.name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 10, "{tables:?}");
    let mut seeded = 0;
    for table in &tables {
        let (rows, unsaid): (i64, i64) = conn
            .query_row(
                &format!("SELECT count(*), count(*) FILTER (WHERE basis IS NULL) FROM \"{table}\""),
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(unsaid, 0, "{table} has {unsaid} rows without a basis");
        seeded += rows;
    }
    assert!(seeded > 40, "only {seeded} fact rows seeded");
    // Every table with a basis column is one the check reads.
    let check = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checks/fact_without_basis.sql"),
    )
    .unwrap();
    for table in &tables {
        assert!(
            check.contains(&format!("FROM {table} WHERE basis IS NULL")),
            "checks/fact_without_basis.sql does not read {table}"
        );
    }
}

#[test]
fn a_row_or_link_added_without_a_basis_is_reported() {
    let ws = Workspace::seeded();
    ws.stdout(&[
        "-q",
        "add",
        "visits",
        "visitor_name=Someone",
        "visitor_state=AZ",
        "host_state=TJ",
        "start_date=2010-05-01",
        "--source",
        "1",
    ]);
    let conn = Connection::open(&ws.db).unwrap();
    conn.execute_batch(
        "INSERT INTO agreement_sectors (agreement_id, sector, source_id) VALUES (2, 'trade', 1);
         UPDATE cooperation SET visit_id = 1 WHERE id = 12;",
    )
    .unwrap();
    drop(conn);
    let output = ws.reldb().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("visit 1000001 has no basis"), "{stdout}");
    assert!(
        stdout.contains("sector trade of agreement 2 has no basis"),
        "{stdout}"
    );
    assert!(
        stdout.contains("cooperation 12 is linked to visit 1 without a visit_basis"),
        "{stdout}"
    );
}

#[test]
fn basis_columns_are_taken_like_any_column_and_an_inference_needs_its_reasoning() {
    let ws = Workspace::seeded();
    ws.stdout(&[
        "-q",
        "add",
        "visits",
        "visitor_name=Someone",
        "visitor_state=AZ",
        "host_state=TJ",
        "start_date=2010-05-01",
        "basis=inferred",
        "basis_note=Read from a photograph's caption.",
        "--source",
        "1",
    ]);
    let rows = ws.query("visits", &["state=AZ", "partner=TJ"]);
    assert_eq!(rows.len(), 3);
    let output = ws.reldb().arg("check").output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    // An inference without its reasoning cannot be stored.
    let refused = ws.stderr_of_failure(&[
        "add",
        "visits",
        "visitor_name=Someone else",
        "visitor_state=AZ",
        "host_state=TJ",
        "start_date=2011-05-01",
        "basis=inferred",
        "--source",
        "1",
    ]);
    assert!(refused.contains("basis_note"), "{refused}");
    let conn = Connection::open(&ws.db).unwrap();
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(visits, 3);
}
