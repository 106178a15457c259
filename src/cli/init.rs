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
