//! Scores predicted attributions against gold ones, a faithful port of the reference scorer
//! `../shared/eval/score.py` (the convention in `../shared/EVALUATION.md`): the same numbers,
//! the same `--json` keys, the same table. Pure: reading the files is the caller's job.
//!
//! Known difference: characters are classified with the Unicode tables of the
//! `unicode-general-category` crate, which may be newer than the Python that runs `score.py`;
//! only characters assigned since then can be treated differently.

mod components;
mod pairing;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::exchange::{ExchangeAttribution, ExchangeDoc};
use components::{positions, Component, PositionSet};
use pairing::greedy;

/// A gold document that cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// Gold offsets point into the gold text, so gold documents must carry it.
    #[error("gold article {id} has no \"text\"; gold files need the full text of every article")]
    MissingText { id: String },
}

/// Precision, recall and F1, each rounded to 4 decimals as `score.py` rounds them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

/// One matching level (exact, partial or overlap) for each component and whole attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelScores {
    pub source: Prf,
    pub cue: Prf,
    pub content: Prf,
    pub attribution: Prf,
}

impl LevelScores {
    /// The columns in table order, with their names.
    pub fn columns(&self) -> [(&'static str, Prf); 4] {
        [
            ("source", self.source),
            ("cue", self.cue),
            ("content", self.content),
            ("attribution", self.attribution),
        ]
    }
}

/// How one label fared on the predictions paired with gold attributions carrying it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelScore {
    /// Paired gold attributions that carry the label.
    pub matched: usize,
    /// Of those, how many predictions carry the same label.
    pub correct: usize,
    /// `correct / matched` rounded to 4 decimals; `None` (JSON `null`) when nothing matched.
    pub accuracy: Option<f64>,
}

/// The labels scored, in `score.py`'s order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelScores {
    pub stance: LabelScore,
    pub certainty: LabelScore,
    pub source_kind: LabelScore,
}

impl LabelScores {
    pub fn iter(&self) -> [(&'static str, LabelScore); 3] {
        [
            ("stance", self.stance),
            ("certainty", self.certainty),
            ("source_kind", self.source_kind),
        ]
    }
}

/// Everything `score.py --json` prints, with the same keys in the same order.
///
/// `Display` prints the table `score.py` prints without `--json` (lines separated by `\n`,
/// no newline at the end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Distinct gold article ids.
    pub articles: usize,
    /// Gold articles with no prediction (scored as predicting nothing).
    pub missing_articles: usize,
    /// Gold attributions.
    pub gold: usize,
    /// Predicted attributions on gold articles (predictions for other ids are ignored).
    pub predicted: usize,
    pub exact: LevelScores,
    pub partial: LevelScores,
    pub overlap: LevelScores,
    pub labels: LabelScores,
}

impl Scores {
    /// The three levels in table order, with their names.
    pub fn levels(&self) -> [(&'static str, LevelScores); 3] {
        [
            ("exact", self.exact),
            ("partial", self.partial),
            ("overlap", self.overlap),
        ]
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "articles {} (missing {})  gold {}  predicted {}",
            self.articles, self.missing_articles, self.gold, self.predicted
        )?;
        write!(f, "\n{:8}", "")?;
        for (name, _) in self.exact.columns() {
            write!(f, "{name:>26}")?;
        }
        for (level, scores) in self.levels() {
            write!(f, "\n{level:8}")?;
            for (_, x) in scores.columns() {
                write!(f, "   P {:.3} R {:.3} F {:.3}", x.p, x.r, x.f1)?;
            }
        }
        for (label, x) in self.labels.iter() {
            if x.matched > 0 {
                write!(
                    f,
                    "\n{label}: {}/{} right on attributions paired with gold",
                    x.correct, x.matched
                )?;
            }
        }
        Ok(())
    }
}

