//! The brief's templates: the facts of a pair written as statements in reldb's words, each
//! citing its sources. One module per section holds that section's sentences, the only place
//! they are written. Sections are composed in the order they are laid out, so footnotes are
//! numbered in the order of their first use.

mod agreements;
mod cooperation;
mod missions;
mod organisations;
mod relations;
mod timeline;
mod visits;

use std::collections::HashMap;

use super::facts::{Facts, Visit};
use super::{Block, Dossier, Event, Footnote, Party, Section, Span, Statement};
use crate::dates;

/// The order spheres of cooperation are written in; others follow by code.
const SPHERE_ORDER: [&str; 5] = [
    "political",
    "economic",
    "scientific-technical",
    "humanitarian",
    "security",
];

/// Writes the brief on `state` and `partner` from `facts`.
pub(super) fn compose(state: Party, partner: Party, as_of: Option<&str>, facts: &Facts) -> Dossier {
    let mut writer = Writer {
        facts,
        state: &state,
        partner: &partner,
        as_of,
        sources: Vec::new(),
        annexes: Vec::new(),
    };
    let (sections, timeline) = if facts.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        writer.sections()
    };
    let lead = writer.lead(sections.is_empty());
    let footnotes = writer.footnotes();
    let annexes = std::mem::take(&mut writer.annexes);
    Dossier {
        title: format!("Relations of {} with {}", state.name, partner.name),
        lead,
        sections,
        annexes,
        timeline,
        footnotes,
        as_of: as_of.map(str::to_string),
        state,
        partner,
    }
}

/// Composes statements and numbers the sources they cite as it goes.
struct Writer<'a> {
    facts: &'a Facts,
    state: &'a Party,
    partner: &'a Party,
    as_of: Option<&'a str>,
    /// Source ids in order of first citation: footnote n is `sources[n - 1]`.
    sources: Vec<i64>,
    /// Annexes the sections refer to, in order.
    annexes: Vec<Section>,
}

impl Writer<'_> {
    /// The footnote numbers of `source_ids`, numbering sources cited for the first time.
    fn cite(&mut self, source_ids: impl IntoIterator<Item = Option<i64>>) -> Vec<usize> {
        let mut numbers: Vec<usize> = source_ids
            .into_iter()
            .flatten()
            .map(|id| match self.sources.iter().position(|s| *s == id) {
                Some(index) => index + 1,
                None => {
                    self.sources.push(id);
                    self.sources.len()
                }
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// A statement of `spans` citing `source_ids`.
    fn said(
        &mut self,
        spans: Vec<Span>,
        source_ids: impl IntoIterator<Item = Option<i64>>,
    ) -> Statement {
        Statement {
            spans,
            cites: self.cite(source_ids),
        }
    }

    /// A statement of plain `text` citing `source_ids`.
    fn said_text(
        &mut self,
        text: String,
        source_ids: impl IntoIterator<Item = Option<i64>>,
    ) -> Statement {
        self.said(vec![Span::Text(text)], source_ids)
    }

    /// Whether something dated `date` had happened by the brief's date.
    fn happened(&self, date: &str) -> bool {
        self.as_of.is_none_or(|to| dates::on_or_before(date, to))
    }

    /// The visit with this id, if there is one among the pair's.
    fn visit(&self, id: Option<i64>) -> Option<&Visit> {
        let id = id?;
        self.facts.visits.iter().find(|v| v.id == id)
    }

    fn lead(&self, empty: bool) -> Vec<String> {
        let (a, b) = (&self.state.name, &self.partner.name);
        let mut lead = Vec::new();
        if empty {
            let until = self
                .as_of
                .map(|d| format!(" dated on or before {}", dates::display(d)))
                .unwrap_or_default();
            lead.push(format!(
                "The database holds no facts on the relations of {a} with {b}{until}, so there \
                 is nothing to report."
            ));
            return lead;
        }
        lead.push(format!(
            "A brief on the relations of {a} with {b}, written by reldb from the facts in its \
             database. Each statement cites its source in a numbered note."
        ));
        if let Some(date) = self.as_of {
            lead.push(format!(
                "The brief stands as of {}: facts dated later are left out; facts without a \
                 date are kept.",
                dates::display(date)
            ));
        }
        lead
    }

    fn footnotes(&self) -> Vec<Footnote> {
        self.sources
            .iter()
            .enumerate()
            .map(|(index, id)| {
                let source = self.facts.sources.get(id);
                Footnote {
                    number: index + 1,
                    title: source.map_or_else(|| format!("Source {id}"), |s| s.title.clone()),
                    publisher: source.and_then(|s| s.publisher.clone()),
                    published_on: source.and_then(|s| s.published_on.clone()),
                    address: source.and_then(|s| s.address.clone()),
                }
            })
            .collect()
    }

    /// Every section with facts, in order, and the timeline (cited with the chronology).
    fn sections(&mut self) -> (Vec<Section>, Vec<Event>) {
        let mut sections: Vec<Section> = [
            self.relations(),
            self.missions(),
            self.organisations(),
            self.visits(),
            self.agreements(),
            self.cooperation(),
            self.trade(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let timeline = self.timeline();
        let annexed = self.facts.visits.len() > visits::LISTED_IN_BODY;
        if let Some(chronology) = timeline::chronology(&timeline, annexed) {
            sections.push(chronology);
        }
        (sections, timeline)
    }
}

/// `rows` grouped by `key`, groups in order of first appearance, rows in their order.
fn group_by<T, K: Eq + std::hash::Hash>(rows: &[T], key: impl Fn(&T) -> K) -> Vec<Vec<&T>> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<Vec<&T>> = Vec::new();
    for row in rows {
        let slot = *index.entry(key(row)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(row);
    }
    groups
}

/// Where `sphere` goes in [`SPHERE_ORDER`], then by code.
fn sphere_rank(sphere: &str) -> (usize, String) {
    let rank = SPHERE_ORDER
        .iter()
        .position(|s| *s == sphere)
        .unwrap_or(SPHERE_ORDER.len());
    (rank, sphere.to_string())
}

/// A list of `items`, or no block when there are none.
fn list(items: Vec<Vec<Statement>>) -> Vec<Block> {
    if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List(items)]
    }
}

/// A section of `blocks`, or none when there are no blocks.
fn section(id: &str, heading: &str, blocks: Vec<Block>) -> Option<Section> {
    (!blocks.is_empty()).then(|| Section {
        id: id.to_string(),
        heading: heading.to_string(),
        blocks,
    })
}
