//! The account of who became whom, kept on request (`warmpath who`): every
//! person record with its origin, the identifiers it carried, the person it
//! became and the unions it made (by which key, of which kind); every
//! distinct reference the rows make, with how it resolved and in how many
//! rows; the merges a `different` correction refused; and what became of
//! each correction. Building networks never keeps it.

use super::{CorrectionOutcome, MergeNote, People, PersonId};
use crate::ingest::{Origin, PersonRecord, PersonRef, RefId};
use crate::keys::FastMap;

/// How a reference in a row found its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBy {
    /// Nobody matched it: it made a person of its own.
    Created,
    /// By dataset id.
    Id,
    /// By profile URL.
    ProfileUrl,
    /// By email.
    Email,
    /// By exact name (the name matched one person only).
    Name,
}

impl ResolvedBy {
    /// The words outputs use.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Created => "made a person (nobody matched)",
            Self::Id => "by id",
            Self::ProfileUrl => "by profile URL",
            Self::Email => "by email",
            Self::Name => "by exact name",
        }
    }
}

/// One person record and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedRecord {
    /// The record as read (its origin, when it came from a row).
    pub record: PersonRecord,
    /// The person it became.
    pub person: PersonId,
    /// True when a `same` correction made it, for a side no record carries.
    pub from_correction: bool,
    /// The unions it made: the record (index into
    /// [`IdentityTrace::records`]) it joined, and why.
    pub joins: Vec<(usize, MergeNote)>,
}

/// One distinct reference the rows make, with the person it found.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedReference {
    /// The reference as the rows write it.
    pub reference: PersonRef,
    /// Whom it found.
    pub person: PersonId,
    /// How.
    pub by: ResolvedBy,
    /// The first row that names them so.
    pub first: Origin,
    /// How many rows name them so.
    pub rows: u64,
}

/// A merge a `different` correction refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptApart {
    /// The correction's origin.
    pub correction: Origin,
    /// The two records (indexes into [`IdentityTrace::records`]).
    pub records: (usize, usize),
    /// The key they share.
    pub key: String,
}

/// Who became whom, and why.
#[derive(Debug, Clone, Default)]
pub struct IdentityTrace {
    /// Every person record, in the order read (records corrections made last).
    pub records: Vec<TracedRecord>,
    /// Every distinct reference the rows make, with whom it found.
    pub references: Vec<TracedReference>,
    /// Merges refused by `different` corrections.
    pub kept_apart: Vec<KeptApart>,
    /// Every correction with what became of it.
    pub corrections: Vec<CorrectionOutcome>,
    /// The pairs of people the `different` corrections name (lower id
    /// first, sorted).
    pub apart: Vec<(PersonId, PersonId)>,
}

impl IdentityTrace {
    /// The records that became `person` (indexes into [`Self::records`]).
    #[must_use]
    pub fn records_of(&self, person: PersonId) -> Vec<usize> {
        (0..self.records.len())
            .filter(|index| self.records[*index].person == person)
            .collect()
    }

    /// The references that found `person`, most rows first.
    #[must_use]
    pub fn references_of(&self, person: PersonId) -> Vec<&TracedReference> {
        let mut found: Vec<&TracedReference> = self
            .references
            .iter()
            .filter(|reference| reference.person == person)
            .collect();
        found.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.first.file.cmp(&b.first.file)));
        found
    }

    /// The `different` corrections that kept `a` and `b` apart, with the
    /// key each refused merge would have used.
    #[must_use]
    pub fn kept_apart_between(&self, a: PersonId, b: PersonId) -> Vec<&KeptApart> {
        self.kept_apart
            .iter()
            .filter(|kept| {
                let people = (
                    self.records[kept.records.0].person,
                    self.records[kept.records.1].person,
                );
                people == (a, b) || people == (b, a)
            })
            .collect()
    }

    /// Every pair of people a `different` correction keeps apart: those it
    /// names and those whose merges it refused (lower id first, sorted).
    #[must_use]
    pub fn pairs_kept_apart(&self) -> Vec<(PersonId, PersonId)> {
        let mut pairs: Vec<(PersonId, PersonId)> = self
            .kept_apart
            .iter()
            .map(|kept| {
                let (a, b) = (
                    self.records[kept.records.0].person,
                    self.records[kept.records.1].person,
                );
                (a.min(b), a.max(b))
            })
            .chain(self.apart.iter().copied())
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// The references rows make, kept while identity resolution runs.
#[derive(Debug, Default)]
pub(super) struct ReferenceLog {
    seen: FastMap<(u32, u32), usize>,
    references: Vec<TracedReference>,
}

impl ReferenceLog {
    /// Counts one row naming `person` by `reference` (`text`); `created`
    /// when resolving it made them.
    pub(super) fn note(
        &mut self,
        people: &People,
        id: RefId,
        text: &PersonRef,
        person: PersonId,
        origin: Origin,
        created: bool,
    ) {
        if let Some(&index) = self.seen.get(&(id.0, person.0)) {
            self.references[index].rows += 1;
            return;
        }
        let by = if created {
            ResolvedBy::Created
        } else {
            resolved_by(people, text, person)
        };
        self.seen.insert((id.0, person.0), self.references.len());
        self.references.push(TracedReference {
            reference: text.clone(),
            person,
            by,
            first: origin,
            rows: 1,
        });
    }

    pub(super) fn into_references(self) -> Vec<TracedReference> {
        self.references
    }
}

/// Which of its keys found `person` for `reference`, in the order
/// [`People::resolve`] tries them.
fn resolved_by(people: &People, reference: &PersonRef, person: PersonId) -> ResolvedBy {
    let found = |found: Option<PersonId>| found == Some(person);
    if reference
        .id
        .as_deref()
        .is_some_and(|id| found(people.with_id(id.trim())))
    {
        ResolvedBy::Id
    } else if reference
        .profile_url
        .as_deref()
        .is_some_and(|url| found(people.with_profile_url(url)))
    {
        ResolvedBy::ProfileUrl
    } else if reference
        .email
        .as_deref()
        .is_some_and(|email| found(people.with_email(email)))
    {
        ResolvedBy::Email
    } else {
        ResolvedBy::Name
    }
}
