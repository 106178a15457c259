//! `reldb resolve NAME`: which state a name means, on a date.

use std::io::Write;
use std::path::Path;

use reldb::atomic::Stdout;
use reldb::{states::StateResolver, Error};

/// Tell which state a code or name means, on a date where names changed
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb resolve \"Azerbaijan Republic\"\n  reldb resolve Serbia --on 2004\n  reldb resolve Prussia --on 1850\n  reldb resolve gw:816 --on 1970\n  reldb resolve \"China, Republic of\" --on 1930\n  reldb resolve Tadzhikistan --on 1980-05-01 --part-of"
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

/// Prints the state code and name of the state meant and, on a date, what it was then.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    if let Some(date) = &args.on {
        reldb::dates::validate(date).map_err(Error::Parameter)?;
    }
    let db = super::open::open(db_path)?;
    let resolver = StateResolver::load(db.connection())?.with_part_of(args.part_of);
    let code = resolver.resolve(&args.name, args.on.as_deref())?;
    let found = resolver.found(code, args.on.as_deref());
    let mut out = Stdout::new();
    // On a date, a third column says what the state was then: its era and name ("era Prussia
    // (Kingdom of Prussia, 1701–1871)"), and the state it was a part of.
    let then = found.describe();
    if then.is_empty() {
        writeln!(out, "{}\t{}", found.code, found.name)?;
    } else {
        writeln!(out, "{}\t{}\t{then}", found.code, found.name)?;
    }
    out.flush()?;
    Ok(())
}
