//! The dossier's timeline as an inline SVG: every event of the pair on one time axis drawn to
//! scale, one lane per kind of event.
//!
//! Layout, all in SVG units on a 680-wide canvas (the text width of an A4 page):
//! * The axis runs linearly from the first event to the last, whatever the span (a day to
//!   centuries); its ticks fall on the finest calendar step (days, weeks, months, years, 2, 5,
//!   10, 25 ... years) that leaves room for their labels ([`axis`]).
//! * Each kind of event has its lane, named in the left margin ([`lanes::lane_name`]). In a
//!   lane of few events each event gets a mark and a label (its date and a short caption);
//!   marks closer than [`MIN_SEP`] are spread apart around their dates, and labels are stacked
//!   in rows so that no label overlaps another and no pole (the line from a mark up to its
//!   label) crosses a label. Labels run right of their mark, or left near the right end.
//! * A lane with more events than it can label, or whose labels would stack too high, counts
//!   them instead: bars of the events per period (a year, or the finest calendar step wide
//!   enough to draw), the busiest labelled with their count, over a strip of one tick per
//!   event. Lanes are counted, tallest first, until the drawing fits on a page
//!   ([`MAX_HEIGHT`]).
//!
//! Text widths are estimated (no font metrics are at hand) on the generous side.

mod axis;
mod draw;
mod lanes;
mod layout;

use super::Dossier;
use crate::markup::escape_html;
use axis::{time_of, Scale};
use lanes::Lane;

/// Canvas width.
const WIDTH: f64 = 680.0;
/// Space kept free at the left and right edges.
const MARGIN: f64 = 12.0;
/// Where the axis starts: left of it, the lanes' names.
const PLOT_X0: f64 = 96.0;
/// The tallest the drawing may be: well within the text height of an A4 page at this width
/// (about 990), leaving room for the caption and a heading.
const MAX_HEIGHT: f64 = 760.0;
/// Least distance between two marks of a lane.
const MIN_SEP: f64 = 11.0;
/// Radius of a mark.
const MARK_R: f64 = 5.0;
/// Space above the first lane.
const TOP: f64 = 4.0;
/// Height of the axis's line, ticks and labels below the lanes.
const AXIS_HEIGHT: f64 = 24.0;
/// Font sizes of a label's date and caption, of the axis's labels and lane names, and of
/// the counts over bars.
const DATE_SIZE: f64 = 10.0;
const CAPTION_SIZE: f64 = 11.0;
const SMALL_SIZE: f64 = 10.0;
const COUNT_SIZE: f64 = 9.0;
/// Distance between the baselines of a label's lines.
const LINE_PITCH: f64 = 13.0;
/// Estimated average advance of a character, in em (generous for DejaVu Sans and Arial).
const CHAR_EM: f64 = 0.6;
/// Longest caption line, in characters; captions wrap onto at most [`CAPTION_LINES`] lines.
const CAPTION_CHARS: usize = 24;
const CAPTION_LINES: usize = 2;
/// Gap between the pole and the text of its label.
const TEXT_OFFSET: f64 = 4.0;
/// Least horizontal gap between two labels in one row.
const LABEL_GAP: f64 = 8.0;
/// Least distance between a pole and the text of another label.
const POLE_CLEAR: f64 = 4.0;
/// Space between a row's label and the row above.
const ROW_GAP: f64 = 5.0;
/// Height of the tallest bar of a counted lane.
const BAR_MAX: f64 = 40.0;
/// Narrowest bar, and the gap between two bars.
const MIN_BAR: f64 = 3.0;
const BAR_GAP: f64 = 1.0;
/// Length of an event's tick in the strip under a counted lane's bars.
const RUG: f64 = 6.0;
/// How many of a counted lane's busiest periods are labelled with their count.
const BUSIEST: usize = 3;

/// Draws the timeline of `dossier` as an `<svg>` element (empty when it has no events).
pub(crate) fn render(dossier: &Dossier) -> String {
    let events = &dossier.timeline;
    if events.is_empty() {
        return String::new();
    }
    let times: Vec<f64> = events.iter().map(|e| time_of(&e.date)).collect();
    let scale = Scale::over(&times, PLOT_X0, WIDTH - MARGIN);
    let lanes = lanes::plan(
        events,
        &scale,
        PLOT_X0 - TEXT_OFFSET,
        MAX_HEIGHT - TOP - AXIS_HEIGHT,
    );
    let axis_y = TOP + lanes.iter().map(Lane::height).sum::<f64>();
    let height = axis_y + AXIS_HEIGHT;
    let ticks = scale.ticks(scale.tick_step());

    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" \
         width=\"{WIDTH}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"timeline-title\" \
         font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n\
         <title id=\"timeline-title\">{}</title>\n",
        escape_html(&format!("Timeline: {}", dossier.title))
    );
    out.push_str(&draw::grid(&ticks, TOP, axis_y));
    let mut top = TOP;
    for lane in &lanes {
        out.push_str(&draw::lane(lane, events, top + lane.above(), &scale));
        top += lane.height();
    }
    out.push_str(&draw::axis(&scale, &ticks, axis_y));
    out.push_str("</svg>\n");
    out
}
