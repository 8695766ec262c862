//! Snapshots: a built [`RelationshipGraph`] saved to one file, so that later
//! commands skip ingest, identity resolution and scoring.
//!
//! Layout (format version 6, little-endian): the magic line
//! `warmpath-snapshot\n` and a `u32` format version, then sections, each
//! zero bytes up to a multiple of 8 in the file, a `u64` length, its bytes
//! and a `u64` checksum of those bytes (version 4, also read, has no
//! padding):
//!
//! 1. **meta** — the as-of date, the counts (people, ties, directed edges,
//!    ties per block, blocks, bytes of tie details), the owners and the
//!    declaration sources;
//! 2. **people** — every person's names, addresses and merge notes (each a
//!    key and a kind byte: 0 strong, 1 weak, 2 corrected);
//! 3. **offsets**, 4. **targets**, 5. **strengths** — the adjacency's
//!    compressed sparse rows (`u64` row starts, `u32` neighbours, `f32`
//!    strengths), each tie in both directions;
//! 6. **blocks** — per block of tie details, its byte offset and checksum;
//! 7. **details** — a `u64` length and every tie's band, components and
//!    evidence as variable-length records in pair order (see the `store`
//!    module); no section checksum, each block carries its own.
//!
//! There is no pair column: tie `i` is the `i`-th pair `(a, b)`, `a < b`, in
//! the adjacency's row order, so a tie's index is its smaller end's count of
//! earlier ties plus its place in that end's row (derived at load).
//!
//! Loading maps the file into memory where it can (the `mapped` module) and
//! reads sections 1–6 from it, verifying each section's checksum and
//! checking the adjacency cheaply (row starts increasing, neighbours in
//! range, two edges per tie) before anything uses them. The neighbours and
//! strengths, aligned by the padding, are then used in place, where they
//! are; the people are checked in one pass and decoded in parallel. A file
//! that cannot be mapped (or a version-4 one, unaligned) is streamed from
//! buffered readers straight into typed vectors instead, with the same
//! checks and the same errors. Loading never reads the tie details, which stay in the file and are
//! read a block at a time (its checksum verified) when a command shows a
//! tie, so `intro` never pays for the millions it does not show. Every read
//! goes through the one handle opened at load, each reader at its own
//! offset, so a snapshot renamed over the path meanwhile is never mixed in.
//! Writes go front to back (each section's length known before it, the
//! people's from a first sizing pass), so a pipe will do; files are written
//! through [`crate::atomic`] (a temporary file, synced, renamed). A
//! truncated, corrupt or other-version file is an [`Error::Snapshot`] — at
//! load, or when a damaged block is first read — never a panic or a wrong
//! answer. This module knows nothing of CSV or of the model's formula.

use std::borrow::Cow;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;
use rayon::prelude::*;

use super::checksum::{Hasher, checksum};
use super::codec::{ByteRead, Writer};
use super::mapped::{Column, map_snapshot};
use super::store::{BLOCK_TIES, BlockEntry, Details, TieStore, read_at};
use super::{Adjacency, RelationshipGraph, checked_tie_start};
use crate::atomic::write_output;
use crate::error::{DecodeError, Error, Inconsistency, Result, SectionFault};
use crate::identity::{MergeKind, MergeNote, People, Person, PersonId};
use crate::tie_strength::Model;

/// The first bytes of every snapshot.
pub const SNAPSHOT_MAGIC: &[u8; 18] = b"warmpath-snapshot\n";

/// The format version this build writes. It also reads versions 4 (no
/// padding between sections) and 5 (padded, but no tie record leaves out the
/// constants of a tie without interactions): their records decode as they
/// always did.
pub const SNAPSHOT_VERSION: u32 = 6;

/// The oldest format version this build reads.
const OLDEST_VERSION: u32 = 4;

/// From version 5 on, every section's length starts at a multiple of this
/// many bytes (zeros pad the gap), so that the adjacency's values can be
/// read in place from a mapped file.
const SECTION_ALIGN: u64 = 8;

const HEADER_LEN: usize = SNAPSHOT_MAGIC.len() + 4;

/// Bytes per chunk when streaming sections in and out.
const CHUNK: usize = 1 << 16;

/// True when the file at `path` starts with the snapshot magic.
#[must_use]
pub fn is_snapshot(path: &Path) -> bool {
    let mut start = [0_u8; SNAPSHOT_MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| &start == SNAPSHOT_MAGIC)
}

/// Writes `graph` to `path` (atomically onto a file: a temporary file
/// beside it, synced, then renamed; straight into a FIFO or a device) and
/// returns the bytes written.
pub fn write_snapshot(graph: &RelationshipGraph, path: &Path) -> Result<u64> {
    let mut written = 0;
    write_output(path, |file| {
        written = write_snapshot_to(graph, file)?;
        Ok(())
    })?;
    Ok(written)
}

/// Writes `graph` as a snapshot into `out`, front to back (a pipe will do),
/// and returns the bytes written.
pub fn write_snapshot_to(graph: &RelationshipGraph, out: &mut dyn Write) -> std::io::Result<u64> {
    let mut out = Output {
        inner: out,
        position: 0,
        hasher: Hasher::new(),
    };
    encode(graph, &mut out)?;
    Ok(out.position)
}

/// Reads a snapshot written by [`write_snapshot`]: everything but the tie
/// details, which are read from the file when asked for.
pub fn read_snapshot(path: &Path) -> Result<RelationshipGraph> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode(file, path, true).map_err(|source| Error::Snapshot {
        path: path.to_path_buf(),
        source,
    })
}

/// The snapshot being written, with the position and the running checksum
/// of the current section.
struct Output<'a> {
    inner: &'a mut dyn Write,
    position: u64,
    hasher: Hasher,
}

