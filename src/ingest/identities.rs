//! Corrections the user owns: `identities.csv` beside the data (rows
//! `same,a,b` and `different,a,b`) and the `[[same]]` / `[[different]]`
//! tables of `warmpath.toml`. Each correction becomes a [`Correction`] with
//! its file and line; a row that is not one is skipped and counted like any
//! malformed row. This module only reads them: identity resolution matches
//! them to people and applies them.

use std::path::Path;

use super::csv_records::{Next, Record, RecordReader};
use super::csv_table::skip_malformed;
use super::{Dataset, IngestOptions, Manifest, Origin};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// The corrections file's name inside a `--data` folder.
pub const IDENTITIES_FILE: &str = "identities.csv";

/// What the ingest summary reads `identities.csv` as.
pub const IDENTITIES_KIND: &str = "identities.csv";

/// What the ingest summary reads a manifest's correction tables as.
pub const MANIFEST_CORRECTIONS_KIND: &str = "warmpath.toml corrections";

/// What a correction says about two references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// The two are one person: merge them.
    Same,
    /// The two are different people: never merge them, whatever key they share.
    Different,
}

impl CorrectionKind {
    /// The word the file writes (`same`, `different`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Different => "different",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "same" => Some(Self::Same),
            "different" => Some(Self::Different),
            _ => None,
        }
    }
}

/// One correction: two references (an id, email, profile URL or exact name,
/// as in `interactions.csv`) and what the user says about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The file and line that say it.
    pub origin: Origin,
    /// Same or different.
    pub kind: CorrectionKind,
    /// One reference, trimmed.
    pub a: String,
    /// The other, trimmed.
    pub b: String,
}

impl Correction {
    /// The correction as a line of `identities.csv` (`same,a,b`, cells
    /// quoted where CSV needs it).
    #[must_use]
    pub fn line(&self) -> String {
        correction_line(self.kind, &self.a, &self.b)
    }
}

/// `kind,a,b` as a line of `identities.csv`, cells quoted where CSV needs it.
#[must_use]
pub fn correction_line(kind: CorrectionKind, a: &str, b: &str) -> String {
    format!("{},{},{}", kind.name(), csv_cell(a), csv_cell(b))
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// True for a file named `identities.csv` (any case).
#[must_use]
pub fn is_identities_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.eq_ignore_ascii_case(IDENTITIES_FILE))
}

/// True when `path` is already in the summary (a folder read twice, as a
/// team's folder and as a member's `"."` source, reads its corrections once).
fn already_read(dataset: &Dataset, path: &Path) -> bool {
    dataset.summary.files.iter().any(|file| file.path == path)
}

/// Reads `folder/identities.csv` into `dataset` when there is one (and it
/// was not read already).
pub fn read_identities_beside(
    folder: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    let path = folder.join(IDENTITIES_FILE);
    if path.is_file() && !already_read(dataset, &path) {
        read_identities_file(&path, options, dataset)?;
    }
    Ok(())
}

/// Reads an `identities.csv`: one correction per row, `kind,a,b` (a fourth
/// column, a note, is allowed and ignored). A header row `kind,a,b` is
/// optional, as are blank lines and `#` comments, so lines can be pasted
/// from `warmpath who --suspects` as they are.
pub fn read_identities_file(
    path: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(read_error)?;
    dataset.summary.strict = options.strict;
    let file = dataset.summary.add_file(path, IDENTITIES_KIND);
    let mut reader = RecordReader::new(bytes.as_slice(), b',');
    let mut record = Record::default();
    let mut first = true;
    loop {
        match reader.read(&mut record).map_err(read_error)? {
            Next::End => {
                dataset.summary.count_lines(file, reader.lines());
                return Ok(());
            }
            Next::Malformed(malformed) => {
                first = false;
                dataset.summary.count_read(file);
                skip_malformed(&mut dataset.summary, file, malformed)?;
                continue;
            }
            Next::Record => {}
        }
        let origin = Origin {
            file,
            line: record.line(),
        };
        // No kind or reference runs over lines: a quote that carries one
        // onto the next line is a stray one, and the lines it swallowed
        // (a comment's included) are read again.
        if record.spans_lines()
            && record
                .iter()
                .take(3)
                .any(|cell| cell.contains(['\n', '\r']))
        {
            first = false;
            reader.reject(&record);
            dataset.summary.count_read(file);
            dataset.summary.skip(
                origin,
                SkipReason::UnbalancedQuote,
                "a quote opened on this line carries the correction onto the next lines; \
                 check its quotes",
            )?;
            continue;
        }
        let cell = |index: usize| record.get(index).map_or("", str::trim);
        // Blank lines and `#` comments, read as rows.
        if record.iter().all(|cell| cell.trim().is_empty()) || cell(0).starts_with('#') {
            continue;
        }
        if std::mem::take(&mut first) && cell(0).eq_ignore_ascii_case("kind") {
            continue;
        }
        dataset.summary.count_read(file);
        add_correction(dataset, origin, cell(0), cell(1), cell(2))?;
    }
}

