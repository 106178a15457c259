//! reldb: an embedded SQLite database of the relations between states (diplomatic relations,
//! missions, visits, agreements, memberships, sectors of cooperation, and the source of every
//! fact), with named queries and CSV reports.
//!
//! The library owns the database; the `reldb` binary only parses arguments and prints.
//!
//! ```no_run
//! use reldb::{queries, Database, Format};
//!
//! let db = Database::open("reldb.db")?; // created, migrated and seeded on first use
//! let visits = queries::find("visits")?;
//! let params = [("state".to_string(), "Tajikistan".to_string())];
//! queries::run(&db, &visits, &params, Format::Csv, &mut std::io::stdout())?;
//! # Ok::<(), reldb::Error>(())
//! ```

// Every public item says what it is, and nothing is `pub` that no caller outside can reach.
#![warn(missing_docs, unreachable_pub)]

pub mod atomic;
pub mod catalog;
pub mod check;
pub mod datasette;
pub mod dates;
pub mod db;
pub mod dossier;
pub mod edit;
pub mod error;
pub mod export;
mod guard;
pub mod import;
pub mod load;
pub(crate) mod markup;
pub mod migrate;
pub mod output;
pub mod queries;
pub mod schema;
pub mod seed;
pub mod sources;
pub mod sql;
pub mod states;
pub mod views;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use db::Database;
pub use error::{Error, Result, RowError};
pub use output::Format;
