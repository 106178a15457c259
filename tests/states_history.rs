//! States through history (issue 12): the audit's names resolve as a historian would, with
//! the real binary on a database made by `reldb init`.

mod common;

use common::Workspace;

fn initialised() -> Workspace {
    let ws = Workspace::new();
    ws.stdout(&["init"]);
    ws
}

/// The code `reldb resolve NAME --on DATE` prints.
fn resolve(ws: &Workspace, name: &str, on: &str) -> String {
    let out = ws.stdout(&["resolve", name, "--on", on]);
    let text = String::from_utf8(out).expect("utf-8");
    text.split('\t').next().unwrap_or_default().to_string()
}

#[test]
fn ussr_is_the_soviet_union_on_its_last_day() {
    assert_eq!(resolve(&initialised(), "USSR", "1991-12-26"), "SUHH");
}

#[test]
fn ussr_is_russia_the_day_after() {
    assert_eq!(resolve(&initialised(), "U.S.S.R.", "1991-12-27"), "RU");
}

#[test]
fn yugoslavia_resolves_on_the_day_the_un_was_founded() {
    assert_eq!(resolve(&initialised(), "Yugoslavia", "1945-10-24"), "YUCS");
}

#[test]
fn serbia_montenegro_in_1999_is_the_federal_republic_of_yugoslavia() {
    assert_eq!(resolve(&initialised(), "Serbia-Montenegro", "1999"), "YUCS");
    assert_eq!(
        resolve(&initialised(), "Serbia & Montenegro", "2004"),
        "CSXX"
    );
}

#[test]
fn rhodesia_in_1970_is_not_zimbabwe() {
    assert_eq!(resolve(&initialised(), "Rhodesia", "1970"), "RHZW");
}

#[test]
fn zanzibar_is_known_in_1964() {
    assert_eq!(
        resolve(&initialised(), "Zanzibar", "1964-01-15"),
        "X-ZANZIBAR-1964"
    );
}

#[test]
fn congo_in_1962_is_leopoldville() {
    assert_eq!(resolve(&initialised(), "Congo", "1962"), "CD");
}

#[test]
fn zimbabwe_has_its_day_of_independence() {
    let ws = initialised();
    let err = ws.stderr_of_failure(&["resolve", "Zimbabwe", "--on", "1975"]);
    assert!(err.contains("1980-04-18"), "{err}");
}

#[test]
fn the_soviet_union_has_fifteen_successors() {
    let ws = initialised();
    let out = ws.stdout(&[
        "sql",
        "SELECT count(*) FROM state_successions WHERE predecessor = 'SUHH'",
    ]);
    assert!(
        String::from_utf8_lossy(&out).contains("15"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn the_seed_has_the_gazetteers_eras() {
    let ws = initialised();
    let out = ws.stdout(&["sql", "SELECT count(*) FROM state_eras"]);
    assert!(
        String::from_utf8_lossy(&out).contains("577"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}
