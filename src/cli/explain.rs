//! `warmpath explain`: the strength of one tie and every component of it.

use std::io::Write;

use clap::Args;
use serde_json::json;
use warmpath::Result;
use warmpath::intro::tie_between;
use warmpath::tie_strength::{Explanation, Tie, explain_tie};

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
    // Explained with the model the ties were scored with (a snapshot keeps
    // its own; `--model` on a snapshot only moves the genuine thresholds).
    let (network, _) = args.data.build()?;
    let graph = &network.graph;
    let (a, b, tie) = tie_between(graph, &args.a, &args.b)?;
    let tie = &*tie;
    let explanation = explain_tie(tie, graph.model());
    let lines = &explanation.terms;
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
                "components": lines.iter().map(|term| json!({
                    "name": term.name, "value": term.value, "weight": term.weight,
                    "contribution": term.contribution, "note": term.note,
                })).collect::<Vec<_>>(),
                "intercept": explanation.intercept,
                "log_odds": explanation.log_odds.is_finite().then_some(explanation.log_odds),
                "from_interactions": explanation.from_interactions,
                "one_way_cap": explanation.one_way_cap,
                "one_way_capped": explanation.one_way_capped,
            });
            write_json(out, &value)?;
        }
        Format::Csv => write_csv(
            out,
            &["component", "value", "weight", "contribution", "note"],
            lines.iter().map(|term| {
                vec![
                    term.name.to_owned(),
                    format!("{:.4}", term.value),
                    format!("{:.4}", term.weight),
                    format!("{:.4}", term.contribution),
                    csv_safe(&term.note),
                ]
            }),
        )?,
        Format::Table => {
            write_header(&explanation, tie, name_a, name_b, graph.as_of(), out)
                .map_err(stdout_error)?;
            write_terms(&explanation, out).map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Done)
}

/// The table of terms and how they add up.
fn write_terms(explanation: &Explanation, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(instead) = &explanation.no_interaction {
        return writeln!(out, "{instead}: the strength is the declaration's");
    }
    let signed = |value: f64| format!("{value:+.2}");
    let rows: Vec<Vec<String>> = explanation
        .terms
        .iter()
        .map(|term| {
            vec![
                term.name.replace('_', " "),
                format!("{:.2}", term.value),
                format!("× {:.2}", term.weight),
                signed(term.contribution),
                term.note.clone(),
            ]
        })
        .collect();
    write_table(
        out,
        &["component", "value", "weight", "log-odds", "measured"],
        &rows,
    )?;
    writeln!(
        out,
        "\nlog-odds = intercept {} + the column above = {}: strength {floor} + {rest} / (1 + e^−log-odds) = {}",
        signed(explanation.intercept),
        signed(explanation.log_odds),
        strength(explanation.from_interactions),
        floor = explanation.floor,
        rest = 1.0 - explanation.floor,
    )?;
    if let Some(cap) = explanation.one_way_cap {
        let effect = if explanation.one_way_capped {
            "it applied"
        } else {
            "the interactions are below it"
        };
        writeln!(
            out,
            "one-way contact, capped at acquaintance level: never answered, so at most {} ({effect})",
            strength(cap)
        )?;
    }
    Ok(())
}
