//! The fast lane of CSV reading: a block of whole lines that holds no quote,
//! no CR, nothing but UTF-8 and no line over [`MAX_LINE_BYTES`] splits into
//! records exactly as `csv_records.rs` would split it — each line one record,
//! its fields between the delimiters, an empty line no record at all — so
//! such a block is split in parallel, one part per core, with `memchr`, and
//! each row parsed where it was split. A block with any of those in it is
//! handed back ([`Replayable::push_back`]) to the line-by-line reader, which
//! reads it with every rule about quotes and malformed stretches; the next
//! block tries the fast lane again. Blocks are about [`BLOCK_BYTES`], so
//! reading a file of any size holds at most two blocks (one being split, one
//! handed back) beside what the rows become.

use std::io::{BufRead, Read};

use rayon::prelude::*;

use super::csv_records::MAX_LINE_BYTES;

/// The size a block of lines is read to before it is extended to the end of
/// its last line.
pub(crate) const BLOCK_BYTES: usize = 8 * 1024 * 1024;

/// A reader that can be handed back a block it gave, to give it again.
pub(crate) struct Replayable<R> {
    front: Vec<u8>,
    at: usize,
    inner: R,
    /// [`BLOCK_BYTES`], but for tests of blocks' edges.
    block_bytes: usize,
}

impl<R: BufRead> Replayable<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            front: Vec::new(),
            at: 0,
            inner,
            block_bytes: BLOCK_BYTES,
        }
    }

    /// Reads blocks of `bytes` (and the end of their last line) instead of
    /// [`BLOCK_BYTES`].
    #[cfg(test)]
    pub(crate) fn set_block_bytes(&mut self, bytes: usize) {
        self.block_bytes = bytes.max(1);
    }

    /// True while a block handed back is still being read again.
    pub(crate) fn replaying(&self) -> bool {
        self.at < self.front.len()
    }

    /// Hands `block` back, to be read again before anything after it.
    pub(crate) fn push_back(&mut self, block: Vec<u8>) {
        debug_assert!(!self.replaying());
        self.front = block;
        self.at = 0;
    }

    /// Reads the next block into `block` (emptied first, its allocation
    /// kept for the next): whole lines, at least [`BLOCK_BYTES`] of them
    /// unless the input ends first. False when the last line is cut, being
    /// over [`MAX_LINE_BYTES`] (such a block is never plain).
    pub(crate) fn read_block(&mut self, block: &mut Vec<u8>) -> std::io::Result<bool> {
        let size = self.block_bytes;
        block.clear();
        block.reserve(size.min(BLOCK_BYTES) + 64 * 1024);
        while block.len() < size {
            let want = size - block.len();
            let read = if self.replaying() {
                let take = want.min(self.front.len() - self.at);
                block.extend_from_slice(&self.front[self.at..self.at + take]);
                self.consume(take);
                take
            } else {
                // Straight into the block: a `BufReader` passes reads this
                // big by its own buffer once that is empty.
                (&mut self.inner).take(want as u64).read_to_end(block)?
            };
            if read == 0 {
                return Ok(true);
            }
        }
        loop {
            if block.ends_with(b"\n") {
                return Ok(true);
            }
            let available = self.fill_buf()?;
            if available.is_empty() {
                return Ok(true);
            }
            // Past the size: to the end of the line.
            let (take, ends_line) = match memchr::memchr(b'\n', available) {
                Some(end) => (end + 1, true),
                None => (available.len(), false),
            };
            block.extend_from_slice(&available[..take]);
            self.consume(take);
            if ends_line {
                return Ok(true);
            }
            if block.len() > size + MAX_LINE_BYTES + 2 {
                return Ok(false);
            }
        }
    }
}

impl<R: BufRead> Read for Replayable<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(out.len());
        out[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: BufRead> BufRead for Replayable<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.replaying() {
            Ok(&self.front[self.at..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.replaying() {
            self.at += amount;
            if !self.replaying() {
                self.front = Vec::new();
                self.at = 0;
            }
        } else {
            self.inner.consume(amount);
        }
    }
}

/// The cells of one row: a line of a plain block and where its fields end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlainCells<'a> {
    line: &'a str,
    /// The byte offset in `line` where each field ends.
    ends: &'a [u32],
}

impl<'a> PlainCells<'a> {
    /// Field `index`, or `None` past the last.
    pub(crate) fn get(&self, index: usize) -> Option<&'a str> {
        let end = *self.ends.get(index)? as usize;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends[previous] as usize + 1,
            None => 0,
        };
        self.line.get(start..end)
    }
}

