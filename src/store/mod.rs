//! The embedded Oxigraph store of hearsay: open (with a clear message when another process
//! holds it), ingest one named graph per article, look claims and sources up, run SPARQL,
//! export RDF. Knows nothing of the CLI, of reading articles, or of extraction: it stores
//! the quads [`crate::graph`] builds.
//!
//! **API Boundary:** the store's shape is the one documented in [`crate::graph`]. Queries see
//! the union of all article graphs as their default graph. A source node repeats in every
//! article graph that mentions it, so a pattern over the default graph matches its triples
//! once per such article: use `DISTINCT`, `COUNT(DISTINCT …)` or `GRAPH ?g { … }`.
//!
//! ```
//! use hearsay::store::{ClaimFilter, Lookups, Store};
//! let store = Store::in_memory()?;
//! assert_eq!(store.article_count()?, 0);
//! assert!(store.claims(&ClaimFilter::default())?.is_empty());
//! # Result::<_, Box<dyn std::error::Error>>::Ok(())
//! ```

mod error;
mod export;
mod lookup;
mod memo;
mod narrowing;
mod paging;
mod propositions;
mod reader;
mod relink;
mod sides;
mod text_index;
mod values;
mod words;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{mpsc, Arc, OnceLock};
use std::time::Duration;

use oxigraph::model::{
    GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use rayon::prelude::*;

pub use error::StoreError;
pub use export::{write_results, write_results_capped, write_triples, ExportFormat, ResultsFormat};
pub use lookup::{
    ArticleDetail, ArticleRow, ClaimDetail, ClaimFilter, ClaimLink, ClaimRow, ClaimSpans,
    LinkDirection, SourceDetail, SourceRow,
};
pub use oxigraph::sparql::CancellationToken;
pub use paging::ClaimsPage;
pub use propositions::{
    proposition_id, proposition_iri_from_id, ClaimSet, PropositionFilter, PropositionRow,
    RefreshOutcome, TimelineQuery, TimelineRow, PROPOSITIONS_GRAPH,
};
pub use reader::{ClaimHit, ClaimHits, SparqlForm, SparqlReader};
pub use relink::SourceAlignment;
pub use sides::{BackingRow, Opponent, Story, StoryEdgeKind, StoryNode};

use crate::graph::vocab::{hs, PREFIXES};
use text_index::TextIndex;

/// A hearsay store: an Oxigraph dataset with one named graph per article.
///
/// Cheap to share across threads (`&Store` is `Sync`) and to clone (clones share one open
/// store); every method takes `&self`.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    /// What a read-only store computed once (`None` on a writable store: see [`memo`]).
    memo: Option<std::sync::Arc<memo::Memo>>,
    /// The full-text index of claims and source names; empty in a read-only store whose
    /// index lags behind it until a search builds one in memory.
    text: Arc<OnceLock<TextIndex>>,
}

/// The state of a store's files ([`Store::generation`]): equal readings mean no write,
/// flush or compaction came between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation(Vec<(std::ffi::OsString, u64, std::time::SystemTime)>);

/// What one [`Store::ingest`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Distinct quads now in the article's graph.
    pub quads: usize,
    pub change: GraphChange,
}

/// What became of an article's graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphChange {
    /// The article was not in the store.
    Added,
    /// The article was in the store with other quads: its old graph was replaced.
    Replaced,
    /// The article was in the store with exactly these quads: nothing was written.
    Unchanged,
}

/// How [`Store::bulk_ingest`] runs Oxigraph's bulk loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkOptions {
    /// Threads building the index files; `None` = one per core.
    pub threads: Option<usize>,
    /// Rough memory target of the loader in MB (Oxigraph's default: about 2 GB per thread).
    pub max_memory_mb: Option<usize>,
    /// `true` (default): the new articles appear all at once when the load ends, and a crash
    /// before that leaves none of them. `false`: each batch is written as soon as it is
    /// ready, which lets RocksDB compact during very large loads, but a crash can leave part
    /// of the load behind, even part of one article (batches do not follow article limits).
    pub atomic: bool,
}

impl Default for BulkOptions {
    fn default() -> Self {
        BulkOptions {
            threads: None,
            max_memory_mb: None,
            atomic: true,
        }
    }
}

/// How many articles may wait to replace their graph during [`Store::bulk_ingest`] before
/// the bulk loader commits to let them through.
pub const REPLACE_QUEUE: usize = 256;

/// Quads [`Store::bulk_ingest`] hands to Oxigraph's bulk loader at once, unless
/// [`BulkOptions::max_memory_mb`] says otherwise. The loader builds up to one batch per thread
/// at a time beside the one being gathered, so memory grows with it; half of Oxigraph's own
/// default (1,000,000) kept the write phase of a 42,000-article ingest on 2 cores at 1.05 GB
/// max RSS, where the default took the loader alone to 1.9 GB (benches/README.md).
pub const BULK_BATCH_QUADS: usize = 500_000;

