//! Reach by company: which companies a person's network genuinely reaches,
//! the best introducer into each (the intro module's ranking with a company
//! target), the companies reached only through weak ties, the brokers who are
//! the only strong bridge into a company, and, for a team, the member with the
//! strongest access into each company. Companies are searched in parallel.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::intro::{IntroQuery, RankedIntroducer, Target, rank_introducers};
use crate::progress::Progress;
use crate::tie_strength::Model;

use super::{Pseudonyms, ReportOptions, ReportPerson};

/// The fewest people that make a cluster worth naming a broker for.
const MIN_CLUSTER_PEOPLE: usize = 2;

/// The companies a network reaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    /// Companies considered (every company but the person's own).
    pub companies: usize,
    /// Companies with a genuine path in.
    pub genuine_total: usize,
    /// Companies reached only through weak ties.
    pub weak_only_total: usize,
    /// Companies with no path within the hop bound.
    pub unreached: usize,
    /// The best genuinely reached companies, strongest access first.
    pub genuine: Vec<CompanyReach>,
    /// Companies reached only through weak ties, strongest access first.
    pub weak_only: Vec<CompanyReach>,
}

/// The best way into one company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanyReach {
    /// The company as the data writes it.
    pub company: String,
    /// People known at the company.
    pub people: usize,
    /// The first hop of the best path (the person you would ask).
    pub introducer: ReportPerson,
    /// The best path, from the introducer to someone at the company.
    pub path: Vec<ReportPerson>,
    /// Path strength (product of the edges).
    pub score: f64,
    /// Weakest edge on the path.
    pub weakest_link: f64,
    /// True when the path passes the model's genuine thresholds.
    pub genuine: bool,
    /// Distinct introducers with a genuine path in.
    pub genuine_introducers: usize,
}

/// Someone who is the only strong bridge into one or more companies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// The broker.
    pub person: ReportPerson,
    /// Strength of your tie to them.
    pub tie_strength: f64,
    /// The companies only they bridge to genuinely, by name.
    pub companies: Vec<String>,
    /// People two hops away reached genuinely through them and nobody else.
    pub people_only_through_them: usize,
}

/// For a team: the member with the strongest access into one company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanyAccess {
    /// The company as the data writes it.
    pub company: String,
    /// People known at the company.
    pub people: usize,
    /// The member with the strongest access.
    pub member: ReportPerson,
    /// The member's best path, from their introducer to someone at the company.
    pub path: Vec<ReportPerson>,
    /// Path strength.
    pub score: f64,
    /// True when the path passes the genuine thresholds.
    pub genuine: bool,
    /// Members with a genuine path in.
    pub members_with_genuine_access: usize,
}

/// Reach; per company with exactly one genuine introducer, that introducer;
/// and per company with exactly one introducer of any kind, that one (the
/// only route in, however weak).
pub(super) struct ReachOutcome {
    pub reach: Reach,
    pub sole_bridges: Vec<(PersonId, String)>,
    pub only_routes: Vec<(PersonId, String)>,
}

/// A company's best way in, its only genuine introducer and its only
/// introducer of any kind (each when there is exactly one).
type WayIn = (CompanyReach, Option<PersonId>, Option<PersonId>);

/// A company and its people.
struct Company {
    name: String,
    members: Vec<PersonId>,
}

/// Groups people by company (case and spacing ignored), in order of first appearance.
fn companies(graph: &RelationshipGraph) -> Vec<Company> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut companies: Vec<Company> = Vec::new();
    for (person, record) in graph.people().persons().iter().enumerate() {
        let Some(name) = record.company.as_deref().map(str::trim) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let key = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let slot = *index.entry(key).or_insert_with(|| {
            companies.push(Company {
                name: name.to_owned(),
                members: Vec::new(),
            });
            companies.len() - 1
        });
        companies[slot].members.push(PersonId(person as u32));
    }
    companies
}

fn rank_into(
    graph: &RelationshipGraph,
    model: &Model,
    from: PersonId,
    company: &Company,
    max_hops: usize,
    top: usize,
) -> Vec<RankedIntroducer> {
    rank_introducers(
        graph,
        IntroQuery {
            from,
            target: Target::Company {
                name: company.name.clone(),
                members: company.members.clone(),
            },
            max_hops,
            top,
        },
        model,
    )
    // A company target decodes no tie (there is no direct tie to show), so
    // this cannot fail.
    .map(|ranking| ranking.introducers)
    .unwrap_or_default()
}

