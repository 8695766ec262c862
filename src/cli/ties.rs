//! `warmpath ties`: every scored tie, or one person's, strongest first.

use std::io::Write;

use clap::Args;
use warmpath::Result;
use warmpath::graph::{RelationshipGraph, TiesByStrength};
use warmpath::ingest::Channel;
use warmpath::tie_strength::Tie;

use super::output::{
    RowSink, csv_safe, date, person_json, strength, write_csv, write_json_array, write_table_twice,
};
use super::{DataArgs, Format, Outcome};

/// Arguments of `warmpath ties`.
#[derive(Debug, Args)]
pub struct TiesArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Only the ties of this person (id, email, profile URL or name).
    #[arg(long, value_name = "WHO")]
    person: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `warmpath ties`. Ties are decoded one at a time in the order they
/// are written, so memory holds the encoded ties, never every decoded one.
pub fn run(args: &TiesArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (network, _) = args.data.build()?;
    let graph = &network.graph;
    let person = args
        .person
        .as_deref()
        .map(|query| warmpath::intro::resolve_person(graph, query))
        .transpose()?;
    let oriented = |tie: &Tie| match person {
        Some(person) if tie.b == person => (tie.b, tie.a),
        _ => (tie.a, tie.b),
    };
    // A fault in a tie's record stops the rows; it is the command's error.
    let mut failure = None;
    match args.format {
        Format::Json => {
            let ties = until_fault(graph.ties_in_strength_order(person)?, &mut failure);
            let rows = ties.map(|tie| {
                let (a, b) = oriented(&tie);
                serde_json::json!({
                    "a": person_json(graph, a),
                    "b": person_json(graph, b),
                    "strength": tie.strength.strength,
                    "band": tie.strength.band,
                    "evidence": tie.evidence.describe(),
                    "counts": tie.evidence,
                })
            });
            write_json_array(out, rows)?;
        }
        Format::Csv => {
            let ties = until_fault(graph.ties_in_strength_order(person)?, &mut failure);
            write_ties_csv(graph, ties, &oriented, out)?;
        }
        Format::Table => {
            let rows = |each: &mut RowSink<'_>| -> Result<()> {
                for tie in graph.ties_in_strength_order(person)? {
                    let tie = tie?;
                    let (a, b) = oriented(&tie);
                    each(&[
                        graph.person(a).display_name().to_owned(),
                        graph.person(b).display_name().to_owned(),
                        strength(tie.strength.strength),
                        tie.strength.band.name().to_owned(),
                        date(tie.evidence.last_contact),
                        tie.evidence.describe(),
                    ])?;
                }
                Ok(())
            };
            write_table_twice(
                out,
                &["a", "b", "strength", "band", "last contact", "evidence"],
                &rows,
            )?;
        }
    }
    failure.map_or(Ok(Outcome::Done), Err)
}

/// The ties up to the first that cannot be decoded, whose error is kept in
/// `failure`.
fn until_fault<'a>(
    ties: TiesByStrength<'a>,
    failure: &'a mut Option<warmpath::Error>,
) -> impl Iterator<Item = std::borrow::Cow<'a, Tie>> + 'a {
    ties.map_while(move |tie| tie.map_err(|error| *failure = Some(error)).ok())
}

fn write_ties_csv<'a>(
    graph: &RelationshipGraph,
    ties: impl Iterator<Item = std::borrow::Cow<'a, Tie>>,
    oriented: &dyn Fn(&Tie) -> (warmpath::identity::PersonId, warmpath::identity::PersonId),
    out: &mut dyn Write,
) -> Result<()> {
    let mut header: Vec<&str> = vec![
        "a_id",
        "a_name",
        "b_id",
        "b_name",
        "strength",
        "band",
        "interactions",
    ];
    header.extend(Channel::ALL.map(Channel::name));
    header.extend([
        "a_to_b",
        "b_to_a",
        "mutual",
        "in_groups",
        "hours_together",
        "first_contact",
        "last_contact",
        "declared_strength",
        "declared_source",
    ]);
    let rows = ties.map(|tie| {
        let (a, b) = oriented(&tie);
        let evidence = &tie.evidence;
        let (a_to_b, b_to_a) = if a == tie.a {
            (evidence.a_to_b, evidence.b_to_a)
        } else {
            (evidence.b_to_a, evidence.a_to_b)
        };
        let mut row: Vec<String> = vec![
            csv_safe(graph.person(a).stable_id()),
            csv_safe(graph.person(a).display_name()),
            csv_safe(graph.person(b).stable_id()),
            csv_safe(graph.person(b).display_name()),
            format!("{:.4}", tie.strength.strength),
            tie.strength.band.name().to_owned(),
            evidence.interactions().to_string(),
        ];
        row.extend(evidence.by_channel.iter().map(u32::to_string));
        row.extend([
            a_to_b.to_string(),
            b_to_a.to_string(),
            evidence.mutual.to_string(),
            evidence.in_groups.to_string(),
            format!("{:.2}", evidence.hours_together),
            date(evidence.first_contact),
            date(evidence.last_contact),
            evidence
                .declared
                .as_ref()
                .and_then(|declared| declared.strength)
                .map(|value| format!("{value:.4}"))
                .unwrap_or_default(),
            evidence
                .declared
                .as_ref()
                .map(|declared| csv_safe(&declared.source))
                .unwrap_or_default(),
        ]);
        row
    });
    write_csv(out, &header, rows)
}
