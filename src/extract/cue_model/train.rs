//! Training the cue model: the rules' proposals on annotated texts, labelled by whether a gold
//! cue overlaps theirs, learnt by logistic regression (stochastic gradient descent on the log
//! loss, weights averaged over every step) in a fixed order, so the same data and seed give the
//! same bytes. `examples/train_attribution.rs` runs it on
//! PolNeAR train; a test runs it on a few sentences.

use super::super::attribution::Span;
use super::super::tagger::{encode_as, mix, Trained, TAGS};
use super::{decode, proposals, FORMAT};
use std::collections::HashMap;

/// The step of stochastic gradient descent on the log loss.
const LEARNING_RATE: f64 = 0.1;

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the proposals.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// Averaged weights of smaller magnitude are left out of the file.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 24301,
            prune: 0.001,
        }
    }
}

/// What a training run saw and wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainReport {
    /// Proposals of the rules on the training texts.
    pub proposals: usize,
    /// Of these, the ones a gold cue overlaps.
    pub positives: usize,
    /// Feature ids with a weight in the file.
    pub features: usize,
}

/// One annotated text: the text and its gold cues' byte spans.
pub struct GoldText<'a> {
    pub text: &'a str,
    pub cues: Vec<Span>,
}

/// splitmix64 (the tagger's finaliser over a Weyl sequence): the shuffle's random numbers,
/// written out so that they never change.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    mix(*state)
}

/// A weight with what averaging needs: the running sum of its past values, kept lazily.
#[derive(Default, Clone, Copy)]
struct Averaged {
    weight: f64,
    total: f64,
    stamp: u64,
}

/// Trains a cue model on `texts` and returns the model file and a report.
pub fn train(texts: &[GoldText<'_>], options: TrainOptions) -> (Vec<u8>, TrainReport) {
    let mut rows: Vec<(Vec<u64>, bool)> = Vec::new();
    for gold in texts {
        for p in proposals(gold.text) {
            let hit = p
                .cue
                .iter()
                .any(|c| gold.cues.iter().any(|g| c.start < g.end && g.start < c.end));
            rows.push((p.features, hit));
        }
    }
    let positives = rows.iter().filter(|r| r.1).count();
    let mut weights: HashMap<u64, Averaged> = HashMap::new();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut state = options.seed;
    let mut clock = 0u64;
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &r in &order {
            clock += 1;
            let (feats, hit) = &rows[r];
            let score: f64 = feats
                .iter()
                .filter_map(|f| weights.get(f))
                .map(|a| a.weight)
                .sum();
            // The gradient of the log loss: how far the predicted probability is from the label.
            let step = LEARNING_RATE * (f64::from(u8::from(*hit)) - 1.0 / (1.0 + (-score).exp()));
            for f in feats {
                let a = weights.entry(*f).or_default();
                a.total += a.weight * (clock - a.stamp) as f64;
                a.stamp = clock;
                a.weight += step;
            }
        }
    }
    let mut averaged: Vec<(u64, [f32; TAGS])> = weights
        .iter()
        .map(|(&k, a)| {
            let total = a.total + a.weight * (clock - a.stamp) as f64;
            let mut row = [0f32; TAGS];
            row[0] = (total / clock.max(1) as f64) as f32;
            (k, row)
        })
        .collect();
    averaged.sort_unstable_by_key(|(k, _)| *k);
    let bytes = encode_as(
        FORMAT,
        &Trained {
            weights: &averaged,
            dict: &[],
        },
        options.prune,
    );
    let features = decode(&bytes).map_or(0, |m| m.features());
    let report = TrainReport {
        proposals: rows.len(),
        positives,
        features,
    };
    (bytes, report)
}
