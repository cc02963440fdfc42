//! The store end to end, on disk in a temporary directory: ingest and re-ingest, the lock,
//! lookups, SPARQL, exports parsed back with sophia and compared by isomorphism.

use chrono::NaiveDate;
use hearsay::extract::{Certainty, LinkKind, SourceKind, Stance};
use hearsay::graph::{article_iri, article_quads};
use hearsay::store::{
    write_results, BulkOptions, ClaimFilter, ExportFormat, GraphChange, LinkDirection, Lookups,
    ResultsFormat, Store, StoreError,
};
use oxigraph::sparql::QueryResults;
use sophia::api::prelude::*;
use sophia::inmem::dataset::LightDataset;
use sophia::inmem::graph::LightGraph;
use sophia::isomorphism::{isomorphic_datasets, isomorphic_graphs};
use sophia::turtle::parser::nq::NQuadsParser;
use sophia::turtle::parser::nt::NTriplesParser;
use sophia::turtle::parser::turtle::TurtleParser;

mod store_corpus;
use store_corpus::{claim_iri, corpus, ingest, store, LAUNCH, LAUNCH_URL, SUMMIT_URL};

fn export(store: &Store, format: ExportFormat, article: Option<&str>) -> String {
    let bytes = store
        .export(format, article, Vec::new())
        .expect("the export runs");
    String::from_utf8(bytes).expect("exports are UTF-8")
}

fn dataset_of(nquads: &str) -> LightDataset {
    NQuadsParser::new()
        .parse_str(nquads)
        .collect_quads()
        .expect("N-Quads parse back")
}

fn graph_of_turtle(turtle: &str) -> LightGraph {
    TurtleParser::new()
        .parse_str(turtle)
        .collect_triples()
        .expect("the Turtle export parses back")
}

/// The union graph of the corpus, straight from `article_quads` (not through the store):
/// each quad's triple written as N-Triples by Oxigraph, read back by sophia.
fn corpus_union(only: Option<&str>) -> LightGraph {
    let mut lines = String::new();
    for (article, extraction) in corpus() {
        if only.is_some_and(|url| article.url.as_deref() != Some(url)) {
            continue;
        }
        for quad in article_quads(&article, &extraction) {
            lines.push_str(&oxigraph::model::Triple::from(quad).to_string());
            lines.push_str(" .\n");
        }
    }
    NTriplesParser::new()
        .parse_str(&lines)
        .collect_triples()
        .expect("N-Triples parse")
}

#[test]
fn reingest_changes_nothing() {
    let (_dir, store) = store();
    let quads_before = store.len().expect("len");
    let before = dataset_of(&export(&store, ExportFormat::NQuads, None));
    assert!(
        quads_before > 50,
        "the corpus makes a real graph: {quads_before} quads"
    );

    for (article, extraction) in corpus() {
        let quads = article_quads(&article, &extraction);
        let outcome = store
            .ingest(article_iri(&article).as_ref(), &quads)
            .expect("re-ingest");
        assert_eq!(outcome.change, GraphChange::Unchanged);
    }
    assert_eq!(store.len().expect("len"), quads_before);
    let after = dataset_of(&export(&store, ExportFormat::NQuads, None));
    assert!(isomorphic_datasets(&before, &after).expect("comparison runs"));
    assert_eq!(store.article_count().expect("count"), 2);
    assert_eq!(store.claim_count().expect("count"), 9);
    // KCNA is quoted in both articles: one source, stored in two graphs.
    assert_eq!(store.source_count().expect("count"), 7);
}

#[test]
fn reingest_of_a_changed_article_leaves_no_trace_of_the_old_one() {
    let (_dir, store) = store();
    let (mut article, mut extraction) = corpus().remove(0);
    extraction.attributions.truncate(1);
    extraction.links.clear();
    article.title = Some("A new headline".into());
    let outcome = store
        .ingest(
            article_iri(&article).as_ref(),
            &article_quads(&article, &extraction),
        )
        .expect("re-ingest");
    assert_eq!(outcome.change, GraphChange::Replaced);
    assert_eq!(store.claim_count().expect("count"), 1 + 5);
    let titles: Vec<_> = store
        .claims(&ClaimFilter {
            article: Some(LAUNCH_URL.into()),
            ..ClaimFilter::default()
        })
        .expect("claims")
        .into_iter()
        .map(|c| {
            store
                .claim(&c.id)
                .expect("show")
                .and_then(|detail| detail.article_title)
        })
        .collect();
    assert_eq!(titles, [Some("A new headline".to_owned())]);
}

