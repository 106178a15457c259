//! States through history (issue 12): the audit's names resolve as a historian would, with
//! the real binary on a database made by `reldb init`.

use crate::common::Workspace;

/// The code `reldb resolve NAME --on DATE` prints.
fn resolve(ws: &Workspace, name: &str, on: &str) -> String {
    let out = ws.stdout(&["resolve", name, "--on", on]);
    let text = String::from_utf8(out).expect("utf-8");
    text.split('\t').next().unwrap_or_default().to_string()
}

#[test]
fn ussr_is_the_soviet_union_on_its_last_day() {
    assert_eq!(resolve(&Workspace::seeded(), "USSR", "1991-12-26"), "SUHH");
}

#[test]
fn ussr_is_russia_the_day_after() {
    assert_eq!(
        resolve(&Workspace::seeded(), "U.S.S.R.", "1991-12-27"),
        "RU"
    );
}

#[test]
fn yugoslavia_resolves_on_the_day_the_un_was_founded() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Yugoslavia", "1945-10-24"),
        "YUCS"
    );
}

#[test]
fn serbia_montenegro_in_1999_is_the_federal_republic_of_yugoslavia() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Serbia-Montenegro", "1999"),
        "YUCS"
    );
    assert_eq!(
        resolve(&Workspace::seeded(), "Serbia & Montenegro", "2004"),
        "CSXX"
    );
}

#[test]
fn rhodesia_in_1970_is_not_zimbabwe() {
    assert_eq!(resolve(&Workspace::seeded(), "Rhodesia", "1970"), "RHZW");
}

#[test]
fn zanzibar_is_known_in_1964() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Zanzibar", "1964-01-15"),
        "X-ZANZIBAR-1964"
    );
}

#[test]
fn congo_in_1962_is_leopoldville() {
    assert_eq!(resolve(&Workspace::seeded(), "Congo", "1962"), "CD");
}

#[test]
fn zimbabwe_has_its_day_of_independence() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Zimbabwe", "--on", "1975"]);
    assert!(err.contains("1980-04-18"), "{err}");
}

#[test]
fn the_soviet_union_has_fifteen_successors() {
    let ws = Workspace::seeded();
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
    let ws = Workspace::seeded();
    let out = ws.stdout(&["sql", "SELECT count(*) FROM state_eras"]);
    assert!(
        String::from_utf8_lossy(&out).contains("577"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn a_soviet_era_name_is_reported_as_part_of_the_soviet_union() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Tadzhikistan", "--on", "1980-05-01"]);
    assert!(err.contains("was part of Soviet Union (SUHH)"), "{err}");
}

#[test]
fn part_of_resolves_a_soviet_era_name_to_the_soviet_union() {
    let ws = Workspace::seeded();
    let out = ws.stdout(&["resolve", "Tadzhikistan", "--on", "1980-05-01", "--part-of"]);
    assert!(String::from_utf8_lossy(&out).starts_with("SUHH\t"));
}

#[test]
fn byelorussian_ssr_is_a_part_in_1970() {
    let ws = Workspace::seeded();
    let out = ws.stdout(&["resolve", "Byelorussian SSR", "--on", "1970", "--part-of"]);
    assert!(String::from_utf8_lossy(&out).starts_with("SUHH\t"));
}

#[test]
fn azerbaidzhan_is_a_part_in_1985() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Azerbaidzhan", "--on", "1985"]);
    assert!(err.contains("SUHH"), "{err}");
}

#[test]
fn moldavia_is_a_part_in_1975() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Moldavia", "--on", "1975"]);
    assert!(err.contains("SUHH"), "{err}");
}

#[test]
fn bavaria_in_1900_is_part_of_the_german_empire() {
    let ws = Workspace::seeded();
    let out = ws.stdout(&["resolve", "Bavaria", "--on", "1900", "--part-of"]);
    assert!(String::from_utf8_lossy(&out).starts_with("X-GERMANY-1933\t"));
}

/// Siam is Thailand's era before 1939 (data/states/era_owners.csv): both names agree.
#[test]
fn siam_thailand_is_thailand_under_its_old_name_in_1930() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Siam (Thailand)", "1930"),
        "TH"
    );
}

#[test]
fn dahomey_benin_is_dahomey_in_1970() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Dahomey (Benin)", "1970"),
        "DYBJ"
    );
}

#[test]
fn ceylon_sri_lanka_is_sri_lanka() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Ceylon (Sri Lanka)", "1960"),
        "LK"
    );
}

#[test]
fn a_government_in_exile_is_its_state() {
    assert_eq!(
        resolve(&Workspace::seeded(), "Poland (government-in-exile)", "1942"),
        "PL"
    );
}

