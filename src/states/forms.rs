//! Names as records write them beyond a state's own names: a constituent part of a state on a
//! date (a 1980 visit to "Tadzhikistan" was a visit to the Soviet Union), a name with another
//! in brackets ("Siam (Thailand)"), and a government's form ("Poland (government-in-exile)").

use std::collections::HashMap;

use rusqlite::Connection;

use super::{normalize, Candidate, NameKind, ResolveError, StateResolver};
use crate::dates;

/// A constituent part of a state on a date: the part and the whole it belonged to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's code (TJ).
    pub part: String,
    /// The code of the state it was part of (SUHH).
    pub whole: String,
    /// The whole's name (Soviet Union).
    pub whole_name: String,
}

/// Years in which a state was a part of another (a row of `state_parts`).
#[derive(Debug)]
pub(super) struct PartSpan {
    whole: String,
    from: String,
    until: Option<String>,
}

/// Words that make a bracket a form of government, not another name: the state is meant.
const GOVERNMENT_FORMS: [&str; 7] = [
    "government",
    "authority",
    "exile",
    "provisional",
    "interim",
    "regime",
    "administration",
];

/// Reads `state_parts` (each part's name in those years is a name of the part) and
/// `state_successions` into `resolver`.
pub(super) fn load_history(
    resolver: &mut StateResolver,
    conn: &Connection,
) -> rusqlite::Result<()> {
    let mut parts: HashMap<String, Vec<PartSpan>> = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT state, part_of, name, part_from, part_until FROM state_parts")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let state: String = row.get(0)?;
        let from: String = row.get(3)?;
        let until: Option<String> = row.get(4)?;
        if let Some(name) = row.get::<_, Option<String>>(2)? {
            let years = (Some(from.clone()), until.clone());
            resolver.add(&name, &state, years, NameKind::Alias);
        }
        parts.entry(state).or_default().push(PartSpan {
            whole: row.get(1)?,
            from,
            until,
        });
    }
    resolver.parts = parts;
    let mut stmt = conn.prepare("SELECT predecessor, successor FROM state_successions")?;
    let pairs = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    resolver.successions = pairs.collect::<rusqlite::Result<_>>()?;
    super::eras::load_eras(resolver, conn)
}

/// A name written inverted, as lists sort names ("China, Republic of", "Gambia, The"), in its
/// own order ("Republic of China", "The Gambia"); `None` for a name with no comma or several.
pub(super) fn uninverted(name: &str) -> Option<String> {
    let (head, tail) = name.split_once(',')?;
    let (head, tail) = (head.trim(), tail.trim());
    (!tail.contains(',') && !head.is_empty() && !tail.is_empty()).then(|| format!("{tail} {head}"))
}

/// `("Siam", "Thailand")` of `"Siam (Thailand)"`; `None` for a name without a closing bracket
/// at its end.
fn split_brackets(name: &str) -> Option<(&str, &str)> {
    let inner = name.trim().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let outer = inner[..open].trim();
    let bracketed = inner[open + 1..].trim();
    (!outer.is_empty() && !bracketed.is_empty()).then_some((outer, bracketed))
}

fn is_government_form(bracketed: &str) -> bool {
    let folded = normalize(bracketed);
    GOVERNMENT_FORMS.iter().any(|word| folded.contains(word))
}

impl StateResolver {
    /// The part of a whole that one of `candidates` names on `date`: the name meant the
    /// part then, and the part was inside a whole that existed.
    pub(super) fn part_on(&self, candidates: &[Candidate], date: Option<&str>) -> Option<Part> {
        let date = date?;
        candidates.iter().find_map(|c| {
            if !dates::within(date, c.valid_from.as_deref(), c.valid_until.as_deref()) {
                return None;
            }
            let span = self.parts.get(&c.code)?.iter().find(|span| {
                dates::within(date, Some(&span.from), span.until.as_deref())
                    && self.states.get(&span.whole).is_some_and(|whole| {
                        dates::within(
                            date,
                            whole.existed_from.as_deref(),
                            whole.existed_until.as_deref(),
                        )
                    })
            })?;
            Some(Part {
                part: c.code.clone(),
                whole: span.whole.clone(),
                whole_name: self.name_of(&span.whole).unwrap_or_default().to_string(),
            })
        })
    }

    /// A name of a part on `date`: the whole with `--part-of`, else refused, saying so.
    pub(super) fn as_part(
        &self,
        name: &str,
        date: &str,
        candidates: &[Candidate],
    ) -> Result<&str, ResolveError> {
        let part = self
            .part_on(candidates, Some(date))
            .expect("the caller found the part");
        if self.part_of {
            let (code, _) = self
                .states
                .get_key_value(&part.whole)
                .expect("a part's whole is a state");
            return Ok(code);
        }
        Err(ResolveError::PartOf {
            name: name.to_string(),
            date: date.to_string(),
            part: Box::new(part),
        })
    }

    /// "Name (Other name)": the state both names mean on the date, where the bracketed name
    /// is the same state or its predecessor or successor (a later name: "Dahomey (Benin)");
    /// "Name (provisional government)": the state.
    pub(super) fn resolve_form(
        &self,
        name: &str,
        date: Option<&str>,
    ) -> Result<&str, ResolveError> {
        let unknown = || ResolveError::Unknown {
            name: name.to_string(),
            suggestions: self.suggestions(name),
        };
        let Some((outer, bracketed)) = split_brackets(name) else {
            return Err(unknown());
        };
        if is_government_form(bracketed) {
            return self.resolve(outer, date);
        }
        let (first, second) = match self.resolve(outer, date) {
            Ok(code) => (code, bracketed),
            Err(ResolveError::Unknown { .. }) => match self.resolve(bracketed, date) {
                Ok(code) => (code, outer),
                Err(_) => return Err(unknown()),
            },
            Err(e) => return Err(e),
        };
        let other = self
            .resolve(second, date)
            .or_else(|_| self.resolve(second, None));
        match other {
            Ok(code) if self.related(first, code) => Ok(first),
            Ok(code) => Err(ResolveError::Ambiguous {
                name: name.to_string(),
                states: self.describe([first, code].into_iter()),
            }),
            Err(_) => Err(unknown()),
        }
    }

    /// The same state, or one that directly succeeded the other.
    fn related(&self, a: &str, b: &str) -> bool {
        a == b
            || self.successions.contains(&(a.to_string(), b.to_string()))
            || self.successions.contains(&(b.to_string(), a.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::{is_government_form, split_brackets, uninverted};

    #[test]
    fn an_inverted_name_is_put_in_its_order() {
        assert_eq!(
            uninverted("China, Republic of").as_deref(),
            Some("Republic of China")
        );
        assert_eq!(uninverted("Gambia, The").as_deref(), Some("The Gambia"));
        assert_eq!(uninverted("China"), None);
        assert_eq!(uninverted("Yemen, Democratic, People's Republic of"), None);
    }

    #[test]
    fn brackets_split_at_the_last_one() {
        assert_eq!(
            split_brackets("Siam (Thailand)"),
            Some(("Siam", "Thailand"))
        );
        assert_eq!(split_brackets("Siam"), None);
        assert_eq!(split_brackets("(Thailand)"), None);
    }

    #[test]
    fn government_forms_are_told_from_names() {
        assert!(is_government_form("government-in-exile"));
        assert!(is_government_form("Provisional Government"));
        assert!(!is_government_form("Sri Lanka"));
    }
}
