//! Reading a `CREATE TABLE` statement's text: its items (columns and table constraints), the
//! CHECK expressions of each column, and the `--` comment above each item. SQLite keeps the
//! text, comments included, in `sqlite_master.sql`; the migrations hold the same text.

/// One comma-separated item of a `CREATE TABLE (...)`: a column or a table constraint.
#[derive(Debug, Default)]
pub(crate) struct Item {
    /// The column's name, or `None` for a table constraint.
    pub(crate) column: Option<String>,
    /// The definition without comments, spaces collapsed.
    pub(crate) text: String,
    /// The CHECK expressions of a column, spaces collapsed.
    pub(crate) checks: Vec<String>,
    /// The comment lines above it (or at the end of its line), joined.
    pub(crate) comment: Option<String>,
}

/// Splits the body of a `CREATE TABLE` statement into its items, keeping each one's comment.
pub(crate) fn definition_items(sql: &str) -> Vec<Item> {
    let Some(open) = sql.find('(') else {
        return Vec::new();
    };
    let body = &sql[open + 1..];
    let mut items = Vec::new();
    let mut text = String::new();
    let mut comments: Vec<String> = Vec::new();
    let mut trailing: Option<String> = None;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut just_split = false;
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some(q) = quote {
            text.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                quote = Some(c);
                text.push(c);
            }
            '[' => {
                quote = Some(']');
                text.push(c);
            }
            '-' if body[at..].starts_with("--") => {
                let end = body[at..].find('\n').map_or(body.len(), |n| at + n);
                let comment = body[at + 2..end].trim().to_string();
                while chars.peek().is_some_and(|(i, _)| *i < end) {
                    chars.next();
                }
                if just_split {
                    // A comment after a comma on the same line belongs to the item before it.
                    trailing = Some(comment);
                } else if text.trim().is_empty() || comments.is_empty() {
                    // Lines above the item, or the first comment inside it.
                    comments.push(comment);
                }
                continue;
            }
            '\n' => {
                just_split = false;
                text.push(' ');
            }
            '(' => {
                depth += 1;
                text.push(c);
            }
            ')' if depth == 0 => break,
            ')' => {
                depth -= 1;
                text.push(c);
            }
            ',' if depth == 0 => {
                items.push(item(&text, &comments));
                text.clear();
                comments.clear();
                just_split = true;
                continue;
            }
            other => text.push(other),
        }
        if !c.is_whitespace() {
            just_split = false;
        }
        if let Some(comment) = trailing.take() {
            attach_trailing(&mut items, comment);
        }
    }
    if let Some(comment) = trailing.take() {
        attach_trailing(&mut items, comment);
    }
    if !text.trim().is_empty() {
        items.push(item(&text, &comments));
    }
    items
}

fn attach_trailing(items: &mut [Item], comment: String) {
    if let Some(last) = items.last_mut() {
        if last.comment.is_none() {
            last.comment = Some(comment);
        }
    }
}

fn item(text: &str, comments: &[String]) -> Item {
    let text = collapse(text);
    let first = text.split_whitespace().next().unwrap_or("");
    let constraint = ["constraint", "primary", "unique", "check", "foreign"]
        .contains(&first.to_ascii_lowercase().as_str());
    let comment = (!comments.is_empty()).then(|| comments.join(" "));
    if constraint {
        return Item {
            column: None,
            text,
            checks: Vec::new(),
            comment,
        };
    }
    Item {
        column: Some(first.trim_matches(['"', '`', '[', ']']).to_string()),
        checks: checks(&text),
        text,
        comment,
    }
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The expressions of the `CHECK (...)` clauses in a column definition.
fn checks(definition: &str) -> Vec<String> {
    let upper = definition.to_ascii_uppercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = upper[from..].find("CHECK") {
        let start = from + offset + "CHECK".len();
        let rest = &definition[start..];
        let Some(open) = rest.find('(') else { break };
        if !rest[..open].trim().is_empty() {
            from = start;
            continue;
        }
        let (mut depth, mut quote, mut end) = (0usize, None, None);
        for (i, c) in rest[open..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        found.push(rest[open + 1..end].trim().to_string());
        from = start + end;
    }
    found
}
