//! The brief as Markdown, for pasting into documents: one line per statement, citations as
//! footnotes (`[^1]`, as pandoc and GitHub read them), the visits as a pipe table.

use std::fmt::Write;

use super::{
    list_marks, statement_marks, Block, Dossier, Footnote, Section, Span, Statement, Table,
};
use crate::markup::escape_markdown;

/// Lays `dossier` out as Markdown.
pub(crate) fn render(dossier: &Dossier) -> String {
    let mut out = format!("# {}\n", escape_markdown(&dossier.title));
    for paragraph in &dossier.lead {
        let marked = !paragraph.cites.is_empty();
        let _ = write!(out, "\n{}\n", statement_text(paragraph, marked));
    }
    for section in dossier.sections.iter().chain(&dossier.annexes) {
        out.push_str(&render_section(section));
    }
    if !dossier.footnotes.is_empty() {
        out.push_str("\n## Sources\n\n");
        for note in &dossier.footnotes {
            out.push_str(&footnote(note));
        }
    }
    out
}

fn render_section(section: &Section) -> String {
    let mut out = format!("\n## {}\n", escape_markdown(&section.heading));
    let marks = list_marks(&section.blocks);
    for (block, marks) in section.blocks.iter().zip(marks) {
        out.push('\n');
        match block {
            Block::Subheading(text) => {
                let _ = writeln!(out, "### {}", escape_markdown(text));
            }
            Block::Paragraph(statement) => {
                let _ = writeln!(out, "{}", statement_text(statement, true));
            }
            Block::List(items) => {
                for (item, marked) in items.iter().zip(marks) {
                    let text: Vec<String> = item
                        .iter()
                        .zip(statement_marks(item, marked))
                        .map(|(statement, marked)| statement_text(statement, marked))
                        .collect();
                    let _ = writeln!(out, "- {}", text.join(" "));
                }
            }
            Block::Table(table) => out.push_str(&render_table(table)),
        }
    }
    out
}

fn render_table(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| escape_markdown(c)).collect();
    let _ = writeln!(out, "| {} | Source |", header.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(table.columns.len() + 1));
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| escape_markdown(c)).collect();
        let _ = writeln!(out, "| {} | {} |", cells.join(" | "), markers(&row.cites));
    }
    out
}

/// A statement's text, with its citation markers if `marked` (a statement whose markers are
/// given once for its list leaves them out).
fn statement_text(statement: &Statement, marked: bool) -> String {
    let mut out = String::new();
    for span in &statement.spans {
        match span {
            Span::Text(text) => out.push_str(&escape_markdown(text)),
            Span::Title(text) => {
                let _ = write!(out, "*{}*", escape_markdown(text));
            }
            Span::Label(text) => {
                let _ = write!(out, "**{}**", escape_markdown(text));
            }
        }
    }
    if marked {
        out.push_str(&markers(&statement.cites));
    }
    out
}

/// `[^1][^2]`, or a remark where no source is cited.
fn markers(cites: &[usize]) -> String {
    if cites.is_empty() {
        return " (source not recorded)".to_string();
    }
    cites.iter().map(|n| format!("[^{n}]")).collect()
}

fn footnote(note: &Footnote) -> String {
    let mut out = format!("[^{}]: *{}*", note.number, escape_markdown(&note.title));
    if let Some(publisher) = note.publisher_shown() {
        let _ = write!(out, ", {}", escape_markdown(publisher));
    }
    let _ = write!(out, ", {}", note.date());
    if let Some(missing) = note.missing() {
        let _ = write!(out, "; {missing}");
    }
    out.push('.');
    if let Some(address) = &note.address {
        if address.starts_with("https://") || address.starts_with("http://") {
            let _ = write!(out, " <{address}>");
        } else {
            let _ = write!(out, " {}", escape_markdown(address));
        }
    }
    out.push('\n');
    out
}
