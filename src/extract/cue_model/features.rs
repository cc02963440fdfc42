//! The cue model's features: hashed ids of the words, tags and shape around a proposed cue and
//! of what the rules found with it (source, content, quote). Ids only, never text.

use super::super::clusters;
use super::super::cues;
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
    /// A verb the lexicon lacks, with what follows it.
    OpenVerb,
    /// "“…” ― Name" at a line's end.
    DashByline,
}

/// Number of feature templates: the file records it, so a model trained with other templates
/// is refused.
pub(crate) const TEMPLATES: u8 = 67;

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

/// The hash of a word's lemma: the lexicon's for a cue form ("blamed" → "blame"), else the
/// word less a common inflection, so that forms share what they teach.
fn lemma(ctx: &Ctx, i: usize) -> u64 {
    if i >= ctx.w.len() {
        return 1;
    }
    let low = ctx.w.low(i);
    if let Some(e) = cues::lookup(low) {
        return fnv1a(e.lemma.as_bytes());
    }
    let stem = ["ing", "ed", "es", "s"]
        .iter()
        .find_map(|suffix| low.strip_suffix(suffix).filter(|s| s.len() > 2))
        .unwrap_or(low);
    fnv1a(stem.as_bytes())
}

/// A word's fine and coarse cluster ids (`clusters`), with ids of their own for a word the
/// table lacks and for a position past the text.
fn cluster(ctx: &Ctx, i: usize) -> (u64, u64) {
    if i >= ctx.w.len() {
        return (601, 71);
    }
    clusters::of(ctx.w.low(i)).map_or((600, 70), |c| (u64::from(c.fine), u64::from(c.coarse)))
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

/// How many of the latest attributions are asked whether a cue stands in their content.
const EARLIER_SEEN: usize = 8;

/// Whether the cue word `head` is a verb of saying ("said", "told", "argues"), which may
/// stand after its content.
fn is_saying(ctx: &Ctx, head: usize) -> bool {
    cues::lookup(ctx.w.low(head)).is_some_and(|e| e.has(cues::TRAIL))
}

/// Whether the cue word `head` is no verb of saying and stands inside the content of one of
/// the latest attributions `earlier` ("a survey found that most riders want …").
pub(crate) fn attitude_inside(ctx: &Ctx, head: usize, earlier: &[Found]) -> bool {
    let s1 = ctx
        .sentences
        .get(ctx.sentences.partition_point(|&(_, e)| e <= head))
        .map_or(head, |s| s.1);
    !is_saying(ctx, head)
        && (earlier
            .iter()
            .rev()
            .take(EARLIER_SEEN)
            .any(|e| e.content.iter().any(|&(a, b)| a <= head && head <= b))
            // "Most riders want a later ferry, a survey shows.": the finding of a trailing
            // poll or study.
            || trailing_cue_after(ctx, head + 1, s1, 3, |e| {
                matches!(e.lemma, "show" | "find" | "indicate")
            }))
}

/// Whether a comma in `from..s1` is followed, within a few words, by a cue that `fits` and
/// stands at most `near` tokens before the sentence's end ("…, the survey shows.", "…,
/// officials said on Monday.").
fn trailing_cue_after(
    ctx: &Ctx,
    from: usize,
    s1: usize,
    near: usize,
    fits: impl Fn(&cues::Entry) -> bool,
) -> bool {
    let w = ctx.w;
    let Some(comma) = (from..s1).rev().find(|&j| w.is_punct(j, ",")) else {
        return false;
    };
    (comma + 1..s1.min(comma + 8))
        .any(|j| j + near >= s1 && cues::lookup(w.low(j)).is_some_and(|e| fits(&e)))
}

/// One proposal put to the model: `found`, found by `pattern` at cue word `head` in sentence
/// `k`, after the attributions `earlier`.
#[derive(Clone, Copy)]
pub(crate) struct Asked<'p> {
    pub k: usize,
    pub head: usize,
    pub pattern: Pattern,
    pub found: &'p Found,
    pub earlier: &'p [Found],
}