/// What one line of a plain block is.
pub(crate) enum Line<T> {
    /// A record with as many fields as the header, and what `parse` made of it.
    Row(T),
    /// A record of one blank field, where the header has more: no row.
    Blank,
    /// A record with another number of fields than the header.
    WrongLength(usize),
}

/// One record of a plain block.
pub(crate) struct Entry<T> {
    /// The 0-based line in the block.
    pub line: u64,
    /// Where the line starts in the part, and where it ends.
    start: u32,
    end: u32,
    /// Its field ends: a range of [`Part::ends`].
    fields: std::ops::Range<u32>,
    /// What it is.
    pub kind: Line<T>,
}

/// A plain block split into records.
pub(crate) struct Split<'a, T> {
    /// The block's lines, empty ones included.
    pub lines: u64,
    parts: Vec<Part<'a, T>>,
}

struct Part<'a, T> {
    /// The part's text.
    text: &'a str,
    /// The part's first line in the block.
    first_line: u64,
    entries: Vec<Entry<T>>,
    ends: Vec<u32>,
}

impl<T> Split<'_, T> {
    /// Calls `each` with every record in reading order (its 0-based line in
    /// the block, its cells, what it is), up to the first error.
    pub(crate) fn into_records<E>(
        self,
        mut each: impl FnMut(u64, PlainCells<'_>, Line<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        for part in self.parts {
            for entry in part.entries {
                let cells = PlainCells {
                    line: &part.text[entry.start as usize..entry.end as usize],
                    ends: &part.ends[entry.fields.start as usize..entry.fields.end as usize],
                };
                each(part.first_line + entry.line, cells, entry.kind)?;
            }
        }
        Ok(())
    }
}

