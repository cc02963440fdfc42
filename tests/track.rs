//! Tracking across articles on a real on-disk store: the port story of data/ (announcement,
//! denial, wire reprint under two publishers, confirmation) and the unrelated strike story,
//! ingested the way `hearsay ingest` does; the expected outcomes are those of data/README.md.
//! Also the tracking queries of queries/, and the whole Wikinews 2019 corpus, read in place.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{data, ingest_paths as ingest, snapshot, temp_store};
use hearsay::article::read_inputs;
use hearsay::extract::{extract, Link, LinkKind};
use hearsay::graph::article_iri;
use hearsay::store::{
    BackingRow, BulkOptions, Lookups, PropositionFilter, Store, TimelineQuery, PROPOSITIONS_GRAPH,
};
use hearsay::track::{article_names, proposition_confidence, tracked_quads, Backing};
use hearsay::{SourceKind, Stance};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

const PORT: &[&str] = &[
    "2026-03-02-us-says-valdoria-port-lease.txt",
    "2026-03-03-valdoria-denies-port-deal.txt",
    "2026-03-04-lease-signed-report-example-wire.txt",
    "2026-03-04-lease-signed-report-meridian-post.txt",
    "2026-03-09-valdoria-confirms-port-lease.txt",
];
const STRIKE: &[&str] = &[
    "2026-03-03-bluefjord-pilots-strike.txt",
    "2026-03-05-bluefjord-talks-resume.txt",
    "2026-03-06-bluefjord-strike-called-off.txt",
];

fn story_store() -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    let mut all = PORT.to_vec();
    all.extend_from_slice(STRIKE);
    assert_eq!(ingest(&store, &data(&all)), 8);
    (dir, store)
}

fn rows(store: &Store, sparql: &str) -> Vec<BTreeMap<String, String>> {
    let QueryResults::Solutions(solutions) = store.query(sparql).expect("query runs") else {
        panic!("a SELECT query");
    };
    solutions
        .map(|s| {
            let s = s.expect("solution");
            s.iter()
                .map(|(v, t)| {
                    let value = match t {
                        Term::Literal(l) => l.value().to_owned(),
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        other => other.to_string(),
                    };
                    (v.as_str().to_owned(), value)
                })
                .collect()
        })
        .collect()
}

fn query_file(store: &Store, name: &str) -> Vec<BTreeMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries")
        .join(name);
    let sparql = std::fs::read_to_string(&path).expect("query file");
    assert!(
        sparql.starts_with("# ") && sparql.contains(&format!("hearsay query queries/{name}")),
        "{name} opens with a comment saying how to run it"
    );
    rows(store, &sparql)
}

#[test]
fn aliases_meet_in_one_source_and_generic_sources_stay_apart() {
    let (_dir, store) = story_store();
    let sources = query_file(&store, "sources-aliases.rq");
    let by_key = |key: &str| {
        sources
            .iter()
            .find(|r| r.get("key").map(String::as_str) == Some(key))
            .unwrap_or_else(|| panic!("no source {key}: {sources:#?}"))
            .clone()
    };
    let us = by_key("us officials");
    // ("US officials said" on March 4 comes out of extraction as "officials": the
    // extractor's miss, reported; demonym and dotted forms meet here.)
    for alias in ["American officials", "U.S. officials"] {
        assert!(us["aliases"].contains(alias), "{alias} in {us:?}");
    }
    // Keys fold diacritics; the label keeps them.
    let ferrer = by_key("lucia ferrer");
    assert!(ferrer["aliases"].contains("Ferrer"), "{ferrer:?}");
    assert!(
        ferrer
            .get("roles")
            .is_some_and(|r| r.contains("Transport Minister")),
        "{ferrer:?}"
    );
    let vna = by_key("valdorian news agency");
    assert!(vna["aliases"].contains("VNA"), "{vna:?}");
    let reyes = by_key("ana reyes");
    assert!(reyes["aliases"].contains("Reyes"), "{reyes:?}");
    let sokol = by_key("elena sokol");
    let field =
        |row: &BTreeMap<String, String>, name: &str| row.get(name).cloned().unwrap_or_default();
    assert!(
        field(&sokol, "affiliations").contains("Atlantic Shipping Institute")
            || field(&sokol, "roles").contains("Atlantic Shipping Institute"),
        "{sokol:?}"
    );
    for name in [
        "bluefjord pilots association",
        "civil aviation directorate",
        "henrik dahl",
    ] {
        let s = by_key(name);
        assert!(s["articles"].parse::<usize>().unwrap_or(0) >= 2, "{s:?}");
    }
    // "analysts" in the port story and in the strike story: two sources.
    let analysts: BTreeSet<&String> = sources
        .iter()
        .filter(|r| r["key"].starts_with("analysts @"))
        .map(|r| &r["key"])
        .collect();
    assert!(analysts.len() >= 2, "{analysts:?}");
    // The timeline finds a source under any of its names.
    let by_surname = store
        .timeline(&TimelineQuery {
            source: Some("Ferrer".into()),
            ..TimelineQuery::default()
        })
        .expect("timeline");
    assert!(by_surname.len() >= 4, "{by_surname:#?}");
    assert!(by_surname.windows(2).all(|w| w[0].date <= w[1].date));
}

