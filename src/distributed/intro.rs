//! `batch intro`: the best introducers into every target of a list, over
//! sharded data, as rounds of one timely dataflow.
//!
//! The search is the single-machine one ([`crate::intro::best_paths_by_introducer`])
//! turned inside out. Per query `q` (an asker `s` and the target's people
//! `T`), `B_k(v)` is the best product of a path from `v` to `T` of at most
//! `k` edges avoiding `s`. Round 0 seeds `B_0(t) = 1` at the owners of the
//! targets; each hop round joins the people improved in the previous round
//! (the frontier) with their edges — the owner of `u` sends
//! `w(u, v) · B(u)` with `u`'s path to the owner of every neighbour `v ≠ s`
//! — and each owner keeps, per `(q, v)`, the maximum (ties to the smaller
//! sender), replacing `B(v)` only when it strictly improves. After
//! `max_hops − 2` rounds, one more join reaches the introducers (the
//! neighbours of `s`), which send their best path to the asker's owner.
//! This is the single-machine recurrence, round for round and tie for tie,
//! so the answers are the same paths with the same scores (a property test
//! holds the two equal on random graphs with 1, 2 and 4 workers).
//!
//! The asker's owner adds what only the asker's ties know (the weakest link
//! is carried with the path; "through someone you know" needs the asker's
//! own ties) and keeps only the paths that can still rank (see
//! [`keep_rankable`]); worker 0 resolves the targets, looks up the names on
//! the kept paths from their owners, ranks as `intro` ranks and returns the
//! answers. Errors while loading shards are exchanged in the first round so
//! that every worker stops with the same error: no worker ever reports a
//! partial result as complete.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::resolve::{
    Matches, Resolved, combine, combine_person, local_closest, local_matches, unmatched,
};
use super::rounds::Rounds;
use super::{JobStats, NameMessage, NameTable, Setup};
use crate::error::{Error, Result};
use crate::graph::{ShardManifest, read_manifest};
use crate::identity::PersonId;
use crate::intro::{
    Candidate, IntroPath, IntroStatus, MAX_TARGET_LINE, PersonNames, RankedIntroducer, TEAM,
    TargetLine, asking_self, line_too_long, merge_team, no_owner, rank_candidates, several_owners,
    team_without_owners, through_known_from, weakest_of,
};
use crate::tie_strength::Model;

/// What to answer: the same questions as `intro --targets`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchIntroRequest {
    /// The target lines.
    pub targets: Vec<TargetLine>,
    /// `--from`: a person, [`TEAM`], or the data's single owner when `None`.
    pub from: Option<String>,
    /// At most this many edges per path.
    pub max_hops: usize,
    /// At most this many introducers per target.
    pub top: usize,
}

/// One target's answer.
#[derive(Debug)]
pub struct DistributedAnswer {
    /// Which line.
    pub target: TargetLine,
    /// The status and the ranked introducers, or why the line could not be
    /// answered (the same errors `intro --targets` gives).
    pub answer: Result<(IntroStatus, Vec<RankedIntroducer>)>,
}

/// Everything `batch intro` answers, at worker 0.
#[derive(Debug)]
pub struct BatchIntroAnswers {
    /// Per target line, in the file's order.
    pub answers: Vec<DistributedAnswer>,
    /// Ids and names of everyone on the answers' paths.
    pub names: NameTable,
    /// What the job did.
    pub stats: JobStats,
}

/// The id of the query of `--from` among the matched queries.
const FROM_QUERY: u32 = u32::MAX;

/// One search: an asker and a target line's people.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Query {
    asker: u32,
    /// The target, when it is one person (its one-edge path is the asker's
    /// own tie, not an introduction).
    single: Option<u32>,
}

/// A person's best path to a query's targets so far.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Reach {
    value: f64,
    /// From the person to a target, inclusive.
    path: Vec<u32>,
    /// The strengths of `path`'s edges.
    hops: Vec<f32>,
}

