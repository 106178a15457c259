//! The row types of the facts, each read by column name from its query.

use rusqlite::types::FromSql;
use rusqlite::Row;

use super::super::event::EventKind;
use super::FromRow;

/// A column that may be empty: NULL and blank text both read as `None`, as the templates
/// treat a blank cell as a fact not recorded.
pub(super) fn optional(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<String>> {
    Ok(row
        .get::<_, Option<String>>(column)?
        .filter(|text| !text.trim().is_empty()))
}

/// A column that must hold a value of type `T`.
pub(super) fn required<T: FromSql>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    row.get(column)
}

/// Diplomatic relations of the pair, as the `relations` view sums them up (the chronology
/// reads the manner of an establishment here; the section tells the relation events).
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    pub established_on: Option<String>,
    pub established_by: Option<String>,
}

impl FromRow for Relation {
    const QUERY: &'static str = "relations";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Relation {
            established_on: optional(row, "established_on")?,
            established_by: optional(row, "established_by")?,
        })
    }
}

/// A mission one of the pair keeps in the other.
#[derive(Debug, Clone)]
pub(crate) struct Mission {
    pub id: i64,
    pub sending_name: String,
    pub receiving_name: String,
    pub kind: String,
    pub city: Option<String>,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
    pub source_id: Option<i64>,
}

impl FromRow for Mission {
    const QUERY: &'static str = "missions";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Mission {
            id: required(row, "id")?,
            sending_name: required(row, "sending_state_name")?,
            receiving_name: required(row, "receiving_state_name")?,
            kind: required(row, "kind")?,
            city: optional(row, "city")?,
            opened_on: optional(row, "opened_on")?,
            closed_on: optional(row, "closed_on")?,
            source_id: required(row, "source_id")?,
        })
    }
}

/// One state's membership of an organisation both belong to.
#[derive(Debug, Clone)]
pub(crate) struct Membership {
    pub organization: String,
    pub organization_name: String,
    pub state_name: String,
    pub joined_on: Option<String>,
    pub left_on: Option<String>,
    pub source_id: Option<i64>,
}

impl FromRow for Membership {
    const QUERY: &'static str = "memberships";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Membership {
            organization: required(row, "organization")?,
            organization_name: required(row, "organization_name")?,
            state_name: required(row, "state_name")?,
            joined_on: optional(row, "joined_on")?,
            left_on: optional(row, "left_on")?,
            source_id: required(row, "source_id")?,
        })
    }
}

/// A visit between the pair.
#[derive(Debug, Clone)]
pub(crate) struct Visit {
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

impl FromRow for Visit {
    const QUERY: &'static str = "visits";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Visit {
            id: required(row, "id")?,
            start_date: required(row, "start_date")?,
            end_date: optional(row, "end_date")?,
            visitor_name: required(row, "visitor_name")?,
            visitor_office: optional(row, "visitor_office")?,
            visitor_state: required(row, "visitor_state")?,
            visitor_state_name: required(row, "visitor_state_name")?,
            host_state_name: required(row, "host_state_name")?,
            kind: optional(row, "kind")?,
            city: optional(row, "city")?,
            documents_signed: required(row, "documents_signed")?,
            source_id: required(row, "source_id")?,
        })
    }
}

/// An agreement both are party to.
#[derive(Debug, Clone)]
pub(crate) struct Agreement {
    pub id: i64,
    pub signed_on: Option<String>,
    pub title: String,
    pub kind: String,
    pub signed_at: Option<String>,
    pub in_force_on: Option<String>,
    pub visit_id: Option<i64>,
    pub source_id: Option<i64>,
    /// How the row is known ('stated', 'inferred'; `None`: not yet said).
    pub basis: Option<String>,
    /// reldb's reasoning, for an inferred row or an inferred link to a visit.
    pub basis_note: Option<String>,
    /// How the link to `visit_id` is known.
    pub visit_basis: Option<String>,
}

impl FromRow for Agreement {
    const QUERY: &'static str = "agreements";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Agreement {
            id: required(row, "id")?,
            signed_on: optional(row, "signed_on")?,
            title: required(row, "title")?,
            kind: required(row, "kind")?,
            signed_at: optional(row, "signed_at")?,
            in_force_on: optional(row, "in_force_on")?,
            visit_id: required(row, "visit_id")?,
            source_id: required(row, "source_id")?,
            basis: optional(row, "basis")?,
            basis_note: optional(row, "basis_note")?,
            visit_basis: optional(row, "visit_basis")?,
        })
    }
}

