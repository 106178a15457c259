//! Every state that came into being after 1900 has its first day (issue 12), and the posts and
//! records dated before it are told as the guide's rules say (data/derived/HISTORY-RULES.md),
//! with the real binary on a database made by `reldb init`.

use crate::common::{Row, Workspace};

fn sql(ws: &Workspace, query: &str) -> Vec<Row> {
    crate::common::parse_csv(&ws.stdout(&["sql", query, "--format", "csv"]))
}

/// The guide tells these as states long before their gazetteer entries begin, and the
/// gazetteer has no earlier entry for them: each keeps its years open and says why in its note.
const EXISTED_BEFORE: [&str; 2] = ["MA", "TN"];

#[test]
fn every_state_begun_after_1900_has_its_first_day_or_says_why_not() {
    let ws = Workspace::seeded();
    let open = sql(
        &ws,
        "SELECT code, note, source_id FROM states s WHERE sovereign = 1 AND existed_from IS NULL \
         AND (SELECT min(began_on) FROM state_eras e WHERE e.state = s.code) >= '1900' \
         ORDER BY code",
    );
    let codes: Vec<&str> = open.iter().map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, EXISTED_BEFORE);
    for row in &open {
        assert!(
            row["note"].contains("Existed before") && row["note"].contains("rdcr/articles/"),
            "{}: {}",
            row["code"],
            row["note"]
        );
        assert_eq!(row["source_id"], "6", "{}", row["code"]);
    }
}

/// A state the guide tells under an earlier name is one state with the gazetteer's earlier
/// entry as its era: Persia in 1900 is Iran, the Ottoman Empire is Türkiye.
#[test]
fn an_earlier_name_of_one_state_is_its_era() {
    let ws = Workspace::seeded();
    for (name, on, code) in [
        ("Persia", "1900", "IR"),
        ("Ottoman Empire", "1900", "TR"),
        ("Russian Empire", "1850", "RU"),
        ("Siam", "1930", "TH"),
        ("Abyssinia", "1950", "ET"),
        ("Muscat and Oman", "1960", "OM"),
        ("Papal States", "1850", "VA"),
    ] {
        let out = String::from_utf8(ws.stdout(&["resolve", name, "--on", on])).unwrap();
        assert!(out.starts_with(&format!("{code}\t")), "{name} {on}: {out}");
    }
    let rows = sql(
        &ws,
        "SELECT count(*) AS n FROM states WHERE code IN ('X-PERSIA-1935', 'X-OTTOMAN-EMPIRE-1922')",
    );
    assert_eq!(rows[0]["n"], "0");
    let bulgaria = sql(
        &ws,
        "SELECT predecessor, succeeded_on FROM state_successions WHERE successor = 'BG'",
    );
    assert!(
        bulgaria
            .iter()
            .any(|r| r["predecessor"] == "TR" && r["succeeded_on"] == "1908"),
        "{bulgaria:?}"
    );
}

#[test]
fn a_day_of_independence_cites_the_guides_article() {
    let ws = Workspace::seeded();
    let rows = sql(
        &ws,
        "SELECT s.code, s.existed_from, s.note, src.title FROM states s \
         JOIN sources src ON src.id = s.source_id WHERE s.code IN ('FI', 'IN', 'AT') ORDER BY s.code",
    );
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["code"].as_str(), r["existed_from"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("AT", "1918-11-12"),
            ("FI", "1917-12-06"),
            ("IN", "1947-08-15")
        ]
    );
    assert!(rows[1]["note"].contains("rdcr/articles/finland.xml"));
    assert!(rows[1]["title"].starts_with("A Guide to the United States"));
    assert!(
        rows[0]["title"].starts_with("The World Factbook, last edition"),
        "{}",
        rows[0]["title"]
    );
}

#[test]
fn finland_in_1910_is_no_state_and_in_1918_is_finland() {
    let ws = Workspace::seeded();
    let refused = ws.stderr_of_failure(&["resolve", "Finland", "--on", "1910"]);
    assert!(refused.contains("1917-12-06"), "{refused}");
    let out = String::from_utf8(ws.stdout(&["resolve", "Finland", "--on", "1918"])).unwrap();
    assert!(out.starts_with("FI\t"), "{out}");
}

