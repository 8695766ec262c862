//! Output files are written atomically: into a temporary file beside the
//! destination, flushed and synced, then renamed into place, so that a
//! reader never sees half a file and a failed write leaves the old one.
//! Snapshots and reports written with `--output` both go through here.

use std::fs::File;
use std::io::{BufWriter, IntoInnerError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Bytes buffered before they go to the temporary file.
const BUFFER: usize = 1 << 18;

/// Writes the file at `path` with `write`, through a temporary file in the
/// same folder that is synced and renamed into place (and removed when
/// anything fails).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    let error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| error(std::io::Error::other("the output path names no file")))?;
    let temporary = folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = File::create(&temporary)?;
        let mut buffered = BufWriter::with_capacity(BUFFER, file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, |file| std::io::Write::write_all(file, b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let failed = write_atomically(&path, |file| {
            std::io::Write::write_all(file, b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.unwrap_err().to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
