//! The timeline's SVG elements: the axis and its grid, each lane's name, marks, labels, bars
//! and ticks.

use std::fmt::Write;

use super::super::Event;
use super::axis::{days_in_month, Day, Scale, Step};
use super::lanes::{Bucket, Lane, Plan};
use super::layout::Label;
use super::{
    BAR_MAX, BUSIEST, CAPTION_SIZE, CHAR_EM, COUNT_SIZE, DATE_SIZE, LINE_PITCH, MARGIN, MARK_R,
    RUG, SMALL_SIZE, WIDTH,
};
use crate::dates;
use crate::markup::escape_html;

/// The colours of the lanes, by style.
const COLOURS: [&str; 6] = [
    "#1b4f72", "#1e8449", "#b03a2e", "#6c3483", "#9a6400", "#555555",
];

fn colour(style: usize) -> &'static str {
    COLOURS[style % COLOURS.len()]
}

/// Light vertical lines at the ticks, behind the lanes, to read dates across them.
pub(super) fn grid(ticks: &[(f64, String)], top: f64, bottom: f64) -> String {
    let mut out = String::from("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"0.8\">\n");
    for (x, _) in ticks {
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/>"
        );
    }
    out.push_str("</g>\n");
    out
}

/// The time axis: its line, ticks and their labels, each label kept on the canvas.
pub(super) fn axis(scale: &Scale, ticks: &[(f64, String)], y: f64) -> String {
    let mut out = format!(
        "<g class=\"axis\" stroke=\"#555\" stroke-width=\"1.2\">\n\
         <line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>\n",
        scale.x0, scale.x1
    );
    for (x, _) in ticks {
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
            y + 4.0
        );
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        "<g class=\"ticks\" font-size=\"{SMALL_SIZE}\" fill=\"#444\" text-anchor=\"middle\">"
    );
    for (x, label) in ticks {
        let half = label.chars().count() as f64 * SMALL_SIZE * CHAR_EM / 2.0;
        let x = x.clamp(half, WIDTH - half);
        let _ = writeln!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            y + 15.0,
            escape_html(label)
        );
    }
    out.push_str("</g>\n");
    out
}

/// A lane: its name in the margin, its baseline at `baseline`, and its events.
pub(super) fn lane(lane: &Lane, events: &[Event], baseline: f64, scale: &Scale) -> String {
    let class = lane.class();
    let mut out = format!(
        "<g class=\"lane {class}\" data-lane=\"{}\" data-events=\"{}\">\n",
        escape_html(lane.name),
        lane.events.len()
    );
    let _ = writeln!(
        out,
        "<line class=\"baseline\" x1=\"{:.1}\" y1=\"{baseline:.1}\" x2=\"{:.1}\" \
         y2=\"{baseline:.1}\" stroke=\"#bbb\" stroke-width=\"0.8\"/>",
        scale.x0, scale.x1
    );
    match &lane.plan {
        Plan::Labelled(labels) => {
            out.push_str(&lane_name(lane, baseline + 3.5, &[]));
            let heights = super::layout::row_heights(labels);
            for ((&i, label), &x) in lane.events.iter().zip(labels).zip(&lane.xs) {
                let below: f64 = heights[..=label.row].iter().sum();
                let top = baseline - MARK_R - 4.0 - below + super::ROW_GAP;
                out.push_str(&event_group(lane, &events[i], label, x, top, baseline));
            }
        }
        Plan::Counted { step, buckets } => {
            let notes = [format!("{} in all", lane.events.len()), step.per()];
            out.push_str(&lane_name(lane, baseline - BAR_MAX + 10.0, &notes));
            out.push_str(&bars(lane, *step, buckets, baseline));
            for (&i, &x) in lane.events.iter().zip(&lane.xs) {
                out.push_str(&tick(lane, &events[i], x, baseline));
            }
        }
    }
    out.push_str("</g>\n");
    out
}

/// The lane's name at the left, with smaller lines of `notes` under it.
fn lane_name(lane: &Lane, y: f64, notes: &[String]) -> String {
    let mut out = format!(
        "<text class=\"lane-name\" x=\"{MARGIN}\" y=\"{y:.1}\" font-size=\"{SMALL_SIZE}\" \
         font-weight=\"bold\" fill=\"{}\">{}</text>\n",
        colour(lane.style),
        escape_html(lane.name)
    );
    for (k, note) in notes.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"lane-note\" x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"{COUNT_SIZE}\" \
             fill=\"#555\">{}</text>",
            y + 11.0 * (k + 1) as f64,
            escape_html(note)
        );
    }
    out
}