impl Output<'_> {
    /// Writes bytes outside any section (the header).
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(bytes)?;
        self.position += bytes.len() as u64;
        Ok(())
    }

    /// Writes section bytes, adding them to the checksum.
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.raw(bytes)
    }

    /// Writes one section: zeros up to the alignment, its `length`, the
    /// bytes `body` writes (which must be that many), their checksum.
    fn section(
        &mut self,
        length: u64,
        body: impl FnOnce(&mut Self) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let padding = [0_u8; SECTION_ALIGN as usize];
        self.raw(&padding[..padding_before(self.position)])?;
        self.raw(&length.to_le_bytes())?;
        self.hasher = Hasher::new();
        let start = self.position;
        body(self)?;
        if self.position - start != length {
            return Err(std::io::Error::other(
                "a snapshot section came out of another length than announced",
            ));
        }
        let checksum = self.hasher.finish();
        self.raw(&checksum.to_le_bytes())
    }

    /// Writes fixed-width values in chunks.
    fn words<const N: usize>(
        &mut self,
        values: impl Iterator<Item = [u8; N]>,
    ) -> std::io::Result<()> {
        let mut buffer = Vec::with_capacity(CHUNK);
        for value in values {
            buffer.extend_from_slice(&value);
            if buffer.len() + N > CHUNK {
                self.put(&buffer)?;
                buffer.clear();
            }
        }
        self.put(&buffer)
    }
}

/// The zeros that bring `position` to a multiple of [`SECTION_ALIGN`].
fn padding_before(position: u64) -> usize {
    (position.next_multiple_of(SECTION_ALIGN) - position) as usize
}

/// Encodes the people section in chunks of about [`CHUNK`] bytes, handing
/// each to `each`.
fn people_chunks(
    graph: &RelationshipGraph,
    mut each: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut people = Writer(Vec::with_capacity(CHUNK * 2));
    people.varint(graph.people.len() as u64);
    for person in graph.people.persons() {
        people.opt_str(person.id.as_deref());
        people.str(&person.name);
        people.varint(person.emails.len() as u64);
        person.emails.iter().for_each(|email| people.str(email));
        people.varint(person.profile_urls.len() as u64);
        person.profile_urls.iter().for_each(|url| people.str(url));
        people.opt_str(person.company.as_deref());
        people.opt_str(person.title.as_deref());
        people.varint(person.merges.len() as u64);
        for merge in &person.merges {
            people.str(&merge.key);
            people.0.push(merge.kind.code());
        }
        if people.0.len() >= CHUNK {
            each(&people.0)?;
            people.0.clear();
        }
    }
    each(&people.0)
}

fn encode(graph: &RelationshipGraph, out: &mut Output<'_>) -> std::io::Result<()> {
    let store = &graph.store;
    let adjacency = &graph.adjacency;
    out.raw(SNAPSHOT_MAGIC)?;
    out.raw(&SNAPSHOT_VERSION.to_le_bytes())?;
    let mut meta = Writer(Vec::new());
    let as_of = graph.as_of;
    meta.0
        .extend_from_slice(&(as_of.year() as u32).to_le_bytes());
    meta.0.push(as_of.month() as u8);
    meta.0.push(as_of.day() as u8);
    for count in [
        graph.people.len() as u64,
        store.len() as u64,
        adjacency.targets.len() as u64,
        BLOCK_TIES as u64,
        store.blocks().len() as u64,
        store.details_len(),
    ] {
        meta.0.extend_from_slice(&count.to_le_bytes());
    }
    meta.varint(graph.owners.len() as u64);
    for owner in &graph.owners {
        meta.varint(u64::from(owner.0));
    }
    meta.varint(store.sources().len() as u64);
    for source in store.sources() {
        meta.str(source);
    }
    // The model the ties were scored with, as a `--model` file.
    meta.str(&toml::to_string(&graph.model).unwrap_or_default());
    out.section(meta.0.len() as u64, |out| out.put(&meta.0))?;
    // Sized by a first pass, so that the file is written front to back: a
    // pipe cannot seek back to fill in a length.
    let mut people_len = 0_u64;
    people_chunks(graph, |chunk| {
        people_len += chunk.len() as u64;
        Ok(())
    })?;
    out.section(people_len, |out| {
        people_chunks(graph, |chunk| out.put(chunk))
    })?;
    out.section(adjacency.offsets.len() as u64 * 8, |out| {
        out.words(
            adjacency
                .offsets
                .iter()
                .map(|offset| (*offset as u64).to_le_bytes()),
        )
    })?;
    out.section(adjacency.targets.len() as u64 * 4, |out| {
        out.words(adjacency.targets.iter().map(|target| target.to_le_bytes()))
    })?;
    out.section(adjacency.strengths.len() as u64 * 4, |out| {
        out.words(
            adjacency
                .strengths
                .iter()
                .map(|strength| strength.to_le_bytes()),
        )
    })?;
    out.section(store.blocks().len() as u64 * 16, |out| {
        out.words(store.blocks().iter().map(|block| {
            let mut entry = [0_u8; 16];
            entry[..8].copy_from_slice(&block.offset.to_le_bytes());
            entry[8..].copy_from_slice(&block.checksum.to_le_bytes());
            entry
        }))
    })?;
    out.raw(&store.details_len().to_le_bytes())?;
    match store.details() {
        Details::Memory(bytes) => out.raw(bytes),
        Details::File { .. } => {
            // Copied as stored: each block keeps its checksum.
            let mut offset = 0;
            while offset < store.details_len() {
                let len = (store.details_len() - offset).min(CHUNK as u64) as usize;
                let chunk = store
                    .read_details(offset, len)
                    .map_err(std::io::Error::other)?;
                out.raw(&chunk)?;
                offset += len as u64;
            }
            Ok(())
        }
    }
}

/// One reader's place in the open snapshot. Readers share the one handle
/// opened at load (or its mapping) and read at their own offsets (`pread`),
/// so every section comes from the same file even if another is renamed
/// over its path.
struct FileAt<'f> {
    file: &'f std::fs::File,
    map: Option<&'f [u8]>,
    position: u64,
    len: u64,
}

impl Read for FileAt<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.position);
        let len = buffer
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        match self.map {
            Some(map) => {
                let start = usize::try_from(self.position).unwrap_or(usize::MAX);
                let bytes = start
                    .checked_add(len)
                    .and_then(|end| map.get(start..end))
                    .ok_or(std::io::ErrorKind::UnexpectedEof)?;
                buffer[..len].copy_from_slice(bytes);
            }
            None => read_at(self.file, &mut buffer[..len], self.position)?,
        }
        self.position += len as u64;
        Ok(len)
    }
}

