//! "Missions": the missions each of the pair keeps in the other, and since when; a mission
//! with a recorded history is told through it ("opened a legation in Havana, Cuba, in 1902,
//! raised it to an embassy in 1923, closed it on 4 January 1961...").

use super::super::facts::{Mission, MissionEvent};
use super::super::words::{article, capitalize, humanize, in_text, join_list, on};
use super::super::{Section, Statement};
use super::{list, section, Writer};
use crate::dates;

impl Writer<'_> {
    pub(super) fn missions(&mut self) -> Option<Section> {
        let facts = self.facts;
        let items: Vec<Vec<Statement>> = facts
            .missions
            .iter()
            .map(|m| {
                let events: Vec<&MissionEvent> = facts
                    .mission_events
                    .iter()
                    .filter(|e| e.mission_id == m.id)
                    .collect();
                if events.is_empty() {
                    let text = self.mission_sentence(m);
                    return vec![self.said_text(text, [m.source_id])];
                }
                // A closing written on the row alone (by hand, say) is told as well.
                let closed = m
                    .closed_on
                    .as_deref()
                    .filter(|d| self.happened(d))
                    .filter(|_| !events.iter().any(|e| e.event == "closed"));
                let text = mission_history(m, &events, closed);
                let sources = events.iter().map(|e| e.source_id);
                vec![self.said_text(text, sources.chain([m.source_id]))]
            })
            .collect();
        section("missions", "Missions", list(items))
    }

    /// In the past tense: a source tells when a mission opened, not that it is open today.
    fn mission_sentence(&self, m: &Mission) -> String {
        let kind = humanize(&m.kind);
        let a = article(&kind);
        let sender = capitalize(&in_text(&m.sending_name));
        // "in Dushanbe, Tajikistan, on 13 March 1992": the city's state is set off by commas.
        let comma = if m.city.is_some() { "," } else { "" };
        let place = format!("{}{comma}", mission_place(m));
        let closed = m.closed_on.as_deref().filter(|d| self.happened(d));
        match (m.opened_on.as_deref(), closed) {
            (Some(opened), None) => {
                format!("{sender} opened {a} {kind} in {place} {}.", on(opened))
            }
            (Some(opened), Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} from {} until {}.",
                dates::display(opened),
                dates::display(closed)
            ),
            (None, None) => match self.known_on(m.source_id) {
                Some(known) => format!(
                    "{sender} had {a} {kind} in {place} as of {}; when it opened is not recorded.",
                    dates::display(&known)
                ),
                None => {
                    format!("{sender} had {a} {kind} in {place}; when it opened is not recorded.")
                }
            },
            (None, Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} until {}.",
                dates::display(closed)
            ),
        }
    }
}

/// Where a mission is: `Dushanbe, Tajikistan`, or the receiving state alone.
pub(super) fn mission_place(m: &Mission) -> String {
    let state = in_text(&m.receiving_name);
    match &m.city {
        Some(city) => format!("{city}, {state}"),
        None => state,
    }
}

/// A mission's life in one sentence, from its events in order: "The United States opened a
/// legation in Havana, Cuba, in 1902, raised it to an embassy in 1923, and closed it on 4
/// January 1961."
fn mission_history(m: &Mission, events: &[&MissionEvent], closed: Option<&str>) -> String {
    let sender = capitalize(&in_text(&m.sending_name));
    let state = in_text(&m.receiving_name);
    let (first, rest) = match events.split_first() {
        Some((first, rest)) if first.event == "opened" => (Some(*first), rest),
        _ => (None, events),
    };
    // The kind and city it opened as; without an opening, the ones the row gives.
    let kind = humanize(first.and_then(|e| e.kind.as_deref()).unwrap_or(&m.kind));
    let city = first.and_then(|e| e.city.as_deref()).or(m.city.as_deref());
    let place = match city {
        Some(city) => format!("{city}, {state},"),
        None => state,
    };
    let a = article(&kind);
    let opening = match first {
        Some(e) => format!("opened {a} {kind} in {place} {}", on(&e.occurred_on)),
        None => format!("kept {a} {kind} in {place}")
            .trim_end_matches(',')
            .to_string(),
    };
    let mut clauses = vec![opening];
    clauses.extend(rest.iter().map(|e| change_clause(e)));
    clauses.extend(closed.map(|d| format!("closed it {}", on(d))));
    format!("{sender} {}.", join_list(&clauses))
}

/// What one event did to the mission: "raised it to an embassy in 1923".
fn change_clause(e: &MissionEvent) -> String {
    let when = on(&e.occurred_on);
    let as_kind = |verb: &str| match e.kind.as_deref() {
        Some("interests_section") => format!(
            "{verb} it as an interests section{} {when}",
            under(e.protecting_state_name.as_deref())
        ),
        Some(kind) => {
            let kind = humanize(kind);
            format!("{verb} it as {} {kind} {when}", article(&kind))
        }
        None => format!("{verb} it {when}"),
    };
    match e.event.as_str() {
        "raised" | "lowered" => {
            let verb = if e.event == "raised" {
                "raised"
            } else {
                "reduced"
            };
            match e.kind.as_deref().map(humanize) {
                Some(kind) => format!("{verb} it to {} {kind} {when}", article(&kind)),
                None => format!("{verb} it in rank {when}"),
            }
        }
        "moved" => match e.city.as_deref() {
            Some(city) => format!("moved it to {city} {when}"),
            None => format!("moved it {when}"),
        },
        "suspended" => format!("suspended its work {when}"),
        "closed" => format!("closed it {when}"),
        "reopened" => as_kind("reopened"),
        "opened" => as_kind("opened"),
        "protecting_power" => format!(
            "placed its interests{} {when}",
            under(e.protecting_state_name.as_deref())
        ),
        other => format!("{} {when}", humanize(other)),
    }
}

/// " under the protection of Switzerland", where the protecting power is known.
fn under(protecting: Option<&str>) -> String {
    protecting
        .map(|name| format!(" under the protection of {}", in_text(name)))
        .unwrap_or_default()
}

/// The mission's kind on `date`: that of its last event on or before it that gives one (a
/// legation raised to an embassy was a legation when it opened), or else the row's.
pub(super) fn kind_on(m: &Mission, events: &[MissionEvent], date: &str) -> String {
    events
        .iter()
        .filter(|e| e.mission_id == m.id && dates::on_or_before(&e.occurred_on, date))
        .filter_map(|e| e.kind.clone())
        .next_back()
        .unwrap_or_else(|| m.kind.clone())
}
