//! "Agreements and legal base": the sources' counts of the legal base, the agreements by name,
//! and what was signed during which visit.

use super::super::facts::{Agreement, Count, Visit};
use super::super::words::{humanize, join_list, lower_first, on};
use super::super::{Block, Section, Span, Statement};
use super::visits::visit_phrase;
use super::{section, sphere_rank, Writer};
use crate::dates;

impl Writer<'_> {
    pub(super) fn agreements(&mut self) -> Option<Section> {
        let facts = self.facts;
        let mut blocks = Vec::new();
        if !facts.counts.is_empty() {
            blocks.push(Block::Subheading("Size of the legal base".into()));
            for c in &facts.counts {
                let text = self.count_sentence(c);
                blocks.push(Block::Paragraph(self.said_text(text, [c.source_id])));
            }
        }
        if !facts.agreements.is_empty() {
            blocks.push(Block::Subheading("Agreements".into()));
            let items = facts
                .agreements
                .iter()
                .map(|a| {
                    let spans = self.agreement_spans(a);
                    vec![self.said(spans, [a.source_id])]
                })
                .collect();
            blocks.push(Block::List(items));
        }
        let signings = self.signed_on_visits();
        if !signings.is_empty() {
            blocks.push(Block::Subheading("Signed during visits".into()));
            blocks.push(Block::List(signings));
        }
        section("agreements", "Agreements and legal base", blocks)
    }

    fn count_sentence(&self, c: &Count) -> String {
        let covering = if c.sectors.is_empty() {
            String::new()
        } else {
            let mut codes: Vec<&String> = c.sectors.iter().collect();
            codes.sort_by_key(|code| {
                let sphere = self.facts.sphere_of(code);
                (sphere_rank(&sphere), sphere != **code)
            });
            let names: Vec<String> = codes
                .iter()
                .map(|code| lower_first(&self.facts.sector_name(code)))
                .collect();
            format!(", covering {}", join_list(&names))
        };
        format!(
            "As of {}, a source counts {} {}{covering}.",
            dates::display(&c.as_of),
            qualified_count(c),
            c.description
        )
    }

    fn agreement_spans(&self, a: &Agreement) -> Vec<Span> {
        let mut text = format!(" ({})", humanize(&a.kind));
        match &a.signed_on {
            Some(date) => text.push_str(&format!(", signed {}", on(date))),
            None => text.push_str(", date of signing not recorded"),
        }
        if let Some(place) = &a.signed_at {
            text.push_str(&format!(" in {place}"));
        }
        if let Some(visit) = self.visit(a.visit_id) {
            text.push_str(&format!(", during the {}", visit_phrase(visit, true)));
        }
        if let Some(in_force) = a.in_force_on.as_deref().filter(|d| self.happened(d)) {
            text.push_str(&format!("; in force since {}", dates::display(in_force)));
        }
        text.push('.');
        vec![Span::Title(a.title.clone()), Span::Text(text)]
    }

    /// For each visit with a count of documents or agreements signed during it: what was.
    fn signed_on_visits(&mut self) -> Vec<Vec<Statement>> {
        let facts = self.facts;
        facts
            .visits
            .iter()
            .filter_map(|v| {
                let signed: Vec<&Agreement> = facts
                    .agreements
                    .iter()
                    .filter(|a| a.visit_id == Some(v.id))
                    .collect();
                self.visit_signing(v, &signed)
            })
            .collect()
    }

    fn visit_signing(&mut self, v: &Visit, signed: &[&Agreement]) -> Option<Vec<Statement>> {
        let during = format!("During the {}", visit_phrase(v, true));
        let mut statements = Vec::new();
        if let Some(n) = v.documents_signed {
            let documents = if n == 1 {
                "document was"
            } else {
                "documents were"
            };
            let text = format!("{during}, {n} {documents} signed, by a source's count.");
            statements.push(self.said_text(text, [v.source_id]));
        }
        if !signed.is_empty() {
            let lead = if statements.is_empty() {
                format!("{during}, the database records as signed: ")
            } else {
                "Recorded by name: ".to_string()
            };
            let mut spans = vec![Span::Text(lead)];
            for (index, a) in signed.iter().enumerate() {
                if index > 0 {
                    spans.push(Span::Text("; ".into()));
                }
                spans.push(Span::Title(a.title.clone()));
            }
            spans.push(Span::Text(".".into()));
            statements.push(self.said(spans, signed.iter().map(|a| a.source_id)));
        }
        (!statements.is_empty()).then_some(statements)
    }
}

/// A count with its qualifier, as a source gives it: `more than 30`, `12`.
pub(super) fn qualified_count(c: &Count) -> String {
    match c.qualifier.as_str() {
        "exactly" => c.count.to_string(),
        other => format!("{} {}", humanize(other), c.count),
    }
}