/// What one [`Store::bulk_ingest`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkOutcome {
    /// Articles given: `bulk_loaded + replaced + unchanged` (an article given twice counts
    /// twice).
    pub articles: usize,
    /// Distinct quads in their graphs, summed over the articles given.
    pub quads: usize,
    /// Articles that went through the bulk loader (new to the store and to this call).
    pub bulk_loaded: usize,
    /// Articles that replaced a graph already there (in the store, or earlier in this call).
    pub replaced: usize,
    /// Articles already stored with exactly the same quads: nothing was written for them.
    pub unchanged: usize,
}

impl Store {
    /// Opens the store in `path` for reading and writing, creating it if needed.
    ///
    /// Only one process may hold a store open for writing: a second gets
    /// [`StoreError::Locked`]; [`Store::open_read_only`] can run beside it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let inner = oxigraph::store::Store::open(path)
            .map_err(|e| StoreError::on_open(path.to_path_buf(), e))?;
        let (text, current) = TextIndex::open(path)?;
        let store = Store::with_text(inner, None, Some(text));
        if !current {
            // A store from before the index, or one whose writer died before committing it.
            store.rebuild_text_index()?;
        }
        // A store from before hs:contested gets it now, before any refresh reads or extends it.
        store.mark_contested()?;
        Ok(store)
    }

    fn with_text(
        inner: oxigraph::store::Store,
        memo: Option<std::sync::Arc<memo::Memo>>,
        text: Option<TextIndex>,
    ) -> Self {
        let slot = OnceLock::new();
        if let Some(text) = text {
            let _ = slot.set(text);
        }
        Store {
            inner,
            memo,
            text: Arc::new(slot),
        }
    }

    /// [`Store::open`] for a store that must already exist (maintenance such as
    /// [`Store::compact`]): a directory without one gives [`StoreError::Missing`].
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        require_store(path)?;
        Self::open(path)
    }

    /// Opens the existing store in `path` for reading only, beside a writer if there is one.
    /// Never creates a store: a directory without one gives [`StoreError::Missing`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        require_store(path)?;
        // A writer beside us may rotate its write-ahead log between RocksDB reading the
        // manifest and opening the log it names ("No such file or directory: …/000008.log").
        // The next attempt sees the new log, so try a few times before giving up.
        const ATTEMPTS: u32 = 5;
        let mut attempt = 1;
        loop {
            match oxigraph::store::Store::open_read_only(path) {
                Ok(inner) => {
                    return Ok(Store::with_text(
                        inner,
                        Some(Default::default()),
                        TextIndex::open_read_only(path)?,
                    ));
                }
                Err(source) if attempt < ATTEMPTS && is_vanished_file(&source) => {
                    std::thread::sleep(std::time::Duration::from_millis(20 * u64::from(attempt)));
                    attempt += 1;
                }
                Err(source) => {
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        source,
                    })
                }
            }
        }
    }

    /// What the files of the store in `path` say it holds: a read-only view opened after
    /// reading a [`Generation`] is current for as long as a new reading equals it.
    pub fn generation(path: impl AsRef<Path>) -> Result<Generation, StoreError> {
        let path = path.as_ref();
        require_store(path)?;
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(text) = name.to_str() else { continue };
            // What a writer changes: logs grow with every write; a flush or a compaction
            // adds tables and appends to the manifest. Info logs (LOG) and the lock change
            // with every opening, readers' too, and say nothing of the data.
            let holds_data = text == "CURRENT"
                || text.starts_with("MANIFEST-")
                || text.ends_with(".log")
                || text.ends_with(".sst");
            if holds_data {
                let metadata = entry.metadata()?;
                files.push((name, metadata.len(), metadata.modified()?));
            }
        }
        // The text index changes after the store's files, at its commit.
        for file in text_index::FILES {
            if let Ok(metadata) = std::fs::metadata(path.join(file)) {
                files.push((file.into(), metadata.len(), metadata.modified()?));
            }
        }
        files.sort();
        Ok(Generation(files))
    }

    /// A store in memory, gone when dropped: for tests and one-shot pipelines.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Store::with_text(
            oxigraph::store::Store::new()?,
            None,
            Some(TextIndex::in_memory()?),
        ))
    }

    /// The Oxigraph store underneath, for what this API does not cover.
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// Replaces the graph of the article named `article` with `quads`, in one transaction:
    /// re-ingesting gives no duplicates, and a crash leaves the old graph or the new one,
    /// never half of either. A graph that holds exactly these quads already is left as it
    /// is: nothing is written ([`GraphChange::Unchanged`]).
    ///
    /// Every quad must lie in the graph `article` ([`crate::graph::article_quads`] builds
    /// them so); otherwise nothing is written and [`StoreError::ForeignQuad`] says which.
    pub fn ingest(
        &self,
        article: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<IngestOutcome, StoreError> {
        self.ingest_marked(article, quads, false)
    }

    /// [`Store::ingest`] for a run that brings the propositions up to date afterwards: a
    /// changed article is marked, in the transaction that writes it, as waiting for that
    /// refresh (`hs:refreshPending` in the propositions graph), and the refresh removes the
    /// mark. A process that dies in between leaves the mark, and the next ingest run
    /// refreshes the marked articles too ([`Store::pending_refresh`]).
    pub fn ingest_before_refresh(
        &self,
        article: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<IngestOutcome, StoreError> {
        self.ingest_marked(article, quads, true)
    }

    fn ingest_marked(
        &self,
        article: NamedNodeRef<'_>,
        quads: &[Quad],
        mark: bool,
    ) -> Result<IngestOutcome, StoreError> {
        let distinct = distinct_quads_in(article, quads)?;
        if self.holds_exactly(article, &distinct)? {
            // A re-run over the same articles writes nothing: rewriting an unchanged graph
            // put every quad through the write-ahead log twice (removed, then added).
            return Ok(IngestOutcome {
                quads: distinct.len(),
                change: GraphChange::Unchanged,
            });
        }
        self.replace_graph(article, &distinct, mark)
    }

    /// The articles marked by [`Store::ingest_before_refresh`] whose refresh has not
    /// happened: a run that wrote them died first.
    pub fn pending_refresh(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.select(&format!(
            "SELECT ?a WHERE {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?a {} true }} }}",
            hs::REFRESH_PENDING
        ))?;
        Ok(rows
            .iter()
            .filter_map(|row| values::string(row, "a"))
            .collect())
    }

    /// Removes the marks of [`Store::ingest_before_refresh`] from `articles`, in one
    /// transaction.
    fn clear_pending_refresh(&self, articles: &[NamedNode]) -> Result<(), StoreError> {
        if articles.is_empty() {
            return Ok(());
        }
        let mut transaction = self.inner.start_transaction()?;
        for article in articles {
            transaction.remove(pending_mark(article.as_ref()).as_ref());
        }
        transaction.commit()?;
        Ok(())
    }

    /// Replaces the graph `article` with `distinct` quads, in one transaction, marking the
    /// article as waiting for the propositions refresh when `mark` is set.
    fn replace_graph(
        &self,
        article: NamedNodeRef<'_>,
        distinct: &[&Quad],
        mark: bool,
    ) -> Result<IngestOutcome, StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        if mark {
            transaction.insert(pending_mark(article).as_ref());
        }
        let change = if transaction.contains_named_graph(article)? {
            // Only what differs is written. An edited article, or one extracted again by a
            // changed extractor, keeps most of its quads: removing and adding them all (six
            // index entries each, through the memtables) ran at 15 articles a second.
            let stored = transaction
                .quads_for_pattern(None, None, None, Some(article.into()))
                .collect::<Result<Vec<Quad>, _>>()?;
            let wanted: HashSet<QuadRef<'_>> = distinct.iter().map(|quad| quad.as_ref()).collect();
            let had: HashSet<QuadRef<'_>> = stored.iter().map(Quad::as_ref).collect();
            for quad in stored
                .iter()
                .filter(|quad| !wanted.contains(&quad.as_ref()))
            {
                transaction.remove(quad);
            }
            for quad in distinct.iter().filter(|quad| !had.contains(&quad.as_ref())) {
                transaction.insert(*quad);
            }
            GraphChange::Replaced
        } else {
            transaction.insert_named_graph(article);
            transaction.extend(distinct.iter().copied());
            GraphChange::Added
        };
        transaction.commit()?;
        self.text_index()?
            .put_article(article, distinct.iter().map(|quad| quad.as_ref()))?;
        Ok(IngestOutcome {
            quads: distinct.len(),
            change,
        })
    }

    /// Whether the graph `graph` holds exactly `quads` (distinct, all in `graph`): each is
    /// there (a seek, nothing decoded) and the graph has no others (counted by SPARQL, which
    /// decodes nothing). Read outside any transaction: only this process writes the store,
    /// and an answer that a concurrent write of the same article makes stale is one that
    /// held when it was read.
    fn holds_exactly(&self, graph: NamedNodeRef<'_>, quads: &[&Quad]) -> Result<bool, StoreError> {
        if !self.inner.contains_named_graph(graph)? {
            return Ok(false);
        }
        for quad in quads {
            if !self.inner.contains(*quad)? {
                return Ok(false);
            }
        }
        let count = self.select(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        ))?;
        let stored: Option<usize> = count.first().and_then(|row| values::number(row, "n"));
        Ok(stored == Some(quads.len()))
    }

    /// Ingests many articles through Oxigraph's bulk loader, much faster than one
    /// [`Store::ingest`] per article on large inputs.
    ///
    /// The bulk loader only adds quads, and no transaction may run while it is open. So an
    /// article whose graph is already there (in the store, or earlier in `articles`) waits in
    /// a queue; when [`REPLACE_QUEUE`] articles wait, and at the end, the loader commits and
    /// the queued articles replace their graphs through [`Store::ingest`], one transaction
    /// each, in input order: the last version of an article wins, as with
    /// [`Store::ingest`]. Articles stored already with the same quads are left as they are,
    /// so a re-run over the same input writes nothing; changed ones are flushed out of the
    /// write-ahead log after each queue, so memory stays flat and reads stay fast.
    ///
    /// Atomicity and memory: see [`BulkOptions`]; "atomic" holds between two such commits.
    /// The loader sorts each batch in memory and writes index files to disk before handing
    /// them to RocksDB.
    pub fn bulk_ingest(
        &self,
        articles: impl IntoIterator<Item = (NamedNode, Vec<Quad>)>,
        options: &BulkOptions,
    ) -> Result<BulkOutcome, StoreError> {
        Ok(self.bulk_ingest_inner(articles, options, None)?.0)
    }

    /// [`Store::bulk_ingest`], then the propositions brought up to date as
    /// [`Store::refresh_propositions_with`] does, from the claims of `articles` (gathered on
    /// the way) and the store's others. The quads the propositions add are loaded with the
    /// articles and appear with them, in one commit.
    pub fn bulk_ingest_tracked(
        &self,
        articles: impl IntoIterator<Item = (NamedNode, Vec<Quad>)>,
        options: &BulkOptions,
    ) -> Result<(BulkOutcome, RefreshOutcome), StoreError> {
        let fresh = self.claim_set()?;
        let (outcome, refreshed) = self.bulk_ingest_inner(articles, options, Some(fresh))?;
        Ok((outcome, refreshed.unwrap_or_default()))
    }

    fn bulk_ingest_inner(
        &self,
        articles: impl IntoIterator<Item = (NamedNode, Vec<Quad>)>,
        options: &BulkOptions,
        mut fresh: Option<ClaimSet>,
    ) -> Result<(BulkOutcome, Option<RefreshOutcome>), StoreError> {
        let mut outcome = BulkOutcome::default();
        // Articles replaced by transactions while the propositions wait for this run's
        // refresh are marked as waiting for it (see `Store::ingest_before_refresh`).
        let tracked = fresh.is_some();
        let mut loader = self.bulk_loader(options);
        // Articles in the loader, not yet committed, so not yet visible to the store.
        let mut loaded: HashSet<NamedNode> = HashSet::new();
        let mut queue: Vec<(NamedNode, Vec<Quad>)> = Vec::new();
        // Each hand-over to the loader becomes one set of sorted files, built on a thread of
        // its own: handing it one article at a time made thousands of tiny files and thread
        // spawns, so quads wait here until a batch is full.
        let batch = bulk_batch_quads(options);
        let mut pending: Vec<Quad> = Vec::with_capacity(batch);
        for (article, quads) in articles {
            if let Some(fresh) = fresh.as_mut() {
                fresh.add_article(article.as_ref(), &quads);
            }
            if loaded.contains(&article) || self.inner.contains_named_graph(&article)? {
                queue.push((article, quads));
                if queue.len() >= REPLACE_QUEUE {
                    loader.load_quads(pending.drain(..))?;
                    loader.commit()?;
                    loaded.clear();
                    self.replace_queued(&mut queue, &mut outcome, tracked)?;
                    loader = self.bulk_loader(options);
                }
                continue;
            }
            let distinct = distinct_quads_in(article.as_ref(), &quads)?.len();
            self.text_index()?
                .put_article(article.as_ref(), quads.iter().map(Quad::as_ref))?;
            outcome.articles += 1;
            outcome.quads += distinct;
            outcome.bulk_loaded += 1;
            // The loader drops repeated quads itself.
            pending.extend(quads);
            if pending.len() >= batch {
                loader.load_quads(std::mem::replace(&mut pending, Vec::with_capacity(batch)))?;
            }
            loaded.insert(article);
        }
        loader.load_quads(pending)?;
        let refreshed = match fresh {
            // Articles still queued to replace their graphs are in `fresh` already.
            Some(fresh) => Some(self.refresh_into(fresh, Some(&mut loader))?),
            None => None,
        };
        loader.commit()?;
        // The refresh has read the last queue's articles already: their marks go once they
        // are written (earlier queues' went with the refresh).
        let last_queue: Vec<NamedNode> = queue.iter().map(|(article, _)| article.clone()).collect();
        self.replace_queued(&mut queue, &mut outcome, tracked)?;
        if tracked {
            self.clear_pending_refresh(&last_queue)?;
        }
        self.text_index()?.commit()?;
        Ok((outcome, refreshed))
    }

    fn bulk_loader(&self, options: &BulkOptions) -> oxigraph::store::BulkLoader<'_> {
        let mut loader = self.inner.bulk_loader();
        if let Some(threads) = options.threads {
            loader = loader.with_num_threads(threads.max(1));
        }
        if let Some(megabytes) = options.max_memory_mb {
            loader = loader.with_max_memory_size_in_megabytes(megabytes.max(1));
        }
        if !options.atomic {
            loader = loader.without_atomicity();
        }
        loader
    }

    fn replace_queued(
        &self,
        queue: &mut Vec<(NamedNode, Vec<Quad>)>,
        outcome: &mut BulkOutcome,
        mark: bool,
    ) -> Result<(), StoreError> {
        // Which articles are stored as given already, checked on every core (a re-run spent
        // a third of its time there on one). An article queued twice is left to
        // `Store::ingest`, in order, so that its last version wins.
        let mut times: HashMap<&NamedNode, usize> = HashMap::new();
        for (article, _) in queue.iter() {
            *times.entry(article).or_default() += 1;
        }
        let checked = queue
            .par_iter()
            .map(|(article, quads)| {
                if times.get(article) != Some(&1) {
                    return Ok(None);
                }
                let distinct = distinct_quads_in(article.as_ref(), quads)?;
                let unchanged = self.holds_exactly(article.as_ref(), &distinct)?;
                Ok(Some((distinct, unchanged)))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut written = false;
        for ((article, quads), checked) in queue.iter().zip(checked) {
            let done = match checked {
                Some((distinct, true)) => IngestOutcome {
                    quads: distinct.len(),
                    change: GraphChange::Unchanged,
                },
                Some((distinct, false)) => self.replace_graph(article.as_ref(), &distinct, mark)?,
                None => self.ingest_marked(article.as_ref(), quads, mark)?,
            };
            outcome.articles += 1;
            outcome.quads += done.quads;
            match done.change {
                GraphChange::Unchanged => outcome.unchanged += 1,
                GraphChange::Added | GraphChange::Replaced => {
                    outcome.replaced += 1;
                    written = true;
                }
            }
        }
        queue.clear();
        if written {
            // Out of the write-ahead log and the memtables after every queue: a re-ingest of
            // 4,200 articles by transactions left 1.9 GB of log, which every read-only open
            // then replayed (8 s), and held 2.4 GB of memtables.
            self.flush()?;
        }
        Ok(())
    }

    /// Removes an article's graph; `true` if it was there.
    pub fn remove_article(&self, article: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        let found = transaction.contains_named_graph(article)?;
        transaction.remove_named_graph(article)?;
        transaction.commit()?;
        self.text_index()?.remove_article(article)?;
        Ok(found)
    }

    /// Number of articles (named graphs).
    pub fn article_count(&self) -> Result<usize, StoreError> {
        if self.has_memo() {
            // The article order a read-only store keeps lists every article already: one
            // pass over the graphs (0.6 s on the 42,000-article replica) rather than two.
            return Ok(self.article_order()?.count());
        }
        let mut count = 0;
        for graph in self.inner.named_graphs() {
            // The propositions graph is derived from the articles, not one of them.
            if graph? != PROPOSITIONS_GRAPH.into() {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Number of claims, over all articles.
    pub fn claim_count(&self) -> Result<usize, StoreError> {
        self.remembered(memo::CLAIM_COUNT, || {
            // Counted as typings, with no DISTINCT: a claim is typed in its own article's
            // graph alone (its IRI comes from the article's), and the claims listing walks
            // the articles counting exactly these (0.5 s on the replica; with DISTINCT 1.3 s).
            let rows = self.select(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?node a {} }} }}",
                hs::CLAIM
            ))?;
            Ok(rows
                .first()
                .and_then(|row| values::number(row, "n"))
                .unwrap_or(0))
        })
    }

    /// Number of distinct sources, over all articles (a source quoted in three articles
    /// counts once).
    pub fn source_count(&self) -> Result<usize, StoreError> {
        self.remembered(memo::SOURCE_COUNT, || self.count_typed(hs::SOURCE))
    }

    /// Number of distinct nodes of type `class`, over all graphs: counted in SPARQL, where
    /// terms stay encoded (decoding 700,000 claim IRIs to count them took seconds).
    fn count_typed(&self, class: NamedNodeRef<'_>) -> Result<usize, StoreError> {
        let rows = self.select(&format!(
            "SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {{ GRAPH ?g {{ ?node a {class} }} }}"
        ))?;
        Ok(rows
            .first()
            .and_then(|row| values::number(row, "n"))
            .unwrap_or(0))
    }

    /// Computes now what a read-only store keeps for the web's listings (counts, contested
    /// propositions, the article order), so that no reader waits for it; on a writable store,
    /// nothing.
    pub fn warm(&self) -> Result<(), StoreError> {
        if self.memo.is_some() {
            // What the home page and the claims listing need first; the contested propositions,
            // which take longest, last.
            self.article_order()?;
            self.claim_count()?;
            self.source_count()?;
            self.propositions(&PropositionFilter {
                contested: true,
                ..PropositionFilter::default()
            })?;
        }
        Ok(())
    }

    /// Number of quads in the store, every graph counted.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Merges the store's files into as few as RocksDB allows, for faster reads. A bulk load
    /// leaves dozens of overlapping files per index, and every lookup probes each of them.
    pub fn compact(&self) -> Result<(), StoreError> {
        Ok(self.inner.optimize()?)
    }

    /// Writes what is still only in the write-ahead log to the store's files. Call it when a
    /// run of transactions ends: every read-only open replays the log into memory, which took
    /// a lookup on the Wikinews store from about 20 ms to over a second when the log held the
    /// ingest's transactions. Right after a large bulk load it waits until RocksDB has
    /// compacted the loaded files (a minute for 16 million quads), and the log holds little.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.inner.flush()?;
        self.text_index()?.commit()
    }

    /// The text index, built in memory first when the one on disk lags behind a read-only
    /// store (a writer died before committing it, or wrote it with an older hearsay).
    fn text_index(&self) -> Result<&TextIndex, StoreError> {
        if let Some(text) = self.text.get() {
            return Ok(text);
        }
        let text = TextIndex::in_memory()?;
        self.fill_text_index(&text)?;
        // Another thread may have built it meanwhile: either is the store's.
        let _ = self.text.set(text);
        Ok(self.text.get().expect("the text index was just set"))
    }

    /// Fills the empty index of a writer from every article graph, and commits it.
    fn rebuild_text_index(&self) -> Result<(), StoreError> {
        let text = self.text_index()?;
        self.fill_text_index(text)
    }

    fn fill_text_index(&self, text: &TextIndex) -> Result<(), StoreError> {
        let graphs = self
            .inner
            .named_graphs()
            .filter_map(|graph| match graph {
                Ok(oxigraph::model::NamedOrBlankNode::NamedNode(graph)) => {
                    (graph.as_ref() != PROPOSITIONS_GRAPH).then_some(Ok(graph))
                }
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<NamedNode>, _>>()?;
        index_graphs(self, text, &graphs)?;
        text.commit()
    }

    /// Brings the text index's documents of the article graphs `graphs` (IRIs) to what the
    /// store holds of them now.
    fn reindex_text(&self, graphs: &std::collections::BTreeSet<String>) -> Result<(), StoreError> {
        let graphs = graphs
            .iter()
            .map(|graph| NamedNode::new(graph.as_str()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| StoreError::TextIndex(e.to_string()))?;
        index_graphs(self, self.text_index()?, &graphs)
    }

    /// Runs a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE).
    ///
    /// The prefixes of [`crate::graph::vocab::PREFIXES`] (`hs:`, `hsid:`, `schema:`, `prov:`,
    /// `rdf:`, `rdfs:`, `xsd:`) (with `article:`, `claim:`, `source:`, `proposition:`) are
    /// predeclared; a query may redeclare them. Unless the query names its own dataset with
    /// `FROM`, the default graph is the union of all article graphs. A syntax error comes
    /// back as [`StoreError::Syntax`] with the parser's message.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_cancellable(sparql, CancellationToken::new())
    }

    /// [`Store::query`], stopped when `token` is cancelled (from another thread): the query,
    /// or the iteration over its results, then fails with [`StoreError::Cancelled`]. Oxigraph
    /// checks the token at every quad it reads from the store, so a query that loops over
    /// the store stops within moments of the cancellation.
    pub fn query_cancellable(
        &self,
        sparql: &str,
        token: CancellationToken,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
        for (prefix, namespace) in PREFIXES.iter() {
            evaluator = evaluator.with_prefix(*prefix, *namespace).map_err(|e| {
                StoreError::InvalidReference {
                    value: format!("{namespace} ({e})"),
                }
            })?;
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SELECT query and collects its rows.
    pub(crate) fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, StoreError> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<Vec<_>, _>>()?),
            // Only ever called with SELECT queries written here.
            _ => Ok(Vec::new()),
        }
    }

    /// Whether `graph` is an article graph of this store.
    pub fn has_article(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        Ok(self.inner.contains_named_graph(graph)?)
    }
}

