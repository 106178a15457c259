//! `reldb dossier`, driven through the real binary on database files in temporary folders
//! (copies of a seeded database). Expected facts are read from the seed CSV files
//! (`seed_pair`), not from the binary under test, and not written out here, wherever that is
//! practical; one test checks that the named queries give the same facts.

mod history;
mod language;
mod scale;
mod seed_pair;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use reldb::dates::{display, display_span};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// A temporary folder with its database.
struct Db {
    dir: TempDir,
}

impl Db {
    /// A copy of the run's seeded database (`Workspace::seeded`) in a folder of its own.
    fn seeded() -> Self {
        Db {
            dir: crate::common::Workspace::seeded().dir,
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("reldb.db")
    }

    fn reldb(&self) -> Command {
        let mut command = Command::cargo_bin("reldb").expect("the reldb binary");
        command
            .current_dir(self.dir.path())
            .env_remove("RELDB_DB")
            .arg("--db")
            .arg(self.path());
        command
    }

    /// Runs `reldb` with `args`, expects success, returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.reldb().args(args).output().expect("reldb runs");
        assert!(
            output.status.success(),
            "reldb {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs `reldb` with `args`, expects failure, returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let output = self.reldb().args(args).output().expect("reldb runs");
        assert!(
            !output.status.success(),
            "reldb {args:?} should have failed"
        );
        assert!(output.stdout.is_empty(), "nothing on stdout on failure");
        String::from_utf8(output.stderr).expect("UTF-8 errors")
    }

    /// The rows of a named query for the pair TJ–AZ (or without parameters), as column → value.
    fn rows(&self, query: &str, pair: bool) -> Vec<HashMap<String, String>> {
        let mut args = vec!["query", query, "--format", "csv"];
        if pair {
            args.extend(["-p", "state=TJ", "-p", "partner=AZ"]);
        }
        crate::common::parse_csv(self.ok(&args).as_bytes())
    }

    fn sql(&self, statement: &str) {
        self.ok(&["sql", "--write", statement]);
    }
}

/// The pair's facts as the seed files hold them (what the tests below expect in a brief) are
/// what the named queries give: a query that loses or changes a fact fails here, and so does
/// a reading of the seed in `seed_pair` that drifts from the views' rules.
#[test]
fn the_named_queries_give_the_pairs_facts_as_the_seed_holds_them() {
    let db = Db::seeded();
    let sorted = |rows: Vec<HashMap<String, String>>, columns: &[&str]| {
        let mut values: Vec<Vec<String>> = rows
            .iter()
            .map(|r| columns.iter().map(|c| r[*c].clone()).collect())
            .collect();
        values.sort();
        values
    };
    let cases = [
        (
            "relations",
            seed_pair::relations(),
            &["established_on", "established_by", "source_id"][..],
        ),
        (
            "missions",
            seed_pair::missions(),
            &[
                "id",
                "sending_state_name",
                "receiving_state_name",
                "kind",
                "opened_on",
                "closed_on",
                "source_id",
            ],
        ),
        (
            "memberships",
            seed_pair::memberships(),
            &["organization", "organization_name", "state", "source_id"],
        ),
        (
            "visits",
            seed_pair::visits(),
            &[
                "id",
                "start_date",
                "end_date",
                "visitor_name",
                "visitor_office",
                "visitor_state_name",
                "host_state_name",
                "documents_signed",
                "source_id",
            ],
        ),
        (
            "agreements",
            seed_pair::agreements(),
            &[
                "id",
                "title",
                "kind",
                "signed_on",
                "in_force_on",
                "source_id",
            ],
        ),
        (
            "legal_base",
            seed_pair::legal_base(),
            &[
                "id",
                "as_of",
                "qualifier",
                "count",
                "description",
                "source_id",
            ],
        ),
        (
            "cooperation",
            seed_pair::cooperation(),
            &[
                "id",
                "kind",
                "sector_name",
                "sphere",
                "summary",
                "source_id",
            ],
        ),
        (
            "timeline",
            seed_pair::timeline(),
            &["date", "event", "record_table", "record_id", "source_id"],
        ),
    ];
    for (query, expected, columns) in cases {
        assert!(!expected.is_empty(), "the seed holds {query} of the pair");
        assert_eq!(
            sorted(db.rows(query, true), columns),
            sorted(expected, columns),
            "{query}"
        );
    }
    let sectors: HashMap<String, String> = db
        .rows("sectors", false)
        .into_iter()
        .map(|s| (s["code"].clone(), s["name"].clone()))
        .collect();
    assert_eq!(sectors, seed_pair::sector_names());
    let sources: HashMap<String, (String, String)> = db
        .rows("sources", false)
        .into_iter()
        .map(|r| {
            (
                r["id"].clone(),
                (r["title"].clone(), display(&r["published_on"])),
            )
        })
        .collect();
    assert_eq!(sources, seed_pair::sources());
}

/// A Markdown brief read for its footnotes.
struct Brief {
    text: String,
    footnotes: BTreeMap<usize, String>,
}

impl Brief {
    fn new(text: String) -> Self {
        let footnotes = text
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("[^")?;
                let (number, definition) = rest.split_once("]: ")?;
                Some((number.parse().ok()?, definition.to_string()))
            })
            .collect();
        Brief { text, footnotes }
    }

    /// The statement lines (not footnote definitions).
    fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().filter(|line| !line.starts_with("[^"))
    }

    /// Asserts that a line states `needle` (case-insensitively) and carries a citation marker
    /// that resolves to a footnote naming the source `source_id` by title and date.
    fn assert_cited(
        &self,
        needle: &str,
        source_id: &str,
        sources: &HashMap<String, (String, String)>,
    ) {
        self.assert_states(&[needle], source_id, sources);
    }

    /// Asserts that one line states every one of `parts` (case-insensitively: the values of
    /// one fact, however the brief words them) and carries a citation marker that resolves to
    /// a footnote naming the source `source_id` by title and date.
    fn assert_states<S: AsRef<str> + std::fmt::Debug>(
        &self,
        parts: &[S],
        source_id: &str,
        sources: &HashMap<String, (String, String)>,
    ) {
        let (title, date) = &sources[source_id];
        let wanted: Vec<String> = parts.iter().map(|p| p.as_ref().to_lowercase()).collect();
        let lines: Vec<&str> = self
            .lines()
            .filter(|line| {
                let line = line.to_lowercase();
                wanted.iter().all(|part| line.contains(part.as_str()))
            })
            .collect();
        assert!(
            !lines.is_empty(),
            "no line states all of {parts:?} in:\n{}",
            self.text
        );
        let cited = lines.iter().any(|line| {
            self.covering_markers(line).iter().any(|n| {
                self.footnotes.get(n).is_some_and(|note| {
                    note.contains(title.as_str()) && note.contains(date.as_str())
                })
            })
        });
        assert!(
            cited,
            "{parts:?} is stated without a citation of '{title}' ({date}): {lines:#?}\nfootnotes: {:#?}",
            self.footnotes
        );
    }

    /// The footnote markers that cite `line`: its own, or, for a list item without any, those
    /// given once for its list: on the list's last item, or on the paragraph ending in a colon
    /// that introduces the list (headings and other lists between them).
    fn covering_markers(&self, line: &str) -> Vec<usize> {
        let own = markers(line);
        if !own.is_empty() || !line.starts_with("- ") {
            return own;
        }
        let lines: Vec<&str> = self.text.lines().collect();
        let at = lines.iter().position(|l| *l == line).expect("the line");
        let last_item = lines[at..]
            .iter()
            .take_while(|l| l.starts_with("- "))
            .last()
            .expect("the list");
        let last = markers(last_item);
        if !last.is_empty() {
            return last;
        }
        lines[..at]
            .iter()
            .rev()
            .take_while(|l| !l.starts_with("## "))
            .find(|l| l.split("[^").next().unwrap_or_default().ends_with(':'))
            .map(|l| markers(l))
            .unwrap_or_default()
    }

    /// Asserts that no statement (footnotes aside: a source may postdate the brief's date)
    /// mentions `needle`.
    fn assert_absent(&self, needle: &str) {
        let found: Vec<&str> = self
            .lines()
            .filter(|l| l.contains(needle) && !is_dateline(l))
            .collect();
        assert!(found.is_empty(), "'{needle}' should not be in {found:#?}");
    }
}

