//! The data dictionary (`reldb schema`), shell completions and the man page.

use std::collections::HashMap;
use std::process::Command;

use crate::common::{parse_csv, subcommands, Row, Workspace};

/// The dictionary as CSV rows keyed by (table, column); a table's own row has column "".
fn dictionary(ws: &Workspace, args: &[&str]) -> HashMap<(String, String), Row> {
    let mut all = vec!["schema", "--format", "csv"];
    all.extend(args);
    parse_csv(&ws.stdout(&all))
        .into_iter()
        .map(|row| ((row["table"].clone(), row["column"].clone()), row))
        .collect()
}

fn entry<'a>(dict: &'a HashMap<(String, String), Row>, table: &str, column: &str) -> &'a Row {
    dict.get(&(table.to_string(), column.to_string()))
        .unwrap_or_else(|| panic!("no {table}.{column} in the dictionary"))
}

#[test]
fn the_dictionary_lists_every_table_and_column_with_types_and_constraints() {
    let ws = Workspace::seeded();
    let dict = dictionary(&ws, &[]);
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, c.name, c.type FROM sqlite_master AS m, pragma_table_info(m.name) AS c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'refinery_schema_history'",
        )
        .unwrap();
    let columns: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.len() > 90);
    for (table, column, kind) in &columns {
        assert_eq!(
            &entry(&dict, table, column)["type"],
            kind,
            "{table}.{column}"
        );
        assert!(
            !entry(&dict, table, "")["comment"].is_empty(),
            "table {table} has a comment in the migrations"
        );
    }
    let tables: std::collections::BTreeSet<&str> =
        columns.iter().map(|(table, _, _)| table.as_str()).collect();
    assert_eq!(
        dict.len(),
        columns.len() + tables.len(),
        "a row per column and per table"
    );

    let host = entry(&dict, "visits", "host_state");
    assert_eq!(host["constraints"], "NOT NULL; REFERENCES states (code)");
    assert_eq!(
        host["comment"], "The state the visitor represented, and the state visited.",
        "shared with visitor_state, the comment's first column"
    );
    assert_eq!(
        entry(&dict, "states", "iso2")["comment"],
        "ISO 3166-1 alpha-2 code, for a state that has one in force; NULL otherwise."
    );
    assert_eq!(
        entry(&dict, "sources", "title")["constraints"],
        "NOT NULL; UNIQUE; CHECK (length(trim(title)) > 0)"
    );
    assert!(entry(&dict, "visits", "kind")["constraints"]
        .contains("CHECK (kind IS NULL OR kind IN ('state', 'official'"));
    assert!(entry(&dict, "visits", "start_date")["constraints"]
        .starts_with("NOT NULL; CHECK: an ISO 8601 date that exists, may be partial"));
    assert_eq!(
        entry(&dict, "state_aliases", "kind")["constraints"],
        "NOT NULL; DEFAULT 'variant'; CHECK (kind IN ('variant', 'former_name', 'official_name', 'abbreviation', 'short_name', 'long_name'))"
    );
    assert!(
        entry(&dict, "agreement_parties", "agreement_id")["constraints"]
            .contains("REFERENCES agreements (id) ON DELETE CASCADE")
    );
    assert_eq!(entry(&dict, "missions", "id")["constraints"], "PRIMARY KEY");
    let memberships = entry(&dict, "memberships", "");
    assert!(memberships["constraints"].starts_with("PRIMARY KEY (organization, state); CHECK ("));
    assert!(memberships["comment"].starts_with("Which state belongs to which organisation"));
    assert_eq!(
        entry(&dict, "missions", "source_id")["comment"],
        "The source that states the fact (NULL = not yet cited, which `reldb check` reports)."
    );
}

