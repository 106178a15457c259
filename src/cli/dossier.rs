//! `reldb dossier STATE PARTNER`: the bilateral brief, in Markdown or HTML.

use std::io::Write;
use std::path::{Path, PathBuf};

use reldb::atomic::{self, Destination};
use reldb::dossier::{self, Format};
use reldb::Error;

/// Write the bilateral brief "Relations of STATE with PARTNER" from the database, every
/// statement with its source (Markdown, or one self-contained HTML file with a timeline)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb dossier TJ AZ\n  reldb dossier Tajikistan Azerbaijan --format html -o brief.html\n  reldb dossier TJK AZE --as-of 2007-06-01"
)]
pub struct Args {
    /// The state the brief is written for (code, iso3 or any name)
    pub state: String,

    /// Its partner (code, iso3 or any name)
    pub partner: String,

    /// Markdown for pasting into documents, or one self-contained HTML file
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "markdown",
          value_parser = ["markdown", "html"])]
    pub format: String,

    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write the brief as it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD): later facts left out
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Leave out what reldb infers (a link to a visit, a title of its own) and keep only what
    /// the sources state; without it, inferences are worded as such ("probably signed during")
    #[arg(long)]
    pub stated_only: bool,
}

/// Gathers the brief and writes it.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let format: Format = args.format.parse().map_err(Error::Parameter)?;
    if let Some(path) = &args.output {
        atomic::refuse_overwrite(path, db_path, &[])?;
    }
    let mut out = Destination::open(args.output.as_deref())?;
    let db = super::open::open(db_path)?;
    let brief = dossier::gather_with(
        &db,
        &args.state,
        &args.partner,
        args.as_of.as_deref(),
        args.stated_only,
    )?;
    let text = dossier::render(&brief, format);
    out.write_all(text.as_bytes())?;
    out.finish()?;
    if let Some(path) = &args.output {
        note!("wrote {} to {}", brief.title, path.display());
    }
    Ok(())
}