#[test]
fn a_provisional_government_is_its_state() {
    assert_eq!(
        resolve(
            &Workspace::seeded(),
            "Cuba (Provisional Government)",
            "1907"
        ),
        "CU"
    );
}

#[test]
fn korea_after_1948_stays_refused() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Korea", "--on", "1960"]);
    assert!(err.contains("names no state"), "{err}");
}

#[test]
fn two_names_of_two_states_are_refused() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "France (Germany)", "--on", "1960"]);
    assert!(err.contains("may mean"), "{err}");
}

#[test]
fn a_gleditsch_ward_number_names_its_state() {
    // The seed carries the numbers of country_converter's table (source 4).
    let ws = Workspace::seeded();
    for (number, code) in [("365", "RU"), ("260", "DE"), ("347", "XK"), ("702", "TJ")] {
        let out = ws.stdout(&["resolve", &format!("gw:{number}")]);
        assert!(
            String::from_utf8_lossy(&out).starts_with(&format!("{code}\t")),
            "gw:{number}: {}",
            String::from_utf8_lossy(&out)
        );
    }
    let out = ws.stdout(&[
        "sql",
        "SELECT count(*) FROM states WHERE gw_code IS NOT NULL",
    ]);
    let count: usize = String::from_utf8_lossy(&out)
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(count >= 190, "{count} states with a Gleditsch–Ward number");
    let out = ws.stdout(&["sql", "SELECT gw_code FROM states WHERE code = 'SUHH'"]);
    assert!(!String::from_utf8_lossy(&out).contains("365"));
}

#[test]
fn a_cow_number_names_its_state() {
    let ws = Workspace::seeded();
    ws.stdout(&[
        "sql",
        "--write",
        "UPDATE states SET cow_code = 365 WHERE code = 'RU'",
    ]);
    let out = ws.stdout(&["resolve", "cow:365"]);
    assert!(String::from_utf8_lossy(&out).starts_with("RU\t"));
}

#[test]
fn import_part_of_counts_a_republic_as_the_union() {
    let ws = Workspace::seeded();
    let file = ws.path("trips.csv");
    std::fs::write(
        &file,
        "visitor_name,visitor_state,host_state,start_date\nA B,US,Tadzhikistan,1980-05-01\n",
    )
    .expect("write");
    let file = file.to_str().expect("utf-8 path");
    let err = ws.stderr_of_failure(&["import", "visits", file]);
    assert!(err.contains("--part-of"), "{err}");
    ws.stdout(&["import", "visits", file, "--part-of"]);
    let out = ws.stdout(&[
        "sql",
        "SELECT host_state FROM visits WHERE start_date = '1980-05-01'",
    ]);
    assert!(String::from_utf8_lossy(&out).contains("SUHH"));
}

#[test]
fn successions_of_su_list_the_fifteen_republics() {
    let ws = Workspace::seeded();
    let rows = ws.query("successions", &["state=SU"]);
    let successors: Vec<&str> = rows
        .iter()
        .filter(|r| r["predecessor"] == "SUHH")
        .map(|r| r["successor"].as_str())
        .collect();
    assert_eq!(successors.len(), 15, "{successors:?}");
}

#[test]
fn states_on_a_date_include_the_republic_of_texas_in_1840() {
    let ws = Workspace::seeded();
    let rows = ws.query("states", &["on=1840"]);
    assert!(rows.iter().any(|r| r["code"] == "X-REPUBLIC-OF-TEXAS-1845"));
}

#[test]
fn check_finds_a_membership_before_its_state_existed() {
    let ws = Workspace::seeded();
    ws.stdout(&[
        "sql",
        "--write",
        "INSERT INTO memberships (organization, state, joined_on) VALUES ('UN', 'ZW', '1970')",
    ]);
    let output = ws.reldb().arg("check").output().expect("reldb runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("[fact_state_not_existing]"), "{text}");
}

#[test]
fn check_finds_an_alias_valid_before_its_state_existed() {
    let ws = Workspace::seeded();
    ws.stdout(&[
        "sql",
        "--write",
        "INSERT INTO state_aliases (alias, state, valid_from, valid_until) VALUES ('Test Land', 'ZW', '1950', '1960')",
    ]);
    let output = ws.reldb().arg("check").output().expect("reldb runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("[alias_outside_state_years]"), "{text}");
}

#[test]
fn the_fresh_seed_passes_the_new_checks() {
    let ws = Workspace::seeded();
    let output = ws.reldb().arg("check").output().expect("reldb runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("[alias_outside_state_years]"), "{text}");
}
