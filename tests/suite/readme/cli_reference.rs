//! docs/cli.md is the CLI reference: the `--help` of `reldb` and of every command, as clap
//! prints them from the argument definitions, so it cannot drift from the binary.
//! `BLESS=1 cargo test --test suite readme::cli_reference` rewrites it; review the diff.

use std::path::PathBuf;

use crate::common::{subcommands, Workspace};

fn reference_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md")
}

fn section(ws: &Workspace, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("--help");
    let help = String::from_utf8(ws.stdout(&all)).expect("help is UTF-8");
    let title = std::iter::once("reldb")
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    format!("## `{title}`\n\n```text\n{}\n```\n", help.trim_end())
}

fn reference(ws: &Workspace) -> String {
    let mut text = String::from(
        "# The CLI reference\n\n\
         <!-- generated from `reldb --help` and `reldb COMMAND --help`; \
         BLESS=1 cargo test --test suite readme::cli_reference rewrites it -->\n\n\
         What `reldb --help` and `reldb COMMAND --help` print, command by command. \
         [commands.md](commands.md) tells the same with examples and their real output.\n\n",
    );
    text.push_str(&section(ws, &[]));
    for command in subcommands(ws) {
        text.push('\n');
        text.push_str(&section(ws, &[&command]));
    }
    text
}

#[test]
fn the_cli_reference_is_what_reldb_help_prints() {
    let ws = Workspace::new();
    let wanted = reference(&ws);
    assert!(wanted.matches("\n## `reldb ").count() >= 14, "{wanted}");
    let current = std::fs::read_to_string(reference_path()).unwrap_or_default();
    if current == wanted {
        return;
    }
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(reference_path(), wanted).unwrap();
        return;
    }
    panic!(
        "docs/cli.md differs from `reldb --help`; run \
         `BLESS=1 cargo test --test suite readme::cli_reference` and review the diff"
    );
}
