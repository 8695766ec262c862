//! Identity resolution: merges the same human seen in many files into one
//! [`Person`] and turns every record's references into [`PersonId`]s.
//!
//! Merge keys, strongest first: dataset id, normalised profile URL, email
//! (case-insensitive), then exact name + company as a weaker merge that is
//! recorded, and refused between records whose dataset ids or profile URLs
//! differ (distinct ids are distinct people). `LinkedIn Member`
//! placeholders are never merged with each other.
//! Every merge is kept as a [`MergeNote`] so it can be explained. The user's
//! corrections (`same`, `different`) are applied here, before anything is
//! scored (`corrections`); on request the whole account of who became whom
//! is kept as an [`IdentityTrace`] (`trace`), and people who are probably
//! one human but were not merged are found in `suspects`. This stage reads
//! records only; it never scores.

mod corrections;
mod suspects;
mod trace;
mod who;

use std::collections::HashMap;

use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::ingest::SkipReason;
use crate::ingest::{
    Channel, CompactOrigin, Dataset, DeclaredSince, DeclaredSourceId, DeclaredSources,
    DeclaredStrength, IngestSummary, Origin, Owner, PersonRecord, PersonRef, RefId, RefTable,
};
use crate::keys::{
    FastMap, KeyHasher, exact_name_key, exact_name_key_cow, is_placeholder_name, normalize_email,
    normalize_profile_url,
};

pub use corrections::{CorrectionOutcome, CorrectionStatus};
pub use suspects::{Suspect, SuspectReason, find_suspects, reference_for};
pub use trace::{IdentityTrace, KeptApart, ResolvedBy, TracedRecord, TracedReference};
pub use who::{Namesake, find_people, namesakes};

/// A person's index in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);

impl PersonId {
    /// The index as `usize`.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One resolved human.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Dataset id, if a source gave one.
    pub id: Option<String>,
    /// Display name (may be empty when only an email or URL is known).
    pub name: String,
    /// Email addresses, normalised.
    pub emails: Vec<String>,
    /// Profile URLs as first written.
    pub profile_urls: Vec<String>,
    /// Current company.
    pub company: Option<String>,
    /// Current title.
    pub title: Option<String>,
    /// How records were merged into this person.
    pub merges: Vec<MergeNote>,
}

impl Person {
    /// The most stable identifier: dataset id, else profile URL, else email, else name.
    #[must_use]
    pub fn stable_id(&self) -> &str {
        self.id
            .as_deref()
            .or(self.profile_urls.first().map(String::as_str))
            .or(self.emails.first().map(String::as_str))
            .unwrap_or(&self.name)
    }

    /// The name to show: the display name, else the stable id.
    #[must_use]
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            self.stable_id()
        } else {
            &self.name
        }
    }
}

/// Why two records were taken for the same person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MergeNote {
    /// The key they share (e.g. `email ana@example.com`), or the correction
    /// that joined them (`same a = b (identities.csv:3)`).
    pub key: String,
    /// How strong the reason is.
    pub kind: MergeKind,
}

impl MergeNote {
    /// True for the weaker name + company merge.
    #[must_use]
    pub fn is_weak(&self) -> bool {
        self.kind == MergeKind::Weak
    }
}

/// The kinds of reason two records are one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeKind {
    /// A shared dataset id, profile URL or email.
    Strong,
    /// The same exact name and company, and nothing stronger.
    Weak,
    /// A `same` correction of the user's.
    Corrected,
}

impl MergeKind {
    /// The word outputs use (`strong`, `weak`, `corrected`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Strong => "strong",
            Self::Weak => "weak",
            Self::Corrected => "corrected",
        }
    }

    /// The byte a snapshot stores: 0 strong, 1 weak, 2 corrected.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Self::Strong => 0,
            Self::Weak => 1,
            Self::Corrected => 2,
        }
    }

    /// The kind a snapshot's byte stands for (any other non-zero byte, as
    /// written before corrections existed, is a weak merge).
    #[must_use]
    pub fn from_code(code: u8) -> Self {
        match code {
            0 => Self::Strong,
            2 => Self::Corrected,
            _ => Self::Weak,
        }
    }
}

/// How many merges of each kind made the people of a network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeCounts {
    /// By a shared id, profile URL or email.
    pub strong: u64,
    /// By exact name and company.
    pub weak: u64,
    /// By the user's `same` corrections.
    pub corrected: u64,
}

impl MergeCounts {
    /// The counts of `notes` (one person's, or everyone's).
    pub fn of<'a>(notes: impl IntoIterator<Item = &'a MergeNote>) -> Self {
        let mut counts = Self::default();
        for note in notes {
            match note.kind {
                MergeKind::Strong => counts.strong += 1,
                MergeKind::Weak => counts.weak += 1,
                MergeKind::Corrected => counts.corrected += 1,
            }
        }
        counts
    }

    /// Merges of every kind.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.strong + self.weak + self.corrected
    }
}

/// An interaction with its people resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedInteraction {
    /// Where the record came from.
    pub origin: Origin,
    /// When (unix seconds).
    pub at: i64,
    /// Sender or organiser.
    pub from: PersonId,
    /// Everyone else, deduplicated, without `from`.
    pub to: Vec<PersonId>,
    /// How.
    pub channel: Channel,
    /// Seconds, for meetings and calls.
    pub duration_secs: Option<u32>,
}

/// A declared relationship with its people resolved. The same size and
/// alignment as a [`RelationshipRecord`](crate::ingest::RelationshipRecord),
/// so that records resolve in place.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedRelationship {
    /// Where the record came from.
    pub origin: CompactOrigin,
    /// One side.
    pub a: PersonId,
    /// The other side.
    pub b: PersonId,
    /// Declared strength.
    pub strength: DeclaredStrength,
    /// Since when (unix seconds).
    pub since: DeclaredSince,
    /// Where the declaration comes from, interned in
    /// [`ResolvedDataset::declared_sources`].
    pub source: DeclaredSourceId,
}

type KeyMap<V> = FastMap<String, V>;

/// The people of the network and the lookups that find them.
#[derive(Debug, Clone, Default)]
pub struct People {
    persons: Vec<Person>,
    by_id: KeyMap<PersonId>,
    by_email: KeyMap<PersonId>,
    by_url: KeyMap<PersonId>,
    by_name: KeyMap<Named>,
    /// Counts the changes that can alter how a reference already resolved
    /// resolves again: a new id, email or URL key, or a second person under a
    /// name. Adding someone under a new name cannot (a reference that found
    /// someone with no one under its name found them by a stronger key, which
    /// is looked up first), so loading millions of new people leaves it still.
    changes: u64,
    /// For people loaded whole ([`People::from_persons`]): their keys as
    /// sorted hashes, each kind built on its first lookup instead of the
    /// maps above.
    sorted: Option<SortedKeys>,
}

