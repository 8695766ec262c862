//! Evaluation of the tie-strength model, two ways: a temporal hold-out on
//! any interaction history (this module), and ground truth — a file of pairs
//! known to be real relationships ([`evaluate_truth`]). Either way the
//! strength is judged by how well it ranks the pairs that matter, side by
//! side with simple baselines computed from the same evidence. This stage
//! reads resolved data and scores it; it never prints.
//!
//! In the hold-out, ties are scored from the evidence before a split instant
//! (as of the split), then ranked against the pairs in touch again after it.
//!
//! **Candidates** are every pair with at least one interaction before the
//! split; a candidate is **positive** when the pair interacts at least once at
//! or after the split. Pairs first in touch after the split are not candidates
//! (no strength can rank a pair it has no evidence for); they are counted as
//! `new_pairs`. The question answered is the one warmpath asks of a tie: is
//! this relationship alive?

mod metrics;
mod truth;

use serde::Serialize;

pub use metrics::{precision_at_k, roc_auc};
pub use truth::{
    BandPrecision, TruthAccount, TruthEvaluation, TruthOptions, TruthPopulation, evaluate_truth,
    read_truth,
};

use crate::error::{Error, Result};
use crate::identity::ResolvedDataset;
use crate::tie_strength::{Model, collect_pair_events, score_ties};
use crate::time::{self, SECONDS_PER_DAY};

/// Where to split the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Split {
    /// At this instant (unix seconds): evidence before it, outcomes at or after it.
    At(i64),
    /// Hold out this fraction of the data's time span at its end (0.3 splits
    /// at the 70 % point between the first and the last interaction).
    Holdout(f64),
}

/// What an evaluation needs besides the data.
#[derive(Debug, Clone)]
pub struct EvaluateOptions {
    /// The model under test.
    pub model: Model,
    /// Where to split.
    pub split: Split,
    /// The cut-offs of precision at k.
    pub ks: Vec<usize>,
    /// Count outcomes only this many days after the split (all the rest of
    /// the history when `None`).
    pub horizon_days: Option<f64>,
}

/// Default cut-offs of precision at k.
pub const DEFAULT_KS: [usize; 3] = [10, 100, 1000];

/// How one score ranks the candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreResult {
    /// Short name (`strength`, `interaction count`, …).
    pub name: &'static str,
    /// What the score is.
    pub description: &'static str,
    /// ROC AUC, ties counted as half.
    pub auc: f64,
    /// Precision at each k (k, precision), for the k that fit; in JSON an
    /// object keyed by k.
    #[serde(serialize_with = "precision_map")]
    pub precision_at: Vec<(usize, f64)>,
}

/// The result of a temporal hold-out. Its JSON (`warmpath evaluate
/// --format json`) gives instants as [`instant_text`], the split also in
/// unix seconds (`split_unix`) and the end of the outcome window as
/// `outcomes_until`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// People in the data.
    pub people: usize,
    /// Interactions in the data.
    pub interactions: usize,
    /// First interaction (unix seconds).
    #[serde(serialize_with = "instant")]
    pub first: i64,
    /// Last interaction (unix seconds).
    #[serde(serialize_with = "instant")]
    pub last: i64,
    /// The split instant (unix seconds): the as-of of the scores.
    #[serde(flatten, serialize_with = "split_fields")]
    pub split_at: i64,
    /// The end of the outcome window (unix seconds, exclusive).
    #[serde(rename = "outcomes_until", serialize_with = "instant")]
    pub horizon_end: i64,
    /// Where the split falls in the time span, in [0, 1].
    pub split_fraction: f64,
    /// Interactions before the split (the evidence).
    pub train_interactions: usize,
    /// Interactions at or after the split (the outcomes).
    pub test_interactions: usize,
    /// Candidate pairs (evidence before the split).
    pub candidates: usize,
    /// Candidates in touch again after the split.
    pub positives: usize,
    /// Candidates not in touch after the split.
    pub negatives: usize,
    /// Pairs in touch after the split with no evidence before it (not candidates).
    pub new_pairs: usize,
    /// The model's strength first, then the baselines.
    pub scores: Vec<ScoreResult>,
}

