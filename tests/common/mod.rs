//! What the tracking tests share: ingesting as `hearsay ingest` does, a store in a temp dir,
//! made-up articles, and the propositions graph as text to compare.

// Each test crate uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hearsay::article::{read_inputs, Article};
use hearsay::extract::{extract, Extraction};
use hearsay::graph::article_iri;
use hearsay::store::{RefreshOutcome, Store, PROPOSITIONS_GRAPH};
use hearsay::track::{article_names, tracked_quads};
use oxigraph::model::GraphNameRef;

/// Ingests `items` as one `hearsay ingest` run of transactions does: names first, one
/// transaction per article (marked as waiting for the refresh), stored sources brought to the
/// run's names, then the propositions brought up to date from the run's claims and the
/// articles whose sources moved.
pub fn ingest_extracted(store: &Store, items: &[(&Article, Extraction)]) -> RefreshOutcome {
    let stored_names = store.known_names().expect("known names");
    let mut known = stored_names.clone();
    for (a, e) in items {
        known.merge(&article_names(a, e));
    }
    let mut fresh = store.claim_set().expect("claim set");
    for (a, e) in items {
        let quads = tracked_quads(a, e, &known);
        fresh.add_article(article_iri(a).as_ref(), &quads);
        store
            .ingest_before_refresh(article_iri(a).as_ref(), &quads)
            .expect("ingest");
    }
    let aligned = store
        .align_sources(&known, &stored_names)
        .expect("align sources");
    store
        .add_stored_articles(&mut fresh, aligned.moved_in.iter().map(String::as_str))
        .expect("moved articles");
    store.refresh_propositions_with(fresh).expect("refresh")
}

/// [`ingest_extracted`] of articles, extracted here.
pub fn ingest_articles(store: &Store, articles: &[Article]) -> RefreshOutcome {
    let items: Vec<_> = articles.iter().map(|a| (a, extract(&a.text))).collect();
    ingest_extracted(store, &items)
}

/// [`ingest_articles`] of the articles in `paths`; how many there were.
pub fn ingest_paths(store: &Store, paths: &[PathBuf]) -> usize {
    let articles = read(paths);
    ingest_articles(store, &articles);
    articles.len()
}

pub fn read(paths: &[PathBuf]) -> Vec<Article> {
    read_inputs(paths)
        .map(|a| a.expect("article reads"))
        .collect()
}

/// A store on disk in a temp dir, gone with the dir.
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("store")).expect("store opens");
    (dir, store)
}

/// A made-up article of Example News at `https://example.org/{id}`.
pub fn article(id: &str, day: u32, text: &str) -> Article {
    Article {
        origin: "tests/common".into(),
        id: Some(id.into()),
        title: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 5, day),
        url: Some(format!("https://example.org/{id}")),
        publisher: Some("Example News".into()),
        author: None,
        text: text.into(),
    }
}

/// The files of data/ named `files`.
pub fn data(files: &[&str]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|f| Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(f))
        .collect()
}

/// Every quad of `graph` (of the store when `None`) as sorted N-Quads lines.
pub fn snapshot(store: &Store, graph: Option<GraphNameRef<'_>>) -> Vec<String> {
    let mut out: Vec<String> = store
        .oxigraph()
        .quads_for_pattern(None, None, None, graph)
        .map(|q| q.expect("quad").to_string())
        .collect();
    out.sort();
    out
}

/// The propositions graph as sorted N-Quads lines.
pub fn propositions(store: &Store) -> Vec<String> {
    snapshot(store, Some(PROPOSITIONS_GRAPH.into()))
}

/// Panics, showing the first differences, unless the propositions graph equals what a
/// rebuild from every stored claim gives (the rebuild is left in the store).
pub fn assert_equals_a_rebuild(store: &Store) {
    let incremental = propositions(store);
    store.refresh_propositions().expect("rebuild");
    let rebuilt = propositions(store);
    if incremental != rebuilt {
        let only_incremental: Vec<_> = incremental
            .iter()
            .filter(|q| !rebuilt.contains(q))
            .take(10)
            .collect();
        let only_rebuilt: Vec<_> = rebuilt
            .iter()
            .filter(|q| !incremental.contains(q))
            .take(10)
            .collect();
        panic!(
            "incremental ({} quads) and rebuild ({} quads) differ:\n only incremental: {only_incremental:#?}\n only rebuild: {only_rebuilt:#?}",
            incremental.len(),
            rebuilt.len()
        );
    }
}
