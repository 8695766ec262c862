//! Evidence per pair: every resolved interaction becomes one event per pair of
//! people it links, with its direction and its group dilution; declared
//! relationships are kept beside them. Pairs are unordered (`a < b`).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::Model;
use crate::identity::{PersonId, ResolvedInteraction, ResolvedRelationship};
use crate::ingest::{Channel, DeclaredSince, DeclaredSourceId, DeclaredSources, DeclaredStrength};
use crate::time::utc_year;

/// Who acted in an event, relative to the pair `(a, b)` with `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `a` wrote to `b`.
    AToB,
    /// `b` wrote to `a`.
    BToA,
    /// Both took part (a meeting, a call).
    Mutual,
}

/// One interaction as seen by one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairEvent {
    /// The smaller person id.
    pub a: PersonId,
    /// The larger person id.
    pub b: PersonId,
    /// When (unix seconds).
    pub at: i64,
    /// How.
    pub channel: Channel,
    /// Who acted.
    pub direction: Direction,
    /// Group dilution in (0, 1]: 1 for a one-to-one.
    pub dilution: f32,
    /// Seconds spent together (0 for written channels).
    pub seconds: f32,
}

/// A declared relationship on a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Declared {
    /// Declared strength, if any; without one it is a bare connection.
    pub strength: Option<f64>,
    /// Since when (unix seconds).
    #[serde(serialize_with = "crate::time::serialize_iso")]
    pub since: Option<i64>,
    /// Where the declaration comes from (shared: millions of ties carry a
    /// handful of sources).
    pub source: std::sync::Arc<str>,
}

/// Expands interactions into pair events (sorted by pair, then time) and
/// returns how many interactions were ignored for being after `as_of`.
#[must_use]
pub fn collect_pair_events(
    interactions: &[ResolvedInteraction],
    as_of: i64,
    model: &Model,
) -> (Vec<PairEvent>, usize) {
    let mut events = Vec::with_capacity(interactions.len());
    let mut after_as_of = 0;
    for interaction in interactions {
        if interaction.at >= as_of {
            after_as_of += 1;
            continue;
        }
        push_events(interaction, model, &mut events);
    }
    events.sort_unstable_by_key(|event| (event.a, event.b, event.at));
    (events, after_as_of)
}

fn push_events(interaction: &ResolvedInteraction, model: &Model, events: &mut Vec<PairEvent>) {
    let channel = interaction.channel;
    let others = interaction.to.len();
    let seconds = interaction
        .duration_secs
        .map_or(model.default_minutes.minutes(channel) * 60.0, f64::from);
    let dilution_for =
        |others: usize| (1.0 / (others.max(1) as f64).powf(model.dilution_exponent)) as f32;
    let mut push = |x: PersonId, y: PersonId, acted: Direction, dilution: f32| {
        let (a, b, direction) = if x < y {
            (x, y, acted)
        } else {
            let flipped = match acted {
                Direction::AToB => Direction::BToA,
                Direction::BToA => Direction::AToB,
                Direction::Mutual => Direction::Mutual,
            };
            (y, x, flipped)
        };
        events.push(PairEvent {
            a,
            b,
            at: interaction.at,
            channel,
            direction,
            dilution,
            seconds: (seconds * f64::from(dilution)) as f32,
        });
    };
    let all_pairs = channel.links_all_participants() && others < model.max_group_size;
    let direction = if channel.is_mutual() {
        Direction::Mutual
    } else {
        Direction::AToB
    };
    let dilution = dilution_for(others);
    for &to in &interaction.to {
        push(interaction.from, to, direction, dilution);
    }
    if all_pairs {
        for (index, &x) in interaction.to.iter().enumerate() {
            for &y in &interaction.to[index + 1..] {
                push(x, y, Direction::Mutual, dilution);
            }
        }
    }
}

/// Declared relationships merged per pair, as columns sorted by pair: when a
/// pair is declared several times, the strongest declaration wins (a bare
/// connection counting below any strength; the first of equally strong ones,
/// in reading order) and the earliest `since` is kept. 32 bytes a pair.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DeclaredPairs {
    /// One entry per pair, sorted by pair.
    entries: Vec<DeclaredEntry>,
    /// The distinct sources of the declarations kept, sorted.
    sources: Vec<Arc<str>>,
}

