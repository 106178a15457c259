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
/// The Federal Republic of Yugoslavia, Serbia and Montenegro and Serbia are one state, `RS`;
/// the Socialist Federal Republic (`YUCS`) ended in April 1992 without a successor in the US
/// view (data/states/identities.csv).
fn serbia_montenegro_in_1999_is_the_federal_republic_of_yugoslavia() {
    let ws = Workspace::seeded();
    assert_eq!(resolve(&ws, "Serbia-Montenegro", "1999"), "RS");
    assert_eq!(resolve(&ws, "Serbia & Montenegro", "2004"), "RS");
    assert_eq!(resolve(&ws, "Yugoslavia", "1999"), "RS");
    assert_eq!(resolve(&ws, "Yugoslavia", "1990"), "YUCS");
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
    assert!(String::from_utf8_lossy(&out).starts_with("DE\t"));
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
/// Dahomey is Benin's era (data/states/identities.csv), so Benin's record reaches back to
/// Dahomey's independence.
fn dahomey_benin_is_benin_in_1970() {
    let ws = Workspace::seeded();
    assert_eq!(resolve(&ws, "Dahomey (Benin)", "1970"), "BJ");
    assert_eq!(resolve(&ws, "Dahomey", "1970"), "BJ");
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

/// After 1948 "Korea" names no state of its own: it may mean either successor of the Korea of
/// 1945-1948 (the gazetteer's korea-1948 names both), and both are offered.
#[test]
fn korea_after_1948_may_mean_either_korea() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Korea", "--on", "1960"]);
    assert!(err.contains("may mean"), "{err}");
    assert!(
        err.contains("KP (North Korea") && err.contains("KR (South Korea"),
        "{err}"
    );
    assert_eq!(resolve(&ws, "Korea", "1900"), "X-JOSEON-DYNASTY-1910");
}

#[test]
fn two_names_of_two_states_are_refused() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "France (Germany)", "--on", "1960"]);
    assert!(err.contains("may mean"), "{err}");
}