/// The embedded store answers the lookups with `LATERAL`, and with its indexes where a
/// pattern would be all the query does.
impl SparqlReader for Store {
    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, StoreError> {
        Store::select(self, sparql)
    }

    fn form(&self) -> SparqlForm {
        SparqlForm::Lateral
    }

    /// Claims whose content holds the words of `query` (the text index's matching).
    fn claims_with_words(&self, query: &str) -> Result<Option<ClaimHits>, StoreError> {
        let text = self.text_index()?;
        text.commit()?;
        text.claims_with_words(query).map(Some)
    }

    /// The claims the text index finds by their source as written, and those of the source
    /// nodes it finds by a name.
    fn claims_with_source_containing(&self, part: &str) -> Result<Option<ClaimHits>, StoreError> {
        let text = self.text_index()?;
        text.commit()?;
        text.sources_containing(part)
    }

    fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        self.has_article(graph)
    }

    /// One seek in the predicate-object index.
    fn subject_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: LiteralRef<'_>,
    ) -> Result<Option<NamedNode>, StoreError> {
        for quad in self
            .inner
            .quads_for_pattern(None, Some(predicate), Some(object.into()), None)
        {
            if let NamedOrBlankNode::NamedNode(node) = quad?.subject {
                return Ok(Some(node));
            }
        }
        Ok(None)
    }
}

