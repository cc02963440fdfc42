//! The propositions graph as a table of clustered claims calls for it, node by node:
//! propositions, each claim's place in one, and the index that lets an ingest recompute only
//! the components it touches (each claim's component, content keys with their tokens, each
//! article's claim count).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::refresh::ClaimTable;
use super::PROPOSITIONS_GRAPH;
use crate::extract::{LinkKind, Stance};
use crate::graph::stance_iri;
use crate::graph::vocab::{hs, rdf, rdfs, ID};
use crate::track::{
    answers, identified, normalize_content, own_speaker, proposition_confidence, shared_origins,
    Assignment, Backing, OriginClaim, MIN_TOKENS,
};

/// The propositions graph as the claims call for it, produced a node at a time.
pub(super) struct WantedGraph<'t> {
    table: &'t ClaimTable,
    assignments: &'t [Option<Assignment>],
    /// Members of each proposition, in claim order.
    pub(super) members: BTreeMap<usize, Vec<usize>>,
    /// Each distinct content's normalized tokens.
    tokens: HashMap<Arc<str>, Vec<String>>,
    /// Each component's first claim.
    component_first: HashMap<usize, usize>,
}

impl<'t> WantedGraph<'t> {
    pub(super) fn new(table: &'t ClaimTable, assignments: &'t [Option<Assignment>]) -> Self {
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut component_first: HashMap<usize, usize> = HashMap::new();
        let mut contents: HashSet<Arc<str>> = HashSet::new();
        for (i, a) in assignments.iter().enumerate() {
            if let Some(a) = a {
                members.entry(a.proposition).or_default().push(i);
                component_first.entry(a.component).or_insert(i);
                contents.insert(Arc::clone(&table.claims[i].content));
            }
        }
        let contents: Vec<Arc<str>> = contents.into_iter().collect();
        let tokens = contents
            .into_par_iter()
            .map(|c| {
                let tokens = normalize_content(&c).tokens;
                (c, tokens)
            })
            .collect();
        WantedGraph {
            table,
            assignments,
            members,
            tokens,
            component_first,
        }
    }

    /// The origin and relay of claim `i`, the origin as the claim whose source it is: a
    /// relayed claim credits the cited source, and a claim that relays a relay the source at
    /// the end of the chain ("the paper reported that the agency quoted officials as saying
    /// …": the officials). `None` when no claim of the chain has a source.
    fn origin_of(&self, i: usize) -> (Option<usize>, Option<&'t str>) {
        let table = self.table;
        let proposition = |claim: usize| self.assignments[claim].map(|a| a.proposition);
        // Of the claims a report relays, the one that says what it says; a claim it answers
        // it does not pass on (see `answers`).
        let cited = |claim: usize| {
            let mut relayed = table.links[claim]
                .iter()
                .filter(|(kind, to)| *kind == LinkKind::Relays && *to != claim)
                .map(|&(_, to)| to)
                .filter(|&to| !answers(table.holder(claim), table.holder(to)));
            let first = relayed.clone().next();
            relayed
                .find(|&to| proposition(to) == proposition(claim))
                .or(first)
        };
        let mut end = i;
        // A chain in one sentence is short; the bound only guards against a cycle.
        for _ in 0..8 {
            match cited(end) {
                Some(to) if to != i && table.source(to).is_some() => end = to,
                _ => break,
            }
        }
        if end == i {
            (table.source(i).map(|_| i), None)
        } else {
            (Some(end), table.source(i))
        }
    }

    /// The origin (as the claim whose source it is) and relay of each claim of one
    /// proposition (`list`): as [`Self::origin_of`] says, then one origin under several names
    /// ([`shared_origins`]): a claim with no source, or with a source that is not a named
    /// person (a description, a pronoun, a poll's share, a body), in an article where a claim
    /// of the same proposition on its side has a named one, is the article reporting that
    /// source ("Humberto was expected to pass by Bermuda" beside "the NHC predicted that
    /// Humberto would pass by Bermuda"), not an origin of its own; so is a reprint of
    /// another's words, and a surname beside its full name.
    fn origins(&self, list: &[usize]) -> Vec<(Option<usize>, Option<&'t str>)> {
        let claims = &self.table.claims;
        let article = |i: usize| claims[i].iri.rsplit_once('-').map_or("", |(a, _)| a);
        let origins: Vec<_> = list.iter().map(|&i| self.origin_of(i)).collect();
        let read: Vec<OriginClaim<'_>> = list
            .iter()
            .zip(&origins)
            .map(|(&i, &(origin, relay))| OriginClaim {
                article: article(i),
                content: &claims[i].content,
                origin: origin.and_then(|o| self.table.source(o)),
                stance: self.assignments[i].map_or(Stance::Asserted, |a| a.stance),
                kind: origin.and_then(|o| claims[o].kind),
                relayed: relay.is_some_and(identified),
            })
            .collect();
        shared_origins(&read)
            .into_iter()
            .zip(&origins)
            .map(|(k, &(_, relay))| (origins[k].0, relay))
            .collect()
    }

