//! Escaping text for the markup reldb writes: HTML and SVG (one rule serves both, in content
//! and in quoted attributes), Markdown prose, and cells of Markdown tables. Every writer of
//! markup escapes through here, so a character is handled the same way wherever it lands.

/// Escapes text for HTML and XML, in content and in quoted attributes.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Backslash-escapes the characters Markdown would read as markup, for prose written from
/// data (a title with `*` or `[` stays text).
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A cell's text made safe inside a Markdown table row, and otherwise left as the data is:
/// `|` escaped, line ends as `<br>`.
pub(crate) fn escape_markdown_cell(text: &str) -> String {
    text.replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_and_attributes_are_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_markup_characters_are_escaped() {
        assert_eq!(
            escape_markdown("a*b_c [d] | <e> & #f"),
            r"a\*b\_c \[d\] \| \<e\> \& \#f"
        );
        assert_eq!(escape_markdown("Côte d'Ivoire"), "Côte d'Ivoire");
    }

    #[test]
    fn markdown_cells_escape_pipes_and_line_ends() {
        assert_eq!(escape_markdown_cell("a|b\r\nc\nd"), "a\\|b<br>c<br>d");
        assert_eq!(escape_markdown_cell("old_town *x*"), "old_town *x*");
    }
}