#[test]
fn a_post_open_through_independence_is_the_new_states_inferred() {
    let ws = Workspace::seeded();
    let rows = sql(
        &ws,
        "SELECT m.receiving_state, m.basis, m.basis_note, m.opened_on, \
         (SELECT count(*) FROM mission_events e WHERE e.mission_id = m.id) AS events \
         FROM missions m WHERE m.gsh_post_id = 'kolkata'",
    );
    assert_eq!(rows.len(), 1, "Kolkata is kept");
    let kolkata = &rows[0];
    assert_eq!(kolkata["receiving_state"], "IN");
    assert_eq!(kolkata["basis"], "inferred");
    assert_eq!(kolkata["events"], "0");
    assert_eq!(kolkata["opened_on"], "");
    assert!(
        kolkata["basis_note"].contains("1792"),
        "{}",
        kolkata["basis_note"]
    );
}

#[test]
fn a_post_opened_before_its_state_keeps_only_its_states_events() {
    let ws = Workspace::seeded();
    let events = sql(
        &ws,
        "SELECT e.event, e.occurred_on FROM mission_events e JOIN missions m ON m.id = e.mission_id \
         WHERE m.gsh_post_id = 'vienna' ORDER BY e.occurred_on",
    );
    assert!(!events.is_empty(), "the Vienna post is Austria's mission");
    assert!(
        events.iter().all(|e| e["occurred_on"].as_str() >= "1918"),
        "{events:?}"
    );
    assert_eq!(events[0]["event"], "opened", "{events:?}");
    let report = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/derived/history_seed_report.csv"),
    )
    .unwrap();
    let vienna = report
        .lines()
        .find(|line| line.starts_with("mission_events,gsh-posts/posts/vienna.xml,"))
        .expect("the Vienna post's earlier events are reported");
    assert!(vienna.contains("AT existed 1918"), "{vienna}");
}

#[test]
fn south_yemens_acts_in_the_yemen_article_are_south_yemens() {
    let ws = Workspace::seeded();
    let rows = sql(
        &ws,
        "SELECT state_a, state_b, event FROM relation_events \
         WHERE summary LIKE '%(South Yemen)%' ORDER BY occurred_on",
    );
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(
            row["state_a"] == "YDYE" || row["state_b"] == "YDYE",
            "{row:?}"
        );
    }
    let north = sql(
        &ws,
        "SELECT count(*) AS n FROM relation_events WHERE (state_a = 'YE' OR state_b = 'YE') \
         AND occurred_on < '1990'",
    );
    assert_ne!(north[0]["n"], "0", "North Yemen's relations are Yemen's");
}

