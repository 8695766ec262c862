//! Introductions: resolving who the user means (the target, and who is
//! asking: one person or the whole team) and ranking the people who can
//! introduce them, by the strength of the relationships along the best path
//! through each — never by how many connections anyone has. Each question
//! the command line asks is one call in `answer`.

mod answer;
mod asker;
mod batch;
mod draft;
mod meet;
mod mutuals;
mod search;
mod target;
mod team;

pub use answer::{
    IntroRequest, Introductions, MutualIntroductions, PathTies, alternatives, asking_self,
    introductions, mutual_introductions, path_ties, tie_between,
};
pub use asker::{
    Asker, TEAM, no_owner, resolve_asking_person, resolve_report_subject, several_owners,
    team_without_owners,
};
pub use batch::{
    BatchAnswer, MAX_TARGET_LINE, TargetLine, batch_introductions, line_too_long, parse_targets,
};
pub use draft::{DEFAULT_DRAFT_TEMPLATE, DRAFT_PLACEHOLDERS, draft_introduction};
pub use meet::{Meeting, keep_best, meeting_order, people_to_meet};
pub use mutuals::{Mutual, MutualsRanking, parse_mutuals_list, rank_mutuals};
pub use search::{IntroPath, alternative_paths, best_paths_by_introducer};
pub use target::{
    COMPANY_PREFIX, Target, candidate_text, merge_closest, resolve_person, resolve_target,
    scored_closest,
};
pub use team::{TeamRanking, merge_team, rank_team_introducers};

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::tie_strength::{Model, Tie};

/// Default bound on the edges of a path.
pub const DEFAULT_MAX_HOPS: usize = 3;

/// What to rank.
#[derive(Debug, Clone)]
pub struct IntroQuery {
    /// Who asks.
    pub from: PersonId,
    /// Whom to reach.
    pub target: Target,
    /// At most this many edges per path.
    pub max_hops: usize,
    /// At most this many introducers.
    pub top: usize,
}

/// One introducer and their best path.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedIntroducer {
    /// 1-based rank.
    pub rank: usize,
    /// The path, from the asker to the target inclusive.
    pub path: IntroPath,
    /// Strength of the weakest edge on the path.
    pub weakest_link: f64,
    /// True when the path passes the genuine thresholds.
    pub genuine: bool,
    /// The first person further along the path whom the asker knows directly
    /// at least as well as the path reaches them: asking through the
    /// introducer is a detour (ask this person instead).
    pub through_known: Option<PersonId>,
}

/// Whether anything genuine was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntroStatus {
    /// At least one genuine path (or a genuine direct tie).
    Found,
    /// Only tenuous paths, or none.
    NoGenuinePath,
}

/// The answer to "who can introduce me to X?".
#[derive(Debug, Clone)]
pub struct IntroRanking {
    /// The query answered.
    pub query: IntroQuery,
    /// Found or not.
    pub status: IntroStatus,
    /// The asker's own tie to a single-person target, if any.
    pub direct: Option<Tie>,
    /// Introducers, best first.
    pub introducers: Vec<RankedIntroducer>,
}

/// The strengths of a path's edges, in order.
#[must_use]
pub fn edge_strengths(graph: &RelationshipGraph, nodes: &[PersonId]) -> Vec<f64> {
    nodes
        .windows(2)
        .map(|pair| graph.strength(pair[0], pair[1]).map_or(0.0, f64::from))
        .collect()
}

/// The first person after the introducer and before the path's end whom
/// `nodes[0]` knows directly at least as well as the path up to them.
#[must_use]
pub fn through_known(graph: &RelationshipGraph, nodes: &[PersonId]) -> Option<PersonId> {
    let asker = *nodes.first()?;
    through_known_from(nodes, &edge_strengths(graph, nodes), |reached| {
        graph.strength(asker, reached)
    })
}

/// [`through_known`] from the path's edge strengths (`hops[k]` between
/// `nodes[k]` and `nodes[k + 1]`) and the asker's own ties (`direct`): what a
/// distributed run computes at the asker's shard, where the rest of the graph
/// is not at hand.
#[must_use]
pub fn through_known_from(
    nodes: &[PersonId],
    hops: &[f64],
    direct: impl Fn(PersonId) -> Option<f32>,
) -> Option<PersonId> {
    let mut prefix = 1.0;
    for (index, (&reached, &strength)) in nodes.iter().skip(1).zip(hops).enumerate() {
        prefix *= strength;
        if index == 0 || index + 2 == nodes.len() {
            continue;
        }
        if direct(reached).is_some_and(|direct| f64::from(direct) >= prefix) {
            return Some(reached);
        }
    }
    None
}

/// The strength of a path's weakest edge (1 for a path without edges).
#[must_use]
pub fn weakest_link(graph: &RelationshipGraph, nodes: &[PersonId]) -> f64 {
    weakest_of(&edge_strengths(graph, nodes))
}

/// The weakest of a path's edge strengths (1 for a path without edges).
#[must_use]
pub fn weakest_of(hops: &[f64]) -> f64 {
    hops.iter().copied().fold(1.0, f64::min)
}

