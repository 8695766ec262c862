//! `warmpath intro`: who can introduce the asker to a person or a company.

use std::io::Write;

use clap::Args;
use serde_json::{Value, json};
use warmpath::Result;
use warmpath::graph::RelationshipGraph;
use warmpath::identity::PersonId;
use warmpath::intro::{
    DEFAULT_DRAFT_TEMPLATE, DEFAULT_MAX_HOPS, IntroPath, IntroRanking, IntroRequest, IntroStatus,
    Introductions, MutualsRanking, PathTies, RankedIntroducer, Target, TeamRanking,
    draft_introduction, introductions, mutual_introductions, weakest_link,
};

use super::output::{
    csv_safe, person_json, strength, terminal_safe, tie_json, write_csv, write_json, write_table,
};
use super::{DataArgs, Format, Outcome, stdout_error};

/// Arguments of `warmpath intro`.
// Doc comments here are help text, where placeholder names stay plain.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Args)]
pub struct IntroArgs {
    /// Whom to reach: an id, email, profile URL or name, or `company:NAME`.
    #[arg(required_unless_present = "targets")]
    target: Option<String>,
    /// Many targets at once: a file with one target per line (as TARGET; blank
    /// lines and `#` comments skipped), searched in parallel; an unknown or
    /// ambiguous line is reported on its own, never fatal.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["target", "mutuals", "alternatives"])]
    targets: Option<std::path::PathBuf>,
    /// With --targets: write the answers to this file (atomically) instead of
    /// stdout; its extension (.csv, .json/.jsonl, .txt) picks the format.
    #[arg(long, short, value_name = "FILE", requires = "targets")]
    pub(super) output: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub(super) data: DataArgs,
    /// Who is asking (defaults to the data's owner); `team` ranks introducers
    /// across every owner (each path starts at the member who would ask).
    #[arg(long, value_name = "WHO")]
    pub(super) from: Option<String>,
    /// A file listing the target's mutual connections, as copied from their
    /// profile (one name or profile URL per line): ranks them by your tie to each.
    #[arg(long, value_name = "FILE")]
    mutuals: Option<std::path::PathBuf>,
    /// At most this many edges per path.
    #[arg(long, default_value_t = DEFAULT_MAX_HOPS as u16, value_parser = clap::value_parser!(u16).range(1..=8))]
    pub(super) max_hops: u16,
    /// Show at most this many introducers.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) top: u32,
    /// Also show up to N alternative paths per introducer (through other second hops).
    #[arg(long, value_name = "N", default_value_t = 0)]
    alternatives: u32,
    /// Write the message asking the top introducer for the introduction
    /// (plain text: why them, what you share, a note to forward); nothing is sent.
    #[arg(long, conflicts_with_all = ["targets", "mutuals"])]
    draft: bool,
    /// With --draft: your own template, with placeholders such as {introducer_first},
    /// {target}, {why_me} and {forwardable} (see the README for all).
    #[arg(long, value_name = "FILE", requires = "draft")]
    draft_template: Option<std::path::PathBuf>,
    /// Output format (with --targets: JSON lines, one object per target).
    #[arg(long, value_enum)]
    pub(super) format: Option<Format>,
}

/// Runs `warmpath intro`.
pub fn run(args: &IntroArgs, out: &mut dyn Write) -> Result<Outcome> {
    if let Some(targets) = &args.targets {
        return super::targets::run(args, targets, out);
    }
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    if let Some(path) = &args.mutuals {
        return run_mutuals(args, path, &network, out);
    }
    let request = IntroRequest {
        target: args.target.as_deref().unwrap_or_default(),
        from: args.from.as_deref(),
        max_hops: usize::from(args.max_hops),
        top: args.top as usize,
        alternatives: args.alternatives as usize,
    };
    let Introductions {
        ranking,
        team,
        alternatives,
        ties,
    } = introductions(graph, &request, &model)?;
    if args.draft {
        let template = match &args.draft_template {
            Some(path) => read_template(path)?,
            None => DEFAULT_DRAFT_TEMPLATE.to_owned(),
        };
        let draft = draft_introduction(graph, &ranking, &ties, &template)?;
        write!(out, "{draft}").map_err(stdout_error)?;
        return Ok(Outcome::Done);
    }
    match args.format.unwrap_or(Format::Table) {
        Format::Json => {
            let mut value = ranking_json(graph, &ranking, &alternatives, &ties);
            if let (Some(team), Some(object)) = (&team, value.as_object_mut()) {
                object.insert("from".to_owned(), team_json(graph, team));
            }
            add_ingest(&mut value, &network);
            write_json(out, &value)?;
        }
        Format::Csv => write_ranking_csv(graph, &ranking, &alternatives, &model, out)?,
        Format::Table => {
            if let Some(team) = &team {
                write_team_header(graph, team, out).map_err(stdout_error)?;
            }
            let asker = match &team {
                Some(_) => "the team".to_owned(),
                None => graph.person(ranking.query.from).display_name().to_owned(),
            };
            write_text(graph, &ranking, &alternatives, &ties, &asker, out).map_err(stdout_error)?;
        }
    }
    Ok(match ranking.status {
        IntroStatus::Found => Outcome::Done,
        IntroStatus::NoGenuinePath => Outcome::NothingFound,
    })
}

