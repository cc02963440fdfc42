//! Every filter of `claims` that narrows the claims through an index (a source known by its
//! key, an article, a stance, a word of the content, a substring of a source) must give the
//! same rows, in the same order, as filtering all claims, on a real on-disk store.

use hearsay::extract::Stance;
use hearsay::graph::source_key;
use hearsay::store::{
    ClaimFilter, ClaimRow, Lookups, PropositionFilter, PropositionRow, SparqlForm, SparqlReader,
    StoreError, TimelineQuery, TimelineRow,
};
use oxigraph::sparql::QuerySolution;

mod store_corpus;
use store_corpus::store;

const WIKINEWS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/wikinews/wikinews_2019.csv"
);

#[test]
fn source_lookup_by_key_matches_the_sparql_rows() {
    let (_dir, store) = store();
    // Every claim, through SPARQL, in the documented order.
    let all = store.claims(&ClaimFilter::default()).expect("all claims");
    let sources = store.sources().expect("sources");
    assert!(sources.len() > 3, "the corpus quotes several sources");
    let mut checked = 0;
    for source in sources.iter().filter(|s| !s.key.is_empty()) {
        assert_eq!(source_key(&source.key), source.key, "keys are normalized");
        let rows = store
            .claims(&ClaimFilter {
                source: Some(source.key.to_uppercase()),
                ..Default::default()
            })
            .expect("claims by source");
        assert_eq!(rows.len(), source.claims, "claims of {}", source.key);
        // The same rows as SPARQL's, in SPARQL's order: a subsequence of `all`.
        let mut rest = all.iter();
        for row in &rows {
            assert!(
                rest.any(|r| r == row),
                "{} is not among the SPARQL rows, or out of order",
                row.id
            );
        }
        // Filters apply on this path too.
        let denied = store
            .claims(&ClaimFilter {
                source: Some(source.key.clone()),
                stance: Some(Stance::Denied),
                ..Default::default()
            })
            .expect("claims by source and stance");
        let expected: Vec<&ClaimRow> = rows.iter().filter(|r| r.stance == Stance::Denied).collect();
        assert_eq!(denied.iter().collect::<Vec<_>>(), expected);
        checked += rows.len();
    }
    assert!(checked > 5, "some claims were checked: {checked}");
}

/// A store of the first `n` Wikinews articles, with their propositions, in a temp dir.
fn wikinews_store(n: usize) -> (tempfile::TempDir, hearsay::store::Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = hearsay::store::Store::open(dir.path().join("store")).expect("a new store");
    for article in hearsay::article::read_inputs(&[WIKINEWS.into()])
        .take(n)
        .map(|a| a.expect("a wikinews row"))
    {
        let extraction = hearsay::extract::extract(&article.text);
        let quads = hearsay::graph::article_quads(&article, &extraction);
        store
            .ingest(hearsay::graph::article_iri(&article).as_ref(), &quads)
            .expect("ingest");
    }
    store.refresh_propositions().expect("propositions");
    (dir, store)
}

/// The rows of `filter`, and all rows kept by `keep`, in order.
fn same_rows(
    store: &hearsay::store::Store,
    all: &[ClaimRow],
    filter: ClaimFilter,
    keep: impl Fn(&ClaimRow) -> bool,
) -> usize {
    let rows = store.claims(&filter).expect("claims");
    let expected: Vec<&ClaimRow> = all.iter().filter(|r| keep(r)).collect();
    assert_eq!(rows.iter().collect::<Vec<_>>(), expected, "{filter:?}");
    rows.len()
}

#[test]
fn every_narrowing_gives_the_rows_of_filtering_all_claims() {
    let (_dir, store) = store();
    let all = store.claims(&ClaimFilter::default()).expect("all claims");
    assert!(all.len() > 5, "the corpus has claims: {}", all.len());
    let first_article = all[all.len() / 2].article_iri.clone();
    // A word of one claim, which others may share.
    let word = all[0]
        .content
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.len() >= 5)
        .expect("a claim with a word of five letters")
        .to_lowercase();
    let has_word = |r: &ClaimRow| holds_word(&r.content, &word);

    let mut found = 0;
    for stance in [Stance::Asserted, Stance::Denied, Stance::Unconfirmed] {
        found += same_rows(
            &store,
            &all,
            ClaimFilter {
                stance: Some(stance),
                ..Default::default()
            },
            |r| r.stance == stance,
        );
    }
    assert_eq!(found, all.len(), "every claim has one stance");
    let in_article = same_rows(
        &store,
        &all,
        ClaimFilter {
            article: Some(first_article.clone()),
            ..Default::default()
        },
        |r| r.article_iri == first_article,
    );
    assert!(in_article > 0);
    // A word of the content narrows alone; after an article or a stance it filters.
    same_rows(
        &store,
        &all,
        ClaimFilter {
            text: Some(word.to_uppercase()),
            ..Default::default()
        },
        has_word,
    );
    same_rows(
        &store,
        &all,
        ClaimFilter {
            text: Some(word.clone()),
            article: Some(first_article.clone()),
            stance: Some(Stance::Asserted),
            ..Default::default()
        },
        |r| has_word(r) && r.article_iri == first_article && r.stance == Stance::Asserted,
    );
    // A substring of no key: matched in names and in sources as written.
    let officials = same_rows(
        &store,
        &all,
        ClaimFilter {
            source: Some("OFFICIAL".into()),
            ..Default::default()
        },
        |r| {
            [&r.source_name, &r.source_text]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains("official"))
        },
    );
    assert!(officials > 0, "the corpus quotes officials");
}

