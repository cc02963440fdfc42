//! Typed lookups over the store: claims by filter, sources with their claim counts, one claim
//! with its links. Knows nothing of printing: rows go to the CLI as plain values.
//!
//! Every value a user gives reaches SPARQL only as an escaped literal or a validated IRI,
//! written by Oxigraph's own term formatting ([`Literal`]'s and [`NamedNode`]'s `Display`),
//! never pasted as text.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, QuadRef, Term, Variable,
};
use oxigraph::sparql::QuerySolution;

use super::{Store, StoreError};
use crate::extract::{Certainty, LinkKind, QuoteKind, SourceKind, Stance};
use crate::graph::vocab::{hs, prov, rdf, schema, xsd};
use crate::graph::{
    article_iri_from_id, certainty_from_iri, claim_id_from_iri, claim_iri_from_id,
    quote_kind_from_iri, source_key, source_kind_from_iri, stance_from_iri, stance_iri,
};

/// Which claims [`Store::claims`] returns; every field left `None` matches all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// The source. When some source's normalized key equals this one's ("U.S. officials",
    /// "US officials" and "the US officials" share the key "us officials"), exactly that
    /// source's claims, found through an index (fast on any store). Otherwise a
    /// case-insensitive substring of the source's name, its surface text in the article, or
    /// its key ("korean central", "it"), which reads every claim (slow on large stores).
    pub source: Option<String>,
    /// Case-insensitive substring of the content.
    pub text: Option<String>,
    pub stance: Option<Stance>,
    /// Claims with at least this confidence (claims without one never match).
    pub min_confidence: Option<f64>,
    /// One article: its URL, input id, short id or IRI. Unknown → [`StoreError::UnknownArticle`].
    pub article: Option<String>,
    /// Claims of articles published on or after this day (undated articles never match).
    pub since: Option<NaiveDate>,
    /// Claims of articles published on or before this day (undated articles never match).
    pub until: Option<NaiveDate>,
}

/// One claim, as [`Store::claims`] lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// Short id (`1a2b3c4d5e6f7a8b-3`), or the IRI for a claim not named by hearsay.
    pub id: String,
    pub iri: String,
    /// The source's name (the antecedent for "it"); `None` when the text names no source.
    pub source_name: Option<String>,
    /// The source as written in this article ("it", "U.S. officials").
    pub source_text: Option<String>,
    pub source_kind: Option<SourceKind>,
    /// The cue as written ("told", "quoted … as saying"); empty if none was stored.
    pub cue: String,
    /// What the source said, never asserted as fact; empty if none was stored.
    pub content: String,
    pub stance: Stance,
    pub certainty: Certainty,
    /// In [0, 1]; `None` if none was stored.
    pub confidence: Option<f64>,
    pub quote_kind: QuoteKind,
    pub article_iri: String,
    pub article_title: Option<String>,
    pub article_url: Option<String>,
    pub date: Option<NaiveDate>,
    /// 0-based position of the claim in its article.
    pub position: u64,
}

/// One source, as [`Store::sources`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub iri: String,
    /// The name as first spelled (alphabetically least of the spellings across articles).
    pub name: String,
    /// The normalized key that spellings of one name share.
    pub key: String,
    /// The kind (alphabetically least IRI when articles disagree).
    pub kind: Option<SourceKind>,
    /// Claims attributed to it, over all articles.
    pub claims: usize,
}

/// Which way a link points, seen from the claim asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkDirection {
    /// This claim denies / declines to confirm / corroborates / relays the other.
    Outgoing,
    /// The other claim denies / declines to confirm / corroborates / relays this one.
    Incoming,
}

/// A link between the claim asked about and another claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimLink {
    pub direction: LinkDirection,
    pub kind: LinkKind,
    /// Short id of the other claim (its IRI if not named by hearsay).
    pub other_id: String,
    pub other_iri: String,
    /// The other claim's source name, else its source as written.
    pub other_source: Option<String>,
    pub other_content: Option<String>,
}

/// One claim with everything stored about it, from [`Store::claim`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDetail {
    pub claim: ClaimRow,
    /// The sentence the claim stands in.
    pub sentence: Option<String>,
    /// Offsets `[start, end)` in Unicode code points into the article text.
    pub source_span: Option<(u64, u64)>,
    pub cue_span: Option<(u64, u64)>,
    pub content_span: Option<(u64, u64)>,
    /// Links both ways, outgoing first, each group by link kind and other claim.
    pub links: Vec<ClaimLink>,
}

