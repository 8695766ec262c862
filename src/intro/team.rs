//! Introductions for a team (`--from team`): every member could ask, so each
//! member's ranking is computed and introducers are merged, keeping each
//! introducer's best path — which starts at the member who would ask them.
//! Paths through a teammate are left out (that teammate asks on their own
//! path), and members' direct ties are reported as such.

use std::collections::HashMap;

use super::{
    IntroQuery, IntroRanking, IntroStatus, PersonNames, RankedIntroducer, rank_introducers,
};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::tie_strength::{Model, Tie};

/// The answer to "who can introduce one of us to X?".
#[derive(Debug, Clone)]
pub struct TeamRanking {
    /// The members who could ask.
    pub members: Vec<PersonId>,
    /// Introducers across all members, best first; each path starts at the
    /// member who would ask, and never passes through another member.
    /// `ranking.query.from` is the first member; members' direct ties are in
    /// `direct`, not in `ranking.direct`.
    pub ranking: IntroRanking,
    /// Members who know a single-person target directly, strongest first.
    pub direct: Vec<(PersonId, Tie)>,
}

/// Merges the members' rankings (each with `top` unbounded, and the
/// member's direct tie strength to the target): each introducer once, with
/// the best of the paths any member has through them; paths through another
/// member left out (that member asks on their own path). Returns the merged
/// ranking, at most `top`, and its status.
#[must_use]
pub fn merge_team(
    per_member: Vec<(Vec<RankedIntroducer>, Option<f64>)>,
    members: &[PersonId],
    top: usize,
    model: &Model,
    ids: &dyn PersonNames,
) -> (Vec<RankedIntroducer>, IntroStatus) {
    let mut best: HashMap<PersonId, RankedIntroducer> = HashMap::new();
    let mut direct_genuine = false;
    for (introducers, direct) in per_member {
        direct_genuine |= direct.is_some_and(|strength| {
            strength >= model.genuine.min_path_strength
                && strength >= model.genuine.min_link_strength
        });
        for introducer in introducers {
            let who = introducer.path.introducer();
            if introducer.path.nodes[1..]
                .iter()
                .any(|node| members.contains(node))
            {
                // Through a teammate: that teammate asks, on their own path.
                continue;
            }
            let replace = best
                .get(&who)
                .is_none_or(|kept| super::introducer_order(ids, &introducer, kept).is_lt());
            if replace {
                best.insert(who, introducer);
            }
        }
    }
    let mut ranked: Vec<RankedIntroducer> = best.into_values().collect();
    ranked.sort_by(|x, y| super::introducer_order(ids, x, y));
    ranked.truncate(top);
    for (index, introducer) in ranked.iter_mut().enumerate() {
        introducer.rank = index + 1;
    }
    let status = if direct_genuine || ranked.iter().any(|introducer| introducer.genuine) {
        IntroStatus::Found
    } else {
        IntroStatus::NoGenuinePath
    };
    (ranked, status)
}

/// Ranks introducers across `members` for `query` (its `from` is ignored).
///
/// Each introducer appears once, with the best of the paths any member has
/// through them (by path strength, then weakest link, then fewer hops).
///
/// # Errors
///
/// As [`rank_introducers`].
pub fn rank_team_introducers(
    graph: &RelationshipGraph,
    members: &[PersonId],
    query: &IntroQuery,
    model: &Model,
) -> crate::error::Result<TeamRanking> {
    let mut per_member = Vec::with_capacity(members.len());
    let mut direct = Vec::new();
    for &member in members {
        let ranking = rank_introducers(
            graph,
            IntroQuery {
                from: member,
                top: usize::MAX,
                ..query.clone()
            },
            model,
        )?;
        let direct_strength = ranking.direct.as_ref().map(|tie| tie.strength.strength);
        if let Some(tie) = ranking.direct {
            direct.push((member, tie));
        }
        per_member.push((ranking.introducers, direct_strength));
    }
    direct.sort_by(|(_, x), (_, y)| y.strength.strength.total_cmp(&x.strength.strength));
    let (ranked, status) = merge_team(per_member, members, query.top, model, graph);
    let first = members.first().copied().unwrap_or(query.from);
    Ok(TeamRanking {
        members: members.to_vec(),
        ranking: IntroRanking {
            query: IntroQuery {
                from: first,
                ..query.clone()
            },
            status,
            direct: None,
            introducers: ranked,
        },
        direct,
    })
}
