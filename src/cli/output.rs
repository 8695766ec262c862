//! Writing results safely: names from inputs are hostile until escaped. Table
//! output strips terminal control characters and cuts long cells, CSV output
//! neutralises spreadsheet formulas, and everything on stderr is one bounded,
//! terminal-safe line. The one JSON writer, the one CSV writer and the one
//! JSON form of a person and of a tie every command shares; also the ingest
//! summary, notes and errors on stderr.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::{Value, json};
use std::collections::BTreeMap;
use warmpath::error::one_line;
use warmpath::graph::RelationshipGraph;
use warmpath::identity::PersonId;

use warmpath::ingest::{FileSummary, IngestSummary, SkipReason};
use warmpath::pipeline::Network;
use warmpath::tie_strength::Tie;
use warmpath::{Error, Result};

pub use warmpath::report::escape::{csv_safe, terminal_safe};

/// Whether tables colour bands and `tenuous` (set once from `--color`,
/// `NO_COLOR` and whether stdout is a terminal).
static COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// When to colour tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Decides once whether tables on stdout are coloured.
pub fn set_color(choice: ColorChoice) {
    use std::io::IsTerminal;
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let _ = COLOR.set(on);
}

/// `cell` with its colour, when colour is on and the cell is a band or a
/// mark of a weak path.
fn painted(cell: &str) -> String {
    if !COLOR.get().copied().unwrap_or(false) {
        return cell.to_owned();
    }
    let code = match cell {
        "strong" => "32",
        "medium" => "36",
        "dormant" => "35",
        "weak" | "unknown" => "2",
        _ if cell.starts_with("tenuous") => "31",
        _ if cell.starts_with("detour") => "33",
        _ => return cell.to_owned(),
    };
    format!("\x1b[{code}m{cell}\x1b[0m")
}

/// Writes rows as aligned columns with the report's one table writer,
/// bands and `tenuous` in colour when [`set_color`] turned it on.
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    warmpath::report::write_table_painted(out, header, rows, &painted)
}

/// What takes each row of a table written in two passes.
pub type RowSink<'a> = dyn FnMut(&[String]) -> Result<()> + 'a;

