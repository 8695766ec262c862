//! Who a question is from: the person `--from` names, the data's single
//! owner when nobody is named, or — with `--from team` — every owner of the
//! data together. Reports resolve whose network they describe (`--for`) the
//! same way; only the words of the errors differ.

use super::resolve_person;
use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;

/// The word `--from` takes for the whole team.
pub const TEAM: &str = "team";

/// Who asks for introductions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asker {
    /// One person.
    Person(PersonId),
    /// Every owner of the data; each path starts at the member who would ask.
    Team(Vec<PersonId>),
}

impl Asker {
    /// The asker `from` names: [`TEAM`] (any case) for every owner, else a
    /// person as [`resolve_asking_person`] finds them.
    pub fn resolve(graph: &RelationshipGraph, from: Option<&str>) -> Result<Self> {
        if from.is_some_and(|from| from.trim().eq_ignore_ascii_case(TEAM)) {
            if graph.owners().is_empty() {
                return Err(team_without_owners());
            }
            return Ok(Self::Team(graph.owners().to_vec()));
        }
        resolve_asking_person(graph, from).map(Self::Person)
    }
}

/// Which question a person is resolved for, which sets the words of the
/// errors when the data cannot say who is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Who is asking (`--from`).
    Asker,
    /// Whose network a report describes (`--for`).
    Subject,
}

/// The one person asking: `from` (an id, email, profile URL or name), else
/// the data's single owner.
pub fn resolve_asking_person(graph: &RelationshipGraph, from: Option<&str>) -> Result<PersonId> {
    resolve_named_or_owner(graph, from, Role::Asker)
}

/// Whose network a report describes: `person`, else the data's single owner.
pub fn resolve_report_subject(graph: &RelationshipGraph, person: Option<&str>) -> Result<PersonId> {
    resolve_named_or_owner(graph, person, Role::Subject)
}

fn resolve_named_or_owner(
    graph: &RelationshipGraph,
    query: Option<&str>,
    role: Role,
) -> Result<PersonId> {
    match (query, graph.owners(), role) {
        (Some(query), _, _) => resolve_person(graph, query),
        (None, [owner], _) => Ok(*owner),
        (None, [], Role::Asker) => Err(no_owner()),
        (None, [], Role::Subject) => Err(Error::Usage(
            "the data names no owner; say whose network to report with --for (an id, email, profile URL or name)".to_owned(),
        )),
        (None, owners, Role::Asker) => {
            let names: Vec<&str> = owners
                .iter()
                .map(|owner| graph.person(*owner).display_name())
                .collect();
            Err(several_owners(&names))
        }
        (None, _, Role::Subject) => Err(Error::Usage(
            "the data has several owners; pick one with --for WHO, or use --team".to_owned(),
        )),
    }
}

/// The error of a question with no `--from` on data with several owners,
/// named `names` (in the data's order).
#[must_use]
pub fn several_owners(names: &[&str]) -> Error {
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    // The same name twice: one human whose sources were not linked.
    let hint = if sorted.len() < names.len() {
        "; if they are the same person, give your email with --me so the sources agree"
    } else {
        ""
    };
    Error::Usage(format!(
        "the data has {} owners; say who is asking with --from (one of: {}){hint}",
        names.len(),
        names.join(", ")
    ))
}

/// The error of a question with no `--from` on data without an owner.
#[must_use]
pub fn no_owner() -> Error {
    Error::Usage(
        "the data names no owner; say who is asking with --from (an id, email, profile URL or name)"
            .to_owned(),
    )
}

/// The error of `--from team` on data without owners.
#[must_use]
pub fn team_without_owners() -> Error {
    Error::Usage(
        "--from team needs the data's owners: give LinkedIn exports or a team manifest \
         with [[member]] tables"
            .to_owned(),
    )
}
