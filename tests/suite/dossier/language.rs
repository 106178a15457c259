//! The brief reads like one a desk officer would send (issue 14, "Time" and "Language"):
//! dated, in the past tense for what sources reported, names with their articles, offices in
//! words, one date style, one order of the pair, no schema words, no section repeating
//! another, footnotes given once for a list from one source, and sources cited in full.
//! Driven through the real binary: the seeded TJ–AZ pair, and the US–TJ pair of the seed (the
//! Office of the Historian's record of relations, the embassy and its heads) with a few of the
//! Office's travels imported as README shows.

use crate::common::{seed, Workspace};
use scraper::{Html, Selector};

/// Four trips to Tajikistan from `data/us-foreign-travels.csv`, in its own columns.
const TRAVELS: &str = "\
visitor_name,visitor_role,host_country_name,locale,start_date,end_date,remarks
James Addison Baker,secretary,Tajikistan,Dushanbe,1992-02-12,1992-02-12,Met with President Nabiyev and discussed possible establishment of diplomatic relations.
Condoleezza Rice,secretary,Tajikistan,Dushanbe,2005-10-13,2005-10-13,Met with President Rakhmanov.
Hillary Rodham Clinton,secretary,Tajikistan,Dushanbe,2011-10-21,2011-10-22,Met with President Rahmon and Foreign Minister Zarifi.
John Forbes Kerry,secretary,Tajikistan,Dushanbe,2015-11-03,2015-11-03,Met with President Emomali Rahmon.
";

const GUIDE: &str = "https://history.state.gov/countries/tajikistan";

/// A database with the seed, whose US–TJ facts are the guide's, and README's import of travels.
fn us_tj() -> Workspace {
    let ws = Workspace::seeded();
    std::fs::write(ws.path("travels.csv"), TRAVELS).unwrap();
    ws.stdout(&[
        "-q",
        "import",
        "visits",
        "travels.csv",
        "--set",
        "visitor_state=US",
        "--map",
        "host_state=host_country_name",
        "--map",
        "visitor_office=visitor_role",
        "--map",
        "city=locale",
        "--map",
        "notes=remarks",
        "--new-source",
        "Travels of the President and the Secretary of State",
        "--publisher",
        "Office of the Historian, US Department of State",
        "--address",
        "https://history.state.gov/departmenthistory/travels",
    ]);
    // The seed's own rows, which the brief below tells: the guide's establishment of relations
    // and the embassy's opening.
    // Read from the seed files, not through the binary under test.
    let events = seed("relation_events");
    assert!(events.iter().any(|e| e["state_a"] == "TJ"
        && e["state_b"] == "US"
        && e["event"] == "establishment"
        && e["occurred_on"] == "1992-02-19"
        && e["manner"] == "press statement"));
    let missions = seed("missions");
    assert!(missions.iter().any(|m| m["sending_state"] == "US"
        && m["receiving_state"] == "TJ"
        && m["kind"] == "embassy"
        && m["city"] == "Dushanbe"
        && m["opened_on"] == "1992-03-13"));
    ws
}

fn brief(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["-q", "dossier"];
    all.extend_from_slice(args);
    String::from_utf8(ws.stdout(&all)).expect("UTF-8")
}

/// The lines of prose: neither table rows nor footnote definitions.
fn prose(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.starts_with('|') && !l.starts_with("[^"))
        .collect()
}

/// The lines of one `## ` section.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

/// ISO dates (`2007-03`, `2007-03-16`) anywhere in `line`.
fn iso_dates(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len().saturating_sub(6))
        .filter(|&i| {
            chars[i..i + 4].iter().all(char::is_ascii_digit)
                && chars[i + 4] == '-'
                && chars[i + 5..i + 7].iter().all(char::is_ascii_digit)
        })
        .map(|i| chars[i..i + 7].iter().collect())
        .collect()
}

