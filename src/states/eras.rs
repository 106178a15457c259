//! The eras of a state, and what a name meant on a date beyond its code: the era the state was
//! in ("Prussia" in 1850 is Germany in its era of the Kingdom of Prussia), and the states that
//! a name of an ended state stands for after it ("Korea" after 1948 is either Korea).

use rusqlite::Connection;

use super::{normalize, Candidate, NameKind, Part, StateResolver};
use crate::dates;

/// One era of a state (a row of `state_eras`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Era {
    /// The gazetteer's id of the era (prussia-1871).
    pub gsh_id: String,
    /// The era's short name (Prussia).
    pub short_name: String,
    /// Its long name (Kingdom of Prussia), where the gazetteer gives one.
    pub long_name: Option<String>,
    /// Its first year or day, where known.
    pub began_on: Option<String>,
    /// Its last year or day, where known (`None` for an era on today's map).
    pub ended_on: Option<String>,
}

/// A state's eras, as the resolver keeps them.
pub(super) type EraSpan = Era;

/// What a name meant on a date: the state, the era it was in then and the state it was a part
/// of then, where it was one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The state's code.
    pub code: String,
    /// The state's name of today.
    pub name: String,
    /// The era of the state on the date (the latest to begin, where two meet in a year).
    pub era: Option<Era>,
    /// The state it was a constituent part of on the date.
    pub part: Option<Part>,
}

impl Found {
    /// "Prussia (Kingdom of Prussia, 1701–1871)", and "a part of Soviet Union (SUHH)" where the
    /// state was one; empty where there is nothing to say beyond the state.
    pub fn describe(&self) -> String {
        let mut words = Vec::new();
        if let Some(era) = &self.era {
            let years = match (&era.began_on, &era.ended_on) {
                (None, None) => String::new(),
                (from, until) => format!(
                    "{}–{}",
                    from.as_deref().unwrap_or(""),
                    until.as_deref().unwrap_or("")
                ),
            };
            let inner: Vec<&str> = [era.long_name.as_deref(), Some(years.as_str())]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty() && *s != era.short_name)
                .collect();
            words.push(if inner.is_empty() {
                format!("era {}", era.short_name)
            } else {
                format!("era {} ({})", era.short_name, inner.join(", "))
            });
        }
        if let Some(part) = &self.part {
            words.push(format!("a part of {} ({})", part.whole_name, part.whole));
        }
        words.join("; ")
    }
}

/// Reads `state_eras` into `resolver`.
pub(super) fn load_eras(resolver: &mut StateResolver, conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "SELECT state, gsh_id, short_name, long_name, began_on, ended_on FROM state_eras \
         ORDER BY state, began_on, gsh_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let state: String = row.get(0)?;
        resolver.eras.entry(state).or_default().push(Era {
            gsh_id: row.get(1)?,
            short_name: row.get(2)?,
            long_name: row.get(3)?,
            began_on: row.get(4)?,
            ended_on: row.get(5)?,
        });
    }
    Ok(())
}

