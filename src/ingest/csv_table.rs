//! Reading a CSV file by column name: finds the header, maps the wanted
//! columns, and hands out rows with their line numbers. Rows that cannot be
//! decoded (a stray quote, invalid UTF-8, the wrong number of fields) are
//! skipped and counted, never dropped silently, and the file's lines are
//! counted beside its rows. The generic CSV and contact-CSV readers read
//! through this; `LinkedIn` exports have their own table reader
//! (`linkedin/table.rs`: headers found by content, UTF-16 re-saves). Both
//! split records with `csv_records.rs` and share the skips below.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::csv_blocks::{Line, PlainCells, PlainScratch, Replayable, split_plain};
use super::csv_records::{Malformed, Next, Problem, Record, RecordReader};
use super::meter::Metered;
use super::{IngestSummary, Origin};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// A CSV file opened with its header mapped to column positions.
pub struct CsvTable<R> {
    path: PathBuf,
    file: u32,
    reader: RecordReader<Replayable<std::io::BufReader<R>>>,
    columns: Vec<Option<usize>>,
    header_len: usize,
    /// Whether plain blocks are split in parallel (always, but in tests
    /// that compare with reading line by line).
    plain_lane: bool,
}

/// One data row with its origin.
pub struct Row<'a> {
    /// Where the row starts.
    pub origin: Origin,
    cells: Cells<'a>,
}

/// The wanted columns of one data row, without its origin: what a row's
/// parse sees ([`CsvTable::for_each_row_with`]).
#[derive(Clone, Copy)]
pub struct Cells<'a> {
    fields: Fields<'a>,
    columns: &'a [Option<usize>],
}

/// A row's fields, split line by line or in a plain block.
#[derive(Clone, Copy)]
enum Fields<'a> {
    Record(&'a Record),
    Plain(PlainCells<'a>),
}

impl Cells<'_> {
    /// The trimmed value of wanted column `index` (in the order given to
    /// [`CsvTable::open`]), or `""` when the column is absent or empty.
    #[must_use]
    pub fn get(&self, index: usize) -> &str {
        let position = self.columns.get(index).copied().flatten();
        let field = position.and_then(|position| match self.fields {
            Fields::Record(record) => record.get(position),
            Fields::Plain(cells) => cells.get(position),
        });
        field.map_or("", trim_cell)
    }
}

impl Row<'_> {
    /// The trimmed value of wanted column `index` (in the order given to
    /// [`CsvTable::open`]), or `""` when the column is absent or empty.
    #[must_use]
    pub fn get(&self, index: usize) -> &str {
        self.cells.get(index)
    }
}

