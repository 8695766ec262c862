//! Who a target line or `--from` means, found across shards: every worker
//! matches the query against its own people, stage by stage as
//! [`crate::intro::resolve_person`] does (id, profile URL, email, exact
//! name, folded name) and for `company:NAME`; worker 0 combines the
//! matches into the same answer and the same errors the single snapshot
//! gives.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::local::Local;
use crate::error::{Error, Result};
use crate::identity::{Person, PersonId};
use crate::intro::{COMPANY_PREFIX, candidate_text, merge_closest, scored_closest};
use crate::keys::{exact_name_key, folded_name_key, normalize_email, normalize_profile_url};

/// Stages of a person query, in the order they are tried.
const STAGES: usize = 5;

/// A person matched by a query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Match {
    pub(crate) id: u32,
    /// How an ambiguity error names them.
    pub(crate) candidate: String,
    /// Their name to show.
    pub(crate) display: String,
}

/// What one worker's people say about one query.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Matches {
    /// Matches per stage (a person query).
    stages: Vec<Vec<Match>>,
    /// The closest names or companies, scored (for an unknown query).
    closest: Vec<(f64, String)>,
    /// Members of the company, with the company as they write it (a
    /// `company:` query).
    members: Vec<(u32, String)>,
}

/// What a query resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// One person, with the name to show.
    Person(PersonId, String),
    /// A company's members.
    Company(Vec<PersonId>),
}

/// The keys of one worker's people, hashed, for target resolution: built
/// once per job so that each query costs a lookup, not a scan. Hashes are
/// only candidates; each is checked against the person's own key.
pub(crate) struct Index {
    /// Per stage of [`STAGES`]: key hash → positions in `Local::people`.
    stages: Vec<HashMap<u64, Vec<u32>>>,
    /// Folded company → positions.
    companies: HashMap<u64, Vec<u32>>,
}

