//! The brief at scale (issue 14): a timeline drawn to scale with years on its axis, one page
//! high however many events, and the visits of a busy pair summed up in the body with every
//! visit in an annex. Real binary, real database, real CSV import.

use std::collections::BTreeSet;

use crate::common::Workspace;
use reldb::dates::display_span;
use scraper::{Html, Selector};

/// The text height of an A4 page (297 mm less 16 + 18 mm margins) at the timeline's scale,
/// where its 680 units span the text width (210 mm less 2 × 15 mm).
const A4_PAGE_UNITS: f64 = 680.0 * (297.0 - 34.0) / (210.0 - 30.0);

/// The pair of the busy briefs: France and Germany, of which the seed holds no facts, so that
/// the visits imported here are all the brief tells (the seed's US record would add 250 years
/// of relations, missions and heads of mission to any US pair).
const STATE: &str = "FR";
const PARTNER: &str = "DE";

/// A database with the visits of `rows` (visitor, office, from, to, start date) imported.
fn with_visits(rows: &[(String, &str, &str, &str, String)]) -> Workspace {
    let ws = Workspace::seeded();
    let mut csv =
        String::from("visitor_name,visitor_office,visitor_state,host_state,city,start_date\n");
    for (name, office, from, to, date) in rows {
        csv.push_str(&format!("{name},{office},{from},{to},Berlin,{date}\n"));
    }
    let path = ws.path("visits.csv");
    std::fs::write(&path, csv).expect("the CSV is written");
    ws.stdout(&["import", "visits", path.to_str().expect("a UTF-8 path")]);
    ws
}

/// 300 visits of France to Germany, 1960 to 2019, by two offices.
fn three_hundred_visits() -> Vec<(String, &'static str, &'static str, &'static str, String)> {
    (0..300)
        .map(|i| {
            let year = 1960 + i / 5;
            let (month, day) = (1 + (i * 7) % 12, 1 + (i * 11) % 28);
            let office = if i % 3 == 0 {
                "president"
            } else {
                "prime minister"
            };
            let name = format!("Visitor {}", i % 17);
            let date = format!("{year}-{month:02}-{day:02}");
            (name, office, STATE, PARTNER, date)
        })
        .collect()
}

fn html_brief(ws: &Workspace, state: &str, partner: &str) -> String {
    let out = ws.stdout(&["dossier", state, partner, "--format", "html"]);
    String::from_utf8(out).expect("UTF-8 HTML")
}

/// The SVG element of a brief, as written.
fn svg_text(html: &str) -> &str {
    let start = html.find("<svg").expect("an svg element");
    let end = html.find("</svg>").expect("the end of the svg") + "</svg>".len();
    &html[start..end]
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
}

