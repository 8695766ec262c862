//! How far reading has got, in bytes, for a progress bar with an ETA: the
//! readers of the large formats (CSV tables, mailboxes, edge lists, calendars,
//! address books) count the bytes of each file they open and of what they
//! have read of it. Reading never waits on the meter; whoever shows progress
//! polls it from another thread.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes of the files opened so far and bytes read of them; a default meter
/// counts nothing (library use, tests).
#[derive(Debug, Clone, Default)]
pub struct ReadMeter(Option<Arc<Counts>>);

#[derive(Debug, Default)]
struct Counts {
    opened: AtomicU64,
    read: AtomicU64,
}

impl ReadMeter {
    /// A meter that counts.
    #[must_use]
    pub fn counting() -> Self {
        Self(Some(Arc::default()))
    }

    /// `(read, opened)`: bytes read so far, and the sizes of the files
    /// opened so far (read never passes opened: a file that grows while it
    /// is read counts as its size when opened).
    #[must_use]
    pub fn bytes(&self) -> (u64, u64) {
        self.0.as_ref().map_or((0, 0), |counts| {
            let opened = counts.opened.load(Ordering::Relaxed);
            (counts.read.load(Ordering::Relaxed).min(opened), opened)
        })
    }

    /// Opens `path` for reading, counting its size as opened and every byte
    /// read from it.
    pub(crate) fn open(&self, path: &Path) -> std::io::Result<Metered<std::fs::File>> {
        let file = std::fs::File::open(path)?;
        let size = file.metadata().map_or(0, |metadata| metadata.len());
        self.add(size, 0);
        Ok(Metered {
            inner: file,
            meter: self.clone(),
        })
    }

    /// Counts a file of `size` bytes read whole.
    pub(crate) fn read_whole(&self, size: u64) {
        self.add(size, size);
    }

    fn add(&self, opened: u64, read: u64) {
        if let Some(counts) = &self.0 {
            counts.opened.fetch_add(opened, Ordering::Relaxed);
            counts.read.fetch_add(read, Ordering::Relaxed);
        }
    }
}

/// A reader that counts what it reads on its [`ReadMeter`].
#[derive(Debug)]
pub struct Metered<R> {
    inner: R,
    meter: ReadMeter,
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.meter.add(0, read as u64);
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counting_meter_sees_a_file_opened_then_read_to_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, vec![b'x'; 10_000]).unwrap();
        let meter = ReadMeter::counting();
        let mut reader = meter.open(&path).unwrap();
        assert_eq!(meter.bytes(), (0, 10_000));
        let mut head = [0_u8; 100];
        reader.read_exact(&mut head).unwrap();
        assert_eq!(meter.bytes(), (100, 10_000));
        std::io::copy(&mut reader, &mut std::io::sink()).unwrap();
        assert_eq!(meter.bytes(), (10_000, 10_000));
        meter.read_whole(5);
        assert_eq!(meter.bytes(), (10_005, 10_005));
    }

    #[test]
    fn a_default_meter_counts_nothing_and_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, b"abc").unwrap();
        let meter = ReadMeter::default();
        let mut text = String::new();
        meter
            .open(&path)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "abc");
        assert_eq!(meter.bytes(), (0, 0));
    }
}
