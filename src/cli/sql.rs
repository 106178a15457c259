//! `reldb sql`: run one ad-hoc SQL statement, read-only unless --write.

use std::path::Path;

use reldb::sql::Outcome;
use reldb::Error;

use super::{count, report_rows, warn_renamed, warn_too_wide, OutputArgs};

/// Run one ad-hoc SQL statement (read-only unless --write)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb sql \"SELECT host_state, count(*) FROM visits GROUP BY host_state\"\n  reldb sql --write \"UPDATE missions SET city = 'Baku' WHERE id = 2\""
)]
pub struct Args {
    /// One SQL statement
    pub statement: String,

    /// Allow a statement that changes the database, or another file or the connection (ATTACH,
    /// a pragma given a value); it runs in its own transaction
    #[arg(long)]
    pub write: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs the statement and writes its rows.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let options = args.output.options()?;
    let mut out = args.output.open(db_path)?;
    let mut db = super::open::open(db_path)?;
    let outcome = reldb::sql::run(&mut db, &args.statement, args.write, &options, &mut out)?;
    out.finish()?;
    match outcome {
        Outcome::Rows(written) => {
            warn_renamed(&written.renamed);
            warn_too_wide(written.too_wide);
            report_rows(written.rows, args.output.output.as_deref());
        }
        Outcome::Changed(rows) => note!("changed {}", count(rows, "row", "rows")),
    }
    Ok(())
}
