//! Tie strength: evidence per pair of people → a strength in [0, 1], a band,
//! and the components that explain it. The model's parameters live in
//! [`Model`]; the formula in the `score` module; its explanation in words
//! in [`explain_tie`]. This stage knows nothing of graphs or introductions.

mod evidence;
mod explain;
mod model;
mod score;

use rayon::prelude::*;
use serde::Serialize;

pub use evidence::{
    Declared, DeclaredPairs, Direction, EvidenceSummary, PairEvent, SourceCopies, collect_declared,
    collect_declared_as_of, collect_pair_events,
};
pub use explain::{ExplainedTerm, Explanation, explain_tie};
pub use model::{
    BandThresholds, ChannelWeights, ComponentWeights, DEFAULT_HALF_LIFE_DAYS, DefaultMinutes,
    GenuineThresholds, HistoryGains, MAX_MODEL_BYTES, Model, TERM_NAMES,
};
pub use score::{
    Components, Measured, Terms, TieStrength, attention_factor, combine, finish, logistic,
    measure_interactions, record_pace, score_interactions,
};

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
/// person's total volume (for attention shares) is known, so any range of
/// pairs can then be scored to final ties independently (and in parallel),
/// without holding every tie at once.
pub struct PreparedTies<'a> {
    model: &'a Model,
    as_of: i64,
    /// What the record's pace ([`record_pace`]) multiplies every recency
    /// half-life by ([`Model::pace_factor`]; 1 when it is not followed).
    pace_factor: f64,
    events: Vec<PairEvent>,
    pairs: Vec<PairInput>,
    /// The declarations, which pairs refer to by index.
    declared: DeclaredPairs,
    /// Each person's total volume of contact.
    volume: Vec<f64>,
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
    /// The first pass: every pair's volume (which sums into each person's
    /// total) and its peak.
    #[must_use]
    pub fn new(resolved: &ResolvedDataset, model: &'a Model, as_of: i64) -> Self {
        Self::from_parts(
            &resolved.interactions,
            collect_declared_as_of(&resolved.relationships, &resolved.declared_sources, as_of).0,
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
        declared: DeclaredPairs,
        people: usize,
        model: &'a Model,
        as_of: i64,
    ) -> Self {
        let (events, after_as_of) = collect_pair_events(interactions, as_of, model);
        let pairs = join_pairs(&events, &declared);
        // Neither the volume nor the record's pace depends on the pace.
        let measure = |index: usize| {
            measure_interactions(
                &events[events_of(&pairs, index, events.len())],
                as_of,
                1.0,
                model,
            )
        };
        let pair_volume: Vec<f64> = (0..pairs.len())
            .into_par_iter()
            .map(|index| measure(index).map_or(0.0, |measured| measured.components.volume))
            .collect();
        // Found only when the model follows it: a pass over every pair.
        let pace_factor = if model.pace_exponent == 0.0 {
            1.0
        } else {
            let spans: Vec<(f64, usize)> = (0..pairs.len())
                .into_par_iter()
                .filter_map(|index| {
                    measure(index)
                        .map(|measured| (measured.components.span_days, measured.distinct_days))
                })
                .collect();
            model.pace_factor(record_pace(spans.into_iter()))
        };
        let mut volume = vec![0.0_f64; people];
        for (pair, pair_volume) in pairs.iter().zip(&pair_volume) {
            volume[pair.a.index()] += pair_volume;
            volume[pair.b.index()] += pair_volume;
        }
        Self {
            model,
            as_of,
            pace_factor,
            events,
            pairs,
            declared,
            volume,
            after_as_of,
        }
    }

    /// The pair's attention factor: the geometric mean of each side's.
    fn attention(&self, pair: &PairInput, pair_volume: f64) -> f64 {
        let side = |person: PersonId| {
            let total = self.volume[person.index()];
            if total > 0.0 {
                attention_factor(pair_volume / total, self.model)
            } else {
                1.0
            }
        };
        (side(pair.a) * side(pair.b)).sqrt()
    }

    /// The interaction strength a pair with `pair_events` had at its last
    /// contact, with today's `attention`.
    fn peak(&self, pair_events: &[PairEvent], attention: f64) -> f64 {
        pair_events
            .iter()
            .map(|event| event.at)
            .max()
            .map_or(0.0, |last| {
                score_interactions(
                    pair_events,
                    last + 1,
                    self.pace_factor,
                    attention,
                    self.model,
                )
                .interaction_strength
            })
    }

    /// The events of pair `index`.
    fn events_of(&self, index: usize) -> &[PairEvent] {
        &self.events[events_of(&self.pairs, index, self.events.len())]
    }

    /// The model the ties are scored with.
    #[must_use]
    pub fn model(&self) -> &Model {
        self.model
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
        self.declared.sources().to_vec()
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
        let mut sources = SourceCopies::default();
        range
            .map(|index| {
                let pair = &self.pairs[index];
                let pair_events = self.events_of(index);
                // Recomputed rather than kept from the first pass: the same
                // arithmetic gives the same bits, and nothing is held per tie
                // (a declared tie without interactions has no peak to compute).
                let (components, peak) = match measure_interactions(
                    pair_events,
                    self.as_of,
                    self.pace_factor,
                    self.model,
                ) {
                    Some(measured) => {
                        let attention = self.attention(pair, measured.components.volume);
                        (
                            finish(measured, attention, self.model),
                            self.peak(pair_events, attention),
                        )
                    }
                    None => (
                        Components {
                            attention: 1.0,
                            ..Components::default()
                        },
                        0.0,
                    ),
                };
                let declared = pair
                    .declared()
                    .map(|index| self.declared.declared(index, &mut sources));
                let evidence = EvidenceSummary::from_events(pair_events, declared);
                let strength = combine(
                    components,
                    peak,
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

/// One pair: its people, where its slice of the sorted events starts (it
/// ends where the next pair's starts, see [`events_of`]), and its
/// declaration's index in the [`DeclaredPairs`], or [`NOT_DECLARED`].
/// 24 bytes: beside the declaration, most of what a declared tie holds
/// while it is scored.
struct PairInput {
    a: PersonId,
    b: PersonId,
    events_start: u64,
    declared: u64,
}

/// [`PairInput::declared`] of a pair without a declaration.
const NOT_DECLARED: u64 = u64::MAX;

impl PairInput {
    /// The index of the pair's declaration, if it has one.
    fn declared(&self) -> Option<usize> {
        (self.declared != NOT_DECLARED).then_some(self.declared as usize)
    }
}

/// The range of the sorted events (`total` of them) that belongs to
/// `pairs[index]`.
fn events_of(pairs: &[PairInput], index: usize, total: usize) -> std::ops::Range<usize> {
    let start = pairs[index].events_start as usize;
    let end = pairs
        .get(index + 1)
        .map_or(total, |next| next.events_start as usize);
    start..end
}

/// Merges the sorted events and the sorted declarations into one entry per pair.
fn join_pairs(events: &[PairEvent], declared: &DeclaredPairs) -> Vec<PairInput> {
    let mut pairs = Vec::with_capacity(declared.len());
    let mut next = 0;
    // A pair without events starts (and ends) where the next pair's events do.
    let declared_only = |index: usize, events_start: usize| {
        let (a, b) = declared.pair(index);
        PairInput {
            a,
            b,
            events_start: events_start as u64,
            declared: index as u64,
        }
    };
    let mut start = 0;
    for pair in events.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let key = (pair[0].a, pair[0].b);
        while next < declared.len() && declared.pair(next) < key {
            pairs.push(declared_only(next, start));
            next += 1;
        }
        let matching = (next < declared.len() && declared.pair(next) == key).then(|| {
            next += 1;
            (next - 1) as u64
        });
        pairs.push(PairInput {
            a: key.0,
            b: key.1,
            events_start: start as u64,
            declared: matching.unwrap_or(NOT_DECLARED),
        });
        start += pair.len();
    }
    pairs.extend((next..declared.len()).map(|index| declared_only(index, start)));
    pairs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::identity::ResolvedRelationship;
    use crate::ingest::{Channel, DeclaredSince, DeclaredSources, DeclaredStrength, Origin};

    #[test]
    fn a_prepared_pair_takes_24_bytes() {
        assert_eq!(std::mem::size_of::<PairInput>(), 24);
    }

    #[test]
    fn every_half_life_follows_the_records_pace_when_the_model_does() {
        const DAY: i64 = 86_400;
        // Pairs in touch on days 0 and 4, 0 and 10 (twice), and once: the
        // record's gaps are 4 and 10 days (the single contact has none), so
        // its pace is their median, 7 days.
        let message = |row: u64, from: u32, to: u32, day: i64| ResolvedInteraction {
            origin: Origin { file: 0, line: row },
            at: day * DAY,
            from: PersonId(from),
            to: vec![PersonId(to)],
            channel: Channel::Message,
            duration_secs: None,
        };
        let interactions = [
            message(1, 0, 1, 0),
            message(2, 1, 0, 4),
            message(3, 2, 3, 0),
            message(4, 3, 2, 10),
            message(5, 4, 5, 2),
        ];
        let half_lives = |pace_exponent: f64| {
            let model = Model {
                pace_exponent,
                ..Model::default()
            };
            let prepared = PreparedTies::from_parts(
                &interactions,
                DeclaredPairs::default(),
                6,
                &model,
                20 * DAY,
            );
            prepared
                .score(0..prepared.len())
                .iter()
                .map(|tie| tie.strength.components.half_life_days)
                .collect::<Vec<f64>>()
        };
        let (flat, paced) = (half_lives(0.0), half_lives(1.0));
        assert_eq!(flat.len(), 3);
        for (flat, paced) in flat.iter().zip(&paced) {
            assert!((paced / flat - 7.0).abs() < 1e-9, "{paced} vs {flat}");
        }
    }

    proptest! {
        /// Every pair with interactions or a declaration is one tie, in
        /// pair order, holding exactly its own interactions and its
        /// declaration: pairs without events before, between and after
        /// pairs with them find their slice of the events.
        #[test]
        fn each_tie_holds_its_own_interactions_and_declaration(
            messages in proptest::collection::vec((0_u32..6, 0_u32..6, 0_i64..50), 0..40),
            declarations in proptest::collection::vec((0_u32..6, 0_u32..6), 0..20),
        ) {
            let interactions: Vec<ResolvedInteraction> = messages
                .iter()
                .filter(|(from, to, _)| from != to)
                .enumerate()
                .map(|(row, &(from, to, day))| ResolvedInteraction {
                    origin: Origin { file: 0, line: row as u64 },
                    at: day * 86_400,
                    from: PersonId(from),
                    to: vec![PersonId(to)],
                    channel: Channel::Message,
                    duration_secs: None,
                })
                .collect();
            let mut sources = DeclaredSources::default();
            let source = sources.intern("crm");
            let relationships: Vec<ResolvedRelationship> = declarations
                .iter()
                .filter(|(a, b)| a != b)
                .enumerate()
                .map(|(row, &(a, b))| ResolvedRelationship {
                    origin: Origin { file: 1, line: row as u64 }.into(),
                    a: PersonId(a),
                    b: PersonId(b),
                    strength: DeclaredStrength::new(0.5).unwrap(),
                    since: DeclaredSince::UNKNOWN,
                    source,
                })
                .collect();
            let model = Model::default();
            let as_of = 60 * 86_400;
            let prepared = PreparedTies::from_parts(
                &interactions,
                collect_declared(&relationships, &sources),
                6,
                &model,
                as_of,
            );
            let ties = prepared.score(0..prepared.len());

            let pair = |x: u32, y: u32| (PersonId(x.min(y)), PersonId(x.max(y)));
            let mut expected: Vec<(PersonId, PersonId)> = interactions
                .iter()
                .map(|i| pair(i.from.0, i.to[0].0))
                .chain(relationships.iter().map(|r| pair(r.a.0, r.b.0)))
                .collect();
            expected.sort_unstable();
            expected.dedup();
            let got: Vec<(PersonId, PersonId)> = ties.iter().map(|tie| (tie.a, tie.b)).collect();
            prop_assert_eq!(got, expected);
            for tie in &ties {
                let count = interactions
                    .iter()
                    .filter(|i| pair(i.from.0, i.to[0].0) == (tie.a, tie.b))
                    .count();
                let declared = relationships
                    .iter()
                    .any(|r| pair(r.a.0, r.b.0) == (tie.a, tie.b));
                prop_assert_eq!(tie.evidence.interactions() as usize, count);
                prop_assert_eq!(tie.evidence.declared.is_some(), declared);
            }
        }
    }
}
