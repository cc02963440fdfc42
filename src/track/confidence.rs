//! The confidence of a proposition: how well its independent origins back it, how firmly,
//! and who denies it. `ontology/hearsay.ttl` documents the same formula on
//! `hs:propositionConfidence`; keep the two together. Pure arithmetic.

use std::collections::BTreeMap;

use crate::extract::{Certainty, SourceKind, Stance};

/// One claim of a proposition, as the formula sees it.
#[derive(Debug, Clone)]
pub struct Backing<'a> {
    /// The independent origin (a source key or IRI); claims of one origin count once.
    pub origin: &'a str,
    /// What the claim does with the proposition.
    pub stance: Stance,
    pub certainty: Certainty,
    /// The origin's kind (a relayed claim weighs by the source it cites, not by the relay);
    /// `None` when the text names no source.
    pub kind: Option<SourceKind>,
}

fn certainty_weight(c: Certainty) -> f64 {
    match c {
        Certainty::Certain => 1.0,
        Certainty::Probable => 0.75,
        Certainty::Possible => 0.5,
        Certainty::Unknown => 0.6,
    }
}

fn kind_weight(k: Option<SourceKind>) -> f64 {
    match k {
        Some(SourceKind::Person | SourceKind::Government | SourceKind::OfficialGroup) => 1.0,
        Some(SourceKind::Organization | SourceKind::Media) => 0.9,
        Some(SourceKind::ExpertGroup) => 0.8,
        Some(SourceKind::Anonymous) => 0.6,
        None => 0.5,
    }
}

/// The terms of [`proposition_confidence`], so that a reader can check the result.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceTerms<'a> {
    /// Each (side, origin) once, by its strongest claim, asserting origins first.
    pub origins: Vec<OriginTerm<'a>>,
    /// `1 − Π(1 − w)` over asserting origins.
    pub support: f64,
    /// `1 − Π(1 − w)` over denying origins.
    pub opposition: f64,
    /// Origins that decline to confirm.
    pub unconfirmed: usize,
    /// `support × (1 − 0.7 × opposition) × 0.9^unconfirmed`, in [0, 1], rounded to 6 decimals.
    pub confidence: f64,
}

/// One independent origin on one side, weighed by its strongest claim there.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginTerm<'a> {
    pub origin: &'a str,
    pub stance: Stance,
    /// The strongest claim's certainty and its weight.
    pub certainty: (Certainty, f64),
    /// The origin's kind and its weight.
    pub kind: (Option<SourceKind>, f64),
    /// `0.6 × certainty weight × kind weight`.
    pub weight: f64,
}

/// The weight of one origin's claim in the formula: `0.6 × certainty weight × kind weight`.
const BASE_WEIGHT: f64 = 0.6;
/// How much a certain denial takes away: `1 − 0.7 × opposition`.
pub const OPPOSITION_FACTOR: f64 = 0.7;
/// What each origin declining to confirm keeps: `× 0.9`.
pub const UNCONFIRMED_FACTOR: f64 = 0.9;