/// [`write_table`] of rows too many to hold: `rows` is called twice, to
/// measure the columns, then to write them; each call gives the same rows.
pub fn write_table_twice(
    out: &mut dyn Write,
    header: &[&str],
    rows: &dyn Fn(&mut RowSink<'_>) -> Result<()>,
) -> Result<()> {
    let mut layout = warmpath::report::TableLayout::new(header);
    rows(&mut |row| {
        layout.measure(row);
        Ok(())
    })?;
    layout
        .write_row(out, header, &painted)
        .map_err(stdout_error)?;
    rows(&mut |row| layout.write_row(out, row, &painted).map_err(stdout_error))
}

/// Writes one note on stderr as one bounded line ([`one_line`]). A note
/// that cannot be written (stderr closed, disk full) is dropped: the
/// command's result stands without it.
pub fn write_note(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", one_line(text));
}

/// Writes the error that ended the command on stderr, as one bounded line.
/// If even that fails there is no one left to tell; the exit code says it.
pub fn write_error(error: &Error) {
    let _ = writeln!(
        io::stderr().lock(),
        "warmpath: error: {}",
        one_line(&error.to_string())
    );
}

/// Wraps an error writing results.
pub fn stdout_error(source: io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// Writes `value` as pretty JSON and a newline, fractional numbers rounded
/// to four decimals; objects keep the order their keys were written in.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    let mut value = serde_json::to_value(value)
        .map_err(io::Error::from)
        .map_err(stdout_error)?;
    warmpath::report::round_floats(&mut value);
    write_json_exact(out, &value)
}

/// Writes a command's answer: with `-o FILE` through
/// [`warmpath::atomic::write_output`] (atomically onto a regular file,
/// straight into a FIFO or device, refusing the rest), else — and for `-o -`
/// — on stdout.
pub fn write_answer(
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match output {
        Some(path) if path != std::path::Path::new("-") => {
            warmpath::atomic::write_output(path, write)
        }
        _ => write(out).map_err(stdout_error),
    }
}

/// Writes the `items` as a pretty JSON array and a newline — the bytes
/// [`write_json`] writes for the whole array — one item at a time, so that
/// memory holds one item's JSON, never the whole array's (`ties` on a large
/// network).
pub fn write_json_array(out: &mut dyn Write, items: impl IntoIterator<Item = Value>) -> Result<()> {
    let mut first = true;
    for mut item in items {
        warmpath::report::round_floats(&mut item);
        let text = serde_json::to_string_pretty(&item)
            .map_err(io::Error::from)
            .map_err(stdout_error)?;
        out.write_all(if first { b"[\n" } else { b",\n" })
            .map_err(stdout_error)?;
        first = false;
        // JSON texts hold no raw newline, so each line is one line of the item.
        for (index, line) in text.lines().enumerate() {
            if index > 0 {
                out.write_all(b"\n").map_err(stdout_error)?;
            }
            write!(out, "  {line}").map_err(stdout_error)?;
        }
    }
    let end: &[u8] = if first { b"[]\n" } else { b"\n]\n" };
    out.write_all(end).map_err(stdout_error)
}

/// Writes `value` as pretty JSON and a newline, every number as it is.
pub fn write_json_exact(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)
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

/// Writes the account of what was read: one line per source (rows read,
/// used, skipped by reason, and where the first skip was), or with
/// `verbose` one per file with its first skipped rows.
pub fn write_read_account(
    summary: &IngestSummary,
    verbose: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if verbose {
        return write_files_read(summary, out);
    }
    let mut covered = vec![false; summary.files.len()];
    let mut groups: Vec<(String, Vec<&FileSummary>)> = Vec::new();
    for source in &summary.sources {
        let files: Vec<&FileSummary> = summary.files[source.files.clone()].iter().collect();
        covered[source.files.clone()]
            .iter_mut()
            .for_each(|seen| *seen = true);
        groups.push((source.path.display().to_string(), files));
    }
    for (file, seen) in summary.files.iter().zip(&covered) {
        if !seen {
            groups.push((file.path.display().to_string(), vec![file]));
        }
    }
    for (source, files) in groups {
        writeln!(out, "{}", one_line(&source_line(&source, &files)))?;
        for file in files {
            write_notes(file, out)?;
        }
    }
    Ok(())
}

/// Appends what the recurring events of `files` (calendars) expanded to.
fn write_recurrences<'a>(line: &mut String, files: impl IntoIterator<Item = &'a FileSummary>) {
    let expanded: Vec<_> = files
        .into_iter()
        .filter_map(|file| file.recurrences)
        .collect();
    if expanded.is_empty() {
        return;
    }
    let events: u64 = expanded.iter().map(|recurrences| recurrences.events).sum();
    let occurrences: u64 = expanded
        .iter()
        .map(|recurrences| recurrences.occurrences)
        .sum();
    let plural = |count: u64| if count == 1 { "" } else { "s" };
    let _ = write!(
        line,
        "; {events} recurring event{} expanded to {occurrences} occurrence{}",
        plural(events),
        plural(occurrences)
    );
}

/// Writes a file's notes (what its reader wants the user to know about it
/// as a whole), one bounded line each.
fn write_notes(file: &FileSummary, out: &mut dyn Write) -> io::Result<()> {
    for note in &file.notes {
        let note = format!("{}: note: {note}", file.path.display());
        writeln!(out, "  {}", one_line(&note))?;
    }
    Ok(())
}

