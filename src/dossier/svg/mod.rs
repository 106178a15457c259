//! The dossier's timeline as an inline SVG: every event of the pair a mark on one time axis,
//! with its date and a short caption above it.
//!
//! Layout, all in SVG units on a 680-wide canvas (the text width of an A4 page):
//! * The axis is cut where events are more than [`GAP_YEARS`] apart: each run of events gets a
//!   segment, and the segments are joined by breaks (`//`). All segments share one scale, the
//!   largest at which every label fits on the canvas.
//! * Marks closer than [`MIN_SEP`] are spread apart, keeping their order, each group of them
//!   centred on its dates.
//! * Every label starts at its mark and runs right; a segment starts past the labels of the
//!   segments before it. A label goes in the lowest lane above the labels of all the marks its
//!   text passes over, so that no pole (the line from a mark up to its label) crosses another
//!   label, and labels in one lane never overlap: events close together climb as a staircase.
//!
//! Text widths are estimated (no font metrics are at hand) on the generous side.

use std::fmt::Write;

mod layout;

use super::{Dossier, Event, EventKind};
use crate::markup::escape_html;
use layout::{assign_lanes, lane_heights, positions, Label, Segment};

/// Canvas width.
const WIDTH: f64 = 680.0;
/// Space kept free at the left and right edges.
const MARGIN: f64 = 12.0;
/// Width of a break in the axis between two segments.
const BREAK_WIDTH: f64 = 24.0;
/// Events further apart than this (in years) go on separate segments of the axis.
const GAP_YEARS: f64 = 3.0;
/// Axis drawn before the first and after the last mark of a segment.
const PAD: f64 = 10.0;
/// The largest scale tried, in units per year.
const MAX_PER_YEAR: f64 = 5000.0;
/// Least distance between two marks.
const MIN_SEP: f64 = 13.0;
/// Radius of a mark.
const MARK_R: f64 = 5.0;
/// Space above the highest lane.
const TOP: f64 = 4.0;
/// Font sizes of a label's date and caption, and of the axis's years and the legend.
const DATE_SIZE: f64 = 10.0;
const CAPTION_SIZE: f64 = 11.0;
const SMALL_SIZE: f64 = 10.0;
/// Distance between the baselines of a label's lines.
const LINE_PITCH: f64 = 13.0;
/// Estimated average advance of a character, in em (generous for DejaVu Sans and Arial).
const CHAR_EM: f64 = 0.6;
/// Longest caption line, in characters; captions wrap onto at most [`CAPTION_LINES`] lines.
const CAPTION_CHARS: usize = 24;
const CAPTION_LINES: usize = 2;
/// Gap between the pole and the text of its label.
const TEXT_OFFSET: f64 = 4.0;
/// Least horizontal gap between two labels in one lane.
const LABEL_GAP: f64 = 8.0;
/// Least distance between a pole and the text of another label.
const POLE_CLEAR: f64 = 4.0;
/// Space between a lane's label and the lane above.
const LANE_GAP: f64 = 5.0;

/// How an event is drawn: one mark, colour and legend entry per kind of record, so that an
/// opening and a closing, or a signing and an entry into force, read as one series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Relations,
    Mission,
    Visit,
    Agreement,
    LegalBase,
    Membership,
}

impl Mark {
    fn of(kind: EventKind) -> Self {
        match kind {
            EventKind::RelationsEstablished | EventKind::RelationsSevered => Mark::Relations,
            EventKind::MissionOpened | EventKind::MissionClosed => Mark::Mission,
            EventKind::Visit => Mark::Visit,
            EventKind::AgreementSigned | EventKind::AgreementInForce => Mark::Agreement,
            EventKind::LegalBaseCounted => Mark::LegalBase,
            EventKind::MembershipJoined | EventKind::MembershipLeft => Mark::Membership,
        }
    }

    /// A lower-case name, usable as a CSS class (`legal-base`).
    fn class(self) -> &'static str {
        match self {
            Mark::Relations => "relations",
            Mark::Mission => "mission",
            Mark::Visit => "visit",
            Mark::Agreement => "agreement",
            Mark::LegalBase => "legal-base",
            Mark::Membership => "membership",
        }
    }

    /// A heading for the legend.
    fn legend(self) -> &'static str {
        match self {
            Mark::Relations => "Relations",
            Mark::Mission => "Missions",
            Mark::Visit => "Visits",
            Mark::Agreement => "Agreements",
            Mark::LegalBase => "Legal base",
            Mark::Membership => "Memberships",
        }
    }
}

