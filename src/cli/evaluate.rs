//! `warmpath evaluate`: how well the tie strength predicts who is in touch
//! again after a split date, or (`--truth`) how well it ranks pairs known to
//! be real relationships, against simple baselines.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use warmpath::evaluate::{
    DEFAULT_KS, EvaluateOptions, Evaluation, ScoreResult, Split, TruthEvaluation, TruthOptions,
    TruthPopulation, instant_text,
};
use warmpath::ingest::IngestOptions;
use warmpath::pipeline::{evaluate_sources, evaluate_truth_sources};
use warmpath::tie_strength::Model;
use warmpath::time::{end_of_day, parse_date};
use warmpath::{Error, Result};

use super::output::{terminal_safe, write_json_exact, write_table};
use super::{Outcome, ReadingArgs, progress, stdout_error};

/// Arguments of `warmpath evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A dataset: a generic CSV folder, a SNAP edge list (CollegeMsg.txt),
    /// face-to-face contacts (a tij_*.dat file or its folder), Copenhagen
    /// calls.csv/sms.csv, a Sender;Recipient;EventDate e-mail log or household
    /// contacts (a file or its folder); repeat to pool.
    #[arg(long = "data", value_name = "PATH", required = true)]
    data: Vec<PathBuf>,
    /// Measure against ground truth instead of a hold-out: a file of pairs known to be real
    /// relationships (`a,b` or `a,b,label` with 1 or 0 per line, `#` comments, an optional
    /// header), or a `person,group` list (people in one group are related).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["split", "holdout", "horizon"])]
    truth: Option<PathBuf>,
    /// Which pairs the truth speaks about: `both` people named in the file, or `any` one.
    #[arg(long, value_enum, value_name = "WHO", default_value_t = Population::Both, requires = "truth")]
    truth_population: Population,
    /// Split at the end of this date (YYYY-MM-DD): evidence up to it, outcomes after.
    #[arg(long, value_name = "DATE", conflicts_with = "holdout")]
    split: Option<String>,
    /// Hold out this fraction of the time span at its end (0.3 splits at the 70 % point).
    #[arg(long, value_name = "FRACTION", default_value_t = 0.3)]
    holdout: f64,
    /// Count only outcomes within this many days after the split (default: all).
    #[arg(long, value_name = "DAYS")]
    horizon: Option<f64>,
    /// Cut-offs for precision at k, comma-separated.
    #[arg(long, value_name = "K,…", value_delimiter = ',', default_values_t = DEFAULT_KS)]
    k: Vec<usize>,
    #[command(flatten)]
    reading: ReadingArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
    format: EvaluateFormat,
}

/// Output formats of `warmpath evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EvaluateFormat {
    /// Aligned text for a terminal.
    Table,
    /// Stable JSON.
    Json,
}

/// Which pairs a truth file speaks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Population {
    /// Pairs whose two people are both in the truth file (a survey covers its respondents).
    Both,
    /// Pairs with at least one person in the truth file.
    Any,
}

/// Runs `warmpath evaluate`.
pub fn run(args: &EvaluateArgs, out: &mut dyn Write) -> Result<Outcome> {
    let model = args.reading.model()?;
    if let Some(truth) = &args.truth {
        return run_truth(args, truth, model, out);
    }
    let split = match &args.split {
        Some(text) => Split::At(end_of_day(parse_date(text).ok_or_else(|| {
            Error::InvalidDate {
                value: text.clone(),
            }
        })?)),
        None => Split::Holdout(args.holdout),
    };
    let options = EvaluateOptions {
        model,
        split,
        ks: args.k.clone(),
        horizon_days: args.horizon,
    };
    let progress = progress::TerminalProgress::new(args.reading.quiet);
    let run = evaluate_sources(&args.data, ingest_options(args), &options, &progress)?;
    drop(progress);
    if !args.reading.quiet {
        // A summary that cannot be written is dropped; the answer stands.
        let _ = super::output::write_read_account(
            &run.summary,
            args.reading.verbose,
            &mut std::io::stderr().lock(),
        );
    }
    let evaluation = run.evaluation?;
    match args.format {
        EvaluateFormat::Json => write_json_exact(out, &evaluation)?,
        EvaluateFormat::Table => write_report(&evaluation, out).map_err(stdout_error)?,
    }
    Ok(Outcome::Done)
}

