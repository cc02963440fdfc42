//! Turns an article and its attributions into RDF quads: one named graph per article, named
//! by the article's IRI, holding the article, its claims and their sources.
//! Knows nothing of files or the store.
//!
//! **Architecture Invariant:** a claim's content is never asserted as fact. It is only ever
//! the object of `schema:text` on a claim node; no triple has it as subject, and RDF 1.2
//! triple terms and annotations are not used.
//!
//! The shape, per article (`hsid:` = `https://w3id.org/hearsay/id/`):
//! ```text
//! GRAPH <article> {
//!   <article> a hs:Article, schema:NewsArticle ; schema:headline ; schema:datePublished ;
//!       schema:url ; hs:publisherName ; hs:authorName ; schema:identifier ; hs:text .
//!   <claim> a hs:Claim, schema:Claim ; hs:article <article> ; hs:position ; schema:text ;
//!       hs:cue ; hs:sourceText ; hs:sentence ; prov:wasAttributedTo <source> ; hs:stance ;
//!       hs:certainty ; hs:quoteKind ; hs:confidence ; hs:sourceStart … hs:contentEnd ;
//!       hs:denies | hs:declinesToConfirm | hs:corroborates | hs:relays <other claim> ;
//!       prov:wasQuotedFrom <relayed claim> .
//!   <source> a hs:Source, prov:Agent ; schema:name ; hs:key ; hs:sourceKind .
//! }
//! ```
//! Offsets are Unicode code points into the article text, end exclusive.

mod iri;
mod key;
pub mod vocab;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

pub use iri::{
    article_id_from_iri, article_iri, article_iri_from_id, certainty_from_iri, certainty_iri,
    claim_id_from_iri, claim_iri, claim_iri_from_id, parse_claim_id, quote_kind_from_iri,
    quote_kind_iri, source_iri, source_kind_from_iri, source_kind_iri, source_slug_from_iri,
    stance_from_iri, stance_iri,
};
pub use key::{key_slug, source_key, NoAliases, SourceAliases};

use crate::article::Article;
use crate::extract::{spans_text, Attribution, Extraction, LinkKind, SourceKind, Span};
use crate::offsets::CodePoints;
use vocab::{hs, prov, rdf, schema, xsd};

/// The quads of one article's graph, in a deterministic order: the article, then each claim
/// (with its links) in extraction order, then each source in order of first mention.
///
/// Same article and extraction in, same quads out, so re-ingesting changes nothing.
pub fn article_quads(article: &Article, extraction: &Extraction) -> Vec<Quad> {
    article_quads_with(article, extraction, &NoAliases)
}

/// [`article_quads`], with source keys mapped through `aliases` before they name a source.
pub fn article_quads_with(
    article: &Article,
    extraction: &Extraction,
    aliases: &dyn SourceAliases,
) -> Vec<Quad> {
    let article_node = article_iri(article);
    let mut out = Quads {
        graph: GraphName::NamedNode(article_node.clone()),
        quads: Vec::with_capacity(8 + 20 * extraction.attributions.len()),
    };
    article_triples(&mut out, &article_node, article);

    let text = article.text.as_str();
    let map = CodePoints::new(text);
    let claims: Vec<NamedNode> = (0..extraction.attributions.len())
        .map(|position| claim_iri(&article_node, position))
        .collect();
    // Links as given, minus those pointing outside the extraction, duplicates and self-links.
    let links: BTreeSet<(usize, usize, usize)> = extraction
        .links
        .iter()
        .filter(|l| l.from != l.to && l.from < claims.len() && l.to < claims.len())
        .filter_map(|l| {
            let rank = LINKS.iter().position(|(kind, ..)| *kind == l.kind)?;
            Some((l.from, rank, l.to))
        })
        .collect();
    // Sources in order of first mention: (IRI, name, key, kind), and the IRIs among them
    // (an article may name thousands: a scan of the list per claim would be quadratic).
    let mut sources: Vec<(NamedNode, String, String, SourceKind)> = Vec::new();
    let mut seen_sources: HashSet<NamedNode> = HashSet::new();

    for (position, attribution) in extraction.attributions.iter().enumerate() {
        let claim = &claims[position];
        let source = source_of(text, attribution, aliases);
        if let Some((name, key)) = &source {
            let iri = source_iri(key);
            if seen_sources.insert(iri.clone()) {
                let name = aliases.name(key, name).into_owned();
                sources.push((iri, name, key.clone(), attribution.source_kind));
            }
        }
        let source_node = source.map(|(_, key)| source_iri(&key));
        claim_triples(
            &mut out,
            claim,
            &article_node,
            position,
            text,
            &map,
            attribution,
            source_node.as_ref(),
        );
        for &(_, rank, to) in links.range((position, 0, 0)..(position + 1, 0, 0)) {
            let (_, predicate, also) = LINKS[rank];
            out.add(claim, predicate, claims[to].as_ref());
            if let Some(also) = also {
                out.add(claim, also, claims[to].as_ref());
            }
        }
    }

    for (iri, name, key, kind) in &sources {
        out.add(iri, rdf::TYPE, hs::SOURCE);
        out.add(iri, rdf::TYPE, prov::AGENT);
        out.add(iri, schema::NAME, Literal::new_simple_literal(name));
        out.add(iri, hs::KEY, Literal::new_simple_literal(key));
        out.add(iri, hs::SOURCE_KIND_PROP, source_kind_iri(*kind));
    }
    out.quads
}

