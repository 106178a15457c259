//! Small pieces of English for the brief's templates, and the rules a careful writer follows
//! with names, offices and the manner of an act: which names take "the", how an office
//! recorded as a code reads, how "exchange of notes" follows a verb.

use crate::dates;

/// Names of states that take "the" in running text: plural names, and names built on a common
/// noun ("Kingdom", "Republic", "Union", "See", "Territory"). Those whose article is part of the
/// name in the state's own usage keep it capitalised ("The Gambia"). A name not listed also
/// takes "the" when it ends in a plural ("Islands", "Lands") or starts with "United ",
/// "Republic of " or "Democratic Republic" (see [`in_text`]); a name listed as itself is an
/// exception to those patterns (it starts with a singular name).
const THE_NAMES: [(&str, &str); 19] = [
    (
        "South Georgia and the South Sandwich Islands",
        "South Georgia and the South Sandwich Islands",
    ),
    (
        "Heard Island and McDonald Islands",
        "Heard Island and McDonald Islands",
    ),
    (
        "British Indian Ocean Territory",
        "the British Indian Ocean Territory",
    ),
    ("Bahamas", "The Bahamas"),
    ("Gambia", "The Gambia"),
    ("Netherlands", "the Netherlands"),
    ("Netherlands Antilles", "the Netherlands Antilles"),
    ("Caribbean Netherlands", "the Caribbean Netherlands"),
    ("Philippines", "the Philippines"),
    ("Comoros", "the Comoros"),
    ("Maldives", "the Maldives"),
    ("Holy See", "the Holy See"),
    ("Central African Republic", "the Central African Republic"),
    ("Dominican Republic", "the Dominican Republic"),
    ("Czech Republic", "the Czech Republic"),
    ("Soviet Union", "the Soviet Union"),
    ("Isle of Man", "the Isle of Man"),
    ("Panama Canal Zone", "the Panama Canal Zone"),
    (
        "Trust Territory of the Pacific Islands",
        "the Trust Territory of the Pacific Islands",
    ),
];

