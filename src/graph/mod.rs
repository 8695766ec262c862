//! The relationship graph: people, scored ties, and a compressed-sparse-row
//! adjacency for traversal — 8 bytes per directed edge (a `u32` neighbour and
//! an `f32` strength), built in linear time from the ties sorted by pair.
//!
//! Ties are numbered in `(a, b)` order (`a < b`) and their details (band,
//! components, evidence) are kept encoded in the `store` module's
//! checksummed blocks — records of the `record` module over the byte codec
//! of `codec`, about 11 bytes for a declared-only tie instead of a 270-byte
//! [`Tie`] — and decoded on demand: [`RelationshipGraph::tie_detail`]
//! decodes one block, [`RelationshipGraph::ties`] decodes them all once for
//! commands that list every tie; a damaged block is an error, never an
//! empty answer. A tie's pair and strength come from the
//! adjacency, which also gives its index: its smaller end's count of earlier
//! ties (`tie_start`, derived in one pass) plus its place among that end's
//! larger neighbours.
//!
//! A graph is built from scored ties ([`RelationshipGraph::new`]) or from
//! ties prepared for their second scoring pass
//! ([`RelationshipGraph::from_prepared`], encoding chunks of ties in
//! parallel straight into the store, never holding every decoded tie), and
//! saved to and loaded from snapshots. The `pipeline` module drives the
//! stages that lead here; nothing here reads sources, ranks or prints.

mod checksum;
mod codec;
mod mapped;
mod order;
mod record;
mod shard;
mod snapshot;
mod store;

use std::borrow::Cow;
use std::sync::OnceLock;

use mapped::Column;
pub use shard::{
    MANIFEST, MAX_SHARDS, SHARD_VERSION, Shard, ShardFile, ShardManifest, ShardOwner, ShardPerson,
    is_shards_dir, read_manifest, read_shard, shard_of, write_shards,
};
pub use snapshot::{
    SNAPSHOT_MAGIC, SNAPSHOT_VERSION, is_snapshot, read_snapshot, write_snapshot, write_snapshot_to,
};
use store::{BLOCK_TIES, PairStrength, TieStore, TieStoreBuilder};

use rayon::prelude::*;

use crate::error::{DecodeError, Error, Result};
use crate::identity::{People, Person, PersonId};
use crate::progress::Progress;
use crate::tie_strength::{Model, PreparedTies, Tie};

/// People, their scored ties, and the adjacency used to search paths.
#[derive(Debug)]
pub struct RelationshipGraph {
    people: People,
    /// The ties, decoded; only once something needs them all.
    ties: OnceLock<Vec<Tie>>,
    /// The ties' details, encoded (in memory, or in a snapshot file).
    store: TieStore,
    adjacency: Adjacency,
    owners: Vec<PersonId>,
    as_of: jiff::civil::Date,
    /// The model the ties were scored with.
    model: Model,
}

impl RelationshipGraph {
    /// Builds the graph from resolved people and scored ties (any order,
    /// without duplicate pairs).
    ///
    /// Strengths are rounded to `f32` once here, so that every path score and
    /// every reported edge strength use the same numbers.
    #[must_use]
    pub fn new(
        people: People,
        mut ties: Vec<Tie>,
        owners: Vec<PersonId>,
        as_of: jiff::civil::Date,
    ) -> Self {
        ties.par_sort_unstable_by_key(|tie| (tie.a, tie.b));
        ties.par_iter_mut().for_each(round_strength);
        let store = store::encode_ties(&ties);
        let adjacency = Adjacency::from_sorted_pairs(people.len(), || {
            ties.iter()
                .map(|tie| (tie.a.0, tie.b.0, tie.strength.strength as f32))
        });
        Self {
            people,
            ties: OnceLock::from(ties),
            store,
            adjacency,
            owners,
            as_of,
            model: Model::default(),
        }
    }

    /// The same graph, saying its ties were scored with `model` (what
    /// [`Self::new`] cannot know; [`Self::from_prepared`] and snapshots do).
    #[must_use]
    pub fn scored_with(mut self, model: Model) -> Self {
        self.model = model;
        self
    }

