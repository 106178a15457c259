//! scripts/build_state_seed.py re-creates the committed seed files of states byte for byte.

use std::path::Path;
use std::process::Command;

const OUTPUTS: [&str; 6] = [
    "states.csv",
    "state_eras.csv",
    "state_successions.csv",
    "state_aliases.csv",
    "state_parts.csv",
    "state_numbers.csv",
];

/// The tables for the reader the script writes beside the seed (data/derived/).
const DERIVED: [&str; 2] = ["state_first_days.csv", "state_numbers_report.csv"];

#[test]
fn the_script_recreates_the_committed_state_seed() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let output = Command::new("python3")
        .arg(repo.join("scripts/build_state_seed.py"))
        .arg("--data")
        .arg(repo.join("data"))
        .arg("--out")
        .arg(out.path())
        .arg("--derived")
        .arg(out.path().join("derived"))
        .output()
        .expect("python3 runs (the script needs python3's standard library only)");
    assert!(
        output.status.success(),
        "build_state_seed.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in OUTPUTS {
        let made = std::fs::read(out.path().join(name)).expect("the script wrote the file");
        let committed = std::fs::read(repo.join("seed").join(name)).expect("seed file");
        assert!(
            made == committed,
            "seed/{name} is not what scripts/build_state_seed.py makes: run it and commit"
        );
    }
    for name in DERIVED {
        let made = std::fs::read(out.path().join("derived").join(name)).expect("written");
        let committed = std::fs::read(repo.join("data/derived").join(name)).expect("derived");
        assert!(
            made == committed,
            "data/derived/{name} is not what scripts/build_state_seed.py makes: run it and commit"
        );
    }
}

/// scripts/extract_gw_codes.py takes the `GWcode` of each row that has one, keyed by the row's
/// alpha-2 code (a `^GB$|^UK$` pattern by its first code), and leaves rows without one out.
#[test]
fn the_gleditsch_ward_extract_reads_the_packages_table() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(work.path().join("data/states")).unwrap();
    let table = work.path().join("country_data.tsv");
    std::fs::write(
        &table,
        "name_short\tISO2\tGWcode\n\
         United Kingdom\t^GB$|^UK$\t200\n\
         Aruba\tAW\t\n\
         Tajikistan\tTJ\t702\n",
    )
    .unwrap();
    let output = Command::new("python3")
        .arg(repo.join("scripts/extract_gw_codes.py"))
        .arg(&table)
        .current_dir(work.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = std::fs::read_to_string(work.path().join("data/states/gw_codes.csv")).unwrap();
    assert_eq!(
        written,
        "code,gw_code,name\nGB,200,United Kingdom\nTJ,702,Tajikistan\n"
    );
}
