//! `warmpath intro`: who can introduce the asker to a person or a company.

use std::io::Write;

use clap::Args;
use serde_json::{Value, json};
use warmpath::Result;
use warmpath::graph::RelationshipGraph;
use warmpath::identity::PersonId;
use warmpath::intro::{
    DEFAULT_MAX_HOPS, IntroQuery, IntroRanking, IntroStatus, Target, rank_introducers,
    resolve_target,
};

use super::output::{csv_safe, strength, terminal_safe, write_table};
use super::{DataArgs, Format, Outcome, resolve_from, stdout_error};

/// Arguments of `warmpath intro`.
#[derive(Debug, Args)]
pub struct IntroArgs {
    /// Whom to reach: an id, email, profile URL or name, or `company:NAME`.
    target: String,
    #[command(flatten)]
    data: DataArgs,
    /// Who is asking (defaults to the data's owner).
    #[arg(long, value_name = "WHO")]
    from: Option<String>,
    /// At most this many edges per path.
    #[arg(long, default_value_t = DEFAULT_MAX_HOPS as u16, value_parser = clap::value_parser!(u16).range(1..=8))]
    max_hops: u16,
    /// Show at most this many introducers.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `warmpath intro`.
pub fn run(args: &IntroArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    let from = resolve_from(&network, args.from.as_deref())?;
    let target = resolve_target(graph, &args.target)?;
    let ranking = rank_introducers(
        graph,
        IntroQuery {
            from,
            target,
            max_hops: usize::from(args.max_hops),
            top: args.top as usize,
        },
        &model,
    );
    match args.format {
        Format::Json => {
            let value = ranking_json(graph, &ranking);
            serde_json::to_writer_pretty(&mut *out, &value)
                .map_err(std::io::Error::from)
                .map_err(stdout_error)?;
            writeln!(out).map_err(stdout_error)?;
        }
        Format::Csv => write_csv(graph, &ranking, out)?,
        Format::Table => write_text(graph, &ranking, out).map_err(stdout_error)?,
    }
    Ok(match ranking.status {
        IntroStatus::Found => Outcome::Done,
        IntroStatus::NoGenuinePath => Outcome::NothingFound,
    })
}

/// `{"id", "name"}` of a person.
pub fn person_json(graph: &RelationshipGraph, id: PersonId) -> Value {
    let person = graph.person(id);
    json!({ "id": person.stable_id(), "name": person.display_name() })
}

fn target_json(graph: &RelationshipGraph, target: &Target) -> Value {
    match target {
        Target::Person(id) => person_json(graph, *id),
        Target::Company { name, .. } => json!({ "company": name }),
    }
}

/// The stable JSON of `intro` (documented in the README).
fn ranking_json(graph: &RelationshipGraph, ranking: &IntroRanking) -> Value {
    let introducers: Vec<Value> = ranking
        .introducers
        .iter()
        .map(|introducer| {
            let nodes = &introducer.path.nodes;
            let edges: Vec<Value> = nodes
                .windows(2)
                .filter_map(|pair| graph.tie_detail(pair[0], pair[1]))
                .map(|tie| {
                    json!({
                        "strength": tie.strength.strength,
                        "band": tie.strength.band,
                        "evidence": tie.evidence.describe(),
                    })
                })
                .collect();
            json!({
                "rank": introducer.rank,
                "introducer": person_json(graph, introducer.path.introducer()),
                "score": introducer.path.score,
                "weakest_link": introducer.weakest_link,
                "genuine": introducer.genuine,
                "path": nodes.iter().map(|id| person_json(graph, *id)).collect::<Vec<_>>(),
                "edges": edges,
            })
        })
        .collect();
    json!({
        "from": person_json(graph, ranking.query.from),
        "target": target_json(graph, &ranking.query.target),
        "as_of": graph.as_of().to_string(),
        "max_hops": ranking.query.max_hops,
        "status": ranking.status,
        "direct": ranking.direct.as_ref().map(|tie| json!({
            "strength": tie.strength.strength,
            "band": tie.strength.band,
            "evidence": tie.evidence.describe(),
        })),
        "introducers": introducers,
    })
}

fn path_names(graph: &RelationshipGraph, nodes: &[PersonId]) -> String {
    nodes
        .iter()
        .map(|id| graph.person(*id).display_name())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn write_text(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let from = graph.person(ranking.query.from).display_name();
    let target = match &ranking.query.target {
        Target::Person(id) => graph.person(*id).display_name().to_owned(),
        Target::Company { name, members } => format!("{name} ({} people)", members.len()),
    };
    writeln!(
        out,
        "{}",
        terminal_safe(&format!(
            "Introductions from {from} to {target}, within {} hops, as of {}",
            ranking.query.max_hops,
            graph.as_of()
        ))
    )?;
    if let Some(tie) = &ranking.direct {
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "You know them directly: {} {} ({})",
                strength(tie.strength.strength),
                tie.strength.band.name(),
                tie.evidence.describe()
            ))
        )?;
    }
    if ranking.introducers.is_empty() {
        writeln!(out, "No path within {} hops.", ranking.query.max_hops)?;
        return Ok(());
    }
    if ranking.status == IntroStatus::NoGenuinePath {
        writeln!(
            out,
            "No genuine path: every path below has a link too weak for a real introduction (tenuous)."
        )?;
    }
    writeln!(out)?;
    let rows: Vec<Vec<String>> = ranking
        .introducers
        .iter()
        .map(|introducer| {
            vec![
                introducer.rank.to_string(),
                graph
                    .person(introducer.path.introducer())
                    .display_name()
                    .to_owned(),
                format!("{:.3}", introducer.path.score),
                strength(introducer.weakest_link),
                if introducer.genuine {
                    String::new()
                } else {
                    "tenuous".to_owned()
                },
                path_names(graph, &introducer.path.nodes),
            ]
        })
        .collect();
    write_table(
        out,
        &["#", "introducer", "score", "weakest", "", "path"],
        &rows,
    )?;
    writeln!(out)?;
    writeln!(out, "Why:")?;
    for introducer in &ranking.introducers {
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "{}. {}",
                introducer.rank,
                graph.person(introducer.path.introducer()).display_name()
            ))
        )?;
        for pair in introducer.path.nodes.windows(2) {
            if let Some(tie) = graph.tie_detail(pair[0], pair[1]) {
                writeln!(
                    out,
                    "{}",
                    terminal_safe(&format!(
                        "   {} — {}: {} {} ({})",
                        graph.person(pair[0]).display_name(),
                        graph.person(pair[1]).display_name(),
                        strength(tie.strength.strength),
                        tie.strength.band.name(),
                        tie.evidence.describe()
                    ))
                )?;
            }
        }
    }
    Ok(())
}

fn write_csv(graph: &RelationshipGraph, ranking: &IntroRanking, out: &mut dyn Write) -> Result<()> {
    let csv_error = |error: csv::Error| stdout_error(std::io::Error::other(error));
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record([
            "rank",
            "introducer_id",
            "introducer_name",
            "score",
            "weakest_link",
            "hops",
            "genuine",
            "path",
        ])
        .map_err(csv_error)?;
    for introducer in &ranking.introducers {
        let person = graph.person(introducer.path.introducer());
        writer
            .write_record([
                introducer.rank.to_string(),
                csv_safe(person.stable_id()),
                csv_safe(person.display_name()),
                format!("{:.4}", introducer.path.score),
                format!("{:.4}", introducer.weakest_link),
                (introducer.path.nodes.len() - 1).to_string(),
                introducer.genuine.to_string(),
                csv_safe(&path_names(graph, &introducer.path.nodes)),
            ])
            .map_err(csv_error)?;
    }
    writer.flush().map_err(stdout_error)?;
    Ok(())
}