    /// The model the ties were scored with: explanations use its weights.
    #[must_use]
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// A graph over encoded ties and their adjacency (a snapshot's, or a
    /// streaming build's). The adjacency must hold every tie in both
    /// directions with its strength; `store` their details in pair order.
    fn from_store(
        people: People,
        store: TieStore,
        adjacency: Adjacency,
        owners: Vec<PersonId>,
        as_of: jiff::civil::Date,
        model: Model,
    ) -> Self {
        Self {
            people,
            ties: OnceLock::new(),
            store,
            adjacency,
            owners,
            as_of,
            model,
        }
    }

    /// Everyone in the network.
    #[must_use]
    pub fn people(&self) -> &People {
        &self.people
    }

    /// One person.
    #[must_use]
    pub fn person(&self, id: PersonId) -> &Person {
        self.people.person(id)
    }

    /// Every tie, sorted by pair, decoding them all on the first call (which
    /// verifies every block of a snapshot's tie details).
    ///
    /// # Errors
    ///
    /// [`Error::Snapshot`] when the graph comes from a snapshot whose tie
    /// details are corrupt.
    pub fn ties(&self) -> Result<&[Tie]> {
        if let Some(ties) = self.ties.get() {
            return Ok(ties);
        }
        let pairs = self.adjacency.tie_pairs();
        let ties = self
            .store
            .all(&pairs)
            .map_err(|source| self.store_error(source))?;
        Ok(self.ties.get_or_init(|| ties))
    }

    /// Every tie, or only `person`'s, strongest first (ties of equal
    /// strength in pair order), decoding them all (see [`Self::ties`]).
    ///
    /// # Errors
    ///
    /// As [`Self::ties`].
    pub fn ties_by_strength(&self, person: Option<PersonId>) -> Result<Vec<&Tie>> {
        let mut ties: Vec<&Tie> = self
            .ties()?
            .iter()
            .filter(|tie| person.is_none_or(|person| tie.a == person || tie.b == person))
            .collect();
        ties.sort_by(|x, y| y.strength.strength.total_cmp(&x.strength.strength));
        Ok(ties)
    }

