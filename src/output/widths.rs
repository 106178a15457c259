//! Fitting a table's columns to the width it has.

/// A table column is not cut narrower than this while the table can fit otherwise.
const MIN_COLUMN_WIDTH: usize = 6;

/// The narrowest a column is ever cut to: one character and `…`.
const TINY_COLUMN_WIDTH: usize = 2;

/// The width of each column so that the table fits `available` terminal columns. `natural` is
/// each column's widest cell or header, `data` its widest cell, `kept` whether its values must
/// never be cut ([`never_cut`](super::never_cut)). In turn, until the table fits:
///
/// 1. headers are cut down to their column's data, but not below [`MIN_COLUMN_WIDTH`];
/// 2. free-text columns give way, the widest first, to a common width, not below the minimum;
/// 3. the headers of kept columns are cut down to their data (to [`TINY_COLUMN_WIDTH`] at least);
/// 4. free-text columns go below the minimum, down to [`TINY_COLUMN_WIDTH`].
///
/// Spare columns go back to what was cut last. Kept columns never go below their data: a table
/// whose narrowest form is still too wide is written in that form.
pub fn fit_widths(
    natural: &[usize],
    data: &[usize],
    kept: &[bool],
    available: usize,
) -> Vec<usize> {
    let gaps = 2 * natural.len().saturating_sub(1);
    let budget = available.saturating_sub(gaps);
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let floors: Vec<usize> = natural
        .iter()
        .zip(data)
        .map(|(n, d)| (*n).min((*d).max(MIN_COLUMN_WIDTH)))
        .collect();
    let used = floors.iter().sum::<usize>();
    if used <= budget {
        return hand_out(floors, natural, budget - used);
    }
    let text: Vec<bool> = kept.iter().map(|k| !k).collect();
    if let Some(widths) = narrow(&floors, &text, MIN_COLUMN_WIDTH, budget) {
        return widths;
    }
    let text_at_minimum = cap(&floors, &text, MIN_COLUMN_WIDTH);
    let cut_headers: Vec<usize> = text_at_minimum
        .iter()
        .zip(data)
        .zip(kept)
        .map(|((w, d), k)| {
            if *k {
                (*w).min((*d).max(TINY_COLUMN_WIDTH))
            } else {
                *w
            }
        })
        .collect();
    let used = cut_headers.iter().sum::<usize>();
    if used <= budget {
        return hand_out(cut_headers, &text_at_minimum, budget - used);
    }
    narrow(&cut_headers, &text, TINY_COLUMN_WIDTH, budget)
        .unwrap_or_else(|| cap(&cut_headers, &text, TINY_COLUMN_WIDTH))
}

/// `widths` with the columns marked in `which` held to the largest common limit, not below
/// `lowest`, that fits `budget`, and any spare handed back; `None` if even `lowest` is too wide.
fn narrow(widths: &[usize], which: &[bool], lowest: usize, budget: usize) -> Option<Vec<usize>> {
    let used = |limit: usize| -> usize { cap(widths, which, limit).iter().sum() };
    if used(lowest) > budget {
        return None;
    }
    // The largest limit that fits, found by bisection.
    let (mut low, mut high) = (
        lowest,
        widths.iter().copied().max().unwrap_or(0).max(lowest),
    );
    while low < high {
        let middle = (low + high).div_ceil(2);
        if used(middle) <= budget {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let spare = budget - used(low);
    Some(hand_out(cap(widths, which, low), widths, spare))
}

/// `widths` with the columns marked in `which` held to `limit`.
fn cap(widths: &[usize], which: &[bool], limit: usize) -> Vec<usize> {
    widths
        .iter()
        .zip(which)
        .map(|(w, capped)| if *capped { (*w).min(limit) } else { *w })
        .collect()
}

/// Gives `spare` columns back, one at a time from the left, to columns narrower than `wanted`.
fn hand_out(mut widths: Vec<usize>, wanted: &[usize], mut spare: usize) -> Vec<usize> {
    while spare > 0 {
        let mut gave = false;
        for (width, wanted) in widths.iter_mut().zip(wanted) {
            if spare > 0 && *width < *wanted {
                *width += 1;
                spare -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        assert_eq!(
            fit_widths(&[4, 10, 3], &[4, 10, 3], &[false; 3], 40),
            [4, 10, 3]
        );
    }

    #[test]
    fn the_widest_columns_give_way_first_and_the_table_fills_the_width() {
        let widths = fit_widths(&[4, 200, 80, 3], &[4, 200, 80, 3], &[false; 4], 80);
        assert_eq!(widths.iter().sum::<usize>() + 6, 80);
        assert_eq!(widths[0], 4);
        assert_eq!(widths[3], 3);
        assert!(widths[1] >= widths[2] && widths[1] - widths[2] <= 1);
    }

    #[test]
    fn long_headers_over_short_data_are_cut_before_any_data() {
        // documents_signed over "10", visitor_state over "AZ", then a long notes column.
        let widths = fit_widths(&[16, 13, 50], &[2, 2, 50], &[false; 3], 66);
        assert_eq!(widths, [6, 6, 50]);
        let roomier = fit_widths(&[16, 13, 50], &[2, 2, 50], &[false; 3], 80);
        assert_eq!(roomier.iter().sum::<usize>() + 4, 80);
        assert_eq!(roomier[2], 50);
    }

    #[test]
    fn columns_go_below_the_minimum_only_when_nothing_else_fits() {
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 22),
            [6, 6, 6]
        );
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 16),
            [4, 4, 4]
        );
        assert_eq!(
            fit_widths(&[30, 30, 30], &[30, 30, 30], &[false; 3], 5),
            [2, 2, 2]
        );
    }

    #[test]
    fn free_text_gives_way_before_codes_dates_and_numbers() {
        // id, start_date, visitor_name, notes: the text columns go down to the minimum, the
        // kept ones stay whole.
        let natural = [2, 10, 14, 300];
        let kept = [true, true, false, false];
        let widths = fit_widths(&natural, &natural, &kept, 40);
        assert_eq!(widths, [2, 10, 11, 11]);
        let narrow = fit_widths(&natural, &natural, &kept, 30);
        assert_eq!(narrow, [2, 10, 6, 6]);
    }

    #[test]
    fn headers_of_kept_columns_are_cut_before_text_goes_below_the_minimum() {
        // visitor_state over "AZ", host_state over "TJ", then two text columns.
        let natural = [13, 10, 40, 40];
        let data = [2, 2, 40, 40];
        let kept = [true, true, false, false];
        assert_eq!(fit_widths(&natural, &data, &kept, 24), [3, 3, 6, 6]);
        assert_eq!(fit_widths(&natural, &data, &kept, 18), [2, 2, 4, 4]);
    }

    #[test]
    fn kept_columns_are_never_cut_even_when_the_table_overflows() {
        let natural = [10, 10, 50];
        let kept = [true, true, false];
        let widths = fit_widths(&natural, &natural, &kept, 20);
        assert_eq!(widths, [10, 10, 2]);
    }
}