/// Ranks distinct introducers (first hops from the asker) by their best path
/// to the target within `max_hops` edges.
///
/// Order: path strength, then the weakest link, then fewer hops, then the
/// introducer's id. A path is genuine when its strength and its weakest link
/// pass the model's thresholds; the status says whether any path (or the
/// direct tie) is genuine.
///
/// # Errors
///
/// [`crate::Error::Snapshot`] when the direct tie to a single-person target
/// lives in a corrupt block of a snapshot.
pub fn rank_introducers(
    graph: &RelationshipGraph,
    query: IntroQuery,
    model: &Model,
) -> crate::error::Result<IntroRanking> {
    let (targets, direct) = match &query.target {
        Target::Person(target) => (
            vec![*target],
            graph
                .tie_detail(query.from, *target)?
                .map(std::borrow::Cow::into_owned),
        ),
        Target::Company { members, .. } => (members.clone(), None),
    };
    let single_target = matches!(query.target, Target::Person(_));
    let candidates = best_paths_by_introducer(graph, query.from, &targets, query.max_hops)
        .into_iter()
        .map(|path| Candidate {
            weakest_link: weakest_link(graph, &path.nodes),
            through_known: through_known(graph, &path.nodes),
            path,
        })
        .collect();
    let direct_strength = direct.as_ref().map(|tie| tie.strength.strength);
    let (introducers, status) = rank_candidates(
        candidates,
        single_target,
        direct_strength,
        query.top,
        model,
        graph,
    );
    Ok(IntroRanking {
        query,
        status,
        direct,
        introducers,
    })
}

/// A path found through an introducer, before ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The path.
    pub path: IntroPath,
    /// Strength of its weakest edge.
    pub weakest_link: f64,
    /// See [`RankedIntroducer::through_known`].
    pub through_known: Option<PersonId>,
}

/// Who people are to a ranking and its outputs: the stable ids its ties are
/// broken by and the names it shows. A graph knows everyone; a distributed
/// run knows the people on its answers' paths.
pub trait PersonNames {
    /// `person`'s stable id (see [`crate::identity::Person::stable_id`]).
    fn stable_id(&self, person: PersonId) -> &str;
    /// `person`'s name to show (see [`crate::identity::Person::display_name`]).
    fn display_name(&self, person: PersonId) -> &str;
}

impl PersonNames for RelationshipGraph {
    fn stable_id(&self, person: PersonId) -> &str {
        self.person(person).stable_id()
    }
    fn display_name(&self, person: PersonId) -> &str {
        self.person(person).display_name()
    }
}

/// Ranks the paths found for one asker (see [`rank_introducers`], whose
/// order and genuine rule this is): a single-person target's one-edge path
/// (the asker's own tie) is left out; `direct_strength` is the asker's tie
/// to it, for the status.
#[must_use]
pub fn rank_candidates(
    candidates: Vec<Candidate>,
    single_target: bool,
    direct_strength: Option<f64>,
    top: usize,
    model: &Model,
    ids: &dyn PersonNames,
) -> (Vec<RankedIntroducer>, IntroStatus) {
    let genuine = |score: f64, weakest: f64| {
        score >= model.genuine.min_path_strength && weakest >= model.genuine.min_link_strength
    };
    let mut ranked: Vec<RankedIntroducer> = candidates
        .into_iter()
        .filter(|candidate| !(single_target && candidate.path.nodes.len() == 2))
        .map(|candidate| RankedIntroducer {
            rank: 0,
            genuine: genuine(candidate.path.score, candidate.weakest_link),
            weakest_link: candidate.weakest_link,
            through_known: candidate.through_known,
            path: candidate.path,
        })
        .collect();
    ranked.sort_by(|x, y| introducer_order(ids, x, y));
    ranked.truncate(top);
    for (index, introducer) in ranked.iter_mut().enumerate() {
        introducer.rank = index + 1;
    }
    let direct_genuine = direct_strength.is_some_and(|strength| genuine(strength, strength));
    let status = if direct_genuine || ranked.iter().any(|introducer| introducer.genuine) {
        IntroStatus::Found
    } else {
        IntroStatus::NoGenuinePath
    };
    (ranked, status)
}

/// The ranking order of [`rank_introducers`]: stronger path, stronger weakest
/// link, fewer hops, then the introducer's and the asker's ids.
pub(crate) fn introducer_order(
    ids: &dyn PersonNames,
    x: &RankedIntroducer,
    y: &RankedIntroducer,
) -> std::cmp::Ordering {
    y.path
        .score
        .total_cmp(&x.path.score)
        .then(y.weakest_link.total_cmp(&x.weakest_link))
        .then(x.path.nodes.len().cmp(&y.path.nodes.len()))
        .then_with(|| {
            ids.stable_id(x.path.introducer())
                .cmp(ids.stable_id(y.path.introducer()))
        })
        .then_with(|| {
            ids.stable_id(x.path.nodes[0])
                .cmp(ids.stable_id(y.path.nodes[0]))
        })
}
