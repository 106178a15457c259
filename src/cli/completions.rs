//! `reldb completions SHELL`: a completion script for bash, zsh or fish (clap_complete).

use std::io::Write;

use clap_complete::Shell;
use reldb::atomic::Stdout;
use reldb::Error;

/// The shells reldb writes completions for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Target {
    /// bash
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
}

/// Print a shell completion script (bash, zsh or fish)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb completions bash > ~/.local/share/bash-completion/completions/reldb\n  reldb completions zsh > ~/.zfunc/_reldb\n  reldb completions fish > ~/.config/fish/completions/reldb.fish"
)]
pub struct Args {
    /// The shell
    pub shell: Target,
}

/// Writes the script for `command` (reldb's whole command line) to stdout.
pub fn run(mut command: clap::Command, args: Args) -> Result<(), Error> {
    let shell = match args.shell {
        Target::Bash => Shell::Bash,
        Target::Zsh => Shell::Zsh,
        Target::Fish => Shell::Fish,
    };
    // generate() panics when it cannot write: it writes into memory, and only then to stdout.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "reldb", &mut script);
    let mut out = Stdout::new();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
