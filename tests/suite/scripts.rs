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
