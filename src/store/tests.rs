//! Unit tests of the store on hand-made quads; the end-to-end tests are in tests/store.rs.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

use super::*;
use crate::graph::vocab::{rdf, schema};

fn article(n: u32) -> NamedNode {
    NamedNode::new_unchecked(format!("https://w3id.org/hearsay/id/article/{n:016x}"))
}

fn quads(graph: &NamedNode, headline: &str) -> Vec<Quad> {
    let g = GraphName::NamedNode(graph.clone());
    vec![
        Quad::new(graph.clone(), rdf::TYPE, hs::ARTICLE, g.clone()),
        Quad::new(
            graph.clone(),
            schema::HEADLINE,
            Literal::new_simple_literal(headline),
            g.clone(),
        ),
        // A duplicate, as a careless producer might emit: stored and counted once.
        Quad::new(graph.clone(), rdf::TYPE, hs::ARTICLE, g),
    ]
}

#[test]
fn ingest_replaces_the_article_graph() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    let a = article(1);
    let first = store.ingest(a.as_ref(), &quads(&a, "One"))?;
    assert_eq!(
        first,
        IngestOutcome {
            quads: 2,
            change: GraphChange::Added
        }
    );
    // As many quads as before, one of them different: still a replacement.
    let again = store.ingest(a.as_ref(), &quads(&a, "Two"))?;
    assert_eq!(
        again,
        IngestOutcome {
            quads: 2,
            change: GraphChange::Replaced
        }
    );
    assert_eq!(store.len()?, 2, "the old headline is gone");
    assert_eq!(store.article_count()?, 1);
    Ok(())
}

#[test]
fn ingest_leaves_an_unchanged_graph_alone() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    let a = article(1);
    store.ingest(a.as_ref(), &quads(&a, "One"))?;
    let same = store.ingest(a.as_ref(), &quads(&a, "One"))?;
    assert_eq!(same.change, GraphChange::Unchanged);
    assert_eq!(same.quads, 2);
    assert_eq!(store.len()?, 2);

    // Every stored quad given again, plus one: a superset is a change.
    let mut more = quads(&a, "One");
    more.push(Quad::new(
        a.clone(),
        hs::KEY,
        Literal::from("extra"),
        a.clone(),
    ));
    assert_eq!(
        store.ingest(a.as_ref(), &more)?.change,
        GraphChange::Replaced
    );
    assert_eq!(store.len()?, 3);
    // A subset of the stored quads is a change too: the graph loses the extra one.
    assert_eq!(
        store.ingest(a.as_ref(), &quads(&a, "One"))?.change,
        GraphChange::Replaced
    );
    assert_eq!(store.len()?, 2);
    Ok(())
}

#[test]
fn bulk_ingest_keeps_the_last_version_of_an_article_given_twice() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    let a = article(1);
    store.ingest(a.as_ref(), &quads(&a, "Old"))?;
    // The second version is what the store holds already: still it must win over the first.
    let batch = vec![
        (a.clone(), quads(&a, "Other")),
        (a.clone(), quads(&a, "Old")),
    ];
    let outcome = store.bulk_ingest(batch, &BulkOptions::default())?;
    assert_eq!((outcome.articles, outcome.replaced), (2, 2));
    let headlines = store.select("SELECT ?h WHERE { ?a schema:headline ?h }")?;
    assert_eq!(headlines.len(), 1);
    assert_eq!(
        values::string(&headlines[0], "h").as_deref(),
        Some("Old"),
        "the last version wins"
    );
    Ok(())
}

#[test]
fn ingest_refuses_quads_of_another_graph() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    let (a, b) = (article(1), article(2));
    let mut mixed = quads(&a, "One");
    mixed.extend(quads(&b, "Two"));
    let err = store.ingest(a.as_ref(), &mixed);
    assert!(
        matches!(err, Err(StoreError::ForeignQuad { .. })),
        "{err:?}"
    );
    assert!(store.is_empty()?, "nothing written");
    Ok(())
}

