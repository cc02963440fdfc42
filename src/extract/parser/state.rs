//! The parser's machinery shared by parsing and training: the arc-hybrid transition system
//! (Kuhlmann, Gómez-Rodríguez and Satta 2011), the hashed features of a configuration and of
//! an arc, and the move costs the dynamic oracle (Goldberg and Nivre 2013) needs.

use super::super::tagger::{key, mix, Upos, WordFeatures};
use super::labels::{Label, LABELS};

/// Moves. `Shift` pushes the buffer's first word; `Left` hangs the stack's top on the
/// buffer's first word and pops it; `Right` hangs the stack's top on the word below it and
/// pops it.
pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
pub(crate) const MOVES: usize = 3;

/// No word here (an empty stack slot, a missing child).
const NONE: usize = usize::MAX;

/// What a word position contributes to features: its word, suffix and tag hashes, with fixed
/// values for the root and for nothing.
#[derive(Clone, Copy)]
struct Slot {
    word: u64,
    suffix: u64,
    tag: u64,
}

const EMPTY: Slot = Slot {
    word: 0x4e4f_4e45,
    suffix: 0x4e4f_4e45,
    tag: 99,
};
const ROOT: Slot = Slot {
    word: 0x524f_4f54,
    suffix: 0x524f_4f54,
    tag: 98,
};

/// A sentence ready to parse: per word, the values its features use; slot `n` is the root.
pub(crate) struct Sentence {
    slots: Vec<Slot>,
}

impl Sentence {
    pub(crate) fn new<'w>(words: impl ExactSizeIterator<Item = (&'w str, Upos)>) -> Sentence {
        let mut slots = Vec::with_capacity(words.len() + 1);
        slots.extend(words.map(|(w, t)| {
            let f = WordFeatures::of(w);
            Slot {
                word: f.norm(),
                suffix: f.suffix3(),
                tag: t as u64,
            }
        }));
        slots.push(ROOT);
        Sentence { slots }
    }

    /// Number of words (the root not counted).
    pub(crate) fn len(&self) -> usize {
        self.slots.len() - 1
    }

    fn slot(&self, i: usize) -> Slot {
        self.slots.get(i).copied().unwrap_or(EMPTY)
    }
}

/// A parser configuration: stack, buffer front, and the arcs made so far.
pub(crate) struct State {
    n: usize,
    pub stack: Vec<usize>,
    /// The buffer is the words `b..n` and then the root, `n`.
    pub b: usize,
    /// Head of each word (`NONE` until attached; `n` for the root).
    pub heads: Vec<usize>,
    pub labels: Vec<Label>,
    /// The two leftmost and the two rightmost children of each word and the root, nearest
    /// the edge first, and how many there are on each side.
    lefts: Vec<[usize; 2]>,
    rights: Vec<[usize; 2]>,
    valency: Vec<[u8; 2]>,
}

/// Templates of the transition features.
pub(crate) const MOVE_FEATURES: usize = 64;
/// Templates of the label features.
pub(crate) const LABEL_FEATURES: usize = 24;