/// An instant as `evaluate` shows it: `YYYY-MM-DD HH:MM:SS UTC`, or the
/// unix seconds when no calendar can show them.
#[must_use]
pub fn instant_text(seconds: i64) -> String {
    time::date_time_text(seconds).unwrap_or_else(|| seconds.to_string())
}

// `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn instant<S: serde::Serializer>(seconds: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&instant_text(*seconds))
}

/// The split as two fields: `split` (text) and `split_unix` (seconds).
// `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn split_fields<S: serde::Serializer>(seconds: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry("split", &instant_text(*seconds))?;
    map.serialize_entry("split_unix", seconds)?;
    map.end()
}

fn precision_map<S: serde::Serializer>(
    precision_at: &[(usize, f64)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(
        precision_at
            .iter()
            .map(|(k, precision)| (k.to_string(), precision)),
    )
}

/// Runs a temporal hold-out of `options.model` on `resolved`.
///
/// Scores every tie as of the split with [`score_ties`], then compares the
/// strength with three baselines on the same candidates: the number of
/// interactions before the split, the time of the last one (recency alone),
/// and the product of the two people's degrees before the split (reach).
///
/// Complexity: that of [`score_ties`] plus O(C log C) for C candidates.
pub fn evaluate_holdout(
    resolved: &ResolvedDataset,
    options: &EvaluateOptions,
) -> Result<Evaluation> {
    let interactions = &resolved.interactions;
    let (Some(first), Some(last)) = (
        interactions.iter().map(|i| i.at).min(),
        interactions.iter().map(|i| i.at).max(),
    ) else {
        return Err(Error::Evaluate(
            "the data holds no interactions; evaluation needs timestamped history".to_owned(),
        ));
    };
    let split_at = split_instant(options.split, first, last)?;
    let horizon_end = match options.horizon_days {
        Some(days) if days.is_finite() && days > 0.0 => {
            split_at + (days * SECONDS_PER_DAY as f64) as i64
        }
        Some(days) => {
            return Err(Error::Evaluate(format!(
                "--horizon must be a positive number of days, got {days}"
            )));
        }
        None => last + 1,
    };
    let (pairs, new_pairs) = pair_histories(resolved, split_at, horizon_end, &options.model);
    let labels: Vec<bool> = pairs.iter().map(|pair| pair.positive).collect();
    let positives = labels.iter().filter(|label| **label).count();
    let negatives = labels.len() - positives;
    if positives == 0 || negatives == 0 {
        return Err(Error::Evaluate(format!(
            "after the split at {}, {positives} of {} candidate pairs are in touch again; \
             evaluation needs both pairs that are and pairs that are not — move the split",
            date_text(split_at),
            labels.len()
        )));
    }
    let results = rank_scores(
        score_columns(resolved, options, split_at, &pairs),
        &labels,
        &options.ks,
    );
    let train_interactions = interactions.iter().filter(|i| i.at < split_at).count();
    Ok(Evaluation {
        people: resolved.people.len(),
        interactions: interactions.len(),
        first,
        last,
        split_at,
        horizon_end,
        split_fraction: (split_at - first) as f64 / (last - first).max(1) as f64,
        train_interactions,
        test_interactions: interactions
            .iter()
            .filter(|i| i.at >= split_at && i.at < horizon_end)
            .count(),
        candidates: pairs.len(),
        positives,
        negatives,
        new_pairs,
        scores: results,
    })
}

/// How each `(name, description, values)` column ranks the candidates
/// labelled `labels`: its ROC AUC and precision at each of `ks` that fits.
fn rank_scores(
    columns: impl IntoIterator<Item = (&'static str, &'static str, Vec<f64>)>,
    labels: &[bool],
    ks: &[usize],
) -> Vec<ScoreResult> {
    columns
        .into_iter()
        .map(|(name, description, values)| ScoreResult {
            name,
            description,
            auc: roc_auc(&values, labels).unwrap_or(0.5),
            precision_at: ks
                .iter()
                .filter_map(|k| Some((*k, precision_at_k(&values, labels, *k)?)))
                .collect(),
        })
        .collect()
}

/// The split instant for a history from `first` to `last` (unix seconds).
fn split_instant(split: Split, first: i64, last: i64) -> Result<i64> {
    let split_at = match split {
        Split::At(at) => at,
        Split::Holdout(fraction) => {
            if !(fraction > 0.0 && fraction < 1.0) {
                return Err(Error::Evaluate(format!(
                    "--holdout must be between 0 and 1 (exclusive), got {fraction}"
                )));
            }
            first + ((last - first) as f64 * (1.0 - fraction)).round() as i64
        }
    };
    if split_at <= first || split_at > last {
        return Err(Error::Evaluate(format!(
            "the split must fall inside the data's history ({} to {}); choose another date",
            date_text(first),
            date_text(last)
        )));
    }
    Ok(split_at)
}

/// Every pair with evidence before `split_at`, with its outcome in
/// `[split_at, horizon_end)`, and the number of pairs first seen in that window.
fn pair_histories(
    resolved: &ResolvedDataset,
    split_at: i64,
    horizon_end: i64,
    model: &Model,
) -> (Vec<PairHistory>, usize) {
    let (events, _) = collect_pair_events(&resolved.interactions, horizon_end, model);
    let mut pairs: Vec<PairHistory> = Vec::new();
    let mut new_pairs = 0;
    for pair in events.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let key = (pair[0].a, pair[0].b);
        let before = pair.iter().filter(|event| event.at < split_at).count();
        let after = pair.len() > before;
        if before == 0 {
            new_pairs += usize::from(after);
        } else {
            pairs.push(PairHistory {
                a: key.0.index(),
                b: key.1.index(),
                count: before,
                last: pair[..before]
                    .iter()
                    .map(|event| event.at)
                    .max()
                    .unwrap_or(split_at),
                positive: after,
            });
        }
    }
    (pairs, new_pairs)
}