/// The claims query up to its first pattern. What narrows the claims by index (a bound
/// source or claim) goes right after it, before `?claim a hs:Claim`: Oxigraph evaluates the
/// patterns of a group in the order written, so written after, it would read every claim
/// first (seconds on a million claims rather than milliseconds).
const CLAIMS_HEAD: &str = "\
SELECT ?claim ?article ?content ?cue ?stance ?certainty ?quote ?confidence ?position
       ?sourceText ?source ?sourceName ?sourceKind ?title ?url ?date
WHERE {
  GRAPH ?g {
";

/// The rest of the claims query; FILTERs go after it.
const CLAIMS_OPTIONALS: &str = "\
    ?claim a hs:Claim ; hs:article ?article .
    OPTIONAL { ?claim schema:text ?content }
    OPTIONAL { ?claim hs:cue ?cue }
    OPTIONAL { ?claim hs:stance ?stance }
    OPTIONAL { ?claim hs:certainty ?certainty }
    OPTIONAL { ?claim hs:quoteKind ?quote }
    OPTIONAL { ?claim hs:confidence ?confidence }
    OPTIONAL { ?claim hs:position ?position }
    OPTIONAL { ?claim hs:sourceText ?sourceText }
    OPTIONAL {
      ?claim prov:wasAttributedTo ?source .
      OPTIONAL { ?source schema:name ?sourceName }
      OPTIONAL { ?source hs:key ?sourceKey }
      OPTIONAL { ?source hs:sourceKind ?sourceKind }
    }
    OPTIONAL { ?article schema:headline ?title }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article schema:datePublished ?date }
";

const CLAIMS_ORDER: &str = "  }\n}\nORDER BY ?date ?article ?position ?claim\n";

impl Store {
    /// The claims matching `filter`, sorted by article date (undated first), article and
    /// position in the article.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>, StoreError> {
        if filter.min_confidence.is_some_and(f64::is_nan) {
            return Err(StoreError::InvalidFilter(
                "minimum confidence is not a number".into(),
            ));
        }
        let article = match nonblank(&filter.article) {
            Some(reference) => Some(
                self.find_article(reference)?
                    .ok_or_else(|| StoreError::UnknownArticle(reference.to_owned()))?,
            ),
            None => None,
        };
        let mut sparql = String::from(CLAIMS_HEAD);
        let mut source_filter = None;
        if let Some(source) = nonblank(&filter.source) {
            // Oxigraph has no text index, and evaluates every OPTIONAL of the SPARQL below
            // over the whole store before joining: a source known by its key is read
            // through the indexes instead, claim by claim.
            if let Some(node) = self.source_with_key(&source_key(source))? {
                return self.claims_of_source(&node, filter, article.as_ref());
            }
            let q = literal(&source.to_lowercase());
            source_filter = Some(format!(
                "    FILTER(CONTAINS(LCASE(COALESCE(?sourceName, \"\")), {q}) \
                 || CONTAINS(LCASE(COALESCE(?sourceText, \"\")), {q}) \
                 || CONTAINS(LCASE(COALESCE(?sourceKey, \"\")), {q}))\n"
            ));
        }
        sparql.push_str(CLAIMS_OPTIONALS);
        if let Some(source_filter) = source_filter {
            sparql.push_str(&source_filter);
        }
        if let Some(text) = nonblank(&filter.text) {
            let q = literal(&text.to_lowercase());
            let _ = writeln!(sparql, "    FILTER(CONTAINS(LCASE(?content), {q}))");
        }
        if let Some(stance) = filter.stance {
            let _ = writeln!(sparql, "    FILTER(?stance = {})", stance_iri(stance));
        }
        if let Some(min) = filter.min_confidence {
            let _ = writeln!(sparql, "    FILTER(?confidence >= {})", Literal::from(min));
        }
        if let Some(article) = &article {
            let _ = writeln!(sparql, "    FILTER(?article = {article})");
        }
        if let Some(since) = filter.since {
            let _ = writeln!(sparql, "    FILTER(?date >= {})", date_literal(since));
        }
        if let Some(until) = filter.until {
            let _ = writeln!(sparql, "    FILTER(?date <= {})", date_literal(until));
        }
        sparql.push_str(CLAIMS_ORDER);
        let mut rows: Vec<ClaimRow> = Vec::new();
        let mut seen = HashSet::new();
        for solution in self.select(&sparql)? {
            let row = claim_row(&solution)?;
            // A claim with two values for one property (a hand-edited store) would repeat.
            if seen.insert(row.iri.clone()) {
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// Every source with the number of claims attributed to it over all articles, most
    /// quoted first, then by name.
    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let sparql = "\
SELECT ?source (MIN(?name) AS ?n) (MIN(?key) AS ?k) (MIN(STR(?kind)) AS ?kd)
       (COUNT(DISTINCT ?claim) AS ?claims)
WHERE {
  GRAPH ?g {
    ?source a hs:Source .
    OPTIONAL { ?source schema:name ?name }
    OPTIONAL { ?source hs:key ?key }
    OPTIONAL { ?source hs:sourceKind ?kind }
    OPTIONAL { ?claim prov:wasAttributedTo ?source }
  }
}
GROUP BY ?source";
        let mut rows = Vec::new();
        for solution in self.select(sparql)? {
            let iri = string(&solution, "source").unwrap_or_default();
            rows.push(SourceRow {
                name: string(&solution, "n").unwrap_or_default(),
                key: string(&solution, "k").unwrap_or_default(),
                kind: string(&solution, "kd").and_then(|k| source_kind_from_iri(&k)),
                claims: number(&solution, "claims").unwrap_or(0),
                iri,
            });
        }
        rows.sort_by(|a, b| {
            b.claims
                .cmp(&a.claims)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.iri.cmp(&b.iri))
        });
        Ok(rows)
    }

    /// One claim by short id (`1a2b3c4d5e6f7a8b-3`) or IRI, with its sentence, offsets and
    /// links both ways; `None` if the store has no such claim.
    pub fn claim(&self, id_or_iri: &str) -> Result<Option<ClaimDetail>, StoreError> {
        let claim = claim_node(id_or_iri)?;
        let sparql = format!(
            "{CLAIMS_HEAD}    VALUES ?claim {{ {claim} }}\n{CLAIMS_OPTIONALS}{CLAIMS_ORDER}LIMIT 1\n"
        );
        let Some(solution) = self.select(&sparql)?.into_iter().next() else {
            return Ok(None);
        };
        let row = claim_row(&solution)?;

        let sparql = format!(
            "SELECT ?sentence ?ss ?se ?cs ?ce ?ts ?te WHERE {{ GRAPH ?g {{
  {claim} a hs:Claim .
  OPTIONAL {{ {claim} hs:sentence ?sentence }}
  OPTIONAL {{ {claim} hs:sourceStart ?ss ; hs:sourceEnd ?se }}
  OPTIONAL {{ {claim} hs:cueStart ?cs ; hs:cueEnd ?ce }}
  OPTIONAL {{ {claim} hs:contentStart ?ts ; hs:contentEnd ?te }}
}} }} LIMIT 1"
        );
        let details = self.select(&sparql)?;
        let details = details.first();
        let span = |start: &str, end: &str| {
            let d = details?;
            Some((number(d, start)?, number(d, end)?))
        };

        let sparql = format!(
            "SELECT DISTINCT ?dir ?kind ?other ?content ?sourceName ?sourceText WHERE {{
  {{ GRAPH ?g {{ {claim} ?kind ?other }} BIND(\"out\" AS ?dir) }}
  UNION
  {{ GRAPH ?g {{ ?other ?kind {claim} }} BIND(\"in\" AS ?dir) }}
  VALUES ?kind {{ hs:denies hs:declinesToConfirm hs:corroborates hs:relays }}
  OPTIONAL {{ GRAPH ?h {{ ?other schema:text ?content }} }}
  OPTIONAL {{ GRAPH ?h {{ ?other hs:sourceText ?sourceText }} }}
  OPTIONAL {{ GRAPH ?h {{ ?other prov:wasAttributedTo ?s . ?s schema:name ?sourceName }} }}
}}"
        );
        let mut links = Vec::new();
        for solution in self.select(&sparql)? {
            let (Some(kind), Some(other)) = (
                string(&solution, "kind").and_then(|k| link_kind(&k)),
                string(&solution, "other"),
            ) else {
                continue;
            };
            let direction = match string(&solution, "dir").as_deref() {
                Some("in") => LinkDirection::Incoming,
                _ => LinkDirection::Outgoing,
            };
            links.push(ClaimLink {
                direction,
                kind,
                other_id: short_claim_id(&other),
                other_source: string(&solution, "sourceName")
                    .or_else(|| string(&solution, "sourceText")),
                other_content: string(&solution, "content"),
                other_iri: other,
            });
        }
        links.sort_by(|a, b| {
            let key = |l: &ClaimLink| {
                (
                    l.direction == LinkDirection::Incoming,
                    link_order(l.kind),
                    l.other_iri.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        links.dedup_by(|a, b| {
            a.direction == b.direction && a.kind == b.kind && a.other_iri == b.other_iri
        });

        Ok(Some(ClaimDetail {
            sentence: details.and_then(|d| string(d, "sentence")),
            source_span: span("ss", "se"),
            cue_span: span("cs", "ce"),
            content_span: span("ts", "te"),
            claim: row,
            links,
        }))
    }
}

/// Properties of a node in a graph already read: (row index, value) pairs.
type Described = HashMap<(NamedNode, NamedNode), Vec<(usize, Term)>>;

/// The variables of a claims row, in the order [`Store::claim_row_at`] fills them.
const ROW_VARIABLES: [&str; 16] = [
    "claim",
    "article",
    "content",
    "cue",
    "stance",
    "certainty",
    "quote",
    "confidence",
    "position",
    "sourceText",
    "source",
    "sourceName",
    "sourceKind",
    "title",
    "url",
    "date",
];

impl Store {
    /// [`Store::claims`] for one source node, read through the indexes: the claims
    /// attributed to it (object index), then each claim's, source's and article's
    /// properties within the claim's graph (subject index). Same rows, filters and order as
    /// the SPARQL path.
    fn claims_of_source(
        &self,
        source: &NamedNode,
        filter: &ClaimFilter,
        article: Option<&NamedNode>,
    ) -> Result<Vec<ClaimRow>, StoreError> {
        let variables: Arc<[Variable]> = ROW_VARIABLES
            .iter()
            .map(|v| Variable::new_unchecked(*v))
            .collect();
        let text = nonblank(&filter.text).map(str::to_lowercase);
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        let mut memo = Described::new();
        for quad in self.inner.quads_for_pattern(
            None,
            Some(prov::WAS_ATTRIBUTED_TO),
            Some(source.as_ref().into()),
            None,
        ) {
            let quad = quad?;
            let (NamedOrBlankNode::NamedNode(claim), GraphName::NamedNode(graph)) =
                (quad.subject, quad.graph_name)
            else {
                continue;
            };
            if seen.contains(&claim) {
                continue;
            }
            let Some(row) = self.claim_row_at(&claim, &graph, &variables, &mut memo)? else {
                continue;
            };
            let keep = text
                .as_ref()
                .map_or(true, |t| row.content.to_lowercase().contains(t))
                && filter.stance.map_or(true, |s| row.stance == s)
                && filter
                    .min_confidence
                    .map_or(true, |m| row.confidence.is_some_and(|c| c >= m))
                && article.map_or(true, |a| row.article_iri == a.as_str())
                && filter
                    .since
                    .map_or(true, |d| row.date.is_some_and(|r| r >= d))
                && filter
                    .until
                    .map_or(true, |d| row.date.is_some_and(|r| r <= d));
            seen.insert(claim);
            if keep {
                rows.push(row);
            }
        }
        // ORDER BY ?date ?article ?position ?claim: undated first.
        rows.sort_by(|a, b| {
            (a.date, &a.article_iri, a.position, &a.iri).cmp(&(
                b.date,
                &b.article_iri,
                b.position,
                &b.iri,
            ))
        });
        Ok(rows)
    }

    /// The row of `claim` as stored in `graph`, or `None` if it is no claim there. The first
    /// value of each property wins, as the SPARQL path keeps a claim's first row.
    fn claim_row_at(
        &self,
        claim: &NamedNode,
        graph: &NamedNode,
        variables: &Arc<[Variable]>,
        memo: &mut Described,
    ) -> Result<Option<ClaimRow>, StoreError> {
        let mut values: Vec<Option<Term>> = vec![None; ROW_VARIABLES.len()];
        let graph_name = GraphNameRef::NamedNode(graph.as_ref());
        let set = |values: &mut Vec<Option<Term>>, index: usize, term: Term| {
            if values[index].is_none() {
                values[index] = Some(term);
            }
        };
        // One seek per property wanted: the claim node also holds its sentence, offsets and
        // proposition, which a scan of all its quads would decode for nothing.
        let subject = NamedOrBlankNodeRef::from(claim.as_ref());
        let is_claim =
            self.inner
                .contains(QuadRef::new(subject, rdf::TYPE, hs::CLAIM, graph_name))?;
        if !is_claim {
            return Ok(None);
        }
        for (predicate, index) in [
            (hs::ARTICLE_PROP, 1),
            (schema::TEXT, 2),
            (hs::CUE, 3),
            (hs::STANCE_PROP, 4),
            (hs::CERTAINTY_PROP, 5),
            (hs::QUOTE_KIND_PROP, 6),
            (hs::CONFIDENCE, 7),
            (hs::POSITION, 8),
            (hs::SOURCE_TEXT, 9),
            (prov::WAS_ATTRIBUTED_TO, 10),
        ] {
            if let Some(quad) = self
                .inner
                .quads_for_pattern(Some(subject), Some(predicate), None, Some(graph_name))
                .next()
            {
                set(&mut values, index, quad?.object);
            }
        }
        if values[1].is_none() {
            return Ok(None);
        }
        values[0] = Some(claim.clone().into());
        let (source, article) = (values[10].clone(), values[1].clone());
        // The source's and the article's few properties, one index seek each, once per
        // graph: many claims share them, and the article node has much else besides.
        let mut describe = |subject: &Option<Term>,
                            wanted: &[(NamedNodeRef<'static>, usize)]|
         -> Result<(), StoreError> {
            let Some(Term::NamedNode(subject)) = subject else {
                return Ok(());
            };
            let key = (subject.clone(), graph.clone());
            if !memo.contains_key(&key) {
                let mut found = Vec::new();
                for (predicate, index) in wanted {
                    if let Some(quad) = self
                        .inner
                        .quads_for_pattern(
                            Some(subject.as_ref().into()),
                            Some(*predicate),
                            None,
                            Some(graph_name),
                        )
                        .next()
                    {
                        found.push((*index, quad?.object));
                    }
                }
                memo.insert(key.clone(), found);
            }
            for (index, term) in memo.get(&key).into_iter().flatten() {
                set(&mut values, *index, term.clone());
            }
            Ok(())
        };
        describe(&source, &[(schema::NAME, 11), (hs::SOURCE_KIND_PROP, 12)])?;
        describe(
            &article,
            &[
                (schema::HEADLINE, 13),
                (schema::URL, 14),
                (schema::DATE_PUBLISHED, 15),
            ],
        )?;
        let solution = QuerySolution::from((Arc::clone(variables), values));
        claim_row(&solution).map(Some)
    }

    /// The source node whose normalized key is `key`, if any article quotes it: one lookup
    /// in the predicate-object index.
    fn source_with_key(&self, key: &str) -> Result<Option<NamedNode>, StoreError> {
        if key.is_empty() {
            return Ok(None);
        }
        let key = Literal::new_simple_literal(key);
        for quad in
            self.inner
                .quads_for_pattern(None, Some(hs::KEY), Some(key.as_ref().into()), None)
        {
            if let NamedOrBlankNode::NamedNode(node) = quad?.subject {
                return Ok(Some(node));
            }
        }
        Ok(None)
    }
}

/// The graph of the article named by `reference`: a short id, an IRI of an article graph,
/// or the article's URL or input id.
pub(super) fn find_article(
    store: &Store,
    reference: &str,
) -> Result<Option<NamedNode>, StoreError> {
    let reference = reference.trim();
    if reference.is_empty() {
        return Ok(None);
    }
    if let Some(iri) = article_iri_from_id(reference) {
        if store.has_article(iri.as_ref())? {
            return Ok(Some(iri));
        }
    }
    if let Ok(iri) = NamedNode::new(reference) {
        if store.has_article(iri.as_ref())? {
            return Ok(Some(iri));
        }
    }
    let sparql = format!(
        "SELECT ?g WHERE {{ GRAPH ?g {{
  ?g a hs:Article .
  {{ ?g schema:url ?v }} UNION {{ ?g schema:identifier ?v }}
  FILTER(STR(?v) = {})
}} }} ORDER BY ?g LIMIT 1",
        literal(reference)
    );
    Ok(store
        .select(&sparql)?
        .first()
        .and_then(|s| match s.get("g") {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        }))
}

/// The claim node for a short id or an IRI.
fn claim_node(id_or_iri: &str) -> Result<NamedNode, StoreError> {
    let value = id_or_iri.trim();
    if let Some(iri) = claim_iri_from_id(value) {
        return Ok(iri);
    }
    let value = value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value);
    NamedNode::new(value).map_err(|_| StoreError::InvalidReference {
        value: id_or_iri.to_owned(),
    })
}

fn claim_row(solution: &QuerySolution) -> Result<ClaimRow, StoreError> {
    let iri = string(solution, "claim").unwrap_or_default();
    let malformed = |what: &str| StoreError::Malformed {
        subject: format!("claim <{iri}>"),
        what: what.to_owned(),
    };
    let stance = string(solution, "stance")
        .and_then(|s| stance_from_iri(&s))
        .ok_or_else(|| malformed("no hs:stance among hs:Asserted, hs:Denied, hs:Unconfirmed"))?;
    let certainty = string(solution, "certainty")
        .and_then(|s| certainty_from_iri(&s))
        .ok_or_else(|| malformed("no known hs:certainty"))?;
    let quote_kind = string(solution, "quote")
        .and_then(|s| quote_kind_from_iri(&s))
        .ok_or_else(|| malformed("no known hs:quoteKind"))?;
    let position =
        number(solution, "position").ok_or_else(|| malformed("no integer hs:position"))?;
    Ok(ClaimRow {
        id: short_claim_id(&iri),
        source_name: string(solution, "sourceName"),
        source_text: string(solution, "sourceText"),
        source_kind: string(solution, "sourceKind").and_then(|k| source_kind_from_iri(&k)),
        cue: string(solution, "cue").unwrap_or_default(),
        content: string(solution, "content").unwrap_or_default(),
        stance,
        certainty,
        confidence: string(solution, "confidence").and_then(|c| c.parse().ok()),
        quote_kind,
        article_iri: string(solution, "article").unwrap_or_default(),
        article_title: string(solution, "title"),
        article_url: string(solution, "url"),
        date: string(solution, "date").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        position,
        iri,
    })
}

fn short_claim_id(iri: &str) -> String {
    claim_id_from_iri(iri).unwrap_or(iri).to_owned()
}

fn link_kind(iri: &str) -> Option<LinkKind> {
    [
        (hs::DENIES, LinkKind::Denies),
        (hs::DECLINES_TO_CONFIRM, LinkKind::DeclinesToConfirm),
        (hs::CORROBORATES, LinkKind::Corroborates),
        (hs::RELAYS, LinkKind::Relays),
    ]
    .into_iter()
    .find(|(term, _)| term.as_str() == iri)
    .map(|(_, kind)| kind)
}

fn link_order(kind: LinkKind) -> u8 {
    match kind {
        LinkKind::Denies => 0,
        LinkKind::DeclinesToConfirm => 1,
        LinkKind::Corroborates => 2,
        LinkKind::Relays => 3,
    }
}

/// The value of a bound IRI or literal, as a string.
fn string(solution: &QuerySolution, variable: &str) -> Option<String> {
    match solution.get(variable)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn number<T: std::str::FromStr>(solution: &QuerySolution, variable: &str) -> Option<T> {
    match solution.get(variable)? {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

fn nonblank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A SPARQL string literal for any text: Oxigraph escapes quotes, backslashes and line breaks.
fn literal(value: &str) -> String {
    Literal::new_simple_literal(value).to_string()
}

fn date_literal(date: NaiveDate) -> String {
    Literal::new_typed_literal(date.format("%Y-%m-%d").to_string(), xsd::DATE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_would_break_out() {
        let nasty = "a\" } ; DROP ALL ; # \\ \n";
        let lit = literal(nasty);
        let parsed: Literal = lit.parse().unwrap_or_else(|_| Literal::from("not parsed"));
        assert_eq!(parsed.value(), nasty);
    }

    #[test]
    fn claim_references_resolve() {
        let iri = claim_node("0123456789abcdef-3").map(|n| n.into_string());
        assert_eq!(
            iri.ok().as_deref(),
            Some("https://w3id.org/hearsay/id/claim/0123456789abcdef-3")
        );
        let iri = claim_node("<https://example.org/c>").map(|n| n.into_string());
        assert_eq!(iri.ok().as_deref(), Some("https://example.org/c"));
        assert!(matches!(
            claim_node("not an id"),
            Err(StoreError::InvalidReference { .. })
        ));
    }
}