impl Seek for FileAt<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let position = match to {
            SeekFrom::Start(position) => Some(position),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
        };
        self.position = position
            .ok_or_else(|| std::io::Error::other("seek before the start of the snapshot"))?;
        Ok(self.position)
    }
}

/// The snapshot being read, with the position in the file.
struct Input<'f> {
    inner: BufReader<FileAt<'f>>,
    position: u64,
    file_len: u64,
    /// The file mapped into memory, if it could be.
    map: Option<&'f Arc<Mmap>>,
    /// True from format version 5 on: sections start aligned.
    padded: bool,
}

impl<'f> Input<'f> {
    /// A reader of `file` (`file_len` bytes long, mapped as `map` if it
    /// could be) from its start.
    fn new(file: &'f std::fs::File, file_len: u64, map: Option<&'f Arc<Mmap>>) -> Self {
        Self {
            inner: BufReader::with_capacity(
                CHUNK,
                FileAt {
                    file,
                    map: map.map(|map| &map[..]),
                    position: 0,
                    len: file_len,
                },
            ),
            position: 0,
            file_len,
            map,
            padded: false,
        }
    }

    /// Moves to byte `at` of the file.
    fn seek_to(&mut self, at: u64, what: &'static str) -> Result<(), DecodeError> {
        self.inner
            .seek(SeekFrom::Start(at))
            .map_err(|error| DecodeError::io(error, what))?;
        self.position = at;
        Ok(())
    }

    /// Reads the zeros before a section (version 5 on).
    fn padding(&mut self, what: &'static str) -> Result<(), DecodeError> {
        if !self.padded {
            return Ok(());
        }
        let mut padding = [0_u8; SECTION_ALIGN as usize];
        let padding = &mut padding[..padding_before(self.position)];
        self.raw(padding, what)?;
        if padding.iter().any(|byte| *byte != 0) {
            return Err(DecodeError::Malformed(Inconsistency::Padding));
        }
        Ok(())
    }

    fn raw(&mut self, buffer: &mut [u8], what: &'static str) -> Result<(), DecodeError> {
        self.inner
            .read_exact(buffer)
            .map_err(|error| DecodeError::io(error, what))?;
        self.position += buffer.len() as u64;
        Ok(())
    }

    fn raw_u64(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        let mut word = [0_u8; 8];
        self.raw(&mut word, what)?;
        Ok(u64::from_le_bytes(word))
    }

    /// Moves to the section starting at `at` and past it, unread.
    fn skip_section_at(&mut self, at: u64, name: &'static str) -> Result<(), DecodeError> {
        self.seek_to(at, name)?;
        self.padding(name)?;
        let length = self.raw_u64(name)?;
        let end = self
            .position
            .checked_add(length)
            .and_then(|end| end.checked_add(8))
            .filter(|end| *end <= self.file_len)
            .ok_or(DecodeError::Truncated { what: name })?;
        self.seek_to(end, name)
    }

    /// Reads section `name` whole (borrowed from the mapping, if any),
    /// checking its length as [`Self::section`] does; its checksum is
    /// verified when it is finished.
    fn whole_section(&mut self, name: &'static str) -> Result<Whole<'f>, DecodeError> {
        let length = self.section(name, None)?.remaining;
        let len = usize::try_from(length).map_err(|_| DecodeError::Truncated { what: name })?;
        let start = self.position;
        let bytes = if let Some(map) = self.map {
            let from = usize::try_from(start).unwrap_or(usize::MAX);
            let bytes = from
                .checked_add(len)
                .and_then(|end| map.get(from..end))
                .ok_or(DecodeError::Truncated { what: name })?;
            self.seek_to(start + length, name)?;
            Cow::Borrowed(bytes)
        } else {
            let mut bytes = vec![0_u8; len];
            self.raw(&mut bytes, name)?;
            Cow::Owned(bytes)
        };
        let checksum = self.raw_u64(name)?;
        Ok(Whole {
            name,
            bytes,
            position: 0,
            checksum,
        })
    }

    /// Starts section `name`, checking that its length fits in the file and,
    /// when known, equals `expected`.
    fn section<'a>(
        &'a mut self,
        name: &'static str,
        expected: Option<u64>,
    ) -> Result<Section<'a, 'f>, DecodeError> {
        self.padding(name)?;
        let length = self.raw_u64(name)?;
        if length.saturating_add(8) > self.file_len.saturating_sub(self.position) {
            return Err(DecodeError::Truncated { what: name });
        }
        if expected.is_some_and(|expected| expected != length) {
            return Err(DecodeError::Section {
                section: name,
                fault: SectionFault::WrongSize,
            });
        }
        Ok(Section {
            input: self,
            name,
            remaining: length,
            hasher: Hasher::new(),
        })
    }
}

/// One section being read: bounded by its length, checksummed as it goes.
struct Section<'a, 'f> {
    input: &'a mut Input<'f>,
    name: &'static str,
    remaining: u64,
    hasher: Hasher,
}

/// Reading a section's fields, streamed ([`Section`]) or whole ([`Whole`]).
trait Fields: ByteRead<Error = DecodeError> {
    /// The section's bytes not read yet.
    fn remaining(&self) -> u64;

    /// The error of this section's bytes being `fault`.
    fn malformed(&self, fault: SectionFault) -> DecodeError;

    /// A count that cannot exceed the bytes left (every item takes one).
    fn count(&mut self) -> Result<usize, DecodeError> {
        let value = self.varint()?;
        usize::try_from(value)
            .ok()
            .filter(|count| *count as u64 <= self.remaining())
            .ok_or_else(|| self.malformed(SectionFault::CountOutOfRange(value)))
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        let length = self.count()?;
        let mut bytes = vec![0_u8; length];
        self.fill(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| self.malformed(SectionFault::NotUtf8))
    }

    fn opt_str(&mut self) -> Result<Option<String>, DecodeError> {
        match self.varint()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }

    fn strs(&mut self) -> Result<Vec<String>, DecodeError> {
        let count = self.count()?;
        let mut texts = Vec::with_capacity(count);
        for _ in 0..count {
            texts.push(self.str()?);
        }
        Ok(texts)
    }
}

