//! Judged samples of Wikinews 2019 (issue 15): the articles in `tests/fixtures/wikinews`, and
//! for each proposition a reviewer read by hand an expectation in `judged.tsv` (contested or
//! not, corroborated by independent origins or not, same proposition or different, a source
//! named or not). Checked through the real binary on a store in a temp dir.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikinews")
}

/// Runs the binary on `store` and returns its standard output as JSON.
fn json(store: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("hearsay")
        .expect("binary")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("hearsay runs");
    // Exit code 1 means "nothing matched": an empty list.
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "hearsay {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if out.stdout.iter().all(u8::is_ascii_whitespace) {
        return Value::Array(Vec::new());
    }
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn field<'v>(row: &'v Value, name: &str) -> &'v str {
    match &row[name] {
        Value::String(s) => s,
        Value::Object(o) => o.get("value").and_then(Value::as_str).unwrap_or(""),
        _ => "",
    }
}

/// What the store says, in the terms the expectations use.
struct Judged {
    /// Each claim's content with its proposition, if it has one.
    claims: Vec<(String, Option<String>)>,
    contested: BTreeSet<String>,
    corroborated: BTreeSet<String>,
    sources: BTreeSet<String>,
}

impl Judged {
    fn read(store: &Path) -> Self {
        let rows = json(
            store,
            &[
                "query",
                "--results-format",
                "json",
                "SELECT ?content ?p WHERE { ?claim a hs:Claim ; schema:text ?content \
                 OPTIONAL { GRAPH hsid:graph\\/propositions { ?claim hs:proposition ?p } } }",
            ],
        );
        let claims = rows["results"]["bindings"]
            .as_array()
            .expect("bindings")
            .iter()
            .map(|b| {
                let p = field(b, "p");
                (
                    field(b, "content").to_owned(),
                    (!p.is_empty()).then(|| p.rsplit('/').next().unwrap_or(p).to_owned()),
                )
            })
            .collect();
        let ids = |args: &[&str]| -> BTreeSet<String> {
            json(store, args)
                .as_array()
                .expect("rows")
                .iter()
                .map(|r| field(r, "id").to_owned())
                .collect()
        };
        Judged {
            claims,
            contested: ids(&["propositions", "--contested", "--format", "json"]),
            corroborated: ids(&["propositions", "--min-origins", "2", "--format", "json"]),
            sources: json(store, &["sources", "--format", "json"])
                .as_array()
                .expect("sources")
                .iter()
                .map(|r| field(r, "source").to_owned())
                .collect(),
        }
    }

    /// The propositions of the claims whose content contains `text` (at least one claim must).
    fn propositions_of(&self, text: &str) -> BTreeSet<Option<&str>> {
        let found: BTreeSet<Option<&str>> = self
            .claims
            .iter()
            .filter(|(content, _)| content.contains(text))
            .map(|(_, p)| p.as_deref())
            .collect();
        assert!(!found.is_empty(), "no claim contains {text:?}");
        found
    }

    /// Whether some claim containing `a` and some containing `b` share a proposition in `within`.
    fn share(&self, a: &str, b: &str, within: Option<&BTreeSet<String>>) -> bool {
        let of_b = self.propositions_of(b);
        self.propositions_of(a)
            .iter()
            .flatten()
            .any(|p| of_b.contains(&Some(*p)) && within.is_none_or(|set| set.contains(*p)))
    }

    /// Whether some claim containing `text` is in a proposition of `set`.
    fn any_in(&self, text: &str, set: &BTreeSet<String>) -> bool {
        self.propositions_of(text)
            .iter()
            .flatten()
            .any(|p| set.contains(*p))
    }
}

#[test]
fn judged_wikinews_propositions_hold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    Command::cargo_bin("hearsay")
        .expect("binary")
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(fixtures().join("articles.csv"))
        .assert()
        .success();
    let judged = Judged::read(&store);
    let expectations = std::fs::read_to_string(fixtures().join("judged.tsv")).expect("judged.tsv");
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for line in expectations.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (kind, a, b) = (
            cols[0],
            cols.get(1).copied().unwrap_or(""),
            cols.get(2).copied().unwrap_or(""),
        );
        let holds = match kind {
            "contested" => judged.share(a, b, Some(&judged.contested)),
            "uncontested" => !judged.any_in(a, &judged.contested),
            "corroborated" => judged.any_in(a, &judged.corroborated),
            "one-origin" => !judged.any_in(a, &judged.corroborated),
            "same" => judged.share(a, b, None),
            "absent" => !judged.claims.iter().any(|(content, _)| content.contains(a)),
            "different" => !judged.share(a, b, None),
            "source" => judged.sources.contains(a),
            "no-source" => !judged.sources.contains(a),
            other => panic!("judged.tsv: unknown expectation {other:?}"),
        };
        *counts.entry(kind).or_default() += 1;
        if !holds {
            failures.push(line.to_owned());
        }
    }
    assert!(
        failures.is_empty(),
        "judged expectations that fail:\n{}\n(contested: {:?})",
        failures.join("\n"),
        judged.contested
    );
    assert!(
        counts.len() >= 6,
        "every kind of expectation is used: {counts:?}"
    );
}
