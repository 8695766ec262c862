//! The questions `warmpath` answers about introductions, each one call from
//! what the user typed to everything its output shows: the ranking (one
//! asker's or the team's), the alternatives per introducer, and the decoded
//! ties along every shown path; the listed mutual connections; and the tie
//! between two people.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use super::{
    Asker, IntroPath, IntroQuery, IntroRanking, MutualsRanking, Target, TeamRanking,
    alternative_paths, parse_mutuals_list, rank_introducers, rank_mutuals, rank_team_introducers,
    resolve_asking_person, resolve_person, resolve_target,
};
use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::tie_strength::{Model, Tie};

/// "Who can introduce me to X?" as asked on the command line.
#[derive(Debug, Clone, Copy)]
pub struct IntroRequest<'a> {
    /// Whom to reach: an id, email, profile URL or name, or `company:NAME`.
    pub target: &'a str,
    /// Who is asking ([`Asker::resolve`]); `None` for the data's owner.
    pub from: Option<&'a str>,
    /// At most this many edges per path.
    pub max_hops: usize,
    /// At most this many introducers.
    pub top: usize,
    /// Up to this many alternative paths per introducer (none when 0).
    pub alternatives: usize,
}

/// The ties along the introducers' paths, decoded once, by ordered pair.
pub type PathTies = HashMap<(PersonId, PersonId), Tie>;

/// Everything an answer to an [`IntroRequest`] shows.
#[derive(Debug, Clone)]
pub struct Introductions {
    /// The ranking (for a team, the merged one: see [`TeamRanking`]).
    pub ranking: IntroRanking,
    /// The team's ranking, when the team asks.
    pub team: Option<TeamRanking>,
    /// Per ranked introducer, its alternative paths (empty when none were asked).
    pub alternatives: Vec<Vec<IntroPath>>,
    /// The ties along every ranked introducer's path.
    pub ties: PathTies,
}

/// Answers `request`: resolves the target, then the asker, ranks the
/// introducers and decodes what the answer shows.
///
/// # Errors
///
/// An unknown or ambiguous target or asker, an asker the data cannot name,
/// or [`Error::Snapshot`] when a shown tie lives in a corrupt block.
pub fn introductions(
    graph: &RelationshipGraph,
    request: &IntroRequest<'_>,
    model: &Model,
) -> Result<Introductions> {
    let target = resolve_target(graph, request.target)?;
    let asker = Asker::resolve(graph, request.from)?;
    if let Target::Person(target) = &target {
        let asking = match &asker {
            Asker::Person(from) => from == target,
            Asker::Team(members) => members.contains(target),
        };
        if asking {
            return Err(Error::Usage(format!(
                "{} is the one asking: name someone else to reach, or ask --from another person",
                graph.person(*target).display_name()
            )));
        }
    }
    let (ranking, team) = match asker {
        Asker::Team(members) => {
            let query = IntroQuery {
                // Never empty: `Asker::resolve` refuses a team without owners.
                from: members[0],
                target,
                max_hops: request.max_hops,
                top: request.top,
            };
            let team = rank_team_introducers(graph, &members, &query, model)?;
            (team.ranking.clone(), Some(team))
        }
        Asker::Person(from) => {
            let query = IntroQuery {
                from,
                target,
                max_hops: request.max_hops,
                top: request.top,
            };
            (rank_introducers(graph, query, model)?, None)
        }
    };
    let alternatives = alternatives(graph, &ranking, request.alternatives);
    let ties = path_ties(graph, &ranking)?;
    Ok(Introductions {
        ranking,
        team,
        alternatives,
        ties,
    })
}

/// Up to `limit` alternative paths for each ranked introducer (none when 0).
#[must_use]
pub fn alternatives(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    limit: usize,
) -> Vec<Vec<IntroPath>> {
    if limit == 0 {
        return Vec::new();
    }
    let targets = match &ranking.query.target {
        Target::Person(id) => vec![*id],
        Target::Company { members, .. } => members.clone(),
    };
    ranking
        .introducers
        .iter()
        .map(|introducer| {
            alternative_paths(
                graph,
                &introducer.path,
                &targets,
                ranking.query.max_hops,
                limit,
            )
        })
        .collect()
}

/// The ties along the introducers' paths, decoded once (a snapshot's from
/// their blocks, which may turn out corrupt).
pub fn path_ties(graph: &RelationshipGraph, ranking: &IntroRanking) -> Result<PathTies> {
    let mut ties = PathTies::new();
    for introducer in &ranking.introducers {
        for pair in introducer.path.nodes.windows(2) {
            let key = (pair[0], pair[1]);
            if !ties.contains_key(&key)
                && let Some(tie) = graph.tie_detail(pair[0], pair[1])?
            {
                ties.insert(key, tie.into_owned());
            }
        }
    }
    Ok(ties)
}

/// The listed mutual connections of a target, ranked by the asker's tie to each.
#[derive(Debug, Clone)]
pub struct MutualIntroductions {
    /// Who is asking.
    pub from: PersonId,
    /// The target as shown: their name when the data knows them, else the
    /// query as typed.
    pub target: String,
    /// The listed people, ranked.
    pub ranking: MutualsRanking,
}

impl MutualIntroductions {
    /// True when the asker has a tie to at least one listed person.
    #[must_use]
    pub fn found(&self) -> bool {
        self.ranking
            .mutuals
            .iter()
            .any(|mutual| mutual.tie.is_some())
    }
}

/// `intro TARGET --mutuals FILE`: reads the list at `path` (as copied from
/// `LinkedIn`) and ranks the people on it by the asker's tie to each. Their
/// tie to the target is unknown; the target need not be in the data.
///
/// # Errors
///
/// The list cannot be read, the asker cannot be resolved, or a tie lives in
/// a corrupt block of a snapshot.
pub fn mutual_introductions(
    graph: &RelationshipGraph,
    from: Option<&str>,
    target: &str,
    path: &Path,
) -> Result<MutualIntroductions> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let from = resolve_asking_person(graph, from)?;
    let (target, target_id) = match resolve_target(graph, target) {
        Ok(Target::Person(id)) => (graph.person(id).display_name().to_owned(), Some(id)),
        _ => (target.trim().to_owned(), None),
    };
    let ranking = rank_mutuals(graph, from, target_id, &parse_mutuals_list(&text))?;
    Ok(MutualIntroductions {
        from,
        target,
        ranking,
    })
}

/// The tie between the people `a` and `b` name (ids, emails, profile URLs
/// or names), decoding only that tie.
///
/// # Errors
///
/// Either person is unknown or ambiguous, the two have no tie, or the tie
/// lives in a corrupt block of a snapshot.
pub fn tie_between<'g>(
    graph: &'g RelationshipGraph,
    a: &str,
    b: &str,
) -> Result<(PersonId, PersonId, Cow<'g, Tie>)> {
    let a = resolve_person(graph, a)?;
    let b = resolve_person(graph, b)?;
    if a == b {
        return Err(Error::Usage(format!(
            "both names are {}: a tie needs two different people",
            graph.person(a).display_name()
        )));
    }
    match graph.tie_detail(a, b)? {
        Some(tie) => Ok((a, b, tie)),
        None => Err(Error::Usage(format!(
            "{} and {} have no tie: no interaction and no declared relationship in the data",
            graph.person(a).display_name(),
            graph.person(b).display_name()
        ))),
    }
}
