//! Snapshots: a built [`RelationshipGraph`] saved to one file, so that later
//! commands skip ingest, identity resolution and scoring.
//!
//! Layout (little-endian): the magic line `warmpath-snapshot\n`, a `u32`
//! format version, the payload's length (`u64`) and its checksum (`u64`),
//! then the payload: the as-of date, the owners, the people, and the ties
//! sorted by pair — a fixed-width column of `(a, b, strength)`, then each
//! tie's band, components and evidence summary as a variable-length record,
//! then the records' offsets, then the adjacency's compressed sparse rows.
//! Loading copies the adjacency and keeps the records encoded: a tie is
//! decoded only when a command shows it, so `intro` never pays for the
//! millions it does not show.
//! Parts that are empty for a tie (components of a tie without interactions,
//! zero counts) are flagged out of its record. Writes go to a temporary file renamed into place. A
//! truncated, corrupt or other-version file is an [`Error::Snapshot`], never a
//! panic or a wrong answer. This module knows nothing of CSV or of the model's
//! formula.

use std::io::{Read, Write};
use std::path::Path;

use super::{Adjacency, RelationshipGraph};
use crate::error::{Error, Result};
use crate::identity::{MergeNote, People, Person, PersonId};
use crate::tie_strength::{Band, Components, Declared, EvidenceSummary, Tie, TieStrength};

/// The first bytes of every snapshot.
pub const SNAPSHOT_MAGIC: &[u8; 18] = b"warmpath-snapshot\n";

/// The format version this build writes and reads.
pub const SNAPSHOT_VERSION: u32 = 2;

const HEADER_LEN: usize = SNAPSHOT_MAGIC.len() + 4 + 8 + 8;

/// True when the file at `path` starts with the snapshot magic.
#[must_use]
pub fn is_snapshot(path: &Path) -> bool {
    let mut start = [0_u8; SNAPSHOT_MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| &start == SNAPSHOT_MAGIC)
}

/// Writes `graph` to `path` atomically (a temporary file beside it, renamed).
pub fn write_snapshot(graph: &RelationshipGraph, path: &Path) -> Result<()> {
    let payload = encode(graph);
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(SNAPSHOT_MAGIC);
    header.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
    header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    header.extend_from_slice(&checksum(&payload).to_le_bytes());
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".pending-snap");
    let temporary = std::path::PathBuf::from(temporary);
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(&header)?;
            file.write_all(&payload)?;
            file.sync_all()
        })
        .map_err(write_error)?;
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        write_error(source)
    })
}

/// Reads a snapshot written by [`write_snapshot`].
pub fn read_snapshot(path: &Path) -> Result<RelationshipGraph> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode_snapshot(bytes).map_err(|message| Error::Snapshot {
        path: path.to_path_buf(),
        message,
    })
}

/// Checks the header and checksum of `bytes` and decodes the graph.
fn decode_snapshot(bytes: Vec<u8>) -> Result<RelationshipGraph, String> {
    const REBUILD: &str = "rebuild it with `warmpath build`";
    if bytes.len() < SNAPSHOT_MAGIC.len() || &bytes[..SNAPSHOT_MAGIC.len()] != SNAPSHOT_MAGIC {
        return Err(format!("not a warmpath snapshot; {REBUILD}"));
    }
    if bytes.len() < HEADER_LEN {
        return Err(format!(
            "snapshot is truncated (header incomplete); {REBUILD}"
        ));
    }
    let mut header = Cursor::new(&bytes[SNAPSHOT_MAGIC.len()..HEADER_LEN]);
    let version = header.u32()?;
    if version != SNAPSHOT_VERSION {
        return Err(format!(
            "snapshot format version {version}, this warmpath reads version {SNAPSHOT_VERSION}; {REBUILD}"
        ));
    }
    let length = header.u64()?;
    let expected = header.u64()?;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != length {
        return Err(format!(
            "snapshot is truncated or padded ({} payload bytes, header says {length}); {REBUILD}",
            payload.len()
        ));
    }
    if checksum(payload) != expected {
        return Err(format!(
            "snapshot is corrupt (checksum mismatch); {REBUILD}"
        ));
    }
    decode(bytes).map_err(|message| format!("snapshot is malformed ({message}); {REBUILD}"))
}

