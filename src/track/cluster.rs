//! Propositions as clusters of claims: claims whose normalized contents are all pairwise
//! [`similar`], or that a link of the text ties together (a denial of a claim, a
//! confirmation), are one proposition. Pure: knows nothing of RDF or the store.
//!
//! Clustering runs over every claim of a store after a bulk ingest, so it must stay near
//! linear on a million claims: identical contents (reprints, wire copies) are merged by
//! hashing, and candidates come from a prefix-filtered inverted index (see [`cluster`]).

use std::collections::HashMap;

use rayon::prelude::*;

use super::content::{
    agree, content_predicates, normalize_content, own_speaker, similar, Comparable,
    ContentPredicates, NormalizedContent, JACCARD_THRESHOLD, MAX_FLIP_TOKENS, MIN_TOKENS,
    OVERLAP_THRESHOLD,
};
use crate::extract::{LinkKind, SourceKind, Stance};

/// One claim, as clustering sees it.
#[derive(Debug, Clone)]
pub struct ClaimInput<'a> {
    pub content: &'a str,
    /// The article it is in: a pronoun as its content's subject ("they're worried") speaks of
    /// someone that article names.
    pub article: &'a str,
    pub stance: Stance,
    /// Who made the claim, if the text says (see [`answers`]).
    pub source: Option<&'a str>,
    /// What kind of source made it: whether "he" or "they" opening its content is the
    /// source itself (see [`own_speaker`]).
    pub kind: Option<SourceKind>,
    /// Links from this claim to others, by index into the same slice.
    pub links: Vec<(LinkKind, usize)>,
}

impl<'a> ClaimInput<'a> {
    /// Who holds the claim, and how: what [`answers`] compares.
    pub fn holder(&self) -> Holder<'a> {
        Holder {
            stance: self.stance,
            source: self.source,
        }
    }
}

/// A claim's stance and source, all [`answers`] reads of it: cheap to make where a whole
/// [`ClaimInput`] is not (its content checked, its links copied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder<'a> {
    pub stance: Stance,
    pub source: Option<&'a str>,
}

/// Where clustering put one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// Index of the proposition (dense, 0-based, in order of first claim).
    pub proposition: usize,
    /// What the claim does with the proposition: a denial of "the lease was signed" and an
    /// assertion of "no lease had been signed" both deny it.
    pub stance: Stance,
    /// Index of the claim's component (dense, 0-based, in order of first claim): the claims
    /// that similarity and links (relays too) connect, however indirectly. Propositions never
    /// cross components, and a component's propositions depend on its own claims only, so a
    /// store can recompute just the components that new claims touch.
    pub component: usize,
}

