//! Graphviz DOT of one introduction ranking: the asker, the target(s), each
//! ranked introducer (with its rank) and the edges of their best paths,
//! labelled with their strengths — solid on genuine paths, dashed on
//! tenuous ones.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::intro::{IntroRanking, Target};

/// A quoted DOT string: backslashes and quotes escaped, newlines as `\n`
/// (a line break in a label), other control characters and bidi overrides
/// dropped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `ranking`'s paths as an undirected DOT graph.
///
/// # Errors
///
/// Whatever `out` returns.
pub fn write_intro_dot(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    out: &mut dyn Write,
) -> io::Result<()> {
    let from = ranking.query.from;
    let (target_label, targets): (String, Vec<PersonId>) = match &ranking.query.target {
        Target::Person(id) => (graph.person(*id).display_name().to_owned(), vec![*id]),
        Target::Company { name, members } => (name.clone(), members.clone()),
    };
    // Each edge once, solid when any genuine path uses it.
    let mut edges: BTreeMap<(PersonId, PersonId), bool> = BTreeMap::new();
    let mut nodes: BTreeMap<PersonId, Option<usize>> = BTreeMap::new();
    for introducer in &ranking.introducers {
        let path = &introducer.path.nodes;
        nodes.insert(introducer.path.introducer(), Some(introducer.rank));
        for pair in path.windows(2) {
            let key = (pair[0].min(pair[1]), pair[0].max(pair[1]));
            *edges.entry(key).or_insert(false) |= introducer.genuine;
            for node in pair {
                nodes.entry(*node).or_insert(None);
            }
        }
    }
    nodes.entry(from).or_insert(None);
    writeln!(out, "graph intro {{")?;
    writeln!(
        out,
        "  graph [label={}, labelloc=t, fontname=Helvetica];",
        quoted(&format!(
            "Introductions from {} to {target_label}, as of {}",
            graph.person(from).display_name(),
            graph.as_of()
        ))
    )?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=Helvetica];"
    )?;
    writeln!(out, "  edge [fontname=Helvetica, fontsize=10];")?;
    for (node, rank) in &nodes {
        let name = graph.person(*node).display_name();
        let (label, extra) = if *node == from {
            (name.to_owned(), ", style=\"rounded,bold\"")
        } else if targets.contains(node) {
            (
                name.to_owned(),
                ", style=\"rounded,filled\", fillcolor=\"#eeeeee\"",
            )
        } else if let Some(rank) = rank {
            (format!("{name}\n#{rank}"), "")
        } else {
            (name.to_owned(), "")
        };
        writeln!(
            out,
            "  n{} [label={}{extra}];",
            node.index(),
            quoted(&label)
        )?;
    }
    for ((a, b), genuine) in &edges {
        let strength = graph.strength(*a, *b).map_or(0.0, f64::from);
        writeln!(
            out,
            "  n{} -- n{} [label=\"{strength:.2}\", penwidth={:.1}, style={}];",
            a.index(),
            b.index(),
            0.5 + 3.0 * strength,
            if *genuine { "solid" } else { "dashed" }
        )?;
    }
    writeln!(out, "}}")
}
