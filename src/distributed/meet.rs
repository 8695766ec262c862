//! `batch meet`: for every member, the strongest people two hops away whom
//! they have no tie to, with the best introducer for each — the answer of
//! [`crate::intro::people_to_meet`], over shards.
//!
//! A join of the members' ties with their introducers' ties, in rounds:
//! each member's owner sends a probe `(member, strength, degree)` to the
//! owner of each of the member's neighbours; the introducer's owner answers
//! with the introducer's strongest `top + degree + 1` neighbours (enough:
//! at most `degree + 1` of them are the member or already known), and the
//! member's owner drops the people the member knows, keeps each person's
//! best introducer and the `top` best people.
//!
//! **Hubs.** A super-connector tied to many members would receive every
//! probe and answer each with up to `top + degree + 1` people, all on one
//! worker. An introducer with more than `hub_degree` ties is therefore not
//! answered per probe: its owner sends its whole sorted list of ties once to
//! each worker that owns a probing member, and those workers run the join for
//! their own members — the work on a hub is spread over the members' owners,
//! and its cost on its own worker is one list per worker, not one per member
//! (a skew join, the heavy key broadcast).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::resolve::{Matches, combine_person, local_closest, local_matches, unmatched};
use super::rounds::Rounds;
use super::{JobStats, NameMessage, NameTable, Setup};
use crate::error::{Error, Result};
use crate::graph::{ShardManifest, read_manifest};
use crate::identity::PersonId;
use crate::intro::{Meeting, TEAM, keep_best, meeting_order, no_owner, team_without_owners};

/// Introducers with more ties than this are hubs (see the module
/// documentation).
pub const HUB_DEGREE: usize = 4096;

/// Whom to find meetings for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetRequest {
    /// `--from`: one person, or [`TEAM`] (or `None`) for every owner.
    pub from: Option<String>,
    /// At most this many people per member.
    pub top: usize,
    /// Introducers with more ties are joined as hubs.
    pub hub_degree: usize,
}