    /// Every tie, or only `person`'s, in the order of
    /// [`Self::ties_by_strength`], decoded one at a time as the iterator is
    /// read: memory holds the encoded records and one slice of the order at
    /// a time (at most [`ORDER_CAP`] ties' words, or a sixteenth of them,
    /// each slice collected in a pass over the adjacency), never every
    /// decoded tie (unless [`Self::ties`] already decoded them, which are
    /// then lent). Every record is decoded once here, so a fault in a
    /// snapshot's records is this call's error, before any tie is given.
    ///
    /// # Errors
    ///
    /// As [`Self::ties`].
    pub fn ties_in_strength_order(&self, person: Option<PersonId>) -> Result<TiesByStrength<'_>> {
        self.ties_in_strength_order_holding(person, None)
    }

    /// [`Self::ties_in_strength_order`], holding at most `cap` sort words at
    /// once when given (else [`ORDER_CAP`] or a sixteenth of the ties).
    fn ties_in_strength_order_holding(
        &self,
        person: Option<PersonId>,
        cap: Option<usize>,
    ) -> Result<TiesByStrength<'_>> {
        if self.ties.get().is_some() {
            return Ok(TiesByStrength(Lanes::Decoded(
                self.ties_by_strength(person)?.into_iter(),
            )));
        }
        let Ok(count) = u32::try_from(self.adjacency.tie_count()) else {
            // Past 4 billion ties, decoded all at once.
            return Ok(TiesByStrength(Lanes::Decoded(
                self.ties_by_strength(person)?.into_iter(),
            )));
        };
        let adjacency = &self.adjacency;
        let (words, count): (order::Words<'_, (u32, u32)>, usize) = match person {
            None => (
                Box::new(move |each: &mut dyn FnMut(u64, (u32, u32))| {
                    adjacency.for_each_tie(|index, (a, b, strength)| {
                        each(order::order_key(index as u32, strength), (a, b));
                    });
                }),
                count as usize,
            ),
            Some(person) => (
                Box::new(move |each: &mut dyn FnMut(u64, (u32, u32))| {
                    for &other in adjacency.neighbors(person.0).0 {
                        let (a, b) = (person.0.min(other), person.0.max(other));
                        if let Some((index, strength)) = adjacency.tie_index(a, b) {
                            each(order::order_key(index as u32, strength), (a, b));
                        }
                    }
                }),
                adjacency.degree(person.0),
            ),
        };
        let cap = cap.unwrap_or(ORDER_CAP.max(count / 16));
        let order = order::BoundedOrder::new(words, count, cap);
        let records = self
            .store
            .records()
            .map_err(|source| self.store_error(source))?;
        Ok(TiesByStrength(Lanes::Encoded {
            graph: self,
            records,
            order,
        }))
    }

    /// Number of ties (without decoding any).
    #[must_use]
    pub fn tie_count(&self) -> usize {
        self.store.len()
    }

    /// The tie between two people, if any, decoding only that tie unless
    /// every tie is already decoded: O(log degree) plus one block of
    /// 256 records (read from the file for a snapshot).
    ///
    /// # Errors
    ///
    /// [`Error::Snapshot`] when the block holding the tie is corrupt.
    pub fn tie_detail(&self, x: PersonId, y: PersonId) -> Result<Option<Cow<'_, Tie>>> {
        if let Some(ties) = self.ties.get() {
            let key = if x < y { (x, y) } else { (y, x) };
            return Ok(ties
                .binary_search_by_key(&key, |tie| (tie.a, tie.b))
                .ok()
                .map(|index| Cow::Borrowed(&ties[index])));
        }
        let (a, b) = if x < y { (x.0, y.0) } else { (y.0, x.0) };
        let Some((index, strength)) = self.adjacency.tie_index(a, b) else {
            return Ok(None);
        };
        self.store
            .tie(index, (a, b, strength))
            .map(|tie| Some(Cow::Owned(tie)))
            .map_err(|source| self.store_error(source))
    }

    fn store_error(&self, source: DecodeError) -> Error {
        Error::Snapshot {
            path: self.store.path(),
            source,
        }
    }

    /// The strength of the tie between two people, if any, from the
    /// adjacency (no tie decoded).
    #[must_use]
    pub fn strength(&self, x: PersonId, y: PersonId) -> Option<f32> {
        let (row, strengths) = self.adjacency.neighbors(x.0);
        row.binary_search(&y.0)
            .ok()
            .and_then(|position| strengths.get(position).copied())
    }

    /// The neighbours of `person` (sorted by id) and the strengths of the ties.
    #[must_use]
    pub fn neighbors(&self, person: PersonId) -> (&[u32], &[f32]) {
        self.adjacency.neighbors(person.0)
    }

    /// Number of ties of `person`.
    #[must_use]
    pub fn degree(&self, person: PersonId) -> usize {
        self.adjacency.degree(person.0)
    }

    /// The people the data belongs to.
    #[must_use]
    pub fn owners(&self) -> &[PersonId] {
        &self.owners
    }

    /// The date the strengths describe.
    #[must_use]
    pub fn as_of(&self) -> jiff::civil::Date {
        self.as_of
    }
}

/// In one pass over the rows `offsets` lays out in `targets` (row starts
/// already checked increasing, the last at the end of `targets`), checks
/// that every neighbour is below `nodes` and derives each node's first tie
/// index as [`Adjacency::new`] does; `None` at the first neighbour out of
/// range. Hands `targets` to `seen` as it goes, in order, in spans of some
/// thousands (still in cache, for a checksum).
fn checked_tie_start(
    offsets: &[usize],
    targets: &[u32],
    nodes: usize,
    mut seen: impl FnMut(&[u32]),
) -> Option<Vec<usize>> {
    const SPAN: usize = 1 << 14;
    let mut tie_start = Vec::with_capacity(offsets.len());
    let mut total = 0;
    let mut passed = 0;
    tie_start.push(0);
    for (node, bounds) in offsets.windows(2).enumerate() {
        let row = targets.get(bounds[0]..bounds[1])?;
        if row.iter().any(|target| *target as usize >= nodes) {
            return None;
        }
        total += row.len() - row.partition_point(|&next| next as usize <= node);
        tie_start.push(total);
        if bounds[1] - passed >= SPAN {
            seen(targets.get(passed..bounds[1])?);
            passed = bounds[1];
        }
    }
    seen(targets.get(passed..)?);
    Some(tie_start)
}