#[test]
fn the_story_gives_corroborated_contested_and_one_origin_for_a_reprint() {
    let (_dir, store) = story_store();
    let all = store
        .propositions(&PropositionFilter::default())
        .expect("propositions");
    let find = |needle: &str| {
        all.iter()
            .find(|p| p.label.contains(needle))
            .unwrap_or_else(|| panic!("no proposition with {needle:?}"))
    };
    // Reported on March 4, confirmed by the minister on March 9: two independent origins.
    let signed = find("Valdoria signed a 40-year lease");
    assert!(signed.asserting >= 2, "{signed:?}");
    assert_eq!(signed.denying, 0, "{signed:?}");
    assert_eq!(
        signed.first_seen.map(|d| d.to_string()).as_deref(),
        Some("2026-03-04")
    );

    // The wire reprint: its claims are in two articles, but every origin counts once.
    let ceremony = find("closed ceremony");
    assert_eq!(ceremony.articles, 2, "{ceremony:?}");
    assert!(ceremony.claims >= 4, "{ceremony:?}");
    assert_eq!(
        ceremony.asserting,
        ceremony.claims / 2 - 1,
        "reprints count once, and the relayed claim counts for its origin: {ceremony:?}"
    );

    // U.S. officials say the berth could serve Drovnian naval vessels; Reyes "denied such
    // claims": contested, with both sides.
    let contested = store
        .propositions(&PropositionFilter {
            contested: true,
            ..PropositionFilter::default()
        })
        .expect("contested");
    let berth = contested
        .iter()
        .find(|p| {
            p.label
                .contains("refuel and resupply Drovnian naval vessels")
        })
        .unwrap_or_else(|| panic!("{contested:#?}"));
    assert!(berth.asserting >= 1 && berth.denying >= 1, "{berth:?}");
    let timeline = store
        .timeline(&TimelineQuery {
            proposition: Some(berth.id.clone()),
            ..TimelineQuery::default()
        })
        .expect("timeline");
    assert!(timeline
        .iter()
        .any(|r| r.source.as_deref() == Some("Ana Reyes")
            && r.proposition_stance == Some(hearsay::Stance::Denied)));
    assert!(timeline.iter().any(
        |r| r.source.as_deref().is_some_and(|s| s.contains("officials"))
            && r.proposition_stance == Some(hearsay::Stance::Asserted)
    ));

    // U.S. officials say a planned lease could serve the Drovnian navy; the foreign ministry
    // "denied that it had agreed to let Drovnian warships use Puerto Marín, a day after U.S.
    // officials said a planned lease …": its denial holds the officials' claim and answers
    // it (it does not relay it), so that claim is contested, and the denial's origin is the
    // ministry. (The officials' earlier "Valdoria has agreed to lease a berth" is another
    // statement, which the transport minister later confirms.)
    let lease = contested
        .iter()
        .find(|p| p.label.starts_with("a planned lease of a deep-water berth"))
        .unwrap_or_else(|| panic!("{contested:#?}"));
    let timeline = store
        .timeline(&TimelineQuery {
            proposition: Some(lease.id.clone()),
            ..TimelineQuery::default()
        })
        .expect("timeline");
    let denial = timeline
        .iter()
        .find(|r| r.proposition_stance == Some(hearsay::Stance::Denied))
        .unwrap_or_else(|| panic!("{timeline:#?}"));
    assert!(
        denial
            .content
            .contains("had agreed to let Drovnian warships"),
        "{denial:?}"
    );
    // No origin apart from its source: the ministry speaks for itself.
    assert!(
        denial.origin.is_none()
            && denial
                .source
                .as_deref()
                .is_some_and(|s| s.contains("foreign ministry")),
        "{denial:?}"
    );

    // Confidence: the corroborated proposition above the contested one.
    assert!(signed.confidence > berth.confidence, "{signed:?} {berth:?}");

    // The strike story never meets the port story.
    let port: BTreeSet<String> = data(PORT)
        .iter()
        .flat_map(|p| read_inputs(std::slice::from_ref(p)))
        .map(|a| article_iri(&a.expect("article")).as_str().to_owned())
        .collect();
    for p in &all {
        let articles: BTreeSet<String> = store
            .timeline(&TimelineQuery {
                proposition: Some(p.id.clone()),
                ..TimelineQuery::default()
            })
            .expect("timeline")
            .into_iter()
            .map(|r| r.article_iri)
            .collect();
        let in_port = articles.iter().filter(|a| port.contains(*a)).count();
        assert!(
            in_port == 0 || in_port == articles.len(),
            "{p:?} mixes the stories"
        );
    }
}

