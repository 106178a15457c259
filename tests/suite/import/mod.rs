//! `reldb import` on real files: the catalogue of bad inputs under tests/bad-inputs (each
//! with the exact message it must produce, and the database left as it was), robust reading
//! of good files, the opt-in --rejects, and the US travels data set.

mod as_they_come;
mod full_disk;
mod safe_load;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{dump, parse_csv, seed, Workspace};
use predicates::prelude::*;

fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

/// Every `TABLE.case.csv` in the catalogue is refused with exactly the message in
/// `TABLE.case.expected` and changes nothing. `BLESS=1 cargo test --test suite import::every_bad_input` rewrites the
/// expected messages (review the diff).
#[test]
fn every_bad_input_gets_its_exact_message_and_changes_nothing() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    let mut cases: Vec<PathBuf> = fs::read_dir(catalogue())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the catalogue has {} cases", cases.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let file = case.file_name().unwrap().to_str().unwrap();
        let table = file.split('.').next().unwrap();
        let output = ws
            .reldb()
            .current_dir(catalogue())
            .args(["import", table, file])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        let expected_path = case.with_extension("expected");
        if bless {
            fs::write(&expected_path, &stderr).unwrap();
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        if output.status.code() != Some(2) || !output.stdout.is_empty() || stderr != expected {
            failures.push(format!(
                "{file}: exit {:?}\n--- expected\n{expected}--- got\n{stderr}",
                output.status.code()
            ));
        }
        assert_eq!(dump(&ws.db), before, "{file} changed the database");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_messy_but_valid_file_imports_bom_crlf_quotes_newlines_and_blank_lines() {
    let ws = Workspace::seeded();
    let file = ws.path("messy.csv");
    let text = "\u{feff}host_state,visitor_name,start_date,visitor_state,notes\r\n\
                Azerbaijan Republic,\"Rahmon, Emomali\",2009,TJK,\"said \"\"hello\"\"\r\nand left\"\r\n\
                \r\n\
                türkiye,Someone,2010-05,Tajikistan,\r\n\r\n\r\n";
    fs::write(&file, text).unwrap();
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 of 2 rows imported into visits"));
    let rows = ws.query("visits", &["from=2009"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["visitor_name"], "Rahmon, Emomali");
    assert_eq!(rows[0]["host_state"], "AZ");
    assert_eq!(rows[0]["notes"], "said \"hello\"\r\nand left");
    assert_eq!(rows[1]["host_state"], "TR");
    assert_eq!(rows[1]["end_date"], "");
}

/// `reldb import visits FILE` with the headers of a trips file mapped to visits' columns.
fn import_trips(ws: &Workspace, file: &Path) -> assert_cmd::Command {
    let mut cmd = ws.reldb();
    cmd.args(["import", "visits"]).arg(file).args([
        "--map",
        "visitor_name=who",
        "--map",
        "host_state=where",
        "--map",
        "start_date=when",
    ]);
    cmd
}

#[test]
fn map_set_and_source_shape_each_row() {
    let ws = Workspace::seeded();
    let file = ws.path("trips.csv");
    fs::write(&file, "who,where,when\nA Minister,France,2011-02-03\n").unwrap();
    import_trips(&ws, &file)
        .args([
            "--set",
            "visitor_state=TJ",
            "--set",
            "kind=working",
            "--new-source",
            "My notes",
        ])
        .assert()
        .success();
    let rows = ws.query("visits", &["state=France"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["visitor_state"].as_str(), rows[0]["kind"].as_str()),
        ("TJ", "working")
    );
    let sources = ws.query("sources", &[]);
    let mine = sources
        .iter()
        .find(|s| s["title"] == "My notes")
        .expect("source created");
    assert_eq!(rows[0]["source_id"], mine["id"]);
    assert_eq!(mine["facts_cited"], "1");
    // The same title again, with --source, cites the source.
    fs::write(&file, "who,where,when\nA Minister,Spain,2011-02-04\n").unwrap();
    import_trips(&ws, &file)
        .args(["--set", "visitor_state=TJ", "--source", "My notes"])
        .assert()
        .success();
    assert_eq!(
        ws.query("sources", &[]).len(),
        seed("sources").len() + 1,
        "the seed's sources and the one --new-source added, no second 'My notes'"
    );
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .args(["--map", "visitor_name=nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--map visitor_name=nobody: the header has no column nobody",
        ));
}

#[test]
fn rejects_is_the_opt_in_to_load_good_rows_and_set_bad_ones_aside() {
    let ws = Workspace::seeded();
    let file = ws.path("mixed.csv");
    fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date\n\
         Good One,TJ,AZ,2010\nBad One,TJ,Atlantis,2010\nGood Two,AZ,TJ,2011-02-29\nGood Three,AZ,TJ,2012\n",
    )
    .unwrap();
    let rejects = ws.path("rejects.csv");
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 of 4 rows imported"))
        .stderr(predicate::str::contains("2 rows were refused"));
    let refused = parse_csv(&fs::read(&rejects).unwrap());
    assert_eq!(refused.len(), 2);
    assert_eq!(
        (
            refused[0]["line"].as_str(),
            refused[0]["visitor_name"].as_str()
        ),
        ("3", "Bad One")
    );
    assert!(refused[0]["reasons"].contains("unknown state 'Atlantis'"));
    assert!(
        refused[1]["reasons"].contains("2011 has")
            || refused[1]["reasons"].contains("2011-02 has 28 days")
    );
    let names: Vec<String> = ws
        .query("visits", &["from=2010"])
        .into_iter()
        .map(|r| r["visitor_name"].clone())
        .collect();
    assert_eq!(names, ["Good One", "Good Three"]);
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let ws = Workspace::seeded();
    let before = dump(&ws.db);
    let file = ws.path("ok.csv");
    fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date\nA,TJ,AZ,2010\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits", "--dry-run"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 of 1 row checked (dry run, nothing written)",
        ));
    assert_eq!(dump(&ws.db), before);
}

