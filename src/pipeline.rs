//! The pipeline: the one module that drives the stages in order, from
//! `--data` paths to a built network —
//! [`ingest`](crate::ingest) → [`identity`](crate::identity) →
//! [`tie_strength`](crate::tie_strength) → [`graph`](crate::graph) — or,
//! for a snapshot, straight to the graph it holds; and from paths to a
//! temporal hold-out ([`evaluate`](crate::evaluate)), which shares the first
//! two stages. No stage calls the next: each takes what the one before it
//! made, and each input is dropped as soon as what it feeds is built.
//! Nothing here ranks, reports or prints.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::evaluate::{
    EvaluateOptions, Evaluation, TruthEvaluation, TruthOptions, evaluate_holdout, evaluate_truth,
    read_truth,
};
use crate::graph::{RelationshipGraph, is_snapshot, read_snapshot};
use crate::identity::{
    IdentityTrace, ResolvedDataset, resolve_identities, resolve_identities_traced,
};
use crate::ingest::{
    Dataset, IngestOptions, IngestSummary, ReadMeter, TruthFile, read_sources_metered,
};
use crate::progress::Progress;
use crate::tie_strength::{Model, PreparedTies, collect_declared_as_of};
use crate::time::end_of_day;

/// What building a network needs besides the data.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The model's parameters.
    pub model: Model,
    /// The date to score as of; `None` takes the data's own date (a
    /// manifest's `as_of`), else `today`.
    pub as_of: Option<jiff::civil::Date>,
    /// Today's date, used when neither `as_of` nor the data fix one.
    pub today: jiff::civil::Date,
    /// Ingest options.
    pub ingest: IngestOptions,
    /// The owner's email addresses (`--me`), making that person the owner.
    pub owner_emails: Vec<String>,
}

/// A built network and the account of how it was built.
#[derive(Debug)]
pub struct Network {
    /// The graph.
    pub graph: RelationshipGraph,
    /// Rows read, used and skipped, per file.
    pub summary: IngestSummary,
    /// Interactions ignored because they happened after the as-of date.
    pub after_as_of: usize,
    /// Declared relationships (connections, CRM ties) dated after the as-of
    /// date, left out.
    pub declared_after_as_of: usize,
}

/// Reads `paths`, showing the bytes read on `progress` as it goes.
fn read_with_progress(
    paths: &[PathBuf],
    ingest: IngestOptions,
    progress: &dyn Progress,
) -> Result<Dataset> {
    with_read_meter(progress, |meter| read_sources_metered(paths, ingest, meter))
}

/// Runs `work` with a fresh counting [`ReadMeter`] while another thread
/// shows the meter's bytes on `progress` ten times a second, and a last time
/// when `work` is done; returns what `work` returns.
fn with_read_meter<T>(progress: &dyn Progress, work: impl FnOnce(ReadMeter) -> T) -> T {
    let meter = ReadMeter::counting();
    let (done, finished) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let shown = meter.clone();
        scope.spawn(move || {
            // Once more when the work is done, so that the last figure shown is the total.
            loop {
                let done = !matches!(finished.recv_timeout(POLL), Err(RecvTimeoutError::Timeout));
                let (read, known) = shown.bytes();
                if known > 0 {
                    progress.bytes(read, known);
                }
                if done {
                    break;
                }
            }
        });
        let result = work(meter);
        drop(done);
        result
    })
}

/// How often [`with_read_meter`] looks at the meter.
const POLL: Duration = Duration::from_millis(100);

/// The first two stages: reads `paths` and resolves identities, with
/// `owner_emails` (`--me`) making that person the owner.
pub fn resolve_sources(
    paths: &[PathBuf],
    ingest: IngestOptions,
    owner_emails: &[String],
    progress: &dyn Progress,
) -> Result<ResolvedDataset> {
    progress.stage("reading sources", None);
    let mut dataset = read_with_progress(paths, ingest, progress)?;
    dataset.add_owner_emails(owner_emails);
    progress.finish_stage();
    progress.stage("resolving identities", None);
    let resolved = resolve_identities(dataset)?;
    progress.finish_stage();
    Ok(resolved)
}

