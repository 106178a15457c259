//! "Visits": how many each way, and a table of them.

use super::super::facts::Visit;
use super::super::words::{capitalize, counted, join_list, number};
use super::super::{Block, Section, Statement, Table, TableRow};
use super::{section, Writer};
use crate::dates;

/// The visits table's columns; the renderers add the sources.
const COLUMNS: [&str; 7] = [
    "Dates",
    "Visitor",
    "Office",
    "From → to",
    "Kind",
    "Place",
    "Documents signed",
];

impl Writer<'_> {
    pub(super) fn visits(&mut self) -> Option<Section> {
        let facts = self.facts;
        let visits = &facts.visits;
        if visits.is_empty() {
            return None;
        }
        let intro = self.visits_intro(visits);
        let rows = visits
            .iter()
            .map(|v| TableRow {
                cells: visit_cells(v),
                cites: self.cite([v.source_id]),
            })
            .collect();
        let table = Table {
            columns: COLUMNS.map(str::to_string).to_vec(),
            rows,
        };
        section(
            "visits",
            "Visits",
            vec![Block::Paragraph(intro), Block::Table(table)],
        )
    }

    fn visits_intro(&mut self, visits: &[Visit]) -> Statement {
        let (a, b) = (&self.state.name, &self.partner.name);
        let outgoing = visits
            .iter()
            .filter(|v| v.visitor_state == self.state.iso2)
            .count();
        let incoming = visits.len() - outgoing;
        let mut ways = Vec::new();
        if outgoing > 0 {
            ways.push(format!("{} from {a} to {b}", number(outgoing)));
        }
        if incoming > 0 {
            ways.push(format!("{} from {b} to {a}", number(incoming)));
        }
        let text = format!(
            "{} between the two states {} recorded: {}.",
            capitalize(&counted(visits.len(), "visit", "visits")),
            if visits.len() == 1 { "is" } else { "are" },
            join_list(&ways)
        );
        self.said_text(text, visits.iter().map(|v| v.source_id))
    }
}

/// A visit's row of the table, `—` where a fact is not recorded.
fn visit_cells(v: &Visit) -> Vec<String> {
    let or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".to_string());
    vec![
        dates::display_span(&v.start_date, v.end_date.as_deref()),
        v.visitor_name.clone(),
        or_dash(v.visitor_office.clone()),
        format!("{} → {}", v.visitor_state_name, v.host_state_name),
        or_dash(v.kind.clone()),
        or_dash(v.city.clone()),
        or_dash(v.documents_signed.map(|n| n.to_string())),
    ]
}
