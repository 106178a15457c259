//! `reldb queries [NAME]`: list the named queries with their parameters, or show one with its
//! SQL.

use std::io::Write;
use std::path::Path;

use reldb::queries::{Catalog, NamedQuery, Origin, ValueSet};
use reldb::Error;

/// List the named queries, their descriptions and parameters, or show one with its SQL
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb queries\n  reldb queries visits\n  reldb queries --queries my-queries/"
)]
pub struct Args {
    /// Show this query's parameters and SQL
    pub name: Option<String>,
}

/// Prints every named query (built in, then marked, the user's), or one query, the values its
/// parameters can take (read from the database at `db_path`) and its SQL.
pub fn run(db_path: &Path, queries_dir: Option<&Path>, args: Args) -> Result<(), Error> {
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
            let sets = value_sets(db_path, query)?;
            describe(&mut out, query, &sets)?;
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
                describe(&mut out, query, &[])?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The values each parameter declared `in TABLE.COLUMN` can take; the database is opened only
/// for a query that has one.
fn value_sets(db_path: &Path, query: &NamedQuery) -> Result<Vec<(String, ValueSet)>, Error> {
    if query.params.iter().all(|p| p.values_from.is_none()) {
        return Ok(Vec::new());
    }
    query.value_sets(super::open::open(db_path)?.connection())
}

/// The description and one `-p` line per parameter, indented, with the values it can take
/// below it when `sets` has them.
fn describe(
    out: &mut dyn Write,
    query: &NamedQuery,
    sets: &[(String, ValueSet)],
) -> std::io::Result<()> {
    writeln!(out, "    {}", query.description)?;
    for param in &query.params {
        write!(
            out,
            "    -p {}=<{}>  {}",
            param.name, param.kind, param.description
        )?;
        if let Some(column) = &param.values_from {
            write!(out, " [one of {column}]")?;
        }
        match &param.default {
            Some(default) => writeln!(out, " [default: {default}]")?,
            None => writeln!(out)?,
        }
        if let Some((_, set)) = sets.iter().find(|(name, _)| name == &param.name) {
            match set.values.is_empty() {
                true => writeln!(out, "        ({} holds none yet)", set.source)?,
                false => writeln!(out, "        {}", set.values.join(", "))?,
            }
        }
    }
    Ok(())
}