/// The first two stages, keeping the account of who became whom (every
/// record and reference, for `warmpath who`), read as [`build_network`]
/// reads them. Not for snapshots, which keep no records.
pub fn trace_sources(
    paths: &[PathBuf],
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(ResolvedDataset, IdentityTrace)> {
    let mut ingest = options.ingest;
    ingest.as_of = ingest
        .as_of
        .or_else(|| Some(end_of_day(options.as_of.unwrap_or(options.today))));
    progress.stage("reading sources", None);
    let mut dataset = read_with_progress(paths, ingest, progress)?;
    dataset.add_owner_emails(&options.owner_emails);
    progress.finish_stage();
    progress.stage("resolving identities", None);
    let traced = resolve_identities_traced(dataset)?;
    progress.finish_stage();
    Ok(traced)
}

/// Reads `paths`, resolves identities, scores ties and builds the graph; a
/// snapshot among `paths` is loaded as built instead.
pub fn build_network(
    paths: &[PathBuf],
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Network> {
    if let Some(snapshot) = paths.iter().find(|path| is_snapshot(path)) {
        return open_snapshot(paths, snapshot, options, progress);
    }
    let mut ingest = options.ingest;
    // Recurring meetings are expanded up to the as-of date (or today).
    ingest.as_of = ingest
        .as_of
        .or_else(|| Some(end_of_day(options.as_of.unwrap_or(options.today))));
    let mut resolved = resolve_sources(paths, ingest, &options.owner_emails, progress)?;
    let as_of = options.as_of.or(resolved.as_of).unwrap_or(options.today);
    progress.stage("merging declarations", None);
    // Each input is dropped as soon as what it feeds is built: the merged
    // declarations, then the prepared pairs (which hold their own events).
    let (declared, declared_after_as_of) = collect_declared_as_of(
        &resolved.relationships,
        &resolved.declared_sources,
        end_of_day(as_of),
    );
    drop(std::mem::take(&mut resolved.relationships));
    progress.stage("preparing ties", None);
    let prepared = PreparedTies::from_parts(
        &resolved.interactions,
        declared,
        resolved.people.len(),
        &options.model,
        end_of_day(as_of),
    );
    drop(std::mem::take(&mut resolved.interactions));
    let after_as_of = prepared.after_as_of();
    let graph = RelationshipGraph::from_prepared(
        resolved.people,
        prepared,
        resolved.owners,
        as_of,
        progress,
    );
    progress.finish_stage();
    Ok(Network {
        graph,
        summary: resolved.summary,
        after_as_of,
        declared_after_as_of,
    })
}

/// A snapshot given as `--data`: loaded as built, alone.
fn open_snapshot(
    paths: &[PathBuf],
    snapshot: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Network> {
    if paths.len() > 1 {
        return Err(Error::Usage(format!(
            "{} is a snapshot; it cannot be pooled with other --data paths (build one snapshot from all of them)",
            snapshot.display()
        )));
    }
    progress.stage("loading snapshot", None);
    let graph = read_snapshot(snapshot)?;
    progress.finish_stage();
    if let Some(as_of) = options.as_of
        && as_of != graph.as_of()
    {
        return Err(Error::Usage(format!(
            "{} was scored as of {}; rebuild it with `warmpath build --as-of {as_of}` to score another date",
            snapshot.display(),
            graph.as_of()
        )));
    }
    Ok(Network {
        graph,
        summary: IngestSummary::default(),
        after_as_of: 0,
        declared_after_as_of: 0,
    })
}

/// A temporal hold-out run on `paths`, and the account of the rows read
/// (kept even when the data cannot be evaluated, so it can be shown).
#[derive(Debug)]
pub struct EvaluationRun {
    /// Rows read, used and skipped, per file.
    pub summary: IngestSummary,
    /// The evaluation, or why the data cannot be evaluated as asked.
    pub evaluation: Result<Evaluation>,
}

/// Reads `paths`, resolves identities and evaluates the model on a
/// temporal hold-out of the history.
pub fn evaluate_sources(
    paths: &[PathBuf],
    ingest: IngestOptions,
    options: &EvaluateOptions,
    progress: &dyn Progress,
) -> Result<EvaluationRun> {
    let resolved = resolve_sources(paths, ingest, &[], progress)?;
    progress.stage("evaluating", None);
    let evaluation = evaluate_holdout(&resolved, options);
    progress.finish_stage();
    Ok(EvaluationRun {
        summary: resolved.summary,
        evaluation,
    })
}

/// A ground-truth run on `paths`: the account of the rows read, and the
/// truth file read with the evaluation, or why they could not be made.
#[derive(Debug)]
pub struct TruthRun {
    /// Rows read, used and skipped, per data file.
    pub summary: IngestSummary,
    /// The truth file as read (with its own summary) and the evaluation.
    pub evaluation: Result<(TruthFile, Result<TruthEvaluation>)>,
}

/// Reads `paths`, resolves identities, reads the truth file at `truth`
/// against the people found, and evaluates the model on it.
pub fn evaluate_truth_sources(
    paths: &[PathBuf],
    ingest: IngestOptions,
    truth: &Path,
    options: &TruthOptions,
    progress: &dyn Progress,
) -> Result<TruthRun> {
    let resolved = resolve_sources(paths, ingest, &[], progress)?;
    progress.stage("evaluating", None);
    let evaluation = read_truth(truth, ingest, &resolved).map(|mut file| {
        let evaluation = evaluate_truth(&resolved, &mut file, options);
        (file, evaluation)
    });
    progress.finish_stage();
    Ok(TruthRun {
        summary: resolved.summary,
        evaluation,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Keeps every byte count it is shown.
    #[derive(Default)]
    struct Recorded(Mutex<Vec<(u64, u64)>>);

    impl Progress for Recorded {
        fn stage(&self, _: &str, _: Option<u64>) {}
        fn advance(&self, _: u64) {}
        fn finish_stage(&self) {}
        fn bytes(&self, done: u64, known: u64) {
            self.0.lock().unwrap().push((done, known));
        }
    }

    #[test]
    fn reading_shows_its_bytes_and_ends_on_the_total_of_the_files_read() {
        let dir = tempfile::tempdir().unwrap();
        let people = "id,name,email\na,Ana Lopez,ana@example.com\nb,Ben Okafor,ben@example.com\n";
        let interactions = "from,to,timestamp,channel\na,b,2024-01-02T10:00:00Z,email\n";
        std::fs::write(dir.path().join("people.csv"), people).unwrap();
        std::fs::write(dir.path().join("interactions.csv"), interactions).unwrap();
        let total = (people.len() + interactions.len()) as u64;
        let recorded = Recorded::default();
        let dataset = with_read_meter(&recorded, |meter| {
            read_sources_metered(&[dir.path().to_path_buf()], IngestOptions::default(), meter)
        })
        .unwrap();
        assert_eq!(dataset.interactions.len(), 1);
        let shown = recorded.0.into_inner().unwrap();
        assert_eq!(shown.last(), Some(&(total, total)), "{shown:?}");
        assert!(shown.iter().all(|(done, known)| done <= known), "{shown:?}");
    }

    #[test]
    fn nothing_read_shows_nothing() {
        let recorded = Recorded::default();
        assert_eq!(with_read_meter(&recorded, |_| 7), 7);
        assert!(recorded.0.into_inner().unwrap().is_empty());
    }
}
