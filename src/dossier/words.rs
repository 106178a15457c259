//! Small pieces of English for the brief's templates.

use crate::dates;

/// "on 29 May 1992", "in May 1992", "in 1992": a partial date after a verb.
pub(super) fn on(date: &str) -> String {
    let preposition = if date.len() == 10 { "on" } else { "in" };
    format!("{preposition} {}", dates::display(date))
}

/// A code as words: `joint_statement` → `joint statement`.
pub(super) fn humanize(code: &str) -> String {
    code.replace(['_', '-'], " ")
}

/// "a" or "an" before `word`.
pub(super) fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `text` with its first letter in upper case.
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name as it reads inside a sentence: `Ferrous metallurgy` → `ferrous metallurgy`, but
/// `UN` and `Tajik music` keep their capitals where the second letter shows an acronym.
pub(super) fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// `a`, `a and b`, `a, b, and c`.
pub(super) fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// A number as a word up to twelve, in figures above.
pub(super) fn number(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// `n` and a noun, in the plural unless `n` is one: `two visits`.
pub(super) fn counted(n: usize, singular: &str, plural: &str) -> String {
    format!("{} {}", number(n), if n == 1 { singular } else { plural })
}

/// `text` cut to at most `max` characters, at a word where it can be, with `…` when cut.
pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_the_preposition_of_their_precision() {
        assert_eq!(on("1992-05-29"), "on 29 May 1992");
        assert_eq!(on("2007-08"), "in August 2007");
        assert_eq!(on("2007"), "in 2007");
    }

    #[test]
    fn lists_and_numbers_read_as_english() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&items(&["a"])), "a");
        assert_eq!(join_list(&items(&["a", "b"])), "a and b");
        assert_eq!(join_list(&items(&["a", "b", "c"])), "a, b, and c");
        assert_eq!(counted(1, "visit", "visits"), "one visit");
        assert_eq!(counted(6, "sector", "sectors"), "six sectors");
        assert_eq!(number(30), "30");
        assert_eq!(article("embassy"), "an");
        assert_eq!(article("consulate"), "a");
    }

    #[test]
    fn names_lose_a_capital_but_acronyms_keep_theirs() {
        assert_eq!(lower_first("Ferrous metallurgy"), "ferrous metallurgy");
        assert_eq!(lower_first("UN"), "UN");
        assert_eq!(capitalize("official visit"), "Official visit");
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(
            truncate("Agreement on Friendship and Cooperation", 30),
            "Agreement on Friendship and…"
        );
    }
}
