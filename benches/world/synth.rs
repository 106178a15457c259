//! A reproducible synthetic world for benchmarks: every state, thousands of relations and
//! missions, and N visits and agreements with realistic dates, Unicode names, and notes with
//! commas, quotes and newlines. The same seed and size always give the same files.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const GIVEN: [&str; 24] = [
    "Ilham",
    "Emomali",
    "José",
    "Zoë",
    "Søren",
    "Nguyễn Văn",
    "Ангела",
    "Владимир",
    "محمد",
    "Fatima",
    "Jean-Luc",
    "Ngozi",
    "Hiroshi",
    "Li",
    "Aigerim",
    "Björn",
    "Ewa",
    "Kwame",
    "Σοφία",
    "Dilnoza",
    "Mateus",
    "Ayşe",
    "Raúl",
    "Priya",
];
const FAMILY: [&str; 24] = [
    "Aliyev",
    "Rahmon",
    "Martí",
    "Ødegård",
    "Müller",
    "Nowak",
    "Иванова",
    "Петров",
    "الهاشمي",
    "O'Connor",
    "Dubois",
    "Okonjo-Iweala",
    "Tanaka",
    "Wei",
    "Nazarbayeva",
    "Sigurðsson",
    "Kowalska",
    "Mensah",
    "Παπαδοπούλου",
    "Karimova",
    "Silva",
    "Yılmaz",
    "Castro",
    "Sharma",
];
const OFFICES: [&str; 6] = [
    "President",
    "Prime Minister",
    "Minister of Foreign Affairs",
    "Speaker of Parliament",
    "Minister of Defence",
    "Deputy Prime Minister, Minister of Economy",
];
const KINDS: [&str; 6] = [
    "state",
    "official",
    "working",
    "private",
    "transit",
    "multilateral",
];
const CITIES: [&str; 8] = [
    "Dushanbe",
    "Baku",
    "São Paulo",
    "Zürich, Genève",
    "Москва",
    "Nur-Sultan (Astana)",
    "Washington, D.C.",
    "",
];
const NOTES: [&str; 6] = [
    "Talks on trade, transit and energy.",
    "Signed a memorandum on \"visa-free travel\"; see the joint communiqué.",
    "Met the head of state.\nVisited a factory, a school and a museum.",
    "",
    "Plenary session, then a press conference (in Russian, Tajik and English).",
    "Laid a wreath; discussed the 2030 agenda, water and climate.",
];
const AGREEMENT_KINDS: [&str; 5] = ["treaty", "agreement", "memorandum", "protocol", "programme"];
const TOPICS: [&str; 8] = [
    "trade and economic cooperation",
    "the avoidance of double taxation",
    "cultural and humanitarian cooperation",
    "air services",
    "mutual protection of investments",
    "cooperation in education, science and technology",
    "customs matters",
    "military-technical cooperation",
];

/// The header of the visits files, in the table's column order (so that the sqlite3 shell's
/// `.import`, which maps by position, loads the same file).
pub const VISITS_HEADER: &str = "id,visitor_name,visitor_office,visitor_state,host_state,kind,city,start_date,end_date,documents_signed,notes,source_id,basis,basis_note";

/// The files of one world.
#[derive(Debug, Clone)]
pub struct World {
    pub dir: PathBuf,
    /// N visits, ids from `first_id`.
    pub visits: PathBuf,
    /// Another N visits, for loading into a table that already holds the first N.
    pub more_visits: PathBuf,
    pub relations: PathBuf,
    pub missions: PathBuf,
    pub agreements: PathBuf,
    pub agreement_parties: PathBuf,
    pub rows: usize,
}

/// The id of the first synthetic visit (the seed dossier has the first ones).
pub const FIRST_ID: usize = 1000;