/// The lookups, over the embedded store or a SPARQL server ([`crate::remote::Remote`]):
/// the same rows from either.
pub trait Lookups: SparqlReader {
    /// The claims matching `filter`, sorted by article date (undated last, as in
    /// timelines), article and position in the article.
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>, StoreError> {
        lookup::claims(self, filter)
    }

    /// The first `n` of [`Lookups::claims`]: when a text index found the claims with their
    /// place in the order, only those `n` rows are read.
    fn first_claims(&self, filter: &ClaimFilter, n: usize) -> Result<Vec<ClaimRow>, StoreError> {
        lookup::first_claims(self, filter, n)
    }

    /// Every source with the number of claims attributed to it over all articles, most
    /// quoted first, then by name.
    fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        lookup::sources(self)
    }

    /// One claim by short id (`1a2b3c4d5e6f7a8b-3`) or IRI, with its sentence, offsets and
    /// links both ways; `None` if there is no such claim.
    fn claim(&self, id_or_iri: &str) -> Result<Option<ClaimDetail>, StoreError> {
        lookup::claim(self, id_or_iri)
    }

    /// The `n` most recently published articles, newest first (undated ones last).
    fn latest_articles(&self, n: usize) -> Result<Vec<ArticleRow>, StoreError> {
        lookup::latest_articles(self, n)
    }

    /// One article (by URL, input id, short id or IRI) with its text and its claims, each
    /// with the spans of its source, cue and content; `None` if there is no such article.
    fn article(&self, reference: &str) -> Result<Option<ArticleDetail>, StoreError> {
        lookup::article(self, reference)
    }

    /// One source by IRI, with its names, aliases, roles, kind and claims; `None` if no
    /// article quotes it.
    fn source(&self, iri: &str) -> Result<Option<SourceDetail>, StoreError> {
        lookup::source(self, iri)
    }

    /// The named graph of an article given by URL, input id, short id or IRI.
    fn find_article(&self, reference: &str) -> Result<Option<NamedNode>, StoreError> {
        lookup::find_article(self, reference)
    }

    /// Propositions matching `filter`, with counts derived now: most independent asserting
    /// origins first, then most claims, then first seen.
    fn propositions(&self, filter: &PropositionFilter) -> Result<Vec<PropositionRow>, StoreError> {
        propositions::propositions_among(self, filter, None)
    }

    /// One proposition by id (as [`proposition_id`] gives it) or IRI, with its counts;
    /// `None` if there is no such proposition with a claim.
    fn proposition(&self, id_or_iri: &str) -> Result<Option<PropositionRow>, StoreError> {
        propositions::proposition(self, id_or_iri)
    }

    /// What was said, by whom, when: the claims `query` selects, in date order (undated
    /// last), then article and position.
    fn timeline(&self, query: &TimelineQuery) -> Result<Vec<TimelineRow>, StoreError> {
        propositions::timeline(self, query)
    }
}

