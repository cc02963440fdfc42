//! Rebuilding the propositions graph from the article graphs, writing only what changed.
//!
//! The propositions graph is derived data: a function of the claims stored, recomputed after
//! every ingest run. At a million claims, SPARQL's hash joins and a transaction holding
//! millions of quads are both too slow and too big, so this takes the run's claims from the
//! quads it wrote ([`ClaimSet`]), reads the store's other claims through its indexes (one
//! scan per property), clusters them all ([`crate::track::cluster`]), and compares what each
//! node of the graph should say with what it says now: only nodes that changed are
//! rewritten, in the run's own bulk load when there is one.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef,
};
use oxigraph::sparql::QueryResults;
use oxigraph::store::BulkLoader;

use super::wanted::WantedGraph;
use super::{RefreshOutcome, PROPOSITIONS_GRAPH};
use crate::extract::{Certainty, LinkKind, SourceKind, Stance};
use crate::graph::vocab::{hs, prov, rdf, schema};
use crate::graph::{certainty_from_iri, source_kind_from_iri, stance_from_iri};
use crate::store::{BulkOptions, Store, StoreError, BULK_BATCH_QUADS};
use crate::track::{cluster, is_fragment, is_question, Assignment, ClaimInput, Holder};

/// Changes up to this many quads go in one transaction (readers see the old graph or the
/// new one). Larger ones, such as the first refresh after a bulk load, are written in steps:
/// removals in transactions of this size, then additions through the bulk loader. A crash
/// in between leaves the graph partly updated until the next refresh repairs it.
const ATOMIC_CHANGE_QUADS: usize = 200_000;

impl Store {
    /// An empty [`ClaimSet`] for the run about to write to this store.
    pub fn claim_set(&self) -> Result<ClaimSet, StoreError> {
        Ok(ClaimSet {
            store_was_empty: Some(self.inner.is_empty()?),
            ..ClaimSet::default()
        })
    }

    /// Brings the propositions graph up to date with every article graph, reading every
    /// claim from the store. [`Store::refresh_propositions_with`] is the fast path for an
    /// ingest run.
    pub fn refresh_propositions(&self) -> Result<RefreshOutcome, StoreError> {
        self.refresh_propositions_with(ClaimSet::default())
    }

    /// Brings the propositions graph up to date, given the claims of the articles this
    /// ingest run wrote (`fresh`, gathered from their quads while they were written): the
    /// store's other claims are read back through its indexes, and not at all when the store
    /// was empty before the run (a first ingest, the costly case) or the run wrote every
    /// article it holds.
    ///
    /// Claims are taken in (date, article, position) order and grouped by
    /// [`crate::track::cluster`]; the result depends on the stored articles only, so running
    /// it twice, or after re-ingesting an article unchanged, changes nothing. Call it once per
    /// ingest run, not per article. Reading claims back costs about 0.06 ms each on two
    /// cores (40 s for 678,000).
    pub fn refresh_propositions_with(&self, fresh: ClaimSet) -> Result<RefreshOutcome, StoreError> {
        self.refresh_into(fresh, None)
    }

