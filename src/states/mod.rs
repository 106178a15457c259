//! Naming states: a state may be given as its code or iso3 code, its name, its official name,
//! or any alias in `state_aliases`, in any case and with or without accents. Where a name meant
//! different states at different times ("Serbia", "Yugoslavia"), the date of the fact decides.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use crate::dates;

mod eras;
mod error;
mod forms;

pub use eras::{Era, Found};
pub use error::ResolveError;
pub use forms::Part;

/// The states' COW and Gleditsch-Ward numbers as names, with their years.
const NUMBERS_SQL: &str = include_str!("../../sql/states/numbers.sql");

/// The apostrophes a name is matched without, as accents are: sources write "Hawai’i",
/// "Hawai'i" and "Hawaii" for one name, and "Côte d’Ivoire" with either quote. Kept in step
/// with `APOSTROPHES` of scripts/build_state_seed.py (tests/states_history.rs checks it).
pub const APOSTROPHES: [char; 5] = ['\'', '\u{2019}', '\u{2018}', '`', '\u{02bc}'];

/// Folds a name for matching: accents and apostrophes dropped, case folded, white space
/// collapsed.
pub fn normalize(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !APOSTROPHES.contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug)]
struct StateInfo {
    name: String,
    official_name: Option<String>,
    existed_from: Option<String>,
    existed_until: Option<String>,
}

/// What a known name is to its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Code,
    Name,
    OfficialName,
    Alias,
}

impl NameKind {
    fn describe(self) -> &'static str {
        match self {
            NameKind::Code => "the code",
            NameKind::Name => "the name",
            NameKind::OfficialName => "the official name",
            NameKind::Alias => "an alias",
        }
    }
}

#[derive(Debug)]
struct Candidate {
    code: String,
    valid_from: Option<String>,
    valid_until: Option<String>,
    kind: NameKind,
}

/// One meaning of a name: a state, and the years in which the name meant it (`None`: open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meaning<'a> {
    /// The state's code.
    pub code: &'a str,
    /// First day the name meant the state.
    pub valid_from: Option<&'a str>,
    /// Last day the name meant the state.
    pub valid_until: Option<&'a str>,
}

/// Whether two periods (partial dates, `None` open) share a day: neither ends before the
/// other starts, at the coarser precision of the two dates.
fn meet(a: (Option<&str>, Option<&str>), b: (Option<&str>, Option<&str>)) -> bool {
    let ends_before = |until: Option<&str>, from: Option<&str>| {
        until
            .zip(from)
            .is_some_and(|(until, from)| !dates::not_before(until, from))
    };
    !ends_before(a.1, b.0) && !ends_before(b.1, a.0)
}

/// Resolves names to `states.code`, loaded once from the database.
#[derive(Debug)]
pub struct StateResolver {
    states: HashMap<String, StateInfo>,
    by_name: HashMap<String, Vec<Candidate>>,
    /// Names exactly as written, to their folded key: spares folding the common case.
    exact: HashMap<String, String>,
    /// Every known name, as written, for suggestions.
    names: Vec<(String, String)>,
    /// Suggestions already worked out, by folded name: a file may repeat an unknown name in
    /// every row.
    suggested: RefCell<HashMap<String, Vec<String>>>,
    /// Constituent parts of states (state_parts), by the part's code.
    parts: HashMap<String, Vec<forms::PartSpan>>,
    /// Who succeeded whom, as (predecessor, successor).
    successions: std::collections::HashSet<(String, String)>,
    /// The eras of each state (state_eras), by the state's code.
    eras: HashMap<String, Vec<eras::EraSpan>>,
    /// Whether a name of a part resolves to its whole (`--part-of`).
    part_of: bool,
}

impl StateResolver {
    /// A resolver that knows no state (for queries given no state parameter).
    pub fn empty() -> Self {
        StateResolver {
            states: HashMap::new(),
            by_name: HashMap::new(),
            exact: HashMap::new(),
            names: Vec::new(),
            suggested: RefCell::new(HashMap::new()),
            parts: HashMap::new(),
            successions: std::collections::HashSet::new(),
            eras: HashMap::new(),
            part_of: false,
        }
    }