/// One found path through an introducer, before ranking.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Found {
    nodes: Vec<u32>,
    hops: Vec<f32>,
    score: f64,
    weakest: f64,
    through_known: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Message {
    /// Failures to load, and the questions (the first round).
    Setup(Setup<BatchIntroRequest>),
    /// The queries no worker matched, from worker 0 to everyone.
    Unknown(Arc<Vec<u32>>),
    /// One worker's matches for target line `query` (or [`FROM_QUERY`]).
    Matches { query: u32, matches: Matches },
    /// The searches and the team, from worker 0 to everyone.
    Queries {
        queries: Arc<Vec<Query>>,
        team: Arc<Vec<u32>>,
    },
    /// An asker's neighbours (sorted), from the asker's owner to everyone.
    Introducers {
        asker: u32,
        neighbors: Arc<Vec<u32>>,
    },
    /// `B_0(node) = 1` for query `q`.
    Seed { q: u32, node: u32 },
    /// `to` can reach query `q`'s targets through `from`, whose reach is
    /// `reach`, over an edge of `strength`.
    Offer {
        q: u32,
        to: u32,
        from: u32,
        strength: f32,
        reach: Reach,
    },
    /// A path through an introducer, to the asker's owner.
    Path { q: u32, found: Found },
    /// What the asker's owner kept for query `q`, and the asker's own tie
    /// to a single target.
    Kept {
        q: u32,
        paths: Vec<Found>,
        direct: Option<f32>,
    },
    /// Who is on the answers.
    Names(NameMessage),
}

/// Runs `batch intro` on the shards in `dir` as `job` says;
/// `request` is read at worker 0 only (other processes may pass `None`).
///
/// Returns the answers in the process that hosts worker 0, `None` in the
/// others.
///
/// # Errors
///
/// [`Error::Distributed`] when timely cannot start (a bad `-w`/`-n`/`-p`/`-h`,
/// an unreachable host) or a worker fails; a shard that cannot be read is
/// reported as such by every worker.
pub fn batch_intro(
    dir: &Path,
    job: super::Job,
    request: Option<BatchIntroRequest>,
) -> Result<Option<BatchIntroAnswers>> {
    let manifest = Arc::new(read_manifest(dir)?);
    let dir: Arc<PathBuf> = Arc::new(dir.to_path_buf());
    let request = Arc::new(request);
    super::run_job(job, move |worker| {
        let mut rounds = Rounds::<Message>::new(worker);
        run_worker(
            worker,
            &mut rounds,
            &dir,
            &manifest,
            request.as_ref().as_ref(),
        )
    })
}

