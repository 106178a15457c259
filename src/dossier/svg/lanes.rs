//! The timeline's lanes: one per kind of event, each laid out on the common time axis either
//! with a label per event or, when its events are too many or too close to label, as counts
//! per period (bars over a strip of ticks, one tick per event).

use std::collections::BTreeMap;

use super::super::{Event, EventKind};
use super::axis::{Day, Scale, Step};
use super::layout::{assign_rows, choose_sides, dodge, row_heights, Label};
use super::{BAR_GAP, BAR_MAX, COUNT_SIZE, MARK_R, MIN_BAR, TEXT_OFFSET};

/// Most events a lane labels one by one; more are counted.
const MAX_LABELLED: usize = 12;
/// Most rows of labels a lane may stack; more and its events are counted.
const MAX_ROWS: usize = 6;

/// The lane an event of `kind` is drawn on, by its name. Kinds that read as one series (an
/// opening and a closing) share a lane; a new kind needs only an arm here.
pub(super) fn lane_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::RelationsEstablished
        | EventKind::RelationsSevered
        | EventKind::Recognition
        | EventKind::RelationsReestablished
        | EventKind::RelationsResumed
        | EventKind::RelationsSuspended
        | EventKind::RelationsInterrupted
        | EventKind::RelationsTerminated
        | EventKind::RelationsOther => "Relations",
        EventKind::MissionOpened
        | EventKind::MissionClosed
        | EventKind::MissionRaised
        | EventKind::MissionLowered
        | EventKind::MissionMoved
        | EventKind::MissionSuspended
        | EventKind::MissionReopened
        | EventKind::MissionProtectingPower => "Missions",
        EventKind::Visit => "Visits",
        EventKind::AgreementSigned | EventKind::AgreementInForce => "Agreements",
        EventKind::LegalBaseCounted => "Legal base",
        EventKind::MembershipJoined | EventKind::MembershipLeft => "Memberships",
    }
}

/// Every lane name, in the order of the kinds: a lane's place here picks its colour and mark,
/// so a lane looks the same in every brief.
fn all_lane_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for kind in EventKind::ALL {
        let name = lane_name(kind);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// A lane of the timeline: its events (indices into the timeline, in time order) and how
/// they are laid out.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lane {
    pub(super) name: &'static str,
    /// Picks the lane's colour and mark.
    pub(super) style: usize,
    pub(super) events: Vec<usize>,
    /// Each event's x, in the order of `events`.
    pub(super) xs: Vec<f64>,
    pub(super) plan: Plan,
}

/// How a lane shows its events.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Plan {
    /// A mark and a label per event (labels in the order of the lane's events).
    Labelled(Vec<Label>),
    /// Bars of the events per period of `step`.
    Counted { step: Step, buckets: Vec<Bucket> },
}

/// The events of one period of a counted lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bucket {
    pub(super) start: Day,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) count: usize,
}

impl Lane {
    /// The CSS class of the lane's events (`legal-base`).
    pub(super) fn class(&self) -> String {
        self.name.to_lowercase().replace(' ', "-")
    }

    /// Height of the lane's band.
    pub(super) fn height(&self) -> f64 {
        self.above() + MARK_R + 8.0
    }

    /// Room above the lane's baseline: the rows of labels, or the bars and their counts.
    pub(super) fn above(&self) -> f64 {
        match &self.plan {
            Plan::Labelled(labels) => row_heights(labels).iter().sum::<f64>() + MARK_R + 4.0,
            Plan::Counted { .. } => COUNT_SIZE + 4.0 + BAR_MAX,
        }
    }

    fn rows(&self) -> usize {
        match &self.plan {
            Plan::Labelled(labels) => labels.iter().map(|l| l.row + 1).max().unwrap_or(0),
            Plan::Counted { .. } => 0,
        }
    }

    /// Turns a labelled lane into a counted one.
    fn count(&mut self, events: &[Event], scale: &Scale) {
        self.xs = self
            .events
            .iter()
            .map(|&i| scale.x_of(Day::of(&events[i].date).time()))
            .collect();
        self.plan = counted(&self.events, events, scale);
    }
}

/// The lanes of `events` on `scale`, in the order of the kinds, laid out so that together
/// they are at most `max_height` high where counting lanes can make them so.
pub(super) fn plan(events: &[Event], scale: &Scale, left_edge: f64, max_height: f64) -> Vec<Lane> {
    let names = all_lane_names();
    let mut lanes: Vec<Lane> = Vec::new();
    for (style, name) in names.iter().enumerate() {
        let mut members: Vec<usize> = (0..events.len())
            .filter(|&i| lane_name(events[i].kind) == *name)
            .collect();
        if members.is_empty() {
            continue;
        }
        members.sort_by(|a, b| {
            let (ta, tb) = (Day::of(&events[*a].date), Day::of(&events[*b].date));
            ta.cmp(&tb).then(a.cmp(b))
        });
        lanes.push(lane(name, style, members, events, scale, left_edge));
    }
    while lanes.iter().map(Lane::height).sum::<f64>() > max_height {
        let Some(tallest) = lanes
            .iter_mut()
            .filter(|l| matches!(l.plan, Plan::Labelled(_)))
            .max_by_key(|l| l.rows())
        else {
            break;
        };
        tallest.count(events, scale);
    }
    lanes
}

