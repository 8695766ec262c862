//! Reading one `LinkedIn` CSV by column name, whatever its era: the header is
//! found by content (Connections.csv has a `Notes:` preamble), a UTF-8 BOM or a
//! UTF-16 re-save (tab-separated) is decoded, CRLF is accepted, and rows carry
//! their line for the ingest summary. Records are split by `csv_records.rs`,
//! so a stray quote costs one row, never the rest of the file; malformed rows
//! are skipped as in `csv_table.rs`. Placeholder files (`No conversations
//! found`, header only, empty) read as no rows. Knows no file's meaning.

use std::path::Path;

use crate::error::{Error, Result};
use crate::ingest::csv_records::{Next, Record, RecordReader};
use crate::ingest::csv_table::{header_error, skip_malformed, skip_wrong_length};
use crate::ingest::{IngestSummary, Origin};

/// How many records may come before the header (the `Notes:` preamble is two).
const MAX_PREAMBLE_RECORDS: usize = 5;

/// The single line `LinkedIn` writes into files with nothing to export.
const NOTHING_FOUND: &str = "no conversations found";

/// A file's text, decoded to UTF-8, and its field delimiter.
pub(super) struct Text {
    /// UTF-8 bytes without a BOM.
    pub bytes: Vec<u8>,
    /// `,` normally, tab for UTF-16 files re-saved by Excel.
    pub delimiter: u8,
}

/// Decodes a file: strips a UTF-8 BOM, converts UTF-16 (with a BOM) to UTF-8
/// and, when the first line has tabs but no commas, reads it tab-separated.
pub(super) fn decode(bytes: Vec<u8>) -> Text {
    let bytes = match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest.to_vec(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => bytes,
    };
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b'\t') && !first_line.contains(&b',') {
        b'\t'
    } else {
        b','
    };
    Text { bytes, delimiter }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect::<String>()
        .into_bytes()
}

/// One data row with its origin.
pub(super) struct Row<'a> {
    /// Where the row starts.
    pub origin: Origin,
    record: &'a Record,
    columns: &'a [Option<usize>],
}

impl Row<'_> {
    /// The trimmed value of wanted column `index`, or `""` when absent or empty.
    pub fn get(&self, index: usize) -> &str {
        self.columns
            .get(index)
            .copied()
            .flatten()
            .and_then(|position| self.record.get(position))
            .map_or("", str::trim)
    }

    /// The untrimmed value of wanted column `index` (message content).
    pub fn raw(&self, index: usize) -> &str {
        self.columns
            .get(index)
            .copied()
            .flatten()
            .and_then(|position| self.record.get(position))
            .unwrap_or("")
    }
}

/// The columns found in a file's header.
pub(super) struct Header {
    columns: Vec<Option<usize>>,
}

impl Header {
    /// True when wanted column `index` is in the header.
    pub fn has(&self, index: usize) -> bool {
        self.columns.get(index).copied().flatten().is_some()
    }
}

/// Normalises a header cell: trimmed, lower case, BOM removed.
fn header_key(text: &str) -> String {
    text.trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// What a reader expects of a file.
pub(super) struct Spec<'a> {
    /// The file, as the summary shows it.
    pub path: &'a Path,
    /// What the file is read as.
    pub kind: &'a str,
    /// Columns (lower case) that together identify the header row.
    pub identify: &'a [&'a str],
    /// Columns the reader wants, in the order `Row::get` indexes them.
    pub wanted: &'a [&'a str],
}

