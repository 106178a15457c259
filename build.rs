//! Embeds the named queries, report views and seed CSVs, and fingerprints the migrations and
//! the views, so that an installed `reldb` needs no checkout and notices a database written by
//! another schema.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    for dir in ["migrations", "queries", "seed", "checks", "views"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets the manifest dir"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let migrations = files_with_extension(&root.join("migrations"), "sql");
    println!(
        "cargo:rustc-env=RELDB_SCHEMA_FINGERPRINT={}",
        fingerprint(&migrations)
    );
    // Apart from the migrations' fingerprint: a changed view is re-created, while a changed
    // migration is refused as edited.
    let views = files_with_extension(&root.join("views"), "sql");
    println!(
        "cargo:rustc-env=RELDB_VIEWS_FINGERPRINT={}",
        fingerprint(&views)
    );

    let mut generated = String::new();
    generated.push_str(&embedded_list(
        "QUERIES",
        &files_with_extension(&root.join("queries"), "sql"),
    ));
    generated.push_str(&embedded_list(
        "SEED_FILES",
        &files_with_extension(&root.join("seed"), "csv"),
    ));
    generated.push_str(&embedded_list(
        "CHECKS",
        &files_with_extension(&root.join("checks"), "sql"),
    ));
    generated.push_str(&embedded_list("VIEWS", &views));
    fs::write(out.join("embedded.rs"), generated).expect("OUT_DIR is writable");
}

/// The files' names and contents, hashed in name order.
fn fingerprint(files: &[PathBuf]) -> String {
    let mut hash = Fnv64::new();
    for path in files {
        hash.write(path.file_name().unwrap().to_string_lossy().as_bytes());
        hash.write(&fs::read(path).expect("schema file is readable"));
    }
    format!("{:016x}", hash.finish())
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

fn embedded_list(name: &str, files: &[PathBuf]) -> String {
    let mut text = format!("pub(crate) const {name}: &[(&str, &str)] = &[\n");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        text.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    text.push_str("];\n");
    text
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