/// Collects quads in one graph.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn add<'a>(
        &mut self,
        subject: impl Into<NamedNodeRef<'a>>,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        self.quads.push(Quad::new(
            subject.into().into_owned(),
            predicate.into_owned(),
            object,
            self.graph.clone(),
        ));
    }

    /// Adds a string literal unless it is blank: an empty headline says nothing.
    fn add_text(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.add(subject, predicate, Literal::new_simple_literal(value));
        }
    }
}

fn article_triples(out: &mut Quads, node: &NamedNode, article: &Article) {
    out.add(node, rdf::TYPE, hs::ARTICLE);
    out.add(node, rdf::TYPE, schema::NEWS_ARTICLE);
    out.add_text(
        node,
        schema::HEADLINE,
        article.title.as_deref().unwrap_or(""),
    );
    if let Some(date) = article.date {
        let date = date.format("%Y-%m-%d").to_string();
        out.add(
            node,
            schema::DATE_PUBLISHED,
            Literal::new_typed_literal(date, xsd::DATE),
        );
    }
    if let Some(url) = article
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        out.add(
            node,
            schema::URL,
            Literal::new_typed_literal(url, xsd::ANY_URI),
        );
    }
    out.add_text(
        node,
        hs::PUBLISHER_NAME,
        article.publisher.as_deref().unwrap_or(""),
    );
    out.add_text(
        node,
        hs::AUTHOR_NAME,
        article.author.as_deref().unwrap_or(""),
    );
    out.add_text(
        node,
        schema::IDENTIFIER,
        article.id.as_deref().unwrap_or(""),
    );
    // The text as read, untrimmed: the offsets count into exactly this string.
    out.add(node, hs::TEXT, Literal::new_simple_literal(&article.text));
}

/// The source's name and key: the antecedent (`source_name`) for a pronoun, else the source
/// as written; `None` when the text names no source.
fn source_of(
    text: &str,
    attribution: &Attribution,
    aliases: &dyn SourceAliases,
) -> Option<(String, String)> {
    let name = match attribution.source_name.trim() {
        "" => spans_text(text, &attribution.source),
        name => name.to_owned(),
    };
    let key = source_key(&name);
    if key.is_empty() {
        return None;
    }
    let key = aliases.canonical(&key).into_owned();
    Some((name, key))
}

