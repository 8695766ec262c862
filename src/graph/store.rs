//! The tie store: every tie's band, components and evidence, encoded in
//! blocks of [`BLOCK_TIES`] variable-length records (the `record` module;
//! about 11 bytes for a declared-only tie), each block with its own
//! checksum. A freshly built graph
//! keeps the blocks in memory; a graph loaded from a snapshot reads a block
//! from the file only when one of its ties is asked for. A tie's pair and
//! strength are not stored here: they come from the adjacency, which also
//! gives each tie its index (ties are numbered in `(a, b)` order). Decoding
//! verifies the block's checksum and fails with a [`DecodeError`] rather
//! than panicking or guessing. This module knows nothing of the snapshot's other
//! sections, of CSV or of the model's formula.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::checksum::checksum;
use super::codec::{Cursor, Writer};
use super::record::{decode_detail, encode_detail};
use crate::error::{DecodeError, Fault, Inconsistency};
use crate::identity::PersonId;
use crate::tie_strength::{Band, Components, EvidenceSummary, Tie, TieStrength, distinct_sources};

/// Ties per block of the store.
pub(crate) const BLOCK_TIES: usize = 256;

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
    ) -> Result<Self, Inconsistency> {
        if blocks.len() != count.div_ceil(BLOCK_TIES) {
            return Err(Inconsistency::BlockCount);
        }
        if blocks.first().is_some_and(|block| block.offset != 0)
            || blocks
                .windows(2)
                .any(|pair| pair[0].offset > pair[1].offset)
            || blocks
                .last()
                .is_some_and(|block| block.offset > details_len)
        {
            return Err(Inconsistency::BlockOrder);
        }
        if let Details::Memory(bytes) = &details
            && bytes.len() as u64 != details_len
        {
            return Err(Inconsistency::DetailsSize);
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
    pub(crate) fn read_details(
        &self,
        offset: u64,
        len: usize,
    ) -> Result<Cow<'_, [u8]>, DecodeError> {
        match &self.details {
            Details::Memory(bytes) => usize::try_from(offset)
                .ok()
                .and_then(|start| bytes.get(start..start.checked_add(len)?))
                .map(Cow::Borrowed)
                .ok_or(DecodeError::Malformed(Inconsistency::DetailsOutOfRange)),
            Details::File { file, at, .. } => {
                let mut buffer = vec![0_u8; len];
                read_at(file, &mut buffer, at + offset).map_err(|error| {
                    if error.kind() == std::io::ErrorKind::UnexpectedEof {
                        DecodeError::Truncated {
                            what: "tie details",
                        }
                    } else {
                        DecodeError::Details(error)
                    }
                })?;
                Ok(Cow::Owned(buffer))
            }
        }
    }

    /// Block `block`'s records, with their checksum verified.
    fn block(&self, block: usize) -> Result<Cow<'_, [u8]>, DecodeError> {
        let entry = self
            .blocks
            .get(block)
            .ok_or(DecodeError::Malformed(Inconsistency::NoBlock(block)))?;
        let end = self
            .blocks
            .get(block + 1)
            .map_or(self.details_len, |next| next.offset);
        let len = usize::try_from(end.saturating_sub(entry.offset))
            .map_err(|_| DecodeError::Malformed(Inconsistency::BlockTooLong(block)))?;
        let bytes = self.read_details(entry.offset, len)?;
        if checksum(&bytes) != entry.checksum {
            return Err(DecodeError::BlockChecksum(block));
        }
        Ok(bytes)
    }

    /// Decodes tie `index` of pair `(a, b)` with its strength: reads its
    /// block and skips the records before it.
    pub(crate) fn tie(
        &self,
        index: usize,
        (a, b, strength): PairStrength,
    ) -> Result<Tie, DecodeError> {
        let bytes = self.block(index / BLOCK_TIES)?;
        let mut input = Cursor::new(&bytes);
        for _ in 0..index % BLOCK_TIES {
            decode_detail(&mut input, 0.0, &self.sources)
                .map_err(|fault| malformed(index, fault))?;
        }
        decode_tie(&mut input, index, (a, b, strength), &self.sources)
    }

    /// Every record held at once, each block read once and its checksum
    /// verified, every record decoded once (so any fault shows here, before
    /// a caller has written anything), ready to decode any tie alone: where
    /// every [`START_EVERY`]th record starts is kept, so a tie costs at most
    /// that many records' decoding and the starts half a byte a tie.
    pub(crate) fn records(&self) -> Result<Records<'_>, DecodeError> {
        let blocks: Vec<(Cow<'_, [u8]>, Vec<u32>)> = (0..self.blocks.len())
            .into_par_iter()
            .map(|block| {
                let bytes = self.block(block)?;
                let ties = BLOCK_TIES.min(self.count - block * BLOCK_TIES);
                let mut starts = Vec::with_capacity(ties.div_ceil(START_EVERY));
                let mut input = Cursor::new(&bytes);
                for offset in 0..ties {
                    if offset % START_EVERY == 0 {
                        starts.push(input.position as u32);
                    }
                    decode_detail(&mut input, 0.0, &self.sources)
                        .map_err(|fault| malformed(block * BLOCK_TIES + offset, fault))?;
                }
                if !input.at_end() {
                    return Err(DecodeError::Malformed(Inconsistency::BlockTrailingBytes(
                        block,
                    )));
                }
                Ok((bytes, starts))
            })
            .collect::<Result<_, _>>()?;
        let mut starts = Vec::with_capacity(self.count.div_ceil(START_EVERY));
        let blocks = blocks
            .into_iter()
            .map(|(bytes, block_starts)| {
                starts.extend(block_starts);
                bytes
            })
            .collect();
        Ok(Records {
            sources: &self.sources,
            blocks,
            starts,
        })
    }

    /// Every tie, decoded in parallel, block by block; `pairs` gives each
    /// tie's pair and strength in index order.
    pub(crate) fn all(&self, pairs: &[PairStrength]) -> Result<Vec<Tie>, DecodeError> {
        if pairs.len() != self.count {
            return Err(DecodeError::Malformed(Inconsistency::TieCount));
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
                            .map_err(|fault| malformed(block * BLOCK_TIES + offset, fault))?;
                    *slot = Tie {
                        a: PersonId(a),
                        b: PersonId(b),
                        strength,
                        evidence,
                    };
                }
                if input.at_end() {
                    Ok(())
                } else {
                    Err(DecodeError::Malformed(Inconsistency::BlockTrailingBytes(
                        block,
                    )))
                }
            })?;
        Ok(ties)
    }
}

