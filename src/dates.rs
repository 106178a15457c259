//! Partial ISO 8601 dates (`2007`, `2007-08`, `2007-08-13`), as reldb stores them.
//!
//! A partial date stands for the whole period it names. Comparisons truncate the more precise
//! side to the less precise one, so `2007-08` neither precedes nor follows `2007-08-13`.

/// The partial-date rule in SQL: the CHECK every date column of the schema carries, with
/// `{column}` for the column. [`validate`] is its twin in Rust; `tests/suite/date_rule.rs` runs the
/// same cases through both, and fails if a column's CHECK is not exactly this rule.
pub const SQL_VALID: &str = "{column} IS NULL OR {column} GLOB '[0-9][0-9][0-9][0-9]' OR \
({column} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr({column}, 6, 2) BETWEEN '01' AND '12') OR \
({column} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date({column}, '+0 days') IS {column})";

/// [`not_before`] in SQL, with `{end}` and `{start}`: the CHECK of every pair of dates that
/// bound a period, and the `from` filter of the named queries.
pub const SQL_NOT_BEFORE: &str = "{end} >= substr({start}, 1, length({end}))";

/// [`on_or_before`] in SQL, with `{date}` and `{to}`: the `to` filter of the named queries.
pub const SQL_ON_OR_BEFORE: &str = "substr({date}, 1, length({to})) <= {to}";

/// [`on_or_before`] as the `visits` query writes it so that an index on the date serves it:
/// `~` sorts after every digit and `-`, so a date at `{to}`'s precision or finer that starts
/// with `{to}` is still before it.
pub const SQL_ON_OR_BEFORE_INDEXED: &str = "{date} <= coalesce({to} || '~', '~')";

/// Checks that `text` is a partial ISO 8601 date that exists in the calendar.
///
/// The error says what is wrong, and suggests the ISO form for a date written day-first.
pub fn validate(text: &str) -> Result<(), String> {
    // Parsed by hand, without allocating: this runs for every date of every imported row.
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
        })
    };
    let dash = |at: usize| bytes.get(at) == Some(&b'-');
    let (year, month, day) = match bytes.len() {
        4 => (digits(0..4), None, None),
        7 if dash(4) => (digits(0..4), digits(5..7), None),
        10 if dash(4) && dash(7) => (digits(0..4), digits(5..7), digits(8..10)),
        _ => (None, None, None),
    };
    let well_formed = year.is_some()
        && (bytes.len() < 7 || month.is_some())
        && (bytes.len() < 10 || day.is_some());
    if !well_formed {
        return Err(format!(
            "'{text}' is not a date: use ISO 8601, YYYY, YYYY-MM or YYYY-MM-DD{}",
            day_first_hint(text)
        ));
    }
    let year = year.expect("checked");
    if let Some(month) = month {
        if !(1..=12).contains(&month) {
            return Err(format!(
                "'{text}' has no month {month}: months run from 01 to 12"
            ));
        }
        if let Some(day) = day {
            let last = days_in_month(year, month);
            if day == 0 || day > last {
                return Err(format!(
                    "'{text}' is not in the calendar: {year}-{month:02} has {last} days"
                ));
            }
        }
    }
    Ok(())
}

fn day_first_hint(text: &str) -> String {
    let parts: Vec<&str> = text.split(['.', '/']).collect();
    if parts.len() == 3 && parts[2].len() == 4 && parts[..2].iter().all(|p| p.len() <= 2) {
        let (day, month, year) = (parts[0], parts[1], parts[2]);
        if [day, month, year]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return format!(" (if day first, write {year}-{month:0>2}-{day:0>2})");
        }
    }
    String::new()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `date` falls within `from..=until` (either bound may be open). Each comparison is
/// made at the coarser precision of the two dates, so a partial date is within a range it
/// overlaps: `2007` is within `2007-03-15..`, and `2007-06-15` is within `..2007-06`.
pub fn within(date: &str, from: Option<&str>, until: Option<&str>) -> bool {
    let after_start = from.is_none_or(|f| coarse(date, f) >= coarse(f, date));
    let before_end = until.is_none_or(|u| coarse(date, u) <= coarse(u, date));
    after_start && before_end
}

/// Whether `end` is not before `start` (the rule of the schema's CHECK constraints).
pub fn not_before(end: &str, start: &str) -> bool {
    within(end, Some(start), None)
}

