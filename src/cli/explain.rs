//! `warmpath explain`: the strength of one tie and every component of it.

use std::io::Write;

use clap::Args;
use serde_json::json;
use warmpath::Result;
use warmpath::intro::tie_between;
use warmpath::tie_strength::{Explanation, Tie, explain};

use super::output::{
    csv_safe, person_json, strength, terminal_safe, write_csv, write_json, write_table,
};
use super::{DataArgs, Format, Outcome, stdout_error};

/// Arguments of `warmpath explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// One side of the tie (id, email, profile URL or name).
    a: String,
    /// The other side.
    b: String,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn write_header(
    explanation: &Explanation,
    tie: &Tie,
    name_a: &str,
    name_b: &str,
    as_of: jiff::civil::Date,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let s = &tie.strength;
    let title = format!(
        "{name_a} — {name_b}: {} {} as of {as_of}",
        strength(s.strength),
        s.band.name()
    );
    for line in std::iter::once(&title).chain(&explanation.notes) {
        writeln!(out, "{}", terminal_safe(line))?;
    }
    writeln!(out)
}

/// Runs `warmpath explain`.
pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    let (a, b, tie) = tie_between(graph, &args.a, &args.b)?;
    let tie = &*tie;
    let explanation = explain(tie, &model);
    let lines = &explanation.components;
    let (name_a, name_b) = (
        graph.person(a).display_name(),
        graph.person(b).display_name(),
    );
    match args.format {
        Format::Json => {
            let value = json!({
                "a": person_json(graph, a),
                "b": person_json(graph, b),
                "as_of": graph.as_of().to_string(),
                "strength": tie.strength.strength,
                "band": tie.strength.band,
                "peak": tie.strength.peak,
                "evidence": tie.evidence.describe(),
                "counts": tie.evidence,
                "components": lines.iter().map(|line| json!({
                    "name": line.name, "value": line.value, "weight": line.weight, "note": line.note,
                })).collect::<Vec<_>>(),
            });
            write_json(out, &value)?;
        }
        Format::Csv => write_csv(
            out,
            &["component", "value", "weight", "note"],
            lines.iter().map(|line| {
                vec![
                    line.name.to_owned(),
                    format!("{:.4}", line.value),
                    format!("{:.4}", line.weight),
                    csv_safe(&line.note),
                ]
            }),
        )?,
        Format::Table => {
            write_header(&explanation, tie, name_a, name_b, graph.as_of(), out)
                .map_err(stdout_error)?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|line| {
                    vec![
                        line.name.to_owned(),
                        strength(line.value),
                        if line.weight < 1.0 {
                            format!("× {:.2}", line.weight)
                        } else {
                            "×".to_owned()
                        },
                        line.note.clone(),
                    ]
                })
                .collect();
            write_table(out, &["component", "value", "weight", "note"], &rows)
                .map_err(stdout_error)?;
            writeln!(
                out,
                "\nstrength = confidence × Σ weight × component, then reciprocity cap, attention, declarations"
            )
            .map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Done)
}
