//! The tie store: every tie's band, components and evidence, encoded in
//! blocks of [`BLOCK_TIES`] variable-length records (about 35 bytes for a
//! declared-only tie), each block with its own checksum. A freshly built graph
//! keeps the blocks in memory; a graph loaded from a snapshot reads a block
//! from the file only when one of its ties is asked for. A tie's pair and
//! strength are not stored here: they come from the adjacency, which also
//! gives each tie its index (ties are numbered in `(a, b)` order). Decoding
//! verifies the block's checksum and fails with a message rather than
//! panicking or guessing. This module knows nothing of the snapshot's other
//! sections, of CSV or of the model's formula.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::identity::PersonId;
use crate::tie_strength::{
    Band, Components, Declared, EvidenceSummary, Tie, TieStrength, distinct_sources,
};

/// Ties per block of the store.
pub(crate) const BLOCK_TIES: usize = 256;

const REBUILD: &str = "rebuild it with `warmpath build`";

/// A streaming 64-bit checksum over 32-byte blocks with four independent
/// lanes (fast enough not to show in load times; detects corruption, not
/// tampering). Feeding bytes in any split gives the same value.
#[derive(Debug, Clone)]
pub(crate) struct Hasher {
    lanes: [u64; 4],
    length: u64,
    pending: [u8; 32],
    pending_len: usize,
}

const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher {
    pub(crate) fn new() -> Self {
        Self {
            lanes: [
                0x243f_6a88_85a3_08d3,
                0x1319_8a2e_0370_7344,
                0xa409_3822_299f_31d0,
                0x082e_fa98_ec4e_6c89,
            ],
            length: 0,
            pending: [0; 32],
            pending_len: 0,
        }
    }

    fn block(lanes: &mut [u64; 4], block: &[u8]) {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut value = [0_u8; 8];
            value.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(value))
                .wrapping_mul(PRIME)
                .rotate_left(29);
        }
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.pending_len > 0 {
            let take = (32 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 32 {
                return;
            }
            let pending = self.pending;
            Self::block(&mut self.lanes, &pending);
            self.pending_len = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            Self::block(&mut self.lanes, block);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    pub(crate) fn finish(&self) -> u64 {
        let mut hash = self.length;
        for lane in self.lanes {
            hash = (hash ^ lane).wrapping_mul(PRIME).rotate_left(31);
        }
        for byte in &self.pending[..self.pending_len] {
            hash = (hash ^ u64::from(*byte))
                .wrapping_mul(PRIME)
                .rotate_left(17);
        }
        hash ^ (hash >> 32)
    }
}

/// The checksum of `bytes` in one go.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = Hasher::new();
    hasher.update(bytes);
    hasher.finish()
}

/// Where a block's records start in the details, and their checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockEntry {
    pub(crate) offset: u64,
    pub(crate) checksum: u64,
}

/// Where the encoded records live.
#[derive(Debug)]
pub(crate) enum Details {
    /// In memory (a freshly built graph).
    Memory(Vec<u8>),
    /// In a snapshot file, from byte `at` on.
    File {
        file: std::fs::File,
        path: PathBuf,
        at: u64,
    },
}

/// Every tie's details, encoded in checksummed blocks.
#[derive(Debug)]
pub(crate) struct TieStore {
    count: usize,
    sources: Vec<Arc<str>>,
    blocks: Vec<BlockEntry>,
    details_len: u64,
    details: Details,
}

/// A tie's identity as the adjacency knows it: its pair and its strength.
pub(crate) type PairStrength = (u32, u32, f32);

