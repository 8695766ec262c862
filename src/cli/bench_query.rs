//! `warmpath bench-query` (hidden): times the in-process introducer query on
//! loaded data, for `benches/compare.sh`. Prints one JSON line.

use std::io::Write;
use std::time::Instant;

use clap::Args;
use warmpath::Result;
use warmpath::intro::{
    DEFAULT_MAX_HOPS, IntroQuery, rank_introducers, resolve_asking_person, resolve_target,
};

use super::{DataArgs, Outcome, stdout_error};

/// Arguments of `warmpath bench-query`.
#[derive(Debug, Args)]
pub struct BenchQueryArgs {
    /// Whom to reach.
    target: String,
    #[command(flatten)]
    data: DataArgs,
    /// Who is asking (defaults to the data's owner).
    #[arg(long, value_name = "WHO")]
    from: Option<String>,
    /// Number of timed queries.
    #[arg(long, default_value_t = 200)]
    iterations: u32,
}

/// Runs `warmpath bench-query`.
pub fn run(args: &BenchQueryArgs, out: &mut dyn Write) -> Result<Outcome> {
    let started = Instant::now();
    let (network, model) = args.data.build()?;
    let load_secs = started.elapsed().as_secs_f64();
    let graph = &network.graph;
    let from = resolve_asking_person(graph, args.from.as_deref())?;
    let resolving = Instant::now();
    let target = resolve_target(graph, &args.target)?;
    let resolve_micros = resolving.elapsed().as_secs_f64() * 1e6;
    let mut times = Vec::with_capacity(args.iterations as usize);
    let mut best = None;
    for _ in 0..args.iterations.max(1) {
        let query = IntroQuery {
            from,
            target: target.clone(),
            max_hops: DEFAULT_MAX_HOPS,
            top: 10,
        };
        let start = Instant::now();
        let ranking = rank_introducers(graph, query, &model)?;
        times.push(start.elapsed().as_secs_f64() * 1e6);
        best = ranking.introducers.first().map(|first| {
            (
                graph.person(first.path.introducer()).stable_id().to_owned(),
                first.path.score,
            )
        });
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let line = serde_json::json!({
        "load_secs": load_secs,
        "resolve_target_us": resolve_micros,
        "query_median_us": median,
        "query_min_us": times[0],
        "iterations": times.len(),
        "people": graph.people().len(),
        "ties": graph.tie_count(),
        "best_introducer": best.as_ref().map(|(id, _)| id.clone()),
        "best_score": best.map(|(_, score)| score),
    });
    writeln!(out, "{line}").map_err(stdout_error)?;
    Ok(Outcome::Done)
}