/// Lookups read rows in chunks, on every core: a store with many more claims than a chunk
/// gives the same rows, in the same order, by any narrowing as by filtering all claims.
#[test]
fn lookups_over_many_claims_match_filtering_all_claims() {
    let (_dir, store) = wikinews_store(60);
    let all = store.claims(&ClaimFilter::default()).expect("all claims");
    assert!(all.len() > 200, "many claims: {}", all.len());
    let mut ordered = all.clone();
    ordered.sort_by(|a, b| {
        (a.date.is_none(), a.date, &a.article_iri, a.position).cmp(&(
            b.date.is_none(),
            b.date,
            &b.article_iri,
            b.position,
        ))
    });
    assert_eq!(ordered, all, "by date (undated last), article and position");
    let said = same_rows(
        &store,
        &all,
        ClaimFilter {
            text: Some("the".into()),
            ..Default::default()
        },
        |r| holds_word(&r.content, "the"),
    );
    assert!(said > 100, "a common word narrows to many claims: {said}");
    // The first few, from the index's order alone, are the first rows.
    for (text, n) in [("the", 7), ("the", 1000), ("said", 3), ("\"the\" gov*", 5)] {
        let filter = ClaimFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        let every = store.claims(&filter).expect("claims");
        let first = store.first_claims(&filter, n).expect("first claims");
        assert_eq!(first, every[..n.min(every.len())], "{text} {n}");
    }
    same_rows(
        &store,
        &all,
        ClaimFilter {
            stance: Some(Stance::Asserted),
            ..Default::default()
        },
        |r| r.stance == Stance::Asserted,
    );
}

/// The store's lookups without its text index, as a SPARQL server answers them: names and
/// contents read in SPARQL.
struct WithoutIndex<'a>(&'a hearsay::store::Store);

impl SparqlReader for WithoutIndex<'_> {
    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, StoreError> {
        SparqlReader::select(self.0, sparql)
    }

    fn form(&self) -> SparqlForm {
        SparqlForm::Lateral
    }
}

impl Lookups for WithoutIndex<'_> {}

