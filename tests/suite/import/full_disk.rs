//! "Written whole or not at all" on a full disk. Each case runs reldb on a database copied into
//! a small tmpfs, in a mount namespace of its own (`unshare`: as root where CI runs, or as an
//! unprivileged user mapped to root), so the mount ends with the case and nothing is left.
//! When SQLite reports the disk full it rolls the transaction back itself; reldb must then stop
//! with one message naming the disk, not take the failure for one bad row and write the later
//! rows one by one outside any transaction.

use std::path::Path;
use std::process::Command;

use crate::common::Workspace;

/// What a script run on a small disk printed: its stdout and stderr.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs `script` under bash with `$DISK` a fresh tmpfs of `kilobytes`, `$RELDB` the binary
/// and `$WORK` the test's folder (on the real disk).
fn on_small_disk(work: &Path, kilobytes: u64, script: &str) -> Run {
    let disk = work.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let namespace: &[&str] = if unsafe_is_root() {
        &["--mount"]
    } else {
        &["--map-root-user", "--mount"]
    };
    let whole =
        format!("set -u\nmount -t tmpfs -o size={kilobytes}k tmpfs \"$DISK\" || exit 97\n{script}");
    let output = Command::new("unshare")
        .args(namespace)
        .args(["bash", "-c", &whole])
        .env("DISK", &disk)
        .env("WORK", work)
        .env("RELDB", env!("CARGO_BIN_EXE_reldb"))
        .env_remove("RELDB_DB")
        .output()
        .expect("unshare runs");
    assert_ne!(
        output.status.code(),
        Some(97),
        "cannot mount a tmpfs here: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A seeded database and a 20,000-row visits file in the workspace (5 MB: more than SQLite's
/// page cache holds, so pages spill to the WAL while the rows load), and the size of a disk
/// that holds the database with 400 KB to spare.
fn database_and_big_file(ws: &Workspace) -> u64 {
    let mut text = String::from("visitor_name,visitor_state,host_state,start_date,notes\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "Visitor {i},TJ,AZ,2010-01-01,{}\n",
            "n".repeat(200 + i % 50)
        ));
    }
    std::fs::write(ws.path("big.csv"), text).unwrap();
    std::fs::metadata(&ws.db).unwrap().len() / 1024 + 400
}

/// The lines of a run's stdout after `marker=`.
fn value(run: &Run, marker: &str) -> String {
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{marker}=")))
        .unwrap_or_else(|| panic!("no {marker}= in {}\n{}", run.stdout, run.stderr))
        .to_string()
}

fn assert_one_disk_message(run: &Run) {
    assert!(
        run.stderr.contains("disk") && run.stderr.contains("full"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error:").count(),
        1,
        "one message, not one per row: {}",
        run.stderr
    );
}

#[test]
fn an_import_is_written_whole_or_not_at_all_on_a_full_disk() {
    let ws = Workspace::seeded();
    let size = database_and_big_file(&ws);
    let run = on_small_disk(
        ws.dir.path(),
        size,
        r#"cp "$WORK/reldb.db" "$DISK/t.db"
"$RELDB" --db "$DISK/t.db" import visits "$WORK/big.csv"; echo "status=$?"
echo "visits=$("$RELDB" -q --db "$DISK/t.db" sql "SELECT count(*) FROM visits" --no-headers)""#,
    );
    assert_eq!(value(&run, "status"), "2", "{}", run.stderr);
    assert_one_disk_message(&run);
    assert_eq!(value(&run, "visits"), "2", "{}", run.stderr);
}

#[test]
fn an_import_with_rejects_is_written_whole_or_not_at_all_on_a_full_disk() {
    let ws = Workspace::seeded();
    let size = database_and_big_file(&ws);
    let run = on_small_disk(
        ws.dir.path(),
        size,
        r#"cp "$WORK/reldb.db" "$DISK/t.db"
"$RELDB" --db "$DISK/t.db" import visits "$WORK/big.csv" --rejects "$WORK/refused.csv"; echo "status=$?"
echo "visits=$("$RELDB" -q --db "$DISK/t.db" sql "SELECT count(*) FROM visits" --no-headers)""#,
    );
    assert_eq!(value(&run, "status"), "2", "{}", run.stderr);
    assert_one_disk_message(&run);
    assert!(
        !run.stderr.contains("no transaction is active"),
        "{}",
        run.stderr
    );
    assert_eq!(value(&run, "visits"), "2", "{}", run.stderr);
    assert!(
        !ws.path("refused.csv").exists(),
        "no rejects file for a failed import"
    );
}

#[test]
fn add_from_stdin_writes_nothing_on_a_full_disk() {
    let ws = Workspace::seeded();
    let size = std::fs::metadata(&ws.db).unwrap().len() / 1024 + 400;
    let mut lines = String::new();
    for i in 0..10_000 {
        lines.push_str(&format!(
            "{{\"visitor_name\":\"Visitor {i}\",\"visitor_state\":\"TJ\",\"host_state\":\"AZ\",\
             \"start_date\":\"2010-01-01\",\"notes\":\"{}\"}}\n",
            "n".repeat(200 + i % 50)
        ));
    }
    std::fs::write(ws.path("rows.jsonl"), lines).unwrap();
    let run = on_small_disk(
        ws.dir.path(),
        size,
        r#"cp "$WORK/reldb.db" "$DISK/t.db"
"$RELDB" --db "$DISK/t.db" add visits < "$WORK/rows.jsonl" > /dev/null; echo "status=$?"
echo "visits=$("$RELDB" -q --db "$DISK/t.db" sql "SELECT count(*) FROM visits" --no-headers)""#,
    );
    assert_eq!(value(&run, "status"), "2", "{}", run.stderr);
    assert_one_disk_message(&run);
    assert_eq!(value(&run, "visits"), "2", "{}", run.stderr);
}

#[test]
fn init_on_a_full_disk_says_so_once_and_leaves_no_database() {
    let ws = Workspace::new();
    let run = on_small_disk(
        ws.dir.path(),
        2048,
        r#""$RELDB" --db "$DISK/t.db" init; echo "status=$?"
echo "size=$(stat -c %s "$DISK/t.db" 2>/dev/null || echo none)""#,
    );
    assert_eq!(value(&run, "status"), "2", "{}", run.stderr);
    assert_one_disk_message(&run);
    assert!(!run.stderr.contains("no row in"), "{}", run.stderr);
}
