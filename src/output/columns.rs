//! `--columns`: which of a result's columns are written, and in which order.

use super::OutputOptions;
use crate::error::{Error, Result};

impl OutputOptions {
    /// The positions, in `columns` (a result's column names), of the columns to write: those
    /// `--columns` chose, in its order, or all of them. A name matches exactly, else ignoring
    /// ASCII case; one that matches nothing is refused, naming the columns there are.
    pub fn pick(&self, columns: &[String]) -> Result<Vec<usize>> {
        let Some(wanted) = &self.columns else {
            return Ok((0..columns.len()).collect());
        };
        wanted
            .iter()
            .map(|name| {
                columns
                    .iter()
                    .position(|c| c == name)
                    .or_else(|| columns.iter().position(|c| c.eq_ignore_ascii_case(name)))
                    .ok_or_else(|| unknown_column(name, columns))
            })
            .collect()
    }
}

/// The error for a `--columns` name the result does not have, with the nearest name there is.
fn unknown_column(name: &str, columns: &[String]) -> Error {
    let nearest = columns
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone());
    Error::UnknownColumn {
        name: name.to_string(),
        nearest,
        known: columns.join(", "),
    }
}
