//! Dependency parses of the scanner's sentences: the UD tokenizer, the tagger and the parser run
//! over a whole sentence, only when a rule asks, and the parse is mapped back onto [`Words`]
//! tokens. Knows nothing of cues or attributions; without loadable models every answer is
//! `None`.

use super::attribution::Span;
use super::parser::{self, Label};
use super::tagger::{self, Upos};
use super::token;
use super::words::Words;
use std::cell::RefCell;
use std::ops::Range;
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

/// What a short text on its own, such as a claim's content, predicates: its first sentence's
/// parse read for its head and its clauses. Byte ranges into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicates {
    /// Whether the text is a phrase that predicates nothing: its root no verb, adjective or
    /// noun with a subject or copula, and "that" does not open it ("golf courses as wasted
    /// space", "Trump's repeated calls to ban Muslims"). It names something without saying
    /// anything of it.
    pub phrase: bool,
    /// The root, or the head of the clause a root verb introduces: "consistent" in "his
    /// actions are consistent with the right to bear arms", "infringe" in "they infringe on
    /// the right to bear arms", "unfit" in "it underscores that Trump is unfit". `None` when
    /// that is no word, or when the text is a phrase that predicates nothing (its root no
    /// verb, adjective or noun with a subject or copula: "a deal they fear could give the
    /// navy a port").
    pub head: Option<Range<usize>>,
    /// The head's subject: "Trump" in "it underscores that Trump is unfit", "they" in
    /// "they're worried".
    pub subject: Option<Range<usize>>,
    /// The heads of the root's clause and of the clauses it runs on into (complements,
    /// adverbial clauses, conjuncts, run-ons), in order: "disrespecting", "proving",
    /// "unqualified" and "unfit" in "Trump has been disrespecting veterans, proving he's
    /// unqualified and unfit". Empty for a phrase that predicates nothing.
    pub clauses: Vec<Range<usize>>,
}

/// The [`Predicates`] of `text`'s first sentence, which ends at the first `.`, `!` or `?` with
/// words after it (not at `…`, which joins the pieces of a quote around its cue: "a broader
/// swath of voters … to be moving behind Trump"). `None` when the models do not load, or the
/// sentence has no word or is longer than [`LONGEST`] tokens.
///
/// Linear in the first sentence: one tagging, one greedy parse, one pass over its arcs.
pub fn predicates(text: &str) -> Option<Predicates> {
    let (tagger, parser) = (tagger::tagger()?, parser::parser()?);
    let mut toks = token::tokenize(text, Span::new(0, text.len()));
    let is_word =
        |t: &token::Token| matches!(t.kind, token::TokenKind::Word | token::TokenKind::Number);
    let last_word = toks.iter().rposition(is_word)?;
    let sentence_end = toks[..last_word].iter().position(|t| {
        t.kind == token::TokenKind::Punct && matches!(t.span.text(text), "." | "!" | "?")
    });
    toks.truncate(sentence_end.map_or(last_word + 1, |end| end + 1));
    if toks.len() > LONGEST {
        return None;
    }
    let words: Vec<&str> = toks.iter().map(|t| t.span.text(text)).collect();
    let tags = tagger.tag(text, &toks);
    let parse = parser.parse(&words, &tags);
    let root = parse.heads.iter().position(Option::is_none)?;
    let mut complement = vec![None; toks.len()];
    let mut clauses_of: Vec<Vec<usize>> = vec![Vec::new(); toks.len()];
    let mut predicative = vec![false; toks.len()];
    let mut subject_of = vec![None; toks.len()];
    for (j, (&head, label)) in parse.heads.iter().zip(&parse.labels).enumerate() {
        let Some(h) = head.filter(|&h| h < toks.len()) else {
            continue;
        };
        let relation = label.universal();
        predicative[h] |= matches!(relation, "cop" | "nsubj");
        if relation == "nsubj" && subject_of[h].is_none() {
            subject_of[h] = Some(j);
        }
        if relation == "ccomp" && complement[h].is_none() {
            complement[h] = Some(j);
        }
        if matches!(relation, "ccomp" | "xcomp" | "advcl" | "conj" | "parataxis") {
            clauses_of[h].push(j);
        }
    }
    // A phrase that predicates nothing ("Trump's repeated calls to ban Muslims") has no head
    // to compare. What "that" opens is a clause whatever its parse: a root that is no
    // predicate there is a parse gone wrong, and says nothing either way.
    let is_clause =
        predicative[root] || matches!(tags.get(root), Some(Upos::Verb | Upos::Aux | Upos::Adj));
    if !is_clause {
        let opens_clause = words
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("that"));
        return Some(Predicates {
            phrase: !opens_clause,
            head: None,
            subject: None,
            clauses: Vec::new(),
        });
    }
    // What a framing verb introduces is the content's predicate. A parse is a tree, so
    // neither walk meets a word twice.
    let mut head = root;
    let mut steps = 0;
    while let Some(clause) = complement[head].filter(|_| steps < toks.len()) {
        head = clause;
        steps += 1;
    }
    let mut clauses = vec![root];
    let mut k = 0;
    while let Some(&at) = clauses.get(k).filter(|_| clauses.len() <= toks.len()) {
        clauses.extend(&clauses_of[at]);
        k += 1;
    }
    clauses.truncate(toks.len());
    clauses.sort_unstable();
    let range = |j: usize| {
        toks.get(j)
            .filter(|t| is_word(t))
            .map(|t| t.span.start..t.span.end)
    };
    Some(Predicates {
        phrase: false,
        head: range(head),
        subject: subject_of[head].and_then(range),
        clauses: clauses.into_iter().filter_map(range).collect(),
    })
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

    #[test]
    fn a_content_is_headed_by_its_predicate() {
        fn head(text: &str) -> Option<&str> {
            predicates(text)?.head.map(|r| &text[r])
        }
        assert_eq!(
            head("they infringe on Americans' constitutional right to bear arms"),
            Some("infringe")
        );
        assert_eq!(
            head("his actions are consistent with the right to bear arms"),
            Some("consistent")
        );
        // Through a framing verb to what it frames.
        assert_eq!(
            head("it underscores that Ortiz is temperamentally unfit to be commander in chief"),
            Some("unfit")
        );
        // The first sentence only.
        assert_eq!(
            head("\"They're worried. There is no doubt.\""),
            Some("worried")
        );
        assert_eq!(head("…"), None);
        assert_eq!(head(""), None);
        let text = "Ortiz has been disrespecting veterans, proving she is unqualified and unfit";
        let clauses: Vec<&str> = predicates(text)
            .map(|p| p.clauses.into_iter().map(|r| &text[r]).collect())
            .unwrap_or_default();
        assert_eq!(
            clauses,
            ["disrespecting", "proving", "unqualified", "unfit"]
        );
    }
}
