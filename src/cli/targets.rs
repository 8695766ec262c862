//! `warmpath intro --targets FILE`: the best introducers into every target
//! of a list, as a table, JSON lines (one object per target) or CSV (one row
//! per introducer), on stdout or written atomically with `-o`.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use warmpath::graph::RelationshipGraph;
use warmpath::intro::{
    BatchAnswer, IntroRequest, IntroStatus, PersonNames, RankedIntroducer, TargetLine,
    batch_introductions, parse_targets,
};
use warmpath::{Error, Result};

use super::intro::{IntroArgs, path_names, ranking_json, team_json};
use super::output::{csv_safe, strength, terminal_safe, write_table};
use super::progress::TerminalProgress;
use super::{Format, Outcome};

/// Runs `intro --targets`.
pub fn run(args: &IntroArgs, targets_file: &Path, out: &mut dyn Write) -> Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    let targets = read_targets(targets_file)?;
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    let request = IntroRequest {
        target: "",
        from: args.from.as_deref(),
        max_hops: usize::from(args.max_hops),
        top: args.top as usize,
        alternatives: 0,
    };
    let progress = TerminalProgress::new(args.data.reading.quiet);
    let answers = batch_introductions(graph, &request, &targets, &model, &progress);
    drop(progress);
    let rows: Vec<Row<'_>> = answers
        .iter()
        .map(|answer| Row {
            target: &answer.target,
            answer: answer
                .answer
                .as_ref()
                .map(|intros| (intros.ranking.status, &intros.ranking.introducers[..])),
        })
        .collect();
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match format {
            Format::Json => write_json_lines(graph, &answers, out),
            Format::Csv => write_csv(graph, &rows, out),
            Format::Table => write_text(graph, &rows, usize::from(args.max_hops), out),
        }
    };
    finish(
        &rows,
        args.output.as_deref(),
        args.data.reading.quiet,
        write,
        out,
    )
}

/// One target line's answer, as every rendering of many targets shows it.
pub(super) struct Row<'a> {
    /// The line.
    pub(super) target: &'a TargetLine,
    /// Its status and ranked introducers, or why it has none.
    pub(super) answer: std::result::Result<(IntroStatus, &'a [RankedIntroducer]), &'a Error>,
}

/// Reads a targets file, refusing one that lists no target.
pub(super) fn read_targets(path: &Path) -> Result<Vec<TargetLine>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let targets = parse_targets(&text);
    if targets.is_empty() {
        return Err(Error::Usage(format!(
            "{} lists no target: write one name, email, profile URL or company:NAME per line",
            path.display()
        )));
    }
    Ok(targets)
}

