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

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database (migrate and seed it) if it does not exist yet
    #[command(after_help = "Example:\n  reldb --db relations.db init")]
    Init(cli::init::Args),

    /// Apply pending schema migrations, or list them with --status
    #[command(after_help = "Examples:\n  reldb migrate\n  reldb migrate --status")]
    Migrate(cli::migrate::Args),

    /// Load the seed CSV files (built in, or edited copies with --dir); running it twice
    /// changes nothing
    #[command(after_help = "Examples:\n  reldb seed\n  reldb seed --dir seed/")]
    Seed(cli::seed::Args),

    /// List the named queries, their descriptions and parameters, or show one with its SQL
    #[command(
        after_help = "Examples:\n  reldb queries\n  reldb queries visits\n  reldb queries --queries my-queries/"
    )]
    Queries(cli::queries::Args),

    /// Run a named query; states are given by iso2, iso3 or name
    #[command(
        after_help = "Examples:\n  reldb query visits\n  reldb query visits -p state=TJ -p from=2007 --format json\n  reldb query agreements -p partner=\"Azerbaijan Republic\" -o agreements.csv"
    )]
    Query(cli::query::Args),

    /// Run one ad-hoc SQL statement (read-only unless --write)
    #[command(
        after_help = "Examples:\n  reldb sql \"SELECT host_state, count(*) FROM visits GROUP BY host_state\"\n  reldb sql --write \"UPDATE missions SET city = 'Baku' WHERE id = 2\""
    )]
    Sql(cli::sql::Args),

    /// Load a CSV file into a table, checking every row first (all or nothing unless
    /// --rejects)
    #[command(
        after_help = "Examples:\n  reldb import visits trips.csv --source \"Office of the Historian\"\n  reldb import visits travels.csv --set visitor_state=US --map host_state=host_country_name --rejects refused.csv\n  reldb import agreements treaties.csv --dry-run"
    )]
    Import(cli::import::Args),

    /// Add one row from COLUMN=VALUE arguments (or several as JSON on stdin), checked as an
    /// import is; prints the new row's key
    #[command(
        after_help = "Examples:\n  reldb add missions sending_state=US receiving_state=Tajikistan kind=embassy city=Dushanbe opened_on=1992-03-13 --source \"Office of the Historian: Tajikistan\"\n  reldb add visits visitor_name=\"Ilham Aliyev\" visitor_state=Azerbaijan host_state=TJ start_date=2024-05-01 --source 1\n  printf '%s\\n' '{\"code\":\"SCO\",\"name\":\"Shanghai Cooperation Organisation\"}' | reldb add organizations"
    )]
    Add(cli::edit::AddArgs),

    /// Change columns of one row, found by its key; the whole new row is checked; prints each
    /// change, old to new
    #[command(
        after_help = "Examples:\n  reldb update missions 2 city=Baku\n  reldb update relations TJ,US established_by=\"exchange of notes\" --source 3"
    )]
    Update(cli::edit::UpdateArgs),

    /// Delete one row, found by its key; refused while other rows refer to it
    #[command(
        after_help = "Examples:\n  reldb delete visits 17\n  reldb delete relations TJ,US --dry-run"
    )]
    Delete(cli::edit::DeleteArgs),

    /// Check a database edited by hand: SQLite's integrity and foreign keys, and the rules
    /// across tables; exit 1 if anything is found
    #[command(after_help = "Example:\n  reldb check")]
    Check(cli::check::Args),

    /// Tell which state a code or name means, on a date where names changed
    #[command(
        after_help = "Examples:\n  reldb resolve \"Azerbaijan Republic\"\n  reldb resolve Serbia --on 2004"
    )]
    Resolve(cli::resolve::Args),
    /// Write the bilateral brief "Relations of STATE with PARTNER" from the database, every
    /// statement with its source (Markdown, or one self-contained HTML file with a timeline)
    #[command(
        after_help = "Examples:\n  reldb dossier TJ AZ\n  reldb dossier Tajikistan Azerbaijan --format html -o brief.html\n  reldb dossier TJK AZE --as-of 2007-06-01"
    )]
    Dossier(cli::dossier::Args),

    /// Write one CSV report per named query into a folder
    #[command(after_help = "Example:\n  reldb export --dir reports/")]
    Export(cli::export::Args),

    /// Describe the tables: columns, types, constraints and the comment of each
    #[command(
        after_help = "Examples:\n  reldb schema\n  reldb schema visits --format table\n  reldb schema --format markdown -o schema.md"
    )]
    Schema(cli::schema::Args),

    /// Write a Datasette metadata file whose canned queries are the named queries
    #[command(
        name = "datasette-metadata",
        after_help = "Example:\n  reldb datasette-metadata -o metadata.json\n  datasette reldb.db -m metadata.json"
    )]
    DatasetteMetadata(cli::datasette::Args),

    /// Print a shell completion script (bash, zsh or fish)
    #[command(
        after_help = "Examples:\n  reldb completions bash > ~/.local/share/bash-completion/completions/reldb\n  reldb completions zsh > ~/.zfunc/_reldb\n  reldb completions fish > ~/.config/fish/completions/reldb.fish"
    )]
    Completions(cli::completions::Args),

    /// Print the man page, reldb(1)
    #[command(
        after_help = "Examples:\n  reldb man | man -l -\n  reldb man > ~/.local/share/man/man1/reldb.1"
    )]
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
