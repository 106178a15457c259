//! The facts of one pair of states, read through the named queries (`queries::fetch`) into
//! typed rows. Nothing here decides how they are written.

use std::collections::HashMap;

use crate::error::Result;
use crate::queries::{self, Rows};
use crate::Database;

/// Diplomatic relations of the pair (`relations` query).
#[derive(Debug, Clone)]
pub(super) struct Relation {
    pub established_on: Option<String>,
    pub established_by: Option<String>,
    pub severed_on: Option<String>,
    pub source_id: Option<i64>,
}

/// A mission one of the pair keeps in the other (`missions` query).
#[derive(Debug, Clone)]
pub(super) struct Mission {
    pub id: i64,
    pub sending_name: String,
    pub receiving_name: String,
    pub kind: String,
    pub city: Option<String>,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
    pub source_id: Option<i64>,
}

/// One state's membership of an organisation both belong to (`memberships` query).
#[derive(Debug, Clone)]
pub(super) struct Membership {
    pub organization: String,
    pub organization_name: String,
    pub state_name: String,
    pub joined_on: Option<String>,
    pub left_on: Option<String>,
    pub source_id: Option<i64>,
}

/// A visit between the pair (`visits` query).
#[derive(Debug, Clone)]
pub(super) struct Visit {
    pub id: i64,
    pub start_date: String,
    pub end_date: Option<String>,
    pub visitor_name: String,
    pub visitor_office: Option<String>,
    pub visitor_state: String,
    pub visitor_state_name: String,
    pub host_state_name: String,
    pub kind: Option<String>,
    pub city: Option<String>,
    pub documents_signed: Option<i64>,
    pub source_id: Option<i64>,
}

/// An agreement both are party to (`agreements` query).
#[derive(Debug, Clone)]
pub(super) struct Agreement {
    pub id: i64,
    pub signed_on: Option<String>,
    pub title: String,
    pub kind: String,
    pub signed_at: Option<String>,
    pub in_force_on: Option<String>,
    pub visit_id: Option<i64>,
    pub source_id: Option<i64>,
}

/// A count of the pair's legal base (`legal_base` query).
#[derive(Debug, Clone)]
pub(super) struct Count {
    pub id: i64,
    pub as_of: String,
    pub count: i64,
    pub qualifier: String,
    pub description: String,
    pub sectors: Vec<String>,
    pub source_id: Option<i64>,
}

/// A line of cooperation of the pair (`cooperation` query).
#[derive(Debug, Clone)]
pub(super) struct Cooperation {
    pub sector: String,
    pub sector_name: String,
    pub sphere: String,
    pub kind: String,
    pub summary: String,
    pub as_of: Option<String>,
    pub visit_id: Option<i64>,
    pub source_id: Option<i64>,
}

/// An event of the pair's timeline (`timeline` query).
#[derive(Debug, Clone)]
pub(super) struct TimelineRow {
    pub date: String,
    pub event: String,
    pub description: String,
    pub record_table: String,
    pub record_id: String,
    pub source_id: Option<i64>,
}

/// A source (`sources` query).
#[derive(Debug, Clone)]
pub(super) struct SourceRow {
    pub title: String,
    pub publisher: Option<String>,
    pub published_on: Option<String>,
    pub address: Option<String>,
}

/// Everything the database holds on a pair, up to a date where one is given.
#[derive(Debug, Clone)]
pub(super) struct Facts {
    pub relations: Vec<Relation>,
    pub missions: Vec<Mission>,
    pub memberships: Vec<Membership>,
    pub visits: Vec<Visit>,
    pub agreements: Vec<Agreement>,
    pub counts: Vec<Count>,
    pub cooperation: Vec<Cooperation>,
    pub timeline: Vec<TimelineRow>,
    /// Sectors and spheres by code: (name, sphere).
    pub sectors: HashMap<String, (String, String)>,
    /// Sources by id.
    pub sources: HashMap<i64, SourceRow>,
}

impl Facts {
    /// Reads the facts of the pair `state`–`partner` (iso2 codes), leaving out those dated after
    /// `as_of` where it is given.
    pub fn read(db: &Database, state: &str, partner: &str, as_of: Option<&str>) -> Result<Self> {
        let mut pair = vec![
            ("state".to_string(), state.to_string()),
            ("partner".to_string(), partner.to_string()),
        ];
        if let Some(date) = as_of {
            pair.push(("to".to_string(), date.to_string()));
        }
        let fetch = |name: &str| queries::fetch(db, name, &pair);
        Ok(Facts {
            relations: rows(&fetch("relations")?, relation),
            missions: rows(&fetch("missions")?, mission),
            memberships: rows(&fetch("memberships")?, membership),
            visits: rows(&fetch("visits")?, visit),
            agreements: rows(&fetch("agreements")?, agreement),
            counts: rows(&fetch("legal_base")?, count),
            cooperation: rows(&fetch("cooperation")?, cooperation),
            timeline: rows(&fetch("timeline")?, timeline_row),
            sectors: rows(&queries::fetch(db, "sectors", &[])?, |r| {
                (r.text("code"), (r.text("name"), r.text("sphere")))
            })
            .into_iter()
            .collect(),
            sources: rows(&queries::fetch(db, "sources", &[])?, |r| {
                (r.integer("id").unwrap_or_default(), source(r))
            })
            .into_iter()
            .collect(),
        })
    }

