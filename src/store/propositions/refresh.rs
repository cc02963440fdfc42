//! Rebuilding the propositions graph from the article graphs, writing only what changed.
//!
//! The propositions graph is derived data: a function of the claims stored, recomputed after
//! every ingest run. At a million claims, SPARQL's hash joins and a transaction holding
//! millions of quads are both too slow and too big, so this reads the claims through the
//! store's indexes (one scan per property), clusters them ([`crate::track::cluster`]), and
//! compares what each node of the graph should say with what it says now: only nodes that
//! changed are rewritten.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use sha2::{Digest, Sha256};

use super::{RefreshOutcome, PROPOSITIONS_GRAPH};
use crate::extract::{Certainty, LinkKind, SourceKind, Stance};
use crate::graph::vocab::{hs, prov, rdf, rdfs, schema, ID};
use crate::graph::{certainty_from_iri, source_kind_from_iri, stance_from_iri, stance_iri};
use crate::store::{Store, StoreError, BULK_BATCH_QUADS};
use crate::track::{
    cluster, normalize_content, proposition_confidence, Backing, ClaimInput, MIN_TOKENS,
};

/// Changes up to this many quads go in one transaction (readers see the old graph or the
/// new one). Larger ones, such as the first refresh after a bulk load, are written in steps:
/// removals in transactions of this size, then additions through the bulk loader. A crash
/// in between leaves the graph partly updated until the next refresh repairs it.
const ATOMIC_CHANGE_QUADS: usize = 200_000;

impl Store {
    /// Brings the propositions graph up to date with every article graph.
    ///
    /// Claims are taken in (date, article, position) order and grouped by
    /// [`crate::track::cluster`]; the result depends on the stored articles only, so running
    /// it twice, or after re-ingesting an article unchanged, changes nothing. Call it once per
    /// ingest run, not per article: it reads every claim (about 40 s for 700,000 claims).
    pub fn refresh_propositions(&self) -> Result<RefreshOutcome, StoreError> {
        let table = ClaimTable::read(&self.inner)?;
        let inputs: Vec<ClaimInput<'_>> = table
            .claims
            .iter()
            .zip(&table.links)
            .map(|(c, links)| ClaimInput {
                content: &c.content,
                stance: c.stance,
                links: links.clone(),
            })
            .collect();
        let assignments = cluster(&inputs);
        drop(inputs);
        let wanted = WantedGraph::new(&table, &assignments);
        let outcome = RefreshOutcome {
            claims: table.claims.len(),
            assigned: assignments.iter().flatten().count(),
            propositions: wanted.members.len(),
        };
        self.write_changes(&wanted)?;
        Ok(outcome)
    }

    /// Rewrites the nodes of the propositions graph whose quads differ from `wanted`, and
    /// removes the nodes `wanted` no longer has.
    fn write_changes(&self, wanted: &WantedGraph<'_>) -> Result<(), StoreError> {
        let graph = GraphNameRef::NamedNode(PROPOSITIONS_GRAPH);
        // What each node says now, as one hash per node.
        let mut current: HashMap<String, u64> = HashMap::new();
        for quad in self.inner.quads_for_pattern(None, None, None, Some(graph)) {
            let quad = quad?;
            let hash = quad_hash(&quad);
            let entry = current
                .entry(subject_str(&quad.subject).to_owned())
                .or_default();
            *entry = entry.wrapping_add(hash);
        }
        let mut removals: Vec<NamedNode> = Vec::new();
        let mut additions: Vec<Vec<Quad>> = Vec::new();
        let mut added_quads = 0usize;
        wanted.for_each_node(|node, quads| {
            let hash = quads.iter().fold(0u64, |h, q| h.wrapping_add(quad_hash(q)));
            match current.remove(node.as_str()) {
                Some(now) if now == hash => return,
                Some(_) => removals.push(node.clone()),
                None => {}
            }
            added_quads += quads.len();
            additions.push(quads);
        });
        removals.extend(current.into_keys().map(NamedNode::new_unchecked));
        if removals.is_empty() && additions.is_empty() {
            return Ok(());
        }
        let removed_quads_bound = removals.len() * 8;
        if added_quads + removed_quads_bound <= ATOMIC_CHANGE_QUADS {
            let mut transaction = self.inner.start_transaction()?;
            remove_nodes(&mut transaction, &removals, graph)?;
            transaction.insert_named_graph(PROPOSITIONS_GRAPH);
            for quads in &additions {
                transaction.extend(quads.iter().map(Quad::as_ref));
            }
            transaction.commit()?;
            return Ok(());
        }
        for chunk in removals.chunks(ATOMIC_CHANGE_QUADS / 8) {
            let mut transaction = self.inner.start_transaction()?;
            remove_nodes(&mut transaction, chunk, graph)?;
            transaction.commit()?;
        }
        let mut loader = self.inner.bulk_loader();
        let mut pending: Vec<Quad> = Vec::with_capacity(BULK_BATCH_QUADS.min(added_quads));
        for quads in additions {
            pending.extend(quads);
            if pending.len() >= BULK_BATCH_QUADS {
                loader.load_quads(std::mem::take(&mut pending))?;
            }
        }
        loader.load_quads(pending)?;
        loader.commit()?;
        Ok(())
    }
}

