//! Which files ingest opens, and how much of them: only regular files (a
//! FIFO, a device or a socket would block or never end, so they are passed
//! over with a note), each file once however many paths lead to it
//! (canonical paths: `--data` given twice, a symlink, a folder listed by two
//! members), folders walked a few levels deep without following a link back
//! into a folder already walked, and small files such as manifests read
//! whole only up to a cap. Reads no format.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{IngestSummary, SkipReason};
use crate::error::{Error, Result};

/// The sources and files read so far, by canonical path.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    files: HashSet<PathBuf>,
    folders: HashSet<PathBuf>,
}

impl Seen {
    /// True the first time the file at `path` is about to be read; after
    /// that, notes in `summary` that it is already read and returns false.
    pub(crate) fn first_read(&mut self, path: &Path, summary: &mut IngestSummary) -> bool {
        let first = self.files.insert(canonical(path));
        if !first {
            note(summary, path, SkipReason::IgnoredAlreadyRead);
        }
        first
    }

    /// [`Self::first_read`] for a folder given as a source.
    pub(crate) fn first_folder(&mut self, path: &Path, summary: &mut IngestSummary) -> bool {
        let first = self.folders.insert(canonical(path));
        if !first {
            note(summary, path, SkipReason::IgnoredAlreadyRead);
        }
        first
    }
}

/// `path` with every link resolved, or as given when it cannot be (it is
/// then reported by whoever opens it).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Lists the entry `path` in the summary as passed over, for `reason`.
pub(crate) fn note(summary: &mut IngestSummary, path: &Path, reason: SkipReason) {
    summary.add_file(path, reason.as_str());
}

/// The files under `folder` and its subfolders down to `depth` levels, in
/// name order: regular files, and entries whose kind cannot be told (a
/// broken link), left for their reader to report. Other entries (FIFOs,
/// devices, sockets) and links to folders already walked are passed over
/// with a note in `summary`.
pub(crate) fn files_under(
    folder: &Path,
    depth: usize,
    summary: &mut IngestSummary,
) -> Result<Vec<PathBuf>> {
    let mut walked = HashSet::from([canonical(folder)]);
    let mut files = Vec::new();
    walk(folder, depth, &mut walked, &mut files, summary)?;
    Ok(files)
}

fn walk(
    folder: &Path,
    depth: usize,
    walked: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    summary: &mut IngestSummary,
) -> Result<()> {
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
        // Follows links, and never opens the entry (opening a FIFO blocks).
        match std::fs::metadata(&entry) {
            Ok(metadata) if metadata.is_dir() => {
                if depth == 0 {
                    continue;
                }
                if walked.insert(canonical(&entry)) {
                    walk(&entry, depth - 1, walked, files, summary)?;
                } else {
                    note(summary, &entry, SkipReason::IgnoredAlreadyRead);
                }
            }
            Ok(metadata) if !metadata.is_file() => {
                note(summary, &entry, SkipReason::IgnoredNotRegular);
            }
            _ => files.push(entry),
        }
    }
    Ok(())
}

/// True when `path` is a regular file (following links); a FIFO, a device,
/// a socket or a missing file is not.
pub(crate) fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
}

/// Reads `path` as UTF-8 text, refusing anything but a regular file and more
/// than `max_bytes` bytes (a file that grows while it is read included).
/// `what` names the file in the error ("a manifest").
pub(crate) fn read_small_text(path: &Path, max_bytes: u64, what: &str) -> std::io::Result<String> {
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "larger than {}, more than {what} ever needs; is it the right file?",
                size_text(max_bytes)
            ),
        )
    };
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file; {what} must be one"),
        ));
    }
    if metadata.len() > max_bytes {
        return Err(too_large());
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(max_bytes.saturating_add(1))
        .read_to_string(&mut text)?;
    if text.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(text)
}

/// A size in words: `1 GiB`, `64 KiB`, `100 bytes`.
pub(crate) fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    const GIB: u64 = 1024 * MIB;
    if bytes >= GIB && bytes.is_multiple_of(GIB) {
        format!("{} GiB", bytes / GIB)
    } else if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}
