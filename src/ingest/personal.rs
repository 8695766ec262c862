//! Detection of personal sources: calendars (`.ics`), mailboxes (`.mbox`, and
//! a file named `mbox`: a Unix spool, or the one inside Apple Mail's
//! `Inbox.mbox/` export) and address books (`.vcf`, Google, Outlook-family and
//! Thunderbird contacts CSV), given as a file or found in a `--data` folder.
//! It picks the reader by file name and header and hands over, and says why a
//! file given alone is none of them; it never parses a record itself.

use std::io::Read;
use std::path::Path;

use super::files::{Seen, files_under};
use super::{
    Dataset, GENERIC_FILES, IngestOptions, read_contacts_csv, read_ical_file, read_mbox_file,
    read_vcard_file,
};
use crate::error::Result;

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
/// deep; see [`files_under`] for what is passed over), each once: a file
/// `seen` before is noted as already read. Returns true when the folder has
/// personal files and no generic CSV dataset, so that nothing else needs to
/// read it.
pub(crate) fn read_personal_folder(
    folder: &Path,
    options: IngestOptions,
    seen: &mut Seen,
    dataset: &mut Dataset,
) -> Result<bool> {
    let files = files_under(folder, MAX_FOLDER_DEPTH, &mut dataset.summary)?;
    let mut found_any = false;
    for file in files {
        if kind_of(&file)?.is_none() {
            continue;
        }
        found_any = true;
        if seen.first_read(&file, &mut dataset.summary) {
            read_personal_file(&file, options, dataset)?;
        }
    }
    let generic = GENERIC_FILES
        .iter()
        .any(|name| super::files::is_regular_file(&folder.join(name)));
    Ok(found_any && !generic)
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
        None if is_named_mbox(path) => Some(Kind::Mailbox),
        _ => None,
    })
}

/// True for a file named `mbox` that is empty or starts like a mailbox
/// (`From `): a Unix spool, or the mailbox inside Apple Mail's `Inbox.mbox/`
/// folder (beside its `Info.plist` and `table_of_contents`).
fn is_named_mbox(path: &Path) -> bool {
    let named = path
        .file_name()
        .is_some_and(|name| name.eq_ignore_ascii_case("mbox"));
    let mut start = Vec::new();
    named
        && std::fs::File::open(path)
            .and_then(|file| file.take(5).read_to_end(&mut start))
            .is_ok()
        && (start.is_empty() || start == b"From ")
}

/// Why `path`, given alone as `--data`, is no source warmpath reads: for a
/// CSV, the headers it has and the layouts that are read.
pub fn unrecognised_reason(path: &Path) -> String {
    let csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if csv && let Ok(header) = super::address_book::first_line(path) {
        // The message is one line of at most 300 characters: a few columns,
        // each cut short, leave room for the layouts that are read.
        const SHOWN: usize = 6;
        const COLUMN_CHARS: usize = 24;
        let columns = super::address_book::header_columns(&header);
        let mut shown: Vec<String> = columns
            .iter()
            .take(SHOWN)
            .map(|column| {
                let column = super::line_cursor::excerpt(column);
                if column.chars().count() > COLUMN_CHARS {
                    let cut: String = column.chars().take(COLUMN_CHARS - 1).collect();
                    format!("'{cut}…'")
                } else {
                    format!("'{column}'")
                }
            })
            .collect();
        if columns.len() > SHOWN {
            shown.push(format!("{} more", columns.len() - SHOWN));
        }
        return format!(
            "a CSV of no known layout (header: {}); the contact CSVs read are {}",
            shown.join(", "),
            super::address_book::LAYOUTS
        );
    }
    "not a folder or a recognised file; --data expects a folder holding people.csv, \
     interactions.csv or relationships.csv, or a calendar (.ics), mailbox (.mbox), address book \
     (.vcf, Google, Outlook or Thunderbird contacts .csv), LinkedIn export (.zip), SNAP edge list \
     or SocioPatterns tij_*.dat file"
        .to_owned()
}
