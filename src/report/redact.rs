//! Redaction: stable pseudonyms ("Person 4821") in place of names, emails and
//! profile URLs, so a report can be shared. A person's number comes from a
//! fixed hash (FNV-1a) of their stable id, so the same person gets the same
//! pseudonym on every run over the same data; collisions are resolved by
//! probing in stable-id order. Companies are kept: they are what reach is about.

use std::collections::{HashMap, HashSet};

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;

use super::ReportPerson;

/// Smallest pseudonym space (4 digits), grown to keep collisions rare.
const MIN_SPACE: u64 = 10_000;

/// Names people as a report shows them: real, or pseudonymised.
#[derive(Debug, Clone, Default)]
pub struct Pseudonyms {
    numbers: Option<HashMap<PersonId, u64>>,
}

impl Pseudonyms {
    /// Real names when `redact` is false; otherwise a pseudonym for everyone in `graph`.
    ///
    /// Complexity: O(n log n) for n people when redacting, nothing otherwise.
    #[must_use]
    pub fn new(graph: &RelationshipGraph, redact: bool) -> Self {
        if !redact {
            return Self { numbers: None };
        }
        let people = graph.people().persons();
        let mut space = MIN_SPACE;
        while space < (people.len() as u64).saturating_mul(10) {
            space = space.saturating_mul(10);
        }
        let mut order: Vec<(&str, PersonId)> = people
            .iter()
            .enumerate()
            .map(|(index, person)| (person.stable_id(), PersonId(index as u32)))
            .collect();
        order.sort_unstable();
        let mut used = HashSet::with_capacity(order.len());
        let mut numbers = HashMap::with_capacity(order.len());
        for (stable_id, id) in order {
            let mut number = fnv1a(stable_id.as_bytes()) % space;
            while !used.insert(number) {
                number = (number + 1) % space;
            }
            numbers.insert(id, number);
        }
        Self {
            numbers: Some(numbers),
        }
    }

    /// True when names are replaced.
    #[must_use]
    pub fn redacts(&self) -> bool {
        self.numbers.is_some()
    }

    /// `person` as the report shows them.
    #[must_use]
    pub fn person(&self, graph: &RelationshipGraph, person: PersonId) -> ReportPerson {
        let real = graph.person(person);
        match &self.numbers {
            None => ReportPerson {
                id: real.stable_id().to_owned(),
                name: real.display_name().to_owned(),
                company: real.company.clone(),
            },
            Some(numbers) => {
                let pseudonym = format!("Person {}", numbers.get(&person).copied().unwrap_or(0));
                ReportPerson {
                    id: pseudonym.clone(),
                    name: pseudonym,
                    company: real.company.clone(),
                }
            }
        }
    }
}

/// 64-bit FNV-1a: fixed across runs, platforms and Rust versions (unlike std's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fixed_across_runs() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
