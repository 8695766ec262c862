//! `warmpath evaluate`: how well the tie strength predicts who is in touch
//! again after a split date, against simple baselines.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use warmpath::evaluate::{DEFAULT_KS, EvaluateOptions, Evaluation, Split, instant_text};
use warmpath::ingest::IngestOptions;
use warmpath::pipeline::evaluate_sources;
use warmpath::time::{end_of_day, parse_date};
use warmpath::{Error, Result};

use super::output::{terminal_safe, write_json, write_table};
use super::{Outcome, ReadingArgs, progress, stdout_error};

/// Arguments of `warmpath evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A dataset: a generic CSV folder, a SNAP edge list (CollegeMsg.txt) or
    /// face-to-face contacts (a tij_*.dat file or its folder); repeat to pool.
    #[arg(long = "data", value_name = "PATH", required = true)]
    data: Vec<PathBuf>,
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

/// Runs `warmpath evaluate`.
pub fn run(args: &EvaluateArgs, out: &mut dyn Write) -> Result<Outcome> {
    let model = args.reading.model()?;
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
    let ingest = IngestOptions {
        strict: args.reading.strict,
        ..IngestOptions::default()
    };
    let progress = progress::TerminalProgress::new(args.reading.quiet);
    let run = evaluate_sources(&args.data, ingest, &options, &progress)?;
    drop(progress);
    if !args.reading.quiet {
        super::output::write_files_read(&run.summary, &mut std::io::stderr().lock())
            .map_err(stdout_error)?;
    }
    let evaluation = run.evaluation?;
    match args.format {
        EvaluateFormat::Json => write_json(out, &evaluation)?,
        EvaluateFormat::Table => write_report(&evaluation, out).map_err(stdout_error)?,
    }
    Ok(Outcome::Done)
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
    let ks: Vec<usize> = e
        .scores
        .first()
        .map(|score| score.precision_at.iter().map(|(k, _)| *k).collect())
        .unwrap_or_default();
    let mut header = vec!["score".to_owned(), "ROC AUC".to_owned()];
    header.extend(ks.iter().map(|k| format!("P@{k}")));
    let rows: Vec<Vec<String>> = e
        .scores
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
    write_table(out, &header, &rows)?;
    writeln!(out)?;
    writeln!(
        out,
        "base rate (share of positives): {:.3}",
        e.positives as f64 / e.candidates.max(1) as f64
    )?;
    for score in &e.scores {
        writeln!(out, "{:>17}: {}", score.name, score.description)?;
    }
    Ok(())
}
