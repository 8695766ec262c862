//! Writing results safely: names from inputs are hostile until escaped. Table
//! output strips terminal control characters, CSV output neutralises
//! spreadsheet formulas. The one JSON writer, the one CSV writer and the one
//! JSON form of a person and of a tie every command shares; also the ingest
//! summary on stderr.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::{Value, json};
use warmpath::graph::RelationshipGraph;
use warmpath::identity::PersonId;
use warmpath::ingest::IngestSummary;
use warmpath::pipeline::Network;
use warmpath::tie_strength::Tie;
use warmpath::{Error, Result};

pub use warmpath::report::escape::{csv_safe, terminal_safe};

/// Writes rows as aligned columns (left-aligned text, two spaces apart).
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
        let mut text = String::new();
        for (index, cell) in cells.enumerate() {
            let cell = terminal_safe(cell);
            let pad = widths[index].saturating_sub(cell.chars().count());
            text.push_str(&cell);
            if index + 1 < widths.len() {
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &mut header.iter().copied())?;
    for row in rows {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Wraps an error writing results.
pub fn stdout_error(source: io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// Writes `value` as pretty JSON and a newline. Objects come out with
/// their keys sorted, as the documented JSON has them.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    let value = serde_json::to_value(value)
        .map_err(io::Error::from)
        .map_err(stdout_error)?;
    serde_json::to_writer_pretty(&mut *out, &value)
        .map_err(io::Error::from)
        .map_err(stdout_error)?;
    writeln!(out).map_err(stdout_error)
}

/// Writes a header and rows as CSV (cells from inputs must already be
/// [`csv_safe`]).
pub fn write_csv<H: AsRef<[u8]>>(
    out: &mut dyn Write,
    header: &[H],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<()> {
    let csv_error = |error: csv::Error| stdout_error(io::Error::other(error));
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header).map_err(csv_error)?;
    for row in rows {
        writer.write_record(&row).map_err(csv_error)?;
    }
    writer.flush().map_err(stdout_error)
}

/// `{"id", "name"}` of a person.
pub fn person_json(graph: &RelationshipGraph, id: PersonId) -> Value {
    let person = graph.person(id);
    json!({ "id": person.stable_id(), "name": person.display_name() })
}

/// `{"strength", "band", "evidence"}` of a tie.
pub fn tie_json(tie: &Tie) -> Value {
    json!({
        "strength": tie.strength.strength,
        "band": tie.strength.band,
        "evidence": tie.evidence.describe(),
    })
}

/// Formats a strength for people: two decimals.
pub fn strength(value: f64) -> String {
    format!("{value:.2}")
}

/// Formats unix seconds as a date (empty when unknown).
pub fn date(seconds: Option<i64>) -> String {
    seconds
        .and_then(warmpath::time::date_text)
        .unwrap_or_default()
}

/// Writes, per file read, rows read, used and skipped by reason, and the
/// first skipped rows with their lines.
pub fn write_files_read(summary: &IngestSummary, out: &mut dyn Write) -> io::Result<()> {
    for file in &summary.files {
        let skipped = file.rows_skipped();
        let mut line = format!(
            "read {} as {}: {} rows, {} used",
            file.path.display(),
            file.kind,
            file.rows_read,
            file.rows_used
        );
        if skipped > 0 {
            let reasons: Vec<String> = file
                .skipped
                .iter()
                .map(|(reason, count)| format!("{count} {reason}"))
                .collect();
            let _ = write!(line, ", {skipped} skipped ({})", reasons.join(", "));
        }
        if let Some(recurrences) = &file.recurrences {
            let plural = |count: u64| if count == 1 { "" } else { "s" };
            let _ = write!(
                line,
                "; {} recurring event{} expanded to {} occurrence{}",
                recurrences.events,
                plural(recurrences.events),
                recurrences.occurrences,
                plural(recurrences.occurrences)
            );
        }
        writeln!(out, "{}", terminal_safe(&line))?;
        for note in &file.notes {
            writeln!(
                out,
                "  {}: note: {}",
                file.path.display(),
                terminal_safe(note)
            )?;
        }
        for note in &file.skip_notes {
            writeln!(
                out,
                "  {}:{}: {}",
                file.path.display(),
                note.line,
                terminal_safe(&note.reason)
            )?;
        }
        if (file.skip_notes.len() as u64) < skipped {
            writeln!(
                out,
                "  … and {} more skipped rows",
                skipped - file.skip_notes.len() as u64
            )?;
        }
    }
    Ok(())
}

/// Writes the account of every file read: rows read, used, skipped by reason,
/// and the first skipped rows with their lines.
pub fn write_ingest_summary(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    write_files_read(&network.summary, out)?;
    if network.after_as_of > 0 {
        writeln!(
            out,
            "ignored {} interactions dated after the as-of date {}",
            network.after_as_of,
            network.graph.as_of()
        )?;
    }
    writeln!(
        out,
        "network: {} people, {} ties, as of {}",
        network.graph.people().len(),
        network.graph.tie_count(),
        network.graph.as_of()
    )
}
