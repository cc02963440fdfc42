//! Typed lookups over the store: claims by filter, sources with their claim counts, one claim
//! with its links. Knows nothing of printing: rows go to the CLI as plain values.
//!
//! Every value a user gives reaches SPARQL only as an escaped literal or a validated IRI,
//! written by Oxigraph's own term formatting ([`Literal`]'s and [`NamedNode`]'s `Display`),
//! never pasted as text.

use std::collections::HashMap;

use chrono::NaiveDate;
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::QuerySolution;

use super::narrowing::{narrowed_claims, rows_of, Narrowing};
use super::reader::{render, Part, SparqlReader};
use super::values::{date, date_literal, literal, nonblank, number, string};
use super::{Store, StoreError};
use crate::extract::{Certainty, LinkKind, QuoteKind, SourceKind, Stance};
use crate::graph::vocab::hs;
use crate::graph::{
    article_iri_from_id, certainty_from_iri, claim_id_from_iri, claim_iri_from_id,
    quote_kind_from_iri, source_key, source_kind_from_iri, stance_from_iri, stance_iri,
};

/// Which claims [`super::Lookups::claims`] returns; every field left `None` matches all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// The source. When some source's normalized key equals this one's ("U.S. officials",
    /// "US officials" and "the US officials" share the key "us officials"), exactly that
    /// source's claims, found through an index (milliseconds on any store). Otherwise a
    /// case-insensitive substring of the source's name, its surface text in the article, or
    /// its key ("korean central", "it"), which reads every name and surface text (seconds
    /// on a million claims: Oxigraph has no text index).
    pub source: Option<String>,
    /// Case-insensitive substring of the content; alone, it reads every content.
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

/// One claim, as [`super::Lookups::claims`] lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// Short id (`1a2b3c4d5e6f7a8b-3`), or the IRI for a claim not named by hearsay.
    pub id: String,
    pub iri: String,
    /// The source's name (the antecedent for "it"); `None` when the text names no source.
    pub source_name: Option<String>,
    /// The source as written in this article ("it", "U.S. officials").
    pub source_text: Option<String>,
    /// The source's node; `None` when the text names no source.
    pub source_iri: Option<String>,
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
    pub date: Option<NaiveDate>,
    /// 0-based position of the claim in its article.
    pub position: u64,
}

/// One source, as [`super::Lookups::sources`] lists it.
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

/// One claim with everything stored about it, from [`super::Lookups::claim`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDetail {
    pub claim: ClaimRow,
    pub article_title: Option<String>,
    pub article_url: Option<String>,
    /// The sentence the claim stands in.
    pub sentence: Option<String>,
    /// Where its parts lie in the article text.
    pub spans: ClaimSpans,
    /// Links both ways, outgoing first, each group by link kind and other claim.
    pub links: Vec<ClaimLink>,
}

/// One article, as [`super::Lookups::latest_articles`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub iri: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub publisher: Option<String>,
}

/// Where a claim's parts lie in its article's text: `[start, end)` in Unicode code points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimSpans {
    pub source: Option<(u64, u64)>,
    pub cue: Option<(u64, u64)>,
    pub content: Option<(u64, u64)>,
}

impl ClaimSpans {
    /// The spans a lookup bound as `?ss ?se`, `?cs ?ce` and `?ts ?te`.
    fn from_solution(solution: &QuerySolution) -> ClaimSpans {
        let span =
            |start: &str, end: &str| Some((number(solution, start)?, number(solution, end)?));
        ClaimSpans {
            source: span("ss", "se"),
            cue: span("cs", "ce"),
            content: span("ts", "te"),
        }
    }
}

/// One article with its text and its claims, from [`super::Lookups::article`].
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDetail {
    pub article: ArticleRow,
    pub url: Option<String>,
    /// The text the claims' offsets point into.
    pub text: String,
    /// Its claims in text order, each with its spans.
    pub claims: Vec<(ClaimRow, ClaimSpans)>,
}

/// One source with all it is called and its claims, from [`super::Lookups::source`].
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDetail {
    pub iri: String,
    /// Its names across articles (`schema:name`), sorted.
    pub names: Vec<String>,
    /// Other ways articles wrote it (`hs:alias`), sorted.
    pub aliases: Vec<String>,
    /// Roles articles gave it ("spokesman"), sorted.
    pub roles: Vec<String>,
    pub key: Option<String>,
    pub kind: Option<SourceKind>,
    /// Its claims over time (as [`super::Lookups::claims`] orders them).
    pub claims: Vec<ClaimRow>,
}