/// Whether `date` is on or before `to`, as the named queries compare them
/// (`substr(date, 1, length(:to)) <= :to`).
pub fn on_or_before(date: &str, to: &str) -> bool {
    within(date, None, Some(to))
}

/// `date` cut to the precision of `other`, if `other` is coarser.
fn coarse<'a>(date: &'a str, other: &str) -> &'a str {
    date.get(..other.len()).unwrap_or(date)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The parts of a partial date: year, and month and day where given.
fn parts(date: &str) -> Option<(&str, Option<usize>, Option<u32>)> {
    let mut pieces = date.splitn(3, '-');
    let year = pieces.next()?;
    let month = match pieces.next() {
        Some(m) => Some(m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match pieces.next() {
        Some(d) => Some(d.parse::<u32>().ok()?),
        None => None,
    };
    Some((year, month, day))
}

/// A partial ISO date written out in English at its own precision: `29 May 1992`,
/// `August 2007`, `2007`. Text that is not such a date is returned as it is.
pub fn display(date: &str) -> String {
    match parts(date) {
        Some((year, None, _)) => year.to_string(),
        Some((year, Some(month), None)) => format!("{} {year}", MONTHS[month - 1]),
        Some((year, Some(month), Some(day))) => format!("{day} {} {year}", MONTHS[month - 1]),
        None => date.to_string(),
    }
}

/// A period from `start` to `end` (partial ISO dates) written out, sharing what the two ends
/// share: `15–16 March 2007`, `30 March – 2 April 2007`, `August 2007`.
pub fn display_span(start: &str, end: Option<&str>) -> String {
    let Some(end) = end.filter(|e| *e != start) else {
        return display(start);
    };
    match (parts(start), parts(end)) {
        (Some((y1, Some(m1), Some(d1))), Some((y2, Some(m2), Some(d2)))) if y1 == y2 => {
            if m1 == m2 {
                format!("{d1}–{d2} {} {y1}", MONTHS[m1 - 1])
            } else {
                format!("{d1} {} – {d2} {} {y1}", MONTHS[m1 - 1], MONTHS[m2 - 1])
            }
        }
        _ => format!("{} – {}", display(start), display(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_partial_dates_that_exist() {
        for ok in ["2007", "2007-08", "2007-08-13", "2008-02-29", "2000-02-29"] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_malformed_and_impossible_dates() {
        for bad in [
            "07",
            "2007-8",
            "2007-13",
            "2007-02-30",
            "1900-02-29",
            "2007-00",
            "",
            "x",
        ] {
            assert!(validate(bad).is_err(), "{bad}");
        }
        assert!(validate("16.03.2007").unwrap_err().contains("2007-03-16"));
    }

    #[test]
    fn partial_dates_compare_at_the_coarser_precision() {
        assert!(within("2007", Some("2007-03-15"), None));
        assert!(within("1959-07", Some("1922-12-30"), Some("1991-12-26")));
        assert!(!within(
            "1992-01-01",
            Some("1922-12-30"),
            Some("1991-12-26")
        ));
        assert!(not_before("2007-08", "2007-08-13"));
        assert!(!not_before("2007-07", "2007-08-13"));
    }

    #[test]
    fn on_or_before_compares_like_the_named_queries() {
        assert!(on_or_before("2007-03-16", "2007-06-01"));
        assert!(on_or_before("2007", "2007-06-01"));
        assert!(on_or_before("2007-06-15", "2007-06"));
        assert!(!on_or_before("2007-08", "2007-06-01"));
        assert!(!on_or_before("2013-03-01", "2007"));
    }

    #[test]
    fn dates_are_written_out_at_their_precision() {
        assert_eq!(display("1992-05-29"), "29 May 1992");
        assert_eq!(display("2007-08"), "August 2007");
        assert_eq!(display("2007"), "2007");
        assert_eq!(
            display_span("2007-03-15", Some("2007-03-16")),
            "15–16 March 2007"
        );
        assert_eq!(
            display_span("2007-03-30", Some("2007-04-02")),
            "30 March – 2 April 2007"
        );
        assert_eq!(
            display_span("2007-12-30", Some("2008-01")),
            "30 December 2007 – January 2008"
        );
        assert_eq!(display_span("2007-08", Some("2007-08")), "August 2007");
        assert_eq!(display_span("2007-08-13", None), "13 August 2007");
    }
}
