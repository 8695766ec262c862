//! Output files, written so that nothing is destroyed: a regular file (or a
//! new path) is replaced atomically — written into a temporary file beside
//! it, with a random name and created new (never through a planted link),
//! flushed, synced and renamed into place — so that a reader never sees half
//! a file, a failed write leaves the old one, and two writers at once leave
//! one of their files whole. A FIFO or a character device (`/dev/null`, a
//! terminal) is written straight into, never replaced. A symbolic link, a
//! folder, a block device or a socket is refused. The replacement keeps the
//! old file's permissions (and owner, where allowed); a new file gets the
//! usual `0666` less the umask. Snapshots and reports written with
//! `--output` all go through here.

use std::fs::{File, Metadata};
use std::io::{BufWriter, IntoInnerError, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Bytes buffered before they go to the file.
const BUFFER: usize = 1 << 18;

/// The most characters of the destination's name a temporary file's name
/// repeats (names stay under the file system's limit).
const NAME_CHARS: usize = 64;

/// What an output path names, and so how it is written.
enum Destination {
    /// Nothing yet, or a regular file: replaced atomically.
    Replace(Option<Metadata>),
    /// A FIFO or a character device: written straight into.
    Stream(Metadata),
}

/// Writes the output at `path` with `write`: atomically onto a regular file
/// or a new path (through a temporary file that is synced and renamed into
/// place, and removed when anything fails), straight into a FIFO or a
/// character device; anything else is an [`Error::UnsafeOutput`].
pub fn write_output(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    match destination(path)? {
        Destination::Replace(existing) => replace(path, existing.as_ref(), write).map_err(error),
        Destination::Stream(seen) => stream(path, &seen, write).map_err(error),
    }
}

/// Looks at what `path` names without following a link.
fn destination(path: &Path) -> Result<Destination> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::Replace(None));
        }
        Err(source) => {
            return Err(Error::Write {
                path: path.to_owned(),
                source,
            });
        }
    };
    let kind = metadata.file_type();
    let refuse = |what, advice| Error::UnsafeOutput {
        path: path.to_owned(),
        what,
        advice,
    };
    if kind.is_file() {
        Ok(Destination::Replace(Some(metadata)))
    } else if kind.is_symlink() {
        Err(refuse(
            "a symbolic link",
            "give the path of the file it points to, or remove the link",
        ))
    } else if kind.is_dir() {
        Err(refuse("a folder", "give a file name inside it"))
    } else if is_stream(kind) {
        Ok(Destination::Stream(metadata))
    } else {
        Err(refuse(
            "neither a regular file, a FIFO nor a character device",
            "choose a new file name",
        ))
    }
}

#[cfg(unix)]
fn is_stream(kind: std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_: std::fs::FileType) -> bool {
    false
}

/// Replaces (or creates) the regular file at `path` atomically.
fn replace(
    path: &Path,
    existing: Option<&Metadata>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the output path names no file"))?;
    let prefix: String = name.to_string_lossy().chars().take(NAME_CHARS).collect();
    let prefix = format!(".{prefix}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // The mode any program creates a file with; the kernel takes the
        // umask off it. (The default would be 0600.)
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Removed on any early return: dropping it deletes the file.
    let temporary = builder.tempfile_in(&folder)?;
    if let Some(existing) = existing {
        keep_owner_and_permissions(temporary.as_file(), existing)?;
    }
    let mut buffered = BufWriter::with_capacity(BUFFER, temporary);
    write(&mut buffered)?;
    let temporary = buffered.into_inner().map_err(IntoInnerError::into_error)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Gives the new file the old one's permissions and, where the system
/// allows it (as root, or a group the user is in), its owner.
fn keep_owner_and_permissions(file: &File, existing: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let own = file.metadata()?;
        if (own.uid(), own.gid()) != (existing.uid(), existing.gid()) {
            // Not allowed for another user's file unless root: the new file
            // is then the writer's, as with any editor that saves by rename.
            let _ = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
        }
    }
    // After the owner: changing the owner clears set-id bits.
    file.set_permissions(existing.permissions())
}

/// Writes into the FIFO or device at `path`, checking that what was opened
/// is what was looked at (not a link swapped in meanwhile).
fn stream(
    path: &Path,
    seen: &Metadata,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    if !same_file(&file.metadata()?, seen) {
        return Err(std::io::Error::other(
            "the output path changed while it was opened",
        ));
    }
    let mut buffered = BufWriter::with_capacity(BUFFER, file);
    write(&mut buffered)?;
    buffered.flush()
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.file_type() == b.file_type()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_output(&path, |file| file.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let failed = write_output(&path, |file| {
            file.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.unwrap_err().to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    /// The temporary name used to be `.NAME.PID.tmp`, opened with
    /// `File::create`: a link planted there made the write go through it.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_predictable_temporary_name_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("out.snap");
        for planted in [
            format!(".out.snap.{}.tmp", std::process::id()),
            "out.snap.pending-snap".to_owned(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
        }
        write_output(&path, |file| file.write_all(b"snapshot")).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "snapshot");
    }

    /// Writers in one process shared one temporary name, so two at once
    /// wrote into the same file: one renamed a mix into place and succeeded.
    #[test]
    fn writers_at_once_leave_one_of_their_files_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.bin");
        let contents: Vec<Vec<u8>> = (0..4_u8).map(|byte| vec![byte; 1 << 20]).collect();
        for _ in 0..4 {
            std::thread::scope(|scope| {
                for content in &contents {
                    let path = &path;
                    scope.spawn(move || {
                        // A writer may fail, but none may succeed with a mix.
                        let _ = write_output(path, |file| {
                            // Slowly, so that the writers overlap.
                            for chunk in content.chunks(BUFFER / 4) {
                                file.write_all(chunk)?;
                                std::thread::sleep(std::time::Duration::from_millis(5));
                            }
                            Ok(())
                        });
                    });
                }
            });
            let written = std::fs::read(&path).unwrap();
            assert!(contents.contains(&written), "a mix of writers' bytes");
        }
        assert_eq!(names(dir.path()), ["out.bin"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_old_permissions_and_refuses_links_and_folders() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_output(&path, |file| file.write_all(b"new")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o600);

        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let error = write_output(&link, |file| file.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let error = write_output(dir.path(), |file| file.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("a folder"), "{error}");
    }
}
