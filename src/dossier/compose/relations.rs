//! "Diplomatic relations": when and how the pair established them, and whether they were
//! broken off.

use super::super::facts::Relation;
use super::super::words::on;
use super::super::{Block, Section};
use super::{section, Writer};

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
        let (a, b) = (&self.state.name, &self.partner.name);
        let by = r
            .established_by
            .as_deref()
            .map(|how| format!(", by {how}"))
            .unwrap_or_default();
        let mut text = match &r.established_on {
            Some(date) => format!(
                "{a} and {b} established diplomatic relations {}{by}.",
                on(date)
            ),
            None => format!(
                "{a} and {b} have diplomatic relations{by}; when they were established is not \
                 recorded."
            ),
        };
        if let Some(severed) = r.severed_on.as_deref().filter(|d| self.happened(d)) {
            text.push_str(&format!(" They were broken off {}.", on(severed)));
        }
        text
    }
}