/// One pair's declaration, packed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DeclaredEntry {
    /// The pair as `(a << 32) | b` with `a < b`.
    key: u64,
    /// Declared strength.
    strength: DeclaredStrength,
    /// Since when (unix seconds).
    since: DeclaredSince,
    /// Where the declaration comes from, an index into the sources.
    source: u32,
    /// The row of the declaration kept, in reading order (rows past
    /// `u32::MAX` share the last value): while merging, the first of equally
    /// strong declarations wins. It fills what would be padding.
    row: u32,
}

// Merged in place, one entry a row: the entries are what a build holds per
// declared row at its peak.
const _: () = assert!(std::mem::size_of::<DeclaredEntry>() == 32);

impl DeclaredPairs {
    /// Number of declared pairs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is declared.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The pair at `index` (`a < b`).
    #[must_use]
    pub fn pair(&self, index: usize) -> (PersonId, PersonId) {
        let key = self.entries[index].key;
        (PersonId((key >> 32) as u32), PersonId(key as u32))
    }

    /// The declaration of the pair at `index`, its source taken from `copies`.
    #[must_use]
    pub fn declared(&self, index: usize, copies: &mut SourceCopies) -> Declared {
        let DeclaredEntry {
            strength,
            since,
            source,
            ..
        } = self.entries[index];
        Declared {
            strength: strength.get(),
            since: since.get(),
            source: copies.get(&self.sources, source as usize),
        }
    }

    /// The distinct sources of the declarations, sorted.
    #[must_use]
    pub fn sources(&self) -> &[Arc<str>] {
        &self.sources
    }

    /// Every declared pair with its declaration, in order.
    pub fn iter(&self) -> impl Iterator<Item = (PersonId, PersonId, Declared)> + '_ {
        let mut copies = SourceCopies::default();
        (0..self.len()).map(move |index| {
            let (a, b) = self.pair(index);
            (a, b, self.declared(index, &mut copies))
        })
    }
}

/// A caller's own copies of the declarations' sources ([`DeclaredPairs::sources`]),
/// each made the first time it is asked for: threads scoring at once then
/// never count references to the same ones.
#[derive(Debug, Default)]
pub struct SourceCopies(Vec<Option<Arc<str>>>);

impl SourceCopies {
    /// This caller's copy of `sources[index]`.
    fn get(&mut self, sources: &[Arc<str>], index: usize) -> Arc<str> {
        if self.0.len() < sources.len() {
            self.0.resize(sources.len(), None);
        }
        Arc::clone(self.0[index].get_or_insert_with(|| (*sources[index]).into()))
    }
}

/// Declared relationships per pair ([`DeclaredPairs`]); their sources are
/// interned in `sources`.
#[must_use]
pub fn collect_declared(
    relationships: &[ResolvedRelationship],
    sources: &DeclaredSources,
) -> DeclaredPairs {
    merge_declared(relationships, sources, |_| true)
}

/// [`collect_declared`] of the relationships that existed as of `as_of`
/// (unix seconds): a declaration whose `since` is at or after it did not yet,
/// and is left out and counted (the second value).
#[must_use]
pub fn collect_declared_as_of(
    relationships: &[ResolvedRelationship],
    sources: &DeclaredSources,
    as_of: i64,
) -> (DeclaredPairs, usize) {
    let existed = |relationship: &ResolvedRelationship| {
        relationship.since.get().is_none_or(|since| since < as_of)
    };
    let future = relationships.par_iter().filter(|r| !existed(r)).count();
    (merge_declared(relationships, sources, existed), future)
}

