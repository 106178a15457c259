//! `reldb add`, `reldb update` and `reldb delete`: one fact from the command line.

use std::io::{IsTerminal, Read};
use std::path::Path;

use reldb::edit::{self, EditOptions, Fields};
use reldb::error::UsageError;
use reldb::Error;

use super::import::{note_new_source, SourceArgs};
use super::key_value;

/// Add one row from COLUMN=VALUE arguments (or several as JSON on stdin), checked as an
/// import is; prints the new row's key
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb add missions sending_state=US receiving_state=Tajikistan kind=embassy city=Dushanbe opened_on=1992-03-13 --source \"Office of the Historian: Tajikistan\"\n  reldb add visits visitor_name=\"Ilham Aliyev\" visitor_state=Azerbaijan host_state=TJ start_date=2024-05-01 --source 1\n  printf '%s\\n' '{\"code\":\"SCO\",\"name\":\"Shanghai Cooperation Organisation\"}' | reldb add organizations"
)]
pub struct AddArgs {
    /// The table: visits, missions, relations, agreements, sources, ...
    pub table: String,

    /// The row's values; a state by code or name, an empty value for none. Without them (or
    /// with `-`), rows are read as JSON from stdin: an object, an array of objects or JSON
    /// Lines
    #[arg(value_name = "COLUMN=VALUE")]
    pub values: Vec<String>,

    #[command(flatten)]
    pub source: SourceArgs,

    /// Check the rows and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Change columns of one row, found by its key; the whole new row is checked; prints each
/// change, old to new
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb update missions 2 city=Baku\n  reldb update relations TJ,US established_by=\"exchange of notes\" --source 3"
)]
pub struct UpdateArgs {
    /// The table
    pub table: String,

    /// The row's primary key: `2`; for a key of several columns their values in order,
    /// comma-separated (`TJ,US`, `UN,TJ`; only the first may hold commas)
    pub key: String,

    /// The new values; an empty value clears the column
    #[arg(value_name = "COLUMN=VALUE", required = true, value_parser = key_value)]
    pub values: Vec<(String, String)>,

    #[command(flatten)]
    pub source: SourceArgs,

    /// Check the new row and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Delete one row, found by its key; refused while other rows refer to it
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  reldb delete visits 17\n  reldb delete relations TJ,US --dry-run"
)]
pub struct DeleteArgs {
    /// The table
    pub table: String,

    /// The row's primary key, as for `reldb update`
    pub key: String,

    /// Say what would be deleted, but delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Adds the row of the arguments, or the JSON rows on stdin.
pub fn run_add(db_path: &Path, args: AddArgs) -> Result<(), Error> {
    let rows = rows_of(&args)?;
    let mut db = super::open::open(db_path)?;
    let options = EditOptions {
        source: args.source.citation(),
        dry_run: args.dry_run,
    };
    let report = edit::add(&mut db, &args.table, &rows, &options)?;
    note_new_source(report.source, report.committed);
    let verb = if report.committed {
        "added"
    } else {
        "would add (dry run, nothing written)"
    };
    for key in &report.keys {
        note!("{verb} {} {key}", report.table);
    }
    Ok(())
}

fn rows_of(args: &AddArgs) -> Result<Vec<Fields>, Error> {
    let from_stdin = match args.values.as_slice() {
        [] => !std::io::stdin().is_terminal(),
        [dash] => dash == "-",
        _ => false,
    };
    if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| UsageError::ReadStdin { source })?;
        return edit::rows_from_json("stdin", &text);
    }
    if args.values.is_empty() {
        return Err(UsageError::NoValues {
            table: args.table.clone(),
        }
        .into());
    }
    let pairs = args
        .values
        .iter()
        .map(|text| key_value(text).map_err(Error::Parameter))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(vec![Fields::from_pairs(
        &format!("add {}", args.table),
        2,
        &pairs,
    )])
}

/// Updates one row and says what changed.
pub fn run_update(db_path: &Path, args: UpdateArgs) -> Result<(), Error> {
    let mut db = super::open::open(db_path)?;
    let changes = Fields::from_pairs(&format!("update {}", args.table), 3, &args.values);
    let options = EditOptions {
        source: args.source.citation(),
        dry_run: args.dry_run,
    };
    let report = edit::update(&mut db, &args.table, &args.key, &changes, &options)?;
    note_new_source(report.source, report.committed);
    let dry = if report.committed {
        ""
    } else {
        " (dry run, nothing written)"
    };
    if report.changes.is_empty() {
        note!(
            "{} {}: nothing changed, every value was already so",
            report.table,
            report.key
        );
    }
    for change in &report.changes {
        note!(
            "{} {}: {} '{}' → '{}'{dry}",
            report.table,
            report.key,
            change.column,
            change.old,
            change.new
        );
    }
    Ok(())
}

/// Deletes one row and says what it held.
pub fn run_delete(db_path: &Path, args: DeleteArgs) -> Result<(), Error> {
    let mut db = super::open::open(db_path)?;
    let report = edit::delete(&mut db, &args.table, &args.key, args.dry_run)?;
    let verb = if report.committed {
        "deleted"
    } else {
        "would delete (dry run, nothing written)"
    };
    let values: Vec<String> = report
        .row
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(column, value)| shown_pair(column, value))
        .collect();
    note!(
        "{verb} {} {}: {}",
        report.table,
        report.key,
        values.join(" ")
    );
    for (table, rows) in &report.cascaded {
        note!(
            "  with {} of {table} that belonged to it",
            super::count(*rows, "row", "rows")
        );
    }
    Ok(())
}

/// `column=value`, the value quoted if it has spaces or quotes, so the pairs read apart.
fn shown_pair(column: &str, value: &str) -> String {
    if value.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
        format!("{column}={value:?}")
    } else {
        format!("{column}={value}")
    }
}
