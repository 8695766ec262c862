//! Ranking metrics for a scored list of candidates with binary labels: ROC
//! AUC (exact, ties counted as half) and precision at k (tie-aware). Pure
//! functions over slices; they know nothing of ties between people.

/// The area under the ROC curve of `scores` against `labels` (true =
/// positive): the probability that a random positive scores above a random
/// negative, a tie counting one half (Mann–Whitney U with average ranks).
///
/// Returns `None` when there are no positives or no negatives.
/// Complexity: O(n log n).
///
/// ```
/// use warmpath::evaluate::roc_auc;
/// let auc = roc_auc(&[0.9, 0.4, 0.4, 0.1], &[true, true, false, false]);
/// assert_eq!(auc, Some(0.875));
/// ```
#[must_use]
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let n = scores.len().min(labels.len());
    let positives = labels[..n].iter().filter(|label| **label).count();
    let negatives = n - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|x, y| scores[*x].total_cmp(&scores[*y]));
    let mut positive_rank_sum = 0.0_f64;
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && scores[order[end]].total_cmp(&scores[order[start]]).is_eq() {
            end += 1;
        }
        // Ranks are 1-based; a group of ties shares the average of its ranks.
        let average_rank = (start + 1 + end) as f64 / 2.0;
        let group_positives = order[start..end].iter().filter(|i| labels[**i]).count();
        positive_rank_sum += average_rank * group_positives as f64;
        start = end;
    }
    let (p, q) = (positives as f64, negatives as f64);
    Some((positive_rank_sum - p * (p + 1.0) / 2.0) / (p * q))
}

/// The share of positives among the `k` highest scores. When tied scores
/// straddle the cut, the tied group contributes its share of positives in
/// proportion to the places it takes (the expected precision over every
/// order of the ties), so the result does not depend on input order.
///
/// Returns `None` when `k` is 0 or exceeds the number of candidates.
#[must_use]
pub fn precision_at_k(scores: &[f64], labels: &[bool], k: usize) -> Option<f64> {
    let n = scores.len().min(labels.len());
    if k == 0 || k > n {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|x, y| scores[*y].total_cmp(&scores[*x]));
    let mut hits = 0.0_f64;
    let mut start = 0;
    while start < k {
        let mut end = start + 1;
        while end < n && scores[order[end]].total_cmp(&scores[order[start]]).is_eq() {
            end += 1;
        }
        let group_positives = order[start..end].iter().filter(|i| labels[**i]).count() as f64;
        let taken = (end.min(k) - start) as f64;
        hits += group_positives * taken / (end - start) as f64;
        start = end;
    }
    Some(hits / k as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_is_one_when_every_positive_outranks_every_negative() {
        assert_eq!(
            roc_auc(&[3.0, 2.0, 1.0, 0.0], &[true, true, false, false]),
            Some(1.0)
        );
        assert_eq!(
            roc_auc(&[0.0, 1.0, 2.0, 3.0], &[true, true, false, false]),
            Some(0.0)
        );
    }

    #[test]
    fn auc_counts_a_tie_between_positive_and_negative_as_half() {
        // Pairs (positive, negative): (0.9, 0.4) win, (0.9, 0.1) win,
        // (0.4, 0.4) tie, (0.4, 0.1) win → 3.5 / 4.
        assert_eq!(
            roc_auc(&[0.9, 0.4, 0.4, 0.1], &[true, true, false, false]),
            Some(0.875)
        );
        assert_eq!(
            roc_auc(&[1.0; 5], &[true, false, true, false, false]),
            Some(0.5)
        );
    }

    #[test]
    fn auc_matches_counting_every_pair_by_hand() {
        let scores = [0.5, 0.2, 0.8, 0.2, 0.6, 0.1, 0.5];
        let labels = [true, false, true, true, false, false, false];
        // Positives 0.5, 0.8, 0.2 against negatives 0.2, 0.6, 0.1, 0.5:
        // 0.5 → 1 + 0 + 1 + ½ = 2.5; 0.8 → 4; 0.2 → ½ + 0 + 1 + 0 = 1.5.
        assert_eq!(roc_auc(&scores, &labels), Some(8.0 / 12.0));
    }

    #[test]
    fn auc_is_undefined_without_both_classes() {
        assert_eq!(roc_auc(&[1.0, 2.0], &[true, true]), None);
        assert_eq!(roc_auc(&[], &[]), None);
    }

    #[test]
    fn precision_at_k_counts_positives_in_the_top_k() {
        let scores = [0.9, 0.8, 0.7, 0.6];
        let labels = [true, false, true, false];
        assert_eq!(precision_at_k(&scores, &labels, 1), Some(1.0));
        assert_eq!(precision_at_k(&scores, &labels, 2), Some(0.5));
        assert_eq!(precision_at_k(&scores, &labels, 3), Some(2.0 / 3.0));
        assert_eq!(precision_at_k(&scores, &labels, 5), None);
        assert_eq!(precision_at_k(&scores, &labels, 0), None);
    }

    #[test]
    fn precision_at_k_shares_a_tie_across_the_cut() {
        // Top score is a positive; then three tied at 0.5 with one positive,
        // of which k = 2 takes one place: 1 + 1/3.
        let scores = [0.9, 0.5, 0.5, 0.5];
        let labels = [true, false, true, false];
        let precision = precision_at_k(&scores, &labels, 2).unwrap();
        assert!((precision - 2.0 / 3.0).abs() < 1e-12);
    }
}
