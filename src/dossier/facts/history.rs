//! The pair's histories: relation events, mission events and heads of mission, read from the
//! dossier's own SQL files (sql/dossier/) with the pair and the brief's date bound.

use rusqlite::Row;

use super::rows::{optional, required};
use super::unreadable_in;
use crate::error::Result;
use crate::Database;

/// An act in the relations of the pair: a recognition, an establishment, a severance...
#[derive(Debug, Clone)]
pub(crate) struct RelationEvent {
    pub id: i64,
    pub event: String,
    pub occurred_on: Option<String>,
    pub approximate: bool,
    pub acting_state: Option<String>,
    pub mutual: bool,
    pub recognition_of: Option<String>,
    pub manner: Option<String>,
    pub summary: Option<String>,
    pub source_id: Option<i64>,
}

/// A change in the life of a mission of the pair: opened, raised, moved, closed...
#[derive(Debug, Clone)]
pub(crate) struct MissionEvent {
    pub mission_id: i64,
    pub event: String,
    pub occurred_on: String,
    pub kind: Option<String>,
    pub city: Option<String>,
    pub protecting_state_name: Option<String>,
    pub source_id: Option<i64>,
    /// On or about `occurred_on`, not on it.
    pub approximate: bool,
    /// `stated` or `inferred` (reldb's reading, with its reasoning in `basis_note`).
    pub basis: Option<String>,
    pub basis_note: Option<String>,
}

/// One term of a head of mission of either state in the other.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub person_name: String,
    pub title: String,
    pub sending_state: String,
    pub sending_name: String,
    pub receiving_name: String,
    pub appointed_on: Option<String>,
    pub began_on: Option<String>,
    pub ended_on: Option<String>,
    pub started_how: Option<String>,
    pub source_id: Option<i64>,
}

/// A state before one of the pair whose relations with the other are recorded under its own
/// code: "China (X-CHINA-1912) with the United States, 1844–1908".
#[derive(Debug, Clone)]
pub(crate) struct EarlierPair {
    pub code: String,
    pub name: String,
    pub other: String,
    pub other_name: String,
    pub first_on: String,
    pub last_on: String,
}

/// A name one of the pair bore in an earlier era that the pair's record reaches back to:
/// "Türkiye was the Ottoman Empire until 1922".
#[derive(Debug, Clone)]
pub(crate) struct EarlierName {
    pub name: String,
    pub earlier_name: String,
    pub until: String,
}

/// A mission of the pair that is reldb's inference, not the record's statement, with the
/// reasoning (a post older than its state, taken to be the state's from its first day).
#[derive(Debug, Clone)]
pub(crate) struct InferredMission {
    pub mission_id: i64,
    pub basis_note: Option<String>,
}

/// A row type read from one of the dossier's SQL files.
trait FromHistory: Sized {
    const FILE: &'static str;
    const SQL: &'static str;
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
}

impl FromHistory for RelationEvent {
    const FILE: &'static str = "sql/dossier/relation_events.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/relation_events.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RelationEvent {
            id: required(row, "id")?,
            event: required(row, "event")?,
            occurred_on: optional(row, "occurred_on")?,
            approximate: required::<i64>(row, "date_is_approximate")? == 1,
            acting_state: optional(row, "acting_state")?,
            mutual: required::<i64>(row, "mutual")? == 1,
            recognition_of: optional(row, "recognition_of")?,
            manner: optional(row, "manner")?,
            summary: optional(row, "summary")?,
            source_id: required(row, "source_id")?,
        })
    }
}

impl FromHistory for MissionEvent {
    const FILE: &'static str = "sql/dossier/mission_events.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/mission_events.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(MissionEvent {
            mission_id: required(row, "mission_id")?,
            event: required(row, "event")?,
            occurred_on: required(row, "occurred_on")?,
            kind: optional(row, "kind")?,
            city: optional(row, "city")?,
            protecting_state_name: optional(row, "protecting_state_name")?,
            source_id: required(row, "source_id")?,
            approximate: required::<i64>(row, "date_is_approximate")? == 1,
            basis: optional(row, "basis")?,
            basis_note: optional(row, "basis_note")?,
        })
    }
}

