//! Propositions as clusters of claims: claims whose normalized contents are [`similar`], or
//! that a link of the text ties together (a denial of a claim, a confirmation), are one
//! proposition. Pure: knows nothing of RDF or the store.
//!
//! Clustering runs over every claim of a store after each ingest, so it must stay near
//! linear on a million claims: identical contents (reprints, wire copies) are merged by
//! hashing, and candidates come from a prefix-filtered inverted index (see [`cluster`]).

use std::collections::HashMap;

use rayon::prelude::*;

use super::content::{
    normalize_content, similar, NormalizedContent, JACCARD_THRESHOLD, MAX_FLIP_TOKENS, MIN_TOKENS,
    OVERLAP_THRESHOLD,
};
use crate::extract::{LinkKind, Stance};

/// One claim, as clustering sees it.
#[derive(Debug, Clone)]
pub struct ClaimInput<'a> {
    pub content: &'a str,
    pub stance: Stance,
    /// Links from this claim to others, by index into the same slice.
    pub links: Vec<(LinkKind, usize)>,
}

/// Where clustering put one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// Index of the proposition (dense, 0-based, in order of first claim).
    pub proposition: usize,
    /// What the claim does with the proposition: a denial of "the lease was signed" and an
    /// assertion of "no lease had been signed" both deny it.
    pub stance: Stance,
}

/// Groups claims into propositions. `claims` must come in a canonical order (date, article,
/// position): the result depends on it and nothing else, so re-running on the same claims
/// gives the same propositions.
///
/// A claim that denies, declines to confirm or corroborates another (a link the text makes)
/// joins that claim's proposition; claims whose contents are [`similar`] share one (single
/// linkage: a paraphrase can bridge two wordings). Claims with fewer than [`MIN_TOKENS`]
/// tokens and no link get none. A proposition is numbered by its earliest claim.
///
/// Cost: every similar pair is found, but only candidates that can be similar are compared.
/// Tokens are ranked rarest first; a pair can only be similar if they share at least
/// [`min_shared`] of the smaller set's tokens, so the smaller set's first
/// `len - min_shared + 1` ranks (its *prefix*) must meet the other set. Each claim looks up
/// its prefix in an index of every earlier claim's tokens, and all its tokens in an index of
/// earlier claims' prefixes: common words are looked up only when a claim has little else.
pub fn cluster(claims: &[ClaimInput<'_>]) -> Vec<Option<Assignment>> {
    let (ranked, negated) = rank_tokens(claims);

    let mut sets = DisjointSets::new(claims.len());
    let mut has_proposition = vec![false; claims.len()];
    // Claims with exactly these tokens, by their first claim: a reprint joins it directly.
    let mut first_with: HashMap<&[u32], usize> = HashMap::new();
    let mut all_tokens: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut prefixes: HashMap<u32, Vec<u32>> = HashMap::new();
    // `seen_by[j] == i + 1`: claim j is already a candidate of claim i.
    let mut seen_by: Vec<usize> = vec![0; claims.len()];
    let mut candidates: Vec<usize> = Vec::new();
    for (i, tokens) in ranked.iter().enumerate() {
        if tokens.len() < MIN_TOKENS {
            has_proposition[i] = claims[i].links.iter().any(|(kind, to)| {
                *to < claims.len() && *to != i && !matches!(kind, LinkKind::Relays)
            });
            continue;
        }
        has_proposition[i] = true;
        if let Some(&first) = first_with.get(tokens.as_slice()) {
            // Whatever is similar to this claim is similar to its first copy, which is
            // indexed: joining the copy is all there is to do.
            sets.union(i, first);
            continue;
        }
        first_with.insert(tokens.as_slice(), i);
        let prefix = &tokens[..prefix_len(tokens.len())];
        candidates.clear();
        let lookups = prefix
            .iter()
            .filter_map(|t| all_tokens.get(t))
            .chain(tokens.iter().filter_map(|t| prefixes.get(t)));
        for list in lookups {
            for &j in list {
                let j = j as usize;
                if seen_by[j] != i + 1 {
                    seen_by[j] = i + 1;
                    candidates.push(j);
                }
            }
        }
        for &j in &candidates {
            if similar(tokens, &ranked[j]) {
                sets.union(i, j);
            }
        }
        // Claim indexes fit in u32: a store of four billion claims is out of reach anyway.
        let id = i as u32;
        for &t in tokens {
            all_tokens.entry(t).or_default().push(id);
        }
        for &t in prefix {
            prefixes.entry(t).or_default().push(id);
        }
    }
    // Links the text makes: the linking claim joins its target's proposition.
    for (i, claim) in claims.iter().enumerate() {
        for (kind, to) in &claim.links {
            if *to >= claims.len() || *to == i || matches!(kind, LinkKind::Relays) {
                continue;
            }
            if has_proposition[*to] {
                sets.union(i, *to);
            }
        }
    }
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..claims.len())
        .map(|i| {
            if !has_proposition[i] {
                return None;
            }
            let root = sets.find(i);
            let next = ids.len();
            let proposition = *ids.entry(root).or_insert(next);
            Some(Assignment {
                proposition,
                stance: effective_stance(&claims[i], &ranked, &negated, i, root),
            })
        })
        .collect()
}

