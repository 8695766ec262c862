//! `GraphML` (<http://graphml.graphdrawing.org/>): typed keys declared once,
//! then nodes and undirected edges with their data.

use std::io::{self, Write};

use super::{NetworkExport, edge_counts, xml_text};
use crate::ingest::Channel;

pub(super) fn write(export: &NetworkExport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, name) in [
        ("id", "id"),
        ("name", "name"),
        ("company", "company"),
        ("title", "title"),
        ("owner_band", "owner_band"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="string"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <key id="owner_strength" for="node" attr.name="owner_strength" attr.type="double"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="strength" for="edge" attr.name="strength" attr.type="double"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="band" for="edge" attr.name="band" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="interactions" for="edge" attr.name="interactions" attr.type="int"/>"#
    )?;
    for channel in Channel::ALL {
        let name = channel.name();
        writeln!(
            out,
            r#"  <key id="{name}" for="edge" attr.name="{name}" attr.type="int"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="warmpath" edgedefault="undirected">"#)?;
    for node in &export.nodes {
        write!(out, r#"    <node id="n{}">"#, node.index)?;
        for (key, value) in [
            ("id", node.id),
            ("name", node.name),
            ("company", node.company),
            ("title", node.title),
        ] {
            if !value.is_empty() {
                write!(out, r#"<data key="{key}">{}</data>"#, xml_text(value))?;
            }
        }
        if let Some((strength, band)) = node.owner_tie {
            write!(
                out,
                r#"<data key="owner_band">{}</data><data key="owner_strength">{strength:.4}</data>"#,
                band.name()
            )?;
        }
        writeln!(out, "</node>")?;
    }
    for (index, tie) in export.ties.iter().enumerate() {
        write!(
            out,
            r#"    <edge id="e{index}" source="n{}" target="n{}"><data key="strength">{:.4}</data><data key="band">{}</data><data key="interactions">{}</data>"#,
            tie.a.index(),
            tie.b.index(),
            tie.strength.strength,
            tie.strength.band.name(),
            tie.evidence.interactions()
        )?;
        for (name, count) in edge_counts(tie) {
            if count > 0 {
                write!(out, r#"<data key="{name}">{count}</data>"#)?;
            }
        }
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()
}