/// Reads `text` as a table whose header is the first record holding every
/// column of `spec.identify`, maps `spec.wanted` columns by name, registers
/// the file in `summary` and calls `each` for every data row. `first` is
/// called once with the header before any row. Rows with the wrong number of
/// fields or invalid UTF-8 are counted as skipped.
pub(super) fn read_table(
    text: &Text,
    spec: &Spec<'_>,
    summary: &mut IngestSummary,
    mut first: impl FnMut(&Header, u32, &mut IngestSummary) -> Result<()>,
    mut each: impl FnMut(&Row<'_>, &mut IngestSummary) -> Result<()>,
) -> Result<()> {
    let Spec {
        path,
        kind,
        identify,
        wanted,
    } = *spec;
    let mut reader = RecordReader::new(text.bytes.as_slice(), text.delimiter);
    let mut record = Record::default();
    let mut seen = Vec::new();
    let header_len;
    let columns: Vec<Option<usize>>;
    loop {
        let more = match reader.read(&mut record) {
            Ok(Next::Record) => true,
            Ok(Next::End) => false,
            Ok(Next::Malformed(malformed)) => return Err(header_error(path, malformed)),
            Err(source) => {
                return Err(Error::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let keys: Vec<String> = record.iter().map(header_key).collect();
        let unknown_header = !seen.is_empty() && (!more || seen.len() >= MAX_PREAMBLE_RECORDS);
        if unknown_header {
            return Err(Error::MissingColumns {
                path: path.to_path_buf(),
                reason: format!(
                    "no header with {} in the first lines; first line: {}. \
                     Is this a LinkedIn export file of an unknown era?",
                    identify.join(","),
                    seen[0]
                ),
            });
        }
        if !more || (keys.len() == 1 && keys[0] == NOTHING_FOUND) {
            // Empty, header-only or "No conversations found": nothing to read.
            let note = if more {
                format!("{kind} (no conversations found)")
            } else {
                format!("{kind} (empty)")
            };
            summary.add_file(path, &note);
            return Ok(());
        }
        if identify
            .iter()
            .all(|name| keys.iter().any(|key| key == name))
        {
            header_len = record.len();
            columns = wanted
                .iter()
                .map(|name| keys.iter().position(|key| key == name))
                .collect();
            break;
        }
        seen.push(keys.join(","));
    }
    let file = summary.add_file(path, kind);
    let header = Header { columns };
    first(&header, file, summary)?;
    loop {
        // Reading from memory cannot fail.
        match reader.read(&mut record).unwrap_or(Next::End) {
            Next::End => {
                summary.count_lines(file, reader.lines());
                return Ok(());
            }
            Next::Malformed(malformed) => {
                summary.count_read(file);
                skip_malformed(summary, file, malformed)?;
            }
            Next::Record if record.is_blank() => {}
            Next::Record => {
                let origin = Origin {
                    file,
                    line: record.line(),
                };
                summary.count_read(file);
                if record.len() == header_len {
                    each(
                        &Row {
                            origin,
                            record: &record,
                            columns: &header.columns,
                        },
                        summary,
                    )?;
                } else {
                    skip_wrong_length(summary, origin, &mut reader, &record, header_len)?;
                }
            }
        }
    }
}

/// Every record of `text`, in order, leaving out malformed stretches (for
/// the readers that only look into a file; its own reader accounts for it).
pub(super) fn records(text: &Text) -> Vec<Record> {
    let mut reader = RecordReader::new(text.bytes.as_slice(), text.delimiter);
    let mut records = Vec::new();
    let mut record = Record::default();
    loop {
        match reader.read(&mut record).unwrap_or(Next::End) {
            Next::End => return records,
            Next::Malformed(_) => {}
            Next::Record => records.push(std::mem::take(&mut record)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf16_tab_separated_excel_files() {
        let text = "Endorsement Date\tSkill Name\r\n2022/05/10 13:45:00 UTC\tPython\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let decoded = decode(bytes);
        assert_eq!(decoded.delimiter, b'\t');
        assert_eq!(String::from_utf8(decoded.bytes).unwrap(), text);
    }

    #[test]
    fn strips_a_utf8_bom() {
        let decoded = decode(b"\xEF\xBB\xBFFirst Name,Last Name\n".to_vec());
        assert_eq!(decoded.bytes, b"First Name,Last Name\n");
        assert_eq!(decoded.delimiter, b',');
    }
}