fn remove_nodes(
    transaction: &mut oxigraph::store::Transaction<'_>,
    nodes: &[NamedNode],
    graph: GraphNameRef<'_>,
) -> Result<(), StoreError> {
    for node in nodes {
        let quads = transaction
            .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(graph))
            .collect::<Result<Vec<_>, _>>()?;
        for quad in &quads {
            transaction.remove(quad);
        }
    }
    Ok(())
}

fn subject_str(subject: &NamedOrBlankNode) -> &str {
    match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str(),
        NamedOrBlankNode::BlankNode(b) => b.as_str(),
    }
}

/// A hash of one quad; a node's hash is the wrapping sum of its quads', so order does not
/// matter. Only compared within one process, so the std hasher's stability across Rust
/// versions is not needed.
fn quad_hash(quad: &Quad) -> u64 {
    let mut hasher = DefaultHasher::new();
    quad.hash(&mut hasher);
    hasher.finish()
}

/// A claim as the rebuild reads it from its article graph, one property at a time.
#[derive(Default)]
struct ClaimFields {
    iri: String,
    article: Option<u32>,
    position: u64,
    content: String,
    stance: Option<Stance>,
    certainty: Option<Certainty>,
    source: Option<u32>,
    kind: Option<SourceKind>,
}

/// A claim with what clustering needs.
struct StoredClaim {
    iri: String,
    content: String,
    stance: Stance,
    certainty: Certainty,
    source: Option<u32>,
    kind: Option<SourceKind>,
}

/// Every claim in the store, in (date, article, position) order, with the links between
/// them. Articles and sources are interned: their IRIs repeat across many claims.
struct ClaimTable {
    claims: Vec<StoredClaim>,
    /// Links from each claim, by index into `claims`, in a fixed order.
    links: Vec<Vec<(LinkKind, usize)>>,
    sources: Vec<String>,
}

