//! Every `console` example in README.md and `docs/` is run and its output compared with what the page shows,
//! as trycmd does for Markdown: a line `$ COMMAND` (continued by lines after a trailing `\`) is
//! run by bash in a new folder of its own block, with the built `reldb` first on PATH, and the
//! lines after it up to the next `$` are its stdout and stderr together.
//!
//! In the expected text, a line `...` stands for any number of lines and `[..]` for any text
//! within a line (a timestamp, say). A command whose text contains `error:` must exit non-zero;
//! any other must succeed. `BLESS=1 cargo test --test suite readme::examples` writes the real output
//! of every command without wildcards back into its page: review the diff.
//!
//! Each block's folder holds what its commands read: `seed/`, `examples/`, `data/` and
//! `scripts/` of the repository (links) and a HOME of its own. A `$ cat FILE` of a file that is
//! not there shows a file the reader writes: the test writes it, with the lines README shows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One `$ COMMAND` of a console block, with the output README shows for it.
#[derive(Debug)]
struct Example {
    /// The line of its page the command starts on (1-based).
    line: usize,
    /// The command as bash reads it (continuation lines kept).
    command: String,
    /// The lines README shows after it.
    expected: Vec<String>,
}

/// A console block: the index of its first and last line in its page (exclusive of the
/// fences), and its examples.
#[derive(Debug)]
struct Block {
    body: std::ops::Range<usize>,
    examples: Vec<Example>,
}

fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```console" {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && lines[end].trim_end() != "```" {
            end += 1;
        }
        blocks.push(Block {
            body: start..end,
            examples: examples(lines, start..end),
        });
        i = end + 1;
    }
    blocks
}

fn examples(lines: &[&str], body: std::ops::Range<usize>) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut i = body.start;
    while i < body.end {
        let line = lines[i];
        if let Some(command) = line.strip_prefix("$ ") {
            let mut command = command.to_string();
            let first = i;
            while command.ends_with('\\') && i + 1 < body.end {
                i += 1;
                command.push('\n');
                command.push_str(lines[i]);
            }
            examples.push(Example {
                line: first + 1,
                command,
                expected: Vec::new(),
            });
        } else {
            let example = examples
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: output before any `$ ` command", i + 1));
            example.expected.push(line.to_string());
        }
        i += 1;
    }
    for example in &mut examples {
        while example.expected.last().is_some_and(|l| l.trim().is_empty()) {
            example.expected.pop();
        }
    }
    examples
}

/// Whether `actual` matches `expected`, where `...` lines match any lines and `[..]` any text.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => match actual.split_first() {
            Some((line, more)) => line_matches(first, line) && matches(rest, more),
            None => false,
        },
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = expected.trim_end();
    let actual = actual.trim_end();
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    if !actual.ends_with(last) {
        return false;
    }
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

fn has_wildcards(expected: &[String]) -> bool {
    expected
        .iter()
        .any(|l| l.trim() == "..." || l.contains("[..]"))
}

/// A new folder for one block, laid out as the README's reader has theirs.
fn block_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["seed", "examples", "data", "scripts"] {
        std::os::unix::fs::symlink(repo.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir(dir.path().join("home")).unwrap();
    dir
}

/// For `$ cat FILE` where FILE is not there: writes it with the lines README shows.
fn write_shown_file(example: &Example, dir: &Path) {
    let Some(name) = example.command.strip_prefix("cat ") else {
        return;
    };
    let path = dir.join(name.trim());
    if path.exists() || name.contains(char::is_whitespace) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, example.expected.join("\n") + "\n").unwrap();
}

