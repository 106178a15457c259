//! `reldb seed`: load the seed CSV files (embedded, or edited copies from a folder).

use std::path::{Path, PathBuf};

use reldb::Error;

/// Load the seed CSV files (built in, or edited copies with --dir); running it twice
/// changes nothing
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  reldb seed\n  reldb seed --dir seed/")]
pub struct Args {
    /// Read TABLE.csv files from DIR instead of the seed built into reldb
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Seeds the database in one transaction and says how many rows each table got.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let mut db = super::open::open(db_path)?;
    let seeded = db.seed(args.dir.as_deref())?;
    for table in &seeded {
        let rows = if table.rows == 1 { "row " } else { "rows" };
        note!(
            "{:>6} {rows}  {:<24} from {}",
            table.rows,
            table.table,
            table.file
        );
    }
    Ok(())
}
