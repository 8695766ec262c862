//! Batch jobs over sharded data on timely dataflow (`warmpath batch`), for
//! networks larger than one machine: `build --shards K` splits a graph into
//! shards by person, and each timely worker — one thread of one process
//! among many, wherever timely's `-w`, `-n`, `-p` and `-h` put it — reads
//! only the shards it owns and exchanges what the search needs with the
//! others, in bulk-synchronous rounds (the `rounds` module). `batch intro` answers a
//! targets file as `intro --targets` does; `batch meet` finds each member's
//! strongest people two hops away. Results come back at worker 0, whole or
//! not at all.

mod intro;
mod local;
mod meet;
mod resolve;
mod rounds;

use std::collections::HashMap;

pub use intro::{BatchIntroAnswers, BatchIntroRequest, DistributedAnswer, batch_intro};
pub use meet::{BatchMeetAnswers, HUB_DEGREE, MeetRequest, batch_meet};

use crate::error::{Error, Result};
use crate::identity::PersonId;

/// How a job runs: timely's configuration, and how long a process waits
/// for the others to connect before it gives up.
#[derive(Clone)]
pub struct Job {
    /// Workers and processes.
    pub config: timely::Config,
    /// Longest wait for the processes of `config` to connect.
    pub connect_timeout: std::time::Duration,
}

/// How long a process waits for the others by default.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

impl Job {
    /// `workers` threads in this process alone.
    #[must_use]
    pub fn local(workers: usize) -> Self {
        Self {
            config: timely::Config::process(workers),
            connect_timeout: CONNECT_TIMEOUT,
        }
    }
}

/// Parses timely's own options (`-w N` threads per process, `-n P`
/// processes, `-p I` this process's index, `-h FILE` the processes'
/// addresses, one `host:port` per line).
///
/// # Errors
///
/// [`Error::Usage`] naming the option timely does not accept.
pub fn timely_config(args: &[String]) -> Result<timely::Config> {
    timely::Config::from_args(args.iter().cloned()).map_err(|message| {
        Error::Usage(format!(
            "timely options after --: {message} (use -w THREADS, -n PROCESSES -p INDEX -h HOSTFILE)"
        ))
    })
}

/// Ids and names of the people an answer shows, as their owners sent them.
#[derive(Debug, Default, Clone)]
pub struct NameTable(HashMap<PersonId, (String, String)>);

impl NameTable {
    fn insert(&mut self, person: PersonId, stable_id: String, display: String) {
        self.0.insert(person, (stable_id, display));
    }

    /// A person's stable id and name, when the answer shows them.
    #[must_use]
    pub fn get(&self, person: PersonId) -> Option<(&str, &str)> {
        self.0
            .get(&person)
            .map(|(stable_id, display)| (stable_id.as_str(), display.as_str()))
    }
}

/// The first round of every job: each worker's failure to load its shards,
/// to everyone, and the question, from worker 0 to everyone.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Setup<R> {
    /// A worker could not load its shards.
    Failed { worker: usize, text: String },
    /// The question.
    Request(std::sync::Arc<R>),
}

/// What a worker starts a job with.
struct Started<R> {
    local: local::Local,
    keys: resolve::Index,
    request: std::sync::Arc<R>,
}

/// Runs the first round: loads this worker's shards, tells everyone if that
/// failed, and has worker 0 give everyone `request`. Every worker returns
/// the same error when any worker failed.
fn start<R, M>(
    rounds: &mut rounds::Rounds<M>,
    worker: &mut timely::worker::Worker,
    dir: &std::path::Path,
    manifest: &crate::graph::ShardManifest,
    request: Option<&R>,
    wrap: fn(Setup<R>) -> M,
    unwrap: fn(M) -> Option<Setup<R>>,
) -> std::result::Result<Started<R>, String>
where
    R: Clone,
    M: timely::ExchangeData + Clone,
{
    let me = rounds.index;
    let loaded = local::Local::load(dir, manifest, me, rounds.peers);
    let mut outgoing: Vec<(usize, M)> = Vec::new();
    if let Err(error) = &loaded {
        let text = error.to_string();
        outgoing.extend(rounds.everyone().map(|to| {
            (
                to,
                wrap(Setup::Failed {
                    worker: me,
                    text: text.clone(),
                }),
            )
        }));
    }
    if me == 0 {
        let request = std::sync::Arc::new(
            request
                .cloned()
                .ok_or_else(|| "worker 0 was given no question".to_owned())?,
        );
        outgoing.extend(
            rounds
                .everyone()
                .map(|to| (to, wrap(Setup::Request(std::sync::Arc::clone(&request))))),
        );
    }
    let received: Vec<Setup<R>> = rounds
        .round(worker, outgoing)
        .into_iter()
        .filter_map(unwrap)
        .collect();
    gather_failures(&received, |message| match message {
        Setup::Failed { worker, text } => Some((*worker, text.as_str())),
        Setup::Request(_) => None,
    })?;
    let local = loaded.map_err(|error| error.to_string())?;
    let keys = resolve::Index::new(&local);
    let request = received
        .into_iter()
        .find_map(|message| match message {
            Setup::Request(request) => Some(request),
            Setup::Failed { .. } => None,
        })
        .ok_or_else(|| "no question reached this worker".to_owned())?;
    Ok(Started {
        local,
        keys,
        request,
    })
}

/// The two rounds in which worker 0 learns who is on its answers.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum NameMessage {
    /// Worker 0 asks for a person's ids and name.
    WhoIs { node: u32 },
    /// A person's stable id and name.
    Name {
        node: u32,
        stable_id: String,
        display: String,
    },
}