fn lane(
    name: &'static str,
    style: usize,
    members: Vec<usize>,
    events: &[Event],
    scale: &Scale,
    left_edge: f64,
) -> Lane {
    let mut lane = Lane {
        name,
        style,
        events: members,
        xs: Vec::new(),
        plan: Plan::Labelled(Vec::new()),
    };
    if lane.events.len() > MAX_LABELLED {
        lane.count(events, scale);
        return lane;
    }
    let ideal: Vec<f64> = lane
        .events
        .iter()
        .map(|&i| scale.x_of(Day::of(&events[i].date).time()))
        .collect();
    let xs = within(dodge(&ideal), scale);
    let mut labels: Vec<Label> = lane
        .events
        .iter()
        .map(|&i| Label::new(&events[i]))
        .collect();
    choose_sides(&xs, &mut labels, left_edge, scale.x1 + TEXT_OFFSET);
    assign_rows(&xs, &mut labels);
    lane.xs = xs;
    lane.plan = Plan::Labelled(labels);
    if lane.rows() > MAX_ROWS {
        lane.count(events, scale);
    }
    lane
}

/// Marks spread by [`dodge`] moved back within the scale's ends where they spill over.
fn within(mut xs: Vec<f64>, scale: &Scale) -> Vec<f64> {
    let (Some(&first), Some(&last)) = (xs.first(), xs.last()) else {
        return xs;
    };
    let shift = if first < scale.x0 {
        scale.x0 - first
    } else if last > scale.x1 {
        (scale.x1 - last).max(scale.x0 - first)
    } else {
        0.0
    };
    for x in &mut xs {
        *x += shift;
    }
    xs
}

/// The lane's events counted per period of the finest step whose bars are wide enough, and
/// no finer than the unit of the axis's ticks: years on an axis ticked in years, so that
/// bars count visits per year, not per half-year.
fn counted(members: &[usize], events: &[Event], scale: &Scale) -> Plan {
    let unit = scale.tick_step().unit();
    let step = scale.finest(|step| {
        if step.years() < unit.years() {
            f64::INFINITY
        } else {
            MIN_BAR + BAR_GAP
        }
    });
    let mut counts: BTreeMap<Day, usize> = BTreeMap::new();
    for &i in members {
        *counts
            .entry(step.floor(Day::of(&events[i].date)))
            .or_default() += 1;
    }
    let buckets = counts
        .into_iter()
        .map(|(start, count)| Bucket {
            start,
            x0: scale.x_of(start.time()).max(scale.x0),
            x1: (scale.x_of(step.next(start).time()) - BAR_GAP).min(scale.x1),
            count,
        })
        .collect();
    Plan::Counted { step, buckets }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, date: String) -> Event {
        Event {
            date,
            kind,
            record: "visits:1".to_string(),
            caption: "Someone with a long name visits a state".to_string(),
            description: String::new(),
            cites: Vec::new(),
        }
    }

    fn scale_of(events: &[Event]) -> Scale {
        let times: Vec<f64> = events.iter().map(|e| Day::of(&e.date).time()).collect();
        Scale::over(&times, 96.0, 668.0)
    }

    #[test]
    fn a_crowded_lane_is_counted_per_year_and_a_sparse_one_labelled() {
        let mut events: Vec<Event> = (0..300)
            .map(|i| {
                event(
                    EventKind::Visit,
                    format!("{}-{:02}-01", 1960 + i / 5, 1 + i % 12),
                )
            })
            .collect();
        events.push(event(
            EventKind::RelationsEstablished,
            "1961-05-01".to_string(),
        ));
        let scale = scale_of(&events);
        let lanes = plan(&events, &scale, 92.0, 700.0);
        assert_eq!(
            lanes.iter().map(|l| l.name).collect::<Vec<_>>(),
            ["Relations", "Visits"]
        );
        assert!(matches!(lanes[0].plan, Plan::Labelled(_)));
        let Plan::Counted { step, buckets } = &lanes[1].plan else {
            panic!("300 visits are counted");
        };
        assert_eq!(*step, Step::Years(1));
        assert_eq!(buckets.len(), 60);
        assert!(buckets.iter().all(|b| b.count == 5 && b.x1 > b.x0));
        assert_eq!(lanes[1].xs.len(), 300);
    }

    #[test]
    fn lanes_are_counted_tallest_first_until_they_fit() {
        // Six kinds of event, each with five events a few days apart: every lane's labels stack
        // high, so together they would not fit; counting lanes brings them under the limit.
        let kinds = [
            EventKind::RelationsEstablished,
            EventKind::MissionOpened,
            EventKind::Visit,
            EventKind::AgreementSigned,
            EventKind::LegalBaseCounted,
            EventKind::MembershipJoined,
        ];
        let events: Vec<Event> = kinds
            .iter()
            .flat_map(|kind| (0..5).map(move |k| event(*kind, format!("2001-0{}-1{k}", 1 + k % 2))))
            .collect();
        let scale = scale_of(&events);
        let unlimited = plan(&events, &scale, 92.0, f64::INFINITY);
        let tall: f64 = unlimited.iter().map(Lane::height).sum();
        assert!(unlimited
            .iter()
            .all(|l| matches!(l.plan, Plan::Labelled(_))));
        let lanes = plan(&events, &scale, 92.0, 500.0);
        let height: f64 = lanes.iter().map(Lane::height).sum();
        assert!(tall > 500.0 && height <= 500.0, "{tall} -> {height}");
        assert!(lanes.iter().any(|l| matches!(l.plan, Plan::Counted { .. })));
        assert!(lanes.iter().any(|l| matches!(l.plan, Plan::Labelled(_))));
    }

    #[test]
    fn every_kind_has_a_lane_and_lanes_keep_their_style() {
        let names = all_lane_names();
        assert_eq!(
            names,
            [
                "Relations",
                "Missions",
                "Visits",
                "Agreements",
                "Legal base",
                "Memberships"
            ]
        );
        for kind in EventKind::ALL {
            assert!(names.contains(&lane_name(kind)));
        }
    }
}