#[test]
fn bulk_ingest_handles_known_and_repeated_articles() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    let (a, b) = (article(1), article(2));
    store.ingest(a.as_ref(), &quads(&a, "Old"))?;
    let batch = vec![
        (a.clone(), quads(&a, "New")),
        (b.clone(), quads(&b, "First")),
        (b.clone(), quads(&b, "Last")),
    ];
    let outcome = store.bulk_ingest(batch, &BulkOptions::default())?;
    assert_eq!(outcome.articles, 3);
    assert_eq!(outcome.bulk_loaded, 1);
    assert_eq!(outcome.replaced, 2);
    assert_eq!(outcome.unchanged, 0);
    assert_eq!(store.len()?, 4);
    let headlines = store.select("SELECT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h")?;
    let headlines: Vec<String> = headlines
        .iter()
        .filter_map(|s| match s.get("h") {
            Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(headlines, ["Last", "New"]);
    Ok(())
}

#[test]
fn read_only_never_creates_a_store() {
    let dir = std::env::temp_dir().join(format!("hearsay-missing-{}", std::process::id()));
    let err = Store::open_read_only(&dir);
    assert!(matches!(err, Err(StoreError::Missing { .. })));
    assert!(!dir.exists());
}

#[test]
fn bad_sparql_is_an_error_with_the_parser_message() -> Result<(), StoreError> {
    let store = Store::in_memory()?;
    match store.query("SELECT ?x WHERE { ?x ") {
        Err(StoreError::Syntax(e)) => assert!(!e.to_string().is_empty()),
        other => panic!("expected a syntax error, got {:?}", other.map(|_| ())),
    }
    Ok(())
}

#[test]
fn id_prefixes_lie_under_the_id_namespace() {
    for (_, namespace) in crate::graph::vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| ns.starts_with("https://w3id.org/hearsay/id/"))
    {
        assert!(
            namespace.starts_with(crate::graph::vocab::ID),
            "{namespace}"
        );
    }
}

#[test]
fn sources_without_a_name_or_a_claim_are_listed() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().map_err(|e| StoreError::InvalidReference {
        value: e.to_string(),
    })?;
    let store = Store::open(dir.path().join("store"))?;
    let a = article(1);
    let g = GraphName::NamedNode(a.clone());
    let unnamed = NamedNode::new_unchecked("https://example.org/unnamed");
    let silent = NamedNode::new_unchecked("https://example.org/silent");
    let claim = NamedNode::new_unchecked("https://example.org/claim");
    let mut graph = quads(&a, "One");
    graph.extend([
        Quad::new(unnamed.clone(), rdf::TYPE, hs::SOURCE, g.clone()),
        Quad::new(
            claim,
            crate::graph::vocab::prov::WAS_ATTRIBUTED_TO,
            unnamed,
            g.clone(),
        ),
        Quad::new(silent.clone(), rdf::TYPE, hs::SOURCE, g.clone()),
        Quad::new(
            silent,
            schema::NAME,
            Literal::new_simple_literal("Silent"),
            g,
        ),
    ]);
    store.ingest(a.as_ref(), &graph)?;
    let listed: Vec<(String, usize)> = store
        .sources()?
        .into_iter()
        .map(|s| (s.name, s.claims))
        .collect();
    assert_eq!(listed, [(String::new(), 1), ("Silent".to_owned(), 0)]);
    Ok(())
}

#[test]
fn the_generation_changes_with_every_write_and_only_then() -> Result<(), StoreError> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("store");
    let a = article(1);
    // Closed, so that no background flush or compaction of the writer's comes between.
    Store::open(&path)?.ingest(a.as_ref(), &quads(&a, "One"))?;
    let before = Store::generation(&path)?;
    // Readers open and close the store (RocksDB rotates its info log then): no change.
    drop(Store::open_read_only(&path)?);
    drop(Store::open_read_only(&path)?);
    assert_eq!(Store::generation(&path)?, before);
    // A write is a change, even one still only in the log.
    let store = Store::open(&path)?;
    store.ingest(a.as_ref(), &quads(&a, "Two"))?;
    assert_ne!(Store::generation(&path)?, before);
    // Not a store: the same error as opening it.
    assert!(matches!(
        Store::generation(dir.path()),
        Err(StoreError::Missing { .. })
    ));
    Ok(())
}

#[test]
fn a_replaced_graph_holds_exactly_the_new_quads() -> Result<(), StoreError> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path().join("store"))?;
    let (a, b) = (article(1), article(2));
    store.ingest(b.as_ref(), &quads(&b, "Other"))?;
    let mut old = quads(&a, "One");
    old.push(Quad::new(
        a.clone(),
        schema::DATE_PUBLISHED,
        Literal::new_simple_literal("2024-06-18"),
        GraphName::NamedNode(a.clone()),
    ));
    store.ingest(a.as_ref(), &old)?;
    // The type is kept, the headline changes, the date goes, a url comes.
    let mut new = quads(&a, "Two");
    new.push(Quad::new(
        a.clone(),
        schema::URL,
        Literal::new_simple_literal("https://example.org/a"),
        GraphName::NamedNode(a.clone()),
    ));
    let outcome = store.ingest(a.as_ref(), &new)?;
    assert_eq!(outcome.change, GraphChange::Replaced);
    let mut stored: Vec<Quad> = store
        .inner
        .quads_for_pattern(None, None, None, Some(a.as_ref().into()))
        .collect::<Result<_, _>>()?;
    stored.sort_by_key(ToString::to_string);
    let mut expected: Vec<Quad> = new[..2].iter().chain(&new[3..]).cloned().collect();
    expected.sort_by_key(ToString::to_string);
    assert_eq!(stored, expected);
    // The other article is untouched.
    assert_eq!(store.len()?, expected.len() + 2);
    Ok(())
}
