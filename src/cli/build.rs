//! `warmpath build`: ingest and score once, save the graph as a snapshot that
//! every command accepts as `--data`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use warmpath::Result;
use warmpath::graph::write_snapshot;

use super::{DataArgs, Outcome};

/// Arguments of `warmpath build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The snapshot file to write (replaced atomically).
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
}

/// Runs `warmpath build`.
pub fn run(args: &BuildArgs) -> Result<Outcome> {
    let (network, _) = args.data.build()?;
    write_snapshot(&network.graph, &args.output)?;
    if !args.data.reading.quiet {
        let size = std::fs::metadata(&args.output).map_or(0, |meta| meta.len());
        let _ = writeln!(
            std::io::stderr().lock(),
            "wrote {}: {} people, {} ties, as of {} ({:.1} MB)",
            args.output.display(),
            network.graph.people().len(),
            network.graph.tie_count(),
            network.graph.as_of(),
            size as f64 / 1e6
        );
    }
    Ok(Outcome::Done)
}
