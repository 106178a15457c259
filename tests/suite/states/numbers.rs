//! Correlates of War numbers, and Gleditsch–Ward numbers of former states (issue 12): what
//! scripts/extract_state_numbers.py takes from a codelist like countrycode's, and the seed's
//! numbers read through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::Workspace;

/// A codelist shaped like countrycode's (a dict of columns), written by python3's own pickle
/// so the fixture stays readable here. Rows: a modern state, one whose Gleditsch–Ward number
/// differs from country_converter's, a former state found by the hand-kept map, one the map
/// leaves out, one with no state in the seed, one with no numbers, and a NaN cell.
const FIXTURE: &str = r#"
import pickle, sys
nan = float("nan")
columns = {
    "country.name.en": ["United States", "Czechia", "Bavaria", "Hanover", "Atlantis", "Aruba", "Russia"],
    "iso2c": ["US", "CZ", None, None, "QQ", "AW", "RU"],
    "cown": [2, 316, 245, 240, 999, None, 365],
    "cowc": ["USA", "CZR", "BAV", "HAN", "ATL", None, "RUS"],
    "cow.name": ["United States of America", "Czech Republic", "Bavaria", "Hanover", "Atlantis", None, "Russia"],
    "gwn": [2, 316, 245, 240, None, None, nan],
    "gwc": ["USA", "CZR", "BAV", "HAN", None, None, "RUS"],
    "iso3c": ["USA", "CZE", None, None, None, "ABW", "RUS"],
}
with open(sys.argv[1], "wb") as f:
    pickle.dump(columns, f)
"#;

/// A pickle that would create a file named `ran` if unpickling ran its code.
const HOSTILE: &str = r#"
import os, pickle, sys
class Payload:
    def __reduce__(self):
        return (os.system, ("touch ran",))
with open(sys.argv[1], "wb") as f:
    pickle.dump({"country.name.en": [Payload()]}, f)
"#;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/extract_state_numbers.py")
}

fn python(program: &str, out: &Path) {
    let status = Command::new("python3")
        .args(["-c", program])
        .arg(out)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "python3 made no fixture");
}

/// A repository root with the three tables the script reads.
fn repo_like(dir: &Path, map: &str) {
    std::fs::create_dir_all(dir.join("seed")).unwrap();
    std::fs::create_dir_all(dir.join("data/states")).unwrap();
    std::fs::write(
        dir.join("seed/states.csv"),
        "code,name\nCZ,Czechia\nRU,Russia\nSUHH,Soviet Union\nUS,United States\nX-BAVARIA,Bavaria\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data/states/gw_codes.csv"),
        "code,gw_code,name\nCZ,315,Czechia\nRU,365,Russia\nUS,2,United States\n",
    )
    .unwrap();
    std::fs::write(dir.join("data/states/former_state_numbers_map.csv"), map).unwrap();
}

const MAP: &str = "codelist_name,code,why\n\
                   Bavaria,X-BAVARIA,the Kingdom of Bavaria\n\
                   Hanover,,no such state in the seed\n";

fn extract(dir: &Path, codelist: &Path, unpinned: bool) -> Output {
    let mut cmd = Command::new("python3");
    cmd.arg(script()).arg(codelist).current_dir(dir);
    if unpinned {
        cmd.arg("--unpinned");
    }
    cmd.output().expect("python3 runs")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("data/states").join(name)).unwrap()
}

