//! The facts of the seed's own pair, Tajikistan–Azerbaijan, read from the seed CSV files and
//! not from the binary under test (a wrong query would otherwise pass both its own test and
//! the brief's): each table's rows of the pair, with the names that a brief writes beside the
//! codes, under the column names of the named queries.

use std::collections::HashMap;

use crate::common::{seed, Row};

/// The pair, in the order the seed writes it.
const PAIR: [&str; 2] = ["AZ", "TJ"];

fn of_pair(a: &str, b: &str) -> bool {
    a != b && PAIR.contains(&a) && PAIR.contains(&b)
}

/// code → name of a seed table with those two columns (states, organizations, sectors).
fn names(table: &str) -> HashMap<String, String> {
    seed(table)
        .into_iter()
        .map(|r| (r["code"].clone(), r["name"].clone()))
        .collect()
}

/// `row` with `column_name` set to the name of the state in `column`.
fn with_name(mut row: Row, column: &str, states: &HashMap<String, String>) -> Row {
    let name = states[&row[column]].clone();
    row.insert(format!("{column}_name"), name);
    row
}

/// The pair's sources by id: (title, date as written out).
pub fn sources() -> HashMap<String, (String, String)> {
    seed("sources")
        .into_iter()
        .map(|r| {
            let date = reldb::dates::display(&r["published_on"]);
            (r["id"].clone(), (r["title"].clone(), date))
        })
        .collect()
}

/// The pair's establishment of relations: `established_on`, `established_by`, `source_id`.
pub fn relations() -> Vec<Row> {
    seed("relation_events")
        .into_iter()
        .filter(|e| of_pair(&e["state_a"], &e["state_b"]) && e["event"] == "establishment")
        .map(|mut e| {
            let on = e["occurred_on"].clone();
            let by = e["manner"].clone();
            e.insert("established_on".into(), on);
            e.insert("established_by".into(), by);
            e
        })
        .collect()
}

/// The missions of one state of the pair in the other, with `sending_state_name` and
/// `receiving_state_name`.
pub fn missions() -> Vec<Row> {
    let states = names("states");
    seed("missions")
        .into_iter()
        .filter(|m| of_pair(&m["sending_state"], &m["receiving_state"]))
        .map(|m| {
            let m = with_name(m, "sending_state", &states);
            with_name(m, "receiving_state", &states)
        })
        .collect()
}

/// The memberships of both states in the organisations they share, with `organization_name`.
pub fn memberships() -> Vec<Row> {
    let organizations = names("organizations");
    let all = seed("memberships");
    let member = |organization: &str, state: &str| {
        all.iter()
            .any(|m| m["organization"] == organization && m["state"] == state)
    };
    all.iter()
        .filter(|m| PAIR.contains(&m["state"].as_str()))
        .filter(|m| PAIR.iter().all(|state| member(&m["organization"], state)))
        .map(|m| {
            let mut m = m.clone();
            let name = organizations[&m["organization"]].clone();
            m.insert("organization_name".into(), name);
            m
        })
        .collect()
}

/// The visits of either state to the other, with `visitor_state_name` and `host_state_name`.
pub fn visits() -> Vec<Row> {
    let states = names("states");
    seed("visits")
        .into_iter()
        .filter(|v| of_pair(&v["visitor_state"], &v["host_state"]))
        .map(|v| {
            let v = with_name(v, "visitor_state", &states);
            with_name(v, "host_state", &states)
        })
        .collect()
}

/// The agreements both states are party to.
pub fn agreements() -> Vec<Row> {
    let parties = seed("agreement_parties");
    let party = |agreement: &str, state: &str| {
        parties
            .iter()
            .any(|p| p["agreement_id"] == agreement && p["state"] == state)
    };
    seed("agreements")
        .into_iter()
        .filter(|a| PAIR.iter().all(|state| party(&a["id"], state)))
        .collect()
}

/// The pair's counts of its legal base.
pub fn legal_base() -> Vec<Row> {
    seed("agreement_counts")
        .into_iter()
        .filter(|c| of_pair(&c["state_a"], &c["state_b"]))
        .collect()
}

/// The pair's cooperation, with `sector_name` and `sphere`.
pub fn cooperation() -> Vec<Row> {
    let sectors: HashMap<String, Row> = seed("sectors")
        .into_iter()
        .map(|s| (s["code"].clone(), s))
        .collect();
    seed("cooperation")
        .into_iter()
        .filter(|c| of_pair(&c["state_a"], &c["state_b"]))
        .map(|mut c| {
            let sector = &sectors[&c["sector"]];
            c.insert("sector_name".into(), sector["name"].clone());
            c.insert("sphere".into(), sector["sphere"].clone());
            c
        })
        .collect()
}

/// Sector code → name, spheres included.
pub fn sector_names() -> HashMap<String, String> {
    names("sectors")
}

/// The pair's dated events, as the brief's chronology and timeline show them: `date`, `event`,
/// `record_table`, `record_id`, `source_id`. A mission with events of its own is told by
/// them, one without by its opening and closing dates (the rule of views/report_timeline.sql).
pub fn timeline() -> Vec<Row> {
    let mut events = Vec::new();
    let mut add = |date: &str, event: &str, table: &str, id: &str, source: &str| {
        if !date.is_empty() {
            events.push(Row::from([
                ("date".into(), date.into()),
                ("event".into(), event.into()),
                ("record_table".into(), table.into()),
                ("record_id".into(), id.into()),
                ("source_id".into(), source.into()),
            ]));
        }
    };
    for e in seed("relation_events")
        .iter()
        .filter(|e| of_pair(&e["state_a"], &e["state_b"]))
    {
        let event = match e["event"].as_str() {
            "recognition" => "recognition".to_string(),
            "establishment" => "relations_established".to_string(),
            "reestablishment" => "relations_reestablished".to_string(),
            "resumption" => "relations_resumed".to_string(),
            "severance" => "relations_severed".to_string(),
            "suspension" => "relations_suspended".to_string(),
            "interruption" => "relations_interrupted".to_string(),
            "termination" => "relations_terminated".to_string(),
            _ => "relations_other".to_string(),
        };
        let (date, id, source) = (&e["occurred_on"], &e["id"], &e["source_id"]);
        add(date, &event, "relation_events", id, source);
    }
    let mission_events = seed("mission_events");
    for m in missions() {
        let own: Vec<&Row> = mission_events
            .iter()
            .filter(|e| e["mission_id"] == m["id"])
            .collect();
        for e in &own {
            let event = format!("mission_{}", e["event"]);
            add(
                &e["occurred_on"],
                &event,
                "missions",
                &m["id"],
                &e["source_id"],
            );
        }
        if own.is_empty() {
            add(
                &m["opened_on"],
                "mission_opened",
                "missions",
                &m["id"],
                &m["source_id"],
            );
            add(
                &m["closed_on"],
                "mission_closed",
                "missions",
                &m["id"],
                &m["source_id"],
            );
        }
    }
    for v in visits() {
        add(
            &v["start_date"],
            "visit",
            "visits",
            &v["id"],
            &v["source_id"],
        );
    }
    for a in agreements() {
        let (id, source) = (&a["id"], &a["source_id"]);
        add(
            &a["signed_on"],
            "agreement_signed",
            "agreements",
            id,
            source,
        );
        add(
            &a["in_force_on"],
            "agreement_in_force",
            "agreements",
            id,
            source,
        );
    }
    for c in legal_base() {
        let (id, source) = (&c["id"], &c["source_id"]);
        add(
            &c["as_of"],
            "legal_base_counted",
            "agreement_counts",
            id,
            source,
        );
    }
    events
}
