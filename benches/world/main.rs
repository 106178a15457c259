//! `cargo bench --bench world -- [ROWS] [REPEAT]`: the benchmark of README's Performance
//! section. Generates a synthetic world (deterministic) under target/bench-world and prints one
//! table comparing reldb with the sqlite3 shell and a bare rusqlite loop. `-- history` runs only
//! the load of the Office of the Historian's record and the `relations -p on=DATE` query.

mod run;
mod synth;

use std::path::PathBuf;

fn main() {
    if std::env::args().any(|a| a == "--spawner") {
        run::serve_spawner();
        return;
    }
    // Started first, while this process is small: see run::SPAWNER.
    let spawner = run::Spawner::start(&std::env::current_exe().expect("the bench binary"));
    let _ = run::SPAWNER.set(std::sync::Mutex::new(spawner));
    // cargo bench passes --bench; ignore flags.
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let rows = numbers.first().copied().unwrap_or(1_000_000);
    let repeat = numbers.get(1).copied().unwrap_or(3);
    let config = run::Config {
        rows,
        repeat,
        process_repeat: 30,
        query_runs: 2000,
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-world"),
        reldb: PathBuf::from(env!("CARGO_BIN_EXE_reldb")),
        seed: 2026,
    };
    let history_only = std::env::args().any(|a| a == "history");
    let lines = if history_only {
        run::history(&config)
    } else {
        run::run(&config)
    };
    println!(
        "\nreldb benchmark: {rows} rows, median of {repeat} (processes: of {}), {} cores",
        config.process_repeat,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    run::print_table(&lines, rows, &mut std::io::stdout()).unwrap();
}
