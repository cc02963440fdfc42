//! Training weights for the hashed-feature models (the tagger, the parser): an averaged
//! perceptron (Collins 2002) over `N` classes with lazy averaging, whose result
//! [`encode_as`](super::model::encode_as) writes. Knows nothing of tags, words or transitions.
//!
//! `examples/train_tagger.rs` includes this very file with `#[path]`, as it does `model.rs`,
//! so no `crate::`/`super::` paths here.

use std::collections::HashMap;

/// Shuffles `order` in place (Fisher-Yates over xorshift64 from `state`, which it advances):
/// deterministic for a given seed, so training gives the same bytes every run.
pub(crate) fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// Weights being learnt. Each weight remembers when it last changed, so averaging costs
/// nothing per instance.
pub(crate) struct Perceptron<const N: usize> {
    index: HashMap<u64, usize>,
    weights: Vec<[f32; N]>,
    totals: Vec<[f64; N]>,
    stamps: Vec<[u32; N]>,
    instances: u32,
}

impl<const N: usize> Default for Perceptron<N> {
    fn default() -> Self {
        Perceptron {
            index: HashMap::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            instances: 0,
        }
    }
}

impl<const N: usize> Perceptron<N> {
    /// The current (not averaged) score of every class.
    pub(crate) fn scores(&self, features: &[u64]) -> [f32; N] {
        let mut scores = [0f32; N];
        for f in features {
            if let Some(&r) = self.index.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.weights[r]) {
                    *s += w;
                }
            }
        }
        scores
    }

    /// The best-scoring class; ties go to the lowest index (deterministic).
    #[allow(dead_code)] // Not used by the parser, which chooses among valid classes.
    pub(crate) fn predict(&self, features: &[u64]) -> usize {
        let scores = self.scores(features);
        let mut best = 0;
        for t in 1..N {
            if scores[t] > scores[best] {
                best = t;
            }
        }
        best
    }

    /// Counts one training instance and, if `guess` is not `gold`, moves the weights of
    /// `features` toward `gold` and away from `guess`.
    pub(crate) fn update(&mut self, gold: usize, guess: usize, features: &[u64]) {
        self.instances += 1;
        if gold == guess {
            return;
        }
        for &f in features {
            let r = *self.index.entry(f).or_insert_with(|| {
                self.weights.push([0.0; N]);
                self.totals.push([0.0; N]);
                self.stamps.push([0; N]);
                self.weights.len() - 1
            });
            for (t, delta) in [(gold, 1.0f32), (guess, -1.0)] {
                let w = &mut self.weights[r][t];
                self.totals[r][t] += f64::from(self.instances - self.stamps[r][t]) * f64::from(*w);
                self.stamps[r][t] = self.instances;
                *w += delta;
            }
        }
    }

    /// The weights averaged over every instance seen, by feature key in key order (so the
    /// encoded file does not depend on the hash map's iteration order).
    pub(crate) fn averaged(&self) -> Vec<(u64, [f32; N])> {
        let n = f64::from(self.instances.max(1));
        let mut rows: Vec<(u64, [f32; N])> = self
            .index
            .iter()
            .map(|(&k, &r)| {
                let mut row = [0f32; N];
                for (t, w) in row.iter_mut().enumerate() {
                    let total = self.totals[r][t]
                        + f64::from(self.instances - self.stamps[r][t])
                            * f64::from(self.weights[r][t]);
                    *w = (total / n) as f32;
                }
                (k, row)
            })
            .collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        rows
    }
}
