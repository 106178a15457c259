//! The brief tells relations and missions as histories (issue 13): recognition and
//! establishment, a break and a return, a legation raised to an embassy, closed, kept as an
//! interests section under a protecting power and reopened, heads of mission; with `--as-of`
//! only what was true then. Fixtures built through the real binary (`reldb add`) on a fresh
//! database: the US–Cuba and US–Tajikistan facts of the Office of the Historian's guide.

use crate::common::Workspace;

const GUIDE: &str = "A Guide to the United States' History of Recognition, Diplomatic, and \
                     Consular Relations, by Country, since 1776";

/// `reldb add TABLE COLUMN=VALUE...` citing the guide; returns the new row's id.
fn add(ws: &Workspace, table: &str, values: &[&str]) -> String {
    let mut args = vec!["add", table];
    args.extend_from_slice(values);
    args.extend_from_slice(&["--source", GUIDE]);
    let output = ws.reldb().args(&args).output().expect("reldb runs");
    assert!(
        output.status.success(),
        "reldb {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    said.split_whitespace()
        .last()
        .expect("reldb says the new row's id")
        .to_string()
}

/// The US–CU and US–TJ histories, and seven US heads of mission in Havana.
fn history() -> Workspace {
    let ws = Workspace::seeded();
    // The fixture's facts alone: whatever history the seed holds goes first.
    for table in [
        "heads_of_mission",
        "people",
        "mission_events",
        "missions",
        "relation_events",
    ] {
        ws.stdout(&["-q", "sql", "--write", &format!("DELETE FROM {table}")]);
    }
    ws.stdout(&[
        "-q",
        "add",
        "sources",
        &format!("title={GUIDE}"),
        "publisher=Office of the Historian, U.S. Department of State",
        "address=https://history.state.gov/countries",
        "published_on=2024",
    ]);
    let cu = [
        "state_a=US state_b=CU event=recognition occurred_on=1902-05-20 acting_state=US recognition_of=state manner=presented his credentials",
        "state_a=US state_b=CU event=establishment occurred_on=1902-05-27 mutual=1 manner=exchange of notes",
        "state_a=US state_b=CU event=severance occurred_on=1961-01-03 acting_state=US",
        "state_a=US state_b=CU event=resumption occurred_on=2015-07-20 mutual=1",
        "state_a=US state_b=TJ event=recognition occurred_on=1991-12-25 acting_state=US recognition_of=state",
        "state_a=US state_b=TJ event=establishment occurred_on=1992-02-19 mutual=1 manner=announced in a press statement",
    ];
    for row in cu {
        add(&ws, "relation_events", &split(row));
    }
    let havana = add(
        &ws,
        "missions",
        &split("sending_state=US receiving_state=CU kind=embassy city=Havana opened_on=1902"),
    );
    for event in [
        "event=opened occurred_on=1902 kind=legation city=Havana",
        "event=raised occurred_on=1923 kind=embassy",
        "event=closed occurred_on=1961-01-04",
        "event=reopened occurred_on=1977-09-01 kind=interests_section protecting_state=CH",
        "event=raised occurred_on=2015-07-20 kind=embassy",
    ] {
        let mut values = split(event);
        let mission = format!("mission_id={havana}");
        values.push(&mission);
        add(&ws, "mission_events", &values);
    }
    let dushanbe = add(
        &ws,
        "missions",
        &split(
            "sending_state=US receiving_state=TJ kind=embassy city=Dushanbe opened_on=1992-03-13",
        ),
    );
    let mcwilliams = add(&ws, "people", &["name=Edmund McWilliams"]);
    add(
        &ws,
        "heads_of_mission",
        &[
            &format!("person_id={mcwilliams}"),
            "title=Chargé d'Affaires ad interim",
            "sending_state=US",
            "receiving_state=TJ",
            &format!("mission_id={dushanbe}"),
            "started_on=1992-03-13",
        ],
    );
    let terms = [
        ("Herbert G. Squiers", "1902-05-27", Some("1905-06")),
        ("Edwin V. Morgan", "1905-06-26", Some("1910")),
        ("Enoch H. Crowder", "1923-02-10", Some("1927")),
        ("Philip W. Bonsal", "1959-03-05", Some("1960-10-20")),
        ("Lyle Franklin Lane", "1977-09-01", Some("1979")),
        ("Jeffrey DeLaurentis", "2015-08-14", Some("2017-01-20")),
        ("Mike Hammer", "2024-11-01", None),
    ];
    for (name, started, ended) in terms {
        let person = add(&ws, "people", &[&format!("name={name}")]);
        let mut values = vec![
            format!("person_id={person}"),
            "title=Chief of Mission".to_string(),
            "sending_state=US".to_string(),
            "receiving_state=CU".to_string(),
            format!("mission_id={havana}"),
            format!("started_on={started}"),
        ];
        values.extend(ended.map(|e| format!("ended_on={e}")));
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        add(&ws, "heads_of_mission", &values);
    }
    ws
}

/// `column=value with spaces column=value` as separate arguments.
fn split(row: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = row
        .match_indices(' ')
        .filter(|(i, _)| {
            let rest = &row[i + 1..];
            let word = rest.split(' ').next().unwrap_or_default();
            word.contains('=')
                && word
                    .split('=')
                    .next()
                    .unwrap()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .map(|(i, _)| i + 1)
        .collect();
    starts.insert(0, 0);
    starts.push(row.len() + 1);
    starts
        .windows(2)
        .map(|w| row[w[0]..w[1] - 1].trim_end())
        .collect()
}

fn brief(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["-q", "dossier"];
    all.extend_from_slice(args);
    String::from_utf8(ws.stdout(&all)).expect("UTF-8")
}

/// The lines of one `## ` section, joined.
fn section(text: &str, heading: &str) -> String {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_relationship_is_told_with_its_break_and_return() {
    let ws = history();
    let text = brief(&ws, &["US", "CU"]);
    let relations = section(&text, "## Diplomatic relations");
    for expected in [
        "The United States recognised Cuba on 20 May 1902, when the envoy presented his credentials.",
        "The United States and Cuba established diplomatic relations on 27 May 1902 by an exchange of notes.",
        "Relations were severed by the United States on 3 January 1961 and resumed on 20 July 2015.",
    ] {
        assert!(relations.contains(expected), "missing: {expected}\nin:\n{relations}");
    }
    assert!(!text.contains("broken off"), "{text}");
}

#[test]
fn a_mission_is_told_through_its_changes_and_its_protecting_power() {
    let ws = history();
    let missions = section(&brief(&ws, &["US", "CU"]), "## Missions");
    let expected = "The United States opened a legation in Havana, Cuba, in 1902, raised it to \
                    an embassy in 1923, closed it on 4 January 1961, reopened it as an interests \
                    section under the protection of Switzerland on 1 September 1977, and raised \
                    it to an embassy on 20 July 2015.";
    assert!(missions.contains(expected), "{missions}");
}

#[test]
fn as_of_a_date_the_brief_tells_only_what_was_true_then() {
    let ws = history();
    let text = brief(&ws, &["US", "CU", "--as-of", "1970-01-01"]);
    let relations = section(&text, "## Diplomatic relations");
    assert!(
        relations.contains("Relations were severed by the United States on 3 January 1961."),
        "{relations}"
    );
    let missions = section(&text, "## Missions");
    assert!(
        missions.contains("raised it to an embassy in 1923, and closed it on 4 January 1961."),
        "{missions}"
    );
    for later in [
        "resumed",
        "interests section",
        "2015",
        "Switzerland",
        "Hammer",
    ] {
        assert!(!text.contains(later), "'{later}' is after 1970:\n{text}");
    }
    let heads = section(&text, "## Heads of mission");
    assert!(
        heads.contains(
            "- Philip W. Bonsal, Chief of Mission, from 5 March 1959 until 20 October 1960.\n"
        ),
        "{heads}"
    );
}

#[test]
fn a_recognition_alone_is_something_to_report() {
    let ws = history();
    let text = brief(&ws, &["US", "TJ", "--as-of", "1991-12-31"]);
    assert!(!text.contains("nothing to report"), "{text}");
    let relations = section(&text, "## Diplomatic relations");
    assert_eq!(
        relations.trim(),
        "The United States recognised Tajikistan on 25 December 1991.[^1]",
        "{text}"
    );
}

#[test]
fn the_manner_of_an_act_reads_in_its_own_words() {
    let ws = history();
    let relations = section(&brief(&ws, &["US", "TJ"]), "## Diplomatic relations");
    assert!(
        relations.contains(
            "The United States and Tajikistan established diplomatic relations on 19 February \
             1992, as announced in a press statement."
        ),
        "{relations}"
    );
    assert!(!relations.contains("by press statement"), "{relations}");
}

#[test]
fn a_single_head_of_mission_is_named_with_title_and_date() {
    let ws = history();
    let heads = section(&brief(&ws, &["US", "TJ"]), "## Heads of mission");
    assert!(
        heads.contains(
            "One head of the mission of the United States in Tajikistan is recorded: Edmund \
             McWilliams, Chargé d'Affaires ad interim, from 13 March 1992."
        ),
        "{heads}"
    );
}

#[test]
fn many_heads_of_mission_are_counted_with_the_first_and_current_and_listed_in_an_annex() {
    let ws = history();
    let text = brief(&ws, &["US", "CU"]);
    let heads = section(&text, "## Heads of mission");
    assert!(
        heads.contains(
            "Seven heads of the mission of the United States in Cuba are recorded: the first, \
             Herbert G. Squiers, Chief of Mission, from 27 May 1902 until June 1905; the \
             current, Mike Hammer, Chief of Mission, from 1 November 2024."
        ),
        "{heads}"
    );
    let annex = section(&text, "## Annex: heads of mission");
    for name in ["Squiers", "Crowder", "Lyle Franklin Lane", "Mike Hammer"] {
        assert!(annex.contains(name), "{name} not in the annex:\n{annex}");
    }
}

#[test]
fn a_few_heads_of_mission_are_listed_in_the_body_the_current_marked() {
    let ws = history();
    let person = add(&ws, "people", &["name=Stanley Tuemler Escudero"]);
    add(
        &ws,
        "heads_of_mission",
        &[
            &format!("person_id={person}"),
            "title=Ambassador Extraordinary and Plenipotentiary",
            "sending_state=US",
            "receiving_state=TJ",
            "started_on=1993-01-27",
            "started_how=Presented credentials",
        ],
    );
    let text = brief(&ws, &["US", "TJ"]);
    let heads = section(&text, "## Heads of mission");
    for expected in [
        "Two heads of the mission of the United States in Tajikistan are recorded:",
        "- Edmund McWilliams, Chargé d'Affaires ad interim, from 13 March 1992.",
        "- Stanley Tuemler Escudero, Ambassador Extraordinary and Plenipotentiary, from 27 \
         January 1993 (presented credentials), in office.",
    ] {
        assert!(
            heads.contains(expected),
            "missing: {expected}\nin:\n{heads}"
        );
    }
    assert!(!text.contains("Annex: heads of mission"), "{text}");
}

/// The seed's US–Cuba brief: the embassy's closing at the severance and the interests section
/// raised at the resumption are reldb's inferences and read as probable; the two dozen consular
/// posts are one sentence in the body, each in an annex, and one line of the chronology.
#[test]
fn the_seeds_cuba_brief_hedges_inferences_and_sums_up_consular_posts() {
    let ws = Workspace::seeded();
    let output = ws.reldb().args(["dossier", "US", "CU"]).output().unwrap();
    assert!(output.status.success());
    let brief = String::from_utf8(output.stdout).unwrap();
    assert!(
        brief.contains("probably closed it on or about 3 January 1961"),
        "{brief}"
    );
    assert!(
        brief.contains("opened an interests section in Cuba on 1 September 1977 and probably raised it to an embassy on or about 20 July 2015"),
        "{brief}"
    );
    // Cuba begins with its Republic, 1902-05-19 (the guide): the consulates of Spanish Cuba
    // from 1797 were no posts in Cuba the state.
    assert!(
        brief.contains("consular posts in Cuba from 1903 to"),
        "{brief}"
    );
    assert!(!brief.contains("from 1797"), "{brief}");
    assert!(brief.contains("## Annex: consular posts"), "{brief}");
    assert!(
        brief.contains("openings and closings of consular posts, listed in the annex."),
        "{brief}"
    );
    // No consular agency is told in the body's list of missions or the chronology.
    let body = brief.split("## Annex").next().unwrap();
    assert!(!body.contains("opened a consular agency"), "{body}");
}