impl Fields for Section<'_, '_> {
    fn remaining(&self) -> u64 {
        self.remaining
    }

    fn malformed(&self, fault: SectionFault) -> DecodeError {
        DecodeError::Section {
            section: self.name,
            fault,
        }
    }
}

impl Section<'_, '_> {
    /// Reads the rest of the section as fixed-width values, in chunks,
    /// handing each to `each`.
    fn words<const N: usize>(
        &mut self,
        mut each: impl FnMut([u8; N]) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        // Larger than the reader's buffer, so that reads bypass it.
        let mut buffer = vec![0_u8; CHUNK * 16 - CHUNK * 16 % N];
        while self.remaining > 0 {
            let len = (self.remaining.min(buffer.len() as u64)) as usize;
            self.fill(&mut buffer[..len])?;
            for word in buffer[..len].chunks_exact(N) {
                let mut value = [0_u8; N];
                value.copy_from_slice(word);
                each(value)?;
            }
        }
        Ok(())
    }

    /// The rest of the section as values read in place from the mapped
    /// file, or `None`, nothing read, when the file is not mapped or the
    /// values are not aligned. `check` checks the values and hands every
    /// one of them, in order, to the checksum (verified when the section is
    /// finished), so that memory is read once.
    fn in_place<T: bytemuck::Pod>(
        &mut self,
        check: impl FnOnce(&[T], &mut Hasher) -> Result<(), DecodeError>,
    ) -> Result<Option<Column<T>>, DecodeError> {
        let Some(map) = self.input.map else {
            return Ok(None);
        };
        let (Ok(start), Ok(len)) = (
            usize::try_from(self.input.position),
            usize::try_from(self.remaining),
        ) else {
            return Ok(None);
        };
        let range = start..start.saturating_add(len);
        let Some(column) = Column::mapped(map, range.clone()) else {
            return Ok(None);
        };
        check(&column, &mut self.hasher)?;
        let end = self.input.position + self.remaining;
        self.input.seek_to(end, self.name)?;
        self.remaining = 0;
        Ok(Some(column))
    }

    /// Ends the section: all of it read, and its checksum matching.
    fn finish(self) -> Result<(), DecodeError> {
        if self.remaining != 0 {
            return Err(self.malformed(SectionFault::TrailingBytes));
        }
        let expected = self.input.raw_u64(self.name)?;
        if self.hasher.finish() != expected {
            return Err(DecodeError::SectionChecksum(self.name));
        }
        Ok(())
    }
}

impl ByteRead for Section<'_, '_> {
    type Error = DecodeError;

    /// Reads section bytes, adding them to the checksum; never past the
    /// section's end.
    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), DecodeError> {
        if buffer.len() as u64 > self.remaining {
            return Err(self.malformed(SectionFault::RunsPastEnd));
        }
        self.input.raw(buffer, self.name)?;
        self.remaining -= buffer.len() as u64;
        self.hasher.update(buffer);
        Ok(())
    }

    fn integer_too_long(&self) -> DecodeError {
        self.malformed(SectionFault::IntegerTooLong)
    }
}

/// One section read whole into memory (or borrowed from the mapping), its
/// checksum verified in one pass when it is finished.
struct Whole<'f> {
    name: &'static str,
    bytes: Cow<'f, [u8]>,
    position: usize,
    /// The checksum stored after the section.
    checksum: u64,
}

impl Whole<'_> {
    /// Checks a text as [`Fields::str`] reads it, without keeping it.
    fn skip_str(&mut self) -> Result<(), DecodeError> {
        let length = self.count()?;
        let bytes = &self.bytes[self.position..self.position + length];
        std::str::from_utf8(bytes).map_err(|_| self.malformed(SectionFault::NotUtf8))?;
        self.position += length;
        Ok(())
    }

    /// Ends the section: all of it read, and its checksum matching.
    fn finish_whole(&self) -> Result<(), DecodeError> {
        if self.position != self.bytes.len() {
            return Err(self.malformed(SectionFault::TrailingBytes));
        }
        if checksum(&self.bytes) != self.checksum {
            return Err(DecodeError::SectionChecksum(self.name));
        }
        Ok(())
    }
}

impl Fields for Whole<'_> {
    fn remaining(&self) -> u64 {
        (self.bytes.len() - self.position) as u64
    }

    fn malformed(&self, fault: SectionFault) -> DecodeError {
        DecodeError::Section {
            section: self.name,
            fault,
        }
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        let length = self.count()?;
        let bytes = &self.bytes[self.position..self.position + length];
        let text = std::str::from_utf8(bytes).map_err(|_| self.malformed(SectionFault::NotUtf8))?;
        self.position += length;
        Ok(text.to_owned())
    }
}

impl ByteRead for Whole<'_> {
    type Error = DecodeError;

    /// Reads section bytes; never past the section's end.
    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), DecodeError> {
        let end = self.position + buffer.len();
        let bytes = self
            .bytes
            .get(self.position..end)
            .ok_or_else(|| self.malformed(SectionFault::RunsPastEnd))?;
        buffer.copy_from_slice(bytes);
        self.position = end;
        Ok(())
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        let byte = *self
            .bytes
            .get(self.position)
            .ok_or_else(|| self.malformed(SectionFault::RunsPastEnd))?;
        self.position += 1;
        Ok(byte)
    }

    fn integer_too_long(&self) -> DecodeError {
        self.malformed(SectionFault::IntegerTooLong)
    }
}

/// The counts in a snapshot's meta section.
struct Counts {
    people: usize,
    ties: usize,
    edges: usize,
    blocks: usize,
    details_len: u64,
}

/// Decodes the snapshot open as `file` (at `path`, for messages), mapping
/// it into memory when `map` says so and it can be. Every section is read
/// through this one handle (or its mapping), which the tie store keeps.
fn decode(file: std::fs::File, path: &Path, map: bool) -> Result<RelationshipGraph, DecodeError> {
    let map = if map { map_snapshot(&file) } else { None };
    let file_len = match &map {
        Some(map) => map.len() as u64,
        None => file
            .metadata()
            .map_err(|error| DecodeError::io(error, "header"))?
            .len(),
    };
    let (meta, people, (adjacency, block_table, details_at)) =
        decode_sections(&file, file_len, map.as_ref())?;
    let store = TieStore::from_parts(
        meta.counts.ties,
        meta.sources,
        block_table,
        meta.counts.details_len,
        Details::File {
            file,
            path: path.to_path_buf(),
            at: details_at,
        },
    )
    .map_err(DecodeError::Malformed)?;
    Ok(RelationshipGraph::from_store(
        people,
        store,
        adjacency,
        meta.owners,
        meta.as_of,
        meta.model,
    ))
}