/// `read SOURCE (WHAT): N rows, U used, S skipped (reasons); first at FILE:LINE`.
fn source_line(source: &str, files: &[&FileSummary]) -> String {
    let read: u64 = files.iter().map(|file| file.rows_read).sum();
    let used: u64 = files.iter().map(|file| file.rows_used).sum();
    let mut reasons: BTreeMap<&str, u64> = BTreeMap::new();
    for file in files {
        for (reason, count) in &file.skipped {
            *reasons.entry(reason).or_default() += count;
        }
    }
    let skipped: u64 = reasons.values().sum();
    let what = match files {
        [] => "nothing recognised".to_owned(),
        [file] => file.kind.clone(),
        _ => {
            let linkedin = files
                .iter()
                .all(|file| file.kind.starts_with("linkedin") || file.kind.starts_with("ignored"));
            if linkedin {
                format!("LinkedIn export, {} files", files.len())
            } else {
                format!("{} files", files.len())
            }
        }
    };
    let mut line = format!("read {source} ({what}): {read} rows, {used} used");
    if skipped > 0 {
        let mut by_count: Vec<(&str, u64)> = reasons.into_iter().collect();
        by_count.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let shown: Vec<String> = by_count
            .iter()
            .take(3)
            .map(|(reason, count)| format!("{count} {reason}"))
            .collect();
        let more = if by_count.len() > 3 { ", …" } else { "" };
        let _ = write!(line, ", {skipped} skipped ({}{more})", shown.join(", "));
        if let Some((file, note)) = files
            .iter()
            .find_map(|file| file.skip_notes.first().map(|note| (file, note)))
        {
            let _ = write!(line, "; first at {}:{}", file.path.display(), note.line);
        }
    }
    write_recurrences(&mut line, files.iter().copied());
    // Entries never opened (FIFOs, devices, a file or folder reached twice)
    // are said here too, not only under --verbose.
    let passed_over: Vec<String> = [
        SkipReason::IgnoredNotRegular,
        SkipReason::IgnoredAlreadyRead,
    ]
    .iter()
    .filter_map(|reason| {
        let kind = reason.as_str();
        let count = files.iter().filter(|file| file.kind == kind).count();
        let what = kind.trim_start_matches("ignored: ");
        (count > 0).then(|| format!("{count} {what}"))
    })
    .collect();
    if !passed_over.is_empty() {
        let _ = write!(
            line,
            "; passed over {} (--verbose names them)",
            passed_over.join(", ")
        );
    }
    line
}

/// Writes, per file read, rows read, used and skipped by reason, and the
/// first skipped rows with their lines.
pub fn write_files_read(summary: &IngestSummary, out: &mut dyn Write) -> io::Result<()> {
    for file in &summary.files {
        let skipped = file.rows_skipped();
        let lines = file
            .lines
            .map_or_else(String::new, |lines| format!(" ({lines} lines)"));
        let mut line = format!(
            "read {} as {}: {} rows{lines}, {} used",
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
        write_recurrences(&mut line, [file]);
        writeln!(out, "{}", one_line(&line))?;
        write_notes(file, out)?;
        for note in &file.skip_notes {
            let note = format!("{}:{}: {}", file.path.display(), note.line, note.reason);
            writeln!(out, "  {}", one_line(&note))?;
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
pub fn write_ingest_summary(
    network: &Network,
    verbose: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_read_account(&network.summary, verbose, out)?;
    if network.after_as_of > 0 {
        writeln!(
            out,
            "ignored {} interactions dated after the as-of date {}",
            network.after_as_of,
            network.graph.as_of()
        )?;
    }
    if network.declared_after_as_of > 0 {
        writeln!(
            out,
            "ignored {} declared relationships dated after the as-of date {}",
            network.declared_after_as_of,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_array_written_item_by_item_is_the_array_written_whole() {
        let items = |count: usize| -> Vec<Value> {
            (0..count)
                .map(|index| {
                    json!({
                        "a": { "id": format!("p{index}"), "name": "Zoë \"Z\"\nPark" },
                        "strength": 0.123_456_789 * index as f64,
                        "counts": { "meetings": index, "by_channel": {} },
                        "list": [1, 2, { "nested": [] }],
                    })
                })
                .collect()
        };
        for count in [0, 1, 3] {
            let mut whole = Vec::new();
            write_json(&mut whole, &items(count)).unwrap();
            let mut streamed = Vec::new();
            write_json_array(&mut streamed, items(count)).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{count} items"
            );
        }
    }
}