fn merge_declared(
    relationships: &[ResolvedRelationship],
    sources: &DeclaredSources,
    keep: impl Fn(&ResolvedRelationship) -> bool + Sync,
) -> DeclaredPairs {
    // Each kept row becomes its pair's entry, sorted by (pair, row) and
    // merged in place run by run: no copy of the rows is gathered, and the
    // row keeps equal pairs in reading order, so the first of equally strong
    // declarations wins. Sources are the dataset's ids until renumbered below.
    let mut entries: Vec<DeclaredEntry> = relationships
        .par_iter()
        .enumerate()
        .filter(|(_, relationship)| keep(relationship))
        .map(|(row, relationship)| {
            let (a, b) = if relationship.a < relationship.b {
                (relationship.a, relationship.b)
            } else {
                (relationship.b, relationship.a)
            };
            DeclaredEntry {
                key: (u64::from(a.0) << 32) | u64::from(b.0),
                strength: relationship.strength,
                since: relationship.since,
                source: relationship.source.0,
                row: u32::try_from(row).unwrap_or(u32::MAX),
            }
        })
        .collect();
    let order = |entry: &DeclaredEntry| (entry.key, entry.row);
    // Rows written pair by pair need no sort: checking is one parallel pass.
    if !entries
        .par_windows(2)
        .all(|pair| order(&pair[0]) <= order(&pair[1]))
    {
        entries.par_sort_unstable_by_key(order);
    }
    entries.dedup_by(|later, kept| {
        if later.key != kept.key {
            return false;
        }
        let strength = |entry: &DeclaredEntry| entry.strength.get().unwrap_or(-1.0);
        if strength(later) > strength(kept) {
            (kept.strength, kept.source, kept.row) = (later.strength, later.source, later.row);
        }
        if let Some(since) = later.since.get()
            && kept.since.get().is_none_or(|earliest| since < earliest)
        {
            kept.since = later.since;
        }
        true
    });
    if entries.len() < entries.capacity() / 2 {
        // Mostly repeats (several sources listing the same pairs).
        entries.shrink_to_fit();
    }
    // Only the sources of the declarations kept, sorted by text.
    let mut used = vec![false; sources.len()];
    for entry in &entries {
        used[entry.source as usize] = true;
    }
    let mut kept: Vec<DeclaredSourceId> = (0..sources.len())
        .filter(|&index| used[index])
        .map(|index| DeclaredSourceId(index as u32))
        .collect();
    kept.sort_unstable_by(|x, y| sources.text(*x).cmp(sources.text(*y)));
    if kept
        .iter()
        .enumerate()
        .any(|(position, id)| id.index() != position)
    {
        let mut renumber = vec![0_u32; sources.len()];
        for (position, id) in kept.iter().enumerate() {
            renumber[id.index()] = position as u32;
        }
        entries
            .par_iter_mut()
            .for_each(|entry| entry.source = renumber[entry.source as usize]);
    }
    DeclaredPairs {
        entries,
        sources: kept
            .iter()
            .map(|id| Arc::clone(sources.text(*id)))
            .collect(),
    }
}

/// What is known about one pair, counted for explanations and exports.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvidenceSummary {
    /// Interactions, per channel, in [`Channel::ALL`] order.
    #[serde(serialize_with = "by_channel_map")]
    pub by_channel: [u32; 9],
    /// Written contact from `a` to `b`.
    pub a_to_b: u32,
    /// Written contact from `b` to `a`.
    pub b_to_a: u32,
    /// Meetings and calls (both took part).
    pub mutual: u32,
    /// Interactions shared with other people (groups).
    pub in_groups: u32,
    /// Hours spent together (diluted by group size).
    pub hours_together: f32,
    /// First contact or declared start (unix seconds).
    #[serde(serialize_with = "crate::time::serialize_iso")]
    pub first_contact: Option<i64>,
    /// Last interaction (unix seconds).
    #[serde(serialize_with = "crate::time::serialize_iso")]
    pub last_contact: Option<i64>,
    /// The declared relationship, if any.
    pub declared: Option<Declared>,
    /// Interactions per calendar year (UTC), sorted by year; for reports of
    /// activity over time. A boxed slice (16 bytes, no allocation when empty)
    /// to keep ties small. Not serialised, so exports keep their shape.
    #[serde(skip)]
    pub by_year: Box<[(i32, u32)]>,
}

