//! Claims tracked across articles: the propositions graph (rebuilt from every article graph
//! after an ingest, so it is a function of the articles stored), the names already known
//! (for resolving surnames and acronyms at ingest), and read-time lookups: propositions
//! with their counts, contested ones, and timelines. Knows nothing of the CLI or of reading
//! articles; grouping and confidence come from [`crate::track`].
//!
//! Counts (claims, origins asserting / denying / declining to confirm, first appearance)
//! are never stored: every lookup derives them by SPARQL, so they cannot go stale. Only
//! whether a proposition is contested is written with it (`hs:contested`, by the refresh,
//! from the same counts), so that the contested few are found without counting every
//! proposition's origins.

mod incremental;
mod refresh;
mod wanted;

pub use refresh::ClaimSet;

use std::fmt::Write as _;

use chrono::NaiveDate;
use oxigraph::model::{NamedNode, NamedNodeRef};
use oxigraph::sparql::QuerySolution;
use rayon::prelude::*;

use super::lookup::SOURCE_NAMES;
use super::narrowing::{rows_narrowed, Narrowing};
use super::reader::{render, Part, SparqlForm, SparqlReader};
use super::values::{date, literal, nonblank, number, string};
use super::{Store, StoreError};
use crate::extract::Stance;
use crate::graph::vocab::{hs, ID};
use crate::graph::{claim_id_from_iri, stance_from_iri};
use crate::track::NameIndex;

/// The named graph that holds propositions and each claim's place in them.
pub const PROPOSITIONS_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/hearsay/id/graph/propositions");

/// The IRI of the proposition with short id `id` (16 hex digits), if `id` is one.
pub fn proposition_iri_from_id(id: &str) -> Option<NamedNode> {
    let id = id.trim();
    let id = id.strip_prefix(&format!("{ID}proposition/")).unwrap_or(id);
    (id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then(|| NamedNode::new_unchecked(format!("{ID}proposition/{id}")))
}

/// The short id of a proposition IRI.
pub fn proposition_id(iri: &str) -> &str {
    iri.strip_prefix(ID)
        .and_then(|s| s.strip_prefix("proposition/"))
        .unwrap_or(iri)
}

/// What one [`Store::refresh_propositions`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RefreshOutcome {
    /// Claims read from the article graphs.
    pub claims: usize,
    /// Claims placed in a proposition.
    pub assigned: usize,
    /// Propositions written.
    pub propositions: usize,
    /// Time from reading the claims to the last change handed to the store.
    pub took: std::time::Duration,
}

/// Which propositions [`crate::store::Lookups::propositions`] returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropositionFilter {
    /// Only propositions some origin asserts and another origin denies.
    pub contested: bool,
    /// Only propositions asserted by at least this many independent origins.
    pub min_origins: Option<usize>,
    /// Only propositions with at least this many claims.
    pub min_claims: Option<usize>,
    /// Case-insensitive substring of the proposition's label.
    pub text: Option<String>,
}

/// One proposition, with counts derived at read time.
#[derive(Debug, Clone, PartialEq)]
pub struct PropositionRow {
    /// Short id (16 hex digits).
    pub id: String,
    pub iri: String,
    /// The content of its first asserting claim; never asserted as fact.
    pub label: String,
    pub confidence: Option<f64>,
    /// Earliest date of an article with one of its claims.
    pub first_seen: Option<NaiveDate>,
    pub claims: usize,
    pub articles: usize,
    /// Independent origins asserting it (reprints and relays of one origin count once).
    pub asserting: usize,
    pub denying: usize,
    pub unconfirmed: usize,
    /// Independent origins on either side, asserting or denying: a proposition is contested
    /// when it has both sides and at least two of these.
    pub contending: usize,
}

impl PropositionRow {
    /// Whether some origin asserts it and another denies it.
    pub fn is_contested(&self) -> bool {
        is_contested(self.asserting, self.denying, self.contending)
    }
}