/// Groups claims into propositions. `claims` must come in a canonical order (date, article,
/// position): the result depends on it and nothing else, so re-running on the same claims
/// gives the same propositions.
///
/// No chaining: every two claims that share a proposition by their words are [`similar`]
/// (complete link), so "A is like B, B is like C" does not put A with C when A is not like
/// C. Claims are taken in order; each joins the earliest proposition all of whose claims it
/// is similar to, or starts one. A claim that denies, declines to confirm or corroborates
/// another (a link the text makes) joins that claim's proposition whatever its words ("such
/// claims" is like nothing), and so does a claim that [`answers`] another. Claims with fewer than [`MIN_TOKENS`] tokens and no link get
/// none. A proposition is numbered by its earliest claim.
///
/// Cost: every similar pair is found, but only candidates that can be similar are compared.
/// Tokens are ranked rarest first; a pair can only be similar if they share at least
/// [`min_shared`] of the smaller set's tokens, so the smaller set's first
/// `len - min_shared + 1` ranks (its *prefix*) must meet the other set. Each claim looks up
/// its prefix in an index of every earlier claim's tokens, and all its tokens in an index of
/// earlier claims' prefixes: common words are looked up only when a claim has little else.
/// The complete-link check then costs one step per similar pair found: a claim can join a
/// proposition only if it is similar to all its members, so counting, per proposition, the
/// earlier claims it is similar to decides it (no pair is compared twice; identical
/// contents count once).
pub fn cluster(claims: &[ClaimInput<'_>]) -> Vec<Option<Assignment>> {
    let ranked = rank_tokens(claims);
    // A claim about its own source ("he will support the nominee") is about another
    // subject than the same words from another source.
    let speaker: Vec<Option<&str>> = claims
        .iter()
        .map(|c| own_speaker(c.content, c.source, c.kind))
        .collect();
    let graph = SimilarityGraph::new(&ranked, &speaker, claims);
    let n = claims.len();

    // A claim with a link (other than a relay) to a claim in a proposition is placed by it.
    let linked = |i: usize, to: usize, kind: LinkKind| {
        to < n && to != i && !matches!(kind, LinkKind::Relays)
    };
    let has_proposition: Vec<bool> = (0..n)
        .map(|i| {
            graph.unit_of[i].is_some() || claims[i].links.iter().any(|&(k, to)| linked(i, to, k))
        })
        .collect();
    // A claim that answers one it holds (see `answers`) joins its proposition, as a denial
    // of "such claims" does, unless another link placed it: its words go beyond the answered
    // claim's, so they are rarely like every claim of that proposition.
    let answering = |i: usize, to: usize, kind: LinkKind| {
        kind == LinkKind::Relays
            && to < n
            && to != i
            && answers(claims[i].holder(), claims[to].holder())
    };
    let placed_by: Vec<Option<usize>> = (0..n)
        .map(|i| {
            if !has_proposition[i] {
                return None;
            }
            claims[i]
                .links
                .iter()
                .find(|&&(k, to)| (linked(i, to, k) || answering(i, to, k)) && has_proposition[to])
                .map(|&(_, to)| to)
        })
        .collect();

    // Components: similarity, copies and every link, relays and links to claims without a
    // proposition included, so that whatever a claim's origin depends on (the chain of
    // claims it relays, see `crate::store`) is in its component.
    let mut components = DisjointSets::new(n);
    for (i, claim) in claims.iter().enumerate() {
        if let Some(unit) = graph.unit_of[i] {
            components.union(i, unit);
        }
        for &j in &graph.earlier[i] {
            components.union(i, j as usize);
        }
        for &(_, to) in &claim.links {
            if to < n {
                components.union(i, to);
            }
        }
    }

    // Complete link over the units (distinct token sets) that some claim not placed by a
    // link stands on, in order of their first claim.
    let mut takes_part = vec![false; n];
    for (unit, placed) in graph.unit_of.iter().zip(&placed_by) {
        if let (Some(unit), None) = (unit, placed) {
            takes_part[*unit] = true;
        }
    }
    const NONE: u32 = u32::MAX;
    let mut group_of_unit: Vec<u32> = vec![NONE; n];
    let mut group_size: Vec<u32> = Vec::new();
    let mut groups: Vec<u32> = Vec::new();
    for unit in (0..n).filter(|&u| takes_part[u]) {
        groups.clear();
        groups.extend(
            graph.earlier[unit]
                .iter()
                .map(|&j| group_of_unit[j as usize])
                .filter(|&group| group != NONE),
        );
        groups.sort_unstable();
        // The earliest group whose every member this unit is similar to.
        let joined = groups
            .chunk_by(|a, b| a == b)
            .find(|run| run.len() == group_size[run[0] as usize] as usize)
            .map(|run| run[0]);
        let group = joined.unwrap_or_else(|| {
            group_size.push(0);
            (group_size.len() - 1) as u32
        });
        group_size[group as usize] += 1;
        group_of_unit[unit] = group;
    }

    // Each claim's group: its unit's, its link target's (followed along chains of links), or
    // its own.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Group {
        Similar(u32),
        Alone(usize),
    }
    let own_group = |i: usize| match (placed_by[i], graph.unit_of[i]) {
        (None, Some(unit)) => Some(Group::Similar(group_of_unit[unit])),
        (None, None) if has_proposition[i] => Some(Group::Alone(i)),
        _ => None,
    };
    let group_of = |i: usize| -> Option<Group> {
        if !has_proposition[i] {
            return None;
        }
        let mut path = vec![i];
        let mut at = i;
        while let Some(to) = placed_by[at] {
            if let Some(start) = path.iter().position(|&p| p == to) {
                // A cycle of links (each denying the next): its first claim anchors it.
                let anchor = path[start..].iter().copied().min().unwrap_or(to);
                return Some(Group::Alone(anchor));
            }
            path.push(to);
            at = to;
        }
        own_group(at)
    };
    let mut proposition_of: HashMap<Group, (usize, usize)> = HashMap::new();
    let mut component_ids: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let group = group_of(i)?;
            let next = proposition_of.len();
            let (proposition, first) = *proposition_of.entry(group).or_insert((next, i));
            let root = components.find(i);
            let next = component_ids.len();
            let component = *component_ids.entry(root).or_insert(next);
            Some(Assignment {
                proposition,
                stance: effective_stance(&claims[i], &ranked, i, first),
                component,
            })
        })
        .collect()
}