/// A part of a name finds, through the index of sources, the claims that reading every name
/// finds: names spelled in other articles than the claim's included; and words find what
/// REGEX finds.
#[test]
fn the_text_index_finds_what_sparql_finds() {
    let (_dir, store) = wikinews_store(60);
    let plain = WithoutIndex(&store);
    let mut parts: Vec<String> = store
        .sources()
        .expect("sources")
        .iter()
        .flat_map(|s| {
            s.name
                .split_whitespace()
                .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
                .map(|w| w[1..w.len() - 1].to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect();
    parts.sort();
    parts.dedup();
    assert!(parts.len() > 20, "parts of names: {}", parts.len());
    let mut parts: Vec<String> = parts.iter().step_by(parts.len() / 20).cloned().collect();
    // Parts across two words ("tom v"), too short for a trigram, and in other cases.
    let names: Vec<String> = store
        .sources()
        .expect("sources")
        .into_iter()
        .map(|s| s.name)
        .filter(|n| n.contains(' '))
        .take(5)
        .collect();
    for name in &names {
        let (first, rest) = name.split_once(' ').expect("two words");
        let initial: String = rest.chars().take(1).collect();
        parts.push(format!("{first} {initial}").to_uppercase());
        parts.push(first.chars().take(2).collect());
    }
    parts.push("u".into());
    let mut found = 0;
    for part in &parts {
        let filter = ClaimFilter {
            source: Some(part.clone()),
            ..Default::default()
        };
        let rows = store.claims(&filter).expect("by the index");
        assert_eq!(rows, plain.claims(&filter).expect("by SPARQL"), "{part}");
        let query = TimelineQuery {
            source: Some(part.clone()),
            ..Default::default()
        };
        assert_eq!(
            store.timeline(&query).expect("by the index"),
            plain.timeline(&query).expect("by SPARQL"),
            "{part}"
        );
        found += rows.len();
    }
    assert!(found > 20, "claims found: {found}");
    for text in [
        "the",
        "\"the government\"",
        "gov*",
        "said that",
        "minist* of",
    ] {
        let filter = ClaimFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        assert_eq!(
            store.claims(&filter).expect("by the index"),
            plain.claims(&filter).expect("by REGEX"),
            "{text}"
        );
    }
}

/// Timelines narrow the same way: by proposition, source or text, the rows of the whole
/// timeline that match, in its order (dated claims by date, undated last).
#[test]
fn timelines_narrowed_match_the_whole_timeline() {
    let (_dir, store) = wikinews_store(60);
    let all = store
        .timeline(&TimelineQuery::default())
        .expect("whole timeline");
    assert!(all.len() > 200, "many claims: {}", all.len());
    let dated: Vec<_> = all.iter().map(|r| (r.date.is_none(), r.date)).collect();
    assert!(
        dated.windows(2).all(|w| w[0] <= w[1]),
        "dated by date, undated last"
    );
    let same = |query: TimelineQuery, keep: &dyn Fn(&TimelineRow) -> bool| {
        let rows = store.timeline(&query).expect("timeline");
        let expected: Vec<&TimelineRow> = all.iter().filter(|r| keep(r)).collect();
        assert_eq!(rows.iter().collect::<Vec<_>>(), expected, "{query:?}");
        rows.len()
    };
    let proposition = all
        .iter()
        .find_map(|r| r.proposition_id.clone())
        .expect("a claim in a proposition");
    let in_proposition = same(
        TimelineQuery {
            proposition: Some(proposition.clone()),
            ..Default::default()
        },
        &|r| r.proposition_id.as_deref() == Some(proposition.as_str()),
    );
    assert!(in_proposition > 0);
    let texts = same(
        TimelineQuery {
            text: Some("The".into()),
            ..Default::default()
        },
        &|r| holds_word(&r.content, "the"),
    );
    assert!(texts > 100, "a common word: {texts}");
    // A source as written ("it", "officials") or by a name it goes by.
    let officials = same(
        TimelineQuery {
            source: Some("Official".into()),
            ..Default::default()
        },
        &|r| {
            [&r.source, &r.source_text]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains("official"))
        },
    );
    assert!(officials > 0);
}

/// Propositions narrowed to the contested ones or by a word of their label (the patterns
/// then read per proposition) count the same as over every proposition.
#[test]
fn propositions_narrowed_match_filtering_all_propositions() {
    // Up to the Marrero ruling (article 137), the one real contest of Wikinews 2019.
    let (_dir, store) = wikinews_store(137);
    let all = store
        .propositions(&PropositionFilter::default())
        .expect("all propositions");
    assert!(all.len() > 100, "many propositions: {}", all.len());
    let same = |filter: PropositionFilter, keep: &dyn Fn(&PropositionRow) -> bool| {
        let rows = store.propositions(&filter).expect("propositions");
        let expected: Vec<&PropositionRow> = all.iter().filter(|r| keep(r)).collect();
        assert_eq!(rows.iter().collect::<Vec<_>>(), expected, "{filter:?}");
        rows.len()
    };
    let contested = |r: &PropositionRow| r.is_contested();
    let disputed = same(
        PropositionFilter {
            contested: true,
            ..Default::default()
        },
        &contested,
    );
    assert!(disputed > 0, "the articles contest something");
    // The refresh marks exactly those: no more (the lookup's counts would hide them, but not
    // the query files), no fewer.
    let marked = |store: &hearsay::store::Store| -> std::collections::BTreeSet<String> {
        let sparql = "SELECT ?p WHERE { GRAPH <https://w3id.org/hearsay/id/graph/propositions> \
                      { ?p hs:contested true } }";
        let Ok(oxigraph::sparql::QueryResults::Solutions(rows)) = store.query(sparql) else {
            panic!("the query runs");
        };
        rows.map(|row| match row.expect("a row").get("p") {
            Some(oxigraph::model::Term::NamedNode(p)) => p.as_str().to_owned(),
            other => panic!("not a proposition: {other:?}"),
        })
        .collect()
    };
    let truly: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|r| contested(r))
        .map(|r| r.iri.clone())
        .collect();
    assert_eq!(marked(&store), truly);
    let worded = same(
        PropositionFilter {
            text: Some("The".into()),
            ..Default::default()
        },
        &|r| r.label.to_lowercase().contains("the"),
    );
    assert!(worded > 50, "a common word: {worded}");
    same(
        PropositionFilter {
            contested: true,
            text: Some("said".into()),
            min_claims: Some(2),
            ..Default::default()
        },
        &|r| contested(r) && r.label.to_lowercase().contains("said") && r.claims >= 2,
    );
    // A store from before the flags gets them when a writer opens it.
    let flags: Vec<oxigraph::model::Quad> = store
        .oxigraph()
        .quads_for_pattern(
            None,
            None,
            Some(oxigraph::model::Literal::from(true).as_ref().into()),
            None,
        )
        .map(|quad| quad.expect("a quad"))
        .filter(|quad| {
            ["contested", "marksContested"]
                .iter()
                .any(|name| quad.predicate.as_str().ends_with(&format!("#{name}")))
        })
        .collect();
    assert_eq!(
        flags.len(),
        truly.len() + 1,
        "the flags and the graph's mark"
    );
    for quad in &flags {
        store.oxigraph().remove(quad).expect("removed");
    }
    assert!(marked(&store).is_empty());
    // Found from their denials meanwhile.
    let before_flags = store
        .propositions(&PropositionFilter {
            contested: true,
            ..Default::default()
        })
        .expect("contested without flags");
    assert_eq!(before_flags.len(), disputed);
    drop(store);
    let store = hearsay::store::Store::open(_dir.path().join("store")).expect("reopened");
    assert_eq!(marked(&store), truly);
}

/// Whether `content` holds `word` as a word (runs of letters and digits, case aside): what
/// `--text` matches through the text index.
fn holds_word(content: &str, word: &str) -> bool {
    content
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.to_lowercase() == word)
}

