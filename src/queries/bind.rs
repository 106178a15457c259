//! Checking given parameters against a query's header and binding them to its statement.

use rusqlite::types::Value;
use rusqlite::{Connection, Statement};

use super::values::{self, Bound, ValueSet};
use super::{ColumnRef, NamedQuery, Param, ParamType};
use crate::catalog::Catalog as Schema;
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
            .map(|code| Value::Text(code.to_string()))
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

/// The query prepared, checked and bound to `given`, for callers that read its rows
/// themselves (the dossier).
pub(crate) fn bound_statement<'c>(
    db: &'c crate::Database,
    query: &NamedQuery,
    given: &[(String, String)],
) -> Result<rusqlite::CachedStatement<'c>> {
    let given = query.settle_values(db.connection(), given)?;
    let given = given.as_slice();
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

impl NamedQuery {
    /// What bounds each parameter declared `in TABLE.COLUMN`, checked against the schema of
    /// the database behind `conn`: a table or column that is not there, or a column whose
    /// values are no known set, is an error naming the file.
    fn bounds(&self, conn: &Connection) -> Result<Vec<(&Param, Bound)>> {
        let declared: Vec<(&Param, &ColumnRef)> = self
            .params
            .iter()
            .filter_map(|p| p.values_from.as_ref().map(|c| (p, c)))
            .collect();
        if declared.is_empty() {
            return Ok(Vec::new());
        }
        let mut bounds = Vec::with_capacity(declared.len());
        for (param, column) in declared {
            let found = match Schema::read_table(conn, &column.table)? {
                Some(table) => values::bound(&table, column),
                None => Err(values::no_table(conn, column)?),
            };
            let bound = found.map_err(|why| Error::QueryDefinition {
                file: self.file.clone(),
                message: format!(
                    "parameter '{}' takes its values in {column}, but {why}; name a column with \
                     a CHECK (col IN (...)) or a REFERENCES, or leave out 'in {column}'",
                    param.name
                ),
            })?;
            bounds.push((param, bound));
        }
        Ok(bounds)
    }

    /// Whether every column named by an `in TABLE.COLUMN` is in the database (what is wrong
    /// with one that is not, [`NamedQuery::bounds`] says).
    fn columns_exist(&self, conn: &Connection) -> Result<bool> {
        for column in self.params.iter().filter_map(|p| p.values_from.as_ref()) {
            let found: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
                [&column.table, &column.column],
                |row| row.get(0),
            )?;
            if !found {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The values each parameter declared `in TABLE.COLUMN` can take, in declaration order
    /// (what `reldb queries NAME` shows).
    pub fn value_sets(&self, conn: &Connection) -> Result<Vec<(String, ValueSet)>> {
        self.bounds(conn)?
            .into_iter()
            .map(|(param, bound)| Ok((param.name.clone(), bound.values(conn)?)))
            .collect()
    }

    /// `given` with each value of a parameter declared `in TABLE.COLUMN` checked against what
    /// the column can hold, and put in its case there; a value it cannot hold is refused with
    /// the nearest ones, as a filter on it could only return nothing. A default is checked
    /// the same way.
    fn settle_values(
        &self,
        conn: &Connection,
        given: &[(String, String)],
    ) -> Result<Vec<(String, String)>> {
        let used = self.params.iter().any(|p| {
            p.values_from.is_some()
                && (p.default.is_some() || given.iter().any(|(name, _)| name == &p.name))
        });
        // Reading the schema catalog takes milliseconds, more than many a query: when no such
        // value needs checking, a look at each column is enough to find a misnamed one.
        if !used && self.columns_exist(conn)? {
            return Ok(given.to_vec());
        }
        let mut settled = given.to_vec();
        for (param, bound) in self.bounds(conn)? {
            let set = bound.values(conn)?;
            if let Some(default) = &param.default {
                let picked =
                    set.pick(default, &self.name)
                        .map_err(|why| Error::QueryDefinition {
                            file: self.file.clone(),
                            message: format!("the default of parameter '{}': {why}", param.name),
                        })?;
                if !settled.iter().any(|(name, _)| name == &param.name) {
                    settled.push((param.name.clone(), picked));
                }
            }
            for (name, value) in settled.iter_mut().filter(|(name, _)| name == &param.name) {
                *value = set
                    .pick(value.trim(), &self.name)
                    .map_err(|why| Error::Parameter(format!("-p {name}={value}: {why}")))?;
            }
        }
        Ok(settled)
    }
}