/// Month-first dates (`March 15`), the other date style.
fn month_first(line: &str) -> bool {
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
    MONTHS.iter().any(|m| {
        line.match_indices(&format!("{m} ")).any(|(i, _)| {
            let digits = line[i + m.len() + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            (1..=2).contains(&digits)
        })
    })
}

/// Asserts the things a careful writer never writes, in every line of prose.
fn assert_reads_as_prose(text: &str) {
    for line in prose(text) {
        assert!(iso_dates(line).is_empty(), "ISO date in prose: {line}");
        assert!(!month_first(line), "month-first date: {line}");
        assert!(!line.replace("\\_", "").contains('_'), "a code: {line}");
        for schema in [
            "agreed direction",
            "priority sector,",
            "(agreement)",
            "(joint statement)",
            "(declaration)",
            "the database records",
            "by press statement",
            "(secretary)",
            "has had",
            "are both members",
            "Signed during visits",
        ] {
            assert!(!line.contains(schema), "'{schema}' in: {line}");
        }
    }
}

#[test]
fn the_seeded_brief_is_dated_ordered_and_in_words() {
    let ws = Workspace::seeded();
    let text = brief(&ws, &["TJ", "AZ"]);
    assert_reads_as_prose(&text);
    // Dated by its source, which is named in the lead.
    assert!(
        text.contains(
            "\nAs of 1 March 2013, according to one source, *Relations of Tajikistan with \
             Azerbaijan* (1 March 2013).[^1]\n"
        ),
        "{text}"
    );
    // Openings in the past tense, not "has had an embassy since".
    let missions = section(&text, "## Missions").join("\n");
    assert!(missions.contains("Azerbaijan opened an embassy in Tajikistan on 22 September 2007."));
    // The manner of establishing reads after the verb.
    assert!(text.contains("on 29 May 1992 by an exchange of notes."));
    // One order of the pair: the title's, in the body and in the chronology alike.
    assert!(text.starts_with("# Relations of Tajikistan with Azerbaijan\n"));
    assert!(!text.contains("Azerbaijan and Tajikistan"), "{text}");
    let relations = section(&text, "## Diplomatic relations").join("\n");
    let chronology = section(&text, "## Chronology");
    assert!(relations.contains("Tajikistan and Azerbaijan established"));
    assert!(chronology
        .iter()
        .any(|l| l.contains("Tajikistan and Azerbaijan established")));
}

#[test]
fn the_timeline_marks_tell_each_event_as_the_chronology_does() {
    let ws = Workspace::seeded();
    let html = String::from_utf8(ws.stdout(&["dossier", "TJ", "AZ", "--format", "html"])).unwrap();
    let document = Html::parse_document(&html);
    let titles: Vec<String> = document
        .select(&Selector::parse("svg title").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert!(titles.len() >= 9, "{titles:#?}");
    for title in &titles {
        assert!(iso_dates(title).is_empty(), "ISO date in a mark: {title}");
        assert!(!title.contains("Azerbaijan and Tajikistan"), "{title}");
    }
    assert!(titles.iter().any(|t| t
        .contains("Ilham Aliyev, President of Azerbaijan, paid an official visit to Tajikistan.")));
}

#[test]
fn an_agreement_of_a_visits_month_follows_the_visit_and_is_told_once() {
    let ws = Workspace::seeded();
    let text = brief(&ws, &["TJ", "AZ"]);
    let chronology = section(&text, "## Chronology");
    let at = |needle: &str| {
        chronology
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no '{needle}' in {chronology:#?}"))
    };
    let visit = at("**13–14 August 2007**: Emomali Rahmon, President of Tajikistan");
    assert!(visit < at("**August 2007**: The *Joint Statement"));
    // The declaration's title is reldb's own, and the chronology says so.
    assert!(visit < at("**August 2007**: The document reldb calls *Political Declaration"));
    // The visits' dates are a span, never "until 2007-08-14".
    assert!(at("**15–16 March 2007**: Ilham Aliyev") < at("**16 March 2007**: The *Agreement"));

    // Each agreement is told once in its section, under the visit it was signed during.
    let agreements = section(&text, "## Agreements and legal base").join("\n");
    for title in [
        "Agreement on Friendship and Cooperation",
        "Joint Statement of the President",
        "Political Declaration of the Heads of State",
    ] {
        assert_eq!(
            agreements.matches(title).count(),
            1,
            "{title}: {agreements}"
        );
    }
    assert!(agreements.contains(
        "During the official visit of Emomali Rahmon, President of Tajikistan, to Azerbaijan \
         on 13–14 August 2007, the *Joint Statement"
    ));
}

#[test]
fn a_one_source_brief_marks_each_list_once() {
    let ws = Workspace::seeded();
    let text = brief(&ws, &["TJ", "AZ"]);
    let lines: Vec<&str> = text.lines().collect();
    let mut lists = 0;
    for run in lines.split(|l| !l.starts_with("- ")) {
        if run.is_empty() {
            continue;
        }
        lists += 1;
        let marked = run.iter().filter(|l| l.contains("[^")).count();
        assert!(marked <= 1, "{marked} marks in one list: {run:#?}");
    }
    assert!(lists >= 5, "{text}");
    // Every list is still cited: by its last item, or by the paragraph that introduces it.
    let organisations = section(&text, "## International organisations");
    assert!(organisations[1].ends_with("were both members of these organisations:[^1]"));
    assert!(organisations.iter().skip(2).all(|l| !l.contains("[^")));

    let html = String::from_utf8(ws.stdout(&["dossier", "TJ", "AZ", "--format", "html"])).unwrap();
    let document = Html::parse_document(&html);
    let marks = Selector::parse("sup.cite").unwrap();
    for list in document.select(&Selector::parse("section ul").unwrap()) {
        assert!(list.select(&marks).count() <= 1, "{}", list.html());
    }
}

#[test]
fn the_us_brief_names_offices_articles_and_sources_in_full() {
    let ws = us_tj();
    let text = brief(&ws, &["US", "TJ"]);
    assert_reads_as_prose(&text);
    assert!(text.starts_with("# Relations of the United States with Tajikistan\n"));
    // "the United States" wherever it is named in a sentence.
    for line in prose(&text) {
        for (i, _) in line.match_indices("United States") {
            let before = &line[..i];
            assert!(
                before.ends_with("the ") || before.ends_with("The ") || before.ends_with('*'),
                "'United States' without its article: {line}"
            );
        }
    }
    assert!(text.contains(
        "The United States and Tajikistan established diplomatic relations on 19 February \
         1992, as announced in a press statement."
    ));
    assert!(text.contains(
        "The United States opened an embassy in Dushanbe, Tajikistan, on 13 March 1992."
    ));
    assert!(!text.contains("secretary"), "{text}");
    assert!(text.contains("James Addison Baker, Secretary of State, visited Dushanbe, Tajikistan."));
    assert!(text.contains("| Secretary of State |"));
    // Dated by the latest of its facts and sources: the guide's snapshot of 24 July 2026. The
    // five: the guide, the post, the chiefs of mission, the Factbook's entry, the travels.
    assert!(text.contains("\nAs of 24 July 2026, according to the five sources listed at the end."));
    let pair_first = section(&text, "## Chronology")
        .iter()
        .any(|l| l.contains("The United States and Tajikistan established"));
    assert!(pair_first);
    // The recognition in the brief's words in the chronology too, not the timeline view's.
    assert!(text.contains(
        "\n- **25 December 1991**: The United States recognised Tajikistan by an address to the \
         nation.[^1]\n"
    ));
    assert!(!text.contains("Tajikistan and the United States"));

    // The source in full: title, publisher, date (or that it has none), and its address.
    assert!(text.contains(&format!(
        "since 1776*, Office of the Historian, U.S. Department of State, 24 July 2026. <{GUIDE}>"
    )));
    assert!(text.contains(
        "*Travels of the President and the Secretary of State*, Office of the Historian, US \
         Department of State, undated. <https://history.state.gov/departmenthistory/travels>"
    ));
    let html = String::from_utf8(ws.stdout(&["dossier", "US", "TJ", "--format", "html"])).unwrap();
    let document = Html::parse_document(&html);
    let note = document
        .select(&Selector::parse("li#source-1").unwrap())
        .next()
        .expect("the first source");
    let words: String = note.text().collect();
    assert!(words.contains("Office of the Historian"), "{words}");
    let link = note
        .select(&Selector::parse("a.address").unwrap())
        .next()
        .expect("a link");
    assert_eq!(link.value().attr("href"), Some(GUIDE));
    // In print the address breaks only after a slash or before a dot, never mid-word.
    let inner = link.inner_html();
    assert_eq!(
        inner,
        "https://history<wbr>.state<wbr>.gov/<wbr>countries/<wbr>tajikistan"
    );
    assert!(!html.contains("break-all"));
}

#[test]
fn names_that_take_the_article_keep_it_in_title_and_sentence() {
    let ws = Workspace::seeded();
    // relations is a view over relation_events (schema 4): the act is added as an event.
    ws.stdout(&[
        "add",
        "relation_events",
        "state_a=Netherlands",
        "state_b=Holy See",
        "event=establishment",
        "occurred_on=1967-06-15",
        "manner=exchange of notes",
        "--new-source",
        "Diplomatic relations of the Holy See",
    ]);
    let text = brief(&ws, &["NL", "VA"]);
    assert!(text.starts_with("# Relations of the Netherlands with the Holy See\n"));
    // Dated by its latest fact, as its one source gives no date.
    assert!(text.contains(
        "\nAs of 15 June 1967, according to one source, *Diplomatic relations of the Holy See*."
    ));
    assert!(text.contains(
        "The Netherlands and the Holy See established diplomatic relations on 15 June 1967"
    ));
}