/// Each claim's tokens as ranks, sorted (rank 0 is the rarest token over all claims, ties
/// by spelling, so the ranking depends on the claims only), and whether each is negated.
///
/// Each distinct content is normalized once (reprints repeat contents word for word), in
/// parallel, a chunk at a time, and its tokens interned right away: a million claims' token
/// strings never sit in memory at once.
fn rank_tokens(claims: &[ClaimInput<'_>]) -> (Vec<Vec<u32>>, Vec<bool>) {
    const CHUNK: usize = 65_536;
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let slot_of: Vec<usize> = claims
        .iter()
        .map(|c| {
            let next = distinct.len();
            *distinct.entry(c.content).or_insert(next)
        })
        .collect();
    let mut contents: Vec<&str> = vec![""; distinct.len()];
    for (content, slot) in distinct {
        contents[slot] = content;
    }
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut frequency: Vec<u32> = Vec::new();
    let mut slots: Vec<Vec<u32>> = Vec::with_capacity(contents.len());
    let mut slot_negated: Vec<bool> = Vec::with_capacity(contents.len());
    for chunk in contents.chunks(CHUNK) {
        let normalized: Vec<NormalizedContent> =
            chunk.par_iter().map(|c| normalize_content(c)).collect();
        for n in normalized {
            let slot_ids = n
                .tokens
                .into_iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(t).or_insert(next);
                    if id == next {
                        frequency.push(0);
                    }
                    id
                })
                .collect();
            slots.push(slot_ids);
            slot_negated.push(n.negated);
        }
    }
    // Frequency over claims, not distinct contents: a reprinted word is a common one.
    for &slot in &slot_of {
        for &id in &slots[slot] {
            frequency[id as usize] += 1;
        }
    }
    let mut order: Vec<(&str, u32)> = ids.iter().map(|(t, &id)| (t.as_str(), id)).collect();
    order.sort_unstable_by(|a, b| {
        frequency[a.1 as usize]
            .cmp(&frequency[b.1 as usize])
            .then(a.0.cmp(b.0))
    });
    let mut rank_of = vec![0u32; order.len()];
    for (rank, (_, id)) in order.iter().enumerate() {
        rank_of[*id as usize] = rank as u32;
    }
    slots.par_iter_mut().for_each(|slot| {
        for t in slot.iter_mut() {
            *t = rank_of[*t as usize];
        }
        slot.sort_unstable();
    });
    let tokens = slot_of.iter().map(|&s| slots[s].clone()).collect();
    let negated = slot_of.iter().map(|&s| slot_negated[s]).collect();
    (tokens, negated)
}

/// The fewest tokens two similar sets share, the smaller having `smaller` tokens: the
/// Jaccard bound (`shared ≥ t/(1+t) · (|a| + |b|) ≥ 2t/(1+t) · smaller`) or the overlap one,
/// whichever is lower. Rounded down, so the prefix errs on the long side.
pub fn min_shared(smaller: usize) -> usize {
    let jaccard = 2.0 * JACCARD_THRESHOLD / (1.0 + JACCARD_THRESHOLD);
    let ratio = jaccard.min(OVERLAP_THRESHOLD);
    ((ratio * smaller as f64).floor() as usize).max(1)
}

/// How many of its rarest tokens a set of `len` tokens must look up.
fn prefix_len(len: usize) -> usize {
    len - min_shared(len).min(len) + 1
}

/// Union-find whose roots are always the smallest member: a proposition's id follows its
/// first claim.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (keep, merge) = if a < b { (a, b) } else { (b, a) };
            self.parent[merge] = keep;
        }
    }
}

