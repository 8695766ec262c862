//! The ingest summary: for each file, rows read, used, and skipped by reason,
//! so that nothing is ever dropped silently, and the file's notes (what a
//! reader wants the user to know about the file as a whole). `--strict` turns
//! the first malformed row, or the first limit reached, into an error; rows
//! set aside ([`SkipKind::SetAside`]) are counted, never errors. Every note
//! is one line of words, at most [`MAX_NOTE_CHARS`] characters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Origin, ReadMeter, SkipKind, SkipReason};
use crate::error::{Error, MESSAGE_MAX_CHARS, Result, one_line};

/// How many skipped rows are kept with their line numbers, per file.
pub const MAX_SKIP_NOTES_PER_FILE: usize = 20;

/// How many notes about the file as a whole are kept, per file.
pub const MAX_FILE_NOTES: usize = 20;

/// The longest note or skip note kept, in characters: the bound of every
/// message ([`crate::error::one_line`]); a longer one keeps its start and end.
pub const MAX_NOTE_CHARS: usize = MESSAGE_MAX_CHARS;

/// Rows read, used and skipped, per file.
#[derive(Debug, Default, Clone, Serialize)]
pub struct IngestSummary {
    /// One entry per file read.
    pub files: Vec<FileSummary>,
    /// The sources the files came from (a `--data` path, or a source of a
    /// team member), in reading order: each names the range of `files` it
    /// gave. For the one-line-per-source account.
    #[serde(skip)]
    pub sources: Vec<SourceFiles>,
    /// Turn any skip into an error.
    #[serde(skip)]
    pub strict: bool,
    /// Counts the bytes the readers open and read, for progress.
    #[serde(skip)]
    pub meter: ReadMeter,
}

/// The account of one file.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FileSummary {
    /// The file.
    pub path: PathBuf,
    /// What the file was read as (e.g. `interactions.csv`).
    pub kind: String,
    /// Data rows read (header and preamble excluded).
    pub rows_read: u64,
    /// The file's lines, for text files read line by line, when they are more
    /// than its header and one per row (values over several lines, blank
    /// lines, a preamble, malformed stretches): the rows and the lines side
    /// by side show any gap. `None` when they would say nothing more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<u64>,
    /// Rows that became records.
    pub rows_used: u64,
    /// Rows skipped, counted by reason.
    pub skipped: BTreeMap<String, u64>,
    /// The first skipped rows, with their lines.
    pub skip_notes: Vec<SkipNote>,
    /// For a calendar: what its recurring events expanded to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrences: Option<Recurrences>,
    /// What the reader wants the user to know about the file as a whole (an
    /// owner it could not tell, a limit it reached), one line each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What a calendar's recurring events expanded to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Recurrences {
    /// Recurring events (series) that gave at least one meeting.
    pub events: u64,
    /// The meetings they gave, up to the as-of date.
    pub occurrences: u64,
}

/// The files one source gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFiles {
    /// The source as given.
    pub path: PathBuf,
    /// Its files: a range of [`IngestSummary::files`].
    pub files: std::ops::Range<usize>,
}

/// One skipped row.
#[derive(Debug, Clone, Serialize)]
pub struct SkipNote {
    /// 1-based line.
    pub line: u64,
    /// Why it was skipped: one line of at most
    /// [`MESSAGE_MAX_CHARS`](crate::error::MESSAGE_MAX_CHARS) characters.
    pub reason: String,
}

impl FileSummary {
    /// Rows skipped in all.
    #[must_use]
    pub fn rows_skipped(&self) -> u64 {
        self.skipped.values().sum()
    }
}

impl IngestSummary {
    /// Records that the files registered from `first` on came from `path`.
    pub fn add_source(&mut self, path: &Path, first: usize) {
        self.sources.push(SourceFiles {
            path: path.to_path_buf(),
            files: first..self.files.len(),
        });
    }

    /// Registers a file and returns its index for [`Origin`]s.
    pub fn add_file(&mut self, path: &Path, kind: &str) -> u32 {
        self.files.push(FileSummary {
            path: path.to_path_buf(),
            kind: kind.to_owned(),
            ..FileSummary::default()
        });
        (self.files.len() - 1) as u32
    }

    /// Counts a row as read.
    pub fn count_read(&mut self, file: u32) {
        if let Some(entry) = self.files.get_mut(file as usize) {
            entry.rows_read += 1;
        }
    }

    /// Records that `file` has `lines` lines in all: kept when they are more
    /// than its header and one line per row read.
    pub fn count_lines(&mut self, file: u32, lines: u64) {
        if let Some(entry) = self.files.get_mut(file as usize) {
            entry.lines = (lines > entry.rows_read + 1).then_some(lines);
        }
    }

