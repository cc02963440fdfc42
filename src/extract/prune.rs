//! Drops attributions that are no claim of their own: an impression with no source inside
//! another attribution's content ("According to the Miami Herald, Humberto is not expected
//! to make landfall" is the Herald's claim, hedged, not a second one denying it), a cue inside
//! another attribution's source, which is part of that source's name ("According to videos
//! posted on social media"), a claim made by "you" (an addressee, the reader or an
//! interviewer, never the one who claims), a relative clause's claim given the very
//! content of another ("Morial told a woman who suggested that …": the rules read one
//! content for both, which would count one report as two origins), and a supposition ("they
//! will back Stein unless Sanders disavows the endorsement": no one has disavowed anything).
//! Also takes away a "source" that names no one ("soon", "don't", "facing": words a rule read
//! before the cue), leaving the claim unsourced.
//! Knows nothing of names beyond the source's words and their tags.

use std::collections::HashMap;

use super::patterns::Found;
use super::tagger::Upos;
use super::tags::Tags;
use super::words::Words;

/// `found` without the attributions above, relays renumbered past the ones dropped.
pub(crate) fn claims_only(w: &Words, tags: &Tags, mut found: Vec<Found>) -> Vec<Found> {
    for f in &mut found {
        if names_no_one(w, tags, f) {
            // The cue may still be one: the claim stays, unsourced.
            f.source = None;
            f.name.clear();
            f.pronoun = false;
        }
    }
    let hosts = Spans::of(&found, |f| {
        f.source.is_some().then_some(f.content.as_slice())
    });
    let names = Spans::of(&found, |f| f.source.as_ref().map(std::slice::from_ref));
    let mut contents: HashMap<&[(usize, usize)], usize> = HashMap::new();
    for f in &found {
        *contents.entry(f.content.as_slice()).or_default() += 1;
    }
    let keep: Vec<bool> = found
        .iter()
        .map(|f| {
            let unsourced_inside_content = f.source.is_none() && hosts.cue_inside(f);
            let echo = by_relative(w, f)
                && !f.content.is_empty()
                && contents.get(f.content.as_slice()).is_some_and(|&n| n > 1);
            !(by_addressee(w, f)
                || unsourced_inside_content
                || names.speaker_inside(f)
                || echo
                || supposed(w, f))
        })
        .collect();
    if keep.iter().all(|&k| k) {
        return found;
    }
    let mut renumbered = Vec::with_capacity(keep.len());
    let mut next = 0;
    for &k in &keep {
        renumbered.push(k.then_some(next));
        next += usize::from(k);
    }
    let mut index = 0;
    found.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    for f in &mut found {
        f.relayed_by = f.relayed_by.and_then(|m| renumbered[m]);
    }
    found
}

/// Whether "if" or "unless" opens the attribution's clause: "unless Sanders disavows …",
/// "if officials confirm …".
fn supposed(w: &Words, f: &Found) -> bool {
    let start = f
        .source
        .map_or_else(|| f.cue.first().map(|c| c.0), |(a, _)| Some(a));
    start
        .and_then(|a| a.checked_sub(1))
        .is_some_and(|before| matches!(w.low(before), "if" | "unless"))
}

/// Whether the source is one lowercase word that cannot name anyone: an adverb, an
/// auxiliary, a particle, a conjunction, a preposition, an interjection, or a participle
/// ("soon", "don't", "and", "facing", "interviewed"): a rule read the wrong words before the cue.
/// Determiners and adjectives stay: "another says", "many believe", "most oppose it".
fn names_no_one(w: &Words, tags: &Tags, f: &Found) -> bool {
    const NOT_NAMING: [Upos; 7] = [
        Upos::Adv,
        Upos::Aux,
        Upos::Part,
        Upos::Cconj,
        Upos::Sconj,
        Upos::Adp,
        Upos::Intj,
    ];
    let Some((a, b)) = f.source else {
        return false;
    };
    if a != b || !w.is_word(a) || w.is_cap(a) {
        return false;
    }
    let word = w.low(a);
    tags.get(a).is_some_and(|tag| {
        NOT_NAMING.contains(&tag)
            || (tag == Upos::Verb && (word.ends_with("ing") || word.ends_with("ed")))
    })
}

/// Whether the source is a bare relative pronoun ("who suggested …").
fn by_relative(w: &Words, f: &Found) -> bool {
    matches!(f.source, Some((a, b)) if a == b && matches!(w.low(a), "who" | "which" | "that"))
}

/// Whether the source is a bare "you".
fn by_addressee(w: &Words, f: &Found) -> bool {
    matches!(f.source, Some((a, b)) if a == b && w.low(a) == "you")
}

/// Token ranges of the attributions (their contents, or their sources), sorted by start,
/// with the furthest end reached so far: whether a token lies in one is a binary search.
struct Spans {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Spans {
    fn of<'f>(
        found: &'f [Found],
        ranges_of: impl Fn(&'f Found) -> Option<&'f [(usize, usize)]>,
    ) -> Self {
        let mut ranges: Vec<(usize, usize)> = found
            .iter()
            .filter_map(ranges_of)
            .flatten()
            .copied()
            .collect();
        ranges.sort_unstable();
        let mut furthest = 0;
        let furthest_end = ranges
            .iter()
            .map(|&(_, b)| {
                furthest = furthest.max(b);
                furthest
            })
            .collect();
        Spans {
            starts: ranges.iter().map(|&(a, _)| a).collect(),
            furthest_end,
        }
    }

    fn contains(&self, token: usize) -> bool {
        let before = self.starts.partition_point(|&a| a <= token);
        before > 0 && self.furthest_end[before - 1] >= token
    }

    /// Whether the first token of `f`'s cue lies inside one of the ranges.
    fn cue_inside(&self, f: &Found) -> bool {
        f.cue.first().is_some_and(|&(cue, _)| self.contains(cue))
    }

    /// Whether `f`'s cue and the whole of its source lie inside the ranges (another
    /// attribution's source: its own never holds its cue).
    fn speaker_inside(&self, f: &Found) -> bool {
        self.cue_inside(f)
            && f.source
                .is_none_or(|(a, b)| self.contains(a) && self.contains(b))
    }
}
