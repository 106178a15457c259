//! The source rows cite, for `import`, `add` and `update` alike: an existing one named by id
//! or by its exact title, or a new one created in the same transaction as the rows.
//!
//! A title is never created by accident: a typo in `--source` used to make a new source
//! silently; now it is refused with the nearest titles, and creating one takes `--new-source`.

use rusqlite::Connection;

use crate::dates;
use crate::error::{Error, Result, UsageError};

/// Every source's id and title.
const LIST_SQL: &str = include_str!("../sql/sources/list.sql");
/// Creates a source.
const INSERT_SQL: &str = include_str!("../sql/sources/insert.sql");

/// How many near titles a refusal suggests.
const SUGGESTIONS: usize = 3;
/// How alike (Jaro-Winkler, 0 to 1) a title must be to the one given to be suggested.
const NEAR: f64 = 0.8;
/// How long a part of a title must be to suggest the title it is in.
const MIN_PART: usize = 4;

/// The source rows cite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// An existing source, by id or by title (exactly, or but for case) (`--source`).
    Existing(String),
    /// A source to create with the rows (`--new-source`).
    New(NewSource),
}

/// A source to create: `--new-source TITLE` and what else is known of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSource {
    /// Its title, as the source gives it; no source may have it already.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where it is found: a URL.
    pub address: Option<String>,
    /// When it was published: a partial ISO 8601 date (`2024`, `2024-05`, `2024-05-01`).
    pub published_on: Option<String>,
}

/// The source cited, and whether it was created for these rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cited {
    /// Its id.
    pub id: i64,
    /// Whether it was created (`--new-source`), in the caller's transaction.
    pub created: bool,
}

/// The source `citation` names: found, or created on `conn`, which should be the transaction
/// that writes the rows citing it, so that a refused row leaves no new source behind.
pub fn cite(conn: &Connection, citation: &Citation) -> Result<Cited> {
    match citation {
        Citation::Existing(given) => Ok(Cited {
            id: find(conn, given)?,
            created: false,
        }),
        Citation::New(new) => Ok(Cited {
            id: create(conn, new)?,
            created: true,
        }),
    }
}

/// The id of the source `given` names: an id that exists, or a title that one source has
/// exactly or, failing that, but for case. Anything else is refused with the nearest titles.
pub fn find(conn: &Connection, given: &str) -> Result<i64> {
    let wanted = given.trim();
    if wanted.is_empty() {
        return Err(UsageError::MissingValue {
            option: "--source",
            what: "a source's id or title",
        }
        .into());
    }
    let sources = all(conn)?;
    if let Ok(id) = wanted.parse::<i64>() {
        if sources.iter().any(|(i, _)| *i == id) {
            return Ok(id);
        }
    }
    if let Some((id, _)) = sources.iter().find(|(_, title)| title == wanted) {
        return Ok(*id);
    }
    let folded = wanted.to_lowercase();
    let same_but_case: Vec<&(i64, String)> = sources
        .iter()
        .filter(|(_, title)| title.to_lowercase() == folded)
        .collect();
    match same_but_case.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(Error::UnknownSource {
            given: wanted.to_string(),
            // An id that does not exist is like no title: "7" is in "1776".
            near: if wanted.parse::<i64>().is_ok() {
                Vec::new()
            } else {
                near_titles(&sources, &folded)
            },
        }),
        several => Err(UsageError::AmbiguousSource {
            given: wanted.to_string(),
            matches: several
                .iter()
                .map(|(id, title)| shown(*id, title))
                .collect(),
        }
        .into()),
    }
}

/// Creates the source `new` and returns its id. Its title may not be taken (not even but for
/// case), its address must be a URL and its date a partial ISO date that exists.
pub fn create(conn: &Connection, new: &NewSource) -> Result<i64> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(UsageError::MissingValue {
            option: "--new-source",
            what: "a title",
        }
        .into());
    }
    let folded = title.to_lowercase();
    if let Some((id, taken)) = all(conn)?
        .into_iter()
        .find(|(_, t)| t.to_lowercase() == folded)
    {
        return Err(UsageError::SourceExists {
            title: title.to_string(),
            id,
            taken,
        }
        .into());
    }
    let publisher = given(&new.publisher);
    let address = given(&new.address);
    let published_on = given(&new.published_on);
    if let Some(address) = address {
        check_address(address)?;
    }
    if let Some(date) = published_on {
        dates::validate(date).map_err(|why| UsageError::BadValue {
            option: "--published-on",
            why: why.to_string(),
        })?;
    }
    conn.execute(INSERT_SQL, (title, publisher, address, published_on))?;
    Ok(conn.last_insert_rowid())
}

/// `(id, title)` of every source, by id.
fn all(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(LIST_SQL)?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The titles most like `folded` (lower case), or that hold it, as `'TITLE' (id N)`.
fn near_titles(sources: &[(i64, String)], folded: &str) -> Vec<String> {
    let mut scored: Vec<(f64, i64, &str)> = sources
        .iter()
        .map(|(id, title)| {
            let lower = title.to_lowercase();
            // A few letters are in many titles: only a longer part of one suggests it.
            let score = if folded.chars().count() >= MIN_PART && lower.contains(folded) {
                1.0
            } else {
                strsim::jaro_winkler(folded, &lower)
            };
            (score, *id, title.as_str())
        })
        .filter(|(score, _, _)| *score >= NEAR)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, id, title)| shown(id, title))
        .collect()
}

fn shown(id: i64, title: &str) -> String {
    format!("'{title}' (id {id})")
}

/// The value, unless it is missing or blank (which leaves the column empty).
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Refuses an address that is not a URL (`scheme://host...`, no spaces): a title or a note
/// given as `--address` by mistake.
fn check_address(address: &str) -> Result<()> {
    let is_url = address.split_once("://").is_some_and(|(scheme, rest)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
            && !rest.starts_with('/')
    }) && !address.contains(char::is_whitespace);
    if is_url {
        Ok(())
    } else {
        Err(UsageError::NotAUrl {
            address: address.to_string(),
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_a_url() {
        assert!(check_address("https://history.state.gov/x").is_ok());
        assert!(check_address("file://host/doc.pdf").is_ok());
        for bad in [
            "history.state.gov",
            "https://",
            "Office of the Historian",
            "a b://c",
        ] {
            assert!(check_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn near_titles_come_first_and_far_ones_not_at_all() {
        let sources = vec![
            (1, "Seed facts".to_string()),
            (2, "Office of the Historian, travels".to_string()),
        ];
        let near = near_titles(&sources, "office of the histrian");
        assert_eq!(near, ["'Office of the Historian, travels' (id 2)"]);
        assert_eq!(
            near_titles(&sources, "historian"),
            near,
            "a part of the title"
        );
        assert!(near_titles(&sources, "of").is_empty(), "too short a part");
    }
}
