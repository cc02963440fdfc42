//! The cue model's features: hashed ids of the words, tags and shape around a proposed cue and
//! of what the rules found with it (source, content, quote). Ids only, never text.

use super::super::patterns::{Ctx, Found};
use super::super::tagger::{fnv1a, key, Upos};
use super::super::words::Kind;

/// Which rule proposed an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// A reporting verb and its clause or object ("said", "supports", "told reporters").
    Verb,
    /// "according to SOURCE".
    AccordingTo,
    /// "In a new poll, …".
    Poll,
    /// "seems", "is expected to": an impression with no source.
    Evidential,
    /// "Name: content" at a paragraph's start.
    SpeakerColon,
}

/// Number of feature templates: the file records it, so a model trained with other templates
/// is refused.
pub(crate) const TEMPLATES: u8 = 40;

/// The hash of a word's lowercase form.
fn word(ctx: &Ctx, i: usize) -> u64 {
    if i >= ctx.w.len() {
        return 1;
    }
    fnv1a(ctx.w.low(i).as_bytes())
}

fn tag(ctx: &Ctx, i: usize) -> u64 {
    if i >= ctx.w.len() {
        return 99;
    }
    ctx.tags.get(i).map_or(98, |t: Upos| t as u64)
}

/// Coarse length classes: 0, 1, 2, 3, 4–5, 6–9, 10–19, 20–39, 40+.
fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=5 => 4,
        6..=9 => 5,
        10..=19 => 6,
        20..=39 => 7,
        _ => 8,
    }
}

/// What the token after the cue is, in a few classes that decide between a clause, a quote
/// and an object.
fn next_class(ctx: &Ctx, i: usize) -> u64 {
    let w = ctx.w;
    if i >= w.len() {
        return 0;
    }
    match w.kind(i) {
        Some(Kind::OpenQuote) => 1,
        Some(Kind::CloseQuote) => 2,
        Some(Kind::Dash) => 3,
        Some(Kind::Possessive) => 4,
        Some(Kind::Punct) => match w.raw(i) {
            ":" => 5,
            "," => 6,
            "." => 7,
            _ => 8,
        },
        Some(Kind::Word) => match w.low(i) {
            "that" => 9,
            "to" => 10,
            "the" | "a" | "an" => 11,
            "it" | "he" | "she" | "they" | "we" | "i" | "you" => 12,
            _ if w.is_cap(i) => 13,
            _ => 14,
        },
        None => 0,
    }
}

/// The feature ids of proposal `f`, found by `pattern` at cue word `head` in sentence `k`.
pub(crate) fn of(ctx: &Ctx, k: usize, head: usize, pattern: Pattern, f: &Found) -> Vec<u64> {
    let w = ctx.w;
    let (s0, s1) = ctx.sentences[k];
    let p = pattern as u64;
    let h = word(ctx, head);
    let prev = if head > s0 { word(ctx, head - 1) } else { 2 };
    let prev2 = if head > s0 + 1 {
        word(ctx, head - 2)
    } else {
        2
    };
    let next = if head + 1 < s1 {
        word(ctx, head + 1)
    } else {
        3
    };
    let next2 = if head + 2 < s1 {
        word(ctx, head + 2)
    } else {
        3
    };
    let t = tag(ctx, head);
    let t_prev = if head > s0 { tag(ctx, head - 1) } else { 97 };
    let t_next = if head + 1 < s1 {
        tag(ctx, head + 1)
    } else {
        97
    };
    let (cue_a, cue_b) = (
        f.cue.first().map_or(head, |c| c.0),
        f.cue.last().map_or(head, |c| c.1),
    );
    let cue_len: usize = f.cue.iter().map(|&(a, b)| b + 1 - a).sum();
    let before_cue = if cue_a > s0 { word(ctx, cue_a - 1) } else { 2 };
    let after = next_class(ctx, cue_b + 1);
    let negated = (cue_a..=cue_b).any(|i| {
        matches!(
            w.low(i),
            "not" | "n't" | "never" | "didn't" | "doesn't" | "won't" | "cannot"
        )
    });
    let (src_first, src_last, src_len, src_side, src_tag) = match f.source {
        Some((a, b)) => (
            word(ctx, a),
            word(ctx, b),
            b + 1 - a,
            u64::from(a > cue_b),
            tag(ctx, b),
        ),
        None => (4, 4, 0, 2, 96),
    };
    let content_len: usize = f.content.iter().map(|&(a, b)| b + 1 - a).sum();
    let (con_first, con_side) = match f.content.first() {
        Some(&(a, _)) => (word(ctx, a), u64::from(a > cue_b)),
        None => (5, 2),
    };
    let quote = f.quote as u64;
    let position = bucket(head - s0);
    let sentence_len = bucket(s1 - s0);
    let cap = u64::from(w.is_cap(head));
    let cap_before = u64::from(cue_a > s0 && w.is_cap(cue_a - 1));
    let other_cues_before = u64::from(f.sentence.0 < s0);
    vec![
        key(0, 0, 0),
        key(1, p, 0),
        key(2, h, 0),
        key(3, p, h),
        key(4, t, 0),
        key(5, h, t),
        key(6, prev, 0),
        key(7, next, 0),
        key(8, h, next),
        key(9, h, prev),
        key(10, t_prev, t_next),
        key(11, prev2, 0),
        key(12, next2, 0),
        key(13, h, u64::from(f.source.is_some())),
        key(14, src_first, 0),
        key(15, src_last, 0),
        key(16, p, bucket(src_len)),
        key(17, f.kind as u64, 0),
        key(18, h, bucket(content_len)),
        key(19, h, quote),
        key(20, con_first, 0),
        key(21, h, after),
        key(22, after, 0),
        key(23, bucket(cue_len), p),
        key(24, before_cue, 0),
        key(25, h, u64::from(negated)),
        key(26, position, sentence_len),
        key(27, src_side, con_side),
        key(28, f.stance as u64, 0),
        key(29, cap, cap_before),
        key(30, src_tag, t),
        key(31, h, src_first),
        key(32, h, con_first),
        key(33, h, src_last),
        key(34, p, quote),
        key(35, bucket(content_len), bucket(src_len)),
        key(36, t_prev, t),
        key(37, h, t_prev),
        key(38, other_cues_before, p),
        key(39, h, u64::from(f.pronoun)),
    ]
}
