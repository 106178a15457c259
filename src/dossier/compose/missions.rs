//! "Missions": the missions each of the pair keeps in the other, and since when.

use super::super::facts::Mission;
use super::super::words::{article, capitalize, humanize, in_text, on};
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
                let text = self.mission_sentence(m);
                vec![self.said_text(text, [m.source_id])]
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