impl ClaimTable {
    fn read(store: &oxigraph::store::Store) -> Result<Self, StoreError> {
        let mut claims: Vec<ClaimFields> = Vec::new();
        let mut graphs: Vec<Option<u32>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut articles = Interner::default();
        let mut sources = Interner::default();
        // Claims: typed hs:Claim in an article's graph.
        for quad in store.quads_for_pattern(None, Some(rdf::TYPE), Some(hs::CLAIM.into()), None) {
            let quad = quad?;
            let (NamedOrBlankNode::NamedNode(claim), GraphName::NamedNode(graph)) =
                (quad.subject, quad.graph_name)
            else {
                continue;
            };
            let claim = claim.into_string();
            if index.contains_key(&claim) {
                continue;
            }
            index.insert(claim.clone(), claims.len());
            graphs.push(Some(articles.id(graph.as_str())));
            claims.push(ClaimFields {
                iri: claim,
                ..ClaimFields::default()
            });
        }
        let mut scan = |predicate: NamedNodeRef<'_>,
                        set: &mut dyn FnMut(&mut ClaimFields, Term)|
         -> Result<(), StoreError> {
            for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
                let quad = quad?;
                if let Some(&i) = index.get(subject_str(&quad.subject)) {
                    set(&mut claims[i], quad.object);
                }
            }
            Ok(())
        };
        scan(hs::ARTICLE_PROP, &mut |c, o| {
            if let Term::NamedNode(a) = o {
                c.article = Some(articles.id(a.as_str()));
            }
        })?;
        scan(hs::POSITION, &mut |c, o| {
            if let Term::Literal(l) = o {
                c.position = l.value().parse().unwrap_or(0);
            }
        })?;
        scan(hs::STANCE_PROP, &mut |c, o| {
            c.stance = iri_of(&o).and_then(stance_from_iri);
        })?;
        scan(hs::CERTAINTY_PROP, &mut |c, o| {
            c.certainty = iri_of(&o).and_then(certainty_from_iri);
        })?;
        scan(schema::TEXT, &mut |c, o| {
            if let Term::Literal(l) = o {
                c.content = l.value().to_owned();
            }
        })?;
        scan(prov::WAS_ATTRIBUTED_TO, &mut |c, o| {
            if let Term::NamedNode(s) = o {
                c.source = Some(sources.id(s.as_str()));
            }
        })?;
        // A source's kind is told in each article graph that mentions it.
        let mut kinds: HashMap<(u32, u32), SourceKind> = HashMap::new();
        for quad in store.quads_for_pattern(None, Some(hs::SOURCE_KIND_PROP), None, None) {
            let quad = quad?;
            let (Some(graph), Some(source), Some(kind)) = (
                graph_str(&quad.graph_name).and_then(|g| articles.get(g)),
                sources.get(subject_str(&quad.subject)),
                iri_of(&quad.object).and_then(source_kind_from_iri),
            ) else {
                continue;
            };
            kinds.insert((graph, source), kind);
        }
        for (claim, graph) in claims.iter_mut().zip(&graphs) {
            if let (Some(graph), Some(source)) = (graph, claim.source) {
                claim.kind = kinds.get(&(*graph, source)).copied();
            }
        }
        drop(kinds);
        let mut dates: HashMap<u32, String> = HashMap::new();
        for quad in store.quads_for_pattern(None, Some(schema::DATE_PUBLISHED), None, None) {
            let quad = quad?;
            if let (Some(article), Term::Literal(date)) =
                (articles.get(subject_str(&quad.subject)), &quad.object)
            {
                dates.insert(article, date.value().to_owned());
            }
        }
        // Claims without a stance or certainty are not hearsay's: leave them out.
        let mut keep: Vec<usize> = (0..claims.len())
            .filter(|&i| claims[i].stance.is_some() && claims[i].certainty.is_some())
            .collect();
        // Undated articles sort after dated ones.
        let article_names = articles.names();
        let sort_key = |c: &ClaimFields| {
            let article = c.article.map(|a| a as usize);
            (
                article
                    .and_then(|a| dates.get(&(a as u32)))
                    .map_or("~", String::as_str),
                article.map_or("", |a| article_names[a].as_str()),
                c.position,
            )
        };
        keep.sort_by(|&a, &b| {
            sort_key(&claims[a])
                .cmp(&sort_key(&claims[b]))
                .then_with(|| claims[a].iri.cmp(&claims[b].iri))
        });
        // Renumber: `order[old] = new`.
        let mut order: Vec<Option<usize>> = vec![None; claims.len()];
        for (new, &old) in keep.iter().enumerate() {
            order[old] = Some(new);
        }
        let mut links: Vec<Vec<(LinkKind, usize)>> = vec![Vec::new(); keep.len()];
        for (predicate, kind) in LINKS {
            for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
                let quad = quad?;
                let from = index
                    .get(subject_str(&quad.subject))
                    .and_then(|&i| order[i]);
                let to = iri_of(&quad.object)
                    .and_then(|t| index.get(t))
                    .and_then(|&i| order[i]);
                if let (Some(from), Some(to)) = (from, to) {
                    if !links[from].contains(&(kind, to)) {
                        links[from].push((kind, to));
                    }
                }
            }
        }
        for l in &mut links {
            l.sort_by_key(|(kind, to)| (link_rank(*kind), *to));
        }
        drop(index);
        let mut slots: Vec<Option<ClaimFields>> = claims.into_iter().map(Some).collect();
        let claims = keep
            .iter()
            .filter_map(|&i| {
                let c = slots[i].take()?;
                Some(StoredClaim {
                    stance: c.stance?,
                    certainty: c.certainty?,
                    iri: c.iri,
                    content: c.content,
                    source: c.source,
                    kind: c.kind,
                })
            })
            .collect();
        Ok(ClaimTable {
            claims,
            links,
            sources: sources.into_names(),
        })
    }

    fn source(&self, claim: usize) -> Option<&str> {
        self.claims[claim]
            .source
            .map(|s| self.sources[s as usize].as_str())
    }
}