/// Draws the timeline of `dossier` as an `<svg>` element (empty when it has no events).
pub(crate) fn render(dossier: &Dossier) -> String {
    let events = &dossier.timeline;
    if events.is_empty() {
        return String::new();
    }
    let times: Vec<f64> = events.iter().map(|e| year_fraction(&e.date)).collect();
    let mut labels: Vec<Label> = events.iter().map(Label::new).collect();
    let (segments, xs) = positions(&times, &labels);
    assign_lanes(&xs, &mut labels);
    let heights = lane_heights(&labels);
    let axis_y = TOP + heights.iter().sum::<f64>() + MARK_R + 4.0;
    let legend_y = axis_y + 34.0;
    let height = legend_y + 14.0;

    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" \
         width=\"{WIDTH}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"timeline-title\" \
         font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n\
         <title id=\"timeline-title\">{}</title>\n",
        escape_html(&format!("Timeline: {}", dossier.title))
    );
    out.push_str(&axis(&segments, axis_y));
    for ((event, label), x) in events.iter().zip(&labels).zip(&xs) {
        let below: f64 = heights[..=label.lane].iter().sum();
        let top = axis_y - MARK_R - 4.0 - below + LANE_GAP;
        out.push_str(&event_group(event, label, *x, top, axis_y));
    }
    out.push_str(&legend(events, legend_y));
    out.push_str("</svg>\n");
    out
}

/// A partial ISO date as a year with a fraction (the start of the period it names).
fn year_fraction(date: &str) -> f64 {
    let mut parts = date.split('-').map(|p| p.parse::<f64>().unwrap_or(1.0));
    let year = parts.next().unwrap_or(0.0);
    let month = parts.next().unwrap_or(1.0);
    let day = parts.next().unwrap_or(1.0);
    year + (month - 1.0) / 12.0 + (day - 1.0) / 365.0
}

/// The axis: one line per segment, breaks between them, and the years below.
fn axis(segments: &[Segment], y: f64) -> String {
    let mut out = String::from("<g class=\"axis\" stroke=\"#555\" stroke-width=\"1.2\">\n");
    for (index, s) in segments.iter().enumerate() {
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>",
            s.x,
            s.x + s.width
        );
        if index + 1 < segments.len() {
            let gap = s.x + s.width + (segments[index + 1].x - s.x - s.width) / 2.0;
            for dx in [-3.0, 3.0] {
                let _ = writeln!(
                    out,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                    gap + dx - 2.5,
                    y + 6.0,
                    gap + dx + 2.5,
                    y - 6.0
                );
            }
        }
    }
    out.push_str("</g>\n");
    out.push_str(&years(segments, y));
    out
}

/// Year ticks and labels under the axis, skipping labels that would touch.
fn years(segments: &[Segment], y: f64) -> String {
    let mut out = format!(
        "<g class=\"years\" font-size=\"{SMALL_SIZE}\" fill=\"#444\" text-anchor=\"middle\">\n"
    );
    let mut last_x = f64::NEG_INFINITY;
    for s in segments {
        for (year, x, tick) in year_ticks(s) {
            if x - last_x < 34.0 {
                continue;
            }
            last_x = x;
            if tick {
                let _ = writeln!(
                    out,
                    "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#555\"/>",
                    y + 4.0
                );
            }
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\">{year}</text>",
                y + 16.0
            );
        }
    }
    out.push_str("</g>\n");
    out
}

/// The years to mark on a segment: (year, x, whether it is a tick at 1 January). Ticks fall
/// between the segment's first and last mark; where the first tick is far from the first mark,
/// or there is none, the first mark's year is written under it.
fn year_ticks(s: &Segment) -> Vec<(i64, f64, bool)> {
    let lead = (s.base_t.floor() as i64, s.first_mark, false);
    if s.per_year <= 0.0 {
        return vec![lead];
    }
    let time_at = |x: f64| s.base_t + (x - s.base_x) / s.per_year;
    let step = [1, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|step| *step as f64 * s.per_year >= 36.0)
        .unwrap_or(100);
    let from = time_at(s.first_mark - PAD).ceil() as i64;
    let to = time_at(s.last_mark + PAD).floor() as i64;
    let ticks: Vec<(i64, f64, bool)> = (from..=to)
        .filter(|year| year % step == 0)
        .map(|year| (year, s.x_of(year as f64), true))
        .collect();
    match ticks.first() {
        Some((_, x, _)) if x - s.first_mark < 40.0 => ticks,
        _ => std::iter::once(lead).chain(ticks).collect(),
    }
}

