//! `reldb migrate`: apply pending migrations, or show which are applied.

use std::io::Write;
use std::path::Path;

use reldb::atomic::Stdout;
use reldb::{Database, Error};

/// Arguments of `reldb migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// List every migration and whether the database has it, without changing anything
    #[arg(long)]
    pub status: bool,
}

/// Migrates the file (or lists the migrations with --status).
pub fn run(db_path: &Path, args: Args) -> Result<(), Error> {
    if args.status {
        let db = Database::open_unprepared(db_path)?;
        let mut out = Stdout::new();
        writeln!(out, "version\tname\tapplied_on")?;
        for m in reldb::migrate::status(db.connection())? {
            let applied = m.applied_on.as_deref().unwrap_or("pending");
            writeln!(out, "{}\t{}\t{applied}", m.version, m.name)?;
        }
        out.flush()?;
        return db.check_compatible();
    }
    let existed = db_path.exists();
    let mut db = Database::open_unprepared(db_path)?;
    let applied = db.migrate()?;
    drop(db);
    // A new file also needs its seed; opening it prepares it.
    if !existed {
        Database::open(db_path)?;
    }
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