#[allow(clippy::too_many_lines)] // the protocol reads best as one sequence of rounds
fn run_worker(
    worker: &mut timely::worker::Worker,
    rounds: &mut Rounds<Message>,
    dir: &Path,
    manifest: &ShardManifest,
    request: Option<&BatchIntroRequest>,
) -> std::result::Result<Option<BatchIntroAnswers>, String> {
    let started = std::time::Instant::now();
    let me = rounds.index;
    let super::Started {
        local,
        keys,
        request,
    } = super::start(
        rounds,
        worker,
        dir,
        manifest,
        request,
        Message::Setup,
        |message| match message {
            Message::Setup(setup) => Some(setup),
            _ => None,
        },
    )?;
    let hops = request.max_hops;

    // Round 2: every worker matches every query against its people.
    let mut outgoing = Vec::new();
    for (index, target) in request.targets.iter().enumerate() {
        if target.query.len() <= MAX_TARGET_LINE {
            outgoing.push((
                0,
                Message::Matches {
                    query: index as u32,
                    matches: local_matches(&local, &keys, &target.query, false),
                },
            ));
        }
    }
    if let Some(from) = request.from.as_deref()
        && !from.trim().eq_ignore_ascii_case(TEAM)
    {
        outgoing.push((
            0,
            Message::Matches {
                query: FROM_QUERY,
                matches: local_matches(&local, &keys, from, true),
            },
        ));
    }
    let received = rounds.round(worker, outgoing);
    let mut matches: HashMap<u32, Vec<Matches>> = HashMap::new();
    for message in received {
        if let Message::Matches { query, matches: m } = message {
            matches.entry(query).or_default().push(m);
        }
    }

    // The queries nobody matched: every worker suggests its closest names.
    let mut outgoing = Vec::new();
    if me == 0 {
        let unknown: Vec<u32> = matches
            .iter()
            .filter(|(_, all)| unmatched(all))
            .map(|(query, _)| *query)
            .collect();
        let unknown = Arc::new(unknown);
        outgoing.extend(
            rounds
                .everyone()
                .map(|to| (to, Message::Unknown(Arc::clone(&unknown)))),
        );
    }
    let received = rounds.round(worker, outgoing);
    let mut outgoing = Vec::new();
    for message in received {
        if let Message::Unknown(unknown) = message {
            for &query in unknown.iter() {
                let (text, as_person) = if query == FROM_QUERY {
                    (request.from.as_deref().unwrap_or_default(), true)
                } else {
                    (request.targets[query as usize].query.as_str(), false)
                };
                outgoing.push((
                    0,
                    Message::Matches {
                        query,
                        matches: local_closest(&local, text, as_person),
                    },
                ));
            }
        }
    }
    let received = rounds.round(worker, outgoing);
    for message in received {
        if let Message::Matches { query, matches: m } = message {
            matches.entry(query).or_default().push(m);
        }
    }

    // Worker 0 resolves the lines and the asker into searches.
    let mut plan = if me == 0 {
        Some(Plan::new(&request, manifest, matches))
    } else {
        None
    };

    // Round 3: the searches to everyone, the seeds to the targets' owners.
    let mut outgoing = Vec::new();
    if let Some(plan) = &plan {
        let queries = Arc::new(plan.queries.clone());
        let team = Arc::new(plan.team.clone());
        outgoing.extend(rounds.everyone().map(|to| {
            (
                to,
                Message::Queries {
                    queries: Arc::clone(&queries),
                    team: Arc::clone(&team),
                },
            )
        }));
        for (q, targets) in plan.targets.iter().enumerate() {
            let asker = plan.queries[q].asker;
            for &node in targets.iter().filter(|node| **node != asker) {
                outgoing.push((local.owner(node), Message::Seed { q: q as u32, node }));
            }
        }
    }
    let received = rounds.round(worker, outgoing);
    let mut queries: Arc<Vec<Query>> = Arc::default();
    let mut team: Arc<Vec<u32>> = Arc::default();
    let mut reach: HashMap<(u32, u32), Reach> = HashMap::new();
    let mut frontier: Vec<(u32, u32)> = Vec::new();
    for message in received {
        match message {
            Message::Queries {
                queries: all,
                team: members,
            } => {
                queries = all;
                team = members;
            }
            Message::Seed { q, node } if !reach.contains_key(&(q, node)) => {
                reach.insert(
                    (q, node),
                    Reach {
                        value: 1.0,
                        path: vec![node],
                        hops: Vec::new(),
                    },
                );
                frontier.push((q, node));
            }
            _ => {}
        }
    }

    // The askers' ties, to everyone: the last join reaches only them.
    let mut outgoing = Vec::new();
    let mut askers: Vec<u32> = queries
        .iter()
        .map(|query| query.asker)
        .filter(|asker| local.owner(*asker) == me)
        .collect();
    askers.sort_unstable();
    askers.dedup();
    for asker in askers {
        let neighbors = Arc::new(local.neighbors(asker).0.to_vec());
        outgoing.extend(rounds.everyone().map(|to| {
            (
                to,
                Message::Introducers {
                    asker,
                    neighbors: Arc::clone(&neighbors),
                },
            )
        }));
    }
    let introducers: HashMap<u32, Arc<Vec<u32>>> = rounds
        .round(worker, outgoing)
        .into_iter()
        .filter_map(|message| match message {
            Message::Introducers { asker, neighbors } => Some((asker, neighbors)),
            _ => None,
        })
        .collect();

    // Hop rounds: the frontier joined with its edges, the best offer kept;
    // the last join offers only to the asker's neighbours (the introducers),
    // the only people whose offers it uses.
    let last_layer = hops.saturating_sub(1);
    let offers_of = |frontier: &[(u32, u32)], reach: &HashMap<(u32, u32), Reach>, last: bool| {
        let mut outgoing = Vec::new();
        for &(q, node) in frontier {
            let asker = queries[q as usize].asker;
            let wanted = introducers.get(&asker).map_or(&[][..], |list| &list[..]);
            let from = &reach[&(q, node)];
            let (neighbors, strengths) = local.neighbors(node);
            for (&to, &strength) in neighbors.iter().zip(strengths) {
                if to != asker && (!last || wanted.binary_search(&to).is_ok()) {
                    outgoing.push((
                        local.owner(to),
                        Message::Offer {
                            q,
                            to,
                            from: node,
                            strength,
                            reach: from.clone(),
                        },
                    ));
                }
            }
        }
        outgoing
    };
    for _layer in 1..last_layer {
        let received = rounds.round(worker, offers_of(&frontier, &reach, false));
        frontier = apply_offers(&mut reach, best_offers(received));
    }
    let finals = if last_layer > 0 {
        let received = rounds.round(worker, offers_of(&frontier, &reach, true));
        best_offers(received)
    } else {
        HashMap::new()
    };

    // The introducers: each neighbour of an asker with a reach (kept or
    // offered in the last round) sends its best path to the asker's owner.
    let mut outgoing = Vec::new();
    if hops > 0 {
        let mut candidates: Vec<(u32, u32)> = reach.keys().copied().collect();
        candidates.extend(finals.keys().copied());
        candidates.sort_unstable();
        candidates.dedup();
        for (q, introducer) in candidates {
            let asker = queries[q as usize].asker;
            let Some(first) = local.strength(introducer, asker) else {
                continue;
            };
            let kept = reach.get(&(q, introducer));
            let current = kept.map_or(0.0, |kept| kept.value);
            let (value, path, path_hops) = match finals.get(&(q, introducer)) {
                Some(offer) if offer.value > current => {
                    let mut path = vec![introducer];
                    path.extend(&offer.reach.path);
                    let mut path_hops = vec![offer.strength];
                    path_hops.extend(&offer.reach.hops);
                    (offer.value, path, path_hops)
                }
                _ => match kept {
                    Some(kept) => (kept.value, kept.path.clone(), kept.hops.clone()),
                    None => continue,
                },
            };
            let score = f64::from(first) * value;
            if score > 0.0 {
                let mut nodes = vec![asker];
                nodes.extend(path);
                let mut all_hops = vec![first];
                all_hops.extend(path_hops);
                outgoing.push((
                    local.owner(asker),
                    Message::Path {
                        q,
                        found: Found {
                            nodes,
                            hops: all_hops,
                            score,
                            weakest: 0.0,
                            through_known: None,
                        },
                    },
                ));
            }
        }
    }
    let received = rounds.round(worker, outgoing);

    // At the askers' owners: what the asker's own ties say, and only what
    // can still rank.
    let mut per_query: HashMap<u32, Vec<Found>> = HashMap::new();
    for message in received {
        if let Message::Path { q, mut found } = message {
            let asker = found.nodes[0];
            let nodes: Vec<PersonId> = found.nodes.iter().map(|node| PersonId(*node)).collect();
            let hops: Vec<f64> = found.hops.iter().map(|hop| f64::from(*hop)).collect();
            found.weakest = weakest_of(&hops);
            found.through_known =
                through_known_from(&nodes, &hops, |reached| local.strength(asker, reached.0))
                    .map(|person| person.0);
            per_query.entry(q).or_default().push(found);
        }
    }
    let mut outgoing = Vec::new();
    for (q, query) in queries.iter().enumerate() {
        let q = q as u32;
        if local.owner(query.asker) != me {
            continue;
        }
        let paths = keep_rankable(
            per_query.remove(&q).unwrap_or_default(),
            query.single.is_some(),
            &team,
            request.top,
        );
        let direct = query
            .single
            .and_then(|target| local.strength(query.asker, target));
        outgoing.push((0, Message::Kept { q, paths, direct }));
    }
    let received = rounds.round(worker, outgoing);

    // Worker 0 asks the owners who is on the kept paths.
    let mut kept: HashMap<u32, (Vec<Found>, Option<f32>)> = HashMap::new();
    let mut wanted: Vec<u32> = Vec::new();
    if me == 0 {
        for message in received {
            if let Message::Kept { q, paths, direct } = message {
                wanted.extend(paths.iter().flat_map(|found| found.nodes.iter().copied()));
                kept.insert(q, (paths, direct));
            }
        }
    }
    let names =
        super::look_up_names(
            rounds,
            worker,
            &local,
            wanted,
            Message::Names,
            |message| match message {
                Message::Names(asked) => Some(asked),
                _ => None,
            },
        );
    let Some(plan) = plan.take() else {
        return Ok(None);
    };
    let answers = plan.rank(&request, &manifest.model, kept, &names);
    Ok(Some(BatchIntroAnswers {
        answers,
        names,
        stats: JobStats::of(rounds, manifest, started),
    }))
}