fn ingest_options(args: &EvaluateArgs) -> IngestOptions {
    IngestOptions {
        strict: args.reading.strict,
        ..IngestOptions::default()
    }
}

fn write_report(evaluation: &Evaluation, out: &mut dyn Write) -> std::io::Result<()> {
    let e = evaluation;
    writeln!(
        out,
        "{} interactions among {} people, {} to {}",
        e.interactions,
        e.people,
        instant_text(e.first),
        instant_text(e.last)
    )?;
    writeln!(
        out,
        "split at {} ({:.0} % of the time span): {} interactions before, {} after, until {}",
        instant_text(e.split_at),
        e.split_fraction * 100.0,
        e.train_interactions,
        e.test_interactions,
        instant_text(e.horizon_end.min(e.last + 1))
    )?;
    writeln!(
        out,
        "candidates: {} pairs in touch before the split; {} in touch again after it (positives), {} not (negatives); {} pairs new after the split are not ranked",
        e.candidates, e.positives, e.negatives, e.new_pairs
    )?;
    writeln!(out)?;
    write_scores(&e.scores, out)?;
    writeln!(out)?;
    writeln!(
        out,
        "base rate (share of positives): {:.3}",
        e.positives as f64 / e.candidates.max(1) as f64
    )?;
    write_descriptions(&e.scores, out)
}

/// The table of scores: ROC AUC and precision at each k.
fn write_scores(scores: &[ScoreResult], out: &mut dyn Write) -> std::io::Result<()> {
    let ks: Vec<usize> = scores
        .first()
        .map(|score| score.precision_at.iter().map(|(k, _)| *k).collect())
        .unwrap_or_default();
    let mut header = vec!["score".to_owned(), "ROC AUC".to_owned()];
    header.extend(ks.iter().map(|k| format!("P@{k}")));
    let rows: Vec<Vec<String>> = scores
        .iter()
        .map(|score| {
            let mut row = vec![terminal_safe(score.name), format!("{:.3}", score.auc)];
            row.extend(
                score
                    .precision_at
                    .iter()
                    .map(|(_, precision)| format!("{precision:.3}")),
            );
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_table(out, &header, &rows)
}

fn write_descriptions(scores: &[ScoreResult], out: &mut dyn Write) -> std::io::Result<()> {
    for score in scores {
        writeln!(out, "{:>17}: {}", score.name, score.description)?;
    }
    Ok(())
}

/// `warmpath evaluate --truth FILE`.
fn run_truth(
    args: &EvaluateArgs,
    path: &std::path::Path,
    model: Model,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let options = TruthOptions {
        model,
        population: match args.truth_population {
            Population::Both => TruthPopulation::Both,
            Population::Any => TruthPopulation::Any,
        },
        ks: args.k.clone(),
    };
    let progress = progress::TerminalProgress::new(args.reading.quiet);
    let run = evaluate_truth_sources(&args.data, ingest_options(args), path, &options, &progress)?;
    drop(progress);
    let evaluation = run.evaluation;
    if !args.reading.quiet {
        // A summary that cannot be written is dropped; the answer stands.
        let mut stderr = std::io::stderr().lock();
        let _ = super::output::write_read_account(&run.summary, args.reading.verbose, &mut stderr);
        if let Ok((truth, _)) = &evaluation {
            let _ = super::output::write_read_account(
                &truth.summary,
                args.reading.verbose,
                &mut stderr,
            );
        }
    }
    let (truth, evaluation) = evaluation?;
    let evaluation = evaluation?;
    match args.format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &truth_json(&evaluation, &truth))
                .map_err(std::io::Error::from)
                .map_err(stdout_error)?;
            writeln!(out).map_err(stdout_error)?;
        }
        EvaluateFormat::Table => {
            write_truth_report(&evaluation, &truth, out).map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Done)
}