/// The most sort words (8 bytes each) [`RelationshipGraph::ties_in_strength_order`]
/// holds at once, unless a sixteenth of the ties is more: 8 MiB, so a
/// million ties or fewer are ordered in one pass.
pub const ORDER_CAP: usize = 1 << 20;

/// The ties of [`RelationshipGraph::ties_in_strength_order`].
pub struct TiesByStrength<'a>(Lanes<'a>);

enum Lanes<'a> {
    /// Lent from the ties already decoded.
    Decoded(std::vec::IntoIter<&'a Tie>),
    /// Decoded from their records one at a time: the graph (for its
    /// pairs and errors), every record, and the ties still to give, each
    /// its strength's order above its index.
    Encoded {
        graph: &'a RelationshipGraph,
        records: store::Records<'a>,
        order: order::BoundedOrder<'a, (u32, u32)>,
    },
}

impl<'a> Iterator for TiesByStrength<'a> {
    type Item = Result<Cow<'a, Tie>>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            Lanes::Decoded(ties) => ties.next().map(|tie| Ok(Cow::Borrowed(tie))),
            Lanes::Encoded {
                graph,
                records,
                order,
            } => {
                let (word, (a, b)) = order.next()?;
                let index = order::index_of(word);
                let tie = records.tie(index, (a, b, order::strength_of(word)));
                Some(
                    tie.map(Cow::Owned)
                        .map_err(|source| graph.store_error(source)),
                )
            }
        }
    }
}

/// Rounds a tie's strength to `f32`, once, as the adjacency holds it.
fn round_strength(tie: &mut Tie) {
    tie.strength.strength = f64::from(tie.strength.strength as f32);
}

/// Compressed sparse rows: the neighbours of node `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted, with their strengths beside
/// (in memory, or viewed in place in a mapped snapshot).
#[derive(Debug, Default)]
struct Adjacency {
    offsets: Vec<usize>,
    targets: Column<u32>,
    strengths: Column<f32>,
    /// `tie_start[v]`: the number of ties whose smaller end is below `v`,
    /// i.e. the index of `v`'s first tie to a larger neighbour.
    tie_start: Vec<usize>,
}