/// Checks one correction and adds it, or skips it with its reason.
fn add_correction(
    dataset: &mut Dataset,
    origin: Origin,
    kind: &str,
    a: &str,
    b: &str,
) -> Result<()> {
    let summary = &mut dataset.summary;
    let Some(kind) = CorrectionKind::parse(kind) else {
        return summary.skip(
            origin,
            SkipReason::UnknownCorrection,
            &format!("'{kind}' (write same,a,b or different,a,b)"),
        );
    };
    if a.is_empty() || b.is_empty() {
        return summary.skip(
            origin,
            SkipReason::EmptyReference,
            "a correction names two people: same,a,b or different,a,b",
        );
    }
    if a.eq_ignore_ascii_case(b) {
        return summary.skip(
            origin,
            SkipReason::SelfPair,
            &format!("'{a}' twice; name two different references"),
        );
    }
    summary.count_used(origin.file);
    dataset.corrections.push(Correction {
        origin,
        kind,
        a: a.to_owned(),
        b: b.to_owned(),
    });
    Ok(())
}

/// Adds the `[[same]]` and `[[different]]` tables of `manifest` (read from
/// `path`), each with its line, when it has any and they were not added
/// already.
pub fn add_manifest_corrections(
    path: &Path,
    manifest: &Manifest,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    if manifest.corrections.is_empty() || already_read(dataset, path) {
        return Ok(());
    }
    dataset.summary.strict = options.strict;
    let file = dataset.summary.add_file(path, MANIFEST_CORRECTIONS_KIND);
    for correction in &manifest.corrections {
        let origin = Origin {
            file,
            line: correction.line,
        };
        dataset.summary.count_read(file);
        add_correction(
            dataset,
            origin,
            correction.kind.name(),
            correction.a.trim(),
            correction.b.trim(),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Dataset {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(IDENTITIES_FILE);
        std::fs::write(&path, text).unwrap();
        let mut dataset = Dataset::default();
        read_identities_file(&path, IngestOptions::default(), &mut dataset).unwrap();
        dataset
    }

    #[test]
    fn reads_corrections_with_or_without_a_header_and_with_comments() {
        let dataset = read(
            "kind,a,b\n# checked by hand\nsame,sam@a.example,\"Patel, Sam\"\n\nDifferent, p1 , p2,not the same Ana\n",
        );
        let kinds: Vec<(CorrectionKind, &str, &str, u64)> = dataset
            .corrections
            .iter()
            .map(|c| (c.kind, c.a.as_str(), c.b.as_str(), c.origin.line))
            .collect();
        assert_eq!(
            kinds,
            [
                (CorrectionKind::Same, "sam@a.example", "Patel, Sam", 3),
                (CorrectionKind::Different, "p1", "p2", 5)
            ]
        );
        assert_eq!(dataset.summary.files[0].rows_read, 2);
        let pasted = read("same,a@x.example,b@x.example\n");
        assert_eq!(pasted.corrections.len(), 1);
    }

    #[test]
    fn skips_rows_that_are_not_corrections_with_their_lines() {
        let dataset = read("merge,a,b\nsame,a\nsame,Ana,ana\nsame,a,b\n");
        let file = &dataset.summary.files[0];
        assert_eq!((file.rows_read, file.rows_used), (4, 1));
        let lines: Vec<u64> = file.skip_notes.iter().map(|note| note.line).collect();
        assert_eq!(lines, [1, 2, 3]);
        assert!(file.skip_notes[0].reason.contains("'merge'"));
    }

    #[test]
    fn lines_quote_cells_that_need_it() {
        assert_eq!(
            correction_line(CorrectionKind::Same, "Patel, Sam", "s@x.example"),
            "same,\"Patel, Sam\",s@x.example"
        );
    }
}
