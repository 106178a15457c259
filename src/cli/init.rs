//! `reldb init`: create, migrate and seed the database if needed.

use std::path::Path;

use reldb::db::OpenOptions;
use reldb::{Database, Error};

/// Create the database (migrate and seed it) if it does not exist yet
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  reldb --db relations.db init")]
pub struct Args {
    /// Add reldb's tables and seed to an existing SQLite file that another program made
    /// (without it, such a file is refused untouched)
    #[arg(long)]
    pub into_existing: bool,
}

/// Opens (and so prepares) the database, then says what it holds: its one message, which says
/// "created" itself for a new file.
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    let options = OpenOptions {
        into_existing: args.into_existing,
        check_history: true,
    };
    let (db, applied) = Database::open_with(db_path, options)?;
    let version = reldb::migrate::latest_version();
    let verb = match (db.created(), applied.is_empty()) {
        (true, _) => "created",
        (false, true) => "is ready",
        (false, false) => "migrated",
    };
    let visits = count(&db, "visits")?;
    note!(
        "{} {verb}: schema version {version}, {} states, {visits} visit{}",
        db.path().display(),
        count(&db, "states")?,
        if visits == 1 { "" } else { "s" }
    );
    Ok(())
}

fn count(db: &Database, table: &str) -> Result<i64, Error> {
    reldb::db::count_rows(db, table)
}
