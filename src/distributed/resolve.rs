//! Who a target line or `--from` means, found across shards: every worker
//! matches the query against its own people, stage by stage as
//! [`crate::intro::resolve_person`] does (id, profile URL, email, exact
//! name, folded name) and for `company:NAME`; worker 0 combines the
//! matches into the same answer and the same errors the single snapshot
//! gives.

use serde::{Deserialize, Serialize};

use super::local::Local;
use crate::error::{Error, Result};
use crate::identity::PersonId;
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

/// Matches `query` against the people of `local`: as a person only when
/// `as_person` (`--from`), else as a target (a person or `company:NAME`).
pub(crate) fn local_matches(local: &Local, query: &str, as_person: bool) -> Matches {
    let query = query.trim();
    if let Some(company) = query.strip_prefix(COMPANY_PREFIX).filter(|_| !as_person) {
        let wanted = folded_name_key(company.trim());
        let mut members = Vec::new();
        for owned in local.people() {
            if let Some(theirs) = &owned.person.company
                && folded_name_key(theirs) == wanted
            {
                members.push((owned.id.0, theirs.clone()));
            }
        }
        let closest = if members.is_empty() {
            scored_closest(
                &wanted,
                local
                    .people()
                    .iter()
                    .filter_map(|owned| owned.person.company.as_deref()),
            )
        } else {
            Vec::new()
        };
        return Matches {
            stages: Vec::new(),
            closest,
            members,
        };
    }
    let exact = exact_name_key(query);
    let folded = folded_name_key(query);
    let (url, email) = (normalize_profile_url(query), normalize_email(query));
    let mut stages: Vec<Vec<Match>> = vec![Vec::new(); STAGES];
    for owned in local.people() {
        let person = &owned.person;
        let hits = [
            person.id.as_deref() == Some(query),
            person
                .profile_urls
                .iter()
                .any(|value| normalize_profile_url(value) == url),
            person
                .emails
                .iter()
                .any(|value| normalize_email(value) == email),
            exact_name_key(&person.name) == exact,
            folded_name_key(&person.name) == folded,
        ];
        for (stage, hit) in hits.into_iter().enumerate() {
            if hit {
                stages[stage].push(Match {
                    id: owned.id.0,
                    candidate: candidate_text(person),
                    display: person.display_name().to_owned(),
                });
            }
        }
    }
    let closest = if stages.iter().all(Vec::is_empty) {
        scored_closest(
            &folded,
            local
                .people()
                .iter()
                .map(|owned| owned.person.name.as_str()),
        )
    } else {
        Vec::new()
    };
    Matches {
        stages,
        closest,
        members: Vec::new(),
    }
}

/// Combines every worker's matches for `query` into its answer, as the
/// single snapshot would answer it (`as_person` as for [`local_matches`]).
pub(crate) fn combine(query: &str, all: Vec<Matches>, as_person: bool) -> Result<Resolved> {
    let query = query.trim();
    if let Some(company) = query.strip_prefix(COMPANY_PREFIX).filter(|_| !as_person) {
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
            [one] => return Ok(Resolved::Person(PersonId(one.id), one.display.clone())),
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
