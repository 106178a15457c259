//! The scripts under `scripts/` as a user runs them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts")
        .join(name)
}

/// A user with reldb installed and no Rust toolchain: the render script runs the `reldb` on
/// PATH, not `cargo run`. The browser is `true`, a real program that renders nothing, so the
/// test needs no Chromium; the brief itself is written by reldb.
#[test]
fn render_dossier_uses_the_reldb_on_path_without_cargo() {
    let dir = tempfile::tempdir().unwrap();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_reldb"));
    let bin_dir = dir.path().join("bin");
    std::fs::create_dir(&bin_dir).unwrap();
    std::os::unix::fs::symlink(&binary, bin_dir.join("reldb")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin_dir.display());
    let out_dir = dir.path().join("render");
    let output = Command::new("bash")
        .arg(script("render-dossier.sh"))
        .args(["TJ", "AZ"])
        .arg(&out_dir)
        .current_dir(dir.path())
        .env("PATH", &path)
        .env("CHROMIUM", "true")
        .env_remove("RELDB")
        .env_remove("RELDB_DB")
        .env_remove("CARGO")
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let html = std::fs::read_to_string(out_dir.join("dossier-TJ-AZ.html")).unwrap();
    assert!(html.contains("Relations of Tajikistan with Azerbaijan"));
    assert!(!stderr.contains("Compiling"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("dossier-TJ-AZ.png"), "{stdout}");
}

/// Copies `from` into `to`, folders and files (the repository's data is plain files).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The files under `dir`, relative to it, with their bytes.
fn tree_bytes(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

/// `scripts/rebuild` is the one command that makes `data/derived/` and the generated seed from
/// the raw records: run on a copy of the repository whose derived files and seed were emptied
/// of what the pipeline writes, it gives back the committed files byte for byte.
#[test]
fn the_rebuild_reproduces_the_committed_derived_files_and_seed() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for folder in ["data", "scripts", "seed"] {
        copy_tree(&repo.join(folder), &dir.path().join(folder));
    }
    // Damage what the first stages write (the seed files also keep hand-kept rows, which a
    // stage reads back), so that a stage that did not run is seen.
    for generated in [
        "data/derived/gsh_states.csv",
        "data/derived/rdcr_relation_events.csv",
        "data/derived/pocom_chiefs.csv",
    ] {
        let path = dir.path().join(generated);
        assert!(
            path.exists(),
            "{generated} is not where the pipeline writes it"
        );
        std::fs::write(&path, "damaged\n").unwrap();
    }
    let output = Command::new("bash")
        .arg(dir.path().join("scripts/rebuild"))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for folder in ["data/derived", "seed"] {
        let wanted = tree_bytes(&repo.join(folder));
        let made = tree_bytes(&dir.path().join(folder));
        let differ: Vec<&PathBuf> = wanted
            .iter()
            .filter(|(path, bytes)| made.get(*path) != Some(*bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(
            differ.is_empty(),
            "scripts/rebuild does not reproduce {folder}/ {differ:?}: run it and commit"
        );
        assert_eq!(
            wanted.len(),
            made.len(),
            "scripts/rebuild wrote extra files in {folder}/"
        );
    }
}