/// The strength and each baseline, one value per candidate pair.
fn score_columns(
    resolved: &ResolvedDataset,
    options: &EvaluateOptions,
    split_at: i64,
    pairs: &[PairHistory],
) -> [(&'static str, &'static str, Vec<f64>); 4] {
    let mut degree = vec![0_usize; resolved.people.len()];
    for pair in pairs {
        degree[pair.a] += 1;
        degree[pair.b] += 1;
    }
    let scored = score_ties(resolved, &options.model, split_at);
    let strength_of = |pair: &PairHistory| {
        scored
            .ties
            .binary_search_by_key(&(pair.a, pair.b), |tie| (tie.a.index(), tie.b.index()))
            .map_or(0.0, |index| scored.ties[index].strength.strength)
    };
    [
        (
            "strength",
            "the model's tie strength as of the split",
            pairs.iter().map(strength_of).collect(),
        ),
        (
            "interaction count",
            "interactions between the pair before the split",
            pairs.iter().map(|pair| pair.count as f64).collect(),
        ),
        (
            "recency",
            "time of the pair's last interaction before the split",
            pairs.iter().map(|pair| pair.last as f64).collect(),
        ),
        (
            "degree",
            "product of the two people's numbers of ties before the split (reach)",
            pairs
                .iter()
                .map(|pair| degree[pair.a] as f64 * degree[pair.b] as f64)
                .collect(),
        ),
    ]
}

/// One candidate pair's history before the split and its outcome.
struct PairHistory {
    a: usize,
    b: usize,
    count: usize,
    last: i64,
    positive: bool,
}

fn date_text(seconds: i64) -> String {
    time::date_text(seconds).unwrap_or_else(|| seconds.to_string())
}
