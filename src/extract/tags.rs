//! Part-of-speech tags for the scanner's tokens: runs the UD tokenizer and tagger over a few
//! words around a token, only when a rule asks, and maps the tag back onto [`Words`] tokens.
//! Knows nothing of cues or attributions; without a loadable model every answer is `None`.

use super::attribution::Span;
use super::tagger::{self, Upos};
use super::token;
use super::words::{Kind, Words};
use std::cell::RefCell;

/// Words tagged before the asked token: the tagger's features reach two words back, and its
/// previous-tag features settle within a few words, so a short run-up gives nearly the tag a
/// whole sentence would.
const BEFORE: usize = 6;
/// Words tagged after the asked token (the features reach two words ahead).
const AFTER: usize = 3;

/// Lazily tagged tokens of one text. Tagging costs about 1 µs a word, more than the rest of
/// the extractor, so only the asked token's neighbourhood inside its sentence is tagged.
pub(crate) struct Tags<'a, 'w> {
    w: &'a Words<'w>,
    sentences: &'a [(usize, usize)],
    /// One entry per scanner token: not asked yet, or the answer (`None` if untaggable).
    tags: RefCell<Vec<Option<Option<Upos>>>>,
}

impl<'a, 'w> Tags<'a, 'w> {
    pub fn new(w: &'a Words<'w>, sentences: &'a [(usize, usize)]) -> Self {
        Tags {
            w,
            sentences,
            tags: RefCell::new(vec![None; w.len()]),
        }
    }

    /// The tag of scanner token `i`, tagging its neighbourhood first if need be.
    pub fn get(&self, i: usize) -> Option<Upos> {
        if let Some(known) = self.tags.borrow().get(i).copied().flatten() {
            return known;
        }
        let tag = self.tag_around(i);
        if let Some(slot) = self.tags.borrow_mut().get_mut(i) {
            *slot = Some(tag);
        }
        tag
    }

    /// Whether token `i` is tagged as one of `tags`.
    pub fn is(&self, i: usize, tags: &[Upos]) -> bool {
        self.get(i).is_some_and(|t| tags.contains(&t))
    }

    /// Tokens `a..=b` less the verbs and auxiliaries that end them: a noun phrase read
    /// forward word by word may run into its verb ("the mayor left").
    pub fn without_verb_tail(&self, (a, mut b): (usize, usize)) -> (usize, usize) {
        while b > a && self.is(b, &[Upos::Verb, Upos::Aux]) {
            b -= 1;
        }
        (a, b)
    }

    /// Tokens `a..=b` up to the verb of the clause they open: a noun phrase read forward word
    /// by word may run into its verb and past it ("the ministry kept silent for a week").
    /// The verb is a lowercase verb or auxiliary right after a noun or a pronoun other than a
    /// relative one, before any punctuation, so a participle before its noun ("the newly
    /// elected council"), a relative clause ("the board, which meets …") and an apposition
    /// ("Lee -- whose aide wrote it --") stay.
    pub fn before_verb(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let w = self.w;
        let unbroken = (a..=b)
            .take_while(|&i| matches!(w.kind(i), Some(Kind::Word | Kind::Possessive)))
            .last()
            .unwrap_or(a);
        let verb = (a + 1..=unbroken).find(|&i| {
            !self.w.is_cap(i)
                && self.is(i, &[Upos::Verb, Upos::Aux])
                && self.is(i - 1, &[Upos::Noun, Upos::Propn, Upos::Pron])
                && !matches!(
                    self.w.low(i - 1),
                    "who" | "whom" | "whose" | "which" | "that"
                )
        });
        self.without_verb_tail((a, verb.map_or(b, |v| v - 1)))
    }

    fn tag_around(&self, i: usize) -> Option<Upos> {
        let tagger = tagger::tagger()?;
        let w = self.w;
        let k = self.sentences.partition_point(|&(_, e)| e <= i);
        let &(s0, s1) = self.sentences.get(k)?;
        if i < s0 || i >= s1 {
            return None;
        }
        let a = i.saturating_sub(BEFORE).max(s0);
        let b = (i + AFTER).min(s1 - 1);
        let range = Span::new(w.toks[a].start, w.toks[b].end);
        let toks = token::tokenize(w.text, range);
        // The asked token takes the tag of the first UD token that starts inside it ("don't"
        // takes "do").
        let t = w.toks[i];
        let j = toks
            .iter()
            .position(|u| u.span.start >= t.start && u.span.start < t.end)?;
        let upos = tagger.tag(w.text, &toks);
        upos.get(j).copied()
    }
}