/// One labelled event: its pole, mark and label, with the record it comes from in data
/// attributes.
fn event_group(lane: &Lane, event: &Event, label: &Label, x: f64, top: f64, y: f64) -> String {
    let c = colour(lane.style);
    let mut out = event_open(lane, event, &label.date);
    let _ = writeln!(
        out,
        "<line class=\"pole\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{top:.1}\" \
         stroke=\"{c}\" stroke-width=\"0.8\"/>",
        y - MARK_R - 1.0
    );
    out.push_str(&mark(lane.style, x, y));
    let text_x = label.text_x(x);
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

/// The opening of an event's group, naming its record, kind and date, with its description
/// as a tooltip.
fn event_open(lane: &Lane, event: &Event, date: &str) -> String {
    format!(
        "<g class=\"event {}\" data-record=\"{}\" data-event=\"{}\" data-date=\"{}\">\n\
         <title>{}</title>\n",
        lane.class(),
        escape_html(&event.record),
        event.kind,
        escape_html(&event.date),
        escape_html(&format!("{date}: {}", event.description))
    )
}

/// One counted event: a tick in the strip under the bars.
fn tick(lane: &Lane, event: &Event, x: f64, y: f64) -> String {
    let mut out = event_open(lane, event, &dates::display(&event.date));
    let _ = writeln!(
        out,
        "<line class=\"mark\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" \
         stroke=\"{}\" stroke-width=\"0.7\" stroke-opacity=\"0.6\"/>\n</g>",
        y + 2.0,
        y + 2.0 + RUG,
        colour(lane.style)
    );
    out
}

/// The bars of a counted lane, as tall as their counts, and the counts of the busiest.
fn bars(lane: &Lane, step: Step, buckets: &[Bucket], y: f64) -> String {
    let c = colour(lane.style);
    let most = buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let height = |count: usize| BAR_MAX * count as f64 / most as f64;
    let mut out = String::new();
    for b in buckets {
        let h = height(b.count);
        let _ = writeln!(
            out,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" \
             fill=\"{c}\" fill-opacity=\"0.75\"><title>{}: {}</title></rect>",
            b.x0,
            y - h,
            (b.x1 - b.x0).max(0.5),
            escape_html(&period(step, b.start)),
            b.count
        );
    }
    let mut busiest: Vec<&Bucket> = buckets.iter().filter(|b| b.count > 1).collect();
    busiest.sort_by(|a, b| b.count.cmp(&a.count).then(a.start.cmp(&b.start)));
    let mut taken: Vec<(f64, f64)> = Vec::new();
    for b in busiest {
        if taken.len() == BUSIEST {
            break;
        }
        let text = format!("{} in {}", b.count, period(step, b.start));
        let half = text.chars().count() as f64 * COUNT_SIZE * CHAR_EM / 2.0;
        let x = ((b.x0 + b.x1) / 2.0).clamp(super::PLOT_X0 + half, WIDTH - MARGIN - half);
        if taken
            .iter()
            .any(|(l, r)| x - half < r + 6.0 && x + half + 6.0 > *l)
        {
            continue;
        }
        taken.push((x - half, x + half));
        let _ = writeln!(
            out,
            "<text class=\"count\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"{COUNT_SIZE}\" \
             text-anchor=\"middle\" fill=\"#222\">{}</text>",
            y - height(b.count) - 3.0,
            escape_html(&text)
        );
    }
    out
}

/// The period of a bucket starting on `start`: `1959`, `1950–1954`, `March 2007`,
/// `March 2007 – May 2007`, `15 March 2007`, `8–14 March 2007`.
fn period(step: Step, start: Day) -> String {
    let month = |m: u32| format!("{}-{m:02}", start.y);
    let day = |d: u32| format!("{}-{:02}-{d:02}", start.y, start.m);
    match step {
        Step::Years(1) => start.y.to_string(),
        Step::Years(n) => format!("{}–{}", start.y, start.y + i64::from(n) - 1),
        Step::Months(n) => {
            dates::display_span(&month(start.m), Some(&month((start.m + n - 1).min(12))))
        }
        Step::Days(n) => {
            let last = (start.d + n - 1).min(days_in_month(start.y, start.m));
            dates::display_span(&day(start.d), Some(&day(last)))
        }
    }
}

/// The mark of lane style `style` centred on (`x`, `y`): a shape per style, so that lanes
/// read in grey too.
fn mark(style: usize, x: f64, y: f64) -> String {
    let c = colour(style);
    let r = MARK_R;
    let shape = match style % COLOURS.len() {
        0 => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#fff\" stroke=\"{c}\" \
             stroke-width=\"2\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.8\" fill=\"{c}\"/>",
            r - 0.5
        ),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            x - r + 0.5,
            y - r + 0.5,
            2.0 * r - 1.0,
            2.0 * r - 1.0
        ),
        2 => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{c}\" stroke=\"#fff\"/>"
        ),
        3 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            y - r - 1.0,
            x + r + 1.0,
            y + r + 1.0,
            x - r - 1.0
        ),
        4 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{c}\" stroke=\"#fff\"/>",
            y - r - 0.5,
            x + r + 0.5,
            y + r - 0.5,
            x - r - 0.5,
            y + r - 0.5
        ),
        _ => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{c}\"/>"),
    };
    format!("<g class=\"mark\">{shape}</g>\n")
}
