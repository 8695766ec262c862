//! `warmpath build`: ingest and score once, save the graph as a snapshot that
//! every command accepts as `--data`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use warmpath::Result;
use warmpath::graph::{write_shards, write_snapshot, write_snapshot_to};
use warmpath::progress::Progress;

use super::output::{stdout_error, write_note};
use super::progress::TerminalProgress;
use super::{DataArgs, Outcome};

/// Arguments of `warmpath build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The snapshot file to write: a file is replaced atomically (keeping its
    /// permissions), a FIFO or device written into, `-` is stdout. With
    /// --shards, the folder to write the shards and their manifest into.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// Split the graph into this many shards by person (for `warmpath
    /// batch`): a folder of shard files and a manifest.json instead of one
    /// snapshot.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..=warmpath::graph::MAX_SHARDS as i64))]
    shards: Option<u32>,
}

/// Runs `warmpath build`.
pub fn run(args: &BuildArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, _) = args.data.build()?;
    let progress = TerminalProgress::new(args.data.reading.quiet);
    if let Some(shards) = args.shards {
        progress.stage("writing the shards", None);
        let manifest = write_shards(&network.graph, &args.output, shards as usize)?;
        drop(progress);
        if !args.data.reading.quiet {
            let bytes: u64 = manifest.shards.iter().map(|shard| shard.bytes).sum();
            write_note(&format!(
                "wrote {}: {} shards of {} people, {} ties, as of {} ({:.1} MB)",
                args.output.display(),
                manifest.count(),
                manifest.people,
                manifest.ties,
                manifest.as_of,
                bytes as f64 / 1e6
            ));
        }
        return Ok(Outcome::Done);
    }
    progress.stage("writing the snapshot", None);
    let size = if args.output == Path::new("-") {
        write_snapshot_to(&network.graph, out).map_err(stdout_error)?
    } else {
        write_snapshot(&network.graph, &args.output)?
    };
    drop(progress);
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
