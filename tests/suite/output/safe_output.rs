//! Every file reldb writes is written whole or not at all, never over the database or the file
//! being read; a closed pipe ends quietly, a full disk is an error naming where, and the exit
//! status says success (0), something found (1) or an error (2).

use std::fs;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{parse_csv, Workspace};

/// The number of states the built-in seed holds, which `query states` lists.
fn seed_states() -> usize {
    crate::common::seed("states").len()
}

const PRECIOUS: &str = "precious\n";

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `reldb ARGS`, asserts exit status `code`, and returns what it printed.
fn run_expecting(ws: &Workspace, args: &[&str], code: i32) -> Output {
    let output = ws.reldb().args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "reldb {args:?}: {}",
        stderr(&output)
    );
    output
}

/// The names in `dir` that start with a dot: temporary files left behind.
fn hidden_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// `reldb --db <ws db> ARGS` with stdout (or stderr) the write end of a pipe whose read end is
/// already closed: every write fails with EPIPE, with no race.
fn with_closed_pipe(ws: &Workspace, args: &[&str], on_stderr: bool) -> Output {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    let mut cmd = plain_reldb(ws, args);
    if on_stderr {
        cmd.stdout(Stdio::null()).stderr(Stdio::from(write));
    } else {
        cmd.stdout(Stdio::from(write)).stderr(Stdio::piped());
    }
    cmd.output().unwrap()
}

/// `reldb --db <ws db> ARGS` as a std Command, whose stdout and stderr can be any file.
fn plain_reldb(ws: &Workspace, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("reldb"));
    cmd.current_dir(ws.dir.path())
        .env_remove("RELDB_DB")
        .env_remove("RELDB_QUERIES")
        .arg("--db")
        .arg(&ws.db)
        .args(args);
    cmd
}

/// `reldb --db <ws db> ARGS` with stdout going to /dev/full.
fn to_full_disk(ws: &Workspace, args: &[&str]) -> Output {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    plain_reldb(ws, args).stdout(full).output().unwrap()
}

/// `reldb --db <ws db> ARGS` where no file may grow past 64 KiB (`ulimit -f`: room for
/// SQLite's 32 KiB shared-memory file, not for a big report), as on a disk that fills up
/// mid-write; SIGXFSZ is ignored so the write fails with EFBIG instead of killing reldb.
fn with_small_disk(ws: &Workspace, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = plain_reldb(ws, args);
    // SAFETY: setrlimit and signal are async-signal-safe, as pre_exec requires.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64 << 10,
                rlim_max: 64 << 10,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// A folder of user queries holding `big`, a report of some 600 KB.
fn big_query(ws: &Workspace) -> &'static str {
    let mine = ws.path("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(
        mine.join("big.sql"),
        "-- name: big\n-- title: Big\n-- description: Every state with every sector.\n\
         SELECT * FROM states, sectors;\n",
    )
    .unwrap();
    "mine"
}