/// Runs one example in `dir`: its exit status and its output (stdout and stderr in the order
/// written).
fn run(example: &Example, dir: &Path) -> (bool, String) {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_reldb"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("exec 2>&1\n{}", example.command))
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir.join("home"))
        .env("RELDB", &binary)
        .env_remove("RELDB_DB")
        .env_remove("RELDB_QUERIES")
        .env_remove("COLUMNS")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("bash runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn every_console_example_in_the_readme_prints_what_it_shows() {
    let (mut blocks, mut ran) = (0, 0);
    let mut failures = String::new();
    for page in super::documentation_files() {
        let (page_blocks, page_ran, page_failures) = check_page(&page);
        blocks += page_blocks;
        ran += page_ran;
        failures.push_str(&page_failures);
    }
    assert!(blocks >= 20, "found only {blocks} console blocks");
    assert!(ran >= 40, "ran only {ran} examples");
    assert!(failures.is_empty(), "{failures}");
}

/// Runs the console blocks of one page; with BLESS, writes their real output back into it.
/// Returns the number of blocks, of examples run, and what failed.
fn check_page(page: &Path) -> (usize, usize, String) {
    let name = page
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(page)
        .display()
        .to_string();
    let text = std::fs::read_to_string(page).expect("a documentation page");
    let lines: Vec<&str> = text.lines().collect();
    let blocks = blocks(&lines);
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = String::new();
    let mut blessed: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut ran = 0;
    for block in &blocks {
        let dir = block_folder();
        let mut new_body = Vec::new();
        for example in &block.examples {
            write_shown_file(example, dir.path());
            let (success, output) = run(example, dir.path());
            ran += 1;
            let actual: Vec<&str> = output.lines().map(str::trim_end).collect();
            let mut actual = actual.as_slice();
            while actual.last().is_some_and(|l| l.is_empty()) {
                actual = &actual[..actual.len() - 1];
            }
            let expects_error = example.expected.iter().any(|l| l.contains("error:"));
            new_body.push(format!("$ {}", example.command));
            if bless && !has_wildcards(&example.expected) {
                new_body.extend(actual.iter().map(|l| l.to_string()));
            } else {
                new_body.extend(example.expected.iter().cloned());
            }
            if !matches(&example.expected, actual) {
                let _ = writeln!(
                    failures,
                    "{name}:{}: `{}` printed:\n{}\n--- the page shows:\n{}\n",
                    example.line,
                    example.command,
                    actual.join("\n"),
                    example.expected.join("\n")
                );
            } else if success == expects_error {
                let _ = writeln!(
                    failures,
                    "{name}:{}: `{}` {} (exit status), but its output {} `error:`\n",
                    example.line,
                    example.command,
                    if success { "succeeded" } else { "failed" },
                    if expects_error {
                        "shows"
                    } else {
                        "does not show"
                    },
                );
            }
            // Keep a blank line between examples, as the pages write them.
            if block.examples.len() > 1 && !example.expected.is_empty() {
                new_body.push(String::new());
            }
        }
        while new_body.last().is_some_and(|l| l.is_empty()) {
            new_body.pop();
        }
        blessed.push((block.body.clone(), new_body));
    }
    if bless && !blocks.is_empty() {
        let mut out: Vec<String> = Vec::new();
        let mut at = 0;
        for (body, new_body) in blessed {
            out.extend(lines[at..body.start].iter().map(|l| l.to_string()));
            out.extend(new_body);
            at = body.end;
        }
        out.extend(lines[at..].iter().map(|l| l.to_string()));
        std::fs::write(page, out.join("\n") + "\n").unwrap();
        return (blocks.len(), ran, String::new());
    }
    (blocks.len(), ran, failures)
}

#[test]
fn wildcards_match_as_documented() {
    let expected: Vec<String> = ["a", "...", "b [..] c", "d"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(matches(&expected, &["a", "b 12 c", "d"]));
    assert!(matches(&expected, &["a", "x", "y", "b  c", "d"]));
    assert!(!matches(&expected, &["a", "b 12 c"]));
    assert!(!matches(&expected, &["a", "b 12 x", "d"]));
    assert!(!matches(&expected, &["z", "b 12 c", "d"]));
    assert!(line_matches(
        "1\tschema\t[..]",
        "1\tschema\t2026-11-27T15:09"
    ));
    assert!(!line_matches("1\tschema\t[..]", "2\tschema\t2026"));
}
