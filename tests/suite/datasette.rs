//! `reldb datasette-metadata` against the real Datasette (from PyPI; `scripts/test`, the test
//! command, installs it into `target/test-python`):
//! the test serves a database with the generated metadata on a free loopback port, fetches
//! canned queries as JSON and CSV, and compares them with what `reldb query` prints. It fails,
//! not skips, when Datasette is missing.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{parse_csv, Workspace};

/// How long Datasette may take to start answering.
const STARTUP: Duration = Duration::from_secs(60);

/// A Datasette server, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The folder `scripts/test` installs Datasette into, if it is there.
fn local_python_packages() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-python");
    dir.is_dir().then_some(dir)
}

impl Server {
    fn start(db: &Path, metadata: &Path, log: PathBuf) -> Server {
        // A port the system says is free; Datasette binds it a moment later.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log_file = std::fs::File::create(&log).unwrap();
        let mut command = Command::new("python3");
        if let Some(dir) = local_python_packages() {
            command.env("PYTHONPATH", dir);
        }
        let child = command
            .args(["-m", "datasette", "serve"])
            .arg(db)
            .arg("-m")
            .arg(metadata)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("python3 runs");
        let mut server = Server { child, port, log };
        server.wait_until_ready();
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "datasette exited ({status}) before it answered; run the tests with \
                     `scripts/test`, which installs it into target/test-python. Its output:\n{}",
                    self.log()
                );
            }
            if let Ok((200, _)) = self.try_get("/-/versions.json") {
                return;
            }
            assert!(
                started.elapsed() < STARTUP,
                "datasette did not answer within {STARTUP:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// GET over HTTP/1.0 (the server closes the connection after the answer).
    fn try_get(&self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("no end of headers"))?;
        let head = String::from_utf8_lossy(&answer[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line: {head}")))?;
        Ok((status, answer[split + 4..].to_vec()))
    }

    fn get(&self, path: &str) -> Vec<u8> {
        let (status, body) = self.try_get(path).expect("datasette answers");
        assert_eq!(
            status,
            200,
            "{path}: {}\n{}",
            String::from_utf8_lossy(&body),
            self.log()
        );
        body
    }
}

/// `name=value` pairs as a query string, percent-encoded.
fn query_string(params: &[(&str, &str)]) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    params
        .iter()
        .map(|(k, v)| format!("&{}={}", encode(k), encode(v)))
        .collect()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries")
}

/// `reldb --queries examples/queries query NAME -p ... --format FORMAT`.
fn reldb_query(ws: &Workspace, name: &str, params: &[(&str, &str)], format: &str) -> Vec<u8> {
    let mut args = vec![
        "--queries".to_string(),
        examples().display().to_string(),
        "query".to_string(),
        name.to_string(),
        "--format".to_string(),
        format.to_string(),
    ];
    for (k, v) in params {
        args.push("-p".to_string());
        args.push(format!("{k}={v}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ws.stdout(&args)
}

#[test]
fn datasette_serves_the_named_queries_as_reldb_runs_them() {
    let ws = Workspace::seeded();
    let metadata_path = ws.path("metadata.json");
    ws.reldb()
        .arg("--queries")
        .arg(examples())
        .args(["datasette-metadata", "-o"])
        .arg(&metadata_path)
        .assert()
        .success();
    let metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&metadata_path).unwrap()).unwrap();
    let canned = metadata["databases"]["reldb"]["queries"]
        .as_object()
        .expect("canned queries of the database 'reldb'");
    let visits = &canned["visits"];
    assert_eq!(visits["title"], "High-level visits");
    assert_eq!(
        visits["params"],
        serde_json::json!(["state", "partner", "from", "to", "kind"])
    );
    assert!(visits["description"]
        .as_str()
        .unwrap()
        .contains("state: Visits to or from this state (a state code such as TJ"));

    let server = Server::start(&ws.db, &metadata_path, ws.path("datasette.log"));

    // Every named query, built in or the user's, with no parameters: defaults and all.
    // Datasette returns at most max_returned_rows rows of a query (1,000 unless set) and says
    // it truncated the rest; the SQL being the same, those are reldb's first rows, in order.
    let settings: serde_json::Value =
        serde_json::from_slice(&server.get("/-/settings.json")).unwrap();
    let limit = settings["max_returned_rows"].as_u64().expect("a row limit") as usize;
    let mut truncated = Vec::new();
    for name in canned.keys() {
        let from_reldb: serde_json::Value =
            serde_json::from_slice(&reldb_query(&ws, name, &[], "json")).unwrap();
        let from_reldb = from_reldb.as_array().expect("an array of rows");
        let path = format!("/reldb/{name}.json?_shape=objects");
        let answer: serde_json::Value = serde_json::from_slice(&server.get(&path)).unwrap();
        let rows = answer["rows"].as_array().expect("rows");
        let cut = answer["truncated"].as_bool().expect("whether it truncated");
        assert_eq!(cut, from_reldb.len() > limit, "{name}: truncated");
        assert_eq!(
            rows[..],
            from_reldb[..from_reldb.len().min(limit)],
            "{name}"
        );
        if cut {
            truncated.push(name.as_str());
        }
    }
    // The seed's 5,468 heads of mission are more than Datasette's limit.
    assert!(truncated.contains(&"heads_of_mission"), "{truncated:?}");

    // With parameters, as JSON and as CSV.
    let cases: [(&str, &[(&str, &str)]); 8] = [
        ("visits", &[("state", "TJ")]),
        ("visits", &[("state", "AZ"), ("from", "2007-08")]),
        (
            "timeline",
            &[("state", "TJ"), ("partner", "AZ"), ("to", "2007-06-01")],
        ),
        (
            "agreements",
            &[("sector", "political"), ("kind", "declaration")],
        ),
        ("states", &[("status", "former")]),
        ("visits_by_kind", &[("kind", "working")]),
        ("visits_by_kind", &[("since", "2007-08"), ("state", "TJ")]),
        (
            "states_in_organization",
            &[("organization", "un"), ("limit", "1")],
        ),
    ];
    for (name, params) in cases {
        let qs = query_string(params);
        let from_reldb: serde_json::Value =
            serde_json::from_slice(&reldb_query(&ws, name, params, "json")).unwrap();
        let json = server.get(&format!("/reldb/{name}.json?_shape=array{qs}"));
        let from_datasette: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(from_datasette, from_reldb, "{name} {params:?} as JSON");

        let csv = server.get(&format!("/reldb/{name}.csv?_size=max{qs}"));
        let expected = parse_csv(&reldb_query(&ws, name, params, "csv"));
        assert_eq!(parse_csv(&csv), expected, "{name} {params:?} as CSV");
    }

    // A state parameter in Datasette takes the iso2 code, in any case.
    let lower: serde_json::Value =
        serde_json::from_slice(&server.get("/reldb/visits.json?_shape=array&state=tj")).unwrap();
    assert_eq!(lower.as_array().unwrap().len(), 2);
}

#[test]
fn the_metadata_is_named_after_the_database_file() {
    let ws = Workspace::new();
    let out = assert_cmd::Command::cargo_bin("reldb")
        .unwrap()
        .current_dir(ws.dir.path())
        .env_remove("RELDB_DB")
        .env_remove("RELDB_QUERIES")
        .args(["--db", "relations.db", "datasette-metadata"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(metadata["databases"]["relations"]["queries"]["visits"].is_object());
}
