//! Fuzzes the import path: arbitrary bytes as a CSV file loaded into a table, in a
//! transaction that is rolled back. Any panic is a bug; errors are the expected answer to
//! most inputs. The first byte picks the table and options.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use reldb::load::{self, LoadOptions, Mode};
use reldb::Database;

const TABLES: [&str; 6] = [
    "visits",
    "agreements",
    "missions",
    "relations",
    "state_aliases",
    "cooperation",
];

fn database() -> &'static Mutex<Database> {
    static DB: OnceLock<Mutex<Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("reldb-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = Database::open(dir.join("fuzz.db")).expect("the seeded database opens");
        Mutex::new(db)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, csv)) = data.split_first() else {
        return;
    };
    let table = TABLES[usize::from(choice) % TABLES.len()];
    let mut options = LoadOptions::new(Mode::Insert);
    options.keep_going = choice & 0x80 != 0;
    if choice & 0x40 != 0 {
        options.set.push(("source_id".to_string(), "1".to_string()));
    }
    let mut db = database().lock().unwrap_or_else(|e| e.into_inner());
    let tx = db.write_transaction().expect("a write transaction");
    let _ = load::load_csv(&tx, table, "fuzz.csv", csv, &options, &mut |_| {});
    drop(tx);
});
