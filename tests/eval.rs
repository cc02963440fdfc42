//! `hearsay::eval::score` against the reference scorer `../shared/eval/score.py`: predictions
//! are made by perturbing gold sets programmatically (shifted, dropped, merged and split spans,
//! a leading "that", empty sources, swapped labels, duplicates that tie, missing and stray ids),
//! written to a temp dir, and scored by both. Gold files are read in place, never copied.
//!
//! The contract is agreement to three decimals; these tests ask for the very same JSON
//! (every key, every rounded number) and the very same table, since the port is meant to be
//! faithful down to the float.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use hearsay::eval::{score, Scores};
use hearsay::exchange::{read_docs, ExchangeAttribution, ExchangeDoc};
use serde_json::Value;

const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/score.py");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/seed.jsonl");
const DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/polnear/dev.jsonl"
);

/// A small deterministic generator (xorshift64*), so every run perturbs the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A signed offset in `-k..=k`.
    fn offset(&mut self, k: usize) -> isize {
        self.below(2 * k + 1) as isize - k as isize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

fn read(path: &str) -> Vec<ExchangeDoc> {
    let file = File::open(path).unwrap_or_else(|e| panic!("opening {path}: {e}"));
    read_docs(BufReader::new(file)).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn write(path: &Path, docs: &[ExchangeDoc]) {
    let mut file = File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for doc in docs {
        let line = serde_json::to_string(doc).unwrap_or_else(|e| panic!("{e}"));
        writeln!(file, "{line}").unwrap_or_else(|e| panic!("{e}"));
    }
}

fn python(gold: &Path, pred: &Path, json: bool) -> String {
    let mut command = Command::new("python3");
    command.arg(SCORE_PY).arg(gold).arg(pred);
    if json {
        command.arg("--json");
    }
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("running python3 {SCORE_PY}: {e}"));
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// Every place two JSON values differ, as `path: ours vs theirs`.
fn differences(path: &str, ours: &Value, theirs: &Value, out: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            if keys_a != keys_b {
                out.push(format!("{path}: keys {keys_a:?} vs {keys_b:?}"));
            }
            for (k, v) in a {
                if let Some(w) = b.get(k) {
                    differences(&format!("{path}.{k}"), v, w, out);
                }
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            if a.as_f64() != b.as_f64() {
                out.push(format!("{path}: {a} vs {b}"));
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(format!("{path}: {a} vs {b}")),
    }
}

/// Scores `pred` against the gold file with both scorers and demands the same JSON and table.
/// The table is compared too when `table` is set (it costs a second run of score.py).
fn agree(
    dir: &Path,
    name: &str,
    gold_path: &Path,
    gold: &[ExchangeDoc],
    pred: &[ExchangeDoc],
    table: bool,
) -> Scores {
    let pred_path = dir.join(format!("{name}.jsonl"));
    write(&pred_path, pred);
    // Read back what was written, as `hearsay eval` would.
    let pred = read(pred_path.to_str().unwrap_or_default());
    let ours = score(gold, &pred).unwrap_or_else(|e| panic!("{name}: {e}"));

    let theirs: Value = serde_json::from_str(&python(gold_path, &pred_path, true))
        .unwrap_or_else(|e| panic!("{name}: score.py output: {e}"));
    let ours_json = serde_json::to_value(ours).unwrap_or_else(|e| panic!("{e}"));
    let mut diffs = Vec::new();
    differences("", &ours_json, &theirs, &mut diffs);
    assert!(
        diffs.is_empty(),
        "{name}: hearsay vs score.py:\n{}",
        diffs.join("\n")
    );

    if table {
        let theirs = python(gold_path, &pred_path, false);
        assert_eq!(format!("{ours}\n"), theirs, "{name}: table");
    }
    ours
}

fn without_text(gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    gold.iter()
        .map(|d| ExchangeDoc {
            text: None,
            ..d.clone()
        })
        .collect()
}

/// Applies `f` to every span list of every attribution.
fn map_components(
    docs: &mut [ExchangeDoc],
    mut f: impl FnMut(&str, &mut Vec<[usize; 2]>, &ExchangeDoc),
) {
    for doc in docs.iter_mut() {
        let snapshot = doc.clone();
        for a in &mut doc.attributions {
            f("source", &mut a.source, &snapshot);
            f("cue", &mut a.cue, &snapshot);
            f("content", &mut a.content, &snapshot);
        }
    }
}

fn shift(x: usize, by: isize) -> usize {
    x.saturating_add_signed(by)
}

fn shifted(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    map_components(&mut docs, |_, spans, _| {
        for span in spans.iter_mut() {
            if rng.chance(50) {
                span[0] = shift(span[0], rng.offset(3));
                span[1] = shift(span[1], rng.offset(3));
            }
        }
    });
    docs
}

fn dropped(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs: Vec<ExchangeDoc> = without_text(gold)
        .into_iter()
        .filter(|_| !rng.chance(10))
        .collect();
    for doc in &mut docs {
        doc.attributions.retain(|_| !rng.chance(30));
    }
    // Predictions for ids the gold does not have are ignored.
    docs.push(ExchangeDoc {
        id: "no-such-article".into(),
        text: None,
        attributions: gold
            .first()
            .map(|d| d.attributions.clone())
            .unwrap_or_default(),
    });
    docs
}

fn merged_and_split(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    map_components(&mut docs, |_, spans, _| {
        if spans.len() >= 2 {
            let start = spans.iter().map(|s| s[0]).min().unwrap_or(0);
            let end = spans.iter().map(|s| s[1]).max().unwrap_or(0);
            *spans = vec![[start, end]];
        } else if let [[s, e]] = spans.as_slice() {
            let (s, e) = (*s, *e);
            if e > s + 4 && rng.chance(60) {
                let mid = s + rng.below(e - s);
                let gap = rng.below(3);
                *spans = vec![[s, mid], [(mid + gap).min(e), e]];
            }
        }
    });
    docs
}

/// Content that gains or loses a leading "that " (or five other code points).
fn leading_that(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    map_components(&mut docs, |component, spans, doc| {
        let text: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
        let Some(first) = spans.first_mut() else {
            return;
        };
        if component != "content" {
            return;
        }
        let s = first[0];
        let before: String = text[s.saturating_sub(5).min(text.len())..s.min(text.len())]
            .iter()
            .collect();
        if before.eq_ignore_ascii_case("that ") || rng.chance(40) {
            first[0] = s.saturating_sub(5);
        } else if rng.chance(50) {
            // Drop the first word.
            let skip = text[s.min(text.len())..]
                .iter()
                .position(|c| c.is_whitespace())
                .unwrap_or(0);
            first[0] = (s + skip + 1).min(first[1]);
        }
    });
    docs
}

fn empty_parts(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    for a in docs.iter_mut().flat_map(|d| &mut d.attributions) {
        if rng.chance(40) {
            a.source.clear();
        }
        if rng.chance(15) {
            a.cue.clear();
        }
        if rng.chance(5) {
            a.cue.clear();
            a.content.clear();
        }
        if rng.chance(5) {
            // Out of the text, reversed, empty.
            a.source = vec![[usize::MAX / 4, usize::MAX / 4 + 3], [9, 3], [7, 7]];
        }
    }
    docs
}

const STANCES: &[&str] = &["asserted", "denied", "unconfirmed"];
const CERTAINTIES: &[&str] = &["certain", "probable", "possible", "unknown"];
const KINDS: &[&str] = &[
    "person",
    "official group",
    "government",
    "organization",
    "media",
    "expert group",
    "anonymous",
];

fn maybe_label(rng: &mut Rng, names: &[&str]) -> Option<String> {
    (!rng.chance(15)).then(|| rng.pick(names).to_owned())
}

fn relabelled(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    for a in docs.iter_mut().flat_map(|d| &mut d.attributions) {
        if rng.chance(35) {
            a.stance = maybe_label(rng, STANCES);
        }
        if rng.chance(35) {
            a.certainty = maybe_label(rng, CERTAINTIES);
        }
        if rng.chance(35) {
            a.source_kind = maybe_label(rng, KINDS);
        }
        if rng.chance(20) {
            a.cue = vec![[0, 1]];
        }
    }
    docs
}

/// Copies and near-copies of attributions, in shuffled order: the Jaccard ties that decide
/// which copy pairs, and so which labels are compared.
fn duplicated(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = without_text(gold);
    for doc in &mut docs {
        let mut out: Vec<ExchangeAttribution> = Vec::new();
        for a in &doc.attributions {
            out.push(a.clone());
            if rng.chance(50) {
                let mut copy = a.clone();
                if rng.chance(50) {
                    for span in copy.cue.iter_mut().chain(copy.content.iter_mut()) {
                        span[1] = shift(span[1], rng.offset(1));
                    }
                }
                copy.stance = maybe_label(rng, STANCES);
                copy.source_kind = maybe_label(rng, KINDS);
                out.push(copy);
            }
        }
        for k in (1..out.len()).rev() {
            out.swap(k, rng.below(k + 1));
        }
        doc.attributions = out;
    }
    docs
}

/// Everything at once, plus a few attributions with random spans.
fn combined(rng: &mut Rng, gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    let mut docs = shifted(rng, gold);
    docs = merged_and_split(rng, &with_text_of(&docs, gold));
    docs = leading_that(rng, &with_text_of(&docs, gold));
    docs = duplicated(rng, &docs);
    docs = empty_parts(rng, &docs);
    docs = relabelled(rng, &docs);
    docs = dropped(rng, &docs);
    for doc in &mut docs {
        let len = gold
            .iter()
            .find(|g| g.id == doc.id)
            .and_then(|g| g.text.as_ref())
            .map_or(100, |t| t.chars().count());
        for _ in 0..rng.below(4) {
            doc.attributions.push(random_attribution(rng, len));
        }
    }
    docs
}

fn with_text_of(docs: &[ExchangeDoc], gold: &[ExchangeDoc]) -> Vec<ExchangeDoc> {
    docs.iter()
        .map(|d| ExchangeDoc {
            text: gold
                .iter()
                .find(|g| g.id == d.id)
                .and_then(|g| g.text.clone()),
            ..d.clone()
        })
        .collect()
}

fn random_spans(rng: &mut Rng, len: usize, max_spans: usize, max_len: usize) -> Vec<[usize; 2]> {
    (0..rng.below(max_spans + 1))
        .map(|_| {
            let s = rng.below(len + 5);
            [s, s + rng.below(max_len + 1)]
        })
        .collect()
}

fn random_attribution(rng: &mut Rng, len: usize) -> ExchangeAttribution {
    ExchangeAttribution {
        source: random_spans(rng, len, 2, 6),
        cue: random_spans(rng, len, 2, 4),
        content: random_spans(rng, len, 2, 12),
        stance: maybe_label(rng, STANCES),
        certainty: maybe_label(rng, CERTAINTIES),
        source_canonical: None,
        source_kind: maybe_label(rng, KINDS),
    }
}

type Perturbation = fn(&mut Rng, &[ExchangeDoc]) -> Vec<ExchangeDoc>;

const PERTURBATIONS: &[(&str, Perturbation)] = &[
    ("shifted", shifted),
    ("dropped", dropped),
    ("merged_and_split", merged_and_split),
    ("leading_that", leading_that),
    ("empty_parts", empty_parts),
    ("relabelled", relabelled),
    ("duplicated", duplicated),
    ("combined", combined),
];

/// Scores the identity, every perturbation for every seed and the empty prediction.
/// Each case runs score.py once or twice (about a second each on PolNeAR dev).
fn agree_on_perturbations(gold_path: &Path, seeds: &[u64], table: bool) -> Vec<(String, Scores)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = read(gold_path.to_str().unwrap_or_default());
    let mut all = vec![(
        "identity".to_owned(),
        agree(
            dir.path(),
            "identity",
            gold_path,
            &gold,
            &without_text(&gold),
            table,
        ),
    )];
    for (name, perturb) in PERTURBATIONS {
        for &seed in seeds {
            let mut rng = Rng(seed);
            let pred = perturb(&mut rng, &gold);
            let case = format!("{name}-{seed}");
            all.push((
                case.clone(),
                agree(dir.path(), &case, gold_path, &gold, &pred, table),
            ));
        }
    }
    // Nothing predicted at all.
    all.push((
        "empty".to_owned(),
        agree(dir.path(), "empty", gold_path, &gold, &[], table),
    ));
    all
}

#[test]
fn agrees_with_score_py_on_the_seed_article() {
    let results = agree_on_perturbations(&PathBuf::from(SEED), &[1, 2, 3, 4, 5], true);
    let identity = &results[0].1;
    assert_eq!(identity.exact.attribution.f1, 1.0);
    assert_eq!(identity.labels.stance.accuracy, Some(1.0));
    assert_eq!(identity.labels.stance.matched, 26);
    // The perturbations did perturb: labels went wrong somewhere, F1 dropped somewhere.
    assert!(results
        .iter()
        .any(|(_, s)| matches!(s.labels.stance.accuracy, Some(a) if a < 1.0)));
    assert!(results
        .iter()
        .any(|(_, s)| s.exact.content.f1 < 1.0 && s.exact.content.f1 > 0.0));
}

#[test]
fn agrees_with_score_py_on_polnear_dev() {
    let results = agree_on_perturbations(&PathBuf::from(DEV), &[11], false);
    let identity = &results[0].1;
    assert_eq!(identity.articles, 84);
    assert_eq!(identity.exact.cue.f1, 1.0);
    assert!(results.iter().any(|(_, s)| s.missing_articles > 0));
}

/// Text pieces chosen to hit every branch of `positions`: Python-only spaces (U+001C..U+001F),
/// quote marks and Unicode punctuation, "that" in all cases and followed by letters, marks
/// and numbers of other scripts, characters that lower-case to several.
const PIECES: &[&str] = &[
    "that",
    "That",
    "THAT",
    "tHaT",
    "thatch",
    "that1",
    "thaté",
    "that\u{93e}",
    "thatⅫ",
    "that²",
    "that½",
    "that_",
    "that’s",
    "that—",
    "İ",
    "K",
    "ǅ",
    "said",
    "told",
    "Kim",
    "Putin",
    "the",
    "visit",
    "would",
    "meet",
    "“",
    "”",
    "‘",
    "’",
    "—",
    "–",
    "…",
    "`",
    "'",
    "\"",
    "(",
    ")",
    "§",
    "¿",
    "·",
    "$",
    "%",
    "_",
    "😀",
    "\u{1c}",
    "\u{1d}",
    "\u{1e}",
    "\u{1f}",
    "\u{85}",
    "\u{a0}",
    "\u{2009}",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "٣",
    "字",
    ".",
    ",",
    "\n",
    "\t",
];

fn synthetic_gold(rng: &mut Rng, articles: usize) -> Vec<ExchangeDoc> {
    (0..articles)
        .map(|k| {
            let mut text = String::new();
            for _ in 0..(40 + rng.below(200)) {
                text.push_str(rng.pick(PIECES));
                if rng.chance(60) {
                    text.push(' ');
                }
            }
            let len = text.chars().count();
            let attributions = (0..rng.below(25))
                .map(|_| random_attribution(rng, len))
                .collect();
            ExchangeDoc {
                id: format!("synthetic-{k}"),
                text: Some(text),
                attributions,
            }
        })
        .collect()
}

#[test]
fn agrees_with_score_py_on_synthetic_text_with_many_ties() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for seed in [21, 22, 23, 24] {
        let mut rng = Rng(seed);
        let gold = synthetic_gold(&mut rng, 12);
        let gold_path = dir.path().join(format!("gold-{seed}.jsonl"));
        write(&gold_path, &gold);
        let gold = read(gold_path.to_str().unwrap_or_default());
        // Random predictions over the same texts: short spans, heavy overlap, many ties.
        let random: Vec<ExchangeDoc> = gold
            .iter()
            .map(|g| {
                let len = g.text.as_deref().map_or(0, |t| t.chars().count());
                ExchangeDoc {
                    id: g.id.clone(),
                    text: None,
                    attributions: (0..rng.below(25))
                        .map(|_| random_attribution(&mut rng, len))
                        .collect(),
                }
            })
            .collect();
        agree(
            dir.path(),
            &format!("random-{seed}"),
            &gold_path,
            &gold,
            &random,
            true,
        );
        for (name, perturb) in PERTURBATIONS {
            let pred = perturb(&mut rng, &gold);
            let case = format!("synthetic-{name}-{seed}");
            agree(dir.path(), &case, &gold_path, &gold, &pred, true);
        }
    }
}