/// Everything `batch meet` answers, at worker 0.
#[derive(Debug)]
pub struct BatchMeetAnswers {
    /// Per member (in the order of the data's owners, or the one named),
    /// the people to meet, best first.
    pub members: Vec<(PersonId, Vec<Meeting>)>,
    /// Ids and names of the members, the people and the introducers.
    pub names: NameTable,
    /// What the job did.
    pub stats: JobStats,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Message {
    /// Failures to load, and the question (the first round).
    Setup(Setup<MeetRequest>),
    Matches(Matches),
    /// Nobody matched `--from`: suggest the closest names.
    Unknown,
    Members(Arc<Vec<u32>>),
    /// `member` (with `degree` ties) knows `introducer` with `strength`.
    Probe {
        member: u32,
        introducer: u32,
        strength: f32,
        degree: usize,
    },
    /// People `introducer` can introduce `member` to.
    Offers {
        member: u32,
        introducer: u32,
        first: f32,
        people: Vec<(u32, f32)>,
    },
    /// A hub's ties, strongest first, for the members' owners to join.
    Hub {
        introducer: u32,
        people: Arc<Vec<(u32, f32)>>,
    },
    Meetings {
        member: u32,
        meetings: Vec<(u32, u32, f32, f32)>,
    },
    /// Who is on the answers.
    Names(NameMessage),
}

/// Runs `batch meet` on the shards in `dir` (see [`super::batch_intro`] for
/// `job`, `request` and what is returned where).
///
/// # Errors
///
/// As [`super::batch_intro`]; an unknown `--from`, or data without owners
/// when no member is named.
pub fn batch_meet(
    dir: &Path,
    job: super::Job,
    request: Option<MeetRequest>,
) -> Result<Option<BatchMeetAnswers>> {
    let manifest = Arc::new(read_manifest(dir)?);
    let dir: Arc<PathBuf> = Arc::new(dir.to_path_buf());
    let request = Arc::new(request);
    let answer = super::run_job(job, move |worker| {
        let mut rounds = Rounds::<Message>::new(worker);
        run_worker(
            worker,
            &mut rounds,
            &dir,
            &manifest,
            request.as_ref().as_ref(),
        )
    });
    match answer? {
        Some(Err(text)) => Err(Error::Usage(text)),
        Some(Ok(answers)) => Ok(Some(answers)),
        None => Ok(None),
    }
}

/// People and the strengths of the ties to them.
type People = Vec<(u32, f32)>;

/// People sorted strongest first, then by id.
fn by_strength(neighbors: &[u32], strengths: &[f32]) -> People {
    let mut people: Vec<(u32, f32)> = neighbors
        .iter()
        .copied()
        .zip(strengths.iter().copied())
        .collect();
    people.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    people
}

type WorkerResult =
    std::result::Result<Option<std::result::Result<BatchMeetAnswers, String>>, String>;

#[allow(clippy::too_many_lines)] // the protocol reads best as one sequence of rounds
fn run_worker(
    worker: &mut timely::worker::Worker,
    rounds: &mut Rounds<Message>,
    dir: &Path,
    manifest: &ShardManifest,
    request: Option<&MeetRequest>,
) -> WorkerResult {
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
    let named = request
        .from
        .as_deref()
        .filter(|from| !from.trim().eq_ignore_ascii_case(TEAM));

    // Who the members are.
    let outgoing: Vec<(usize, Message)> = named
        .map(|from| {
            (
                0,
                Message::Matches(local_matches(&local, &keys, from, true)),
            )
        })
        .into_iter()
        .collect();
    let received = rounds.round(worker, outgoing);
    let mut matched: Vec<Matches> = received
        .into_iter()
        .filter_map(|message| match message {
            Message::Matches(found) => Some(found),
            _ => None,
        })
        .collect();
    // Nobody matched `--from`: every worker suggests its closest names.
    let mut outgoing = Vec::new();
    if me == 0 && named.is_some() && unmatched(&matched) {
        outgoing.extend(rounds.everyone().map(|to| (to, Message::Unknown)));
    }
    let received = rounds.round(worker, outgoing);
    let outgoing: Vec<(usize, Message)> = match (named, received.is_empty()) {
        (Some(from), false) => vec![(0, Message::Matches(local_closest(&local, from, true)))],
        _ => Vec::new(),
    };
    let received = rounds.round(worker, outgoing);
    matched.extend(received.into_iter().filter_map(|message| match message {
        Message::Matches(suggested) => Some(suggested),
        _ => None,
    }));
    let mut members_error = None;
    let mut outgoing = Vec::new();
    if me == 0 {
        let members: Result<Vec<u32>> = match named {
            Some(from) => {
                combine_person(from, std::mem::take(&mut matched)).map(|(id, _)| vec![id.0])
            }
            None if manifest.owners.is_empty() => Err(if request.from.is_some() {
                team_without_owners()
            } else {
                no_owner()
            }),
            None => Ok(manifest.owners.iter().map(|owner| owner.id).collect()),
        };
        let members = match members {
            Ok(members) => members,
            Err(error) => {
                members_error = Some(error.to_string());
                Vec::new()
            }
        };
        let members = Arc::new(members);
        outgoing.extend(
            rounds
                .everyone()
                .map(|to| (to, Message::Members(Arc::clone(&members)))),
        );
    }
    let received = rounds.round(worker, outgoing);
    let members: Arc<Vec<u32>> = received
        .into_iter()
        .find_map(|message| match message {
            Message::Members(members) => Some(members),
            _ => None,
        })
        .unwrap_or_default();

    // Probes from each member's owner to its introducers' owners.
    let mut outgoing = Vec::new();
    for &member in members.iter().filter(|member| local.owner(**member) == me) {
        let (introducers, strengths) = local.neighbors(member);
        for (&introducer, &strength) in introducers.iter().zip(strengths) {
            outgoing.push((
                local.owner(introducer),
                Message::Probe {
                    member,
                    introducer,
                    strength,
                    degree: introducers.len(),
                },
            ));
        }
    }
    let received = rounds.round(worker, outgoing);

    // Introducers answer: each probe (or, for a hub, once per worker).
    let mut outgoing = Vec::new();
    let mut hubs_sent: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut sorted: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    for message in received {
        let Message::Probe {
            member,
            introducer,
            strength,
            degree,
        } = message
        else {
            continue;
        };
        let (neighbors, strengths) = local.neighbors(introducer);
        if neighbors.len() > request.hub_degree {
            let workers = hubs_sent.entry(introducer).or_default();
            let to = local.owner(member);
            if !workers.contains(&to) {
                workers.push(to);
            }
            continue;
        }
        let people = sorted
            .entry(introducer)
            .or_insert_with(|| by_strength(neighbors, strengths));
        let wanted = request.top.saturating_add(degree).saturating_add(1);
        outgoing.push((
            local.owner(member),
            Message::Offers {
                member,
                introducer,
                first: strength,
                people: people.iter().copied().take(wanted).collect(),
            },
        ));
    }
    for (introducer, workers) in hubs_sent {
        let (neighbors, strengths) = local.neighbors(introducer);
        let people = Arc::new(by_strength(neighbors, strengths));
        for to in workers {
            outgoing.push((
                to,
                Message::Hub {
                    introducer,
                    people: Arc::clone(&people),
                },
            ));
        }
    }
    let received = rounds.round(worker, outgoing);

    // At the members' owners: drop whom the member knows, keep the best.
    let mut offers: HashMap<u32, Vec<(u32, f32, People)>> = HashMap::new();
    let mut hubs: Vec<(u32, Arc<People>)> = Vec::new();
    for message in received {
        match message {
            Message::Offers {
                member,
                introducer,
                first,
                people,
            } => offers
                .entry(member)
                .or_default()
                .push((introducer, first, people)),
            Message::Hub { introducer, people } => hubs.push((introducer, people)),
            _ => {}
        }
    }
    let mut outgoing = Vec::new();
    for &member in members.iter().filter(|member| local.owner(**member) == me) {
        let (known, _) = local.neighbors(member);
        let valid = |person: u32| person != member && known.binary_search(&person).is_err();
        let mut best: HashMap<u32, Meeting> = HashMap::new();
        let mut consider = |introducer: u32, first: f32, people: &[(u32, f32)]| {
            for &(person, second) in people
                .iter()
                .filter(|(person, _)| valid(*person))
                .take(request.top)
            {
                keep_best(
                    &mut best,
                    Meeting::through(person, introducer, first, second),
                );
            }
        };
        for (introducer, first, people) in offers.remove(&member).unwrap_or_default() {
            consider(introducer, first, &people);
        }
        for (introducer, people) in &hubs {
            if let Some(first) = local.strength(member, *introducer) {
                consider(*introducer, first, people);
            }
        }
        let mut meetings: Vec<Meeting> = best.into_values().collect();
        meetings.sort_by(meeting_order);
        meetings.truncate(request.top);
        outgoing.push((
            0,
            Message::Meetings {
                member,
                meetings: meetings
                    .iter()
                    .map(|m| (m.person.0, m.introducer.0, m.first, m.second))
                    .collect(),
            },
        ));
    }
    let received = rounds.round(worker, outgoing);

    // Worker 0 asks who everyone is.
    let mut found: HashMap<u32, Vec<Meeting>> = HashMap::new();
    let mut wanted: Vec<u32> = Vec::new();
    if me == 0 {
        wanted.extend(members.iter().copied());
        for message in received {
            if let Message::Meetings { member, meetings } = message {
                let meetings: Vec<Meeting> = meetings
                    .into_iter()
                    .map(|(person, introducer, first, second)| {
                        Meeting::through(person, introducer, first, second)
                    })
                    .collect();
                wanted.extend(meetings.iter().flat_map(|m| [m.person.0, m.introducer.0]));
                found.insert(member, meetings);
            }
        }
    }
    let table =
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
    if me != 0 {
        return Ok(None);
    }
    if let Some(text) = members_error {
        return Ok(Some(Err(text)));
    }
    Ok(Some(Ok(BatchMeetAnswers {
        members: members
            .iter()
            .map(|member| (PersonId(*member), found.remove(member).unwrap_or_default()))
            .collect(),
        names: table,
        stats: JobStats::of(rounds, manifest, started),
    })))
}
