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
        ("cow:345", "YUCS"),
        ("gw:345", "YUCS"),
        ("gw:245", "X-BAVARIA"),
        ("cow:265", "DDDE"),
        ("cow:817", "X-SOUTH-VIETNAM-1975"),
        ("gw:511", "X-ZANZIBAR-1964"),
    ] {
        assert_eq!(resolved(&ws, number), code, "{number}");
    }
    // Czechoslovakia and Czechia share Gleditsch–Ward 315 (country_converter's number for
    // Czechia is kept); the date tells them apart.
    let on = |name: &str, date: &str| {
        let out = String::from_utf8(ws.stdout(&["resolve", name, "--on", date])).unwrap();
        out.split('\t').next().unwrap_or_default().to_string()
    };
    assert_eq!(on("gw:315", "1980"), "CSHH");
    assert_eq!(on("gw:315", "2000"), "CZ");
}

#[test]
fn the_soviet_union_takes_no_number_the_codelist_gives_russia() {
    let ws = Workspace::seeded();
    let out = ws.stdout(&[
        "sql",
        "SELECT coalesce(cow_code, '-') || ' ' || coalesce(gw_code, '-') FROM states \
         WHERE code = 'SUHH'",
    ]);
    assert_eq!(String::from_utf8_lossy(&out).lines().last(), Some("- -"));
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