/// The feature ids of a proposal.
pub(crate) fn of(ctx: &Ctx, asked: Asked) -> Vec<u64> {
    let Asked {
        k,
        head,
        pattern,
        found: f,
        earlier,
    } = asked;
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
    let l = lemma(ctx, head);
    let form = cues::lookup(w.low(head)).map_or(9, |e| e.form as u64);
    // A cue inside the clause of another verb of saying before it ("a survey found that most
    // riders want …"): nested attributions are marked less often.
    let nested = (s0..cue_a)
        .any(|i| w.low(i) == "that" && (s0..i).any(|j| cues::lookup(w.low(j)).is_some()));
    let relative = cue_a > s0 && matches!(w.low(cue_a - 1), "who" | "which" | "that");
    let src_before = match f.source {
        Some((a, _)) if a > s0 => word(ctx, a - 1),
        Some(_) => 2,
        None => 4,
    };
    let src_first_tag = f.source.map_or(96, |(a, _)| tag(ctx, a));
    let t_after = tag(ctx, cue_b + 1);
    let t_after2 = tag(ctx, cue_b + 2);
    // A verb of attitude inside what an earlier attribution reports ("a survey found that most
    // riders want …"): PolNeAR marks no attribution inside another's content. Verbs of saying
    // are left out, so a relay ("the paper reported that Lee said …") keeps its judgement.
    // The same holds before a trailing source ("most riders want …, a survey shows").
    let inside = attitude_inside(ctx, head, earlier)
        || (!is_saying(ctx, head)
            && trailing_cue_after(ctx, cue_b + 1, s1, 6, |e| {
                e.has(cues::TRAIL) || matches!(e.lemma, "show" | "find")
            }));
    let content_ends_sentence = f.content.last().map_or(2, |&(_, b)| u64::from(b + 2 >= s1));
    // Clusters carry what a cue word teaches to words of the same sense that train lacks:
    // verbs the lexicon lacks only, so that the lexicon's cues keep what their own words teach.
    let open = pattern == Pattern::OpenVerb;
    let (fine, coarse) = if open { cluster(ctx, head) } else { (604, 74) };
    let (_, next_coarse) = if !open {
        (604, 74)
    } else if head + 1 < s1 {
        cluster(ctx, head + 1)
    } else {
        (602, 72)
    };
    let (_, prev_coarse) = if !open {
        (604, 74)
    } else if head > s0 {
        cluster(ctx, head - 1)
    } else {
        (602, 72)
    };
    let (src_fine, src_coarse) = match f.source {
        Some((_, b)) if open => cluster(ctx, b),
        _ => (603, 73),
    };
    let con_coarse = match f.content.first() {
        Some(&(a, _)) if open => cluster(ctx, a).1,
        _ => 73,
    };
    // An object's last word is mostly its head: "missiles" is shown, "the plan" is judged.
    let (con_last_fine, con_last_coarse) = match f.content.last() {
        Some(&(_, b)) if open => cluster(ctx, b),
        _ => (603, 73),
    };
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
        key(40, l, 0),
        key(41, l, form),
        key(42, l, after),
        key(43, l, u64::from(f.source.is_some())),
        key(44, l, quote),
        key(45, l, u64::from(nested)),
        key(46, u64::from(nested), p),
        key(47, l, u64::from(relative)),
        key(48, src_before, src_first_tag),
        key(49, t_after, t_after2),
        key(50, l, t_after),
        key(51, l, content_ends_sentence),
        key(52, l, u64::from(inside)),
        key(53, u64::from(inside), p),
        key(54, p, fine),
        key(55, coarse, after),
        key(56, fine, u64::from(f.source.is_some())),
        key(57, fine, quote),
        key(58, coarse, next_coarse),
        key(59, prev_coarse, coarse),
        key(60, src_coarse, p),
        key(61, con_coarse, coarse),
        key(62, fine, t_after),
        key(63, src_fine, 0),
        key(64, fine, u64::from(inside)),
        key(65, con_last_fine, p),
        key(66, con_last_coarse, coarse),
    ]
}
