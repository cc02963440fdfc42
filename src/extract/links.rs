//! Ties attributions to each other where the text says so: a denial of "such claims", a
//! refusal to confirm "these details", a corroboration ("This was also reported by …") and
//! a relay ("Citing S1, S2 reported …", or an attribution reported inside another's content:
//! "Znak.com reported its source said …"). Knows nothing of spans beyond token indices.

use super::attribution::{Link, LinkKind, Stance};
use super::cues;
use super::patterns::Found;
use super::words::Words;

/// Whether content `[a, b]` only points back at an earlier claim ("such claims", "this").
fn is_anaphoric(w: &Words, f: &Found) -> bool {
    let Some(&(a, b)) = f.content.first() else {
        return false;
    };
    if f.content.len() != 1 || b + 1 - a > 4 {
        return false;
    }
    matches!(
        w.low(a),
        "such" | "these" | "those" | "this" | "that" | "it" | "them" | "the" | "similar"
    )
}

/// How many attributions on either side may hold another in their content: a report holds
/// what it relays in the same sentence or, for an interview's answer, a few after it.
const NEAR: usize = 16;

/// The tokens from an attribution's source to its cue, if it has a source.
fn speaker_extent(f: &Found) -> Option<(usize, usize)> {
    let (source_start, source_end) = f.source?;
    let first = f.cue.iter().map(|c| c.0).chain([source_start]).min()?;
    let last = f.cue.iter().map(|c| c.1).chain([source_end]).max()?;
    Some((first, last))
}

/// Whether `host`'s content (from its first part to its last: "Local authorities … have
/// noted") holds all of `extent`, and how long that content is.
fn holds(host: &Found, (first, last): (usize, usize)) -> Option<usize> {
    let a = host.content.iter().map(|c| c.0).min()?;
    let b = host.content.iter().map(|c| c.1).max()?;
    (a <= first && last <= b).then_some(b - a)
}

/// Whether an attribution's cue is a commitment that takes an infinitive and never trails
/// its content ("agreed to", "vowed to"): one that holds "Valdoria has agreed to lease …"
/// asserts the agreement itself, it does not relay what Valdoria said.
fn commits(w: &Words, f: &Found) -> bool {
    f.cue
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .any(|t| cues::lookup(w.low(t)).is_some_and(|e| e.has(cues::INF) && !e.has(cues::TRAIL)))
}

/// Whether an attribution's cue proposes something ([`cues::proposes`]): "Clinton proposed a
/// debate on April 4".
fn proposes(w: &Words, f: &Found) -> bool {
    f.cue
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .any(|t| cues::lookup(w.low(t)).is_some_and(|e| cues::proposes(e.lemma)))
}

/// The attribution whose content holds all of `found[i]`'s source and cue (the nearest such
/// content, the smallest), if `found[i]` has a source and is no commitment: the one that
/// relays it. Of two that hold each other (one utterance read twice), the earlier relays
/// the later.
fn held_by(w: &Words, found: &[Found], i: usize) -> Option<usize> {
    if commits(w, &found[i]) {
        return None;
    }
    let extent = speaker_extent(&found[i])?;
    (i.saturating_sub(NEAR)..found.len().min(i + NEAR + 1))
        .filter(|&j| j != i && found[j].relayed_by != Some(i))
        .filter(|&j| {
            j < i
                || speaker_extent(&found[j])
                    .and_then(|theirs| holds(&found[i], theirs))
                    .is_none()
        })
        .filter_map(|j| Some((holds(&found[j], extent)?, j)))
        .min()
        .map(|(_, j)| j)
}

pub(crate) fn find(w: &Words, found: &[Found]) -> Vec<Link> {
    let mut links = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if let Some(m) = f.relayed_by.or_else(|| held_by(w, found, i)) {
            links.push(Link {
                from: m,
                kind: LinkKind::Relays,
                to: i,
            });
        }
        if !is_anaphoric(w, f) || i == 0 {
            continue;
        }
        let kind = match f.stance {
            Stance::Denied => LinkKind::Denies,
            Stance::Unconfirmed => LinkKind::DeclinesToConfirm,
            Stance::Asserted => LinkKind::Corroborates,
        };
        // "also reported this", "made similar claims": what it points at is a claim, which
        // "similar shows" or "the group" is not.
        let points_at_claim = |&(_, b): &(usize, usize)| {
            matches!(w.low(b), "this" | "that" | "it" | "so") || cues::is_claim_noun(w.low(b))
        };
        if kind == LinkKind::Corroborates
            && !((f.also || w.low(f.content[0].0) == "similar")
                && f.content.first().is_some_and(points_at_claim))
        {
            continue;
        }
        // The nearest earlier asserted claim from another source.
        let target = found[..i].iter().enumerate().rev().find(|(_, g)| {
            g.stance == Stance::Asserted
                && g.name != f.name
                && g.sentence.0 < f.sentence.0
                && !is_anaphoric(w, g)
        });
        // Rejecting a proposal ("Clinton proposed a debate … Sanders rejected that") denies
        // no claim, so it points at none.
        let target = target.filter(|(_, g)| kind == LinkKind::Corroborates || !proposes(w, g));
        if let Some((j, _)) = target {
            links.push(Link {
                from: i,
                kind,
                to: j,
            });
        }
    }
    links
}