fn key_hash(key: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// The keys a person is found by at `stage` (of [`STAGES`]).
fn stage_keys(person: &Person, stage: usize) -> Vec<String> {
    match stage {
        0 => person.id.iter().cloned().collect(),
        1 => person
            .profile_urls
            .iter()
            .map(|url| normalize_profile_url(url))
            .collect(),
        2 => person
            .emails
            .iter()
            .map(|email| normalize_email(email))
            .collect(),
        3 => vec![exact_name_key(&person.name)],
        _ => vec![folded_name_key(&person.name)],
    }
}

impl Index {
    /// Indexes the people of `local`.
    pub(crate) fn new(local: &Local) -> Self {
        let mut stages: Vec<HashMap<u64, Vec<u32>>> = vec![HashMap::new(); STAGES];
        let mut companies: HashMap<u64, Vec<u32>> = HashMap::new();
        for (position, owned) in local.people().iter().enumerate() {
            for (stage, index) in stages.iter_mut().enumerate() {
                for key in stage_keys(&owned.person, stage) {
                    index
                        .entry(key_hash(&key))
                        .or_default()
                        .push(position as u32);
                }
            }
            if let Some(company) = &owned.person.company {
                companies
                    .entry(key_hash(&folded_name_key(company)))
                    .or_default()
                    .push(position as u32);
            }
        }
        Self { stages, companies }
    }
}

/// Matches `query` against the people of `local` (indexed by `index`): as
/// a person only when `as_person` (`--from`), else as a target (a person or
/// `company:NAME`).
pub(crate) fn local_matches(local: &Local, index: &Index, query: &str, as_person: bool) -> Matches {
    let query = query.trim();
    let people = local.people();
    if let Some(company) = query.strip_prefix(COMPANY_PREFIX).filter(|_| !as_person) {
        let wanted = folded_name_key(company.trim());
        let mut members = Vec::new();
        for &position in index
            .companies
            .get(&key_hash(&wanted))
            .into_iter()
            .flatten()
        {
            let owned = &people[position as usize];
            if let Some(theirs) = &owned.person.company
                && folded_name_key(theirs) == wanted
            {
                members.push((owned.id.0, theirs.clone()));
            }
        }
        return Matches {
            stages: Vec::new(),
            closest: Vec::new(),
            members,
        };
    }
    let wanted: [String; STAGES] = [
        query.to_owned(),
        normalize_profile_url(query),
        normalize_email(query),
        exact_name_key(query),
        folded_name_key(query),
    ];
    let mut stages: Vec<Vec<Match>> = vec![Vec::new(); STAGES];
    for (stage, key) in wanted.iter().enumerate() {
        let mut positions: Vec<u32> = index.stages[stage]
            .get(&key_hash(key))
            .cloned()
            .unwrap_or_default();
        positions.sort_unstable();
        positions.dedup();
        for position in positions {
            let owned = &people[position as usize];
            if stage_keys(&owned.person, stage).contains(key) {
                stages[stage].push(Match {
                    id: owned.id.0,
                    candidate: candidate_text(&owned.person),
                    display: owned.person.display_name().to_owned(),
                });
            }
        }
    }
    Matches {
        stages,
        closest: Vec::new(),
        members: Vec::new(),
    }
}

/// True when no worker's people match the query: only then are the closest
/// names looked for ([`local_closest`]), a scan of every name.
pub(crate) fn unmatched(all: &[Matches]) -> bool {
    all.iter()
        .all(|matches| matches.members.is_empty() && matches.stages.iter().all(Vec::is_empty))
}

/// The closest names (or, for a `company:` query, companies) to a query
/// nobody matches, among the people of `local`.
pub(crate) fn local_closest(local: &Local, query: &str, as_person: bool) -> Matches {
    let query = query.trim();
    let people = local.people();
    let closest = match query.strip_prefix(COMPANY_PREFIX).filter(|_| !as_person) {
        Some(company) => scored_closest(
            &folded_name_key(company.trim()),
            people
                .iter()
                .filter_map(|owned| owned.person.company.as_deref()),
        ),
        None => scored_closest(
            &folded_name_key(query),
            people.iter().map(|owned| owned.person.name.as_str()),
        ),
    };
    Matches {
        stages: Vec::new(),
        closest,
        members: Vec::new(),
    }
}

/// Combines every worker's matches for the target `query` into its answer,
/// as the single snapshot would answer it.
pub(crate) fn combine(query: &str, all: Vec<Matches>) -> Result<Resolved> {
    let query = query.trim();
    if let Some(company) = query.strip_prefix(COMPANY_PREFIX) {
        let company = company.trim();
        let mut members: Vec<(u32, String)> = all
            .iter()
            .flat_map(|matches| matches.members.iter().cloned())
            .collect();
        members.sort_unstable_by_key(|(id, _)| *id);
        if members.is_empty() {
            let closest = merge_closest(all.into_iter().flat_map(|m| m.closest).collect());
            return Err(Error::UnknownCompany {
                company: company.to_owned(),
                suggestions: closest.into_iter().map(|(_, name)| name).collect(),
            });
        }
        return Ok(Resolved::Company(
            members.into_iter().map(|(id, _)| PersonId(id)).collect(),
        ));
    }
    combine_person(query, all).map(|(id, display)| Resolved::Person(id, display))
}

/// Combines every worker's matches for the person `query` (`--from`, or a
/// target that is no company) into the one person it means, with the name
/// to show.
pub(crate) fn combine_person(query: &str, all: Vec<Matches>) -> Result<(PersonId, String)> {
    let query = query.trim();
    for stage in 0..STAGES {
        let mut found: Vec<&Match> = all
            .iter()
            .filter_map(|matches| matches.stages.get(stage))
            .flatten()
            .collect();
        found.sort_unstable_by_key(|found| found.id);
        // Ids, profile URLs and emails are merge keys: the snapshot's index
        // holds one person per key and answers with it.
        if (1..=2).contains(&stage) {
            found.truncate(1);
        }
        match found.as_slice() {
            [] => {}
            [one] => return Ok((PersonId(one.id), one.display.clone())),
            many => {
                return Err(Error::AmbiguousPerson {
                    query: query.to_owned(),
                    candidates: many.iter().map(|found| found.candidate.clone()).collect(),
                });
            }
        }
    }
    let closest = merge_closest(all.into_iter().flat_map(|m| m.closest).collect());
    Err(Error::UnknownPerson {
        query: query.to_owned(),
        suggestions: closest.into_iter().map(|(_, name)| name).collect(),
    })
}
