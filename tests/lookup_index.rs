//! `claims --source` read through the indexes (a source known by its key) must give the same
//! rows, in the same order, as the SPARQL path gives for all claims, on a real on-disk store.

use hearsay::extract::Stance;
use hearsay::graph::source_key;
use hearsay::store::{ClaimFilter, ClaimRow};

mod store_corpus;
use store_corpus::store;

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
