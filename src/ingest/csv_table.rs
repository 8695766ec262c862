//! Reading a CSV file by column name: finds the header, maps the wanted
//! columns, and hands out rows with their line numbers. Rows that cannot be
//! decoded are skipped and counted, never dropped silently. The generic CSV
//! and contact-CSV readers read through this; `LinkedIn` exports have their
//! own table reader (`linkedin/table.rs`: headers found by content, UTF-16
//! re-saves), which shares its line-ending handling.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::{IngestSummary, Origin};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// A CSV file opened with its header mapped to column positions.
pub struct CsvTable<R> {
    path: PathBuf,
    file: u32,
    reader: csv::Reader<CrlfToLf<std::io::BufReader<R>>>,
    columns: Vec<Option<usize>>,
    header_len: usize,
}

/// One data row with its origin.
pub struct Row<'a> {
    /// Where the row starts.
    pub origin: Origin,
    record: &'a csv::StringRecord,
    columns: &'a [Option<usize>],
}

impl Row<'_> {
    /// The trimmed value of wanted column `index` (in the order given to
    /// [`CsvTable::open`]), or `""` when the column is absent or empty.
    #[must_use]
    pub fn get(&self, index: usize) -> &str {
        self.columns
            .get(index)
            .copied()
            .flatten()
            .and_then(|position| self.record.get(position))
            .map_or("", str::trim)
    }
}

/// Normalises a header cell for matching: trimmed, lower case, BOM removed.
fn header_key(text: &str) -> String {
    text.trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// The cells of the first line of `path` split at `delimiter`, normalised
/// like header cells (trimmed, lower case, BOM removed), for telling formats
/// apart by their header; `None` when the file cannot be read. Looks at the
/// first 4 KiB only and knows nothing of quoting: detection, not parsing.
pub(super) fn sniff_header(path: &Path, delimiter: char) -> Option<Vec<String>> {
    const SNIFF_BYTES: u64 = 4096;
    let file = std::fs::File::open(path).ok()?;
    let mut first = Vec::new();
    std::io::BufReader::new(file)
        .take(SNIFF_BYTES)
        .read_until(b'\n', &mut first)
        .ok()?;
    let line = String::from_utf8_lossy(&first);
    Some(line.split(delimiter).map(header_key).collect())
}

impl CsvTable<std::fs::File> {
    /// Opens `path`, registering it in `summary` as `kind`.
    pub fn open_file(
        path: &Path,
        kind: &str,
        wanted: &[&str],
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        CsvTable::open(file, path, kind, wanted, summary)
    }

    /// [`Self::open_file`] for a file whose fields are separated by
    /// `delimiter` (`b';'` in European exports) instead of a comma.
    pub fn open_file_delimited(
        path: &Path,
        kind: &str,
        wanted: &[&str],
        delimiter: u8,
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        CsvTable::open_delimited(file, path, kind, wanted, delimiter, summary)
    }
}

impl<R: Read> CsvTable<R> {
    /// Reads the header row from `reader` and maps each `wanted` column by name
    /// (case-insensitive). Fails when none of the wanted columns is present.
    pub fn open(
        reader: R,
        path: &Path,
        kind: &str,
        wanted: &[&str],
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        Self::open_delimited(reader, path, kind, wanted, b',', summary)
    }

    /// [`Self::open`] with fields separated by `delimiter`.
    pub fn open_delimited(
        reader: R,
        path: &Path,
        kind: &str,
        wanted: &[&str],
        delimiter: u8,
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(CrlfToLf::new(std::io::BufReader::new(reader)));
        let mut header = csv::StringRecord::new();
        let read = reader
            .read_record(&mut header)
            .map_err(|error| csv_error(path, &error))?;
        if !read {
            header.clear();
        }
        let keys: Vec<String> = header.iter().map(header_key).collect();
        let columns: Vec<Option<usize>> = wanted
            .iter()
            .map(|name| keys.iter().position(|key| key == name))
            .collect();
        if columns.iter().all(Option::is_none) {
            return Err(Error::MissingColumns {
                path: path.to_path_buf(),
                reason: format!(
                    "none of the expected columns ({}) is in the header; found: {}",
                    wanted.join(","),
                    if keys.is_empty() {
                        "an empty file".to_owned()
                    } else {
                        keys.join(",")
                    }
                ),
            });
        }
        let file = summary.add_file(path, kind);
        Ok(Self {
            path: path.to_path_buf(),
            file,
            reader,
            columns,
            header_len: header.len(),
        })
    }

    /// Fails unless every column in `required` (indexes into `wanted`) is present.
    pub fn require(&self, required: &[usize], wanted: &[&str]) -> Result<()> {
        let missing: Vec<&str> = required
            .iter()
            .filter(|index| self.columns.get(**index).copied().flatten().is_none())
            .filter_map(|index| wanted.get(*index).copied())
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Error::MissingColumns {
                path: self.path.clone(),
                reason: format!(
                    "missing required column(s) {}; expected a header with {}",
                    missing.join(", "),
                    wanted.join(",")
                ),
            })
        }
    }

    /// True when wanted column `index` is in the header.
    #[must_use]
    pub fn has(&self, index: usize) -> bool {
        self.columns.get(index).copied().flatten().is_some()
    }

    /// The file's index in the summary.
    #[must_use]
    pub fn file(&self) -> u32 {
        self.file
    }

    /// Calls `each` for every data row. Rows with the wrong number of fields or
    /// undecodable text are skipped and counted; `each` decides about the rest
    /// and returns whether the row was used.
    pub fn for_each_row(
        mut self,
        summary: &mut IngestSummary,
        mut each: impl FnMut(Row<'_>, &mut IngestSummary) -> Result<()>,
    ) -> Result<()> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    let line = record.position().map_or(0, csv::Position::line);
                    let origin = Origin {
                        file: self.file,
                        line,
                    };
                    summary.count_read(self.file);
                    if record.len() != self.header_len {
                        if record.len() == 1
                            && record.get(0).is_some_and(|cell| cell.trim().is_empty())
                        {
                            // A blank line inside the file is not a row.
                            summary.unread(self.file);
                            continue;
                        }
                        summary.skip(
                            origin,
                            SkipReason::WrongColumnCount,
                            &format!("{} fields, header has {}", record.len(), self.header_len),
                        )?;
                        continue;
                    }
                    each(
                        Row {
                            origin,
                            record: &record,
                            columns: &self.columns,
                        },
                        summary,
                    )?;
                }
                Err(error) => {
                    let line = error.position().map_or(0, csv::Position::line);
                    match error.kind() {
                        csv::ErrorKind::Utf8 { .. } => {
                            summary.count_read(self.file);
                            summary.skip(
                                Origin {
                                    file: self.file,
                                    line,
                                },
                                SkipReason::NotUtf8,
                                "re-save the file as UTF-8",
                            )?;
                        }
                        _ => return Err(csv_error(&self.path, &error)),
                    }
                }
            }
        }
    }
}

