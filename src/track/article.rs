//! An article's quads with its sources resolved across articles: the alias map applied
//! through [`SourceAliases`], plus each source's label, role, affiliation and the names it
//! was written under, and the article's body hash. Builds quads; knows nothing of the store.

use std::borrow::Cow;
use std::collections::BTreeMap;

use oxigraph::model::{GraphName, Literal, Quad};
use sha2::{Digest, Sha256};

use super::names::{
    acronyms_in_text, parse_source_name, resolve_source, NameIndex, ResolvedSource,
};
use crate::article::Article;
use crate::extract::{spans_text, Attribution, Extraction};
use crate::graph::vocab::{hs, rdfs};
use crate::graph::{article_iri, article_quads_with, source_iri, source_key, SourceAliases};

/// First 16 hex digits of SHA-256 of the text with whitespace collapsed: reprints of one
/// wire copy share it whatever their line breaks.
pub fn body_hash(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(collapsed.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The name a source goes by in the graph: the antecedent for a pronoun, else as written
/// (what `graph` keys it by).
fn raw_name(text: &str, attribution: &Attribution) -> String {
    match attribution.source_name.trim() {
        "" => spans_text(text, &attribution.source),
        name => name.to_owned(),
    }
}

/// The full names and acronyms an article introduces, for resolving surnames and acronyms
/// in it and in the articles ingested with it.
pub fn article_names(article: &Article, extraction: &Extraction) -> NameIndex {
    let mut index = NameIndex::new();
    for attribution in &extraction.attributions {
        index.add(&parse_source_name(&raw_name(&article.text, attribution)).name);
    }
    for (acronym, full) in acronyms_in_text(&article.text) {
        index.add_acronym(&acronym, &full);
    }
    index
}

/// Maps `graph`'s keys to resolved keys, and resolved keys to the names to show, for one
/// article.
struct ArticleAliases {
    keys: BTreeMap<String, String>,
    names: BTreeMap<String, String>,
}

impl SourceAliases for ArticleAliases {
    fn canonical<'k>(&self, key: &'k str) -> Cow<'k, str> {
        match self.keys.get(key) {
            Some(resolved) => Cow::Owned(resolved.clone()),
            None => Cow::Borrowed(key),
        }
    }

    fn name<'n>(&self, key: &str, written: &'n str) -> Cow<'n, str> {
        match self.names.get(key) {
            Some(label) => Cow::Owned(label.clone()),
            None => Cow::Borrowed(written),
        }
    }
}

/// The article's quads ([`crate::graph::article_quads_with`]) with sources resolved against
/// the article's own names and `known` (the store's and the batch's), plus `hs:bodyHash` on
/// the article and `rdfs:label`, `hs:role`, `hs:affiliation` and `hs:alias` on each source.
/// All in the article's graph, so re-ingesting replaces them too.
pub fn tracked_quads(article: &Article, extraction: &Extraction, known: &NameIndex) -> Vec<Quad> {
    let text = article.text.as_str();
    let scope = body_hash(text);
    let mut local = article_names(article, extraction);
    local.add_mentions(text);
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    // Resolved key → (resolved source, names written).
    let mut resolved: BTreeMap<String, (ResolvedSource, Vec<String>)> = BTreeMap::new();
    for attribution in &extraction.attributions {
        let raw = raw_name(text, attribution);
        let key = source_key(&raw);
        if key.is_empty() {
            continue;
        }
        let source = match map.get(&key) {
            Some(done) => resolved
                .get(done)
                .map(|(s, _)| s.clone())
                .unwrap_or_else(|| {
                    resolve_source(&raw, attribution.source_kind, &scope, &local, known)
                }),
            None => resolve_source(&raw, attribution.source_kind, &scope, &local, known),
        };
        map.entry(key).or_insert_with(|| source.key.clone());
        // The extractor often gives the name alone ("Elena Sokol") and keeps the apposition
        // in the surface span ("Elena Sokol, a maritime security analyst at …"): read the
        // role from there.
        let surface = spans_text(text, &attribution.source);
        let from_surface = parse_source_name(&surface);
        let mut source = source;
        if source.role.is_none() {
            source.role = from_surface.role;
        }
        if source.affiliation.is_none() {
            source.affiliation = from_surface.affiliation;
        }
        let entry = resolved
            .entry(source.key.clone())
            .or_insert_with(|| (source.clone(), Vec::new()));
        if entry.0.role.is_none() {
            entry.0.role.clone_from(&source.role);
        }
        if entry.0.affiliation.is_none() {
            entry.0.affiliation.clone_from(&source.affiliation);
        }
        for name in [raw, surface] {
            let name = name.trim().to_owned();
            if !name.is_empty() && !entry.1.contains(&name) {
                entry.1.push(name);
            }
        }
    }
    // Every article shows a named source by the same name, its fullest spelling (the store
    // shows the least of a source's names over its articles); a generic one stays as first
    // written ("Some analysts").
    let aliases = ArticleAliases {
        keys: map,
        names: resolved
            .iter()
            .filter(|(_, (source, _))| !source.generic && !source.label.is_empty())
            .map(|(key, (source, _))| (key.clone(), source.label.clone()))
            .collect(),
    };
    let mut quads = article_quads_with(article, extraction, &aliases);
    let node = article_iri(article);
    let graph = GraphName::NamedNode(node.clone());
    let mut add = |s: &oxigraph::model::NamedNode, p, o: &str| {
        quads.push(Quad::new(
            s.clone(),
            p,
            Literal::new_simple_literal(o),
            graph.clone(),
        ));
    };
    add(&node, hs::BODY_HASH, &scope);
    for (key, (source, names)) in &resolved {
        let iri = source_iri(key);
        add(&iri, rdfs::LABEL, &source.label);
        if let Some(role) = &source.role {
            add(&iri, hs::ROLE, role);
        }
        if let Some(affiliation) = &source.affiliation {
            add(&iri, hs::AFFILIATION, affiliation);
        }
        for name in names {
            add(&iri, hs::ALIAS, name);
        }
    }
    quads
}