/// Whether `line` is the lead's dateline, which names the sources (with their dates, as the
/// footnotes do) the brief stands on.
fn is_dateline(line: &str) -> bool {
    line.starts_with("As of ") && line.contains(", according to ")
}

/// The footnote numbers cited on `line` (`[^3]`), in order.
fn markers(line: &str) -> Vec<usize> {
    line.split("[^")
        .skip(1)
        .filter_map(|rest| rest.split_once(']')?.0.parse().ok())
        .collect()
}

fn markdown(db: &Db, args: &[&str]) -> Brief {
    let mut all = vec!["dossier"];
    all.extend_from_slice(args);
    Brief::new(db.ok(&all))
}

#[test]
fn markdown_brief_states_every_seed_fact_with_its_citation() {
    let db = Db::seeded();
    let brief = markdown(&db, &["TJ", "AZ"]);
    let sources = seed_pair::sources();
    assert!(brief
        .text
        .starts_with("# Relations of Tajikistan with Azerbaijan\n"));

    // Each fact's values, read from the seed files, are stated on one line with its
    // citation; the sentences around them are the templates' business, not re-stated here.
    let words = |code: &str| code.replace('_', " ");
    for r in seed_pair::relations() {
        let parts = [display(&r["established_on"]), r["established_by"].clone()];
        brief.assert_states(&parts, &r["source_id"], &sources);
    }
    for m in seed_pair::missions() {
        let parts = [
            m["sending_state_name"].clone(),
            words(&m["kind"]),
            m["receiving_state_name"].clone(),
            display(&m["opened_on"]),
        ];
        brief.assert_states(&parts, &m["source_id"], &sources);
    }
    for m in seed_pair::memberships() {
        let parts = [&m["organization_name"], &m["organization"]];
        brief.assert_states(&parts, &m["source_id"], &sources);
    }
    for v in seed_pair::visits() {
        let parts = [
            display_span(&v["start_date"], Some(&v["end_date"])),
            v["visitor_name"].clone(),
            v["visitor_office"].clone(),
            v["visitor_state_name"].clone(),
            v["host_state_name"].clone(),
        ];
        brief.assert_states(&parts, &v["source_id"], &sources);
        if !v["documents_signed"].is_empty() {
            // A sentence of its own counts them, not only the visits table.
            let parts = [&v["visitor_name"], &v["documents_signed"], "documents"];
            brief.assert_states(&parts, &v["source_id"], &sources);
        }
    }
    for a in seed_pair::agreements() {
        let parts = [&a["title"], &words(&a["kind"]), &display(&a["signed_on"])];
        brief.assert_states(&parts, &a["source_id"], &sources);
    }
    for c in seed_pair::legal_base() {
        let parts = [
            display(&c["as_of"]),
            words(&c["qualifier"]),
            c["count"].clone(),
            c["description"].clone(),
        ];
        brief.assert_states(&parts, &c["source_id"], &sources);
    }
    let cooperation = seed_pair::cooperation();
    for c in &cooperation {
        let needle = if c["kind"] == "priority_sector" {
            c["sector_name"].clone()
        } else {
            c["summary"].clone()
        };
        brief.assert_cited(&needle, &c["source_id"], &sources);
    }
    // The priority sectors of a sphere are named together, with the sphere.
    let sphere_names = seed_pair::sector_names();
    let mut priorities: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in cooperation
        .iter()
        .filter(|c| c["kind"] == "priority_sector")
    {
        let names = priorities.entry(c["sphere"].as_str()).or_insert_with(|| {
            let sphere = &sphere_names[&c["sphere"]];
            vec![sphere.clone()]
        });
        names.push(c["sector_name"].clone());
    }
    assert!(!priorities.is_empty());
    for names in priorities.values() {
        brief.assert_states(names, "1", &sources);
    }
    // The facts the issue names, in the brief's words.
    for needle in [
        "29 May 1992",
        "exchange of notes",
        "22 September 2007",
        "23 March 2008",
        "(UN)",
        "(OSCE)",
        "(CIS)",
        "15–16 March 2007",
        "13–14 August 2007",
        "10 documents",
        "Agreement on Friendship and Cooperation",
        "16 March 2007",
        "more than 30",
        "TALCO",
        "Parliamentary friendship groups",
        "Cultural exchanges",
        "military structures",
        "Universities of the two states",
        "scientific events",
    ] {
        brief.assert_cited(needle, "1", &sources);
    }
}