fn target_json(graph: &RelationshipGraph, target: &Target) -> Value {
    match target {
        Target::Person(id) => person_json(graph, *id),
        Target::Company { name, .. } => json!({ "company": name }),
    }
}

/// `{"score", "weakest_link", "path"}` of a path.
fn path_json(graph: &RelationshipGraph, path: &IntroPath) -> Value {
    let weakest = weakest_link(graph, &path.nodes);
    json!({
        "score": path.score,
        "weakest_link": weakest,
        "path": path.nodes.iter().map(|id| person_json(graph, *id)).collect::<Vec<_>>(),
    })
}

/// The stable JSON of `intro` (documented in the README).
pub(super) fn ranking_json(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    alternatives: &[Vec<IntroPath>],
    ties: &PathTies,
) -> Value {
    let introducers: Vec<Value> = ranking
        .introducers
        .iter()
        .enumerate()
        .map(|(index, introducer)| {
            let nodes = &introducer.path.nodes;
            let edges: Vec<Value> = nodes
                .windows(2)
                .filter_map(|pair| ties.get(&(pair[0], pair[1])))
                .map(tie_json)
                .collect();
            let mut value = json!({
                "rank": introducer.rank,
                "introducer": person_json(graph, introducer.path.introducer()),
                "score": introducer.path.score,
                "weakest_link": introducer.weakest_link,
                "genuine": introducer.genuine,
                "path": nodes.iter().map(|id| person_json(graph, *id)).collect::<Vec<_>>(),
                "edges": edges,
                "through_known": introducer.through_known.map(|id| person_json(graph, id)),
            });
            if let (Some(paths), Some(object)) = (alternatives.get(index), value.as_object_mut()) {
                let paths = paths.iter().map(|path| path_json(graph, path)).collect();
                object.insert("alternatives".to_owned(), Value::Array(paths));
            }
            value
        })
        .collect();
    json!({
        "from": person_json(graph, ranking.query.from),
        "target": target_json(graph, &ranking.query.target),
        "as_of": graph.as_of().to_string(),
        "max_hops": ranking.query.max_hops,
        "status": ranking.status,
        "direct": ranking.direct.as_ref().map(tie_json),
        "introducers": introducers,
    })
}

pub(super) fn path_names(graph: &RelationshipGraph, nodes: &[PersonId]) -> String {
    nodes
        .iter()
        .map(|id| graph.person(*id).display_name())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn write_text(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    alternatives: &[Vec<IntroPath>],
    ties: &PathTies,
    from: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
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
    write_direct(graph, ranking, out)?;
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
    if ranking
        .introducers
        .iter()
        .all(|introducer| weaker_than_direct(ranking, introducer))
    {
        return writeln!(
            out,
            "No introduction needed: every path is weaker than your own tie."
        );
    }
    let rows = introducer_rows(graph, ranking);
    write_table(
        out,
        &["#", "introducer", "score", "weakest", "", "path"],
        &rows,
    )?;
    writeln!(out)?;
    write_why(graph, ranking, alternatives, ties, out)
}

/// "You know them directly", and the paths that tie makes no introductions.
fn write_direct(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    out: &mut dyn Write,
) -> std::io::Result<()> {
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
    let weaker_than_yours: Vec<&str> = ranking
        .introducers
        .iter()
        .filter(|introducer| weaker_than_direct(ranking, introducer))
        .map(|introducer| graph.person(introducer.path.introducer()).display_name())
        .collect();
    if !weaker_than_yours.is_empty() {
        let shown: Vec<&str> = weaker_than_yours.iter().take(5).copied().collect();
        let more = if weaker_than_yours.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "  ↳ your own tie beats the path through {} of them, so those are no introductions: {}{more}",
                weaker_than_yours.len(),
                shown.join(", ")
            ))
        )?;
    }
    Ok(())
}