impl TieStore {
    /// A store over existing parts, checking that the block table fits
    /// `count` ties and `details_len` bytes.
    pub(crate) fn from_parts(
        count: usize,
        sources: Vec<Arc<str>>,
        blocks: Vec<BlockEntry>,
        details_len: u64,
        details: Details,
    ) -> Result<Self, String> {
        if blocks.len() != count.div_ceil(BLOCK_TIES) {
            return Err("block table does not match the tie count".to_owned());
        }
        if blocks.first().is_some_and(|block| block.offset != 0)
            || blocks
                .windows(2)
                .any(|pair| pair[0].offset > pair[1].offset)
            || blocks
                .last()
                .is_some_and(|block| block.offset > details_len)
        {
            return Err("block table out of order".to_owned());
        }
        if let Details::Memory(bytes) = &details
            && bytes.len() as u64 != details_len
        {
            return Err("details have the wrong size".to_owned());
        }
        Ok(Self {
            count,
            sources,
            blocks,
            details_len,
            details,
        })
    }

    /// Number of ties.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    pub(crate) fn sources(&self) -> &[Arc<str>] {
        &self.sources
    }

    pub(crate) fn blocks(&self) -> &[BlockEntry] {
        &self.blocks
    }

    pub(crate) fn details_len(&self) -> u64 {
        self.details_len
    }

    pub(crate) fn details(&self) -> &Details {
        &self.details
    }

    /// The snapshot file behind the store, if any.
    pub(crate) fn path(&self) -> PathBuf {
        match &self.details {
            Details::Memory(_) => PathBuf::new(),
            Details::File { path, .. } => path.clone(),
        }
    }

    /// Reads `len` bytes of the details from `offset`.
    pub(crate) fn read_details(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>, String> {
        match &self.details {
            Details::Memory(bytes) => usize::try_from(offset)
                .ok()
                .and_then(|start| bytes.get(start..start.checked_add(len)?))
                .map(Cow::Borrowed)
                .ok_or_else(|| format!("snapshot is malformed (details out of range); {REBUILD}")),
            Details::File { file, at, .. } => {
                let mut buffer = vec![0_u8; len];
                read_at(file, &mut buffer, at + offset).map_err(|error| {
                    if error.kind() == std::io::ErrorKind::UnexpectedEof {
                        format!("snapshot is truncated (tie details); {REBUILD}")
                    } else {
                        format!("cannot read tie details: {error}")
                    }
                })?;
                Ok(Cow::Owned(buffer))
            }
        }
    }

    /// Block `block`'s records, with their checksum verified.
    fn block(&self, block: usize) -> Result<Cow<'_, [u8]>, String> {
        let entry = self.blocks.get(block).ok_or_else(|| {
            format!("snapshot is malformed (no tie details block {block}); {REBUILD}")
        })?;
        let end = self
            .blocks
            .get(block + 1)
            .map_or(self.details_len, |next| next.offset);
        let len = usize::try_from(end.saturating_sub(entry.offset))
            .map_err(|_| format!("snapshot is malformed (block {block} too long); {REBUILD}"))?;
        let bytes = self.read_details(entry.offset, len)?;
        if checksum(&bytes) != entry.checksum {
            return Err(format!(
                "snapshot is corrupt (tie details block {block} checksum mismatch); {REBUILD}"
            ));
        }
        Ok(bytes)
    }

    /// Decodes tie `index` of pair `(a, b)` with its strength: reads its
    /// block and skips the records before it.
    pub(crate) fn tie(&self, index: usize, (a, b, strength): PairStrength) -> Result<Tie, String> {
        let bytes = self.block(index / BLOCK_TIES)?;
        let mut input = Cursor::new(&bytes);
        for _ in 0..index % BLOCK_TIES {
            decode_detail(&mut input, 0.0, &self.sources)
                .map_err(|message| malformed(index, &message))?;
        }
        let (strength, evidence) = decode_detail(&mut input, f64::from(strength), &self.sources)
            .map_err(|message| malformed(index, &message))?;
        Ok(Tie {
            a: PersonId(a),
            b: PersonId(b),
            strength,
            evidence,
        })
    }

    /// Every tie, decoded in parallel, block by block; `pairs` gives each
    /// tie's pair and strength in index order.
    pub(crate) fn all(&self, pairs: &[PairStrength]) -> Result<Vec<Tie>, String> {
        if pairs.len() != self.count {
            return Err(format!("snapshot is malformed (tie count); {REBUILD}"));
        }
        // One vector, filled block by block in place (no second copy of
        // every tie while collecting).
        let placeholder = Tie {
            a: PersonId(0),
            b: PersonId(0),
            strength: TieStrength {
                strength: 0.0,
                band: Band::Unknown,
                peak: 0.0,
                components: Components::default(),
            },
            evidence: EvidenceSummary::default(),
        };
        let mut ties = vec![placeholder; self.count];
        ties.par_chunks_mut(BLOCK_TIES)
            .zip(pairs.par_chunks(BLOCK_TIES))
            .enumerate()
            .try_for_each(|(block, (slots, pairs))| {
                let bytes = self.block(block)?;
                let mut input = Cursor::new(&bytes);
                for (offset, (slot, &(a, b, strength))) in slots.iter_mut().zip(pairs).enumerate() {
                    let (strength, evidence) =
                        decode_detail(&mut input, f64::from(strength), &self.sources)
                            .map_err(|message| malformed(block * BLOCK_TIES + offset, &message))?;
                    *slot = Tie {
                        a: PersonId(a),
                        b: PersonId(b),
                        strength,
                        evidence,
                    };
                }
                if input.position == bytes.len() {
                    Ok(())
                } else {
                    Err(format!(
                        "snapshot is malformed (tie details block {block} has trailing bytes); {REBUILD}"
                    ))
                }
            })?;
        Ok(ties)
    }
}