/// Running sums for one level and one column: `score.py`'s `[tp_p, n_p, tp_r, n_g]`.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// True positives on the predicted side (a fraction for the overlap level).
    tp_pred: f64,
    predicted: usize,
    /// True positives on the gold side.
    tp_gold: f64,
    gold: usize,
}

impl Tally {
    fn prf(&self) -> Prf {
        let p = if self.predicted > 0 {
            self.tp_pred / self.predicted as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp_gold / self.gold as f64
        } else {
            0.0
        };
        // Same operation order as Python's `2 * p * r / (p + r)`, so the same float.
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p: round4(p),
            r: round4(r),
            f1: round4(f1),
        }
    }
}

/// Python's `round(x, 4)`: the decimal nearest the exact binary value, ties to even. Rust's
/// fixed-precision formatting rounds the exact value the same way, so format and read back.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

const EXACT: usize = 0;
const PARTIAL: usize = 1;
const OVERLAP: usize = 2;
/// The column of whole attributions, after the three components.
const ATTRIBUTION: usize = 3;

/// One attribution's three components as position sets, indexed by `Component::index`.
type Parts = [PositionSet; 3];

fn parts(text: &[char], a: &ExchangeAttribution) -> Parts {
    [
        positions(text, &a.source, Component::Source),
        positions(text, &a.cue, Component::Cue),
        positions(text, &a.content, Component::Content),
    ]
}

/// The labels compared, with how to read them off an attribution.
const LABELS: [fn(&ExchangeAttribution) -> Option<&String>; 3] = [
    |a| a.stance.as_ref(),
    |a| a.certainty.as_ref(),
    |a| a.source_kind.as_ref(),
];

