//! `reldb init`: create, migrate and seed the database if needed.

use std::path::Path;

use reldb::{Database, Error};

/// Arguments of `reldb init`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Opens (and so prepares) the database, then says what it holds.
pub fn run(db_path: &Path, _args: Args) -> Result<(), Error> {
    let existed = db_path.exists();
    let db = Database::open(db_path)?;
    let version = reldb::migrate::latest_version();
    let verb = if existed { "is ready" } else { "created" };
    eprintln!(
        "{} {verb}: schema version {version}, {} states, {} visits",
        db.path().display(),
        count(&db, "states")?,
        count(&db, "visits")?
    );
    Ok(())
}

fn count(db: &Database, table: &str) -> Result<i64, Error> {
    reldb::db::count_rows(db, table)
}
