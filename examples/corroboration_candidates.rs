//! Lists the pairs of claims a reviewer reads to find corroborations the similarity measure
//! misses (issue 15, target 2): claims of different articles whose origins differ, that are
//! not in one proposition, and whose normalized contents still share words. Each line says
//! how similar the pair is by [`hearsay::track::similar`]'s two tests, so a reviewer can judge
//! whether the measure should join it.
//!
//! ```text
//! hearsay --store /tmp/wn ingest ../shared/corpus/wikinews/wikinews_2019.csv
//! cargo run --release --example corroboration_candidates -- /tmp/wn [MIN_SHARED] [MIN_JACCARD]
//! ```
//! `tools/wikinews_review.sh` runs it after its own ingest. Defaults: 3 shared tokens and
//! Jaccard 0.2, loose enough to show what the measure's 0.45 leaves out. Output: TSV, most
//! similar first: Jaccard, overlap, shared tokens, whether `similar` holds, whether either
//! claim is a fragment, then for each claim its article, origin and content.

use std::collections::{BTreeMap, HashSet};
use std::error::Error;

use hearsay::store::{Store, PROPOSITIONS_GRAPH};
use hearsay::track::{is_fragment, jaccard, normalize_content, similar, NormalizedContent};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

struct Claim {
    article: String,
    origin: String,
    proposition: String,
    content: String,
    normalized: NormalizedContent,
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: corroboration_candidates STORE [MIN_SHARED] [MIN_JACCARD]".into());
    };
    let min_shared: usize = args.get(1).map_or(Ok(3), |a| a.parse())?;
    let min_jaccard: f64 = args.get(2).map_or(Ok(0.2), |a| a.parse())?;
    let store = Store::open_read_only(path)?;
    let sparql = format!(
        "SELECT ?claim ?content ?article ?origin ?p WHERE {{
  GRAPH ?g {{ ?claim a hs:Claim ; schema:text ?content ; hs:article ?a
    OPTIONAL {{ ?a schema:headline ?title }} }}
  BIND(COALESCE(?title, STR(?a)) AS ?article)
  OPTIONAL {{ GRAPH {PROPOSITIONS_GRAPH} {{ ?claim hs:proposition ?p OPTIONAL {{ ?claim hs:origin ?origin }} }} }}
}} ORDER BY ?claim"
    );
    let QueryResults::Solutions(solutions) = store.query(&sparql)? else {
        return Err("not a SELECT".into());
    };
    let text = |term: Option<&Term>| match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().rsplit('/').next().unwrap_or("").to_owned(),
        _ => String::new(),
    };
    let mut claims = Vec::new();
    for solution in solutions {
        let s = solution?;
        let content = text(s.get("content"));
        let normalized = normalize_content(&content);
        let claim = text(s.get("claim"));
        let origin = match text(s.get("origin")) {
            o if o.is_empty() => format!("(claim {claim})"),
            o => o,
        };
        claims.push(Claim {
            article: text(s.get("article")),
            origin,
            proposition: text(s.get("p")),
            content,
            normalized,
        });
    }
    let shared = |a: &[String], b: &[String]| {
        let b: HashSet<&String> = b.iter().collect();
        a.iter().filter(|t| b.contains(t)).count()
    };
    // Keyed by similarity, then by the pair's contents, so the order is fixed.
    let mut rows: BTreeMap<(i64, String, String), String> = BTreeMap::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (i, a) in claims.iter().enumerate() {
        for b in &claims[i + 1..] {
            let together = !a.proposition.is_empty() && a.proposition == b.proposition;
            if a.article == b.article || a.origin == b.origin || together {
                continue;
            }
            let n = shared(&a.normalized.tokens, &b.normalized.tokens);
            let j = jaccard(&a.normalized.tokens, &b.normalized.tokens);
            if n < min_shared || j < min_jaccard {
                continue;
            }
            // Reprints repeat a pair: once is enough.
            let (first, second) = if a.content <= b.content {
                (a, b)
            } else {
                (b, a)
            };
            if !seen.insert((first.content.as_str(), second.content.as_str())) {
                continue;
            }
            let overlap = n as f64
                / a.normalized
                    .tokens
                    .len()
                    .min(b.normalized.tokens.len())
                    .max(1) as f64;
            let line = format!(
                "{j:.2}\t{overlap:.2}\t{n}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                similar(a.normalized.comparable(), b.normalized.comparable()),
                is_fragment(&a.content) || is_fragment(&b.content),
                first.article,
                first.origin,
                one_line(&first.content),
                second.article,
                second.origin,
                one_line(&second.content),
            );
            rows.insert(
                (
                    -(j * 1000.0) as i64,
                    first.content.clone(),
                    second.content.clone(),
                ),
                line,
            );
        }
    }
    println!(
        "jaccard\toverlap\tshared\tsimilar\tfragment\tarticle_a\torigin_a\tcontent_a\tarticle_b\torigin_b\tcontent_b"
    );
    for line in rows.values() {
        println!("{line}");
    }
    eprintln!(
        "{} claims, {} candidate pairs (at least {min_shared} shared tokens, Jaccard {min_jaccard})",
        claims.len(),
        rows.len()
    );
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
