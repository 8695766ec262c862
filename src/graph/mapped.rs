//! A snapshot file mapped into memory, and the adjacency columns that view
//! it in place: the crate's one `unsafe` call, [`map_snapshot`], lives here.
//!
//! Mapping lets a load use the page cache's own pages for the adjacency's
//! neighbours and strengths (16 bytes a tie) instead of faulting in fresh
//! pages, zeroing them and copying the file into them. Nothing is trusted
//! because it is mapped: the snapshot reader checksums and bounds-checks
//! every mapped section before a [`Column`] views it, exactly as it checks
//! the bytes it reads. Where a file cannot be mapped, or a section is not
//! aligned for its values (format version 4, a big-endian machine), the
//! reader copies into owned vectors instead. This module knows nothing of
//! the snapshot's layout.

use std::ops::{Deref, Range};
use std::sync::Arc;

use memmap2::Mmap;

/// Maps the whole of `file` read-only, or `None` when it cannot be mapped
/// (a pipe, a device, an empty file, a system without `mmap`).
///
/// The mapping is private and read-only, so no write through it is
/// possible. It is sound as long as no one truncates or rewrites the file
/// in place while it is mapped: warmpath never does (snapshots are written
/// to a temporary file and renamed over the old path, which leaves an
/// opened file whole), and the loader verifies the mapped bytes' checksums
/// before it uses them, so a file changed before then is an error, not a
/// wrong answer. Another program that truncates a snapshot while a command
/// reads it would end the command with a bus error rather than an answer.
#[allow(unsafe_code)]
pub(crate) fn map_snapshot(file: &std::fs::File) -> Option<Arc<Mmap>> {
    if file.metadata().ok()?.len() == 0 {
        return None;
    }
    // SAFETY: see above: the file is opened by the loader and is never
    // modified in place by warmpath; every byte used is validated first.
    let map = unsafe { memmap2::MmapOptions::new().map_copy_read_only(file) }.ok()?;
    Some(Arc::new(map))
}

/// A column of the adjacency: owned values, or values read in place from
/// a mapped snapshot (validated, and aligned for `T`, when it was made).
#[derive(Debug)]
pub(crate) enum Column<T> {
    /// Values in memory (a freshly built graph, or a copy of the file's).
    Owned(Vec<T>),
    /// The bytes `range` of a mapped snapshot, little-endian values.
    Mapped(Arc<Mmap>, Range<usize>),
}

impl<T: bytemuck::Pod> Column<T> {
    /// The column over `range` of `map`, or `None` when those bytes cannot
    /// be read as `T` in place (out of the map, misaligned, a big-endian
    /// machine).
    pub(crate) fn mapped(map: &Arc<Mmap>, range: Range<usize>) -> Option<Self> {
        if cfg!(target_endian = "big") {
            return None;
        }
        let bytes = map.get(range.clone())?;
        bytemuck::try_cast_slice::<u8, T>(bytes).ok()?;
        Some(Self::Mapped(Arc::clone(map), range))
    }
}

impl<T> Default for Column<T> {
    fn default() -> Self {
        Self::Owned(Vec::new())
    }
}

impl<T: bytemuck::Pod> Deref for Column<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Self::Owned(values) => values,
            // Checked in `mapped`; never empty for a valid column.
            Self::Mapped(map, range) => map
                .get(range.clone())
                .and_then(|bytes| bytemuck::try_cast_slice(bytes).ok())
                .unwrap_or(&[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_column_reads_the_values_in_place_and_refuses_misaligned_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values");
        let values: Vec<u8> = [7_u32, 8, 9].iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut bytes = vec![0_u8; 8];
        bytes.extend_from_slice(&values);
        std::fs::write(&path, &bytes).unwrap();
        let map = map_snapshot(&std::fs::File::open(&path).unwrap()).unwrap();
        let column = Column::<u32>::mapped(&map, 8..20).unwrap();
        assert_eq!(&*column, &[7, 8, 9]);
        assert!(Column::<u32>::mapped(&map, 7..19).is_none());
        assert!(Column::<u32>::mapped(&map, 8..24).is_none());
    }

    #[test]
    fn an_empty_file_is_not_mapped() {
        let file = tempfile::tempfile().unwrap();
        assert!(map_snapshot(&file).is_none());
    }
}