/// The header, then the meta section, then the people beside the rest.
fn decode_sections(
    file: &std::fs::File,
    file_len: u64,
    map: Option<&Arc<Mmap>>,
) -> Result<(Meta, People, Rest), DecodeError> {
    let mut input = Input::new(file, file_len, map);
    let mut magic = [0_u8; SNAPSHOT_MAGIC.len()];
    if input.file_len < magic.len() as u64 {
        return Err(DecodeError::NotASnapshot);
    }
    input.raw(&mut magic, "header")?;
    if &magic != SNAPSHOT_MAGIC {
        return Err(DecodeError::NotASnapshot);
    }
    if input.file_len < HEADER_LEN as u64 {
        return Err(DecodeError::Truncated {
            what: "header incomplete",
        });
    }
    let mut version = [0_u8; 4];
    input.raw(&mut version, "header")?;
    let version = u32::from_le_bytes(version);
    if !(OLDEST_VERSION..=SNAPSHOT_VERSION).contains(&version) {
        return Err(DecodeError::Version {
            found: version,
            expected: SNAPSHOT_VERSION,
        });
    }
    input.padded = version >= 5;

    let meta = decode_meta(&mut input)?;
    // The people (string decoding, one thread) and the adjacency (bulk
    // reads) load side by side, each at its own offset in the one file.
    let mut rest = Input::new(file, file_len, map);
    rest.padded = input.padded;
    rest.skip_section_at(input.position, "people")?;
    let counts = &meta.counts;
    let (people, rest) = std::thread::scope(|scope| {
        let people = scope.spawn(|| decode_people(&mut input, counts.people));
        let rest = decode_rest(&mut rest, counts);
        (people.join(), rest)
    });
    let people = people.map_err(|_| DecodeError::Unreadable("people"))??;
    Ok((meta, people, rest?))
}

/// The sections after the people: the adjacency, the block table, and where
/// the tie details start.
type Rest = (Adjacency, Vec<BlockEntry>, u64);

/// The adjacency, the block table and where the tie details start.
fn decode_rest(input: &mut Input<'_>, counts: &Counts) -> Result<Rest, DecodeError> {
    let adjacency = decode_adjacency(input, counts)?;

    let mut table = input.section("blocks", Some(counts.blocks as u64 * 16))?;
    let mut block_table = Vec::with_capacity(counts.blocks);
    table.words(|entry: [u8; 16]| {
        let mut offset = [0_u8; 8];
        let mut checksum = [0_u8; 8];
        offset.copy_from_slice(&entry[..8]);
        checksum.copy_from_slice(&entry[8..]);
        block_table.push(BlockEntry {
            offset: u64::from_le_bytes(offset),
            checksum: u64::from_le_bytes(checksum),
        });
        Ok(())
    })?;
    table.finish()?;

    if input.raw_u64("tie details")? != counts.details_len {
        return Err(DecodeError::Malformed(Inconsistency::DetailsLength));
    }
    let details_at = input.position;
    match (details_at + counts.details_len).cmp(&input.file_len) {
        std::cmp::Ordering::Greater => {
            return Err(DecodeError::Truncated {
                what: "tie details",
            });
        }
        std::cmp::Ordering::Less => {
            return Err(DecodeError::Malformed(Inconsistency::BytesAfterDetails));
        }
        std::cmp::Ordering::Equal => {}
    }
    Ok((adjacency, block_table, details_at))
}

/// What a snapshot's meta section holds.
struct Meta {
    as_of: jiff::civil::Date,
    counts: Counts,
    owners: Vec<PersonId>,
    sources: Vec<Arc<str>>,
    model: Model,
}

fn decode_meta(input: &mut Input<'_>) -> Result<Meta, DecodeError> {
    let mut meta = input.section("meta", None)?;
    let year = u32::from_le_bytes(meta.take()?);
    let (month, day) = (meta.u8()?, meta.u8()?);
    let as_of = i16::try_from(year)
        .ok()
        .and_then(|year| {
            jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
        })
        .ok_or_else(|| meta.malformed(SectionFault::InvalidAsOf))?;
    let mut fields = [0_u64; 6];
    for field in &mut fields {
        *field = meta.u64()?;
    }
    let [people_count, ties, edges, block_ties, blocks, details_len] = fields;
    let size =
        |value: u64| usize::try_from(value).map_err(|_| meta_error(SectionFault::CountTooLarge));
    let counts = Counts {
        people: size(people_count)?,
        ties: size(ties)?,
        edges: size(edges)?,
        blocks: size(blocks)?,
        details_len,
    };
    if block_ties != BLOCK_TIES as u64
        || Some(counts.edges) != counts.ties.checked_mul(2)
        || counts.blocks != counts.ties.div_ceil(BLOCK_TIES)
        || counts.people >= u32::MAX as usize
    {
        return Err(meta_error(SectionFault::CountsDisagree));
    }
    let owner_count = meta.count()?;
    let mut owners = Vec::with_capacity(owner_count);
    for _ in 0..owner_count {
        let owner = meta.varint()?;
        owners.push(
            u32::try_from(owner)
                .ok()
                .filter(|owner| (*owner as usize) < counts.people)
                .map(PersonId)
                .ok_or(meta_error(SectionFault::OwnerOutOfRange(owner)))?,
        );
    }
    let sources: Vec<Arc<str>> = meta.strs()?.into_iter().map(Into::into).collect();
    let model = toml::from_str::<Model>(&meta.str()?)
        .ok()
        .filter(|model| model.validate().is_ok())
        .ok_or_else(|| meta_error(SectionFault::InvalidModel))?;
    meta.finish()?;

    Ok(Meta {
        as_of,
        counts,
        owners,
        sources,
        model,
    })
}

