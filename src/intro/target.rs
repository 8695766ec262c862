//! Finding who the user means: a person by id, profile URL, email or name
//! (accent- and case-insensitive), or everyone at a company (`company:NAME`).
//! Ambiguous names list the candidates; unknown ones suggest the closest.

use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::keys::{exact_name_key, folded_name_key, is_placeholder_name};

/// The prefix that turns a target into a company.
pub const COMPANY_PREFIX: &str = "company:";

/// How many close names an unknown query suggests.
const MAX_SUGGESTIONS: usize = 3;

/// Minimum Jaro-Winkler similarity for a suggestion.
const MIN_SIMILARITY: f64 = 0.75;

/// Who an introduction should reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One person.
    Person(PersonId),
    /// Everyone at a company.
    Company {
        /// The company's name as the data writes it.
        name: String,
        /// Its people.
        members: Vec<PersonId>,
    },
}

/// Resolves a target: `company:NAME` or a person query (see [`resolve_person`]).
pub fn resolve_target(graph: &RelationshipGraph, query: &str) -> Result<Target> {
    match query.trim().strip_prefix(COMPANY_PREFIX) {
        Some(company) => resolve_company(graph, company.trim()),
        None => resolve_person(graph, query).map(Target::Person),
    }
}

/// Finds one person by exact id, profile URL, email, or name (accents, case
/// and spacing ignored).
pub fn resolve_person(graph: &RelationshipGraph, query: &str) -> Result<PersonId> {
    let query = query.trim();
    let people = graph.people().persons();
    let by = |matches: &dyn Fn(&crate::identity::Person) -> bool| -> Vec<PersonId> {
        people
            .iter()
            .enumerate()
            .filter(|(_, person)| matches(person))
            .map(|(index, _)| PersonId(index as u32))
            .collect()
    };
    let index = graph.people();
    let exact = exact_name_key(query);
    let folded = folded_name_key(query);
    // Ids, profile URLs and emails are merge keys, so at most one person holds
    // each and the index answers like a scan would; names use the name index
    // unless the query is the (unindexed) placeholder. Each attempt runs only
    // when those before it found no one, so a query by id never indexes names.
    let by_name = || {
        if is_placeholder_name(&exact) {
            by(&|person| exact_name_key(&person.name) == exact)
        } else {
            let mut found = index.with_name_key(&exact).to_vec();
            found.sort_unstable();
            found
        }
    };
    let attempts: [&dyn Fn() -> Vec<PersonId>; 5] = [
        &|| index.with_id(query).into_iter().collect(),
        &|| index.with_profile_url(query).into_iter().collect(),
        &|| index.with_email(query).into_iter().collect(),
        &by_name,
        &|| by(&|person| folded_name_key(&person.name) == folded),
    ];
    for attempt in attempts {
        match attempt().as_slice() {
            [] => {}
            [one] => return Ok(*one),
            many => {
                return Err(Error::AmbiguousPerson {
                    query: query.to_owned(),
                    candidates: many
                        .iter()
                        .map(|id| candidate_text(graph.person(*id)))
                        .collect(),
                });
            }
        }
    }
    Err(Error::UnknownPerson {
        query: query.to_owned(),
        suggestions: closest(&folded, people.iter().map(|person| person.name.as_str())),
    })
}

fn resolve_company(graph: &RelationshipGraph, company: &str) -> Result<Target> {
    let wanted = folded_name_key(company);
    let mut name = None;
    let mut members = Vec::new();
    for (index, person) in graph.people().persons().iter().enumerate() {
        if let Some(theirs) = &person.company
            && folded_name_key(theirs) == wanted
        {
            name.get_or_insert_with(|| theirs.clone());
            members.push(PersonId(index as u32));
        }
    }
    match name {
        Some(name) => Ok(Target::Company { name, members }),
        None => Err(Error::UnknownCompany {
            company: company.to_owned(),
            suggestions: closest(
                &wanted,
                graph
                    .people()
                    .persons()
                    .iter()
                    .filter_map(|person| person.company.as_deref()),
            ),
        }),
    }
}

/// The names most similar to `folded_query`, best first, without repeats.
fn closest<'a>(folded_query: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    scored_closest(folded_query, names)
        .into_iter()
        .map(|(_, name)| name)
        .collect()
}

/// The closest names with their similarity: at most `MAX_SUGGESTIONS` (3)
/// names, best first (then by name), each once. The closest of several
/// sets of names are the closest of the union of their closest, which is
/// how a distributed run suggests names from its shards
/// ([`merge_closest`]).
#[must_use]
pub fn scored_closest<'a>(
    folded_query: &str,
    names: impl Iterator<Item = &'a str>,
) -> Vec<(f64, String)> {
    let scored: Vec<(f64, &str)> = names
        .filter(|name| !name.is_empty())
        .map(|name| {
            (
                strsim::jaro_winkler(folded_query, &folded_name_key(name)),
                name,
            )
        })
        .filter(|(similarity, _)| *similarity >= MIN_SIMILARITY)
        .collect();
    merge_closest(
        scored
            .into_iter()
            .map(|(similarity, name)| (similarity, name.to_owned()))
            .collect(),
    )
}

/// The best `MAX_SUGGESTIONS` (3) distinct names of scored suggestions.
#[must_use]
pub fn merge_closest(mut scored: Vec<(f64, String)>) -> Vec<(f64, String)> {
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let mut suggestions: Vec<(f64, String)> = Vec::new();
    for (similarity, name) in scored {
        if !suggestions.iter().any(|(_, known)| *known == name) {
            suggestions.push((similarity, name));
        }
        if suggestions.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    suggestions
}

/// How an ambiguity error names one candidate: `Name (id, Company)`.
#[must_use]
pub fn candidate_text(person: &crate::identity::Person) -> String {
    let company = person
        .company
        .as_deref()
        .map(|c| format!(", {c}"))
        .unwrap_or_default();
    format!(
        "{} ({}{company})",
        person.display_name(),
        person.stable_id()
    )
}