/// The embedded store answers two lookups faster than the SPARQL they stand for: from the
/// article order, and from what a read-only store remembers.
impl Lookups for Store {
    fn latest_articles(&self, n: usize) -> Result<Vec<ArticleRow>, StoreError> {
        self.latest_articles_by_order(n)
    }

    fn propositions(&self, filter: &PropositionFilter) -> Result<Vec<PropositionRow>, StoreError> {
        let contested = PropositionFilter {
            contested: true,
            ..PropositionFilter::default()
        };
        // A contested proposition has two claims at least: asking for up to two asks
        // nothing more (`hearsay propositions --contested` asks for two by default).
        let asked = PropositionFilter {
            min_claims: filter.min_claims.filter(|&n| n > 2),
            ..filter.clone()
        };
        if asked == contested {
            // The web's home and contested pages ask this of every request: a read-only
            // store keeps it.
            let rows = self.remembered(memo::CONTESTED, || {
                Ok(std::sync::Arc::new(propositions::propositions_among(
                    self, filter, None,
                )?))
            })?;
            return Ok(rows.as_ref().clone());
        }
        propositions::propositions_among(self, filter, None)
    }
}

impl Lookups for crate::remote::Remote {}

/// [`StoreError::Missing`] unless `path` holds a store. RocksDB keeps a CURRENT file in every
/// database; without it there is no store, and RocksDB's own message ("No such file or
/// directory") would not say so.
fn require_store(path: &Path) -> Result<(), StoreError> {
    if path.join("CURRENT").is_file() {
        Ok(())
    } else {
        Err(StoreError::Missing {
            path: path.to_path_buf(),
        })
    }
}

