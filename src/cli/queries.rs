//! `reldb queries [NAME]`: list the named queries with their parameters, or show one with its
//! SQL.

use std::io::Write;
use std::path::Path;

use reldb::queries::{Catalog, NamedQuery, Origin};
use reldb::Error;

/// Arguments of `reldb queries`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show this query's parameters and SQL
    pub name: Option<String>,
}

/// Prints every named query (built in, then marked, the user's), or one query and its SQL.
pub fn run(queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
    let catalog = Catalog::load(queries_dir)?;
    let mut out = reldb::atomic::Stdout::new();
    match &args.name {
        Some(name) => {
            let query = catalog.find(name)?;
            let origin = match &query.origin {
                Origin::BuiltIn => format!("built in: {}", query.file),
                Origin::User(_) => format!("user query: {}", query.file),
            };
            writeln!(out, "{}  ({origin})", query.name)?;
            describe(&mut out, query)?;
            writeln!(out)?;
            write!(out, "{}", query.body())?;
            if !query.body().ends_with('\n') {
                writeln!(out)?;
            }
        }
        None => {
            for query in catalog.all() {
                match &query.origin {
                    Origin::BuiltIn => writeln!(out, "{}", query.name)?,
                    Origin::User(_) => {
                        writeln!(out, "{}  (user query: {})", query.name, query.file)?
                    }
                }
                describe(&mut out, query)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The description and one `-p` line per parameter, indented.
fn describe(out: &mut dyn Write, query: &NamedQuery) -> std::io::Result<()> {
    writeln!(out, "    {}", query.description)?;
    for param in &query.params {
        write!(
            out,
            "    -p {}=<{}>  {}",
            param.name, param.kind, param.description
        )?;
        match &param.default {
            Some(default) => writeln!(out, " [default: {default}]")?,
            None => writeln!(out)?,
        }
    }
    Ok(())
}
