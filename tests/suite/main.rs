//! reldb's integration tests, in one binary (as cargo's, ripgrep's and xsv's are), so that a
//! change to `src/` relinks one test executable instead of one per file. Each test runs the
//! real `reldb` binary on real SQLite files in temporary folders; `common` has the helpers.
//!
//! One module per command (`check`, `dossier`, `import`, `query`, ...), then the areas that cut
//! across commands. Run a part with a name filter: `cargo test --test suite import::` or
//! `scripts/test dossier`.

mod common;

// The commands.
mod check;
mod datasette;
mod dossier;
mod edit;
mod import;
mod query;
mod sql;
mod tools;

// Across commands.
mod bench_smoke;
mod database;
mod date_rule;
mod fact_basis;
mod history;
mod layout;
mod loader_catalog;
mod named_errors;
mod output;
mod readme;
mod representation;
mod scripts;
mod seed;
mod self_contained;
mod sources;
mod states;
