//! Runs every query of `queries/` against a real on-disk store holding two hand-made
//! articles (graphs built by `hearsay::graph::article_quads`) and checks the rows.

use std::path::Path;

use hearsay::store::Store;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

mod store_corpus;
use store_corpus::{claim_iri, store};

/// Runs `queries/{name}` and returns its rows, each value as plain text ("" when unbound).
fn run(store: &Store, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries")
        .join(name);
    let sparql = std::fs::read_to_string(&path).expect("the query file");
    assert!(
        sparql.starts_with("# ") && sparql.contains(&format!("hearsay query queries/{name}")),
        "{name} opens with a comment saying how to run it"
    );
    let QueryResults::Solutions(solutions) = store.query(&sparql).expect("the query runs") else {
        panic!("{name} is a SELECT query");
    };
    let variables: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let rows = solutions
        .map(|solution| {
            let solution = solution.expect("a solution");
            variables
                .iter()
                .map(|v| match solution.get(v.as_str()) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect();
    (variables, rows)
}

/// The values of some columns of `rows`.
fn columns(result: &(Vec<String>, Vec<Vec<String>>), wanted: &[&str]) -> Vec<Vec<String>> {
    let (variables, rows) = result;
    let index: Vec<usize> = wanted
        .iter()
        .map(|w| {
            variables
                .iter()
                .position(|v| v == w)
                .unwrap_or_else(|| panic!("no column {w} in {variables:?}"))
        })
        .collect();
    rows.iter()
        .map(|row| index.iter().map(|&i| row[i].clone()).collect())
        .collect()
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|row| row.iter().map(|s| (*s).to_owned()).collect())
        .collect()
}

/// Every `queries/*.rq` is run by a test: here, or (for the cross-article queries) in
/// another file of `tests/` that names it.
#[test]
fn every_query_file_is_exercised_by_a_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = |dir: &str, extension: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .expect("the directory")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(extension))
            .collect();
        names.sort();
        names
    };
    let tests: Vec<String> = names("tests", ".rs")
        .iter()
        .map(|n| std::fs::read_to_string(root.join("tests").join(n)).expect("a test file"))
        .collect();
    let queries = names("queries", ".rq");
    for name in &queries {
        let quoted = format!("\"{name}\"");
        assert!(
            tests.iter().any(|t| t.contains(&quoted)),
            "no test runs queries/{name}"
        );
    }
    let this = include_str!("queries.rs");
    for mine in [
        "claims-by-source.rq",
        "denials.rq",
        "anonymous-only.rq",
        "hedged.rq",
        "sources-by-kind.rq",
        "mentions.rq",
        "articles.rq",
    ] {
        assert!(queries.iter().any(|q| q == mine), "{mine} is missing");
        assert!(
            this.contains(&format!("run(&store, \"{mine}\")")),
            "{mine} has no test here"
        );
    }
}

#[test]
fn claims_by_source_matches_name_key_or_surface() {
    let (_dir, store) = store();
    let result = run(&store, "claims-by-source.rq");
    assert_eq!(
        columns(&result, &["date", "source", "cue", "content", "stance"]),
        rows(&[
            &[
                "2023-09-11",
                "Korean Central News Agency",
                "reported",
                "North Korea fired a ballistic missile on Monday — its third this month",
                "Asserted"
            ],
            &[
                "2023-09-11",
                "Korean Central News Agency",
                "said",
                "the launch was a routine test",
                "Asserted"
            ],
            &[
                "2023-10-02",
                "Korean Central News Agency",
                "reported",
                "Kim Jong Un met Putin",
                "Asserted"
            ],
        ])
    );
}

#[test]
fn denials_come_with_what_they_deny() {
    let (_dir, store) = store();
    let result = run(&store, "denials.rq");
    assert_eq!(
        columns(
            &result,
            &["date", "denier", "denial", "deniedSource", "denied"]
        ),
        rows(&[
            &[
                "2023-09-11",
                "South Korean officials",
                "the launch was routine",
                "Korean Central News Agency",
                "the launch was a routine test"
            ],
            &[
                "2023-10-02",
                "the Kremlin",
                "Vladimir Putin was ill",
                "",
                ""
            ],
        ])
    );
    let targets = columns(&result, &["target"]);
    assert_eq!(targets[0][0], claim_iri("https://example.org/launch", 1));
}

#[test]
fn anonymous_only_leaves_out_claims_a_named_source_corroborates() {
    let (_dir, store) = store();
    let result = run(&store, "anonymous-only.rq");
    // "an arms deal was likely" is anonymous too, but Yonhap corroborates it.
    assert_eq!(
        columns(&result, &["date", "source", "content"]),
        rows(&[&[
            "2023-09-11",
            "a source familiar with the matter",
            "the missile may have failed"
        ]])
    );
}

#[test]
fn hedged_lists_probable_and_possible_claims() {
    let (_dir, store) = store();
    let result = run(&store, "hedged.rq");
    assert_eq!(
        columns(&result, &["certainty", "source", "content", "confidence"]),
        rows(&[
            &[
                "possible",
                "a source familiar with the matter",
                "the missile may have failed",
                "0.35"
            ],
            &[
                "probable",
                "Analysts",
                "Putin would probably appear in public this week",
                "0.75"
            ],
            &[
                "probable",
                "two people familiar with the talks",
                "an arms deal was likely",
                "0.525"
            ],
        ])
    );
}

#[test]
fn sources_by_kind_counts_sources_and_claims() {
    let (_dir, store) = store();
    let result = run(&store, "sources-by-kind.rq");
    assert_eq!(
        columns(&result, &["kind", "sources", "claims"]),
        rows(&[
            &["Media", "2", "4"],
            &["Anonymous", "2", "2"],
            &["ExpertGroup", "1", "1"],
            &["Government", "1", "1"],
            &["OfficialGroup", "1", "1"],
        ])
    );
}

#[test]
fn mentions_finds_a_name_in_the_content() {
    let (_dir, store) = store();
    let result = run(&store, "mentions.rq");
    assert_eq!(
        columns(&result, &["source", "content"]),
        rows(&[
            &["the Kremlin", "Vladimir Putin was ill"],
            &[
                "Analysts",
                "Putin would probably appear in public this week"
            ],
            &["Korean Central News Agency", "Kim Jong Un met Putin"],
        ])
    );
}

#[test]
fn articles_lists_each_article_with_its_claim_count() {
    let (_dir, store) = store();
    let result = run(&store, "articles.rq");
    assert_eq!(
        columns(&result, &["date", "headline", "url", "claims"]),
        rows(&[
            &[
                "2023-09-11",
                "North Korea fires missile",
                "https://example.org/launch",
                "4"
            ],
            &[
                "2023-10-02",
                "Kremlin rejects report",
                "https://example.org/summit",
                "5"
            ],
        ])
    );
}