/// An offer kept for `(q, to)`: its value and where it came from.
struct BestOffer {
    value: f64,
    from: u32,
    strength: f32,
    reach: Reach,
}

/// The best offer per `(q, to)`: higher value, then the smaller sender (as
/// the single-machine search breaks ties).
fn best_offers(received: Vec<Message>) -> HashMap<(u32, u32), BestOffer> {
    let mut best: HashMap<(u32, u32), BestOffer> = HashMap::new();
    for message in received {
        if let Message::Offer {
            q,
            to,
            from,
            strength,
            reach,
        } = message
        {
            let value = f64::from(strength) * reach.value;
            let beats = best
                .get(&(q, to))
                .is_none_or(|kept| match value.total_cmp(&kept.value) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Equal => from < kept.from,
                    std::cmp::Ordering::Less => false,
                });
            if beats && value > 0.0 {
                best.insert(
                    (q, to),
                    BestOffer {
                        value,
                        from,
                        strength,
                        reach,
                    },
                );
            }
        }
    }
    best
}

/// Applies the offers that strictly improve a reach; returns the improved
/// `(q, person)`s, the next frontier.
fn apply_offers(
    reach: &mut HashMap<(u32, u32), Reach>,
    offers: HashMap<(u32, u32), BestOffer>,
) -> Vec<(u32, u32)> {
    let mut improved = Vec::new();
    for ((q, to), offer) in offers {
        let current = reach.get(&(q, to)).map_or(0.0, |kept| kept.value);
        if offer.value > current {
            let mut path = vec![to];
            path.extend(&offer.reach.path);
            let mut hops = vec![offer.strength];
            hops.extend(&offer.reach.hops);
            reach.insert(
                (q, to),
                Reach {
                    value: offer.value,
                    path,
                    hops,
                },
            );
            improved.push((q, to));
        }
    }
    improved.sort_unstable();
    improved
}

