//! The kinds of event of the timeline, spelt once: [`EventKind::as_str`] is the literal the
//! `report_timeline` view (views/report_timeline.sql) gives in its `event` column, and
//! every part of the dossier (facts, captions, the SVG's marks) matches on the enum.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

/// What happened at an event of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum EventKind {
    /// Diplomatic relations established.
    RelationsEstablished,
    /// Diplomatic relations broken off.
    RelationsSevered,
    /// A mission opened.
    MissionOpened,
    /// A mission closed.
    MissionClosed,
    /// A visit (dated by its first day).
    Visit,
    /// An agreement signed.
    AgreementSigned,
    /// An agreement in force.
    AgreementInForce,
    /// A source's count of the legal base.
    LegalBaseCounted,
    /// A state joined an organisation.
    MembershipJoined,
    /// A state left an organisation.
    MembershipLeft,
    /// A recognition (of a state or a government, by one side or both).
    Recognition,
    /// Diplomatic relations re-established (with a new state or government).
    RelationsReestablished,
    /// Diplomatic relations resumed after a break.
    RelationsResumed,
    /// Diplomatic relations suspended.
    RelationsSuspended,
    /// Diplomatic relations interrupted (by war or occupation).
    RelationsInterrupted,
    /// Diplomatic relations terminated (one side ceased to exist).
    RelationsTerminated,
    /// Another milestone of the relations that the source lists.
    RelationsOther,
    /// A mission raised to a higher kind (legation to embassy).
    MissionRaised,
    /// A mission lowered to a lesser kind.
    MissionLowered,
    /// A mission moved to another city.
    MissionMoved,
    /// A mission suspended (closed for a time).
    MissionSuspended,
    /// A mission reopened.
    MissionReopened,
    /// Another state's mission took up the sending state's interests.
    MissionProtectingPower,
}

impl EventKind {
    /// Every kind, in the order of the view's branches.
    pub(crate) const ALL: [EventKind; 23] = [
        EventKind::RelationsEstablished,
        EventKind::RelationsSevered,
        EventKind::MissionOpened,
        EventKind::MissionClosed,
        EventKind::Visit,
        EventKind::AgreementSigned,
        EventKind::AgreementInForce,
        EventKind::LegalBaseCounted,
        EventKind::MembershipJoined,
        EventKind::MembershipLeft,
        EventKind::Recognition,
        EventKind::RelationsReestablished,
        EventKind::RelationsResumed,
        EventKind::RelationsSuspended,
        EventKind::RelationsInterrupted,
        EventKind::RelationsTerminated,
        EventKind::RelationsOther,
        EventKind::MissionRaised,
        EventKind::MissionLowered,
        EventKind::MissionMoved,
        EventKind::MissionSuspended,
        EventKind::MissionReopened,
        EventKind::MissionProtectingPower,
    ];

    /// The view's literal for this kind (`mission_opened`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EventKind::RelationsEstablished => "relations_established",
            EventKind::RelationsSevered => "relations_severed",
            EventKind::MissionOpened => "mission_opened",
            EventKind::MissionClosed => "mission_closed",
            EventKind::Visit => "visit",
            EventKind::AgreementSigned => "agreement_signed",
            EventKind::AgreementInForce => "agreement_in_force",
            EventKind::LegalBaseCounted => "legal_base_counted",
            EventKind::MembershipJoined => "membership_joined",
            EventKind::MembershipLeft => "membership_left",
            EventKind::Recognition => "recognition",
            EventKind::RelationsReestablished => "relations_reestablished",
            EventKind::RelationsResumed => "relations_resumed",
            EventKind::RelationsSuspended => "relations_suspended",
            EventKind::RelationsInterrupted => "relations_interrupted",
            EventKind::RelationsTerminated => "relations_terminated",
            EventKind::RelationsOther => "relations_other",
            EventKind::MissionRaised => "mission_raised",
            EventKind::MissionLowered => "mission_lowered",
            EventKind::MissionMoved => "mission_moved",
            EventKind::MissionSuspended => "mission_suspended",
            EventKind::MissionReopened => "mission_reopened",
            EventKind::MissionProtectingPower => "mission_protecting_power",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EventKind {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "'{text}' is no kind of event reldb knows (kinds: {})",
                    known.join(", ")
                )
            })
    }
}

impl FromSql for EventKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|why: String| FromSqlError::Other(why.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Database;

    #[test]
    fn every_kind_reads_back_from_its_literal() {
        for kind in EventKind::ALL {
            assert_eq!(kind.as_str().parse::<EventKind>(), Ok(kind));
        }
        let error = "treaty_torn_up".parse::<EventKind>().unwrap_err();
        assert!(error.contains("'treaty_torn_up'"), "{error}");
    }

    /// Runs the real `report_timeline` view on a seeded database in which every branch of the
    /// view has a row, so that a literal added to the view or spelt differently fails here.
    #[test]
    fn every_event_the_timeline_view_yields_is_a_kind() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = Database::open(dir.path().join("reldb.db")).expect("a seeded database");
        let conn = db.connection();
        conn.execute_batch(
            "INSERT INTO relation_events (state_a, state_b, event, occurred_on)
             SELECT 'AZ', 'TJ', value, '2020' FROM json_each('[\"recognition\", \"establishment\",
                 \"reestablishment\", \"resumption\", \"severance\", \"suspension\",
                 \"interruption\", \"termination\", \"other\"]');
             INSERT INTO mission_events (mission_id, event, occurred_on, protecting_state)
             SELECT 1, value, '2020', 'RU' FROM json_each('[\"opened\", \"raised\", \"lowered\",
                 \"moved\", \"suspended\", \"reopened\", \"closed\", \"protecting_power\"]');
             INSERT INTO missions (sending_state, receiving_state, kind, opened_on, closed_on)
             VALUES ('AZ', 'TJ', 'consulate', '2019', '2020');
             UPDATE agreements SET in_force_on = '2020-01-01';
             UPDATE memberships SET joined_on = '1992', left_on = '2020-01-01';",
        )
        .expect("every dated branch gets a date");
        let mut stmt = conn
            .prepare("SELECT DISTINCT event FROM report_timeline ORDER BY event")
            .expect("the view");
        let literals: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .expect("the view runs")
            .collect::<rusqlite::Result<_>>()
            .expect("text");
        let mut kinds: Vec<EventKind> = literals
            .iter()
            .map(|literal| literal.parse().unwrap_or_else(|why| panic!("{why}")))
            .collect();
        kinds.sort();
        assert_eq!(kinds, EventKind::ALL, "the view yields every kind");
    }
}
