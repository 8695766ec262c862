//! `warmpath report`: how strong a network really is, for one person or a
//! team, as a table, JSON, CSV or a self-contained HTML page, on stdout or
//! written atomically to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use warmpath::intro::DEFAULT_MAX_HOPS;
use warmpath::report::{RedactionKey, ReportFormat, ReportOf, ReportOptions, report, write_report};
use warmpath::{Error, Result};

use super::progress::TerminalProgress;
use super::{DataArgs, Outcome};

/// Arguments of `warmpath report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Whose network (id, email, profile URL or name); defaults to the data's owner.
    #[arg(long = "for", value_name = "WHO", conflicts_with = "team")]
    person: Option<String>,
    /// Report every owner of the data: a headline per member and the member
    /// with the strongest access into each company.
    #[arg(long)]
    team: bool,
    /// Output format; defaults to the --output file's extension (.json, .csv, .html), else table.
    #[arg(long, value_enum)]
    format: Option<ReportFormatArg>,
    /// Write to this file instead of stdout: a file is replaced atomically
    /// (keeping its permissions), a FIFO or device written into, `-` is stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace names, emails and URLs with pseudonyms ("Person 4821") for sharing,
    /// keyed with a random key: they differ from report to report.
    #[arg(long)]
    redact: bool,
    /// Redact with pseudonyms keyed by KEY, the same on every run with the same key
    /// (implies --redact; use a long random key and keep it secret).
    #[arg(long, value_name = "KEY", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    redact_key: Option<String>,
    /// At most this many rows per list (the prune list is always complete).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,
    /// At most this many edges per path into a company.
    #[arg(long, default_value_t = DEFAULT_MAX_HOPS as u16, value_parser = clap::value_parser!(u16).range(1..=8))]
    max_hops: u16,
}

/// Output formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormatArg {
    /// Aligned text for a terminal.
    Table,
    /// Stable JSON.
    Json,
    /// CSV, one row per listed person, spreadsheet-safe.
    Csv,
    /// One self-contained HTML page with charts.
    Html,
}

impl ReportArgs {
    /// The format: `--format`, else the output file's extension (`.json`,
    /// `.csv`, `.html`/`.htm`), else a table. A `--format` that contradicts
    /// the extension is a usage error.
    fn report_format(&self) -> Result<ReportFormat> {
        let from_extension =
            self.output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|extension| match extension.to_ascii_lowercase().to_str() {
                    Some("json") => Some(ReportFormatArg::Json),
                    Some("csv") => Some(ReportFormatArg::Csv),
                    Some("html" | "htm") => Some(ReportFormatArg::Html),
                    Some("txt" | "text") => Some(ReportFormatArg::Table),
                    _ => None,
                });
        let chosen = match (self.format, from_extension) {
            (Some(asked), Some(implied)) if asked != implied => {
                return Err(Error::Usage(format!(
                    "--format {} contradicts the output file {} (a {} file): drop --format or rename the file",
                    asked.name(),
                    self.output
                        .as_deref()
                        .map(Path::display)
                        .map(|path| path.to_string())
                        .unwrap_or_default(),
                    implied.name()
                )));
            }
            (Some(asked), _) => asked,
            (None, Some(implied)) => implied,
            (None, None) => ReportFormatArg::Table,
        };
        Ok(match chosen {
            ReportFormatArg::Table => ReportFormat::Table,
            ReportFormatArg::Json => ReportFormat::Json,
            ReportFormatArg::Csv => ReportFormat::Csv,
            ReportFormatArg::Html => ReportFormat::Html,
        })
    }
}

impl ReportFormatArg {
    fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Html => "html",
        }
    }
}

/// Runs `warmpath report`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let format = args.report_format()?;
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    let redact = match &args.redact_key {
        Some(key) => Some(RedactionKey::from_text(key)),
        None if args.redact => Some(RedactionKey::random()?),
        None => None,
    };
    let options = ReportOptions {
        top: args.top as usize,
        max_hops: usize::from(args.max_hops),
        redact,
    };
    let progress = TerminalProgress::new(args.data.reading.quiet);
    let of = if args.team {
        ReportOf::Team
    } else {
        ReportOf::Person(args.person.as_deref())
    };
    let report = report(graph, &model, of, &options, &progress)?;
    drop(progress);
    super::output::write_answer(args.output.as_deref(), out, |file| {
        write_report(&report, format, file)
    })?;
    Ok(Outcome::Done)
}