#[test]
fn check_passes_on_the_seed() {
    let ws = Workspace::seeded();
    let out = ws.reldb().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_brief_words_a_post_older_than_its_state_as_probable_and_drops_it_when_asked() {
    let ws = Workspace::seeded();
    let brief = String::from_utf8(ws.stdout(&["dossier", "US", "IN"])).unwrap();
    assert!(
        brief.contains(
            "The United States probably kept a consulate general in Kolkata, India, from the day \
             India came into being: the post opened before then."
        ),
        "{brief}"
    );
    assert!(
        brief.contains("The post opened in 1792, before India existed (1947-08-15)"),
        "the annex gives the reasoning: {brief}"
    );
    let stated = String::from_utf8(ws.stdout(&["dossier", "US", "IN", "--stated-only"])).unwrap();
    assert!(!stated.contains("Kolkata"), "{stated}");
}

#[test]
fn the_brief_says_which_earlier_names_its_states_bore() {
    let ws = Workspace::seeded();
    let turkey = String::from_utf8(ws.stdout(&["dossier", "US", "TR"])).unwrap();
    assert!(
        turkey.contains(
            "The brief calls each state by today's name: Türkiye was the Ottoman Empire until 1922."
        ),
        "{turkey}"
    );
    let holy_see = String::from_utf8(ws.stdout(&["dossier", "US", "VA"])).unwrap();
    assert!(
        holy_see.contains("the Holy See was the Papal States or the Pontifical States until 1929."),
        "{holy_see}"
    );
    let albania = String::from_utf8(ws.stdout(&["dossier", "US", "AL"])).unwrap();
    assert!(
        albania.contains(
            "Albania was the People’s Republic of Albania until 1976 and the People’s Socialist \
             Republic of Albania until 1991."
        ),
        "{albania}"
    );
    let tajik = String::from_utf8(ws.stdout(&["dossier", "TJ", "AZ"])).unwrap();
    assert!(!tajik.contains("today's name"), "{tajik}");
}

/// country_converter's 680 for Yemen is South Yemen's in countrycode: corrected to North
/// Yemen's 678 (data/states/gw_corrections.csv), so the number names one state on any date.
#[test]
fn gleditsch_ward_680_is_south_yemen_and_678_yemen() {
    let ws = Workspace::seeded();
    let south = String::from_utf8(ws.stdout(&["resolve", "gw:680", "--on", "1980"])).unwrap();
    assert!(south.starts_with("YDYE\t"), "{south}");
    let north = String::from_utf8(ws.stdout(&["resolve", "gw:678", "--on", "1980"])).unwrap();
    assert!(north.starts_with("YE\t"), "{north}");
}

fn repository() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_table(path: &str) -> Vec<Row> {
    crate::common::parse_csv(&std::fs::read(repository().join(path)).unwrap())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The first day a Factbook `Independence` text gives, read here on its own terms: the first
/// statement before "notable earlier dates" that says independence "from" something, else the
/// first dated one; "" for a day before 1776; `None` where it gives none.
fn factbook_first_day(text: &str) -> Option<String> {
    if text.to_lowercase().starts_with("no official date") {
        return None;
    }
    let main = text
        .split("notable earlier date")
        .next()
        .unwrap_or_default();
    let dated: Vec<(String, &str)> = main
        .split(';')
        .filter_map(|statement| day_in(statement).map(|day| (day, statement)))
        .collect();
    let (day, _) = dated
        .iter()
        .find(|(_, s)| s.contains("from"))
        .or_else(|| dated.first())?;
    Some(if day.as_str() < "1776" {
        String::new()
    } else {
        day.clone()
    })
}

/// "1 August 1960" -> 1960-08-01, "14-15 May 1811" -> 1811-05-14, "1839" -> 1839, "ca. 965" ->
/// 0965; no day in "at least 2,000 years".
fn day_in(statement: &str) -> Option<String> {
    let words: Vec<&str> = statement
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '(' || c == ')' || c == ','))
        .collect();
    for (i, word) in words.iter().enumerate() {
        let is_year = (3..=4).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit());
        if !is_year || words.get(i + 1) == Some(&"years") {
            continue;
        }
        let year = format!("{:0>4}", word);
        let month = i.checked_sub(1).and_then(|j| {
            MONTHS
                .iter()
                .position(|m| *m == words[j])
                .map(|m| (j, m + 1))
        });
        let Some((j, month)) = month else {
            return Some(year);
        };
        let day = j
            .checked_sub(1)
            .and_then(|k| words[k].split('-').next()?.parse::<u32>().ok());
        return Some(match day {
            Some(day) => format!("{year}-{month:02}-{day:02}"),
            None => format!("{year}-{month:02}"),
        });
    }
    None
}

#[test]
fn the_factbook_text_is_read_as_it_is_written() {
    assert_eq!(
        factbook_first_day("1 August 1960 (from France)").as_deref(),
        Some("1960-08-01")
    );
    assert_eq!(
        factbook_first_day("24 September 1973 (declared); 10 September 1974 (from Portugal)")
            .as_deref(),
        Some("1974-09-10")
    );
    assert_eq!(factbook_first_day("26 July 1581").as_deref(), Some(""));
    assert_eq!(
        factbook_first_day("no official date of independence: 976 (x)"),
        None
    );
    assert_eq!(
        factbook_first_day("oldest independent country in Africa, at least 2,000 years"),
        None
    );
}

/// Every state whose first day the table of candidates says is the Factbook's has the day
/// that its Factbook file's `Independence` text gives (read from the JSON here).
#[test]
fn a_first_day_from_the_factbook_is_the_day_its_text_gives() {
    let ws = Workspace::seeded();
    let seed: std::collections::HashMap<String, String> = sql(
        &ws,
        "SELECT code, coalesce(existed_from, '') AS existed_from FROM states",
    )
    .into_iter()
    .map(|r| (r["code"].clone(), r["existed_from"].clone()))
    .collect();
    let mut checked = 0;
    for row in read_table("data/derived/state_first_days.csv") {
        if !row["rule"].starts_with("2: the Factbook's ") {
            continue;
        }
        let file = std::fs::read_to_string(repository().join(&row["factbook"])).unwrap();
        let json: serde_json::Value = serde_json::from_str(&file).unwrap();
        let text = json["Government"]["Independence"]["text"].as_str().unwrap();
        let expected = factbook_first_day(text).unwrap_or_default();
        assert_eq!(seed[&row["code"]], expected, "{}: {text}", row["code"]);
        checked += 1;
    }
    println!("{checked} states take their first day from the Factbook");
    assert!(checked >= 120, "{checked}");
}