fn malformed(index: usize, message: &str) -> String {
    format!("snapshot is malformed (tie {index}: {message}); {REBUILD}")
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(not(unix))]
fn read_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek};
    // `&File` reads and seeks through the shared handle; callers decode
    // blocks in parallel, so take a private handle.
    let mut file = file.try_clone()?;
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}

/// Builds a store block by block, in tie order.
#[derive(Debug)]
pub(crate) struct TieStoreBuilder {
    count: usize,
    sources: Vec<Arc<str>>,
    blocks: Vec<BlockEntry>,
    bytes: Vec<u8>,
}

impl TieStoreBuilder {
    /// A builder for ties whose declarations come from `sources` (sorted).
    pub(crate) fn new(sources: Vec<Arc<str>>) -> Self {
        Self {
            count: 0,
            sources,
            blocks: Vec::new(),
            bytes: Vec::new(),
        }
    }

    /// Encodes one block's ties (at most [`BLOCK_TIES`]); may run in parallel.
    pub(crate) fn encode_block(&self, ties: &[Tie]) -> Vec<u8> {
        let mut out = Writer(Vec::with_capacity(40 * ties.len()));
        for tie in ties {
            encode_detail(&mut out, tie, &self.sources);
        }
        out.0
    }

    /// Appends the next block, of `ties` ties (every block but the last is full).
    pub(crate) fn push_block(&mut self, bytes: &[u8], ties: usize) {
        self.blocks.push(BlockEntry {
            offset: self.bytes.len() as u64,
            checksum: checksum(bytes),
        });
        self.bytes.extend_from_slice(bytes);
        self.count += ties;
    }

    pub(crate) fn finish(mut self) -> TieStore {
        self.bytes.shrink_to_fit();
        TieStore {
            count: self.count,
            sources: self.sources,
            blocks: self.blocks,
            details_len: self.bytes.len() as u64,
            details: Details::Memory(self.bytes),
        }
    }
}

/// A store of `ties` (sorted by pair), encoded in parallel.
pub(crate) fn encode_ties(ties: &[Tie]) -> TieStore {
    let sources = distinct_sources(ties.iter().filter_map(|tie| tie.evidence.declared.as_ref()));
    let mut builder = TieStoreBuilder::new(sources);
    let blocks: Vec<Vec<u8>> = ties
        .par_chunks(BLOCK_TIES)
        .map(|block| builder.encode_block(block))
        .collect();
    for (bytes, block) in blocks.iter().zip(ties.chunks(BLOCK_TIES)) {
        builder.push_block(bytes, block.len());
    }
    builder.finish()
}

