//! What the brief says beyond its sources. The rows record where a fact is reldb's inference
//! rather than its source's statement (an agreement placed in a visit by its date, a title of
//! reldb's own, the sectors a count is read to concern); the sentences that print them say so
//! ("probably", "reldb calls"), the lead counts them, and an annex gives reldb's reasoning.

use super::super::facts::inferred;
use super::super::words::{capitalize, counted, humanize, in_text, on};
use super::super::{Block, Span, Statement};
use super::missions::mission_place;
use super::{section, Writer};

/// The annex's id and heading, which the lead names.
const ANNEX_ID: &str = "annex-inferences";
const ANNEX_HEADING: &str = "Annex: how the facts are known";

/// One inference: what it concerns, reldb's reasoning, and the source it reads.
struct Inference {
    subject: Vec<Span>,
    reasoning: Option<String>,
    source_id: Option<i64>,
}

impl Writer<'_> {
    /// Every inference among the facts the brief prints, in the order of its sections.
    fn inferences(&self) -> Vec<Inference> {
        let facts = self.facts;
        let counts = facts
            .counts
            .iter()
            .filter(|c| inferred(&c.sectors_basis))
            .map(|c| Inference {
                subject: vec![Span::Text("The spheres of the legal base".into())],
                reasoning: c.sectors_basis_note.clone(),
                source_id: c.source_id,
            });
        let agreements = facts
            .agreements
            .iter()
            .filter(|a| {
                inferred(&a.basis) || (inferred(&a.visit_basis) && self.visit(a.visit_id).is_some())
            })
            .map(|a| Inference {
                subject: vec![Span::Title(a.title.clone())],
                reasoning: a.basis_note.clone(),
                source_id: a.source_id,
            });
        let cooperation = facts
            .cooperation
            .iter()
            .filter(|c| {
                inferred(&c.basis) || (inferred(&c.visit_basis) && self.visit(c.visit_id).is_some())
            })
            .map(|c| Inference {
                subject: vec![Span::Text(c.summary.clone())],
                reasoning: c.basis_note.clone(),
                source_id: c.source_id,
            });
        let missions = facts
            .mission_events
            .iter()
            .filter(|e| inferred(&e.basis))
            .filter_map(|e| {
                let m = facts.missions.iter().find(|m| m.id == e.mission_id)?;
                let what = format!(
                    "The {} of {} in {} {} {}",
                    humanize(&m.kind),
                    in_text(&m.sending_name),
                    mission_place(m),
                    e.event.replace('_', " "),
                    on(&e.occurred_on)
                );
                Some(Inference {
                    subject: vec![Span::Text(what)],
                    reasoning: e.basis_note.clone(),
                    source_id: e.source_id,
                })
            });
        let posts = facts
            .missions
            .iter()
            .filter(|m| self.older_than_its_state(m))
            .map(|m| {
                let note = facts
                    .inferred_missions
                    .iter()
                    .find(|i| i.mission_id == m.id);
                Inference {
                    subject: vec![Span::Text(format!(
                        "The {} of {} in {}",
                        humanize(&m.kind),
                        in_text(&m.sending_name),
                        mission_place(m)
                    ))],
                    reasoning: note.and_then(|i| i.basis_note.clone()),
                    source_id: m.source_id,
                }
            });
        counts
            .chain(agreements)
            .chain(cooperation)
            .chain(missions)
            .chain(posts)
            .collect()
    }

    /// The annex that gives reldb's reasoning for each inference, where there are any.
    pub(super) fn inferences_annex(&mut self) {
        let inferences = self.inferences();
        let sources: Vec<Option<i64>> = inferences.iter().map(|i| i.source_id).collect();
        let items: Vec<Vec<Statement>> = inferences
            .into_iter()
            .map(|i| {
                let mut spans = i.subject;
                let why = i
                    .reasoning
                    .unwrap_or_else(|| "reldb's reasoning is not recorded.".to_string());
                spans.push(Span::Text(format!(": {why}")));
                vec![self.said(spans, [i.source_id])]
            })
            .collect();
        if items.is_empty() {
            return;
        }
        // The intro cites the sources read, so that a list from one source is marked once.
        let intro = self.said_text(
            "These statements of the brief are reldb's reading of its sources, not what they \
             say; the brief words them as such (\"probably\", \"reldb calls\", \"by reldb's \
             reading\"). The reasoning:"
                .into(),
            sources,
        );
        let blocks = vec![Block::Paragraph(intro), Block::List(items)];
        self.annexes
            .extend(section(ANNEX_ID, ANNEX_HEADING, blocks));
    }

    /// The lead's word on inferences: how many the brief makes and where they are explained,
    /// or that they were left out.
    pub(super) fn inferences_lead(&self) -> Option<Statement> {
        let text = if self.facts.stated_only {
            "Only what the sources state is reported; reldb's own inferences are left out."
                .to_string()
        } else {
            let n = self.inferences().len();
            if n == 0 {
                return None;
            }
            format!(
                "{} beyond what the sources state; {} worded as such, and reldb's reasoning is \
                 given in \"{ANNEX_HEADING}\".",
                capitalize(&counted(n, "statement goes", "statements go")),
                if n == 1 { "it is" } else { "they are" }
            )
        };
        Some(Statement {
            spans: vec![Span::Text(text)],
            cites: Vec::new(),
        })
    }
}