/// Whether `claim`, which holds `held` in its content (a relay link), answers it rather than
/// passing it on: it takes the other side, and another source holds it ("the ministry denied
/// that it had agreed …, a day after U.S. officials said …"). One source holding its own
/// claim ("Quirin denied any sexual activity, but … he claimed sex had been consensual")
/// answers no one.
pub fn answers(claim: Holder<'_>, held: Holder<'_>) -> bool {
    claim.stance != held.stance && claim.source != held.source
}

/// Every similar pair among claims' token sets, found through the prefix filter, that also
/// [`agree`] in what they predicate.
struct SimilarityGraph {
    /// For each claim with at least [`MIN_TOKENS`] tokens, its *unit*: the first claim with
    /// exactly its tokens (and naming something or not as it does).
    unit_of: Vec<Option<usize>>,
    /// For each unit, the earlier units it is similar to (empty for other claims).
    earlier: Vec<Vec<u32>>,
}

impl SimilarityGraph {
    fn new(ranked: &RankedContents, speaker: &[Option<&str>], claims: &[ClaimInput<'_>]) -> Self {
        let n = ranked.tokens.len();
        let mut unit_of = vec![None; n];
        let mut earlier: Vec<Vec<u32>> = vec![Vec::new(); n];
        #[allow(clippy::type_complexity)]
        let mut first_with: HashMap<(&[u32], &[u32], bool, Option<&str>), usize> = HashMap::new();
        let mut all_tokens: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut prefixes: HashMap<u32, Vec<u32>> = HashMap::new();
        // `seen_by[j] == i + 1`: unit j is already a candidate of claim i.
        let mut seen_by: Vec<usize> = vec![0; n];
        let mut candidates: Vec<usize> = Vec::new();
        for (i, tokens) in ranked.tokens.iter().enumerate() {
            if tokens.len() < MIN_TOKENS {
                continue;
            }
            let unit = (
                tokens.as_slice(),
                ranked.names[i].as_slice(),
                ranked.named[i],
                speaker[i],
            );
            if let Some(&first) = first_with.get(&unit) {
                // Whatever is similar to this claim is similar to its first copy.
                unit_of[i] = Some(first);
                continue;
            }
            first_with.insert(unit, i);
            unit_of[i] = Some(i);
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
            candidates.sort_unstable();
            // Claim indexes fit in u32: a store of four billion claims is out of reach anyway.
            earlier[i] = candidates
                .iter()
                .filter(|&&j| {
                    let others = matches!((speaker[i], speaker[j]), (Some(a), Some(b)) if a != b);
                    !others && similar(ranked.comparable(i), ranked.comparable(j))
                })
                .map(|&j| j as u32)
                .collect();
            let id = i as u32;
            for &t in tokens {
                all_tokens.entry(t).or_default().push(id);
            }
            for &t in prefix {
                prefixes.entry(t).or_default().push(id);
            }
        }
        // What a unit predicates (its first claim's content, parsed) decides only between
        // contents whose words meet, so only those are parsed, in parallel.
        let mut meets = vec![false; n];
        for (i, similar) in earlier.iter().enumerate() {
            for &j in similar {
                meets[i] = true;
                meets[j as usize] = true;
            }
        }
        let units: Vec<usize> = (0..n).filter(|&u| meets[u]).collect();
        let parsed: Vec<ContentPredicates<u32>> = units
            .par_iter()
            .map(|&u| ranked.predicates(claims[u].content))
            .collect();
        let mut predicates_of: Vec<Option<&ContentPredicates<u32>>> = vec![None; n];
        for (&u, p) in units.iter().zip(&parsed) {
            predicates_of[u] = Some(p);
        }
        let none = ContentPredicates::default();
        let of = |u: usize| predicates_of[u].unwrap_or(&none);
        // A content whose subject is a pronoun that is not its source ("they're worried",
        // from a senator) speaks of someone its article names: the same words in another
        // article may speak of someone else.
        let scoped = |u: usize| of(u).pronoun_subject && speaker[u].is_none();
        for (i, similar) in earlier.iter_mut().enumerate() {
            similar.retain(|&j| {
                let j = j as usize;
                let elsewhere = (scoped(i) || scoped(j)) && claims[i].article != claims[j].article;
                !elsewhere && agree(ranked.comparable(i), of(i), ranked.comparable(j), of(j))
            });
        }
        SimilarityGraph { unit_of, earlier }
    }
}

/// Each claim's content as token ranks (see [`rank_tokens`]).
struct RankedContents {
    /// Each claim's tokens as ranks, sorted.
    tokens: Vec<Vec<u32>>,
    /// Each claim's name tokens as ranks, sorted (see [`NormalizedContent::names`]).
    names: Vec<Vec<u32>>,
    /// Whether each claim's content is negated.
    negated: Vec<bool>,
    /// Whether each claim's content names something.
    named: Vec<bool>,
    /// Each token's rank.
    rank: HashMap<String, u32>,
}

impl RankedContents {
    fn comparable(&self, i: usize) -> Comparable<'_, u32> {
        Comparable {
            tokens: &self.tokens[i],
            names: &self.names[i],
            named: self.named[i],
        }
    }

