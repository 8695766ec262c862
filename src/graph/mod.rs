//! The relationship graph: people, scored ties, and a compressed-sparse-row
//! adjacency for traversal — 8 bytes per directed edge (a `u32` neighbour and
//! an `f32` strength), built in linear time from the ties sorted by pair.
//! Also the whole build pipeline from `--data` paths to a graph, and
//! snapshots of built graphs. Nothing here ranks or prints.

mod snapshot;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

use snapshot::StoredTies;
pub use snapshot::{SNAPSHOT_MAGIC, SNAPSHOT_VERSION, is_snapshot, read_snapshot, write_snapshot};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::identity::{People, Person, PersonId, resolve_identities};
use crate::ingest::{IngestOptions, IngestSummary, end_of_day, read_sources};
use crate::progress::Progress;
use crate::tie_strength::{Model, Tie, score_ties};

/// People, their scored ties, and the adjacency used to search paths.
#[derive(Debug)]
pub struct RelationshipGraph {
    people: People,
    /// The ties, decoded; for a snapshot, only once something needs them all.
    ties: OnceLock<Vec<Tie>>,
    /// A snapshot's ties, still encoded.
    stored: Option<StoredTies>,
    adjacency: Adjacency,
    owners: Vec<PersonId>,
    as_of: jiff::civil::Date,
}

impl RelationshipGraph {
    /// Builds the graph from resolved people and scored ties (sorted by pair).
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
        ties.par_iter_mut().for_each(|tie| {
            tie.strength.strength = f64::from(tie.strength.strength as f32);
        });
        Self::from_sorted_ties(people, ties, owners, as_of)
    }

    /// Builds the graph from ties already sorted by pair, without duplicates,
    /// whose strengths are already rounded to `f32` (a snapshot's).
    #[must_use]
    fn from_sorted_ties(
        people: People,
        ties: Vec<Tie>,
        owners: Vec<PersonId>,
        as_of: jiff::civil::Date,
    ) -> Self {
        let adjacency = Adjacency::from_sorted_pairs(people.len(), || {
            ties.iter()
                .map(|tie| (tie.a.0, tie.b.0, tie.strength.strength as f32))
        });
        Self {
            people,
            ties: OnceLock::from(ties),
            stored: None,
            adjacency,
            owners,
            as_of,
        }
    }

    /// A snapshot's graph: the adjacency from its pair column, ties decoded on demand.
    fn from_stored_ties(
        people: People,
        stored: StoredTies,
        adjacency: Adjacency,
        owners: Vec<PersonId>,
        as_of: jiff::civil::Date,
    ) -> Self {
        Self {
            people,
            ties: OnceLock::new(),
            stored: Some(stored),
            adjacency,
            owners,
            as_of,
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

    /// Every tie, sorted by pair. On a graph loaded from a snapshot the first
    /// call decodes them all; prefer [`Self::tie_detail`] for a few.
    #[must_use]
    pub fn ties(&self) -> &[Tie] {
        self.ties.get_or_init(|| {
            self.stored
                .as_ref()
                .map(StoredTies::all)
                .unwrap_or_default()
        })
    }

    /// Number of ties (without decoding a snapshot's).
    #[must_use]
    pub fn tie_count(&self) -> usize {
        match (self.ties.get(), &self.stored) {
            (Some(ties), _) => ties.len(),
            (None, Some(stored)) => stored.len(),
            (None, None) => 0,
        }
    }

    /// The tie between two people, if any (see [`Self::ties`] on snapshots).
    #[must_use]
    pub fn tie(&self, x: PersonId, y: PersonId) -> Option<&Tie> {
        let key = if x < y { (x, y) } else { (y, x) };
        let ties = self.ties();
        ties.binary_search_by_key(&key, |tie| (tie.a, tie.b))
            .ok()
            .map(|index| &ties[index])
    }

    /// The tie between two people, if any, decoding only that tie when the
    /// graph comes from a snapshot: O(log ties).
    #[must_use]
    pub fn tie_detail(&self, x: PersonId, y: PersonId) -> Option<Cow<'_, Tie>> {
        if let (None, Some(stored)) = (self.ties.get(), &self.stored) {
            let (a, b) = if x < y { (x, y) } else { (y, x) };
            return stored
                .find(a.0, b.0)
                .map(|index| Cow::Owned(stored.tie(index)));
        }
        self.tie(x, y).map(Cow::Borrowed)
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

/// Compressed sparse rows: the neighbours of node `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted, with their strengths beside.
#[derive(Debug, Default)]
struct Adjacency {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    strengths: Vec<f32>,
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
        Self {
            offsets,
            targets,
            strengths,
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

/// What building a network needs besides the data.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The model's parameters.
    pub model: Model,
    /// The date to score as of; `None` takes the data's own date (a
    /// manifest's `as_of`), else `today`.
    pub as_of: Option<jiff::civil::Date>,
    /// Today's date, used when neither `as_of` nor the data fix one.
    pub today: jiff::civil::Date,
    /// Ingest options.
    pub ingest: IngestOptions,
    /// The owner's email addresses (`--me`), making that person the owner.
    pub owner_emails: Vec<String>,
}

/// A built network and the account of how it was built.
#[derive(Debug)]
pub struct Network {
    /// The graph.
    pub graph: RelationshipGraph,
    /// Rows read, used and skipped, per file.
    pub summary: IngestSummary,
    /// Interactions ignored because they happened after the as-of date.
    pub after_as_of: usize,
}

/// Reads `paths`, resolves identities, scores ties and builds the graph.
pub fn build_network(
    paths: &[PathBuf],
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Network> {
    if let Some(snapshot) = paths.iter().find(|path| is_snapshot(path)) {
        return open_snapshot(paths, snapshot, options, progress);
    }
    progress.stage("reading sources", None);
    let mut ingest = options.ingest;
    // Recurring meetings are expanded up to the as-of date (or today).
    ingest.as_of = ingest
        .as_of
        .or_else(|| Some(end_of_day(options.as_of.unwrap_or(options.today))));
    let mut dataset = read_sources(paths, ingest)?;
    dataset.add_owner_emails(&options.owner_emails);
    progress.finish_stage();
    progress.stage("resolving identities", None);
    let resolved = resolve_identities(dataset)?;
    progress.finish_stage();
    let as_of = options.as_of.or(resolved.as_of).unwrap_or(options.today);
    progress.stage("scoring ties", None);
    let scored = score_ties(&resolved, &options.model, end_of_day(as_of));
    progress.finish_stage();
    let graph = RelationshipGraph::new(resolved.people, scored.ties, resolved.owners, as_of);
    Ok(Network {
        graph,
        summary: resolved.summary,
        after_as_of: scored.after_as_of,
    })
}

/// A snapshot given as `--data`: loaded as built, alone.
fn open_snapshot(
    paths: &[PathBuf],
    snapshot: &std::path::Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Network> {
    if paths.len() > 1 {
        return Err(Error::Usage(format!(
            "{} is a snapshot; it cannot be pooled with other --data paths (build one snapshot from all of them)",
            snapshot.display()
        )));
    }
    progress.stage("loading snapshot", None);
    let graph = read_snapshot(snapshot)?;
    progress.finish_stage();
    if let Some(as_of) = options.as_of
        && as_of != graph.as_of()
    {
        return Err(Error::Usage(format!(
            "{} was scored as of {}; rebuild it with `warmpath build --as-of {as_of}` to score another date",
            snapshot.display(),
            graph.as_of()
        )));
    }
    Ok(Network {
        graph,
        summary: IngestSummary::default(),
        after_as_of: 0,
    })
}