/// Whether the words of `name` (folded) come in that order in `other` (folded): "korea" in
/// "north korea", not in "koreana".
fn contains_words(other: &str, name: &str) -> bool {
    let words: Vec<&str> = other.split(' ').collect();
    let wanted: Vec<&str> = name.split(' ').collect();
    !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

impl StateResolver {
    /// The era `code` was in on `date`: of the eras whose years hold the date, the latest to
    /// begin (a rename within a year gives two).
    pub fn era_on(&self, code: &str, date: &str) -> Option<&Era> {
        self.eras
            .get(code)?
            .iter()
            .rev()
            .find(|era| dates::within(date, era.began_on.as_deref(), era.ended_on.as_deref()))
    }

    /// What `code` was on `date`: its era and the state it was a part of, if any.
    pub fn found(&self, code: &str, date: Option<&str>) -> Found {
        let era = date.and_then(|date| self.era_on(code, date)).cloned();
        // The whole is named as it was then: Syria was a part of the United Arab Republic.
        let part = date.and_then(|date| {
            let mut part = self.part_of_state(code, date)?;
            if let Some(era) = self.era_on(&part.whole, date) {
                part.whole_name = era.short_name.clone();
            }
            Some(part)
        });
        Found {
            code: code.to_string(),
            name: self.name_of(code).unwrap_or_default().to_string(),
            era,
            part,
        }
    }

    /// The whole `code` was a constituent part of on `date`, if it was one.
    fn part_of_state(&self, code: &str, date: &str) -> Option<Part> {
        let candidate = Candidate {
            code: code.to_string(),
            valid_from: None,
            valid_until: None,
            kind: NameKind::Code,
        };
        self.part_on(std::slice::from_ref(&candidate), Some(date))
    }

    /// Of several states a name means on `date`, those that bore it then: a state's name of
    /// today means it in an earlier era only where no other state bore that name then
    /// ("Taiwan" in 1930 is the Japanese colony, not the Republic of China, which was then on
    /// the mainland). All of them where none or all did.
    pub(super) fn by_era_name<'a>(
        &self,
        name: &str,
        candidates: &[Candidate],
        matching: Vec<&'a str>,
        date: &str,
    ) -> Vec<&'a str> {
        let wanted = normalize(name);
        let bore = |code: &str| {
            let timeless_name = candidates.iter().any(|c| {
                c.code == code
                    && matches!(c.kind, NameKind::Name | NameKind::OfficialName)
                    && c.valid_from.is_none()
                    && c.valid_until.is_none()
            });
            let dated = candidates.iter().any(|c| {
                c.code == code
                    && (c.valid_from.is_some()
                        || c.valid_until.is_some()
                        || c.kind == NameKind::Code)
            });
            match self.era_on(code, date) {
                Some(era) if timeless_name && !dated => {
                    [Some(era.short_name.as_str()), era.long_name.as_deref()]
                        .into_iter()
                        .flatten()
                        .any(|n| normalize(n) == wanted)
                }
                _ => true,
            }
        };
        let kept: Vec<&str> = matching.iter().copied().filter(|code| bore(code)).collect();
        if kept.is_empty() {
            matching
        } else {
            kept
        }
    }

    /// The states that a name of ended states stands for on `date`: their direct successors
    /// that existed then and bear the name in theirs ("Korea" after 1948: North Korea and South
    /// Korea, successors of the Korea of 1945-1948).
    pub(super) fn heirs_on<'a>(
        &'a self,
        name: &str,
        candidates: &[Candidate],
        date: Option<&str>,
    ) -> Vec<&'a str> {
        let Some(date) = date else {
            return Vec::new();
        };
        let wanted = normalize(name);
        let wanted = wanted.strip_prefix("the ").unwrap_or(&wanted);
        let mut heirs: Vec<&str> = self
            .successions
            .iter()
            .filter(|(before, _)| candidates.iter().any(|c| &c.code == before))
            .filter_map(|(_, after)| self.states.get_key_value(after))
            .filter(|(_, info)| {
                dates::within(
                    date,
                    info.existed_from.as_deref(),
                    info.existed_until.as_deref(),
                )
            })
            .filter(|(_, info)| {
                [Some(info.name.as_str()), info.official_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|n| contains_words(&normalize(n), wanted))
            })
            .map(|(code, _)| code.as_str())
            .collect();
        heirs.sort_unstable();
        heirs.dedup();
        heirs
    }
}

#[cfg(test)]
mod tests {
    use super::contains_words;

    #[test]
    fn words_are_matched_whole_and_in_order() {
        assert!(contains_words("north korea", "korea"));
        assert!(contains_words("republic of korea", "republic of korea"));
        assert!(!contains_words("koreana", "korea"));
        assert!(!contains_words("korea north", "north korea"));
    }
}