#[test]
fn markdown_sections_follow_the_issue_and_chronology_lists_the_timeline() {
    let db = Db::seeded();
    let brief = markdown(&db, &["TJ", "AZ"]);
    let headings: Vec<&str> = brief.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Diplomatic relations",
            "## Missions",
            "## International organisations",
            "## Visits",
            "## Agreements and legal base",
            "## Cooperation",
            "## Trade",
            "## Chronology",
            "## Annex: how the facts are known",
            "## Sources",
        ]
    );
    // The chronology lists every dated event of the pair in the seed, each led by its date (a
    // visit by its dates) and cited; the brief's own words are the business of dossier::language.
    let sources = seed_pair::sources();
    let chronology: Vec<&str> = brief
        .lines()
        .skip_while(|l| *l != "## Chronology")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("- "))
        .collect();
    let timeline = seed_pair::timeline();
    assert_eq!(chronology.len(), timeline.len(), "{chronology:#?}");
    let visits = seed_pair::visits();
    for event in &timeline {
        let date = match visits
            .iter()
            .find(|v| event["event"] == "visit" && v["id"] == event["record_id"])
        {
            Some(v) => display_span(&v["start_date"], Some(&v["end_date"])),
            None => display(&event["date"]),
        };
        let label = format!("- **{date}**: ");
        let item = chronology
            .iter()
            .find(|item| item.starts_with(&label))
            .unwrap_or_else(|| panic!("no chronology item {label}"));
        brief.assert_cited(item, &event["source_id"], &sources);
    }
}

