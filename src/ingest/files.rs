//! Which files ingest opens, and how much of them: only regular files (a
//! FIFO, a device or a socket would block or never end), and small files
//! such as manifests read whole only up to a cap. Reads no format.

use std::io::Read;
use std::path::Path;

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

/// A size in words: `1 MiB`, `64 KiB`, `100 bytes`.
pub(crate) fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}