#[test]
fn a_second_writer_is_told_the_store_is_locked() {
    let (dir, store) = store();
    let path = dir.path().join("store");
    match Store::open(&path) {
        Err(StoreError::Locked { path: locked }) => {
            assert_eq!(locked, path);
            let message = StoreError::Locked { path: locked }.to_string();
            assert!(
                message.contains("is in use by another hearsay process")
                    && message.contains("--read-only"),
                "{message}"
            );
        }
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("a second writer opened the store"),
    }
    // A reader can open beside the writer and sees what it wrote.
    let reader = Store::open_read_only(&path).expect("read-only beside a writer");
    assert_eq!(reader.article_count().expect("count"), 2);
    drop(store);
    drop(reader);
    // Once the writer is gone, the lock is too.
    let again = Store::open(&path).expect("reopens after the writer closed");
    assert_eq!(again.claim_count().expect("count"), 9);
}

/// Not a test of its own: `a_writer_in_another_process_locks_the_store` runs it in a child
/// process, to hold a store open the way a running `hearsay ingest` does.
#[test]
#[ignore = "run by a_writer_in_another_process_locks_the_store"]
fn hold_store_open_until_stdin_closes() {
    let Ok(path) = std::env::var("HEARSAY_TEST_HOLD_STORE") else {
        return;
    };
    let _store = Store::open(path).expect("the child opens the store");
    println!("holding the store");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn a_writer_in_another_process_locks_the_store() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "hold_store_open_until_stdin_closes",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("HEARSAY_TEST_HOLD_STORE", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the child starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok);
    let ready = lines.any(|line| line.contains("holding the store"));
    assert!(ready, "the child never held the store");

    let result = Store::open(&path);
    let read_only = Store::open_read_only(&path).map(|s| s.article_count());
    drop(child.stdin.take());
    // Read the child's last words, so it never writes into a closed pipe.
    lines.for_each(drop);
    let _ = child.wait();
    match result {
        Err(StoreError::Locked { .. }) => {}
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("two processes opened the store for writing"),
    }
    assert!(
        matches!(read_only, Ok(Ok(0))),
        "a reader may open beside the writer"
    );
    assert!(
        Store::open(&path).is_ok(),
        "free again once the child is gone"
    );
}

#[test]
fn read_only_open_of_a_missing_store_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nothing-here");
    match Store::open_read_only(&path) {
        Err(StoreError::Missing { path: missing }) => assert_eq!(missing, path),
        Err(other) => panic!("expected Missing, got {other}"),
        Ok(_) => panic!("opened a store that does not exist"),
    }
    assert!(!path.exists());
}

#[test]
fn turtle_export_is_pretty_and_is_the_union_graph() {
    let (_dir, store) = store();
    let turtle = export(&store, ExportFormat::Turtle, None);
    assert!(turtle.contains("@prefix hs: <https://w3id.org/hearsay/ontology#> ."));
    assert!(turtle.contains("hs:Claim"), "prefixed names are used");
    // Grouped by subject: each claim IRI opens exactly one block.
    let claim = claim_iri(LAUNCH_URL, 2);
    let local = claim.rsplit('/').next().unwrap_or_default();
    let blocks = turtle
        .lines()
        .filter(|l| {
            !l.starts_with(char::is_whitespace) && l.contains(local) && !l.contains("hs:denies")
        })
        .count();
    assert_eq!(blocks, 1, "one block for {claim}:\n{turtle}");
    assert!(turtle.contains(";\n"), "predicates share their subject");

    let parsed = graph_of_turtle(&turtle);
    let expected = corpus_union(None);
    assert!(isomorphic_graphs(&parsed, &expected).expect("comparison runs"));
    // Sources repeat in each article's graph; the union holds them once.
    assert_eq!(
        turtle
            .matches("schema:name \"Korean Central News Agency\"")
            .count(),
        1
    );
}

#[test]
fn ntriples_export_is_the_union_graph_too() {
    let (_dir, store) = store();
    let nt = export(&store, ExportFormat::NTriples, None);
    let parsed: LightGraph = NTriplesParser::new()
        .parse_str(&nt)
        .collect_triples()
        .expect("N-Triples parse back");
    assert!(isomorphic_graphs(&parsed, &corpus_union(None)).expect("comparison runs"));
    let lines = nt.lines().count();
    assert_eq!(lines, parsed.triples().count(), "no triple written twice");
}

