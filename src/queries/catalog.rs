//! The named queries at hand: the built-in ones and a user's folder of them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use super::NamedQuery;
use crate::embedded::QUERIES;
use crate::error::{Error, Result};

/// The built-in queries, parsed once per process: the dossier runs several of them, and every
/// run would otherwise parse them all again.
static BUILTIN: OnceLock<Vec<NamedQuery>> = OnceLock::new();

/// Every built-in named query, sorted by name.
pub fn builtin() -> Result<Vec<NamedQuery>> {
    Ok(parsed_builtin()?.to_vec())
}

/// The built-in query called `name`.
pub fn find(name: &str) -> Result<NamedQuery> {
    let queries = parsed_builtin()?;
    named(queries, name).cloned()
}

fn parsed_builtin() -> Result<&'static [NamedQuery]> {
    if let Some(queries) = BUILTIN.get() {
        return Ok(queries);
    }
    let mut queries = QUERIES
        .iter()
        .map(|(stem, text)| NamedQuery::parse(&format!("queries/{stem}.sql"), text))
        .collect::<Result<Vec<_>>>()?;
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(BUILTIN.get_or_init(|| queries))
}

/// The query called `name` among `queries`, or an error that lists them.
fn named<'q>(queries: &'q [NamedQuery], name: &str) -> Result<&'q NamedQuery> {
    queries
        .iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuery {
            name: name.to_string(),
            nearest: nearest_name(queries, name),
            known: queries
                .iter()
                .map(|q| q.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The query whose name is most like `name` (a typo: `visists`), if one is close enough to be
/// what was meant.
fn nearest_name(queries: &[NamedQuery], name: &str) -> Option<String> {
    let wanted = name.to_lowercase();
    queries
        .iter()
        .map(|q| {
            (
                strsim::jaro_winkler(&wanted, &q.name.to_lowercase()),
                &q.name,
            )
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.clone())
}

/// Every `*.sql` file of a user's queries folder, parsed, in file-name order. Other files are
/// left alone; a file that cannot be read or parsed is an error naming it.
pub fn load_dir(dir: &Path) -> Result<Vec<NamedQuery>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    files
        .iter()
        .map(|path| NamedQuery::parse_user(path))
        .collect()
}

/// The named queries at hand: the built-in ones and, if a folder is given, the user's.
#[derive(Debug, Clone)]
pub struct Catalog {
    queries: Vec<NamedQuery>,
}

impl Catalog {
    /// The built-in queries, and those of `user_dir` if given. A user's query may not take a
    /// built-in query's name, nor two user files one name: either is an error naming the file.
    pub fn load(user_dir: Option<&Path>) -> Result<Self> {
        let mut queries = builtin()?;
        if let Some(dir) = user_dir {
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            for query in load_dir(dir)? {
                if queries.iter().any(|q| q.name == query.name && !q.is_user()) {
                    return Err(Error::QueryDefinition {
                        file: query.file,
                        message: format!(
                            "names its query '{}', which is a built-in query's name; give it \
                             another '-- name:' (a user query may not replace a built-in one)",
                            query.name
                        ),
                    });
                }
                if let Some(first) = seen.insert(query.name.clone(), query.file.clone()) {
                    return Err(Error::QueryDefinition {
                        file: query.file,
                        message: format!(
                            "names its query '{}', as {first} does; give one of them another \
                             '-- name:'",
                            query.name
                        ),
                    });
                }
                queries.push(query);
            }
            queries.sort_by(|a, b| a.name.cmp(&b.name));
        }
        Ok(Catalog { queries })
    }

    /// Every query, sorted by name.
    pub fn all(&self) -> &[NamedQuery] {
        &self.queries
    }

    /// The query called `name`.
    pub fn find(&self, name: &str) -> Result<&NamedQuery> {
        named(&self.queries, name)
    }
}
