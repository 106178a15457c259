//! scripts/convert_gsh.py, the converter of the Office of the Historian's gazetteer, run with
//! the real python3 on hand-picked territory files and on the committed copy of the gazetteer.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{parse_csv, Row};

const OUTPUTS: [&str; 4] = [
    "gsh_states.csv",
    "gsh_successions.csv",
    "gsh_names.csv",
    "gsh_report.csv",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the converter from `source` into `out`; panics with its stderr if it fails.
fn convert(source: &Path, out: &Path) {
    let python = Command::new("python3").arg("--version").output();
    assert!(
        python.is_ok_and(|o| o.status.success()),
        "python3 is not installed or does not run: the gsh converter (scripts/convert_gsh.py) \
         needs python3 (standard library only), e.g. `apt-get install python3`"
    );
    let output = Command::new("python3")
        .arg(repo().join("scripts/convert_gsh.py"))
        .arg("--source")
        .arg(source)
        .arg("--out")
        .arg(out)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "convert_gsh.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read(out: &Path, name: &str) -> Vec<Row> {
    parse_csv(&std::fs::read(out.join(name)).expect("output file"))
}

fn fixture_output() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("derived");
    convert(&repo().join("tests/fixtures/gsh"), &out);
    (dir, out)
}

/// The one row whose columns have the given values; panics if there is not exactly one.
fn row<'a>(rows: &'a [Row], wanted: &[(&str, &str)]) -> &'a Row {
    let found: Vec<&Row> = rows
        .iter()
        .filter(|r| wanted.iter().all(|(k, v)| r[*k] == *v))
        .collect();
    assert_eq!(found.len(), 1, "rows matching {wanted:?}: {found:?}");
    found[0]
}

fn assert_columns(row: &Row, expected: &[(&str, &str)]) {
    for (column, value) in expected {
        assert_eq!(row[*column], *value, "column {column} of {row:?}");
    }
}

#[test]
fn states_get_iso_codes_iso_3166_3_codes_or_slug_codes() {
    let (_dir, out) = fixture_output();
    let states = read(&out, "gsh_states.csv");
    assert_eq!(states.len(), 15, "one row per fixture territory");
    let soviet = row(&states, &[("slug", "soviet-union-1991")]);
    assert_columns(
        soviet,
        &[
            ("short_name", "Soviet Union"),
            ("long_name", "Union of Soviet Socialist Republics"),
            ("kind", "independent-state"),
            ("from_year", "1917"),
            ("to_year", "1991"),
            ("iso2", ""),
            ("code", "SUHH"),
            ("state_code", "SUHH"),
            ("source", "territories/soviet-union-1991.xml"),
        ],
    );
    let tajikistan = row(&states, &[("slug", "tajikistan")]);
    assert_columns(
        tajikistan,
        &[
            ("to_year", ""),
            ("iso2", "TJ"),
            ("iso2_from", "countries-old"),
            ("code", "TJ"),
            ("state_code", "TJ"),
        ],
    );
    let sicilies = row(&states, &[("slug", "kingdom-of-two-sicilies-1861")]);
    assert_columns(
        sicilies,
        &[
            ("code", "X-KINGDOM-OF-TWO-SICILIES-1861"),
            ("state_code", "X-KINGDOM-OF-TWO-SICILIES-1861"),
            ("eras", "1"),
        ],
    );
}

#[test]
fn renames_are_eras_of_one_state_and_mergers_are_not() {
    let (_dir, out) = fixture_output();
    let states = read(&out, "gsh_states.csv");
    for (slug, era, code) in [
        ("albania-1946", "1", "X-ALBANIA-1946"),
        (
            "peoples-republic-of-albania-1976",
            "2",
            "X-PEOPLES-REPUBLIC-OF-ALBANIA-1976",
        ),
        (
            "peoples-socialist-republic-of-albania-1991",
            "3",
            "X-PEOPLES-SOCIALIST-REPUBLIC-OF-ALBANIA-1991",
        ),
        ("albania", "4", "AL"),
    ] {
        let state = row(&states, &[("slug", slug)]);
        assert_columns(
            state,
            &[
                ("state_code", "AL"),
                ("era", era),
                ("eras", "4"),
                ("code", code),
            ],
        );
    }
    // The united republic was renamed Tanzania within 1964: one state, the rename second even
    // though both begin in 1964. Zanzibar merged into it and stays a state of its own.
    let united = row(
        &states,
        &[("slug", "united-republic-of-tanganyika-and-zanzibar-1964")],
    );
    assert_columns(united, &[("state_code", "TZ"), ("era", "1"), ("eras", "2")]);
    let zanzibar = row(&states, &[("slug", "zanzibar-1964")]);
    assert_columns(
        zanzibar,
        &[
            ("state_code", "X-ZANZIBAR-1964"),
            ("era", "2"),
            ("eras", "2"),
        ],
    );
    assert_eq!(row(&states, &[("slug", "russia")])["state_code"], "RU");
}

