//! The relationship graph: people, scored ties, and a compressed-sparse-row
//! adjacency (petgraph's [`Csr`]) for traversal — 8 bytes per directed edge
//! (a `u32` neighbour and an `f32` strength). Also the whole build pipeline
//! from `--data` paths to a graph. Nothing here ranks or prints.

use std::path::PathBuf;

use petgraph::csr::Csr;

use crate::error::Result;
use crate::identity::{People, Person, PersonId, resolve_identities};
use crate::ingest::{IngestOptions, IngestSummary, end_of_day, read_sources};
use crate::progress::Progress;
use crate::tie_strength::{Model, Tie, score_ties};

/// People, their scored ties, and the adjacency used to search paths.
#[derive(Debug)]
pub struct RelationshipGraph {
    people: People,
    ties: Vec<Tie>,
    adjacency: Csr<(), f32, petgraph::Directed, u32>,
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
        ties.sort_unstable_by_key(|tie| (tie.a, tie.b));
        for tie in &mut ties {
            tie.strength.strength = f64::from(tie.strength.strength as f32);
        }
        let mut directed: Vec<(u32, u32, f32)> = Vec::with_capacity(ties.len() * 2);
        for tie in &ties {
            let strength = tie.strength.strength as f32;
            directed.push((tie.a.0, tie.b.0, strength));
            directed.push((tie.b.0, tie.a.0, strength));
        }
        directed.sort_unstable_by_key(|(a, b, _)| (*a, *b));
        let mut adjacency: Csr<(), f32, petgraph::Directed, u32> =
            Csr::from_sorted_edges(&directed).unwrap_or_default();
        while adjacency.node_count() < people.len() {
            adjacency.add_node(());
        }
        Self {
            people,
            ties,
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

    /// Every tie, sorted by pair.
    #[must_use]
    pub fn ties(&self) -> &[Tie] {
        &self.ties
    }

    /// The tie between two people, if any.
    #[must_use]
    pub fn tie(&self, x: PersonId, y: PersonId) -> Option<&Tie> {
        let key = if x < y { (x, y) } else { (y, x) };
        self.ties
            .binary_search_by_key(&key, |tie| (tie.a, tie.b))
            .ok()
            .map(|index| &self.ties[index])
    }

    /// The neighbours of `person` (sorted by id) and the strengths of the ties.
    #[must_use]
    pub fn neighbors(&self, person: PersonId) -> (&[u32], &[f32]) {
        (
            self.adjacency.neighbors_slice(person.0),
            self.adjacency.edges_slice(person.0),
        )
    }

    /// Number of ties of `person`.
    #[must_use]
    pub fn degree(&self, person: PersonId) -> usize {
        self.adjacency.out_degree(person.0)
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