/// The states whose first day was made up (the year after a state of the same name ended) or
/// missing (read as before 1776) now begin on the day a source gives: the Factbook's for most,
/// the guide's where it states the independence or the US recognition of it earlier.
#[test]
fn the_states_of_the_issue_begin_on_a_cited_day() {
    let ws = Workspace::seeded();
    let seed: std::collections::HashMap<String, (String, String)> = sql(
        &ws,
        "SELECT code, coalesce(existed_from, '') AS existed_from, source_id FROM states",
    )
    .into_iter()
    .map(|r| {
        (
            r["code"].clone(),
            (r["existed_from"].clone(), r["source_id"].clone()),
        )
    })
    .collect();
    let factbook = |file: &str| {
        let text =
            std::fs::read_to_string(repository().join("data/world/factbook").join(file)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        factbook_first_day(json["Government"]["Independence"]["text"].as_str().unwrap()).unwrap()
    };
    for (code, file) in [
        ("TT", "central-america-n-caribbean/td.json"),
        ("BH", "middle-east/ba.json"),
        ("JO", "middle-east/jo.json"),
        ("GR", "europe/gr.json"),
        ("AR", "south-america/ar.json"),
        ("MX", "north-america/mx.json"),
        ("BE", "europe/be.json"),
        ("LR", "africa/li.json"),
        ("MT", "europe/mt.json"),
        ("KW", "middle-east/ku.json"),
        ("FJ", "australia-oceania/fj.json"),
        ("BJ", "africa/bn.json"),
    ] {
        assert_eq!(seed[code].0, factbook(file), "{code}");
    }
    // Where the guide states the independence, or the US recognition of it, before the
    // Factbook's day, the guide's day is used and its article says it.
    for (code, article, words) in [
        ("SN", "senegal", "August 20, 1960"),
        ("SY", "syria", "September 8, 1944"),
        ("IQ", "iraq", "January 9, 1930"),
        ("CU", "cuba", "formally installed on May 19, 1902"),
    ] {
        let xml = std::fs::read_to_string(
            repository().join(format!("data/history-at-state/rdcr/articles/{article}.xml")),
        )
        .unwrap();
        let text = roxmltree::Document::parse(&xml)
            .unwrap()
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or_default())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(words), "{article}: {words}");
        assert_eq!(seed[code].1, "6", "{code} cites the guide");
    }
    assert_eq!(seed["SN"].0, "1960-08-20");
    assert_eq!(seed["SY"].0, "1944-09-08");
    assert_eq!(seed["IQ"].0, "1930-01-09");
    assert_eq!(seed["CU"].0, "1902-05-19");
    // Italy existed before 1776 as Piedmont-Sardinia (data/states/identities.csv).
    assert_eq!(seed["IT"].0, "");
}

/// No first day is made up: each sovereign state's is a candidate that a source gives (the
/// Factbook's, a cited row of data/states/exact_dates.csv, the lists', the gazetteer's first
/// year) or open, with the rule that chose it in data/derived/state_first_days.csv.
#[test]
fn no_first_day_is_made_up() {
    let ws = Workspace::seeded();
    let exact: std::collections::HashMap<String, Row> = read_table("data/states/exact_dates.csv")
        .into_iter()
        .map(|r| (r["code"].clone(), r))
        .collect();
    let extra: std::collections::HashMap<String, String> =
        read_table("data/states/extra_states.csv")
            .into_iter()
            .map(|r| (r["code"].clone(), r["existed_from"].clone()))
            .collect();
    let table: std::collections::HashMap<String, Row> =
        read_table("data/derived/state_first_days.csv")
            .into_iter()
            .map(|r| (r["code"].clone(), r))
            .collect();
    let eras = sql(
        &ws,
        "SELECT s.code, coalesce(s.existed_from, '') AS existed_from, \
         coalesce((SELECT min(began_on) FROM state_eras e WHERE e.state = s.code), '') AS first \
         FROM states s WHERE s.sovereign = 1",
    );
    for row in &eras {
        let code = &row["code"];
        let from = &row["existed_from"];
        let candidates = table
            .get(code)
            .expect("every sovereign state is in the table");
        let cited = exact.get(code).map(|r| r["existed_from"].clone());
        let allowed = [
            Some(candidates["factbook_day"].clone()),
            cited,
            Some(candidates["gw_first"].clone()),
            Some(candidates["cow_first"].clone()),
            Some(row["first"].clone()),
            extra.get(code).cloned(),
        ];
        assert!(
            from.is_empty() || allowed.iter().flatten().any(|a| a == from),
            "{code}: {from} is no source's day ({candidates:?})"
        );
        assert!(!candidates["rule"].is_empty(), "{code}");
    }
}
