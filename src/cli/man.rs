//! `reldb man`: the man page reldb(1) (clap_mangen), with a section for each subcommand.

use std::io::Write;

use clap_mangen::Man;
use reldb::Error;

/// Print the man page, reldb(1)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb man | man -l -\n  reldb man > ~/.local/share/man/man1/reldb.1"
)]
pub struct Args {}

/// Writes reldb(1) in roff to stdout: the command and its options, then each subcommand's
/// synopsis, description, options and examples, then the examples of the whole.
pub fn run(mut command: clap::Command, _args: Args) -> Result<(), Error> {
    command.build();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(commands_section(&command).as_bytes());
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("reldb {}", sub.get_name());
        page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        // The global options are described once, at the top.
        let sub = sub
            .clone()
            .mut_arg("db", |a| a.hide(true))
            .mut_arg("queries", |a| a.hide(true));
        let section = Man::new(sub.clone());
        let mut parts = Vec::new();
        section.render_synopsis_section(&mut parts)?;
        section.render_description_section(&mut parts)?;
        section.render_options_section(&mut parts)?;
        if sub.get_after_help().is_some() {
            section.render_extra_section(&mut parts)?;
        }
        // Each part opens with a section heading of its own: make it a subsection.
        let parts = String::from_utf8_lossy(&parts)
            .replace(".SH EXTRA", ".SS EXAMPLES")
            .replace(".SH ", ".SS ");
        page.extend_from_slice(parts.as_bytes());
    }
    let mut extra = Vec::new();
    man.render_extra_section(&mut extra)?;
    page.extend_from_slice(
        String::from_utf8_lossy(&extra)
            .replace(".SH EXTRA", ".SH EXAMPLES")
            .as_bytes(),
    );
    man.render_version_section(&mut page)?;
    let page = without_repeated_preambles(&String::from_utf8_lossy(&page));
    let mut out = reldb::atomic::Stdout::new();
    out.write_all(page.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The list of commands, each pointing at its section of this page. clap_mangen's own list
/// names a page per command (`reldb-query(1)`), which reldb does not ship.
fn commands_section(command: &clap::Command) -> String {
    let mut section = String::from(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        section.push_str(&format!(
            ".TP\n\\fBreldb {}\\fR\n{} (see the section RELDB {} below)\n",
            roff_escape(sub.get_name()),
            roff_escape(&about),
            roff_escape(&sub.get_name().to_uppercase()),
        ));
    }
    section
}

/// Escapes text for roff: backslashes, hyphens (so they stay hyphens), and a leading dot or
/// quote, which roff would read as a request.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Each rendered part repeats clap_mangen's two-line preamble; the page needs it once.
fn without_repeated_preambles(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match page.find(PREAMBLE) {
        Some(first) => {
            let end = first + PREAMBLE.len();
            format!("{}{}", &page[..end], page[end..].replace(PREAMBLE, ""))
        }
        None => page.to_string(),
    }
}
