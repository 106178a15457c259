//! The bilateral brief, "Relations of X with Y", written from the database.
//!
//! [`gather`] reads a pair's facts through the named queries (`crate::queries::bound_statement`) and
//! writes them, from templates in reldb's own words, into a [`Dossier`]: sections of statements,
//! each citing the source rows it rests on by footnote number, numbered in order of first use.
//! [`render`] only lays the dossier out, in Markdown or in HTML; the HTML adds an SVG timeline. Sections the database has no facts for are left out; a pair
//! with no facts at all gets a brief that says so.
//!
//! ```no_run
//! use reldb::{dossier, Database};
//!
//! let db = Database::open("reldb.db")?;
//! let brief = dossier::gather(&db, "Tajikistan", "AZ", Some("2007-06-01"))?;
//! print!("{}", dossier::render(&brief, dossier::Format::Markdown));
//! # Ok::<(), reldb::Error>(())
//! ```

mod compose;
mod event;
mod facts;
mod html;
mod markdown;
mod svg;
mod words;

use std::str::FromStr;

use crate::dates;
use crate::error::{Error, Result, UsageError};
use crate::states::StateResolver;
use crate::Database;

use event::EventKind;
use facts::Facts;

/// One of the two states a dossier is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    /// Its state code.
    pub(crate) code: String,
    /// Its common short name as it reads in running text, with "the" where a careful writer
    /// puts it (`the United States`); capitalise it at the start of a sentence.
    pub(crate) name: String,
}

/// A run of text in a statement, with how it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Span {
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
pub(crate) struct Statement {
    /// The text, in runs.
    pub(crate) spans: Vec<Span>,
    /// Footnote numbers, ascending.
    pub(crate) cites: Vec<usize>,
}

/// A row of a table, with the footnotes of the sources it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableRow {
    /// One cell per column.
    pub(crate) cells: Vec<String>,
    /// Footnote numbers, ascending.
    pub(crate) cites: Vec<usize>,
}

/// A table; the renderers add a last column for the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    /// Column headings.
    pub(crate) columns: Vec<String>,
    /// The rows.
    pub(crate) rows: Vec<TableRow>,
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
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
pub(crate) struct Section {
    /// A short identifier, usable as an HTML id (`visits`).
    pub(crate) id: String,
    /// The heading.
    pub(crate) heading: String,
    /// The content.
    pub(crate) blocks: Vec<Block>,
}

/// A dated event of the pair, one per row of the `timeline` query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Partial ISO date.
    pub(crate) date: String,
    /// What happened.
    pub(crate) kind: EventKind,
    /// The row it comes from, as `table:id` (`visits:2`).
    pub(crate) record: String,
    /// A short caption for the timeline (`Ilham Aliyev visits Tajikistan`).
    pub(crate) caption: String,
    /// What happened, in a sentence in the brief's words (the chronology's).
    pub(crate) description: String,
    /// Footnote numbers.
    pub(crate) cites: Vec<usize>,
}

/// A source cited by the brief: its footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Footnote {
    /// The footnote number (1 for the first source cited).
    pub(crate) number: usize,
    /// Its title.
    pub title: String,
    /// Its publisher, where known.
    pub(crate) publisher: Option<String>,
    /// Its date of publication (partial ISO), where known.
    pub(crate) published_on: Option<String>,
    /// Its address, where known.
    pub(crate) address: Option<String>,
}

impl Statement {
    /// Whether the statement introduces what follows it (it ends in a colon).
    fn introduces(&self) -> bool {
        matches!(self.spans.last(), Some(Span::Text(text)) if text.trim_end().ends_with(':'))
    }
}

impl Footnote {
    /// The publisher, unless the title already begins with it (a title such as "Office of the
    /// Historian, US Department of State: travels ..." names it).
    pub(crate) fn publisher_shown(&self) -> Option<&str> {
        self.publisher
            .as_deref()
            .filter(|publisher| !self.title.starts_with(publisher))
    }

    /// What a full citation lacks, said once: `publisher and address not recorded`.
    pub(crate) fn missing(&self) -> Option<String> {
        let mut missing = Vec::new();
        if self.publisher.is_none() {
            missing.push("publisher");
        }
        if self.address.is_none() {
            missing.push("address");
        }
        (!missing.is_empty()).then(|| format!("{} not recorded", missing.join(" and ")))
    }

    /// The date, written out, or `undated`.
    pub(crate) fn date(&self) -> String {
        self.published_on
            .as_deref()
            .map_or_else(|| "undated".to_string(), dates::display)
    }
}

/// Which list items of `blocks` show their footnote marks, per block (empty for blocks that
/// are not lists). Where one source supports a whole list, its mark is not repeated on every
/// item: the paragraph that introduces the lists that follow (it ends in a colon) carries it
/// when it cites the same, or else the last item does; a list of mixed sources marks every
/// item.
pub(crate) fn list_marks(blocks: &[Block]) -> Vec<Vec<bool>> {
    let mut covering: Option<&[usize]> = None;
    blocks
        .iter()
        .map(|block| match block {
            Block::Subheading(_) => Vec::new(),
            Block::Paragraph(statement) => {
                let cites = Some(&statement.cites[..]).filter(|c| !c.is_empty());
                if statement.introduces() {
                    covering = cites;
                } else if covering != cites {
                    covering = None;
                }
                Vec::new()
            }
            Block::Table(_) => {
                covering = None;
                Vec::new()
            }
            Block::List(items) => {
                let first = items.first().and_then(|i| i.first()).map(|s| &s.cites[..]);
                let uniform = first.filter(|cites| {
                    !cites.is_empty()
                        && items.iter().flatten().all(|s| s.cites.as_slice() == *cites)
                });
                match uniform {
                    Some(cites) if covering == Some(cites) => vec![false; items.len()],
                    Some(_) => {
                        covering = None;
                        (0..items.len()).map(|i| i + 1 == items.len()).collect()
                    }
                    None => {
                        covering = None;
                        vec![true; items.len()]
                    }
                }
            }
        })
        .collect()
}