/// The claims query up to the patterns that narrow it (see [`Narrowing`]).
const CLAIMS_HEAD: &str = "\
SELECT ?claim ?article ?content ?cue ?stance ?certainty ?quote ?confidence ?position
       ?sourceText ?source ?sourceName ?sourceKind ?date
WHERE {
";

/// Each claim the narrowing steps bound, with its properties. On the embedded store every
/// property is a `LATERAL` (SEP-0006) `OPTIONAL`, so Oxigraph looks it up for the claim at
/// hand, one index seek, instead of reading that property of every claim in the store and
/// joining: a lookup costs what its claims cost, whatever the size of the store. Terms stay
/// encoded until the solution is read, so only the projected values are decoded.
const CLAIM_ROW: &[Part] = &[
    Part::required("GRAPH ?g { ?claim hs:article ?article }"),
    Part::optional("GRAPH ?g { ?claim schema:text ?content }"),
    Part::optional("GRAPH ?g { ?claim hs:cue ?cue }"),
    Part::optional("GRAPH ?g { ?claim hs:stance ?stance }"),
    Part::optional("GRAPH ?g { ?claim hs:certainty ?certainty }"),
    Part::optional("GRAPH ?g { ?claim hs:quoteKind ?quote }"),
    Part::optional("GRAPH ?g { ?claim hs:confidence ?confidence }"),
    Part::optional("GRAPH ?g { ?claim hs:position ?position }"),
    Part::optional("GRAPH ?g { ?claim hs:sourceText ?sourceText }"),
    Part::optional_then(
        "GRAPH ?g { ?claim prov:wasAttributedTo ?source }",
        &[
            Part::optional("GRAPH ?g { ?source schema:name ?sourceName }"),
            Part::optional("GRAPH ?g { ?source hs:sourceKind ?sourceKind }"),
        ],
    ),
    Part::optional("GRAPH ?g { ?article schema:datePublished ?date }"),
];

/// The claims matching `filter` (see [`super::Lookups::claims`]).
pub(super) fn claims<S: SparqlReader + ?Sized>(
    db: &S,
    filter: &ClaimFilter,
) -> Result<Vec<ClaimRow>, StoreError> {
    claims_narrowed(db, &mut claim_narrowing(db, filter)?)
}

/// The first `n` claims matching `filter` (see [`super::Lookups::first_claims`]).
pub(super) fn first_claims<S: SparqlReader + ?Sized>(
    db: &S,
    filter: &ClaimFilter,
    n: usize,
) -> Result<Vec<ClaimRow>, StoreError> {
    let mut narrowing = claim_narrowing(db, filter)?;
    let mut rows = match narrowing.first(n) {
        Some(first) => claim_rows(db, &mut narrowing, &first)?,
        None => claims_narrowed(db, &mut narrowing)?,
    };
    rows.truncate(n);
    Ok(rows)
}

/// The properties a source goes by, for `--source` by a part of a name.
pub(super) const SOURCE_NAMES: &str = "schema:name rdfs:label hs:alias hs:key";

/// How [`claims`] finds the claims `filter` selects.
pub(super) fn claim_narrowing<S: SparqlReader + ?Sized>(
    db: &S,
    filter: &ClaimFilter,
) -> Result<Narrowing, StoreError> {
    if filter.min_confidence.is_some_and(f64::is_nan) {
        return Err(StoreError::InvalidFilter(
            "minimum confidence is not a number".into(),
        ));
    }
    let article = match nonblank(&filter.article) {
        Some(reference) => Some(
            find_article(db, reference)?
                .ok_or_else(|| StoreError::UnknownArticle(reference.to_owned()))?,
        ),
        None => None,
    };
    // The first filter an index answers narrows the claims; the others are FILTERs on
    // their rows, as a later narrowing step might read much more than the rows.
    let mut narrowing = Narrowing::default();
    if let Some(article) = article {
        narrowing.in_graph(article);
    }
    if let Some(source) = nonblank(&filter.source) {
        if let Some(node) = source_with_key(db, &source_key(source))? {
            narrowing.step(format_args!(
                "GRAPH ?g {{ ?claim prov:wasAttributedTo {node} }}"
            ));
        } else {
            // No source has that key: a part of its name, a name it was written under
            // ("Foreign Minister Tomás Ibarra") or its key, or of a claim's source as
            // written ("it").
            match db.claims_with_source_containing(source)? {
                Some(claims) => narrowing.among(claims),
                None => narrowing.source_containing(
                    &literal(&source.to_lowercase()),
                    SOURCE_NAMES,
                    db.form(),
                ),
            }
        }
    }
    if let Some(text) = nonblank(&filter.text) {
        match db.claims_with_words(text)? {
            Some(claims) => narrowing.among(claims),
            None => narrowing.content_with_words(text)?,
        }
    }
    if let Some(stance) = filter.stance {
        let stance = stance_iri(stance);
        if narrowing.is_narrowed() {
            narrowing.filter(format_args!("?stance = {stance}"));
        } else {
            narrowing.step(format_args!("GRAPH ?g {{ ?claim hs:stance {stance} }}"));
        }
    }
    if let Some(min) = filter.min_confidence {
        narrowing.filter(format_args!("?confidence >= {}", Literal::from(min)));
    }
    if let Some(since) = filter.since {
        narrowing.filter(format_args!("?date >= {}", date_literal(since)));
    }
    if let Some(until) = filter.until {
        narrowing.filter(format_args!("?date <= {}", date_literal(until)));
    }
    Ok(narrowing)
}

/// The claims `narrowing` finds, their rows read in chunks on every core, sorted by
/// article date (undated last), article and position.
fn claims_narrowed<S: SparqlReader + ?Sized>(
    db: &S,
    narrowing: &mut Narrowing,
) -> Result<Vec<ClaimRow>, StoreError> {
    // A text index named them all: its rows taken out whole.
    if let Some((rows, unknown)) = narrowing.take_among() {
        return complete_rows(db, narrowing, rows, &unknown);
    }
    let claims = narrowed_claims(db, narrowing)?;
    claim_rows(db, narrowing, &claims)
}

/// The rows of `claims` (each in its graph) that pass `narrowing`'s FILTERs, sorted by
/// article date (undated last), article and position.
pub(super) fn claim_rows<S: SparqlReader + ?Sized>(
    db: &S,
    narrowing: &mut Narrowing,
    claims: &[(NamedNode, NamedNode)],
) -> Result<Vec<ClaimRow>, StoreError> {
    // What a text index holds of them is not read again.
    let (rows, unknown) = narrowing.known_rows(claims);
    complete_rows(db, narrowing, rows, &unknown)
}

/// `rows` with those of the claims `unknown` read from the store, sorted and deduplicated
/// as [`claim_rows`] gives them.
fn complete_rows<S: SparqlReader + ?Sized>(
    db: &S,
    narrowing: &Narrowing,
    mut rows: Vec<ClaimRow>,
    unknown: &[(NamedNode, NamedNode)],
) -> Result<Vec<ClaimRow>, StoreError> {
    let row = render(CLAIM_ROW, db.form());
    rows.extend(rows_of(
        db,
        narrowing,
        unknown,
        CLAIMS_HEAD,
        &row,
        claim_row,
    )?);
    // Sorted here rather than by ORDER BY, which would decode the article IRIs again at
    // every comparison.
    // The row's source and text last, so that of a claim's several solutions the same one
    // is kept whatever order an engine gives them in.
    // Compared borrowed: cloning each key's strings was a tenth of a served `claims --text`.
    type Key<'r> = (
        bool,
        Option<NaiveDate>,
        &'r str,
        u64,
        &'r str,
        Option<&'r str>,
        Option<&'r str>,
        &'r str,
    );
    fn key(r: &ClaimRow) -> Key<'_> {
        (
            r.date.is_none(),
            r.date,
            &r.article_iri,
            r.position,
            &r.iri,
            r.source_iri.as_deref(),
            r.source_name.as_deref(),
            &r.content,
        )
    }
    rows.sort_by(|a, b| key(a).cmp(&key(b)));
    // A claim with two sources, or two values for one property, has several solutions.
    rows.dedup_by(|a, b| a.iri == b.iri);
    Ok(rows)
}