/// The link properties between claims, with the kind each stands for.
const LINKS: [(NamedNodeRef<'static>, LinkKind); 4] = [
    (hs::DENIES, LinkKind::Denies),
    (hs::DECLINES_TO_CONFIRM, LinkKind::DeclinesToConfirm),
    (hs::CORROBORATES, LinkKind::Corroborates),
    (hs::RELAYS, LinkKind::Relays),
];

fn link_rank(kind: LinkKind) -> u8 {
    match kind {
        LinkKind::Denies => 0,
        LinkKind::DeclinesToConfirm => 1,
        LinkKind::Corroborates => 2,
        LinkKind::Relays => 3,
    }
}

fn iri_of(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn graph_str(graph: &GraphName) -> Option<&str> {
    match graph {
        GraphName::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Strings numbered in order of first sight.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_owned(), id);
        self.names.push(name.to_owned());
        id
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn names(&self) -> &[String] {
        &self.names
    }

    fn into_names(self) -> Vec<String> {
        self.names
    }
}

/// The propositions graph as the claims call for it, produced a node at a time.
struct WantedGraph<'t> {
    table: &'t ClaimTable,
    assignments: &'t [Option<crate::track::Assignment>],
    /// Members of each proposition, in claim order.
    members: BTreeMap<usize, Vec<usize>>,
}

impl<'t> WantedGraph<'t> {
    fn new(table: &'t ClaimTable, assignments: &'t [Option<crate::track::Assignment>]) -> Self {
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, a) in assignments.iter().enumerate() {
            if let Some(a) = a {
                members.entry(a.proposition).or_default().push(i);
            }
        }
        WantedGraph {
            table,
            assignments,
            members,
        }
    }

    /// The origin and relay of claim `i`: a relayed claim credits the cited source.
    fn origin_of(&self, i: usize) -> (Option<&'t str>, Option<&'t str>) {
        let table = self.table;
        let relayed = table.links[i]
            .iter()
            .find(|(kind, _)| *kind == LinkKind::Relays)
            .and_then(|(_, to)| table.source(*to));
        match relayed {
            Some(cited) => (Some(cited), table.source(i)),
            None => (table.source(i), None),
        }
    }

    /// Calls `node` with each node of the graph and all its quads.
    fn for_each_node(&self, mut node: impl FnMut(&NamedNode, Vec<Quad>)) {
        let claims = &self.table.claims;
        let graph = GraphName::NamedNode(PROPOSITIONS_GRAPH.into_owned());
        let quad =
            |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| Quad::new(s.clone(), p, o, graph.clone());
        for list in self.members.values() {
            let Some(&first) = list.first() else { continue };
            let proposition = proposition_iri(&claims[first].iri);
            // The label: the first claim that asserts it with words of its own.
            let label = list
                .iter()
                .find(|&&i| {
                    self.assignments[i].is_some_and(|a| a.stance == Stance::Asserted)
                        && normalize_content(&claims[i].content).tokens.len() >= MIN_TOKENS
                })
                .or_else(|| list.iter().find(|&&i| !claims[i].content.trim().is_empty()))
                .map_or("", |&i| claims[i].content.as_str());
            let backing: Vec<Backing<'_>> = list
                .iter()
                .filter_map(|&i| {
                    let a = self.assignments[i]?;
                    Some(Backing {
                        origin: self.origin_of(i).0.unwrap_or(claims[i].iri.as_str()),
                        stance: a.stance,
                        certainty: claims[i].certainty,
                        kind: claims[i].kind,
                    })
                })
                .collect();
            node(
                &proposition,
                vec![
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
                ],
            );
            for &i in list {
                let Some(a) = self.assignments[i] else {
                    continue;
                };
                let claim = NamedNode::new_unchecked(claims[i].iri.clone());
                let mut quads = vec![
                    quad(&claim, hs::PROPOSITION_PROP, proposition.clone().into()),
                    quad(
                        &claim,
                        hs::PROPOSITION_STANCE,
                        stance_iri(a.stance).into_owned().into(),
                    ),
                ];
                let (origin, relay) = self.origin_of(i);
                if let Some(origin) = origin.and_then(|o| NamedNode::new(o).ok()) {
                    quads.push(quad(&claim, hs::ORIGIN, origin.into()));
                }
                if let Some(relay) = relay.and_then(|r| NamedNode::new(r).ok()) {
                    quads.push(quad(&claim, hs::RELAY, relay.into()));
                }
                node(&claim, quads);
            }
        }
    }
}

fn proposition_iri(first_claim: &str) -> NamedNode {
    let digest = Sha256::digest(first_claim.as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{ID}proposition/{hash}"))
}