#[test]
fn reingesting_changes_nothing_and_ingesting_more_keeps_it_current() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("a")).expect("store");
    ingest(&store, &data(PORT));
    let port_only = snapshot(&store, Some(PROPOSITIONS_GRAPH.into()));
    ingest(&store, &data(STRIKE));
    let before = snapshot(&store, None);
    // Again, in another order: nothing changes.
    let mut again = data(STRIKE);
    again.extend(data(PORT));
    ingest(&store, &again);
    assert_eq!(
        snapshot(&store, None),
        before,
        "re-ingest changed the store"
    );

    // All at once in a fresh store: the same propositions as in two steps.
    let fresh = Store::open(dir.path().join("b")).expect("store");
    let mut all = data(PORT);
    all.extend(data(STRIKE));
    ingest(&fresh, &all);
    assert_eq!(
        snapshot(&fresh, Some(PROPOSITIONS_GRAPH.into())),
        snapshot(&store, Some(PROPOSITIONS_GRAPH.into()))
    );
    assert!(snapshot(&store, Some(PROPOSITIONS_GRAPH.into())).len() > port_only.len());
    assert_eq!(
        store.article_count().expect("count"),
        8,
        "the propositions graph is no article"
    );

    // A bulk load that brings the propositions with it, into a store that has some of the
    // articles already, agrees too.
    let bulk = Store::open(dir.path().join("c")).expect("store");
    ingest(&bulk, &data(STRIKE));
    let mut known = bulk.known_names().expect("known names");
    let items: Vec<_> = read_inputs(&data(PORT))
        .map(|a| a.expect("article reads"))
        .map(|a| {
            let e = extract(&a.text);
            known.merge(&article_names(&a, &e));
            (a, e)
        })
        .collect();
    let graphs: Vec<_> = items
        .iter()
        .map(|(a, e)| (article_iri(a), tracked_quads(a, e, &known)))
        .collect();
    let (_, refreshed) = bulk
        .bulk_ingest_tracked(graphs, &BulkOptions::default())
        .expect("bulk ingest");
    assert!(refreshed.propositions > 0);
    assert_eq!(
        snapshot(&bulk, Some(PROPOSITIONS_GRAPH.into())),
        snapshot(&store, Some(PROPOSITIONS_GRAPH.into()))
    );

    // A refresh that reads every claim back from the store agrees with the run's.
    let current = snapshot(&store, Some(PROPOSITIONS_GRAPH.into()));
    store.refresh_propositions().expect("refresh");
    assert_eq!(snapshot(&store, Some(PROPOSITIONS_GRAPH.into())), current);

    // Without the strike articles, the propositions are those of the port story alone:
    // nodes of removed claims go, and changed nodes are rewritten.
    for article in data(STRIKE) {
        let article = read_inputs(&[article])
            .next()
            .expect("one article")
            .expect("it reads");
        assert!(store
            .remove_article(article_iri(&article).as_ref())
            .expect("removes"));
    }
    store.refresh_propositions().expect("refresh");
    assert_eq!(snapshot(&store, Some(PROPOSITIONS_GRAPH.into())), port_only);
}