impl FromHistory for Head {
    const FILE: &'static str = "sql/dossier/heads_of_mission.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/heads_of_mission.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Head {
            person_name: required(row, "person_name")?,
            title: required(row, "title")?,
            sending_state: required(row, "sending_state")?,
            sending_name: required(row, "sending_state_name")?,
            receiving_name: required(row, "receiving_state_name")?,
            appointed_on: optional(row, "appointed_on")?,
            began_on: optional(row, "began_on")?,
            ended_on: optional(row, "ended_on")?,
            started_how: optional(row, "started_how")?,
            source_id: required(row, "source_id")?,
        })
    }
}

impl FromHistory for EarlierPair {
    const FILE: &'static str = "sql/dossier/earlier_pairs.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/earlier_pairs.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(EarlierPair {
            code: required(row, "code")?,
            name: required(row, "name")?,
            other: required(row, "other")?,
            other_name: required(row, "other_name")?,
            first_on: required(row, "first_on")?,
            last_on: required(row, "last_on")?,
        })
    }
}

impl FromHistory for EarlierName {
    const FILE: &'static str = "sql/dossier/earlier_names.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/earlier_names.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(EarlierName {
            name: required(row, "name")?,
            earlier_name: required(row, "earlier_name")?,
            until: required(row, "until")?,
        })
    }
}

impl FromHistory for InferredMission {
    const FILE: &'static str = "sql/dossier/inferred_missions.sql";
    const SQL: &'static str = include_str!("../../../sql/dossier/inferred_missions.sql");
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(InferredMission {
            mission_id: required(row, "mission_id")?,
            basis_note: optional(row, "basis_note")?,
        })
    }
}

/// The histories of the pair `state`–`partner` up to `as_of`.
pub(super) struct Histories {
    pub relation_events: Vec<RelationEvent>,
    pub mission_events: Vec<MissionEvent>,
    pub heads: Vec<Head>,
    pub earlier_pairs: Vec<EarlierPair>,
    pub inferred_missions: Vec<InferredMission>,
    pub earlier_names: Vec<EarlierName>,
}

impl Histories {
    pub(super) fn read(
        db: &Database,
        state: &str,
        partner: &str,
        as_of: Option<&str>,
    ) -> Result<Self> {
        let pair = Pair {
            db,
            state,
            partner,
            as_of,
        };
        Ok(Histories {
            relation_events: pair.rows()?,
            mission_events: pair.rows()?,
            heads: pair.rows()?,
            earlier_pairs: pair.rows()?,
            inferred_missions: pair.rows()?,
            earlier_names: pair.rows()?,
        })
    }
}

/// The pair and the brief's date, bound to each file's parameters.
struct Pair<'a> {
    db: &'a Database,
    state: &'a str,
    partner: &'a str,
    as_of: Option<&'a str>,
}

impl Pair<'_> {
    fn rows<T: FromHistory>(&self) -> Result<Vec<T>> {
        let mut stmt = self.db.connection().prepare_cached(T::SQL)?;
        // Each file binds what it uses, as the named queries do (src/queries/bind.rs): a file
        // with no date bound needs no `:to`.
        let values = [
            (":state", Some(self.state)),
            (":partner", Some(self.partner)),
            (":to", self.as_of),
        ];
        for (name, value) in values {
            if let Some(index) = stmt.parameter_index(name)? {
                stmt.raw_bind_parameter(index, value)?;
            }
        }
        let mut cursor = stmt.raw_query();
        let mut rows = Vec::new();
        while let Some(row) = cursor.next()? {
            rows.push(T::from_row(row).map_err(|e| unreadable_in(T::FILE, row, e))?);
        }
        Ok(rows)
    }
}