fn meta_error(fault: SectionFault) -> DecodeError {
    DecodeError::Section {
        section: "meta",
        fault,
    }
}

/// People per task when they are decoded in parallel.
const PEOPLE_PER_TASK: usize = 1 << 14;

/// Reads the people section whole and checks it in one pass (noting where
/// each person starts), then decodes the people in parallel from the same
/// bytes, now known to be well formed.
fn decode_people(input: &mut Input<'_>, count: usize) -> Result<People, DecodeError> {
    let mut section = input.whole_section("people")?;
    if section.varint()? != count as u64 {
        return Err(section.malformed(SectionFault::CountMismatch));
    }
    // Each person takes at least seven bytes, which bounds the reservation.
    let reserve = count.min(usize::try_from(section.remaining() / 7).unwrap_or(usize::MAX));
    let mut starts = Vec::with_capacity(reserve);
    for _ in 0..count {
        starts.push(section.position);
        skip_person(&mut section)?;
    }
    section.finish_whole()?;
    let bytes: &[u8] = &section.bytes;
    let failed = std::sync::atomic::AtomicBool::new(false);
    let persons: Vec<Person> = starts
        .par_iter()
        .with_min_len(PEOPLE_PER_TASK)
        .map(|&position| {
            let mut person = Whole {
                name: "people",
                bytes: Cow::Borrowed(bytes),
                position,
                checksum: 0,
            };
            decode_person(&mut person).unwrap_or_else(|_| {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
                Person::default()
            })
        })
        .collect();
    if failed.into_inner() {
        // The first pass read the same bytes without fault.
        return Err(DecodeError::Unreadable("people"));
    }
    Ok(People::from_persons(persons))
}

/// One person, as [`people_chunks`] writes them.
fn decode_person(section: &mut Whole<'_>) -> Result<Person, DecodeError> {
    let id = section.opt_str()?;
    let name = section.str()?;
    let emails = section.strs()?;
    let profile_urls = section.strs()?;
    let company = section.opt_str()?;
    let title = section.opt_str()?;
    let merge_count = section.count()?;
    let mut merges = Vec::with_capacity(merge_count);
    for _ in 0..merge_count {
        let key = section.str()?;
        let kind = MergeKind::from_code(section.u8()?);
        merges.push(MergeNote { key, kind });
    }
    Ok(Person {
        id,
        name,
        emails,
        profile_urls,
        company,
        title,
        merges,
    })
}

/// Checks one person's fields as [`decode_person`] reads them, in the same
/// order and with the same errors, without keeping them.
fn skip_person(section: &mut Whole<'_>) -> Result<(), DecodeError> {
    if section.varint()? != 0 {
        section.skip_str()?;
    }
    section.skip_str()?;
    for _ in 0..2 {
        for _ in 0..section.count()? {
            section.skip_str()?;
        }
    }
    for _ in 0..2 {
        if section.varint()? != 0 {
            section.skip_str()?;
        }
    }
    for _ in 0..section.count()? {
        section.skip_str()?;
        section.u8()?;
    }
    Ok(())
}

