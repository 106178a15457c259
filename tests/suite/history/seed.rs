//! scripts/build_history_seed.py, which turns the Office of the Historian's derived rows into
//! seed CSVs: re-run into a temporary folder, it writes the committed files byte for byte.

use std::path::PathBuf;
use std::process::Command;

/// The seed files the script writes, and its report.
const OUTPUTS: [&str; 7] = [
    "sources.csv",
    "places.csv",
    "relation_events.csv",
    "missions.csv",
    "mission_events.csv",
    "people.csv",
    "heads_of_mission.csv",
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn re_running_the_script_writes_the_committed_seed_and_report() {
    let out = tempfile::tempdir().expect("temporary folder");
    let report = out.path().join("history_seed_report.csv");
    let output = Command::new("python3")
        .current_dir(repository())
        .arg("scripts/build_history_seed.py")
        .arg("--out")
        .arg(out.path())
        .arg("--report")
        .arg(&report)
        .output()
        .expect("python3 runs (install python3: the script needs only its standard library)");
    assert!(
        output.status.success(),
        "build_history_seed.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in OUTPUTS {
        let written = std::fs::read(out.path().join(name)).expect("the script wrote it");
        let committed = std::fs::read(repository().join("seed").join(name)).expect("committed");
        assert!(
            written == committed,
            "seed/{name} differs from what the script writes: re-run \
             python3 scripts/build_history_seed.py and commit"
        );
    }
    let committed_report =
        std::fs::read(repository().join("data/derived/history_seed_report.csv")).unwrap();
    assert!(std::fs::read(&report).unwrap() == committed_report);
}

#[test]
fn the_hand_made_rows_of_the_seed_stay_first() {
    let events = crate::common::seed("relation_events");
    assert_eq!(events[0]["state_a"], "AZ");
    assert_eq!(events[0]["state_b"], "TJ");
    assert_eq!(events[0]["event"], "establishment");
    assert_eq!(events[0]["source_id"], "1", "the hand-made article's");
    // The guide's events follow, every one citing one of the guide's articles: of its ~1,200
    // dated events, those of states the seed holds on their dates (the rest are in the
    // script's report, data/derived/history_seed_report.csv).
    let guide: std::collections::HashSet<String> = crate::common::seed("sources")
        .into_iter()
        .filter(|s| {
            s["title"].contains("A Guide to the United States’ History of Recognition")
                && s["address"].starts_with("https://history.state.gov/countries/")
        })
        .map(|s| s["id"].clone())
        .collect();
    let followers = &events[1..];
    assert!(followers.len() > 500, "the guide's events follow");
    for event in followers {
        assert!(
            guide.contains(&event["source_id"]),
            "relation event {} cites no article of the guide",
            event["id"]
        );
    }
}

/// README's table of the load is what scripts/history_figures.py prints from the committed
/// files, so its figures cannot drift from the seed.
#[test]
fn the_readmes_figures_of_the_load_are_the_scripts() {
    let output = Command::new("python3")
        .arg("scripts/history_figures.py")
        .current_dir(repository())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).unwrap();
    let table = printed.split("\n\n").next().unwrap();
    let readme = std::fs::read_to_string(repository().join("docs/record.md")).unwrap();
    assert!(
        readme.contains(table),
        "docs/record.md's table of the load differs from python3 scripts/history_figures.py:\n{table}"
    );
}
