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

use super::{Dossier, Event, EventKind};
use crate::dates;
use crate::markup::escape_html;

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

/// A stretch of the axis, drawn at the scale common to all: the line runs over
/// `x..x + width`, and time `base_t` falls at `base_x`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    x: f64,
    width: f64,
    base_x: f64,
    base_t: f64,
    per_year: f64,
    /// The x of the segment's first and last mark.
    first_mark: f64,
    last_mark: f64,
}

impl Segment {
    fn x_of(&self, t: f64) -> f64 {
        self.base_x + (t - self.base_t) * self.per_year
    }
}

/// An event's label: its lines and where it goes.
#[derive(Debug, Clone, PartialEq)]
struct Label {
    date: String,
    caption: Vec<String>,
    /// Estimated text width.
    width: f64,
    /// Lane, 0 next to the axis.
    lane: usize,
}

impl Label {
    fn new(event: &Event) -> Self {
        let date = dates::display(&event.date);
        let caption = wrap(&event.caption, CAPTION_CHARS, CAPTION_LINES);
        let widest = caption.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let width =
            (date.chars().count() as f64 * DATE_SIZE).max(widest as f64 * CAPTION_SIZE) * CHAR_EM;
        Label {
            date,
            caption,
            width,
            lane: 0,
        }
    }

    /// The horizontal extent of the label whose pole stands at `x`.
    fn extent(&self, x: f64) -> (f64, f64) {
        (x - 1.0, x + TEXT_OFFSET + self.width)
    }
}

