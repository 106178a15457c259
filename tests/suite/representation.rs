//! Both directions of representation between the United States and every UN member, from the
//! World Factbook (scripts/build_representation_seed.py, data/world/representation/): the
//! expectations are read here from the Factbook's JSON with a reading of its own (states by
//! their internet country code, not by the script's names; cities and chiefs by a plain
//! parse), and looked for in a database the real `reldb` seeded.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, Row, Workspace};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const TABLES: [&str; 4] = ["sources", "missions", "people", "heads_of_mission"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_stage(out: &Path, readings: Option<&Path>) -> std::process::Output {
    let mut command = Command::new("python3");
    command
        .current_dir(repository())
        .arg("scripts/build_representation_seed.py")
        .arg("--out")
        .arg(out)
        .arg("--report")
        .arg(out.join("report.csv"));
    if let Some(readings) = readings {
        command.arg("--readings").arg(readings);
    }
    command
        .output()
        .expect("python3 runs (the script needs only its standard library)")
}

/// A temporary folder with the committed seed's tables the stage rewrites.
fn seed_tables() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    for table in TABLES {
        let name = format!("{table}.csv");
        std::fs::copy(
            repository().join("seed").join(&name),
            out.path().join(&name),
        )
        .unwrap();
    }
    out
}

#[test]
fn re_running_the_stage_on_the_seed_writes_the_committed_seed_and_report() {
    let out = seed_tables();
    let output = run_stage(out.path(), None);
    assert!(
        output.status.success(),
        "build_representation_seed.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for table in TABLES {
        let name = format!("{table}.csv");
        let written = std::fs::read(out.path().join(&name)).unwrap();
        let committed = std::fs::read(repository().join("seed").join(&name)).unwrap();
        assert!(
            written == committed,
            "seed/{name} differs from what the stage writes: re-run \
             python3 scripts/build_history_seed.py (or the stage alone) and commit"
        );
    }
    let report = std::fs::read(out.path().join("report.csv")).unwrap();
    let committed = std::fs::read(repository().join("data/world/representation/report.csv"));
    assert!(
        report == committed.unwrap(),
        "the report is not the stage's"
    );
}

#[test]
fn a_reading_whose_quote_is_not_in_the_factbook_stops_the_stage() {
    let out = seed_tables();
    let readings = std::fs::read_to_string(repository().join(READINGS)).unwrap();
    let quote = "the US does not have an embassy in Nauru";
    assert!(readings.contains(quote));
    let altered = out.path().join("readings.csv");
    std::fs::write(
        &altered,
        readings.replace(quote, "the US has an embassy in Nauru"),
    )
    .unwrap();
    let before = std::fs::read(out.path().join("missions.csv")).unwrap();
    let output = run_stage(out.path(), Some(&altered));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the quote is not in nr's 'embassy'"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.path().join("missions.csv")).unwrap(),
        before,
        "nothing is written"
    );
}

const READINGS: &str = "data/world/representation/readings.csv";

#[test]
fn germany_names_its_ambassador_in_washington_and_both_embassies() {
    let ws = Workspace::seeded();
    let heads = ws.query("heads_of_mission", &["state=DE", "partner=US"]);
    let hanefeld = heads
        .iter()
        .find(|h| h["person"] == "Jens Hanefeld")
        .expect("Germany's ambassador in Washington");
    assert_eq!(hanefeld["title"], "Ambassador");
    assert_eq!(hanefeld["sending_state"], "DE");
    assert_eq!(hanefeld["receiving_state"], "US");
    assert_eq!(hanefeld["started_on"], "2025-09-05");
    assert_eq!(hanefeld["started_how"], "in office since, per the Factbook");
    let meltzer = heads
        .iter()
        .find(|h| h["person"] == "Alan Meltzer")
        .expect("the US chargé in Berlin");
    assert_eq!(
        (meltzer["sending_state"].as_str(), meltzer["title"].as_str()),
        ("US", "Chargé d’Affaires")
    );
    assert_eq!(meltzer["started_on"], "2024-07");

    let missions = ws.query("missions", &["state=DE", "partner=US"]);
    let embassy = |sending: &str, city: &str| {
        missions.iter().any(|m| {
            m["sending_state"] == sending
                && m["kind"] == "embassy"
                && m["city"] == city
                && m["closed_on"].is_empty()
        })
    };
    assert!(embassy("DE", "Washington"), "{missions:?}");
    assert!(embassy("US", "Berlin"), "{missions:?}");
    let german_consulates: Vec<&str> = missions
        .iter()
        .filter(|m| m["sending_state"] == "DE" && m["kind"] == "consulate_general")
        .map(|m| m["city"].as_str())
        .collect();
    assert_eq!(german_consulates.len(), 8, "{german_consulates:?}");
}

