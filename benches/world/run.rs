//! The benchmark: every figure side by side, in one run, on the same files. reldb against the
//! sqlite3 shell and a bare rusqlite loop (the practical limit), printing one table.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::synth::{self, World};

/// What to run.
pub struct Config {
    /// Visits (and agreements) in the world.
    pub rows: usize,
    /// Repetitions of each timed command (the median is reported).
    pub repeat: usize,
    /// Repetitions of the start-up and filtered-query process timings.
    pub process_repeat: usize,
    /// In-process runs of the filtered query.
    pub query_runs: usize,
    /// Where the world and the databases go.
    pub dir: PathBuf,
    /// The reldb binary.
    pub reldb: PathBuf,
    pub seed: u64,
}

/// One measured figure.
#[derive(Debug, Clone)]
pub struct Measure {
    pub time: Duration,
    /// Peak resident memory of the process, in KiB (for commands run as processes).
    pub max_rss_kib: Option<u64>,
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Line {
    pub task: String,
    pub reldb: Measure,
    pub shell: Option<Measure>,
    pub bare: Option<Measure>,
    pub note: String,
}

/// Where measured processes are started from. A process forked from a large one inherits
/// its peak memory (Linux carries the old peak across exec), so the benchmark starts its
/// commands from a small spawner process when it has one.
pub static SPAWNER: OnceLock<Mutex<Spawner>> = OnceLock::new();

/// A small child process that starts commands and reports their time and peak memory.
pub struct Spawner {
    child: Child,
    replies: BufReader<ChildStdout>,
}

impl Spawner {
    /// Starts `program --spawner`.
    pub fn start(program: &Path) -> Spawner {
        let mut child = Command::new(program)
            .arg("--spawner")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the spawner starts");
        let replies = BufReader::new(child.stdout.take().expect("piped"));
        Spawner { child, replies }
    }

    fn measure(&mut self, cmd: &Command) -> Measure {
        let mut request: Vec<String> = vec![cmd.get_program().to_string_lossy().into_owned()];
        request.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
        let stdin = self.child.stdin.as_mut().expect("piped");
        let escaped: Vec<String> = request.iter().map(|a| escape(a)).collect();
        writeln!(stdin, "{}", escaped.join("\t")).expect("the spawner listens");
        stdin.flush().unwrap();
        let mut reply = String::new();
        self.replies
            .read_line(&mut reply)
            .expect("the spawner answers");
        let fields: Vec<&str> = reply.trim_end().splitn(3, ' ').collect();
        match fields.as_slice() {
            ["ok", nanos, rss] => Measure {
                time: Duration::from_nanos(nanos.parse().unwrap()),
                max_rss_kib: Some(rss.parse().unwrap()),
            },
            _ => panic!("{cmd:?} failed: {reply}"),
        }
    }
}

/// Serves `Spawner` requests on stdin: one command a line, arguments separated by tabs.
pub fn serve_spawner() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let mut parts = line.split('\t').map(unescape);
        let mut cmd = Command::new(parts.next().unwrap());
        cmd.args(parts).env_remove("RELDB_DB");
        match measure_here(&mut cmd) {
            Ok(m) => writeln!(
                out,
                "ok {} {}",
                m.time.as_nanos(),
                m.max_rss_kib.unwrap_or(0)
            ),
            Err(e) => writeln!(out, "failed {}", e.replace('\n', " ")),
        }
        .unwrap();
        out.flush().unwrap();
    }
}

/// One argument on the spawner's line: backslash, tab and newline escaped.
fn escape(arg: &str) -> String {
    arg.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len());
    let mut chars = arg.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Runs a process to the end and measures its wall time and peak memory.
fn measure(cmd: &mut Command) -> Measure {
    if let Some(spawner) = SPAWNER.get() {
        return spawner.lock().unwrap().measure(cmd);
    }
    measure_here(cmd).unwrap_or_else(|e| panic!("{e}"))
}