/// What [`sources`] reads of each source, once its claims are counted.
const SOURCE_ROW: &[Part] = &[
    Part::optional(
        "SELECT ?source (MIN(?name) AS ?n) WHERE { GRAPH ?h { ?source schema:name ?name } } GROUP BY ?source",
    ),
    Part::optional(
        "SELECT ?source (MIN(?key) AS ?k) WHERE { GRAPH ?h { ?source hs:key ?key } } GROUP BY ?source",
    ),
    Part::optional(
        "SELECT ?source (MIN(STR(?kind)) AS ?kd) WHERE { GRAPH ?h { ?source hs:sourceKind ?kind } } GROUP BY ?source",
    ),
];

/// Every source with the number of claims attributed to it over all articles, most quoted
/// first, then by name.
pub(super) fn sources<S: SparqlReader + ?Sized>(db: &S) -> Result<Vec<SourceRow>, StoreError> {
    // Claims counted in one pass; each source's name, key and kind then read through the
    // subject index (LATERAL): joining all four over the whole store took 35 s on a
    // million claims, this takes a third of that.
    let sparql = format!(
        "SELECT ?source ?n ?k ?kd ?claims WHERE {{
  {{ SELECT ?source (COUNT(DISTINCT ?claim) AS ?claims) WHERE {{
  GRAPH ?g {{ ?source a hs:Source . OPTIONAL {{ ?claim prov:wasAttributedTo ?source }} }}
}} GROUP BY ?source }}
{}}}",
        render(SOURCE_ROW, db.form())
    );
    let mut rows = Vec::new();
    for solution in db.select(&sparql)? {
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

/// One claim by short id or IRI (see [`super::Lookups::claim`]).
pub(super) fn claim<S: SparqlReader + ?Sized>(
    db: &S,
    id_or_iri: &str,
) -> Result<Option<ClaimDetail>, StoreError> {
    let claim = claim_node(id_or_iri)?;
    let mut narrowing = Narrowing::default();
    narrowing.step(format_args!("VALUES ?claim {{ {claim} }}"));
    let Some(row) = claims_narrowed(db, &mut narrowing)?.into_iter().next() else {
        return Ok(None);
    };

    // The article by its IRI, so each OPTIONAL is one seek.
    let article = NamedNode::new(row.article_iri.as_str()).map_err(|e| StoreError::Malformed {
        subject: format!("claim {claim}"),
        what: format!("its article is not an IRI: {e}"),
    })?;
    let sparql = format!(
        "SELECT ?sentence ?ss ?se ?cs ?ce ?ts ?te ?title ?url WHERE {{ GRAPH ?g {{
  {claim} a hs:Claim .
  OPTIONAL {{ {article} schema:headline ?title }}
  OPTIONAL {{ {article} schema:url ?url }}
  OPTIONAL {{ {claim} hs:sentence ?sentence }}
  OPTIONAL {{ {claim} hs:sourceStart ?ss ; hs:sourceEnd ?se }}
  OPTIONAL {{ {claim} hs:cueStart ?cs ; hs:cueEnd ?ce }}
  OPTIONAL {{ {claim} hs:contentStart ?ts ; hs:contentEnd ?te }}
}} }} LIMIT 1"
    );
    let details = db.select(&sparql)?;
    let details = details.first();

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
    for solution in db.select(&sparql)? {
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
        article_title: details.and_then(|d| string(d, "title")),
        article_url: details.and_then(|d| string(d, "url")),
        sentence: details.and_then(|d| string(d, "sentence")),
        spans: details.map(ClaimSpans::from_solution).unwrap_or_default(),
        claim: row,
        links,
    }))
}