/// Worker 0 asks the owners of `wanted` (its answers' people; empty on the
/// other workers) who they are; returns their ids and names at worker 0.
/// `wrap` and `unwrap` put a [`NameMessage`] into the job's messages.
fn look_up_names<M: timely::ExchangeData + Clone>(
    rounds: &mut rounds::Rounds<M>,
    worker: &mut timely::worker::Worker,
    local: &local::Local,
    mut wanted: Vec<u32>,
    wrap: fn(NameMessage) -> M,
    unwrap: fn(M) -> Option<NameMessage>,
) -> NameTable {
    wanted.sort_unstable();
    wanted.dedup();
    let outgoing: Vec<(usize, M)> = wanted
        .into_iter()
        .map(|node| (local.owner(node), wrap(NameMessage::WhoIs { node })))
        .collect();
    let outgoing: Vec<(usize, M)> = rounds
        .round(worker, outgoing)
        .into_iter()
        .filter_map(unwrap)
        .filter_map(|message| match message {
            NameMessage::WhoIs { node } => local.person(node).map(|person| {
                let name = NameMessage::Name {
                    node,
                    stable_id: person.stable_id().to_owned(),
                    display: person.display_name().to_owned(),
                };
                (0, wrap(name))
            }),
            NameMessage::Name { .. } => None,
        })
        .collect();
    let mut table = NameTable::default();
    for message in rounds
        .round(worker, outgoing)
        .into_iter()
        .filter_map(unwrap)
    {
        if let NameMessage::Name {
            node,
            stable_id,
            display,
        } = message
        {
            table.insert(PersonId(node), stable_id, display);
        }
    }
    table
}

/// What a distributed job did, for the summary line and the benchmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobStats {
    /// Workers in the job (every process's).
    pub workers: usize,
    /// Shards of the data.
    pub shards: usize,
    /// Bulk-synchronous rounds run.
    pub rounds: u64,
    /// Messages worker 0 sent.
    pub messages_sent_by_worker_0: u64,
    /// Wall time at worker 0, from loading its shards to the answers.
    pub seconds: f64,
}

impl JobStats {
    /// What worker 0's `rounds` did over the shards of `manifest`, since
    /// `started`.
    fn of<M: timely::ExchangeData + Clone>(
        rounds: &rounds::Rounds<M>,
        manifest: &crate::graph::ShardManifest,
        started: std::time::Instant,
    ) -> Self {
        Self {
            workers: rounds.peers,
            shards: manifest.count(),
            rounds: rounds.epochs(),
            messages_sent_by_worker_0: rounds.sent,
            seconds: started.elapsed().as_secs_f64(),
        }
    }
}

/// The first failure any worker reported in a round (the lowest worker's),
/// so that every worker stops with the same error.
fn gather_failures<M>(
    received: &[M],
    failed: impl Fn(&M) -> Option<(usize, &str)>,
) -> std::result::Result<(), String> {
    let first = received
        .iter()
        .filter_map(failed)
        .min_by_key(|(worker, _)| *worker);
    match first {
        Some((worker, text)) => Err(format!("worker {worker}: {text}")),
        None => Ok(()),
    }
}

/// Runs `func` on every worker timely's `config` starts in this process
/// and returns the local worker 0's answer (`None` in other processes).
///
/// A worker that fails, or a connection to another process that breaks
/// (a process killed, a host unreachable), fails the whole job with one
/// [`Error::Distributed`]: timely's threads panic on a broken connection,
/// and that panic is caught here, never reported as a partial result.
fn run_job<T, F>(job: Job, func: F) -> Result<Option<T>>
where
    T: Send + 'static,
    F: Fn(&mut timely::worker::Worker) -> std::result::Result<Option<T>, String>
        + Send
        + Sync
        + 'static,
{
    use std::sync::atomic::{AtomicBool, Ordering};
    let started = std::sync::Arc::new(AtomicBool::new(false));
    let seen = std::sync::Arc::clone(&started);
    let func = move |worker: &mut timely::worker::Worker| {
        seen.store(true, Ordering::SeqCst);
        func(worker)
    };
    let config = job.config;
    let (send, receive) = std::sync::mpsc::channel();
    // The job runs on its own thread, so that a process whose peers never
    // connect gives up after the timeout instead of waiting for ever.
    std::thread::spawn(move || {
        let run = std::panic::AssertUnwindSafe(move || {
            timely::execute(config, func).map(timely::communication::initialize::WorkerGuards::join)
        });
        let _ = send.send(std::panic::catch_unwind(run));
    });
    let waited = std::time::Instant::now();
    let outcome = loop {
        match receive.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(outcome) => break outcome,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if !started.load(Ordering::SeqCst) && waited.elapsed() > job.connect_timeout {
                    return Err(Error::Distributed(format!(
                        "the other processes did not connect within {} s: start the same command on every host of the hosts file, each with its own -p",
                        job.connect_timeout.as_secs()
                    )));
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Error::Distributed("the job's thread stopped".to_owned()));
            }
        }
    };
    let results = match outcome {
        Ok(Ok(results)) => results,
        Ok(Err(message)) => {
            return Err(Error::Distributed(crate::error::one_line(&message)));
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("a worker thread stopped");
            return Err(Error::Distributed(crate::error::one_line(&format!(
                "a worker or a connection between processes failed ({message}); no answer was written"
            ))));
        }
    };
    let mut answer = None;
    for result in results {
        match result {
            Ok(Ok(Some(found))) => answer = Some(found),
            Ok(Ok(None)) => {}
            Ok(Err(text)) | Err(text) => {
                return Err(Error::Distributed(crate::error::one_line(&text)));
            }
        }
    }
    Ok(answer)
}
