//! One worker's part of the graph: the people of the shards it owns, with
//! their ties, and who owns everyone else.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Result;
use crate::graph::{ShardManifest, ShardPerson, read_shard, shard_of};
use crate::identity::Person;

/// The worker that owns `person`: the owner of its shard, shards dealt to
/// workers in turn.
#[must_use]
pub(crate) fn owner(person: u32, shards: usize, workers: usize) -> usize {
    shard_of(person, shards) % workers.max(1)
}

/// The people of one worker's shards.
pub(crate) struct Local {
    people: Vec<ShardPerson>,
    index: HashMap<u32, usize>,
    shards: usize,
    workers: usize,
}

impl Local {
    /// Reads the shards `worker` of `workers` owns (shard `k` belongs to
    /// worker `k mod workers`), and nothing else.
    pub(crate) fn load(
        dir: &Path,
        manifest: &ShardManifest,
        worker: usize,
        workers: usize,
    ) -> Result<Self> {
        let mut people = Vec::new();
        for index in (worker..manifest.count()).step_by(workers.max(1)) {
            people.extend(read_shard(dir, manifest, index)?.people);
        }
        Ok(Self::from_people(people, manifest.count(), workers))
    }

    fn from_people(mut people: Vec<ShardPerson>, shards: usize, workers: usize) -> Self {
        people.sort_unstable_by_key(|person| person.id);
        let index = people
            .iter()
            .enumerate()
            .map(|(position, person)| (person.id.0, position))
            .collect();
        Self {
            people,
            index,
            shards,
            workers,
        }
    }

    /// The worker that owns `person`.
    pub(crate) fn owner(&self, person: u32) -> usize {
        owner(person, self.shards, self.workers)
    }

    /// Everyone this worker owns, by id.
    pub(crate) fn people(&self) -> &[ShardPerson] {
        &self.people
    }

    /// A person this worker owns.
    pub(crate) fn get(&self, person: u32) -> Option<&ShardPerson> {
        self.index
            .get(&person)
            .map(|&position| &self.people[position])
    }

    /// Who `person` (owned here) is.
    pub(crate) fn person(&self, person: u32) -> Option<&Person> {
        self.get(person).map(|owned| &owned.person)
    }

    /// The neighbours of `person` (owned here) and the strengths of the ties.
    pub(crate) fn neighbors(&self, person: u32) -> (&[u32], &[f32]) {
        self.get(person).map_or((&[], &[]), |owned| {
            (&owned.neighbors[..], &owned.strengths[..])
        })
    }

    /// The strength of the tie between `person` (owned here) and `other`.
    pub(crate) fn strength(&self, person: u32, other: u32) -> Option<f32> {
        let (neighbors, strengths) = self.neighbors(person);
        neighbors
            .binary_search(&other)
            .ok()
            .map(|position| strengths[position])
    }
}