#[test]
fn a_chief_the_record_already_holds_is_not_added_again() {
    // The Office of the Historian's record has Judy Rising Reinke in Montenegro from
    // 2018-11-26; the Factbook says "since 20 December 2018": the record's row stands alone.
    let ws = Workspace::seeded();
    let heads = ws.query("heads_of_mission", &["state=US", "partner=ME"]);
    let reinke: Vec<&Row> = heads
        .iter()
        .filter(|h| h["person"].contains("Reinke"))
        .collect();
    assert_eq!(reinke.len(), 1, "{reinke:?}");
    assert_eq!(reinke[0]["started_on"], "2018-11-26");
}

// --- the Factbook, read here -----------------------------------------------------------------

struct Entry {
    json: serde_json::Value,
}

impl Entry {
    fn field(&self, section: &str, name: &str) -> Option<String> {
        let value = &self.json["Government"][section][name];
        let text = value["text"].as_str().or(value.as_str())?;
        Some(plain(text))
    }
}

/// The Factbook's HTML as text: tags dropped, entities decoded, a line break as "; ".
fn plain(html: &str) -> String {
    let marked = html.replace("<br>", "; ").replace("<br/>", "; ");
    let fragment = scraper::Html::parse_fragment(&marked);
    let text: String = fragment.root_element().text().collect();
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// The Factbook's entries by ISO code, from their internet country code (.uk is GB).
fn factbook_by_iso() -> HashMap<String, Entry> {
    let mut entries = HashMap::new();
    let root = repository().join("data/world/factbook");
    for region in std::fs::read_dir(&root).unwrap() {
        let region = region.unwrap().path();
        if !region.is_dir() || region.ends_with("meta") {
            continue;
        }
        for file in std::fs::read_dir(&region).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let text = json["Communications"]["Internet country code"]["text"]
                .as_str()
                .unwrap_or("");
            // The first code the field names ("metropolitan France - .fr; French Guiana ...").
            let Some(code) = text.split([' ', ';']).find_map(|w| {
                let code = w.strip_prefix('.')?;
                (code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())).then_some(code)
            }) else {
                continue;
            };
            let iso = match code {
                "uk" => "GB".to_string(),
                other => other.to_uppercase(),
            };
            entries.insert(iso, Entry { json });
        }
    }
    entries
}

/// "5 September 2025" 2025-09-05, "July 2024" 2024-07, "2025".
fn date(text: &str) -> Option<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let month = |w: &str| MONTHS.iter().position(|m| *m == w).map(|i| i + 1);
    let year = |w: &str| (w.len() == 4 && w.parse::<u32>().is_ok()).then(|| w.to_string());
    match words.as_slice() {
        [d, m, y] => Some(format!(
            "{}-{:02}-{:02}",
            year(y)?,
            month(m)?,
            d.parse::<u32>().ok()?
        )),
        [m, y] => Some(format!("{}-{:02}", year(y)?, month(m)?)),
        [y] => year(y),
        _ => None,
    }
}

/// The dated people of a chief of mission field: (family name, date). The family name is the
/// longest word in capitals before the date's parenthesis (the last word where none is).
fn dated_chiefs(text: &str) -> Vec<(String, String)> {
    let mut chiefs = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inside = rest[open + 1..close].trim();
        let inside = inside.strip_prefix("since ").unwrap_or(inside);
        if let Some(on) = date(inside) {
            let before = &text[..consumed + open];
            let start = before.rfind([';', ')']).map_or(0, |i| i + 1);
            let words: Vec<&str> = before[start..]
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            let capitals = words
                .iter()
                .filter(|w| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && w.chars().all(|c| !c.is_lowercase())
                })
                .max_by_key(|w| w.chars().count());
            if let Some(family) = capitals.or(words.last()) {
                chiefs.push((fold(family), on));
            }
        }
        consumed += close + 1;
        rest = &rest[close + 1..];
    }
    chiefs
}

/// The cities of a list field ("Houston, St. Paul (MN), New York; note - ...").
fn cities(text: &str) -> Vec<String> {
    let main = text.split(';').next().unwrap_or("");
    main.split(',')
        .map(|item| match item.find('(') {
            Some(i) => item[..i].trim().to_string(),
            None => item.trim().to_string(),
        })
        .filter(|c| !c.is_empty())
        .collect()
}

fn first_word(city: &str) -> String {
    fold(city)
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_string()
}

const DIPLOMATIC: [&str; 3] = ["embassy", "interests_section", "other"];

