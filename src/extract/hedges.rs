//! Certainty from hedges: the first hedge word in the content decides ("may" → possible,
//! "likely" → probable); "would" counts only under a present-tense cue, since under a past
//! one it is the reported "will". Knows nothing of spans beyond the words it is given.

use super::attribution::Certainty;
use super::words::{Kind, Words};

fn hedge(word: &str, present_cue: bool) -> Option<Certainty> {
    match word {
        "may" | "might" | "could" | "possibly" | "possible" | "perhaps" | "maybe"
        | "conceivably" => Some(Certainty::Possible),
        "likely" | "probably" | "expected" | "unlikely" | "presumably" | "apparently"
        | "seemingly" | "appears" | "seems" | "probable" => Some(Certainty::Probable),
        "would" | "should" if present_cue => Some(Certainty::Probable),
        _ => None,
    }
}

/// The certainty of content tokens `[a, b)` reported by a cue in the present tense or not.
pub(crate) fn certainty(w: &Words, a: usize, b: usize, present_cue: bool) -> Certainty {
    (a..b.min(w.len()))
        .filter(|&i| w.kind(i) == Some(Kind::Word))
        // "May" the month is no hedge; a capital only counts opening the content.
        .filter(|&i| i == a || !w.is_cap(i))
        .find_map(|i| hedge(w.low(i), present_cue))
        .unwrap_or(Certainty::Certain)
}

/// Certainty a cue itself lends ("believes", "expects", "predicted").
pub(crate) fn cue_certainty(lemma: &str) -> Option<Certainty> {
    match lemma {
        "believe" | "think" | "predict" | "estimate" | "expect" | "speculate" | "suggest" => {
            Some(Certainty::Probable)
        }
        _ => None,
    }
}