/// `support × (1 − 0.7 × opposition) × 0.9^unconfirmed`, where support and opposition are
/// `1 − Π(1 − w)` over asserting and denying origins, each origin weighing its strongest
/// claim's `0.6 × certainty weight × kind weight`. In [0, 1], rounded to 6 decimals.
///
/// ```
/// use hearsay::track::{proposition_confidence, Backing};
/// use hearsay::{Certainty, SourceKind, Stance};
/// let b = |origin, stance| Backing { origin, stance, certainty: Certainty::Certain, kind: Some(SourceKind::Person) };
/// assert_eq!(proposition_confidence(&[b("a", Stance::Asserted)]), 0.6);
/// assert_eq!(proposition_confidence(&[b("a", Stance::Asserted), b("b", Stance::Asserted)]), 0.84);
/// assert!(proposition_confidence(&[b("a", Stance::Asserted), b("c", Stance::Denied)]) < 0.6);
/// ```
pub fn proposition_confidence(backing: &[Backing<'_>]) -> f64 {
    confidence_terms(backing).confidence
}

/// [`proposition_confidence`] with every term it multiplies.
pub fn confidence_terms<'a>(backing: &[Backing<'a>]) -> ConfidenceTerms<'a> {
    // Strongest claim per (stance, origin).
    let mut strongest: BTreeMap<(u8, &str), OriginTerm<'a>> = BTreeMap::new();
    for b in backing {
        let side = match b.stance {
            Stance::Asserted => 0,
            Stance::Denied => 1,
            Stance::Unconfirmed => 2,
        };
        let (c, k) = (certainty_weight(b.certainty), kind_weight(b.kind));
        let term = OriginTerm {
            origin: b.origin,
            stance: b.stance,
            certainty: (b.certainty, c),
            kind: (b.kind, k),
            weight: BASE_WEIGHT * c * k,
        };
        let entry = strongest.entry((side, b.origin)).or_insert(OriginTerm {
            weight: 0.0,
            ..term.clone()
        });
        if term.weight > entry.weight {
            *entry = term;
        }
    }
    let combine = |stance: Stance| {
        1.0 - strongest
            .values()
            .filter(|t| t.stance == stance)
            .map(|t| 1.0 - t.weight)
            .product::<f64>()
    };
    let support = combine(Stance::Asserted);
    let opposition = combine(Stance::Denied);
    let unconfirmed = strongest
        .values()
        .filter(|t| t.stance == Stance::Unconfirmed)
        .count();
    let x = support
        * (1.0 - OPPOSITION_FACTOR * opposition)
        * UNCONFIRMED_FACTOR.powi(unconfirmed as i32);
    ConfidenceTerms {
        origins: strongest.into_values().collect(),
        support,
        opposition,
        unconfirmed,
        confidence: (x.clamp(0.0, 1.0) * 1e6).round() / 1e6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terms_are_the_strongest_claim_of_each_origin_and_multiply_to_the_result() {
        let b = |origin, stance, certainty, kind| Backing {
            origin,
            stance,
            certainty,
            kind: Some(kind),
        };
        let claims = [
            b(
                "a",
                Stance::Asserted,
                Certainty::Possible,
                SourceKind::Person,
            ),
            b(
                "a",
                Stance::Asserted,
                Certainty::Certain,
                SourceKind::Person,
            ),
            b("m", Stance::Asserted, Certainty::Certain, SourceKind::Media),
            b(
                "d",
                Stance::Denied,
                Certainty::Probable,
                SourceKind::Government,
            ),
            b(
                "u",
                Stance::Unconfirmed,
                Certainty::Certain,
                SourceKind::Person,
            ),
        ];
        let terms = confidence_terms(&claims);
        let weights: Vec<(&str, f64)> =
            terms.origins.iter().map(|t| (t.origin, t.weight)).collect();
        assert_eq!(weights.len(), 4, "{weights:?}");
        assert!((weights[0].1 - 0.6).abs() < 1e-12, "a's certain claim wins");
        assert_eq!(terms.origins[0].certainty, (Certainty::Certain, 1.0));
        assert!((terms.support - (1.0 - 0.4 * 0.46)).abs() < 1e-12);
        assert!((terms.opposition - 0.45).abs() < 1e-12);
        assert_eq!(terms.unconfirmed, 1);
        let product =
            terms.support * (1.0 - OPPOSITION_FACTOR * terms.opposition) * UNCONFIRMED_FACTOR;
        assert_eq!(terms.confidence, (product * 1e6).round() / 1e6);
        assert_eq!(terms.confidence, proposition_confidence(&claims));
    }

    #[test]
    fn more_origins_more_confidence_denials_less() {
        let b = |origin, stance, kind| Backing {
            origin,
            stance,
            certainty: Certainty::Certain,
            kind,
        };
        let one = proposition_confidence(&[b("a", Stance::Asserted, Some(SourceKind::Person))]);
        let same_origin_twice = proposition_confidence(&[
            b("a", Stance::Asserted, Some(SourceKind::Person)),
            b("a", Stance::Asserted, Some(SourceKind::Person)),
        ]);
        assert_eq!(one, same_origin_twice, "reprints add nothing");
        let anonymous =
            proposition_confidence(&[b("x", Stance::Asserted, Some(SourceKind::Anonymous))]);
        assert!(anonymous < one);
        let denied = proposition_confidence(&[
            b("a", Stance::Asserted, Some(SourceKind::Person)),
            b("d", Stance::Denied, Some(SourceKind::Government)),
        ]);
        assert!(denied < one);
        let unconfirmed = proposition_confidence(&[
            b("a", Stance::Asserted, Some(SourceKind::Person)),
            b("u", Stance::Unconfirmed, Some(SourceKind::Organization)),
        ]);
        assert!(unconfirmed < one && unconfirmed > denied);
        assert_eq!(proposition_confidence(&[]), 0.0);
    }
}
