//! Checking given parameters against a query's header and binding them to its statement.

use rusqlite::types::Value;
use rusqlite::Statement;

use super::{NamedQuery, Param, ParamType};
use crate::dates;
use crate::error::{Error, Result};
use crate::states::StateResolver;

impl NamedQuery {
    /// Checks and converts `given` (`name=value` pairs) into the values to bind, one per
    /// declared parameter: the value given, else the default, else NULL.
    pub fn bind_values(
        &self,
        given: &[(String, String)],
        resolver: &StateResolver,
    ) -> Result<Vec<(String, Value)>> {
        for (index, (name, value)) in given.iter().enumerate() {
            if let Some((_, first)) = given[..index].iter().find(|(n, _)| n == name) {
                return Err(Error::Parameter(format!(
                    "-p {name} is given twice ({name}={first}, then {name}={value}); give each \
                     parameter once"
                )));
            }
            if !self.params.iter().any(|p| &p.name == name) {
                return Err(Error::Parameter(format!(
                    "query '{}' has no parameter '{name}'; {}",
                    self.name,
                    self.describe_params()
                )));
            }
        }
        let mut bound = Vec::with_capacity(self.params.len());
        for param in &self.params {
            let value = match given.iter().find(|(name, _)| name == &param.name) {
                Some((_, text)) => convert(param, text.trim(), resolver)
                    .map_err(|why| Error::Parameter(format!("-p {}={text}: {why}", param.name)))?,
                None => match &param.default {
                    Some(text) => {
                        convert(param, text, resolver).map_err(|why| Error::QueryDefinition {
                            file: self.file.clone(),
                            message: format!("the default of parameter '{}': {why}", param.name),
                        })?
                    }
                    None => Value::Null,
                },
            };
            bound.push((format!(":{}", param.name), value));
        }
        Ok(bound)
    }

    /// Whether binding `given` needs the states of the database (a state parameter is given or
    /// has a default).
    pub fn needs_states(&self, given: &[(String, String)]) -> bool {
        self.params.iter().any(|p| {
            p.kind == ParamType::State
                && (p.default.is_some() || given.iter().any(|(name, _)| name == &p.name))
        })
    }

    /// The values given (or defaulted) for this query's state parameters.
    pub fn state_values<'a>(&'a self, given: &'a [(String, String)]) -> Vec<&'a str> {
        self.params
            .iter()
            .filter(|p| p.kind == ParamType::State)
            .filter_map(|p| {
                given
                    .iter()
                    .find(|(name, _)| name == &p.name)
                    .map(|(_, value)| value.as_str())
                    .or(p.default.as_deref())
            })
            .collect()
    }

    fn describe_params(&self) -> String {
        if self.params.is_empty() {
            return "it takes none".to_string();
        }
        let names: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{} ({})", p.name, p.kind))
            .collect();
        format!("it takes: {}", names.join(", "))
    }
}

fn convert(param: &Param, text: &str, resolver: &StateResolver) -> Result<Value, String> {
    match param.kind {
        ParamType::Text => Ok(Value::Text(text.to_string())),
        ParamType::Date => dates::validate(text).map(|()| Value::Text(text.to_string())),
        ParamType::Integer => text
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| "not a whole number".to_string()),
        ParamType::State => resolver
            .resolve(text, None)
            .map(|iso2| Value::Text(iso2.to_string()))
            .map_err(|e| e.to_string()),
    }
}

/// Binds `values` (from [`NamedQuery::bind_values`]) to a prepared statement by name.
fn bind(stmt: &mut Statement<'_>, values: &[(String, Value)]) -> Result<()> {
    for (name, value) in values {
        // A parameter the SQL does not use is declared in vain, not an error worth failing on.
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    Ok(())
}

/// The query prepared, checked and bound to `given`.
pub(super) fn bound_statement<'c>(
    db: &'c crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
) -> Result<rusqlite::CachedStatement<'c>> {
    let values = if query.needs_states(given) {
        let names = query.state_values(given);
        match StateResolver::for_codes(db.connection(), &names)? {
            Some(codes) => query.bind_values(given, &codes)?,
            None => query.bind_values(given, db.resolver()?)?,
        }
    } else {
        query.bind_values(given, &StateResolver::empty())?
    };
    let mut stmt = query.prepare(db.connection())?;
    bind(&mut stmt, &values)?;
    Ok(stmt)
}
