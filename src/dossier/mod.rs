//! The bilateral brief, "Relations of X with Y", written from the database.
//!
//! [`gather`] reads a pair's facts through the named queries ([`crate::queries::fetch`]) and
//! writes them, from templates in reldb's own words, into a [`Dossier`]: sections of statements,
//! each citing the source rows it rests on by footnote number, numbered in order of first use.
//! [`markdown::render`] and [`html::render`] only lay the dossier out; the HTML adds an SVG
//! timeline drawn by [`svg::render`]. Sections the database has no facts for are left out; a pair
//! with no facts at all gets a brief that says so.
//!
//! ```no_run
//! use reldb::{dossier, Database};
//!
//! let db = Database::open("reldb.db")?;
//! let brief = dossier::gather(&db, "Tajikistan", "AZ", Some("2007-06-01"))?;
//! print!("{}", dossier::markdown::render(&brief));
//! # Ok::<(), reldb::Error>(())
//! ```

mod compose;
mod facts;
pub mod html;
pub mod markdown;
pub mod svg;
mod words;

use std::str::FromStr;

use crate::dates;
use crate::error::{Error, Result};
use crate::states::StateResolver;
use crate::Database;

use facts::Facts;

/// One of the two states a dossier is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// Its iso2 code.
    pub iso2: String,
    /// Its common short name.
    pub name: String,
}

/// A run of text in a statement, with how it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// The title of a document (set in italics).
    Title(String),
    /// A label that leads a list item (set in bold).
    Label(String),
}

/// A sentence or two of the brief, with the footnotes of the sources it rests on (empty when
/// its facts cite no source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The text, in runs.
    pub spans: Vec<Span>,
    /// Footnote numbers, ascending.
    pub cites: Vec<usize>,
}

impl Statement {
    /// The statement's text without its setting.
    pub fn plain_text(&self) -> String {
        self.spans
            .iter()
            .map(|span| match span {
                Span::Text(t) | Span::Title(t) | Span::Label(t) => t.as_str(),
            })
            .collect()
    }
}

/// A row of a table, with the footnotes of the sources it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// One cell per column.
    pub cells: Vec<String>,
    /// Footnote numbers, ascending.
    pub cites: Vec<usize>,
}

/// A table; the renderers add a last column for the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<TableRow>,
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading within a section.
    Subheading(String),
    /// A paragraph.
    Paragraph(Statement),
    /// A bulleted list; each item is one or more statements.
    List(Vec<Vec<Statement>>),
    /// A table.
    Table(Table),
}

/// A section of the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A short identifier, usable as an HTML id (`visits`).
    pub id: String,
    /// The heading.
    pub heading: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// What kind of thing an event of the timeline is, for drawing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// Diplomatic relations established or broken off.
    Relations,
    /// A mission opened or closed.
    Mission,
    /// A visit.
    Visit,
    /// An agreement signed or in force.
    Agreement,
    /// A source's count of the legal base.
    LegalBase,
    /// Anything else the timeline query returns.
    Other,
}

impl EventKind {
    /// The kind of a `timeline` query event (`visit`, `mission_opened`...).
    pub fn of(event: &str) -> Self {
        match event {
            "relations_established" | "relations_severed" => EventKind::Relations,
            "mission_opened" | "mission_closed" => EventKind::Mission,
            "visit" => EventKind::Visit,
            "agreement_signed" | "agreement_in_force" => EventKind::Agreement,
            "legal_base_counted" => EventKind::LegalBase,
            _ => EventKind::Other,
        }
    }

    /// A lower-case name, usable as a CSS class (`legal-base`).
    pub fn class(self) -> &'static str {
        match self {
            EventKind::Relations => "relations",
            EventKind::Mission => "mission",
            EventKind::Visit => "visit",
            EventKind::Agreement => "agreement",
            EventKind::LegalBase => "legal-base",
            EventKind::Other => "other",
        }
    }

    /// A heading for a legend.
    pub fn legend(self) -> &'static str {
        match self {
            EventKind::Relations => "Relations",
            EventKind::Mission => "Missions",
            EventKind::Visit => "Visits",
            EventKind::Agreement => "Agreements",
            EventKind::LegalBase => "Legal base",
            EventKind::Other => "Other",
        }
    }
}

/// A dated event of the pair, one per row of the `timeline` query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Partial ISO date.
    pub date: String,
    /// The query's event name (`visit`, `agreement_signed`...).
    pub event: String,
    /// What kind of thing it is.
    pub kind: EventKind,
    /// The row it comes from, as `table:id` (`visits:2`).
    pub record: String,
    /// A short caption for the timeline (`Ilham Aliyev visits Tajikistan`).
    pub caption: String,
    /// The full description the query gives.
    pub description: String,
    /// Footnote numbers.
    pub cites: Vec<usize>,
}

/// A source cited by the brief: its footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// The footnote number (1 for the first source cited).
    pub number: usize,
    /// The source's id in the `sources` table.
    pub source_id: i64,
    /// Its title.
    pub title: String,
    /// Its publisher, where known.
    pub publisher: Option<String>,
    /// Its date of publication (partial ISO), where known.
    pub published_on: Option<String>,
    /// Its address, where known.
    pub address: Option<String>,
}

/// The brief on one pair of states, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// The state the brief is written for.
    pub state: Party,
    /// Its partner.
    pub partner: Party,
    /// The date the brief stands at, where one was given.
    pub as_of: Option<String>,
    /// "Relations of X with Y".
    pub title: String,
    /// Paragraphs under the title: what the brief is, and whether it has any facts.
    pub lead: Vec<String>,
    /// The sections, in order; none without facts.
    pub sections: Vec<Section>,
    /// The pair's dated events, oldest first.
    pub timeline: Vec<Event>,
    /// The sources cited, in footnote order.
    pub footnotes: Vec<Footnote>,
}

impl Dossier {
    /// Whether the database held no facts on the pair.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }
}

/// A layout of the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown with footnotes, for pasting into documents.
    Markdown,
    /// One self-contained HTML file, printable on A4.
    Html,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format '{other}' (formats: markdown, html)"
            )),
        }
    }
}

/// Lays `dossier` out in `format`.
pub fn render(dossier: &Dossier, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(dossier),
        Format::Html => html::render(dossier),
    }
}

/// Writes the brief on `state` and `partner` (each by iso2, iso3 or any name) from the facts
/// in `db`; with `as_of` (a partial ISO date), as it would have stood on that date.
pub fn gather(db: &Database, state: &str, partner: &str, as_of: Option<&str>) -> Result<Dossier> {
    if let Some(date) = as_of {
        dates::validate(date).map_err(|why| Error::Parameter(format!("--as-of {date}: {why}")))?;
    }
    let (state, partner) = resolve_pair(db, state, partner)?;
    let facts = Facts::read(db, &state.iso2, &partner.iso2, as_of)?;
    Ok(compose::compose(state, partner, as_of, &facts))
}

fn resolve_pair(db: &Database, state: &str, partner: &str) -> Result<(Party, Party)> {
    let resolver = StateResolver::load(db.connection())?;
    let party = |name: &str| -> Result<Party> {
        let iso2 = resolver.resolve(name, None)?;
        Ok(Party {
            iso2: iso2.to_string(),
            name: resolver.name_of(iso2).unwrap_or(iso2).to_string(),
        })
    };
    let (state, partner) = (party(state)?, party(partner)?);
    if state.iso2 == partner.iso2 {
        return Err(Error::Invalid(format!(
            "a dossier is on two states, but both names mean {} ({})",
            state.name, state.iso2
        )));
    }
    Ok((state, partner))
}
