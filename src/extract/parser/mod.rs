//! Dependency parsing: the head and relation of every word of one sentence, from its words and
//! their part-of-speech tags, by a greedy arc-hybrid transition parser whose moves and labels
//! two averaged perceptrons score (see `README.md` here). Knows nothing of cues, sources or
//! attributions; never fails once loaded.
//!
//! The models ship inside the binary (`moves.bin`, `labels.bin`, `include_bytes!`), in the
//! tagger's file format, and are decoded once, on first use, into a process-wide [`OnceLock`].

mod labels;
mod state;
pub mod train;

pub(crate) use labels::Label;

use super::tagger::{Format, Model, ModelError, Upos};
use labels::LABELS;
use state::{Sentence, State, LABEL_FEATURES, MOVES, MOVE_FEATURES};
use std::sync::OnceLock;

static MOVE_BYTES: &[u8] = include_bytes!("moves.bin");
static LABEL_BYTES: &[u8] = include_bytes!("labels.bin");

/// The move model's file: the tagger's format under its own magic.
const MOVE_FORMAT: Format = Format {
    magic: b"HSPARMOV",
    features: MOVE_FEATURES as u8,
};
/// The label model's file.
const LABEL_FORMAT: Format = Format {
    magic: b"HSPARLAB",
    features: LABEL_FEATURES as u8,
};

/// A loaded parser. Cheap to share: parsing takes `&self`.
pub(crate) struct Parser {
    moves: Model<MOVES>,
    labels: Model<LABELS>,
}

/// One sentence's parse: for each word, its head (`None` for the sentence's root word) and
/// its relation to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parse {
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Label>,
}

/// The shipped parser, decoded on first call and shared afterwards.
///
/// `None` only if the models bundled into this binary are damaged, which the tests rule out;
/// callers should then carry on without a parse rather than fail.
pub(crate) fn parser() -> Option<&'static Parser> {
    static PARSER: OnceLock<Option<Parser>> = OnceLock::new();
    PARSER
        .get_or_init(|| Parser::from_bytes(MOVE_BYTES, LABEL_BYTES).ok())
        .as_ref()
}

impl Parser {
    /// Reads the two model files `train::train` writes. Errors, never panics, on bad bytes.
    pub(crate) fn from_bytes(moves: &[u8], labels: &[u8]) -> Result<Parser, ModelError> {
        Ok(Parser {
            moves: Model::decode_classes(MOVE_FORMAT, moves)?,
            labels: Model::decode_classes(LABEL_FORMAT, labels)?,
        })
    }

    /// Parses one sentence: `words[i]` tagged `tags[i]` (extra words or tags are ignored).
    /// Linear time: two moves a word, each scored from a fixed number of features.
    pub(crate) fn parse(&self, words: &[&str], tags: &[Upos]) -> Parse {
        let sentence = Sentence::new(words.iter().copied().zip(tags.iter().copied()));
        let n = sentence.len();
        let mut state = State::new(n);
        while !state.done() {
            let scores = self.moves.sums(&state.move_features(&sentence));
            let mv = state::best_move(&scores, state.valid());
            let label = match state.arc(mv) {
                Some((h, d)) => state::best_label(
                    h == n,
                    &self.labels.sums(&state.label_features(&sentence, h, d)),
                ),
                None => Label::DEP,
            };
            state.apply(mv, label);
        }
        Parse {
            heads: state.heads.iter().map(|&h| (h < n).then_some(h)).collect(),
            labels: state.labels,
        }
    }
}

#[cfg(test)]
mod tests;