/// A 64-bit checksum over 32-byte blocks with four independent lanes (fast
/// enough not to show in load times; detects corruption, not tampering).
fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes: [u64; 4] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut value = [0_u8; 8];
            value.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(value))
                .wrapping_mul(PRIME)
                .rotate_left(29);
        }
    }
    let mut hash = bytes.len() as u64;
    for lane in lanes {
        hash = (hash ^ lane).wrapping_mul(PRIME).rotate_left(31);
    }
    for byte in blocks.remainder() {
        hash = (hash ^ u64::from(*byte))
            .wrapping_mul(PRIME)
            .rotate_left(17);
    }
    hash ^ (hash >> 32)
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
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, value: u8) {
        self.0.push(value);
    }
    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    fn f32(&mut self, value: f32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    fn f64(&mut self, value: f64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    fn i64(&mut self, value: i64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    /// LEB128, for ids and small counts.
    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }
    fn str(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }
    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.varint(1);
                self.str(text);
            }
            None => self.varint(0),
        }
    }
}

/// Reads values back, failing with a message instead of panicking.
struct Cursor<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, position: 0 }
    }
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
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
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take()?))
    }
    fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_le_bytes(self.take()?))
    }
    fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(self.take()?))
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err("integer too long".to_owned())
    }
    fn count(&mut self, limit: usize) -> Result<usize, String> {
        let value = self.varint()?;
        usize::try_from(value)
            .ok()
            .filter(|count| *count <= limit)
            .ok_or_else(|| format!("count {value} out of range"))
    }
    fn str(&mut self) -> Result<String, String> {
        let length = self.count(usize::MAX)?;
        let slice = self
            .bytes
            .get(self.position..self.position.saturating_add(length))
            .ok_or_else(|| "text runs past the end".to_owned())?;
        self.position += length;
        String::from_utf8(slice.to_vec()).map_err(|_| "text is not UTF-8".to_owned())
    }
    fn opt_str(&mut self) -> Result<Option<String>, String> {
        match self.varint()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }
    fn strs(&mut self) -> Result<Vec<String>, String> {
        let count = self.count(self.bytes.len())?;
        (0..count).map(|_| self.str()).collect()
    }
}

fn encode(graph: &RelationshipGraph) -> Vec<u8> {
    let ties = graph.ties();
    let mut out = Writer(Vec::with_capacity(
        64 * ties.len() + 64 * graph.people.len(),
    ));
    let as_of = graph.as_of;
    out.u32(as_of.year() as u32);
    out.u8(as_of.month() as u8);
    out.u8(as_of.day() as u8);
    out.varint(graph.owners.len() as u64);
    for owner in &graph.owners {
        out.varint(u64::from(owner.0));
    }
    out.varint(graph.people.len() as u64);
    for person in graph.people.persons() {
        out.opt_str(person.id.as_deref());
        out.str(&person.name);
        out.varint(person.emails.len() as u64);
        person.emails.iter().for_each(|email| out.str(email));
        out.varint(person.profile_urls.len() as u64);
        person.profile_urls.iter().for_each(|url| out.str(url));
        out.opt_str(person.company.as_deref());
        out.opt_str(person.title.as_deref());
        out.varint(person.merges.len() as u64);
        for merge in &person.merges {
            out.str(&merge.key);
            out.u8(u8::from(merge.weak));
        }
    }
    let mut sources: Vec<&str> = ties
        .iter()
        .filter_map(|tie| tie.evidence.declared.as_ref())
        .map(|declared| &*declared.source)
        .collect();
    sources.sort_unstable();
    sources.dedup();
    out.varint(sources.len() as u64);
    for source in &sources {
        out.str(source);
    }
    out.u64(ties.len() as u64);
    for tie in ties {
        out.u32(tie.a.0);
        out.u32(tie.b.0);
        // The graph rounded strengths to f32 once; the f32 is exact.
        out.f32(tie.strength.strength as f32);
    }
    let mut details = Writer(Vec::with_capacity(32 * ties.len()));
    let mut offsets = Vec::with_capacity(ties.len());
    for tie in ties {
        offsets.push(details.0.len() as u64);
        encode_detail(&mut details, tie, &sources);
    }
    out.u64(details.0.len() as u64);
    out.0.extend_from_slice(&details.0);
    drop(details);
    for offset in offsets {
        out.u64(offset);
    }
    // The adjacency itself, so that loading copies it instead of rebuilding it.
    let adjacency = &graph.adjacency;
    out.u64(adjacency.targets.len() as u64);
    for offset in &adjacency.offsets {
        out.u64(*offset as u64);
    }
    for target in &adjacency.targets {
        out.u32(*target);
    }
    for strength in &adjacency.strengths {
        out.f32(*strength);
    }
    out.0
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

fn encode_detail(out: &mut Writer, tie: &Tie, sources: &[&str]) {
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
            components.recency,
            components.longevity,
            components.frequency,
            components.time_together,
            components.depth,
            components.confidence,
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
        let index = sources.binary_search(&&*declared.source).unwrap_or(0);
        out.varint(index as u64);
    }
}