/// Draws the timeline of `dossier` as an `<svg>` element (empty when it has no events).
pub fn render(dossier: &Dossier) -> String {
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

/// The axis's segments and each event's x: the largest scale, in units per year, at which
/// every label fits on the canvas.
fn positions(times: &[f64], labels: &[Label]) -> (Vec<Segment>, Vec<f64>) {
    let fits = |per_year: f64| layout(times, labels, per_year).2 <= WIDTH - MARGIN;
    if !fits(0.0) {
        return squeezed(times, labels);
    }
    let (mut low, mut high) = (0.0, MAX_PER_YEAR);
    if fits(high) {
        low = high;
    }
    for _ in 0..40 {
        let middle = (low + high) / 2.0;
        if fits(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    let (segments, xs, _) = layout(times, labels, low);
    (segments, xs)
}

/// Lays the events out at `per_year` units per year: within a run of events no more than
/// [`GAP_YEARS`] apart, to scale (marks spread to [`MIN_SEP`]); a new run starts after a break
/// and past the labels of the runs before it. Returns the segments, the xs and the right edge
/// of the rightmost label.
fn layout(times: &[f64], labels: &[Label], per_year: f64) -> (Vec<Segment>, Vec<f64>, f64) {
    let mut xs = vec![0.0; times.len()];
    let mut segments: Vec<Segment> = Vec::new();
    let mut start = MARGIN + PAD;
    let mut reach = f64::NEG_INFINITY;
    for run in runs(times) {
        let base_t = times[run[0]];
        let ideal: Vec<f64> = run
            .iter()
            .map(|&i| start + (times[i] - base_t) * per_year)
            .collect();
        // Spread marks may start left of `start`: move the run, its scale with it.
        let mut placed = dodge(&ideal);
        let shift = (start - placed[0]).max(0.0);
        for x in &mut placed {
            *x += shift;
        }
        for (&i, &x) in run.iter().zip(&placed) {
            xs[i] = x;
            reach = reach.max(labels[i].extent(x).1);
        }
        let (first, last) = (placed[0], placed[placed.len() - 1]);
        if let Some(previous) = segments.last_mut() {
            previous.width = first - PAD - BREAK_WIDTH - previous.x;
        }
        segments.push(Segment {
            x: first - PAD,
            width: last - first + 2.0 * PAD,
            base_x: start + shift,
            base_t,
            per_year,
            first_mark: first,
            last_mark: last,
        });
        start = (last + 2.0 * PAD + BREAK_WIDTH).max(reach + LABEL_GAP);
    }
    if let Some(last) = segments.last_mut() {
        last.width = last.width.max(WIDTH - MARGIN - last.x);
    }
    (segments, xs, reach)
}

/// Positions for marks wanted at `ideal` (ascending): at least [`MIN_SEP`] apart, each as near
/// its ideal as the others allow. Marks that would touch form a group centred on the mean of
/// its ideals, so shifts do not add up along the axis.
fn dodge(ideal: &[f64]) -> Vec<f64> {
    // (first mark, number of marks, x of the first mark)
    let mut groups: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..ideal.len() {
        groups.push((i, 1, ideal[i]));
        loop {
            let n = groups.len();
            let (first, count, _) = groups[n - 1];
            let centred = (first..first + count)
                .map(|j| ideal[j] - (j - first) as f64 * MIN_SEP)
                .sum::<f64>()
                / count as f64;
            groups[n - 1].2 = centred;
            if n < 2 {
                break;
            }
            let (_, previous_count, previous_x) = groups[n - 2];
            if previous_x + previous_count as f64 * MIN_SEP <= groups[n - 1].2 + 1e-9 {
                break;
            }
            let (_, count, _) = groups.pop().expect("two groups");
            groups[n - 2].1 += count;
        }
    }
    groups
        .into_iter()
        .flat_map(|(_, count, x)| (0..count).map(move |k| x + k as f64 * MIN_SEP))
        .collect()
}

/// For more events than fit even without time to scale: marks evenly spaced in time order on
/// one segment; [`assign_lanes`] still keeps the labels apart.
fn squeezed(times: &[f64], labels: &[Label]) -> (Vec<Segment>, Vec<f64>) {
    let widest = labels.iter().map(|l| l.width).fold(0.0, f64::max);
    let room = (WIDTH - 2.0 * MARGIN - TEXT_OFFSET - widest).max(0.0);
    let step = room / (times.len().max(2) - 1) as f64;
    let order: Vec<usize> = runs(times).concat();
    let mut xs = vec![0.0; times.len()];
    for (rank, &i) in order.iter().enumerate() {
        xs[i] = MARGIN + rank as f64 * step;
    }
    let segment = Segment {
        x: MARGIN,
        width: WIDTH - 2.0 * MARGIN,
        base_x: MARGIN,
        base_t: times[order[0]],
        per_year: 0.0,
        first_mark: MARGIN,
        last_mark: MARGIN + room,
    };
    (vec![segment], xs)
}

/// Indices of the events in runs no more than [`GAP_YEARS`] apart, in time order.
fn runs(times: &[f64]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|a, b| times[*a].total_cmp(&times[*b]).then(a.cmp(b)));
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match runs.last_mut() {
            Some(run) if times[i] - times[run[run.len() - 1]] <= GAP_YEARS => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    runs
}

/// Gives each label the lowest lane above the labels of the marks its text passes over and
/// free of other labels. Labels run right from their marks, so placing them right to left
/// places every mark a label passes over before the label.
fn assign_lanes(xs: &[f64], labels: &mut [Label]) {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*b].total_cmp(&xs[*a]));
    let mut placed: Vec<usize> = Vec::new();
    for &i in &order {
        let (left, right) = labels[i].extent(xs[i]);
        let above = placed
            .iter()
            .filter(|&&j| xs[j] >= left - POLE_CLEAR && xs[j] <= right + POLE_CLEAR)
            .map(|&j| labels[j].lane + 1)
            .max()
            .unwrap_or(0);
        let lane = (above..)
            .find(|lane| {
                placed.iter().all(|&j| {
                    let (l, r) = labels[j].extent(xs[j]);
                    labels[j].lane != *lane || r + LABEL_GAP <= left || right + LABEL_GAP <= l
                })
            })
            .expect("a lane above every placed label is free");
        labels[i].lane = lane;
        placed.push(i);
    }
}

/// The height of each lane: its tallest label and the gap above it.
fn lane_heights(labels: &[Label]) -> Vec<f64> {
    let lanes = labels.iter().map(|l| l.lane + 1).max().unwrap_or(1);
    let mut heights = vec![DATE_SIZE + LINE_PITCH + LANE_GAP; lanes];
    for label in labels {
        let height = DATE_SIZE + LINE_PITCH * label.caption.len() as f64 + LANE_GAP;
        heights[label.lane] = heights[label.lane].max(height);
    }
    heights
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
    let kind = event.kind;
    let mut out = format!(
        "<g class=\"event {}\" data-record=\"{}\" data-event=\"{}\" data-date=\"{}\">\n\
         <title>{}</title>\n",
        kind.class(),
        escape_html(&event.record),
        escape_html(&event.event),
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

fn colour(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Relations => "#1b4f72",
        EventKind::Mission => "#1e8449",
        EventKind::Visit => "#b03a2e",
        EventKind::Agreement => "#6c3483",
        EventKind::LegalBase => "#9a6400",
        EventKind::Other => "#555555",
    }
}

/// The mark of a kind of event centred on (`x`, `y`): a shape per kind, so that it reads in
/// grey too.
fn mark(kind: EventKind, x: f64, y: f64) -> String {
    let c = colour(kind);
    let r = MARK_R;
    let shape = match kind {
        EventKind::Relations => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#fff\" stroke=\"{c}\" \
             stroke-width=\"2\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.8\" fill=\"{c}\"/>",
            r - 0.5
        ),
        EventKind::Mission => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            x - r + 0.5,
            y - r + 0.5,
            2.0 * r - 1.0,
            2.0 * r - 1.0
        ),
        EventKind::Visit => {
            format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{c}\" stroke=\"#fff\"/>"
            )
        }
        EventKind::Agreement => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{c}\" \
             stroke=\"#fff\"/>",
            y - r - 1.0,
            x + r + 1.0,
            y + r + 1.0,
            x - r - 1.0
        ),
        EventKind::LegalBase => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{c}\" stroke=\"#fff\"/>",
            y - r - 0.5,
            x + r + 0.5,
            y + r - 0.5,
            x - r - 0.5,
            y + r - 0.5
        ),
        EventKind::Other => {
            format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{c}\"/>")
        }
    };
    format!("<g class=\"mark\">{shape}</g>\n")
}