impl Adjacency {
    /// Counting sort of both directions of every tie: O(nodes + ties).
    /// `pairs` yields `(a, b, strength)` sorted by `(a, b)`, twice.
    ///
    /// Visiting ties in `(a, b)` order writes each node's smaller neighbours
    /// (where it is `b`) in increasing order before its larger ones (where it
    /// is `a`), so every row comes out sorted without a comparison sort.
    fn from_sorted_pairs<I: Iterator<Item = (u32, u32, f32)>>(
        nodes: usize,
        pairs: impl Fn() -> I,
    ) -> Self {
        let mut offsets = vec![0_usize; nodes + 1];
        for (a, b, _) in pairs() {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for index in 1..offsets.len() {
            offsets[index] += offsets[index - 1];
        }
        let edges = offsets[nodes];
        let mut targets = vec![0_u32; edges];
        let mut strengths = vec![0.0_f32; edges];
        let mut next = offsets.clone();
        for (a, b, strength) in pairs() {
            for (from, to) in [(a, b), (b, a)] {
                let slot = next[from as usize];
                targets[slot] = to;
                strengths[slot] = strength;
                next[from as usize] += 1;
            }
        }
        Self::new(offsets, Column::Owned(targets), Column::Owned(strengths))
    }

    /// The adjacency over rows already laid out (sorted neighbours), with
    /// each node's first tie index derived in one pass.
    fn new(offsets: Vec<usize>, targets: Column<u32>, strengths: Column<f32>) -> Self {
        let mut adjacency = Self {
            offsets,
            targets,
            strengths,
            tie_start: Vec::new(),
        };
        let nodes = adjacency.offsets.len().saturating_sub(1);
        let upper: Vec<usize> = (0..nodes)
            .into_par_iter()
            .map(|node| {
                let row = adjacency.neighbors(node as u32).0;
                row.len() - adjacency.first_upper(node as u32)
            })
            .collect();
        let mut tie_start = Vec::with_capacity(nodes + 1);
        let mut total = 0;
        tie_start.push(0);
        for count in upper {
            total += count;
            tie_start.push(total);
        }
        adjacency.tie_start = tie_start;
        adjacency
    }

    /// The adjacency over rows already laid out, with each node's first
    /// tie index as [`Self::new`] derives it (see [`checked_tie_start`]).
    fn with_tie_start(
        offsets: Vec<usize>,
        targets: Column<u32>,
        strengths: Column<f32>,
        tie_start: Vec<usize>,
    ) -> Self {
        Self {
            offsets,
            targets,
            strengths,
            tie_start,
        }
    }

    /// Number of ties (each counted from its smaller end).
    fn tie_count(&self) -> usize {
        self.tie_start.last().copied().unwrap_or(0)
    }

    /// The position in `node`'s row of its first neighbour larger than it.
    fn first_upper(&self, node: u32) -> usize {
        self.neighbors(node).0.partition_point(|&next| next <= node)
    }

    /// The index of the tie between `a < b` and its strength, if any.
    fn tie_index(&self, a: u32, b: u32) -> Option<(usize, f32)> {
        let (row, strengths) = self.neighbors(a);
        let first = self.first_upper(a);
        let position = row.get(first..)?.binary_search(&b).ok()?;
        let start = *self.tie_start.get(a as usize)?;
        Some((start + position, *strengths.get(first + position)?))
    }

    /// Every tie's pair and strength, in index (pair) order.
    fn tie_pairs(&self) -> Vec<PairStrength> {
        let mut pairs = Vec::with_capacity(self.tie_count());
        self.for_each_tie(|_, pair| pairs.push(pair));
        pairs
    }

    /// Calls `each` with every tie's index, pair and strength, in index order.
    fn for_each_tie(&self, mut each: impl FnMut(usize, PairStrength)) {
        let nodes = self.offsets.len().saturating_sub(1) as u32;
        let mut index = 0;
        for a in 0..nodes {
            let (row, strengths) = self.neighbors(a);
            let first = self.first_upper(a);
            for (&b, &strength) in row[first..].iter().zip(&strengths[first..]) {
                each(index, (a, b, strength));
                index += 1;
            }
        }
    }

    fn range(&self, node: u32) -> std::ops::Range<usize> {
        let node = node as usize;
        match (self.offsets.get(node), self.offsets.get(node + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    fn neighbors(&self, node: u32) -> (&[u32], &[f32]) {
        let range = self.range(node);
        (&self.targets[range.clone()], &self.strengths[range])
    }

    fn degree(&self, node: u32) -> usize {
        self.range(node).len()
    }
}

impl RelationshipGraph {
    /// Builds the graph from prepared ties (their first scoring pass done),
    /// scoring the second pass as it goes: chunks of blocks are scored and
    /// encoded in parallel straight into the store, so that no more than a
    /// chunk of decoded ties exists at once, and `prepared` is dropped before
    /// the adjacency is laid out. `progress` shows the ties encoded, then
    /// the adjacency being laid out.
    #[must_use]
    pub fn from_prepared(
        people: People,
        prepared: PreparedTies<'_>,
        owners: Vec<PersonId>,
        as_of: jiff::civil::Date,
        progress: &dyn Progress,
    ) -> Self {
        progress.stage("scoring and encoding ties", Some(prepared.len() as u64));
        let (store, pairs) = score_into_store(&prepared, progress);
        let model = prepared.model().clone();
        drop(prepared);
        progress.stage("laying out the adjacency", None);
        let adjacency = Adjacency::from_sorted_pairs(people.len(), || pairs.iter().copied());
        drop(pairs);
        Self::from_store(people, store, adjacency, owners, as_of, model)
    }
}

/// The second scoring pass, streamed: chunks of blocks are scored and
/// encoded in parallel and appended to the store, so that no more than a
/// chunk of decoded ties exists at once. Also returns every tie's pair and
/// strength (12 bytes per tie), to lay the adjacency out from once the
/// scoring inputs are dropped.
fn score_into_store(
    prepared: &PreparedTies<'_>,
    progress: &dyn Progress,
) -> (TieStore, Vec<PairStrength>) {
    const CHUNK_BLOCKS: usize = 64;
    let total = prepared.len();
    let mut builder = TieStoreBuilder::new(prepared.declared_sources());
    let mut pairs: Vec<PairStrength> = Vec::with_capacity(total);
    for chunk in (0..total).step_by(BLOCK_TIES * CHUNK_BLOCKS) {
        let blocks: Vec<(Vec<u8>, Vec<PairStrength>)> = (chunk
            ..(chunk + BLOCK_TIES * CHUNK_BLOCKS).min(total))
            .step_by(BLOCK_TIES)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|start| {
                let mut ties = prepared.score(start..(start + BLOCK_TIES).min(total));
                ties.iter_mut().for_each(round_strength);
                let bytes = builder.encode_block(&ties);
                let block_pairs = ties
                    .iter()
                    .map(|tie| (tie.a.0, tie.b.0, tie.strength.strength as f32))
                    .collect();
                (bytes, block_pairs)
            })
            .collect();
        for (bytes, block_pairs) in blocks {
            builder.push_block(&bytes, block_pairs.len());
            progress.advance(block_pairs.len() as u64);
            pairs.extend(block_pairs);
        }
    }
    debug_assert!(
        pairs
            .windows(2)
            .all(|pair| (pair[0].0, pair[0].1) < (pair[1].0, pair[1].1))
    );
    (builder.finish(), pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo network, built as `warmpath build` builds it.
    pub(in crate::graph) fn demo() -> RelationshipGraph {
        let options = crate::pipeline::BuildOptions {
            model: crate::tie_strength::Model::default(),
            as_of: None,
            today: jiff::civil::date(2026, 11, 20),
            ingest: crate::ingest::IngestOptions::default(),
            owner_emails: Vec::new(),
        };
        crate::pipeline::build_network(
            &[std::path::PathBuf::from("data/demo")],
            &options,
            &crate::progress::NoProgress,
        )
        .unwrap()
        .graph
    }

    /// The demo network, fresh and read back from its snapshot file.
    fn demo_graphs(dir: &std::path::Path) -> [RelationshipGraph; 2] {
        let fresh = demo();
        let file = dir.join("demo.snap");
        write_snapshot(&fresh, &file).unwrap();
        [fresh, read_snapshot(&file).unwrap()]
    }

    #[test]
    fn ties_streamed_a_few_words_at_a_time_are_the_ties_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let [fresh, loaded] = demo_graphs(dir.path());
        // More ties than records between two kept starts, so that ties are
        // decoded past a skipped record.
        assert!(fresh.tie_count() > 2 * 16, "{} ties", fresh.tie_count());
        let sorted: Vec<Tie> = fresh
            .ties_by_strength(None)
            .unwrap()
            .into_iter()
            .cloned()
            .collect();
        for cap in [1, 2, 5, 1 << 20] {
            let streamed: Vec<Tie> = loaded
                .ties_in_strength_order_holding(None, Some(cap))
                .unwrap()
                .map(|tie| tie.unwrap().into_owned())
                .collect();
            assert_eq!(streamed, sorted, "holding {cap} words");
        }
        let person = sorted[0].a;
        let theirs: Vec<&Tie> = sorted
            .iter()
            .filter(|tie| tie.a == person || tie.b == person)
            .collect();
        let streamed: Vec<Tie> = loaded
            .ties_in_strength_order_holding(Some(person), Some(2))
            .unwrap()
            .map(|tie| tie.unwrap().into_owned())
            .collect();
        assert_eq!(streamed.iter().collect::<Vec<_>>(), theirs);
    }
}
