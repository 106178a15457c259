//! "Missions": the missions each of the pair keeps in the other, and since when; a mission
//! with a recorded history is told through it ("opened a legation in Havana, Cuba, in 1902,
//! raised it to an embassy in 1923, closed it on 4 January 1961...").

use super::super::facts::{inferred, Mission, MissionEvent};
use super::super::words::{article, capitalize, counted, humanize, in_text, join_list, on};
use super::super::{Section, Statement};
use super::{group_by, list, section, Writer};
use crate::dates;

/// More consular posts of one state than this are counted in the body and listed in an annex
/// (the United States kept two dozen in Cuba between 1797 and 1961).
pub(super) const CONSULAR_POSTS_IN_BODY: usize = 6;

const ANNEX_ID: &str = "annex-consular-posts";
const ANNEX_HEADING: &str = "Annex: consular posts";

/// The kinds of post that serve consular relations, which outlast a break of diplomatic ones.
const CONSULAR_KINDS: [&str; 5] = [
    "consulate_general",
    "consulate",
    "vice_consulate",
    "consular_agency",
    "honorary_consulate",
];

/// "consulates", "consular agencies", "consulates general".
fn plural(kind: &str) -> String {
    if let Some(head) = kind.strip_suffix(" general") {
        return format!("{}s general", head);
    }
    match kind.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{kind}s"),
    }
}

/// Whether a mission is a consular post.
pub(super) fn is_consular(m: &Mission) -> bool {
    CONSULAR_KINDS.contains(&m.kind.as_str())
}

