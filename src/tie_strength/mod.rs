//! Tie strength: evidence per pair of people → a strength in [0, 1], a band,
//! and the components that explain it. The model's parameters live in
//! [`Model`]; the formula in the `score` module; its explanation in words
//! in [`explain`]. This stage knows nothing of
//! graphs or introductions.

mod evidence;
mod explain;
mod model;
mod score;

use rayon::prelude::*;
use serde::Serialize;

pub use evidence::{
    Declared, Direction, EvidenceSummary, PairEvent, collect_declared, collect_pair_events,
};
pub use explain::{ExplainedComponent, Explanation, explain};
pub use model::{
    BandThresholds, ChannelWeights, ComponentWeights, DEFAULT_HALF_LIFE_DAYS, DefaultMinutes,
    GenuineThresholds, Model,
};
pub use score::{Components, TieStrength, attention_factor, combine, score_interactions};

use crate::identity::{PersonId, ResolvedDataset, ResolvedInteraction};

/// A tie's band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Close, current relationship.
    Strong,
    /// Real, moderate relationship.
    Medium,
    /// Light contact.
    Weak,
    /// Was strong, has decayed.
    Dormant,
    /// Connected, never interacted.
    Unknown,
}

impl Band {
    /// Every band, strongest first.
    pub const ALL: [Self; 5] = [
        Self::Strong,
        Self::Medium,
        Self::Weak,
        Self::Dormant,
        Self::Unknown,
    ];

    /// The band's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Strong => "strong",
            Self::Medium => "medium",
            Self::Weak => "weak",
            Self::Dormant => "dormant",
            Self::Unknown => "unknown",
        }
    }
}

/// A scored tie between two people (`a < b`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    /// The smaller person id.
    #[serde(skip)]
    pub a: PersonId,
    /// The larger person id.
    #[serde(skip)]
    pub b: PersonId,
    /// Strength, band and components.
    pub strength: TieStrength,
    /// The evidence behind it.
    pub evidence: EvidenceSummary,
}

/// Every scored tie, sorted by pair.
#[derive(Debug, Default)]
pub struct ScoredTies {
    /// The ties, sorted by `(a, b)`.
    pub ties: Vec<Tie>,
    /// Interactions ignored because they happened after the as-of date.
    pub after_as_of: usize,
}

/// Scores every pair with evidence as of `as_of` (unix seconds), in parallel.
///
/// Complexity: O(E log E) for E pair events (one sort), then linear. Holds
/// every tie at once; [`PreparedTies`] scores them a range at a time.
#[must_use]
pub fn score_ties(resolved: &ResolvedDataset, model: &Model, as_of: i64) -> ScoredTies {
    const CHUNK: usize = 4096;
    let prepared = PreparedTies::new(resolved, model, as_of);
    let chunks: Vec<Vec<Tie>> = (0..prepared.len().div_ceil(CHUNK))
        .into_par_iter()
        .map(|chunk| prepared.score(chunk * CHUNK..((chunk + 1) * CHUNK).min(prepared.len())))
        .collect();
    ScoredTies {
        ties: chunks.into_iter().flatten().collect(),
        after_as_of: prepared.after_as_of(),
    }
}

/// Every pair with evidence, after the first of two scoring passes: each
/// pair's peak strength and each person's attention factor are known, so any
/// range of pairs can then be scored to final ties independently (and in
/// parallel), without holding every tie at once.
pub struct PreparedTies<'a> {
    model: &'a Model,
    as_of: i64,
    events: Vec<PairEvent>,
    pairs: Vec<PairInput>,
    /// Each pair's interaction strength at its last contact.
    peaks: Vec<f64>,
    /// Each person's attention factor.
    attention: Vec<f64>,
    after_as_of: usize,
}

impl std::fmt::Debug for PreparedTies<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedTies")
            .field("pairs", &self.pairs.len())
            .finish_non_exhaustive()
    }
}

impl<'a> PreparedTies<'a> {
    /// The first pass: every pair's strength before attention (which only
    /// sums into each person's load) and its peak.
    #[must_use]
    pub fn new(resolved: &ResolvedDataset, model: &'a Model, as_of: i64) -> Self {
        Self::from_parts(
            &resolved.interactions,
            collect_declared(&resolved.relationships),
            resolved.people.len(),
            model,
            as_of,
        )
    }

    /// [`Self::new`] from the interactions, the declarations already merged
    /// per pair ([`collect_declared`]) and the number of people, so that a
    /// caller can drop the relationship records before the pairs are built.
    #[must_use]
    pub fn from_parts(
        interactions: &[ResolvedInteraction],
        declared: Vec<(PersonId, PersonId, Declared)>,
        people: usize,
        model: &'a Model,
        as_of: i64,
    ) -> Self {
        let (events, after_as_of) = collect_pair_events(interactions, as_of, model);
        let pairs = join_pairs(&events, declared);
        let (unattended, peaks): (Vec<f64>, Vec<f64>) = pairs
            .par_iter()
            .map(|pair| {
                let pair_events = &events[pair.events.clone()];
                unattended_strength(pair, pair_events, as_of, model)
            })
            .unzip();
        let mut load = vec![0.0_f64; people];
        for (pair, strength) in pairs.iter().zip(&unattended) {
            load[pair.a.index()] += strength;
            load[pair.b.index()] += strength;
        }
        let attention = load
            .iter()
            .map(|load| attention_factor(*load, model))
            .collect();
        Self {
            model,
            as_of,
            events,
            pairs,
            peaks,
            attention,
            after_as_of,
        }
    }

