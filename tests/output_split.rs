//! No god-files (issue 11, item 6): the output code is split by format, the catalog keeps its
//! tests apart, and each command's help text sits with its arguments in src/cli/, not in
//! main.rs. Read from the repository's own sources, so a file that grows back fails here.

use std::fs;
use std::path::{Path, PathBuf};

fn source(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn lines(path: &Path) -> usize {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .count()
}

#[test]
fn the_output_code_is_split_into_files_of_at_most_400_lines() {
    assert!(
        !source("src/output.rs").exists(),
        "src/output.rs should be src/output/"
    );
    let mut files: Vec<PathBuf> = fs::read_dir(source("src/output"))
        .expect("src/output/ exists")
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for wanted in [
        "table.rs",
        "delimited.rs",
        "json.rs",
        "markdown.rs",
        "line.rs",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(wanted)),
            "no src/output/{wanted}"
        );
    }
    for file in &files {
        assert!(lines(file) <= 400, "{} is over 400 lines", file.display());
    }
}

#[test]
fn the_catalog_keeps_its_unit_tests_in_their_own_file() {
    let catalog = source("src/catalog/mod.rs");
    assert!(
        lines(&catalog) < 500,
        "src/catalog/mod.rs is 500 lines or more"
    );
    let text = fs::read_to_string(&catalog).unwrap();
    assert!(!text.contains("mod tests {"), "the tests are inline again");
    assert!(source("src/catalog/tests.rs").exists());
}

/// The commands whose Args live in files other helpers own (src/cli/edit.rs, import.rs) still
/// carry their examples in main.rs; every other command's are on its Args struct.
#[test]
fn each_command_s_examples_sit_on_its_args_struct() {
    let main = fs::read_to_string(source("src/main.rs")).unwrap();
    // The whole command's examples, then import, add, update and delete.
    assert_eq!(main.matches("after_help").count(), 5, "{main}");
    let mut checked = 0;
    for entry in fs::read_dir(source("src/cli")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let Some(at) = text.find("pub struct Args") else {
            continue;
        };
        if path.ends_with("import.rs") {
            continue;
        }
        let before = &text[..at];
        let attributes = &before[before.rfind("\n\n").unwrap_or(0)..];
        assert!(
            attributes.contains("after_help") && attributes.contains("\n/// "),
            "{}: Args has no doc comment (about) or after_help",
            path.display()
        );
        checked += 1;
    }
    assert_eq!(
        checked, 14,
        "every command but import and the edit commands"
    );
}