/// The best genuine introducer (else the best of all) and every introducer
/// with a genuine path.
fn best_way_in(ranked: &[RankedIntroducer]) -> Option<(&RankedIntroducer, Vec<PersonId>)> {
    let best = ranked
        .iter()
        .find(|introducer| introducer.genuine)
        .or(ranked.first())?;
    let genuine = ranked
        .iter()
        .filter(|introducer| introducer.genuine)
        .map(|introducer| introducer.path.introducer())
        .collect();
    Some((best, genuine))
}

fn path_people(
    graph: &RelationshipGraph,
    names: &Pseudonyms,
    best: &RankedIntroducer,
) -> Vec<ReportPerson> {
    best.path.nodes[1..]
        .iter()
        .map(|node| names.person(graph, *node))
        .collect()
}

/// Searches every company but `person`'s own, in parallel.
pub(super) fn reach_by_company(
    graph: &RelationshipGraph,
    model: &Model,
    person: PersonId,
    options: &ReportOptions,
    names: &Pseudonyms,
    progress: &dyn Progress,
) -> ReachOutcome {
    let companies: Vec<Company> = companies(graph)
        .into_iter()
        .filter(|company| !company.members.contains(&person))
        .collect();
    progress.stage("reach by company", Some(companies.len() as u64));
    let found: Vec<Option<WayIn>> = companies
        .par_iter()
        .map(|company| {
            let ranked = rank_into(graph, model, person, company, options.max_hops, usize::MAX);
            progress.advance(1);
            let (best, genuine) = best_way_in(&ranked)?;
            let sole = if let [only] = genuine.as_slice() {
                Some(*only)
            } else {
                None
            };
            let only_route = if let [only] = ranked.as_slice() {
                Some(only.path.introducer())
            } else {
                None
            };
            Some((
                CompanyReach {
                    company: company.name.clone(),
                    people: company.members.len(),
                    introducer: names.person(graph, best.path.introducer()),
                    path: path_people(graph, names, best),
                    score: best.path.score,
                    weakest_link: best.weakest_link,
                    genuine: best.genuine,
                    genuine_introducers: genuine.len(),
                },
                sole,
                only_route,
            ))
        })
        .collect();
    progress.finish_stage();
    let unreached = found.iter().filter(|found| found.is_none()).count();
    let (mut sole_bridges, mut only_routes) = (Vec::new(), Vec::new());
    let (mut genuine, mut weak_only) = (Vec::new(), Vec::new());
    for (reach, sole, only_route) in found.into_iter().flatten() {
        if let Some(sole) = sole {
            sole_bridges.push((sole, reach.company.clone()));
        }
        if let Some(only) = only_route {
            only_routes.push((only, reach.company.clone()));
        }
        if reach.genuine {
            genuine.push(reach);
        } else {
            weak_only.push(reach);
        }
    }
    let order = |x: &CompanyReach, y: &CompanyReach| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.company.cmp(&y.company))
    };
    genuine.sort_by(order);
    weak_only.sort_by(order);
    ReachOutcome {
        reach: Reach {
            companies: companies.len(),
            genuine_total: genuine.len(),
            weak_only_total: weak_only.len(),
            unreached,
            genuine,
            weak_only,
        },
        sole_bridges,
        only_routes,
    }
}