/// Whether a proposition with these counts of independent origins is contested: both sides,
/// and two origins between them (a source contradicting itself is no contest). The refresh
/// writes it (`hs:contested`) and the lookups' `HAVING` says the same.
pub(super) fn is_contested(asserting: usize, denying: usize, contending: usize) -> bool {
    asserting > 0 && denying > 0 && contending > 1
}

/// What [`crate::store::Lookups::timeline`] selects; every field `None` lists every claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineQuery {
    /// Case-insensitive substring of the source's name, label, alias, key or surface text.
    pub source: Option<String>,
    /// Case-insensitive substring of the content.
    pub text: Option<String>,
    /// A proposition's short id or IRI.
    pub proposition: Option<String>,
}

/// One claim in a timeline, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub claim_id: String,
    pub date: Option<NaiveDate>,
    /// The source's resolved name ("Dmitry Peskov"), else its name as keyed.
    pub source: Option<String>,
    /// The source as written in this article ("Peskov", "it").
    pub source_text: Option<String>,
    pub cue: String,
    pub content: String,
    /// The claim's own stance.
    pub stance: Stance,
    /// What it does with its proposition, when it has one.
    pub proposition_stance: Option<Stance>,
    pub proposition_id: Option<String>,
    /// The independent origin's name when it differs from the source (a relayed claim).
    pub origin: Option<String>,
    pub publisher: Option<String>,
    pub title: Option<String>,
    pub article_iri: String,
}

impl Store {
    /// The full names and acronyms of every source in the store (their `rdfs:label`), for
    /// resolving "Peskov" or "KCNA" in the next articles ingested.
    pub fn known_names(&self) -> Result<NameIndex, StoreError> {
        let mut index = NameIndex::new();
        // In an article graph only sources have a label (the propositions graph labels its
        // propositions), so the labels are asked for alone: joined with the sources' type,
        // the query took 11.4 s on the 42,000-article replica store (700,000 source
        // mentions), every ingest run; alone, 0.35 s.
        let rows = self.select(&format!(
            "SELECT DISTINCT ?label WHERE {{ GRAPH ?g {{ ?s rdfs:label ?label }} \
             FILTER(?g != {PROPOSITIONS_GRAPH}) }}"
        ))?;
        for row in rows {
            if let Some(label) = string(&row, "label") {
                index.add(&label);
            }
        }
        Ok(index)
    }
}

/// One proposition by id or IRI (see [`super::Lookups::proposition`]).
pub(in crate::store) fn proposition<S: SparqlReader + ?Sized>(
    db: &S,
    id_or_iri: &str,
) -> Result<Option<PropositionRow>, StoreError> {
    let Some(iri) = proposition_iri_from_id(id_or_iri) else {
        return Ok(None);
    };
    let filter = PropositionFilter {
        min_claims: Some(1),
        ..PropositionFilter::default()
    };
    Ok(propositions_among(db, &filter, Some(&iri))?
        .into_iter()
        .next())
}