#[test]
fn a_gleditsch_ward_number_names_its_state() {
    // The seed carries the numbers of the Gleditsch-Ward list (source 9), by era.
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
    // The Soviet Union's number is Russia's 365, in the Union's years only.
    assert_eq!(resolve(&ws, "gw:365", "1950"), "SUHH");
    assert_eq!(resolve(&ws, "gw:365", "1900"), "RU");
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

fn repository() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_table(path: &str) -> Vec<crate::common::Row> {
    crate::common::parse_csv(&std::fs::read(repository().join(path)).unwrap())
}

fn sql_rows(ws: &Workspace, query: &str) -> Vec<crate::common::Row> {
    crate::common::parse_csv(&ws.stdout(&["sql", query, "--format", "csv"]))
}

/// What `reldb resolve NAME --on DATE` prints: code, name and, on a date, what it was then.
fn resolve_line(ws: &Workspace, name: &str, on: &str) -> String {
    String::from_utf8(ws.stdout(&["resolve", name, "--on", on])).unwrap()
}

/// Every row of the identity table (data/states/identities.csv) holds in the seed that
/// `reldb init` loads: a `same` row's two gazetteer entries are eras of one state, a `new`
/// row's of two, each the code the table names.
#[test]
fn the_identity_table_holds_in_the_seed() {
    let ws = Workspace::seeded();
    let eras: std::collections::HashMap<String, String> =
        sql_rows(&ws, "SELECT gsh_id, state FROM state_eras")
            .into_iter()
            .map(|r| (r["gsh_id"].clone(), r["state"].clone()))
            .collect();
    let codes: std::collections::HashSet<String> = sql_rows(&ws, "SELECT code FROM states")
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    let table = read_table("data/states/identities.csv");
    assert!(table.len() > 60, "{} rows", table.len());
    for row in &table {
        let same = row["identity"] == "same";
        assert_eq!(same, row["state"] == row["later_state"], "{row:?}");
        assert!(
            codes.contains(&row["state"]) && codes.contains(&row["later_state"]),
            "{row:?}"
        );
        for (entry, state) in [("earlier", "state"), ("later", "later_state")] {
            if !row[entry].is_empty() {
                assert_eq!(
                    eras.get(&row[entry]),
                    Some(&row[state]),
                    "{entry} of {row:?}"
                );
            }
        }
        assert!(
            !row["reason"].is_empty() && !row["source"].is_empty(),
            "{row:?}"
        );
    }
    // The decisions the record depends on.
    for (entry, code) in [
        ("dahomey-1975", "BJ"),
        ("prussia-1871", "DE"),
        ("germany-1945", "DE"),
        ("west-germany-1990", "DE"),
        ("china-1912", "TW"),
        ("republic-of-china-1949", "TW"),
        ("state-of-vietnam-1955", "X-SOUTH-VIETNAM-1975"),
        ("northern-yemen-1990", "YE"),
        ("federal-republic-of-yugoslavia-2003", "RS"),
        ("kingdom-of-serbia-1918", "YUCS"),
        ("tanganyika-1964", "TZ"),
        ("united-arab-republic-1971", "EG"),
    ] {
        assert_eq!(eras.get(entry).map(String::as_str), Some(code), "{entry}");
    }
    for (entry, code) in [
        ("east-germany-1990", "DDDE"),
        ("china", "CN"),
        ("southern-yemen-1990", "YDYE"),
        ("north-vietnam-1975", "VDVN"),
        ("soviet-union-1991", "SUHH"),
        ("czechoslovakia-1993", "CSHH"),
    ] {
        assert_eq!(eras.get(entry).map(String::as_str), Some(code), "{entry}");
    }
}

/// Dahomey is Benin's era, so the guide's acts of Benin dated before the rename of 1975 are
/// Benin's (the converter's reading of rdcr/articles/benin.xml gives their dates).
#[test]
fn benin_keeps_its_acts_as_dahomey() {
    let ws = Workspace::seeded();
    let guide: Vec<String> = read_table("data/derived/rdcr_relation_events.csv")
        .into_iter()
        .filter(|r| {
            r["territory_slug"] == "benin"
                && ["recognition", "establishment"].contains(&r["kind"].as_str())
                && r["date"].as_str() < "1975"
        })
        .map(|r| r["date"].clone())
        .collect();
    assert!(!guide.is_empty(), "the guide dates acts with Dahomey");
    let loaded: Vec<String> = sql_rows(
        &ws,
        "SELECT occurred_on FROM relation_events WHERE 'BJ' IN (state_a, state_b) \
         AND occurred_on < '1975'",
    )
    .into_iter()
    .map(|r| r["occurred_on"].clone())
    .collect();
    for date in &guide {
        assert!(loaded.contains(date), "{date}: {loaded:?}");
    }
}

/// `resolve` names the era it found: "Prussia" in 1850 is Germany in its era of the Kingdom
/// of Prussia, whose names the gazetteer's entry prussia-1871 gives.
#[test]
fn resolve_names_the_era_it_found() {
    let ws = Workspace::seeded();
    let entry = std::fs::read_to_string(
        repository().join("data/history-at-state/gsh/territories/prussia-1871.xml"),
    )
    .unwrap();
    assert!(entry.contains("<long-form-name>Kingdom of Prussia</long-form-name>"));
    let line = resolve_line(&ws, "Prussia", "1850");
    assert!(line.starts_with("DE\tGermany\t"), "{line}");
    assert!(
        line.contains("Prussia (Kingdom of Prussia, 1701–1871)"),
        "{line}"
    );
    let line = resolve_line(&ws, "Germany", "1960");
    assert!(line.contains("West Germany"), "{line}");
    // A state that was then a part of another says so, naming the whole as it was then.
    let line = resolve_line(&ws, "Syria", "1960");
    assert!(
        line.contains("a part of United Arab Republic (EG)"),
        "{line}"
    );
}

/// Apostrophes are folded like accents, in Rust and in the Python that builds the seed alike.
#[test]
fn hawaii_matches_hawaii_with_an_apostrophe() {
    let ws = Workspace::seeded();
    for name in ["Hawaii", "Hawai’i", "Hawai'i", "HAWAII"] {
        assert_eq!(resolve(&ws, name, "1920"), "X-HAWAII-1948", "{name}");
    }
    assert_eq!(resolve(&ws, "Hawaii", "1850"), "X-KINGDOM-OF-HAWAII-1898");
    let script = std::fs::read_to_string(repository().join("scripts/build_state_seed.py")).unwrap();
    let line = script
        .lines()
        .find(|l| l.starts_with("APOSTROPHES = "))
        .expect("the script lists its apostrophes");
    let escaped: String = reldb::states::APOSTROPHES
        .iter()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{:04x}", *c as u32)
            }
        })
        .collect();
    assert_eq!(line, format!("APOSTROPHES = \"{escaped}\""));
}

