//! "Diplomatic relations": the pair's relations as a history, from the acts recorded in
//! relation_events: recognition and establishment, then each break and return in order
//! ("relations were severed on 3 January 1961 and resumed on 20 July 2015"), each act in the
//! manner the source words it.

use super::super::facts::RelationEvent;
use super::super::words::{capitalize, join_list, manner};
use super::super::{Block, Section};
use super::{section, Writer};
use crate::dates;

impl Writer<'_> {
    pub(super) fn relations(&mut self) -> Option<Section> {
        let story = self.relation_story(&self.facts.relation_events);
        if story.is_empty() {
            return None;
        }
        // One paragraph: the acts read as one story, cited once.
        let (sentences, sources): (Vec<String>, Vec<Vec<Option<i64>>>) = story.into_iter().unzip();
        let text = sentences.join(" ");
        let paragraph = Block::Paragraph(self.said_text(text, sources.into_iter().flatten()));
        section("relations", "Diplomatic relations", vec![paragraph])
    }

    /// The sentences of the story, each with the sources of its acts: the opening acts, and
    /// every run of breaks and returns as one sentence.
    fn relation_story(&self, events: &[RelationEvent]) -> Vec<(String, Vec<Option<i64>>)> {
        let mut story = Vec::new();
        let mut changes: Vec<&RelationEvent> = Vec::new();
        let mut established = false;
        for e in events {
            let opening = match e.event.as_str() {
                "recognition" => Some(self.recognition_sentence(e)),
                "establishment" if !established => Some(self.establishment_sentence(e)),
                "other" => Some(other_sentence(e)),
                _ => None,
            };
            established |= e.event == "establishment";
            match opening {
                Some(text) => {
                    story.extend(self.changes_sentence(&changes));
                    changes.clear();
                    story.push((text, vec![e.source_id]));
                }
                None => changes.push(e),
            }
        }
        story.extend(self.changes_sentence(&changes));
        story
    }

    /// "The United States recognised Cuba on 20 May 1902."
    fn recognition_sentence(&self, e: &RelationEvent) -> String {
        self.recognition_told(e, &when(e))
    }

    /// A recognition told with `when` (" on 20 May 1902"), or with none where the date stands
    /// before the sentence, as in the chronology: the same words in every section.
    pub(super) fn recognition_told(&self, e: &RelationEvent, when: &str) -> String {
        let whom = |other: &str| match e.recognition_of.as_deref() {
            Some("government") => format!("the government of {other}"),
            _ => other.to_string(),
        };
        let how = e.manner.as_deref().map(act_manner).unwrap_or_default();
        let (a, b) = (&self.state, &self.partner);
        match e.acting_state.as_deref() {
            Some(code) => {
                let (actor, other) = if code == a.code { (a, b) } else { (b, a) };
                let actor = capitalize(&actor.name);
                format!("{actor} recognised {}{when}{how}.", whom(&other.name))
            }
            None if e.mutual => {
                let pair = capitalize(&format!("{} and {}", a.name, b.name));
                format!("{pair} recognised each other{when}{how}.")
            }
            None => format!(
                "Recognition between {} and {} is recorded{when}{how}.",
                a.name, b.name
            ),
        }
    }

    /// "Tajikistan and Azerbaijan established diplomatic relations on 29 May 1992 by an
    /// exchange of notes."
    fn establishment_sentence(&self, e: &RelationEvent) -> String {
        let pair = capitalize(&format!("{} and {}", self.state.name, self.partner.name));
        let how = e.manner.as_deref().map(act_manner).unwrap_or_default();
        if e.occurred_on.is_some() {
            return format!("{pair} established diplomatic relations{}{how}.", when(e));
        }
        // Past tense at the date the source knew them by: it reported them then, not now.
        match self.known_on(e.source_id) {
            Some(known) => format!(
                "{pair} had diplomatic relations{how} as of {}; when they were established is \
                 not recorded.",
                dates::display(&known)
            ),
            None => format!(
                "{pair} had diplomatic relations{how}; when they were established is not \
                 recorded."
            ),
        }
    }

    /// "Relations were severed by the United States on 3 January 1961 and resumed on 20 July
    /// 2015." for a run of breaks and returns; none for an empty run.
    fn changes_sentence(&self, changes: &[&RelationEvent]) -> Option<(String, Vec<Option<i64>>)> {
        if changes.is_empty() {
            return None;
        }
        let clauses: Vec<String> = changes.iter().map(|e| self.change_clause(e)).collect();
        let text = format!("Relations were {}.", join_list(&clauses));
        Some((text, changes.iter().map(|e| e.source_id).collect()))
    }

    /// "severed by the United States on 3 January 1961".
    fn change_clause(&self, e: &RelationEvent) -> String {
        let verb = match e.event.as_str() {
            "severance" => "severed",
            "suspension" => "suspended",
            "interruption" => "interrupted",
            "termination" => "ended",
            "resumption" => "resumed",
            "reestablishment" => "re-established",
            "establishment" => "established again",
            other => other,
        };
        let by = match e.acting_state.as_deref() {
            Some(code) if code == self.state.code => format!(" by {}", self.state.name),
            Some(_) => format!(" by {}", self.partner.name),
            None => String::new(),
        };
        let how = e.manner.as_deref().map(act_manner).unwrap_or_default();
        format!("{verb}{by}{}{how}", when(e))
    }
}