/// The keys of people loaded whole, as `(key hash, person)` pairs sorted
/// per kind of key: built in parallel in a fraction of the time hash maps
/// take, each kind on its first lookup (a question by id never pays for the
/// names of ten million people), and found by binary search, each candidate
/// checked against its key.
#[derive(Debug, Clone, Default)]
struct SortedKeys([OnceLock<Vec<(u64, PersonId)>>; 4]);

/// One kind of key of [`SortedKeys`].
#[derive(Debug, Clone, Copy)]
enum KeyKind {
    Id,
    Email,
    Url,
    Name,
}

impl KeyKind {
    /// Appends the hashes of `person`'s keys of this kind to `hashes`.
    fn hashes(self, person: &Person, hashes: &mut Vec<u64>) {
        match self {
            Self::Id => hashes.extend(person.id.as_deref().map(key_hash)),
            Self::Email => hashes.extend(
                person
                    .emails
                    .iter()
                    .map(|email| key_hash(&normalize_email(email))),
            ),
            Self::Url => hashes.extend(
                person
                    .profile_urls
                    .iter()
                    .map(|url| key_hash(&normalize_profile_url(url))),
            ),
            Self::Name => {
                if !is_placeholder_name(&person.name) {
                    hashes.push(key_hash(&exact_name_key_cow(&person.name)));
                }
            }
        }
    }
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    BuildHasherDefault::<KeyHasher>::default().hash_one(key)
}

impl SortedKeys {
    /// The sorted hashes of one kind of key of `persons`, built on the first call.
    fn of(&self, kind: KeyKind, persons: &[Person]) -> &[(u64, PersonId)] {
        self.0[kind as usize]
            .get_or_init(|| sorted_keys(persons, |person, hashes| kind.hashes(person, hashes)))
    }

    /// The people whose key in `list` may be `key` (same hash), by id.
    fn candidates<'a>(
        list: &'a [(u64, PersonId)],
        key: &str,
    ) -> impl Iterator<Item = PersonId> + 'a {
        let hash = key_hash(key);
        let start = list.partition_point(|(other, _)| *other < hash);
        list[start..]
            .iter()
            .take_while(move |(other, _)| *other == hash)
            .map(|(_, person)| *person)
    }
}

/// Every `(hash, person)` pair `keys` gives (it appends a person's key
/// hashes), sorted.
fn sorted_keys(
    persons: &[Person],
    keys: impl Fn(&Person, &mut Vec<u64>) + Sync + Send,
) -> Vec<(u64, PersonId)> {
    use rayon::prelude::*;
    let mut list: Vec<(u64, PersonId)> = persons
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut list, mut hashes), (index, person)| {
                hashes.clear();
                keys(person, &mut hashes);
                list.extend(hashes.iter().map(|hash| (*hash, PersonId(index as u32))));
                (list, hashes)
            },
        )
        .map(|(list, _)| list)
        .reduce(Vec::new, |mut all, mut more| {
            all.append(&mut more);
            all
        });
    list.par_sort_unstable();
    list
}

/// The people under one name: almost always one, kept without a heap
/// allocation.
#[derive(Debug, Clone)]
enum Named {
    One(PersonId),
    Many(Vec<PersonId>),
}

impl Named {
    fn as_slice(&self) -> &[PersonId] {
        match self {
            Self::One(one) => std::slice::from_ref(one),
            Self::Many(all) => all,
        }
    }
}

/// How a reference resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one person.
    Found(PersonId),
    /// Several people share the name.
    Ambiguous(Vec<PersonId>),
    /// Nobody.
    NotFound,
}

impl People {
    /// Every person, indexed by [`PersonId`].
    #[must_use]
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// One person.
    #[must_use]
    pub fn person(&self, id: PersonId) -> &Person {
        &self.persons[id.index()]
    }

    /// Number of people.
    #[must_use]
    pub fn len(&self) -> usize {
        self.persons.len()
    }

    /// How many merges of each kind made these people.
    #[must_use]
    pub fn merge_counts(&self) -> MergeCounts {
        MergeCounts::of(self.persons.iter().flat_map(|person| &person.merges))
    }

    /// True when there is nobody.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// Finds the person a reference names: by dataset id, profile URL, email,
    /// then exact name (a name only counts when it is not a placeholder).
    #[must_use]
    pub fn resolve(&self, reference: &PersonRef) -> Resolution {
        if let Some(id) = &reference.id
            && let Some(found) = self.with_id(id.trim())
        {
            return Resolution::Found(found);
        }
        if let Some(url) = &reference.profile_url
            && let Some(found) = self.with_profile_url(url)
        {
            return Resolution::Found(found);
        }
        if let Some(email) = &reference.email
            && let Some(found) = self.with_email(email)
        {
            return Resolution::Found(found);
        }
        let has_strong_key = (reference.id.is_some() && !reference.id_or_name)
            || reference.profile_url.is_some()
            || reference.email.is_some();
        if has_strong_key {
            return Resolution::NotFound;
        }
        match &reference.name {
            Some(name) if !is_placeholder_name(name) => {
                let found = self.with_name_key(&exact_name_key_cow(name));
                match &*found {
                    [] => Resolution::NotFound,
                    [one] => Resolution::Found(*one),
                    many => Resolution::Ambiguous(many.to_vec()),
                }
            }
            _ => Resolution::NotFound,
        }
    }

    /// The person whose dataset id is exactly `id`, by index.
    #[must_use]
    pub fn with_id(&self, id: &str) -> Option<PersonId> {
        match self.sorted_keys(KeyKind::Id) {
            Some(keys) => SortedKeys::candidates(keys, id)
                .find(|person| self.person(*person).id.as_deref() == Some(id)),
            None => self.by_id.get(id).copied(),
        }
    }

    /// The person with this profile URL (any form), by index.
    #[must_use]
    pub fn with_profile_url(&self, url: &str) -> Option<PersonId> {
        self.first_with(
            &normalize_profile_url(url),
            normalize_profile_url,
            |person| &person.profile_urls,
            KeyKind::Url,
            &self.by_url,
        )
    }

    /// The person with this email (any case), by index.
    #[must_use]
    pub fn with_email(&self, email: &str) -> Option<PersonId> {
        self.first_with(
            &normalize_email(email),
            normalize_email,
            |person| &person.emails,
            KeyKind::Email,
            &self.by_email,
        )
    }

