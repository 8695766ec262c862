//! `warmpath generate`: a seeded synthetic network written as a dataset.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use warmpath::synthetic::{
    SyntheticConfig, SyntheticNetwork, write_generic_dataset, write_linkedin_exports,
    write_ties_only,
};
use warmpath::{Error, Result};

use super::progress::TerminalProgress;
use super::{Outcome, stdout_error};

/// Arguments of `warmpath generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of people.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..))]
    people: u32,
    /// Seed; the same seed gives byte-identical files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Folder to write (created if missing).
    #[arg(long, value_name = "DIR")]
    output: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GenerateFormat::Generic)]
    format: GenerateFormat,
    /// Number of owners with their own export (`LinkedIn` format only).
    #[arg(long, value_name = "K", default_value_t = 1)]
    owners: u32,
    /// Mean number of ties each person starts (the mean degree is twice this).
    #[arg(long, value_name = "T", default_value_t = warmpath::synthetic::DEFAULT_TIES_PER_PERSON)]
    ties_per_person: f64,
    /// Write only relationships.csv as a weighted edge list (a,b,strength), the shape graph libraries load.
    #[arg(long)]
    ties_only: bool,
    /// Write into a folder that already holds files (replacing those of the same names).
    #[arg(long)]
    force: bool,
    /// No progress on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GenerateFormat {
    /// people.csv, interactions.csv, relationships.csv and warmpath.toml.
    Generic,
    /// `LinkedIn` data exports, one zip per owner, and team.toml pooling them.
    Linkedin,
}

/// Runs `warmpath generate`.
pub fn run(args: &GenerateArgs, out: &mut dyn Write) -> Result<Outcome> {
    if args.format == GenerateFormat::Linkedin && args.ties_only {
        return Err(Error::Usage(
            "--ties-only writes the generic edge list; drop it or use --format generic".to_owned(),
        ));
    }
    if args.format == GenerateFormat::Generic && args.owners != 1 {
        return Err(Error::Usage(
            "--owners needs --format linkedin (the generic dataset has one owner)".to_owned(),
        ));
    }
    if args.owners == 0 || args.owners > args.people {
        return Err(Error::Usage(format!(
            "--owners must be between 1 and --people ({}), not {}",
            args.people, args.owners
        )));
    }
    if !(args.ties_per_person.is_finite() && args.ties_per_person > 0.0) {
        return Err(Error::Usage(
            "--ties-per-person must be a positive number".to_owned(),
        ));
    }
    if !args.force && folder_has_entries(&args.output) {
        return Err(Error::Usage(format!(
            "{} is not empty: generate into a new or empty folder, or pass --force to replace its files",
            args.output.display()
        )));
    }
    let before = listing(&args.output);
    let progress = TerminalProgress::new(args.quiet);
    let config = SyntheticConfig {
        people: args.people,
        seed: args.seed,
        ties_per_person: args.ties_per_person,
    };
    let network = SyntheticNetwork::generate(&config, &progress);
    if args.format == GenerateFormat::Linkedin {
        write_linkedin_exports(&network, &args.output, args.owners, &progress)?;
    } else if args.ties_only {
        write_ties_only(&network, &args.output, &progress)?;
    } else {
        write_generic_dataset(&network, &args.output, &progress)?;
    }
    drop(progress);
    // What changed: every file, unless --force wrote into a folder with others.
    let written: Vec<(String, u64, Option<std::time::SystemTime>)> = listing(&args.output)
        .into_iter()
        .filter(|file| !before.contains(file))
        .collect();
    let total: u64 = written.iter().map(|(_, size, _)| size).sum();
    writeln!(
        out,
        "wrote {} files, {}, to {}:",
        written.len(),
        human_bytes(total),
        args.output.display()
    )
    .map_err(stdout_error)?;
    for (name, size, _) in &written {
        writeln!(out, "  {name}  {}", human_bytes(*size)).map_err(stdout_error)?;
    }
    Ok(Outcome::Done)
}

/// True when `folder` exists and holds anything.
fn folder_has_entries(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some())
}

/// The regular files directly in `folder`, with their sizes and times, by name.
fn listing(folder: &Path) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    let mut files: Vec<(String, u64, Option<std::time::SystemTime>)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let metadata = entry.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some((
                entry.file_name().to_string_lossy().into_owned(),
                metadata.len(),
                metadata.modified().ok(),
            ))
        })
        .collect();
    files.sort();
    files
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