// Flags of one tie.
const HAS_COMPONENTS: u8 = 1;
const HAS_COUNTS: u8 = 2;
const HAS_FIRST: u8 = 4;
const HAS_DECLARED: u8 = 8;
const HAS_DECLARED_STRENGTH: u8 = 16;
const HAS_DECLARED_SINCE: u8 = 32;
const ONE_WAY_CAPPED: u8 = 64;

/// Appends little-endian values to a byte buffer.
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn u8(&mut self, value: u8) {
        self.0.push(value);
    }
    pub(crate) fn f32(&mut self, value: f32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    pub(crate) fn f64(&mut self, value: f64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    pub(crate) fn i64(&mut self, value: i64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    /// LEB128, for ids and small counts.
    pub(crate) fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }
    /// A length-prefixed UTF-8 text.
    pub(crate) fn str(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }
    /// A presence flag, then the text if any.
    pub(crate) fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.varint(1);
                self.str(text);
            }
            None => self.varint(0),
        }
    }
}

/// Decodes a LEB128 integer from the bytes `next` yields.
pub(crate) fn read_varint(mut next: impl FnMut() -> Result<u8, String>) -> Result<u64, String> {
    let mut value = 0_u64;
    for shift in (0..64).step_by(7) {
        let byte = next()?;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
    }
    Err(VARINT_TOO_LONG.to_owned())
}

/// The error of [`read_varint`] for more than 64 bits.
pub(crate) const VARINT_TOO_LONG: &str = "integer too long";

/// Reads values back, failing with a message instead of panicking.
pub(crate) struct Cursor<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) position: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, position: 0 }
    }
    pub(crate) fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let end = self.position + N;
        let slice = self
            .bytes
            .get(self.position..end)
            .ok_or_else(|| "unexpected end of data".to_owned())?;
        self.position = end;
        let mut out = [0_u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }
    pub(crate) fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take()?))
    }
    pub(crate) fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_le_bytes(self.take()?))
    }
    pub(crate) fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(self.take()?))
    }
    pub(crate) fn varint(&mut self) -> Result<u64, String> {
        read_varint(|| self.u8())
    }
    pub(crate) fn count(&mut self, limit: usize) -> Result<usize, String> {
        let value = self.varint()?;
        usize::try_from(value)
            .ok()
            .filter(|count| *count <= limit)
            .ok_or_else(|| format!("count {value} out of range"))
    }
}

/// Components without interactions: only the half-life and attention are set.
fn bare_components(components: &Components) -> bool {
    *components
        == Components {
            half_life_days: components.half_life_days,
            attention: components.attention,
            ..Components::default()
        }
}

fn encode_detail(out: &mut Writer, tie: &Tie, sources: &[Arc<str>]) {
    let TieStrength {
        band,
        peak,
        components,
        ..
    } = &tie.strength;
    let evidence = &tie.evidence;
    let counts = EvidenceSummary {
        first_contact: None,
        declared: None,
        ..evidence.clone()
    };
    let mut flags = 0;
    if !bare_components(components) {
        flags |= HAS_COMPONENTS;
    }
    if counts != EvidenceSummary::default() {
        flags |= HAS_COUNTS;
    }
    if evidence.first_contact.is_some() {
        flags |= HAS_FIRST;
    }
    if let Some(declared) = &evidence.declared {
        flags |= HAS_DECLARED;
        if declared.strength.is_some() {
            flags |= HAS_DECLARED_STRENGTH;
        }
        if declared.since.is_some() {
            flags |= HAS_DECLARED_SINCE;
        }
    }
    if components.one_way_capped {
        flags |= ONE_WAY_CAPPED;
    }
    out.u8(flags);
    out.u8(Band::ALL
        .iter()
        .position(|known| known == band)
        .unwrap_or(0) as u8);
    out.f64(*peak);
    out.f64(components.half_life_days);
    out.f64(components.attention);
    if flags & HAS_COMPONENTS != 0 {
        for value in [
            components.evidence,
            components.volume,
            components.active_days,
            components.span_days,
            components.days_since,
            components.hours,
            components.depth,
            components.interaction_strength,
        ] {
            out.f64(value);
        }
    }
    if flags & HAS_COUNTS != 0 {
        for count in evidence.by_channel {
            out.varint(u64::from(count));
        }
        for count in [
            evidence.a_to_b,
            evidence.b_to_a,
            evidence.mutual,
            evidence.in_groups,
        ] {
            out.varint(u64::from(count));
        }
        out.f32(evidence.hours_together);
        match evidence.last_contact {
            Some(at) => {
                out.u8(1);
                out.i64(at);
            }
            None => out.u8(0),
        }
        out.varint(evidence.by_year.len() as u64);
        for &(year, count) in &evidence.by_year {
            out.i64(i64::from(year));
            out.varint(u64::from(count));
        }
    }
    if let Some(first) = evidence.first_contact {
        out.i64(first);
    }
    if let Some(declared) = &evidence.declared {
        if let Some(strength) = declared.strength {
            out.f64(strength);
        }
        if let Some(since) = declared.since {
            out.i64(since);
        }
        let index = sources
            .binary_search_by(|known| (**known).cmp(&*declared.source))
            .unwrap_or(0);
        out.varint(index as u64);
    }
}

