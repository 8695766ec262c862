//! What a `--data` path holds when warmpath reads nothing useful there, so
//! that the error says what was found and what to do: `LinkedIn` exports or
//! datasets one level down, CSV files that are no source (with their
//! headers), a source without rows. Also finds the `LinkedIn` exports inside a
//! folder of calendars, mailboxes and address books, which are read with it
//! rather than ignored. Reads names and first lines only, never records.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::generic_csv::GENERIC_FILES;
use super::linkedin;
use super::manifest::MANIFEST_FILE;
use super::summary::FileSummary;

/// How many files or columns a message names before saying how many more.
const MAX_NAMED: usize = 4;

/// Bytes of a CSV file read to find its header.
const HEADER_BYTES: u64 = 4096;

/// Why `folder`, in which no source was found, is not one, and what to do.
pub fn nothing_here(folder: &Path) -> String {
    let mut children: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    children.sort();
    let exports: Vec<&PathBuf> = children.iter().filter(|child| is_export(child)).collect();
    if !exports.is_empty() {
        let flags: Vec<String> = exports
            .iter()
            .map(|export| format!("--data {}", export.display()))
            .collect();
        return match exports.as_slice() {
            [one] => format!(
                "no dataset here, but a LinkedIn export one level down: pass it with `--data {}`",
                one.display()
            ),
            many => format!(
                "no dataset here, but {} LinkedIn exports found one level down: pass them with \
                 --data each (`{}`), or list them as members' sources in a team.toml",
                many.len(),
                flags.join(" ")
            ),
        };
    }
    let datasets: Vec<String> = children
        .iter()
        .filter(|child| {
            child.is_dir()
                && (GENERIC_FILES.iter().any(|name| child.join(name).is_file())
                    || child.join(MANIFEST_FILE).is_file())
        })
        .map(|child| child.display().to_string())
        .collect();
    if !datasets.is_empty() {
        return format!(
            "no dataset here, but {} one level down: pass {} with --data ({})",
            count(datasets.len(), "dataset folder"),
            if datasets.len() == 1 { "it" } else { "each" },
            named(&datasets)
        );
    }
    let expected = "a dataset is people.csv, interactions.csv or relationships.csv (their columns \
                    are in the README), or a calendar, mailbox or address book";
    let csvs: Vec<String> = children
        .iter()
        .filter(|child| child.is_file() && has_extension(child, "csv"))
        .map(|child| format!("{} ({})", file_name(child), header(child)))
        .collect();
    if !csvs.is_empty() {
        return format!(
            "no dataset here: found {} warmpath does not read: {}; {expected}",
            count(csvs.len(), "CSV file"),
            named(&csvs)
        );
    }
    let files: Vec<String> = children.iter().map(|child| file_name(child)).collect();
    if files.is_empty() {
        return format!("the folder is empty; {expected}");
    }
    format!(
        "no dataset here: found {} and nothing warmpath reads; {expected}",
        named(&files)
    )
}

/// Why the source `path`, whose `files` gave no rows at all, is of no use,
/// if so.
pub fn without_rows(path: &Path, files: &[FileSummary]) -> Option<String> {
    // Files passed over unopened (already read through another path, not
    // regular files, ignored members) are accounted for on the summary line;
    // a source that is nothing but those is no empty source.
    let opened: Vec<&FileSummary> = files
        .iter()
        .filter(|file| !file.kind.starts_with("ignored"))
        .collect();
    if opened.is_empty() || opened.iter().any(|file| file.rows_read > 0) {
        return None;
    }
    let read: Vec<String> = opened
        .iter()
        .map(|file| {
            let what = if file.kind.contains("calendar") {
                "with no events"
            } else {
                "with no rows"
            };
            if file.path == path {
                format!("it is a {} {what}", file.kind)
            } else {
                format!("{} is a {} {what}", file.path.display(), file.kind)
            }
        })
        .collect();
    Some(format!(
        "nothing to read: {}; export it again with its contents, or pass another source",
        named(&read)
    ))
}

/// The `LinkedIn` exports (zips, or unzipped folders) in `folder` and its
/// subfolders down to `depth` levels.
pub fn exports_within(folder: &Path, depth: usize) -> Vec<PathBuf> {
    let mut children: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    children.sort();
    let mut exports = Vec::new();
    for child in children {
        if is_export(&child) {
            exports.push(child);
        } else if is_real_folder(&child) && depth > 0 {
            exports.extend(exports_within(&child, depth - 1));
        }
    }
    exports
}

fn is_export(path: &Path) -> bool {
    if path.is_dir() {
        linkedin::is_export(path)
    } else {
        has_extension(path, "zip") && linkedin::is_export(path)
    }
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// The first line of a CSV file, as its columns.
fn header(path: &Path) -> String {
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|file| file.take(HEADER_BYTES).read_to_end(&mut bytes));
    if read.is_err() {
        return "unreadable".to_owned();
    }
    let text = String::from_utf8_lossy(&bytes);
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let columns: Vec<String> = line
        .split([',', ';', '\t'])
        .map(|column| column.trim().trim_matches('"').to_owned())
        .filter(|column| !column.is_empty())
        .collect();
    if columns.is_empty() {
        return "empty".to_owned();
    }
    let shown = columns
        .iter()
        .take(MAX_NAMED * 2)
        .cloned()
        .collect::<Vec<_>>();
    let more = columns.len() - shown.len();
    match more {
        0 => format!("columns {}", shown.join(", ")),
        more => format!("columns {} and {more} more", shown.join(", ")),
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The first few of `items`, then how many more.
fn named(items: &[String]) -> String {
    let shown = items[..items.len().min(MAX_NAMED)].join(", ");
    match items.len().saturating_sub(MAX_NAMED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// A folder, not a link to one: surveys never follow links into folders, so
/// a link loop cannot multiply their work.
fn is_real_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_dir())
}