/// Records of a block whose start [`TieStore::records`] keeps: one in 16.
const START_EVERY: usize = 16;
const _: () = assert!(
    BLOCK_TIES.is_multiple_of(START_EVERY),
    "every block keeps as many starts"
);

/// Every record of a store, held encoded ([`TieStore::records`]).
pub(crate) struct Records<'a> {
    sources: &'a [Arc<str>],
    /// Each block's bytes.
    blocks: Vec<Cow<'a, [u8]>>,
    /// Where every [`START_EVERY`]th record starts in its block, block
    /// after block: [`BLOCK_TIES`] / [`START_EVERY`] a block.
    starts: Vec<u32>,
}

impl Records<'_> {
    /// Decodes tie `index` of pair `(a, b)` with its strength: from the
    /// nearest kept start before it, skipping the records between.
    pub(crate) fn tie(
        &self,
        index: usize,
        (a, b, strength): PairStrength,
    ) -> Result<Tie, DecodeError> {
        let bytes = self
            .blocks
            .get(index / BLOCK_TIES)
            .ok_or(DecodeError::Malformed(Inconsistency::TieCount))?;
        let start = self
            .starts
            .get(index / START_EVERY)
            .ok_or(DecodeError::Malformed(Inconsistency::TieCount))?;
        let mut input = Cursor::new(bytes.get(*start as usize..).unwrap_or_default());
        for skipped in index - index % START_EVERY..index {
            decode_detail(&mut input, 0.0, self.sources)
                .map_err(|fault| malformed(skipped, fault))?;
        }
        decode_tie(&mut input, index, (a, b, strength), self.sources)
    }
}

/// Decodes the record at `input` as tie `index` of pair `(a, b)` with its strength.
fn decode_tie(
    input: &mut Cursor<'_>,
    index: usize,
    (a, b, strength): PairStrength,
    sources: &[Arc<str>],
) -> Result<Tie, DecodeError> {
    let (strength, evidence) = decode_detail(input, f64::from(strength), sources)
        .map_err(|fault| malformed(index, fault))?;
    Ok(Tie {
        a: PersonId(a),
        b: PersonId(b),
        strength,
        evidence,
    })
}

fn malformed(index: usize, fault: Fault) -> DecodeError {
    DecodeError::Tie { index, fault }
}

#[cfg(unix)]
pub(crate) fn read_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(not(unix))]
pub(crate) fn read_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
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