/// The `n` most recently published articles, newest first (undated ones last).
pub(super) fn latest_articles<S: SparqlReader + ?Sized>(
    db: &S,
    n: usize,
) -> Result<Vec<ArticleRow>, StoreError> {
    // Dates are read from the predicate index; only the `n` kept are looked up further.
    let sparql = format!(
        "SELECT ?article ?date ?title ?publisher WHERE {{
  {{ SELECT ?article (MAX(?d) AS ?date) WHERE {{
   GRAPH ?article {{ ?article a hs:Article OPTIONAL {{ ?article schema:datePublished ?d }} }}
 }} GROUP BY ?article ORDER BY DESC(BOUND(?date)) DESC(?date) ?article LIMIT {n} }}
{}}}",
        render(
            &[
                Part::optional("GRAPH ?article { ?article schema:headline ?title }"),
                Part::optional("GRAPH ?article { ?article hs:publisherName ?publisher }"),
            ],
            db.form()
        )
    );
    let mut rows: Vec<ArticleRow> = db
        .select(&sparql)?
        .iter()
        .map(|solution| ArticleRow {
            iri: string(solution, "article").unwrap_or_default(),
            title: string(solution, "title"),
            date: date(solution, "date"),
            publisher: string(solution, "publisher"),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.date.is_none(), std::cmp::Reverse(a.date), &a.iri).cmp(&(
            b.date.is_none(),
            std::cmp::Reverse(b.date),
            &b.iri,
        ))
    });
    rows.dedup_by(|a, b| a.iri == b.iri);
    Ok(rows)
}