impl State {
    pub(crate) fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n],
            labels: vec![Label::DEP; n],
            lefts: vec![[NONE; 2]; n + 1],
            rights: vec![[NONE; 2]; n + 1],
            valency: vec![[0; 2]; n + 1],
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    pub(crate) fn valid(&self) -> [bool; MOVES] {
        [
            self.b < self.n,
            !self.stack.is_empty(),
            self.stack.len() >= 2,
        ]
    }

    fn s(&self, k: usize) -> usize {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The arc `mv` would make, as (head, dependent); `None` for a shift.
    pub(crate) fn arc(&self, mv: usize) -> Option<(usize, usize)> {
        match mv {
            LEFT => Some((self.b, self.s(0))),
            RIGHT => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    /// Makes move `mv` (which must be valid), labelling its arc `label`.
    pub(crate) fn apply(&mut self, mv: usize, label: Label) {
        match self.arc(mv) {
            None => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Some((h, d)) => {
                self.stack.pop();
                self.heads[d] = h;
                self.labels[d] = label;
                if d < h {
                    let l = &mut self.lefts[h];
                    *l = [d, l[0]];
                    self.valency[h][0] = self.valency[h][0].saturating_add(1);
                } else {
                    let r = &mut self.rights[h];
                    *r = [d, r[0]];
                    self.valency[h][1] = self.valency[h][1].saturating_add(1);
                }
            }
        }
    }

    fn left(&self, i: usize, k: usize) -> usize {
        self.lefts.get(i).map_or(NONE, |l| l[k])
    }

    fn right(&self, i: usize, k: usize) -> usize {
        self.rights.get(i).map_or(NONE, |r| r[k])
    }

    fn label(&self, i: usize) -> u64 {
        self.labels.get(i).map_or(99, |l| u64::from(l.0))
    }

    fn valency(&self, i: usize, side: usize) -> u64 {
        self.valency.get(i).map_or(0, |v| u64::from(v[side]))
    }

    /// The features that score the next move.
    pub(crate) fn move_features(&self, sent: &Sentence) -> [u64; MOVE_FEATURES] {
        let (s0, s1, s2, n0) = (self.s(0), self.s(1), self.s(2), self.b);
        let n1 = if n0 < self.n { n0 + 1 } else { NONE };
        let n2 = if n1 < self.n { n1 + 1 } else { NONE };
        let (s0l1, s0l2, s0r1, s0r2) = (
            self.left(s0, 0),
            self.left(s0, 1),
            self.right(s0, 0),
            self.right(s0, 1),
        );
        let (n0l1, n0l2) = (self.left(n0, 0), self.left(n0, 1));
        let at = |i: usize| sent.slot(i);
        let (ws0, ws1, ws2, wn0, wn1, wn2) = (at(s0), at(s1), at(s2), at(n0), at(n1), at(n2));
        let (ws0l1, ws0l2, ws0r1, ws0r2, wn0l1, wn0l2) =
            (at(s0l1), at(s0l2), at(s0r1), at(s0r2), at(n0l1), at(n0l2));
        let dist = if s0 == NONE {
            0
        } else {
            (n0 - s0).min(5) as u64 + 1
        };
        let pair = |a: Slot| mix(a.word ^ a.tag.rotate_left(40));
        let three = |a: u64, b: u64, c: u64| mix(a ^ b.rotate_left(21) ^ c.rotate_left(42));
        let (ts0, tn0) = (ws0.tag, wn0.tag);
        [
            key(0, 0, 0),
            key(1, wn0.word, 0),
            key(2, wn1.word, 0),
            key(3, wn2.word, 0),
            key(4, ws0.word, 0),
            key(5, ws1.word, 0),
            key(6, ws2.word, 0),
            key(7, wn0l1.word, 0),
            key(8, wn0l2.word, 0),
            key(9, ws0l1.word, 0),
            key(10, ws0l2.word, 0),
            key(11, ws0r1.word, 0),
            key(12, ws0r2.word, 0),
            key(13, tn0, 0),
            key(14, wn1.tag, 0),
            key(15, wn2.tag, 0),
            key(16, ts0, 0),
            key(17, ws1.tag, 0),
            key(18, ws2.tag, 0),
            key(19, wn0l1.tag, 0),
            key(20, wn0l2.tag, 0),
            key(21, ws0l1.tag, 0),
            key(22, ws0l2.tag, 0),
            key(23, ws0r1.tag, 0),
            key(24, ws0r2.tag, 0),
            key(25, pair(wn0), 0),
            key(26, pair(wn1), 0),
            key(27, pair(wn2), 0),
            key(28, pair(ws0), 0),
            key(29, ws0.word, wn0.word),
            key(30, pair(wn0), ws0.word),
            key(31, pair(wn0), ts0),
            key(32, pair(ws0), wn0.word),
            key(33, pair(ws0), tn0),
            key(34, pair(ws0), pair(wn0)),
            key(35, ts0, tn0),
            key(36, tn0, wn1.tag),
            key(37, three(tn0, wn1.tag, wn2.tag), 0),
            key(38, three(ts0, tn0, wn1.tag), 0),
            key(39, three(ts0, ws1.tag, tn0), 0),
            key(40, three(ts0, ws0r1.tag, tn0), 0),
            key(41, three(ts0, tn0, wn0l1.tag), 0),
            key(42, three(ts0, ws0l1.tag, ws0l2.tag), 0),
            key(43, three(ts0, ws0r1.tag, ws0r2.tag), 0),
            key(44, three(tn0, wn0l1.tag, wn0l2.tag), 0),
            key(45, three(ts0, ws1.tag, ws2.tag), 0),
            key(46, ws0.word, self.valency(s0, 1)),
            key(47, ws0.word, self.valency(s0, 0)),
            key(48, wn0.word, self.valency(n0, 0)),
            key(49, ts0, self.valency(s0, 1)),
            key(50, ts0, self.valency(s0, 0)),
            key(51, tn0, self.valency(n0, 0)),
            key(52, ws0.word, dist),
            key(53, wn0.word, dist),
            key(54, ts0, dist),
            key(55, tn0, dist),
            key(56, three(ts0, tn0, dist), 0),
            key(57, three(ws0.word, wn0.word, dist), 0),
            key(58, ts0, self.label(s0l1)),
            key(59, ts0, self.label(s0r1)),
            key(60, tn0, self.label(n0l1)),
            key(61, three(ts0, self.label(s0l1), self.label(s0l2)), 0),
            key(62, three(ts0, self.label(s0r1), self.label(s0r2)), 0),
            key(63, three(tn0, self.label(n0l1), self.label(n0l2)), 0),
        ]
    }

    /// The features that label the arc from `h` to `d`, made now: `d`'s own children are all
    /// known, `h`'s only partly.
    pub(crate) fn label_features(
        &self,
        sent: &Sentence,
        h: usize,
        d: usize,
    ) -> [u64; LABEL_FEATURES] {
        let at = |i: usize| sent.slot(i);
        let (wh, wd) = (at(h), at(d));
        let before = if d == 0 { EMPTY } else { at(d - 1) };
        let after = at(d + 1);
        let dir_dist = if h < d {
            (d - h).min(6) as u64
        } else {
            16 + (h - d).min(6) as u64
        };
        let (dl1, dr1, hl1, hr1) = (
            self.left(d, 0),
            self.right(d, 0),
            self.left(h, 0),
            self.right(h, 0),
        );
        let three = |a: u64, b: u64, c: u64| mix(a ^ b.rotate_left(21) ^ c.rotate_left(42));
        let (th, td) = (wh.tag, wd.tag);
        [
            key(100, 0, 0),
            key(101, wd.word, 0),
            key(102, td, 0),
            key(103, wh.word, 0),
            key(104, th, 0),
            key(105, th, td),
            key(106, wh.word, td),
            key(107, th, wd.word),
            key(108, wh.word, wd.word),
            key(109, three(th, td, dir_dist), 0),
            key(110, td, dir_dist),
            key(111, three(td, self.label(dl1), at(dl1).tag), 0),
            key(112, three(td, self.label(dr1), at(dr1).tag), 0),
            key(113, three(th, self.label(hl1), self.label(hr1)), 0),
            key(114, three(td, self.valency(d, 0), self.valency(d, 1)), 0),
            key(115, td, before.tag),
            key(116, td, after.tag),
            key(117, wd.suffix, th),
            key(118, at(dl1).word, td),
            key(119, three(th, td, at(dl1).word), 0),
            key(120, wd.word, dir_dist),
            key(121, three(th, td, before.tag), 0),
            key(122, wh.suffix, td),
            key(123, three(wh.word, td, dir_dist), 0),
        ]
    }

    /// The cost of each move against the gold heads (`gold[d]`, with `n` for the root): how
    /// many gold arcs it makes unreachable (exact for projective trees). Invalid moves cost
    /// `u32::MAX`.
    pub(crate) fn costs(&self, gold: &[usize], children: &[Vec<usize>]) -> [u32; MOVES] {
        let valid = self.valid();
        let on_stack = |i: usize| self.stack.contains(&i);
        let (s0, s1, b) = (self.s(0), self.s(1), self.b);
        let mut costs = [u32::MAX; MOVES];
        if valid[SHIFT] {
            let deps = children[b].iter().filter(|&&d| on_stack(d)).count() as u32;
            let g = gold[b];
            let head = u32::from(g != s0 && g < self.n && on_stack(g));
            costs[SHIFT] = deps + head;
        }
        if valid[LEFT] || valid[RIGHT] {
            let deps = children[s0].iter().filter(|&&d| d >= b).count() as u32;
            let g = gold[s0];
            if valid[LEFT] {
                costs[LEFT] = deps + u32::from((g == s1 && s1 != NONE) || g > b);
            }
            if valid[RIGHT] {
                costs[RIGHT] = deps + u32::from(g >= b);
            }
        }
        costs
    }
}

/// The best-scoring valid move (ties to the lowest index). Some move is always valid until
/// the parse is done.
pub(crate) fn best_move<T: PartialOrd + Copy>(scores: &[T; MOVES], valid: [bool; MOVES]) -> usize {
    (0..MOVES)
        .filter(|&m| valid[m])
        .reduce(|a, b| if scores[b] > scores[a] { b } else { a })
        .unwrap_or(SHIFT)
}

/// The relation of an arc: `root` for the root's, else the best-scoring other relation.
pub(crate) fn best_label<T: PartialOrd + Copy>(to_root: bool, scores: &[T; LABELS]) -> Label {
    if to_root {
        return Label::ROOT;
    }
    let best = (0..LABELS)
        .filter(|&l| l != usize::from(Label::ROOT.0))
        .reduce(|a, b| if scores[b] > scores[a] { b } else { a });
    best.and_then(Label::from_index).unwrap_or(Label::DEP)
}