    /// Whether the pair has no facts at all (shared memberships count as facts).
    pub fn is_empty(&self) -> bool {
        self.relations.is_empty()
            && self.missions.is_empty()
            && self.memberships.is_empty()
            && self.visits.is_empty()
            && self.agreements.is_empty()
            && self.counts.is_empty()
            && self.cooperation.is_empty()
            && self.timeline.is_empty()
    }

    /// The name of a sector or sphere, or its code when it has none.
    pub fn sector_name(&self, code: &str) -> String {
        self.sectors
            .get(code)
            .map_or_else(|| code.to_string(), |(name, _)| name.clone())
    }

    /// The sphere a sector belongs to (a sphere is its own), or the code when it is unknown.
    pub fn sphere_of(&self, code: &str) -> String {
        self.sectors
            .get(code)
            .map_or_else(|| code.to_string(), |(_, sphere)| sphere.clone())
    }
}

/// One row of a [`Rows`], read by column name.
struct Row<'a> {
    rows: &'a Rows,
    index: usize,
}

impl Row<'_> {
    fn optional(&self, column: &str) -> Option<String> {
        self.rows
            .text(self.index, column)
            .filter(|t| !t.trim().is_empty())
    }

    fn text(&self, column: &str) -> String {
        self.optional(column).unwrap_or_default()
    }

    fn integer(&self, column: &str) -> Option<i64> {
        self.optional(column)?.parse().ok()
    }
}

fn rows<T>(rows: &Rows, read: impl Fn(&Row<'_>) -> T) -> Vec<T> {
    (0..rows.len())
        .map(|index| read(&Row { rows, index }))
        .collect()
}

fn relation(r: &Row<'_>) -> Relation {
    Relation {
        established_on: r.optional("established_on"),
        established_by: r.optional("established_by"),
        severed_on: r.optional("severed_on"),
        source_id: r.integer("source_id"),
    }
}

fn mission(r: &Row<'_>) -> Mission {
    Mission {
        id: r.integer("id").unwrap_or_default(),
        sending_name: r.text("sending_state_name"),
        receiving_name: r.text("receiving_state_name"),
        kind: r.text("kind"),
        city: r.optional("city"),
        opened_on: r.optional("opened_on"),
        closed_on: r.optional("closed_on"),
        source_id: r.integer("source_id"),
    }
}

fn membership(r: &Row<'_>) -> Membership {
    Membership {
        organization: r.text("organization"),
        organization_name: r.text("organization_name"),
        state_name: r.text("state_name"),
        joined_on: r.optional("joined_on"),
        left_on: r.optional("left_on"),
        source_id: r.integer("source_id"),
    }
}

fn visit(r: &Row<'_>) -> Visit {
    Visit {
        id: r.integer("id").unwrap_or_default(),
        start_date: r.text("start_date"),
        end_date: r.optional("end_date"),
        visitor_name: r.text("visitor_name"),
        visitor_office: r.optional("visitor_office"),
        visitor_state: r.text("visitor_state"),
        visitor_state_name: r.text("visitor_state_name"),
        host_state_name: r.text("host_state_name"),
        kind: r.optional("kind"),
        city: r.optional("city"),
        documents_signed: r.integer("documents_signed"),
        source_id: r.integer("source_id"),
    }
}

fn agreement(r: &Row<'_>) -> Agreement {
    Agreement {
        id: r.integer("id").unwrap_or_default(),
        signed_on: r.optional("signed_on"),
        title: r.text("title"),
        kind: r.text("kind"),
        signed_at: r.optional("signed_at"),
        in_force_on: r.optional("in_force_on"),
        visit_id: r.integer("visit_id"),
        source_id: r.integer("source_id"),
    }
}

fn count(r: &Row<'_>) -> Count {
    Count {
        id: r.integer("id").unwrap_or_default(),
        as_of: r.text("as_of"),
        count: r.integer("count").unwrap_or_default(),
        qualifier: r.text("qualifier"),
        description: r.text("description"),
        sectors: r
            .optional("sectors")
            .map(|s| s.split("; ").map(str::to_string).collect())
            .unwrap_or_default(),
        source_id: r.integer("source_id"),
    }
}

fn cooperation(r: &Row<'_>) -> Cooperation {
    Cooperation {
        sector: r.text("sector"),
        sector_name: r.text("sector_name"),
        sphere: r.text("sphere"),
        kind: r.text("kind"),
        summary: r.text("summary"),
        as_of: r.optional("as_of"),
        visit_id: r.integer("visit_id"),
        source_id: r.integer("source_id"),
    }
}

fn timeline_row(r: &Row<'_>) -> TimelineRow {
    TimelineRow {
        date: r.text("date"),
        event: r.text("event"),
        description: r.text("description"),
        record_table: r.text("record_table"),
        record_id: r.text("record_id"),
        source_id: r.integer("source_id"),
    }
}

fn source(r: &Row<'_>) -> SourceRow {
    SourceRow {
        title: r.text("title"),
        publisher: r.optional("publisher"),
        published_on: r.optional("published_on"),
        address: r.optional("address"),
    }
}
