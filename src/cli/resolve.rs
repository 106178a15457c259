//! `reldb resolve NAME`: which state a name means, on a date.

use std::io::Write;
use std::path::Path;

use reldb::atomic::Stdout;
use reldb::{states::StateResolver, Error};

/// Tell which state a code or name means, on a date where names changed
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb resolve \"Azerbaijan Republic\"\n  reldb resolve Serbia --on 2004\n  reldb resolve Tadzhikistan --on 1980-05-01 --part-of"
)]
pub struct Args {
    /// A state's code or name, as a source writes it
    pub name: String,

    /// The date the name is used on (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,

    /// A constituent part on the date (the Tajik SSR) gives the state it was part of (the
    /// Soviet Union)
    #[arg(long)]
    pub part_of: bool,
}

/// Prints the state code and name of the state meant.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    if let Some(date) = &args.on {
        reldb::dates::validate(date).map_err(Error::Parameter)?;
    }
    let db = super::open::open(db_path)?;
    let resolver = StateResolver::load(db.connection())?.with_part_of(args.part_of);
    let code = resolver.resolve(&args.name, args.on.as_deref())?;
    let mut out = Stdout::new();
    writeln!(
        out,
        "{code}\t{}",
        resolver.name_of(code).unwrap_or_default()
    )?;
    out.flush()?;
    Ok(())
}