/// Scores `predicted` against `gold`, as `score.py GOLD PRED` does.
///
/// Predictions are matched to gold articles by id; a gold article without a prediction counts
/// as predicting nothing (and in `missing_articles`), predictions for other ids are ignored.
/// As in `score.py`, where an id repeats the last document wins (a repeated gold id keeps the
/// place of its first occurrence). Fails only when a gold article has no text.
///
/// ```
/// use hearsay::eval::score;
/// use hearsay::exchange::{ExchangeAttribution, ExchangeDoc};
/// let said = ExchangeAttribution { source: vec![[0, 2]], cue: vec![[3, 7]], content: vec![[8, 11]], ..Default::default() };
/// let gold = ExchangeDoc { id: "a".into(), text: Some("He said yes.".into()), attributions: vec![said.clone()] };
/// let predicted = ExchangeDoc { id: "a".into(), text: None, attributions: vec![said] };
/// let scores = score(&[gold], &[predicted])?;
/// assert_eq!(scores.exact.attribution.f1, 1.0);
/// # Ok::<(), hearsay::eval::EvalError>(())
/// ```
pub fn score(gold: &[ExchangeDoc], predicted: &[ExchangeDoc]) -> Result<Scores, EvalError> {
    // A Python dict: first insertion fixes the order, the last value wins.
    let mut gold_docs: Vec<&ExchangeDoc> = Vec::new();
    let mut gold_index: HashMap<&str, usize> = HashMap::new();
    for doc in gold {
        match gold_index.get(doc.id.as_str()) {
            Some(&k) => gold_docs[k] = doc,
            None => {
                gold_index.insert(&doc.id, gold_docs.len());
                gold_docs.push(doc);
            }
        }
    }
    let predicted_by_id: HashMap<&str, &ExchangeDoc> =
        predicted.iter().map(|d| (d.id.as_str(), d)).collect();

    let mut acc = [[Tally::default(); 4]; 3];
    let mut labels = [(0usize, 0usize); 3];
    let (mut gold_count, mut predicted_count, mut missing) = (0, 0, 0);
    let no_attributions: &[ExchangeAttribution] = &[];

    for g in gold_docs.iter().copied() {
        let text: Vec<char> = match &g.text {
            Some(text) => text.chars().collect(),
            None => return Err(EvalError::MissingText { id: g.id.clone() }),
        };
        let p_attributions = match predicted_by_id.get(g.id.as_str()) {
            Some(p) => p.attributions.as_slice(),
            None => {
                missing += 1;
                no_attributions
            }
        };
        let gold_parts: Vec<Parts> = g.attributions.iter().map(|a| parts(&text, a)).collect();
        let pred_parts: Vec<Parts> = p_attributions.iter().map(|a| parts(&text, a)).collect();
        gold_count += gold_parts.len();
        predicted_count += pred_parts.len();

        for component in Component::ALL {
            let c = component.index();
            let gs: Vec<&PositionSet> = gold_parts
                .iter()
                .map(|x| &x[c])
                .filter(|s| !s.is_empty())
                .collect();
            let ps: Vec<&PositionSet> = pred_parts
                .iter()
                .map(|x| &x[c])
                .filter(|s| !s.is_empty())
                .collect();
            for level in &mut acc {
                level[c].predicted += ps.len();
                level[c].gold += gs.len();
            }
            for (i, j) in greedy(&ps, &gs) {
                let (a, b) = (ps[i], gs[j]);
                let inter = a.intersection_len(b) as f64;
                if a == b {
                    acc[EXACT][c].tp_pred += 1.0;
                    acc[EXACT][c].tp_gold += 1.0;
                }
                acc[PARTIAL][c].tp_pred += 1.0;
                acc[PARTIAL][c].tp_gold += 1.0;
                acc[OVERLAP][c].tp_pred += inter / a.len() as f64;
                acc[OVERLAP][c].tp_gold += inter / b.len() as f64;
            }
        }

        // Whole attributions pair by cue, or content when there is no cue. `score.py` gives an
        // attribution with neither a one-off sentinel set, which overlaps nothing; an empty set
        // overlaps nothing too, so it never pairs either.
        let key = |x: &Parts| -> usize {
            let cue = Component::Cue.index();
            if x[cue].is_empty() {
                Component::Content.index()
            } else {
                cue
            }
        };
        let pred_keys: Vec<&PositionSet> = pred_parts.iter().map(|x| &x[key(x)]).collect();
        let gold_keys: Vec<&PositionSet> = gold_parts.iter().map(|x| &x[key(x)]).collect();
        for level in &mut acc {
            level[ATTRIBUTION].predicted += pred_parts.len();
            level[ATTRIBUTION].gold += gold_parts.len();
        }
        for (i, j) in greedy(&pred_keys, &gold_keys) {
            for (k, label) in LABELS.iter().enumerate() {
                if let Some(gold_label) = label(&g.attributions[j]) {
                    labels[k].0 += 1;
                    if label(&p_attributions[i]) == Some(gold_label) {
                        labels[k].1 += 1;
                    }
                }
            }
            let (a, b) = (&pred_parts[i], &gold_parts[j]);
            if (0..3).all(|c| a[c] == b[c]) {
                acc[EXACT][ATTRIBUTION].tp_pred += 1.0;
                acc[EXACT][ATTRIBUTION].tp_gold += 1.0;
            }
            let touch =
                |c: usize| (a[c].is_empty() && b[c].is_empty()) || a[c].intersection_len(&b[c]) > 0;
            if (0..3).all(touch) {
                acc[PARTIAL][ATTRIBUTION].tp_pred += 1.0;
                acc[PARTIAL][ATTRIBUTION].tp_gold += 1.0;
                // Summed left to right and then divided, as Python's `sum(...) / 3`.
                let share = |mine: &PositionSet, other: &PositionSet| {
                    if mine.is_empty() {
                        1.0
                    } else {
                        mine.intersection_len(other) as f64 / mine.len() as f64
                    }
                };
                let ov = (0..3).fold(0.0, |sum, c| sum + share(&a[c], &b[c])) / 3.0;
                let ovr = (0..3).fold(0.0, |sum, c| sum + share(&b[c], &a[c])) / 3.0;
                acc[OVERLAP][ATTRIBUTION].tp_pred += ov;
                acc[OVERLAP][ATTRIBUTION].tp_gold += ovr;
            }
        }
    }

    let level = |tallies: &[Tally; 4]| LevelScores {
        source: tallies[Component::Source.index()].prf(),
        cue: tallies[Component::Cue.index()].prf(),
        content: tallies[Component::Content.index()].prf(),
        attribution: tallies[ATTRIBUTION].prf(),
    };
    let label = |(matched, correct): (usize, usize)| LabelScore {
        matched,
        correct,
        accuracy: (matched > 0).then(|| round4(correct as f64 / matched as f64)),
    };
    Ok(Scores {
        articles: gold_docs.len(),
        missing_articles: missing,
        gold: gold_count,
        predicted: predicted_count,
        exact: level(&acc[EXACT]),
        partial: level(&acc[PARTIAL]),
        overlap: level(&acc[OVERLAP]),
        labels: LabelScores {
            stance: label(labels[0]),
            certainty: label(labels[1]),
            source_kind: label(labels[2]),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(
        source: &[[usize; 2]],
        cue: &[[usize; 2]],
        content: &[[usize; 2]],
    ) -> ExchangeAttribution {
        ExchangeAttribution {
            source: source.to_vec(),
            cue: cue.to_vec(),
            content: content.to_vec(),
            ..Default::default()
        }
    }

    fn doc(id: &str, text: Option<&str>, attributions: Vec<ExchangeAttribution>) -> ExchangeDoc {
        ExchangeDoc {
            id: id.to_owned(),
            text: text.map(str::to_owned),
            attributions,
        }
    }

    fn run(gold: &[ExchangeDoc], predicted: &[ExchangeDoc]) -> Scores {
        match score(gold, predicted) {
            Ok(scores) => scores,
            Err(err) => panic!("{err}"),
        }
    }

    //              0         1         2         3
    //              0123456789012345678901234567890123456
    const TEXT: &str = "Kim said that the visit was near.";

    #[test]
    fn nothing_to_score_gives_zeros_and_null_accuracy() {
        let scores = run(&[], &[]);
        assert_eq!(scores, Scores::default());
        let json = serde_json::to_value(scores).unwrap_or_default();
        assert_eq!(
            json["labels"]["stance"]["accuracy"],
            serde_json::Value::Null
        );
        assert_eq!(json["exact"]["cue"]["f1"], 0.0);
    }

    #[test]
    fn a_missing_prediction_counts_as_predicting_nothing() {
        let gold = doc("a", Some(TEXT), vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let stray = doc("b", None, vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let scores = run(&[gold], &[stray]);
        assert_eq!((scores.articles, scores.missing_articles), (1, 1));
        assert_eq!((scores.gold, scores.predicted), (1, 0));
        assert_eq!(scores.exact.source, Prf::default());
    }

    #[test]
    fn gold_without_text_is_an_error() {
        let gold = doc("a", None, vec![]);
        assert_eq!(
            score(&[gold], &[]),
            Err(EvalError::MissingText { id: "a".into() })
        );
    }

    #[test]
    fn leading_that_and_punctuation_do_not_count_against_content() {
        // Gold content "that the visit was near." vs predicted "the visit was near".
        let gold = doc("a", Some(TEXT), vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let pred = doc("a", None, vec![att(&[[0, 3]], &[[4, 8]], &[[14, 32]])]);
        let scores = run(&[gold], &[pred]);
        assert_eq!(scores.exact.content.f1, 1.0);
        assert_eq!(scores.exact.attribution.f1, 1.0);
    }

    #[test]
    fn partial_and_overlap_levels() {
        // Predicted content "visit was near" (12 positions) inside gold "the visit was near" (15).
        let gold = doc("a", Some(TEXT), vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let pred = doc("a", None, vec![att(&[[0, 3]], &[[4, 8]], &[[18, 33]])]);
        let scores = run(&[gold], &[pred]);
        assert_eq!(scores.exact.content.f1, 0.0);
        assert_eq!(scores.exact.attribution.f1, 0.0);
        assert_eq!(scores.partial.content.f1, 1.0);
        assert_eq!(scores.partial.attribution.f1, 1.0);
        assert_eq!(
            scores.overlap.content,
            Prf {
                p: 1.0,
                r: 0.8,
                f1: 0.8889
            }
        );
        // Attribution overlap: recall (1 + 1 + 12/15) / 3.
        assert_eq!(scores.overlap.attribution.r, 0.9333);
        assert_eq!(scores.overlap.attribution.p, 1.0);
    }

    #[test]
    fn attributions_pair_by_content_without_a_cue_and_never_without_both() {
        let gold = doc(
            "a",
            Some(TEXT),
            vec![att(&[], &[], &[[9, 33]]), att(&[[0, 3]], &[], &[])],
        );
        let pred = doc(
            "a",
            None,
            vec![att(&[], &[], &[[14, 33]]), att(&[[0, 3]], &[], &[])],
        );
        let scores = run(&[gold], &[pred]);
        // The first pair (content key, two empty sources and cues) is exact; the second has
        // no key and stays unpaired although its source is identical.
        assert_eq!(
            scores.exact.attribution,
            Prf {
                p: 0.5,
                r: 0.5,
                f1: 0.5
            }
        );
        assert_eq!(scores.exact.source.f1, 1.0);
        // Empty components are not counted per component.
        assert_eq!(scores.exact.cue, Prf::default());
    }

    #[test]
    fn labels_are_counted_on_paired_attributions_only() {
        let labelled = |stance: &str, kind: Option<&str>, cue: [usize; 2]| ExchangeAttribution {
            stance: Some(stance.to_owned()),
            source_kind: kind.map(str::to_owned),
            ..att(&[[0, 3]], &[cue], &[[9, 33]])
        };
        let gold = doc(
            "a",
            Some(TEXT),
            vec![
                labelled("asserted", Some("person"), [4, 8]),
                labelled("denied", None, [24, 27]),
            ],
        );
        let pred = doc(
            "a",
            None,
            vec![
                labelled("denied", Some("person"), [4, 8]),
                labelled("denied", None, [0, 1]),
            ],
        );
        let scores = run(&[gold], &[pred]);
        assert_eq!(
            scores.labels.stance,
            LabelScore {
                matched: 1,
                correct: 0,
                accuracy: Some(0.0)
            }
        );
        assert_eq!(
            scores.labels.source_kind,
            LabelScore {
                matched: 1,
                correct: 1,
                accuracy: Some(1.0)
            }
        );
        assert_eq!(scores.labels.certainty.accuracy, None);
    }

    #[test]
    fn repeated_ids_keep_the_last_document() {
        let empty = doc("a", Some(TEXT), vec![]);
        let one = doc("a", Some(TEXT), vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let scores = run(&[empty.clone(), one.clone()], &[one, empty]);
        assert_eq!((scores.articles, scores.gold, scores.predicted), (1, 1, 0));
    }

    #[test]
    fn rounding_is_pythons() {
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(1.0 / 3.0), 0.3333);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.00005), 0.0001);
    }

    #[test]
    fn table_has_score_py_layout() {
        let gold = doc("a", Some(TEXT), vec![att(&[[0, 3]], &[[4, 8]], &[[9, 33]])]);
        let table = run(&[gold], &[]).to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "articles 1 (missing 1)  gold 1  predicted 0");
        assert_eq!(
            lines[1],
            format!(
                "{:8}{:>26}{:>26}{:>26}{:>26}",
                "", "source", "cue", "content", "attribution"
            )
        );
        assert!(lines[2].starts_with("exact      P 0.000 R 0.000 F 0.000   P 0.000"));
        assert_eq!(lines.len(), 5);
    }
}