    /// What `content` predicates, as token ranks.
    fn predicates(&self, content: &str) -> ContentPredicates<u32> {
        let parsed = content_predicates(content);
        let rank = |t: &String| self.rank.get(t).copied();
        let mut clauses: Vec<u32> = parsed.clauses.iter().filter_map(rank).collect();
        clauses.sort_unstable();
        ContentPredicates {
            phrase: parsed.phrase,
            head: parsed.head.as_ref().and_then(rank),
            clauses,
            pronoun_subject: parsed.pronoun_subject,
        }
    }
}

/// Each claim's tokens as ranks, sorted (rank 0 is the rarest token over all claims, ties
/// by spelling, so the ranking depends on the claims only), with those from names, whether
/// each is negated, and whether each names something.
///
/// Each distinct content is normalized once (reprints repeat contents word for word), in
/// parallel, a chunk at a time, and its tokens interned right away: a million claims' token
/// strings never sit in memory at once.
fn rank_tokens(claims: &[ClaimInput<'_>]) -> RankedContents {
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
    let mut slot_names: Vec<Vec<u32>> = Vec::with_capacity(contents.len());
    let mut slot_negated: Vec<bool> = Vec::with_capacity(contents.len());
    let mut slot_named: Vec<bool> = Vec::with_capacity(contents.len());
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
            // Names are tokens too: interned above.
            let name_ids = n.names.iter().filter_map(|t| ids.get(t).copied()).collect();
            slots.push(slot_ids);
            slot_names.push(name_ids);
            slot_negated.push(n.negated);
            slot_named.push(n.named);
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
    slots
        .par_iter_mut()
        .chain(slot_names.par_iter_mut())
        .for_each(|slot| {
            for t in slot.iter_mut() {
                *t = rank_of[*t as usize];
            }
            slot.sort_unstable();
        });
    let rank = ids
        .into_iter()
        .map(|(token, id)| (token, rank_of[id as usize]))
        .collect();
    RankedContents {
        rank,
        tokens: slot_of.iter().map(|&s| slots[s].clone()).collect(),
        names: slot_of.iter().map(|&s| slot_names[s].clone()).collect(),
        negated: slot_of.iter().map(|&s| slot_negated[s]).collect(),
        named: slot_of.iter().map(|&s| slot_named[s]).collect(),
    }
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
pub(super) struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    pub(super) fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
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
    ranked: &RankedContents,
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
    let flipped = ranked.negated[i] != ranked.negated[root]
        && (MIN_TOKENS..=MAX_FLIP_TOKENS).contains(&ranked.tokens[i].len());
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
            article: "article",
            stance,
            source: None,
            kind: None,
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

    /// A chain of paraphrases: A is like B, B is like C, A is not like C. Single link made
    /// them one proposition; complete link keeps A and C apart.
    #[test]
    fn a_chain_of_similar_claims_is_not_one_proposition() {
        // Jaccard 4/6 for A–B and B–C, 3/7 for A–C; one predicate, "signed".
        let a = "the mayor signed the new port lease";
        let b = "the mayor quietly signed the port lease";
        let c = "the council quietly signed the port lease";
        let alike = |a: &str, b: &str| alike(&read(a), &read(b));
        assert!(alike(a, b) && alike(b, c));
        assert!(!alike(a, c));
        let claim = |content| ClaimInput {
            content,
            article: "article",
            stance: Stance::Asserted,
            source: None,
            kind: None,
            links: vec![],
        };
        let out = cluster(&[claim(a), claim(b), claim(c)]);
        let p = |i: usize| out[i].map(|x| x.proposition);
        assert_eq!(p(0), p(1), "B joins A, the first it is like");
        assert_ne!(p(0), p(2), "C is not like A: not in A's proposition");
        assert_eq!(p(2), Some(1));
        let component = |i: usize| out[i].map(|x| x.component);
        assert!(component(0) == component(1) && component(1) == component(2));
        // C before A: C and B group, A is left alone.
        let out = cluster(&[claim(c), claim(b), claim(a)]);
        let p = |i: usize| out[i].map(|x| x.proposition);
        assert_eq!((p(0), p(1), p(2)), (Some(0), Some(0), Some(1)));
    }

    /// A claim that takes the other side of another source's claim it holds answers it and
    /// joins its proposition; one that passes it on, or holds its own source's, does not.
    #[test]
    fn an_answer_joins_the_proposition_of_the_claim_it_holds() {
        // 2 is held by 1 (1 relays 2) and like 0; 1 is like neither 0 (Jaccard 4/12) nor
        // anything else by its words (4/10 with 2).
        let contents = [
            "the mayor signed the port lease with the shipping group",
            "officials in the capital angrily denied press claims that the mayor signed the port lease",
            "the mayor signed the port lease",
        ];
        let run = |stance: Stance, source: &'static str| {
            let claims: Vec<ClaimInput<'_>> = contents
                .iter()
                .enumerate()
                .map(|(i, &content)| ClaimInput {
                    content,
                    article: "article",
                    stance: if i == 1 { stance } else { Stance::Asserted },
                    source: Some(if i == 1 { source } else { "officials" }),
                    kind: None,
                    links: if i == 1 {
                        vec![(LinkKind::Relays, 2)]
                    } else {
                        vec![]
                    },
                })
                .collect();
            let out = cluster(&claims);
            let p = |i: usize| out[i].map(|a| (a.proposition, a.stance));
            (p(0), p(1), p(2))
        };
        let (a, b, c) = run(Stance::Denied, "ministry");
        assert_eq!(a.map(|p| p.0), c.map(|p| p.0));
        assert_eq!(
            b,
            Some((a.unwrap().0, Stance::Denied)),
            "the answer denies it"
        );
        let (a, b, _) = run(Stance::Asserted, "ministry");
        assert_ne!(
            a.map(|p| p.0),
            b.map(|p| p.0),
            "a relay is placed by its words"
        );
        let (a, b, _) = run(Stance::Denied, "officials");
        assert_ne!(a.map(|p| p.0), b.map(|p| p.0), "its own source's claim");
    }

    /// "They're worried" from a senator speaks of someone its article names: in another
    /// article the same words are another proposition; in its own, the same one.
    #[test]
    fn a_pronoun_speaks_of_someone_its_article_names() {
        let claim = |content, article, source| ClaimInput {
            content,
            article,
            stance: Stance::Asserted,
            source: Some(source),
            kind: Some(SourceKind::Person),
            links: vec![],
        };
        let claims = [
            claim(
                "they're worried about the vote in the capital",
                "a",
                "Carson",
            ),
            claim(
                "they are worried about the vote in the capital",
                "b",
                "Biden",
            ),
            claim(
                "they're worried about the vote in the capital city",
                "a",
                "Lee",
            ),
            claim(
                "the parties are worried about the vote in the capital",
                "c",
                "Ruiz",
            ),
        ];
        let out = cluster(&claims);
        let p = |i: usize| out[i].map(|a| a.proposition);
        assert_ne!(p(0), p(1), "two articles, two 'they's");
        assert_eq!(p(0), p(2), "one article");
        assert_ne!(
            p(1),
            p(3),
            "another article's 'they' may be someone else than the parties"
        );
    }

    /// "He will support the nominee" from two senators is two propositions, each about its
    /// speaker; from one senator twice, one; an outlet's "he" is someone else.
    #[test]
    fn a_claim_about_its_own_source_is_about_no_one_else() {
        let claim = |content, source, kind, stance| ClaimInput {
            content,
            article: "article",
            stance,
            source: Some(source),
            kind: Some(kind),
            links: vec![],
        };
        use SourceKind::{Media, Person};
        let claims = [
            claim(
                "he will support the party's nominee",
                "a",
                Person,
                Stance::Asserted,
            ),
            claim(
                "she will support the party's nominee",
                "b",
                Person,
                Stance::Asserted,
            ),
            claim(
                "that he will support the party's nominee",
                "a",
                Person,
                Stance::Asserted,
            ),
            claim(
                "he was writing a book about the campaign",
                "paper",
                Media,
                Stance::Asserted,
            ),
            claim(
                "he was writing a book about the campaign",
                "c",
                Person,
                Stance::Denied,
            ),
            // A poll's share says "they" of itself, whatever kind it was given.
            claim(
                "they will vote for the senator in May",
                "30-percent-of-voters",
                Person,
                Stance::Asserted,
            ),
            claim(
                "he will not vote for the senator in May",
                "d",
                Person,
                Stance::Asserted,
            ),
        ];
        let out = cluster(&claims);
        let p = |i: usize| out[i].map(|a| a.proposition);
        assert_ne!(p(0), p(1), "two speakers, each about themselves");
        assert_eq!(p(0), p(2), "one speaker twice");
        assert_eq!(p(3), p(4), "the outlet's report and its subject's denial");
        assert_ne!(
            p(5),
            p(6),
            "a poll's share and a voter, each about themselves"
        );
    }

    /// A content with what it predicates.
    type Read = (NormalizedContent, ContentPredicates<String>);

    fn read(content: &str) -> Read {
        (normalize_content(content), content_predicates(content))
    }

    /// Each content read, what it predicates taken from the first content of its words, as
    /// clustering takes it from the first claim of a unit.
    fn read_as_units(contents: &[&str]) -> Vec<Read> {
        let mut first: HashMap<Vec<String>, ContentPredicates<String>> = HashMap::new();
        contents
            .iter()
            .map(|&c| {
                let normalized = normalize_content(c);
                let predicates = first
                    .entry(normalized.tokens.clone())
                    .or_insert_with(|| content_predicates(c))
                    .clone();
                (normalized, predicates)
            })
            .collect()
    }

    fn alike(a: &Read, b: &Read) -> bool {
        similar(a.0.comparable(), b.0.comparable())
            && agree(a.0.comparable(), &a.1, b.0.comparable(), &b.1)
    }

    /// Complete link, brute force: claims in order, each joins the first proposition (in
    /// order of creation) all of whose claims it is similar to.
    fn reference(contents: &[Read]) -> Vec<Option<usize>> {
        let tokens = contents;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut out = vec![None; tokens.len()];
        for i in 0..tokens.len() {
            if tokens[i].0.tokens.len() < MIN_TOKENS {
                continue;
            }
            let found = groups
                .iter()
                .position(|g| g.iter().all(|&j| alike(&tokens[i], &tokens[j])));
            let g = found.unwrap_or_else(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
            out[i] = Some(g);
        }
        out
    }

    /// The indexed search and the counting check give exactly the propositions a comparison
    /// of every pair gives, and every two claims of a proposition are similar.
    #[test]
    fn indexed_complete_link_equals_brute_force() {
        // Made-up words with a digit, so stemming leaves them alone, after "that", so that
        // each is a clause, not a phrase (see `agree`).
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
        let mut contents: Vec<String> = (0..400)
            .map(|_| {
                let len = 2 + next(7);
                let words: Vec<&str> = (0..len)
                    .map(|_| words[next(words.len())].as_str())
                    .collect();
                format!("that {}", words.join(" "))
            })
            .collect();
        // Reprints: some contents again, later.
        for k in 0..40 {
            let copy = contents[k * 7].clone();
            contents.push(copy);
        }
        let claims: Vec<ClaimInput<'_>> = contents
            .iter()
            .map(|content| ClaimInput {
                content,
                article: "article",
                stance: Stance::Asserted,
                source: None,
                kind: None,
                links: vec![],
            })
            .collect();
        let out = cluster(&claims);
        let tokens = read_as_units(&contents.iter().map(String::as_str).collect::<Vec<_>>());
        let expected = reference(&tokens);
        let mut components = DisjointSets::new(claims.len());
        for i in 0..claims.len() {
            for j in 0..i {
                if alike(&tokens[i], &tokens[j]) {
                    components.union(i, j);
                }
            }
        }
        for i in 0..claims.len() {
            for j in 0..i {
                let (a, b) = (out[i], out[j]);
                let same = matches!((a, b), (Some(a), Some(b)) if a.proposition == b.proposition);
                let expected_same = expected[i].is_some() && expected[i] == expected[j];
                assert_eq!(same, expected_same, "claims {j} and {i}");
                if same {
                    assert!(alike(&tokens[i], &tokens[j]), "chained: {j} and {i}");
                }
                let together = matches!((a, b), (Some(a), Some(b)) if a.component == b.component);
                let expected_together = expected_same
                    || (a.is_some() && b.is_some() && components.find(i) == components.find(j));
                assert_eq!(together, expected_together, "components of {j} and {i}");
            }
        }
        let propositions = out.iter().flatten().map(|a| a.proposition).max();
        let grouped = out.iter().flatten().count() - propositions.map_or(0, |p| p + 1);
        let split = (0..claims.len())
            .filter(|&i| {
                (0..i).any(|j| {
                    matches!((out[i], out[j]), (Some(a), Some(b))
                        if a.component == b.component && a.proposition != b.proposition)
                })
            })
            .count();
        assert!(
            propositions > Some(20) && grouped > 20 && split > 5,
            "the test needs many propositions, some with several claims, and components \
             that complete link splits: {propositions:?}, {grouped}, {split}"
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