#[test]
fn importing_the_same_file_twice_is_refused_as_duplicates() {
    let ws = Workspace::seeded();
    let file = ws.path("once.csv");
    fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date\nA,TJ,AZ,2010\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .assert()
        .success();
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "once.csv:2: duplicate: visits row 1000001 already has the same values",
        ));
}

#[test]
fn state_names_resolve_as_of_the_rows_date() {
    let ws = Workspace::seeded();
    let file = ws.path("history.csv");
    fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date\n\
         A,US,U.S.S.R.,1959-07\nB,US,Serbia,1997\nC,US,Serbia,2004\nD,US,Serbia,2010\nE,US,Germany,1975\nF,US,Czechoslovakia,1990\n",
    )
    .unwrap();
    ws.reldb()
        .args(["import", "visits"])
        .arg(&file)
        .assert()
        .success();
    let hosts: Vec<String> = ws
        .query("visits", &["state=US"])
        .into_iter()
        .map(|r| r["host_state"].clone())
        .collect();
    // Serbia in 1997 and 2004 is the Federal Republic of Yugoslavia and Serbia and Montenegro,
    // one state with Serbia (data/states/identities.csv).
    assert_eq!(hosts, ["SUHH", "DE", "CSHH", "RS", "RS", "RS"]);
    ws.reldb()
        .args(["resolve", "Serbia", "--on", "1900"])
        .assert()
        .success()
        .stdout("YUCS\tYugoslavia\tera Kingdom of Serbia (1882–1918)\n");
    ws.reldb()
        .args(["resolve", "Serbia"])
        .assert()
        .success()
        .stdout("RS\tSerbia\n");
    ws.reldb()
        .args(["resolve", "U.S.S.R."])
        .assert()
        .success()
        .stdout("SUHH\tSoviet Union\n");
}

/// The documented command of README.md: 4,271 real trips of US presidents and secretaries of
/// state, with names as the source wrote them.
#[test]
fn the_us_travels_data_set_imports_with_the_documented_command() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/us-foreign-travels.csv");
    let ws = Workspace::seeded();
    let output = ws
        .reldb()
        .args(["import", "visits"])
        .arg(&data)
        .args(["--set", "visitor_state=US", "--set", "basis=stated"])
        .args(["--map", "host_state=host_country_name", "--map", "visitor_office=visitor_role"])
        .args(["--map", "city=locale", "--map", "notes=remarks"])
        .args(["--new-source", "Office of the Historian, US Department of State: travels of the President and the Secretary of State"])
        .args(["--publisher", "Office of the Historian, US Department of State"])
        .args(["--address", "https://history.state.gov/departmenthistory/travels"])
        .args(["--rejects", "travels-refused.csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("4268 of 4271 rows imported into visits"),
        "{stderr}"
    );
    let refused = parse_csv(&fs::read(ws.path("travels-refused.csv")).unwrap());
    let lines: Vec<&str> = refused.iter().map(|r| r["line"].as_str()).collect();
    assert_eq!(lines, ["2069", "4024", "4026"]);
    assert!(refused[0]["reasons"].contains("'Namibia' names no state that existed on 1990-03-19"));
    assert!(refused[1]["reasons"].contains("duplicate of line 4023"));

    let by_host = |state: &str| {
        ws.query("visits", &["state=US", &format!("partner={state}")])
            .len()
    };
    assert_eq!(by_host("SUHH"), 40);
    assert_eq!(by_host("DDDE"), 2);
    assert_eq!(by_host("TW"), 10);
    assert_eq!(by_host("PS"), 73);
    let moscow_1992 = ws.query("visits", &["state=RU", "from=1992-01", "to=1992-02"]);
    assert_eq!(moscow_1992.len(), 3, "'U.S.S.R.' in 1992 is Russia");
    let sources = ws.query("sources", &[]);
    let travels = sources
        .iter()
        .find(|s| {
            s["title"].starts_with("Office of the Historian, US Department of State: travels")
        })
        .expect("--new-source");
    assert_eq!(
        travels["publisher"],
        "Office of the Historian, US Department of State"
    );
    assert_eq!(travels["facts_cited"], "4268");
    ws.reldb().arg("check").assert().success();
}