/// A state's name as it reads inside a sentence: `United States` → `the United States`,
/// `Holy See` → `the Holy See`, `Tajikistan` → `Tajikistan`. At the start of a sentence, pass
/// the result through [`capitalize`].
pub(super) fn in_text(name: &str) -> String {
    if let Some((_, written)) = THE_NAMES.iter().find(|(bare, _)| *bare == name) {
        return (*written).to_string();
    }
    // Names of eras too: "the Ottoman Empire", "the People’s Republic of Albania".
    let by_pattern = [
        "United ",
        "Republic of ",
        "Democratic Republic",
        "People’s ",
        "People's ",
        "Kingdom of ",
        "Union of ",
        "Federation of ",
    ]
    .iter()
    .any(|start| name.starts_with(start))
        || [" Islands", " Lands", " Empire", " Republic", " States"]
            .iter()
            .any(|end| name.ends_with(end));
    if by_pattern && !name.starts_with("the ") && !name.starts_with("The ") {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// Offices recorded as a lower-case code (as the Office of the Historian's travels give them:
/// `secretary`, `president`), in words: (the visitor's state, or `*` for any, the code, the
/// words; `{state}` stands for the state's name in text).
const OFFICES: [(&str, &str, &str); 6] = [
    ("US", "secretary", "Secretary of State"),
    ("US", "president", "President of the United States"),
    ("*", "president", "President of {state}"),
    ("*", "prime_minister", "Prime Minister of {state}"),
    (
        "*",
        "foreign_minister",
        "Minister of Foreign Affairs of {state}",
    ),
    ("*", "vice_president", "Vice President of {state}"),
];

/// A visitor's office in words: a code (`secretary`) by [`OFFICES`] with the visitor's state
/// (`code`, `state_name`), or in capitals word by word with the state where no entry fits; an
/// office already in words (it has a capital: `President of Azerbaijan`) stays as it is.
pub(super) fn office(office: &str, state_code: &str, state_name: &str) -> String {
    if office.chars().any(char::is_uppercase) {
        return office.to_string();
    }
    let code = office.trim().replace([' ', '-'], "_");
    let words = OFFICES
        .iter()
        .find(|(state, c, _)| *c == code && *state == state_code)
        .or_else(|| {
            OFFICES
                .iter()
                .find(|(state, c, _)| *c == code && *state == "*")
        })
        .map(|(_, _, words)| (*words).to_string())
        .unwrap_or_else(|| {
            let titled: Vec<String> = code.split('_').map(capitalize).collect();
            format!("{} of {{state}}", titled.join(" "))
        });
    words.replace("{state}", &in_text(state_name))
}

/// How diplomatic relations were established, to follow "established diplomatic relations
/// on 29 May 1992": ` by an exchange of notes`, `, as announced in a press statement`. A
/// manner that already starts with a preposition is kept.
pub(super) fn manner(how: &str) -> String {
    const ANNOUNCED: [&str; 3] = ["press statement", "press release", "announcement"];
    let how = how.trim();
    let lower = how.to_lowercase();
    if ANNOUNCED.contains(&lower.as_str()) {
        return format!(", as announced in {} {how}", article(how));
    }
    let first = lower.split_whitespace().next().unwrap_or_default();
    if ["by", "in", "through", "with", "at", "on", "as"].contains(&first) {
        return format!(" {how}");
    }
    // The source's words may bring their own article ("a message").
    if ["a", "an", "the"].contains(&first) {
        return format!(" by {how}");
    }
    format!(" by {} {how}", article(how))
}

/// "on 29 May 1992", "in May 1992", "in 1992": a partial date after a verb.
pub(super) fn on(date: &str) -> String {
    let preposition = if date.len() == 10 { "on" } else { "in" };
    format!("{preposition} {}", dates::display(date))
}

/// "on 15–16 March 2007", "in August 2007": a date or a span after a noun or verb, with the
/// preposition of the start's precision.
pub(super) fn display_on(start: &str, end: Option<&str>) -> String {
    let preposition = if start.len() == 10 { "on" } else { "in" };
    format!("{preposition} {}", dates::display_span(start, end))
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
    fn names_take_the_article_a_careful_writer_gives_them() {
        assert_eq!(in_text("United States"), "the United States");
        assert_eq!(in_text("Holy See"), "the Holy See");
        assert_eq!(in_text("Netherlands"), "the Netherlands");
        assert_eq!(in_text("Gambia"), "The Gambia");
        assert_eq!(in_text("Cayman Islands"), "the Cayman Islands");
        assert_eq!(in_text("Tajikistan"), "Tajikistan");
        assert_eq!(in_text("Niger"), "Niger");
        assert_eq!(
            in_text("South Georgia and the South Sandwich Islands"),
            "South Georgia and the South Sandwich Islands"
        );
        assert_eq!(capitalize(&in_text("United States")), "The United States");
    }

    #[test]
    fn offices_recorded_as_codes_read_as_words() {
        assert_eq!(
            office("secretary", "US", "United States"),
            "Secretary of State"
        );
        assert_eq!(
            office("president", "US", "United States"),
            "President of the United States"
        );
        assert_eq!(office("president", "FR", "France"), "President of France");
        assert_eq!(
            office("prime minister", "NL", "Netherlands"),
            "Prime Minister of the Netherlands"
        );
        assert_eq!(
            office("President of Azerbaijan", "AZ", "Azerbaijan"),
            "President of Azerbaijan"
        );
    }

    #[test]
    fn manners_of_establishing_read_after_the_verb() {
        assert_eq!(manner("exchange of notes"), " by an exchange of notes");
        assert_eq!(
            manner("press statement"),
            ", as announced in a press statement"
        );
        assert_eq!(manner("joint communiqué"), " by a joint communiqué");
        assert_eq!(manner("by treaty"), " by treaty");
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