impl Store {
    /// [`latest_articles`] from the article order (which a read-only store keeps): only the
    /// `n` kept are looked up further, one seek each.
    pub(super) fn latest_articles_by_order(&self, n: usize) -> Result<Vec<ArticleRow>, StoreError> {
        // The order comes from the article order (kept by a read-only store); only the `n`
        // kept are looked up further, one seek each.
        let order = self.article_order()?;
        let newest = &order.newest[..n.min(order.newest.len())];
        if newest.is_empty() {
            return Ok(Vec::new());
        }
        let mut sparql =
            String::from("SELECT ?article ?title ?publisher WHERE {\n  VALUES ?article {");
        for (article, _) in newest {
            sparql.push(' ');
            sparql.push_str(&article.to_string());
        }
        sparql.push_str(
            " }
  LATERAL { OPTIONAL { GRAPH ?article { ?article schema:headline ?title } } }
  LATERAL { OPTIONAL { GRAPH ?article { ?article hs:publisherName ?publisher } } }
}",
        );
        let mut found: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
        for solution in self.select(&sparql)? {
            let iri = string(&solution, "article").unwrap_or_default();
            // One title and publisher each: the least, whatever order the solutions came in.
            let (title, publisher) = found.entry(iri).or_default();
            for (kept, new) in [
                (title, string(&solution, "title")),
                (publisher, string(&solution, "publisher")),
            ] {
                if new.is_some() && (kept.is_none() || new < *kept) {
                    *kept = new;
                }
            }
        }
        Ok(newest
            .iter()
            .map(|(article, date)| {
                let (title, publisher) = found.remove(article.as_str()).unwrap_or_default();
                ArticleRow {
                    iri: article.as_str().to_owned(),
                    title,
                    date: *date,
                    publisher,
                }
            })
            .collect())
    }
}

/// One article with its text and its claims (see [`super::Lookups::article`]).
pub(super) fn article<S: SparqlReader + ?Sized>(
    db: &S,
    reference: &str,
) -> Result<Option<ArticleDetail>, StoreError> {
    let Some(graph) = find_article(db, reference)? else {
        return Ok(None);
    };
    let sparql = format!(
        "SELECT ?title ?date ?publisher ?url ?text WHERE {{ GRAPH {graph} {{
  {graph} a hs:Article .
  OPTIONAL {{ {graph} schema:headline ?title }}
  OPTIONAL {{ {graph} schema:datePublished ?date }}
  OPTIONAL {{ {graph} hs:publisherName ?publisher }}
  OPTIONAL {{ {graph} schema:url ?url }}
  OPTIONAL {{ {graph} hs:text ?text }}
}} }} LIMIT 1"
    );
    let head = db.select(&sparql)?;
    let head = head.first();
    let field = |name: &str| head.and_then(|h| string(h, name));
    let sparql = format!(
        "SELECT ?claim ?ss ?se ?cs ?ce ?ts ?te WHERE {{ GRAPH {graph} {{
  ?claim hs:article {graph} .
  OPTIONAL {{ ?claim hs:sourceStart ?ss ; hs:sourceEnd ?se }}
  OPTIONAL {{ ?claim hs:cueStart ?cs ; hs:cueEnd ?ce }}
  OPTIONAL {{ ?claim hs:contentStart ?ts ; hs:contentEnd ?te }}
}} }}"
    );
    let mut spans = std::collections::HashMap::new();
    for solution in db.select(&sparql)? {
        spans.insert(
            string(&solution, "claim").unwrap_or_default(),
            ClaimSpans::from_solution(&solution),
        );
    }
    let mut narrowing = Narrowing::default();
    narrowing.step(format_args!("VALUES ?g {{ {graph} }}"));
    let claims = claims_narrowed(db, &mut narrowing)?
        .into_iter()
        .map(|row| {
            let spans = spans.get(&row.iri).copied().unwrap_or_default();
            (row, spans)
        })
        .collect();
    Ok(Some(ArticleDetail {
        article: ArticleRow {
            iri: graph.into_string(),
            title: field("title"),
            date: head.and_then(|h| date(h, "date")),
            publisher: field("publisher"),
        },
        url: field("url"),
        text: field("text").unwrap_or_default(),
        claims,
    }))
}

