//! The brief's templates: the facts of a pair written as statements in reldb's words, each
//! citing its sources. Sections are composed in the order they are laid out, so footnotes are
//! numbered in the order of their first use.

use std::collections::HashMap;

use super::facts::{Agreement, Cooperation, Count, Facts, Membership, Mission, Visit};
use super::words::{
    article, capitalize, counted, humanize, join_list, lower_first, number, on, truncate,
};
use super::{Block, Dossier, Event, EventKind, Footnote, Party, Section, Span, Statement};
use super::{Table, TableRow};
use crate::dates;

/// The longest caption of a timeline event, in characters.
const CAPTION_MAX: usize = 40;

/// The order spheres of cooperation are written in; others follow by code.
const SPHERE_ORDER: [&str; 5] = [
    "political",
    "economic",
    "scientific-technical",
    "humanitarian",
    "security",
];

/// The label of a line of cooperation of a whole sphere, under the sphere's heading.
const SPHERE_LABEL: &str = "In general";

/// The sector whose lines of cooperation get a section of their own.
const TRADE: &str = "trade";

/// Writes the brief on `state` and `partner` from `facts`.
pub(super) fn compose(state: Party, partner: Party, as_of: Option<&str>, facts: &Facts) -> Dossier {
    let mut writer = Writer {
        facts,
        state: &state,
        partner: &partner,
        as_of,
        sources: Vec::new(),
    };
    let (sections, timeline) = if facts.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        writer.sections()
    };
    let lead = writer.lead(sections.is_empty());
    let footnotes = writer.footnotes();
    Dossier {
        title: format!("Relations of {} with {}", state.name, partner.name),
        lead,
        sections,
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

    /// Whether something dated `date` had happened by the brief's date.
    fn happened(&self, date: &str) -> bool {
        self.as_of.is_none_or(|to| dates::on_or_before(date, to))
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
                    source_id: *id,
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
        if let Some(chronology) = self.chronology(&timeline) {
            sections.push(chronology);
        }
        (sections, timeline)
    }

    fn relations(&mut self) -> Option<Section> {
        let blocks: Vec<Block> = self
            .facts
            .relations
            .clone()
            .into_iter()
            .map(|r| {
                let (a, b) = (&self.state.name, &self.partner.name);
                let by = r
                    .established_by
                    .as_deref()
                    .map(|how| format!(", by {how}"))
                    .unwrap_or_default();
                let mut text = match &r.established_on {
                    Some(date) => {
                        format!(
                            "{a} and {b} established diplomatic relations {}{by}.",
                            on(date)
                        )
                    }
                    None => format!(
                        "{a} and {b} have diplomatic relations{by}; when they were established \
                         is not recorded."
                    ),
                };
                if let Some(severed) = r.severed_on.as_deref().filter(|d| self.happened(d)) {
                    text.push_str(&format!(" They were broken off {}.", on(severed)));
                }
                Block::Paragraph(self.said(vec![Span::Text(text)], [r.source_id]))
            })
            .collect();
        section("relations", "Diplomatic relations", blocks)
    }

    fn missions(&mut self) -> Option<Section> {
        let items: Vec<Vec<Statement>> = self
            .facts
            .missions
            .clone()
            .iter()
            .map(|m| {
                let text = self.mission_sentence(m);
                vec![self.said(vec![Span::Text(text)], [m.source_id])]
            })
            .collect();
        section("missions", "Missions", list(items))
    }

    fn mission_sentence(&self, m: &Mission) -> String {
        let kind = humanize(&m.kind);
        let a = article(&kind);
        let sender = &m.sending_name;
        let place = match &m.city {
            Some(city) => format!("{city}, {}", m.receiving_name),
            None => m.receiving_name.clone(),
        };
        let closed = m.closed_on.as_deref().filter(|d| self.happened(d));
        match (m.opened_on.as_deref(), closed) {
            (Some(opened), None) => format!(
                "{sender} has had {a} {kind} in {place} since {}.",
                dates::display(opened)
            ),
            (Some(opened), Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} from {} until {}.",
                dates::display(opened),
                dates::display(closed)
            ),
            (None, None) => {
                format!("{sender} has {a} {kind} in {place}; when it opened is not recorded.")
            }
            (None, Some(closed)) => format!(
                "{sender} kept {a} {kind} in {place} until {}.",
                dates::display(closed)
            ),
        }
    }

    fn organisations(&mut self) -> Option<Section> {
        let groups = group_by(&self.facts.memberships, |m| m.organization.clone());
        if groups.is_empty() {
            return None;
        }
        let intro = format!(
            "{} and {} are both members of these organisations:",
            self.state.name, self.partner.name
        );
        let all = self
            .facts
            .memberships
            .iter()
            .map(|m| m.source_id)
            .collect::<Vec<_>>();
        let intro = self.said(vec![Span::Text(intro)], all);
        let items = groups
            .iter()
            .map(|rows| {
                let text = self.organisation_item(rows);
                vec![self.said(vec![Span::Text(text)], rows.iter().map(|m| m.source_id))]
            })
            .collect();
        section(
            "organisations",
            "International organisations",
            vec![Block::Paragraph(intro), Block::List(items)],
        )
    }

    fn organisation_item(&self, rows: &[&Membership]) -> String {
        let first = rows[0];
        let details: Vec<String> = rows
            .iter()
            .flat_map(|m| {
                let joined = m
                    .joined_on
                    .as_deref()
                    .map(|d| format!("{} since {}", m.state_name, dates::display(d)));
                let left = m
                    .left_on
                    .as_deref()
                    .filter(|d| self.happened(d))
                    .map(|d| format!("{} left {}", m.state_name, on(d)));
                joined.into_iter().chain(left)
            })
            .collect();
        let name = format!("{} ({})", first.organization_name, first.organization);
        if details.is_empty() {
            name
        } else {
            format!("{name}: {}.", details.join("; "))
        }
    }

    fn visits(&mut self) -> Option<Section> {
        let visits = self.facts.visits.clone();
        if visits.is_empty() {
            return None;
        }
        let intro = self.visits_intro(&visits);
        let rows = visits
            .iter()
            .map(|v| TableRow {
                cells: visit_cells(v),
                cites: self.cite([v.source_id]),
            })
            .collect();
        let table = Table {
            columns: [
                "Dates",
                "Visitor",
                "Office",
                "From → to",
                "Kind",
                "Place",
                "Documents signed",
            ]
            .map(str::to_string)
            .to_vec(),
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
        self.said(vec![Span::Text(text)], visits.iter().map(|v| v.source_id))
    }

    fn agreements(&mut self) -> Option<Section> {
        let mut blocks = Vec::new();
        let counts = self.facts.counts.clone();
        if !counts.is_empty() {
            blocks.push(Block::Subheading("Size of the legal base".into()));
            for c in &counts {
                let text = self.count_sentence(c);
                blocks.push(Block::Paragraph(
                    self.said(vec![Span::Text(text)], [c.source_id]),
                ));
            }
        }
        let agreements = self.facts.agreements.clone();
        if !agreements.is_empty() {
            blocks.push(Block::Subheading("Agreements".into()));
            let items = agreements
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
        let qualifier = match c.qualifier.as_str() {
            "exactly" => String::new(),
            other => format!("{} ", humanize(other)),
        };
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
            "As of {}, a source counts {qualifier}{} {}{covering}.",
            dates::display(&c.as_of),
            c.count,
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
        let visits = self.facts.visits.clone();
        let agreements = self.facts.agreements.clone();
        visits
            .iter()
            .filter_map(|v| {
                let signed: Vec<&Agreement> = agreements
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
            statements.push(self.said(vec![Span::Text(text)], [v.source_id]));
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

    fn cooperation(&mut self) -> Option<Section> {
        let rows = self.facts.cooperation.clone();
        let mut blocks = Vec::new();
        let priorities: Vec<&Cooperation> = rows
            .iter()
            .filter(|c| c.kind == "priority_sector")
            .collect();
        if !priorities.is_empty() {
            blocks.push(Block::Subheading("Priority sectors".into()));
            for group in group_by(&priorities, |c| (c.sphere.clone(), c.as_of.clone())) {
                let text = self.priorities_sentence(&group);
                let statement =
                    self.said(vec![Span::Text(text)], group.iter().map(|c| c.source_id));
                blocks.push(Block::Paragraph(statement));
            }
        }
        let others: Vec<&Cooperation> = rows
            .iter()
            .filter(|c| c.kind != "priority_sector" && c.sector != TRADE)
            .collect();
        let mut spheres = group_by(&others, |c| c.sphere.clone());
        spheres.sort_by_key(|group| sphere_rank(&group[0].sphere));
        for mut group in spheres {
            blocks.push(Block::Subheading(self.facts.sector_name(&group[0].sphere)));
            group.sort_by_key(|c| kind_rank(&c.kind));
            let items = group
                .iter()
                .map(|c| {
                    let text = format!(": {}.", self.cooperation_text(c));
                    let label = if c.sector == c.sphere {
                        SPHERE_LABEL.to_string()
                    } else {
                        c.sector_name.clone()
                    };
                    let spans = vec![Span::Label(label), Span::Text(text)];
                    vec![self.said(spans, [c.source_id])]
                })
                .collect();
            blocks.push(Block::List(items));
        }
        section("cooperation", "Cooperation", blocks)
    }

    fn priorities_sentence(&self, group: &[&&Cooperation]) -> String {
        let names: Vec<String> = group.iter().map(|c| lower_first(&c.sector_name)).collect();
        let sphere = lower_first(&self.facts.sector_name(&group[0].sphere));
        let verb = if names.len() == 1 {
            "is named a priority"
        } else {
            "are named priorities"
        };
        let subject = counted(names.len(), "sector", "sectors");
        let sentence = format!("{subject} {verb} of {sphere}: {}.", join_list(&names));
        match &group[0].as_of {
            Some(date) => format!("As of {}, {sentence}", dates::display(date)),
            None => capitalize(&sentence),
        }
    }

    /// A line of cooperation's summary with when and where it was stated or agreed.
    fn cooperation_text(&self, c: &Cooperation) -> String {
        let when = match (c.kind.as_str(), self.visit(c.visit_id), &c.as_of) {
            ("agreed_direction", Some(v), _) => {
                Some(format!("agreed during the {}", visit_phrase(v, false)))
            }
            ("agreed_direction", None, Some(date)) => {
                Some(format!("agreed direction, {}", dates::display(date)))
            }
            ("agreed_direction", None, None) => Some("agreed direction".to_string()),
            (_, Some(v), _) => Some(format!("during the {}", visit_phrase(v, false))),
            (_, None, Some(date)) => Some(format!("as of {}", dates::display(date))),
            (_, None, None) => None,
        };
        match when {
            Some(when) => format!("{} ({when})", c.summary),
            None => c.summary.clone(),
        }
    }

    fn trade(&mut self) -> Option<Section> {
        let rows: Vec<Cooperation> = self
            .facts
            .cooperation
            .iter()
            .filter(|c| c.sector == TRADE && c.kind != "priority_sector")
            .cloned()
            .collect();
        let items = rows
            .iter()
            .map(|c| {
                let text = format!("{}.", self.cooperation_text(c));
                vec![self.said(vec![Span::Text(text)], [c.source_id])]
            })
            .collect();
        section("trade", "Trade", list(items))
    }

    /// The timeline's events, citing their sources.
    fn timeline(&mut self) -> Vec<Event> {
        self.facts
            .timeline
            .clone()
            .into_iter()
            .map(|row| Event {
                kind: EventKind::of(&row.event),
                record: format!("{}:{}", row.record_table, row.record_id),
                caption: self.caption(&row.event, &row.record_id, &row.description),
                cites: self.cite([row.source_id]),
                date: row.date,
                event: row.event,
                description: row.description,
            })
            .collect()
    }

    fn chronology(&mut self, timeline: &[Event]) -> Option<Section> {
        let items = timeline
            .iter()
            .map(|e| {
                let spans = vec![
                    Span::Label(dates::display(&e.date)),
                    Span::Text(format!(": {}.", e.description)),
                ];
                vec![Statement {
                    spans,
                    cites: e.cites.clone(),
                }]
            })
            .collect();
        section("chronology", "Chronology", list(items))
    }

    /// A short caption for a timeline event, from the record it comes from.
    fn caption(&self, event: &str, record_id: &str, description: &str) -> String {
        let id: Option<i64> = record_id.parse().ok();
        let facts = self.facts;
        let caption = match event {
            "relations_established" => Some("Diplomatic relations established".to_string()),
            "relations_severed" => Some("Diplomatic relations broken off".to_string()),
            "visit" => facts
                .visits
                .iter()
                .find(|v| Some(v.id) == id)
                .map(|v| format!("{} visits {}", v.visitor_name, v.host_state_name)),
            "mission_opened" | "mission_closed" => {
                facts.missions.iter().find(|m| Some(m.id) == id).map(|m| {
                    let verb = if event == "mission_opened" {
                        "opens"
                    } else {
                        "closes"
                    };
                    format!(
                        "{} of {} {verb}",
                        capitalize(&humanize(&m.kind)),
                        m.sending_name
                    )
                })
            }
            "agreement_signed" | "agreement_in_force" => {
                facts.agreements.iter().find(|a| Some(a.id) == id).map(|a| {
                    let prefix = if event == "agreement_in_force" {
                        "In force: "
                    } else {
                        ""
                    };
                    format!("{prefix}{}", short_title(&a.title))
                })
            }
            "legal_base_counted" => facts.counts.iter().find(|c| Some(c.id) == id).map(|c| {
                let qualifier = match c.qualifier.as_str() {
                    "exactly" => String::new(),
                    other => format!("{} ", humanize(other)),
                };
                format!("Legal base: {qualifier}{} documents", c.count)
            }),
            _ => None,
        };
        truncate(
            &caption.unwrap_or_else(|| description.to_string()),
            CAPTION_MAX,
        )
    }

    fn visit(&self, id: Option<i64>) -> Option<&Visit> {
        let id = id?;
        self.facts.visits.iter().find(|v| v.id == id)
    }
}

/// "official visit of Ilham Aliyev (President of Azerbaijan) to Tajikistan, 15–16 March 2007".
fn visit_phrase(v: &Visit, with_office: bool) -> String {
    let kind = v
        .kind
        .as_deref()
        .map(|k| format!("{k} "))
        .unwrap_or_default();
    let office = match (&v.visitor_office, with_office) {
        (Some(office), true) => format!(" ({office})"),
        _ => String::new(),
    };
    format!(
        "{kind}visit of {}{office} to {}, {}",
        v.visitor_name,
        v.host_state_name,
        dates::display_span(&v.start_date, v.end_date.as_deref())
    )
}

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

/// A title cut before its parties (`Agreement on Friendship and Cooperation between the ...`
/// → `Agreement on Friendship and Cooperation`), for a caption.
fn short_title(title: &str) -> String {
    const MIN_PREFIX: usize = 12;
    let cut = [" between ", " of "]
        .iter()
        .filter_map(|marker| {
            title
                .match_indices(marker)
                .map(|(index, _)| index)
                .find(|index| *index >= MIN_PREFIX)
        })
        .min()
        .unwrap_or(title.len());
    title[..cut].to_string()
}

/// Lines of cooperation within a sphere: directions agreed first, then what goes on.
fn kind_rank(kind: &str) -> usize {
    match kind {
        "agreed_direction" => 0,
        "activity" => 1,
        _ => 2,
    }
}

fn sphere_rank(sphere: &str) -> (usize, String) {
    let rank = SPHERE_ORDER
        .iter()
        .position(|s| *s == sphere)
        .unwrap_or(SPHERE_ORDER.len());
    (rank, sphere.to_string())
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

fn list(items: Vec<Vec<Statement>>) -> Vec<Block> {
    if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List(items)]
    }
}

fn section(id: &str, heading: &str, blocks: Vec<Block>) -> Option<Section> {
    (!blocks.is_empty()).then(|| Section {
        id: id.to_string(),
        heading: heading.to_string(),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn short_titles_drop_the_parties() {
        assert_eq!(
            short_title("Agreement on Friendship and Cooperation between the Republic of Tajikistan and the Republic of Azerbaijan"),
            "Agreement on Friendship and Cooperation"
        );
        assert_eq!(
            short_title("Joint Statement of the President of the Republic of Tajikistan"),
            "Joint Statement"
        );
        assert_eq!(short_title("Treaty of Friendship"), "Treaty of Friendship");
    }
}
