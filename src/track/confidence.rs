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
    // Strongest weight per (stance, origin).
    let mut strongest: BTreeMap<(u8, &str), f64> = BTreeMap::new();
    for b in backing {
        let side = match b.stance {
            Stance::Asserted => 0,
            Stance::Denied => 1,
            Stance::Unconfirmed => 2,
        };
        let w = 0.6 * certainty_weight(b.certainty) * kind_weight(b.kind);
        let entry = strongest.entry((side, b.origin)).or_insert(0.0);
        if w > *entry {
            *entry = w;
        }
    }
    let combine = |side: u8| {
        1.0 - strongest
            .iter()
            .filter(|((s, _), _)| *s == side)
            .map(|(_, w)| 1.0 - w)
            .product::<f64>()
    };
    let support = combine(0);
    let opposition = combine(1);
    let unconfirmed = strongest.keys().filter(|(s, _)| *s == 2).count();
    let x = support * (1.0 - 0.7 * opposition) * 0.9f64.powi(unconfirmed as i32);
    (x.clamp(0.0, 1.0) * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

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
