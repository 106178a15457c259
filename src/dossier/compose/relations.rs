//! "Diplomatic relations": when and how the pair established them, and whether they were
//! broken off.

use super::super::facts::Relation;
use super::super::words::{capitalize, manner, on};
use super::super::{Block, Section};
use super::{section, Writer};
use crate::dates;

impl Writer<'_> {
    pub(super) fn relations(&mut self) -> Option<Section> {
        let facts = self.facts;
        let blocks: Vec<Block> = facts
            .relations
            .iter()
            .map(|r| {
                let text = self.relation_sentence(r);
                Block::Paragraph(self.said_text(text, [r.source_id]))
            })
            .collect();
        section("relations", "Diplomatic relations", blocks)
    }

    fn relation_sentence(&self, r: &Relation) -> String {
        let pair = capitalize(&format!("{} and {}", self.state.name, self.partner.name));
        let how = r.established_by.as_deref().map(manner).unwrap_or_default();
        let mut text = match &r.established_on {
            Some(date) => format!("{pair} established diplomatic relations {}{how}.", on(date)),
            // Past tense at the date the source knew them by: it reported them then, not now.
            None => match self.known_on(r.source_id) {
                Some(known) => format!(
                    "{pair} had diplomatic relations{how} as of {}; when they were established \
                     is not recorded.",
                    dates::display(&known)
                ),
                None => format!(
                    "{pair} had diplomatic relations{how}; when they were established is not \
                     recorded."
                ),
            },
        };
        if let Some(severed) = r.severed_on.as_deref().filter(|d| self.happened(d)) {
            text.push_str(&format!(" They were broken off {}.", on(severed)));
        }
        text
    }
}
