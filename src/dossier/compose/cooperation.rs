//! "Cooperation" (priority sectors, then lines of cooperation by sphere) and "Trade" (the lines
//! of the trade sector, which get a section of their own).
//!
//! A source describes cooperation in the present tense of its own day, so each part opens with
//! the date it stands at ("As of 1 March 2013, the source reported ..."); a line of another
//! date says so itself.

use std::collections::HashMap;

use super::super::facts::{inferred, Cooperation};
use super::super::words::{capitalize, counted, join_list, lower_first, on};
use super::super::{Block, Section, Span, Statement};
use super::{group_by, section, sphere_rank, visit_reference, Writer};
use crate::dates;

/// The label of a line of cooperation of a whole sphere, under the sphere's heading.
const SPHERE_LABEL: &str = "In general";

/// The sector whose lines of cooperation get a section of their own.
const TRADE: &str = "trade";

/// The kind of line that names a priority sector rather than describing cooperation.
const PRIORITY: &str = "priority_sector";

/// The kind of line that states a direction the two sides agreed on.
const AGREED: &str = "agreed_direction";

impl Writer<'_> {
    pub(super) fn cooperation(&mut self) -> Option<Section> {
        let facts = self.facts;
        let rows = &facts.cooperation;
        let mut blocks = Vec::new();
        let lines: Vec<&Cooperation> = rows.iter().filter(|c| c.sector != TRADE).collect();
        let common = common_date(&lines);
        let intro = self.reported(&lines, common.as_deref(), "these lines of cooperation")?;
        blocks.push(Block::Paragraph(intro));
        let priorities: Vec<&Cooperation> = rows.iter().filter(|c| c.kind == PRIORITY).collect();
        if !priorities.is_empty() {
            blocks.push(Block::Subheading("Priority sectors".into()));
            for group in group_by(&priorities, |c| (c.sphere.clone(), c.as_of.clone())) {
                let text = self.priorities_sentence(&group, common.as_deref());
                let statement = self.said_text(text, group.iter().map(|c| c.source_id));
                blocks.push(Block::Paragraph(statement));
            }
        }
        let others: Vec<&Cooperation> = lines.into_iter().filter(|c| c.kind != PRIORITY).collect();
        let mut spheres = group_by(&others, |c| c.sphere.clone());
        spheres.sort_by_key(|group| sphere_rank(&group[0].sphere));
        for mut group in spheres {
            blocks.push(Block::Subheading(facts.sector_name(&group[0].sphere)));
            group.sort_by_key(|c| kind_rank(&c.kind));
            let items = group_by(&group, |c| c.sector.clone())
                .into_iter()
                .map(|lines| self.sector_item(&lines, common.as_deref()))
                .collect();
            blocks.push(Block::List(items));
        }
        section("cooperation", "Cooperation", blocks)
    }

    /// A sector's lines as one list item, led by the sector's name.
    fn sector_item(&mut self, lines: &[&&&Cooperation], common: Option<&str>) -> Vec<Statement> {
        let first = lines[0];
        let label = if first.sector == first.sphere {
            SPHERE_LABEL.to_string()
        } else {
            first.sector_name.clone()
        };
        lines
            .iter()
            .enumerate()
            .map(|(index, c)| {
                let text = format!("{}.", self.cooperation_text(c, common));
                let spans = if index == 0 {
                    vec![Span::Label(label.clone()), Span::Text(format!(": {text}"))]
                } else {
                    vec![Span::Text(text)]
                };
                self.said(spans, [c.source_id])
            })
            .collect()
    }

    /// "Six sectors were named priorities of economic cooperation: ...", with its date where
    /// that is not the `common` date the section stands at.
    fn priorities_sentence(&self, group: &[&&Cooperation], common: Option<&str>) -> String {
        let names: Vec<String> = group.iter().map(|c| lower_first(&c.sector_name)).collect();
        let sphere = lower_first(&self.facts.sector_name(&group[0].sphere));
        let verb = if names.len() == 1 {
            "was named a priority"
        } else {
            "were named priorities"
        };
        let subject = counted(names.len(), "sector", "sectors");
        let sentence = format!("{subject} {verb} of {sphere}: {}.", join_list(&names));
        match group[0].as_of.as_deref().filter(|d| Some(*d) != common) {
            Some(date) => format!("As of {}, {sentence}", dates::display(date)),
            None => capitalize(&sentence),
        }
    }

    /// "As of 1 March 2013, the source reported these lines of cooperation:" over `lines`,
    /// citing all their sources; none without lines.
    fn reported(
        &mut self,
        lines: &[&Cooperation],
        common: Option<&str>,
        what: &str,
    ) -> Option<Statement> {
        if lines.is_empty() {
            return None;
        }
        let sources: Vec<Option<i64>> = lines.iter().map(|c| c.source_id).collect();
        let mut distinct: Vec<i64> = sources.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let who = if distinct.len() > 1 {
            "the sources"
        } else {
            "the source"
        };
        let dated_apart = lines
            .iter()
            .any(|c| self.cooperation_text(c, common) != c.summary);
        let unless = if dated_apart {
            " (unless another date is given)"
        } else {
            ""
        };
        let text = match common {
            Some(date) => format!(
                "As of {}{unless}, {who} reported {what}:",
                dates::display(date)
            ),
            None => format!("{} reported {what}:", capitalize(who)),
        };
        Some(self.said_text(text, sources))
    }

    /// A line of cooperation's summary with when and where it was agreed or stated, where that
    /// is not the `common` date its part of the brief stands at.
    fn cooperation_text(&self, c: &Cooperation, common: Option<&str>) -> String {
        let agreed = c.kind == AGREED;
        let probably = if inferred(&c.visit_basis) {
            "probably "
        } else {
            ""
        };
        let when = match (self.visit(c.visit_id), c.as_of.as_deref()) {
            (Some(v), _) if agreed => {
                Some(format!("{probably}agreed during {}", visit_reference(v)))
            }
            (Some(v), _) => Some(format!("{probably}during {}", visit_reference(v))),
            (None, Some(date)) if agreed => Some(format!("agreed {}", on(date))),
            (None, Some(date)) if Some(date) != common => {
                Some(format!("as of {}", dates::display(date)))
            }
            _ => None,
        };
        let reading = if inferred(&c.basis) {
            " (reldb's reading of the source)"
        } else {
            ""
        };
        match when {
            Some(when) => format!("{} ({when}){reading}", c.summary),
            None => format!("{}{reading}", c.summary),
        }
    }

    pub(super) fn trade(&mut self) -> Option<Section> {
        let facts = self.facts;
        let lines: Vec<&Cooperation> = facts
            .cooperation
            .iter()
            .filter(|c| c.sector == TRADE && c.kind != PRIORITY)
            .collect();
        let common = common_date(&lines);
        let intro = self.reported(&lines, common.as_deref(), "on trade")?;
        let items = lines
            .iter()
            .map(|c| {
                let text = format!("{}.", self.cooperation_text(c, common.as_deref()));
                vec![self.said_text(text, [c.source_id])]
            })
            .collect();
        section(
            "trade",
            "Trade",
            vec![Block::Paragraph(intro), Block::List(items)],
        )
    }
}

/// The date most of `lines` stand at (the latest of those tied), leaving out directions
/// agreed, which give their own date.
fn common_date(lines: &[&Cooperation]) -> Option<String> {
    let mut tally: HashMap<&str, usize> = HashMap::new();
    for c in lines.iter().filter(|c| c.kind != AGREED) {
        if let Some(date) = c.as_of.as_deref() {
            *tally.entry(date).or_default() += 1;
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)))
        .map(|(date, _)| date.to_string())
}

/// Lines of cooperation within a sphere: directions agreed first, then what goes on.
fn kind_rank(kind: &str) -> usize {
    match kind {
        AGREED => 0,
        "activity" => 1,
        _ => 2,
    }
}
