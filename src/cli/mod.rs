//! The command line: the only place that knows clap, indicatif, stdout,
//! stderr and exit codes. One file per subcommand (its arguments and `run`).

mod batch;
mod bench_query;
mod build;
mod evaluate;
mod explain;
mod export;
mod generate;
mod help;
mod intro;
mod output;
mod progress;
mod report;
mod targets;
mod ties;
mod who;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use output::stdout_error;
pub use output::write_error;

use clap::{Args, Parser, Subcommand, ValueEnum};

use warmpath::ingest::IngestOptions;
use warmpath::pipeline::{BuildOptions, Network, build_network};
use warmpath::tie_strength::Model;
use warmpath::time::parse_date;
use warmpath::{Error, Result};

/// Who can introduce me to X? Ranks introducers by the strength of the
/// relationships on the path, built from the contacts and interaction history
/// you already have. Exit codes: 0 done, 1 nothing genuine found, 2 usage or
/// input error.
#[derive(Debug, Parser)]
#[command(name = "warmpath", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour bands and tenuous paths in tables: auto (on a terminal, unless
    /// `NO_COLOR` is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = output::ColorChoice::Auto)]
    color: output::ColorChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Rank the people who can introduce you to a person or a company.
    #[command(after_help = help::INTRO)]
    Intro(intro::IntroArgs),
    /// Explain the strength of one tie, component by component.
    #[command(after_help = help::EXPLAIN)]
    Explain(explain::ExplainArgs),
    /// List every scored tie (or one person's).
    #[command(after_help = help::TIES)]
    Ties(ties::TiesArgs),
    /// Report how strong a network really is: engaged core, fading ties,
    /// prune candidates, reach by company, brokers, activity over time.
    #[command(after_help = help::REPORT)]
    Report(report::ReportArgs),
    /// Check the strength model on your own history: score ties before a
    /// split date and measure how well they predict who is in touch after it,
    /// or how well they rank pairs known to be real relationships (--truth).
    #[command(after_help = help::EVALUATE)]
    Evaluate(evaluate::EvaluateArgs),
    /// Export the network for graph tools (graphml, gexf), or one
    /// introduction's paths for Graphviz (dot).
    #[command(after_help = help::EXPORT)]
    Export(export::ExportArgs),
    /// Show who is who: the records merged into a person and why, namesakes
    /// kept apart, or (--suspects) probable duplicates not merged.
    #[command(after_help = help::WHO)]
    Who(who::WhoArgs),
    /// Generate a seeded synthetic network (for benchmarks and tests).
    #[command(after_help = help::GENERATE)]
    Generate(generate::GenerateArgs),
    /// Ingest and score once; save a snapshot that every command accepts as --data.
    #[command(after_help = help::BUILD)]
    Build(build::BuildArgs),
    /// Batch jobs over shards on timely dataflow, one machine or many:
    /// introductions into every target of a list, people every member should
    /// meet.
    #[command(after_help = help::BATCH)]
    Batch(batch::BatchArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = help::MAN)]
    Man(ManArgs),
    /// Time the in-process introducer query (used by benches/compare.sh).
    #[command(hide = true)]
    BenchQuery(bench_query::BenchQueryArgs),
}

/// Arguments of `warmpath completions`.
#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell.
    shell: clap_complete::Shell,
}

/// Arguments of `warmpath man`.
#[derive(Debug, Args)]
struct ManArgs {
    /// Write `warmpath.1` and one `warmpath-COMMAND.1` per command into this folder.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
}

