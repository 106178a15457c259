//! Writes that cannot be torn: an import killed with SIGKILL at many points leaves the
//! database exactly as it was, and a first run killed while it creates the file leaves
//! something the next run finishes.

use std::time::{Duration, Instant};

use crate::common::{count, dump, integrity, spawn_reldb, write_visits_csv, Workspace};

#[test]
fn an_import_killed_at_any_moment_changes_nothing() {
    let ws = Workspace::new();
    ws.reldb().arg("init").assert().success();
    let file = ws.path("big.csv");
    write_visits_csv(&file, 60_000);
    let file = file.to_str().unwrap().to_string();

    // How long a whole import takes here, to spread the kills over it: the faster of two runs
    // (the first may read the file cold, or share the cores with another test).
    let full = (0..2)
        .map(|_| {
            let probe = Workspace::new();
            probe.reldb().arg("init").assert().success();
            let started = Instant::now();
            probe
                .reldb()
                .args(["import", "visits", &file])
                .assert()
                .success();
            let took = started.elapsed();
            assert_eq!(count(&probe.db, "visits"), 60_002);
            took
        })
        .min()
        .unwrap();

    let before = dump(&ws.db);
    let backup = ws.path("before-kills.db");
    std::fs::copy(&ws.db, &backup).unwrap();
    let attempts = 12;
    let mut killed = 0;
    for k in 0..attempts {
        // Up to three quarters of the way: runs vary by more than a few per cent.
        let delay = full.mul_f64(0.75 * f64::from(k) / f64::from(attempts) + 0.02);
        let mut child = spawn_reldb(&ws, &["import", "visits", &file]);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            // It finished before the kill: that proves nothing here, so undo it.
            assert_eq!(count(&ws.db, "visits"), 60_002);
            std::fs::copy(&backup, &ws.db).unwrap();
            let _ = std::fs::remove_file(ws.path("reldb.db-wal"));
            let _ = std::fs::remove_file(ws.path("reldb.db-shm"));
            continue;
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        killed += 1;
        assert_eq!(integrity(&ws.db), "ok", "after a kill at {delay:?}");
        assert_eq!(count(&ws.db, "visits"), 2, "after a kill at {delay:?}");
    }
    assert!(
        killed >= 9,
        "only {killed} of {attempts} imports were still running when killed"
    );
    assert_eq!(dump(&ws.db), before);
    eprintln!("import of 60,000 rows took {full:?}; killed it {killed} times");
    ws.reldb()
        .args([
            "import",
            "visits",
            &file,
            "--new-source",
            "Synthetic visits",
            "--set",
            "basis=stated",
        ])
        .assert()
        .success();
    assert_eq!(count(&ws.db, "visits"), 60_002);
    ws.reldb().arg("check").assert().success();
}

#[test]
fn a_first_run_killed_while_creating_the_file_is_finished_by_the_next() {
    for micros in [500u64, 2_000, 5_000, 10_000, 20_000, 40_000] {
        let ws = Workspace::new();
        let mut child = spawn_reldb(&ws, &["query", "visits"]);
        std::thread::sleep(Duration::from_micros(micros));
        child.kill().unwrap();
        child.wait().unwrap();
        let rows = ws.query("visits", &[]);
        assert_eq!(rows.len(), 2, "killed after {micros} µs");
        assert_eq!(integrity(&ws.db), "ok");
        assert_eq!(
            count(&ws.db, "states"),
            ws.query("states", &[]).len() as i64
        );
    }
}