fn decode_detail(
    input: &mut Cursor<'_>,
    strength: f64,
    sources: &[Arc<str>],
) -> Result<(TieStrength, EvidenceSummary), String> {
    let flags = input.u8()?;
    let band = *Band::ALL
        .get(usize::from(input.u8()?))
        .ok_or_else(|| "unknown band".to_owned())?;
    let peak = input.f64()?;
    let mut components = Components {
        half_life_days: input.f64()?,
        attention: input.f64()?,
        one_way_capped: flags & ONE_WAY_CAPPED != 0,
        ..Components::default()
    };
    if flags & HAS_COMPONENTS != 0 {
        components.evidence = input.f64()?;
        components.volume = input.f64()?;
        components.active_days = input.f64()?;
        components.span_days = input.f64()?;
        components.days_since = input.f64()?;
        components.hours = input.f64()?;
        components.depth = input.f64()?;
        components.interaction_strength = input.f64()?;
    }
    let mut evidence = EvidenceSummary::default();
    if flags & HAS_COUNTS != 0 {
        for slot in &mut evidence.by_channel {
            *slot = small(input.varint()?)?;
        }
        evidence.a_to_b = small(input.varint()?)?;
        evidence.b_to_a = small(input.varint()?)?;
        evidence.mutual = small(input.varint()?)?;
        evidence.in_groups = small(input.varint()?)?;
        evidence.hours_together = input.f32()?;
        if input.u8()? != 0 {
            evidence.last_contact = Some(input.i64()?);
        }
        // A year entry takes at least nine bytes; more than 10,000 is corruption.
        let years = input.count(10_000)?;
        let mut by_year = Vec::with_capacity(years);
        for _ in 0..years {
            let year = i32::try_from(input.i64()?).map_err(|_| "year out of range".to_owned())?;
            by_year.push((year, small(input.varint()?)?));
        }
        evidence.by_year = by_year.into_boxed_slice();
    }
    if flags & HAS_FIRST != 0 {
        evidence.first_contact = Some(input.i64()?);
    }
    if flags & HAS_DECLARED != 0 {
        let strength = if flags & HAS_DECLARED_STRENGTH == 0 {
            None
        } else {
            Some(input.f64()?)
        };
        let since = if flags & HAS_DECLARED_SINCE == 0 {
            None
        } else {
            Some(input.i64()?)
        };
        let source = sources
            .get(input.count(sources.len())?)
            .cloned()
            .ok_or_else(|| "unknown declaration source".to_owned())?;
        evidence.declared = Some(Declared {
            strength,
            since,
            source,
        });
    }
    Ok((
        TieStrength {
            strength,
            band,
            peak,
            components,
        },
        evidence,
    ))
}

fn small(value: u64) -> Result<u32, String> {
    u32::try_from(value).map_err(|_| format!("count {value} out of range"))
}
