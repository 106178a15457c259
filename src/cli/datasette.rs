//! `reldb datasette-metadata`: a Datasette metadata file serving the named queries.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use reldb::queries::Catalog;
use reldb::{datasette, Database, Error};

/// Arguments of `reldb datasette-metadata`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes the metadata JSON, keyed by the database's name as Datasette gives it (the file name
/// without its extension).
pub fn run(db_path: &Path, queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
    let catalog = Catalog::load(queries_dir)?;
    let db = Database::open(db_path)?;
    let name = db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reldb".to_string());
    let metadata = datasette::metadata(db.connection(), &name, catalog.all())?;
    let mut text = serde_json::to_string_pretty(&metadata).map_err(std::io::Error::from)?;
    text.push('\n');
    match &args.output {
        Some(path) => {
            let file = File::create(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let mut out = BufWriter::new(file);
            out.write_all(text.as_bytes())?;
            out.flush()?;
            eprintln!(
                "wrote {} canned queries for database '{name}' to {}",
                catalog.all().len(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
