//! "Agreements and legal base": the sources' counts of the legal base, then the agreements,
//! each told once: those signed during a visit under that visit, with the source's count of
//! the documents signed then, the others on their own.

use super::super::facts::{inferred, Agreement, Count, Visit};
use super::super::words::{article, capitalize, humanize, join_list, lower_first, on};
use super::super::{Block, Section, Span, Statement};
use super::{section, sphere_rank, visit_reference, Writer};
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
        let items = self.agreement_items();
        if !items.is_empty() {
            blocks.push(Block::Subheading("Agreements".into()));
            blocks.push(Block::List(items));
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
            if inferred(&c.sectors_basis) {
                // The source does not say what the documents cover: the sectors are reldb's.
                format!("; by reldb's reading, they concern {}", join_list(&names))
            } else {
                format!(", covering {}", join_list(&names))
            }
        };
        format!(
            "As of {}, the source counted {} {}{covering}.",
            dates::display(&c.as_of),
            qualified_count(c),
            c.description
        )
    }

    /// One item per visit during which something was signed, and one per other agreement,
    /// in order of date.
    fn agreement_items(&mut self) -> Vec<Vec<Statement>> {
        let facts = self.facts;
        let mut dated: Vec<(String, Vec<Statement>)> = Vec::new();
        for v in &facts.visits {
            let signed: Vec<&Agreement> = facts
                .agreements
                .iter()
                .filter(|a| a.visit_id == Some(v.id) && !inferred(&a.visit_basis))
                .collect();
            if let Some(item) = self.visit_signing(v, &signed) {
                dated.push((v.start_date.clone(), item));
            }
        }
        for a in &facts.agreements {
            if self.visit(a.visit_id).is_none() || inferred(&a.visit_basis) {
                let date = a.signed_on.clone().unwrap_or_default();
                dated.push((date, self.agreement_item(a)));
            }
        }
        dated.sort_by(|x, y| x.0.cmp(&y.0));
        dated.into_iter().map(|(_, item)| item).collect()
    }

    /// What was signed during `v`: the agreements by name, and the source's count of documents.
    fn visit_signing(&mut self, v: &Visit, signed: &[&Agreement]) -> Option<Vec<Statement>> {
        let during = format!("During {}", visit_reference(v));
        let mut statements = Vec::new();
        if !signed.is_empty() {
            let mut spans = vec![Span::Text(format!("{during}, "))];
            let one = signed.len() == 1;
            for (index, a) in signed.iter().enumerate() {
                if index > 0 {
                    let and = if index + 1 == signed.len() {
                        " and "
                    } else {
                        ", "
                    };
                    spans.push(Span::Text(and.into()));
                }
                spans.extend(titled(a));
                if !one {
                    if let Some(details) = signing_details(a, Some(v)) {
                        spans.push(Span::Text(format!(" (signed{details})")));
                    }
                }
            }
            let verb = if one { " was signed" } else { " were signed" };
            let details = signing_details(signed[0], Some(v)).filter(|_| one);
            spans.push(Span::Text(format!(
                "{verb}{}.",
                details.unwrap_or_default()
            )));
            statements.push(self.said(spans, signed.iter().map(|a| a.source_id)));
            for a in signed {
                if let Some(statement) = self.in_force(a) {
                    statements.push(statement);
                }
            }
        }
        if let Some(n) = v.documents_signed {
            let documents = if n == 1 {
                "document was"
            } else {
                "documents were"
            };
            let text = if statements.is_empty() {
                format!("{during}, {n} {documents} signed, by the source's count.")
            } else {
                format!("By the source's count, {n} {documents} signed during the visit.")
            };
            statements.push(self.said_text(text, [v.source_id]));
        }
        (!statements.is_empty()).then_some(statements)
    }

    /// An agreement signed outside any visit of the pair's, or placed in a visit only by
    /// reldb's inference ("probably during ...").
    fn agreement_item(&mut self, a: &Agreement) -> Vec<Statement> {
        let mut spans = titled(a);
        if let Some(Span::Text(the)) = spans.first_mut() {
            *the = capitalize(the);
        }
        let probably = self
            .visit(a.visit_id)
            .filter(|_| inferred(&a.visit_basis))
            .map(|v| format!(", probably during {}", visit_reference(v)))
            .unwrap_or_default();
        let text = match signing_details(a, None) {
            Some(details) => format!(" was signed{details}{probably}."),
            None if !probably.is_empty() => format!(" was signed{probably}."),
            None => " was signed; the date is not recorded.".to_string(),
        };
        spans.push(Span::Text(text));
        let mut item = vec![self.said(spans, [a.source_id])];
        item.extend(self.in_force(a));
        item
    }

    /// "The *X* entered into force on 10 January 2008.", where it had by the brief's date.
    fn in_force(&mut self, a: &Agreement) -> Option<Statement> {
        let date = a.in_force_on.as_deref().filter(|d| self.happened(d))?;
        let mut spans = titled(a);
        if let Some(Span::Text(the)) = spans.first_mut() {
            *the = capitalize(the);
        }
        spans.push(Span::Text(format!(" entered into force {}.", on(date))));
        Some(self.said(spans, [a.source_id]))
    }
}

/// "the *Agreement on ...*": an agreement named by its title, and by its kind too where the
/// title does not say it ("the *Dushanbe Accord*, a treaty,").
fn titled(a: &Agreement) -> Vec<Span> {
    let mut spans = vec![
        Span::Text(the_title(a).into()),
        Span::Title(a.title.clone()),
    ];
    let kind = humanize(&a.kind);
    if !a.title.to_lowercase().contains(&kind.to_lowercase()) {
        spans.push(Span::Text(format!(", {} {kind},", article(&kind))));
    }
    spans
}

/// What goes before an agreement's title: "the ", or "the document reldb calls " where the
/// row is reldb's inference (the source names no such title).
pub(super) fn the_title(a: &Agreement) -> &'static str {
    if inferred(&a.basis) {
        "the document reldb calls "
    } else {
        "the "
    }
}

/// " in Baku on 16 March 2007": where and when an agreement was signed, as far as recorded. A
/// date no more precise than the dates of the visit `during` it adds nothing and is left out.
fn signing_details(a: &Agreement, during: Option<&Visit>) -> Option<String> {
    let place = a.signed_at.as_deref().map(|p| format!(" in {p}"));
    let within = |d: &str, v: &Visit| {
        d.len() < 10
            && (v.start_date.starts_with(d)
                || v.end_date.as_deref().is_some_and(|e| e.starts_with(d)))
    };
    let date = a
        .signed_on
        .as_deref()
        .filter(|d| !during.is_some_and(|v| within(d, v)))
        .map(|d| format!(" {}", on(d)));
    match (place, date) {
        (None, None) => None,
        (place, date) => Some(format!(
            "{}{}",
            place.unwrap_or_default(),
            date.unwrap_or_default()
        )),
    }
}

/// A count with its qualifier, as a source gives it: `more than 30`, `12`.
pub(super) fn qualified_count(c: &Count) -> String {
    match c.qualifier.as_str() {
        "exactly" => c.count.to_string(),
        other => format!("{} {}", humanize(other), c.count),
    }
}