/// One source by IRI (see [`super::Lookups::source`]).
pub(super) fn source<S: SparqlReader + ?Sized>(
    db: &S,
    iri: &str,
) -> Result<Option<SourceDetail>, StoreError> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(None);
    };
    let sparql = format!(
        "SELECT DISTINCT ?p ?v WHERE {{ GRAPH ?g {{ {node} a hs:Source ; ?p ?v
  VALUES ?p {{ schema:name hs:alias hs:role hs:key hs:sourceKind }} }} }}"
    );
    let mut detail = SourceDetail {
        iri: node.as_str().to_owned(),
        names: Vec::new(),
        aliases: Vec::new(),
        roles: Vec::new(),
        key: None,
        kind: None,
        claims: Vec::new(),
    };
    let rows = db.select(&sparql)?;
    if rows.is_empty() {
        return Ok(None);
    }
    for solution in rows {
        let (Some(property), Some(value)) = (string(&solution, "p"), string(&solution, "v")) else {
            continue;
        };
        match property.as_str() {
            p if p == hs::ALIAS.as_str() => detail.aliases.push(value),
            p if p == hs::ROLE.as_str() => detail.roles.push(value),
            p if p == hs::SOURCE_KIND_PROP.as_str() => {
                detail.kind = source_kind_from_iri(&value);
            }
            // The least key, as `Lookups::sources` reports it.
            p if p == hs::KEY.as_str() => {
                let least = match &detail.key {
                    Some(key) => value < *key,
                    None => true,
                };
                if least {
                    detail.key = Some(value);
                }
            }
            _ => detail.names.push(value),
        }
    }
    for list in [&mut detail.names, &mut detail.aliases, &mut detail.roles] {
        list.sort();
        list.dedup();
    }
    let mut narrowing = Narrowing::default();
    narrowing.step(format_args!(
        "GRAPH ?g {{ ?claim prov:wasAttributedTo {node} }}"
    ));
    detail.claims = claims_narrowed(db, &mut narrowing)?;
    Ok(Some(detail))
}

/// The source node whose normalized key is `key`, if any article quotes it.
fn source_with_key<S: SparqlReader + ?Sized>(
    db: &S,
    key: &str,
) -> Result<Option<NamedNode>, StoreError> {
    if key.is_empty() {
        return Ok(None);
    }
    db.subject_with(hs::KEY, Literal::new_simple_literal(key).as_ref())
}

/// The graph of the article named by `reference`: a short id, an IRI of an article graph,
/// or the article's URL or input id.
pub(super) fn find_article<S: SparqlReader + ?Sized>(
    db: &S,
    reference: &str,
) -> Result<Option<NamedNode>, StoreError> {
    let reference = reference.trim();
    if reference.is_empty() {
        return Ok(None);
    }
    if let Some(iri) = article_iri_from_id(reference) {
        if db.has_graph(iri.as_ref())? {
            return Ok(Some(iri));
        }
    }
    if let Ok(iri) = NamedNode::new(reference) {
        if db.has_graph(iri.as_ref())? {
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
    Ok(db.select(&sparql)?.first().and_then(|s| match s.get("g") {
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
        source_iri: string(solution, "source"),
        source_kind: string(solution, "sourceKind").and_then(|k| source_kind_from_iri(&k)),
        cue: string(solution, "cue").unwrap_or_default(),
        content: string(solution, "content").unwrap_or_default(),
        stance,
        certainty,
        confidence: string(solution, "confidence").and_then(|c| c.parse().ok()),
        quote_kind,
        article_iri: string(solution, "article").unwrap_or_default(),
        date: date(solution, "date"),
        position,
        iri,
    })
}

pub(super) fn short_claim_id(iri: &str) -> String {
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