/// Propositions matching `filter` (see [`super::Lookups::propositions`]), of `only` when
/// given.
pub(in crate::store) fn propositions_among<S: SparqlReader + ?Sized>(
    db: &S,
    filter: &PropositionFilter,
    only: Option<&NamedNode>,
) -> Result<Vec<PropositionRow>, StoreError> {
    let text = nonblank(&filter.text).map(|t| literal(&t.to_lowercase()));
    // Contested propositions have a denial (denials are few), and a word narrows by the
    // labels: list those propositions first, then read each one's claims (LATERAL). Over
    // every proposition, hash joins of the whole graph win.
    let mut candidates = Vec::new();
    if let Some(iri) = only {
        candidates.push(format!("VALUES ?p {{ {iri} }}"));
    }
    if filter.contested {
        candidates.push(if marks_contested(db)? {
            format!("GRAPH {PROPOSITIONS_GRAPH} {{ ?p hs:contested true }}")
        } else {
            // A store from before hs:contested: the propositions some claim denies.
            format!(
                "GRAPH {PROPOSITIONS_GRAPH} {{ ?denial hs:propositionStance hs:Denied ; hs:proposition ?p }}"
            )
        });
    }
    if let Some(q) = &text {
        candidates.push(format!(
            "GRAPH {PROPOSITIONS_GRAPH} {{ ?p rdfs:label ?l FILTER(CONTAINS(LCASE(?l), {q})) }}"
        ));
    }
    let mut having = Vec::new();
    if filter.contested {
        // Both sides, and two origins between them: then some origin asserts what
        // another denies (a source contradicting itself is no contest).
        having.push(
            "COUNT(DISTINCT ?asserting) > 0 && COUNT(DISTINCT ?denying) > 0 && COUNT(DISTINCT ?contending) > 1"
                .to_owned(),
        );
    }
    if let Some(n) = filter.min_origins {
        having.push(format!("COUNT(DISTINCT ?asserting) >= {n}"));
    }
    if let Some(n) = filter.min_claims {
        having.push(format!("COUNT(DISTINCT ?claim) >= {n}"));
    }
    // The query for the propositions `from` lists (all of them when `None`).
    let counts = |from: Option<&str>| {
        let mut sparql = String::from(
            "SELECT ?p ?label ?confidence (MIN(?date) AS ?first) (COUNT(DISTINCT ?claim) AS ?claims)
   (COUNT(DISTINCT ?article) AS ?articles)
   (COUNT(DISTINCT ?asserting) AS ?a) (COUNT(DISTINCT ?denying) AS ?d)
   (COUNT(DISTINCT ?declining) AS ?u) (COUNT(DISTINCT ?contending) AS ?c)
WHERE {
",
        );
        match from {
            None => sparql.push_str(&joined_patterns(PROPOSITION_PATTERNS)),
            Some(from) => {
                sparql.push_str(from);
                sparql.push_str(&match db.form() {
                    SparqlForm::Lateral => lateral_patterns(PROPOSITION_PATTERNS),
                    SparqlForm::Standard => joined_patterns(PROPOSITION_PATTERNS),
                });
            }
        }
        sparql.push_str(
            "  # An unsourced claim's origin is its text: reprints of it still count once.
  BIND(COALESCE(?o, ?body, ?claim) AS ?origin)
  BIND(IF(?stance = hs:Asserted, ?origin, ?none) AS ?asserting)
  BIND(IF(?stance = hs:Denied, ?origin, ?none) AS ?denying)
  BIND(IF(?stance = hs:Unconfirmed, ?origin, ?none) AS ?declining)
  BIND(IF(?stance = hs:Asserted || ?stance = hs:Denied, ?origin, ?none) AS ?contending)
",
        );
        sparql.push_str("}\nGROUP BY ?p ?label ?confidence\n");
        if !having.is_empty() {
            let _ = writeln!(sparql, "HAVING({})", having.join(" && "));
        }
        sparql
    };
    let solutions = if candidates.is_empty() {
        db.select(&counts(None))?
    } else if db.form() == SparqlForm::Lateral {
        // The candidates listed first, then counted in parts on every core (four a core,
        // as some propositions have many more claims than others): each proposition's
        // claims are read for it alone (LATERAL), so the parts add up.
        let listed: Vec<String> = db
            .select(&format!(
                "SELECT DISTINCT ?p WHERE {{ {} }}",
                candidates.join(" ")
            ))?
            .iter()
            .filter_map(|s| match s.get("p") {
                Some(oxigraph::model::Term::NamedNode(p)) => Some(p.to_string()),
                _ => None,
            })
            .collect();
        let cores = rayon::current_num_threads().max(1);
        let parts: Vec<Vec<QuerySolution>> = listed
            .par_chunks(listed.len().div_ceil(4 * cores).max(1))
            .map(|part| {
                db.select(&counts(Some(&format!(
                    "  VALUES ?p {{ {} }}\n",
                    part.join(" ")
                ))))
            })
            .collect::<Result<_, _>>()?;
        parts.into_iter().flatten().collect()
    } else {
        db.select(&counts(Some(&format!(
            "  {{ SELECT DISTINCT ?p WHERE {{ {} }} }}\n",
            candidates.join(" ")
        ))))?
    };
    let mut rows: Vec<PropositionRow> = solutions
        .iter()
        .map(|s| {
            let iri = string(s, "p").unwrap_or_default();
            PropositionRow {
                id: proposition_id(&iri).to_owned(),
                label: string(s, "label").unwrap_or_default(),
                confidence: string(s, "confidence").and_then(|c| c.parse().ok()),
                first_seen: date(s, "first"),
                claims: number(s, "claims").unwrap_or(0),
                articles: number(s, "articles").unwrap_or(0),
                asserting: number(s, "a").unwrap_or(0),
                denying: number(s, "d").unwrap_or(0),
                unconfirmed: number(s, "u").unwrap_or(0),
                contending: number(s, "c").unwrap_or(0),
                iri,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.asserting
            .cmp(&a.asserting)
            .then(b.claims.cmp(&a.claims))
            .then(a.first_seen.cmp(&b.first_seen))
            .then(a.iri.cmp(&b.iri))
    });
    Ok(rows)
}

/// Whether the propositions of `db` carry `hs:contested` (see [`Store::mark_contested`]).
fn marks_contested<S: SparqlReader + ?Sized>(db: &S) -> Result<bool, StoreError> {
    let rows = db.select(&format!(
        "SELECT ?marked WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ {PROPOSITIONS_GRAPH} hs:marksContested ?marked }} }} LIMIT 1"
    ))?;
    Ok(!rows.is_empty())
}

impl Store {
    /// Marks the contested propositions of a store written before `hs:contested` (and the
    /// graph as marked), in one transaction, from the same counts the lookups derive; does
    /// nothing on a store that has them or has no proposition. About a second and a half on
    /// the 42,000-article replica.
    pub(in crate::store) fn mark_contested(&self) -> Result<(), StoreError> {
        let any = self.select(&format!(
            "SELECT ?p WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?p a hs:Proposition }} }} LIMIT 1"
        ))?;
        if any.is_empty() || marks_contested(self)? {
            return Ok(());
        }
        let contested = propositions_among(
            self,
            &PropositionFilter {
                contested: true,
                ..PropositionFilter::default()
            },
            None,
        )?;
        let graph = oxigraph::model::GraphName::NamedNode(PROPOSITIONS_GRAPH.into_owned());
        let flag = |subject: NamedNode, predicate| {
            oxigraph::model::Quad::new(
                subject,
                predicate,
                oxigraph::model::Literal::from(true),
                graph.clone(),
            )
        };
        let mut transaction = self.inner.start_transaction()?;
        for row in contested {
            transaction.insert(flag(NamedNode::new_unchecked(row.iri), hs::CONTESTED).as_ref());
        }
        transaction.insert(flag(PROPOSITIONS_GRAPH.into_owned(), hs::MARKS_CONTESTED).as_ref());
        transaction.commit()?;
        Ok(())
    }
}

/// What was said, by whom, when (see [`super::Lookups::timeline`]).
pub(in crate::store) fn timeline<S: SparqlReader + ?Sized>(
    db: &S,
    query: &TimelineQuery,
) -> Result<Vec<TimelineRow>, StoreError> {
    // The first filter narrows the claims through the indexes; the others are FILTERs
    // on their rows (see `super::narrowing`).
    let mut narrowing = Narrowing::default();
    if let Some(reference) = nonblank(&query.proposition) {
        let iri =
            proposition_iri_from_id(reference).ok_or_else(|| StoreError::InvalidReference {
                value: reference.to_owned(),
            })?;
        narrowing.step(format_args!(
            "GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:proposition {iri} }}"
        ));
    }
    if let Some(source) = nonblank(&query.source) {
        match db.claims_with_source_containing(source)? {
            Some(claims) => narrowing.among(claims),
            None => {
                let q = literal(&source.to_lowercase());
                if narrowing.is_narrowed() {
                    narrowing.filter(format_args!(
                        "CONTAINS(LCASE(COALESCE(?sourceText, \"\")), {q}) || EXISTS {{
GRAPH ?k {{ ?source ?np ?nv }}
VALUES ?np {{ {SOURCE_NAMES} }}
FILTER(CONTAINS(LCASE(STR(?nv)), {q}))
  }}"
                    ));
                } else {
                    narrowing.source_containing(&q, SOURCE_NAMES, db.form());
                }
            }
        }
    }
    if let Some(text) = nonblank(&query.text) {
        match db.claims_with_words(text)? {
            Some(claims) => narrowing.among(claims),
            None => narrowing.content_with_words(text)?,
        }
    }
    let row = render(TIMELINE_ROW, db.form());
    let mut rows = rows_narrowed(db, &narrowing, TIMELINE_HEAD, &row, |s| {
        let claim = string(s, "claim").unwrap_or_default();
        let date = date(s, "date");
        // ORDER BY (!BOUND(?date)) ?date ?article ?position ?claim: undated last.
        // The source and origin last, so that of a claim's several solutions the same one
        // is kept whatever order an engine gives them in.
        let order = (
            date.is_none(),
            date,
            string(s, "article").unwrap_or_default(),
            number::<u64>(s, "position"),
            claim.clone(),
            string(s, "source"),
            string(s, "sourceLabel").or_else(|| string(s, "sourceName")),
            string(s, "originName"),
        );
        let row = string(s, "stance")
            .and_then(|x| stance_from_iri(&x))
            .map(|stance| TimelineRow {
                claim_id: claim_id_from_iri(&claim).unwrap_or(&claim).to_owned(),
                date,
                source: string(s, "sourceLabel").or_else(|| string(s, "sourceName")),
                source_text: string(s, "sourceText"),
                cue: string(s, "cue").unwrap_or_default(),
                content: string(s, "content").unwrap_or_default(),
                stance,
                proposition_stance: string(s, "pstance").and_then(|x| stance_from_iri(&x)),
                proposition_id: string(s, "p").map(|p| proposition_id(&p).to_owned()),
                origin: string(s, "originName"),
                publisher: string(s, "publisher"),
                title: string(s, "title"),
                article_iri: order.2.clone(),
            });
        Ok((order, row))
    })?;
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    // A claim with two sources, or an origin labelled twice, has several solutions.
    rows.dedup_by(|a, b| a.0 .4 == b.0 .4);
    Ok(rows.into_iter().filter_map(|(_, row)| row).collect())
}