    /// [`Store::refresh_propositions_with`], with the added quads handed to `loader` (a bulk
    /// load in progress, which commits them with its articles) when one is given.
    pub(in crate::store) fn refresh_into<'s>(
        &'s self,
        mut fresh: ClaimSet,
        loader: Option<&mut BulkLoader<'s>>,
    ) -> Result<RefreshOutcome, StoreError> {
        let started = Instant::now();
        // A run into a store that holds others' claims recomputes only the components its
        // claims touch ([`Store::refresh_touched`]): a few articles into a million claims
        // took 40 s when every stored claim was read back. The bulk loader's run, whose
        // articles the store does not show until it commits, and a store without the index
        // take the whole way.
        if loader.is_none()
            && fresh.store_was_empty == Some(false)
            && self.has_proposition_index()?
        {
            return self.refresh_touched(fresh, started);
        }
        // Only articles the run did not give are read back: none after a first ingest, or
        // after a run over every stored article (a re-run read 731,000 claims back for
        // nothing, 2 minutes on the replica).
        let others_stored = match fresh.store_was_empty {
            Some(true) => false,
            _ => self.has_articles_besides(&fresh)?,
        };
        // What the propositions graph says now is read on another core meanwhile: on a
        // million claims, reading back the claims and reading the graph take as long.
        let (current, table) = std::thread::scope(|scope| {
            let current = scope.spawn(|| self.node_hashes());
            let table = if others_stored {
                fresh.add_stored(self).map(|()| fresh.into_table())
            } else {
                Ok(fresh.into_table())
            };
            let current = current
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (current, table)
        });
        let (current, table) = (current?, table?);
        let assignments = cluster_table(&table);
        let wanted = WantedGraph::new(&table, &assignments);
        self.write_changes(&wanted, current, loader)?;
        Ok(RefreshOutcome {
            claims: table.claims.len(),
            assigned: assignments.iter().flatten().count(),
            propositions: wanted.members.len(),
            took: started.elapsed(),
        })
    }

    /// Adds the stored article graphs `articles` to `fresh` as if the run had written them,
    /// so that [`Store::refresh_propositions_with`] recomputes their claims' components:
    /// for articles whose sources [`Store::align_sources`] moved (their claims' origins
    /// changed) after the run's articles were added.
    pub fn add_stored_articles<'a>(
        &self,
        fresh: &mut ClaimSet,
        articles: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StoreError> {
        for article in articles {
            let Ok(article) = NamedNode::new(article) else {
                continue;
            };
            let quads = self
                .inner
                .quads_for_pattern(None, None, None, Some(article.as_ref().into()))
                .collect::<Result<Vec<Quad>, _>>()?;
            fresh.add_article(article.as_ref(), &quads);
        }
        Ok(())
    }

    /// Whether the store has an article graph that `fresh` was not given.
    fn has_articles_besides(&self, fresh: &ClaimSet) -> Result<bool, StoreError> {
        for graph in self.inner.named_graphs() {
            let NamedOrBlankNode::NamedNode(graph) = graph? else {
                continue;
            };
            if graph != PROPOSITIONS_GRAPH && !fresh.has_article(graph.as_str()) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// What each node of the propositions graph says now, as one hash of its quads. The
    /// graph is fixed, so only subject, predicate and object are decoded (see
    /// [`scan_property`]).
    fn node_hashes(&self) -> Result<HashMap<String, u64>, StoreError> {
        let sparql =
            format!("SELECT ?s ?p ?o WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?s ?p ?o }} }}");
        let QueryResults::Solutions(solutions) = self.query(&sparql)? else {
            return Ok(HashMap::new());
        };
        let graph = GraphName::NamedNode(PROPOSITIONS_GRAPH.into_owned());
        let mut current: HashMap<String, u64> = HashMap::new();
        for solution in solutions {
            let solution = solution?;
            let (Some(subject), Some(Term::NamedNode(predicate)), Some(object)) = (
                solution.get("s").and_then(subject_of),
                solution.get("p"),
                solution.get("o"),
            ) else {
                continue;
            };
            let quad = Quad::new(subject, predicate.clone(), object.clone(), graph.clone());
            let entry = current
                .entry(subject_str(&quad.subject).to_owned())
                .or_default();
            *entry = entry.wrapping_add(quad_hash(&quad));
        }
        Ok(current)
    }

    /// Rewrites the nodes of the propositions graph whose quads differ from `wanted` (by
    /// their hashes in `current`, from [`Store::node_hashes`]), and removes the nodes
    /// `wanted` no longer has. Quads to add go to `loader` when given.
    fn write_changes<'s>(
        &'s self,
        wanted: &WantedGraph<'_>,
        mut current: HashMap<String, u64>,
        loader: Option<&mut BulkLoader<'s>>,
    ) -> Result<(), StoreError> {
        let graph = GraphNameRef::NamedNode(PROPOSITIONS_GRAPH);
        // First pass: which nodes changed. Their quads are made again in the second pass
        // rather than kept: at a million claims they would take a gigabyte.
        let mut removals: Vec<NamedNode> = Vec::new();
        let mut changed: Vec<bool> = Vec::new();
        let mut added_quads = 0usize;
        wanted.for_each_node(|node, quads| {
            let hash = quads.iter().fold(0u64, |h, q| h.wrapping_add(quad_hash(q)));
            let differs = match current.remove(node.as_str()) {
                Some(now) if now == hash => false,
                Some(_) => {
                    removals.push(node.clone());
                    true
                }
                None => true,
            };
            if differs {
                added_quads += quads.len();
            }
            changed.push(differs);
        });
        removals.extend(current.into_keys().map(NamedNode::new_unchecked));
        if removals.is_empty() && added_quads == 0 {
            return Ok(());
        }
        // Second pass: the changed nodes' quads, in whichever way the size calls for.
        let for_each_changed = |write: &mut dyn FnMut(Vec<Quad>)| {
            let mut ordinal = 0;
            wanted.for_each_node(|_, quads| {
                if changed.get(ordinal).copied().unwrap_or(true) {
                    write(quads);
                }
                ordinal += 1;
            });
        };
        // Claim nodes have at most five quads in this graph, propositions three, content
        // keys two and their tokens (a dozen on average), articles one.
        let removed_quads_bound = removals.len() * 5;
        if loader.is_none() && added_quads + removed_quads_bound <= ATOMIC_CHANGE_QUADS {
            let mut transaction = self.inner.start_transaction()?;
            remove_nodes(&mut transaction, &removals, graph)?;
            transaction.insert_named_graph(PROPOSITIONS_GRAPH);
            for_each_changed(&mut |quads| transaction.extend(quads.iter().map(Quad::as_ref)));
            transaction.commit()?;
            return Ok(());
        }
        for chunk in removals.chunks(ATOMIC_CHANGE_QUADS / 4) {
            let mut transaction = self.inner.start_transaction()?;
            remove_nodes(&mut transaction, chunk, graph)?;
            transaction.commit()?;
        }
        // A load of our own, or the caller's, which commits the quads with its articles (one
        // commit: RocksDB would stall a second one, or a transaction, until it had compacted
        // the files the first left).
        let mut own = None;
        let loader = match loader {
            Some(loader) => loader,
            None => own.insert(self.bulk_loader(&BulkOptions::default())),
        };
        // Half the articles' batch: this runs with every claim of the store in memory.
        let batch = BULK_BATCH_QUADS / 2;
        let mut pending: Vec<Quad> = Vec::with_capacity(batch.min(added_quads));
        let mut failure: Option<StoreError> = None;
        for_each_changed(&mut |quads| {
            pending.extend(quads);
            if pending.len() >= batch && failure.is_none() {
                if let Err(e) = loader.load_quads(std::mem::take(&mut pending)) {
                    failure = Some(e.into());
                }
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        loader.load_quads(pending)?;
        if let Some(own) = own {
            own.commit()?;
        }
        Ok(())
    }
}

/// Clusters a table's claims into propositions.
pub(super) fn cluster_table(table: &ClaimTable) -> Vec<Option<Assignment>> {
    let inputs: Vec<ClaimInput<'_>> = (0..table.claims.len()).map(|i| table.input(i)).collect();
    cluster(&inputs)
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

/// Quads [`scan_property`] hands on at a time.
const SCAN_BATCH: usize = 4096;

/// One index scan of [`ClaimSet::add_stored`]: a property, with its object when fixed.
struct Scan<'a> {
    predicate: NamedNodeRef<'a>,
    object: Option<TermRef<'a>>,
    /// Whether the quads need their graph; without it they come in the default graph.
    graph: bool,
}

impl<'a> Scan<'a> {
    fn in_graphs(predicate: NamedNodeRef<'a>, object: Option<TermRef<'a>>) -> Self {
        Self {
            predicate,
            object,
            graph: true,
        }
    }

    fn of_claims(predicate: NamedNodeRef<'a>) -> Self {
        Self {
            predicate,
            object: None,
            graph: false,
        }
    }
}

/// Every quad `scan` asks for in the named graphs, in batches to `send` until it returns
/// false. Through SPARQL, which decodes only the variables it projects: the predicate, a
/// fixed object and a graph not asked for are not looked up for every quad, as
/// `quads_for_pattern` would (most of the time on a million claims).
fn scan_property(
    store: &Store,
    scan: &Scan<'_>,
    send: &mut dyn FnMut(Vec<Quad>) -> bool,
) -> Result<(), StoreError> {
    let Scan {
        predicate,
        object,
        graph,
    } = *scan;
    let object_var = if object.is_some() { "" } else { "?o" };
    let graph_var = if graph { "?g" } else { "" };
    let object_pattern = object.map_or_else(|| "?o".to_owned(), |o| o.to_string());
    let sparql = format!(
        "SELECT ?s {object_var} {graph_var} WHERE {{ GRAPH ?g {{ ?s {predicate} {object_pattern} }} }}"
    );
    let QueryResults::Solutions(solutions) = store.query(&sparql)? else {
        return Ok(());
    };
    let mut batch = Vec::with_capacity(SCAN_BATCH);
    for solution in solutions {
        let solution = solution?;
        let Some(subject) = solution.get("s").and_then(subject_of) else {
            continue;
        };
        let object = match (object, solution.get("o")) {
            (Some(fixed), _) => fixed.into_owned(),
            (None, Some(term)) => term.clone(),
            (None, None) => continue,
        };
        let graph = match solution.get("g") {
            Some(Term::NamedNode(n)) => GraphName::NamedNode(n.clone()),
            Some(Term::BlankNode(b)) => GraphName::BlankNode(b.clone()),
            _ if !graph => GraphName::DefaultGraph,
            _ => continue,
        };
        batch.push(Quad::new(subject, predicate.into_owned(), object, graph));
        if batch.len() == SCAN_BATCH
            && !send(std::mem::replace(
                &mut batch,
                Vec::with_capacity(SCAN_BATCH),
            ))
        {
            return Ok(());
        }
    }
    if !batch.is_empty() {
        send(batch);
    }
    Ok(())
}

/// A solution's term as a quad's subject, if it can be one.
fn subject_of(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
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
    iri: Arc<str>,
    article: Option<u32>,
    position: u64,
    content: Arc<str>,
    stance: Option<Stance>,
    certainty: Option<Certainty>,
    source: Option<u32>,
}

/// A claim with what clustering needs.
pub(super) struct StoredClaim {
    pub(super) iri: Arc<str>,
    pub(super) content: Arc<str>,
    stance: Stance,
    pub(super) certainty: Certainty,
    source: Option<u32>,
    pub(super) kind: Option<SourceKind>,
    pub(super) article: Option<u32>,
    pub(super) position: u64,
}

/// Claims gathered from article quads, in any order: from an ingest run's articles as they
/// are written ([`ClaimSet::add_article`]) and from the store ([`ClaimSet::add_stored`]).
///
/// Start one with [`Store::claim_set`] before a run writes: it notes whether the store was
/// empty, so that the refresh after a first ingest reads nothing back.
#[derive(Default)]
pub struct ClaimSet {
    /// Whether the store held nothing when the run began; `None` when not known.
    store_was_empty: Option<bool>,
    claims: Vec<ClaimFields>,
    index: HashMap<Arc<str>, usize>,
    /// Each distinct content once: reprints repeat them word for word.
    contents: HashSet<Arc<str>>,
    /// Whether each claim was typed `hs:Claim` in an article graph, and which.
    graph_of: Vec<Option<u32>>,
    /// Article (and article graph) IRIs.
    articles: Interner,
    /// Articles given to [`ClaimSet::add_article`].
    fresh: HashSet<u32>,
    /// Claims typed `hs:Claim` in those articles.
    fresh_claims: HashSet<usize>,
    sources: Interner,
    kinds: HashMap<(u32, u32), SourceKind>,
    dates: HashMap<u32, String>,
    /// Each article's body hash (the least, if it has several).
    bodies: HashMap<u32, String>,
    links: Vec<(usize, LinkKind, String)>,
}

impl ClaimSet {
    /// Adds the claims in one article's quads (as [`crate::graph::article_quads`] builds
    /// them); adding an article twice keeps one copy of each claim.
    pub fn add_article(&mut self, article: NamedNodeRef<'_>, quads: &[Quad]) {
        let id = self.articles.id(article.as_str());
        self.fresh.insert(id);
        for quad in quads {
            self.add_quad(quad);
            if quad.predicate == rdf::TYPE && iri_of(&quad.object) == Some(hs::CLAIM.as_str()) {
                if let Some(&i) = self.index.get(subject_str(&quad.subject)) {
                    self.fresh_claims.insert(i);
                }
            }
        }
    }

    /// The IRIs of the articles given to [`ClaimSet::add_article`].
    pub(super) fn fresh_articles(&self) -> Vec<String> {
        let names = self.articles.names();
        self.fresh
            .iter()
            .map(|&a| names[a as usize].clone())
            .collect()
    }

    /// Their ids, as [`ClaimSet::into_table`] numbers articles.
    pub(super) fn fresh_ids(&self) -> HashSet<u32> {
        self.fresh.clone()
    }

    /// The contents of the claims in those articles.
    pub(super) fn fresh_contents(&self) -> Vec<Arc<str>> {
        self.fresh_claims
            .iter()
            .map(|&i| Arc::clone(&self.claims[i].content))
            .collect()
    }

    /// The claims a link points at that no article graph's quads typed yet.
    pub(super) fn unread_link_targets(&self) -> Vec<String> {
        self.links
            .iter()
            .filter(|(_, _, to)| {
                self.index
                    .get(to.as_str())
                    .is_none_or(|&i| self.graph_of[i].is_none())
            })
            .map(|(_, _, to)| to.clone())
            .collect()
    }

    /// Whether [`ClaimSet::add_article`] was given the article `iri`.
    pub fn has_article(&self, iri: &str) -> bool {
        self.articles
            .get(iri)
            .is_some_and(|id| self.fresh.contains(&id))
    }

    /// Adds the claims of every stored article not given to [`ClaimSet::add_article`], one
    /// index scan per property, scans on every core. Decoding the terms costs most of it, so
    /// each scan decodes only the terms that vary (see [`scan_property`]).
    fn add_stored(&mut self, store: &Store) -> Result<(), StoreError> {
        // A claim's own properties need no graph: a claim of an article of this run is
        // known by its IRI (`fresh_claims`), and one the run dropped has no hs:Claim type
        // outside a fresh graph. Types, kinds and dates are told per graph.
        let claim = hs::CLAIM.into();
        let mut patterns: Vec<Scan<'_>> = vec![
            Scan::in_graphs(rdf::TYPE, Some(claim)),
            Scan::of_claims(hs::ARTICLE_PROP),
            Scan::of_claims(hs::POSITION),
            Scan::of_claims(hs::STANCE_PROP),
            Scan::of_claims(hs::CERTAINTY_PROP),
            Scan::of_claims(schema::TEXT),
            Scan::of_claims(prov::WAS_ATTRIBUTED_TO),
            Scan::in_graphs(hs::SOURCE_KIND_PROP, None),
            Scan::in_graphs(schema::DATE_PUBLISHED, None),
            Scan::in_graphs(hs::BODY_HASH, None),
        ];
        patterns.extend(
            LINKS
                .iter()
                .map(|(predicate, _)| Scan::of_claims(*predicate)),
        );
        // Workers scan; this thread adds. Each pattern is scanned by one worker, in index
        // order, so its quads arrive in the order a single scan gives.
        let next = AtomicUsize::new(0);
        let (sender, batches) = mpsc::sync_channel::<Result<Vec<Quad>, StoreError>>(16);
        std::thread::scope(|scope| {
            for _ in 0..rayon::current_num_threads().max(1) {
                let sender = sender.clone();
                let (next, patterns) = (&next, &patterns);
                scope.spawn(move || {
                    while let Some(scan) = patterns.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let sent =
                            scan_property(store, scan, &mut |batch| sender.send(Ok(batch)).is_ok());
                        if let Err(e) = sent {
                            let _ = sender.send(Err(e));
                            return;
                        }
                    }
                });
            }
            drop(sender);
            // Returning early drops `batches`: the workers' next send fails and they stop.
            for batch in batches {
                for quad in batch? {
                    let fresh = match graph_str(&quad.graph_name) {
                        Some(graph) => self
                            .articles
                            .get(graph)
                            .is_some_and(|g| self.fresh.contains(&g)),
                        None => self
                            .index
                            .get(subject_str(&quad.subject))
                            .is_some_and(|i| self.fresh_claims.contains(i)),
                    };
                    if !fresh {
                        self.add_quad(&quad);
                    }
                }
            }
            Ok(())
        })
    }

    pub(super) fn add_quad(&mut self, quad: &Quad) {
        let subject = subject_str(&quad.subject);
        let predicate = quad.predicate.as_ref();
        let object = &quad.object;
        if predicate == rdf::TYPE {
            if iri_of(object) == Some(hs::CLAIM.as_str()) {
                if let Some(graph) = graph_str(&quad.graph_name) {
                    let graph = self.articles.id(graph);
                    let i = self.claim(subject);
                    self.graph_of[i] = Some(graph);
                }
            }
        } else if predicate == hs::ARTICLE_PROP {
            if let Some(article) = iri_of(object) {
                let article = self.articles.id(article);
                let i = self.claim(subject);
                self.claims[i].article = Some(article);
            }
        } else if predicate == hs::POSITION {
            let i = self.claim(subject);
            self.claims[i].position = literal_of(object).and_then(|p| p.parse().ok()).unwrap_or(0);
        } else if predicate == hs::STANCE_PROP {
            let i = self.claim(subject);
            self.claims[i].stance = iri_of(object).and_then(stance_from_iri);
        } else if predicate == hs::CERTAINTY_PROP {
            let i = self.claim(subject);
            self.claims[i].certainty = iri_of(object).and_then(certainty_from_iri);
        } else if predicate == schema::TEXT {
            if let Some(content) = literal_of(object) {
                let i = self.claim(subject);
                let content = match self.contents.get(content) {
                    Some(shared) => Arc::clone(shared),
                    None => {
                        let shared: Arc<str> = Arc::from(content);
                        self.contents.insert(Arc::clone(&shared));
                        shared
                    }
                };
                self.claims[i].content = content;
            }
        } else if predicate == prov::WAS_ATTRIBUTED_TO {
            if let Some(source) = iri_of(object) {
                let source = self.sources.id(source);
                let i = self.claim(subject);
                self.claims[i].source = Some(source);
            }
        } else if predicate == hs::SOURCE_KIND_PROP {
            // A source's kind is told in each article graph that mentions it.
            if let (Some(graph), Some(kind)) = (
                graph_str(&quad.graph_name),
                iri_of(object).and_then(source_kind_from_iri),
            ) {
                let key = (self.articles.id(graph), self.sources.id(subject));
                self.kinds.insert(key, kind);
            }
        } else if predicate == schema::DATE_PUBLISHED {
            if let Some(date) = literal_of(object) {
                let article = self.articles.id(subject);
                self.dates.insert(article, date.to_owned());
            }
        } else if predicate == hs::BODY_HASH {
            if let Some(body) = literal_of(object) {
                let article = self.articles.id(subject);
                let kept = self
                    .bodies
                    .entry(article)
                    .or_insert_with(|| body.to_owned());
                if body < kept.as_str() {
                    *kept = body.to_owned();
                }
            }
        } else if let Some((_, kind)) = LINKS.iter().find(|(p, _)| *p == predicate) {
            if let Some(to) = iri_of(object) {
                let from = self.claim(subject);
                self.links.push((from, *kind, to.to_owned()));
            }
        }
    }

    fn claim(&mut self, iri: &str) -> usize {
        if let Some(&i) = self.index.get(iri) {
            return i;
        }
        let i = self.claims.len();
        let iri: Arc<str> = Arc::from(iri);
        self.index.insert(Arc::clone(&iri), i);
        self.claims.push(ClaimFields {
            iri,
            ..ClaimFields::default()
        });
        self.graph_of.push(None);
        i
    }

    /// The claims typed in an article graph with a stance and a certainty, in (date,
    /// article, position) order (undated articles last), with the links between them.
    pub(super) fn into_table(self) -> ClaimTable {
        let ClaimSet {
            claims,
            index,
            graph_of,
            articles,
            sources,
            kinds,
            dates,
            bodies,
            links: raw_links,
            ..
        } = self;
        let mut keep: Vec<usize> = (0..claims.len())
            .filter(|&i| {
                graph_of[i].is_some() && claims[i].stance.is_some() && claims[i].certainty.is_some()
            })
            .collect();
        let article_names = articles.names();
        let sort_key = |c: &ClaimFields| {
            (
                c.article
                    .and_then(|a| dates.get(&a))
                    .map_or("~", String::as_str),
                c.article.map_or("", |a| article_names[a as usize].as_str()),
                c.position,
            )
        };
        keep.sort_by(|&a, &b| {
            sort_key(&claims[a])
                .cmp(&sort_key(&claims[b]))
                .then_with(|| claims[a].iri.cmp(&claims[b].iri))
        });
        // `order[old] = new`.
        let mut order: Vec<Option<usize>> = vec![None; claims.len()];
        for (new, &old) in keep.iter().enumerate() {
            order[old] = Some(new);
        }
        let mut links: Vec<Vec<(LinkKind, usize)>> = vec![Vec::new(); keep.len()];
        for (from, kind, to) in raw_links {
            let to = index.get(to.as_str()).and_then(|&i| order[i]);
            if let (Some(from), Some(to)) = (order[from], to) {
                if !links[from].contains(&(kind, to)) {
                    links[from].push((kind, to));
                }
            }
        }
        for l in &mut links {
            l.sort_by_key(|(kind, to)| (link_rank(*kind), *to));
        }
        let mut pointed_at = vec![false; keep.len()];
        for &(kind, to) in links.iter().flatten() {
            if kind != LinkKind::Relays {
                pointed_at[to] = true;
            }
        }
        drop(index);
        let mut slots: Vec<Option<(ClaimFields, Option<u32>)>> =
            claims.into_iter().zip(graph_of).map(Some).collect();
        let claims = keep
            .iter()
            .filter_map(|&i| {
                let (c, graph) = slots[i].take()?;
                Some(StoredClaim {
                    stance: c.stance?,
                    certainty: c.certainty?,
                    kind: graph.zip(c.source).and_then(|key| kinds.get(&key).copied()),
                    iri: c.iri,
                    content: c.content,
                    source: c.source,
                    article: c.article,
                    position: c.position,
                })
            })
            .collect();
        ClaimTable {
            claims,
            links,
            pointed_at,
            sources: sources.into_names(),
            articles: articles.into_names(),
            bodies,
            whole: None,
        }
    }
}

/// Claims ready for clustering, in (date, article, position) order.
pub(super) struct ClaimTable {
    pub(super) claims: Vec<StoredClaim>,
    /// Links from each claim, by index into `claims`, in a fixed order.
    pub(super) links: Vec<Vec<(LinkKind, usize)>>,
    /// Whether another claim's link (other than a relay) points at each claim.
    pointed_at: Vec<bool>,
    sources: Vec<String>,
    /// Article IRIs, by the ids in [`StoredClaim::article`].
    articles: Vec<String>,
    /// Each article's body hash, by those ids.
    bodies: HashMap<u32, String>,
    /// The articles whose every claim is here; `None`: all of them.
    pub(super) whole: Option<HashSet<u32>>,
}

impl ClaimTable {
    /// The words claim `i` is matched by: none for a fragment or a question (see
    /// `is_fragment`, `is_question`) unless the text points at it ("accused North Korea of
    /// supplying Russia with weapons" is what "denied such claims" denies). A claim pointing at another is in its component (see
    /// [`crate::track::cluster`]), so an incremental refresh sees every pointer too.
    /// Claim `i` as clustering sees it.
    pub(super) fn input(&self, i: usize) -> ClaimInput<'_> {
        ClaimInput {
            content: self.matched_content(i),
            article: self.claims[i].iri.rsplit_once('-').map_or("", |(a, _)| a),
            stance: self.claims[i].stance,
            source: self.source(i),
            kind: self.claims[i].kind,
            links: self.links[i].clone(),
        }
    }

    /// Who holds claim `i`, and how: what [`crate::track::answers`] reads of it. Not
    /// [`Self::input`], which checks the content (a relay chain of 1,000 claims in 1 MB of
    /// "Smith said Jones said …" checked a 2 KB content per link followed: a second of ingest).
    pub(super) fn holder(&self, i: usize) -> Holder<'_> {
        Holder {
            stance: self.claims[i].stance,
            source: self.source(i),
        }
    }

    pub(super) fn matched_content(&self, i: usize) -> &str {
        let content = &*self.claims[i].content;
        if !self.pointed_at[i] && (is_fragment(content) || is_question(content)) {
            ""
        } else {
            content
        }
    }

    pub(super) fn source(&self, claim: usize) -> Option<&str> {
        self.claims[claim].source.map(|s| self.source_name(s))
    }

    pub(super) fn source_name(&self, source: u32) -> &str {
        &self.sources[source as usize]
    }

    pub(super) fn article_name(&self, article: u32) -> &str {
        &self.articles[article as usize]
    }

    /// The body hash of article `article`, if it has one.
    pub(super) fn body(&self, article: u32) -> Option<&str> {
        self.bodies.get(&article).map(String::as_str)
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

fn literal_of(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(l) => Some(l.value()),
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
