//! The library's refusals are named variants with typed fields, not ready-made strings: a
//! caller can match on them and read the path, the format, the table, while the message stays
//! the one the user has always seen.

use reldb::atomic::AtomicFile;
use reldb::error::UsageError;
use reldb::output::OutputOptions;
use reldb::{Error, Format};

#[test]
fn writing_over_a_folder_names_the_folder_as_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let Err(error) = AtomicFile::create(dir.path()) else {
        panic!("a folder is refused");
    };
    let message = error.to_string();
    match error {
        Error::Usage(UsageError::OutputIsFolder { path }) => assert_eq!(path, dir.path()),
        other => panic!("expected OutputIsFolder, got {other:?}"),
    }
    assert_eq!(
        message,
        format!(
            "{} is a folder; give the name of a file to write",
            dir.path().display()
        )
    );
}

#[test]
fn format_conflicts_carry_the_format() {
    let mut line = OutputOptions::new(Format::Line);
    line.headers = false;
    let error = line.check().unwrap_err();
    assert!(matches!(
        &error,
        Error::Usage(UsageError::HeadersNeeded {
            format: Format::Line
        })
    ));
    assert_eq!(
        error.to_string(),
        "line output names each value; drop --no-headers, or use --format tsv or csv"
    );

    let mut markdown = OutputOptions::new(Format::Markdown);
    markdown.headers = false;
    assert_eq!(
        markdown.check().unwrap_err().to_string(),
        "a markdown table needs its header row; drop --no-headers, or use --format tsv or csv"
    );

    let mut json = OutputOptions::new(Format::Jsonl);
    json.null = "NULL".to_string();
    let error = json.check().unwrap_err();
    assert!(matches!(
        &error,
        Error::Usage(UsageError::NullFormat {
            format: Format::Jsonl
        })
    ));
    assert_eq!(
        error.to_string(),
        "jsonl writes NULL as null; --null is for table, csv, tsv, markdown and line output"
    );

    let mut excel = OutputOptions::new(Format::Json);
    excel.excel = true;
    assert!(matches!(
        excel.check().unwrap_err(),
        Error::Usage(UsageError::ExcelFormat {
            format: Format::Json
        })
    ));
}

#[test]
fn a_finding_is_still_told_from_a_refusal() {
    let error = Error::from(UsageError::NoStatement);
    assert!(!error.is_finding());
    assert_eq!(
        error.to_string(),
        "no SQL statement given (the text is empty, or only comments); give one statement"
    );
}
