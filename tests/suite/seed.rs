//! `reldb seed` over a database the user has worked in: nothing of theirs is overwritten
//! unasked, and their rows never take the seed's ids.

use crate::common::{dump, Workspace};

/// Runs `reldb ARGS`, expecting `code`; returns stderr.
fn stderr_with_status(ws: &Workspace, args: &[&str], code: i32) -> String {
    let output = ws.reldb().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    stderr
}

fn value(ws: &Workspace, sql: &str) -> String {
    let out = ws.stdout(&["sql", sql, "--no-headers"]);
    String::from_utf8(out).unwrap().trim().to_string()
}

#[test]
fn seeding_never_overwrites_a_row_the_user_changed_without_being_asked() {
    let ws = Workspace::seeded();
    stderr_with_status(&ws, &["update", "missions", "2", "city=Baku"], 0);
    let before = dump(&ws.db);
    let stderr = stderr_with_status(&ws, &["seed"], 1);
    assert!(stderr.contains("missions id = 2"), "{stderr}");
    assert!(stderr.contains("differs in city"), "{stderr}");
    assert!(stderr.contains("reldb seed --replace"), "{stderr}");
    assert_eq!(value(&ws, "SELECT city FROM missions WHERE id = 2"), "Baku");
    assert_eq!(
        dump(&ws.db),
        before,
        "a seed over the seed's own rows changes nothing"
    );
}

#[test]
fn seeding_with_replace_puts_the_seeds_row_back_when_asked() {
    let ws = Workspace::seeded();
    let seeded_city = value(&ws, "SELECT coalesce(city, '') FROM missions WHERE id = 2");
    stderr_with_status(&ws, &["update", "missions", "2", "city=Baku"], 0);
    stderr_with_status(&ws, &["seed", "--replace"], 0);
    assert_eq!(
        value(&ws, "SELECT coalesce(city, '') FROM missions WHERE id = 2"),
        seeded_city
    );
}

#[test]
fn a_row_the_user_adds_never_takes_an_id_the_seed_owns() {
    let ws = Workspace::seeded();
    // The seed's last agreement is deleted: a new row must not take its id.
    let last = value(&ws, "SELECT max(id) FROM agreements");
    stderr_with_status(&ws, &["delete", "agreements", &last], 0);
    let stderr = stderr_with_status(
        &ws,
        &[
            "add",
            "agreements",
            "title=My own treaty",
            "kind=treaty",
            "--source",
            "1",
        ],
        0,
    );
    assert!(stderr.contains("added agreements 1000001"), "{stderr}");
    let stderr = stderr_with_status(&ws, &["seed"], 0);
    assert!(!stderr.contains("differ"), "{stderr}");
    assert_eq!(
        value(&ws, "SELECT title FROM agreements WHERE id = 1000001"),
        "My own treaty"
    );
}
