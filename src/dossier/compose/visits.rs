//! "Visits": how many each way, and a table of them.

use super::super::facts::Visit;
use super::super::words::{capitalize, counted, join_list, number};
use super::super::{Block, Section, Statement, Table, TableRow};
use super::{section, Writer};
use crate::dates;

/// The column of the visits table that gives their way.
const WAY_COLUMN: usize = 3;

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

/// More visits than this are counted in the body (by decade, by office) and listed one by one
/// in an annex, so that the body stays a few pages long whatever the number of visits.
pub(super) const LISTED_IN_BODY: usize = 12;

/// Visitors named per decade in the summary.
const TOP_VISITORS: usize = 2;

impl Writer<'_> {
    pub(super) fn visits(&mut self) -> Option<Section> {
        let facts = self.facts;
        let visits = &facts.visits;
        if visits.is_empty() {
            return None;
        }
        let annexed = visits.len() > LISTED_IN_BODY;
        let intro = self.visits_intro(visits, annexed);
        let mut blocks = vec![Block::Paragraph(intro)];
        if annexed {
            blocks.push(Block::Subheading("By decade".to_string()));
            blocks.push(Block::Table(self.by_decade(visits)));
            blocks.push(Block::Subheading("By office".to_string()));
            blocks.push(Block::Table(self.by_office(visits)));
        }
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
        if annexed {
            let table = Block::Table(without_uninformative_columns(table));
            self.annexes
                .extend(section(ANNEX_ID, ANNEX_HEADING, vec![table]));
        } else {
            blocks.push(Block::Table(table));
        }
        section("visits", "Visits", blocks)
    }

    fn visits_intro(&mut self, visits: &[Visit], annexed: bool) -> Statement {
        let (a, b) = (&self.state.name, &self.partner.name);
        let outgoing = visits
            .iter()
            .filter(|v| v.visitor_state == self.state.code)
            .count();
        let incoming = visits.len() - outgoing;
        let mut ways = Vec::new();
        if outgoing > 0 {
            ways.push(format!("{} from {a} to {b}", number(outgoing)));
        }
        if incoming > 0 {
            ways.push(format!("{} from {b} to {a}", number(incoming)));
        }
        let mut text = format!(
            "{} between the two states {} recorded: {}.",
            capitalize(&counted(visits.len(), "visit", "visits")),
            if visits.len() == 1 { "is" } else { "are" },
            join_list(&ways)
        );
        if annexed {
            text.push_str(&format!(
                " They are counted below by decade and by office, and listed one by one in \
                 the annex ({ANNEX_HEADING})."
            ));
        }
        self.said_text(text, visits.iter().map(|v| v.source_id))
    }

    /// Visits per decade, each way where there are visits both ways, with the visitors who
    /// came most often.
    fn by_decade(&mut self, visits: &[Visit]) -> Table {
        let (a, b) = (&self.state.name, &self.partner.name);
        let outgoing = |group: &[&Visit]| {
            group
                .iter()
                .filter(|v| v.visitor_state == self.state.code)
                .count()
        };
        let all: Vec<&Visit> = visits.iter().collect();
        let both_ways = (1..all.len()).contains(&outgoing(&all));
        let mut columns = vec!["Decade".to_string()];
        if both_ways {
            columns.push(format!("{a} → {b}"));
            columns.push(format!("{b} → {a}"));
        } else {
            columns.push("Visits".to_string());
        }
        columns.push("Most visits by".to_string());
        let mut rows = Vec::new();
        for (decade, group) in group_sorted(visits, |v| decade(&v.start_date)) {
            let mut cells = vec![format!("{decade}s")];
            if both_ways {
                let out = outgoing(&group);
                cells.push(out.to_string());
                cells.push((group.len() - out).to_string());
            } else {
                cells.push(group.len().to_string());
            }
            cells.push(frequent_visitors(&group));
            rows.push(TableRow {
                cells,
                cites: self.cite(group.iter().map(|v| v.source_id)),
            });
        }
        Table { columns, rows }
    }

    /// Visits per office of the visitor, most first, with the first and the last.
    fn by_office(&mut self, visits: &[Visit]) -> Table {
        let mut offices = group_sorted(visits, |v| {
            v.visitor_office
                .clone()
                .unwrap_or_else(|| "not recorded".to_string())
        });
        offices.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
        let rows = offices
            .into_iter()
            .map(|(office, group)| {
                let first = group.iter().map(|v| v.start_date.as_str()).min();
                let last = group.iter().map(|v| v.start_date.as_str()).max();
                TableRow {
                    cells: vec![
                        office,
                        group.len().to_string(),
                        first.map(dates::display).unwrap_or_default(),
                        last.map(dates::display).unwrap_or_default(),
                    ],
                    cites: self.cite(group.iter().map(|v| v.source_id)),
                }
            })
            .collect();
        Table {
            columns: ["Office", "Visits", "First", "Last"]
                .map(str::to_string)
                .to_vec(),
            rows,
        }
    }
}

/// The annex that lists every visit when the body only counts them.
const ANNEX_ID: &str = "annex-visits";
const ANNEX_HEADING: &str = "Annex: all visits";

/// `table` without the columns that say nothing row by row: those where no fact is recorded
/// (every cell `—`), and the way of the visits when every visit goes the same way (the
/// section says so), so that a long annex stays short.
fn without_uninformative_columns(table: Table) -> Table {
    let column = |c: usize| table.rows.iter().map(move |r| r.cells[c].as_str());
    let keep: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            let recorded = column(c).any(|cell| cell != "—");
            let first = column(c).next().unwrap_or_default();
            let varies = column(c).any(|cell| cell != first);
            recorded && (c != WAY_COLUMN || varies)
        })
        .collect();
    let pick = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .zip(&keep)
            .filter_map(|(cell, keep)| keep.then_some(cell))
            .collect()
    };
    Table {
        columns: pick(table.columns),
        rows: table
            .rows
            .into_iter()
            .map(|row| TableRow {
                cells: pick(row.cells),
                cites: row.cites,
            })
            .collect(),
    }
}

/// The decade of a partial ISO date (`1961-05` → 1960).
fn decade(date: &str) -> i64 {
    let year: i64 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    year.div_euclid(10) * 10
}

/// `visits` grouped by `key`, groups in key order, visits in their order.
fn group_sorted<K: Ord + Clone>(
    visits: &[Visit],
    key: impl Fn(&Visit) -> K,
) -> Vec<(K, Vec<&Visit>)> {
    let mut groups: std::collections::BTreeMap<K, Vec<&Visit>> = Default::default();
    for v in visits {
        groups.entry(key(v)).or_default().push(v);
    }
    groups.into_iter().collect()
}

/// The visitors of `group` who came most often, with their counts where more than one:
/// `Franklin D. Roosevelt (12), Cordell Hull (3)`.
fn frequent_visitors(group: &[&Visit]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in group {
        match counts.iter_mut().find(|(name, _)| *name == v.visitor_name) {
            Some((_, n)) => *n += 1,
            None => counts.push((&v.visitor_name, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
        .iter()
        .take(TOP_VISITORS)
        .map(|(name, n)| match n {
            1 => (*name).to_string(),
            n => format!("{name} ({n})"),
        })
        .collect::<Vec<_>>()
        .join(", ")
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
