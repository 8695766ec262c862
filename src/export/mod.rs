//! The network in the formats graph tools open: `GraphML` and `GEXF` for Gephi,
//! Cytoscape, networkx and yEd (people with their company and their tie to
//! the owner; ties with strength, band and evidence counts), and Graphviz
//! DOT for the paths of one introduction. One writer per format; text from
//! inputs is escaped for XML (and control characters, which XML 1.0 cannot
//! carry, dropped) or quoted for DOT. Nothing here ranks or prints.

mod dot;
mod gexf;
mod graphml;

use std::io::{self, Write};

pub use dot::write_intro_dot;

use crate::error::Result;
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::ingest::Channel;
use crate::tie_strength::{Band, Tie};

/// Formats of a whole-network export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `GraphML` (`.graphml`).
    GraphMl,
    /// `GEXF` 1.3 (`.gexf`).
    Gexf,
}

/// What one exported person carries.
#[derive(Debug)]
struct NodeFacts<'g> {
    index: usize,
    id: &'g str,
    name: &'g str,
    company: &'g str,
    title: &'g str,
    /// Their tie to the owner (the first owner), if any.
    owner_tie: Option<(f64, Band)>,
}

/// The people and ties to export, gathered from a graph.
#[derive(Debug)]
pub struct NetworkExport<'g> {
    nodes: Vec<NodeFacts<'g>>,
    ties: Vec<&'g Tie>,
}

/// Gathers the network (or `person`'s ties only, with the people they
/// reach) for export.
///
/// Complexity: linear in the people and ties; decodes every tie (see
/// [`RelationshipGraph::ties`]).
///
/// # Errors
///
/// [`crate::Error::Snapshot`] when a snapshot's tie details are corrupt.
pub fn export_network(
    graph: &RelationshipGraph,
    person: Option<PersonId>,
) -> Result<NetworkExport<'_>> {
    let all = graph.ties()?;
    let ties: Vec<&Tie> = all
        .iter()
        .filter(|tie| person.is_none_or(|person| tie.a == person || tie.b == person))
        .collect();
    let mut included = vec![person.is_none(); graph.people().len()];
    for tie in &ties {
        included[tie.a.index()] = true;
        included[tie.b.index()] = true;
    }
    if let Some(person) = person {
        included[person.index()] = true;
    }
    let mut owner_ties = vec![None; graph.people().len()];
    if let Some(&owner) = graph.owners().first() {
        for tie in all {
            let other = if tie.a == owner {
                tie.b
            } else if tie.b == owner {
                tie.a
            } else {
                continue;
            };
            owner_ties[other.index()] = Some((tie.strength.strength, tie.strength.band));
        }
    }
    let nodes = (0..graph.people().len())
        .filter(|index| included[*index])
        .map(|index| {
            let person = graph.person(PersonId(index as u32));
            NodeFacts {
                index,
                id: person.stable_id(),
                name: person.display_name(),
                company: person.company.as_deref().unwrap_or(""),
                title: person.title.as_deref().unwrap_or(""),
                owner_tie: owner_ties[index],
            }
        })
        .collect();
    Ok(NetworkExport { nodes, ties })
}

/// Writes a gathered network in `format`.
///
/// # Errors
///
/// Whatever `out` returns.
pub fn write_network(
    export: &NetworkExport<'_>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ExportFormat::GraphMl => graphml::write(export, out),
        ExportFormat::Gexf => gexf::write(export, out),
    }
}

/// The evidence counts an exported tie carries, named.
fn edge_counts(tie: &Tie) -> impl Iterator<Item = (&'static str, u32)> + '_ {
    Channel::ALL
        .iter()
        .map(|channel| (channel.name(), tie.evidence.count(*channel)))
}

/// Text made safe for XML 1.0 content and attributes: escaped, and the
/// control characters XML cannot carry (and bidi overrides) dropped.
fn xml_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("A&B <x> \"q\" 'a'\u{1b}[31m\u{202e}z"),
            "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;[31mz"
        );
    }
}