#[test]
fn footnotes_are_numbered_in_order_of_first_use() {
    let db = Db::seeded();
    db.sql(
        "INSERT INTO sources (id, title, publisher, published_on, address) VALUES \
         (12, 'Embassy notice', 'Ministry of Foreign Affairs', '2008-03-24', 'https://example.org/notice')",
    );
    db.sql("UPDATE missions SET source_id = 12 WHERE id = 2");
    db.sql("UPDATE mission_events SET source_id = 12 WHERE mission_id = 2");
    let brief = markdown(&db, &["TJ", "AZ"]);
    let mut first_use: Vec<usize> = Vec::new();
    for line in brief.lines() {
        for n in markers(line) {
            if !first_use.contains(&n) {
                first_use.push(n);
            }
        }
    }
    assert_eq!(first_use, [1, 2]);
    let missions = seed_pair::missions();
    let moved = missions.iter().find(|m| m["id"] == "2").expect("mission 2");
    let mission = brief
        .lines()
        .find(|l| {
            l.starts_with("- ")
                && l.contains(&moved["sending_state_name"])
                && l.contains(&display(&moved["opened_on"]))
        })
        .expect("the mission line");
    assert_eq!(markers(mission), [2]);
    assert_eq!(
        brief.footnotes[&2],
        "*Embassy notice*, Ministry of Foreign Affairs, 24 March 2008. <https://example.org/notice>"
    );
    assert!(brief.footnotes[&1].starts_with("*Relations of Tajikistan with Azerbaijan*"));

    // In HTML the address is a link (nothing is fetched until a reader follows it).
    let html = db.ok(&["dossier", "TJ", "AZ", "--format", "html"]);
    let document = Html::parse_document(&html);
    let note = document
        .select(&selector("li#source-2"))
        .next()
        .expect("footnote 2");
    let text: String = note.text().collect();
    assert!(text.contains("Embassy notice") && text.contains("https://example.org/notice"));
    let link = note.select(&selector("a.address")).next().expect("a link");
    assert_eq!(
        link.value().attr("href"),
        Some("https://example.org/notice")
    );
}

#[test]
fn as_of_leaves_out_what_came_later() {
    let db = Db::seeded();
    let brief = markdown(&db, &["Tajikistan", "Azerbaijan", "--as-of", "2007-06-01"]);
    let sources = seed_pair::sources();
    assert!(brief
        .text
        .contains("\nAs of 1 June 2007, according to one source"));
    assert!(brief
        .text
        .contains("Facts dated after 1 June 2007 are left out; facts without a date are kept."));
    for parts in [
        &["29 May 1992", "diplomatic relations"][..],
        &["15–16 March 2007", "Ilham Aliyev"],
        &["Agreement on Friendship and Cooperation"],
    ] {
        brief.assert_states(parts, "1", &sources);
    }
    for later in [
        "Emomali Rahmon",
        "August 2007",
        "22 September 2007",
        "23 March 2008",
        "embassy",
        "more than 30",
        "10 documents",
        "2013",
        "## Trade",
    ] {
        brief.assert_absent(later);
    }
}

