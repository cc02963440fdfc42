//! Dependency parses of the scanner's sentences: the UD tokenizer, the tagger and the parser run
//! over a whole sentence, only when a rule asks, and the parse is mapped back onto [`Words`]
//! tokens. Knows nothing of cues or attributions; without loadable models every answer is
//! `None`.

use super::attribution::Span;
use super::parser::{self, Label};
use super::tagger;
use super::token;
use super::words::Words;
use std::cell::RefCell;
use std::rc::Rc;

/// Sentences longer than this (in scanner tokens) are not parsed: run-on text without
/// sentence breaks (tables, lists) parses badly, and the rules do without.
const LONGEST: usize = 150;

/// Lazily parsed sentences of one text.
pub(crate) struct Syntax<'a, 'w> {
    w: &'a Words<'w>,
    sentences: &'a [(usize, usize)],
    parses: RefCell<Vec<Option<Option<Rc<Tree>>>>>,
}

/// One sentence's parse over scanner tokens `s0..s1`: each token's head (a scanner token
/// index, `None` for the root word and for tokens the parser did not see) and relation.
pub(crate) struct Tree {
    s0: usize,
    heads: Vec<Option<usize>>,
    labels: Vec<Option<Label>>,
}

impl<'a, 'w> Syntax<'a, 'w> {
    pub fn new(w: &'a Words<'w>, sentences: &'a [(usize, usize)]) -> Self {
        Syntax {
            w,
            sentences,
            parses: RefCell::new(vec![None; sentences.len()]),
        }
    }

    /// The parse of sentence `k`, parsing it first if need be.
    pub fn sentence(&self, k: usize) -> Option<Rc<Tree>> {
        if let Some(known) = self.parses.borrow().get(k).cloned().flatten() {
            return known;
        }
        let tree = self.parse(k).map(Rc::new);
        if let Some(slot) = self.parses.borrow_mut().get_mut(k) {
            *slot = Some(tree.clone());
        }
        tree
    }

    fn parse(&self, k: usize) -> Option<Tree> {
        let (tagger, parser) = (tagger::tagger()?, parser::parser()?);
        let w = self.w;
        let &(s0, s1) = self.sentences.get(k)?;
        if s1 <= s0 || s1 - s0 > LONGEST {
            return None;
        }
        let range = Span::new(w.toks[s0].start, w.toks[s1 - 1].end);
        let toks = token::tokenize(w.text, range);
        let words: Vec<&str> = toks.iter().map(|t| t.span.text(w.text)).collect();
        let parse = parser.parse(&words, &tagger.tag(w.text, &toks));
        // The scanner token each UD token starts in ("don't" holds "do" and "n't").
        let scanner: Vec<Option<usize>> = toks
            .iter()
            .map(|u| {
                let i = s0 + w.toks[s0..s1].partition_point(|t| t.end <= u.span.start);
                (i < s1 && w.toks[i].start <= u.span.start).then_some(i)
            })
            .collect();
        let mut tree = Tree {
            s0,
            heads: vec![None; s1 - s0],
            labels: vec![None; s1 - s0],
        };
        // A scanner token takes the head and relation of its UD token whose head lies
        // outside it (the last such): "do" for "don't".
        for ((&at, &head), &label) in scanner.iter().zip(&parse.heads).zip(&parse.labels) {
            let Some(i) = at else { continue };
            let head = head.and_then(|h| scanner.get(h).copied().flatten());
            if head == Some(i) {
                continue;
            }
            tree.heads[i - s0] = head;
            tree.labels[i - s0] = Some(label);
        }
        Some(tree)
    }
}

impl Tree {
    /// The relation of token `i` to its head, without its subtype (`nsubj` for `nsubj:pass`).
    pub fn relation(&self, i: usize) -> Option<&'static str> {
        let label = self
            .labels
            .get(i.checked_sub(self.s0)?)
            .copied()
            .flatten()?;
        Some(label.universal())
    }

    /// The tokens that hang on `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let s0 = self.s0;
        self.heads
            .iter()
            .enumerate()
            .filter(move |(_, h)| **h == Some(i))
            .map(move |(j, _)| s0 + j)
    }

    /// The first and last token of the subtree of `i` (`i` and everything that hangs on it,
    /// directly or not). Linear in the sentence: each token's path to the root is followed
    /// at most once thanks to the memo.
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let n = self.heads.len();
        // in[j]: 1 if token j is inside, 2 outside, 0 not known yet.
        let mut memo = vec![0u8; n];
        let Some(root) = i.checked_sub(self.s0).filter(|&r| r < n) else {
            return (i, i);
        };
        memo[root] = 1;
        let (mut lo, mut hi) = (root, root);
        let mut path = Vec::new();
        for j in 0..n {
            let mut at = j;
            path.clear();
            let verdict = loop {
                if memo[at] != 0 {
                    break memo[at];
                }
                path.push(at);
                match self.heads[at] {
                    Some(h) if h >= self.s0 && h - self.s0 < n && path.len() <= n => {
                        at = h - self.s0
                    }
                    _ => break 2,
                }
            };
            for &p in &path {
                memo[p] = verdict;
            }
            if verdict == 1 {
                lo = lo.min(j);
                hi = hi.max(j);
            }
        }
        (self.s0 + lo, self.s0 + hi)
    }
}

#[cfg(test)]
mod tests {
    use super::super::sentences;
    use super::*;

    #[test]
    fn parses_map_onto_scanner_tokens() {
        let text = "It rained. Officials of the city don't think the old bridge will hold.";
        let w = Words::new(text);
        let sents = sentences::split(&w);
        assert_eq!(sents.len(), 2);
        let syntax = Syntax::new(&w, &sents);
        let Some(tree) = syntax.sentence(1) else {
            panic!("the shipped models do not load");
        };
        let at = |word: &str| {
            (0..w.len())
                .find(|&i| w.raw(i) == word)
                .unwrap_or_else(|| panic!("no token {word}"))
        };
        // "don't" is one scanner token, "do" and "n't" for the parser: it hangs where they do.
        let think = at("think");
        let subject: Vec<usize> = tree
            .children(think)
            .filter(|&c| tree.relation(c) == Some("nsubj"))
            .collect();
        assert_eq!(subject, [at("Officials")]);
        assert!(tree.children(think).any(|c| c == at("don't")));
        assert_eq!(tree.subtree(at("Officials")), (at("Officials"), at("city")));
        let clause = tree
            .children(think)
            .find(|&c| tree.relation(c) == Some("ccomp"));
        assert_eq!(clause, Some(at("hold")));
        assert_eq!(tree.subtree(at("hold")), (at("old") - 1, at("hold")));
        // Tokens of another sentence are not in this tree.
        assert_eq!(tree.relation(0), None);
        assert_eq!(syntax.sentence(5).map(|t| t.s0), None);
    }
}
