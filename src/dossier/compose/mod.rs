//! The brief's templates: the facts of a pair written as statements in reldb's words, each
//! citing its sources. One module per section holds that section's sentences, the only place
//! they are written. Sections are composed in the order they are laid out, so footnotes are
//! numbered in the order of their first use.

mod agreements;
mod chronology;
mod cooperation;
mod heads;
mod inferences;
mod lead;
mod missions;
mod organisations;
mod relations;
mod timeline;
mod visits;

use std::collections::HashMap;

use super::facts::{Facts, Visit};
use super::words::{display_on, in_text};
use super::{Block, Dossier, Event, Party, Section, Span, Statement};
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

    /// The date a fact of source `source_id` is known to stand at: the source's date (or the
    /// brief's, if that is earlier), or else the brief's.
    fn known_on(&self, source_id: Option<i64>) -> Option<String> {
        let published = source_id
            .and_then(|id| self.facts.sources.get(&id))
            .and_then(|s| s.published_on.clone());
        match (published, self.as_of) {
            (Some(date), Some(to)) if !dates::on_or_before(&date, to) => Some(to.to_string()),
            (Some(date), _) => Some(date),
            (None, _) => self.brief_date(),
        }
    }

    /// The date the brief stands at: the one it was asked for, or else the latest date of its
    /// facts and of the sources it cites.
    fn brief_date(&self) -> Option<String> {
        if let Some(date) = self.as_of {
            return Some(date.to_string());
        }
        let facts = self.facts;
        let dated = facts.timeline.iter().map(|e| Some(e.date.clone()));
        let counts = facts.counts.iter().map(|c| Some(c.as_of.clone()));
        let lines = facts.cooperation.iter().map(|c| c.as_of.clone());
        let sources = self
            .sources
            .iter()
            .map(|id| facts.sources.get(id).and_then(|s| s.published_on.clone()));
        dated
            .chain(counts)
            .chain(lines)
            .chain(sources)
            .flatten()
            .max()
    }

    /// Every section with facts, in order, and the timeline (cited with the chronology).
    fn sections(&mut self) -> (Vec<Section>, Vec<Event>) {
        let mut sections: Vec<Section> = [
            self.relations(),
            self.missions(),
            self.heads(),
            self.organisations(),
            self.visits(),
            self.agreements(),
            self.cooperation(),
            self.trade(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut timeline = self.timeline();
        self.in_order(&mut timeline);
        let annexed = self.facts.visits.len() > visits::LISTED_IN_BODY;
        let chronology = self.chronology(&timeline, annexed);
        sections.extend(chronology);
        self.describe(&mut timeline);
        self.inferences_annex();
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

/// "the official visit of Ilham Aliyev, President of Azerbaijan, to Tajikistan on 15–16 March
/// 2007": a visit named wherever a section refers to one.
fn visit_reference(v: &Visit) -> String {
    let kind = match v.kind.as_deref() {
        Some(kind @ ("state" | "official" | "working" | "private" | "transit")) => {
            format!("{kind} visit")
        }
        _ => "visit".to_string(),
    };
    let office = v
        .visitor_office
        .as_deref()
        .map(|office| format!(", {office},"))
        .unwrap_or_default();
    format!(
        "the {kind} of {}{office} to {} {}",
        v.visitor_name,
        in_text(&v.host_state_name),
        display_on(&v.start_date, v.end_date.as_deref())
    )
}
