//! Detection of personal sources: calendars (`.ics`), mailboxes (`.mbox`) and
//! address books (`.vcf`, Google and Outlook contacts CSV), given as a file or
//! found in a `--data` folder. It picks the reader by file name and header and
//! hands over; it never parses a record itself.

use std::path::{Path, PathBuf};

use super::{
    Dataset, GENERIC_FILES, IngestOptions, read_contacts_csv, read_ical_file, read_mbox_file,
    read_vcard_file,
};
use crate::error::{Error, Result};

/// How deep to look for personal files under a `--data` folder (a Google
/// Takeout keeps its mailbox in `Takeout/Mail/`).
pub(super) const MAX_FOLDER_DEPTH: usize = 3;

/// The kinds of personal file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Calendar,
    Mailbox,
    VCard,
    ContactsCsv,
}

/// Reads `path` if it is a personal file; returns false for anything else.
pub fn read_personal_file(
    path: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<bool> {
    let Some(kind) = kind_of(path)? else {
        return Ok(false);
    };
    dataset.summary.strict = options.strict;
    match kind {
        Kind::Calendar => read_ical_file(path, options, dataset)?,
        Kind::Mailbox => read_mbox_file(path, options, dataset)?,
        Kind::VCard => read_vcard_file(path, options, dataset)?,
        Kind::ContactsCsv => read_contacts_csv(path, options, dataset)?,
    }
    Ok(true)
}

/// Reads every personal file in `folder` (and its subfolders, a few levels
/// deep). Returns true when it read some and the folder holds no generic CSV
/// dataset, so that nothing else needs to read it.
pub fn read_personal_folder(
    folder: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<bool> {
    let mut files = Vec::new();
    collect_files(folder, MAX_FOLDER_DEPTH, &mut files)?;
    let mut read_any = false;
    for file in files {
        read_any |= read_personal_file(&file, options, dataset)?;
    }
    let generic = GENERIC_FILES.iter().any(|name| folder.join(name).is_file());
    Ok(read_any && !generic)
}

fn collect_files(folder: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<()> {
    let read_error = |source| Error::Read {
        path: folder.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(read_error)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()
        .map_err(read_error)?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            if depth > 0 {
                collect_files(&entry, depth - 1, files)?;
            }
        } else {
            files.push(entry);
        }
    }
    Ok(())
}

fn kind_of(path: &Path) -> Result<Option<Kind>> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("ics" | "ical" | "ifb" | "icalendar") => Some(Kind::Calendar),
        Some("mbox" | "mbx") => Some(Kind::Mailbox),
        Some("vcf" | "vcard") => Some(Kind::VCard),
        Some("csv") if super::address_book::is_contacts_csv(path)? => Some(Kind::ContactsCsv),
        _ => None,
    })
}