fn measure_here(cmd: &mut Command) -> Result<Measure, String> {
    // stderr goes to a file, not a pipe: a command that writes more than a pipe holds (the
    // sqlite3 shell warns once per short row) would block on it while we wait for its exit.
    let stderr_path =
        std::env::temp_dir().join(format!("reldb-bench-stderr-{}", std::process::id()));
    let stderr_file = fs::File::create(&stderr_path).map_err(|e| format!("{e}"))?;
    cmd.stdout(Stdio::null()).stderr(stderr_file);
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("{cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 gives this child's own rusage (ru_maxrss in KiB on Linux).
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let time = started.elapsed();
    let stderr = fs::read(&stderr_path).unwrap_or_default();
    let _ = fs::remove_file(&stderr_path);
    let stderr = String::from_utf8_lossy(&stderr[stderr.len().saturating_sub(4000)..]);
    // Already reaped by wait4; this only satisfies the handle.
    let _ = child.wait();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{cmd:?} failed: {stderr}"));
    }
    Ok(Measure {
        time,
        max_rss_kib: Some(usage.ru_maxrss as u64),
    })
}

fn median(mut measures: Vec<Measure>) -> Measure {
    measures.sort_by_key(|m| m.time);
    let max_rss = measures.iter().filter_map(|m| m.max_rss_kib).max();
    Measure {
        time: measures[measures.len() / 2].time,
        max_rss_kib: max_rss,
    }
}

fn repeat(times: usize, mut f: impl FnMut() -> Measure) -> Measure {
    median((0..times).map(|_| f()).collect())
}

fn reldb(config: &Config, db: &Path) -> Command {
    let mut cmd = Command::new(&config.reldb);
    cmd.env_remove("RELDB_DB").arg("--db").arg(db);
    cmd
}

fn copy_db_remove(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

fn copy_db(from: &Path, to: &Path) {
    copy_db_remove(to);
    fs::copy(from, to).expect("copy the database");
}

fn sovereign_states(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT code FROM states WHERE sovereign = 1 AND existed_from IS NULL AND existed_until IS NULL ORDER BY code")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// The practical limit: a prepared insert in one transaction, no validation, indexes dropped
/// before and built after the load (WAL, synchronous NORMAL, foreign keys on).
fn bare_load(db: &Path, csv_path: &Path) -> Measure {
    let started = Instant::now();
    let mut conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    let indexes: Vec<(String, String)> = {
        let mut stmt = tx
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visits' AND sql IS NOT NULL")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\"")).unwrap();
    }
    {
        let mut insert = tx
            .prepare("INSERT INTO visits (id, visitor_name, visitor_office, visitor_state, host_state, kind, city, start_date, end_date, documents_signed, notes, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .unwrap();
        let mut reader = csv::Reader::from_path(csv_path).unwrap();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).unwrap() {
            let field = |i: usize| -> Option<&str> { Some(&record[i]).filter(|f| !f.is_empty()) };
            let id: i64 = record[0].parse().unwrap();
            let documents: Option<i64> = field(9).map(|f| f.parse().unwrap());
            let source: i64 = record[11].parse().unwrap();
            insert
                .execute(rusqlite::params![
                    id,
                    field(1),
                    field(2),
                    field(3),
                    field(4),
                    field(5),
                    field(6),
                    field(7),
                    field(8),
                    documents,
                    field(10),
                    source
                ])
                .unwrap();
        }
    }
    for (_, sql) in &indexes {
        tx.execute_batch(sql).unwrap();
    }
    tx.commit().unwrap();
    Measure {
        time: started.elapsed(),
        max_rss_kib: None,
    }
}

fn shell_import(db: &Path, csv_path: &Path) -> Measure {
    measure(Command::new("sqlite3").arg(db).arg(format!(
        ".import --csv --skip 1 {} visits",
        csv_path.display()
    )))
}

fn reldb_import(config: &Config, db: &Path, csv_path: &Path) -> Measure {
    measure(reldb(config, db).arg("import").arg("visits").arg(csv_path))
}

/// `reldb import visits` of rows all already present, which must exit 2 (refused whole): run
/// through `sh` so that the exit status can be checked and the timing stays the same.
fn reldb_reimport(config: &Config, db: &Path, csv_path: &Path) -> Measure {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "\"$@\" 2>/dev/null; test $? -eq 2", "sh"])
        .arg(&config.reldb)
        .arg("--db")
        .arg(db)
        .args(["import", "visits"])
        .arg(csv_path);
    measure(&mut cmd)
}

