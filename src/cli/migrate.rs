//! `reldb migrate`: apply pending migrations, or show which are applied.

use std::io::Write;
use std::path::Path;

use reldb::atomic::Stdout;
use reldb::db::OpenOptions;
use reldb::{Database, Error};

/// Apply pending schema migrations, or list them with --status
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  reldb migrate\n  reldb migrate --status")]
pub struct Args {
    /// List every migration and whether the database has it, without changing anything
    #[arg(long)]
    pub status: bool,
}

/// Migrates the file (or lists the migrations with --status).
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    if args.status {
        return status(db_path);
    }
    // Opening migrates (and seeds a new file) after every check that can refuse the file.
    let options = OpenOptions {
        check_history: true,
        ..OpenOptions::default()
    };
    let (db, applied) = Database::open_with(db_path, options)?;
    super::open::say_if_created(&db)?;
    match applied.as_slice() {
        [] => note!("{}: schema is up to date", db_path.display()),
        versions => note!(
            "{}: applied migration{} {}",
            db_path.display(),
            if versions.len() == 1 { "" } else { "s" },
            versions
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
    Ok(())
}

/// Lists the migrations and whether the file has each; a missing file has none, and is not
/// created.
fn status(db_path: &Path) -> Result<(), Error> {
    let db = match db_path.exists() {
        true => Some(Database::open_unprepared(db_path)?),
        false => None,
    };
    let list = match &db {
        Some(db) => reldb::migrate::status(db.connection())?,
        None => reldb::migrate::status_of_new_file(),
    };
    let mut out = Stdout::new();
    writeln!(out, "version\tname\tapplied_on")?;
    for m in list {
        let applied = m.applied_on.as_deref().unwrap_or("pending");
        writeln!(out, "{}\t{}\t{applied}", m.version, m.name)?;
    }
    out.flush()?;
    db.map_or(Ok(()), |db| db.check_compatible())
}