/// Bytes per tie in the pair column: `a`, `b` (`u32`) and the strength (`f32`).
const PAIR_BYTES: usize = 12;

/// A snapshot's ties, kept encoded: the pair column serves the adjacency and
/// lookups, and a tie's details are decoded only when asked for.
pub(crate) struct StoredTies {
    bytes: Vec<u8>,
    count: usize,
    pairs_at: usize,
    details_at: usize,
    details_len: usize,
    offsets_at: usize,
    sources: Vec<std::sync::Arc<str>>,
}

impl std::fmt::Debug for StoredTies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredTies")
            .field("count", &self.count)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

fn le_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0_u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

fn le_u64(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0_u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

impl StoredTies {
    /// Number of ties.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// Tie `index`'s pair and strength.
    pub(crate) fn pair(&self, index: usize) -> (u32, u32, f32) {
        let at = self.pairs_at + index * PAIR_BYTES;
        (
            le_u32(&self.bytes, at),
            le_u32(&self.bytes, at + 4),
            f32::from_bits(le_u32(&self.bytes, at + 8)),
        )
    }

    /// The index of the tie between `a < b`, by binary search on the pair column.
    pub(crate) fn find(&self, a: u32, b: u32) -> Option<usize> {
        let (mut low, mut high) = (0, self.count);
        while low < high {
            let middle = low + (high - low) / 2;
            let (x, y, _) = self.pair(middle);
            match (x, y).cmp(&(a, b)) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    /// Decodes tie `index` in full. The file's checksum and layout were
    /// verified at load; should a record still not decode, the tie keeps its
    /// strength and shows no evidence rather than failing.
    pub(crate) fn tie(&self, index: usize) -> Tie {
        let (a, b, strength) = self.pair(index);
        let start = le_u64(&self.bytes, self.offsets_at + index * 8) as usize;
        let end = if index + 1 < self.count {
            le_u64(&self.bytes, self.offsets_at + (index + 1) * 8) as usize
        } else {
            self.details_len
        };
        let record = &self.bytes[self.details_at + start..self.details_at + end];
        let (strength, evidence) =
            decode_detail(&mut Cursor::new(record), f64::from(strength), &self.sources)
                .unwrap_or_else(|_| {
                    (
                        TieStrength {
                            strength: f64::from(strength),
                            band: Band::Unknown,
                            peak: f64::from(strength),
                            components: Components::default(),
                        },
                        EvidenceSummary::default(),
                    )
                });
        Tie {
            a: PersonId(a),
            b: PersonId(b),
            strength,
            evidence,
        }
    }

    /// Every tie, decoded in parallel.
    pub(crate) fn all(&self) -> Vec<Tie> {
        use rayon::prelude::*;
        (0..self.count)
            .into_par_iter()
            .map(|index| self.tie(index))
            .collect()
    }
}

fn decode(bytes: Vec<u8>) -> Result<RelationshipGraph, String> {
    let mut input = Cursor::new(&bytes[HEADER_LEN..]);
    let year = input.u32()?;
    let (month, day) = (input.u8()?, input.u8()?);
    let as_of = i16::try_from(year)
        .ok()
        .and_then(|year| {
            jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
        })
        .ok_or_else(|| "invalid as-of date".to_owned())?;
    let owner_count = input.count(input.bytes.len())?;
    let mut owners = Vec::with_capacity(owner_count);
    for _ in 0..owner_count {
        owners.push(input.varint()?);
    }
    let people_count = input.count(input.bytes.len())?;
    // Each person takes at least seven bytes, which bounds the reservation.
    let mut people = People::with_capacity(people_count.min(input.bytes.len() / 7));
    for _ in 0..people_count {
        let id = input.opt_str()?;
        let name = input.str()?;
        let emails = input.strs()?;
        let profile_urls = input.strs()?;
        let company = input.opt_str()?;
        let title = input.opt_str()?;
        let merge_count = input.count(input.bytes.len())?;
        let mut merges = Vec::with_capacity(merge_count);
        for _ in 0..merge_count {
            let key = input.str()?;
            let weak = input.u8()? != 0;
            merges.push(MergeNote { key, weak });
        }
        people.add(Person {
            id,
            name,
            emails,
            profile_urls,
            company,
            title,
            merges,
        });
    }
    let owners = owners
        .into_iter()
        .map(|index| {
            u32::try_from(index)
                .ok()
                .filter(|index| (*index as usize) < people_count)
                .map(PersonId)
                .ok_or_else(|| format!("owner {index} out of range"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sources = input.strs()?.into_iter().map(Into::into).collect();
    let count = usize::try_from(input.u64()?).map_err(|_| "too many ties".to_owned())?;
    let pairs_at = HEADER_LEN + input.position;
    let pairs_len = count
        .checked_mul(PAIR_BYTES)
        .filter(|len| *len <= input.bytes.len() - input.position)
        .ok_or_else(|| "tie count out of range".to_owned())?;
    input.position += pairs_len;
    let details_len = usize::try_from(input.u64()?).map_err(|_| "details too long".to_owned())?;
    let details_at = HEADER_LEN + input.position;
    if details_len > input.bytes.len() - input.position {
        return Err("details out of range".to_owned());
    }
    input.position += details_len;
    let offsets_at = HEADER_LEN + input.position;
    input.position = input
        .position
        .checked_add(count * 8)
        .filter(|end| *end <= input.bytes.len())
        .ok_or_else(|| "offsets do not match the tie count".to_owned())?;
    let adjacency = decode_adjacency(&mut input, people_count, count)?;
    let stored = StoredTies {
        bytes,
        count,
        pairs_at,
        details_at,
        details_len,
        offsets_at,
        sources,
    };
    let mut previous = None;
    let mut previous_offset = 0;
    for index in 0..count {
        let (a, b, _) = stored.pair(index);
        if a >= b || b as usize >= people_count || previous.is_some_and(|last| (a, b) <= last) {
            return Err(format!("tie {index} out of order or out of range"));
        }
        previous = Some((a, b));
        let offset = le_u64(&stored.bytes, offsets_at + index * 8);
        if offset < previous_offset || offset > details_len as u64 {
            return Err(format!("tie {index} has a bad offset"));
        }
        previous_offset = offset;
    }
    Ok(RelationshipGraph::from_stored_ties(
        people, stored, adjacency, owners, as_of,
    ))
}

/// Reads the stored adjacency, checking that it is well formed (offsets
/// increasing up to the edge count, neighbours in range, two per tie).
fn decode_adjacency(
    input: &mut Cursor<'_>,
    nodes: usize,
    ties: usize,
) -> Result<Adjacency, String> {
    let edges = usize::try_from(input.u64()?).map_err(|_| "too many edges".to_owned())?;
    if Some(edges) != ties.checked_mul(2) {
        return Err("adjacency does not match the ties".to_owned());
    }
    let rest = &input.bytes[input.position..];
    if rest.len() != (nodes + 1) * 8 + edges * 8 {
        return Err("adjacency has the wrong size".to_owned());
    }
    let (offset_bytes, rest) = rest.split_at((nodes + 1) * 8);
    let (target_bytes, strength_bytes) = rest.split_at(edges * 4);
    let offsets: Vec<usize> = offset_bytes
        .chunks_exact(8)
        .map(|word| le_u64(word, 0) as usize)
        .collect();
    if offsets.first() != Some(&0)
        || offsets.last() != Some(&edges)
        || offsets.windows(2).any(|pair| pair[0] > pair[1])
    {
        return Err("adjacency offsets out of order".to_owned());
    }
    let targets: Vec<u32> = target_bytes
        .chunks_exact(4)
        .map(|word| le_u32(word, 0))
        .collect();
    if targets.iter().any(|target| *target as usize >= nodes) {
        return Err("adjacency neighbour out of range".to_owned());
    }
    let strengths: Vec<f32> = strength_bytes
        .chunks_exact(4)
        .map(|word| f32::from_bits(le_u32(word, 0)))
        .collect();
    input.position = input.bytes.len();
    Ok(Adjacency {
        offsets,
        targets,
        strengths,
    })
}

fn decode_detail(
    input: &mut Cursor<'_>,
    strength: f64,
    sources: &[std::sync::Arc<str>],
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
        components.recency = input.f64()?;
        components.longevity = input.f64()?;
        components.frequency = input.f64()?;
        components.time_together = input.f64()?;
        components.depth = input.f64()?;
        components.confidence = input.f64()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_changes_with_any_byte() {
        let bytes: Vec<u8> = (0..100_u8).collect();
        let base = checksum(&bytes);
        for index in [0, 31, 32, 63, 99] {
            let mut changed = bytes.clone();
            changed[index] ^= 1;
            assert_ne!(checksum(&changed), base, "byte {index}");
        }
    }

    fn with_header(payload: &[u8]) -> Vec<u8> {
        let mut bytes = SNAPSHOT_MAGIC.to_vec();
        bytes.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(payload).to_le_bytes());
        bytes.extend_from_slice(payload);
        bytes
    }

    #[test]
    fn damaged_payloads_with_a_valid_checksum_never_panic() {
        let options = crate::graph::BuildOptions {
            model: crate::tie_strength::Model::default(),
            as_of: None,
            today: jiff::civil::date(2026, 11, 20),
            ingest: crate::ingest::IngestOptions::default(),
            owner_emails: Vec::new(),
        };
        let network = crate::graph::build_network(
            &[std::path::PathBuf::from("data/demo")],
            &options,
            &crate::progress::NoProgress,
        )
        .unwrap();
        let payload = encode(&network.graph);
        let round_trip = decode_snapshot(with_header(&payload)).unwrap();
        assert_eq!(round_trip.ties(), network.graph.ties());
        let mut state = 0x1234_5678_u64;
        for _ in 0..200 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let mut damaged = payload.clone();
            let position = (state >> 33) as usize % damaged.len();
            damaged[position] ^= 1 << ((state >> 29) % 8);
            if state.is_multiple_of(5) {
                damaged.truncate(position);
            }
            if let Ok(graph) = decode_snapshot(with_header(&damaged)) {
                let _ = graph.ties().len();
                for person in 0..graph.people().len() as u32 {
                    let (neighbors, _) = graph.neighbors(PersonId(person));
                    for &next in neighbors {
                        let _ = graph.tie_detail(PersonId(person), PersonId(next));
                    }
                }
            }
        }
    }

    #[test]
    fn rejects_bytes_that_are_not_a_snapshot() {
        let error = decode_snapshot(b"a,b,strength\n".to_vec())
            .err()
            .unwrap_or_default();
        assert!(error.contains("not a warmpath snapshot"), "{error}");
    }
}