/// Within one list item, which statements show their marks: a statement followed by another
/// citing the same leaves its marks to that one; the last shows them if `item_marked`.
pub(crate) fn statement_marks(item: &[Statement], item_marked: bool) -> Vec<bool> {
    (0..item.len())
        .map(|i| match item.get(i + 1) {
            Some(next) => next.cites != item[i].cites,
            None => item_marked,
        })
        .collect()
}

/// The brief on one pair of states, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// The state the brief is written for.
    pub(crate) state: Party,
    /// Its partner.
    pub(crate) partner: Party,
    /// The date the brief stands at, where one was given.
    pub(crate) as_of: Option<String>,
    /// "Relations of X with Y".
    pub title: String,
    /// Paragraphs under the title: the date the brief stands at and its sources, what the
    /// brief is, or that it has no facts.
    pub(crate) lead: Vec<Statement>,
    /// The sections, in order; none without facts.
    pub(crate) sections: Vec<Section>,
    /// Long lists the sections only sum up (every visit, when there are many), laid out
    /// after them.
    pub(crate) annexes: Vec<Section>,
    /// The pair's dated events, oldest first.
    pub(crate) timeline: Vec<Event>,
    /// The sources cited, in footnote order.
    pub(crate) footnotes: Vec<Footnote>,
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

/// Writes the brief on `state` and `partner` (each by code, iso3 or any name) from the facts
/// in `db`; with `as_of` (a partial ISO date), as it would have stood on that date.
pub fn gather(db: &Database, state: &str, partner: &str, as_of: Option<&str>) -> Result<Dossier> {
    gather_with(db, state, partner, as_of, false)
}

/// [`gather`], and with `stated_only` the brief leaves out what is reldb's inference rather
/// than its sources' statement (rows and links whose `basis` is `inferred`), where it would
/// otherwise word it as such ("probably signed during ...").
pub fn gather_with(
    db: &Database,
    state: &str,
    partner: &str,
    as_of: Option<&str>,
    stated_only: bool,
) -> Result<Dossier> {
    if let Some(date) = as_of {
        dates::validate(date).map_err(|why| Error::Parameter(format!("--as-of {date}: {why}")))?;
    }
    let (state, partner) = resolve_pair(db, state, partner)?;
    let mut facts = Facts::read(db, &state.code, &partner.code, as_of)?;
    if stated_only {
        facts = facts.stated_only();
    }
    Ok(compose::compose(state, partner, as_of, &facts))
}

fn resolve_pair(db: &Database, state: &str, partner: &str) -> Result<(Party, Party)> {
    let resolver = StateResolver::load(db.connection())?;
    let party = |name: &str| -> Result<(String, String)> {
        let code = resolver.resolve(name, None)?;
        Ok((
            code.to_string(),
            resolver.name_of(code).unwrap_or(code).to_string(),
        ))
    };
    let (state, partner) = (party(state)?, party(partner)?);
    if state.0 == partner.0 {
        return Err(UsageError::SameState {
            name: state.1,
            code: state.0,
        }
        .into());
    }
    let in_text = |(code, name): (String, String)| Party {
        code,
        name: words::in_text(&name),
    };
    Ok((in_text(state), in_text(partner)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(text: &str, cites: &[usize]) -> Statement {
        Statement {
            spans: vec![Span::Text(text.to_string())],
            cites: cites.to_vec(),
        }
    }

    fn items(cites: &[&[usize]]) -> Block {
        Block::List(
            cites
                .iter()
                .map(|c| vec![statement("An item.", c)])
                .collect(),
        )
    }

    #[test]
    fn a_list_from_one_source_is_marked_once() {
        // Introduced by a paragraph citing the same source, across a subheading: no item marks.
        let introduced = [
            Block::Paragraph(statement("The source reported:", &[1])),
            Block::Subheading("Culture".into()),
            items(&[&[1], &[1]]),
        ];
        assert_eq!(
            list_marks(&introduced),
            [vec![], vec![], vec![false, false]]
        );
        // A paragraph that does not introduce the list leaves the mark to its last item.
        let alone = [
            Block::Paragraph(statement("A count.", &[1])),
            items(&[&[1], &[1], &[1]]),
        ];
        assert_eq!(list_marks(&alone), [vec![], vec![false, false, true]]);
        // Mixed sources: every item shows its own.
        let mixed = [
            Block::Paragraph(statement("The sources reported:", &[1, 2])),
            items(&[&[1], &[2]]),
        ];
        assert_eq!(list_marks(&mixed), [vec![], vec![true, true]]);
        // Uncited items always say so.
        assert_eq!(list_marks(&[items(&[&[], &[]])]), [vec![true, true]]);
    }

    #[test]
    fn statements_of_one_item_share_a_mark() {
        let item = [
            statement("One.", &[1]),
            statement("Two.", &[1]),
            statement("Three.", &[2]),
        ];
        assert_eq!(statement_marks(&item, true), [false, true, true]);
        assert_eq!(statement_marks(&item, false), [false, true, false]);
    }
}
