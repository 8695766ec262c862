//! `SocioPatterns` contact data (e.g. the 2015 workplace study): `tij_*.dat`
//! files of `t i j` lines — `i` and `j` were face to face during the 20-second
//! slot ending at `t` seconds — and optional `metadata_*.txt` files of
//! `i department` lines. Consecutive slots of one pair form one
//! [`Channel::Meeting`] with its duration; a department becomes the person's
//! company. Times are kept as the files give them (seconds from the start of
//! the recording), so dates print in January 1970. This reader only detects
//! and parses; it knows nothing of scoring.

use std::path::{Path, PathBuf};

use super::snap::for_each_data_line;
use super::{Channel, Dataset, IngestOptions, InteractionRecord, Origin, PersonRecord};
use crate::error::Result;
use crate::ingest::SkipReason;

/// Length of one `SocioPatterns` contact slot, in seconds.
pub const SLOT_SECONDS: i64 = 20;

/// What the summary calls a contacts file.
pub const CONTACTS_KIND: &str = "sociopatterns contacts";
/// What the summary calls a metadata file.
pub const METADATA_KIND: &str = "sociopatterns metadata";

/// The files of one `SocioPatterns` dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SocioPatternsFiles {
    /// `tij_*.dat` contact files.
    pub contacts: Vec<PathBuf>,
    /// `metadata_*.txt` files (`i department`).
    pub metadata: Vec<PathBuf>,
}

/// Finds `SocioPatterns` files at `path`: a `tij_*.dat` file (with its
/// `metadata_*.txt` sibling of the same suffix, if any) or a folder holding
/// `tij_*.dat` files. `None` when there are none.
#[must_use]
pub fn find_sociopatterns_files(path: &Path) -> Option<SocioPatternsFiles> {
    let name = |path: &Path| {
        path.file_name()
            .and_then(|name| name.to_str())
            .map(str::to_owned)
    };
    if path.is_file() {
        let file_name = name(path)?;
        let suffix = file_name.strip_prefix("tij_")?.strip_suffix(".dat")?;
        let metadata = path.with_file_name(format!("metadata_{suffix}.txt"));
        return Some(SocioPatternsFiles {
            contacts: vec![path.to_path_buf()],
            metadata: if metadata.is_file() {
                vec![metadata]
            } else {
                Vec::new()
            },
        });
    }
    let mut files = SocioPatternsFiles::default();
    for entry in std::fs::read_dir(path).ok()?.flatten() {
        let entry_path = entry.path();
        let Some(file_name) = name(&entry_path) else {
            continue;
        };
        if !entry_path.is_file() {
            continue;
        }
        if file_name.starts_with("tij_") && has_extension(&entry_path, "dat") {
            files.contacts.push(entry_path);
        } else if file_name.starts_with("metadata_") && has_extension(&entry_path, "txt") {
            files.metadata.push(entry_path);
        }
    }
    files.contacts.sort();
    files.metadata.sort();
    (!files.contacts.is_empty()).then_some(files)
}

/// Reads `SocioPatterns` metadata and contacts into `dataset`.
pub fn read_sociopatterns(
    files: &SocioPatternsFiles,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    dataset.summary.strict = options.strict;
    for path in &files.metadata {
        read_metadata(path, dataset)?;
    }
    for path in &files.contacts {
        read_contacts(path, dataset)?;
    }
    Ok(())
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .is_some_and(|found| found.eq_ignore_ascii_case(extension))
}

fn read_metadata(path: &Path, dataset: &mut Dataset) -> Result<()> {
    for_each_data_line(
        path,
        METADATA_KIND,
        dataset,
        |_| false,
        |origin, line, dataset| {
            let mut fields = line.split_whitespace();
            let (Some(id), Some(department), None) = (fields.next(), fields.next(), fields.next())
            else {
                return dataset.summary.skip(
                    origin,
                    SkipReason::NotIdDepartment,
                    &format!("'{line}' does not have two fields"),
                );
            };
            if !is_id(id) {
                return dataset.summary.skip(
                    origin,
                    SkipReason::BadId,
                    &format!("'{id}' is not a whole number"),
                );
            }
            dataset.summary.count_used(origin.file);
            dataset.people.push(PersonRecord {
                origin: Some(origin),
                id: Some(id.to_owned()),
                company: Some(department.to_owned()),
                ..PersonRecord::default()
            });
            Ok(())
        },
    )
}

/// One contact slot of a pair (`a < b` by number), with its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    a: u64,
    b: u64,
    end: i64,
    line: u64,
    file: u32,
}

impl Slot {
    fn origin(self) -> Origin {
        Origin {
            file: self.file,
            line: self.line,
        }
    }
}

fn read_contacts(path: &Path, dataset: &mut Dataset) -> Result<()> {
    let mut slots = Vec::new();
    for_each_data_line(
        path,
        CONTACTS_KIND,
        dataset,
        |_| false,
        |origin, line, dataset| {
            let Some((end, i, j)) = parse_contact(line) else {
                return dataset.summary.skip(
                    origin,
                    SkipReason::NotTij,
                    &format!("'{line}' is not three whole numbers"),
                );
            };
            if i == j {
                return dataset.summary.skip(
                    origin,
                    SkipReason::SelfTie,
                    &format!("'{i}' in contact with themselves"),
                );
            }
            slots.push(Slot {
                a: i.min(j),
                b: i.max(j),
                end,
                line: origin.line,
                file: origin.file,
            });
            Ok(())
        },
    )?;
    slots.sort_unstable();
    let mut start = 0;
    while start < slots.len() {
        let first = slots[start];
        let mut previous = first;
        let mut count = 1_i64;
        let mut end = start + 1;
        while let Some(next) = slots.get(end) {
            if (next.a, next.b) != (first.a, first.b) || next.end > previous.end + SLOT_SECONDS {
                break;
            }
            if next.end == previous.end {
                dataset.summary.skip(
                    next.origin(),
                    SkipReason::DuplicateSlot,
                    &format!(
                        "{} and {} already in contact at t = {}",
                        next.a, next.b, next.end
                    ),
                )?;
            } else {
                dataset.summary.count_used(first.file);
                count += 1;
                previous = *next;
            }
            end += 1;
        }
        dataset.summary.count_used(first.file);
        let seconds = count * SLOT_SECONDS;
        dataset.interactions.push(InteractionRecord {
            origin: first.origin(),
            at: first.end - SLOT_SECONDS,
            from: dataset.refs.id(&first.a.to_string()),
            to: vec![dataset.refs.id(&first.b.to_string())],
            channel: Channel::Meeting,
            duration_secs: Some(u32::try_from(seconds).unwrap_or(u32::MAX)),
        });
        start = end;
    }
    Ok(())
}

fn is_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u64>().is_ok()
}

/// `t i j`: a slot end time in seconds and two numeric ids.
fn parse_contact(line: &str) -> Option<(i64, u64, u64)> {
    let mut fields = line.split_whitespace();
    let (t, i, j) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() || !is_id(t) || !is_id(i) || !is_id(j) {
        return None;
    }
    Some((t.parse().ok()?, i.parse().ok()?, j.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_t_i_j_lines_only() {
        assert_eq!(parse_contact("28840 574 1362"), Some((28_840, 574, 1362)));
        assert_eq!(parse_contact("28840 574"), None);
        assert_eq!(parse_contact("t i j"), None);
        assert_eq!(parse_contact("-20 1 2"), None);
    }
}