/// A key to the marks of the kinds of event shown, in one row.
fn legend(events: &[Event], y: f64) -> String {
    let mut kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
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

/// `text` in lines of at most `width` characters, broken between words, at most `max_lines`
/// lines (the last cut with `…` if the text does not fit).
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        let last: String = rest.chars().take(width.saturating_sub(1)).collect();
        let last = format!("{}…", last.trim_end());
        lines.push(last);
    }
    for line in &mut lines {
        if line.chars().count() > width {
            *line = line
                .chars()
                .take(width.saturating_sub(1))
                .collect::<String>()
                + "…";
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(width: f64) -> Label {
        Label {
            date: String::new(),
            caption: vec![String::new()],
            width,
            lane: 0,
        }
    }

    #[test]
    fn captions_wrap_between_words() {
        assert_eq!(
            wrap("Agreement on Friendship and Cooperation", 24, 2),
            ["Agreement on Friendship", "and Cooperation"]
        );
        assert_eq!(wrap("a b c d e f", 3, 2), ["a b", "c…"]);
    }

    #[test]
    fn long_gaps_become_breaks_and_labels_stay_in_their_segment() {
        let times = [1992.4, 2007.2, 2007.2, 2007.7, 2008.2, 2013.2];
        let widths = [130.0, 120.0, 150.0, 140.0, 140.0, 160.0];
        let labels = widths.map(label);
        let (segments, xs) = positions(&times, &labels);
        assert_eq!(segments.len(), 3);
        assert!(
            xs.windows(2).all(|w| w[1] - w[0] >= MIN_SEP - 1e-9),
            "{xs:?}"
        );
        let right = labels
            .iter()
            .zip(&xs)
            .map(|(l, x)| l.extent(*x).1)
            .fold(0.0, f64::max);
        assert!(right <= WIDTH - MARGIN + 1e-6, "{right}");
        assert!(labels[0].extent(xs[0]).1 < segments[1].first_mark);
        assert!(labels[4].extent(xs[4]).1 < segments[2].first_mark);
        let per_year = segments[1].per_year;
        assert!(per_year > 100.0, "{per_year}");
        for i in 1..5 {
            let drift = (xs[i] - segments[1].x_of(times[i])).abs();
            assert!(drift <= MIN_SEP / 2.0 + 1e-9, "mark {i} drifts {drift}");
        }
    }

    #[test]
    fn marks_that_would_touch_are_centred_on_their_dates() {
        let placed = dodge(&[100.0, 100.5, 101.0, 300.0]);
        assert_eq!(placed, [87.5, 100.5, 113.5, 300.0]);
        let chained = dodge(&[0.0, 10.0, 20.0, 30.0]);
        assert!(chained.windows(2).all(|w| w[1] - w[0] >= MIN_SEP - 1e-9));
        assert!((chained.iter().sum::<f64>() / 4.0 - 15.0).abs() < 1e-9);
    }

    #[test]
    fn labels_over_other_marks_climb_above_them() {
        let xs = [100.0, 113.0, 400.0];
        let mut labels = [label(150.0), label(150.0), label(150.0)];
        assign_lanes(&xs, &mut labels);
        assert_eq!(labels.map(|l| l.lane), [1, 0, 0]);
    }
}
