//! Why a name did not resolve to exactly one state.

use std::fmt;

use super::Part;

/// Why a name did not resolve to exactly one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No state has this name; `suggestions` are the closest known names.
    Unknown {
        /// The name as given.
        name: String,
        /// Close names, best first.
        suggestions: Vec<String>,
    },
    /// The name is known, but no state it names existed on the date.
    NotOnDate {
        /// The name as given.
        name: String,
        /// The date of the fact.
        date: String,
        /// The states the name can mean, as `code (name, existed ...)`.
        states: Vec<String>,
    },
    /// On the date the name meant a constituent part of another state (the Tajik SSR of the
    /// Soviet Union); `--part-of` counts it as the whole.
    PartOf {
        /// The name as given.
        name: String,
        /// The date of the fact.
        date: String,
        /// The part's code and the whole's code and name.
        part: Box<Part>,
    },
    /// The name means several states, and nothing tells them apart.
    Ambiguous {
        /// The name as given.
        name: String,
        /// The states it may mean.
        states: Vec<String>,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Unknown { name, suggestions } if suggestions.is_empty() => {
                write!(
                    f,
                    "unknown state '{name}'; run `reldb query states` for the list"
                )
            }
            ResolveError::Unknown { name, suggestions } => write!(
                f,
                "unknown state '{name}'; did you mean {}? (or add the name to state_aliases)",
                suggestions
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ResolveError::NotOnDate { name, date, states } => write!(
                f,
                "'{name}' names no state that existed on {date}: {}",
                states.join("; ")
            ),
            ResolveError::PartOf { name, date, part } => write!(
                f,
                "'{name}' on {date} was part of {} ({}); give --part-of to count it as {}, or the code {}",
                part.whole_name, part.whole, part.whole_name, part.whole
            ),
            ResolveError::Ambiguous { name, states } => write!(
                f,
                "'{name}' may mean {}; give the state code instead",
                states.join(" or ")
            ),
        }
    }
}

impl std::error::Error for ResolveError {}