/// `text` without the white space around it, as [`str::trim`] gives it, at
/// the cost of two byte tests for the usual cell that has none: millions of
/// cells are trimmed while a file is read.
pub(crate) fn trim_cell(text: &str) -> &str {
    // Every byte from 0x21 to 0x7f is a character that is not white space.
    let plain = |byte: Option<&u8>| byte.is_some_and(|byte| (0x21..0x80).contains(byte));
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
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

impl CsvTable<Metered<std::fs::File>> {
    /// Opens `path`, registering it in `summary` as `kind`.
    pub fn open_file(
        path: &Path,
        kind: &str,
        wanted: &[&str],
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        let file = summary.meter.open(path).map_err(|source| Error::Read {
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
        let file = summary.meter.open(path).map_err(|source| Error::Read {
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

    /// Reads plain blocks of about `bytes` (`None`: every row line by
    /// line), for tests of what a block's edges may change.
    #[cfg(test)]
    pub(crate) fn set_block_bytes(&mut self, bytes: Option<usize>) {
        match bytes {
            Some(bytes) => self.reader.input_mut().set_block_bytes(bytes),
            None => self.plain_lane = false,
        }
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
        let mut reader =
            RecordReader::new(Replayable::new(std::io::BufReader::new(reader)), delimiter);
        let mut header = Record::default();
        let next = reader.read(&mut header).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if let Next::Malformed(malformed) = next {
            return Err(header_error(path, malformed));
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
            plain_lane: true,
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

    /// Calls `each` for every data row. Rows with the wrong number of fields,
    /// a stray quote or undecodable text are skipped and counted; `each`
    /// decides about the rest and returns whether the row was used. The
    /// file's lines are counted once it is read to its end.
    pub fn for_each_row(
        self,
        summary: &mut IngestSummary,
        mut each: impl FnMut(Row<'_>, &mut IngestSummary) -> Result<()>,
    ) -> Result<()> {
        self.for_each_row_with(summary, |_| (), |row, (), summary| each(row, summary))
    }

    /// [`Self::for_each_row`] in two steps: `parse` makes what it can of a
    /// row's cells alone — on any thread, in any order, so that the rows of
    /// plain stretches of the file (`csv_blocks.rs`) are parsed in parallel —
    /// and `each` gets every row with what `parse` made of it, in reading
    /// order, with the summary.
    pub fn for_each_row_with<T: Send>(
        self,
        summary: &mut IngestSummary,
        parse: impl Fn(Cells<'_>) -> T + Sync,
        mut each: impl FnMut(Row<'_>, T, &mut IngestSummary) -> Result<()>,
    ) -> Result<()> {
        self.for_each_row_with_state(
            summary,
            &mut (),
            |(), cells| parse(cells),
            |(), row, parsed, summary| each(row, parsed, summary),
        )
    }

    /// [`Self::for_each_row_with`] where `parse` also reads `state` and
    /// `each` may change it. The rows of a plain block are all parsed before
    /// `each` sees the first of them, so `parse` sees `state` as it was
    /// before the block, not as the rows before its own left it: what it
    /// finds there must stay true as `state` changes (a reference interned
    /// stays interned), and what it does not find, `each` looks for again in
    /// reading order.
    pub fn for_each_row_with_state<S: Sync, T: Send>(
        mut self,
        summary: &mut IngestSummary,
        state: &mut S,
        parse: impl Fn(&S, Cells<'_>) -> T + Sync,
        mut each: impl FnMut(&mut S, Row<'_>, T, &mut IngestSummary) -> Result<()>,
    ) -> Result<()> {
        let mut record = Record::default();
        let mut block = Vec::new();
        let mut scratch = PlainScratch::default();
        loop {
            if self.plain_lane
                && self.reader.between_lines()
                && !self.reader.input_mut().replaying()
            {
                let whole = self
                    .reader
                    .input_mut()
                    .read_block(&mut block)
                    .map_err(|source| Error::Read {
                        path: self.path.clone(),
                        source,
                    })?;
                if block.is_empty() {
                    summary.count_lines(self.file, self.reader.lines());
                    return Ok(());
                }
                if whole
                    && self.read_plain(&block, &mut scratch, summary, state, &parse, &mut each)?
                {
                    continue;
                }
                // Not plain: read line by line, with every rule.
                self.reader
                    .input_mut()
                    .push_back(std::mem::take(&mut block));
            }
            let next = self
                .reader
                .read(&mut record)
                .map_err(|source| Error::Read {
                    path: self.path.clone(),
                    source,
                })?;
            match next {
                Next::End => {
                    summary.count_lines(self.file, self.reader.lines());
                    return Ok(());
                }
                Next::Malformed(malformed) => {
                    summary.count_read(self.file);
                    skip_malformed(summary, self.file, malformed)?;
                }
                // A blank line inside the file is not a row.
                Next::Record if record.is_blank() && self.header_len != 1 => {}
                Next::Record => {
                    let origin = Origin {
                        file: self.file,
                        line: record.line(),
                    };
                    summary.count_read(self.file);
                    if record.len() == self.header_len {
                        let cells = Cells {
                            fields: Fields::Record(&record),
                            columns: &self.columns,
                        };
                        let parsed = parse(state, cells);
                        each(state, Row { origin, cells }, parsed, summary)?;
                    } else {
                        skip_wrong_length(
                            summary,
                            origin,
                            &mut self.reader,
                            &record,
                            self.header_len,
                        )?;
                    }
                }
            }
        }
    }

    /// Reads `block`, whole lines, when it is plain: split and parsed in
    /// parallel, then handed to `each` in order. False, reading nothing, when
    /// it is not plain.
    fn read_plain<S: Sync, T: Send>(
        &mut self,
        block: &[u8],
        scratch: &mut PlainScratch<T>,
        summary: &mut IngestSummary,
        state: &mut S,
        parse: &(impl Fn(&S, Cells<'_>) -> T + Sync),
        each: &mut impl FnMut(&mut S, Row<'_>, T, &mut IngestSummary) -> Result<()>,
    ) -> Result<bool> {
        let columns = &self.columns;
        let shared: &S = state;
        let parse_plain = |cells: PlainCells<'_>| {
            parse(
                shared,
                Cells {
                    fields: Fields::Plain(cells),
                    columns,
                },
            )
        };
        let Some(split) = split_plain(
            block,
            self.reader.delimiter(),
            self.header_len,
            &parse_plain,
            scratch,
        ) else {
            return Ok(false);
        };
        let (file, header_len, first_line) = (self.file, self.header_len, self.reader.lines() + 1);
        let lines = split.lines;
        split.into_records(|line, cells, kind| {
            let origin = Origin {
                file,
                line: first_line + line,
            };
            match kind {
                Line::Blank => Ok(()),
                Line::Row(parsed) => {
                    summary.count_read(file);
                    let cells = Cells {
                        fields: Fields::Plain(cells),
                        columns,
                    };
                    each(state, Row { origin, cells }, parsed, summary)
                }
                Line::WrongLength(fields) => {
                    summary.count_read(file);
                    skip_fields(summary, origin, fields, header_len)
                }
            }
        })?;
        self.reader.count_lines_read(lines);
        Ok(true)
    }
}

/// The error for a header (or a line before it) that cannot be read.
pub(crate) fn header_error(path: &Path, malformed: Malformed) -> Error {
    Error::Csv {
        path: path.to_path_buf(),
        line: malformed.line,
        message: format!("cannot read the header: {}", malformed.problem.describe()),
    }
}

/// Counts a malformed stretch of `file` as a skipped row.
pub(crate) fn skip_malformed(
    summary: &mut IngestSummary,
    file: u32,
    malformed: Malformed,
) -> Result<()> {
    let reason = match malformed.problem {
        Problem::NotUtf8 => SkipReason::NotUtf8,
        Problem::LongLine => SkipReason::LongLine,
        Problem::Unclosed | Problem::TooManyLines | Problem::TooManyBytes => {
            SkipReason::UnbalancedQuote
        }
    };
    summary.skip(
        Origin {
            file,
            line: malformed.line,
        },
        reason,
        &malformed.problem.describe(),
    )
}

/// Counts a row with another number of fields than the header as skipped.
/// When a quote carried it over several lines, the quote was most likely a
/// stray one that the next row's quote closed: the row is reported as that,
/// and reading resumes on the line after its first, so that the rows it
/// swallowed are read.
pub(crate) fn skip_wrong_length<R: BufRead>(
    summary: &mut IngestSummary,
    origin: Origin,
    reader: &mut RecordReader<R>,
    record: &Record,
    header_len: usize,
) -> Result<()> {
    if record.spans_lines() {
        reader.reject(record);
        return summary.skip(
            origin,
            SkipReason::UnbalancedQuote,
            &format!(
                "a quote opened on this line carries the row onto the next lines, \
                 giving {} fields where the header has {header_len}; check its quotes",
                record.len()
            ),
        );
    }
    skip_fields(summary, origin, record.len(), header_len)
}

/// Counts a row of `fields` fields, where the header has `header_len`, as skipped.
fn skip_fields(
    summary: &mut IngestSummary,
    origin: Origin,
    fields: usize,
    header_len: usize,
) -> Result<()> {
    summary.skip(
        origin,
        SkipReason::WrongColumnCount,
        &format!("{fields} fields, header has {header_len}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every row of `text` (header `a,b`) as `line: a|b`, the skips, and the
    /// file's account, read in blocks of `block_bytes` (`None`: line by line).
    fn read(text: &[u8], block_bytes: Option<usize>) -> (Vec<String>, String) {
        let mut summary = IngestSummary::default();
        let Ok(mut table) =
            CsvTable::open(text, Path::new("t.csv"), "t", &["a", "b"], &mut summary)
        else {
            return (Vec::new(), "no header".to_owned());
        };
        table.set_block_bytes(block_bytes);
        let mut rows = Vec::new();
        let outcome = table.for_each_row_with(
            &mut summary,
            |cells| format!("{}|{}", cells.get(0), cells.get(1)),
            |row, parsed, _| {
                assert_eq!(parsed, format!("{}|{}", row.get(0), row.get(1)));
                rows.push(format!("{}: {parsed}", row.origin.line));
                Ok(())
            },
        );
        (rows, format!("{outcome:?} {:?}", summary.files))
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z0-9 ]{0,4},[a-z0-9 ]{0,4}",
            1 => Just(String::new()),
            1 => Just("   ".to_owned()),
            1 => "[a-z0-9]{0,3}(,[a-z0-9]{0,3}){0,3}",
            1 => Just("\"q,1\",2".to_owned()),
            1 => Just("\"open,1".to_owned()),
            1 => Just("x\r".to_owned()),
            1 => Just("y,\u{e9}".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn plain_blocks_read_exactly_as_line_by_line(
            lines in prop::collection::vec(line(), 0..40),
            bad_byte in any::<bool>(),
            last_newline in any::<bool>(),
            block_bytes in 1_usize..64,
        ) {
            let mut text = b"a,b\n".to_vec();
            text.extend_from_slice(lines.join("\n").as_bytes());
            if bad_byte && !lines.is_empty() {
                text.extend_from_slice(b"\n1,\xff");
            }
            if last_newline {
                text.push(b'\n');
            }
            prop_assert_eq!(read(&text, Some(block_bytes)), read(&text, None));
            prop_assert_eq!(read(&text, Some(1 << 20)), read(&text, None));
        }
    }

    /// The references of every row of `text` (header `a,b`), interned the
    /// way the relationship reader interns them: looked up by `parse` in the
    /// table as it stood, the rest interned in reading order by `each`.
    fn read_refs(text: &[u8], block_bytes: Option<usize>) -> (Vec<(u64, u32, u32)>, Vec<String>) {
        let mut summary = IngestSummary::default();
        let mut refs = crate::ingest::RefTable::default();
        let mut table =
            CsvTable::open(text, Path::new("t.csv"), "t", &["a", "b"], &mut summary).unwrap();
        table.set_block_bytes(block_bytes);
        let mut rows = Vec::new();
        table
            .for_each_row_with_state(
                &mut summary,
                &mut refs,
                |refs, cells| (refs.find_loose(cells.get(0)), refs.find_loose(cells.get(1))),
                |refs, row, (a, b), _| {
                    let a = a.unwrap_or_else(|| refs.loose(row.get(0)));
                    let b = b.unwrap_or_else(|| refs.loose(row.get(1)));
                    rows.push((row.origin.line, a.0, b.0));
                    Ok(())
                },
            )
            .unwrap();
        let texts = (0..refs.len())
            .map(|index| {
                refs.get(crate::ingest::RefId(index as u32))
                    .label()
                    .to_owned()
            })
            .collect();
        (rows, texts)
    }

    proptest! {
        #[test]
        fn references_looked_up_in_parallel_are_interned_in_reading_order(
            lines in prop::collection::vec("( ?[0-9]{1,2}|p[0-9]|0[0-9]),( ?[0-9]{1,2}|p[0-9])", 0..60),
            block_bytes in 1_usize..48,
        ) {
            let text = format!("a,b\n{}\n", lines.join("\n"));
            let serial = read_refs(text.as_bytes(), None);
            let mut refs = crate::ingest::RefTable::default();
            let expected: Vec<(u32, u32)> = lines
                .iter()
                .map(|line| {
                    let (a, b) = line.split_once(',').unwrap();
                    (refs.loose(a).0, refs.loose(b).0)
                })
                .collect();
            let got: Vec<(u32, u32)> = serial.0.iter().map(|(_, a, b)| (*a, *b)).collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(read_refs(text.as_bytes(), Some(block_bytes)), serial.clone());
            prop_assert_eq!(read_refs(text.as_bytes(), Some(1 << 20)), serial);
        }
    }

    proptest! {
        #[test]
        fn cells_are_trimmed_as_str_trim_trims(text in "[ \t\u{b}\u{c}\u{85}\u{a0}\u{3000}a-z0-9\u{1}\u{7f}\u{e9}]{0,6}") {
            prop_assert_eq!(trim_cell(&text), text.trim());
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