#[test]
fn export_of_one_article() {
    let (_dir, store) = store();
    let turtle = export(&store, ExportFormat::Turtle, Some(SUMMIT_URL));
    let parsed = graph_of_turtle(&turtle);
    assert!(isomorphic_graphs(&parsed, &corpus_union(Some(SUMMIT_URL))).expect("compares"));
    assert!(
        !turtle.contains("ballistic"),
        "nothing of the other article"
    );

    let nquads = export(&store, ExportFormat::NQuads, Some(SUMMIT_URL));
    let (summit, _) = corpus().remove(1);
    let graph = format!("<{}> .", article_iri(&summit).as_str());
    assert!(nquads.lines().all(|l| l.ends_with(&graph)), "{nquads}");

    let trig = export(&store, ExportFormat::TriG, Some(SUMMIT_URL));
    assert!(trig.contains(article_iri(&summit).as_str()) || trig.contains("hsid:"));
    let json = export(&store, ExportFormat::JsonLd, Some(SUMMIT_URL));
    assert!(json.trim_start().starts_with('['), "{json}");

    match store.export(
        ExportFormat::Turtle,
        Some("https://example.org/nope"),
        Vec::new(),
    ) {
        Err(StoreError::UnknownArticle(a)) => assert_eq!(a, "https://example.org/nope"),
        other => panic!("expected UnknownArticle, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn trig_export_keeps_the_graphs() {
    let (_dir, store) = store();
    let trig = export(&store, ExportFormat::TriG, None);
    let parsed: LightDataset = sophia::turtle::parser::trig::TriGParser::new()
        .parse_str(&trig)
        .collect_quads()
        .expect("TriG parses back");
    let nquads = dataset_of(&export(&store, ExportFormat::NQuads, None));
    assert!(isomorphic_datasets(&parsed, &nquads).expect("comparison runs"));
}

#[test]
fn malformed_sparql_is_an_error_not_a_panic() {
    let (_dir, store) = store();
    for bad in [
        "SELECT ?x WHERE { ?x",
        "",
        "SELEKT * {}",
        "SELECT * WHERE { ?s nope:p ?o }",
        "\u{0}\u{ffff}",
    ] {
        match store.query(bad) {
            Err(StoreError::Syntax(e)) => assert!(!e.to_string().is_empty()),
            Err(other) => panic!("{bad:?}: expected a syntax error, got {other}"),
            Ok(_) => panic!("{bad:?} parsed"),
        }
    }
}

#[test]
fn queries_see_the_union_and_know_the_prefixes() {
    let (_dir, store) = store();
    let QueryResults::Solutions(solutions) = store
        .query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim ; hs:stance hs:Denied }")
        .expect("query")
    else {
        panic!("solutions expected");
    };
    let n: Vec<String> = solutions
        .map(|s| {
            s.expect("row")
                .get("n")
                .map(|t| t.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(n, ["\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>"]);

    let results = store
        .query("SELECT ?url WHERE { ?a a hs:Article ; schema:url ?url } ORDER BY ?url")
        .expect("query");
    let csv = write_results(
        results,
        ResultsFormat::Csv,
        ExportFormat::Turtle,
        Vec::new(),
    )
    .expect("CSV");
    assert_eq!(
        String::from_utf8_lossy(&csv),
        format!("url\r\n{LAUNCH_URL}\r\n{SUMMIT_URL}\r\n")
    );

    let results = store
        .query("ASK { ?s hs:sourceKind hs:Anonymous }")
        .expect("query");
    let json = write_results(
        results,
        ResultsFormat::Json,
        ExportFormat::Turtle,
        Vec::new(),
    )
    .expect("JSON");
    assert!(String::from_utf8_lossy(&json).contains("true"));

    let results = store
        .query("CONSTRUCT { ?c hs:denies ?d } WHERE { ?c hs:denies ?d }")
        .expect("query");
    let turtle = write_results(
        results,
        ResultsFormat::Json,
        ExportFormat::Turtle,
        Vec::new(),
    )
    .expect("Turtle");
    let turtle = String::from_utf8_lossy(&turtle).into_owned();
    assert!(turtle.contains("hs:denies"), "{turtle}");
    assert_eq!(graph_of_turtle(&turtle).triples().count(), 1);
}

#[test]
fn claims_of_undated_articles_come_last_as_in_timelines() {
    let (_dir, store) = store();
    let (mut undated, extraction) = corpus().remove(0);
    undated.url = Some("https://example.org/undated".into());
    undated.date = None;
    store
        .ingest(
            article_iri(&undated).as_ref(),
            &article_quads(&undated, &extraction),
        )
        .expect("ingest");
    let all = store.claims(&ClaimFilter::default()).expect("claims");
    let dated: Vec<bool> = all.iter().map(|c| c.date.is_some()).collect();
    assert!(dated.contains(&false) && dated.contains(&true), "{dated:?}");
    assert!(
        dated.windows(2).all(|w| w[0] >= w[1]),
        "every dated claim before every undated one: {dated:?}"
    );
}

#[test]
fn claims_lookup_filters() {
    let (_dir, store) = store();
    let all = store.claims(&ClaimFilter::default()).expect("claims");
    assert_eq!(all.len(), 9);
    let order: Vec<(Option<NaiveDate>, u64)> = all.iter().map(|c| (c.date, c.position)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "sorted by date, then position");

    let first = &all[0];
    assert_eq!(
        first.source_name.as_deref(),
        Some("Korean Central News Agency")
    );
    assert_eq!(
        first.source_text.as_deref(),
        Some("the Korean Central News Agency")
    );
    assert_eq!(first.source_kind, Some(SourceKind::Media));
    assert_eq!(first.cue, "reported");
    assert_eq!(first.stance, Stance::Asserted);
    assert_eq!(first.certainty, Certainty::Certain);
    assert_eq!(first.confidence, Some(1.0));
    let detail = store.claim(&first.id).expect("show").expect("the claim");
    assert_eq!(detail.article_url.as_deref(), Some(LAUNCH_URL));
    assert_eq!(
        detail.article_title.as_deref(),
        Some("North Korea fires missile")
    );
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2023, 9, 11));
    assert_eq!(first.iri, claim_iri(LAUNCH_URL, 0));
    assert!(
        first.iri.ends_with(&first.id) && first.id.ends_with("-0"),
        "{}",
        first.id
    );

    let contents = |filter: ClaimFilter| -> Vec<String> {
        store
            .claims(&filter)
            .expect("claims")
            .into_iter()
            .map(|c| c.content)
            .collect()
    };
    // By source: name, surface text or key, any case.
    assert_eq!(
        contents(ClaimFilter {
            source: Some("KOREAN central".into()),
            ..Default::default()
        }),
        [
            "North Korea fired a ballistic missile on Monday — its third this month",
            "the launch was a routine test",
            "Kim Jong Un met Putin",
        ]
    );
    assert_eq!(
        contents(ClaimFilter {
            source: Some("Analysts".into()),
            ..Default::default()
        }),
        ["Putin would probably appear in public this week"]
    );
    assert_eq!(
        contents(ClaimFilter {
            text: Some("putin".into()),
            stance: Some(Stance::Denied),
            ..Default::default()
        }),
        ["Vladimir Putin was ill"]
    );
    assert_eq!(
        contents(ClaimFilter {
            stance: Some(Stance::Denied),
            ..Default::default()
        }),
        ["the launch was routine", "Vladimir Putin was ill"]
    );
    assert_eq!(
        contents(ClaimFilter {
            min_confidence: Some(0.5),
            until: NaiveDate::from_ymd_opt(2023, 9, 30),
            ..Default::default()
        }),
        [
            "North Korea fired a ballistic missile on Monday — its third this month",
            "the launch was a routine test",
            "the launch was routine",
        ]
    );
    let summit = contents(ClaimFilter {
        since: NaiveDate::from_ymd_opt(2023, 10, 1),
        ..Default::default()
    });
    assert_eq!(summit.len(), 5);
    assert_eq!(summit[4], "", "Yonhap's claim has no content of its own");
    assert_eq!(
        contents(ClaimFilter {
            article: Some(SUMMIT_URL.into()),
            ..Default::default()
        }),
        summit
    );
    // Nothing a user types can break out of the query.
    assert!(contents(ClaimFilter {
        source: Some("\" || true) } } #".into()),
        text: Some("\\\n' } } # nowhere".into()),
        ..Default::default()
    })
    .is_empty());
    assert!(matches!(
        store.claims(&ClaimFilter {
            article: Some("https://example.org/nope".into()),
            ..Default::default()
        }),
        Err(StoreError::UnknownArticle(_))
    ));
    assert!(matches!(
        store.claims(&ClaimFilter {
            min_confidence: Some(f64::NAN),
            ..Default::default()
        }),
        Err(StoreError::InvalidFilter(_))
    ));
}

#[test]
fn sources_lookup_counts_claims_over_articles() {
    let (_dir, store) = store();
    let sources = store.sources().expect("sources");
    assert_eq!(sources.len(), 7);
    let top = &sources[0];
    assert_eq!(
        (top.name.as_str(), top.key.as_str(), top.kind, top.claims),
        (
            "Korean Central News Agency",
            "korean central news agency",
            Some(SourceKind::Media),
            3
        )
    );
    assert!(sources[1..].iter().all(|s| s.claims == 1));
    let names: Vec<&str> = sources[1..].iter().map(|s| s.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "ties by name");
}

#[test]
fn claim_detail_has_sentence_offsets_and_links_both_ways() {
    let (_dir, store) = store();
    let denial_iri = claim_iri(LAUNCH_URL, 2);
    let denial_id = denial_iri.rsplit('/').next().unwrap_or_default().to_owned();
    let detail = store
        .claim(&denial_id)
        .expect("lookup")
        .expect("the denial is there");
    assert_eq!(detail.claim.iri, denial_iri);
    assert_eq!(
        detail.sentence.as_deref(),
        Some("South Korean officials denied the launch was routine.")
    );
    // Code points, not bytes: the em dash earlier in the text is 3 bytes, 1 code point.
    let byte = LAUNCH.find("the launch was routine").unwrap_or_default();
    let start = LAUNCH[..byte].chars().count() as u64;
    assert_ne!(start, byte as u64);
    assert_eq!(
        detail.spans.content,
        Some((start, start + "the launch was routine".len() as u64))
    );
    assert!(detail.spans.source.is_some() && detail.spans.cue.is_some());
    assert_eq!(detail.links.len(), 1);
    let link = &detail.links[0];
    assert_eq!(
        (link.direction, link.kind),
        (LinkDirection::Outgoing, LinkKind::Denies)
    );
    assert_eq!(link.other_iri, claim_iri(LAUNCH_URL, 1));
    assert_eq!(
        link.other_source.as_deref(),
        Some("Korean Central News Agency")
    );
    assert_eq!(
        link.other_content.as_deref(),
        Some("the launch was a routine test")
    );

    // The denied claim sees the link the other way; by IRI this time.
    let denied = store
        .claim(&claim_iri(LAUNCH_URL, 1))
        .expect("lookup")
        .expect("there");
    assert_eq!(denied.links.len(), 1);
    assert_eq!(denied.links[0].direction, LinkDirection::Incoming);
    assert_eq!(denied.links[0].other_id, denial_id);
    assert_eq!(
        denied.links[0].other_source.as_deref(),
        Some("South Korean officials")
    );

    assert!(store.claim("0123456789abcdef-0").expect("lookup").is_none());
    assert!(matches!(
        store.claim("no such thing"),
        Err(StoreError::InvalidReference { .. })
    ));
}

#[test]
fn bulk_ingest_gives_the_same_store_as_transactions() {
    let (_dir, by_transaction) = store();
    let dir = tempfile::tempdir().expect("tempdir");
    let bulk = Store::open(dir.path().join("bulk")).expect("opens");
    let batch = || {
        corpus()
            .into_iter()
            .map(|(a, e)| (article_iri(&a), article_quads(&a, &e)))
    };
    let options = BulkOptions {
        threads: Some(1),
        max_memory_mb: Some(64),
        atomic: true,
    };
    let outcome = bulk.bulk_ingest(batch(), &options).expect("bulk ingest");
    assert_eq!(
        (outcome.articles, outcome.bulk_loaded, outcome.replaced),
        (2, 2, 0)
    );
    assert_eq!(outcome.quads, by_transaction.len().expect("len"));
    let nq = |s: &Store| dataset_of(&export(s, ExportFormat::NQuads, None));
    assert!(isomorphic_datasets(&nq(&bulk), &nq(&by_transaction)).expect("compares"));

    // Again: every article is stored as given already, so nothing is written or doubled.
    let outcome = bulk.bulk_ingest(batch(), &options).expect("bulk re-ingest");
    assert_eq!(
        (
            outcome.articles,
            outcome.bulk_loaded,
            outcome.replaced,
            outcome.unchanged
        ),
        (2, 0, 0, 2)
    );
    assert_eq!(bulk.len().expect("len"), by_transaction.len().expect("len"));
}

#[test]
fn in_memory_store_works_the_same() {
    let store = Store::in_memory().expect("in memory");
    ingest(&store);
    assert_eq!(
        store.claims(&ClaimFilter::default()).expect("claims").len(),
        9
    );
    assert_eq!(
        store
            .find_article(LAUNCH_URL)
            .expect("find")
            .map(|n| n.into_string()),
        Some(article_iri(&corpus().remove(0).0).into_string())
    );
}
