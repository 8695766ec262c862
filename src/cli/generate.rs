//! `warmpath generate`: a seeded synthetic network written as a dataset.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use warmpath::synthetic::{
    SyntheticConfig, SyntheticNetwork, write_generic_dataset, write_linkedin_exports,
    write_ties_only,
};
use warmpath::{Error, Result};

use super::Outcome;
use super::progress::TerminalProgress;

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
pub fn run(args: &GenerateArgs) -> Result<Outcome> {
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
    Ok(Outcome::Done)
}