/// Writes the answers (atomically with `-o`, else on stdout), notes the
/// lines that could not be answered, and says how the batch ended.
pub(super) fn finish(
    rows: &[Row<'_>],
    output: Option<&Path>,
    quiet: bool,
    write: impl Fn(&mut dyn Write) -> std::io::Result<()>,
    out: &mut dyn Write,
) -> Result<Outcome> {
    super::output::write_answer(output, out, write)?;
    let errors = rows.iter().filter(|row| row.answer.is_err()).count();
    if errors > 0 && !quiet {
        super::output::write_note(&format!(
            "{errors} of {} targets could not be answered (see their lines in the output)",
            rows.len()
        ));
    }
    let found = rows
        .iter()
        .any(|row| matches!(row.answer, Ok((IntroStatus::Found, _))));
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// `--format`, else the output file's extension, else a table; the two
/// must agree.
pub(super) fn output_format(asked: Option<Format>, output: Option<&Path>) -> Result<Format> {
    let implied = output.and_then(Path::extension).and_then(|extension| {
        match extension.to_ascii_lowercase().to_str() {
            Some("json" | "jsonl" | "ndjson") => Some(Format::Json),
            Some("csv") => Some(Format::Csv),
            Some("txt" | "text") => Some(Format::Table),
            _ => None,
        }
    });
    match (asked, implied) {
        (Some(asked), Some(implied)) if asked != implied => Err(Error::Usage(format!(
            "--format contradicts the output file's extension ({}): drop --format or rename the file",
            output
                .map(Path::display)
                .map(|path| path.to_string())
                .unwrap_or_default()
        ))),
        (Some(asked), _) => Ok(asked),
        (None, Some(implied)) => Ok(implied),
        (None, None) => Ok(Format::Table),
    }
}

/// What a line that could not be answered says, in one line.
pub(super) fn error_text(error: &Error) -> String {
    error.to_string().replace('\n', " ")
}

fn write_json_lines(
    graph: &RelationshipGraph,
    answers: &[BatchAnswer],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for answer in answers {
        let mut value = match &answer.answer {
            Ok(intros) => {
                let mut value = ranking_json(graph, &intros.ranking, &[], &intros.ties);
                if let (Some(team), Some(object)) = (&intros.team, value.as_object_mut()) {
                    object.insert("from".to_owned(), team_json(graph, team));
                }
                value
            }
            Err(error) => json!({ "status": "error", "error": error_text(error) }),
        };
        warmpath::report::round_floats(&mut value);
        if let Some(object) = value.as_object_mut() {
            object.insert("line".to_owned(), json!(answer.target.line));
            object.insert("query".to_owned(), json!(answer.target.query));
        }
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)?;
    }
    Ok(())
}

pub(super) fn status_name(row: &Row<'_>) -> &'static str {
    match &row.answer {
        Ok((IntroStatus::Found, _)) => "found",
        Ok((IntroStatus::NoGenuinePath, _)) => "no_genuine_path",
        Err(_) => "error",
    }
}

/// One CSV row per introducer (one row for a target without any).
pub(super) fn write_csv(
    names: &dyn PersonNames,
    answers: &[Row<'_>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = [
        "line",
        "query",
        "status",
        "rank",
        "asker_id",
        "introducer_id",
        "introducer_name",
        "score",
        "weakest_link",
        "hops",
        "genuine",
        "path",
        "error",
    ];
    writer.write_record(header).map_err(std::io::Error::other)?;
    for answer in answers {
        let lead = [
            answer.target.line.to_string(),
            csv_safe(&answer.target.query),
            status_name(answer).to_owned(),
        ];
        let introducers = match &answer.answer {
            Ok((_, introducers)) => introducers,
            Err(_) => &[][..],
        };
        if introducers.is_empty() {
            let error = answer.answer.err().map(error_text).unwrap_or_default();
            let mut row: Vec<String> = lead.to_vec();
            row.extend(std::iter::repeat_n(String::new(), 9));
            row.push(csv_safe(&error));
            writer.write_record(&row).map_err(std::io::Error::other)?;
        }
        for introducer in introducers {
            let nodes = &introducer.path.nodes;
            let person = introducer.path.introducer();
            let mut row: Vec<String> = lead.to_vec();
            row.extend([
                introducer.rank.to_string(),
                csv_safe(names.stable_id(nodes[0])),
                csv_safe(names.stable_id(person)),
                csv_safe(names.display_name(person)),
                format!("{:.4}", introducer.path.score),
                format!("{:.4}", introducer.weakest_link),
                (nodes.len() - 1).to_string(),
                introducer.genuine.to_string(),
                csv_safe(&path_names(names, nodes)),
                String::new(),
            ]);
            writer.write_record(&row).map_err(std::io::Error::other)?;
        }
    }
    writer.flush()
}

/// A summary line, then a table of every target's introducers.
pub(super) fn write_text(
    names: &dyn PersonNames,
    answers: &[Row<'_>],
    max_hops: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let found = answers
        .iter()
        .filter(|answer| status_name(answer) == "found")
        .count();
    let errors = answers
        .iter()
        .filter(|answer| answer.answer.is_err())
        .count();
    writeln!(
        out,
        "{} targets: {found} with a genuine introduction, {} without, {errors} not answered",
        answers.len(),
        answers.len() - found - errors
    )?;
    writeln!(out)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for answer in answers {
        let target = terminal_safe(&answer.target.query);
        match answer.answer {
            Err(error) => rows.push(vec![
                answer.target.line.to_string(),
                target,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                terminal_safe(&error_text(error)),
            ]),
            Ok((_, [])) => rows.push(vec![
                answer.target.line.to_string(),
                target,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("no path within {max_hops} hops"),
            ]),
            Ok((_, introducers)) => {
                for (index, introducer) in introducers.iter().enumerate() {
                    let first = index == 0;
                    rows.push(vec![
                        if first {
                            answer.target.line.to_string()
                        } else {
                            String::new()
                        },
                        if first { target.clone() } else { String::new() },
                        introducer.rank.to_string(),
                        terminal_safe(names.display_name(introducer.path.introducer())),
                        format!("{:.3}", introducer.path.score),
                        if introducer.genuine {
                            strength(introducer.weakest_link)
                        } else {
                            format!("{} tenuous", strength(introducer.weakest_link))
                        },
                        terminal_safe(&path_names(names, &introducer.path.nodes)),
                    ]);
                }
            }
        }
    }
    write_table(
        out,
        &[
            "line",
            "target",
            "#",
            "introducer",
            "score",
            "weakest",
            "path",
        ],
        &rows,
    )
}