/// A database opened through a symlink keeps its -wal and -shm beside the real file: an
/// output naming those is refused as well, so that a transaction another process committed
/// only to the WAL is not overwritten.
#[test]
fn the_side_files_of_a_database_opened_through_a_symlink_are_refused_as_outputs() {
    let ws = Workspace::seeded();
    let real = ws.path("real.db");
    fs::rename(&ws.db, &real).unwrap();
    std::os::unix::fs::symlink(&real, &ws.db).unwrap();
    for side in ["real.db-wal", "real.db-shm", "real.db-journal"] {
        let output = run_expecting(&ws, &["query", "states", "-o", side], 2);
        assert!(
            stderr(&output).contains("a journal file of the database"),
            "{side}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn an_output_that_is_the_database_is_refused_and_the_database_left_as_it_was() {
    let ws = Workspace::seeded();
    let before = fs::read(&ws.db).unwrap();
    let link = ws.path("link.db");
    std::os::unix::fs::symlink(&ws.db, &link).unwrap();
    let visits = ws.path("visits.csv");
    fs::write(
        &visits,
        "visitor_name,visitor_state,host_state,start_date\nA,TJ,Atlantis,2010\n",
    )
    .unwrap();
    let visits = visits.to_str().unwrap();
    for args in [
        vec!["query", "states", "-o", "./reldb.db"],
        vec!["query", "states", "-o", "link.db"],
        vec!["query", "states", "-o", "reldb.db-wal"],
        vec!["sql", "SELECT 1", "-o", "reldb.db"],
        vec!["schema", "-o", "reldb.db-journal"],
        vec!["dossier", "TJ", "AZ", "-o", "reldb.db"],
        vec!["datasette-metadata", "-o", "reldb.db"],
        vec!["import", "visits", visits, "--rejects", "reldb.db"],
        vec![
            "import",
            "visits",
            visits,
            "--rejects",
            "reldb.db",
            "--dry-run",
        ],
    ] {
        let output = run_expecting(&ws, &args, 2);
        assert!(
            stderr(&output).contains("the database"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            fs::read(&ws.db).unwrap() == before,
            "{args:?} changed the database"
        );
    }
    assert!(!ws.path("reldb.db-journal").exists());
}

#[test]
fn an_output_naming_a_database_not_created_yet_is_refused_before_it_is_created() {
    let ws = Workspace::new();
    let output = run_expecting(&ws, &["query", "states", "-o", "reldb.db"], 2);
    assert!(stderr(&output).contains("is the database"));
    assert!(!ws.db.exists());
}

#[test]
fn rejects_written_over_the_input_are_refused_and_the_input_kept() {
    let ws = Workspace::seeded();
    let mine = ws.path("mine.csv");
    let text =
        "visitor_name,visitor_state,host_state,start_date\nA,TJ,AZ,2010\nB,TJ,Atlantis,2010\n";
    fs::write(&mine, text).unwrap();
    let before = crate::common::dump(&ws.db);
    for rejects in ["mine.csv", "./mine.csv"] {
        let output = run_expecting(
            &ws,
            &["import", "visits", "mine.csv", "--rejects", rejects],
            2,
        );
        assert!(
            stderr(&output).contains("is the input file"),
            "{}",
            stderr(&output)
        );
        assert_eq!(fs::read_to_string(&mine).unwrap(), text);
    }
    assert_eq!(crate::common::dump(&ws.db), before);
}

#[test]
fn a_failed_query_or_statement_leaves_the_old_output_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::seeded();
    let out = ws.path("r.csv");
    for args in [
        vec!["query", "visits", "-p", "from=2007-13", "-o", "r.csv"],
        vec!["query", "visits", "-p", "state=Atlantis", "-o", "r.csv"],
        vec!["query", "visits", "-p", "nope=1", "-o", "r.csv"],
        vec!["sql", "DELETE FROM visits", "-o", "r.csv"],
        vec!["sql", "SELECT no_such_column FROM visits", "-o", "r.csv"],
        vec![
            "sql",
            "SELECT abs(-9223372036854775807 - 1) FROM states",
            "-o",
            "r.csv",
        ],
        vec!["schema", "no_such_table", "-o", "r.csv"],
        vec!["dossier", "TJ", "Atlantis", "-o", "r.csv"],
    ] {
        fs::write(&out, PRECIOUS).unwrap();
        run_expecting(&ws, &args, 2);
        assert_eq!(fs::read_to_string(&out).unwrap(), PRECIOUS, "{args:?}");
        assert_eq!(
            hidden_files(ws.dir.path()),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
    // A query that succeeds replaces the file, which keeps its permissions.
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    run_expecting(&ws, &["query", "states", "-o", "r.csv"], 0);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(parse_csv(&fs::read(&out).unwrap()).len(), seed_states());
}

#[test]
fn a_full_device_as_output_file_is_an_error_naming_it_and_special_files_are_written_in_place() {
    let ws = Workspace::seeded();
    for args in [
        vec!["query", "states", "-o", "/dev/full"],
        vec!["sql", "SELECT * FROM states", "-o", "/dev/full"],
        vec!["schema", "-o", "/dev/full"],
        vec!["dossier", "TJ", "AZ", "-o", "/dev/full"],
        vec!["datasette-metadata", "-o", "/dev/full"],
    ] {
        let output = run_expecting(&ws, &args, 2);
        let message = stderr(&output);
        assert!(message.contains("/dev/full"), "{args:?}: {message}");
        assert!(message.contains("No space left"), "{args:?}: {message}");
    }
    // Not renamed into, which they cannot be.
    run_expecting(&ws, &["query", "states", "-o", "/dev/null"], 0);
    let fifo = ws.path("fifo");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let reader = std::thread::spawn(move || fs::read(fifo).unwrap());
    run_expecting(&ws, &["query", "states", "-o", "fifo"], 0);
    assert_eq!(parse_csv(&reader.join().unwrap()).len(), seed_states());
    // /dev/stdout leading to a regular file writes into that file, not a new one in its place.
    let shell_file = ws.path("out.csv");
    let stdout = fs::File::create(&shell_file).unwrap();
    let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&shell_file).unwrap());
    let status = plain_reldb(&ws, &["query", "states", "-o", "/dev/stdout"])
        .stdout(stdout)
        .status()
        .unwrap();
    assert!(status.success());
    let after = fs::metadata(&shell_file).unwrap();
    assert_eq!(std::os::unix::fs::MetadataExt::ino(&after), inode);
    assert_eq!(
        parse_csv(&fs::read(&shell_file).unwrap()).len(),
        seed_states()
    );
}

#[test]
fn a_full_disk_under_stdout_is_an_error_saying_stdout_never_a_panic() {
    let ws = Workspace::seeded();
    for args in [
        vec!["query", "states"],
        vec!["sql", "SELECT * FROM states"],
        vec!["schema"],
        vec!["queries"],
        vec!["resolve", "TJ"],
        vec!["migrate", "--status"],
        vec!["dossier", "TJ", "AZ"],
        vec!["datasette-metadata"],
        vec!["completions", "bash"],
        vec!["completions", "fish"],
        vec!["man"],
    ] {
        let output = to_full_disk(&ws, &args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains("stdout"), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{args:?}: {message}");
    }
}

#[test]
fn a_closed_stdout_ends_every_command_quietly_with_success() {
    let ws = Workspace::seeded();
    for args in [
        vec!["query", "states"],
        vec!["sql", "SELECT * FROM states"],
        vec!["schema"],
        vec!["queries"],
        vec!["resolve", "TJ"],
        vec!["migrate", "--status"],
        vec!["dossier", "TJ", "AZ"],
        vec!["datasette-metadata"],
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["completions", "fish"],
        vec!["man"],
    ] {
        let output = with_closed_pipe(&ws, &args, false);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {message}");
        assert!(message.is_empty(), "{args:?}: {message}");
    }
}

#[test]
fn check_with_many_findings_ends_quietly_on_a_closed_stdout() {
    let ws = Workspace::seeded();
    let conn = rusqlite::Connection::open(&ws.db).unwrap();
    for i in 0..3000 {
        conn.execute(
            "INSERT INTO visits (visitor_name, visitor_state, host_state, start_date) \
             VALUES (?1, 'TJ', 'AZ', '2015')",
            [format!("Uncited {i}")],
        )
        .unwrap();
    }
    drop(conn);
    let output = with_closed_pipe(&ws, &["check"], false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
    // Read to the end, the same findings are something found: exit 1.
    let output = run_expecting(&ws, &["check"], 1);
    assert!(output.stdout.len() > 100_000);
}

#[test]
fn an_error_told_to_a_closed_stderr_still_exits_2() {
    let ws = Workspace::seeded();
    let output = with_closed_pipe(&ws, &["query", "no_such_query"], true);
    assert_eq!(output.status.code(), Some(2));
    let output = with_closed_pipe(&ws, &["query", "states", "-o", "r.csv"], true);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        parse_csv(&fs::read(ws.path("r.csv")).unwrap()).len(),
        seed_states()
    );
}

#[test]
fn a_disk_filling_up_mid_write_leaves_the_old_file_and_no_temporary_one() {
    let ws = Workspace::seeded();
    let out = ws.path("r.csv");
    let mine = big_query(&ws);
    for args in [
        vec!["--queries", mine, "query", "big", "-o", "r.csv"],
        vec!["sql", "SELECT * FROM states, sectors", "-o", "r.csv"],
        vec![
            "sql",
            "SELECT * FROM states, sectors",
            "-f",
            "json",
            "-o",
            "r.csv",
        ],
    ] {
        fs::write(&out, PRECIOUS).unwrap();
        let output = with_small_disk(&ws, &args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains("r.csv"), "{args:?}: {message}");
        assert_eq!(fs::read_to_string(&out).unwrap(), PRECIOUS, "{args:?}");
        assert_eq!(
            hidden_files(ws.dir.path()),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
}

#[test]
fn rejects_that_do_not_fit_leave_the_old_rejects_file_and_import_nothing() {
    let ws = Workspace::seeded();
    let input = ws.path("bad.csv");
    let mut text = String::from("visitor_name,visitor_state,host_state,start_date\n");
    for i in 0..2000 {
        text.push_str(&format!("Visitor {i},TJ,Atlantis,2010\n"));
    }
    text.push_str("Good,TJ,AZ,2011\n");
    fs::write(&input, text).unwrap();
    fs::write(ws.path("refused.csv"), PRECIOUS).unwrap();
    let before = crate::common::dump(&ws.db);
    let output = with_small_disk(
        &ws,
        &["import", "visits", "bad.csv", "--rejects", "refused.csv"],
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("refused.csv"), "{message}");
    assert_eq!(
        fs::read_to_string(ws.path("refused.csv")).unwrap(),
        PRECIOUS
    );
    assert_eq!(hidden_files(ws.dir.path()), Vec::<String>::new());
    assert_eq!(crate::common::dump(&ws.db), before);
}

#[test]
fn an_export_that_does_not_fit_leaves_old_reports_and_no_partial_files() {
    let ws = Workspace::seeded();
    let mine = big_query(&ws);
    let reports = ws.path("reports");
    fs::create_dir(&reports).unwrap();
    fs::write(reports.join("big.csv"), PRECIOUS).unwrap();
    let output = with_small_disk(&ws, &["--queries", mine, "export", "--dir", "reports"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("big.csv"), "{message}");
    assert!(message.contains("query 'big'"), "{message}");
    assert_eq!(
        fs::read_to_string(reports.join("big.csv")).unwrap(),
        PRECIOUS
    );
    assert_eq!(hidden_files(&reports), Vec::<String>::new());
}

#[test]
fn export_into_a_file_says_it_is_a_file_not_a_folder() {
    let ws = Workspace::seeded();
    fs::write(ws.path("reports"), PRECIOUS).unwrap();
    let output = run_expecting(&ws, &["export", "--dir", "reports"], 2);
    let message = stderr(&output);
    assert!(
        message.contains("reports is a file, not a folder"),
        "{message}"
    );
    assert!(!message.contains("os error 17"), "{message}");
    assert_eq!(fs::read_to_string(ws.path("reports")).unwrap(), PRECIOUS);
}

#[test]
fn a_failing_export_query_is_named_and_leaves_no_file() {
    let ws = Workspace::seeded();
    let mine = ws.path("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(
        mine.join("overflow.sql"),
        "-- name: overflow\n-- title: Overflow\n-- description: Fails as it runs.\n\
         SELECT abs(-9223372036854775807 - 1) AS n FROM states;\n",
    )
    .unwrap();
    let output = run_expecting(&ws, &["--queries", "mine", "export", "--dir", "reports"], 2);
    let message = stderr(&output);
    assert!(message.contains("query 'overflow'"), "{message}");
    assert!(message.contains("overflow.csv"), "{message}");
    let reports = ws.path("reports");
    assert!(!reports.join("overflow.csv").exists());
    assert_eq!(hidden_files(&reports), Vec::<String>::new());
}

#[test]
fn exports_into_one_folder_at_once_all_succeed() {
    let ws = Workspace::seeded();
    for _ in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| crate::common::spawn_reldb(&ws, &["export", "--dir", "reports"]))
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
        }
    }
    let reports = ws.path("reports");
    assert_eq!(hidden_files(&reports), Vec::<String>::new());
    assert_eq!(
        parse_csv(&fs::read(reports.join("states.csv")).unwrap()).len(),
        seed_states()
    );
}

#[test]
fn one_row_is_one_row() {
    let ws = Workspace::seeded();
    let output = run_expecting(
        &ws,
        &["query", "states", "-p", "state=TJ", "-o", "s.csv"],
        0,
    );
    assert!(
        stderr(&output).contains("wrote 1 row to s.csv"),
        "{}",
        stderr(&output)
    );
    let output = run_expecting(&ws, &["export", "--dir", "reports"], 0);
    let message = stderr(&output);
    let legal_base = message
        .lines()
        .find(|l| l.ends_with("legal_base.csv"))
        .unwrap();
    assert!(legal_base.contains(" 1 row "), "{message}");
    assert!(!message.contains(" 1 rows"), "{message}");
    let output = run_expecting(&ws, &["seed"], 0);
    assert!(!stderr(&output).contains(" 1 rows"), "{}", stderr(&output));
}

#[test]
fn errors_exit_2_and_findings_or_refused_rows_exit_1() {
    let ws = Workspace::seeded();
    run_expecting(&ws, &["query", "no_such_query"], 2);
    run_expecting(&ws, &["sql", "SELECT nothing_here"], 2);
    run_expecting(&ws, &["import", "visits", "missing.csv"], 2);
    let bad = ws.path("bad.csv");
    fs::write(
        &bad,
        "visitor_name,visitor_state,host_state,start_date\nA,TJ,AZ,2010\nB,TJ,Atlantis,2010\n",
    )
    .unwrap();
    run_expecting(&ws, &["import", "visits", "bad.csv"], 2);
    run_expecting(
        &ws,
        &["import", "visits", "bad.csv", "--rejects", "refused.csv"],
        1,
    );
    let help = String::from_utf8(ws.stdout(&["--help"])).unwrap();
    assert!(help.contains("Exit status"), "{help}");
    let readme: PathBuf = [env!("CARGO_MANIFEST_DIR"), "docs", "files.md"]
        .iter()
        .collect();
    assert!(fs::read_to_string(readme)
        .unwrap()
        .contains("## Exit status"));
}