    /// Calls `node` with each node of the graph and all its quads, in a fixed order.
    pub(super) fn for_each_node(&self, mut node: impl FnMut(&NamedNode, Vec<Quad>)) {
        let claims = &self.table.claims;
        let graph = GraphName::NamedNode(PROPOSITIONS_GRAPH.into_owned());
        let quad =
            |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| Quad::new(s.clone(), p, o, graph.clone());
        // Content keys, each with its component, met on the way.
        let mut keys: BTreeMap<String, (&[String], usize)> = BTreeMap::new();
        for list in self.members.values() {
            let Some(&first) = list.first() else { continue };
            let proposition = proposition_iri(&claims[first].iri);
            // The label: the first claim that asserts it with words of its own.
            let label = list
                .iter()
                .find(|&&i| {
                    self.assignments[i].is_some_and(|a| a.stance == Stance::Asserted)
                        && self.tokens_of(i).len() >= MIN_TOKENS
                })
                .or_else(|| list.iter().find(|&&i| !claims[i].content.trim().is_empty()))
                .map_or("", |&i| &*claims[i].content);
            let origins = self.origins(list);
            let origin_name = |origin: Option<usize>| origin.and_then(|o| self.table.source(o));
            // The origin weighs by its own kind ("the paper reported, citing officials": the
            // officials' kind, not the paper's); a claim without one by none.
            let backing: Vec<Backing<'_>> = list
                .iter()
                .zip(&origins)
                .filter_map(|(&i, &(origin, _))| {
                    let a = self.assignments[i]?;
                    Some(Backing {
                        origin: origin_name(origin).unwrap_or(&claims[i].iri),
                        stance: a.stance,
                        certainty: claims[i].certainty,
                        kind: origin.and_then(|o| claims[o].kind),
                    })
                })
                .collect();
            let mut quads = vec![
                quad(&proposition, rdf::TYPE, hs::PROPOSITION.into_owned().into()),
                quad(
                    &proposition,
                    rdfs::LABEL,
                    Literal::new_simple_literal(label).into(),
                ),
                quad(
                    &proposition,
                    hs::PROPOSITION_CONFIDENCE,
                    Literal::from(proposition_confidence(&backing)).into(),
                ),
            ];
            if self.contested(list, &origins) {
                quads.push(quad(
                    &proposition,
                    hs::CONTESTED,
                    Literal::from(true).into(),
                ));
            }
            node(&proposition, quads);
            for (&i, &(origin, relay)) in list.iter().zip(&origins) {
                let Some(a) = self.assignments[i] else {
                    continue;
                };
                let component = self.component_iri(a.component);
                let claim = NamedNode::new_unchecked(claims[i].iri.to_string());
                let mut quads = vec![
                    quad(&claim, hs::PROPOSITION_PROP, proposition.clone().into()),
                    quad(
                        &claim,
                        hs::PROPOSITION_STANCE,
                        stance_iri(a.stance).into_owned().into(),
                    ),
                    quad(&claim, hs::COMPONENT, component.into()),
                ];
                if let Some(origin) = origin_name(origin).and_then(|o| NamedNode::new(o).ok()) {
                    quads.push(quad(&claim, hs::ORIGIN, origin.into()));
                }
                if let Some(relay) = relay.and_then(|r| NamedNode::new(r).ok()) {
                    quads.push(quad(&claim, hs::RELAY, relay.into()));
                }
                node(&claim, quads);
                // Keyed by the words clustering matched it by: a fragment's are none.
                let tokens = self.tokens_of(i);
                let content = self.table.matched_content(i);
                if tokens.len() >= MIN_TOKENS && !content.is_empty() {
                    // A claim about its own source is like no other source's claim of the
                    // same words, so its words may stand in another component: keyed apart.
                    let speaker = own_speaker(content, self.table.source(i), claims[i].kind);
                    keys.entry(content_key(tokens, speaker))
                        .or_insert((tokens, a.component));
                }
            }
        }
        // The mark that every contested proposition carries hs:contested.
        let graph_node = PROPOSITIONS_GRAPH.into_owned();
        node(
            &graph_node,
            vec![quad(
                &graph_node,
                hs::MARKS_CONTESTED,
                Literal::from(true).into(),
            )],
        );
        for (key, (tokens, component)) in keys {
            let key = NamedNode::new_unchecked(key);
            let mut quads = Vec::with_capacity(tokens.len() + 2);
            quads.push(quad(
                &key,
                hs::COMPONENT,
                self.component_iri(component).into(),
            ));
            quads.push(quad(
                &key,
                hs::TOKEN_COUNT,
                Literal::from(tokens.len() as u64).into(),
            ));
            quads.extend(tokens.iter().map(|t| {
                quad(
                    &key,
                    hs::INDEX_TOKEN,
                    Literal::new_simple_literal(t.as_str()).into(),
                )
            }));
            node(&key, quads);
        }
        // Each whole article's claim count (its last position + 1), so that the claims a
        // new version drops are found.
        let mut articles: BTreeMap<&str, u64> = BTreeMap::new();
        for claim in claims {
            let Some(article) = claim.article else {
                continue;
            };
            if self
                .table
                .whole
                .as_ref()
                .is_some_and(|w| !w.contains(&article))
            {
                continue;
            }
            let count = articles
                .entry(self.table.article_name(article))
                .or_default();
            *count = (*count).max(claim.position + 1);
        }
        for (article, count) in articles {
            let Ok(article) = NamedNode::new(article) else {
                continue;
            };
            node(
                &article,
                vec![quad(
                    &article,
                    hs::INDEXED_CLAIMS,
                    Literal::from(count).into(),
                )],
            );
        }
    }

