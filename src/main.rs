//! `reldb`: the command line of the relations database.

/// `eprintln!` for messages: a closed stderr is no reason to fail (`eprintln!` would panic).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

const ABOUT: &str = "An embedded database of the relations between states: diplomatic relations, \
missions, visits, agreements, memberships and sectors of cooperation, each fact with its source.";

const EXAMPLES: &str = "\
Examples:
  reldb query visits                           # creates reldb.db on first use
  reldb query timeline -p state=TJ -p partner=Azerbaijan
  reldb query visits -p state=Tajikistan --format csv -o visits.csv
  reldb sql \"SELECT name FROM states WHERE status = 'former'\"
  reldb export --dir reports/
  reldb dossier Tajikistan Azerbaijan --format html -o brief.html

The database is a plain SQLite file: open it with `sqlite3 reldb.db` and read the report_* views.
Every file reldb writes (-o, --rejects, export) is written whole or not at all.

Exit status:
  0  success (also when the reader of stdout stops early, as `| head` does)
  1  something was found: `check` found problems, `import --rejects` set rows aside
  2  an error: bad arguments, a query that fails, an import refused as a whole, a file
     that cannot be read or written";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "reldb", version, about = ABOUT, after_help = EXAMPLES)]
struct Cli {
    /// The database file; created, migrated and seeded on first use
    #[arg(
        long,
        global = true,
        env = "RELDB_DB",
        default_value = "reldb.db",
        value_name = "PATH"
    )]
    db: PathBuf,

    /// A folder of your own named queries (NAME.sql files, same header as the built-in ones),
    /// listed and run beside the built-in ones
    #[arg(long, global = true, env = "RELDB_QUERIES", value_name = "DIR")]
    queries: Option<PathBuf>,

    /// Say nothing on stderr when a command creates the database
    #[arg(long, short = 'q', global = true, env = "RELDB_QUIET",
          value_parser = clap::builder::BoolishValueParser::new())]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

/// The subcommands. Each one's about and examples sit on its Args struct in src/cli/, beside its
/// options.
#[derive(Debug, Subcommand)]
enum Command {
    Init(cli::init::Args),
    Migrate(cli::migrate::Args),
    Seed(cli::seed::Args),
    Queries(cli::queries::Args),
    Query(cli::query::Args),
    Sql(cli::sql::Args),
    Import(cli::import::Args),
    Add(cli::edit::AddArgs),
    Update(cli::edit::UpdateArgs),
    Delete(cli::edit::DeleteArgs),
    Check(cli::check::Args),
    Resolve(cli::resolve::Args),
    Dossier(cli::dossier::Args),
    Export(cli::export::Args),
    Schema(cli::schema::Args),
    #[command(name = "datasette-metadata")]
    DatasetteMetadata(cli::datasette::Args),
    Completions(cli::completions::Args),
    Man(cli::man::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::open::set_quiet(cli.quiet);
    let db = cli.db;
    let queries = cli.queries.as_deref();
    let result = match cli.command {
        Command::Init(args) => cli::init::run(&db, args),
        Command::Migrate(args) => cli::migrate::run(&db, args),
        Command::Seed(args) => cli::seed::run(&db, args),
        Command::Queries(args) => cli::queries::run(&db, queries, args),
        Command::Query(args) => cli::query::run(&db, queries, args),
        Command::Sql(args) => cli::sql::run(&db, args),
        Command::Export(args) => cli::export::run(&db, queries, args),
        Command::Import(args) => cli::import::run(&db, args),
        Command::Check(args) => cli::check::run(&db, args),
        Command::Add(args) => cli::edit::run_add(&db, args),
        Command::Update(args) => cli::edit::run_update(&db, args),
        Command::Delete(args) => cli::edit::run_delete(&db, args),
        Command::Resolve(args) => cli::resolve::run(&db, args),
        Command::Dossier(args) => cli::dossier::run(&db, args),
        Command::Schema(args) => cli::schema::run(&db, args),
        Command::DatasetteMetadata(args) => cli::datasette::run(&db, queries, args),
        Command::Completions(args) => cli::completions::run(Cli::command(), args),
        Command::Man(args) => cli::man::run(Cli::command(), args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`reldb query visits | head`) is not an error.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            note!("error: {error}");
            ExitCode::from(if error.is_finding() { 1 } else { 2 })
        }
    }
}