#[test]
fn tracking_queries_give_the_story() {
    let (_dir, store) = story_store();
    let corroborated = query_file(&store, "propositions-corroborated.rq");
    assert!(corroborated
        .iter()
        .any(|r| r["label"].contains("Valdoria signed a 40-year lease")));
    assert!(corroborated
        .iter()
        .all(|r| r["origins"].parse::<usize>().unwrap_or(0) >= 2));

    let contested = query_file(&store, "propositions-contested.rq");
    let sides: BTreeSet<&str> = contested
        .iter()
        .filter(|r| r["label"].contains("refuel and resupply Drovnian naval vessels"))
        .map(|r| r["side"].as_str())
        .collect();
    assert_eq!(
        sides,
        BTreeSet::from(["asserts", "denies"]),
        "{contested:#?}"
    );

    let timeline = query_file(&store, "proposition-timeline.rq");
    assert!(!timeline.is_empty());
    for pair in timeline.windows(2) {
        if pair[0]["proposition"] == pair[1]["proposition"] {
            assert!(pair[0].get("date") <= pair[1].get("date"), "{pair:?}");
        }
    }

    let relayed = query_file(&store, "relayed-claims.rq");
    let herald = relayed
        .iter()
        .find(|r| {
            r.get("relayName")
                .is_some_and(|n| n.contains("Serrano Herald"))
        })
        .unwrap_or_else(|| panic!("{relayed:#?}"));
    assert!(herald["originName"].contains("officials"), "{herald:?}");
}

/// The whole Wikinews 2019 corpus, read in place: propositions with two or more independent
/// origins exist, and rebuilding is deterministic.
#[test]
fn wikinews_propositions() {
    let csv = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/wikinews/wikinews_2019.csv"
    ));
    let (_dir, store) = temp_store();
    let articles = ingest(&store, &[csv]);
    assert!(articles > 100, "{articles} articles");
    let before = snapshot(&store, Some(PROPOSITIONS_GRAPH.into()));
    let corroborated = store
        .propositions(&PropositionFilter {
            min_origins: Some(2),
            ..PropositionFilter::default()
        })
        .expect("propositions");
    eprintln!(
        "wikinews: {articles} articles, {} propositions with ≥2 independent origins",
        corroborated.len()
    );
    for p in corroborated.iter().take(10) {
        eprintln!("  {p:?}");
    }
    assert!(!corroborated.is_empty());
    store.refresh_propositions().expect("refresh");
    assert_eq!(snapshot(&store, Some(PROPOSITIONS_GRAPH.into())), before);
}

/// A relayed claim weighs in its proposition's confidence by the kind of the source it cites
/// (its origin), not by the relay's: the Daily Post passing on what Ana Diaz said counts as
/// Ana Diaz, a person. The relay link is set by hand, so the case does not hang on how the
/// extractor reads the sentences; the store's stored confidence and the terms the web page
/// shows (`Store::backing`) agree.
#[test]
fn a_relayed_claim_weighs_by_its_origins_kind() {
    let article = common::article(
        "relay-kind",
        1,
        "The Daily Post reported that the harbour tunnel will close in June for repairs. \
         Ana Diaz said it.",
    );
    let mut extraction = extract(&article.text);
    let found: Vec<(&str, SourceKind)> = extraction
        .attributions
        .iter()
        .map(|a| (a.source_name.as_str(), a.source_kind))
        .collect();
    assert_eq!(
        found,
        [
            ("Daily Post", SourceKind::Media),
            ("Ana Diaz", SourceKind::Person)
        ]
    );
    extraction.links = vec![Link {
        from: 0,
        kind: LinkKind::Relays,
        to: 1,
    }];
    let (_dir, store) = temp_store();
    common::ingest_extracted(&store, &[(&article, extraction.clone())]);
    let rows = store
        .propositions(&PropositionFilter {
            text: Some("harbour tunnel".into()),
            ..PropositionFilter::default()
        })
        .expect("propositions");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let weigh = |kind| {
        proposition_confidence(&[Backing {
            origin: "ana-diaz",
            stance: Stance::Asserted,
            certainty: extraction.attributions[0].certainty,
            kind: Some(kind),
        }])
    };
    assert_ne!(weigh(SourceKind::Person), weigh(SourceKind::Media));
    assert_eq!(rows[0].confidence, Some(weigh(SourceKind::Person)));
    let backing = store.backing(&rows[0].id).expect("backing");
    let terms: Vec<Backing<'_>> = backing.iter().map(BackingRow::as_backing).collect();
    assert!(
        backing.iter().all(|b| b.kind == Some(SourceKind::Person)),
        "{backing:?}"
    );
    assert_eq!(proposition_confidence(&terms), weigh(SourceKind::Person));
}