/// Quads [`Store::bulk_ingest`] gathers before handing them to the loader: Oxigraph's own
/// batch size for `max_memory_mb` when given, else [`BULK_BATCH_QUADS`].
fn bulk_batch_quads(options: &BulkOptions) -> usize {
    match options.max_memory_mb {
        Some(megabytes) => {
            let threads = options
                .threads
                .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
                .unwrap_or(1)
                .max(1);
            (megabytes.max(1) * 1000 / threads).max(1)
        }
        None => BULK_BATCH_QUADS,
    }
}

/// The distinct quads of `quads`, in first-seen order, after checking they all lie in the
/// graph `article`.
/// Puts the documents of the article graphs `graphs` into `text`, from what `store` holds of
/// them: an article at a time, on every core (the whole store's quads at once would not fit
/// in memory).
fn index_graphs(store: &Store, text: &TextIndex, graphs: &[NamedNode]) -> Result<(), StoreError> {
    graphs.par_iter().try_for_each(|graph| {
        let quads = store
            .inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<Quad>, _>>()?;
        text.put_article(graph.as_ref(), quads.iter().map(Quad::as_ref))
    })
}

fn distinct_quads_in<'q>(
    article: NamedNodeRef<'_>,
    quads: &'q [Quad],
) -> Result<Vec<&'q Quad>, StoreError> {
    let graph = GraphNameRef::NamedNode(article);
    let mut seen = HashSet::with_capacity(quads.len());
    let mut distinct = Vec::with_capacity(quads.len());
    for quad in quads {
        if quad.graph_name.as_ref() != graph {
            return Err(StoreError::ForeignQuad {
                graph: article.as_str().to_owned(),
                quad: quad.to_string(),
            });
        }
        if seen.insert(quad) {
            distinct.push(quad);
        }
    }
    Ok(distinct)
}

/// The quad that marks `article` as waiting for the propositions refresh.
fn pending_mark(article: NamedNodeRef<'_>) -> Quad {
    Quad::new(
        article.into_owned(),
        hs::REFRESH_PENDING,
        Literal::from(true),
        PROPOSITIONS_GRAPH.into_owned(),
    )
}

#[cfg(test)]
mod tests;

/// True when RocksDB failed because a file it expected was gone: a race with a writer.
fn is_vanished_file(error: &oxigraph::store::StorageError) -> bool {
    error.to_string().contains("No such file or directory")
}

/// Cancels a token once a time limit has passed, unless dropped before: the time limit of a
/// query run through [`Store::query_cancellable`], for `hearsay query` and the web endpoint.
pub struct Watchdog {
    /// Dropping it wakes the watching thread, which then ends without cancelling.
    _stop: mpsc::Sender<()>,
}

impl Watchdog {
    pub fn cancel_after(limit: Duration, token: CancellationToken) -> Watchdog {
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(limit) {
                token.cancel();
            }
        });
        Watchdog { _stop: stop }
    }
}
