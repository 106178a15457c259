//! scripts/convert_history.py, the converter of the Office of the Historian's relations guide,
//! chiefs of mission and posts into data/derived/: run by python3 as a user re-runs it, on
//! hand-picked source files copied under tests/fixtures/history/ and on the committed sources.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{parse_csv, Row};

/// The files the converter writes, all of which are committed under data/derived/.
const OUTPUTS: [&str; 7] = [
    "rdcr_relation_events.csv",
    "pocom_chiefs.csv",
    "pocom_mission_notes.csv",
    "pocom_people.csv",
    "posts_posts.csv",
    "posts_events.csv",
    "history_report.csv",
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs scripts/convert_history.py with `args`; panics with what to install if python3 is
/// missing, and with the script's stderr if it fails. Returns its stdout.
fn run_script(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let script = repository().join("scripts").join("convert_history.py");
    let output = match Command::new("python3").arg(&script).args(args).output() {
        Ok(output) => output,
        Err(error) => panic!(
            "python3 could not be run ({error}): scripts/convert_history.py needs python3 \
             (standard library only); install it (Debian: apt-get install python3)"
        ),
    };
    assert!(
        output.status.success(),
        "convert_history.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Runs the converter from `source` into `out`.
fn convert(source: &Path, out: &Path) {
    run_script(&[
        "--source".as_ref(),
        source.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
}

fn rows(dir: &Path, name: &str) -> Vec<Row> {
    parse_csv(&std::fs::read(dir.join(name)).expect("the converter wrote the file"))
}

/// The one row whose columns have the given values; panics if there is none or more than one.
fn the_row<'a>(rows: &'a [Row], wanted: &[(&str, &str)]) -> &'a Row {
    let found: Vec<&Row> = rows
        .iter()
        .filter(|row| {
            wanted
                .iter()
                .all(|(k, v)| row.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(found.len(), 1, "rows matching {wanted:?}: {found:#?}");
    found[0]
}

fn converted_fixtures() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    convert(&repository().join("tests/fixtures/history"), out.path());
    out
}

#[test]
fn tajikistan_events_have_the_day_from_the_prose_kind_actor_and_manner() {
    let out = converted_fixtures();
    let events = rows(out.path(), "rdcr_relation_events.csv");
    let recognition = the_row(
        &events,
        &[("territory_slug", "tajikistan"), ("kind", "recognition")],
    );
    assert_eq!(recognition["date"], "1991-12-25");
    assert_eq!(recognition["date_approximate"], "0");
    assert_eq!(recognition["actor"], "us");
    assert_eq!(recognition["manner"], "address to the nation");
    assert_eq!(recognition["head"], "U.S. Recognition of Tajikistan, 1991.");
    assert_eq!(recognition["article_title"], "Tajikistan");
    assert_eq!(recognition["source_file"], "rdcr/articles/tajikistan.xml");

    let relations = the_row(
        &events,
        &[("territory_slug", "tajikistan"), ("kind", "establishment")],
    );
    assert_eq!(relations["date"], "1992-02-19");
    assert_eq!(relations["manner"], "press statement");

    let embassy = the_row(
        &events,
        &[
            ("territory_slug", "tajikistan"),
            ("kind", "embassy_established"),
        ],
    );
    assert_eq!(embassy["date"], "1992-03-13");
    assert_eq!(
        embassy["head"],
        "Establishment of the American Embassy in Dushanbe, 1992."
    );
}

#[test]
fn cuba_severance_and_resumption_keep_the_embassy_as_a_second_kind() {
    let out = converted_fixtures();
    let events = rows(out.path(), "rdcr_relation_events.csv");
    let severance = the_row(
        &events,
        &[("territory_slug", "cuba"), ("kind", "severance")],
    );
    assert_eq!(severance["date"], "1961-01-03");
    assert_eq!(severance["actor"], "us");
    let resumption = the_row(
        &events,
        &[("territory_slug", "cuba"), ("kind", "resumption")],
    );
    assert_eq!(resumption["date"], "2015-07-20");
    assert_eq!(resumption["also_kinds"], "reestablishment");
    assert_eq!(resumption["actor"], "both");
    assert_eq!(resumption["manner"], "exchange of letters");
}

#[test]
fn china_moves_and_on_or_about_dates_are_flagged_approximate() {
    let out = converted_fixtures();
    let events = rows(out.path(), "rdcr_relation_events.csv");
    let moves: Vec<(&str, &str, &str)> = events
        .iter()
        .filter(|row| row["territory_slug"] == "china" && row["kind"] == "move")
        .map(|row| {
            (
                row["date"].as_str(),
                row["date_approximate"].as_str(),
                row["head"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("1862", "0", "Legation Moved to Beijing (Peking), 1862."),
            ("1941-12-08", "1", "Embassy Moved to Chongqing, 1941."),
            ("1946-05-01", "1", "Embassy Moved to Nanjing, 1946."),
            ("1949-08-05", "0", "Embassy Moved to Guangzhou, 1949."),
            ("1949-10-18", "0", "Embassy Moved to Chongqing, 1949."),
            (
                "1949-12-19",
                "0",
                "Embassy Moved to Taipei, Formosa (Taiwan), 1949."
            ),
        ]
    );
    let mutual = the_row(
        &events,
        &[("territory_slug", "china"), ("kind", "recognition")],
    );
    assert_eq!(mutual["date"], "1844-06-16");
    assert_eq!(mutual["date_approximate"], "1");
    assert_eq!(mutual["date_text"], "on or about June 16, 1844");
    assert_eq!(mutual["actor"], "both");
    let both = the_row(
        &events,
        &[("territory_slug", "china"), ("date", "1979-01-01")],
    );
    assert_eq!(both["kind"], "establishment");
    assert_eq!(both["also_kinds"], "termination");
}

#[test]
fn the_charge_in_dushanbe_is_a_chief_from_1992_03_13() {
    let out = converted_fixtures();
    let chiefs = rows(out.path(), "pocom_chiefs.csv");
    let chief = the_row(&chiefs, &[("chief_id", "tj-1992-mcwi-01")]);
    assert_eq!(chief["person_id"], "mcwilliams-edmund");
    assert_eq!(chief["person_name"], "Edmund McWilliams");
    assert_eq!(chief["title"], "Chargé d’Affaires ad interim");
    assert_eq!(chief["territory_slug"], "tajikistan");
    assert_eq!(chief["started"], "1992-03-13");
    assert_eq!(chief["appointed"], "");
    assert_eq!(chief["listing"], "chief");
    assert_eq!(
        chief["source_file"],
        "pocom/missions-countries/tajikistan.xml"
    );
    let escudero = the_row(&chiefs, &[("chief_id", "tj-1992-escu-01")]);
    assert_eq!(escudero["ended"], "1995-07-01");
    assert_eq!(escudero["ended_note"], "Left post on");

    let notes = rows(out.path(), "pocom_mission_notes.csv");
    let closure = the_row(&notes, &[("territory_slug", "tajikistan")]);
    assert!(closure["text"].starts_with("On October 25, 1992, Embassy Dushanbe was closed"));
    assert_eq!(closure["after_chief_id"], "tj-1992-escu-01");

    let people = rows(out.path(), "pocom_people.csv");
    let person = the_row(&people, &[("person_id", "mcwilliams-edmund")]);
    assert_eq!(person["surname"], "McWilliams");
    assert_eq!(person["birth"], "1947");
    assert_eq!(person["death"], "");
}

#[test]
fn posts_take_city_and_coordinates_from_the_locale_of_their_territory() {
    let out = converted_fixtures();
    let posts = rows(out.path(), "posts_posts.csv");
    let dushanbe = the_row(&posts, &[("post_id", "dushanbe")]);
    assert_eq!(dushanbe["city"], "Dushanbe");
    assert_eq!(dushanbe["kind"], "embassy");
    assert_eq!(dushanbe["opened"], "1992");
    assert_eq!(dushanbe["closed"], "");
    assert_eq!(dushanbe["still_open"], "1");
    assert_eq!(dushanbe["latitude"], "38.6299980193");
    // Two locales are called barcelona; the post in Spain is the one in Spain.
    let barcelona = the_row(&posts, &[("post_id", "barcelona")]);
    assert_eq!(barcelona["locale_id"], "barcelona_es");
    assert_eq!(barcelona["latitude"], "41.383333");
    let havana = the_row(&posts, &[("post_id", "havana")]);
    assert_eq!(
        (havana["opened"].as_str(), havana["closed"].as_str()),
        ("1797", "1961")
    );
}

#[test]
fn what_the_converter_cannot_read_is_reported_not_dropped() {
    let out = converted_fixtures();
    let report = rows(out.path(), "history_report.csv");
    let undecided = the_row(
        &report,
        &[
            ("file", "rdcr/articles/genoa.xml"),
            ("reason", "no rule decides the kind of this head"),
        ],
    );
    assert_eq!(undecided["value"], "Trade and Commerce.");
    let events = rows(out.path(), "rdcr_relation_events.csv");
    let kept = the_row(&events, &[("head", "Trade and Commerce.")]);
    assert_eq!(
        (kept["kind"].as_str(), kept["date"].as_str()),
        ("other", "")
    );
    assert!(report
        .iter()
        .any(|row| row["file"] == "rdcr/articles/china.xml"
            && row["reason"] == "head gives a range; the date is its start"));
    let timelines = std::fs::read_dir(repository().join("tests/fixtures/history/rdcr/articles"))
        .unwrap()
        .map(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            text.matches("<div type=\"timeline\">").count()
        })
        .sum::<usize>();
    assert_eq!(events.len(), timelines, "one row per timeline event");
}

#[test]
fn the_committed_derived_files_are_what_the_converter_writes_from_the_committed_sources() {
    let out = tempfile::tempdir().unwrap();
    convert(&repository().join("data/history-at-state"), out.path());
    for name in OUTPUTS {
        let fresh = std::fs::read(out.path().join(name)).unwrap();
        let committed = std::fs::read(repository().join("data/derived").join(name))
            .unwrap_or_else(|e| panic!("data/derived/{name}: {e}"));
        assert!(
            fresh == committed,
            "data/derived/{name} differs from a fresh run of scripts/convert_history.py; \
             re-run it and commit the result"
        );
    }
}

#[test]
fn history_rules_md_shows_the_head_to_kind_rules_the_converter_applies() {
    let table = String::from_utf8(run_script(&["--rules-table".as_ref()])).unwrap();
    assert!(table.contains("| 1 | `termination` |"), "{table}");
    let rules =
        std::fs::read_to_string(repository().join("data/derived/HISTORY-RULES.md")).unwrap();
    assert!(
        rules.contains(&table),
        "data/derived/HISTORY-RULES.md does not show the rules of convert_history.py; paste \
         the output of `scripts/convert_history.py --rules-table` into it:\n{table}"
    );
}
