//! The brief as Markdown, for pasting into documents: one line per statement, citations as
//! footnotes (`[^1]`, as pandoc and GitHub read them), the visits as a pipe table.

use std::fmt::Write;

use super::{Block, Dossier, Footnote, Section, Span, Statement, Table};
use crate::dates;
use crate::markup::escape_markdown;

/// Lays `dossier` out as Markdown.
pub(crate) fn render(dossier: &Dossier) -> String {
    let mut out = format!("# {}\n", escape_markdown(&dossier.title));
    for paragraph in &dossier.lead {
        let _ = write!(out, "\n{}\n", escape_markdown(paragraph));
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
    for block in &section.blocks {
        out.push('\n');
        match block {
            Block::Subheading(text) => {
                let _ = writeln!(out, "### {}", escape_markdown(text));
            }
            Block::Paragraph(statement) => {
                let _ = writeln!(out, "{}", statement_text(statement));
            }
            Block::List(items) => {
                for item in items {
                    let text: Vec<String> = item.iter().map(statement_text).collect();
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

/// A statement's text with its citation markers.
fn statement_text(statement: &Statement) -> String {
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
    out.push_str(&markers(&statement.cites));
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
    if let Some(publisher) = &note.publisher {
        let _ = write!(out, ", {}", escape_markdown(publisher));
    }
    if let Some(date) = &note.published_on {
        let _ = write!(out, ", {}", dates::display(date));
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