fn truth_json(e: &TruthEvaluation, truth: &warmpath::ingest::TruthFile) -> serde_json::Value {
    let t = &e.truth;
    let skipped = truth.summary.files.first().map_or_else(
        || serde_json::json!({}),
        |file| serde_json::json!(file.skipped),
    );
    let bands: serde_json::Map<String, serde_json::Value> = e
        .bands
        .iter()
        .map(|band| {
            (
                band.band.to_owned(),
                serde_json::json!({
                    "pairs": band.pairs,
                    "related": band.related,
                    "precision": band.precision,
                    "recall": band.recall,
                }),
            )
        })
        .collect();
    serde_json::json!({
        "evaluation": "truth",
        "people": e.people,
        "interactions": e.interactions,
        "first": instant_text(e.first),
        "last": instant_text(e.last),
        "as_of": instant_text(e.as_of),
        "as_of_unix": e.as_of,
        "truth": {
            "path": truth.path.display().to_string(),
            "form": t.form,
            "header": t.header,
            "rows_read": t.rows_read,
            "rows_used": t.rows_used,
            "rows_skipped": t.rows_skipped,
            "skipped": skipped,
            "people": t.people,
            "unknown_people": t.unknown_people,
            "unknown_examples": t.unknown_examples,
            "rows_with_unknown_people": t.rows_with_unknown_people,
            "ambiguous_people": t.ambiguous_people,
            "groups": t.groups,
            "related_pairs": t.related_pairs,
            "unrelated_pairs": t.unrelated_pairs,
            "conflicting_pairs": t.conflicting_pairs,
        },
        "population": e.population.name(),
        "pairs_with_interaction": e.pairs_with_interaction,
        "candidates": e.candidates,
        "positives": e.positives,
        "negatives": e.negatives,
        "base_rate": e.base_rate,
        "related_without_interaction": e.related_without_interaction,
        "scores": &e.scores,
        "bands": bands,
    })
}

fn write_truth_report(
    e: &TruthEvaluation,
    truth: &warmpath::ingest::TruthFile,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let t = &e.truth;
    writeln!(
        out,
        "{} interactions among {} people, {} to {}; ties scored as of {}",
        e.interactions,
        e.people,
        instant_text(e.first),
        instant_text(e.last),
        instant_text(e.as_of)
    )?;
    let mut named = format!(
        "truth: {} ({}{}): {} rows, {} used, {} skipped; {} people in the data",
        terminal_safe(&truth.path.display().to_string()),
        t.form,
        t.header
            .as_ref()
            .map(|header| format!(", header '{}'", terminal_safe(header)))
            .unwrap_or_default(),
        t.rows_read,
        t.rows_used,
        t.rows_skipped,
        t.people
    );
    if t.unknown_people > 0 {
        let _ = write!(
            named,
            ", {} not in the data (e.g. {})",
            t.unknown_people,
            terminal_safe(&t.unknown_examples.join(", "))
        );
    }
    if t.ambiguous_people > 0 {
        let _ = write!(named, ", {} ambiguous", t.ambiguous_people);
    }
    writeln!(out, "{named}")?;
    let groups = if t.form == "membership" {
        format!(" in {} groups", t.groups)
    } else {
        String::new()
    };
    writeln!(
        out,
        "       {} related pairs{groups}, {} labelled unrelated, {} with both labels (counted related)",
        t.related_pairs, t.unrelated_pairs, t.conflicting_pairs
    )?;
    let who = match e.population {
        TruthPopulation::Both => "both people in the truth",
        TruthPopulation::Any => "at least one person in the truth",
    };
    writeln!(
        out,
        "candidates ({who}): {} of {} pairs with interaction; {} related, {} not (base rate {:.3}); \
         {} related pairs without interaction are not ranked",
        e.candidates,
        e.pairs_with_interaction,
        e.positives,
        e.negatives,
        e.base_rate,
        e.related_without_interaction
    )?;
    writeln!(out)?;
    write_scores(&e.scores, out)?;
    writeln!(out)?;
    let rows: Vec<Vec<String>> = e
        .bands
        .iter()
        .map(|band| {
            vec![
                band.band.to_owned(),
                band.pairs.to_string(),
                band.related.to_string(),
                band.precision
                    .map_or_else(|| "-".to_owned(), |precision| format!("{precision:.3}")),
                format!("{:.3}", band.recall),
            ]
        })
        .collect();
    write_table(
        out,
        &["band", "pairs", "related", "precision", "recall"],
        &rows,
    )?;
    writeln!(out)?;
    if let Some(genuine) = e.bands.first() {
        writeln!(
            out,
            "genuine (medium or above): precision {} against a base rate of {:.3}, recall {:.3}",
            genuine
                .precision
                .map_or_else(|| "- (no genuine pair)".to_owned(), |p| format!("{p:.3}")),
            e.base_rate,
            genuine.recall
        )?;
    }
    write_descriptions(&e.scores, out)
}