/// Reads the adjacency's three sections, checking that it is well formed
/// (row starts increasing up to the edge count, neighbours in range, each
/// tie counted once from its smaller end).
fn decode_adjacency(input: &mut Input<'_>, counts: &Counts) -> Result<Adjacency, DecodeError> {
    let nodes = counts.people;
    let edges = counts.edges;
    let mut section = input.section("offsets", Some((nodes as u64 + 1) * 8))?;
    let mut offsets = Vec::with_capacity(nodes + 1);
    let mut previous = 0_u64;
    section.words(|word: [u8; 8]| {
        let offset = u64::from_le_bytes(word);
        if offset < previous || offset > edges as u64 {
            return Err(DecodeError::Malformed(Inconsistency::OffsetsOutOfOrder));
        }
        previous = offset;
        offsets.push(offset as usize);
        Ok(())
    })?;
    section.finish()?;
    if offsets.first() != Some(&0) || offsets.last() != Some(&edges) {
        return Err(DecodeError::Malformed(Inconsistency::OffsetsOutOfOrder));
    }
    let mut section = input.section("targets", Some(edges as u64 * 4))?;
    // Where the strengths will be if the targets are whole: when mapped,
    // their checksum is worked out meanwhile, to be used if so.
    let strengths_at = section.input.position + section.remaining + 8;
    let strengths_at = strengths_at.next_multiple_of(if section.input.padded {
        SECTION_ALIGN
    } else {
        1
    }) + 8;
    let early_strengths = section.input.map.and_then(|map| {
        // Only where they can be read in place (aligned).
        let start = usize::try_from(strengths_at)
            .ok()
            .filter(|at| at % 4 == 0)?;
        map.get(start..start.checked_add(edges.checked_mul(4)?)?)
    });
    let mut tie_start = None;
    // Mapped: the range check, the first tie indices and the checksum in
    // one pass.
    let (mapped, early_hash) = rayon::join(
        || {
            section.in_place::<u32>(|targets, hasher| {
                tie_start = Some(
                    checked_tie_start(&offsets, targets, nodes, |span| {
                        hasher.update(bytemuck::cast_slice(span));
                    })
                    .ok_or(DecodeError::Malformed(Inconsistency::NeighbourOutOfRange))?,
                );
                Ok(())
            })
        },
        || {
            early_strengths.map(|bytes| {
                let mut hasher = Hasher::new();
                hasher.update(bytes);
                hasher
            })
        },
    );
    let mapped = mapped?;
    let targets = if let Some(targets) = mapped {
        targets
    } else {
        let mut targets = Vec::with_capacity(edges);
        section.words(|word: [u8; 4]| {
            let target = u32::from_le_bytes(word);
            if target as usize >= nodes {
                return Err(DecodeError::Malformed(Inconsistency::NeighbourOutOfRange));
            }
            targets.push(target);
            Ok(())
        })?;
        Column::Owned(targets)
    };
    section.finish()?;
    let mut section = input.section("strengths", Some(edges as u64 * 4))?;
    let strengths = if let Some(strengths) = section.in_place::<f32>(|strengths, hasher| {
        let bytes: &[u8] = bytemuck::cast_slice(strengths);
        match early_hash.filter(|_| early_strengths.is_some_and(|early| std::ptr::eq(early, bytes)))
        {
            Some(early) => *hasher = early,
            None => hasher.update(bytes),
        }
        Ok(())
    })? {
        strengths
    } else {
        let mut strengths = Vec::with_capacity(edges);
        section.words(|word: [u8; 4]| {
            strengths.push(f32::from_le_bytes(word));
            Ok(())
        })?;
        Column::Owned(strengths)
    };
    section.finish()?;
    let adjacency = match tie_start {
        Some(tie_start) => Adjacency::with_tie_start(offsets, targets, strengths, tie_start),
        None => Adjacency::new(offsets, targets, strengths),
    };
    if adjacency.tie_count() != counts.ties {
        return Err(DecodeError::Malformed(Inconsistency::AdjacencyMismatch));
    }
    Ok(adjacency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tie_strength::Tie;

    use crate::graph::tests::demo;

    /// Every tie through [`RelationshipGraph::tie_detail`], from both ends.
    fn each_tie_detail(graph: &RelationshipGraph) -> Result<Vec<Tie>> {
        some_tie_details(graph, 1)
    }

    /// The ties of every `step`-th person through [`RelationshipGraph::tie_detail`].
    fn some_tie_details(graph: &RelationshipGraph, step: usize) -> Result<Vec<Tie>> {
        let mut ties = Vec::new();
        for person in (0..graph.people().len() as u32).step_by(step) {
            let (neighbors, _) = graph.neighbors(PersonId(person));
            for &next in neighbors {
                if let Some(tie) = graph.tie_detail(PersonId(person), PersonId(next))? {
                    ties.push(tie.into_owned());
                }
            }
        }
        Ok(ties)
    }

    /// Recomputes every checksum of a (damaged) snapshot, so that decoding
    /// itself meets the damage. Stops quietly where the layout no longer parses.
    fn reseal(bytes: &mut [u8]) {
        let u64_at = |bytes: &[u8], at: usize| {
            bytes
                .get(at..at + 8)
                .map(|word| u64::from_le_bytes(word.try_into().unwrap()))
        };
        let mut at = HEADER_LEN;
        let mut sections = Vec::new();
        for _ in 0..6 {
            at = at.next_multiple_of(SECTION_ALIGN as usize);
            let Some(length) = u64_at(bytes, at) else {
                return;
            };
            let Some(end) = usize::try_from(length)
                .ok()
                .and_then(|length| (at + 8).checked_add(length))
                .filter(|end| end + 8 <= bytes.len())
            else {
                return;
            };
            sections.push((at + 8, end));
            at = end + 8;
        }
        let details_at = at + 8;
        let (table_start, table_end) = sections[5];
        let entries: Vec<u64> = bytes[table_start..table_end]
            .chunks_exact(16)
            .map(|entry| u64::from_le_bytes(entry[..8].try_into().unwrap()))
            .collect();
        for (block, &offset) in entries.iter().enumerate() {
            let end = entries.get(block + 1).copied().unwrap_or(u64::MAX);
            let start = (details_at as u64)
                .saturating_add(offset)
                .min(bytes.len() as u64) as usize;
            let end = (details_at as u64)
                .saturating_add(end)
                .min(bytes.len() as u64) as usize;
            let sum = checksum(&bytes[start..end.max(start)]);
            let slot = table_start + block * 16 + 8;
            bytes[slot..slot + 8].copy_from_slice(&sum.to_le_bytes());
        }
        for (start, end) in sections {
            let sum = checksum(&bytes[start..end]);
            bytes[end..end + 8].copy_from_slice(&sum.to_le_bytes());
        }
    }

    fn load(bytes: &[u8]) -> Result<RelationshipGraph> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("damaged.snap");
        std::fs::write(&path, bytes).unwrap();
        // The open file handle keeps the details readable after the
        // directory goes.
        let mapped = read_snapshot(&path);
        let read = decode(std::fs::File::open(&path).unwrap(), &path, false).map_err(|source| {
            Error::Snapshot {
                path: path.clone(),
                source,
            }
        });
        // Mapped or read, the same graph or the same error.
        match (&mapped, &read) {
            (Ok(mapped), Ok(read)) => {
                assert_eq!(mapped.adjacency.offsets, read.adjacency.offsets);
                assert_eq!(*mapped.adjacency.targets, *read.adjacency.targets);
                assert!(
                    mapped
                        .adjacency
                        .strengths
                        .iter()
                        .zip(read.adjacency.strengths.iter())
                        .all(|(x, y)| x.to_bits() == y.to_bits())
                );
                assert_eq!(mapped.adjacency.tie_start, read.adjacency.tie_start);
                assert_eq!(mapped.people().persons(), read.people().persons());
            }
            (Err(mapped), Err(read)) => assert_eq!(mapped.to_string(), read.to_string()),
            _ => panic!("mapped {:?}, read {:?}", mapped.is_ok(), read.is_ok()),
        }
        mapped
    }

    /// The same snapshot in format version 4: no padding before sections.
    fn as_version_4(bytes: &[u8]) -> Vec<u8> {
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        let mut old = bytes[..HEADER_LEN].to_vec();
        old[SNAPSHOT_MAGIC.len()..].copy_from_slice(&4_u32.to_le_bytes());
        let mut at = HEADER_LEN;
        for _ in 0..6 {
            at = at.next_multiple_of(SECTION_ALIGN as usize);
            let end = at + 8 + u64_at(at) as usize + 8;
            old.extend_from_slice(&bytes[at..end]);
            at = end;
        }
        old.extend_from_slice(&bytes[at..]);
        old
    }

    fn damage(bytes: &[u8], state: &mut u64) -> Vec<u8> {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let mut damaged = bytes.to_vec();
        let position = HEADER_LEN + (*state >> 33) as usize % (damaged.len() - HEADER_LEN);
        damaged[position] ^= 1 << ((*state >> 29) % 8);
        if state.is_multiple_of(5) {
            damaged.truncate(position);
        }
        damaged
    }

    fn written(graph: &RelationshipGraph) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.snap");
        write_snapshot(graph, &path).unwrap();
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn a_snapshot_reads_back_every_tie_exactly() {
        let graph = demo();
        let bytes = written(&graph);
        let loaded = load(&bytes).unwrap();
        assert_eq!(loaded.tie_count(), graph.tie_count());
        assert_eq!(
            each_tie_detail(&loaded).unwrap(),
            each_tie_detail(&graph).unwrap()
        );
        assert_eq!(loaded.ties().unwrap(), graph.ties().unwrap());
        assert_eq!(loaded.owners(), graph.owners());
        assert_eq!(loaded.model(), graph.model());
        // Written again from the file-backed graph, the bytes are the same.
        assert_eq!(written(&loaded), bytes);
    }

    #[test]
    fn damage_anywhere_is_an_error_or_the_right_answer() {
        let graph = demo();
        let expected = some_tie_details(&graph, 31).unwrap();
        let bytes = written(&graph);
        let mut state = 0x1234_5678_u64;
        // Damaged files that load, so that their tie details are decoded
        // (and compared when they decode).
        let mut loaded_count = 0;
        for _ in 0..120 {
            let damaged = damage(&bytes, &mut state);
            let Ok(loaded) = load(&damaged) else {
                continue;
            };
            loaded_count += 1;
            if let Ok(ties) = some_tie_details(&loaded, 31) {
                assert_eq!(ties, expected);
            }
            if let Ok(ties) = loaded.ties() {
                assert_eq!(ties, graph.ties().unwrap());
            }
        }
        assert!(loaded_count > 0, "no damaged snapshot reached tie decoding");
    }

    /// False when a checksum stopped the damage before any decoder met it.
    fn past_the_checksums<T>(result: &Result<T>) -> bool {
        !matches!(
            result,
            Err(Error::Snapshot {
                source: DecodeError::SectionChecksum(_) | DecodeError::BlockChecksum(_),
                ..
            })
        )
    }

    #[test]
    fn damaged_payloads_with_a_valid_checksum_never_panic() {
        let bytes = written(&demo());
        let mut state = 0x8765_4321_u64;
        // Damaged files whose decoders met the damage (the checksums,
        // recomputed, let it through).
        let mut decoded = 0;
        for _ in 0..150 {
            let mut damaged = damage(&bytes, &mut state);
            reseal(&mut damaged);
            let loaded = load(&damaged);
            let mut reached = past_the_checksums(&loaded);
            if let Ok(graph) = &loaded {
                let ties = graph.ties().map(<[Tie]>::len);
                reached &= past_the_checksums(&ties);
                let _ = some_tie_details(graph, 31);
            }
            decoded += usize::from(reached);
        }
        assert!(decoded > 0, "no damaged payload reached a decoder");
    }

    #[test]
    fn a_corrupt_block_is_a_clear_error_when_its_tie_is_read() {
        let graph = demo();
        let mut bytes = written(&graph);
        let last = bytes.len() - 1;
        bytes[last] ^= 0x10;
        let loaded = load(&bytes).unwrap();
        let error = some_tie_details(&loaded, 1).unwrap_err().to_string();
        assert!(error.contains("checksum mismatch"), "{error}");
        assert!(error.contains("warmpath build"), "{error}");
        let error = loaded.ties().unwrap_err().to_string();
        assert!(error.contains("tie details block"), "{error}");
    }

    /// The loader used to open the file again by path for its second
    /// reader, checking only the length: a snapshot renamed over the path
    /// meanwhile (same size, other content) gave a graph mixing the two.
    #[test]
    fn a_snapshot_replaced_while_it_loads_is_read_whole_from_the_file_opened() {
        let old = demo();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("net.snap");
        write_snapshot(&old, &path).unwrap();
        let mut new_bytes = std::fs::read(&path).unwrap();
        // The same layout and size, other strengths: every strength halved.
        let at =
            |bytes: &[u8], at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        let align = |at: usize| at.next_multiple_of(SECTION_ALIGN as usize);
        let mut section = align(HEADER_LEN);
        for _ in 0..4 {
            section = align(section + 8 + at(&new_bytes, section) as usize + 8);
        }
        let length = at(&new_bytes, section) as usize;
        for word in new_bytes[section + 8..section + 8 + length].chunks_exact_mut(4) {
            let halved = f32::from_le_bytes(word.try_into().unwrap()) / 2.0;
            word.copy_from_slice(&halved.to_le_bytes());
        }
        reseal(&mut new_bytes);
        let opened = std::fs::File::open(&path).unwrap();
        let replacement = dir.path().join("new.snap");
        std::fs::write(&replacement, &new_bytes).unwrap();
        std::fs::rename(&replacement, &path).unwrap();

        let loaded = decode(opened, &path, true).unwrap();
        assert!(loaded.ties().unwrap() == old.ties().unwrap(), "a mix");
        let replaced = read_snapshot(&path).unwrap();
        assert!(replaced.ties().unwrap() != old.ties().unwrap());
    }

    #[test]
    fn a_version_4_snapshot_reads_back_the_same_graph() {
        let graph = demo();
        let bytes = written(&graph);
        let old = as_version_4(&bytes);
        assert!(old.len() < bytes.len());
        let loaded = load(&old).unwrap();
        assert_eq!(
            each_tie_detail(&loaded).unwrap(),
            each_tie_detail(&graph).unwrap()
        );
        assert_eq!(loaded.people().persons(), graph.people().persons());
        // Written again, it is the current version's bytes.
        assert_eq!(written(&loaded), bytes);
    }

    #[test]
    fn sections_start_aligned_and_their_padding_is_checked() {
        let bytes = written(&demo());
        let mut at = HEADER_LEN;
        for _ in 0..6 {
            assert!(
                bytes[at..at.next_multiple_of(8)]
                    .iter()
                    .all(|byte| *byte == 0)
            );
            at = at.next_multiple_of(8);
            at += 8 + u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize + 8;
        }
        let mut padded = bytes.clone();
        padded[HEADER_LEN] = 1;
        let error = load(&padded).err().unwrap().to_string();
        assert!(error.contains("padding"), "{error}");
    }

    #[test]
    fn rejects_bytes_that_are_not_a_snapshot() {
        let error = load(b"a,b,strength\n").err().unwrap().to_string();
        assert!(error.contains("not a warmpath snapshot"), "{error}");
    }
}