    /// The first person one of whose `values`, normalised, is `key`: from
    /// the sorted hashes of people loaded whole, else from `map`.
    fn first_with(
        &self,
        key: &str,
        normalize: fn(&str) -> String,
        values: fn(&Person) -> &Vec<String>,
        kind: KeyKind,
        map: &KeyMap<PersonId>,
    ) -> Option<PersonId> {
        match self.sorted_keys(kind) {
            Some(keys) => SortedKeys::candidates(keys, key).find(|person| {
                values(self.person(*person))
                    .iter()
                    .any(|value| normalize(value) == key)
            }),
            None => map.get(key).copied(),
        }
    }

    /// Everyone whose [`exact_name_key`] is `key`, by index (placeholder
    /// names are not indexed).
    #[must_use]
    pub fn with_name_key(&self, key: &str) -> std::borrow::Cow<'_, [PersonId]> {
        match self.sorted_keys(KeyKind::Name) {
            Some(keys) => SortedKeys::candidates(keys, key)
                .filter(|person| exact_name_key_cow(&self.person(*person).name) == key)
                .collect::<Vec<_>>()
                .into(),
            None => self
                .by_name
                .get(key)
                .map_or(&[][..], Named::as_slice)
                .into(),
        }
    }

    /// People loaded whole (from a snapshot): nothing is indexed until the
    /// first lookup, which sorts key hashes instead of filling hash maps.
    #[must_use]
    pub fn from_persons(persons: Vec<Person>) -> Self {
        Self {
            persons,
            sorted: Some(SortedKeys::default()),
            ..Self::default()
        }
    }

    /// The sorted hashes of one kind of key, for people loaded whole.
    fn sorted_keys(&self, kind: KeyKind) -> Option<&[(u64, PersonId)]> {
        self.sorted
            .as_ref()
            .map(|sorted| sorted.of(kind, &self.persons))
    }

    /// Makes people loaded whole indexable one by one again.
    fn thaw(&mut self) {
        if self.sorted.take().is_some() {
            for person in std::mem::take(&mut self.persons) {
                self.add(person);
            }
        }
    }

    /// Adds a person and indexes their keys. Keys already taken keep pointing
    /// at their first owner.
    pub fn add(&mut self, person: Person) -> PersonId {
        self.thaw();
        let id = PersonId(self.persons.len() as u32);
        let strong_keys =
            person.id.is_some() || !person.emails.is_empty() || !person.profile_urls.is_empty();
        if let Some(key) = &person.id {
            self.by_id.entry(key.clone()).or_insert(id);
        }
        for email in &person.emails {
            self.by_email.entry(normalize_email(email)).or_insert(id);
        }
        for url in &person.profile_urls {
            self.by_url.entry(normalize_profile_url(url)).or_insert(id);
        }
        if !is_placeholder_name(&person.name) {
            self.index_name(exact_name_key_cow(&person.name).into_owned(), id);
        }
        if strong_keys {
            self.changes += 1;
        }
        self.persons.push(person);
        id
    }

    fn add_from_reference(&mut self, reference: &PersonRef) -> PersonId {
        let name = reference.name.clone().unwrap_or_default();
        self.add(Person {
            id: reference.id.clone().filter(|_| !reference.id_or_name),
            name,
            emails: reference
                .email
                .iter()
                .map(|email| normalize_email(email))
                .collect(),
            profile_urls: reference.profile_url.iter().cloned().collect(),
            ..Person::default()
        })
    }

    fn enrich(&mut self, id: PersonId, reference: &PersonRef) {
        self.thaw();
        let person = &mut self.persons[id.index()];
        if person.name.is_empty()
            && let Some(name) = reference
                .name
                .as_deref()
                .filter(|name| !is_placeholder_name(name))
        {
            name.clone_into(&mut person.name);
            self.index_name(exact_name_key(name), id);
        }
    }

    /// Files `id` under one more name (a name a `same` correction gave
    /// them), unless they are filed under it already.
    fn alias_name(&mut self, name: &str, id: PersonId) {
        self.thaw();
        if is_placeholder_name(name) {
            return;
        }
        let key = exact_name_key(name);
        if self
            .by_name
            .get(&key)
            .is_some_and(|named| named.as_slice().contains(&id))
        {
            return;
        }
        self.index_name(key, id);
    }

    /// Files `id` under the name `key`; a second person under one name counts
    /// as a change (see [`Self::changes`]).
    fn index_name(&mut self, key: String, id: PersonId) {
        match self.by_name.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(Named::One(id));
            }
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                self.changes += 1;
                let named = slot.get_mut();
                match named {
                    Named::One(first) => *named = Named::Many(vec![*first, id]),
                    Named::Many(all) => all.push(id),
                }
            }
        }
    }
}

/// The result of identity resolution.
#[derive(Debug, Default)]
pub struct ResolvedDataset {
    /// Everyone.
    pub people: People,
    /// Interactions between resolved people.
    pub interactions: Vec<ResolvedInteraction>,
    /// Declared relationships between resolved people.
    pub relationships: Vec<ResolvedRelationship>,
    /// Where the relationships' declarations come from.
    pub declared_sources: DeclaredSources,
    /// The data's owners, resolved.
    pub owners: Vec<PersonId>,
    /// The as-of date the data fixes, if any.
    pub as_of: Option<jiff::civil::Date>,
    /// The ingest summary, updated with rows identity resolution had to skip.
    pub summary: IngestSummary,
}

/// Merges person records and resolves every reference in `dataset`.
///
/// References nobody describes create people (an interaction with an unknown
/// email is still evidence). A reference whose name matches several people is
/// skipped and counted, as is a row whose sides turn out to be the same person.
/// The user's corrections are applied before anything else: `same` merges
/// the people two references name, `different` refuses every merge between
/// them; a correction that matches nobody is skipped and counted, and a
/// contradiction is an [`Error::Correction`] naming both lines.
pub fn resolve_identities(dataset: Dataset) -> Result<ResolvedDataset> {
    resolve(dataset, None)
}

/// [`resolve_identities`], keeping the account of who became whom (see
/// [`IdentityTrace`]). It copies every person record and logs every
/// distinct reference, so it serves `warmpath who`, not network builds.
pub fn resolve_identities_traced(dataset: Dataset) -> Result<(ResolvedDataset, IdentityTrace)> {
    let mut trace = IdentityTrace::default();
    let resolved = resolve(dataset, Some(&mut trace))?;
    Ok((resolved, trace))
}