/// Writes (or reuses, if already written for this size and seed) a world into `dir`.
/// `states` are state codes of sovereign states.
pub fn generate(dir: &Path, rows: usize, seed: u64, states: &[String]) -> std::io::Result<World> {
    fs::create_dir_all(dir)?;
    let world = World {
        dir: dir.to_path_buf(),
        visits: dir.join("visits.csv"),
        more_visits: dir.join("more_visits.csv"),
        relations: dir.join("relations.csv"),
        missions: dir.join("missions.csv"),
        agreements: dir.join("agreements.csv"),
        agreement_parties: dir.join("agreement_parties.csv"),
        rows,
    };
    let stamp = dir.join("complete");
    let expected = format!("rows={rows} seed={seed} states={}", states.len());
    if fs::read_to_string(&stamp).ok().as_deref() == Some(expected.as_str()) {
        return Ok(world);
    }
    let mut rng = Rng::new(seed);
    write_visits(&world.visits, rows, FIRST_ID, &mut rng, states)?;
    write_visits(&world.more_visits, rows, FIRST_ID + rows, &mut rng, states)?;
    write_relations(&world.relations, &mut rng, states)?;
    write_missions(&world.missions, &mut rng, states)?;
    write_agreements(&world, &mut rng, states)?;
    fs::write(stamp, expected)?;
    Ok(world)
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A valid date between 1946 and 2025, and one a few days later.
fn dates(rng: &mut Rng) -> (String, String) {
    let year = 1946 + rng.below(80);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let length = rng.below(5);
    let end_day = day + length;
    let start = format!("{year}-{month:02}-{day:02}");
    let end = if end_day <= 28 {
        format!("{year}-{month:02}-{end_day:02}")
    } else {
        start.clone()
    };
    (start, end)
}

fn two_states<'a>(rng: &mut Rng, states: &'a [String]) -> (&'a str, &'a str) {
    let a = rng.below(states.len());
    let mut b = rng.below(states.len() - 1);
    if b >= a {
        b += 1;
    }
    (&states[a], &states[b])
}

fn write_visits(
    path: &Path,
    rows: usize,
    first_id: usize,
    rng: &mut Rng,
    states: &[String],
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    writeln!(out, "{VISITS_HEADER}")?;
    for n in 0..rows {
        let (visitor, host) = two_states(rng, states);
        let (start, end) = dates(rng);
        let name = format!("{} {}", rng.pick(&GIVEN), rng.pick(&FAMILY));
        let office = format!("{} of {visitor}", rng.pick(&OFFICES));
        let note = format!("{} Visit {n}.", rng.pick(&NOTES));
        writeln!(
            out,
            "{},{},{},{visitor},{host},{},{},{start},{end},{},{},1,stated,",
            first_id + n,
            csv_field(&name),
            csv_field(&office),
            rng.pick(&KINDS),
            csv_field(rng.pick(&CITIES)),
            rng.below(12),
            csv_field(note.trim_start()),
        )?;
    }
    out.flush()
}

fn write_relations(path: &Path, rng: &mut Rng, states: &[String]) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "state_a,state_b,established_on,established_by,source_id"
    )?;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..8000 {
        let (a, b) = two_states(rng, states);
        let pair = if a < b { (a, b) } else { (b, a) };
        // The pair AZ–TJ is in the seed already.
        if pair == ("AZ", "TJ") || !seen.insert(pair) {
            continue;
        }
        let (date, _) = dates(rng);
        let mode = rng.pick(&["exchange of notes", "joint communiqué", "protocol"]);
        writeln!(out, "{},{},{date},{},1", pair.0, pair.1, csv_field(mode))?;
    }
    out.flush()
}

fn write_missions(path: &Path, rng: &mut Rng, states: &[String]) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "sending_state,receiving_state,kind,city,opened_on,source_id"
    )?;
    for _ in 0..10_000 {
        let (a, b) = two_states(rng, states);
        let (date, _) = dates(rng);
        let kind = rng.pick(&[
            "embassy",
            "consulate_general",
            "consulate",
            "honorary_consulate",
        ]);
        writeln!(
            out,
            "{a},{b},{kind},{},{date},1",
            csv_field(rng.pick(&CITIES))
        )?;
    }
    out.flush()
}

fn write_agreements(world: &World, rng: &mut Rng, states: &[String]) -> std::io::Result<()> {
    let mut agreements = BufWriter::with_capacity(1 << 20, File::create(&world.agreements)?);
    let mut parties = BufWriter::with_capacity(1 << 20, File::create(&world.agreement_parties)?);
    writeln!(agreements, "id,title,kind,signed_on,signed_at,source_id")?;
    writeln!(parties, "agreement_id,state")?;
    for n in 0..world.rows {
        let id = FIRST_ID + n;
        let (a, b) = two_states(rng, states);
        let (date, _) = dates(rng);
        let kind = rng.pick(&AGREEMENT_KINDS);
        let title = format!(
            "{} between {a} and {b} on {} (no. {n})",
            capitalize(kind),
            rng.pick(&TOPICS)
        );
        writeln!(
            agreements,
            "{id},{},{kind},{date},{},1",
            csv_field(&title),
            csv_field(rng.pick(&CITIES))
        )?;
        writeln!(parties, "{id},{a}\n{id},{b}")?;
    }
    agreements.flush()?;
    parties.flush()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
