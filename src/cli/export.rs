//! `reldb export`: every named query as a CSV report.

use std::path::{Path, PathBuf};

use reldb::queries::Catalog;
use reldb::{export, Error};

/// Write one CSV report per named query into a folder
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  reldb export --dir reports/")]
pub struct Args {
    /// The folder to write NAME.csv files into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}

/// Writes the reports (the user's queries' too) and lists them on stderr.
pub fn run(db_path: &Path, queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
    let catalog = Catalog::load(queries_dir)?;
    let db = super::open::open(db_path)?;
    for report in export::export_queries(&db, &args.dir, catalog.all())? {
        let rows = if report.rows == 1 { "row " } else { "rows" };
        note!("{:>8} {rows}  {}", report.rows, report.path.display());
    }
    Ok(())
}
