//! Helpers shared by the integration tests: the real `reldb` binary on a database file in a
//! fresh temporary folder (new, or a copy of one seeded database made once per run), and CSV
//! read back with the csv crate.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use tempfile::TempDir;

/// A temporary folder with a database path in it.
pub struct Workspace {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Workspace {
    /// A folder with no database yet: the file is created on first use. For the tests of
    /// creation, first use, migration and seeding, and of files that are not reldb's.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("reldb.db");
        Workspace { dir, db }
    }

    /// A folder whose database is a copy of one that `reldb init` made and seeded in this test
    /// run: for every test that needs a seeded database and does not test how it is made.
    /// Seeding takes about a second of CPU in a debug build; a copy, a few milliseconds.
    pub fn seeded() -> Self {
        let ws = Workspace::new();
        std::fs::copy(seeded_template(), &ws.db).expect("the seeded template is copied");
        ws
    }

    /// `reldb --db <this db>` run in the folder, with no RELDB_DB, RELDB_QUERIES or COLUMNS
    /// from outside.
    pub fn reldb(&self) -> Command {
        let mut cmd = Command::cargo_bin("reldb").expect("the reldb binary is built");
        cmd.current_dir(self.dir.path())
            .env_remove("RELDB_DB")
            .env_remove("RELDB_QUERIES")
            .env_remove("COLUMNS")
            .arg("--db")
            .arg(&self.db);
        cmd
    }

    /// Runs `reldb query NAME -p ...` as CSV and returns the rows; panics if it fails.
    pub fn query(&self, name: &str, params: &[&str]) -> Vec<Row> {
        let mut cmd = self.reldb();
        cmd.args(["query", name, "--format", "csv"]);
        for p in params {
            cmd.args(["-p", p]);
        }
        let output = cmd.output().expect("reldb runs");
        assert!(
            output.status.success(),
            "reldb query {name} {params:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        parse_csv(&output.stdout)
    }

    /// Runs `reldb ARGS...`, asserts success and returns stdout.
    pub fn stdout(&self, args: &[&str]) -> Vec<u8> {
        let output = self.reldb().args(args).output().expect("reldb runs");
        assert!(
            output.status.success(),
            "reldb {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }

    /// Runs `reldb ARGS...`, asserts failure and returns stderr.
    pub fn stderr_of_failure(&self, args: &[&str]) -> String {
        let output = self.reldb().args(args).output().expect("reldb runs");
        assert!(
            !output.status.success(),
            "reldb {args:?} should have failed; it printed {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The folder of the seeded template, kept for the whole test process.
static TEMPLATE: OnceLock<TempDir> = OnceLock::new();

/// The seeded database that `Workspace::seeded` copies, made on first use by the real binary
/// (`reldb --db TEMPLATE init`) and checkpointed, so that the one file is the whole database
/// (no `-wal` beside it to copy). Statics are not dropped, so the folder is removed at exit.
fn seeded_template() -> PathBuf {
    let dir = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir for the template");
        let db = dir.path().join("reldb.db");
        let output = Command::cargo_bin("reldb")
            .expect("the reldb binary is built")
            .current_dir(dir.path())
            .env_remove("RELDB_DB")
            .env_remove("RELDB_QUERIES")
            .arg("--db")
            .arg(&db)
            .args(["--quiet", "init"])
            .output()
            .expect("reldb runs");
        assert!(
            output.status.success(),
            "reldb init of the template failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let conn = rusqlite::Connection::open(&db).expect("open the template");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint the template");
        drop(conn);
        let wal = dir.path().join("reldb.db-wal");
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "the template's -wal still holds pages"
        );
        // SAFETY: registers a plain function with no arguments, once.
        unsafe { libc::atexit(remove_template) };
        dir
    });
    dir.path().join("reldb.db")
}

extern "C" fn remove_template() {
    if let Some(dir) = TEMPLATE.get() {
        let _ = std::fs::remove_dir_all(dir.path());
    }
}

/// One CSV row by column name.
pub type Row = HashMap<String, String>;

/// Parses CSV with a header into rows; panics on malformed CSV.
pub fn parse_csv(bytes: &[u8]) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().expect("a header row").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed CSV record");
            header
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The CSV header of `bytes`.
pub fn csv_header(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(bytes);
    reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect()
}

/// Reads a seed CSV of the project.
pub fn seed(table: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seed")
        .join(format!("{table}.csv"));
    parse_csv(&std::fs::read(path).expect("seed file"))
}

/// Every row of every table, as text, for comparing two states of a database.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.retain(|t| t != "reldb_meta");
    let mut lines = Vec::new();
    for table in tables {
        let sql = format!("SELECT * FROM \"{table}\" ORDER BY 1, 2");
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let mut fields = vec![table.clone()];
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    fields.push(format!("{v:?}"));
                }
                Ok(fields.join("|"))
            })
            .unwrap();
        lines.extend(rows.map(Result::unwrap));
    }
    lines
}

/// Writes a visits CSV of `rows` distinct, valid rows (deterministic), for imports big enough
/// to interrupt.
pub fn write_visits_csv(path: &Path, rows: usize) {
    use std::io::Write;
    const STATES: [&str; 8] = [
        "TJ",
        "AZ",
        "Kazakhstan",
        "FR",
        "Japan",
        "BR",
        "Türkiye",
        "US",
    ];
    let file = std::fs::File::create(path).unwrap();
    let mut out = std::io::BufWriter::new(file);
    writeln!(
        out,
        "visitor_name,visitor_office,visitor_state,host_state,kind,city,start_date,end_date,notes"
    )
    .unwrap();
    let mut seed: u64 = 42;
    for i in 0..rows {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let a = (seed >> 33) as usize % STATES.len();
        let b = (a + 1 + (seed >> 40) as usize % (STATES.len() - 1)) % STATES.len();
        let year = 1995 + (seed >> 20) as usize % 30;
        let month = 1 + (seed >> 12) as usize % 12;
        let day = 1 + (seed >> 7) as usize % 28;
        writeln!(
            out,
            "Visitor {i},Minister,{},{},official,\"City, {i}\",{year}-{month:02}-{day:02},{year}-{month:02}-{:02},\"Talks on \"\"trade\"\", row {i}\"",
            STATES[a],
            STATES[b],
            (day + 1).min(28)
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// Counts rows of a table with a plain connection.
pub fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .unwrap()
}

/// `PRAGMA integrity_check` through a plain connection.
pub fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The names of reldb's subcommands, from `reldb --help`.
pub fn subcommands(ws: &Workspace) -> Vec<String> {
    let help = String::from_utf8(ws.stdout(&["--help"])).unwrap();
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Starts `reldb --db <this db> ARGS` in the background, with stdout and stderr piped.
pub fn spawn_reldb(ws: &Workspace, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("reldb"))
        .current_dir(ws.dir.path())
        .env_remove("RELDB_DB")
        .arg("--db")
        .arg(&ws.db)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("reldb starts")
}