/// The `visits` named query's SQL with every parameter NULL, for the shell.
fn visits_sql_for_shell() -> String {
    let query = reldb::queries::find("visits").unwrap();
    let mut sql: String = query
        .sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut params: Vec<&str> = query.params.iter().map(|p| p.name.as_str()).collect();
    params.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for name in params {
        sql = sql.replace(&format!(":{name}"), "NULL");
    }
    sql
}

/// Adds a line, and shows it at once on stderr (the table comes at the end).
fn report(lines: &mut Vec<Line>, line: Line) {
    eprintln!(
        "{}: reldb {:?}, shell {:?}, bare {:?} {}",
        line.task,
        line.reldb.time,
        line.shell.as_ref().map(|m| m.time),
        line.bare.as_ref().map(|m| m.time),
        line.note
    );
    lines.push(line);
}

/// Runs the whole benchmark and returns its lines.
pub fn run(config: &Config) -> Vec<Line> {
    fs::create_dir_all(&config.dir).unwrap();
    let template = config.dir.join("template.db");
    // Made anew each run, so it always has this binary's schema.
    copy_db_remove(&template);
    measure(reldb(config, &template).arg("init"));
    let states = sovereign_states(&template);
    let started = Instant::now();
    let world: World = synth::generate(
        &config.dir.join(format!("world-{}", config.rows)),
        config.rows,
        config.seed,
        &states,
    )
    .expect("the world is written");
    eprintln!(
        "world of {} rows ready in {:?} ({})",
        config.rows,
        started.elapsed(),
        world.dir.display()
    );

    let mut lines = Vec::new();
    let work = |name: &str| config.dir.join(name);
    let n = config.rows;

    // 1. Bulk import into an empty table, then into one that holds N rows.
    let (reldb_db, shell_db, bare_db) = (work("reldb.db"), work("shell.db"), work("bare.db"));
    let empty_reldb = repeat(config.repeat, || {
        copy_db(&template, &reldb_db);
        reldb_import(config, &reldb_db, &world.visits)
    });
    let empty_shell = repeat(config.repeat, || {
        copy_db(&template, &shell_db);
        shell_import(&shell_db, &world.visits)
    });
    let empty_bare = repeat(config.repeat, || {
        copy_db(&template, &bare_db);
        bare_load(&bare_db, &world.visits)
    });
    report(
        &mut lines,
        Line {
            task: format!("import {n} visits into an empty table"),
            reldb: empty_reldb,
            shell: Some(empty_shell),
            bare: Some(empty_bare),
            note: "rows/s".into(),
        },
    );
    let (full_reldb, full_shell, full_bare) = (
        work("reldb-full.db"),
        work("shell-full.db"),
        work("bare-full.db"),
    );
    let more_reldb = repeat(config.repeat, || {
        copy_db(&reldb_db, &full_reldb);
        reldb_import(config, &full_reldb, &world.more_visits)
    });
    let more_shell = repeat(config.repeat, || {
        copy_db(&shell_db, &full_shell);
        shell_import(&full_shell, &world.more_visits)
    });
    let more_bare = repeat(config.repeat, || {
        copy_db(&bare_db, &full_bare);
        bare_load(&full_bare, &world.more_visits)
    });
    report(
        &mut lines,
        Line {
            task: format!("import {n} visits into a table of {n}"),
            reldb: more_reldb,
            shell: Some(more_shell),
            bare: Some(more_bare),
            note: "rows/s".into(),
        },
    );

    // 1b. The same N visits imported again: every row is already present, so every row is
    // refused as a duplicate (exit 1), and the file is large enough that the load drops the
    // table's indexes: the duplicate check must not scan the table for each row.
    let again_reldb = repeat(config.repeat, || {
        copy_db(&reldb_db, &full_reldb);
        reldb_reimport(config, &full_reldb, &world.visits)
    });
    report(
        &mut lines,
        Line {
            task: format!("re-import of {n} rows already present (all refused)"),
            reldb: again_reldb,
            shell: None,
            bare: None,
            note: "rows/s".into(),
        },
    );

    // 2. Export through the visits named query.
    let out = work("export.csv");
    let export_reldb = repeat(config.repeat, || {
        measure(
            reldb(config, &reldb_db)
                .args(["query", "visits", "--format", "csv", "-o"])
                .arg(&out),
        )
    });
    let reldb_rows = fs::read(&out)
        .map(|b| b.iter().filter(|c| **c == b'\n').count())
        .unwrap_or(0);
    let sql = visits_sql_for_shell();
    let export_shell = repeat(config.repeat, || {
        measure(
            Command::new("sqlite3")
                .args(["-csv", "-header", "-cmd"])
                .arg(format!(".output {}", out.display()))
                .arg(&reldb_db)
                .arg(&sql),
        )
    });
    report(
        &mut lines,
        Line {
            task: format!("export {n} visits to CSV (named query visits)"),
            reldb: export_reldb,
            shell: Some(export_shell),
            bare: None,
            note: format!("{reldb_rows} lines written"),
        },
    );

    // 3. A filtered query: one pair of states and a date range.
    let (a, b) = pair_with_visits(&reldb_db);
    let params = [
        ("state".to_string(), a.clone()),
        ("partner".to_string(), b.clone()),
        ("from".to_string(), "1970".to_string()),
        ("to".to_string(), "2000-06".to_string()),
    ];
    let db = reldb::Database::open(&reldb_db).unwrap();
    let query = reldb::queries::find("visits").unwrap();
    let mut latencies = Vec::with_capacity(config.query_runs);
    let mut rows = 0;
    let budget = Instant::now();
    for _ in 0..config.query_runs {
        // A slow query gets fewer runs rather than holding the benchmark up for minutes.
        if latencies.len() >= 20 && budget.elapsed() > Duration::from_secs(20) {
            break;
        }
        let started = Instant::now();
        rows = reldb::queries::run(
            &db,
            &query,
            &params,
            reldb::Format::Csv,
            &mut std::io::sink(),
        )
        .unwrap();
        latencies.push(started.elapsed());
    }
    latencies.sort();
    let p99 = latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)];
    let in_process = latencies[latencies.len() / 2];
    report(
        &mut lines,
        Line {
            task: format!("filtered query in-process ({a}–{b}, 1970 to 2000-06), median"),
            reldb: Measure {
                time: in_process,
                max_rss_kib: None,
            },
            shell: None,
            bare: None,
            note: format!("{rows} rows; p99 {p99:?}; {} runs", latencies.len()),
        },
    );
    let args: Vec<String> = params
        .iter()
        .flat_map(|(k, v)| ["-p".to_string(), format!("{k}={v}")])
        .collect();
    let filtered_process = repeat(config.process_repeat, || {
        measure(
            reldb(config, &reldb_db)
                .args(["query", "visits", "--format", "csv"])
                .args(&args),
        )
    });
    let filtered_sql = format!(
        "SELECT * FROM report_visits WHERE ((visitor_state = '{a}' AND host_state = '{b}') OR (visitor_state = '{b}' AND host_state = '{a}')) AND coalesce(end_date, start_date) >= '1970' AND start_date <= '2000-06~' ORDER BY start_date, id"
    );
    let filtered_shell = repeat(config.process_repeat, || {
        measure(
            Command::new("sqlite3")
                .args(["-csv", "-header"])
                .arg(&reldb_db)
                .arg(&filtered_sql),
        )
    });
    report(
        &mut lines,
        Line {
            task: "filtered query, whole process".into(),
            reldb: filtered_process,
            shell: Some(filtered_shell),
            bare: None,
            note: String::new(),
        },
    );

    // 4. Start-up on the seed database.
    let seed_db = work("seed.db");
    copy_db(&template, &seed_db);
    let startup_reldb = repeat(config.process_repeat, || {
        measure(reldb(config, &seed_db).args(["query", "visits", "--format", "csv"]))
    });
    // The shell runs the named query's own SQL, so that the line measures what reldb adds
    // (process, checks, binding); a plain SELECT of the view is in the note.
    let startup_shell = repeat(config.process_repeat, || {
        measure(
            Command::new("sqlite3")
                .args(["-csv", "-header"])
                .arg(&seed_db)
                .arg(&sql),
        )
    });
    let startup_plain = repeat(config.process_repeat, || {
        measure(
            Command::new("sqlite3")
                .args(["-csv", "-header"])
                .arg(&seed_db)
                .arg("SELECT * FROM report_visits ORDER BY start_date, id"),
        )
    });
    report(
        &mut lines,
        Line {
            task: "start-up: query visits on the seed database".into(),
            reldb: startup_reldb,
            shell: Some(startup_shell),
            bare: None,
            note: format!(
                "shell with a plain SELECT * FROM report_visits: {}",
                fmt_time(startup_plain.time)
            ),
        },
    );
    lines.extend(history(config));
    lines
}

