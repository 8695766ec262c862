//! `warmpath explain`: the strength of one tie and every component of it.

use std::io::Write;

use clap::Args;
use serde_json::json;
use warmpath::Result;
use warmpath::graph::RelationshipGraph;
use warmpath::identity::{MergeCounts, PersonId, reference_for};
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
                "identity": identity_json(graph, a, b),
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
            write_identity(graph, a, b, out).map_err(stdout_error)?;
            write_terms(&explanation, out).map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Done)
}

/// The weak (name + company) merge notes of a person.
fn weak_merges(graph: &RelationshipGraph, id: PersonId) -> Vec<&str> {
    graph
        .person(id)
        .merges
        .iter()
        .filter(|note| note.is_weak())
        .map(|note| note.key.as_str())
        .collect()
}

/// Each side's merges, and whether the tie rests on a weak merge.
fn identity_json(graph: &RelationshipGraph, a: PersonId, b: PersonId) -> serde_json::Value {
    let side = |id: PersonId| {
        json!({
            "merges": MergeCounts::of(&graph.person(id).merges),
            "weak_merges": weak_merges(graph, id),
        })
    };
    json!({
        "a": side(a),
        "b": side(b),
        "rests_on_weak_merge": !weak_merges(graph, a).is_empty() || !weak_merges(graph, b).is_empty(),
    })
}

/// How many records each side is, when either is more than one, and a
/// warning when one of them is held together by a weak merge: the tie may
/// belong to only one of the people glued together.
fn write_identity(
    graph: &RelationshipGraph,
    a: PersonId,
    b: PersonId,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let counts = [a, b].map(|id| MergeCounts::of(&graph.person(id).merges));
    if counts.iter().all(|counts| counts.total() == 0) {
        return Ok(());
    }
    let side = |id: PersonId, counts: &MergeCounts| {
        let name = graph.person(id).display_name();
        if counts.total() == 0 {
            return format!("{name} no merges");
        }
        let parts: Vec<String> = [
            (counts.strong, "strong"),
            (counts.weak, "weak"),
            (counts.corrected, "corrected"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, kind)| format!("{count} {kind}"))
        .collect();
        let merges = if counts.total() == 1 {
            "merge"
        } else {
            "merges"
        };
        format!("{name} {} {merges} ({})", counts.total(), parts.join(", "))
    };
    writeln!(
        out,
        "{}",
        terminal_safe(&format!(
            "identity: {}; {}",
            side(a, &counts[0]),
            side(b, &counts[1])
        ))
    )?;
    for id in [a, b] {
        let weak = weak_merges(graph, id);
        if weak.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{}",
            terminal_safe(&format!(
                "weak merge: {} is partly records merged by {}; if they are two people, this tie may belong to one of them only (see `warmpath who {}`; `different,…` in identities.csv keeps them apart)",
                graph.person(id).display_name(),
                weak.join(", "),
                shell_word(&reference_for(graph.people(), id))
            ))
        )?;
    }
    writeln!(out)
}

/// `text` quoted for a shell when it needs it.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "@._-+:/".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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
