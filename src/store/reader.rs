//! The seam between the lookups and the engine that answers them: the embedded store, or a
//! SPARQL server ([`crate::remote`]). A lookup writes its SPARQL once, as [`Part`]s where
//! the two forms differ, and reads its rows the same way from either engine.
//!
//! The embedded store reads each row's properties through `LATERAL` (SEP-0006, an Oxigraph
//! extension): every property is one index seek for the claim at hand. Other engines reject
//! `LATERAL`, so they get the same patterns as plain SPARQL 1.1 `OPTIONAL`s, which give the
//! same rows (each `OPTIONAL`'s patterns are joined with what binds the claim first).

use std::fmt::Write as _;

use oxigraph::model::{LiteralRef, NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::QuerySolution;

use super::StoreError;

/// A claim as a text index names it: the claim, its article graph, and its place in the
/// claims' order when the index knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimHit {
    pub claim: NamedNode,
    pub graph: NamedNode,
    /// Its article's date as days from the common era (`i64::MAX` when undated) and its
    /// position in the article: with the graph's IRI between the two, the order in which
    /// [`super::Lookups::claims`] lists claims.
    pub order: Option<(i64, u64)>,
    /// Its row, when the index holds it: what the row query would read of it in the store.
    pub row: Option<super::ClaimRow>,
}

/// Claims as a text index names them.
pub type ClaimHits = Vec<ClaimHit>;

/// Which SPARQL an engine takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SparqlForm {
    /// Oxigraph's, with `LATERAL`: the embedded store's fast path.
    Lateral,
    /// Standard SPARQL 1.1 only, for any server.
    Standard,
}

/// What the lookups ([`super::Lookups`]) need of an engine: the rows of a SELECT query.
///
/// Queries are written with the prefixes of [`crate::graph::vocab::PREFIXES`] and name every
/// graph they read (`GRAPH ?g`), so they mean the same whatever an engine's default graph is.
pub trait SparqlReader: Sync {
    /// The rows of a SELECT query, the prefixes of [`crate::graph::vocab::PREFIXES`]
    /// predeclared.
    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, StoreError>;

    /// Which SPARQL it takes.
    fn form(&self) -> SparqlForm;

    /// Whether `graph` is one of its named graphs.
    fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let rows = self.select(&format!(
            "SELECT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT 1"
        ))?;
        Ok(!rows.is_empty())
    }

    /// Claims (with their graphs) whose content holds the words of `query`, from a text
    /// index; `None` when the engine has none, and the lookups ask for a substring in SPARQL.
    fn claims_with_words(&self, query: &str) -> Result<Option<ClaimHits>, StoreError> {
        let _ = query;
        Ok(None)
    }

    /// Claims whose source as written contains `part`, or whose source goes by a name (in
    /// any article) that contains it, case aside, from a text index; `None` as for
    /// [`SparqlReader::claims_with_words`], and the lookups read every name in SPARQL.
    fn claims_with_source_containing(&self, part: &str) -> Result<Option<ClaimHits>, StoreError> {
        let _ = part;
        Ok(None)
    }

    /// A node with `predicate` `object` in some graph, if any.
    fn subject_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: LiteralRef<'_>,
    ) -> Result<Option<NamedNode>, StoreError> {
        let rows = self.select(&format!(
            "SELECT ?s WHERE {{ GRAPH ?g {{ ?s {predicate} {object} }} FILTER(isIRI(?s)) }} LIMIT 1"
        ))?;
        Ok(rows.first().and_then(|row| match row.get("s") {
            Some(Term::NamedNode(node)) => Some(node.clone()),
            _ => None,
        }))
    }
}

/// One part of a row query: a group read for the solution at hand (`GRAPH ?g { ?claim
/// schema:text ?content }`), optional or not, and the parts that read what it binds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part {
    pub group: &'static str,
    pub optional: bool,
    pub then: &'static [Part],
}

impl Part {
    /// A part every row has.
    pub const fn required(group: &'static str) -> Part {
        Part {
            group,
            optional: false,
            then: &[],
        }
    }

    /// A part a row may lack.
    pub const fn optional(group: &'static str) -> Part {
        Part {
            group,
            optional: true,
            then: &[],
        }
    }

    /// A part a row may lack, and what is read for what it binds.
    pub const fn optional_then(group: &'static str, then: &'static [Part]) -> Part {
        Part {
            group,
            optional: true,
            then,
        }
    }
}

/// `parts` written in `form`, one group a line.
pub(super) fn render(parts: &[Part], form: SparqlForm) -> String {
    let mut sparql = String::new();
    write_parts(&mut sparql, parts, form, 2);
    sparql
}

fn write_parts(sparql: &mut String, parts: &[Part], form: SparqlForm, indent: usize) {
    let pad = " ".repeat(indent);
    for part in parts {
        let group = part.group;
        match (form, part.optional) {
            (SparqlForm::Lateral, false) => {
                let _ = writeln!(sparql, "{pad}LATERAL {{ {group} }}");
                write_parts(sparql, part.then, form, indent);
            }
            (SparqlForm::Lateral, true) if part.then.is_empty() => {
                let _ = writeln!(sparql, "{pad}LATERAL {{ OPTIONAL {{ {group} }} }}");
            }
            (SparqlForm::Lateral, true) => {
                let _ = writeln!(sparql, "{pad}LATERAL {{ OPTIONAL {{ {{ {group} }}");
                write_parts(sparql, part.then, form, indent + 2);
                let _ = writeln!(sparql, "{pad}}} }}");
            }
            (SparqlForm::Standard, false) => {
                let _ = writeln!(sparql, "{pad}{{ {group} }}");
                write_parts(sparql, part.then, form, indent);
            }
            (SparqlForm::Standard, true) => {
                let _ = writeln!(sparql, "{pad}OPTIONAL {{ {group}");
                write_parts(sparql, part.then, form, indent + 2);
                let _ = writeln!(sparql, "{pad}}}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTS: &[Part] = &[
        Part::required("GRAPH ?g { ?claim hs:article ?article }"),
        Part::optional("GRAPH ?g { ?claim schema:text ?content }"),
        Part::optional_then(
            "GRAPH ?g { ?claim prov:wasAttributedTo ?source }",
            &[Part::optional("GRAPH ?g { ?source schema:name ?name }")],
        ),
    ];

    #[test]
    fn both_forms_nest_what_reads_a_binding_inside_its_optional() {
        assert_eq!(
            render(PARTS, SparqlForm::Lateral),
            "  LATERAL { GRAPH ?g { ?claim hs:article ?article } }
  LATERAL { OPTIONAL { GRAPH ?g { ?claim schema:text ?content } } }
  LATERAL { OPTIONAL { { GRAPH ?g { ?claim prov:wasAttributedTo ?source } }
    LATERAL { OPTIONAL { GRAPH ?g { ?source schema:name ?name } } }
  } }
"
        );
        let standard = render(PARTS, SparqlForm::Standard);
        assert_eq!(
            standard,
            "  { GRAPH ?g { ?claim hs:article ?article } }
  OPTIONAL { GRAPH ?g { ?claim schema:text ?content }
  }
  OPTIONAL { GRAPH ?g { ?claim prov:wasAttributedTo ?source }
    OPTIONAL { GRAPH ?g { ?source schema:name ?name }
    }
  }
"
        );
        assert!(!standard.contains("LATERAL"));
    }
}