/// The timeline's columns.
const TIMELINE_HEAD: &str = "\
SELECT ?claim ?date ?article ?position ?title ?publisher ?content ?cue ?stance
       ?pstance ?p ?sourceName ?sourceLabel ?sourceText ?originName ?origin ?source
WHERE {
";

/// The IRI of [`PROPOSITIONS_GRAPH`] as SPARQL, for the constant queries that read it.
macro_rules! propositions_graph {
    () => {
        "<https://w3id.org/hearsay/id/graph/propositions>"
    };
}

/// Each claim of a timeline with what is shown of it.
const TIMELINE_ROW: &[Part] = &[
    Part::required(
        "GRAPH ?g { ?claim hs:article ?article ; hs:position ?position ; hs:stance ?stance }",
    ),
    Part::optional("GRAPH ?g { ?claim schema:text ?content }"),
    Part::optional("GRAPH ?g { ?claim hs:cue ?cue }"),
    Part::optional("GRAPH ?g { ?claim hs:sourceText ?sourceText }"),
    Part::optional_then(
        "GRAPH ?g { ?claim prov:wasAttributedTo ?source }",
        &[
            Part::optional("GRAPH ?g { ?source rdfs:label ?sourceLabel }"),
            Part::optional("GRAPH ?g { ?source schema:name ?sourceName }"),
        ],
    ),
    Part::optional("GRAPH ?g { ?article schema:datePublished ?date }"),
    Part::optional("GRAPH ?g { ?article schema:headline ?title }"),
    Part::optional("GRAPH ?g { ?article hs:publisherName ?publisher }"),
    Part::optional(concat!(
        "GRAPH ",
        propositions_graph!(),
        " { ?claim hs:proposition ?p ; hs:propositionStance ?pstance }"
    )),
    // A relayed claim's origin: the cited source, named as it is labelled anywhere.
    Part::optional_then(
        concat!(
            "GRAPH ",
            propositions_graph!(),
            " { ?claim hs:origin ?origin } FILTER(?origin != ?source)"
        ),
        &[Part::required(
            "GRAPH ?h { ?origin a hs:Source ; rdfs:label ?originName }",
        )],
    ),
];

/// Which graph a pattern reads.
#[derive(Clone, Copy, PartialEq)]
enum In {
    Propositions,
    Article,
}

impl std::fmt::Display for In {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            In::Propositions => write!(f, "{PROPOSITIONS_GRAPH}"),
            In::Article => f.write_str("?g"),
        }
    }
}

