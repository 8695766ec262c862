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
    /// The 0-based line in the part.
    line: u32,
    /// Where the line starts in the part.
    start: u32,
    /// Where its field ends start in [`PartBuffers::ends`]: as many as
    /// the header has for a row, one for a blank line.
    fields: u32,
    /// What it is.
    kind: Line<T>,
}

/// The allocations a block's parts are split into, kept from one block to
/// the next so that each block does not allocate and fault in its own.
pub(crate) struct PlainScratch<T> {
    parts: Vec<PartBuffers<T>>,
}

impl<T> Default for PlainScratch<T> {
    fn default() -> Self {
        Self { parts: Vec::new() }
    }
}

struct PartBuffers<T> {
    entries: Vec<Entry<T>>,
    /// The byte offset in its line where each field of each record ends.
    ends: Vec<u32>,
}

impl<T> Default for PartBuffers<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            ends: Vec::new(),
        }
    }
}

/// A plain block split into records.
pub(crate) struct Split<'a, T> {
    /// The block's lines, empty ones included.
    pub lines: u64,
    /// Each part's text and first line in the block.
    parts: Vec<(&'a str, u64)>,
    buffers: &'a mut [PartBuffers<T>],
}

impl<T> Split<'_, T> {
    /// Calls `each` with every record in reading order (its 0-based line in
    /// the block, its cells, what it is), up to the first error.
    pub(crate) fn into_records<E>(
        self,
        mut each: impl FnMut(u64, PlainCells<'_>, Line<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        for ((text, first_line), buffers) in self.parts.into_iter().zip(self.buffers) {
            let ends = &buffers.ends;
            let mut entries = buffers.entries.drain(..).peekable();
            while let Some(entry) = entries.next() {
                // A record's field ends run to the next record's.
                let to = entries
                    .peek()
                    .map_or(ends.len(), |next| next.fields as usize);
                let ends = &ends[entry.fields as usize..to];
                let line_end = entry.start as usize + ends.last().map_or(0, |end| *end as usize);
                let cells = PlainCells {
                    line: &text[entry.start as usize..line_end],
                    ends,
                };
                each(first_line + u64::from(entry.line), cells, entry.kind)?;
            }
        }
        Ok(())
    }
}

/// Splits `block` (whole lines) into records in parallel when it is plain,
/// calling `parse` on every row with `header_len` fields, on any thread,
/// into the allocations of `scratch`. `None` when the block is not plain.
/// The block, once plain, is UTF-8.
pub(crate) fn split_plain<'a, T: Send>(
    block: &'a [u8],
    delimiter: u8,
    header_len: usize,
    parse: &(impl Fn(PlainCells<'_>) -> T + Sync),
    scratch: &'a mut PlainScratch<T>,
) -> Option<Split<'a, T>> {
    let bounds = part_bounds(block, rayon::current_num_threads() * 4);
    let count = bounds.len() - 1;
    if scratch.parts.len() < count {
        scratch.parts.resize_with(count, PartBuffers::default);
    }
    let buffers = &mut scratch.parts[..count];
    let parts: Vec<Option<(&'a str, u64)>> = bounds
        .par_windows(2)
        .zip(buffers.par_iter_mut())
        .map(|(range, buffers)| {
            split_part(
                &block[range[0]..range[1]],
                delimiter,
                header_len,
                parse,
                buffers,
            )
        })
        .collect();
    let mut lines = 0;
    let mut split = Vec::with_capacity(parts.len());
    for part in parts {
        let (text, part_lines) = part?;
        split.push((text, lines));
        lines += part_lines;
    }
    Some(Split {
        lines,
        parts: split,
        buffers,
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

/// Splits `bytes`, whole lines, into `buffers`; `None` when it is not
/// plain. Returns its text and its number of lines.
fn split_part<'a, T>(
    bytes: &'a [u8],
    delimiter: u8,
    header_len: usize,
    parse: &impl Fn(PlainCells<'_>) -> T,
    buffers: &mut PartBuffers<T>,
) -> Option<(&'a str, u64)> {
    buffers.entries.clear();
    buffers.ends.clear();
    if memchr::memchr2(b'"', b'\r', bytes).is_some() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let (entries, ends) = (&mut buffers.entries, &mut buffers.ends);
    entries.reserve(bytes.len() / 16);
    ends.reserve(bytes.len() / 5);
    let mut line = 0_u32;
    let mut start = 0;
    let mut first_end = 0;
    // One pass over the part finds both the lines' and the fields' ends.
    let separators = memchr::memchr2_iter(b'\n', delimiter, bytes)
        .chain((bytes.last() != Some(&b'\n') && !bytes.is_empty()).then_some(bytes.len()));
    for at in separators {
        if at < bytes.len() && bytes[at] == delimiter {
            ends.push((at - start) as u32);
            continue;
        }
        let end = at;
        if end - start > MAX_LINE_BYTES {
            return None;
        }
        if end > start {
            ends.push((end - start) as u32);
            let fields = ends.len() - first_end;
            let line_text = &text[start..end];
            let kind = if fields == 1 && header_len != 1 && line_text.trim().is_empty() {
                Line::Blank
            } else if fields == header_len {
                Line::Row(parse(PlainCells {
                    line: line_text,
                    ends: &ends[first_end..],
                }))
            } else {
                Line::WrongLength(fields)
            };
            entries.push(Entry {
                line,
                start: start as u32,
                fields: first_end as u32,
                kind,
            });
            first_end = ends.len();
        }
        line += 1;
        start = end + 1;
    }
    Some((text, u64::from(line)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, header_len: usize) -> Option<Vec<(u64, Vec<String>, &'static str)>> {
        let mut scratch = PlainScratch::default();
        let split = split_plain(text.as_bytes(), b',', header_len, &|_| (), &mut scratch)?;
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
        let mut scratch = PlainScratch::default();
        let split = split_plain(b"1,2\n\n3,4\n", b',', 2, &|_| (), &mut scratch).unwrap();
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
        assert!(split_plain(b"1,\xff\n", b',', 2, &|_| (), &mut PlainScratch::default()).is_none());
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