/// The labels under the time axis.
fn axis_labels(svg: &roxmltree::Document<'_>) -> Vec<String> {
    svg.descendants()
        .filter(|n| n.attribute("class") == Some("ticks"))
        .flat_map(|g| g.children().filter(|n| n.has_tag_name("text")))
        .map(|t| t.text().unwrap_or_default().to_string())
        .collect()
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

fn texts(element: scraper::ElementRef<'_>, css: &str) -> Vec<String> {
    element
        .select(&selector(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn three_hundred_visits_over_sixty_years_fit_one_page_with_the_years_on_the_axis() {
    let ws = with_visits(&three_hundred_visits());
    let html = html_brief(&ws, STATE, PARTNER);
    let svg = roxmltree::Document::parse(svg_text(&html)).expect("well-formed SVG");
    let root = svg.root_element();
    let height = number(root, "height");
    assert!(
        height <= A4_PAGE_UNITS,
        "the timeline is {height} high, more than a page ({A4_PAGE_UNITS:.0})"
    );
    let years: BTreeSet<i64> = axis_labels(&svg)
        .iter()
        .filter_map(|label| label.parse().ok())
        .collect();
    assert!(years.len() >= 5, "years on the axis: {years:?}");
    assert!(years.iter().all(|y| (1955..=2025).contains(y)), "{years:?}");
    // Every visit is still an event of the drawing, naming its record.
    let events = root
        .descendants()
        .filter(|n| n.attribute("data-event") == Some("visit"))
        .count();
    assert_eq!(events, 300);
    // The busiest years are labelled with their counts.
    let counts: Vec<&str> = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("count"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        !counts.is_empty() && counts.iter().all(|c| c.starts_with("5 in ")),
        "{counts:?}"
    );
}

#[test]
fn six_events_from_1992_to_2015_are_placed_in_proportion_to_time() {
    let dates = [
        "1992-02-12",
        "1995-06-01",
        "2001-09-15",
        "2005-10-13",
        "2011-10-21",
        "2015-11-03",
    ];
    let rows: Vec<_> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                format!("Visitor {i}"),
                "secretary",
                "US",
                "TJ",
                d.to_string(),
            )
        })
        .collect();
    let ws = with_visits(&rows);
    let html = html_brief(&ws, "US", "TJ");
    let svg = roxmltree::Document::parse(svg_text(&html)).expect("well-formed SVG");
    let mut placed: Vec<(f64, f64)> = svg
        .descendants()
        .filter(|n| n.attribute("data-event") == Some("visit"))
        .map(|event| {
            let date = event.attribute("data-date").expect("a date");
            let pole = event
                .children()
                .find(|n| n.attribute("class") == Some("pole"))
                .expect("each of six events is labelled, with a pole");
            (years(date), number(pole, "x1"))
        })
        .collect();
    assert_eq!(placed.len(), 6);
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (t0, x0) = placed[0];
    let (t5, x5) = placed[5];
    assert!(x5 - x0 > 400.0, "the events span the axis: {placed:?}");
    for &(t, x) in &placed {
        let by_time = (t - t0) / (t5 - t0);
        let by_place = (x - x0) / (x5 - x0);
        assert!(
            (by_time - by_place).abs() < 0.01,
            "{t}: {by_place:.3} of the way along, but {by_time:.3} of the time: {placed:?}"
        );
    }
    let years: BTreeSet<String> = axis_labels(&svg).into_iter().collect();
    assert!(years.len() >= 5, "{years:?}");
}

/// A date as a year with a fraction, by days.
fn years(date: &str) -> f64 {
    let parts: Vec<f64> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let days_before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    parts[0] + (days_before[parts[1] as usize - 1] as f64 + parts[2] - 1.0) / 365.0
}

#[test]
fn many_visits_are_summed_up_by_decade_and_office_with_every_visit_in_an_annex() {
    let visits = three_hundred_visits();
    let ws = with_visits(&visits);
    let html = html_brief(&ws, STATE, PARTNER);
    let document = Html::parse_document(&html);

    let body = document
        .select(&selector("section#visits"))
        .next()
        .expect("a visits section");
    assert_eq!(texts(body, "h3"), ["By decade", "By office"]);
    let decades = texts(body, "table:first-of-type tbody tr td:first-child");
    assert_eq!(
        decades,
        ["1960s", "1970s", "1980s", "1990s", "2000s", "2010s"]
    );
    let per_decade: Vec<usize> = texts(body, "table:first-of-type tbody tr td:nth-child(2)")
        .iter()
        .map(|n| n.parse().expect("a count"))
        .collect();
    assert_eq!(per_decade, [50; 6]);
    let offices = texts(body, "table:last-of-type tbody tr td:first-child");
    // Offices recorded as codes are told in words, with the visitor's state.
    assert_eq!(offices, ["Prime Minister of France", "President of France"]);
    let per_office = texts(body, "table:last-of-type tbody tr td:nth-child(2)");
    assert_eq!(per_office, ["200", "100"]);
    assert!(
        body.select(&selector("tbody tr")).count() < 20,
        "the body does not list the visits one by one"
    );

    // The annex, after the body, lists every visit, by date.
    let mut visits = visits;
    visits.sort_by(|a, b| a.4.cmp(&b.4));
    let annex = document
        .select(&selector("section.annex#annex-visits"))
        .next()
        .expect("an annex of visits");
    let listed: Vec<String> = texts(annex, "tbody tr td:first-child");
    let expected: Vec<String> = visits
        .iter()
        .map(|(.., date)| display_span(date, None))
        .collect();
    assert_eq!(listed, expected);
    let names = texts(annex, "tbody tr td:nth-child(2)");
    assert!(names.iter().zip(&visits).all(|(n, v)| *n == v.0));
    assert!(html.find("id=\"annex-visits\"") > html.find("id=\"chronology\""));

    // The chronology does not repeat them either.
    let chronology = document
        .select(&selector("section#chronology"))
        .next()
        .expect("a chronology");
    let items = texts(chronology, "li");
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        items[0].contains("300 visits, listed in the annex"),
        "{items:?}"
    );

    // Markdown: the same annex, one table row per visit, after the body.
    let markdown = String::from_utf8(ws.stdout(&["dossier", STATE, PARTNER])).expect("UTF-8");
    let annex = markdown
        .split("\n## Annex: all visits\n")
        .nth(1)
        .expect("a Markdown annex");
    let rows = annex
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Dates") && !l.starts_with("| ---"))
        .count();
    assert_eq!(rows, 300);
}

#[test]
fn twelve_visits_stay_in_the_body_and_thirteen_go_to_an_annex() {
    let rows = |n: usize| -> Vec<_> {
        (0..n)
            .map(|i| {
                (
                    format!("Visitor {i}"),
                    "president",
                    STATE,
                    PARTNER,
                    format!("{}-03-01", 2000 + i),
                )
            })
            .collect()
    };
    let ws = with_visits(&rows(12));
    let document = Html::parse_document(&html_brief(&ws, STATE, PARTNER));
    let body = document
        .select(&selector("section#visits"))
        .next()
        .expect("a visits section");
    assert_eq!(body.select(&selector("tbody tr")).count(), 12);
    assert!(texts(body, "h3").is_empty());
    assert!(document.select(&selector("section.annex")).next().is_none());

    let ws = with_visits(&rows(13));
    let document = Html::parse_document(&html_brief(&ws, STATE, PARTNER));
    let annex = document
        .select(&selector("section.annex#annex-visits"))
        .next()
        .expect("an annex of visits");
    assert_eq!(annex.select(&selector("tbody tr")).count(), 13);
}
