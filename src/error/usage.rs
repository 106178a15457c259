//! Errors of a request reldb refuses as given: an option, a name, a value, a file the user
//! pointed at. Each keeps the values it names, so a caller can act on them, not only print them.

use std::path::PathBuf;

/// A request reldb refuses as given; the message says what to do instead.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// The file to write is a folder.
    #[error("{} is a folder; give the name of a file to write", path.display())]
    OutputIsFolder {
        /// The folder.
        path: PathBuf,
    },

    /// The file to write is the database itself (or its journal).
    #[error(
        "{} is {what}; writing it would destroy the database. Nothing was written: choose \
         another file",
        path.display()
    )]
    OutputIsDatabase {
        /// The file to write.
        path: PathBuf,
        /// What it is, completing "PATH is ..." ("the database").
        what: String,
    },

    /// The file to write is a file being read.
    #[error(
        "{} is the input file {}; writing it would destroy what is being read. Nothing was \
         written: choose another file",
        path.display(),
        input.display()
    )]
    OutputIsInput {
        /// The file to write.
        path: PathBuf,
        /// The input file, as given.
        input: PathBuf,
    },

    /// `reldb export` was given a file where it writes into a folder.
    #[error(
        "{} is a file, not a folder: reports are written into a folder (created if missing)",
        dir.display()
    )]
    ExportIntoFile {
        /// The file given.
        dir: PathBuf,
    },

    /// A seed folder without a single `.csv` file.
    #[error(
        "{} has no .csv files; seed files are named after their table (visits.csv)",
        dir.display()
    )]
    NoSeedFiles {
        /// The folder.
        dir: PathBuf,
    },

    /// A seed file named after no loadable table.
    #[error("{file}: {table} is not a seed table; seed files are: {known}")]
    NotSeedTable {
        /// The seed file.
        file: String,
        /// The table its name means.
        table: String,
        /// The seed files there can be, comma-separated.
        known: String,
    },

    /// `reldb schema TABLE` on a table that does not exist.
    #[error("no table named '{name}'; tables: {known}")]
    NoSuchTable {
        /// The name asked for.
        name: String,
        /// The tables, comma-separated.
        known: String,
    },

    /// A key given with the wrong number of values.
    #[error(
        "'{key}': the key of {table} is {}: give {} value{}, comma-separated in that order",
        columns.join(", "),
        columns.len(),
        if columns.len() == 1 { "" } else { "s" }
    )]
    KeyArity {
        /// The key as given.
        key: String,
        /// The table.
        table: String,
        /// The key's columns.
        columns: Vec<String>,
    },

    /// A key value that must be a whole number and is not.
    #[error("'{value}': the key {column} of {table} is a whole number")]
    KeyNotNumber {
        /// The value given.
        value: String,
        /// The key column.
        column: String,
        /// The table.
        table: String,
    },

    /// A key value naming a state reldb cannot resolve.
    #[error("{column}: {source}")]
    KeyState {
        /// The key column.
        column: String,
        /// Why the state is not known.
        source: crate::states::ResolveError,
    },

    /// No row has the key given.
    #[error("{table} has no row with {} {key}; nothing was changed", columns.join(","))]
    NoSuchRow {
        /// The table.
        table: String,
        /// The key's columns.
        columns: Vec<String>,
        /// The key as given.
        key: String,
    },

    /// A source option on a table whose rows cite no source.
    #[error("{option}: {table} has no source_id column; its rows cite no source")]
    CitesNoSource {
        /// The option (`--source`).
        option: String,
        /// The table.
        table: String,
    },

    /// A row other rows still refer to.
    #[error(
        "{table} {row} is still referred to by {}; change or delete those first. Nothing was \
         deleted.",
        blocking.join(", ")
    )]
    StillReferred {
        /// The table.
        table: String,
        /// The row, as shown to the user.
        row: String,
        /// What refers to it.
        blocking: Vec<String>,
    },

    /// `reldb update` asked to change a key column.
    #[error(
        "{column} is part of the key of {table}: a key cannot be changed; delete the row and \
         add it again"
    )]
    KeyChange {
        /// The key column.
        column: String,
        /// The table.
        table: String,
    },

    /// Rows could not be written as CSV (not an I/O failure).
    #[error("cannot write {what}: {reason}")]
    CsvWrite {
        /// What was being written ("CSV", a file name).
        what: String,
        /// What the CSV writer said.
        reason: String,
    },

    /// A dossier on two states whose names mean the same state.
    #[error("a dossier is on two states, but both names mean {name} ({code})")]
    SameState {
        /// The state's name.
        name: String,
        /// Its state code (`states.code`).
        code: String,
    },

    /// An option given without the value it needs.
    #[error("{option} needs {what}")]
    MissingValue {
        /// The option.
        option: &'static str,
        /// What it needs, in words.
        what: &'static str,
    },

    /// An option's value is refused.
    #[error("{option}: {why}")]
    BadValue {
        /// The option.
        option: &'static str,
        /// Why the value is refused.
        why: String,
    },

    /// `--source TITLE` matches several sources that differ only in case.
    #[error(
        "--source '{given}': {} sources have that title but for case: {}; give its id",
        matches.len(),
        matches.join(", ")
    )]
    AmbiguousSource {
        /// What was given.
        given: String,
        /// The sources it matches, as `'TITLE' (id N)`.
        matches: Vec<String>,
    },

    /// `--new-source TITLE` with the title of a source that exists.
    #[error(
        "--new-source '{title}': source {id} is already titled '{taken}'; cite it with \
         --source {id}"
    )]
    SourceExists {
        /// The title given.
        title: String,
        /// The existing source's id.
        id: i64,
        /// Its title.
        taken: String,
    },

    /// `--address` is not a URL.
    #[error(
        "--address '{address}' is not a URL: give a web address such as \
         https://history.state.gov/departmenthistory/travels"
    )]
    NotAUrl {
        /// The value given.
        address: String,
    },

    /// `reldb sql` given a transaction statement.
    #[error(
        "`reldb sql` runs its statement in a transaction of its own; leave out BEGIN, COMMIT, \
         ROLLBACK, SAVEPOINT and RELEASE (statement: {statement})"
    )]
    TransactionStatement {
        /// The statement, as given.
        statement: String,
    },

    /// `reldb sql` given more than one statement.
    #[error(
        "give one SQL statement at a time: `reldb sql` runs only one, and the text holds more"
    )]
    SeveralStatements,

    /// `reldb sql` given no statement.
    #[error("no SQL statement given (the text is empty, or only comments); give one statement")]
    NoStatement,

    /// `--excel` with a format other than csv or tsv.
    #[error(
        "--excel is for csv and tsv output, not {}; use --format csv (or drop --excel)",
        format.name()
    )]
    ExcelFormat {
        /// The format asked for.
        format: crate::output::Format,
    },

    /// `--no-headers` with a format that cannot go without them.
    #[error(
        "{}; drop --no-headers, or use --format tsv or csv",
        if *format == crate::output::Format::Markdown {
            "a markdown table needs its header row"
        } else {
            "line output names each value"
        }
    )]
    HeadersNeeded {
        /// The format asked for (line or markdown).
        format: crate::output::Format,
    },

    /// `--null` with a format that writes NULL its own way.
    #[error(
        "{} writes NULL as null; --null is for table, csv, tsv, markdown and line output",
        format.name()
    )]
    NullFormat {
        /// The format asked for (json or jsonl).
        format: crate::output::Format,
    },

    /// Standard input could not be read.
    #[error("cannot read JSON from stdin: {source}")]
    ReadStdin {
        /// What the operating system said.
        source: std::io::Error,
    },

    /// `reldb add` without the row's values.
    #[error(
        "give the row as COLUMN=VALUE arguments (reldb add {table} column=value ...), or JSON on \
         stdin"
    )]
    NoValues {
        /// The table.
        table: String,
    },
}