/// What claim `i` does with its proposition, whose first claim is `root`.
fn effective_stance(
    claim: &ClaimInput<'_>,
    tokens: &[Vec<u32>],
    negated: &[bool],
    i: usize,
    root: usize,
) -> Stance {
    for (kind, _) in &claim.links {
        match kind {
            LinkKind::Denies => return Stance::Denied,
            LinkKind::DeclinesToConfirm => return Stance::Unconfirmed,
            _ => {}
        }
    }
    // "did not say whether a contract had been signed": neither side.
    let open_question = claim
        .content
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("whether"));
    if open_question {
        return Stance::Unconfirmed;
    }
    // Polarity relative to the proposition's first claim: asserting the opposite denies it.
    // Only short contents: in a long quote a "not" rarely negates the proposition itself.
    let flipped =
        negated[i] != negated[root] && (MIN_TOKENS..=MAX_FLIP_TOKENS).contains(&tokens[i].len());
    match (claim.stance, flipped) {
        (Stance::Asserted, true) => Stance::Denied,
        (Stance::Denied, true) => Stance::Asserted,
        (stance, _) => stance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clustering_follows_similarity_links_and_polarity() {
        let claim = |content: &'static str, stance, links: Vec<(LinkKind, usize)>| ClaimInput {
            content,
            stance,
            links,
        };
        let claims = vec![
            claim(
                "the lease was signed at a ceremony in Serrano on Feb. 20",
                Stance::Asserted,
                vec![],
            ),
            claim(
                "the berth could serve Drovnian naval vessels",
                Stance::Asserted,
                vec![],
            ),
            claim("such claims", Stance::Denied, vec![(LinkKind::Denies, 1)]),
            claim(
                "no lease was signed at a ceremony in Serrano on Feb. 20",
                Stance::Asserted,
                vec![],
            ),
            claim("pilots will strike on Friday", Stance::Asserted, vec![]),
            claim("it", Stance::Asserted, vec![]),
        ];
        let out = cluster(&claims);
        let p = |i: usize| out[i].map(|a| (a.proposition, a.stance));
        assert_eq!(p(0), Some((0, Stance::Asserted)));
        assert_eq!(p(1), Some((1, Stance::Asserted)));
        assert_eq!(
            p(2),
            Some((1, Stance::Denied)),
            "the denial joins what it denies"
        );
        assert_eq!(
            p(3),
            Some((0, Stance::Denied)),
            "asserting the negation denies"
        );
        assert_eq!(p(4), Some((2, Stance::Asserted)));
        assert_eq!(p(5), None);
        assert_eq!(cluster(&claims), out, "deterministic");
    }

    /// The indexed search finds exactly the pairs a comparison of every pair finds.
    #[test]
    fn prefix_filter_loses_no_similar_pair() {
        // Made-up words with a digit, so stemming leaves them alone.
        let words: Vec<String> = (0..40).map(|k| format!("w{k}")).collect();
        // Deterministic pseudo-random contents of 2 to 8 words over a small vocabulary, so
        // many pairs sit near the thresholds.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let contents: Vec<String> = (0..400)
            .map(|_| {
                let len = 2 + next(7);
                (0..len)
                    .map(|_| words[next(words.len())].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let claims: Vec<ClaimInput<'_>> = contents
            .iter()
            .map(|content| ClaimInput {
                content,
                stance: Stance::Asserted,
                links: vec![],
            })
            .collect();
        let out = cluster(&claims);
        // Reference: connected components over every similar pair.
        let tokens: Vec<Vec<String>> = claims
            .iter()
            .map(|c| normalize_content(c.content).tokens)
            .collect();
        let mut sets = DisjointSets::new(claims.len());
        for i in 0..claims.len() {
            for j in 0..i {
                if similar(&tokens[i], &tokens[j]) {
                    sets.union(i, j);
                }
            }
        }
        for i in 0..claims.len() {
            for j in 0..i {
                let same = match (out[i], out[j]) {
                    (Some(a), Some(b)) => a.proposition == b.proposition,
                    _ => false,
                };
                assert_eq!(
                    same,
                    sets.find(i) == sets.find(j),
                    "claims {j} and {i}: {:?} / {:?}",
                    tokens[j],
                    tokens[i]
                );
            }
        }
        let propositions = out.iter().flatten().map(|a| a.proposition).max();
        let grouped = out.iter().flatten().count() - propositions.map_or(0, |p| p + 1);
        assert!(
            propositions > Some(20) && grouped > 20,
            "the test needs many propositions, some with several claims: {propositions:?}, {grouped}"
        );
    }

    #[test]
    fn prefixes_cover_the_shared_bound() {
        for len in MIN_TOKENS..200 {
            let k = min_shared(len);
            assert!(k >= 1 && k <= len);
            assert!(prefix_len(len) >= 1 && prefix_len(len) <= len);
        }
    }
}