#[test]
fn successions_carry_year_kind_and_whether_they_are_immediate() {
    let (_dir, out) = fixture_output();
    let links = read(&out, "gsh_successions.csv");
    let split = row(
        &links,
        &[
            ("predecessor", "soviet-union-1991"),
            ("successor", "tajikistan"),
        ],
    );
    assert_columns(
        split,
        &[
            ("year", "1991"),
            ("kind", "split"),
            ("immediate", "yes"),
            ("same_state", "no"),
            ("listed_by", "both"),
            (
                "source",
                "territories/soviet-union-1991.xml territories/tajikistan.xml",
            ),
        ],
    );
    let merger = row(
        &links,
        &[
            ("predecessor", "zanzibar-1964"),
            (
                "successor",
                "united-republic-of-tanganyika-and-zanzibar-1964",
            ),
        ],
    );
    assert_columns(merger, &[("kind", "merger"), ("same_state", "no")]);
    // zanzibar-1964 also names tanzania, which comes after the united republic: not immediate.
    let skip = row(
        &links,
        &[("predecessor", "zanzibar-1964"), ("successor", "tanzania")],
    );
    assert_columns(skip, &[("immediate", "no"), ("kind", ""), ("year", "1964")]);
    let rename = row(
        &links,
        &[
            (
                "predecessor",
                "united-republic-of-tanganyika-and-zanzibar-1964",
            ),
            ("successor", "tanzania"),
        ],
    );
    assert_columns(rename, &[("kind", "rename"), ("same_state", "yes")]);
    // The record looks like a rename; data/gsh-era-overrides.csv says Sardinia annexed it.
    let annexed = row(&links, &[("predecessor", "kingdom-of-two-sicilies-1861")]);
    assert_columns(
        annexed,
        &[
            ("successor", "kingdom-of-italy-1946"),
            ("year", "1861"),
            ("kind", "annexation"),
            ("same_state", "no"),
        ],
    );
}

#[test]
fn names_span_the_consecutive_eras_that_bear_them() {
    let (_dir, out) = fixture_output();
    let names = read(&out, "gsh_names.csv");
    let albania: Vec<(&str, &str)> = names
        .iter()
        .filter(|r| r["state_code"] == "AL" && r["name"] == "Albania")
        .map(|r| (r["from_year"].as_str(), r["to_year"].as_str()))
        .collect();
    assert_eq!(albania, [("1912", "1946"), ("1991", "")]);
    let zanzibar = row(
        &names,
        &[("state_code", "X-ZANZIBAR-1964"), ("name_kind", "short")],
    );
    assert_columns(
        zanzibar,
        &[
            ("name", "Zanzibar"),
            ("from_year", "1963"),
            ("to_year", "1964"),
            ("slugs", "peoples-republic-of-zanzibar-1964 zanzibar-1964"),
        ],
    );
    row(
        &names,
        &[
            ("state_code", "SUHH"),
            ("name", "Union of Soviet Socialist Republics"),
            ("name_kind", "long"),
        ],
    );
}

#[test]
fn what_cannot_be_read_or_decided_is_reported() {
    let (_dir, out) = fixture_output();
    let report = read(&out, "gsh_report.csv");
    let problem = |source: &str, item: &str, value: &str| {
        row(
            &report,
            &[("source", source), ("item", item), ("value", value)],
        )["problem"]
            .clone()
    };
    assert!(
        problem("territories/sicily-1815.xml", "type-of-territory", "").contains("no known type")
    );
    assert!(problem("territories/sicily-1815.xml", "valid-until", "").contains("not a year"));
    assert!(problem("countries-old/estonia.xml", "id", "estonia").contains("EW is not used"));
    assert!(
        problem("territories/soviet-union-1991.xml", "successor", "armenia")
            .contains("no territory with this id")
    );
    let states = read(&out, "gsh_states.csv");
    assert_columns(
        row(&states, &[("slug", "sicily-1815")]),
        &[("kind", ""), ("to_year", "")],
    );
}

#[test]
fn rerunning_on_the_committed_gazetteer_reproduces_the_committed_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("derived");
    let source = repo().join("data/history-at-state/gsh");
    convert(&source, &out);
    for name in OUTPUTS {
        let made = std::fs::read(out.join(name)).expect("made file");
        let committed =
            std::fs::read(repo().join("data/derived").join(name)).expect("committed file");
        assert!(
            made == committed,
            "data/derived/{name} differs from what scripts/convert_gsh.py makes: re-run it and commit"
        );
    }
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected = OUTPUTS.map(str::to_string).to_vec();
    expected.sort();
    assert_eq!(written, expected, "no temporary file is left behind");
    let territories = std::fs::read_dir(source.join("territories"))
        .expect("territories")
        .count();
    assert_eq!(
        read(&out, "gsh_states.csv").len(),
        territories,
        "every territory file is a row"
    );
}
