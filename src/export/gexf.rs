//! GEXF 1.3 (<https://gexf.net/>), Gephi's own format: attribute columns
//! declared once, then nodes and weighted undirected edges.

use std::io::{self, Write};

use super::{NetworkExport, edge_counts, xml_text};
use crate::ingest::Channel;

const NODE_ATTRIBUTES: [(&str, &str); 5] = [
    ("id", "string"),
    ("company", "string"),
    ("title", "string"),
    ("owner_band", "string"),
    ("owner_strength", "double"),
];

pub(super) fn write(export: &NetworkExport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(out, "  <meta><creator>warmpath</creator></meta>")?;
    writeln!(
        out,
        r#"  <graph mode="static" defaultedgetype="undirected">"#
    )?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (index, (title, kind)) in NODE_ATTRIBUTES.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{index}" title="{title}" type="{kind}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    writeln!(
        out,
        r#"      <attribute id="0" title="band" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="1" title="interactions" type="integer"/>"#
    )?;
    for (index, channel) in Channel::ALL.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{}" title="{}" type="integer"/>"#,
            index + 2,
            channel.name()
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for node in &export.nodes {
        write!(
            out,
            r#"      <node id="{}" label="{}"><attvalues>"#,
            node.index,
            xml_text(node.name)
        )?;
        let owner_band = node.owner_tie.map_or("", |(_, band)| band.name());
        let owner_strength = node
            .owner_tie
            .map(|(strength, _)| format!("{strength:.4}"))
            .unwrap_or_default();
        for (index, value) in [
            node.id,
            node.company,
            node.title,
            owner_band,
            owner_strength.as_str(),
        ]
        .iter()
        .enumerate()
        {
            if !value.is_empty() {
                write!(
                    out,
                    r#"<attvalue for="{index}" value="{}"/>"#,
                    xml_text(value)
                )?;
            }
        }
        writeln!(out, "</attvalues></node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (index, tie) in export.ties.iter().enumerate() {
        write!(
            out,
            r#"      <edge id="{index}" source="{}" target="{}" weight="{:.4}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/>"#,
            tie.a.index(),
            tie.b.index(),
            tie.strength.strength,
            tie.strength.band.name(),
            tie.evidence.interactions()
        )?;
        for (slot, (_, count)) in edge_counts(tie).enumerate() {
            if count > 0 {
                write!(out, r#"<attvalue for="{}" value="{count}"/>"#, slot + 2)?;
            }
        }
        writeln!(out, "</attvalues></edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    out.flush()
}