    /// The same resolver, resolving a name of a constituent part on a date to the state it
    /// was part of (`--part-of`), instead of refusing it.
    pub fn with_part_of(mut self, part_of: bool) -> Self {
        self.part_of = part_of;
        self
    }

    /// A resolver that knows only the states `names` give as exact code or iso3 codes (in any
    /// case), or `None` if any name is not such a code. Reading a few rows by key is much
    /// cheaper than reading every state and alias, and codes are what scripts pass.
    pub fn for_codes(conn: &Connection, names: &[&str]) -> rusqlite::Result<Option<Self>> {
        let mut resolver = StateResolver::empty();
        let mut stmt = conn.prepare_cached(
            "SELECT code, iso3, name, existed_from, existed_until FROM states \
             WHERE code = upper(trim(?1)) OR iso3 = upper(trim(?1))",
        )?;
        for name in names {
            let mut rows = stmt.query([name])?;
            let Some(row) = rows.next()? else {
                return Ok(None);
            };
            let code: String = row.get(0)?;
            let info = StateInfo {
                name: row.get(2)?,
                official_name: None,
                existed_from: row.get(3)?,
                existed_until: row.get(4)?,
            };
            resolver.add_state(code, [(row.get(1)?, NameKind::Code)], info);
            if rows.next()?.is_some() {
                return Ok(None);
            }
        }
        Ok(Some(resolver))
    }