/// Options every command shares: where the data is and how to read and score it.
// Doc comments here are help text, where product names stay plain.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Args)]
struct DataArgs {
    /// A dataset folder (people.csv, interactions.csv, relationships.csv), a LinkedIn export
    /// (.zip or folder), a team manifest (warmpath.toml), a calendar (.ics), mailbox (.mbox) or
    /// address book (.vcf, contacts .csv), or a snapshot from `warmpath build`; repeat to pool
    /// several.
    #[arg(long = "data", value_name = "PATH", required = true)]
    data: Vec<PathBuf>,
    /// Score ties as of this date (YYYY-MM-DD); defaults to the data's own date, else today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Your own email address, so that you are one person across calendars, mail
    /// and other exports; repeat for each address you use.
    #[arg(long = "me", value_name = "EMAIL")]
    me: Vec<String>,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// How to read and score the data: the flags `evaluate` shares with the
/// commands that take [`DataArgs`] (each declares its own `--data`).
#[derive(Debug, Args)]
struct ReadingArgs {
    /// A TOML file overriding any of the model's parameters.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Fail on the first malformed row instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// No progress or ingest summary on stderr.
    #[arg(long, short)]
    quiet: bool,
    /// The ingest summary file by file, with the first skipped rows of each
    /// (by default: one line per source).
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
}

impl ReadingArgs {
    /// The model `--model` gives, else the defaults.
    fn model(&self) -> Result<Model> {
        match &self.model {
            Some(path) => Model::from_toml_file(path),
            None => Ok(Model::default()),
        }
    }
}

/// Output formats of commands that print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned text for a terminal.
    Table,
    /// Stable JSON (documented in the README).
    Json,
    /// CSV, spreadsheet-safe.
    Csv,
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done.
    Done,
    /// Nothing genuine found (like grep without a match).
    NothingFound,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Self::Done => ExitCode::SUCCESS,
            Self::NothingFound => ExitCode::from(1),
        }
    }
}

/// The bytes of output gathered before each write to stdout.
const OUT_BUFFER: usize = 64 * 1024;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    output::set_color(cli.color);
    // Buffered in blocks, not lines: locked stdout alone writes each line
    // with its own system call, which was most of the time of listing
    // millions of ties as JSON (forty lines a tie). timely's threads print
    // connection progress: stdout stays unlocked while a batch job runs.
    let mut out: Box<dyn Write> = if matches!(cli.command, Command::Batch(_)) {
        Box::new(std::io::BufWriter::with_capacity(
            OUT_BUFFER,
            std::io::stdout(),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            OUT_BUFFER,
            std::io::stdout().lock(),
        ))
    };
    let outcome = match cli.command {
        Command::Intro(args) => intro::run(&args, &mut out),
        Command::Explain(args) => explain::run(&args, &mut out),
        Command::Ties(args) => ties::run(&args, &mut out),
        Command::Who(args) => who::run(&args, &mut out),
        Command::Report(args) => report::run(&args, &mut out),
        Command::Evaluate(args) => evaluate::run(&args, &mut out),
        Command::Export(args) => export::run(&args, &mut out),
        Command::Generate(args) => generate::run(&args, &mut out),
        Command::Build(args) => build::run(&args, &mut out),
        Command::Batch(args) => batch::run(&args, &mut out),
        Command::BenchQuery(args) => bench_query::run(&args, &mut out),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "warmpath", &mut out);
            Ok(Outcome::Done)
        }
        Command::Man(args) => help::write_man(args.output.as_deref(), &mut out),
    };
    match outcome {
        Err(Error::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(Outcome::Done)
        }
        other => other.and_then(|outcome| {
            out.flush().map_err(stdout_error)?;
            Ok(outcome)
        }),
    }
}

impl DataArgs {
    /// Reads the model and builds the network, reporting progress and the
    /// ingest summary on stderr unless `--quiet`.
    ///
    /// The network is never dropped: it lives until the process exits, and
    /// the system takes the memory back at once, where freeing millions of
    /// people and ties one by one would cost a noticeable share of a command.
    fn build(&self) -> Result<(std::mem::ManuallyDrop<Network>, Model)> {
        let (options, model) = self.options()?;
        let progress = progress::TerminalProgress::new(self.reading.quiet);
        let network = build_network(&self.data, &options, &progress)?;
        drop(progress);
        if !self.reading.quiet {
            // A summary that cannot be written is dropped; the answer stands.
            let mut err = std::io::stderr().lock();
            let _ = output::write_ingest_summary(&network, self.reading.verbose, &mut err)
                .and_then(|()| who::write_merge_counts(network.graph.people(), &mut err));
        }
        Ok((std::mem::ManuallyDrop::new(network), model))
    }

    /// The model and the build options the flags give.
    fn options(&self) -> Result<(BuildOptions, Model)> {
        let model = self.reading.model()?;
        let as_of = match &self.as_of {
            Some(text) => Some(parse_date(text).ok_or_else(|| Error::InvalidDate {
                value: text.clone(),
            })?),
            None => None,
        };
        let options = BuildOptions {
            model: model.clone(),
            as_of,
            today: jiff::ZonedDateTime::now().date(),
            ingest: IngestOptions {
                strict: self.reading.strict,
                as_of: None,
            },
            owner_emails: self.me.clone(),
        };
        Ok((options, model))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
