//! Opening the database for a command, and saying so when that created it: a mistyped `--db`
//! path would otherwise be created and seeded silently, and its few seed rows read as "nothing
//! on record".

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use reldb::db::count_rows;
use reldb::{Database, Error};

/// `--quiet` (or `RELDB_QUIET`): set once by `main` before any command runs. A flag here rather
/// than an argument of every command, since every command that opens the database reads it.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences (or not) the notice that a command created the database.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Opens the database at `db_path` (creating, migrating and seeding it if needed), saying on
/// stderr if it was created.
pub fn open(db_path: &Path) -> Result<Database, Error> {
    let db = Database::open(db_path)?;
    say_if_created(&db)?;
    Ok(db)
}

/// Says on stderr that `db` was just created, with what the seed put in it, unless quiet.
pub fn say_if_created(db: &Database) -> Result<(), Error> {
    if !db.created() || QUIET.load(Ordering::Relaxed) {
        return Ok(());
    }
    let states = count_rows(db, "states")?;
    let visits = count_rows(db, "visits")?;
    note!(
        "created {}: a new database with the built-in seed ({}, {}); if you meant an existing \
         file, check the path",
        db.path().display(),
        super::count(states.unsigned_abs(), "state", "states"),
        super::count(visits.unsigned_abs(), "visit", "visits"),
    );
    Ok(())
}
