//! Redaction: pseudonyms ("Person 4821") in place of names, emails and
//! profile URLs, so a report can be shared. A person's number is a keyed
//! hash (SipHash-2-4) of their stable id under a [`RedactionKey`]: a random
//! one for each report, so nobody can recompute the numbers from a list of
//! candidate ids and the same person differs between reports; or one
//! derived from a key the user gives, for the same pseudonyms on every run
//! with that key. Collisions are resolved by probing in stable-id order.
//! Companies are kept: they are what reach is about.

use std::collections::{HashMap, HashSet};
use std::fmt;

use siphasher::sip::SipHasher24;
use siphasher::sip128::{Hasher128, SipHasher24 as SipHasher128};

use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;

use super::ReportPerson;

/// Smallest pseudonym space (4 digits), grown to keep collisions rare.
const MIN_SPACE: u64 = 10_000;

/// The public key that turns a user's key text into a [`RedactionKey`]
/// (a derivation, not a secret: the secret is the text).
const DERIVATION_KEY: [u8; 16] = *b"warmpath-redact1";

/// The secret pseudonyms are keyed with (128 bits). It never appears in
/// a report, and its `Debug` form does not show it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RedactionKey([u8; 16]);

impl RedactionKey {
    /// A fresh key from the operating system's random source: pseudonyms
    /// that no other report shares.
    pub fn random() -> Result<Self> {
        let mut key = [0_u8; 16];
        getrandom::fill(&mut key).map_err(|error| Error::NoRandomness {
            message: error.to_string(),
        })?;
        Ok(Self(key))
    }

    /// The key `text` stands for: the same text gives the same pseudonyms on
    /// every run. Only as secret as the text, so the text should be long and
    /// random.
    #[must_use]
    pub fn from_text(text: &str) -> Self {
        let mut hasher = SipHasher128::new_with_key(&DERIVATION_KEY);
        std::hash::Hasher::write(&mut hasher, text.as_bytes());
        Self(hasher.finish128().as_bytes())
    }
}

impl fmt::Debug for RedactionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RedactionKey(..)")
    }
}

/// Names people as a report shows them: real, or pseudonymised.
#[derive(Debug, Clone, Default)]
pub struct Pseudonyms {
    numbers: Option<HashMap<PersonId, u64>>,
}

impl Pseudonyms {
    /// Real names without a key; with one, a pseudonym for everyone in
    /// `graph`, keyed by it.
    ///
    /// Complexity: O(n log n) for n people when redacting, nothing otherwise.
    #[must_use]
    pub fn new(graph: &RelationshipGraph, key: Option<RedactionKey>) -> Self {
        let Some(key) = key else {
            return Self { numbers: None };
        };
        let hasher = SipHasher24::new_with_key(&key.0);
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
            let mut number = hasher.hash(stable_id.as_bytes()) % space;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_text_always_gives_the_same_key_and_random_keys_differ() {
        assert_eq!(
            RedactionKey::from_text("team"),
            RedactionKey::from_text("team")
        );
        assert_ne!(
            RedactionKey::from_text("team"),
            RedactionKey::from_text("Team")
        );
        assert_ne!(
            RedactionKey::random().unwrap(),
            RedactionKey::random().unwrap()
        );
        assert_eq!(
            format!("{:?}", RedactionKey::from_text("team")),
            "RedactionKey(..)"
        );
    }

    /// `--redact-key` promises the same pseudonyms on every run: the
    /// derivation and the keyed hash must never change.
    #[test]
    fn a_key_text_numbers_a_stable_id_the_same_in_every_version() {
        let key = RedactionKey::from_text("team");
        let number = SipHasher24::new_with_key(&key.0).hash(b"ana") % MIN_SPACE;
        assert_eq!(number, 6488);
    }
}