#[test]
fn the_republic_of_texas_resolves() {
    let ws = Workspace::seeded();
    let out = String::from_utf8(ws.stdout(&["resolve", "Republic of Texas"])).unwrap();
    assert!(out.starts_with("X-REPUBLIC-OF-TEXAS-1845\t"), "{out}");
    assert_eq!(resolve(&ws, "Texas", "1840"), "X-REPUBLIC-OF-TEXAS-1845");
    assert_eq!(
        resolve(&ws, "the Republic of Texas", "1840"),
        "X-REPUBLIC-OF-TEXAS-1845"
    );
    // Annexed in late December 1845 (the guide, rdcr/articles/texas.xml).
    let err = ws.stderr_of_failure(&["resolve", "Republic of Texas", "--on", "1850"]);
    assert!(err.contains("names no state that existed"), "{err}");
}

/// Names written inverted, as lists sort them, resolve as their plain order would.
#[test]
fn an_inverted_name_resolves() {
    let ws = Workspace::seeded();
    assert_eq!(resolve(&ws, "China, Republic of", "1930"), "TW");
    assert_eq!(resolve(&ws, "China, Republic of", "1970"), "TW");
    assert_eq!(resolve(&ws, "China, People's Republic of", "1970"), "CN");
    assert_eq!(resolve(&ws, "Gambia, The", "1990"), "GM");
}

/// A state's name of today means it in an earlier era only where no other state bore that
/// name then: Taiwan in 1930 is the Japanese colony; China in 1930 the Republic of China.
#[test]
fn a_name_means_the_state_that_bore_it_then() {
    let ws = Workspace::seeded();
    assert_eq!(resolve(&ws, "Taiwan", "1930"), "X-TAIWAN-1945");
    assert_eq!(resolve(&ws, "Taiwan", "1970"), "TW");
    assert_eq!(resolve(&ws, "China", "1930"), "TW");
    assert_eq!(resolve(&ws, "China", "1960"), "CN");
    assert_eq!(resolve(&ws, "Vietnam", "1965"), "X-SOUTH-VIETNAM-1975");
    assert_eq!(resolve(&ws, "Vietnam", "1980"), "VN");
}

/// A gazetteer entry with no type is no sovereign state, and one with no last year does not
/// last to this day (Sicily of 1815, Ubangi-Shari-Chad).
#[test]
fn an_entry_with_no_type_is_no_sovereign_state() {
    let ws = Workspace::seeded();
    let err = ws.stderr_of_failure(&["resolve", "Sicily", "--on", "2020"]);
    assert!(err.contains("names no state that existed on 2020"), "{err}");
    let untyped = read_table("data/derived/gsh_states.csv")
        .into_iter()
        .filter(|r| r["kind"].is_empty())
        .map(|r| r["slug"].clone())
        .collect::<Vec<_>>();
    assert!(untyped.contains(&"sicily-1815".to_string()));
    let rows = sql_rows(
        &ws,
        "SELECT s.code, s.sovereign, s.existed_until FROM states s WHERE NOT EXISTS \
         (SELECT 1 FROM state_eras e WHERE e.state = s.code AND e.kind IS NOT NULL) \
         AND EXISTS (SELECT 1 FROM state_eras e WHERE e.state = s.code)",
    );
    assert!(rows.len() >= 10, "{rows:?}");
    for row in &rows {
        assert_eq!(row["sovereign"], "0", "{row:?}");
        assert!(!row["existed_until"].is_empty(), "{row:?}");
    }
}