/// Brokers: people who are the only strong bridge into a company (from
/// `sole_bridges`) or into a cluster — at least [`MIN_CLUSTER_PEOPLE`] people
/// two hops away whom the person reaches genuinely through nobody else
/// (Burt's structural holes, counted on genuine two-hop paths).
///
/// Most companies first, then the largest cluster, then the strongest tie.
/// Cost: the degrees of the person's genuine neighbours.
pub(super) fn brokers(
    graph: &RelationshipGraph,
    model: &Model,
    person: PersonId,
    sole_bridges: &[(PersonId, String)],
    names: &Pseudonyms,
) -> Vec<Broker> {
    let genuine = |strength: f64| strength >= model.genuine.min_link_strength;
    let (neighbours, strengths) = graph.neighbors(person);
    let direct: HashSet<u32> = neighbours
        .iter()
        .zip(strengths)
        .filter(|(_, strength)| genuine(f64::from(**strength)))
        .map(|(neighbour, _)| *neighbour)
        .collect();
    // For each person two hops away, the one bridge seen so far (None once a second appears).
    let mut bridge_of: HashMap<u32, Option<u32>> = HashMap::new();
    for (&bridge, &first) in neighbours.iter().zip(strengths) {
        if !genuine(f64::from(first)) {
            continue;
        }
        let (beyond, second) = graph.neighbors(PersonId(bridge));
        for (&far, &second) in beyond.iter().zip(second) {
            let path = f64::from(first) * f64::from(second);
            if far == person.0
                || direct.contains(&far)
                || !genuine(f64::from(second))
                || path < model.genuine.min_path_strength
            {
                continue;
            }
            bridge_of
                .entry(far)
                .and_modify(|seen| {
                    if *seen != Some(bridge) {
                        *seen = None;
                    }
                })
                .or_insert(Some(bridge));
        }
    }
    let mut by_broker: HashMap<PersonId, (Vec<String>, usize)> = HashMap::new();
    for bridge in bridge_of.into_values().flatten() {
        by_broker.entry(PersonId(bridge)).or_default().1 += 1;
    }
    for (broker, company) in sole_bridges {
        by_broker
            .entry(*broker)
            .or_default()
            .0
            .push(company.clone());
    }
    let mut brokers: Vec<(PersonId, f64, Vec<String>, usize)> = by_broker
        .into_iter()
        .filter(|(_, (companies, people))| !companies.is_empty() || *people >= MIN_CLUSTER_PEOPLE)
        .map(|(broker, (mut companies, people))| {
            companies.sort();
            let strength = graph.strength(person, broker).map_or(0.0, f64::from);
            (broker, strength, companies, people)
        })
        .collect();
    brokers.sort_by(|x, y| {
        y.2.len()
            .cmp(&x.2.len())
            .then(y.3.cmp(&x.3))
            .then(y.1.total_cmp(&x.1))
            .then_with(|| {
                graph
                    .person(x.0)
                    .stable_id()
                    .cmp(graph.person(y.0).stable_id())
            })
    });
    brokers
        .into_iter()
        .map(|(broker, tie_strength, companies, people)| Broker {
            person: names.person(graph, broker),
            tie_strength,
            companies,
            people_only_through_them: people,
        })
        .collect()
}

/// For every company no member works at: the member with the strongest path
/// in (ties broken by the order of the owners). Strongest access first.
pub(super) fn team_access(
    graph: &RelationshipGraph,
    model: &Model,
    options: &ReportOptions,
    names: &Pseudonyms,
    progress: &dyn Progress,
) -> Vec<CompanyAccess> {
    let members = graph.owners();
    let companies: Vec<Company> = companies(graph)
        .into_iter()
        .filter(|company| {
            !members
                .iter()
                .any(|member| company.members.contains(member))
        })
        .collect();
    progress.stage(
        "team access by company",
        Some((companies.len() * members.len()) as u64),
    );
    let mut access: Vec<CompanyAccess> = companies
        .par_iter()
        .filter_map(|company| {
            let mut best: Option<(PersonId, RankedIntroducer)> = None;
            let mut genuine_members = 0;
            for member in members {
                let ranked =
                    rank_into(graph, model, *member, company, options.max_hops, usize::MAX);
                progress.advance(1);
                let Some((way_in, _)) = best_way_in(&ranked) else {
                    continue;
                };
                genuine_members += usize::from(way_in.genuine);
                let better = best.as_ref().is_none_or(|(_, kept)| {
                    (way_in.genuine, way_in.path.score) > (kept.genuine, kept.path.score)
                });
                if better {
                    best = Some((*member, way_in.clone()));
                }
            }
            let (member, path) = best?;
            Some(CompanyAccess {
                company: company.name.clone(),
                people: company.members.len(),
                member: names.person(graph, member),
                path: path_people(graph, names, &path),
                score: path.path.score,
                genuine: path.genuine,
                members_with_genuine_access: genuine_members,
            })
        })
        .collect();
    progress.finish_stage();
    access.sort_by(|x, y| {
        y.genuine
            .cmp(&x.genuine)
            .then(y.score.total_cmp(&x.score))
            .then_with(|| x.company.cmp(&y.company))
    });
    access
}
