//! `reldb schema [TABLE]`: the data dictionary.

use std::io::Write;
use std::path::Path;

use reldb::{output, schema, Error, Format};

use super::{report_rows, warn_too_wide, OutputArgs};

/// Describe the tables: columns, types, constraints and the comment of each
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb schema\n  reldb schema visits --format table\n  reldb schema --format markdown -o schema.md"
)]
pub struct Args {
    /// Only this table
    pub table: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Writes the dictionary: a document with `--format markdown` (unless `--columns` chooses
/// columns of the rows), else one row per table and per column.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let options = args.output.options()?;
    let mut out = args.output.open(db_path)?;
    let db = super::open::open(db_path)?;
    let tables = schema::tables(&db, args.table.as_deref())?;
    if options.format == Format::Markdown && options.columns.is_none() {
        out.write_all(schema::markdown(&tables).as_bytes())?;
        return out.finish();
    }
    let (columns, rows) = schema::rows(&tables);
    let written = output::write_held(&columns, &rows, &options, &mut out)?;
    out.finish()?;
    warn_too_wide(written.too_wide);
    report_rows(written.rows, args.output.output.as_deref());
    Ok(())
}