impl EvidenceSummary {
    /// Summarises `events` (all of one pair) and the pair's declaration.
    #[must_use]
    pub fn from_events(events: &[PairEvent], declared: Option<Declared>) -> Self {
        let mut summary = Self::default();
        let mut by_year: Vec<(i32, u32)> = Vec::new();
        for event in events {
            if let Some(slot) = Channel::ALL
                .iter()
                .position(|channel| *channel == event.channel)
            {
                summary.by_channel[slot] += 1;
            }
            match event.direction {
                Direction::AToB => summary.a_to_b += 1,
                Direction::BToA => summary.b_to_a += 1,
                Direction::Mutual => summary.mutual += 1,
            }
            if event.dilution < 1.0 {
                summary.in_groups += 1;
            }
            summary.hours_together += event.seconds / 3600.0;
            let year = utc_year(event.at);
            match by_year.last_mut() {
                Some((last, count)) if *last == year => *count += 1,
                _ => by_year.push((year, 1)),
            }
        }
        if !by_year.is_sorted_by_key(|(year, _)| *year) {
            by_year.sort_unstable_by_key(|(year, _)| *year);
            by_year.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
        }
        summary.by_year = by_year.into_boxed_slice();
        summary.last_contact = events.iter().map(|event| event.at).max();
        let first_event = events.iter().map(|event| event.at).min();
        let since = declared.as_ref().and_then(|declared| declared.since);
        summary.first_contact = match (first_event, since) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        summary.declared = declared;
        summary
    }

    /// Interactions in all.
    #[must_use]
    pub fn interactions(&self) -> u32 {
        self.by_channel.iter().sum()
    }

    /// Interactions over `channel`.
    #[must_use]
    pub fn count(&self, channel: Channel) -> u32 {
        Channel::ALL
            .iter()
            .position(|known| *known == channel)
            .map_or(0, |slot| self.by_channel[slot])
    }

    /// True when both sides took part: a meeting or call, or written contact both ways.
    #[must_use]
    pub fn is_reciprocal(&self) -> bool {
        self.mutual > 0 || (self.a_to_b > 0 && self.b_to_a > 0)
    }

    /// A one-line account, e.g. `12 meetings, 3 emails (both ways), 9.5 h together`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Channel::ALL
            .iter()
            .zip(self.by_channel)
            .filter(|(_, count)| *count > 0)
            .map(|(channel, count)| plural(count, channel.name()))
            .collect();
        if self.interactions() > 0 {
            let direction = if self.is_reciprocal() {
                "both ways"
            } else {
                "one way, never answered"
            };
            parts.push(direction.to_owned());
        }
        if self.hours_together >= 0.05 {
            parts.push(format!("{:.1} h together", self.hours_together));
        }
        if let Some(declared) = &self.declared {
            parts.push(match declared.strength {
                Some(strength) => format!("declared {strength:.2} ({})", declared.source),
                None => format!("connected ({})", declared.source),
            });
        }
        if parts.is_empty() {
            "no evidence".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// Serialises per-channel counts as an object keyed by channel name.
// `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn by_channel_map<S: serde::Serializer>(
    counts: &[u32; 9],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(counts.len()))?;
    for (channel, count) in Channel::ALL.iter().zip(counts) {
        map.serialize_entry(channel.name(), count)?;
    }
    map.end()
}

fn plural(count: u32, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_interactions_per_year_in_order() {
        let event = |at: i64| PairEvent {
            a: PersonId(0),
            b: PersonId(1),
            at,
            channel: Channel::Email,
            direction: Direction::AToB,
            dilution: 1.0,
            seconds: 0.0,
        };
        let events = [event(1_704_067_300), event(0), event(1_704_067_400)];
        let summary = EvidenceSummary::from_events(&events, None);
        assert_eq!(*summary.by_year, [(1970, 1), (2024, 2)]);
    }
}

