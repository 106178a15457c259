//! `reldb query NAME`: run a named query.

use std::path::Path;

use reldb::queries::{self, Catalog};
use reldb::Error;

use super::{key_value, report_rows, warn_renamed, warn_too_wide, OutputArgs};

/// Run a named query; states are given by code, iso3 or name
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb query visits\n  reldb query visits -p state=TJ -p from=2007 --format json\n  reldb query agreements -p partner=\"Azerbaijan Republic\" -o agreements.csv"
)]
pub struct Args {
    /// The query to run (see `reldb queries`)
    pub name: String,

    /// A parameter, as NAME=VALUE (repeatable); states by code or name
    #[arg(short = 'p', long = "param", value_name = "NAME=VALUE", value_parser = key_value)]
    pub params: Vec<(String, String)>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs the query and writes its rows.
pub fn run(db_path: &Path, queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
    let catalog = Catalog::load(queries_dir)?;
    let query = catalog.find(&args.name)?;
    let options = args.output.options()?;
    let mut out = args.output.open(db_path)?;
    let db = super::open::open(db_path)?;
    let written = queries::write(&db, query, &args.params, &options, &mut out)?;
    out.finish()?;
    warn_renamed(&written.renamed);
    warn_too_wide(written.too_wide);
    report_rows(written.rows, args.output.output.as_deref());
    Ok(())
}
