//! The values a table never cuts: numbers, ISO 8601 dates and short codes.

use rusqlite::types::ValueRef;
use unicode_width::UnicodeWidthStr;

/// The most terminal columns a value without spaces may take and still be a code (`TJ`,
/// `AZE`, `embassy` is not), which a table never cuts.
pub const CODE_WIDTH: usize = 6;

/// Whether a table must show this value whole: a number, an ISO 8601 date (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, with a time or not) or a code of up to [`CODE_WIDTH`] characters without
/// spaces. A cut id or date reads as another one; cut free text still reads as what it is. NULL
/// says nothing about its column.
pub fn never_cut(value: ValueRef<'_>) -> bool {
    match value {
        ValueRef::Null | ValueRef::Integer(_) | ValueRef::Real(_) => true,
        ValueRef::Text(t) => {
            std::str::from_utf8(t).is_ok_and(|t| is_code(t) || is_number(t) || is_iso_date(t))
        }
        ValueRef::Blob(_) => false,
    }
}

fn is_code(text: &str) -> bool {
    text.width() <= CODE_WIDTH && !text.chars().any(char::is_whitespace)
}

fn is_number(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && text.parse::<f64>().is_ok()
}

fn is_iso_date(text: &str) -> bool {
    let digits = |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let date_ok = match date.split('-').collect::<Vec<_>>().as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    // A time only after a full date, as SQLite's `datetime()` writes it (offsets allowed).
    let time_ok = time.is_none_or(|t| {
        date.len() == 10
            && t.len() <= 20
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b":.+-Z".contains(&b))
    });
    date_ok && time_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_short_codes_are_never_cut_but_text_is() {
        let text = |t: &'static str| ValueRef::Text(t.as_bytes());
        for value in [
            ValueRef::Integer(12345678901),
            ValueRef::Real(2.5),
            ValueRef::Null,
            text("2007"),
            text("2007-03"),
            text("2007-03-15"),
            text("2007-03-15 10:30:00"),
            text("2007-03-15T10:30Z"),
            text("-12.5e3"),
            text("TJ"),
            text("SUHH"),
            text(""),
        ] {
            assert!(never_cut(value), "{value:?}");
        }
        for value in [
            text("official"),
            text("Ilham Aliyev"),
            text("a b"),
            text("2007-3-15"),
            text("2007-03-15 and after"),
            text("1 2 3 4 5 6 7"),
            ValueRef::Blob(b"x"),
        ] {
            assert!(!never_cut(value), "{value:?}");
        }
    }
}
