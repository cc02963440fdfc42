//! Drops attributions that are no claim of their own: an impression with no source inside
//! another attribution's content ("According to the Miami Herald, Humberto is not expected
//! to make landfall" is the Herald's claim, hedged, not a second one denying it), and a claim
//! made by "you" (an addressee, the reader or an interviewer, never the one who claims).
//! Knows nothing of names beyond the source's words.

use super::patterns::Found;
use super::words::Words;

/// `found` without the attributions above, relays renumbered past the ones dropped.
pub(crate) fn claims_only(w: &Words, mut found: Vec<Found>) -> Vec<Found> {
    let hosts = Contents::of_sourced(&found);
    let keep: Vec<bool> = found
        .iter()
        .map(|f| !by_addressee(w, f) && !(f.source.is_none() && hosts.cue_inside(f)))
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

/// Whether the source is a bare "you".
fn by_addressee(w: &Words, f: &Found) -> bool {
    matches!(f.source, Some((a, b)) if a == b && w.low(a) == "you")
}

/// The content ranges of attributions that have a source, sorted by start, with the
/// furthest end reached so far: whether a token lies in one is a binary search.
struct Contents {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Contents {
    fn of_sourced(found: &[Found]) -> Self {
        let mut ranges: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.source.is_some())
            .flat_map(|f| f.content.iter().copied())
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
        Contents {
            starts: ranges.iter().map(|&(a, _)| a).collect(),
            furthest_end,
        }
    }

    /// Whether the first token of `f`'s cue lies inside one of the contents.
    fn cue_inside(&self, f: &Found) -> bool {
        let Some(&(cue, _)) = f.cue.first() else {
            return false;
        };
        let before = self.starts.partition_point(|&a| a <= cue);
        before > 0 && self.furthest_end[before - 1] >= cue
    }
}
