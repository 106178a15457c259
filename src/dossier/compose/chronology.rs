//! "Chronology": the pair's dated events in order, each told in the brief's words and in the
//! past tense, the pair named in the order of the title; and that order itself, in which an
//! agreement dated only to the month of the visit it was signed during follows the visit.

use super::super::event::EventKind;
use super::super::words::{article, capitalize, in_text};
use super::super::{Event, Section, Span, Statement};
use super::agreements::qualified_count;
use super::missions::{is_consular, mission_act};
use super::relations::act_manner;
use super::{list, section, Writer};
use crate::dates;

impl Writer<'_> {
    /// Orders `events` for telling: by date, except that an agreement signed during a visit,
    /// and dated no more precisely than that visit's month or year, comes right after the
    /// visit rather than before it (`2007-08` sorts before `2007-08-13` as text).
    pub(super) fn in_order(&self, events: &mut [Event]) {
        events.sort_by_cached_key(|e| match self.signed_during(e) {
            Some(visit_start) => (visit_start, 1),
            None => (e.date.clone(), 0),
        });
    }

    /// The first day of the visit an agreement event belongs with, where its date is only as
    /// precise as the visit's month or year.
    fn signed_during(&self, e: &Event) -> Option<String> {
        if e.kind != EventKind::AgreementSigned || e.date.len() >= 10 {
            return None;
        }
        let id = record_id(e, "agreements")?;
        let agreement = self.facts.agreements.iter().find(|a| a.id == id)?;
        let visit = self.visit(agreement.visit_id)?;
        let within = visit.start_date.starts_with(&e.date)
            || visit
                .end_date
                .as_deref()
                .is_some_and(|d| d.starts_with(&e.date));
        within.then(|| visit.start_date.clone())
    }

    /// Gives each event the chronology's sentence as its description (the SVG's marks show
    /// it), in place of the view's, so that the brief words an event one way wherever it is.
    pub(super) fn describe(&self, events: &mut [Event]) {
        for e in events.iter_mut() {
            let text: String = self
                .event_spans(e)
                .into_iter()
                .map(|span| match span {
                    Span::Text(t) | Span::Title(t) | Span::Label(t) => t,
                })
                .collect();
            e.description = text;
        }
    }

    /// The chronology: the timeline as a list, each event dated and told in a sentence.
    pub(super) fn chronology(&self, timeline: &[Event], visits_annexed: bool) -> Option<Section> {
        let left_out = |e: &&Event| visits_annexed && e.kind == EventKind::Visit;
        let posts_annexed = self.consular_posts_annexed();
        let consular = |e: &&Event| {
            posts_annexed
                && record_id(e, "missions")
                    .and_then(|id| self.facts.missions.iter().find(|m| m.id == id))
                    .is_some_and(is_consular)
        };
        let mut items: Vec<Vec<Statement>> = timeline
            .iter()
            .filter(|e| !left_out(e) && !consular(e))
            .map(|e| {
                let mut spans = vec![Span::Label(self.event_date(e)), Span::Text(": ".into())];
                spans.extend(self.event_spans(e));
                vec![Statement {
                    spans,
                    cites: e.cites.clone(),
                }]
            })
            .collect();
        let visits: Vec<&Event> = timeline.iter().filter(left_out).collect();
        items.extend(annexed_line(&visits, "visits"));
        let posts: Vec<&Event> = timeline.iter().filter(consular).collect();
        items.extend(annexed_line(
            &posts,
            "openings and closings of consular posts",
        ));
        section("chronology", "Chronology", list(items))
    }

    /// The date of an event as the chronology gives it: a visit with its last day.
    fn event_date(&self, e: &Event) -> String {
        let visit = record_id(e, "visits")
            .filter(|_| e.kind == EventKind::Visit)
            .and_then(|id| self.facts.visits.iter().find(|v| v.id == id));
        match visit {
            Some(v) => dates::display_span(&v.start_date, v.end_date.as_deref()),
            None => dates::display(&e.date),
        }
    }

    /// What happened, from the record the event comes from; the view's description where that
    /// record is not among the pair's facts.
    fn event_spans(&self, e: &Event) -> Vec<Span> {
        let text = |t: String| vec![Span::Text(t)];
        let facts = self.facts;
        let pair = || capitalize(&format!("{} and {}", self.state.name, self.partner.name));
        let told = match e.kind {
            EventKind::RelationsEstablished => {
                let how = facts
                    .relations
                    .iter()
                    .find(|r| r.established_on.as_deref() == Some(e.date.as_str()))
                    .and_then(|r| r.established_by.as_deref())
                    .map(act_manner)
                    .unwrap_or_default();
                Some(text(format!(
                    "{} established diplomatic relations{how}.",
                    pair()
                )))
            }
            EventKind::Recognition
            | EventKind::RelationsSevered
            | EventKind::RelationsReestablished
            | EventKind::RelationsResumed
            | EventKind::RelationsSuspended
            | EventKind::RelationsInterrupted
            | EventKind::RelationsTerminated
            | EventKind::RelationsOther => record_id(e, "relation_events")
                .and_then(|id| facts.relation_events.iter().find(|r| r.id == id))
                .map(|r| text(self.act_sentence(r))),
            EventKind::MissionOpened
            | EventKind::MissionClosed
            | EventKind::MissionRaised
            | EventKind::MissionLowered
            | EventKind::MissionMoved
            | EventKind::MissionSuspended
            | EventKind::MissionReopened
            | EventKind::MissionProtectingPower => record_id(e, "missions")
                .and_then(|id| facts.missions.iter().find(|m| m.id == id))
                .map(|m| {
                    let event = e.kind.as_str().trim_start_matches("mission_");
                    let happened = facts.mission_events.iter().find(|x| {
                        x.mission_id == m.id && x.occurred_on == e.date && x.event == event
                    });
                    text(mission_act(
                        m,
                        &facts.mission_events,
                        event,
                        happened,
                        &e.date,
                    ))
                }),
            EventKind::Visit => record_id(e, "visits")
                .and_then(|id| facts.visits.iter().find(|v| v.id == id))
                .map(|v| {
                    let office = v
                        .visitor_office
                        .as_deref()
                        .map(|o| format!(", {o},"))
                        .unwrap_or_default();
                    let host = in_text(&v.host_state_name);
                    let place = match &v.city {
                        Some(city) => format!("{city}, {host}"),
                        None => host,
                    };
                    let went = match v.kind.as_deref() {
                        Some(k @ ("state" | "official" | "working" | "private")) => {
                            format!("paid {} {k} visit to", article(k))
                        }
                        _ => "visited".to_string(),
                    };
                    text(format!("{}{office} {went} {place}.", v.visitor_name))
                }),
            EventKind::AgreementSigned | EventKind::AgreementInForce => record_id(e, "agreements")
                .and_then(|id| facts.agreements.iter().find(|a| a.id == id))
                .map(|a| {
                    let what = if e.kind == EventKind::AgreementSigned {
                        " was signed."
                    } else {
                        " entered into force."
                    };
                    vec![
                        Span::Text(capitalize(super::agreements::the_title(a))),
                        Span::Title(a.title.clone()),
                        Span::Text(what.into()),
                    ]
                }),
            EventKind::LegalBaseCounted => record_id(e, "agreement_counts")
                .and_then(|id| facts.counts.iter().find(|c| c.id == id))
                .map(|c| {
                    text(format!(
                        "The source counted {} {}.",
                        qualified_count(c),
                        c.description
                    ))
                }),
            // The view's description tells these in the source's words.
            EventKind::MembershipJoined | EventKind::MembershipLeft => None,
        };
        told.unwrap_or_else(|| text(format!("{}.", e.description)))
    }
}

/// One line for events the annex lists instead: "1797 – 1961: 46 openings and closings of
/// consular posts, listed in the annex.", citing their sources once; none for no events.
fn annexed_line(events: &[&Event], what: &str) -> Option<Vec<Statement>> {
    let (first, last) = (events.first()?, events.last()?);
    let mut cites: Vec<usize> = events.iter().flat_map(|e| e.cites.clone()).collect();
    cites.sort_unstable();
    cites.dedup();
    let spans = vec![
        Span::Label(format!(
            "{} – {}",
            dates::display(&first.date),
            dates::display(&last.date)
        )),
        Span::Text(format!(": {} {what}, listed in the annex.", events.len())),
    ];
    Some(vec![Statement { spans, cites }])
}

/// The id of the row of `table` an event comes from (`visits:2` → 2).
fn record_id(e: &Event, table: &str) -> Option<i64> {
    let (from, id) = e.record.split_once(':')?;
    (from == table).then(|| id.parse().ok()).flatten()
}
