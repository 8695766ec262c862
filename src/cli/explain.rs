//! `warmpath explain`: the strength of one tie and every component of it.

use std::io::Write;

use clap::Args;
use serde_json::json;
use warmpath::tie_strength::{Model, Tie};
use warmpath::{Error, Result};

use super::output::{csv_safe, date, strength, terminal_safe, write_table};
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

/// One line of the explanation: a component, its value, weight and share.
struct Line {
    name: &'static str,
    value: f64,
    weight: f64,
    note: String,
}

/// The note of time-based components when the pair was never in touch.
const NO_CONTACT: &str = "no interaction on record";

fn lines(tie: &Tie, model: &Model) -> Vec<Line> {
    let c = &tie.strength.components;
    let w = &model.weights;
    let total = w.sum();
    let weighted = |name, value, weight: f64, note: String| Line {
        name,
        value,
        weight: weight / total,
        note,
    };
    vec![
        weighted(
            "recency",
            c.recency,
            w.recency,
            match tie.evidence.last_contact {
                Some(_) => format!("last contact {}", date(tie.evidence.last_contact)),
                None => NO_CONTACT.to_owned(),
            },
        ),
        weighted(
            "longevity",
            c.longevity,
            w.longevity,
            match (tie.evidence.first_contact, tie.evidence.interactions()) {
                (Some(first), 1..) => format!(
                    "known since {}; half-life {:.0} days",
                    date(Some(first)),
                    c.half_life_days
                ),
                (Some(first), 0) => format!("declared since {}; {NO_CONTACT}", date(Some(first))),
                (None, _) => NO_CONTACT.to_owned(),
            },
        ),
        weighted(
            "frequency",
            c.frequency,
            w.frequency,
            "decayed, depth-weighted, diluted by group size".to_owned(),
        ),
        weighted(
            "time together",
            c.time_together,
            w.time_together,
            format!("{:.1} h in meetings and calls", tie.evidence.hours_together),
        ),
        weighted("depth", c.depth, w.depth, "deepest channel used".to_owned()),
        Line {
            name: "confidence",
            value: c.confidence,
            weight: 1.0,
            note: "multiplies the sum: how much evidence there is".to_owned(),
        },
        Line {
            name: "reciprocity",
            value: if c.one_way_capped {
                model.one_way_cap
            } else {
                1.0
            },
            weight: 1.0,
            note: if c.one_way_capped {
                "one-way contact, capped at acquaintance level".to_owned()
            } else if tie.evidence.is_reciprocal() {
                "contact went both ways".to_owned()
            } else {
                "no interaction".to_owned()
            },
        },
        Line {
            name: "attention",
            value: c.attention,
            weight: 1.0,
            note: "multiplies: below 1 when either side spreads attention over many ties"
                .to_owned(),
        },
    ]
}

fn write_header(
    tie: &Tie,
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
    if let Some(declared) = &tie.evidence.declared {
        lines.push(match declared.strength {
            Some(value) => format!(
                "declared: {} by {} (combined with interactions as 1 − (1 − declared)(1 − interactions))",
                strength(value),
                declared.source
            ),
            None if tie.evidence.interactions() == 0 => {
                format!("connected ({}) and nothing more: the weakest evidence there is", declared.source)
            }
            None => format!("connected ({})", declared.source),
        });
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
    let lines = lines(tie, &model);
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
                "components": lines.iter().map(|line| json!({
                    "name": line.name, "value": line.value, "weight": line.weight, "note": line.note,
                })).collect::<Vec<_>>(),
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
                .write_record(["component", "value", "weight", "note"])
                .map_err(csv_error)?;
            for line in &lines {
                writer
                    .write_record([
                        line.name.to_owned(),
                        format!("{:.4}", line.value),
                        format!("{:.4}", line.weight),
                        csv_safe(&line.note),
                    ])
                    .map_err(csv_error)?;
            }
            writer.flush().map_err(stdout_error)?;
        }
        Format::Table => {
            write_header(tie, name_a, name_b, graph.as_of(), out).map_err(stdout_error)?;
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
