//! `reldb seed`: load the seed CSV files (embedded, or edited copies from a folder).

use std::path::{Path, PathBuf};

use reldb::Error;

/// Load the seed CSV files (built in, or edited copies with --dir); running it twice
/// changes nothing
#[derive(Debug, clap::Args)]
#[command(
    after_help = "A row already in the database that differs from the seed's (one you updated, or \
                  added with the seed's id) is kept and reported, with exit status 1; \
                  --replace puts the seed's rows in their place.\n\n\
                  Examples:\n  reldb seed\n  reldb seed --dir seed/\n  reldb seed --replace"
)]
pub struct Args {
    /// Read TABLE.csv files from DIR instead of the seed built into reldb
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Replace the rows that differ from the seed's with the seed's (your changes to them are
    /// lost); without it they are kept and listed
    #[arg(long)]
    pub replace: bool,
}

/// Seeds the database in one transaction and says how many rows each table got.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let mut db = super::open::open(db_path)?;
    let seeded = db.seed(args.dir.as_deref(), args.replace)?;
    for table in &seeded {
        let rows = if table.rows == 1 { "row " } else { "rows" };
        note!(
            "{:>6} {rows}  {:<24} from {}",
            table.rows,
            table.table,
            table.file
        );
    }
    let kept: Vec<String> = seeded
        .iter()
        .flat_map(|table| {
            table.kept.iter().map(move |row| {
                format!(
                    "  {} {} ({}:{}) differs in {}",
                    table.table,
                    row.key,
                    table.file,
                    row.line,
                    row.columns.join(", ")
                )
            })
        })
        .collect();
    if kept.is_empty() {
        return Ok(());
    }
    Err(Error::Found(format!(
        "{} in the database {} from the seed's and {} kept as {} {}:\n{}\n\
         To keep what the database holds, do nothing; to put the seed's rows in their place \
         (losing those changes), run `reldb seed --replace`.",
        if kept.len() == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", kept.len())
        },
        if kept.len() == 1 { "differs" } else { "differ" },
        if kept.len() == 1 { "was" } else { "were" },
        if kept.len() == 1 { "it" } else { "they" },
        if kept.len() == 1 { "is" } else { "are" },
        kept.join("\n")
    )))
}
