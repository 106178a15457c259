//! A clone of the repository is the whole product: no file in it may name a path outside the
//! repository (the folder beside it that a developer's machine has and a user's does not, or an
//! absolute path of one machine).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Texts that name a place outside the repository. Built from parts so that this file does not
/// name them itself.
fn outside_paths() -> Vec<String> {
    vec![
        format!("{}/{}", "..", "shared"),
        format!("/{}/", "work"),
        format!("/{}/", "root"),
        format!("/{}/", "home"),
    ]
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of the repository: those git tracks, or, outside a git checkout, every file but
/// the build's.
fn files(root: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output();
    if let Ok(output) = listed {
        if output.status.success() {
            return output
                .stdout
                .split(|b| *b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| root.join(String::from_utf8_lossy(name).as_ref()))
                .filter(|path| path.is_file())
                .collect();
        }
    }
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name == ".git" {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Whether `line` names `needle` as a path: an address such as
/// `https://example.org/home/index.html` (the Factbook's embassies have them) names none.
fn names_path(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(at, _)| {
        let token_start = line[..at]
            .rfind(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '>' || c == '(')
            .map_or(0, |i| i + 1);
        !line[token_start..at].contains("://")
    })
}

#[test]
fn no_file_of_the_repository_names_a_path_outside_it() {
    let root = repository();
    let files = files(&root);
    assert!(files.len() > 50, "only {} files found", files.len());
    let needles = outside_paths();
    let mut offending = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read(file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text);
        for (number, line) in text.lines().enumerate() {
            if let Some(needle) = needles.iter().find(|n| names_path(line, n)) {
                offending.push(format!(
                    "{}:{}: names {needle}: {}",
                    file.strip_prefix(&root).unwrap_or(file).display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "copy what these need into the repository (data/ with its provenance) and name it \
         there:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_check_finds_a_path_outside_the_repository() {
    let needles = outside_paths();
    let line = format!("let data = \"{}/data/x.csv\";", needles[0]);
    assert!(needles.iter().any(|n| line.contains(n.as_str())));
    assert!(!needles
        .iter()
        .any(|n| "data/us-foreign-travels.csv".contains(n.as_str())));
    let address = format!("<br>https://example.org{}x.aspx", needles[2]);
    assert!(!needles.iter().any(|n| names_path(&address, n)));
    assert!(names_path(&format!("see {}x", needles[2]), &needles[2]));
}
