//! The lead under the title, which dates the brief and names its sources ("As of 1 March 2013,
//! according to ..."), and the footnotes that cite each source in full.

use super::super::words::{capitalize, counted, in_text};
use super::super::{Footnote, Span, Statement};
use super::Writer;
use crate::dates;

/// Up to this many sources are named in the lead; more are counted, and listed at the end.
const NAMED_SOURCES: usize = 1;

impl Writer<'_> {
    /// The lead: the date the brief stands at with its sources, and what the brief is; or,
    /// for a pair without facts, that there is nothing to report.
    pub(super) fn lead(&mut self, empty: bool) -> Vec<Statement> {
        let (a, b) = (&self.state.name, &self.partner.name);
        if empty {
            let until = self
                .as_of
                .map(|d| format!(" dated on or before {}", dates::display(d)))
                .unwrap_or_default();
            let text = format!(
                "The database holds no facts on the relations of {a} with {b}{until}, so there \
                 is nothing to report."
            );
            let mut lead = vec![plain(text)];
            lead.extend(self.earlier_pairs());
            return lead;
        }
        let mut lead = vec![self.dateline()];
        if let Some(date) = self.as_of {
            lead.push(plain(format!(
                "Facts dated after {} are left out; facts without a date are kept.",
                dates::display(date)
            )));
        }
        lead.push(plain(
            "Written by reldb from the facts in its database; numbered notes give the source \
             of each statement."
                .to_string(),
        ));
        lead.extend(self.inferences_lead());
        lead.extend(self.earlier_names());
        lead.extend(self.earlier_pairs());
        lead
    }

    /// "The brief calls each state by today's name: Türkiye was the Ottoman Empire until 1922."
    fn earlier_names(&self) -> Option<Statement> {
        let names = &self.facts.earlier_names;
        if names.is_empty() {
            return None;
        }
        // One clause a state, its names in order: "Albania was the People’s Republic of
        // Albania until 1976 and the People’s Socialist Republic of Albania until 1991".
        // Two names of one era ("the Papal States or the Pontifical States until 1929") are
        // one.
        let mut clauses: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for n in names {
            let (name, until) = (in_text(&n.earlier_name), n.until[..4].to_string());
            match clauses.last_mut() {
                Some((state, eras)) if *state == n.name => match eras.last_mut() {
                    Some((names, year)) if *year == until => *names = format!("{names} or {name}"),
                    _ => eras.push((name, until)),
                },
                _ => clauses.push((n.name.clone(), vec![(name, until)])),
            }
        }
        let clauses: Vec<String> = clauses
            .into_iter()
            .map(|(state, eras)| {
                let eras: Vec<String> = eras
                    .into_iter()
                    .map(|(names, until)| format!("{names} until {until}"))
                    .collect();
                format!("{} was {}", in_text(&state), eras.join(" and "))
            })
            .collect();
        Some(plain(format!(
            "The brief calls each state by today's name: {}.",
            clauses.join("; ")
        )))
    }

    /// "The relations of the United States with China (X-CHINA-1912), a state before China,
    /// from 1844 to 1908, are told in a brief of their own: reldb dossier US X-CHINA-1912."
    fn earlier_pairs(&self) -> Vec<Statement> {
        self.facts
            .earlier_pairs
            .iter()
            .map(|p| {
                let (first, second, later) = if p.other == self.state.code {
                    (p.other.as_str(), p.code.as_str(), &self.partner.name)
                } else {
                    (p.code.as_str(), p.other.as_str(), &self.state.name)
                };
                let years = if p.first_on[..4] == p.last_on[..4] {
                    format!("in {}", &p.first_on[..4])
                } else {
                    format!("from {} to {}", &p.first_on[..4], &p.last_on[..4])
                };
                plain(format!(
                    "The relations of {} with {} ({}), a state before {later}, {years}, are told in a brief of their own: reldb dossier {first} {second}.",
                    in_text(&p.other_name),
                    in_text(&p.name),
                    p.code
                ))
            })
            .collect()
    }

    /// "As of 1 March 2013, according to one source, *Title* (1 March 2013)."
    fn dateline(&mut self) -> Statement {
        let sources = self.sources.clone();
        let date = self.brief_date().map(|d| dates::display(&d));
        if sources.is_empty() {
            let text = date.map_or_else(String::new, |d| format!("As of {d}."));
            return plain(text);
        }
        let mut spans = Vec::new();
        let mut opening = match date {
            Some(date) => format!("As of {date}, according to "),
            None => "According to ".to_string(),
        };
        if sources.len() > NAMED_SOURCES {
            opening.push_str(&format!(
                "the {} listed at the end.",
                counted(sources.len(), "source", "sources")
            ));
            spans.push(Span::Text(opening));
        } else {
            let count = counted(sources.len(), "source", "sources");
            let joint = if sources.len() == 1 { ", " } else { ": " };
            spans.push(Span::Text(format!("{opening}{count}{joint}")));
            for (index, id) in sources.iter().enumerate() {
                if index > 0 {
                    let and = if index + 1 == sources.len() {
                        " and "
                    } else {
                        ", "
                    };
                    spans.push(Span::Text(and.to_string()));
                }
                spans.extend(self.source_name(*id));
            }
            spans.push(Span::Text(".".to_string()));
        }
        if let Some(Span::Text(first)) = spans.first_mut() {
            *first = capitalize(first);
        }
        // Sources only counted here are cited where their facts are told: a mark per source
        // on the dateline would be a row of numbers.
        let named = if sources.len() > NAMED_SOURCES {
            Vec::new()
        } else {
            sources
        };
        self.said(spans, named.into_iter().map(Some))
    }

    /// A source as the lead names it: its title, then its date or else its publisher (unless
    /// the title begins with it).
    fn source_name(&self, id: i64) -> Vec<Span> {
        let Some(source) = self.facts.sources.get(&id) else {
            return vec![Span::Text(format!("source {id}"))];
        };
        let mut spans = vec![Span::Title(source.title.clone())];
        let detail = source
            .published_on
            .as_deref()
            .map(dates::display)
            .or_else(|| {
                source
                    .publisher
                    .clone()
                    .filter(|p| !source.title.starts_with(p.as_str()))
            });
        if let Some(detail) = detail {
            spans.push(Span::Text(format!(" ({detail})")));
        }
        spans
    }

    /// The sources cited, in the order of their numbers.
    pub(super) fn footnotes(&self) -> Vec<Footnote> {
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
}

/// A paragraph of the lead that cites nothing.
fn plain(text: String) -> Statement {
    Statement {
        spans: vec![Span::Text(text)],
        cites: Vec::new(),
    }
}