/// The paths of one query that can still be among its `top` once ranked
/// (by score, weakest link and hops; ties at the cut all kept, since only
/// ids break them): never a single target's one-edge path (the asker's own
/// tie) nor, for a team, a path through another member — so that merging
/// the members' kept paths gives the team's ranking exactly.
fn keep_rankable(
    mut paths: Vec<Found>,
    single_target: bool,
    team: &[u32],
    top: usize,
) -> Vec<Found> {
    paths.retain(|found| {
        let own_tie = single_target && found.nodes.len() == 2;
        let through_member = found.nodes[1..].iter().any(|node| team.contains(node));
        !own_tie && !through_member
    });
    let key = |found: &Found| {
        (
            found.score,
            found.weakest,
            std::cmp::Reverse(found.nodes.len()),
        )
    };
    let order = |x: &Found, y: &Found| {
        let (xs, xw, xh) = key(x);
        let (ys, yw, yh) = key(y);
        ys.total_cmp(&xs).then(yw.total_cmp(&xw)).then(yh.cmp(&xh))
    };
    paths.sort_by(order);
    if top == 0 {
        return Vec::new();
    }
    if paths.len() > top {
        let cut = paths[top - 1].clone();
        let end = paths
            .iter()
            .position(|found| order(found, &cut).is_gt())
            .unwrap_or(paths.len());
        paths.truncate(end);
    }
    paths
}

/// Worker 0's plan: each line's target (or error) and the searches.
struct Plan {
    lines: Vec<Result<Vec<usize>>>,
    queries: Vec<Query>,
    targets: Vec<Vec<u32>>,
    team: Vec<u32>,
}