/// The table's rows: each introducer, with the detours through them (a path
/// through someone the asker knows better directly is shown under that
/// person's own row, not as an introducer of its own).
fn introducer_rows(graph: &RelationshipGraph, ranking: &IntroRanking) -> Vec<Vec<String>> {
    let row = |introducer: &RankedIntroducer, rank: String| {
        vec![
            rank,
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
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for introducer in &ranking.introducers {
        if collapsed(ranking, introducer) {
            continue;
        }
        rows.push(row(introducer, introducer.rank.to_string()));
        for detour in ranking.introducers.iter().filter(|detour| {
            detour.through_known == Some(introducer.path.introducer())
                && !weaker_than_direct(ranking, detour)
        }) {
            let mut detour_row = row(detour, "↳".to_owned());
            detour_row[4] = format!(
                "detour: you know {} better yourself",
                graph.person(introducer.path.introducer()).display_name()
            );
            rows.push(detour_row);
        }
    }
    rows
}

/// Largest draft template read.
const MAX_TEMPLATE_BYTES: u64 = 64 * 1024;

fn read_template(path: &std::path::Path) -> Result<String> {
    let read_error = |source| warmpath::Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_TEMPLATE_BYTES {
        return Err(warmpath::Error::Usage(format!(
            "{} is {size} bytes; a draft template is at most {MAX_TEMPLATE_BYTES}",
            path.display()
        )));
    }
    std::fs::read_to_string(path).map_err(read_error)
}

/// True when the asker's own tie to a single-person target is at least as
/// strong as `introducer`'s path: asking them is no introduction.
fn weaker_than_direct(ranking: &IntroRanking, introducer: &RankedIntroducer) -> bool {
    ranking
        .direct
        .as_ref()
        .is_some_and(|tie| tie.strength.strength >= introducer.path.score)
}

/// True when `introducer` is not a row of its own in the table: its path is
/// weaker than the direct tie, or a detour through someone the asker knows
/// better directly who is a row of their own.
fn collapsed(ranking: &IntroRanking, introducer: &RankedIntroducer) -> bool {
    weaker_than_direct(ranking, introducer)
        || introducer.through_known.is_some_and(|known| {
            ranking.introducers.iter().any(|other| {
                other.path.introducer() == known
                    && other.through_known.is_none()
                    && !weaker_than_direct(ranking, other)
            })
        })
}

/// Why each introducer: every edge of the path with its evidence, then the
/// alternatives through them.
fn write_why(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    alternatives: &[Vec<IntroPath>],
    ties: &PathTies,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "Why:")?;
    for (index, introducer) in ranking.introducers.iter().enumerate() {
        if weaker_than_direct(ranking, introducer) {
            continue;
        }
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
            if let Some(tie) = ties.get(&(pair[0], pair[1])) {
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
        for path in alternatives.get(index).into_iter().flatten() {
            let weakest = weakest_link(graph, &path.nodes);
            writeln!(
                out,
                "{}",
                terminal_safe(&format!(
                    "   or: {} ({:.3}, weakest {})",
                    path_names(graph, &path.nodes),
                    path.score,
                    strength(weakest)
                ))
            )?;
        }
    }
    Ok(())
}

/// One row per path: each introducer's best (`kind` `best`) then, when
/// asked for, its alternatives (`alternative`, ranked like their introducer).
fn write_ranking_csv(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    alternatives: &[Vec<IntroPath>],
    model: &warmpath::tie_strength::Model,
    out: &mut dyn Write,
) -> Result<()> {
    let header = [
        "rank",
        "introducer_id",
        "introducer_name",
        "score",
        "weakest_link",
        "hops",
        "genuine",
        "path",
        "kind",
    ];
    let genuine = |path: &IntroPath, weakest: f64| {
        let thresholds = &model.genuine;
        path.score >= thresholds.min_path_strength && weakest >= thresholds.min_link_strength
    };
    let row = |rank: usize, path: &IntroPath, weakest: f64, genuine: bool, kind: &str| {
        let person = graph.person(path.introducer());
        vec![
            rank.to_string(),
            csv_safe(person.stable_id()),
            csv_safe(person.display_name()),
            format!("{:.4}", path.score),
            format!("{weakest:.4}"),
            (path.nodes.len() - 1).to_string(),
            genuine.to_string(),
            csv_safe(&path_names(graph, &path.nodes)),
            kind.to_owned(),
        ]
    };
    let rows = ranking
        .introducers
        .iter()
        .enumerate()
        .flat_map(|(index, introducer)| {
            let best = row(
                introducer.rank,
                &introducer.path,
                introducer.weakest_link,
                introducer.genuine,
                "best",
            );
            let others = alternatives
                .get(index)
                .into_iter()
                .flatten()
                .map(move |path| {
                    let weakest = weakest_link(graph, &path.nodes);
                    row(
                        introducer.rank,
                        path,
                        weakest,
                        genuine(path, weakest),
                        "alternative",
                    )
                });
            std::iter::once(best).chain(others)
        })
        .collect::<Vec<_>>();
    write_csv(out, &header, rows)
}

/// Adds the ingest summary (rows read, used, skipped by reason, per file) to
/// a JSON answer under `ingest`.
fn add_ingest(value: &mut Value, network: &warmpath::pipeline::Network) {
    if let (Some(object), Ok(summary)) = (
        value.as_object_mut(),
        serde_json::to_value(&network.summary),
    ) {
        object.insert("ingest".to_owned(), summary);
    }
}

/// `from` of a team answer: the members, and those who know the target directly.
pub(super) fn team_json(graph: &RelationshipGraph, team: &TeamRanking) -> Value {
    json!({
        "team": team.members.iter().map(|id| person_json(graph, *id)).collect::<Vec<_>>(),
        "direct": team.direct.iter().map(|(member, tie)| {
            let mut value = tie_json(tie);
            if let Some(object) = value.as_object_mut() {
                object.insert("member".to_owned(), person_json(graph, *member));
            }
            value
        }).collect::<Vec<_>>(),
    })
}

/// The lines a team answer starts with: who could ask, who knows the target.
fn write_team_header(
    graph: &RelationshipGraph,
    team: &TeamRanking,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let names: Vec<&str> = team
        .members
        .iter()
        .map(|id| graph.person(*id).display_name())
        .collect();
    writeln!(
        out,
        "{}",
        terminal_safe(&format!(
            "Team: {} (each path starts at the member who would ask)",
            names.join(", ")
        ))
    )?;
    for (member, tie) in &team.direct {
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "{} knows them directly: {} {} ({})",
                graph.person(*member).display_name(),
                strength(tie.strength.strength),
                tie.strength.band.name(),
                tie.evidence.describe()
            ))
        )?;
    }
    Ok(())
}