    /// Whether the proposition of the claims `list`, with their `origins` (as
    /// [`Self::origins`] gives them), is contested, its origins told apart as the lookups tell
    /// them (`propositions_among`): a claim's `hs:origin`, else its article's body hash, else
    /// the claim; claims without an article are not counted.
    fn contested(&self, list: &[usize], origins: &[(Option<usize>, Option<&'t str>)]) -> bool {
        let claims = &self.table.claims;
        let mut asserting: HashSet<(u8, &str)> = HashSet::new();
        let mut denying: HashSet<(u8, &str)> = HashSet::new();
        for (&i, &(origin, _)) in list.iter().zip(origins) {
            let (Some(a), Some(article)) = (self.assignments[i], claims[i].article) else {
                continue;
            };
            let origin = match origin
                .and_then(|o| self.table.source(o))
                .filter(|o| NamedNode::new(*o).is_ok())
            {
                Some(source) => (0, source),
                None => match self.table.body(article) {
                    Some(body) => (1, body),
                    None => (2, &*claims[i].iri),
                },
            };
            match a.stance {
                Stance::Asserted => asserting.insert(origin),
                Stance::Denied => denying.insert(origin),
                _ => false,
            };
        }
        let contending = asserting.union(&denying).count();
        super::is_contested(asserting.len(), denying.len(), contending)
    }

    fn tokens_of(&self, i: usize) -> &[String] {
        self.tokens
            .get(&self.table.claims[i].content)
            .map_or(&[], Vec::as_slice)
    }

    fn component_iri(&self, component: usize) -> NamedNode {
        let first = self.component_first.get(&component).copied().unwrap_or(0);
        hashed_iri("component", &self.table.claims[first].iri)
    }
}

/// `…/id/{kind}/{first 16 hex digits of SHA-256 of text}`.
fn hashed_iri(kind: &str, text: &str) -> NamedNode {
    let digest = Sha256::digest(text.as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{ID}{kind}/{hash}"))
}

fn proposition_iri(first_claim: &str) -> NamedNode {
    hashed_iri("proposition", first_claim)
}

/// The IRI of the content key for these normalized tokens (sorted, distinct).
pub(super) fn content_key(tokens: &[String], speaker: Option<&str>) -> String {
    let mut text = tokens.join(" ");
    if let Some(speaker) = speaker {
        text.push('\n');
        text.push_str(speaker);
    }
    hashed_iri("content", &text).into_string()
}
