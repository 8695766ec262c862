//! `warmpath who`: who is who. For a person, every record that became them
//! (file and line, the identifiers it carried, the key that merged it and
//! whether that merge was strong, weak or a correction), the rows that name
//! them, and the people with the same name who were not merged, with why;
//! with `--suspects`, pairs of people who are probably one human but were
//! not merged, each with the line to paste into `identities.csv`. From a
//! snapshot, which keeps merge notes but no records, it says so.

use std::io::{self, Write};

use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use warmpath::Result;
use warmpath::graph::is_snapshot;
use warmpath::identity::{
    CorrectionOutcome, IdentityTrace, MergeCounts, People, Person, PersonId, ResolvedBy, Suspect,
    TracedReference, find_people, find_suspects, namesakes, reference_for,
};
use warmpath::ingest::{CorrectionKind, IngestSummary, Origin, PersonRecord, correction_line};
use warmpath::pipeline::{build_network, trace_sources};

use super::output::{terminal_safe, write_files_read, write_json, write_table};
use super::{DataArgs, Outcome, progress, stdout_error};

/// How many namesakes the table lists (JSON lists them all).
const MAX_NAMESAKES_SHOWN: usize = 20;

/// Arguments of `warmpath who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// The person: an id, email, profile URL or name (every person a name
    /// matches is shown).
    #[arg(required_unless_present = "suspects", conflicts_with = "suspects")]
    person: Option<String>,
    /// List pairs of people who are probably one human but were not merged,
    /// most likely first, each with the line to paste into identities.csv.
    #[arg(long)]
    suspects: bool,
    /// How many suspected pairs to show.
    #[arg(long, default_value_t = 50, requires = "suspects")]
    top: usize,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WhoFormat::Table)]
    format: WhoFormat,
}

/// Output formats of `who`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WhoFormat {
    /// Aligned text for a terminal.
    Table,
    /// JSON (documented in the README).
    Json,
}

/// What `who` reads: resolved people, with the trace when they were
/// resolved from the sources (not from a snapshot).
struct View<'a> {
    people: &'a People,
    trace: Option<&'a IdentityTrace>,
    summary: &'a IngestSummary,
}

impl View<'_> {
    fn place(&self, origin: Option<Origin>) -> Option<(String, u64)> {
        let origin = origin?;
        let path = self.summary.path(origin.file)?;
        Some((path.display().to_string(), origin.line))
    }

    fn place_text(&self, origin: Option<Origin>) -> String {
        self.place(origin).map_or_else(
            || "(no row: a manifest member, an export's owner or --me)".to_owned(),
            |(path, line)| format!("{path}:{line}"),
        )
    }
}

/// Writes the merge counts line of the ingest summary.
pub fn write_merge_counts(people: &People, out: &mut dyn Write) -> io::Result<()> {
    let counts = people.merge_counts();
    if counts.total() == 0 {
        // Nothing merged: nothing to account for, and one line less to read.
        return Ok(());
    }
    let merges = if counts.total() == 1 {
        "merge"
    } else {
        "merges"
    };
    writeln!(
        out,
        "identities: {} {merges} — {} strong (id, profile URL, email), {} weak (name + company), {} corrected (identities.csv)",
        counts.total(),
        counts.strong,
        counts.weak,
        counts.corrected
    )
}

/// Runs `warmpath who`.
pub fn run(args: &WhoArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (options, _) = args.data.options()?;
    let quiet = args.data.reading.quiet;
    let progress = progress::TerminalProgress::new(quiet);
    let snapshot = args.data.data.iter().any(|path| is_snapshot(path));
    // Both are kept until the process exits (see `DataArgs::build`).
    let (network, traced);
    let view = if snapshot {
        network = std::mem::ManuallyDrop::new(build_network(&args.data.data, &options, &progress)?);
        View {
            people: network.graph.people(),
            trace: None,
            summary: &network.summary,
        }
    } else {
        traced = std::mem::ManuallyDrop::new(trace_sources(&args.data.data, &options, &progress)?);
        View {
            people: &traced.0.people,
            trace: Some(&traced.1),
            summary: &traced.0.summary,
        }
    };
    drop(progress);
    if !quiet {
        let mut err = io::stderr().lock();
        write_files_read(view.summary, &mut err)
            .and_then(|()| write_merge_counts(view.people, &mut err))
            .map_err(stdout_error)?;
    }
    match &args.person {
        Some(query) => write_people(&view, query, args.format, out),
        None => write_suspects(&view, args.top, args.format, out),
    }
}