#[test]
fn one_table_and_every_format() {
    let ws = Workspace::seeded();
    let dict = dictionary(&ws, &["visits"]);
    assert!(dict.keys().all(|(table, _)| table == "visits"));
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    let columns: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('visits')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(columns >= 12);
    assert_eq!(dict.len() as i64, columns + 1, "the table and its columns");
    let json: serde_json::Value =
        serde_json::from_slice(&ws.stdout(&["schema", "visits", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len() as i64, columns + 1);
    assert!(json[0]["column"].is_null(), "the table's own row");
    let doc = String::from_utf8(ws.stdout(&["schema", "visits", "--format", "markdown"])).unwrap();
    assert!(
        doc.starts_with("### `visits`\n\nHigh-level visits"),
        "{doc}"
    );
    assert!(doc.contains("| `host_state` | TEXT | `NOT NULL`, `REFERENCES states (code)` |"));
    let error = ws.stderr_of_failure(&["schema", "visitz"]);
    assert!(
        error.contains("no table named 'visitz'") && error.contains("visits"),
        "{error}"
    );
}

#[test]
fn bash_completion_completes_commands_and_format_names() {
    let ws = Workspace::new();
    let script = ws.path("reldb.bash");
    std::fs::write(&script, ws.stdout(&["completions", "bash"])).unwrap();
    let complete = |words: &str, current: usize| -> String {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _reldb reldb \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             echo \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash").args(["-c", &line]).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(complete("reldb sch", 1), "schema");
    assert_eq!(complete("reldb data", 1), "datasette-metadata");
    assert_eq!(
        complete("reldb query visits --format ''", 4),
        "table csv tsv json jsonl markdown line"
    );
    let all = complete("reldb ''", 1);
    for command in subcommands(&ws) {
        assert!(all.split(' ').any(|c| c == command), "{command}: {all}");
    }
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let ws = Workspace::new();
    let zsh = String::from_utf8(ws.stdout(&["completions", "zsh"])).unwrap();
    assert!(zsh.starts_with("#compdef reldb"));
    let fish = String::from_utf8(ws.stdout(&["completions", "fish"])).unwrap();
    for command in subcommands(&ws) {
        assert!(zsh.contains(&format!("'{command}:")), "zsh lacks {command}");
        assert!(
            fish.contains(&format!("-a \"{command}\"")),
            "fish lacks {command}"
        );
    }
    ws.reldb()
        .args(["completions", "powershell"])
        .assert()
        .code(2);
}

#[test]
fn the_man_page_renders_with_a_section_per_command() {
    let ws = Workspace::new();
    let page = ws.stdout(&["man"]);
    let roff = String::from_utf8(page.clone()).unwrap();
    assert!(roff.contains(".TH reldb 1"), "{}", &roff[..200]);
    let path = ws.path("reldb.1");
    std::fs::write(&path, &page).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs");
    assert!(rendered.status.success(), "{rendered:?}");
    let text = String::from_utf8_lossy(&rendered.stdout);
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "EXAMPLES"] {
        assert!(text.contains(section), "no {section}");
    }
    for command in subcommands(&ws) {
        assert!(
            text.contains(&format!("RELDB {}", command.to_uppercase())),
            "no section for {command}"
        );
    }
    assert!(text.contains("--excel"));
    assert!(text.contains("RELDB_QUERIES"));
}

/// reldb ships one man page; its list of commands points at the sections of that page, not at
/// per-command pages (`reldb-query(1)`) that do not exist.
#[test]
fn the_man_page_refers_to_no_page_that_does_not_exist() {
    let ws = Workspace::new();
    let roff = String::from_utf8(ws.stdout(&["man"])).unwrap();
    let commands = subcommands(&ws);
    for command in &commands {
        assert!(
            !roff.contains(&format!("reldb\\-{command}(1)")),
            "the page names reldb-{command}(1), which reldb does not ship"
        );
        assert!(
            roff.contains(&format!("\\fBreldb {}\\fR", command.replace('-', "\\-"))),
            "the COMMANDS section does not list reldb {command}"
        );
    }
    let pages: Vec<&str> = roff
        .lines()
        .filter(|l| l.contains("(1)") && !l.contains("reldb(1)"))
        .collect();
    assert!(pages.is_empty(), "pages named: {pages:?}");
}
