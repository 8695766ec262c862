//! `warmpath build`: ingest and score once, save the graph as a snapshot that
//! every command accepts as `--data`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use warmpath::Result;
use warmpath::graph::{write_snapshot, write_snapshot_to};

use super::output::{stdout_error, write_note};
use super::{DataArgs, Outcome};

/// Arguments of `warmpath build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The snapshot file to write: a file is replaced atomically (keeping its
    /// permissions), a FIFO or device written into, `-` is stdout.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
}

/// Runs `warmpath build`.
pub fn run(args: &BuildArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, _) = args.data.build()?;
    let size = if args.output == Path::new("-") {
        write_snapshot_to(&network.graph, out).map_err(stdout_error)?
    } else {
        write_snapshot(&network.graph, &args.output)?
    };
    if !args.data.reading.quiet {
        write_note(&format!(
            "wrote {}: {} people, {} ties, as of {} ({:.1} MB)",
            args.output.display(),
            network.graph.people().len(),
            network.graph.tie_count(),
            network.graph.as_of(),
            size as f64 / 1e6
        ));
    }
    Ok(Outcome::Done)
}