#[test]
fn html_brief_is_self_contained_with_a_mark_for_every_event() {
    let db = Db::seeded();
    let html = db.ok(&["dossier", "TJ", "AZ", "--format", "html"]);
    let document = Html::parse_document(&html);

    // Every dated event of the pair in the seed is a mark on the SVG axis, naming its record.
    let timeline = seed_pair::timeline();
    assert!(!timeline.is_empty());
    for event in &timeline {
        let record = format!("{}:{}", event["record_table"], event["record_id"]);
        let css = format!(
            "svg g[data-record=\"{record}\"][data-event=\"{}\"][data-date=\"{}\"]",
            event["event"], event["date"]
        );
        let mark = document.select(&selector(&css)).next();
        let mark = mark.unwrap_or_else(|| panic!("no mark for {record} ({})", event["event"]));
        assert!(
            mark.select(&selector(".mark")).next().is_some(),
            "{record} has a drawn mark"
        );
    }
    assert_eq!(
        document.select(&selector("svg g[data-record]")).count(),
        timeline.len()
    );

    // Every in-page link resolves; citations lead to a footnote with the source's title.
    let links: Vec<_> = document.select(&selector("a[href^=\"#\"]")).collect();
    assert!(!links.is_empty());
    let (title, date) = &seed_pair::sources()["1"];
    for link in links {
        let href = link.value().attr("href").unwrap();
        let id = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link to {href}"));
        let target = document
            .select(&selector(&format!("[id=\"{id}\"]")))
            .next()
            .unwrap_or_else(|| panic!("no element with id {id}"));
        let text: String = target.text().collect();
        assert!(
            text.contains(title.as_str()) && text.contains(date.as_str()),
            "{text}"
        );
    }

    // Nothing outside the file is referenced, and nothing runs.
    for element in ["script", "link", "iframe", "object", "embed", "img", "base"] {
        assert!(
            document.select(&selector(element)).next().is_none(),
            "<{element}>"
        );
    }
    for element in document.select(&selector("*")) {
        for (name, value) in element.value().attrs() {
            if matches!(name, "src" | "href" | "xlink:href" | "action" | "srcset") {
                // A source's web address is a link for the reader to follow, never fetched.
                let followed = name == "href"
                    && element.value().name() == "a"
                    && value.starts_with("https://");
                assert!(value.starts_with('#') || followed, "{name}={value}");
            }
        }
    }
    let style: String = document
        .select(&selector("style"))
        .flat_map(|s| s.text())
        .collect();
    assert!(!style.contains("url(") && !style.contains("@import"));
    assert!(style.contains("@page { size: A4"));
    assert!(style.contains("@media print"));
}