/// One event: its pole, mark and label, with the record it comes from in data attributes.
fn event_group(event: &Event, label: &Label, x: f64, top: f64, axis_y: f64) -> String {
    let kind = Mark::of(event.kind);
    let mut out = format!(
        "<g class=\"event {}\" data-record=\"{}\" data-event=\"{}\" data-date=\"{}\">\n\
         <title>{}</title>\n",
        kind.class(),
        escape_html(&event.record),
        event.kind,
        escape_html(&event.date),
        escape_html(&format!("{}: {}", label.date, event.description))
    );
    let _ = writeln!(
        out,
        "<line class=\"pole\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{top:.1}\" \
         stroke=\"{}\" stroke-width=\"0.8\"/>",
        axis_y - MARK_R - 1.0,
        colour(kind)
    );
    out.push_str(&mark(kind, x, axis_y));
    let text_x = x + TEXT_OFFSET;
    let _ = writeln!(
        out,
        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"{DATE_SIZE}\" font-weight=\"bold\" \
         fill=\"#222\">{}</text>",
        top + DATE_SIZE - 1.0,
        escape_html(&label.date)
    );
    for (index, line) in label.caption.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"{CAPTION_SIZE}\" fill=\"#222\">{}</text>",
            top + DATE_SIZE - 1.0 + LINE_PITCH * (index + 1) as f64,
            escape_html(line)
        );
    }
    out.push_str("</g>\n");
    out
}

fn colour(kind: Mark) -> &'static str {
    match kind {
        Mark::Relations => "#1b4f72",
        Mark::Mission => "#1e8449",
        Mark::Visit => "#b03a2e",
        Mark::Agreement => "#6c3483",
        Mark::LegalBase => "#9a6400",
        Mark::Membership => "#555555",
    }
}

/// The mark of a kind of event centred on (`x`, `y`): a shape per kind, so that it reads in
/// grey too.
fn mark(kind: Mark, x: f64, y: f64) -> String {
    let c = colour(kind);
    let r = MARK_R;
    let shape = match kind {
        Mark::Relations => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#fff\" stroke=\"{c}\" \
             stroke-width=\"2\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.8\" fill=\"{c}\"/>",
            r - 0.5
        ),
        Mark::Mission => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            x - r + 0.5,
            y - r + 0.5,
            2.0 * r - 1.0,
            2.0 * r - 1.0
        ),
        Mark::Visit => {
            format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{c}\" stroke=\"#fff\"/>"
            )
        }
        Mark::Agreement => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            y - r - 1.0,
            x + r + 1.0,
            y + r + 1.0,
            x - r - 1.0
        ),
        Mark::LegalBase => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{c}\" stroke=\"#fff\"/>",
            y - r - 0.5,
            x + r + 0.5,
            y + r - 0.5,
            x - r - 0.5,
            y + r - 0.5
        ),
        Mark::Membership => {
            format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{c}\"/>")
        }
    };
    format!("<g class=\"mark\">{shape}</g>\n")
}

/// A key to the marks of the kinds of event shown, in one row.
fn legend(events: &[Event], y: f64) -> String {
    let mut kinds: Vec<Mark> = events.iter().map(|e| Mark::of(e.kind)).collect();
    kinds.sort();
    kinds.dedup();
    let mut out = format!("<g class=\"legend\" font-size=\"{SMALL_SIZE}\" fill=\"#333\">\n");
    let mut x = MARGIN + MARK_R;
    for kind in kinds {
        out.push_str(&mark(kind, x, y - 3.5));
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{y:.1}\">{}</text>",
            x + MARK_R + 4.0,
            escape_html(kind.legend())
        );
        x += MARK_R * 2.0 + 4.0 + kind.legend().len() as f64 * SMALL_SIZE * CHAR_EM + 16.0;
    }
    out.push_str("</g>\n");
    out
}