/// The Office of the Historian's record, which the seed holds: loaded whole into a fresh file
/// by `reldb init`, and the status of every pair of the United States on a date derived from
/// its events. `cargo bench --bench world -- history` runs only this part.
pub fn history(config: &Config) -> Vec<Line> {
    fs::create_dir_all(&config.dir).unwrap();
    let db = config.dir.join("history.db");
    let mut lines = Vec::new();
    let init = repeat(config.process_repeat.min(10), || {
        copy_db_remove(&db);
        measure(reldb(config, &db).arg("init"))
    });
    let count = |table: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let note = format!(
        "{} relation events, {} missions, {} mission events, {} heads of mission, {} people",
        count("relation_events"),
        count("missions"),
        count("mission_events"),
        count("heads_of_mission"),
        count("people")
    );
    report(
        &mut lines,
        Line {
            task: "init: the whole diplomatic record into a fresh file".into(),
            reldb: init,
            shell: None,
            bare: None,
            note,
        },
    );
    let args = [
        "query",
        "relations",
        "-p",
        "state=US",
        "-p",
        "on=1970-01-01",
    ];
    let query = repeat(config.process_repeat, || {
        measure(reldb(config, &db).args(args).args(["--format", "csv"]))
    });
    report(
        &mut lines,
        Line {
            task: "query relations -p state=US -p on=1970-01-01 (status of every pair)".into(),
            reldb: query,
            shell: None,
            bare: None,
            note: format!("{} relation events read", count("relation_events")),
        },
    );
    lines
}

