//! The facts of one pair of states, read through the named queries into typed rows, and the
//! pair's histories (relation events, mission events, heads of mission) through the dossier's
//! own SQL files in sql/dossier/. Nothing here decides how they are written.
//!
//! Each row type reads itself by column name ([`FromRow`]); a column a query does not return,
//! or returns with another type, is an error naming the query's file and the column, never an
//! empty cell.

mod history;
mod rows;

use std::collections::HashMap;

use rusqlite::Row;

use crate::error::{Error, Result};
use crate::queries::{self, Catalog, NamedQuery};
use crate::Database;
use history::Histories;
pub(super) use history::{
    EarlierName, EarlierPair, Head, InferredMission, MissionEvent, RelationEvent,
};
use rows::Sector;
pub(super) use rows::{
    inferred, Agreement, Cooperation, Count, Membership, Mission, Relation, Source, TimelineRow,
    Visit,
};

/// A row type read from one named query, by column name.
pub(super) trait FromRow: Sized {
    /// The built-in query the rows come from.
    const QUERY: &'static str;

    /// Reads one row; a missing or mistyped column is rusqlite's error, which names it.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
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
    /// The acts of the pair's relations, oldest first.
    pub relation_events: Vec<RelationEvent>,
    /// What happened to the pair's missions, by mission and in order.
    pub mission_events: Vec<MissionEvent>,
    /// The heads of the pair's missions, by sending state and in order.
    pub heads: Vec<Head>,
    /// States before one of the pair whose relations with the other have briefs of their own.
    pub earlier_pairs: Vec<EarlierPair>,
    /// Earlier names of the pair in eras their record reaches back to.
    pub earlier_names: Vec<EarlierName>,
    /// The pair's missions that are reldb's inference, with the reasoning.
    pub inferred_missions: Vec<InferredMission>,
    /// Sectors and spheres by code: (name, sphere).
    pub sectors: HashMap<String, (String, String)>,
    /// Sources by id.
    pub sources: HashMap<i64, Source>,
    /// Whether reldb's inferences were left out ([`Facts::stated_only`]).
    pub stated_only: bool,
}

impl Facts {
    /// Reads the facts of the pair `state`–`partner` (state codes), leaving out those dated after
    /// `as_of` where it is given.
    pub(crate) fn read(
        db: &Database,
        state: &str,
        partner: &str,
        as_of: Option<&str>,
    ) -> Result<Self> {
        let mut pair = vec![
            ("state".to_string(), state.to_string()),
            ("partner".to_string(), partner.to_string()),
        ];
        if let Some(date) = as_of {
            pair.push(("to".to_string(), date.to_string()));
        }
        let reader = Reader {
            db,
            catalog: Catalog::load(None)?,
        };
        let histories = Histories::read(db, state, partner, as_of)?;
        Ok(Facts {
            relations: reader.read(&pair)?,
            missions: reader.read(&pair)?,
            memberships: reader.read(&pair)?,
            visits: in_words(reader.read(&pair)?),
            agreements: reader.read(&pair)?,
            counts: reader.read(&pair)?,
            cooperation: reader.read(&pair)?,
            timeline: reader.read(&pair)?,
            relation_events: histories.relation_events,
            mission_events: histories.mission_events,
            heads: histories.heads,
            earlier_pairs: histories.earlier_pairs,
            inferred_missions: histories.inferred_missions,
            earlier_names: histories.earlier_names,
            sectors: reader
                .read::<Sector>(&[])?
                .into_iter()
                .map(|s| (s.code, (s.name, s.sphere)))
                .collect(),
            sources: reader
                .read::<Source>(&[])?
                .into_iter()
                .map(|s| (s.id, s))
                .collect(),
            stated_only: false,
        })
    }

    /// The facts without reldb's inferences: inferred agreements and lines of cooperation are
    /// left out with their events, inferred links to visits and inferred counted sectors are
    /// dropped, and what the sources state is kept.
    pub(crate) fn stated_only(mut self) -> Self {
        let dropped: Vec<String> = self
            .agreements
            .iter()
            .filter(|a| inferred(&a.basis))
            .map(|a| a.id.to_string())
            .collect();
        self.agreements.retain(|a| !inferred(&a.basis));
        for a in &mut self.agreements {
            if inferred(&a.visit_basis) {
                a.visit_id = None;
            }
        }
        self.cooperation.retain(|c| !inferred(&c.basis));
        for c in &mut self.cooperation {
            if inferred(&c.visit_basis) {
                c.visit_id = None;
            }
        }
        for c in &mut self.counts {
            if inferred(&c.sectors_basis) {
                c.sectors.clear();
                c.sectors_basis = None;
            }
        }
        self.timeline
            .retain(|e| !(e.record_table == "agreements" && dropped.contains(&e.record_id)));
        let inferred_posts: Vec<i64> = self
            .inferred_missions
            .iter()
            .map(|m| m.mission_id)
            .filter(|id| !self.mission_events.iter().any(|e| e.mission_id == *id))
            .collect();
        self.missions.retain(|m| !inferred_posts.contains(&m.id));
        self.inferred_missions.clear();
        self.stated_only = true;
        self
    }