    /// Number of ties.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when no pair has evidence.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Interactions ignored because they happened after the as-of date.
    #[must_use]
    pub fn after_as_of(&self) -> usize {
        self.after_as_of
    }

    /// The distinct sources of declarations, sorted.
    #[must_use]
    pub fn declared_sources(&self) -> Vec<std::sync::Arc<str>> {
        distinct_sources(self.pairs.iter().filter_map(|pair| pair.declared.as_ref()))
    }

    /// The final ties of pairs `range` (sorted by pair), on this thread.
    ///
    /// # Panics
    ///
    /// When `range` is not within `0..self.len()`.
    #[must_use]
    pub fn score(&self, range: std::ops::Range<usize>) -> Vec<Tie> {
        // This call's own copies of the declarations' sources: cloning the
        // shared ones for every tie from several threads at once would make
        // them all contend for the same reference count.
        let mut sources: Vec<std::sync::Arc<str>> = Vec::new();
        self.pairs[range.clone()]
            .iter()
            .zip(&self.peaks[range])
            .map(|(pair, peak)| {
                let pair_events = &self.events[pair.events.clone()];
                // Recomputed rather than kept from the first pass: the same
                // arithmetic gives the same bits, and nothing is held per tie.
                let components = score_interactions(pair_events, self.as_of, self.model);
                let declared = pair.declared.as_ref().map(|declared| Declared {
                    strength: declared.strength,
                    since: declared.since,
                    source: crate::ingest::shared_text(&mut sources, &declared.source),
                });
                let evidence = EvidenceSummary::from_events(pair_events, declared);
                let pair_attention =
                    (self.attention[pair.a.index()] * self.attention[pair.b.index()]).sqrt();
                let strength = combine(
                    components,
                    *peak,
                    pair_attention,
                    evidence.declared.as_ref(),
                    &evidence,
                    self.model,
                );
                Tie {
                    a: pair.a,
                    b: pair.b,
                    strength,
                    evidence,
                }
            })
            .collect()
    }
}

/// The distinct sources of `declared`, sorted.
#[must_use]
pub fn distinct_sources<'a>(
    declared: impl Iterator<Item = &'a Declared>,
) -> Vec<std::sync::Arc<str>> {
    let mut sources: Vec<std::sync::Arc<str>> =
        declared.map(|declared| declared.source.clone()).collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

/// A pair's strength before attention (which only sums into each person's
/// load), and the interaction strength it had at its last contact.
fn unattended_strength(
    pair: &PairInput,
    pair_events: &[PairEvent],
    as_of: i64,
    model: &Model,
) -> (f64, f64) {
    let components = score_interactions(pair_events, as_of, model);
    let peak = pair_events
        .iter()
        .map(|event| event.at)
        .max()
        .map_or(0.0, |last| {
            score_interactions(pair_events, last + 1, model).interaction_strength
        });
    // `combine` reads only the interaction count of the evidence; the
    // declaration is passed beside it, not cloned into it.
    let evidence = EvidenceSummary::from_events(pair_events, None);
    let unattended = combine(
        components,
        0.0,
        1.0,
        pair.declared.as_ref(),
        &evidence,
        model,
    );
    (unattended.strength, peak)
}

/// One pair's slice of the sorted events and its declaration.
struct PairInput {
    a: PersonId,
    b: PersonId,
    events: std::ops::Range<usize>,
    declared: Option<Declared>,
}

/// Merges the sorted events and the sorted declarations into one entry per pair.
fn join_pairs(
    events: &[PairEvent],
    declared: Vec<(PersonId, PersonId, Declared)>,
) -> Vec<PairInput> {
    let mut pairs = Vec::new();
    let mut declared = declared.into_iter().peekable();
    let mut start = 0;
    for pair in events.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let key = (pair[0].a, pair[0].b);
        let end = start + pair.len();
        while let Some((a, b, _)) = declared.peek()
            && (*a, *b) < key
        {
            if let Some((a, b, only)) = declared.next() {
                pairs.push(PairInput {
                    a,
                    b,
                    events: 0..0,
                    declared: Some(only),
                });
            }
        }
        let matching = declared
            .next_if(|(a, b, _)| (*a, *b) == key)
            .map(|(_, _, declared)| declared);
        pairs.push(PairInput {
            a: key.0,
            b: key.1,
            events: start..end,
            declared: matching,
        });
        start = end;
    }
    pairs.extend(declared.map(|(a, b, only)| PairInput {
        a,
        b,
        events: 0..0,
        declared: Some(only),
    }));
    pairs
}