#[test]
fn endings_are_stated_and_drawn_as_events_of_their_own() {
    let db = Db::seeded();
    db.sql(
        "INSERT INTO relation_events (state_a, state_b, event, occurred_on, source_id) \
         VALUES ('AZ', 'TJ', 'severance', '2014-02-03', 1)",
    );
    // A mission's closing is one of its events; closed_on is the date of its last closing.
    db.sql(
        "INSERT INTO mission_events (mission_id, event, occurred_on, source_id) \
         VALUES (2, 'closed', '2012-05', 1)",
    );
    db.sql("UPDATE missions SET closed_on = '2012-05' WHERE id = 2");
    db.sql("UPDATE agreements SET in_force_on = '2008-01-10' WHERE id = 1");
    let brief = markdown(&db, &["TJ", "AZ"]);
    let sources = seed_pair::sources();
    // The seed's facts, with the three endings written above; the named queries give them too.
    let relations = db.rows("relations", true);
    assert_eq!(relations.len(), 1, "{relations:?}");
    assert_eq!(relations[0]["severed_on"], "2014-02-03");
    let mission = db.rows("missions", true);
    let mission = mission.iter().find(|m| m["id"] == "2").expect("mission 2");
    assert_eq!(mission["closed_on"], "2012-05");
    let agreement = db.rows("agreements", true);
    let agreement = agreement
        .iter()
        .find(|a| a["id"] == "1")
        .expect("agreement 1");
    assert_eq!(agreement["in_force_on"], "2008-01-10");
    for r in seed_pair::relations() {
        let parts = [display(&r["established_on"]), display("2014-02-03")];
        brief.assert_states(&parts, &r["source_id"], &sources);
    }
    let missions = seed_pair::missions();
    let closed = missions.iter().find(|m| m["id"] == "2").expect("mission 2");
    let parts = [
        &closed["sending_state_name"],
        &display(&closed["opened_on"]),
        &display("2012-05"),
    ];
    brief.assert_states(&parts, &closed["source_id"], &sources);
    let agreements = seed_pair::agreements();
    let in_force = agreements
        .iter()
        .find(|a| a["id"] == "1")
        .expect("agreement 1");
    let parts = [&in_force["title"], &display("2008-01-10")];
    brief.assert_states(&parts, &in_force["source_id"], &sources);

    // Each of the three is an event of the timeline, drawn with the mark of its record's kind.
    let html = db.ok(&["dossier", "TJ", "AZ", "--format", "html"]);
    let document = Html::parse_document(&html);
    let timeline = db.rows("timeline", true);
    for (event, class, date) in [
        ("relations_severed", "relations", "2014-02-03"),
        ("mission_closed", "missions", "2012-05"),
        ("agreement_in_force", "agreements", "2008-01-10"),
    ] {
        assert!(
            timeline
                .iter()
                .any(|e| e["event"] == event && e["date"] == date),
            "the timeline query yields {event} on {date}"
        );
        let css = format!("svg g.event.{class}[data-event=\"{event}\"][data-date=\"{date}\"]");
        assert!(document.select(&selector(&css)).next().is_some(), "{css}");
    }
}

/// The SVG element of a brief, as written (for an XML parser).
fn svg_text(html: &str) -> &str {
    let start = html.find("<svg").expect("an svg element");
    let end = html.find("</svg>").expect("the end of the svg") + "</svg>".len();
    &html[start..end]
}

/// A box of text on the canvas: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

fn attr(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
}

#[test]
fn svg_timeline_is_well_formed_and_nothing_overlaps() {
    let db = Db::seeded();
    let html = db.ok(&["dossier", "TJ", "AZ", "--format", "html"]);
    let svg = roxmltree::Document::parse(svg_text(&html)).expect("the SVG is well-formed XML");
    let root = svg.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let width = attr(root, "width");

    // Each label's text boxes (estimated generously, 0.62 em a character) and its pole.
    let mut labels: Vec<(String, Rect, (f64, f64, f64))> = Vec::new();
    for event in root
        .descendants()
        .filter(|n| n.has_attribute("data-record"))
    {
        let mut rect: Rect = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for text in event.children().filter(|n| n.has_tag_name("text")) {
            let (x, y, size) = (attr(text, "x"), attr(text, "y"), attr(text, "font-size"));
            let chars = text.text().unwrap_or_default().chars().count() as f64;
            rect = (
                rect.0.min(x),
                rect.1.min(y - size),
                rect.2.max(x + chars * size * 0.62),
                rect.3.max(y + size * 0.25),
            );
        }
        assert!(
            rect.0 >= 0.0 && rect.2 <= width,
            "label inside the canvas: {rect:?}"
        );
        let pole = event
            .children()
            .find(|n| n.attribute("class") == Some("pole"))
            .expect("a pole");
        let pole = (attr(pole, "x1"), attr(pole, "y2"), attr(pole, "y1"));
        labels.push((
            event.attribute("data-record").unwrap().to_string(),
            rect,
            pole,
        ));
    }
    assert_eq!(labels.len(), seed_pair::timeline().len());
    for (i, (a, ra, _)) in labels.iter().enumerate() {
        for (b, rb, pole) in labels.iter().skip(i + 1).chain(labels.iter().take(i)) {
            let overlap = ra.0 < rb.2 && rb.0 < ra.2 && ra.1 < rb.3 && rb.1 < ra.3;
            assert!(!overlap, "labels of {a} and {b} overlap: {ra:?} {rb:?}");
            let (x, top, bottom) = *pole;
            let crossed = x > ra.0 && x < ra.2 && top < ra.3 && bottom > ra.1;
            assert!(!crossed, "the pole of {b} crosses the label of {a}");
        }
    }
}

