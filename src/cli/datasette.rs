//! `reldb datasette-metadata`: a Datasette metadata file serving the named queries.

use std::io::Write;
use std::path::{Path, PathBuf};

use reldb::atomic::{self, Destination};
use reldb::queries::Catalog;
use reldb::{datasette, Error};

use super::count;

/// Write a Datasette metadata file whose canned queries are the named queries
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  reldb datasette-metadata -o metadata.json\n  datasette reldb.db -m metadata.json"
)]
pub struct Args {
    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes the metadata JSON, keyed by the database's name as Datasette gives it (the file name
/// without its extension).
pub fn run(db_path: &Path, queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
    let catalog = Catalog::load(queries_dir)?;
    if let Some(path) = &args.output {
        atomic::refuse_overwrite(path, db_path, &[])?;
    }
    let mut out = Destination::open(args.output.as_deref())?;
    let db = super::open::open(db_path)?;
    let name = db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reldb".to_string());
    let metadata = datasette::metadata(db.connection(), &name, catalog.all())?;
    let mut text = serde_json::to_string_pretty(&metadata).map_err(std::io::Error::from)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    out.finish()?;
    if let Some(path) = &args.output {
        note!(
            "wrote {} for database '{name}' to {}",
            count(catalog.all().len() as u64, "canned query", "canned queries"),
            path.display()
        );
    }
    Ok(())
}
