//! Names people write for states resolve where they are unambiguous: with a leading article,
//! and everyday short names.

use crate::common::Workspace;

fn resolves(ws: &Workspace, name: &str) -> String {
    let stdout = ws.stdout(&["resolve", name]);
    String::from_utf8(stdout).unwrap()
}

#[test]
fn a_leading_article_and_everyday_names_resolve() {
    let ws = Workspace::seeded();
    for (name, code) in [
        ("the United States", "US"),
        ("The United States of America", "US"),
        ("America", "US"),
        ("USA", "US"),
        ("the UK", "GB"),
        ("the Holy See", "VA"),
        ("The Gambia", "GM"),
        ("the Netherlands", "NL"),
    ] {
        let line = resolves(&ws, name);
        assert!(line.starts_with(&format!("{code}\t")), "{name}: {line}");
    }
    // As a query parameter too, where the issue met it.
    let rows = ws.query("states", &["state=the United States"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["iso2"], "US");
}

#[test]
fn an_article_alone_or_an_unknown_name_after_it_is_still_refused() {
    let ws = Workspace::seeded();
    for name in ["the", "the Narnia"] {
        let stderr = ws.stderr_of_failure(&["resolve", name]);
        assert!(stderr.contains("unknown state"), "{name}: {stderr}");
    }
}