/// Splits `block` (whole lines) into records in parallel when it is plain,
/// calling `parse` on every row with `header_len` fields, on any thread.
/// `None` when the block is not plain. The block, once plain, is UTF-8.
pub(crate) fn split_plain<'a, T: Send>(
    block: &'a [u8],
    delimiter: u8,
    header_len: usize,
    parse: &(impl Fn(PlainCells<'_>) -> T + Sync),
) -> Option<Split<'a, T>> {
    let bounds = part_bounds(block, rayon::current_num_threads() * 4);
    let parts: Vec<Option<(Part<'a, T>, u64)>> = bounds
        .par_windows(2)
        .map(|range| split_part(block, range[0], range[1], delimiter, header_len, parse))
        .collect();
    let mut lines = 0;
    let mut split = Vec::with_capacity(parts.len());
    for part in parts {
        let (mut part, part_lines) = part?;
        part.first_line = lines;
        lines += part_lines;
        split.push(part);
    }
    Some(Split {
        lines,
        parts: split,
    })
}

/// Up to `count` + 1 offsets cutting `block` into parts of whole lines.
fn part_bounds(block: &[u8], count: usize) -> Vec<usize> {
    const MIN_PART: usize = 256 * 1024;
    let count = count.clamp(1, block.len() / MIN_PART + 1);
    let mut bounds = vec![0];
    for index in 1..count {
        let from = (block.len() * index / count).max(*bounds.last().unwrap_or(&0));
        match memchr::memchr(b'\n', &block[from..]) {
            Some(end) if from + end + 1 < block.len() => bounds.push(from + end + 1),
            _ => break,
        }
    }
    bounds.push(block.len());
    bounds.dedup();
    bounds
}

/// Splits `block[from..to]`, whole lines; `None` when it is not plain. Also
/// returns its number of lines.
fn split_part<'a, T>(
    block: &'a [u8],
    from: usize,
    to: usize,
    delimiter: u8,
    header_len: usize,
    parse: &impl Fn(PlainCells<'_>) -> T,
) -> Option<(Part<'a, T>, u64)> {
    let bytes = &block[from..to];
    if memchr::memchr2(b'"', b'\r', bytes).is_some() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut part = Part {
        text,
        first_line: 0,
        entries: Vec::with_capacity(bytes.len() / 24),
        ends: Vec::with_capacity(bytes.len() / 6),
    };
    let mut line = 0_u64;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        if end - start > MAX_LINE_BYTES {
            return None;
        }
        if end > start {
            let first_end = part.ends.len();
            for at in memchr::memchr_iter(delimiter, &bytes[start..end]) {
                part.ends.push(at as u32);
            }
            part.ends.push((end - start) as u32);
            let fields = part.ends.len() - first_end;
            let range = first_end as u32..part.ends.len() as u32;
            let line_text = &text[start..end];
            let kind = if fields == 1 && header_len != 1 && line_text.trim().is_empty() {
                Line::Blank
            } else if fields == header_len {
                Line::Row(parse(PlainCells {
                    line: line_text,
                    ends: &part.ends[range.start as usize..],
                }))
            } else {
                Line::WrongLength(fields)
            };
            part.entries.push(Entry {
                line,
                start: start as u32,
                end: end as u32,
                fields: range,
                kind,
            });
        }
        line += 1;
        start = end + 1;
    }
    Some((part, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, header_len: usize) -> Option<Vec<(u64, Vec<String>, &'static str)>> {
        let split = split_plain(text.as_bytes(), b',', header_len, &|_| ())?;
        let mut out = Vec::new();
        split
            .into_records(|line, cells, kind| {
                let fields = (0..)
                    .map_while(|index| cells.get(index))
                    .map(str::to_owned)
                    .collect();
                let kind = match kind {
                    Line::Row(()) => "row",
                    Line::Blank => "blank",
                    Line::WrongLength(_) => "wrong length",
                };
                out.push((line, fields, kind));
                Ok::<(), ()>(())
            })
            .ok()?;
        Some(out)
    }

    #[test]
    fn empty_lines_are_no_records_but_count_as_lines() {
        let split = split_plain(b"1,2\n\n3,4\n", b',', 2, &|_| ()).unwrap();
        assert_eq!(split.lines, 3);
        let got = records("1,2\n\n3,4\n   \n5\n6,7", 2).unwrap();
        let lines: Vec<(u64, &str)> = got.iter().map(|(line, _, kind)| (*line, *kind)).collect();
        assert_eq!(
            lines,
            [
                (0, "row"),
                (2, "row"),
                (3, "blank"),
                (4, "wrong length"),
                (5, "row")
            ]
        );
        assert_eq!(got[4].1, ["6", "7"]);
        assert_eq!(got[0].1, ["1", "2"]);
    }

    #[test]
    fn quotes_crs_bad_utf8_and_long_lines_are_not_plain() {
        assert!(records("1,\"2\"\n", 2).is_none());
        assert!(records("1,2\r\n", 2).is_none());
        assert!(split_plain(b"1,\xff\n", b',', 2, &|_| ()).is_none());
        let long = format!("1,{}\n", "x".repeat(MAX_LINE_BYTES));
        assert!(records(&long, 2).is_none());
    }

    #[test]
    fn a_handed_back_block_is_read_again_before_the_rest() {
        let text = "a\n".repeat(BLOCK_BYTES) + "end\n";
        let mut input = Replayable::new(std::io::BufReader::new(text.as_bytes()));
        let mut block = Vec::new();
        let whole = input.read_block(&mut block).unwrap();
        assert!(whole && block.ends_with(b"\n") && block.len() >= BLOCK_BYTES);
        input.push_back(block.clone());
        let mut again = vec![0; block.len()];
        input.read_exact(&mut again).unwrap();
        assert_eq!(again, block);
        let mut total = block.len();
        let mut rest = Vec::new();
        loop {
            let whole = input.read_block(&mut rest).unwrap();
            assert!(whole && (rest.is_empty() || rest.ends_with(b"\n")));
            if rest.is_empty() {
                break;
            }
            total += rest.len();
        }
        assert_eq!(total, text.len());
    }
}