fn resolve(dataset: Dataset, mut trace: Option<&mut IdentityTrace>) -> Result<ResolvedDataset> {
    let Dataset {
        people: mut records,
        interactions,
        relationships,
        refs,
        declared_sources,
        owners,
        as_of,
        corrections,
        mut summary,
    } = dataset;
    let mut plan = if corrections.is_empty() {
        None
    } else {
        Some(corrections::Plan::new(
            corrections,
            &mut records,
            &refs,
            &mut summary,
        )?)
    };
    let mut people =
        merge_records_with(records, plan.as_mut(), trace.as_deref_mut(), &mut summary)?;
    if let (Some(plan), Some(trace)) = (&plan, trace.as_deref_mut()) {
        trace.corrections = plan.outcomes();
    }

    let mut memo = Memo::new(&refs, trace.is_some());
    let resolved_interactions =
        resolve_interactions(interactions, &mut memo, &mut people, &mut summary)?;

    // One pass by value: records and resolved relationships have the same
    // size, so the standard library reuses the records' buffer in place (no
    // second copy of millions of rows).
    let resolved_relationships = relationships
        .into_iter()
        .map(|relationship| -> Result<Option<ResolvedRelationship>> {
            let origin = relationship.origin.get();
            let Some(a) = memo.resolve(&mut people, relationship.a, origin, &mut summary)? else {
                return Ok(None);
            };
            let Some(b) = memo.resolve(&mut people, relationship.b, origin, &mut summary)? else {
                return Ok(None);
            };
            if a == b {
                summary.unuse(
                    origin,
                    SkipReason::SelfTie,
                    "both sides are the same person",
                )?;
                return Ok(None);
            }
            Ok(Some(ResolvedRelationship {
                origin: relationship.origin,
                a,
                b,
                strength: relationship.strength,
                since: relationship.since,
                source: relationship.source,
            }))
        })
        .filter_map(Result::transpose)
        .collect::<Result<Vec<_>>>()?;
    if let Some(trace) = trace {
        trace.references = memo.into_references();
        trace.apart = people_kept_apart(&people, &trace.corrections);
    }

    let owner_ids = resolve_owners(&people, &owners)?;
    Ok(ResolvedDataset {
        people,
        interactions: resolved_interactions,
        relationships: resolved_relationships,
        declared_sources,
        owners: owner_ids,
        as_of,
        summary,
    })
}

/// Resolves the people of every interaction; rows naming several people
/// by an ambiguous name, or only one person, are skipped and counted.
fn resolve_interactions(
    interactions: Vec<crate::ingest::InteractionRecord>,
    memo: &mut Memo,
    people: &mut People,
    summary: &mut IngestSummary,
) -> Result<Vec<ResolvedInteraction>> {
    // One pass by value, like the relationships: a record and its resolved
    // interaction have the same size, so the records' buffer is reused in
    // place, and each `to` list is resolved in its own allocation.
    interactions
        .into_iter()
        .map(|interaction| -> Result<Option<ResolvedInteraction>> {
            let origin = interaction.origin;
            let Some(from) = memo.resolve(people, interaction.from, origin, summary)? else {
                return Ok(None);
            };
            let to: Option<Vec<PersonId>> = interaction
                .to
                .into_iter()
                .map(|reference| memo.resolve(people, reference, origin, summary))
                .collect::<Result<_>>()?;
            let Some(mut to) = to else {
                return Ok(None);
            };
            to.retain(|id| *id != from);
            to.sort_unstable();
            to.dedup();
            if to.is_empty() {
                summary.unuse(
                    origin,
                    SkipReason::SelfTie,
                    "every participant is the same person",
                )?;
                return Ok(None);
            }
            Ok(Some(ResolvedInteraction {
                origin,
                at: interaction.at,
                from,
                to,
                channel: interaction.channel,
                duration_secs: interaction.duration_secs,
            }))
        })
        .filter_map(Result::transpose)
        .collect()
}

