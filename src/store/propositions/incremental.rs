//! Bringing the propositions graph up to date after an ingest run by recomputing only the
//! components its claims touch, so that adding a few articles costs what they bring, not
//! what the store holds.
//!
//! Why this gives exactly what a rebuild from every claim gives: propositions never cross
//! a component (claims connected by similarity or links), and [`crate::track::cluster`]
//! splits a component by its own claims only. A component the run changes either held a
//! claim of an article the run wrote (found through that article's claims, whose number
//! the index keeps: `hs:indexedClaims`), or holds a content similar to one of the run's
//! (found through the content keys' tokens, `hs:indexToken`). Every other component keeps
//! its claims, so its propositions, and its claims their origins (a relay chain stays in
//! one component: links join components). The touched components' claims are read back
//! (each claim and key names its component, `hs:component`) with the claims without a
//! proposition they link to, clustered with the run's, and only the quads that differ are
//! written, in one transaction.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term, TermRef};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;

use super::refresh::{cluster_table, ClaimSet};
use super::wanted::WantedGraph;
use super::{RefreshOutcome, PROPOSITIONS_GRAPH};
use crate::graph::claim_iri;
use crate::graph::vocab::{hs, prov, schema, ID};
use crate::store::{Store, StoreError};
use crate::track::{normalize_content, similar_by_count, MIN_TOKENS};

impl Store {
    /// Whether the propositions graph holds the index [`Store::refresh_touched`] reads (a
    /// store whose propositions an earlier version wrote has none until a full refresh).
    pub(super) fn has_proposition_index(&self) -> Result<bool, StoreError> {
        let sparql = format!(
            "ASK {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?a {} ?n }} }}",
            hs::INDEXED_CLAIMS
        );
        Ok(matches!(self.query(&sparql)?, QueryResults::Boolean(true)))
    }