    /// Whether the pair has no facts at all (shared memberships count as facts).
    pub(crate) fn is_empty(&self) -> bool {
        self.relations.is_empty()
            && self.missions.is_empty()
            && self.memberships.is_empty()
            && self.visits.is_empty()
            && self.agreements.is_empty()
            && self.counts.is_empty()
            && self.cooperation.is_empty()
            && self.timeline.is_empty()
            && self.relation_events.is_empty()
            && self.mission_events.is_empty()
            && self.heads.is_empty()
    }

    /// The name of a sector or sphere, or its code when it has none.
    pub(crate) fn sector_name(&self, code: &str) -> String {
        self.sectors
            .get(code)
            .map_or_else(|| code.to_string(), |(name, _)| name.clone())
    }

    /// The sphere a sector belongs to (a sphere is its own), or the code when it is unknown.
    pub(crate) fn sphere_of(&self, code: &str) -> String {
        self.sectors
            .get(code)
            .map_or_else(|| code.to_string(), |(_, sphere)| sphere.clone())
    }
}

/// Visits with their visitors' offices in words, as every part of the brief shows them (an
/// office recorded as a code, `secretary`, reads "Secretary of State" for the United States).
fn in_words(mut visits: Vec<Visit>) -> Vec<Visit> {
    for v in &mut visits {
        v.visitor_office = v
            .visitor_office
            .take()
            .map(|o| super::words::office(&o, &v.visitor_state, &v.visitor_state_name));
    }
    visits
}

/// Runs the built-in queries, parsed once for all the sections.
struct Reader<'a> {
    db: &'a Database,
    catalog: Catalog,
}

impl Reader<'_> {
    /// The rows of `T`'s query with `given` parameters.
    fn read<T: FromRow>(&self, given: &[(String, String)]) -> Result<Vec<T>> {
        let query = self.catalog.find(T::QUERY)?;
        let mut stmt = queries::bound_statement(self.db, query, given)?;
        let mut cursor = stmt.raw_query();
        let mut rows = Vec::new();
        while let Some(row) = cursor.next()? {
            rows.push(T::from_row(row).map_err(|e| unreadable(query, row, e))?);
        }
        Ok(rows)
    }
}

/// A row the dossier cannot read, as an error that names the query's file and the column.
fn unreadable(query: &NamedQuery, row: &Row<'_>, error: rusqlite::Error) -> Error {
    unreadable_in(&query.file, row, error)
}

/// A row of the SQL file `file` the dossier cannot read, naming the file and the column.
fn unreadable_in(file: &str, row: &Row<'_>, error: rusqlite::Error) -> Error {
    let message = match error {
        rusqlite::Error::InvalidColumnName(column) => format!(
            "the dossier reads a column '{column}', which this query does not return; \
             the query and the dossier must agree on its columns"
        ),
        rusqlite::Error::InvalidColumnType(_, column, found) => format!(
            "the dossier cannot read column '{column}' (it holds {found}); \
             the query and the dossier must agree on its type"
        ),
        rusqlite::Error::FromSqlConversionFailure(index, _, why) => {
            let column = row.as_ref().column_name(index).unwrap_or("?");
            format!("the dossier cannot read column '{column}': {why}")
        }
        other => return Error::Sqlite(other),
    };
    Error::QueryDefinition {
        file: file.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::rows::required;
    use super::*;

    /// A row type that misspells a column of the `visits` query.
    struct Misspelt;

    impl FromRow for Misspelt {
        const QUERY: &'static str = "visits";
        fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
            required::<String>(row, "visitor_nmae").map(|_| Misspelt)
        }
    }

    /// A row type that reads a text column as a number.
    struct Mistyped;

    impl FromRow for Mistyped {
        const QUERY: &'static str = "visits";
        fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
            required::<i64>(row, "visitor_name").map(|_| Mistyped)
        }
    }

    fn seeded() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = Database::open(dir.path().join("reldb.db")).expect("a seeded database");
        (dir, db)
    }

    fn error_of<T: FromRow>(db: &Database) -> String {
        let reader = Reader {
            db,
            catalog: Catalog::load(None).expect("the built-in queries"),
        };
        match reader.read::<T>(&[]) {
            Ok(rows) => panic!("{} rows read without error", rows.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_misspelt_column_is_an_error_naming_query_and_column() {
        let (_dir, db) = seeded();
        let message = error_of::<Misspelt>(&db);
        assert!(message.contains("queries/visits.sql"), "{message}");
        assert!(message.contains("'visitor_nmae'"), "{message}");
        let message = error_of::<Mistyped>(&db);
        assert!(message.contains("queries/visits.sql"), "{message}");
        assert!(message.contains("'visitor_name'"), "{message}");
    }

    #[test]
    fn the_seed_pair_reads_into_typed_rows() {
        let (_dir, db) = seeded();
        let facts = Facts::read(&db, "TJ", "AZ", None).expect("the facts");
        assert_eq!(facts.relations.len(), 1);
        assert_eq!(facts.visits.len(), 2);
        assert!(facts.visits.iter().all(|v| v.source_id == Some(1)));
        assert_eq!(facts.counts[0].count, 30);
        assert!(!facts.counts[0].sectors.is_empty());
        assert!(facts.sources.contains_key(&1));
        assert_eq!(facts.sector_name("trade"), "Trade");
    }
}