/// The rows the text index holds are the rows the store gives; a claim with two values of a
/// property its row reads has none there, and its row is read from the store.
#[test]
fn rows_from_the_text_index_are_the_stores_rows() {
    let (_dir, store) = wikinews_store(20);
    let plain = WithoutIndex(&store);
    let all = plain.claims(&ClaimFilter::default()).expect("all claims");
    let hits = SparqlReader::claims_with_words(&store, "the")
        .expect("a search")
        .expect("an index");
    assert!(hits.len() > 20, "hits: {}", hits.len());
    for hit in &hits {
        let row = hit.row.as_ref().expect("a row in the index");
        let stored = all.iter().find(|r| r.iri == hit.claim.as_str());
        assert_eq!(Some(row), stored, "{}", hit.claim);
    }
    // A second cue for one claim, written into its article's graph.
    let claim = hits[0].claim.clone();
    let graph = hits[0].graph.clone();
    let mut quads: Vec<oxigraph::model::Quad> = store
        .query(&format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        ))
        .map(|results| match results {
            oxigraph::sparql::QueryResults::Graph(triples) => triples
                .map(|t| t.expect("a triple").in_graph(graph.clone()))
                .collect(),
            _ => Vec::new(),
        })
        .expect("the article's quads");
    quads.push(oxigraph::model::Quad::new(
        claim.clone(),
        hearsay::graph::vocab::hs::CUE,
        oxigraph::model::Literal::new_simple_literal("also said"),
        graph.clone(),
    ));
    store.ingest(graph.as_ref(), &quads).expect("ingest");
    let hits = SparqlReader::claims_with_words(&store, "the")
        .expect("a search")
        .expect("an index");
    let hit = hits.iter().find(|h| h.claim == claim).expect("still found");
    assert!(hit.row.is_none(), "two cues: no row in the index");
    let filter = ClaimFilter {
        text: Some("the".into()),
        ..Default::default()
    };
    assert_eq!(
        store.claims(&filter).expect("by the index"),
        plain.claims(&filter).expect("by SPARQL")
    );
}

/// A read-only store keeps the contested propositions; asking for them with at most two
/// claims each (as `hearsay propositions --contested` does) gives the same rows.
#[test]
fn contested_propositions_with_two_claims_are_the_contested_ones() {
    let (dir, store) = wikinews_store(137);
    store.flush().expect("flush");
    let contested = PropositionFilter {
        contested: true,
        ..Default::default()
    };
    let expected = store.propositions(&contested).expect("contested");
    assert!(!expected.is_empty(), "the articles contest something");
    let reader =
        hearsay::store::Store::open_read_only(dir.path().join("store")).expect("read-only");
    for min_claims in [None, Some(0), Some(1), Some(2)] {
        let filter = PropositionFilter {
            min_claims,
            ..contested.clone()
        };
        assert_eq!(reader.propositions(&filter).expect("kept"), expected);
        assert_eq!(store.propositions(&filter).expect("counted"), expected);
    }
}