fn write_people(
    view: &View,
    query: &str,
    format: WhoFormat,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let found = find_people(view.people, query)?;
    match format {
        WhoFormat::Json => {
            let value = json!({
                "query": query,
                "records_kept": view.trace.is_some(),
                "people": found.iter().map(|id| person_entry_json(view, *id)).collect::<Vec<_>>(),
                "corrections": corrections_json(view),
            });
            write_json(out, &value)?;
        }
        WhoFormat::Table => {
            if found.len() > 1 {
                writeln!(
                    out,
                    "'{}' is {} people:\n",
                    terminal_safe(query),
                    found.len()
                )
                .map_err(stdout_error)?;
            }
            for (index, id) in found.iter().enumerate() {
                if index > 0 {
                    writeln!(out).map_err(stdout_error)?;
                }
                write_person(view, *id, out).map_err(stdout_error)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `Name <email>`: a person as a line names them.
fn label(people: &People, id: PersonId) -> String {
    let person = people.person(id);
    let key = reference_for(people, id);
    if key == person.name || person.name.is_empty() {
        person.display_name().to_owned()
    } else {
        format!("{} <{key}>", person.name)
    }
}

fn counts_text(counts: &MergeCounts) -> String {
    if counts.total() == 0 {
        return "no merges".to_owned();
    }
    let mut parts = Vec::new();
    for (count, kind) in [
        (counts.strong, "strong"),
        (counts.weak, "weak"),
        (counts.corrected, "corrected"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {kind}"));
        }
    }
    let merges = if counts.total() == 1 {
        "merge"
    } else {
        "merges"
    };
    format!("{} {merges} ({})", counts.total(), parts.join(", "))
}

fn identifiers(person: &Person) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = &person.id {
        parts.push(format!("id {id}"));
    }
    parts.extend(person.emails.iter().cloned());
    parts.extend(person.profile_urls.iter().cloned());
    if let Some(company) = &person.company {
        parts.push(company.clone());
    }
    parts.join(" · ")
}

fn carried(record: &PersonRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = &record.id {
        parts.push(format!("id {id}"));
    }
    if let Some(name) = &record.name {
        parts.push(name.clone());
    }
    parts.extend(record.emails.iter().cloned());
    parts.extend(record.profile_urls.iter().cloned());
    if let Some(company) = &record.company {
        parts.push(format!("@ {company}"));
    }
    parts.join("; ")
}

fn write_person(view: &View, id: PersonId, out: &mut dyn Write) -> io::Result<()> {
    let person = view.people.person(id);
    let carried = identifiers(person);
    if carried.is_empty() || carried == person.display_name() {
        writeln!(out, "{}", terminal_safe(person.display_name()))?;
    } else {
        writeln!(
            out,
            "{} ({})",
            terminal_safe(person.display_name()),
            terminal_safe(&carried)
        )?;
    }
    let counts = MergeCounts::of(&person.merges);
    if let Some(trace) = view.trace {
        write_records(view, trace, id, &counts, out)?;
        write_references(view, trace, id, out)?;
        write_kept_apart(view, trace, id, out)?;
    } else {
        writeln!(out, "{}", counts_text(&counts))?;
        if !person.merges.is_empty() {
            writeln!(
                out,
                "\nMerge notes (a snapshot keeps these, not the records' files and lines; run `warmpath who` on the sources to see them):"
            )?;
            let rows: Vec<Vec<String>> = person
                .merges
                .iter()
                .map(|note| vec![note.kind.name().to_owned(), note.key.clone()])
                .collect();
            write_table(out, &["kind", "key"], &rows)?;
        }
    }
    let others = namesakes(view.people, view.trace, view.summary, id);
    if !others.is_empty() {
        writeln!(out, "\nSame name, not merged:")?;
        for other in others.iter().take(MAX_NAMESAKES_SHOWN) {
            writeln!(
                out,
                "  {} ({}): {}",
                terminal_safe(&label(view.people, other.person)),
                terminal_safe(&identifiers(view.people.person(other.person))),
                terminal_safe(&other.reasons.join("; "))
            )?;
        }
        if others.len() > MAX_NAMESAKES_SHOWN {
            writeln!(
                out,
                "  … and {} more (--format json lists them all)",
                others.len() - MAX_NAMESAKES_SHOWN
            )?;
        }
    }
    Ok(())
}

/// The records that became `id`: where each came from, what it carried,
/// and the unions it made (numbered among this person's records).
fn write_records(
    view: &View,
    trace: &IdentityTrace,
    id: PersonId,
    counts: &MergeCounts,
    out: &mut dyn Write,
) -> io::Result<()> {
    let records = trace.records_of(id);
    let noun = if records.len() == 1 {
        "record"
    } else {
        "records"
    };
    writeln!(out, "{} {noun}, {}", records.len(), counts_text(counts))?;
    if records.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nRecords that became them:")?;
    let number = |record: usize| {
        records
            .iter()
            .position(|known| *known == record)
            .map_or(0, |position| position + 1)
    };
    let rows: Vec<Vec<String>> = records
        .iter()
        .enumerate()
        .map(|(position, record)| {
            let traced = &trace.records[*record];
            let merged = if traced.joins.is_empty() {
                if position == 0 {
                    "first record".to_owned()
                } else {
                    "joined by a later record".to_owned()
                }
            } else {
                traced
                    .joins
                    .iter()
                    .map(|(with, note)| {
                        format!("{}: {} → #{}", note.kind.name(), note.key, number(*with))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let mut place = view.place_text(traced.record.origin);
            if traced.from_correction {
                place.push_str(" (from the correction)");
            }
            vec![
                format!("{}", position + 1),
                place,
                carried(&traced.record),
                merged,
            ]
        })
        .collect();
    write_table(out, &["#", "record", "carried", "merged"], &rows)
}

/// The distinct references in rows that found `id`, and how.
fn write_references(
    view: &View,
    trace: &IdentityTrace,
    id: PersonId,
    out: &mut dyn Write,
) -> io::Result<()> {
    let references = trace.references_of(id);
    if references.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nRows that name them:")?;
    let rows: Vec<Vec<String>> = references
        .iter()
        .map(|reference| {
            vec![
                reference_text(reference),
                reference.by.describe().to_owned(),
                rows_text(reference.rows),
                format!("first {}", view.place_text(Some(reference.first))),
            ]
        })
        .collect();
    write_table(out, &["reference", "found", "rows", "where"], &rows)
}

/// The merges `different` corrections refused for `id`.
fn write_kept_apart(
    view: &View,
    trace: &IdentityTrace,
    id: PersonId,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut lines = Vec::new();
    for kept in &trace.kept_apart {
        let (a, b) = (
            trace.records[kept.records.0].person,
            trace.records[kept.records.1].person,
        );
        let other = match (a == id, b == id) {
            (true, false) => b,
            (false, true) => a,
            _ => continue,
        };
        lines.push(format!(
            "  from {} by {}, though they share {}",
            label(view.people, other),
            view.place_text(Some(kept.correction)),
            kept.key
        ));
    }
    lines.dedup();
    if !lines.is_empty() {
        writeln!(out, "\nKept apart by corrections:")?;
        for line in lines {
            writeln!(out, "{}", terminal_safe(&line))?;
        }
    }
    Ok(())
}

/// The key a reference found its person by (all it carried, when it made one).
fn reference_text(traced: &TracedReference) -> String {
    let reference = &traced.reference;
    let key = match traced.by {
        ResolvedBy::Id => reference.id.clone(),
        ResolvedBy::ProfileUrl => reference.profile_url.clone(),
        ResolvedBy::Email => reference.email.clone(),
        ResolvedBy::Name => reference.name.clone(),
        ResolvedBy::Created => {
            let mut parts: Vec<&str> = Vec::new();
            if !reference.id_or_name {
                parts.extend(reference.id.as_deref());
            }
            parts.extend(reference.name.as_deref());
            parts.extend(reference.email.as_deref());
            parts.extend(reference.profile_url.as_deref());
            Some(parts.join(" "))
        }
    };
    key.unwrap_or_else(|| reference.label().to_owned())
}

fn rows_text(rows: u64) -> String {
    if rows == 1 {
        "1 row".to_owned()
    } else {
        format!("{rows} rows")
    }
}

fn person_json(people: &People, id: PersonId) -> Value {
    let person = people.person(id);
    json!({
        "id": person.stable_id(),
        "name": person.display_name(),
        "emails": person.emails,
        "profile_urls": person.profile_urls,
        "company": person.company,
    })
}

fn place_json(view: &View, origin: Option<Origin>) -> (Value, Value) {
    match view.place(origin) {
        Some((path, line)) => (json!(path), json!(line)),
        None => (Value::Null, Value::Null),
    }
}

fn person_entry_json(view: &View, id: PersonId) -> Value {
    let person = view.people.person(id);
    let (records, references) = match view.trace {
        Some(trace) => {
            let records = trace.records_of(id);
            let number = |record: usize| {
                records
                    .iter()
                    .position(|known| *known == record)
                    .map(|p| p + 1)
            };
            let records_json: Vec<Value> = records
                .iter()
                .enumerate()
                .map(|(position, record)| {
                    let traced = &trace.records[*record];
                    let (file, line) = place_json(view, traced.record.origin);
                    json!({
                        "number": position + 1,
                        "file": file,
                        "line": line,
                        "from_correction": traced.from_correction,
                        "id": traced.record.id,
                        "name": traced.record.name,
                        "emails": traced.record.emails,
                        "profile_urls": traced.record.profile_urls,
                        "company": traced.record.company,
                        "merged": traced.joins.iter().map(|(with, note)| json!({
                            "with": number(*with),
                            "kind": note.kind,
                            "key": note.key,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let references_json: Vec<Value> = trace
                .references_of(id)
                .iter()
                .map(|reference| {
                    let (file, line) = place_json(view, Some(reference.first));
                    json!({
                        "reference": reference_text(reference),
                        "by": reference.by,
                        "rows": reference.rows,
                        "file": file,
                        "line": line,
                    })
                })
                .collect();
            (json!(records_json), json!(references_json))
        }
        None => (Value::Null, Value::Null),
    };
    let not_merged: Vec<Value> = namesakes(view.people, view.trace, view.summary, id)
        .into_iter()
        .map(|other| json!({"person": person_json(view.people, other.person), "reasons": other.reasons}))
        .collect();
    json!({
        "person": person_json(view.people, id),
        "merges": MergeCounts::of(&person.merges),
        "merge_notes": person.merges,
        "records": records,
        "references": references,
        "not_merged": not_merged,
    })
}

fn corrections_json(view: &View) -> Value {
    let Some(trace) = view.trace else {
        return Value::Null;
    };
    let outcomes: Vec<Value> = trace
        .corrections
        .iter()
        .map(|CorrectionOutcome { correction, status }| {
            let (file, line) = place_json(view, Some(correction.origin));
            json!({
                "kind": correction.kind,
                "a": correction.a,
                "b": correction.b,
                "file": file,
                "line": line,
                "status": status.describe(),
            })
        })
        .collect();
    json!(outcomes)
}

fn suspect_line(people: &People, suspect: &Suspect) -> String {
    correction_line(
        CorrectionKind::Same,
        &reference_for(people, suspect.a),
        &reference_for(people, suspect.b),
    )
}

fn write_suspects(
    view: &View,
    top: usize,
    format: WhoFormat,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let kept_apart = view
        .trace
        .map(IdentityTrace::pairs_kept_apart)
        .unwrap_or_default();
    let suspects = find_suspects(view.people, &kept_apart);
    let shown = &suspects[..suspects.len().min(top)];
    match format {
        WhoFormat::Json => {
            let value = json!({
                "total": suspects.len(),
                "corrections_known": view.trace.is_some(),
                "suspects": shown.iter().enumerate().map(|(rank, suspect)| json!({
                    "rank": rank + 1,
                    "score": (suspect.score * 1000.0).round() / 1000.0,
                    "a": person_json(view.people, suspect.a),
                    "b": person_json(view.people, suspect.b),
                    "reasons": suspect.reasons.iter().map(|reason| json!({
                        "kind": reason.kind(),
                        "detail": reason.describe(),
                    })).collect::<Vec<_>>(),
                    "line": suspect_line(view.people, suspect),
                })).collect::<Vec<_>>(),
            });
            write_json(out, &value)?;
        }
        WhoFormat::Table => {
            write_suspects_table(view, &suspects, shown, out).map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Done)
}

fn write_suspects_table(
    view: &View,
    suspects: &[Suspect],
    shown: &[Suspect],
    out: &mut dyn Write,
) -> io::Result<()> {
    if suspects.is_empty() {
        return writeln!(
            out,
            "No suspected duplicates: no two people look like one human."
        );
    }
    writeln!(
        out,
        "{} suspected duplicates (not merged), most likely first:",
        suspects.len()
    )?;
    for (rank, suspect) in shown.iter().enumerate() {
        writeln!(
            out,
            "\n{}. {:.2}  {}  ·  {}",
            rank + 1,
            suspect.score,
            terminal_safe(&label(view.people, suspect.a)),
            terminal_safe(&label(view.people, suspect.b))
        )?;
        for reason in &suspect.reasons {
            writeln!(out, "   {}", terminal_safe(&reason.describe()))?;
        }
        writeln!(
            out,
            "   {}",
            terminal_safe(&suspect_line(view.people, suspect))
        )?;
    }
    if shown.len() < suspects.len() {
        writeln!(
            out,
            "\n… and {} more (--top to see them)",
            suspects.len() - shown.len()
        )?;
    }
    writeln!(
        out,
        "\nPaste the lines you agree with into identities.csv beside the data; write `different` instead of `same` for a pair that is two people."
    )?;
    if view.trace.is_none() {
        writeln!(
            out,
            "(A snapshot keeps no corrections: pairs a `different` correction keeps apart may be listed; run on the sources to leave them out.)"
        )?;
    }
    Ok(())
}