    /// Takes back a row counted as read that turned out not to be a row (a blank line).
    pub fn unread(&mut self, file: u32) {
        if let Some(entry) = self.files.get_mut(file as usize) {
            entry.rows_read = entry.rows_read.saturating_sub(1);
        }
    }

    /// Counts a row as used.
    pub fn count_used(&mut self, file: u32) {
        if let Some(entry) = self.files.get_mut(file as usize) {
            entry.rows_used += 1;
        }
    }

    /// Records a skipped row. `reason` is the category it is counted under,
    /// `detail` the specifics kept for the first few rows of each file (made
    /// one line of at most [`MAX_NOTE_CHARS`] characters). Under `--strict`
    /// a malformed row or one over a limit is an error; a row set aside is
    /// only counted.
    pub fn skip(&mut self, origin: Origin, reason: SkipReason, detail: &str) -> Result<()> {
        let kind = reason.kind();
        let reason = reason.as_str();
        let Some(entry) = self.files.get_mut(origin.file as usize) else {
            return Ok(());
        };
        // One bounded line, whatever the detail quotes from the input.
        let message = if detail.is_empty() {
            reason.to_owned()
        } else {
            one_line(&format!("{reason}: {detail}"))
        };
        if self.strict && kind != SkipKind::SetAside {
            return Err(Error::StrictSkip {
                path: entry.path.clone(),
                line: origin.line,
                reason: message,
            });
        }
        *entry.skipped.entry(reason.to_owned()).or_insert(0) += 1;
        if entry.skip_notes.len() < MAX_SKIP_NOTES_PER_FILE {
            entry.skip_notes.push(SkipNote {
                line: origin.line,
                reason: message,
            });
        }
        Ok(())
    }

    /// Adds a note about the file as a whole (one line of words, bounded).
    pub fn note(&mut self, file: u32, note: &str) {
        if let Some(entry) = self.files.get_mut(file as usize)
            && entry.notes.len() < MAX_FILE_NOTES
        {
            entry.notes.push(one_line(note));
        }
    }

    /// Notes that the reader stopped taking part of a file at one of its
    /// limits (`note` says which and what was left out); under `--strict`
    /// the limit is an error at `origin` instead.
    pub fn limit_reached(&mut self, origin: Origin, note: &str) -> Result<()> {
        if self.strict
            && let Some(entry) = self.files.get(origin.file as usize)
        {
            return Err(Error::StrictSkip {
                path: entry.path.clone(),
                line: origin.line,
                reason: one_line(note),
            });
        }
        self.note(origin.file, note);
        Ok(())
    }

    /// Sets what a calendar's recurring events expanded to.
    pub fn set_recurrences(&mut self, file: u32, recurrences: Recurrences) {
        if let Some(entry) = self.files.get_mut(file as usize) {
            entry.recurrences = Some(recurrences);
        }
    }

    /// Moves a row counted as used to skipped (a later stage found it unusable,
    /// e.g. both sides resolved to the same person).
    pub fn unuse(&mut self, origin: Origin, reason: SkipReason, detail: &str) -> Result<()> {
        if let Some(entry) = self.files.get_mut(origin.file as usize) {
            entry.rows_used = entry.rows_used.saturating_sub(1);
        }
        self.skip(origin, reason, detail)
    }

    /// The path of a file by index.
    #[must_use]
    pub fn path(&self, file: u32) -> Option<&Path> {
        self.files
            .get(file as usize)
            .map(|entry| entry.path.as_path())
    }

    /// Rows skipped in all files.
    #[must_use]
    pub fn total_skipped(&self) -> u64 {
        self.files.iter().map(FileSummary::rows_skipped).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_one_bounded_line() {
        assert_eq!(one_line("a\nb\r\tc"), "a b c");
        let long = one_line(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), MAX_NOTE_CHARS);
        assert!(long.contains('…'));
    }

    #[test]
    fn strict_refuses_malformed_rows_and_limits_but_counts_set_asides() {
        let mut summary = IngestSummary {
            strict: true,
            ..IngestSummary::default()
        };
        let file = summary.add_file(Path::new("a.ics"), "calendar (.ics)");
        let origin = Origin { file, line: 3 };
        summary
            .skip(origin, SkipReason::CancelledEvent, "STATUS:CANCELLED")
            .unwrap();
        assert_eq!(summary.files[0].rows_skipped(), 1);
        assert!(
            summary
                .skip(origin, SkipReason::MalformedEvent, "")
                .is_err()
        );
        assert!(
            summary
                .skip(origin, SkipReason::OversizedHeaders, "")
                .is_err()
        );
        assert!(summary.limit_reached(origin, "cut").is_err());
    }
}
