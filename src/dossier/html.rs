//! The brief as one self-contained HTML file: inline CSS, an inline SVG timeline, no scripts
//! and nothing fetched from elsewhere; printable on A4. Citations link to the numbered
//! sources at the end.

use std::fmt::Write;

use super::{
    list_marks, statement_marks, svg, Block, Dossier, Footnote, Section, Span, Statement, Table,
};
use crate::markup::escape_html;

/// The style sheet: a page on screen, A4 in print.
const CSS: &str = r#"
@page { size: A4; margin: 16mm 15mm 18mm; }
html { background: #eceae4; color: #1b1b1b; }
body { margin: 0; font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; }
main { box-sizing: border-box; max-width: 210mm; margin: 8mm auto; padding: 16mm 15mm 18mm;
  background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .18);
  font-size: 10.5pt; line-height: 1.45; }
h1, h2, h3, figcaption, table, .lead, .sources { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 6pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.2pt solid #1b4f72; color: #1b4f72; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
p { margin: 0 0 6pt; }
.lead { color: #444; font-size: 9.5pt; }
.lead.dateline { color: #1b1b1b; font-size: 10.5pt; margin-bottom: 4pt; }
ul { margin: 0 0 6pt; padding-left: 16pt; }
li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.3; margin: 4pt 0 8pt; }
th, td { border: .6pt solid #b8b8b8; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
sup.cite { font-size: 7pt; line-height: 0; }
sup.cite a, td.cite a { color: #1b4f72; text-decoration: none; }
.uncited { color: #8a1c1c; font-size: 8pt; }
figure.timeline { margin: 10pt 0 12pt; }
figure.timeline svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #555; margin-top: 3pt; }
.sources ol { font-size: 9pt; padding-left: 18pt; }
.sources a { color: inherit; }
.sources .address { overflow-wrap: normal; word-break: normal; hyphens: none; }
@media print {
  html { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; font-size: 10pt; }
  h2, h3, p:has(+ table) { break-after: avoid; page-break-after: avoid; }
  section.annex { break-before: page; page-break-before: always; }
  figure, p, tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; }
}
"#;

/// Lays `dossier` out as an HTML document.
pub(crate) fn render(dossier: &Dossier) -> String {
    let title = escape_html(&dossier.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n\
         <header>\n<h1>{title}</h1>\n"
    );
    for (index, paragraph) in dossier.lead.iter().enumerate() {
        let marked = !paragraph.cites.is_empty();
        // The first line of a brief with facts is its dateline: the date it stands at.
        let class = if index == 0 && !dossier.is_empty() {
            "lead dateline"
        } else {
            "lead"
        };
        let _ = writeln!(
            out,
            "<p class=\"{class}\">{}</p>",
            statement_html(paragraph, marked)
        );
    }
    out.push_str("</header>\n");
    out.push_str(&timeline_figure(dossier));
    for section in &dossier.sections {
        out.push_str(&render_section(section, ""));
    }
    for annex in &dossier.annexes {
        out.push_str(&render_section(annex, " class=\"annex\""));
    }
    out.push_str(&sources(&dossier.footnotes));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn timeline_figure(dossier: &Dossier) -> String {
    if dossier.timeline.is_empty() {
        return String::new();
    }
    format!(
        "<figure class=\"timeline\">\n{}<figcaption>Timeline of relations, missions, visits and \
         agreements, one lane per kind of event, on a time axis drawn to scale. Marks too close \
         to tell apart are spread out around their dates; a lane of many events shows how many \
         fell in each period as bars, the busiest labelled, over a tick per event. The \
         chronology below lists each event with its source.</figcaption>\n\
         </figure>\n",
        svg::render(dossier)
    )
}

/// A section, its `<section>` element given `attributes` besides its id.
fn render_section(section: &Section, attributes: &str) -> String {
    let mut out = format!(
        "<section id=\"{}\"{attributes}>\n<h2>{}</h2>\n",
        escape_html(&section.id),
        escape_html(&section.heading)
    );
    let marks = list_marks(&section.blocks);
    for (block, marks) in section.blocks.iter().zip(marks) {
        match block {
            Block::Subheading(text) => {
                let _ = writeln!(out, "<h3>{}</h3>", escape_html(text));
            }
            Block::Paragraph(statement) => {
                let _ = writeln!(out, "<p>{}</p>", statement_html(statement, true));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for (item, marked) in items.iter().zip(marks) {
                    let text: Vec<String> = item
                        .iter()
                        .zip(statement_marks(item, marked))
                        .map(|(statement, marked)| statement_html(statement, marked))
                        .collect();
                    let _ = writeln!(out, "<li>{}</li>", text.join(" "));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => out.push_str(&render_table(table)),
        }
    }
    out.push_str("</section>\n");
    out
}

fn render_table(table: &Table) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for column in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape_html(column));
    }
    out.push_str("<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in &row.cells {
            let _ = write!(out, "<td>{}</td>", escape_html(cell));
        }
        let _ = writeln!(out, "<td class=\"cite\">{}</td></tr>", links(&row.cites));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A statement, with its footnote marks if `marked` (a statement whose marks are given once
/// for its list leaves them out).
fn statement_html(statement: &Statement, marked: bool) -> String {
    let mut out = String::new();
    for span in &statement.spans {
        match span {
            Span::Text(text) => out.push_str(&escape_html(text)),
            Span::Title(text) => {
                let _ = write!(out, "<cite>{}</cite>", escape_html(text));
            }
            Span::Label(text) => {
                let _ = write!(out, "<strong>{}</strong>", escape_html(text));
            }
        }
    }
    if !marked {
        return out;
    }
    if statement.cites.is_empty() {
        out.push_str(" <span class=\"uncited\">(source not recorded)</span>");
    } else {
        let _ = write!(out, "<sup class=\"cite\">{}</sup>", links(&statement.cites));
    }
    out
}

/// Links to the footnotes `cites`, comma-separated, a run of three or more consecutive ones
/// as its first and last (`3–56`), so that a statement citing many posts stays one line.
fn links(cites: &[usize]) -> String {
    if cites.is_empty() {
        return "<span class=\"uncited\">not recorded</span>".to_string();
    }
    let link = |n: usize| format!("<a href=\"#{}\">{n}</a>", footnote_id(n));
    runs(cites)
        .into_iter()
        .map(|(first, last)| match last - first {
            0 => link(first),
            1 => format!("{},{}", link(first), link(last)),
            _ => format!("{}–{}", link(first), link(last)),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The runs of consecutive numbers in `cites`, in order: [1, 3, 4, 5] → [(1, 1), (3, 5)].
fn runs(cites: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in cites {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    runs
}

/// A source's address: a link where it is a web address (a link fetches nothing while the
/// file is read), set so that a line breaks only after a `/` or before a `.`, never inside a
/// word.
fn address_html(address: &str) -> String {
    // The scheme (`https://`) stays whole with the host's first word.
    let (scheme, rest) = match address.find("://") {
        Some(at) => address.split_at(at + 3),
        None => ("", address),
    };
    let mut shown = escape_html(scheme);
    for c in rest.chars() {
        match c {
            '.' => shown.push_str("<wbr>."),
            '/' => shown.push_str("/<wbr>"),
            other => shown.push_str(&escape_html(&other.to_string())),
        }
    }
    if address.starts_with("https://") || address.starts_with("http://") {
        format!(
            "<a class=\"address\" href=\"{}\">{shown}</a>",
            escape_html(address)
        )
    } else {
        format!("<span class=\"address\">{shown}</span>")
    }
}

/// The HTML id of footnote `n`.
fn footnote_id(n: usize) -> String {
    format!("source-{n}")
}

fn sources(footnotes: &[Footnote]) -> String {
    if footnotes.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("<section id=\"sources\" class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
    for note in footnotes {
        let mut text = format!("<cite>{}</cite>", escape_html(&note.title));
        if let Some(publisher) = note.publisher_shown() {
            let _ = write!(text, ", {}", escape_html(publisher));
        }
        let _ = write!(text, ", {}", escape_html(&note.date()));
        if let Some(missing) = note.missing() {
            let _ = write!(text, "; {missing}");
        }
        text.push('.');
        if let Some(address) = &note.address {
            text.push(' ');
            text.push_str(&address_html(address));
        }
        let _ = writeln!(
            out,
            "<li id=\"{}\" value=\"{}\">{text}</li>",
            footnote_id(note.number),
            note.number
        );
    }
    out.push_str("</ol>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn consecutive_notes_are_one_run() {
        assert_eq!(super::runs(&[1, 3, 4, 5, 7, 8]), [(1, 1), (3, 5), (7, 8)]);
    }
}
