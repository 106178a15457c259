//! `reldb export`: every named query as a CSV report.

use std::path::{Path, PathBuf};

use reldb::{export, Database, Error};

/// Arguments of `reldb export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write NAME.csv files into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}

/// Writes the reports and lists them on stderr.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let db = Database::open(db_path)?;
    for report in export::export_all(&db, &args.dir)? {
        eprintln!("{:>8} rows  {}", report.rows, report.path.display());
    }
    Ok(())
}
