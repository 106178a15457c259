//! "Missions": the missions each of the pair keeps in the other, and since when.

use super::super::facts::Mission;
use super::super::words::{article, humanize};
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

    fn mission_sentence(&self, m: &Mission) -> String {
        let kind = humanize(&m.kind);
        let a = article(&kind);
        let sender = &m.sending_name;
        let place = match &m.city {
            Some(city) => format!("{city}, {}", m.receiving_name),
            None => m.receiving_name.clone(),
        };
        let closed = m.closed_on.as_deref().filter(|d| self.happened(d));
        match (m.opened_on.as_deref(), closed) {
            (Some(opened), None) => format!(
                "{sender} has had {a} {kind} in {place} since {}.",
                dates::display(opened)
            ),
            (Some(opened), Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} from {} until {}.",
                dates::display(opened),
                dates::display(closed)
            ),
            (None, None) => {
                format!("{sender} has {a} {kind} in {place}; when it opened is not recorded.")
            }
            (None, Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} until {}.",
                dates::display(closed)
            ),
        }
    }
}
