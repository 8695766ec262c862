//! Detection of research data sets written as CSV: Copenhagen Networks Study
//! calls and SMS, `;`-separated e-mail logs, and `SocioPatterns` household
//! contacts, given as a file or found in a `--data` folder. It tells them
//! apart by header, picks the reader and hands over; it never parses a row.

use std::path::{Path, PathBuf};

use super::copenhagen::{CopenhagenFile, read_copenhagen_file};
use super::csv_table::sniff_header;
use super::email_log::{is_email_log_header, read_email_log};
use super::households::{is_households_header, read_households_file};
use super::{Dataset, GENERIC_FILES, IngestOptions};
use crate::error::{Error, Result};

/// A research CSV format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Copenhagen(CopenhagenFile),
    EmailLog,
    Households,
}

/// Reads `path` when it is a research CSV file, or a folder (without a
/// generic CSV dataset) holding some: every `.csv` file there whose header
/// is one of them, in name order; other files are left alone (a truth file
/// beside the data is not data). Returns false, reading nothing, otherwise.
pub fn read_research_csv(
    path: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<bool> {
    let files: Vec<(PathBuf, Format)> = if path.is_file() {
        format_of(path)
            .map(|format| (path.to_path_buf(), format))
            .into_iter()
            .collect()
    } else if path.is_dir() && !GENERIC_FILES.iter().any(|name| path.join(name).is_file()) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?
            .flatten()
            .map(|entry| entry.path())
            .filter(|entry| entry.is_file())
            .collect();
        entries.sort();
        entries
            .into_iter()
            .filter_map(|entry| format_of(&entry).map(|format| (entry, format)))
            .collect()
    } else {
        Vec::new()
    };
    for (file, format) in &files {
        match format {
            Format::Copenhagen(which) => read_copenhagen_file(file, *which, options, dataset)?,
            Format::EmailLog => read_email_log(file, options, dataset)?,
            Format::Households => read_households_file(file, options, dataset)?,
        }
    }
    Ok(!files.is_empty())
}

/// The format of a `.csv` file, by its header.
fn format_of(path: &Path) -> Option<Format> {
    let is_csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return None;
    }
    let cells = sniff_header(path, ',')?;
    if let Some(which) = CopenhagenFile::from_header(&cells) {
        return Some(Format::Copenhagen(which));
    }
    if is_households_header(&cells) {
        return Some(Format::Households);
    }
    is_email_log_header(&sniff_header(path, ';')?).then_some(Format::EmailLog)
}
