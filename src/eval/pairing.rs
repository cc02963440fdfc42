//! One-to-one pairing of predicted and gold components, greedily by Jaccard overlap, exactly
//! as `eval/score.py`'s `greedy` does (ties included). Knows nothing of texts or files.

use super::components::PositionSet;

/// Pairs `(i, j)` of `pred[i]` and `gold[j]`, best Jaccard first; a pair needs some overlap
/// and each side is used once.
///
/// Ties follow Python's `cands.sort(reverse=True)` on `(jaccard, i, j)` tuples: equal Jaccard
/// goes to the higher predicted index, then the higher gold index. The Jaccard is computed as
/// Python does (`inter / union`, one correctly rounded division), so equal ratios such as
/// 1/2 and 2/4 tie here as they do there.
pub(crate) fn greedy(pred: &[&PositionSet], gold: &[&PositionSet]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let inter = p.intersection_len(g);
            if inter > 0 {
                let union = p.len() + g.len() - inter;
                candidates.push((inter as f64 / union as f64, i, j));
            }
        }
    }
    candidates.sort_unstable_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| b.2.cmp(&a.2))
    });
    let mut used_pred = vec![false; pred.len()];
    let mut used_gold = vec![false; gold.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_pred[i] && !used_gold[j] {
            used_pred[i] = true;
            used_gold[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(lists: &[&[usize]]) -> Vec<PositionSet> {
        lists
            .iter()
            .map(|l| PositionSet::from_positions(l.to_vec()))
            .collect()
    }

    fn pair(pred: &[&[usize]], gold: &[&[usize]]) -> Vec<(usize, usize)> {
        let (p, g) = (sets(pred), sets(gold));
        greedy(&p.iter().collect::<Vec<_>>(), &g.iter().collect::<Vec<_>>())
    }

    #[test]
    fn best_jaccard_wins_and_each_side_is_used_once() {
        // Jaccard: p0-g0 1/6, p0-g1 1, p1-g0 1/5, p1-g1 1/4. p1 loses g1 to p0, takes g0.
        let pairs = pair(&[&[1, 2, 3], &[3, 9]], &[&[3, 4, 5, 6], &[1, 2, 3]]);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn ties_go_to_the_higher_predicted_then_gold_index() {
        // Two predictions equal to one gold: Python keeps the later prediction.
        assert_eq!(pair(&[&[1, 2], &[1, 2]], &[&[1, 2]]), vec![(1, 0)]);
        // One prediction equal to two golds: the later gold.
        assert_eq!(pair(&[&[1, 2]], &[&[1, 2], &[1, 2]]), vec![(0, 1)]);
        // 1/2 and 2/4 are the same float, so they tie and the index decides.
        assert_eq!(pair(&[&[1], &[1, 2, 3, 4]], &[&[1, 2]]), vec![(1, 0)]);
        // A tie is settled before the lower pairs are looked at.
        assert_eq!(
            pair(&[&[1, 2], &[1, 2]], &[&[1, 2], &[1, 2, 3]]),
            vec![(1, 0), (0, 1)]
        );
    }

    #[test]
    fn no_overlap_no_pair_and_empty_sides_are_fine() {
        assert!(pair(&[&[1]], &[&[2]]).is_empty());
        assert!(pair(&[], &[&[2]]).is_empty());
        assert!(pair(&[&[]], &[&[]]).is_empty());
    }
}
