//! Training and evaluating the parser on a Universal Dependencies treebank: averaged
//! perceptrons (Collins 2002) over the moves a dynamic oracle (Goldberg and Nivre 2013) allows,
//! exploring the model's own mistakes after the first pass, then labelling each arc when it is
//! made. Deterministic: the same sentences, options and seed give the same bytes.
//! `examples/train_parser.rs` runs it on EWT; a test runs it on a few sentences.

use super::super::tagger::{encode_as, mix, shuffle, tagger, Perceptron, Trained, Upos};
use super::super::treebank::TreeSentence;
use super::labels::{Label, LABELS};
use super::state::{self, Sentence, State, MOVES};
use super::{Parser, LABEL_FORMAT, MOVE_FORMAT};

/// Which part-of-speech tags the parser sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagSource {
    /// The treebank's own tags.
    Gold,
    /// The shipped tagger's, as when hearsay parses news.
    Predicted,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub iterations: usize,
    /// Seed of the shuffle before each pass and of the exploration.
    pub seed: u64,
    /// From this pass on (0-based), follow the model's own move, right or wrong, with
    /// probability `explore`, so it learns to recover from its mistakes.
    pub explore_from: usize,
    pub explore: f64,
    /// Averaged weights of smaller magnitude are left out of the files.
    pub prune: f32,
    /// The tags to train on.
    pub tags: TagSource,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 15,
            seed: 0x5eed,
            explore_from: 1,
            explore: 0.9,
            prune: 1.0,
            tags: TagSource::Predicted,
        }
    }
}

/// The two model files a training run writes.
pub struct TrainedParser {
    pub moves: Vec<u8>,
    pub labels: Vec<u8>,
}

/// Attachment scores over every word, punctuation included (as CoNLL 2018 counts them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub words: usize,
    /// Unlabelled attachment score: the head is right.
    pub uas: f64,
    /// Labelled attachment score on the universal relation (the part before `:`), the
    /// CoNLL 2018 measure.
    pub las: f64,
    /// Labelled attachment score on the full relation, subtype included.
    pub las_full: f64,
    /// Time spent in the parser alone (not tagging, not scoring).
    pub parse_seconds: f64,
}

/// A sentence as the parser sees it, with its gold tree (`gold[d]` is `n` for the root).
struct Example {
    words: Vec<String>,
    tags: Vec<Upos>,
    gold: Vec<usize>,
    labels: Vec<Label>,
    children: Vec<Vec<usize>>,
}

impl Example {
    fn new(s: &TreeSentence, tags: TagSource) -> Example {
        let n = s.words.len();
        let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let tags = match (tags, tagger()) {
            (TagSource::Predicted, Some(t)) => {
                t.tag_words(&words.iter().map(String::as_str).collect::<Vec<_>>())
            }
            _ => s
                .words
                .iter()
                .map(|w| Upos::from_name(&w.upos).unwrap_or(Upos::X))
                .collect(),
        };
        let gold: Vec<usize> = s
            .words
            .iter()
            .map(|w| if w.head == 0 { n } else { w.head - 1 })
            .collect();
        let mut children = vec![Vec::new(); n + 1];
        for (d, &h) in gold.iter().enumerate() {
            children[h].push(d);
        }
        Example {
            words,
            tags,
            gold,
            labels: s
                .words
                .iter()
                .map(|w| Label::from_name(&w.deprel))
                .collect(),
            children,
        }
    }

    fn sentence(&self) -> Sentence {
        Sentence::new(
            self.words
                .iter()
                .map(String::as_str)
                .zip(self.tags.iter().copied()),
        )
    }
}

/// Trains a parser on `sentences` (a treebank's training split).
pub fn train(sentences: &[TreeSentence], options: TrainOptions) -> TrainedParser {
    let examples: Vec<Example> = sentences
        .iter()
        .map(|s| Example::new(s, options.tags))
        .collect();
    let mut moves = Perceptron::<MOVES>::default();
    let mut labels = Perceptron::<LABELS>::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options.seed | 1;
    for pass in 0..options.iterations {
        shuffle(&mut order, &mut rng);
        for &i in &order {
            let ex = &examples[i];
            let explore = pass >= options.explore_from;
            learn(
                &mut moves,
                &mut labels,
                ex,
                explore.then_some(options.explore),
                &mut rng,
            );
        }
    }
    TrainedParser {
        moves: encode_as(
            MOVE_FORMAT,
            &Trained {
                weights: &moves.averaged(),
                dict: &[],
            },
            options.prune,
        ),
        labels: encode_as(
            LABEL_FORMAT,
            &Trained {
                weights: &labels.averaged(),
                dict: &[],
            },
            options.prune,
        ),
    }
}

/// One pass over one sentence: at each step, update toward the best-scoring move of least
/// cost, then follow it, or (when exploring, with probability `explore`) the model's own.
fn learn(
    moves: &mut Perceptron<MOVES>,
    labels: &mut Perceptron<LABELS>,
    ex: &Example,
    explore: Option<f64>,
    rng: &mut u64,
) {
    let sentence = ex.sentence();
    let n = sentence.len();
    let mut st = State::new(n);
    while !st.done() {
        let features = st.move_features(&sentence);
        let scores = moves.scores(&features);
        let valid = st.valid();
        let guess = state::best_move(&scores, valid);
        let costs = st.costs(&ex.gold, &ex.children);
        let least = costs.iter().copied().min().unwrap_or(0);
        let allowed = costs.map(|c| c == least);
        let best = state::best_move(&scores, allowed);
        moves.update(best, guess, &features);
        *rng = mix(*rng);
        let follow_guess = explore.is_some_and(|p| ((*rng >> 11) as f64) < p * (1u64 << 53) as f64);
        let mv = if follow_guess { guess } else { best };
        let label = match st.arc(mv) {
            Some((h, d)) => {
                let lf = st.label_features(&sentence, h, d);
                let guessed = state::best_label(h == n, &labels.scores(&lf));
                if ex.gold[d] == h && h != n {
                    let gold = ex.labels[d];
                    labels.update(usize::from(gold.0), usize::from(guessed.0), &lf);
                    gold
                } else {
                    guessed
                }
            }
            None => Label::DEP,
        };
        st.apply(mv, label);
    }
}

/// Parses `sentences` with the given model files and scores the result against their trees.
pub fn evaluate(
    model: &TrainedParser,
    sentences: &[TreeSentence],
    tags: TagSource,
) -> Result<Scores, String> {
    let parser = Parser::from_bytes(&model.moves, &model.labels).map_err(|e| e.to_string())?;
    let (mut words, mut heads, mut las, mut full) = (0usize, 0usize, 0usize, 0usize);
    let mut seconds = 0.0;
    for s in sentences {
        let ex = Example::new(s, tags);
        let forms: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        let started = std::time::Instant::now();
        let parse = parser.parse(&forms, &ex.tags);
        seconds += started.elapsed().as_secs_f64();
        let n = forms.len();
        for d in 0..n {
            words += 1;
            if parse.heads[d].unwrap_or(n) == ex.gold[d] {
                heads += 1;
                las += usize::from(parse.labels[d].universal() == ex.labels[d].universal());
                full += usize::from(parse.labels[d] == ex.labels[d]);
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / words.max(1) as f64;
    Ok(Scores {
        words,
        uas: pct(heads),
        las: pct(las),
        las_full: pct(full),
        parse_seconds: seconds,
    })
}
