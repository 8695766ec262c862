//! `warmpath export`: the network for graph tools (`GraphML`, `GEXF`), or the
//! paths of one introduction for Graphviz (DOT), on stdout or written
//! atomically to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use warmpath::export::{ExportFormat, export_network, write_intro_dot, write_network};
use warmpath::intro::{DEFAULT_MAX_HOPS, IntroRequest, introductions, resolve_person};
use warmpath::{Error, Result};

use super::{DataArgs, Outcome};

/// Arguments of `warmpath export`.
// Doc comments here are help text, where product names stay plain.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// What to write; defaults to the --output file's extension (.graphml,
    /// .gexf, .dot or .gv).
    #[arg(long, value_enum)]
    format: Option<ExportFormatArg>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// GraphML/GEXF: only this person's ties and the people they reach.
    #[arg(long, value_name = "WHO", conflicts_with = "intro")]
    person: Option<String>,
    /// DOT: the introduction to draw (a target as `intro` takes it).
    #[arg(long, value_name = "TARGET")]
    intro: Option<String>,
    /// DOT: who is asking (as `intro --from`).
    #[arg(long, value_name = "WHO", requires = "intro")]
    from: Option<String>,
    /// DOT: at most this many introducers.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,
    /// DOT: at most this many edges per path.
    #[arg(long, default_value_t = DEFAULT_MAX_HOPS as u16, value_parser = clap::value_parser!(u16).range(1..=8))]
    max_hops: u16,
}

/// Formats of `warmpath export`.
// Doc comments here are help text, where product names stay plain.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormatArg {
    /// GraphML: Gephi, Cytoscape, yEd, networkx.
    Graphml,
    /// GEXF 1.3: Gephi's own format.
    Gexf,
    /// Graphviz DOT of one introduction's paths (needs --intro).
    Dot,
}

impl ExportArgs {
    fn format(&self) -> Result<ExportFormatArg> {
        let implied = self
            .output
            .as_deref()
            .and_then(Path::extension)
            .and_then(|extension| match extension.to_ascii_lowercase().to_str() {
                Some("graphml") => Some(ExportFormatArg::Graphml),
                Some("gexf") => Some(ExportFormatArg::Gexf),
                Some("dot" | "gv") => Some(ExportFormatArg::Dot),
                _ => None,
            });
        let format = match (self.format, implied) {
            (Some(asked), Some(implied)) if asked != implied => {
                return Err(Error::Usage(
                    "--format contradicts the output file's extension: drop --format or rename the file"
                        .to_owned(),
                ));
            }
            (Some(format), _) | (None, Some(format)) => format,
            (None, None) => {
                return Err(Error::Usage(
                    "say what to export: --format graphml, gexf or dot (or an --output file ending in one)"
                        .to_owned(),
                ));
            }
        };
        match (format, &self.intro) {
            (ExportFormatArg::Dot, None) => Err(Error::Usage(
                "--format dot draws one introduction: add --intro TARGET".to_owned(),
            )),
            (ExportFormatArg::Graphml | ExportFormatArg::Gexf, Some(_)) => Err(Error::Usage(
                "--intro draws one introduction as DOT: use --format dot (GraphML and GEXF export the network)"
                    .to_owned(),
            )),
            _ => Ok(format),
        }
    }
}

/// What is written, gathered before the output file is opened.
enum Prepared<'g> {
    Dot(Box<warmpath::intro::IntroRanking>),
    Network(warmpath::export::NetworkExport<'g>, ExportFormat),
}

/// Runs `warmpath export`.
pub fn run(args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let format = args.format()?;
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    // Everything that can fail but writing happens first, so that a failed
    // export never leaves a half-written file.
    let prepared = match format {
        ExportFormatArg::Dot => {
            let request = IntroRequest {
                target: args.intro.as_deref().unwrap_or_default(),
                from: args.from.as_deref(),
                max_hops: usize::from(args.max_hops),
                top: args.top as usize,
                alternatives: 0,
            };
            Prepared::Dot(Box::new(introductions(graph, &request, &model)?.ranking))
        }
        ExportFormatArg::Graphml | ExportFormatArg::Gexf => {
            let person = args
                .person
                .as_deref()
                .map(|query| resolve_person(graph, query))
                .transpose()?;
            let kind = if format == ExportFormatArg::Gexf {
                ExportFormat::Gexf
            } else {
                ExportFormat::GraphMl
            };
            Prepared::Network(export_network(graph, person)?, kind)
        }
    };
    let write = |out: &mut dyn Write| match &prepared {
        Prepared::Dot(ranking) => write_intro_dot(graph, ranking, out),
        Prepared::Network(export, kind) => write_network(export, *kind, out),
    };
    super::output::write_answer(args.output.as_deref(), out, write)?;
    Ok(Outcome::Done)
}