#[allow(clippy::too_many_arguments)]
fn claim_triples(
    out: &mut Quads,
    claim: &NamedNode,
    article: &NamedNode,
    position: usize,
    text: &str,
    map: &CodePoints,
    attribution: &Attribution,
    source: Option<&NamedNode>,
) {
    out.add(claim, rdf::TYPE, hs::CLAIM);
    out.add(claim, rdf::TYPE, schema::CLAIM);
    out.add(claim, hs::ARTICLE_PROP, article.as_ref());
    out.add(claim, hs::POSITION, Literal::from(position as u64));
    // The content: only ever the object of schema:text on this claim node.
    out.add_text(claim, schema::TEXT, &spans_text(text, &attribution.content));
    out.add_text(claim, hs::CUE, &spans_text(text, &attribution.cue));
    out.add_text(
        claim,
        hs::SOURCE_TEXT,
        &spans_text(text, &attribution.source),
    );
    out.add_text(claim, hs::SENTENCE, &sentence_excerpt(text, attribution));
    if let Some(source) = source {
        out.add(claim, prov::WAS_ATTRIBUTED_TO, source.as_ref());
    }
    out.add(claim, hs::STANCE_PROP, stance_iri(attribution.stance));
    out.add(
        claim,
        hs::CERTAINTY_PROP,
        certainty_iri(attribution.certainty),
    );
    out.add(
        claim,
        hs::QUOTE_KIND_PROP,
        quote_kind_iri(attribution.quote),
    );
    if attribution.confidence.is_finite() {
        // Rounded so 0.75 × 0.7 reads 0.525, not 0.5249999999999999.
        let confidence = (attribution.confidence.clamp(0.0, 1.0) * 1e6).round() / 1e6;
        out.add(claim, hs::CONFIDENCE, Literal::from(confidence));
    }
    let offsets = [
        (&attribution.source, hs::SOURCE_START, hs::SOURCE_END),
        (&attribution.cue, hs::CUE_START, hs::CUE_END),
        (&attribution.content, hs::CONTENT_START, hs::CONTENT_END),
    ];
    for (spans, start_prop, end_prop) in offsets {
        // No source named, no source offsets (even if a stray span came along).
        if spans.is_empty() || (start_prop == hs::SOURCE_START && source.is_none()) {
            continue;
        }
        if let Some((start, end)) = extent(map, spans) {
            out.add(claim, start_prop, Literal::from(start as u64));
            out.add(claim, end_prop, Literal::from(end as u64));
        }
    }
}

/// The most of its sentence a claim keeps, in bytes. A sentence is rarely a tenth of it; a
/// text with no sentence ends (a scraped table, a hostile page) would otherwise have each of
/// its thousands of claims keep the whole text, memory growing with its square.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// What `hs:sentence` holds: the claim's sentence, or, when it is longer than
/// [`MAX_SENTENCE_BYTES`], the part of it around the cue (whole words, "…" at each cut).
fn sentence_excerpt<'t>(text: &'t str, attribution: &Attribution) -> Cow<'t, str> {
    let sentence = attribution.sentence.text(text);
    if sentence.len() <= MAX_SENTENCE_BYTES {
        return Cow::Borrowed(sentence);
    }
    let base = attribution.sentence.start;
    // Centred on the cue (else the content, else the sentence's start), inside the sentence.
    let anchor = attribution
        .cue
        .iter()
        .chain(&attribution.content)
        .map(|span| span.start)
        .find(|&start| start >= base && start < base + sentence.len())
        .map_or(0, |start| start - base);
    let start = anchor
        .saturating_sub(MAX_SENTENCE_BYTES / 3)
        .min(sentence.len() - MAX_SENTENCE_BYTES);
    let end = start + MAX_SENTENCE_BYTES;
    // Inward to whole characters, then to whole words when a space is near.
    let mut start = start;
    while !sentence.is_char_boundary(start) {
        start += 1;
    }
    let mut end = end;
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let window = &sentence[start..end];
    let from = if start > 0 {
        window
            .find(char::is_whitespace)
            .filter(|&i| i < 100)
            .unwrap_or(0)
    } else {
        0
    };
    let to = if end < sentence.len() {
        window
            .rfind(char::is_whitespace)
            .filter(|&i| window.len() - i < 100 && i > from)
            .unwrap_or(window.len())
    } else {
        window.len()
    };
    let mut excerpt = String::with_capacity(to - from + 8);
    if start > 0 {
        excerpt.push('…');
    }
    excerpt.push_str(window[from..to].trim());
    if end < sentence.len() {
        excerpt.push('…');
    }
    Cow::Owned(excerpt)
}

/// The code-point extent of split spans: first start .. last end; `None` if empty or reversed.
fn extent(map: &CodePoints, spans: &[Span]) -> Option<(usize, usize)> {
    let start = spans.iter().map(|s| s.start).min()?;
    let end = spans.iter().map(|s| s.end).max()?;
    let (start, end) = (map.to_char(start), map.to_char(end));
    (start <= end).then_some((start, end))
}

/// Link kinds in output order, each with its predicate and one it implies: a claim that
/// relays another was also quoted from it, in PROV-O's words.
type LinkPredicates = (
    LinkKind,
    NamedNodeRef<'static>,
    Option<NamedNodeRef<'static>>,
);
const LINKS: [LinkPredicates; 4] = [
    (LinkKind::Denies, hs::DENIES, None),
    (LinkKind::DeclinesToConfirm, hs::DECLINES_TO_CONFIRM, None),
    (LinkKind::Corroborates, hs::CORROBORATES, None),
    (LinkKind::Relays, hs::RELAYS, Some(prov::WAS_QUOTED_FROM)),
];

#[cfg(test)]
mod tests;
