//! Part-of-speech tags for the scanner's tokens: runs the UD tokenizer and tagger over one
//! sentence at a time, only when a rule asks, and maps the tags back onto [`Words`] tokens.
//! Knows nothing of cues or attributions; without a loadable model every answer is `None`.

use super::attribution::Span;
use super::tagger::{self, Upos};
use super::token;
use super::words::Words;
use std::cell::RefCell;

/// Lazily tagged sentences of one text. Tagging costs about as much as the rest of the
/// extractor, so a sentence is tagged the first time a rule needs one of its tags.
pub(crate) struct Tags<'a, 'w> {
    w: &'a Words<'w>,
    sentences: &'a [(usize, usize)],
    /// One entry per scanner token; `None` until its sentence is tagged (or if untaggable).
    tags: RefCell<Vec<Option<Upos>>>,
    done: RefCell<Vec<bool>>,
}

impl<'a, 'w> Tags<'a, 'w> {
    pub fn new(w: &'a Words<'w>, sentences: &'a [(usize, usize)]) -> Self {
        Tags {
            w,
            sentences,
            tags: RefCell::new(vec![None; w.len()]),
            done: RefCell::new(vec![false; sentences.len()]),
        }
    }

    /// The tag of scanner token `i`, tagging its sentence first if need be.
    pub fn get(&self, i: usize) -> Option<Upos> {
        if i >= self.w.len() {
            return None;
        }
        let k = self.sentences.partition_point(|&(_, e)| e <= i);
        if k >= self.sentences.len() {
            return None;
        }
        let fresh = self.done.borrow().get(k).is_some_and(|d| !d);
        if fresh {
            if let Some(d) = self.done.borrow_mut().get_mut(k) {
                *d = true;
            }
            self.tag_sentence(k);
        }
        self.tags.borrow().get(i).copied().flatten()
    }

    /// Whether token `i` is tagged as one of `tags`.
    pub fn is(&self, i: usize, tags: &[Upos]) -> bool {
        self.get(i).is_some_and(|t| tags.contains(&t))
    }

    fn tag_sentence(&self, k: usize) {
        let Some(tagger) = tagger::tagger() else {
            return;
        };
        let w = self.w;
        let (s0, s1) = self.sentences[k];
        if s1 <= s0 {
            return;
        }
        let range = Span::new(w.toks[s0].start, w.toks[s1 - 1].end);
        let toks = token::tokenize(w.text, range);
        let upos = tagger.tag(w.text, &toks);
        let mut tags = self.tags.borrow_mut();
        // Both token lists are in text order: walk them together. A scanner token takes the
        // tag of the first UD token that starts inside it ("don't" takes "do").
        let mut j = 0;
        for i in s0..s1 {
            let t = w.toks[i];
            while j < toks.len() && toks[j].span.end <= t.start {
                j += 1;
            }
            if j < toks.len() && toks[j].span.start < t.end {
                if let (Some(slot), Some(&u)) = (tags.get_mut(i), upos.get(j)) {
                    *slot = Some(u);
                }
            }
        }
    }
}