/// What a proposition's counts are read from: (graph, pattern, optional), in order.
const PROPOSITION_PATTERNS: &[(In, &str, bool)] = &[
    (
        In::Propositions,
        "?p a hs:Proposition ; rdfs:label ?label",
        false,
    ),
    (
        In::Propositions,
        "?p hs:propositionConfidence ?confidence",
        true,
    ),
    // Apart, so that a LATERAL block starts from the proposition at hand, never from
    // every claim's stance.
    (In::Propositions, "?claim hs:proposition ?p", false),
    (
        In::Propositions,
        "?claim hs:propositionStance ?stance",
        false,
    ),
    (In::Propositions, "?claim hs:origin ?o", true),
    (In::Article, "?claim hs:article ?article", false),
    (In::Article, "?article schema:datePublished ?date", true),
    (In::Article, "?article hs:bodyHash ?body", true),
];

/// `patterns` as one group per graph, joined by Oxigraph as it plans: fastest when they
/// range over the whole store.
fn joined_patterns(patterns: &[(In, &str, bool)]) -> String {
    let mut sparql = String::new();
    let mut open: Option<In> = None;
    for &(graph, pattern, optional) in patterns {
        if open != Some(graph) {
            if open.is_some() {
                sparql.push_str("  }\n");
            }
            let _ = writeln!(sparql, "  GRAPH {graph} {{");
            open = Some(graph);
        }
        if optional {
            let _ = writeln!(sparql, "    OPTIONAL {{ {pattern} }}");
        } else {
            let _ = writeln!(sparql, "    {pattern} .");
        }
    }
    if open.is_some() {
        sparql.push_str("  }\n");
    }
    sparql
}

/// `patterns` as `LATERAL` blocks (SEP-0006), each evaluated for the solution at hand:
/// fastest when something before them has narrowed that to a few.
fn lateral_patterns(patterns: &[(In, &str, bool)]) -> String {
    let mut sparql = String::new();
    for &(graph, pattern, optional) in patterns {
        if optional {
            let _ = writeln!(
                sparql,
                "  LATERAL {{ OPTIONAL {{ GRAPH {graph} {{ {pattern} }} }} }}"
            );
        } else {
            let _ = writeln!(sparql, "  LATERAL {{ GRAPH {graph} {{ {pattern} }} }}");
        }
    }
    sparql
}

#[cfg(test)]
mod tests {
    use super::PROPOSITIONS_GRAPH;

    #[test]
    fn the_constant_queries_name_the_propositions_graph() {
        assert_eq!(propositions_graph!(), PROPOSITIONS_GRAPH.to_string());
    }
}