impl Plan {
    fn new(
        request: &BatchIntroRequest,
        manifest: &ShardManifest,
        mut matches: HashMap<u32, Vec<Matches>>,
    ) -> Self {
        let owners: Vec<u32> = manifest.owners.iter().map(|owner| owner.id).collect();
        // Who asks: one person, or every member of the team.
        let asker: Result<Vec<u32>> = match request.from.as_deref() {
            Some(from) if from.trim().eq_ignore_ascii_case(TEAM) => {
                if owners.is_empty() {
                    Err(team_without_owners())
                } else {
                    Ok(owners.clone())
                }
            }
            Some(from) => combine_person(from, matches.remove(&FROM_QUERY).unwrap_or_default())
                .map(|(id, _)| vec![id.0]),
            None => match owners.as_slice() {
                [owner] => Ok(vec![*owner]),
                [] => Err(no_owner()),
                _ => {
                    let names: Vec<&str> = manifest
                        .owners
                        .iter()
                        .map(|owner| owner.name.as_str())
                        .collect();
                    Err(several_owners(&names))
                }
            },
        };
        let is_team = request
            .from
            .as_deref()
            .is_some_and(|from| from.trim().eq_ignore_ascii_case(TEAM));
        let team = if is_team {
            asker.as_ref().cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut plan = Self {
            lines: Vec::new(),
            queries: Vec::new(),
            targets: Vec::new(),
            team,
        };
        for (index, target) in request.targets.iter().enumerate() {
            let line = if target.query.len() > MAX_TARGET_LINE {
                Err(line_too_long(target.line))
            } else {
                let resolved = combine(
                    &target.query,
                    matches.remove(&(index as u32)).unwrap_or_default(),
                );
                plan.searches(resolved, &asker)
            };
            plan.lines.push(line);
        }
        plan
    }

    /// The searches of one line: one per member asking.
    fn searches(
        &mut self,
        resolved: Result<Resolved>,
        asker: &Result<Vec<u32>>,
    ) -> Result<Vec<usize>> {
        let resolved = resolved?;
        let members = match asker {
            Ok(members) => members,
            Err(error) => return Err(clone_error(error)),
        };
        let (targets, single) = match resolved {
            Resolved::Person(target, name) => {
                if members.contains(&target.0) {
                    return Err(asking_self(&name));
                }
                (vec![target.0], Some(target.0))
            }
            Resolved::Company(members) => (members.iter().map(|id| id.0).collect(), None),
        };
        let mut ids = Vec::with_capacity(members.len());
        for &member in members {
            ids.push(self.queries.len());
            self.queries.push(Query {
                asker: member,
                single,
            });
            self.targets.push(targets.clone());
        }
        Ok(ids)
    }

    /// Ranks every line's kept paths as `intro` ranks them.
    fn rank(
        self,
        request: &BatchIntroRequest,
        model: &Model,
        mut kept: HashMap<u32, (Vec<Found>, Option<f32>)>,
        names: &NameTable,
    ) -> Vec<DistributedAnswer> {
        let team = !self.team.is_empty();
        let members: Vec<PersonId> = self.team.iter().map(|id| PersonId(*id)).collect();
        request
            .targets
            .iter()
            .zip(self.lines)
            .map(|(target, line)| {
                let answer = line.map(|searches| {
                    let top = if team { usize::MAX } else { request.top };
                    let mut per_member = Vec::with_capacity(searches.len());
                    let mut single_status = IntroStatus::NoGenuinePath;
                    for &q in &searches {
                        let (paths, direct) = kept.remove(&(q as u32)).unwrap_or_default();
                        let direct = direct.map(f64::from);
                        let candidates = paths.into_iter().map(candidate).collect();
                        let single = self.queries[q].single.is_some();
                        let (ranked, status) =
                            rank_candidates(candidates, single, direct, top, model, names);
                        single_status = status;
                        per_member.push((ranked, direct));
                    }
                    if team {
                        let (ranked, status) =
                            merge_team(per_member, &members, request.top, model, names);
                        (status, ranked)
                    } else {
                        let ranked = per_member
                            .pop()
                            .map(|(ranked, _)| ranked)
                            .unwrap_or_default();
                        (single_status, ranked)
                    }
                });
                DistributedAnswer {
                    target: target.clone(),
                    answer,
                }
            })
            .collect()
    }
}

/// The asker's error, repeated on every line it stops (as `intro
/// --targets` repeats it).
fn clone_error(error: &Error) -> Error {
    Error::Usage(error.to_string())
}

#[allow(clippy::needless_pass_by_value)] // consumed by `map` over owned paths
fn candidate(found: Found) -> Candidate {
    Candidate {
        path: IntroPath {
            nodes: found.nodes.iter().map(|node| PersonId(*node)).collect(),
            score: found.score,
        },
        weakest_link: found.weakest,
        through_known: found.through_known.map(PersonId),
    }
}

impl PersonNames for NameTable {
    fn stable_id(&self, person: PersonId) -> &str {
        self.get(person).map_or("", |(stable_id, _)| stable_id)
    }
    fn display_name(&self, person: PersonId) -> &str {
        self.get(person).map_or("", |(_, display)| display)
    }
}