    /// Reads `states`, `state_aliases`, the numbers by era, and the states' history.
    pub fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let mut resolver = StateResolver::empty();
        let mut stmt = conn.prepare(
            "SELECT code, iso3, name, official_name, existed_from, existed_until FROM states",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let code: String = row.get(0)?;
            let info = StateInfo {
                name: row.get(2)?,
                official_name: row.get(3)?,
                existed_from: row.get(4)?,
                existed_until: row.get(5)?,
            };
            let names = [
                (row.get(1)?, NameKind::Code),
                (row.get(2)?, NameKind::Name),
                (row.get(3)?, NameKind::OfficialName),
            ];
            resolver.add_state(code, names, info);
        }
        // A COW or Gleditsch-Ward number names a state in its years only: Gleditsch-Ward 816
        // is the Democratic Republic of Vietnam in 1970 and Vietnam today.
        let mut stmt = conn.prepare(NUMBERS_SQL)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let code: String = row.get(0)?;
            let number: String = row.get(1)?;
            resolver.add(&number, &code, (row.get(2)?, row.get(3)?), NameKind::Code);
        }
        forms::load_history(&mut resolver, conn)?;
        let mut stmt =
            conn.prepare("SELECT alias, state, valid_from, valid_until FROM state_aliases")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let alias: String = row.get(0)?;
            let code: String = row.get(1)?;
            resolver.add(&alias, &code, (row.get(2)?, row.get(3)?), NameKind::Alias);
        }
        Ok(resolver)
    }

    /// Adds a state, known by its state code and by `names` (iso3, name, official name).
    fn add_state<const N: usize>(
        &mut self,
        code: String,
        names: [(Option<String>, NameKind); N],
        info: StateInfo,
    ) {
        self.add(&code, &code, (None, None), NameKind::Code);
        for (name, kind) in names {
            if let Some(name) = name {
                self.add(&name, &code, (None, None), kind);
            }
        }
        self.states.insert(code, info);
    }

    fn add(
        &mut self,
        name: &str,
        code: &str,
        (valid_from, valid_until): (Option<String>, Option<String>),
        kind: NameKind,
    ) {
        let key = normalize(name);
        self.names.push((name.to_string(), key.clone()));
        self.exact.insert(name.to_string(), key.clone());
        self.by_name.entry(key).or_default().push(Candidate {
            code: code.to_string(),
            valid_from,
            valid_until,
            kind,
        });
    }

    /// Whether a name could mean both `a` and `b` on one day: the years of each meaning and
    /// of each state all meet (periods on a line share a day when each two of them do).
    pub fn both_possible(&self, a: &Meaning<'_>, b: &Meaning<'_>) -> bool {
        let existence = |code: &str| {
            self.states.get(code).map_or((None, None), |s| {
                (s.existed_from.as_deref(), s.existed_until.as_deref())
            })
        };
        let periods = [
            (a.valid_from, a.valid_until),
            existence(a.code),
            (b.valid_from, b.valid_until),
            existence(b.code),
        ];
        periods
            .iter()
            .enumerate()
            .all(|(i, p)| periods[i + 1..].iter().all(|q| meet(*p, *q)))
    }

    /// What a new alias with this meaning would shadow: another state's code, name or alias,
    /// folded alike, that could be meant on the same day (official names are left out, as in
    /// checks/alias_shadows_state.sql). `None` if it shadows nothing.
    pub fn shadowed_by(&self, alias: &str, meaning: &Meaning<'_>) -> Option<String> {
        let candidates = self.by_name.get(&normalize(alias))?;
        let clash = candidates.iter().find(|c| {
            let other = Meaning {
                code: &c.code,
                valid_from: c.valid_from.as_deref(),
                valid_until: c.valid_until.as_deref(),
            };
            c.code != meaning.code
                && c.kind != NameKind::OfficialName
                && self.both_possible(meaning, &other)
        })?;
        let years = match (clash.valid_from.as_deref(), clash.valid_until.as_deref()) {
            (None, None) => String::new(),
            (from, until) => format!(" in {}–{}", from.unwrap_or(""), until.unwrap_or("")),
        };
        Some(format!(
            "'{alias}' is {} of {} ({}){years}",
            clash.kind.describe(),
            clash.code,
            self.name_of(&clash.code).unwrap_or("")
        ))
    }

    /// The state code of the state `name` means, on `date` where given (a partial ISO date).
    ///
    /// Without a date, a name that meant several states resolves to the one that still
    /// exists, if there is exactly one ("Serbia" is RS).
    ///
    /// A name not known as written may be a known name with another in brackets ("Siam
    /// (Thailand)") or a government's form ("Poland (government-in-exile)"): see
    /// [`forms`](self::forms).
    pub fn resolve(&self, name: &str, date: Option<&str>) -> Result<&str, ResolveError> {
        match self.resolve_plain(name, date) {
            Err(ResolveError::Unknown { .. }) if name.contains('(') => {
                self.resolve_form(name, date)
            }
            Err(unknown @ ResolveError::Unknown { .. }) => match forms::uninverted(name) {
                Some(plain) => self.resolve_plain(&plain, date).map_err(|_| unknown),
                None => Err(unknown),
            },
            other => other,
        }
    }

    fn resolve_plain(&self, name: &str, date: Option<&str>) -> Result<&str, ResolveError> {
        let found = match self.exact.get(name) {
            Some(key) => self.by_name.get(key),
            None => self.by_folded(&normalize(name)),
        };
        let Some(candidates) = found else {
            return Err(ResolveError::Unknown {
                name: name.to_string(),
                suggestions: self.suggestions(name),
            });
        };
        // The common case: one meaning, valid on the date.
        if let [only] = candidates.as_slice() {
            if self.applies(only, date) {
                return Ok(&only.code);
            }
        }
        let mut matching: Vec<&str> = candidates
            .iter()
            .filter(|c| self.applies(c, date))
            .map(|c| c.code.as_str())
            .collect();
        matching.sort_unstable();
        matching.dedup();
        if date.is_none() && matching.len() > 1 {
            matching = self.without_date(candidates);
        }
        if let (Some(date), true) = (date, matching.len() > 1) {
            matching = self.by_era_name(name, candidates, matching, date);
        }
        match matching.as_slice() {
            [one] => Ok(one),
            [] if date.is_some() && self.part_on(candidates, date).is_some() => {
                self.as_part(name, date.unwrap_or_default(), candidates)
            }
            [] if self.heirs_on(name, candidates, date).len() > 1 => {
                let heirs = self.heirs_on(name, candidates, date);
                Err(ResolveError::Ambiguous {
                    name: name.to_string(),
                    states: self.describe(heirs.into_iter()),
                })
            }
            [] => Err(ResolveError::NotOnDate {
                name: name.to_string(),
                date: date.unwrap_or_default().to_string(),
                states: self.describe(candidates.iter().map(|c| c.code.as_str())),
            }),
            many => Err(ResolveError::Ambiguous {
                name: name.to_string(),
                states: self.describe(many.iter().copied()),
            }),
        }
    }

    /// The meanings of a folded name. A leading article is how people write many names ("the
    /// United States", "the Holy See"), so a name not known with it is looked up without it.
    fn by_folded(&self, key: &str) -> Option<&Vec<Candidate>> {
        self.by_name.get(key).or_else(|| {
            key.strip_prefix("the ")
                .and_then(|rest| self.by_name.get(rest))
        })
    }

    /// Without a date, a name first means what it means at all times (a name or an alias with
    /// no years: "U.S.S.R." is the Soviet Union even if sources used it for Russia in 1992);
    /// failing that, the one state among its meanings that still exists ("Serbia").
    fn without_date<'a>(&self, candidates: &'a [Candidate]) -> Vec<&'a str> {
        // A former state's own name is no timeless meaning where a state of today bears it
        // too: "The Gambia" is the state, not the colony the gazetteer names so.
        let ended = |c: &Candidate| self.states[&c.code].existed_until.is_some();
        let current_named = candidates.iter().any(|c| !ended(c));
        let mut timeless: Vec<&str> = candidates
            .iter()
            .filter(|c| c.valid_from.is_none() && c.valid_until.is_none())
            .filter(|c| !(current_named && ended(c) && c.kind != NameKind::Alias))
            .map(|c| c.code.as_str())
            .collect();
        timeless.sort_unstable();
        timeless.dedup();
        if timeless.len() == 1 {
            return timeless;
        }
        let mut current: Vec<&str> = candidates
            .iter()
            .map(|c| c.code.as_str())
            .filter(|code| self.states[*code].existed_until.is_none())
            .collect();
        current.sort_unstable();
        current.dedup();
        current
    }

    fn applies(&self, candidate: &Candidate, date: Option<&str>) -> bool {
        let Some(date) = date else { return true };
        let state = &self.states[&candidate.code];
        dates::within(
            date,
            candidate.valid_from.as_deref(),
            candidate.valid_until.as_deref(),
        ) && dates::within(
            date,
            state.existed_from.as_deref(),
            state.existed_until.as_deref(),
        )
    }

    fn describe<'a>(&self, codes: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut codes: Vec<&str> = codes.collect();
        codes.sort_unstable();
        codes.dedup();
        codes
            .into_iter()
            .map(|code| {
                let state = &self.states[code];
                let span = match (&state.existed_from, &state.existed_until) {
                    (None, None) => String::new(),
                    (from, until) => format!(
                        ", {}–{}",
                        from.as_deref().unwrap_or(""),
                        until.as_deref().unwrap_or("")
                    ),
                };
                format!("{code} ({}{span})", state.name)
            })
            .collect()
    }

    /// Up to three known names closest to `name`, best first.
    pub fn suggestions(&self, name: &str) -> Vec<String> {
        let wanted = normalize(name);
        if let Some(known) = self.suggested.borrow().get(&wanted) {
            return known.clone();
        }
        let mut scored: Vec<(f64, &String)> = self
            .names
            .iter()
            .filter(|(written, _)| written.chars().count() > 3)
            .map(|(written, folded)| (strsim::jaro_winkler(&wanted, folded), written))
            .filter(|(score, _)| *score > 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, written) in scored {
            if !out.contains(written) {
                out.push(written.clone());
            }
            if out.len() == 3 {
                break;
            }
        }
        self.suggested.borrow_mut().insert(wanted, out.clone());
        out
    }

    /// The common name of a state by its state code.
    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.states.get(code).map(|s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_folds_case_accents_apostrophes_and_spaces() {
        assert_eq!(normalize("  Türkiye "), "turkiye");
        assert_eq!(normalize("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalize("Hawai’i"), normalize("Hawaii"));
        assert_eq!(normalize("Hawai'i"), "hawaii");
        assert_eq!(
            normalize("Republic   of\tTajikistan"),
            "republic of tajikistan"
        );
    }
}