impl Writer<'_> {
    /// One act in a sentence without its date, for the chronology that dates it: "The United
    /// States recognised Cuba.", "Relations were severed by the United States."
    pub(super) fn act_sentence(&self, e: &RelationEvent) -> String {
        let dateless = RelationEvent {
            occurred_on: None,
            ..e.clone()
        };
        match e.event.as_str() {
            "recognition" => self.recognition_sentence(&dateless),
            "establishment" => {
                let pair = capitalize(&format!("{} and {}", self.state.name, self.partner.name));
                let how = e.manner.as_deref().map(act_manner).unwrap_or_default();
                format!("{pair} established diplomatic relations{how}.")
            }
            "other" => other_sentence(&dateless),
            _ => format!("Relations were {}.", self.change_clause(&dateless)),
        }
    }
}

/// A milestone the source lists that is none of the kinds: its heading, with its date.
fn other_sentence(e: &RelationEvent) -> String {
    let what = e.summary.as_deref().unwrap_or("A further act is recorded");
    let what = without_trailing_year(what.trim_end_matches('.'));
    format!("{}{}.", capitalize(what), when(e))
}

/// A heading without the year it ends with ("..., 1977" or "..., 1961-1977"), since the
/// sentence gives the date.
fn without_trailing_year(heading: &str) -> &str {
    let Some((head, tail)) = heading.rsplit_once(", ") else {
        return heading;
    };
    let is_year = |t: &str| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    let years = tail.split(['-', '–']).all(is_year);
    if years && !tail.is_empty() {
        head
    } else {
        heading
    }
}

/// " on 3 January 1961", " on or about 16 June 1844", " in 1902", " around 1844", or nothing
/// for an act the source does not date.
fn when(e: &RelationEvent) -> String {
    match (&e.occurred_on, e.approximate) {
        (None, _) => String::new(),
        (Some(date), false) if date.len() == 10 => format!(" on {}", dates::display(date)),
        (Some(date), false) => format!(" in {}", dates::display(date)),
        (Some(date), true) if date.len() == 10 => format!(" on or about {}", dates::display(date)),
        (Some(date), true) => format!(" around {}", dates::display(date)),
    }
}

/// The manner of an act in the source's terms, to follow its verb and date: "announced in a
/// press statement" reads ", as announced in a press statement", "presented his credentials"
/// reads ", when the envoy presented his credentials", and the rest as [`manner`] writes them.
pub(super) fn act_manner(how: &str) -> String {
    let how = how.trim();
    let lower = how.to_lowercase();
    if lower.starts_with("announced") {
        return format!(", as {how}");
    }
    // "signed the treaty" (the Treaty of Paris, 1783): the act was done by signing it.
    if let Some(what) = lower.strip_prefix("signed ") {
        return format!(" by signing {}", &how[how.len() - what.len()..]);
    }
    if lower.starts_with("presented") {
        return format!(", when the envoy {how}");
    }
    if lower.contains("credentials") {
        return ", when the envoy presented credentials".to_string();
    }
    manner(how)
}
