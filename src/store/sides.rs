//! Who takes which side of a proposition: the sources a source is at odds with, the claims
//! that back a proposition as its confidence formula weighs them, and the network of sources
//! and propositions around one of them (the web's story picture). Plain rows; the web pages
//! render them.

use std::collections::BTreeMap;

use oxigraph::model::NamedNode;

use super::propositions::{proposition_iri_from_id, PROPOSITIONS_GRAPH};
use super::values::string;
use super::{Store, StoreError};
use crate::extract::{Certainty, SourceKind, Stance};
use crate::graph::{certainty_from_iri, source_kind_from_iri, stance_from_iri};

/// Another source that takes the opposite side of a proposition a source takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Opponent {
    pub proposition_iri: String,
    pub proposition_label: String,
    /// What the source at hand does with the proposition (asserts or denies).
    pub stance: Stance,
    pub other_iri: String,
    pub other_name: Option<String>,
    /// What the other source does with it: the opposite.
    pub other_stance: Stance,
}

/// One claim of a proposition, as [`crate::track::proposition_confidence`] weighs it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackingRow {
    /// The independent origin: a source IRI, or the claim's IRI when it has no source.
    pub origin: String,
    pub origin_name: Option<String>,
    pub stance: Stance,
    pub certainty: Certainty,
    pub kind: Option<SourceKind>,
}

impl BackingRow {
    /// The row as [`crate::track::proposition_confidence`] reads it.
    pub fn as_backing(&self) -> crate::track::Backing<'_> {
        crate::track::Backing {
            origin: &self.origin,
            stance: self.stance,
            certainty: self.certainty,
            kind: self.kind,
        }
    }
}

/// A node of a story: a source or a proposition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoryNode {
    pub iri: String,
    pub label: String,
}

/// What an edge of a story says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StoryEdgeKind {
    /// Source → proposition, with its stance.
    Takes(Stance),
    /// Source → the source whose claim it relays.
    Relays,
}

/// The sources and propositions around one of them, and how they connect.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    pub sources: Vec<StoryNode>,
    pub propositions: Vec<StoryNode>,
    /// (from, to, kind): indexes into `sources` and, for `Takes`, `propositions`, else `sources`.
    pub edges: Vec<(usize, usize, StoryEdgeKind)>,
    /// Nodes found but left out to keep the picture within the bound.
    pub left_out: usize,
}

/// A source's name: its label, else its name, as read by [`name_in`].
const SOURCE_NAME: &str = "COALESCE(MIN(?label), MIN(?name))";

/// Reads `?label` and `?name` of `node` in the article graph `graph` (the graph of the claim
/// that mentions it): one seek each, where reading every graph that names a source would
/// cost as many rows as articles quote it.
fn name_in(node: &str, graph: &str) -> String {
    format!(
        "  LATERAL {{ OPTIONAL {{ GRAPH {graph} {{ {node} rdfs:label ?label }} }} }}
  LATERAL {{ OPTIONAL {{ GRAPH {graph} {{ {node} schema:name ?name }} }} }}
"
    )
}

