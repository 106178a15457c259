//! `reldb sql`: run one ad-hoc SQL statement, read-only unless --write.

use std::path::Path;

use reldb::{Database, Error};

use super::{report_rows, OutputArgs};

/// Arguments of `reldb sql`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One SQL statement
    pub statement: String,

    /// Allow a statement that changes the database (it runs in its own transaction)
    #[arg(long)]
    pub write: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs the statement and writes its rows.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let options = args.output.options()?;
    let mut out = args.output.open(db_path)?;
    let mut db = Database::open(db_path)?;
    let rows = reldb::sql::run(&mut db, &args.statement, args.write, &options, &mut out)?;
    out.finish()?;
    report_rows(rows, args.output.output.as_deref());
    Ok(())
}