fn csv_error(path: &Path, error: &csv::Error) -> Error {
    match error.kind() {
        csv::ErrorKind::Io(io) => Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        _ => Error::Csv {
            path: path.to_path_buf(),
            line: error.position().map_or(0, csv::Position::line),
            message: error.to_string(),
        },
    }
}

/// Reads CRLF text as LF text. The csv crate accepts both line endings but
/// counts the lines of CRLF files one short after the first record; reading
/// through this keeps every reported line number exact (Excel and Google
/// write CRLF). A lone `\r` is kept.
pub(crate) struct CrlfToLf<R> {
    inner: R,
}

impl<R: BufRead> CrlfToLf<R> {
    /// Wraps a buffered reader.
    pub(crate) fn new(inner: R) -> Self {
        Self { inner }
    }
}

impl<R: BufRead> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let available = self.inner.fill_buf()?;
        if available.is_empty() {
            return Ok(0);
        }
        if available == b"\r" {
            // A `\r` at the end of the buffer: look at the next byte to decide.
            self.inner.consume(1);
            let next_is_lf = self.inner.fill_buf()?.first() == Some(&b'\n');
            if next_is_lf {
                self.inner.consume(1);
                out[0] = b'\n';
            } else {
                out[0] = b'\r';
            }
            return Ok(1);
        }
        // Leave a trailing `\r` for the next call, which can see what follows it.
        let usable = if available.last() == Some(&b'\r') {
            available.len() - 1
        } else {
            available.len()
        };
        // Copy runs up to each `\r` in bulk (most files have none at all).
        let mut written = 0;
        let mut taken = 0;
        while taken < usable && written < out.len() {
            let room = (usable - taken).min(out.len() - written);
            let run = memchr::memchr(b'\r', &available[taken..taken + room]).unwrap_or(room);
            out[written..written + run].copy_from_slice(&available[taken..taken + run]);
            written += run;
            taken += run;
            if run < room {
                // At a `\r` (never the last usable byte's successor unseen).
                taken += 1;
                if available.get(taken) != Some(&b'\n') {
                    out[written] = b'\r';
                    written += 1;
                }
            }
        }
        self.inner.consume(taken);
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: usize, text: &[u8]) -> Vec<u8> {
        let mut reader = CrlfToLf::new(std::io::BufReader::with_capacity(chunks, text));
        let mut out = Vec::new();
        let mut buffer = [0u8; 3];
        loop {
            let n = reader.read(&mut buffer).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buffer[..n]);
        }
    }

    #[test]
    fn crlf_becomes_lf_at_every_buffer_boundary_and_lone_cr_stays() {
        let text = b"a,b\r\nx,\"y\r\nz\"\r\n1\r2\r\n\r";
        for capacity in 1..12 {
            assert_eq!(
                through(capacity, text),
                b"a,b\nx,\"y\nz\"\n1\r2\n\r",
                "capacity {capacity}"
            );
        }
    }

    #[test]
    fn line_numbers_of_crlf_files_match_lf_files() {
        let lines = |text: &str| {
            let mut summary = IngestSummary::default();
            let table = CsvTable::open(
                text.as_bytes(),
                Path::new("t.csv"),
                "t",
                &["a", "b"],
                &mut summary,
            )
            .unwrap();
            let mut lines = Vec::new();
            table
                .for_each_row(&mut summary, |row, _| {
                    lines.push(row.origin.line);
                    Ok(())
                })
                .unwrap();
            lines
        };
        assert_eq!(lines("a,b\n1,2\n3,4\n"), vec![2, 3]);
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
    }
}