impl Store {
    /// The sources that assert what the source `iri` denies, or deny what it asserts, by
    /// proposition: sorted by the other source's name, then the proposition's label.
    pub fn opponents(&self, iri: &str) -> Result<Vec<Opponent>, StoreError> {
        let Ok(node) = NamedNode::new(iri) else {
            return Ok(Vec::new());
        };
        let sparql = format!(
            "SELECT ?p ?plabel ?mine ?other ?theirs ({SOURCE_NAME} AS ?otherName) WHERE {{
  {{ SELECT DISTINCT ?p ?mine WHERE {{
    GRAPH ?g {{ ?claim prov:wasAttributedTo {node} }}
    GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:proposition ?p ; hs:propositionStance ?mine }}
    FILTER(?mine IN (hs:Asserted, hs:Denied))
  }} }}
  GRAPH {PROPOSITIONS_GRAPH} {{ ?p rdfs:label ?plabel . ?opposing hs:proposition ?p ; hs:propositionStance ?theirs }}
  FILTER(?theirs IN (hs:Asserted, hs:Denied) && ?theirs != ?mine)
  GRAPH ?h {{ ?opposing prov:wasAttributedTo ?other }}
  FILTER(?other != {node})
{}}}
GROUP BY ?p ?plabel ?mine ?other ?theirs",
            name_in("?other", "?h")
        );
        let mut rows: Vec<Opponent> = self
            .select(&sparql)?
            .iter()
            .filter_map(|s| {
                Some(Opponent {
                    proposition_iri: string(s, "p")?,
                    proposition_label: string(s, "plabel").unwrap_or_default(),
                    stance: stance_from_iri(&string(s, "mine")?)?,
                    other_iri: string(s, "other")?,
                    other_name: string(s, "otherName"),
                    other_stance: stance_from_iri(&string(s, "theirs")?)?,
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            (
                &a.other_name,
                &a.other_iri,
                &a.proposition_label,
                &a.proposition_iri,
            )
                .cmp(&(
                    &b.other_name,
                    &b.other_iri,
                    &b.proposition_label,
                    &b.proposition_iri,
                ))
        });
        Ok(rows)
    }

    /// The claims of the proposition `id_or_iri` with what its confidence formula reads of
    /// each: origin, stance on the proposition, certainty and the origin's kind (in the
    /// claim's article, where the origin is named).
    pub fn backing(&self, id_or_iri: &str) -> Result<Vec<BackingRow>, StoreError> {
        let Some(proposition) = proposition_iri_from_id(id_or_iri) else {
            return Ok(Vec::new());
        };
        let sparql = format!(
            "SELECT ?claim ?stance ?origin ?certainty ?kind ({SOURCE_NAME} AS ?originName) WHERE {{
  GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:proposition {proposition} }}
  # Each claim's properties read for it (LATERAL), as the story and the proposition's
  # counts read them. The kind is the origin's.
  LATERAL {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:propositionStance ?stance }} }}
  LATERAL {{ OPTIONAL {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:origin ?o }} }} }}
  BIND(COALESCE(?o, ?claim) AS ?origin)
  LATERAL {{ GRAPH ?g {{ ?claim a hs:Claim ; hs:certainty ?certainty }} }}
  LATERAL {{ OPTIONAL {{ GRAPH ?g {{ ?origin hs:sourceKind ?kind }} }} }}
{}}}
GROUP BY ?claim ?stance ?origin ?certainty ?kind
ORDER BY ?claim",
            name_in("?origin", "?g")
        );
        Ok(self
            .select(&sparql)?
            .iter()
            .filter_map(|s| {
                Some(BackingRow {
                    origin: string(s, "origin")?,
                    origin_name: string(s, "originName"),
                    stance: stance_from_iri(&string(s, "stance")?)?,
                    certainty: certainty_from_iri(&string(s, "certainty")?)?,
                    kind: string(s, "kind").and_then(|k| source_kind_from_iri(&k)),
                })
            })
            .collect())
    }

    /// The label of the proposition `id_or_iri`, if it has a claim in an article: what
    /// [`super::Lookups::proposition`] gives as its label, without counting its claims.
    pub fn proposition_label(&self, id_or_iri: &str) -> Result<Option<String>, StoreError> {
        let Some(proposition) = proposition_iri_from_id(id_or_iri) else {
            return Ok(None);
        };
        let sparql = format!(
            "SELECT ?label WHERE {{
  GRAPH {PROPOSITIONS_GRAPH} {{ {proposition} a hs:Proposition ; rdfs:label ?label }}
  # One claim is enough: FILTER EXISTS read them all (0.15 s for 250 claims).
  LATERAL {{ SELECT ?article WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:proposition {proposition} }}
    GRAPH ?g {{ ?claim hs:article ?article }} }} LIMIT 1 }}
}} ORDER BY ?label LIMIT 1"
        );
        Ok(self
            .select(&sparql)?
            .first()
            .and_then(|s| string(s, "label")))
    }

    /// The story around `iri`, a proposition or a source: every origin that takes a side on
    /// the propositions in it, every source that relays one of those origins' claims, and
    /// (around a source) the propositions that source takes a side on. At most `max_nodes`
    /// nodes: the propositions with the most origins and the sources with the most edges stay.
    pub fn story(&self, iri: &str, max_nodes: usize) -> Result<Story, StoreError> {
        let Ok(node) = NamedNode::new(iri) else {
            return Ok(Story::default());
        };
        // The propositions of the story: the one asked about, or those the source's claims
        // (as origin or as relay) take a side on.
        let sparql = format!(
            "SELECT ?p ?plabel ?origin ?stance ?relay ({SOURCE_NAME} AS ?originName)
       (COALESCE(MIN(?relayLabel), MIN(?relayNameAny)) AS ?relayName) WHERE {{
  {{ SELECT DISTINCT ?p WHERE {{
    {{ VALUES ?p {{ {node} }} GRAPH {PROPOSITIONS_GRAPH} {{ ?p a hs:Proposition }} }}
    UNION {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?mine hs:origin {node} ; hs:proposition ?p }} }}
    UNION {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?mine hs:relay {node} ; hs:proposition ?p }} }}
  }} }}
  # Each proposition's claims read for it (LATERAL): joined, Oxigraph read every
  # proposition's claims first (36 s for a story on the 42,000-article replica; 0.09 s so).
  LATERAL {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?p rdfs:label ?plabel . ?claim hs:proposition ?p ;
    hs:propositionStance ?stance ; hs:origin ?origin }} }}
  LATERAL {{ GRAPH ?g {{ ?claim a hs:Claim }} }}
{}  LATERAL {{ OPTIONAL {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:relay ?relay }}
    LATERAL {{ OPTIONAL {{ GRAPH ?g {{ ?relay rdfs:label ?relayLabel }} }} }}
    LATERAL {{ OPTIONAL {{ GRAPH ?g {{ ?relay schema:name ?relayNameAny }} }} }} }} }}
}}
GROUP BY ?p ?plabel ?origin ?stance ?relay",
            name_in("?origin", "?g")
        );
        let rows = self.select(&sparql)?;
        let mut propositions: BTreeMap<String, (String, usize)> = BTreeMap::new();
        let mut sources: BTreeMap<String, (String, usize)> = BTreeMap::new();
        let mut edges: BTreeMap<(String, String, StoryEdgeKind), ()> = BTreeMap::new();
        let name = |iri: &str, name: Option<String>| {
            name.unwrap_or_else(|| iri.rsplit('/').next().unwrap_or(iri).to_owned())
        };
        for s in &rows {
            let (Some(p), Some(origin), Some(stance)) = (
                string(s, "p"),
                string(s, "origin"),
                string(s, "stance").and_then(|x| stance_from_iri(&x)),
            ) else {
                continue;
            };
            let label = string(s, "plabel").unwrap_or_default();
            let origin_name = name(&origin, string(s, "originName"));
            if edges
                .insert(
                    (origin.clone(), p.clone(), StoryEdgeKind::Takes(stance)),
                    (),
                )
                .is_none()
            {
                propositions.entry(p.clone()).or_insert((label, 0)).1 += 1;
                sources.entry(origin.clone()).or_insert((origin_name, 0)).1 += 1;
            }
            if let Some(relay) = string(s, "relay") {
                let relay_name = name(&relay, string(s, "relayName"));
                if edges
                    .insert((relay.clone(), origin.clone(), StoryEdgeKind::Relays), ())
                    .is_none()
                {
                    sources.entry(relay).or_insert((relay_name, 0)).1 += 1;
                    if let Some(entry) = sources.get_mut(&origin) {
                        entry.1 += 1;
                    }
                }
            }
        }
        let found = propositions.len() + sources.len();
        // The node asked about stays; then the best connected, up to the bound.
        let keep = |nodes: BTreeMap<String, (String, usize)>, room: usize| {
            let mut ranked: Vec<(String, String, usize)> =
                nodes.into_iter().map(|(i, (l, n))| (i, l, n)).collect();
            ranked.sort_by(|a, b| {
                (a.0 != iri)
                    .cmp(&(b.0 != iri))
                    .then(b.2.cmp(&a.2))
                    .then(a.1.cmp(&b.1))
                    .then(a.0.cmp(&b.0))
            });
            ranked.truncate(room);
            let mut kept: Vec<StoryNode> = ranked
                .into_iter()
                .map(|(iri, label, _)| StoryNode { iri, label })
                .collect();
            kept.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
            kept
        };
        let proposition_room = (max_nodes / 2).max(1).min(propositions.len());
        let propositions = keep(propositions, proposition_room);
        let sources = keep(sources, max_nodes.saturating_sub(propositions.len()));
        let at = |nodes: &[StoryNode], iri: &str| nodes.iter().position(|n| n.iri == iri);
        let edges = edges
            .into_keys()
            .filter_map(|(from, to, kind)| {
                let to = match kind {
                    StoryEdgeKind::Takes(_) => at(&propositions, &to)?,
                    StoryEdgeKind::Relays => at(&sources, &to)?,
                };
                Some((at(&sources, &from)?, to, kind))
            })
            .collect();
        Ok(Story {
            left_out: found - propositions.len() - sources.len(),
            sources,
            propositions,
            edges,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_has_no_sides() {
        let store = Store::in_memory().unwrap();
        assert!(store
            .opponents("https://w3id.org/hearsay/id/source/x")
            .unwrap()
            .is_empty());
        assert!(store.backing("0123456789abcdef").unwrap().is_empty());
        assert_eq!(store.story("not an iri", 40).unwrap(), Story::default());
    }
}