/// A count of the pair's legal base.
#[derive(Debug, Clone)]
pub(crate) struct Count {
    pub id: i64,
    pub as_of: String,
    pub count: i64,
    pub qualifier: String,
    pub description: String,
    /// Sector codes.
    pub sectors: Vec<String>,
    pub source_id: Option<i64>,
    /// How the counted sectors are known: 'inferred' if any of them is.
    pub sectors_basis: Option<String>,
    /// reldb's reasoning for the inferred sectors.
    pub sectors_basis_note: Option<String>,
}

impl FromRow for Count {
    const QUERY: &'static str = "legal_base";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Count {
            id: required(row, "id")?,
            as_of: required(row, "as_of")?,
            count: required(row, "count")?,
            qualifier: required(row, "qualifier")?,
            description: required(row, "description")?,
            // The view joins the codes with '; ' (group_concat).
            sectors: optional(row, "sectors")?
                .map(|s| s.split("; ").map(str::to_string).collect())
                .unwrap_or_default(),
            source_id: required(row, "source_id")?,
            sectors_basis: optional(row, "sectors_basis")?,
            sectors_basis_note: optional(row, "sectors_basis_note")?,
        })
    }
}

/// A line of cooperation of the pair.
#[derive(Debug, Clone)]
pub(crate) struct Cooperation {
    pub sector: String,
    pub sector_name: String,
    pub sphere: String,
    pub kind: String,
    pub summary: String,
    pub as_of: Option<String>,
    pub visit_id: Option<i64>,
    pub source_id: Option<i64>,
    /// How the row is known ('stated', 'inferred'; `None`: not yet said).
    pub basis: Option<String>,
    /// reldb's reasoning, for an inferred row or an inferred link to a visit.
    pub basis_note: Option<String>,
    /// How the link to `visit_id` is known.
    pub visit_basis: Option<String>,
}

impl FromRow for Cooperation {
    const QUERY: &'static str = "cooperation";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Cooperation {
            sector: required(row, "sector")?,
            sector_name: required(row, "sector_name")?,
            sphere: required(row, "sphere")?,
            kind: required(row, "kind")?,
            summary: required(row, "summary")?,
            as_of: optional(row, "as_of")?,
            visit_id: required(row, "visit_id")?,
            source_id: required(row, "source_id")?,
            basis: optional(row, "basis")?,
            basis_note: optional(row, "basis_note")?,
            visit_basis: optional(row, "visit_basis")?,
        })
    }
}

/// Whether a basis column says 'inferred'.
pub(crate) fn inferred(basis: &Option<String>) -> bool {
    basis.as_deref() == Some("inferred")
}

/// An event of the pair's timeline.
#[derive(Debug, Clone)]
pub(crate) struct TimelineRow {
    pub date: String,
    pub kind: EventKind,
    pub description: String,
    pub record_table: String,
    pub record_id: String,
    pub source_id: Option<i64>,
}

impl FromRow for TimelineRow {
    const QUERY: &'static str = "timeline";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(TimelineRow {
            date: required(row, "date")?,
            kind: required(row, "event")?,
            description: required(row, "description")?,
            record_table: required(row, "record_table")?,
            record_id: required(row, "record_id")?,
            source_id: required(row, "source_id")?,
        })
    }
}

/// A sphere or sector of cooperation.
#[derive(Debug, Clone)]
pub(crate) struct Sector {
    pub code: String,
    pub name: String,
    pub sphere: String,
}

impl FromRow for Sector {
    const QUERY: &'static str = "sectors";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Sector {
            code: required(row, "code")?,
            name: required(row, "name")?,
            sphere: required(row, "sphere")?,
        })
    }
}

/// A source.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub id: i64,
    pub title: String,
    pub publisher: Option<String>,
    pub published_on: Option<String>,
    pub address: Option<String>,
}

impl FromRow for Source {
    const QUERY: &'static str = "sources";
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Source {
            id: required(row, "id")?,
            title: required(row, "title")?,
            publisher: optional(row, "publisher")?,
            published_on: optional(row, "published_on")?,
            address: optional(row, "address")?,
        })
    }
}