#[cfg(test)]
mod declared_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::Origin;

    fn relationship(
        row: usize,
        (a, b, strength, since, source): (u32, u32, Option<u8>, Option<i64>, u8),
        sources: &mut DeclaredSources,
    ) -> ResolvedRelationship {
        ResolvedRelationship {
            origin: Origin {
                file: 0,
                line: row as u64,
            }
            .into(),
            a: PersonId(a),
            b: PersonId(b),
            strength: strength.map_or(DeclaredStrength::NONE, |tenths| {
                DeclaredStrength::new(f64::from(tenths) / 10.0).unwrap()
            }),
            since: since.map_or(DeclaredSince::UNKNOWN, |since| {
                DeclaredSince::new(since).unwrap()
            }),
            source: sources.intern(&format!("source{source}")),
        }
    }

    #[test]
    fn a_caller_copies_each_source_once_and_apart_from_the_shared_one() {
        let sources: Vec<Arc<str>> = vec!["crm".into(), "linkedin".into()];
        let mut copies = SourceCopies::default();
        let linkedin = copies.get(&sources, 1);
        assert_eq!(&*linkedin, "linkedin");
        assert!(!Arc::ptr_eq(&linkedin, &sources[1]));
        assert!(Arc::ptr_eq(&linkedin, &copies.get(&sources, 1)));
        assert_eq!(&*copies.get(&sources, 0), "crm");
    }

    proptest! {
        /// Each declared pair appears once, sorted; its strength and source
        /// are those of its first strongest declaration (a bare connection
        /// counting below any strength), its `since` the earliest given.
        #[test]
        fn declarations_merge_per_pair_like_a_brute_force(
            rows in proptest::collection::vec(
                (0_u32..5, 0_u32..5, proptest::option::of(0_u8..=10),
                 proptest::option::of(0_i64..100), 0_u8..3),
                0..60,
            ),
        ) {
            let mut sources = DeclaredSources::default();
            let relationships: Vec<ResolvedRelationship> = rows
                .into_iter()
                .filter(|(a, b, ..)| a != b)
                .enumerate()
                .map(|(row, fields)| relationship(row, fields, &mut sources))
                .collect();
            // Rows in reading order and rows written pair by pair (which
            // need no sort), each as a brute force over the rows kept.
            let mut by_pair = relationships.clone();
            by_pair.sort_by_key(|r| (r.a.min(r.b), r.a.max(r.b)));
            let existed = |r: &ResolvedRelationship| r.since.get().is_none_or(|since| since < 50);
            for rows in [relationships, by_pair] {
                let got: Vec<(PersonId, PersonId, Declared)> =
                    collect_declared(&rows, &sources).iter().collect();
                prop_assert_eq!(got, merged_by_brute_force(&rows, &sources));
                let kept: Vec<ResolvedRelationship> =
                    rows.iter().filter(|r| existed(r)).cloned().collect();
                let got: Vec<(PersonId, PersonId, Declared)> =
                    merge_declared(&rows, &sources, existed).iter().collect();
                prop_assert_eq!(got, merged_by_brute_force(&kept, &sources));
            }
        }
    }

    /// Each pair once, sorted, with its first strongest declaration and
    /// earliest `since`, found by scanning every row for every pair.
    fn merged_by_brute_force(
        relationships: &[ResolvedRelationship],
        sources: &DeclaredSources,
    ) -> Vec<(PersonId, PersonId, Declared)> {
        let mut pairs: Vec<(PersonId, PersonId)> = relationships
            .iter()
            .map(|r| (r.a.min(r.b), r.a.max(r.b)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
            .into_iter()
            .map(|(a, b)| {
                let on_pair: Vec<&ResolvedRelationship> = relationships
                    .iter()
                    .filter(|r| (r.a.min(r.b), r.a.max(r.b)) == (a, b))
                    .collect();
                let best = on_pair
                    .iter()
                    .map(|r| r.strength.get().unwrap_or(-1.0))
                    .fold(f64::NEG_INFINITY, f64::max);
                let first_best = on_pair
                    .iter()
                    .find(|r| r.strength.get().unwrap_or(-1.0).total_cmp(&best).is_eq())
                    .unwrap();
                let since = on_pair.iter().filter_map(|r| r.since.get()).min();
                (
                    a,
                    b,
                    Declared {
                        strength: first_best.strength.get(),
                        since,
                        source: Arc::clone(sources.text(first_best.source)),
                    },
                )
            })
            .collect()
    }
}
