//! `reldb check`: SQLite's checks and the domain's rules on a database edited by hand.

use std::io::Write;
use std::path::Path;

use reldb::atomic::Stdout;
use reldb::{check, Database, Error};

/// Check a database edited by hand: SQLite's integrity and foreign keys, and the rules
/// across tables; exit 1 if anything is found
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  reldb check")]
pub struct Args {}

/// Prints each finding on stdout; fails (exit 1) if there is any.
pub fn run(db_path: &Path, _args: Args) -> Result<(), Error> {
    let db = Database::open_unprepared(db_path)?;
    db.check_compatible()?;
    let findings = check::run(&db)?;
    let mut out = Stdout::new();
    for finding in &findings {
        let place = match (finding.table.is_empty(), finding.row.is_empty()) {
            (true, _) => String::new(),
            (false, true) => format!("{}: ", finding.table),
            (false, false) => format!("{} {}: ", finding.table, finding.row),
        };
        writeln!(out, "{place}{} [{}]", finding.message, finding.check)?;
    }
    out.flush()?;
    if findings.is_empty() {
        note!(
            "{}: no problems found ({} checks)",
            db_path.display(),
            check::rules()?.len() + 3
        );
        return Ok(());
    }
    Err(Error::Found(format!(
        "{} problem{} found in {}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        db_path.display()
    )))
}