/// The people each applied `different` correction names, as pairs (lower
/// id first), sorted.
fn people_kept_apart(people: &People, outcomes: &[CorrectionOutcome]) -> Vec<(PersonId, PersonId)> {
    let mut pairs: Vec<(PersonId, PersonId)> = outcomes
        .iter()
        .filter(|outcome| {
            outcome.correction.kind == crate::ingest::CorrectionKind::Different
                && matches!(
                    outcome.status,
                    CorrectionStatus::KeptApart(_) | CorrectionStatus::AlreadyApart
                )
        })
        .filter_map(|outcome| {
            let find = |text: &str| match people.resolve(&PersonRef::parse_loose(text)) {
                Resolution::Found(person) => Some(person),
                _ => None,
            };
            let (a, b) = (find(&outcome.correction.a)?, find(&outcome.correction.b)?);
            (a != b).then_some((a.min(b), a.max(b)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The people the data belongs to. An owner that a file tells by itself (an
/// export's profile, a mailbox's recipient) must be one the user named
/// (`--me`, a manifest), when the user named any: otherwise the sources
/// disagree, and the error names both.
///
/// # Errors
///
/// [`Error::Usage`] for an owner who matches nobody, naming what named them,
/// or for sources that disagree.
fn resolve_owners(people: &People, owners: &[Owner]) -> Result<Vec<PersonId>> {
    let mut found = Vec::with_capacity(owners.len());
    for owner in owners {
        match people.resolve(&owner.reference) {
            Resolution::Found(id) => found.push((id, owner)),
            Resolution::NotFound => {
                return Err(Error::Usage(format!(
                    "the owner '{}' that {} names matches nobody in the data; fix it there, or \
                     say who you are with --me",
                    owner.reference.label(),
                    owner.source
                )));
            }
            Resolution::Ambiguous(_) => {
                return Err(Error::Usage(format!(
                    "the owner '{}' that {} names matches several people; name them by id, \
                     email or profile URL there, or say who you are with --me",
                    owner.reference.label(),
                    owner.source
                )));
            }
        }
    }
    let named: Vec<&(PersonId, &Owner)> = found
        .iter()
        .filter(|(_, owner)| owner.source.is_explicit())
        .collect();
    if let Some((_, first)) = named.first() {
        for (id, told) in found
            .iter()
            .filter(|(_, owner)| !owner.source.is_explicit())
        {
            if !named.iter().any(|(known, _)| known == id) {
                return Err(Error::Usage(format!(
                    "the sources disagree on whose data this is: {} names '{}', {} names '{}'; \
                     if both are you, give each of your addresses with --me",
                    first.source,
                    first.reference.label(),
                    told.source,
                    told.reference.label()
                )));
            }
        }
    }
    let mut ids: Vec<PersonId> = Vec::with_capacity(found.len());
    for (id, _) in found {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Resolutions of interned references, each valid while [`People::changes`]
/// stays what it was when the reference was resolved: resolving the reference
/// again would find the same person (and enriching them again changes
/// nothing), so a row costs an index instead of string lookups.
struct Memo<'a> {
    refs: &'a RefTable,
    /// Per reference: the change count it was resolved at and the person.
    found: Vec<(u64, PersonId)>,
    /// When tracing, every reference with whom it found.
    log: Option<trace::ReferenceLog>,
}

impl<'a> Memo<'a> {
    fn new(refs: &'a RefTable, traced: bool) -> Self {
        Self {
            refs,
            found: vec![(u64::MAX, PersonId(u32::MAX)); refs.len()],
            log: traced.then(trace::ReferenceLog::default),
        }
    }

    fn resolve(
        &mut self,
        people: &mut People,
        reference: RefId,
        origin: Origin,
        summary: &mut IngestSummary,
    ) -> Result<Option<PersonId>> {
        let (changes, person) = self.found[reference.index()];
        if changes == people.changes {
            if let Some(log) = &mut self.log {
                log.note(
                    people,
                    reference,
                    self.refs.get(reference),
                    person,
                    origin,
                    false,
                );
            }
            return Ok(Some(person));
        }
        let reference_text = self.refs.get(reference);
        let before = people.len();
        let resolved = resolve_or_create(people, reference_text, origin, summary)?;
        if let (Some(person), Some(log)) = (resolved, &mut self.log) {
            let created = people.len() > before;
            log.note(people, reference, reference_text, person, origin, created);
        }
        // Only what resolving again would find is kept: a placeholder name
        // (`LinkedIn Member`) makes a new person every time.
        if let Some(person) = resolved
            && people.resolve(reference_text) == Resolution::Found(person)
        {
            self.found[reference.index()] = (people.changes, person);
        }
        Ok(resolved)
    }

    fn into_references(self) -> Vec<TracedReference> {
        self.log
            .map(trace::ReferenceLog::into_references)
            .unwrap_or_default()
    }
}

fn resolve_or_create(
    people: &mut People,
    reference: &PersonRef,
    origin: Origin,
    summary: &mut IngestSummary,
) -> Result<Option<PersonId>> {
    match people.resolve(reference) {
        Resolution::Found(id) => {
            people.enrich(id, reference);
            Ok(Some(id))
        }
        Resolution::NotFound => Ok(Some(people.add_from_reference(reference))),
        Resolution::Ambiguous(candidates) => {
            let names: Vec<String> = candidates
                .iter()
                .map(|id| people.person(*id).stable_id().to_owned())
                .collect();
            summary.unuse(
                origin,
                SkipReason::AmbiguousReference,
                &format!(
                    "'{}' matches {}; refer to them by id or email",
                    reference.label(),
                    names.join(", ")
                ),
            )?;
            Ok(None)
        }
    }
}

/// Merges person records that share a key into people (petgraph's
/// union-find over the records, joined through their keys).
#[cfg(test)]
fn merge_records(records: Vec<PersonRecord>) -> People {
    merge_records_with(records, None, None, &mut IngestSummary::default()).unwrap_or_default()
}

/// Merges person records that share a key into people (petgraph's
/// union-find over the records, joined through their keys), then applies
/// the `same` corrections of `plan`; its `different` corrections refuse
/// the unions they forbid. With `trace`, every record is kept with the
/// person it became and the unions it made.
fn merge_records_with(
    records: Vec<PersonRecord>,
    mut plan: Option<&mut corrections::Plan>,
    mut trace: Option<&mut IdentityTrace>,
    summary: &mut IngestSummary,
) -> Result<People> {
    let mut sets = corrections::Sets::new(records.len(), plan.as_deref());
    let mut notes: Vec<Vec<MergeNote>> = vec![Vec::new(); records.len()];
    // For the trace: the record each note's union joined.
    let mut joined_with: Vec<Vec<usize>> = if trace.is_some() {
        vec![Vec::new(); records.len()]
    } else {
        Vec::new()
    };

    join_by_keys(
        &records,
        &mut sets,
        &mut notes,
        &mut joined_with,
        plan.as_deref_mut(),
    );
    if let Some(plan) = plan.as_deref_mut() {
        plan.apply_same(&mut sets, summary, &mut |record, with, note| {
            if let Some(joined) = joined_with.get_mut(record) {
                joined.push(with);
            }
            notes[record].push(note);
        })?;
    }

    // A `same` correction may join people under different names: each of
    // their names finds the person they became.
    let alias_names: Vec<(usize, String)> = plan
        .as_deref()
        .map_or(&[][..], corrections::Plan::aliases)
        .iter()
        .filter_map(|record| Some((*record, records[*record].name.clone()?)))
        .collect();
    let mut component_of_root: HashMap<usize, usize> = HashMap::new();
    let mut merged: Vec<Person> = Vec::new();
    let keep_slots = plan.is_some() || trace.is_some();
    let mut slots: Vec<usize> = Vec::with_capacity(if keep_slots { records.len() } else { 0 });
    for (index, record) in records.into_iter().enumerate() {
        let root = sets.find(index);
        let slot = *component_of_root.entry(root).or_insert_with(|| {
            merged.push(Person::default());
            merged.len() - 1
        });
        if keep_slots {
            slots.push(slot);
        }
        let record_notes = std::mem::take(&mut notes[index]);
        if let Some(trace) = trace.as_deref_mut() {
            let with = joined_with.get(index).map_or(&[][..], Vec::as_slice);
            trace.records.push(TracedRecord {
                record: record.clone(),
                person: PersonId(slot as u32),
                from_correction: plan.as_deref().is_some_and(|plan| plan.made(index)),
                joins: with
                    .iter()
                    .copied()
                    .zip(record_notes.iter().cloned())
                    .collect(),
            });
        }
        absorb(&mut merged[slot], record, record_notes);
    }
    let mut people = People::default();
    for person in merged {
        people.add(person);
    }
    for (record, name) in &alias_names {
        people.alias_name(name, PersonId(slots[*record] as u32));
    }
    if let (Some(plan), Some(trace)) = (plan, trace) {
        trace.kept_apart = plan
            .refusals
            .iter()
            .map(|refusal| KeptApart {
                correction: plan.origin(refusal.correction),
                records: (refusal.record, refusal.other),
                key: refusal.key.clone(),
            })
            .collect();
    }
    Ok(people)
}

/// Joins records that share a key: the strong keys (id, profile URL,
/// email) first, so that the name + company merges see whom they joined.
/// Records that carry different dataset ids are never joined by a key.
fn join_by_keys(
    records: &[PersonRecord],
    sets: &mut corrections::Sets,
    notes: &mut [Vec<MergeNote>],
    joined_with: &mut [Vec<usize>],
    mut plan: Option<&mut corrections::Plan>,
) {
    let mut key_owner: KeyMap<usize> = KeyMap::default();
    let mut weak_keys: Vec<(String, usize)> = Vec::new();
    let mut note = |union, pair, key, kind, plan: Option<&mut corrections::Plan>| {
        note_union(
            union,
            pair,
            MergeNote { key, kind },
            notes,
            joined_with,
            plan,
        );
    };
    // Per set (by its root record), the hash of the one dataset id it
    // carries, 0 for none: distinct ids are distinct people, so a shared
    // email or profile URL never joins two sets with different ids.
    let mut id_of: Vec<u64> = records
        .iter()
        .map(|record| {
            record
                .id
                .as_deref()
                .map_or(0, |id| key_hash(id.trim()).max(1))
        })
        .collect();
    for (index, record) in records.iter().enumerate() {
        for (key, weak) in merge_keys(record) {
            if weak {
                weak_keys.push((key, index));
            } else if let Some(&other) = key_owner.get(&key) {
                let (mine, theirs) = (sets.find(index), sets.find(other));
                let (my_id, their_id) = (id_of[mine], id_of[theirs]);
                if my_id != 0 && their_id != 0 && my_id != their_id {
                    continue;
                }
                let union = sets.union(index, other);
                if union == Ok(true) {
                    id_of[sets.find(index)] = my_id.max(their_id);
                }
                note(
                    union,
                    (index, other),
                    key,
                    MergeKind::Strong,
                    plan.as_deref_mut(),
                );
            } else {
                key_owner.insert(key, index);
            }
        }
    }
    join_namesakes(records, weak_keys, sets, |record, other, key, union| {
        note(
            union,
            (record, other),
            key,
            MergeKind::Weak,
            plan.as_deref_mut(),
        );
    });
}

/// Records what a union by a key did: a merge note (and, when tracing, the
/// record joined) when it joined two sets, a refusal when a `different`
/// correction forbade it.
fn note_union(
    union: std::result::Result<bool, u32>,
    (record, other): (usize, usize),
    note: MergeNote,
    notes: &mut [Vec<MergeNote>],
    joined_with: &mut [Vec<usize>],
    plan: Option<&mut corrections::Plan>,
) {
    match union {
        Ok(true) => {
            if let Some(with) = joined_with.get_mut(record) {
                with.push(other);
            }
            notes[record].push(note);
        }
        Ok(false) => {}
        Err(correction) => {
            if let Some(plan) = plan {
                plan.refuse(correction as usize, record, other, note.key);
            }
        }
    }
}

/// The dataset ids and profile URLs (as key hashes, sorted) that the
/// records of one set carry: what says two namesakes are two people.
#[derive(Debug, Default)]
struct Distinct {
    ids: Vec<u64>,
    urls: Vec<u64>,
}

impl Distinct {
    /// Two sets are two people when both carry dataset ids and share none,
    /// or both carry profile URLs and share none.
    fn contradicts(&self, other: &Self) -> bool {
        let apart = |a: &[u64], b: &[u64]| {
            !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.binary_search(x).is_ok())
        };
        apart(&self.ids, &other.ids) || apart(&self.urls, &other.urls)
    }

    fn absorb(&mut self, other: Self) {
        self.ids.extend(other.ids);
        self.ids.sort_unstable();
        self.ids.dedup();
        self.urls.extend(other.urls);
        self.urls.sort_unstable();
        self.urls.dedup();
    }
}

/// Makes the name + company merges, after the strong keys have joined what
/// they join, telling `joined` each union tried: `(record, record it joins,
/// key, outcome of the union)`.
///
/// Distinct ids are distinct people: a name + company key shared by sets of
/// records that carry different dataset ids or different profile URLs
/// merges nobody (those records are namesakes, and a record with only the
/// name and company could be either of them, so it joins neither). Which
/// records a key joins does not depend on the order of the records.
fn join_namesakes(
    records: &[PersonRecord],
    mut weak_keys: Vec<(String, usize)>,
    sets: &mut corrections::Sets,
    mut joined: impl FnMut(usize, usize, String, std::result::Result<bool, u32>),
) {
    weak_keys.sort_unstable();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (key, record) in weak_keys {
        match groups.last_mut() {
            Some((last, members)) if *last == key => members.push(record),
            _ => groups.push((key, vec![record])),
        }
    }
    groups.retain(|(_, members)| members.len() > 1);
    if groups.is_empty() {
        return;
    }
    // What each set that a shared key touches carries, from all its records.
    let mut carried: FastMap<usize, Distinct> = FastMap::default();
    for (_, members) in &groups {
        for record in members {
            carried.entry(sets.find(*record)).or_default();
        }
    }
    for (index, record) in records.iter().enumerate() {
        if let Some(distinct) = carried.get_mut(&sets.find(index)) {
            distinct
                .ids
                .extend(record.id.as_deref().map(|id| key_hash(id.trim())));
            distinct.urls.extend(
                record
                    .profile_urls
                    .iter()
                    .map(|url| key_hash(&normalize_profile_url(url))),
            );
        }
    }
    for distinct in carried.values_mut() {
        distinct.absorb(Distinct::default());
    }

    for (key, members) in groups {
        let mut roots: Vec<usize> = members.iter().map(|record| sets.find(*record)).collect();
        roots.sort_unstable();
        roots.dedup();
        let carried_by = |root: &usize| carried.get(root);
        let namesakes = roots.iter().enumerate().any(|(i, a)| {
            roots[i + 1..].iter().any(|b| {
                matches!((carried_by(a), carried_by(b)), (Some(a), Some(b)) if a.contradicts(b))
            })
        });
        if namesakes || roots.len() < 2 {
            continue;
        }
        let first = members[0];
        for record in &members[1..] {
            let union = sets.union(*record, first);
            joined(*record, first, key.clone(), union);
        }
        // Later keys see the sets these unions made.
        for root in roots {
            let now = sets.find(root);
            if now != root
                && let Some(distinct) = carried.remove(&root)
            {
                carried.entry(now).or_default().absorb(distinct);
            }
        }
    }
}

fn merge_keys(record: &PersonRecord) -> Vec<(String, bool)> {
    let mut keys = Vec::new();
    if let Some(id) = &record.id {
        keys.push((format!("id {}", id.trim()), false));
    }
    for url in &record.profile_urls {
        keys.push((format!("profile {}", normalize_profile_url(url)), false));
    }
    for email in &record.emails {
        keys.push((format!("email {}", normalize_email(email)), false));
    }
    if let (Some(name), Some(company)) = (&record.name, &record.company)
        && !is_placeholder_name(name)
        && !company.trim().is_empty()
    {
        keys.push((
            format!(
                "name+company {} @ {}",
                exact_name_key(name),
                exact_name_key(company)
            ),
            true,
        ));
    }
    keys
}

fn absorb(person: &mut Person, record: PersonRecord, notes: Vec<MergeNote>) {
    if person.id.is_none() {
        person.id = record.id.map(|id| id.trim().to_owned());
    }
    if person.name.is_empty()
        && let Some(name) = record.name.filter(|name| !is_placeholder_name(name))
    {
        person.name = name;
    }
    for email in record.emails {
        let email = normalize_email(&email);
        if !person.emails.contains(&email) {
            person.emails.push(email);
        }
    }
    for url in record.profile_urls {
        let key = normalize_profile_url(&url);
        if !person
            .profile_urls
            .iter()
            .any(|known| normalize_profile_url(known) == key)
        {
            person.profile_urls.push(url);
        }
    }
    if person.company.is_none() {
        person.company = record.company;
    }
    if person.title.is_none() {
        person.title = record.title;
    }
    person.merges.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, name: &str, email: &str, company: &str) -> PersonRecord {
        PersonRecord {
            id: (!id.is_empty()).then(|| id.to_owned()),
            name: (!name.is_empty()).then(|| name.to_owned()),
            emails: if email.is_empty() {
                vec![]
            } else {
                vec![email.to_owned()]
            },
            company: (!company.is_empty()).then(|| company.to_owned()),
            ..PersonRecord::default()
        }
    }

    #[test]
    fn declared_ties_take_40_bytes_a_row() {
        assert_eq!(std::mem::size_of::<crate::ingest::RelationshipRecord>(), 40);
        assert_eq!(std::mem::size_of::<ResolvedRelationship>(), 40);
    }

    /// True when a `B` fits exactly where an `A` was, so that a vector of
    /// `A`s mapped by value into `B`s reuses its buffer.
    fn same_layout<A, B>() -> bool {
        std::mem::size_of::<A>() == std::mem::size_of::<B>()
            && std::mem::align_of::<A>() == std::mem::align_of::<B>()
    }

    #[test]
    fn resolved_records_fit_in_the_records_buffer() {
        // resolve_identities relies on this to resolve both in place.
        assert!(same_layout::<
            crate::ingest::RelationshipRecord,
            ResolvedRelationship,
        >());
        assert!(same_layout::<
            crate::ingest::InteractionRecord,
            ResolvedInteraction,
        >());
    }

    #[test]
    fn merges_contacts_sharing_email_whatever_the_case() {
        let people = merge_records(vec![
            record("a1", "Ana Lopez", "Ana@Example.com", ""),
            record("", "Ana L.", "ana@example.com", "Northwind"),
        ]);
        assert_eq!(people.len(), 1);
        let ana = people.person(PersonId(0));
        assert_eq!(ana.name, "Ana Lopez");
        assert_eq!(ana.company.as_deref(), Some("Northwind"));
        assert_eq!(ana.merges.len(), 1);
        assert!(!ana.merges[0].is_weak());
    }

    #[test]
    fn merges_same_name_and_company_as_a_recorded_weak_merge() {
        let people = merge_records(vec![
            record("", "Ana Lopez", "ana@a.com", "Northwind"),
            record("", "ana  lopez", "ana@b.com", "Northwind"),
            record("", "Ana Lopez", "ana@c.com", "Contoso"),
        ]);
        assert_eq!(people.len(), 2);
        assert!(
            people
                .persons()
                .iter()
                .any(|p| p.merges.iter().any(MergeNote::is_weak))
        );
    }

    #[test]
    fn never_merges_namesakes_whose_ids_differ_however_the_records_are_ordered() {
        let records = [
            record("j1", "John Smith", "", "Acme"),
            record("j2", "John Smith", "", "Acme"),
            record("", "John Smith", "js@acme.example", "Acme"),
            record("j1", "John Smith", "john@home.example", "Acme"),
        ];
        for order in [[0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0]] {
            let people = merge_records(order.iter().map(|i| records[*i].clone()).collect());
            // j1's two records are one person by id; nobody merges by name.
            assert_eq!(people.len(), 3, "order {order:?}");
            assert!(
                people
                    .persons()
                    .iter()
                    .all(|p| !p.merges.iter().any(MergeNote::is_weak)),
                "order {order:?}"
            );
        }
    }

    #[test]
    fn a_namesake_joined_by_email_to_another_id_is_not_merged_by_name() {
        // The id-less record is j2 (same email), so j1 and it are two people.
        let people = merge_records(vec![
            record("j1", "John Smith", "", "Acme"),
            record("", "John Smith", "js@acme.example", "Acme"),
            record("j2", "", "js@acme.example", ""),
        ]);
        assert_eq!(people.len(), 2);
        let j2 = people.with_id("j2").unwrap();
        assert_eq!(people.person(j2).name, "John Smith");
    }

    #[test]
    fn records_with_different_ids_stay_apart_though_they_share_an_email() {
        let people = merge_records(vec![
            record("j1", "John Smith", "shared@acme.example", "Acme"),
            record("j2", "John Smith", "shared@acme.example", "Acme"),
            record("", "", "shared@acme.example", ""),
        ]);
        // j1 and j2 are two people, each found by their id; the id-less
        // record joins the first holder of the address.
        assert_eq!(people.len(), 2);
        let (j1, j2) = (people.with_id("j1").unwrap(), people.with_id("j2").unwrap());
        assert_ne!(j1, j2);
        assert_eq!(people.person(j2).name, "John Smith");
        assert_eq!(people.with_email("shared@acme.example"), Some(j1));
    }

    #[test]
    fn never_merges_linkedin_member_placeholders() {
        let people = merge_records(vec![
            record("", "LinkedIn Member", "", "Northwind"),
            record("", "LinkedIn Member", "", "Northwind"),
        ]);
        assert_eq!(people.len(), 2);
        let reference = PersonRef {
            name: Some("LinkedIn Member".to_owned()),
            ..PersonRef::default()
        };
        assert_eq!(people.resolve(&reference), Resolution::NotFound);
    }

    #[test]
    fn resolves_loose_references_by_id_then_exact_name() {
        let people = merge_records(vec![
            record("p1", "Ana Lopez", "", ""),
            record("p2", "Bo", "", ""),
        ]);
        assert_eq!(
            people.resolve(&PersonRef::parse_loose("p2")),
            Resolution::Found(PersonId(1))
        );
        assert_eq!(
            people.resolve(&PersonRef::parse_loose("Ana Lopez")),
            Resolution::Found(PersonId(0))
        );
        assert_eq!(
            people.resolve(&PersonRef::parse_loose("Nobody")),
            Resolution::NotFound
        );
    }

    #[test]
    fn resolution_is_idempotent() {
        let records = vec![
            record("a", "Ana", "ana@x.io", "N"),
            record("", "Ana", "ANA@x.io", ""),
            record("b", "Bo", "", ""),
        ];
        let once = merge_records(records);
        let again = merge_records(
            once.persons()
                .iter()
                .map(|p| PersonRecord {
                    id: p.id.clone(),
                    name: Some(p.name.clone()),
                    emails: p.emails.clone(),
                    profile_urls: p.profile_urls.clone(),
                    company: p.company.clone(),
                    title: p.title.clone(),
                    origin: None,
                })
                .collect(),
        );
        assert_eq!(once.len(), again.len());
        for (a, b) in once.persons().iter().zip(again.persons()) {
            assert_eq!((a.stable_id(), &a.emails), (b.stable_id(), &b.emails));
        }
    }
}

#[cfg(test)]
mod memo_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::RelationshipRecord;

    const TEXTS: [&str; 13] = [
        "p1",
        "P1",
        "p2",
        "Ana",
        "ana",
        "Ana Lopez",
        "ana  lopez",
        "ana@x.io",
        "ANA@x.io",
        "Bo",
        "bo@x.io",
        "https://www.linkedin.com/in/ana",
        "LinkedIn Member",
    ];

    type PersonRow = (Option<&'static str>, &'static str, Option<&'static str>);

    fn dataset(people: &[PersonRow], rows: &[(&str, &str)]) -> Dataset {
        let mut dataset = Dataset::default();
        for (id, name, email) in people {
            dataset.people.push(PersonRecord {
                id: id.map(str::to_owned),
                name: (!name.is_empty()).then(|| (*name).to_owned()),
                emails: email.iter().map(|email| (*email).to_owned()).collect(),
                ..PersonRecord::default()
            });
        }
        for (line, (a, b)) in rows.iter().enumerate() {
            let (a, b) = (dataset.refs.loose(a), dataset.refs.loose(b));
            let source = dataset.declared_sources.intern("test");
            dataset.relationships.push(RelationshipRecord {
                origin: Origin {
                    file: 0,
                    line: line as u64,
                }
                .into(),
                a,
                b,
                strength: DeclaredStrength::NONE,
                since: DeclaredSince::UNKNOWN,
                source,
            });
        }
        dataset
    }

    fn person_row() -> impl Strategy<Value = PersonRow> {
        (
            proptest::option::of(proptest::sample::select(vec!["p1", "p2", "Ana", "Bo"])),
            proptest::sample::select(vec!["", "Ana", "ana", "Ana Lopez", "Bo", "p1"]),
            proptest::option::of(proptest::sample::select(vec!["ana@x.io", "bo@x.io"])),
        )
    }

    proptest! {
        /// The memo is an optimisation only: every row resolves to the person
        /// (or the skip) that resolving its reference afresh gives.
        #[test]
        fn memoised_resolution_matches_resolving_every_row(
            people in proptest::collection::vec(person_row(), 0..6),
            rows in proptest::collection::vec(
                (proptest::sample::select(TEXTS.to_vec()), proptest::sample::select(TEXTS.to_vec())),
                0..40,
            ),
        ) {
            let fast = resolve_identities(dataset(&people, &rows)).unwrap();

            let Dataset { people: records, relationships, refs, mut summary, .. } =
                dataset(&people, &rows);
            let mut persons = merge_records(records);
            let mut expected = Vec::new();
            for relationship in relationships {
                let origin = relationship.origin.get();
                let a = resolve_or_create(&mut persons, refs.get(relationship.a), origin, &mut summary)
                    .unwrap();
                let Some(a) = a else { continue };
                let b = resolve_or_create(&mut persons, refs.get(relationship.b), origin, &mut summary)
                    .unwrap();
                let Some(b) = b else { continue };
                if a != b {
                    expected.push((origin.line, a, b));
                }
            }
            let got: Vec<(u64, PersonId, PersonId)> = fast
                .relationships
                .iter()
                .map(|relationship| (relationship.origin.get().line, relationship.a, relationship.b))
                .collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(fast.people.persons(), persons.persons());
        }
    }
}

#[cfg(test)]
mod sorted_keys_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::keys::PLACEHOLDER_NAME;

    fn person() -> impl Strategy<Value = Person> {
        let pick = |items: &[&'static str]| proptest::sample::select(items.to_vec());
        (
            proptest::option::of(pick(&["p1", "p2", "7"])),
            pick(&[
                "",
                "Ana Lopez",
                "ana  lopez",
                "José",
                "Bo",
                PLACEHOLDER_NAME,
            ]),
            proptest::collection::vec(pick(&["ana@x.io", "ANA@x.io", "bo@x.io"]), 0..2),
            proptest::collection::vec(
                pick(&[
                    "https://www.linkedin.com/in/ana/",
                    "linkedin.com/in/Ana",
                    "x",
                ]),
                0..2,
            ),
        )
            .prop_map(|(id, name, emails, profile_urls)| Person {
                id: id.map(str::to_owned),
                name: name.to_owned(),
                emails: emails.into_iter().map(str::to_owned).collect(),
                profile_urls: profile_urls.into_iter().map(str::to_owned).collect(),
                ..Person::default()
            })
    }

    proptest! {
        /// People loaded whole find by id, URL, email and name exactly whom
        /// people added one by one find.
        #[test]
        fn people_loaded_whole_find_whom_indexed_people_find(
            persons in proptest::collection::vec(person(), 0..8),
            query in proptest::sample::select(vec![
                "p1", "p2", "7", "ana@x.io", "Ana@X.io", "bo@x.io",
                "linkedin.com/in/ana", "x", "ana lopez", "josé", "bo", "", "linkedin member",
            ]),
        ) {
            let mut added = People::default();
            for person in persons.clone() {
                added.add(person);
            }
            let loaded = People::from_persons(persons);
            prop_assert_eq!(loaded.with_id(query), added.with_id(query));
            prop_assert_eq!(loaded.with_email(query), added.with_email(query));
            prop_assert_eq!(loaded.with_profile_url(query), added.with_profile_url(query));
            let mut by_name = added.with_name_key(query).to_vec();
            by_name.sort_unstable();
            prop_assert_eq!(loaded.with_name_key(query).to_vec(), by_name);
            let reference = PersonRef::parse_loose(query);
            prop_assert_eq!(loaded.resolve(&reference), added.resolve(&reference));
        }
    }
}
