//! Where a lane's marks and labels go: marks spread apart just enough to tell them apart, and
//! labels stacked in rows above them (see the parent module for the rules).

use super::super::Event;
use super::{
    CAPTION_CHARS, CAPTION_LINES, CAPTION_SIZE, CHAR_EM, DATE_SIZE, LABEL_GAP, LINE_PITCH, MIN_SEP,
    POLE_CLEAR, ROW_GAP, TEXT_OFFSET,
};
use crate::dates;

/// Which way a label runs from its pole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Right,
    Left,
}

/// An event's label: its lines and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub(super) date: String,
    pub(super) caption: Vec<String>,
    /// Estimated text width.
    pub(super) width: f64,
    /// Row, 0 next to the marks.
    pub(super) row: usize,
    pub(super) side: Side,
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
            row: 0,
            side: Side::Right,
        }
    }

    /// The x where the label's text starts, for a pole at `x`.
    pub(super) fn text_x(&self, x: f64) -> f64 {
        match self.side {
            Side::Right => x + TEXT_OFFSET,
            Side::Left => x - TEXT_OFFSET - self.width,
        }
    }

    /// The horizontal extent of the label whose pole stands at `x`.
    pub(super) fn extent(&self, x: f64) -> (f64, f64) {
        match self.side {
            Side::Right => (x - 1.0, x + TEXT_OFFSET + self.width),
            Side::Left => (x - TEXT_OFFSET - self.width, x + 1.0),
        }
    }

    /// Whether the label, with its pole at `x`, passes over a pole at `pole`.
    fn covers(&self, x: f64, pole: f64) -> bool {
        let (left, right) = self.extent(x);
        pole >= left - POLE_CLEAR && pole <= right + POLE_CLEAR
    }
}

/// Positions for marks wanted at `ideal` (ascending): at least [`MIN_SEP`] apart, each as near
/// its ideal as the others allow. Marks that would touch form a group centred on the mean of
/// its ideals, so shifts do not add up along the axis.
pub(super) fn dodge(ideal: &[f64]) -> Vec<f64> {
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

/// Turns to the left every label that would run past `right_edge`, and every label that would
/// run over a mark whose label runs left, so that no two labels each pass over the other's
/// mark; a label that would then start before `left_edge` runs right.
pub(super) fn choose_sides(xs: &[f64], labels: &mut [Label], left_edge: f64, right_edge: f64) {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*b].total_cmp(&xs[*a]));
    for (k, &i) in order.iter().enumerate() {
        labels[i].side = Side::Right;
        let overflows = labels[i].extent(xs[i]).1 > right_edge;
        let meets_left = order[..k]
            .iter()
            .any(|&j| labels[j].side == Side::Left && labels[i].covers(xs[i], xs[j]));
        if overflows || meets_left {
            labels[i].side = Side::Left;
            if labels[i].extent(xs[i]).0 < left_edge {
                labels[i].side = Side::Right;
            }
        }
    }
}

/// Gives each label the lowest row above the labels of the marks its text passes over and
/// free of other labels, so that no pole crosses a label. A label is placed once every mark it
/// passes over is placed (rightmost first where two wait on each other).
pub(super) fn assign_rows(xs: &[f64], labels: &mut [Label]) {
    let mut waiting: Vec<usize> = (0..xs.len()).collect();
    waiting.sort_by(|a, b| xs[*b].total_cmp(&xs[*a]));
    let mut placed: Vec<usize> = Vec::new();
    while !waiting.is_empty() {
        let next = waiting
            .iter()
            .position(|&i| {
                waiting
                    .iter()
                    .all(|&j| j == i || !labels[i].covers(xs[i], xs[j]))
            })
            .unwrap_or(0);
        let i = waiting.remove(next);
        let (left, right) = labels[i].extent(xs[i]);
        let above = placed
            .iter()
            .filter(|&&j| labels[i].covers(xs[i], xs[j]))
            .map(|&j| labels[j].row + 1)
            .max()
            .unwrap_or(0);
        let row = (above..)
            .find(|row| {
                placed.iter().all(|&j| {
                    let (l, r) = labels[j].extent(xs[j]);
                    labels[j].row != *row || r + LABEL_GAP <= left || right + LABEL_GAP <= l
                })
            })
            .expect("a row above every placed label is free");
        labels[i].row = row;
        placed.push(i);
    }
}

/// The height of each row: its tallest label and the gap above it.
pub(super) fn row_heights(labels: &[Label]) -> Vec<f64> {
    let rows = labels.iter().map(|l| l.row + 1).max().unwrap_or(0);
    let mut heights = vec![DATE_SIZE + LINE_PITCH + ROW_GAP; rows];
    for label in labels {
        let height = DATE_SIZE + LINE_PITCH * label.caption.len() as f64 + ROW_GAP;
        heights[label.row] = heights[label.row].max(height);
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
            row: 0,
            side: Side::Right,
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
    fn marks_that_would_touch_are_centred_on_their_dates() {
        let placed = dodge(&[100.0, 100.5, 101.0, 300.0]);
        let sep = MIN_SEP;
        assert_eq!(placed, [100.5 - sep, 100.5, 100.5 + sep, 300.0]);
        let chained = dodge(&[0.0, 10.0, 20.0, 30.0]);
        assert!(chained.windows(2).all(|w| w[1] - w[0] >= MIN_SEP - 1e-9));
        assert!((chained.iter().sum::<f64>() / 4.0 - 15.0).abs() < 1e-9);
    }

    #[test]
    fn labels_over_other_marks_climb_above_them() {
        let xs = [100.0, 113.0, 400.0];
        let mut labels = [label(150.0), label(150.0), label(150.0)];
        assign_rows(&xs, &mut labels);
        assert_eq!(labels.map(|l| l.row), [1, 0, 0]);
    }

    #[test]
    fn labels_at_the_right_edge_turn_left_and_still_climb_over_marks() {
        let xs = [100.0, 500.0, 560.0];
        let mut labels = [label(150.0), label(150.0), label(150.0)];
        choose_sides(&xs, &mut labels, 90.0, 668.0);
        // 560 would run past the edge; 500 would then run over 560's mark while 560's label
        // runs over 500's: both run left, and 560's climbs over the mark at 500.
        assert_eq!(
            labels.clone().map(|l| l.side),
            [Side::Right, Side::Left, Side::Left]
        );
        assign_rows(&xs, &mut labels);
        assert_eq!(labels.map(|l| l.row), [0, 0, 1]);
    }
}