/// `intro TARGET --mutuals FILE`: the listed mutual connections, ranked by the
/// asker's tie to each. Their tie to the target is unknown and said so.
fn run_mutuals(
    args: &IntroArgs,
    path: &std::path::Path,
    network: &warmpath::pipeline::Network,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let graph = &network.graph;
    let answer = mutual_introductions(
        graph,
        args.from.as_deref(),
        args.target.as_deref().unwrap_or_default(),
        path,
    )?;
    let (from, target_name, ranking) = (answer.from, &answer.target, &answer.ranking);
    match args.format.unwrap_or(Format::Table) {
        Format::Json => {
            let mut value = mutuals_json(graph, from, target_name, ranking);
            add_ingest(&mut value, network);
            write_json(out, &value)?;
        }
        Format::Csv => write_mutuals_csv(graph, ranking, out)?,
        Format::Table => {
            write_mutuals_text(graph, from, target_name, ranking, out).map_err(stdout_error)?;
        }
    }
    Ok(if answer.found() {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

fn mutuals_json(
    graph: &RelationshipGraph,
    from: PersonId,
    target: &str,
    ranking: &MutualsRanking,
) -> Value {
    json!({
        "from": person_json(graph, from),
        "target": { "query": target },
        "as_of": graph.as_of().to_string(),
        "tie_to_target": if ranking.mutuals.iter().all(|mutual| mutual.to_target.is_some()) && !ranking.mutuals.is_empty() {
            "known"
        } else {
            "unknown"
        },
        "mutuals": ranking.mutuals.iter().map(|mutual| json!({
            "rank": mutual.rank,
            "person": person_json(graph, mutual.person),
            "strength": mutual.tie.as_ref().map(|tie| tie.strength.strength),
            "band": mutual.tie.as_ref().map(|tie| tie.strength.band),
            "evidence": mutual.tie.as_ref().map(|tie| tie.evidence.describe()),
            "tie_to_target": if mutual.to_target.is_some() { "known" } else { "unknown" },
            "target_tie": mutual.to_target.as_ref().map(|tie| json!({
                "strength": tie.strength.strength,
                "band": tie.strength.band,
                "evidence": tie.evidence.describe(),
            })),
        })).collect::<Vec<_>>(),
        "not_found": ranking.not_found.iter().map(|(query, reason)| json!({
            "query": query,
            "reason": reason,
        })).collect::<Vec<_>>(),
    })
}

fn write_mutuals_text(
    graph: &RelationshipGraph,
    from: PersonId,
    target: &str,
    ranking: &MutualsRanking,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let asker = graph.person(from).display_name();
    writeln!(
        out,
        "{}",
        terminal_safe(&format!(
            "Mutual connections of {target} listed by LinkedIn, ranked by {asker}'s tie to each, as of {}",
            graph.as_of()
        ))
    )?;
    let unknown = ranking
        .mutuals
        .iter()
        .filter(|mutual| mutual.to_target.is_none())
        .count();
    if unknown > 0 {
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "The data holds no tie to {target} for {unknown} of them (LinkedIn does not export one): \
                 ask the strongest first, and ask whether they really know {target}."
            ))
        )?;
    }
    writeln!(out)?;
    let rows: Vec<Vec<String>> = ranking
        .mutuals
        .iter()
        .map(|mutual| {
            let (tie, band, evidence) = match &mutual.tie {
                Some(tie) => (
                    strength(tie.strength.strength),
                    tie.strength.band.name().to_owned(),
                    tie.evidence.describe(),
                ),
                None => (
                    "-".to_owned(),
                    "none".to_owned(),
                    "no recorded tie".to_owned(),
                ),
            };
            vec![
                mutual.rank.to_string(),
                graph.person(mutual.person).display_name().to_owned(),
                tie,
                band,
                mutual.to_target.as_ref().map_or_else(
                    || "unknown".to_owned(),
                    |tie| {
                        format!(
                            "{} {}",
                            strength(tie.strength.strength),
                            tie.strength.band.name()
                        )
                    },
                ),
                evidence,
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "#",
            "mutual",
            "your tie",
            "band",
            &format!("tie to {target}"),
            "evidence",
        ],
        &rows,
    )?;
    for (query, reason) in &ranking.not_found {
        writeln!(
            out,
            "{}",
            terminal_safe(&format!("not in your data: {query} ({reason})"))
        )?;
    }
    Ok(())
}

fn write_mutuals_csv(
    graph: &RelationshipGraph,
    ranking: &MutualsRanking,
    out: &mut dyn Write,
) -> Result<()> {
    let header = ["rank", "id", "name", "your_tie", "band", "tie_to_target"];
    let rows = ranking.mutuals.iter().map(|mutual| {
        let person = graph.person(mutual.person);
        vec![
            mutual.rank.to_string(),
            csv_safe(person.stable_id()),
            csv_safe(person.display_name()),
            mutual
                .tie
                .as_ref()
                .map_or(String::new(), |tie| format!("{:.4}", tie.strength.strength)),
            mutual
                .tie
                .as_ref()
                .map_or("none", |tie| tie.strength.band.name())
                .to_owned(),
            mutual.to_target.as_ref().map_or_else(
                || "unknown".to_owned(),
                |tie| format!("{:.4}", tie.strength.strength),
            ),
        ]
    });
    write_csv(out, &header, rows)
}