#[test]
fn text_from_the_database_is_escaped() {
    let db = Db::seeded();
    let hostile = r#"Treaty <b>"Friends" & 'Co'</b> *bold* [x](y)"#;
    db.sql(&format!(
        "UPDATE agreements SET title = '{}' WHERE id = 3",
        hostile.replace('\'', "''")
    ));
    let html = db.ok(&["dossier", "TJ", "AZ", "--format", "html"]);
    let document = Html::parse_document(&html);
    assert!(document.select(&selector("main b")).next().is_none());
    let cites: Vec<String> = document
        .select(&selector("cite"))
        .map(|c| c.text().collect())
        .collect();
    assert!(cites.iter().any(|c| c == hostile), "{cites:?}");
    let svg = roxmltree::Document::parse(svg_text(&html)).expect("still well-formed");
    let titles: Vec<&str> = svg
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.iter().any(|t| t.contains(hostile)), "{titles:?}");

    let brief = markdown(&db, &["TJ", "AZ"]);
    assert!(brief
        .text
        .contains(r#"\<b\>"Friends" \& 'Co'\</b\> \*bold\* \[x\](y)"#));
}

#[test]
fn a_pair_without_facts_gets_a_short_brief() {
    let db = Db::seeded();
    let brief = markdown(&db, &["France", "Japan"]);
    assert_eq!(
        brief.text,
        "# Relations of France with Japan\n\nThe database holds no facts on the relations of \
         France with Japan, so there is nothing to report.\n"
    );
    let html = db.ok(&["dossier", "FR", "JP", "--format", "html"]);
    let document = Html::parse_document(&html);
    let lead: String = document
        .select(&selector("p.lead"))
        .flat_map(|p| p.text())
        .collect();
    assert!(lead.contains("no facts"), "{lead}");
    assert!(document.select(&selector("svg, section")).next().is_none());

    let early = markdown(&db, &["FR", "JP", "--as-of", "1991"]);
    assert!(early
        .text
        .contains("no facts on the relations of France with Japan dated on or before 1991"));
}

#[test]
fn states_are_named_by_code_or_name_alike() {
    let db = Db::seeded();
    let by_code = db.ok(&["dossier", "TJ", "AZ"]);
    assert_eq!(
        db.ok(&["dossier", "tajikistan", "Azerbaijan Republic"]),
        by_code
    );
    assert_eq!(db.ok(&["dossier", "TJK", "AZE"]), by_code);
    let reversed = db.ok(&["dossier", "AZ", "TJ"]);
    assert!(reversed.starts_with("# Relations of Azerbaijan with Tajikistan\n"));
}

#[test]
fn output_goes_to_a_file_with_o() {
    let db = Db::seeded();
    let file = db.dir.path().join("brief.html");
    let output = db
        .reldb()
        .args(["dossier", "TJ", "AZ", "-f", "html", "-o"])
        .arg(&file)
        .output()
        .expect("reldb runs");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("brief.html"));
    let written = std::fs::read_to_string(&file).expect("the file");
    assert_eq!(written, db.ok(&["dossier", "TJ", "AZ", "--format", "html"]));
    assert!(written.starts_with("<!DOCTYPE html>"));
}

#[test]
fn an_unknown_state_is_refused_with_a_clear_message() {
    let db = Db::seeded();
    let stderr = db.fails(&["dossier", "Narnia", "AZ"]);
    assert!(stderr.contains("unknown state 'Narnia'"), "{stderr}");
    let stderr = db.fails(&["dossier", "TJ", "Tajikistan"]);
    assert!(stderr.contains("both names mean Tajikistan"), "{stderr}");
}

#[test]
fn a_bad_as_of_date_is_refused() {
    let db = Db::seeded();
    for bad in ["2007-13", "16.03.2007", "2007-02-30", "soon"] {
        let stderr = db.fails(&["dossier", "TJ", "AZ", "--as-of", bad]);
        assert!(stderr.contains("--as-of"), "{bad}: {stderr}");
    }
    let stderr = db.fails(&["dossier", "TJ", "AZ", "--format", "pdf"]);
    assert!(stderr.contains("pdf"), "{stderr}");
}

#[test]
fn the_render_script_says_how_to_get_chromium_when_it_is_missing() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/render-dossier.sh");
    let output = std::process::Command::new("bash")
        .arg(&script)
        .env("CHROMIUM", "no-such-browser-here")
        .output()
        .expect("bash runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("apt-get install -y chromium"), "{stderr}");
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"))
}
