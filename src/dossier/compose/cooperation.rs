//! "Cooperation" (priority sectors, then lines of cooperation by sphere) and "Trade" (the lines
//! of the trade sector, which get a section of their own).

use super::super::facts::Cooperation;
use super::super::words::{capitalize, counted, join_list, lower_first};
use super::super::{Block, Section, Span};
use super::visits::visit_phrase;
use super::{group_by, list, section, sphere_rank, Writer};
use crate::dates;

/// The label of a line of cooperation of a whole sphere, under the sphere's heading.
const SPHERE_LABEL: &str = "In general";

/// The sector whose lines of cooperation get a section of their own.
const TRADE: &str = "trade";

/// The kind of line that names a priority sector rather than describing cooperation.
const PRIORITY: &str = "priority_sector";

impl Writer<'_> {
    pub(super) fn cooperation(&mut self) -> Option<Section> {
        let facts = self.facts;
        let rows = &facts.cooperation;
        let mut blocks = Vec::new();
        let priorities: Vec<&Cooperation> = rows.iter().filter(|c| c.kind == PRIORITY).collect();
        if !priorities.is_empty() {
            blocks.push(Block::Subheading("Priority sectors".into()));
            for group in group_by(&priorities, |c| (c.sphere.clone(), c.as_of.clone())) {
                let text = self.priorities_sentence(&group);
                let statement = self.said_text(text, group.iter().map(|c| c.source_id));
                blocks.push(Block::Paragraph(statement));
            }
        }
        let others: Vec<&Cooperation> = rows
            .iter()
            .filter(|c| c.kind != PRIORITY && c.sector != TRADE)
            .collect();
        let mut spheres = group_by(&others, |c| c.sphere.clone());
        spheres.sort_by_key(|group| sphere_rank(&group[0].sphere));
        for mut group in spheres {
            blocks.push(Block::Subheading(facts.sector_name(&group[0].sphere)));
            group.sort_by_key(|c| kind_rank(&c.kind));
            let items = group
                .iter()
                .map(|c| {
                    let text = format!(": {}.", self.cooperation_text(c));
                    let label = if c.sector == c.sphere {
                        SPHERE_LABEL.to_string()
                    } else {
                        c.sector_name.clone()
                    };
                    let spans = vec![Span::Label(label), Span::Text(text)];
                    vec![self.said(spans, [c.source_id])]
                })
                .collect();
            blocks.push(Block::List(items));
        }
        section("cooperation", "Cooperation", blocks)
    }

    fn priorities_sentence(&self, group: &[&&Cooperation]) -> String {
        let names: Vec<String> = group.iter().map(|c| lower_first(&c.sector_name)).collect();
        let sphere = lower_first(&self.facts.sector_name(&group[0].sphere));
        let verb = if names.len() == 1 {
            "is named a priority"
        } else {
            "are named priorities"
        };
        let subject = counted(names.len(), "sector", "sectors");
        let sentence = format!("{subject} {verb} of {sphere}: {}.", join_list(&names));
        match &group[0].as_of {
            Some(date) => format!("As of {}, {sentence}", dates::display(date)),
            None => capitalize(&sentence),
        }
    }

    /// A line of cooperation's summary with when and where it was stated or agreed.
    fn cooperation_text(&self, c: &Cooperation) -> String {
        let when = match (c.kind.as_str(), self.visit(c.visit_id), &c.as_of) {
            ("agreed_direction", Some(v), _) => {
                Some(format!("agreed during the {}", visit_phrase(v, false)))
            }
            ("agreed_direction", None, Some(date)) => {
                Some(format!("agreed direction, {}", dates::display(date)))
            }
            ("agreed_direction", None, None) => Some("agreed direction".to_string()),
            (_, Some(v), _) => Some(format!("during the {}", visit_phrase(v, false))),
            (_, None, Some(date)) => Some(format!("as of {}", dates::display(date))),
            (_, None, None) => None,
        };
        match when {
            Some(when) => format!("{} ({when})", c.summary),
            None => c.summary.clone(),
        }
    }

    pub(super) fn trade(&mut self) -> Option<Section> {
        let facts = self.facts;
        let items = facts
            .cooperation
            .iter()
            .filter(|c| c.sector == TRADE && c.kind != PRIORITY)
            .map(|c| {
                let text = format!("{}.", self.cooperation_text(c));
                vec![self.said_text(text, [c.source_id])]
            })
            .collect();
        section("trade", "Trade", list(items))
    }
}

/// Lines of cooperation within a sphere: directions agreed first, then what goes on.
fn kind_rank(kind: &str) -> usize {
    match kind {
        "agreed_direction" => 0,
        "activity" => 1,
        _ => 2,
    }
}
