//! "Heads of mission": who led each state's mission in the other: how many are recorded, the
//! first, and the current or last; every one in the body when they are few, in an annex when
//! they are many.

use super::super::facts::Head;
use super::super::words::{capitalize, counted, in_text, lower_first};
use super::super::{Block, Section, Statement, Table, TableRow};
use super::{group_by, list, section, Writer};
use crate::dates;

/// More heads of one mission than this are counted in the body and listed in the annex.
const LISTED_IN_BODY: usize = 6;

const ANNEX_ID: &str = "annex-heads";
const ANNEX_HEADING: &str = "Annex: heads of mission";

impl Writer<'_> {
    pub(super) fn heads(&mut self) -> Option<Section> {
        let facts = self.facts;
        let mut blocks = Vec::new();
        let mut annexed: Vec<&Head> = Vec::new();
        for heads in group_by(&facts.heads, |h| h.sending_state.clone()) {
            let long = heads.len() > LISTED_IN_BODY;
            let summary = self.heads_summary(&heads, long);
            blocks.push(Block::Paragraph(summary));
            if long {
                annexed.extend(heads);
            } else {
                let last = heads.len() - 1;
                let items: Vec<Vec<Statement>> = heads
                    .iter()
                    .enumerate()
                    .skip(usize::from(heads.len() == 1))
                    .map(|(i, h)| {
                        // Only the latest can be in office: an earlier term without an end
                        // is one whose end is not recorded.
                        let still = if i == last && self.in_office(h) {
                            ", in office"
                        } else {
                            ""
                        };
                        let text = format!("{}{still}.", self.term(h));
                        vec![self.said_text(text, [h.source_id])]
                    })
                    .collect();
                blocks.extend(list(items));
            }
        }
        if !annexed.is_empty() {
            let table = self.heads_table(&annexed);
            self.annexes
                .extend(section(ANNEX_ID, ANNEX_HEADING, vec![Block::Table(table)]));
        }
        section("heads", "Heads of mission", blocks)
    }

    /// "Seven heads of the mission of the United States in Cuba are recorded: the first, ...;
    /// the current, ..." when the annex lists them; "Two heads ... are recorded:" before the
    /// list that names them; the one head in full.
    fn heads_summary(&mut self, heads: &[&Head], annexed: bool) -> Statement {
        let first = heads[0];
        let last = heads[heads.len() - 1];
        let whose = format!(
            "{} in {}",
            in_text(&first.sending_name),
            in_text(&first.receiving_name)
        );
        let count = capitalize(&counted(heads.len(), "head", "heads"));
        let are = if heads.len() == 1 { "is" } else { "are" };
        let mut text = format!("{count} of the mission of {whose} {are} recorded");
        if heads.len() == 1 {
            text.push_str(&format!(": {}.", self.term(first)));
        } else if !annexed {
            // The list that follows names each; the last is marked if still in office.
            text.push(':');
        } else {
            let latest = if self.in_office(last) {
                "the current"
            } else {
                "the last"
            };
            text.push_str(&format!(
                ": the first, {}; {latest}, {}.",
                self.term(first),
                self.term(last)
            ));
        }
        if annexed {
            text.push_str(&format!(" All are listed in the annex ({ANNEX_HEADING})."));
        }
        self.said_text(text, [first.source_id, last.source_id])
    }

    /// "Edmund McWilliams, Chargé d'Affaires ad interim, from 13 March 1992 until 1993".
    fn term(&self, h: &Head) -> String {
        let from = h
            .began_on
            .as_deref()
            .map(|d| match h.started_how.as_deref() {
                // Only the first letter: the source's words keep their names ("per the
                // Factbook").
                Some(how) => format!(", from {} ({})", dates::display(d), lower_first(how)),
                None => format!(", from {}", dates::display(d)),
            });
        let until = h.ended_on.as_deref().filter(|d| self.happened(d)).map(|d| {
            let comma = if h.began_on.is_some() { "" } else { "," };
            format!("{comma} until {}", dates::display(d))
        });
        format!(
            "{}, {}{}{}",
            h.person_name,
            h.title,
            from.unwrap_or_default(),
            until.unwrap_or_default()
        )
    }

    /// Whether the head was still in office at the brief's date.
    fn in_office(&self, h: &Head) -> bool {
        h.ended_on.as_deref().is_none_or(|d| !self.happened(d))
    }

    /// Every head, one row each; the column of appointments only where one is recorded.
    fn heads_table(&mut self, heads: &[&Head]) -> Table {
        let appointed = heads.iter().any(|h| h.appointed_on.is_some());
        let rows = heads
            .iter()
            .map(|h| {
                let mut cells = vec![
                    h.person_name.clone(),
                    h.title.clone(),
                    format!("{} in {}", h.sending_name, h.receiving_name),
                ];
                if appointed {
                    cells.push(cell(h.appointed_on.as_deref()));
                }
                cells.push(cell(h.began_on.as_deref()));
                cells.push(cell(h.ended_on.as_deref().filter(|d| self.happened(d))));
                TableRow {
                    cells,
                    cites: self.cite([h.source_id]),
                }
            })
            .collect();
        let mut columns = vec!["Head of mission", "Title", "Mission"];
        if appointed {
            columns.push("Appointed");
        }
        columns.extend(["From", "Until"]);
        Table {
            columns: columns.into_iter().map(str::to_string).collect(),
            rows,
        }
    }
}

/// A date in a table cell, or a dash where none is recorded.
fn cell(date: Option<&str>) -> String {
    date.map_or_else(|| "—".to_string(), dates::display)
}