#[test]
fn every_un_member_has_both_directions_of_representation_and_its_chiefs_as_the_factbook_gives_them()
{
    let factbook = factbook_by_iso();
    let members: Vec<(String, String)> = common::seed("states")
        .into_iter()
        .filter(|s| s["status"] == "un_member" && s["code"] != "US")
        .map(|s| (s["code"].clone(), s["iso2"].clone()))
        .collect();
    assert_eq!(members.len(), 192);

    let ws = Workspace::seeded();
    let missions = ws.query("missions", &["state=US"]);
    let heads = ws.query("heads_of_mission", &["state=US"]);
    let factbook_sources: HashSet<String> = ws
        .query("sources", &[])
        .into_iter()
        .filter(|s| s["title"].starts_with("The World Factbook: "))
        .map(|s| s["id"].clone())
        .collect();
    let open = |sending: &str, receiving: &str, kinds: &[&str]| -> Vec<&Row> {
        missions
            .iter()
            .filter(|m| {
                m["sending_state"] == sending
                    && m["receiving_state"] == receiving
                    && kinds.contains(&m["kind"].as_str())
                    && m["closed_on"].is_empty()
            })
            .collect()
    };
    let mut failures = Vec::new();
    let mut counts = HashMap::new();
    for (code, iso) in &members {
        let entry = factbook
            .get(iso)
            .unwrap_or_else(|| panic!("no Factbook entry with the internet code of {code}"));
        let in_us = "Diplomatic representation in the US";
        let from_us = "Diplomatic representation from the US";

        // The state's embassy and consulates in the US.
        if let Some(chancery) = entry.field(in_us, "chancery") {
            let city = if chancery.contains("Washington") {
                "Washington"
            } else {
                "New York"
            };
            let street: String = chancery.chars().take(12).collect();
            let found = open(code, "US", &["embassy"])
                .into_iter()
                .any(|m| m["city"] == city && m["note"].contains(&street));
            *counts.entry("chanceries").or_insert(0) += 1;
            if !found {
                failures.push(format!("{code}: no embassy in {city} at {chancery}"));
            }
        }
        for (field, kind) in [
            ("consulate(s) general", "consulate_general"),
            ("consulate(s)", "consulate"),
        ] {
            let Some(list) = entry.field(in_us, field) else {
                continue;
            };
            let theirs = open(code, "US", &[kind]);
            if list.chars().any(|c| c.is_ascii_digit()) {
                // An address, not a list (Bhutan's consulate general in New York).
                if !theirs.iter().any(|m| list.contains(&m["city"])) {
                    failures.push(format!("{code}: no {kind} at {list}"));
                }
                continue;
            }
            for city in cities(&list) {
                *counts.entry("consulates in the US").or_insert(0) += 1;
                let found = theirs
                    .iter()
                    .any(|m| m["city"] == city || m["note"].contains(&format!("“{city}”")));
                if !found {
                    failures.push(format!("{code}: no {kind} in {city}"));
                }
            }
        }

        // The US embassy and consulates in the state.
        if let Some(embassy) = entry.field(from_us, "embassy") {
            let said = fold(&embassy);
            let none = said.starts_with("none")
                || said.contains("does not have an embassy")
                || said.contains("does not maintain")
                || said.contains("suspended");
            if none {
                let added = open("US", code, &["embassy"])
                    .into_iter()
                    .any(|m| factbook_sources.contains(&m["source_id"]));
                if added && said.contains("does not have an embassy") {
                    failures.push(format!("{code}: a US embassy loaded where “{embassy}”"));
                }
            } else {
                *counts.entry("US embassies").or_insert(0) += 1;
                if open("US", code, &DIPLOMATIC).is_empty() {
                    failures.push(format!("{code}: no open US mission for “{embassy}”"));
                }
            }
        }
        for field in ["consulate(s) general", "consulate(s)"] {
            let Some(list) = entry.field(from_us, field) else {
                continue;
            };
            let ours = open(
                "US",
                code,
                &["consulate_general", "consulate", "branch_office"],
            );
            for city in cities(&list) {
                *counts.entry("US consulates").or_insert(0) += 1;
                if !ours
                    .iter()
                    .any(|m| first_word(&m["city"]) == first_word(&city))
                {
                    failures.push(format!("{code}: no open US consulate in {city}"));
                }
            }
        }

        // The chiefs of mission, each with the date in office.
        for (sending, receiving, section) in
            [(code.as_str(), "US", in_us), ("US", code.as_str(), from_us)]
        {
            let Some(text) = entry.field(section, "chief of mission") else {
                continue;
            };
            for (family, on) in dated_chiefs(&text) {
                *counts.entry("dated chiefs").or_insert(0) += 1;
                let theirs: Vec<&Row> = heads
                    .iter()
                    .filter(|h| {
                        h["sending_state"] == sending
                            && h["receiving_state"] == receiving
                            && fold(&h["person"]).contains(&family)
                    })
                    .collect();
                let from_factbook = theirs
                    .iter()
                    .any(|h| h["started_on"] == on && factbook_sources.contains(&h["source_id"]));
                // The record's own row for the person and post wins over the Factbook's.
                let from_record = sending == "US"
                    && theirs
                        .iter()
                        .any(|h| !factbook_sources.contains(&h["source_id"]));
                if !from_factbook && !from_record {
                    failures.push(format!(
                        "{sending} in {receiving}: no chief {family} since {on} (“{text}”)"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // What the Factbook gives, so that a reading that found nothing does not pass.
    assert!(counts["chanceries"] >= 185, "{counts:?}");
    assert!(counts["consulates in the US"] >= 540, "{counts:?}");
    assert!(counts["US embassies"] >= 165, "{counts:?}");
    assert!(counts["US consulates"] >= 80, "{counts:?}");
    assert!(counts["dated chiefs"] >= 350, "{counts:?}");
}