impl Writer<'_> {
    /// Whether the consular posts of some state of the pair are many enough to go to the annex;
    /// the chronology then leaves their openings and closings out too.
    pub(super) fn consular_posts_annexed(&self) -> bool {
        let consular: Vec<&Mission> = self
            .facts
            .missions
            .iter()
            .filter(|m| is_consular(m))
            .collect();
        group_by(&consular, |m| m.sending_name.clone())
            .iter()
            .any(|posts| posts.len() > CONSULAR_POSTS_IN_BODY)
    }

    pub(super) fn missions(&mut self) -> Option<Section> {
        let facts = self.facts;
        let annexed = self.consular_posts_annexed();
        let (consular, diplomatic): (Vec<&Mission>, Vec<&Mission>) = facts
            .missions
            .iter()
            .partition(|m| annexed && is_consular(m));
        let mut items: Vec<Vec<Statement>> = Vec::new();
        for m in &diplomatic {
            items.push(self.mission_item(m));
        }
        for posts in group_by(&consular, |m| m.sending_name.clone()) {
            items.push(vec![self.consular_summary(&posts)]);
        }
        let mut annex: Vec<Vec<Statement>> = Vec::new();
        for m in &consular {
            annex.push(self.mission_item(m));
        }
        if !annex.is_empty() {
            self.annexes
                .extend(section(ANNEX_ID, ANNEX_HEADING, list(annex)));
        }
        section("missions", "Missions", list(items))
    }

    /// "The United States opened 24 consular posts in Cuba from 1797 to 1917 (9 consulates and
    /// 15 consular agencies), each listed in the annex (Annex: consular posts)."
    fn consular_summary(&mut self, posts: &[&&Mission]) -> Statement {
        let first = posts[0];
        let sender = capitalize(&in_text(&first.sending_name));
        let state = in_text(&first.receiving_name);
        let mut openings: Vec<&str> = posts
            .iter()
            .filter_map(|m| m.opened_on.as_deref())
            .collect();
        openings.sort_unstable();
        let years = match (openings.first(), openings.last()) {
            (Some(a), Some(b)) if a[..4] != b[..4] => format!(" from {} to {}", &a[..4], &b[..4]),
            (Some(a), _) => format!(" in {}", &a[..4]),
            _ => String::new(),
        };
        let kinds: Vec<String> = group_by(posts, |m| m.kind.clone())
            .iter()
            .map(|group| {
                let kind = humanize(&group[0].kind);
                counted(group.len(), &kind, &plural(&kind))
            })
            .collect();
        let open = posts.iter().filter(|m| m.closed_on.is_none()).count();
        let still = match open {
            0 => " All were closed again.".to_string(),
            n => format!(
                " {} recorded with no closing.",
                capitalize(&counted(n, "is", "are"))
            ),
        };
        let text = format!(
            "{sender} opened {} in {state}{years} ({}), each listed in the annex ({ANNEX_HEADING}).{still}",
            counted(posts.len(), "consular post", "consular posts"),
            join_list(&kinds),
        );
        self.said_text(text, posts.iter().map(|m| m.source_id))
    }

    /// One mission in a sentence: its history where it has one, else its row.
    fn mission_item(&mut self, m: &Mission) -> Vec<Statement> {
        let events: Vec<&MissionEvent> = self
            .facts
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
    }

    /// Whether the mission is a post older than its state, which reldb takes to be the state's
    /// from its first day (an inferred mission with no event of its own).
    pub(super) fn older_than_its_state(&self, m: &Mission) -> bool {
        let facts = self.facts;
        facts.inferred_missions.iter().any(|i| i.mission_id == m.id)
            && !facts.mission_events.iter().any(|e| e.mission_id == m.id)
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
            (None, None) if self.older_than_its_state(m) => format!(
                "{sender} probably kept {a} {kind} in {place} from the day {} came into \
                 being: the post opened before then.",
                in_text(&m.receiving_name)
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
    // The kind and city it opened as; without an opening, the row's kind unless a later event
    // made it that (a legation raised to an embassy is no embassy before): then "a mission".
    let made_later = rest.iter().any(|e| e.kind.as_deref() == Some(&m.kind));
    let kind = match first.and_then(|e| e.kind.as_deref()) {
        Some(kind) => humanize(kind),
        None if made_later => "mission".to_string(),
        None => humanize(&m.kind),
    };
    let city = first.and_then(|e| e.city.as_deref()).or(m.city.as_deref());
    let place = match city {
        Some(city) => format!("{city}, {state},"),
        None => state,
    };
    let a = article(&kind);
    let opening = match first {
        Some(e) => format!("{}opened {a} {kind} in {place} {}", probably(e), when(e)),
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
    format!("{}{}", probably(e), change_words(e))
}

/// "probably " before what reldb infers rather than reads (a closing at a break of relations).
fn probably(e: &MissionEvent) -> &'static str {
    if inferred(&e.basis) {
        "probably "
    } else {
        ""
    }
}

/// "on 3 January 1961", "on or about 3 January 1961", "in 1902", "around 1902".
fn when(e: &MissionEvent) -> String {
    match (e.approximate, e.occurred_on.len()) {
        (false, _) => on(&e.occurred_on),
        (true, 10) => format!("on or about {}", dates::display(&e.occurred_on)),
        (true, _) => format!("around {}", dates::display(&e.occurred_on)),
    }
}

fn change_words(e: &MissionEvent) -> String {
    let when = when(e);
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

/// What happened to a mission on one day, in a sentence without its date, for the chronology:
/// "The United States raised its mission in Cuba to an embassy."; `event` is the mission
/// event's name (`opened`, `raised`...), `e` the event where the mission has a history.
pub(super) fn mission_act(
    m: &Mission,
    events: &[MissionEvent],
    event: &str,
    e: Option<&MissionEvent>,
    date: &str,
) -> String {
    let sender = capitalize(&in_text(&m.sending_name));
    let place = mission_place(m);
    let state = in_text(&m.receiving_name);
    let maybe = e.map(probably).unwrap_or_default();
    let kind = humanize(&kind_on(m, events, date));
    let to_kind = e.and_then(|e| e.kind.as_deref()).map(humanize);
    // An opening that names no kind, of a mission a later act made what the row says, opened
    // as something less: "a mission".
    let raised_later = events.iter().any(|x| {
        x.mission_id == m.id && x.occurred_on.as_str() > date && x.kind.as_deref() == Some(&m.kind)
    });
    let opened_as = match e.and_then(|e| e.kind.as_deref()) {
        Some(k) => humanize(k),
        None if raised_later => "mission".to_string(),
        None => kind.clone(),
    };
    let done = match event {
        "opened" => format!("opened {} {opened_as} in {place}", article(&opened_as)),
        "raised" | "lowered" => {
            let verb = if event == "raised" {
                "raised"
            } else {
                "reduced"
            };
            match to_kind {
                // "in Moscow, Russia, to an embassy": the city's state set off by commas.
                Some(k) if m.city.is_some() => {
                    format!("{verb} its mission in {place}, to {} {k}", article(&k))
                }
                Some(k) => format!("{verb} its mission in {place} to {} {k}", article(&k)),
                None => format!("{verb} its mission in {place} in rank"),
            }
        }
        "moved" => match e.and_then(|e| e.city.as_deref()) {
            Some(city) => format!("moved its {kind} in {state} to {city}"),
            None => format!("moved its {kind} in {state} to another city"),
        },
        "suspended" => format!("suspended the work of its {kind} in {place}"),
        "protecting_power" => format!(
            "placed its interests in {state}{}",
            under(e.and_then(|e| e.protecting_state_name.as_deref()))
        ),
        "reopened" => format!("reopened its {kind} in {place}"),
        _ => format!("closed its {kind} in {place}"),
    };
    format!("{sender} {maybe}{done}.")
}
