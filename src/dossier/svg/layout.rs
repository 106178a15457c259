//! Where the timeline's marks and labels go: the segments of the axis and their common scale,
//! marks spread apart, and labels stacked in lanes (see the parent module for the rules).

use super::super::Event;
use super::{
    BREAK_WIDTH, CAPTION_CHARS, CAPTION_LINES, CAPTION_SIZE, CHAR_EM, DATE_SIZE, GAP_YEARS,
    LABEL_GAP, LANE_GAP, LINE_PITCH, MARGIN, MAX_PER_YEAR, MIN_SEP, PAD, POLE_CLEAR, TEXT_OFFSET,
    WIDTH,
};
use crate::dates;

/// A stretch of the axis, drawn at the scale common to all: the line runs over
/// `x..x + width`, and time `base_t` falls at `base_x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Segment {
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) base_x: f64,
    pub(super) base_t: f64,
    pub(super) per_year: f64,
    /// The x of the segment's first and last mark.
    pub(super) first_mark: f64,
    pub(super) last_mark: f64,
}

impl Segment {
    pub(super) fn x_of(&self, t: f64) -> f64 {
        self.base_x + (t - self.base_t) * self.per_year
    }
}

/// An event's label: its lines and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub(super) date: String,
    pub(super) caption: Vec<String>,
    /// Estimated text width.
    pub(super) width: f64,
    /// Lane, 0 next to the axis.
    pub(super) lane: usize,
}

impl Label {
    pub(super) fn new(event: &Event) -> Self {
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
    pub(super) fn extent(&self, x: f64) -> (f64, f64) {
        (x - 1.0, x + TEXT_OFFSET + self.width)
    }
}

/// The axis's segments and each event's x: the largest scale, in units per year, at which
/// every label fits on the canvas.
pub(super) fn positions(times: &[f64], labels: &[Label]) -> (Vec<Segment>, Vec<f64>) {
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
pub(super) fn assign_lanes(xs: &[f64], labels: &mut [Label]) {
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
pub(super) fn lane_heights(labels: &[Label]) -> Vec<f64> {
    let lanes = labels.iter().map(|l| l.lane + 1).max().unwrap_or(1);
    let mut heights = vec![DATE_SIZE + LINE_PITCH + LANE_GAP; lanes];
    for label in labels {
        let height = DATE_SIZE + LINE_PITCH * label.caption.len() as f64 + LANE_GAP;
        heights[label.lane] = heights[label.lane].max(height);
    }
    heights
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