fn pair_with_visits(db: &Path) -> (String, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT visitor_state, host_state FROM visits WHERE id = ?1",
        [synth::FIRST_ID as i64],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn fmt_time(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.3} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.3} s", d.as_secs_f64())
    }
}

fn fmt_measure(m: &Option<Measure>, rows: Option<usize>) -> String {
    let Some(m) = m else { return "–".into() };
    let mut text = fmt_time(m.time);
    if let Some(rows) = rows {
        text.push_str(&format!(
            " ({:.0}k rows/s)",
            rows as f64 / m.time.as_secs_f64() / 1e3
        ));
    }
    text
}

/// Prints the lines as one markdown table.
pub fn print_table(lines: &[Line], rows: usize, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "| task | reldb | sqlite3 shell | bare rusqlite | reldb vs shell | reldb vs bare | reldb peak RSS | note |")?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    for line in lines {
        let per_row = (line.note == "rows/s").then_some(rows);
        let ratio = |other: &Option<Measure>| {
            other.as_ref().map_or("–".to_string(), |o| {
                format!(
                    "{:.2}×",
                    o.time.as_secs_f64() / line.reldb.time.as_secs_f64()
                )
            })
        };
        let rss = line.reldb.max_rss_kib.map_or("–".to_string(), |k| {
            format!("{:.1} MB", k as f64 / 1024.0)
        });
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {rss} | {} |",
            line.task,
            fmt_measure(&Some(line.reldb.clone()), per_row),
            fmt_measure(&line.shell, per_row),
            fmt_measure(&line.bare, per_row),
            ratio(&line.shell),
            ratio(&line.bare),
            if line.note == "rows/s" {
                ""
            } else {
                line.note.as_str()
            },
        )?;
    }
    writeln!(out, "\nRatios are speed-ups: the other tool's time divided by reldb's (above 1 means reldb is faster).")?;
    Ok(())
}
