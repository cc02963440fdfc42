//! Values in and out of the lookups' SPARQL: what a solution binds, read as plain Rust
//! values, and the filter text users give, written as escaped literals.

use chrono::NaiveDate;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::QuerySolution;

use crate::graph::vocab::xsd;

/// The value of a bound IRI or literal, as a string.
pub(super) fn string(solution: &QuerySolution, variable: &str) -> Option<String> {
    match solution.get(variable)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// A bound literal parsed as a number.
pub(super) fn number<T: std::str::FromStr>(solution: &QuerySolution, variable: &str) -> Option<T> {
    match solution.get(variable)? {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

/// A bound `xsd:date` (or any literal spelled `YYYY-MM-DD`).
pub(super) fn date(solution: &QuerySolution, variable: &str) -> Option<NaiveDate> {
    string(solution, variable).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// A filter value given with something in it other than spaces.
pub(super) fn nonblank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A SPARQL string literal for any text: Oxigraph escapes quotes, backslashes and line breaks.
pub(super) fn literal(value: &str) -> String {
    Literal::new_simple_literal(value).to_string()
}

/// A SPARQL `xsd:date` literal.
pub(super) fn date_literal(date: NaiveDate) -> String {
    Literal::new_typed_literal(date.format("%Y-%m-%d").to_string(), xsd::DATE).to_string()
}
