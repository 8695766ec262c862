//! `warmpath explain`: the strength of one tie and every component of it.

use std::io::Write;

use clap::Args;
use serde_json::json;
use warmpath::tie_strength::{Explanation, Tie, explain_tie};
use warmpath::{Error, Result};

use super::output::{csv_safe, strength, terminal_safe, write_table};
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
    tie: &Tie,
    explanation: &Explanation,
    name_a: &str,
    name_b: &str,
    as_of: jiff::civil::Date,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let s = &tie.strength;
    let mut lines = vec![
        format!(
            "{name_a} — {name_b}: {} {} as of {as_of}",
            strength(s.strength),
            s.band.name()
        ),
        format!("evidence: {}", tie.evidence.describe()),
    ];
    if let Some(declared) = &explanation.declared {
        lines.push(format!("declared: {declared}"));
    }
    if s.peak > s.strength + 0.005 {
        lines.push(format!("it was {} at its last contact", strength(s.peak)));
    }
    for line in lines {
        writeln!(out, "{}", terminal_safe(&line))?;
    }
    writeln!(out)
}

/// Runs `warmpath explain`.
pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, model) = args.data.build()?;
    let graph = &network.graph;
    let a = warmpath::intro::resolve_person(graph, &args.a)?;
    let b = warmpath::intro::resolve_person(graph, &args.b)?;
    let Some(tie) = graph.tie_detail(a, b)? else {
        return Err(Error::Usage(format!(
            "{} and {} have no tie: no interaction and no declared relationship in the data",
            graph.person(a).display_name(),
            graph.person(b).display_name()
        )));
    };
    let tie = &*tie;
    let explanation = explain_tie(tie, &model);
    let (name_a, name_b) = (
        graph.person(a).display_name(),
        graph.person(b).display_name(),
    );
    match args.format {
        Format::Json => {
            let value = json!({
                "a": super::intro::person_json(graph, a),
                "b": super::intro::person_json(graph, b),
                "as_of": graph.as_of().to_string(),
                "strength": tie.strength.strength,
                "band": tie.strength.band,
                "peak": tie.strength.peak,
                "evidence": tie.evidence.describe(),
                "counts": tie.evidence,
                "components": explanation.terms.iter().map(|term| json!({
                    "name": term.name, "value": term.value, "weight": term.weight,
                    "contribution": term.contribution, "note": term.note,
                })).collect::<Vec<_>>(),
                "intercept": explanation.intercept,
                "log_odds": explanation.log_odds.is_finite().then_some(explanation.log_odds),
                "from_interactions": explanation.from_interactions,
                "one_way_cap": explanation.one_way_cap,
                "one_way_capped": explanation.one_way_capped,
            });
            serde_json::to_writer_pretty(&mut *out, &value)
                .map_err(std::io::Error::from)
                .map_err(stdout_error)?;
            writeln!(out).map_err(stdout_error)?;
        }
        Format::Csv => {
            let csv_error = |error: csv::Error| stdout_error(std::io::Error::other(error));
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer
                .write_record(["component", "value", "weight", "contribution", "note"])
                .map_err(csv_error)?;
            for term in &explanation.terms {
                writer
                    .write_record([
                        term.name.to_owned(),
                        format!("{:.4}", term.value),
                        format!("{:.4}", term.weight),
                        format!("{:.4}", term.contribution),
                        csv_safe(&term.note),
                    ])
                    .map_err(csv_error)?;
            }
            writer.flush().map_err(stdout_error)?;
        }
        Format::Table => {
            write_header(tie, &explanation, name_a, name_b, graph.as_of(), out)
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
        "\nlog-odds = intercept {} + the column above = {}: strength 1 / (1 + e^−log-odds) = {}",
        signed(explanation.intercept),
        signed(explanation.log_odds),
        strength(explanation.from_interactions)
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
