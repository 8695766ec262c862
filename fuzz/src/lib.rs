//! What the fuzz targets share: an input written as a file of the name its
//! reader recognises, read the way `warmpath` reads it (every source, then
//! identity resolution), and the invariants every input must keep: no panic
//! (libFuzzer reports one), and every file's rows read = used + skipped.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use warmpath::identity::resolve_identities;
use warmpath::ingest::{IngestOptions, IngestSummary, read_sources};

/// A folder of this process's own for the inputs (libFuzzer runs one input at
/// a time per process).
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// The options of the command line: an as-of date (the end of 2026-11-25).
fn options() -> IngestOptions {
    IngestOptions {
        strict: false,
        as_of: warmpath::time::parse_date("2026-11-25").map(warmpath::time::end_of_day),
    }
}

/// Panics (a finding) unless every file's rows add up.
pub fn assert_accounted(summary: &IngestSummary) {
    for file in &summary.files {
        assert_eq!(
            file.rows_read,
            file.rows_used + file.rows_skipped(),
            "{}: rows read are not rows used plus skipped",
            file.path.display()
        );
    }
}

/// Reads `paths` as `warmpath` does and checks the accounting before and
/// after identity resolution. An error is a fine answer to a bad input.
pub fn ingest(paths: &[PathBuf]) {
    let Ok(dataset) = read_sources(paths, options()) else {
        return;
    };
    assert_accounted(&dataset.summary);
    if let Ok(resolved) = resolve_identities(dataset) {
        assert_accounted(&resolved.summary);
    }
}

/// Writes `bytes` as `name` in a fresh folder, with `companions` (name,
/// bytes) beside it, and returns the folder.
pub fn folder_with(name: &str, bytes: &[u8], companions: &[(&str, &[u8])]) -> PathBuf {
    let folder = scratch().join("input");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a folder for the input");
    for (companion, content) in companions {
        std::fs::write(folder.join(companion), content).expect("a companion file");
    }
    std::fs::write(folder.join(name), bytes).expect("the input file");
    folder
}

/// Reads `bytes` as a file named `name` given to `--data` itself.
pub fn read_file(name: &str, bytes: &[u8]) {
    let folder = folder_with(name, bytes, &[]);
    ingest(&[folder.join(name)]);
}

/// Reads `bytes` as `name` inside a folder given to `--data`.
pub fn read_in_folder(name: &str, bytes: &[u8], companions: &[(&str, &[u8])]) {
    ingest(&[folder_with(name, bytes, companions)]);
}

/// Splits an input into a selector (its first byte) and the rest, so that one
/// target can cover several file names or formats.
#[must_use]
pub fn select<'a, T>(data: &'a [u8], choices: &'a [T]) -> Option<(&'a T, &'a [u8])> {
    let (first, rest) = data.split_first()?;
    Some((&choices[usize::from(*first) % choices.len()], rest))
}

/// A LinkedIn export's `Profile.csv`, so that other files have an owner.
pub const PROFILE: &[u8] = b"First Name,Last Name,Headline\nJo,Doe,Founder\n";