#[test]
fn the_extract_keys_rows_by_alpha2_or_by_the_hand_kept_map() {
    let work = tempfile::tempdir().unwrap();
    repo_like(work.path(), MAP);
    let codelist = work.path().join("codelist.pickle");
    python(FIXTURE, &codelist);
    let output = extract(work.path(), &codelist, true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        read(work.path(), "cow_codes.csv"),
        "code,cow_code,cow_abbreviation,name\n\
         CZ,316,CZR,Czech Republic\n\
         RU,365,RUS,Russia\n\
         US,2,USA,United States of America\n\
         X-BAVARIA,245,BAV,Bavaria\n"
    );
    // Only a state that country_converter's table lacks takes the codelist's number.
    assert_eq!(
        read(work.path(), "gw_codes_former.csv"),
        "code,gw_code,name\nX-BAVARIA,245,Bavaria\n"
    );
    assert!(
        stderr.contains(
            "kept data/states/gw_codes.csv: CZ (Czech Republic) gw 315, the codelist gives 316"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out: Hanover: no such state in the seed"),
        "{stderr}"
    );
    assert!(stderr.contains("left out: Atlantis"), "{stderr}");
    // A NaN cell is a missing number, as None is.
    assert!(
        stderr.contains("RU (Russia) gw 365, the codelist gives -"),
        "{stderr}"
    );
}

#[test]
fn a_numbered_former_state_missing_from_the_map_is_refused() {
    let work = tempfile::tempdir().unwrap();
    repo_like(
        work.path(),
        "codelist_name,code,why\nBavaria,X-BAVARIA,the Kingdom\n",
    );
    let codelist = work.path().join("codelist.pickle");
    python(FIXTURE, &codelist);
    let output = extract(work.path(), &codelist, true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Hanover") && stderr.contains("former_state_numbers_map.csv"),
        "{stderr}"
    );
    assert!(!work.path().join("data/states/cow_codes.csv").exists());
}

#[test]
fn a_codelist_other_than_the_pinned_one_is_refused_unread() {
    let work = tempfile::tempdir().unwrap();
    repo_like(work.path(), MAP);
    let codelist = work.path().join("codelist.pickle");
    python(FIXTURE, &codelist);
    let output = extract(work.path(), &codelist, false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not countrycode 0.6.0's codelist") && stderr.contains("--unpinned"),
        "{stderr}"
    );
    assert!(!work.path().join("data/states/cow_codes.csv").exists());
}

#[test]
fn a_pickle_that_names_code_is_refused_and_never_run() {
    let work = tempfile::tempdir().unwrap();
    repo_like(work.path(), MAP);
    let codelist = work.path().join("codelist.pickle");
    python(HOSTILE, &codelist);
    let output = extract(work.path(), &codelist, true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not plain data"), "{stderr}");
    assert!(!work.path().join("ran").exists(), "the pickle's code ran");
}

fn resolved(ws: &Workspace, name: &str) -> String {
    let out = String::from_utf8(ws.stdout(&["resolve", name])).unwrap();
    out.split('\t').next().unwrap_or_default().to_string()
}

#[test]
fn cow_and_gleditsch_ward_numbers_of_the_seed_name_their_states() {
    let ws = Workspace::seeded();
    for (number, code) in [
        ("cow:2", "US"),
        ("cow:365", "RU"),
        ("gw:245", "X-BAVARIA"),
        ("cow:265", "DDDE"),
        ("cow:817", "X-SOUTH-VIETNAM-1975"),
        ("gw:511", "X-ZANZIBAR-1964"),
    ] {
        assert_eq!(resolved(&ws, number), code, "{number}");
    }
    let on = |name: &str, date: &str| {
        let out = String::from_utf8(ws.stdout(&["resolve", name, "--on", date])).unwrap();
        out.split('\t').next().unwrap_or_default().to_string()
    };
    // Yugoslavia's 345 is the Socialist Federal Republic's until April 1992 and the Federal
    // Republic's after (data/states/identities.csv).
    assert_eq!(on("cow:345", "1980"), "YUCS");
    assert_eq!(on("gw:345", "1999"), "RS");
    // The Gleditsch-Ward list numbers Czechoslovakia 315 and the Czech Republic 316.
    assert_eq!(on("gw:315", "1980"), "CSHH");
    assert_eq!(on("gw:316", "2000"), "CZ");
    assert_eq!(on("gw:816", "1970"), "VDVN");
    assert_eq!(resolved(&ws, "gw:816"), "VN");
}

/// The lists number the Soviet Union as Russia (365): the number is the Union's in its years
/// and Russia's before and after them.
#[test]
fn the_soviet_unions_number_is_russias_in_the_unions_years() {
    let ws = Workspace::seeded();
    let rows = crate::common::parse_csv(&ws.stdout(&[
        "sql",
        "SELECT state, system, number, number_from, coalesce(number_until, '') AS number_until \
         FROM state_numbers WHERE number = 365 ORDER BY system, number_from",
        "--format",
        "csv",
    ]));
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["system"].as_str(),
                r["state"].as_str(),
                r["number_from"].as_str(),
                r["number_until"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("cow", "RU", "1816-01-01", "1922-12-29"),
            ("cow", "SUHH", "1922-12-30", "1991-12-26"),
            ("cow", "RU", "1991-12-27", ""),
            ("gw", "RU", "1816-01-01", "1922-12-29"),
            ("gw", "SUHH", "1922-12-30", "1991-12-26"),
            ("gw", "RU", "1991-12-27", ""),
        ]
    );
}

#[test]
fn most_states_have_a_cow_number_and_former_states_a_gleditsch_ward_one() {
    let ws = Workspace::seeded();
    let count = |sql: &str| -> usize {
        let out = ws.stdout(&["sql", sql]);
        String::from_utf8_lossy(&out)
            .lines()
            .last()
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let cow = count("SELECT count(*) FROM states WHERE cow_code IS NOT NULL");
    let former = count(
        "SELECT count(*) FROM states WHERE gw_code IS NOT NULL AND existed_until IS NOT NULL",
    );
    println!("states with a COW number: {cow}; former states with a Gleditsch–Ward one: {former}");
    assert!(cow >= 200, "{cow} states with a COW number");
    assert!(
        former >= 10,
        "{former} former states with a Gleditsch–Ward number"
    );
}

#[test]
fn a_query_takes_a_state_by_its_cow_number() {
    let ws = Workspace::seeded();
    let by_code = ws.query(
        "relations",
        &["state=US", "on=1970-01-01", "status=severed"],
    );
    let by_number = ws.query(
        "relations",
        &["state=cow:2", "on=1970-01-01", "status=severed"],
    );
    assert!(!by_code.is_empty());
    assert_eq!(by_number, by_code);
}

fn table(path: &str) -> Vec<crate::common::Row> {
    crate::common::parse_csv(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap(),
    )
}

/// Every span of the COW and Gleditsch-Ward lists (data/world/state-lists) is in the seed's
/// numbers by era, on the list's own first day or cut to the state's years, or reported
/// (data/derived/state_numbers_report.csv) as a span given to no state of the seed.
#[test]
fn every_span_of_the_lists_is_a_number_of_the_seed_or_reported() {
    let ws = Workspace::seeded();
    let seed = crate::common::parse_csv(&ws.stdout(&[
        "sql",
        "SELECT state, system, number, number_from, coalesce(number_until, '') AS number_until \
         FROM state_numbers",
        "--format",
        "csv",
    ]));
    let report = table("data/derived/state_numbers_report.csv");
    let mut spans = 0;
    for (system, file) in [("cow", "cow_states.csv"), ("gw", "gw_states.csv")] {
        for span in table(&format!("data/world/state-lists/{file}")) {
            spans += 1;
            let ours: Vec<&crate::common::Row> = seed
                .iter()
                .filter(|r| r["system"] == system && r["number"] == span["code"])
                .filter(|r| {
                    // Within the list's span: it starts on or after the list's first day and
                    // ends on or before its last.
                    r["number_from"].as_str() >= &span["start"][..r["number_from"].len().min(10)]
                        && (span["end"].starts_with("9999")
                            || (!r["number_until"].is_empty()
                                && r["number_until"].as_str() <= span["end"].as_str()))
                })
                .collect();
            let reported = report.iter().any(|r| {
                r["system"] == system
                    && r["number"] == span["code"]
                    && r["list_start"] == span["start"]
            });
            assert!(
                !ours.is_empty() || reported,
                "{system} {} {} {}: neither in the seed nor reported",
                span["code"],
                span["name"],
                span["start"]
            );
            let on_its_day = ours.iter().any(|r| r["number_from"] == span["start"]);
            assert!(
                on_its_day || reported || ours.iter().any(|r| r["number_from"] > span["start"]),
                "{system} {}",
                span["code"]
            );
        }
    }
    assert!(spans > 450, "{spans} spans");
}

/// The seed's current numbers (`states.gw_code`, `cow_code`) are numbers the lists give, and
/// where they differ from the packages the seed had them from, the report says so: the list
/// numbers the Czech Republic 316, where country_converter gave Czechia Czechoslovakia's 315.
#[test]
fn the_current_numbers_are_the_lists_and_the_differences_are_reported() {
    let ws = Workspace::seeded();
    let listed: std::collections::HashSet<(String, String)> =
        [("cow", "cow_states.csv"), ("gw", "gw_states.csv")]
            .into_iter()
            .flat_map(|(system, file)| {
                table(&format!("data/world/state-lists/{file}"))
                    .into_iter()
                    .map(move |r| (system.to_string(), r["code"].clone()))
            })
            .collect();
    let states = crate::common::parse_csv(&ws.stdout(&[
        "sql",
        "SELECT code, coalesce(gw_code, '') AS gw, coalesce(cow_code, '') AS cow FROM states",
        "--format",
        "csv",
    ]));
    for state in &states {
        for system in ["gw", "cow"] {
            if !state[system].is_empty() {
                assert!(
                    listed.contains(&(system.to_string(), state[system].clone())),
                    "{} {system} {}",
                    state["code"],
                    state[system]
                );
            }
        }
    }
    let czechia = states.iter().find(|s| s["code"] == "CZ").unwrap();
    assert_eq!(czechia["gw"], "316");
    let report = table("data/derived/state_numbers_report.csv");
    assert!(report.iter().any(|r| r["state"] == "CZ"
        && r["what"] == "differs from the packages"
        && r["note"].contains("gave 315")));
}
