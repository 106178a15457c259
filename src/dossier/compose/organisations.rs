//! "International organisations": those both of the pair belong to, with when each joined
//! and left where that is known.

use super::super::facts::Membership;
use super::super::words::{capitalize, in_text, on};
use super::super::{Block, Section};
use super::{group_by, section, Writer};
use crate::dates;

impl Writer<'_> {
    pub(super) fn organisations(&mut self) -> Option<Section> {
        let facts = self.facts;
        let groups = group_by(&facts.memberships, |m| m.organization.clone());
        if groups.is_empty() {
            return None;
        }
        let pair = capitalize(&format!("{} and {}", self.state.name, self.partner.name));
        // The latest date a source knew the memberships by: past tense, as of then.
        let known = facts
            .memberships
            .iter()
            .filter_map(|m| self.known_on(m.source_id))
            .max();
        let intro = match known {
            Some(date) => format!(
                "As of {}, {pair} were both members of these organisations:",
                dates::display(&date)
            ),
            None => format!("{pair} were both members of these organisations:"),
        };
        let intro = self.said_text(intro, facts.memberships.iter().map(|m| m.source_id));
        let items = groups
            .iter()
            .map(|rows| {
                let text = self.organisation_item(rows);
                vec![self.said_text(text, rows.iter().map(|m| m.source_id))]
            })
            .collect();
        section(
            "organisations",
            "International organisations",
            vec![Block::Paragraph(intro), Block::List(items)],
        )
    }

    fn organisation_item(&self, rows: &[&Membership]) -> String {
        let first = rows[0];
        let details: Vec<String> =
            rows.iter()
                .flat_map(|m| {
                    let joined = m.joined_on.as_deref().map(|d| {
                        format!("{} joined {}", capitalize(&in_text(&m.state_name)), on(d))
                    });
                    let left =
                        m.left_on.as_deref().filter(|d| self.happened(d)).map(|d| {
                            format!("{} left {}", capitalize(&in_text(&m.state_name)), on(d))
                        });
                    joined.into_iter().chain(left)
                })
                .collect();
        let name = format!("{} ({})", first.organization_name, first.organization);
        if details.is_empty() {
            name
        } else {
            format!("{name}: {}.", details.join("; "))
        }
    }
}