    /// Recomputes the components that the claims of `fresh` (the run's articles, all
    /// written already) touch, and writes what changed. See the module doc.
    pub(super) fn refresh_touched(
        &self,
        mut fresh: ClaimSet,
        started: Instant,
    ) -> Result<RefreshOutcome, StoreError> {
        let graph = GraphNameRef::NamedNode(PROPOSITIONS_GRAPH);
        // Nodes of the propositions graph that may change: the touched claims, their
        // propositions, content keys and articles, and whatever the new clustering makes.
        let mut nodes: HashSet<NamedNode> = HashSet::new();
        let mut components: HashSet<NamedNode> = HashSet::new();

        // The claims the run's articles had before: their components change.
        let articles = fresh.fresh_articles();
        let mut fresh_prefixes: HashSet<String> = HashSet::new();
        for article in &articles {
            let Ok(article) = NamedNode::new(article.as_str()) else {
                continue;
            };
            fresh_prefixes.insert(claim_prefix(claim_iri(&article, 0).as_str()).to_owned());
            let before = self
                .object_of(article.as_ref(), hs::INDEXED_CLAIMS)?
                .and_then(|count| literal_number(&count))
                .unwrap_or(0);
            for position in 0..before {
                let claim = claim_iri(&article, position);
                if let Some(Term::NamedNode(component)) =
                    self.object_of(claim.as_ref(), hs::COMPONENT)?
                {
                    components.insert(component);
                }
                nodes.insert(claim);
            }
            nodes.insert(article);
        }

        // Stored contents similar to the run's: through the keys that share their tokens.
        for component in self.similar_components(&fresh.fresh_contents())? {
            components.insert(component);
        }

        // Every claim and key of those components; the claims of other articles are read
        // back to be clustered again with the run's.
        let members: Vec<Vec<NamedNode>> = components
            .par_iter()
            .map(|component| self.subjects_of(hs::COMPONENT, component.as_ref().into()))
            .collect::<Result<_, _>>()?;
        let mut stored: Vec<NamedNode> = Vec::new();
        for node in members.into_iter().flatten() {
            let is_claim = node.as_str().starts_with(&format!("{ID}claim/"));
            if is_claim && !fresh_prefixes.contains(claim_prefix(node.as_str())) {
                stored.push(node.clone());
            }
            nodes.insert(node);
        }
        // And the propositions those claims were in.
        let claims: Vec<&NamedNode> = nodes
            .iter()
            .filter(|n| n.as_str().starts_with(&format!("{ID}claim/")))
            .collect();
        let propositions: Vec<Option<Term>> = claims
            .par_iter()
            .map(|claim| self.object_of(claim.as_ref(), hs::PROPOSITION_PROP))
            .collect::<Result<_, _>>()?;
        nodes.extend(propositions.into_iter().filter_map(|p| match p {
            Some(Term::NamedNode(p)) => Some(p),
            _ => None,
        }));

        // The stored claims, and the claims they link to that have no proposition (so no
        // component): a relay chain passes through them ("the paper reported that the
        // agency quoted officials"), and a link makes a claim part of a proposition.
        let mut read: HashSet<String> = HashSet::new();
        let mut next = stored;
        while !next.is_empty() {
            read.extend(next.iter().map(|c| c.as_str().to_owned()));
            let quads: Vec<Vec<Quad>> = by_article(next)
                .par_iter()
                .map(|claims| self.claims_quads(claims))
                .collect::<Result<_, _>>()?;
            for quad in quads.iter().flatten() {
                fresh.add_quad(quad);
            }
            next = fresh
                .unread_link_targets()
                .into_iter()
                .filter(|iri| !read.contains(iri) && !fresh_prefixes.contains(claim_prefix(iri)))
                .filter_map(|iri| NamedNode::new(iri).ok())
                .collect();
        }

        let whole = fresh.fresh_ids();
        let mut table = fresh.into_table();
        table.whole = Some(whole);
        let assignments = cluster_table(&table);
        let wanted = WantedGraph::new(&table, &assignments);
        let mut wanted_quads: HashMap<NamedNode, Vec<Quad>> = HashMap::new();
        wanted.for_each_node(|node, quads| {
            nodes.insert(node.clone());
            wanted_quads.insert(node.clone(), quads);
        });

        // What each node says now, read on every core before the transaction (a reprinted
        // story's component has thousands of nodes): only this process writes the store.
        let nodes: Vec<NamedNode> = nodes.into_iter().collect();
        let current: Vec<HashSet<Quad>> = nodes
            .par_iter()
            .map(|node| {
                self.inner
                    .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(graph))
                    .collect::<Result<HashSet<Quad>, _>>()
            })
            .collect::<Result<_, _>>()?;
        let mut transaction = self.inner.start_transaction()?;
        transaction.insert_named_graph(PROPOSITIONS_GRAPH);
        for (node, now) in nodes.iter().zip(current) {
            let want: HashSet<&Quad> = wanted_quads.get(node).into_iter().flatten().collect();
            for quad in now.iter().filter(|q| !want.contains(q)) {
                transaction.remove(quad);
            }
            for quad in want.into_iter().filter(|q| !now.contains(*q)) {
                transaction.insert(quad);
            }
        }
        transaction.commit()?;
        Ok(RefreshOutcome {
            claims: table.claims.len(),
            assigned: assignments.iter().flatten().count(),
            propositions: wanted.members.len(),
            took: started.elapsed(),
        })
    }

    /// The components of stored content keys [`similar_by_count`] to one of `contents`.
    fn similar_components(&self, contents: &[Arc<str>]) -> Result<HashSet<NamedNode>, StoreError> {
        let sets: HashSet<Vec<String>> = contents
            .par_iter()
            .map(|c| normalize_content(c).tokens)
            .filter(|tokens| tokens.len() >= MIN_TOKENS)
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let sets: Vec<Vec<String>> = sets.into_iter().collect();
        let tokens: HashSet<&str> = sets.iter().flatten().map(String::as_str).collect();
        let tokens: Vec<&str> = tokens.into_iter().collect();
        let postings: Vec<Vec<NamedNode>> = tokens
            .par_iter()
            .map(|token| {
                let token = Literal::new_simple_literal(*token);
                self.subjects_of(hs::INDEX_TOKEN, token.as_ref().into())
            })
            .collect::<Result<_, _>>()?;
        let posting: HashMap<&str, &Vec<NamedNode>> =
            tokens.iter().copied().zip(postings.iter()).collect();
        // Keys sharing tokens with each set, and how many. One shared token never makes two
        // contents similar (Jaccard 1/3 at best, and overlap needs four), so only keys
        // sharing two or more are read.
        let mut candidates: Vec<(usize, &NamedNode, usize)> = Vec::new();
        for (s, set) in sets.iter().enumerate() {
            let mut shared: HashMap<&NamedNode, usize> = HashMap::new();
            for token in set {
                for key in posting.get(token.as_str()).into_iter().copied().flatten() {
                    *shared.entry(key).or_default() += 1;
                }
            }
            candidates.extend(
                shared
                    .into_iter()
                    .filter(|&(_, n)| n >= 2)
                    .map(|(key, n)| (s, key, n)),
            );
        }
        let keys: HashSet<&NamedNode> = candidates.iter().map(|&(_, key, _)| key).collect();
        let keys: Vec<&NamedNode> = keys.into_iter().collect();
        let read: Vec<Option<(usize, NamedNode)>> = keys
            .par_iter()
            .map(|key| {
                let count = self.object_of(key.as_ref(), hs::TOKEN_COUNT)?;
                let component = self.object_of(key.as_ref(), hs::COMPONENT)?;
                Ok(match (count.as_ref().and_then(literal_number), component) {
                    (Some(count), Some(Term::NamedNode(c))) => Some((count, c)),
                    _ => None,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let info: HashMap<&NamedNode, (usize, NamedNode)> = keys
            .into_iter()
            .zip(read)
            .filter_map(|(key, info)| Some((key, info?)))
            .collect();
        Ok(candidates
            .into_iter()
            .filter_map(|(s, key, shared)| {
                let (count, component) = info.get(key)?;
                // Whether a stored key names something is not indexed: taking it that it
                // does finds a few components too many, which are recomputed unchanged.
                similar_by_count(shared, sets[s].len(), *count, true).then(|| component.clone())
            })
            .collect())
    }

    /// The quads of claims of one article in its graph, with what clustering reads beside
    /// them: their sources' kinds and the article's date and body hash (in that graph), each read once for
    /// the article, not once per claim (a story reprinted fifty times is read back whole).
    fn claims_quads(&self, claims: &[NamedNode]) -> Result<Vec<Quad>, StoreError> {
        let mut quads: Vec<Quad> = Vec::new();
        for claim in claims {
            for quad in self
                .inner
                .quads_for_pattern(Some(claim.as_ref().into()), None, None, None)
            {
                let quad = quad?;
                if quad.graph_name.as_ref() != GraphNameRef::NamedNode(PROPOSITIONS_GRAPH) {
                    quads.push(quad);
                }
            }
        }
        let mut wanted: HashSet<(NamedNode, NamedNodeRef<'static>, oxigraph::model::GraphName)> =
            HashSet::new();
        for quad in &quads {
            let Term::NamedNode(object) = &quad.object else {
                continue;
            };
            let predicates: &[NamedNodeRef<'static>] = if quad.predicate == prov::WAS_ATTRIBUTED_TO
            {
                &[hs::SOURCE_KIND_PROP]
            } else if quad.predicate == hs::ARTICLE_PROP {
                &[schema::DATE_PUBLISHED, hs::BODY_HASH]
            } else {
                continue;
            };
            for &predicate in predicates {
                wanted.insert((object.clone(), predicate, quad.graph_name.clone()));
            }
        }
        for (subject, predicate, graph) in wanted {
            for found in self.inner.quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(predicate),
                None,
                Some(graph.as_ref()),
            ) {
                quads.push(found?);
            }
        }
        Ok(quads)
    }

    /// The object of `subject predicate ?o` in the propositions graph, if any.
    fn object_of(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Option<Term>, StoreError> {
        let graph = GraphNameRef::NamedNode(PROPOSITIONS_GRAPH);
        match self
            .inner
            .quads_for_pattern(Some(subject.into()), Some(predicate), None, Some(graph))
            .next()
        {
            Some(quad) => Ok(Some(quad?.object)),
            None => Ok(None),
        }
    }

    /// The subjects of `?s predicate object` in the propositions graph, through SPARQL,
    /// which decodes only the subjects.
    fn subjects_of(
        &self,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
    ) -> Result<Vec<NamedNode>, StoreError> {
        let sparql = format!(
            "SELECT ?s WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?s {predicate} {object} }} }}"
        );
        let QueryResults::Solutions(solutions) = self.query(&sparql)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for solution in solutions {
            if let Some(Term::NamedNode(s)) = solution?.get("s") {
                out.push(s.clone());
            }
        }
        Ok(out)
    }
}

/// Claims grouped by their article (the IRI up to the position), each group in order.
fn by_article(mut claims: Vec<NamedNode>) -> Vec<Vec<NamedNode>> {
    claims.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    let mut groups: Vec<Vec<NamedNode>> = Vec::new();
    for claim in claims {
        match groups.last_mut() {
            Some(group) if claim_prefix(group[0].as_str()) == claim_prefix(claim.as_str()) => {
                group.push(claim);
            }
            _ => groups.push(vec![claim]),
        }
    }
    groups
}

/// A claim IRI up to its position (`…/claim/{article hash}-`).
fn claim_prefix(claim: &str) -> &str {
    claim
        .rsplit_once('-')
        .map_or(claim, |(prefix, _)| &claim[..prefix.len() + 1])
}

fn literal_number(term: &Term) -> Option<usize> {
    match term {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}
