//! `reldb queries`: list the named queries with their parameters.

use std::io::Write;

use reldb::{queries, Error};

/// Arguments of `reldb queries`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints every named query, its description and its parameters.
pub fn run(_args: Args) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    for query in queries::builtin()? {
        writeln!(out, "{}\n    {}", query.name, query.description)?;
        for param in &query.params {
            writeln!(
                out,
                "    -p {}=<{}>  {}",
                param.name, param.kind, param.description
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
