//! Sharded snapshots for the distributed jobs (`build --shards K`): the
//! people split into `K` shards by a stable hash of their internal id, each
//! shard holding its people (the fields target resolution and the outputs
//! read) and their ties as adjacency rows, plus a small manifest
//! (`manifest.json`) with the counts, the owners, the model and each shard
//! file's size and checksum (of the body after the magic, which the file also
//! ends with).
//!
//! Person ids stay the ids of the whole graph, so a path found across shards
//! names the same people as one found in the single snapshot, and ties
//! broken by id break the same way. Each shard file is checksummed and
//! read into memory whole: a shard is meant to fit its worker's memory (see
//! the README's plan for 100M people).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::RelationshipGraph;
use super::checksum::checksum;
use super::codec::{ByteRead, Cursor, Writer};
use crate::error::{Error, Fault, Result};
use crate::identity::{Person, PersonId};
use crate::tie_strength::Model;

/// The manifest's file name inside a shards folder.
pub const MANIFEST: &str = "manifest.json";

/// The `format` a manifest declares.
const FORMAT: &str = "warmpath-shards";

/// The shard format version this build reads and writes.
pub const SHARD_VERSION: u32 = 1;

/// What a shard file starts with.
const SHARD_MAGIC: &[u8; 16] = b"warmpath-shard\n\0";

/// Most shards one build writes.
pub const MAX_SHARDS: usize = 4096;

/// Largest manifest read (it lists shards and owners, never people).
const MAX_MANIFEST_BYTES: u64 = 16 << 20;

/// The shard that holds `person` among `shards`: a stable mix of the
/// internal id (`SplitMix64`'s finaliser), so that consecutive ids — people of
/// one source — spread over every shard.
#[must_use]
pub fn shard_of(person: u32, shards: usize) -> usize {
    let mut x = u64::from(person).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    (x % shards.max(1) as u64) as usize
}

/// One owner of the data, as the manifest lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardOwner {
    /// Internal id.
    pub id: u32,
    /// Display name (for the error that asks which owner is asking).
    pub name: String,
}

/// One shard file, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// File name inside the shards folder.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its checksum (hexadecimal).
    pub checksum: String,
    /// People it holds.
    pub people: u64,
}

/// The manifest of a shards folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardManifest {
    /// Always `warmpath-shards`.
    pub format: String,
    /// [`SHARD_VERSION`].
    pub version: u32,
    /// People in the whole graph.
    pub people: u64,
    /// Ties in the whole graph.
    pub ties: u64,
    /// The date the strengths describe (ISO 8601).
    pub as_of: String,
    /// The data's owners.
    pub owners: Vec<ShardOwner>,
    /// The model the strengths were scored with (its thresholds decide
    /// what is genuine).
    pub model: Model,
    /// One entry per shard, in shard order.
    pub shards: Vec<ShardFile>,
}

impl ShardManifest {
    /// Number of shards.
    #[must_use]
    pub fn count(&self) -> usize {
        self.shards.len()
    }
}

/// One person of a shard, with their ties.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardPerson {
    /// Internal id (the whole graph's).
    pub id: PersonId,
    /// Who they are (merge notes are not kept).
    pub person: Person,
    /// Neighbours, sorted by id.
    pub neighbors: Vec<u32>,
    /// The strengths of the ties to `neighbors`, as the adjacency holds them.
    pub strengths: Vec<f32>,
}

/// The people of one shard, sorted by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Shard {
    /// Which shard.
    pub index: usize,
    /// Its people.
    pub people: Vec<ShardPerson>,
}

fn shard_name(index: usize) -> String {
    format!("shard-{index:05}.wps")
}

fn shard_error(path: &Path, problem: impl Into<String>) -> Error {
    Error::Shards {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// Writes `graph` as `shards` shard files and a manifest into the folder
/// `dir` (created if missing). Each file is replaced atomically and the
/// manifest is written last, so a reader never pairs a new manifest with old
/// shards; files of an earlier build with more shards are left but no
/// longer listed.
///
/// Complexity: one pass over the people and the adjacency; memory is one
/// shard's encoding at a time.
pub fn write_shards(graph: &RelationshipGraph, dir: &Path, shards: usize) -> Result<ShardManifest> {
    if shards == 0 || shards > MAX_SHARDS {
        return Err(Error::Usage(format!(
            "--shards takes 1 to {MAX_SHARDS} shards, not {shards}"
        )));
    }
    if let Ok(metadata) = std::fs::symlink_metadata(dir)
        && !metadata.is_dir()
    {
        return Err(shard_error(
            dir,
            "is not a folder: --shards writes a folder of shard files, give a new or existing folder",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); shards];
    for id in 0..graph.people().len() as u32 {
        members[shard_of(id, shards)].push(id);
    }
    let mut files = Vec::with_capacity(shards);
    for (index, ids) in members.iter().enumerate() {
        let bytes = encode_shard(graph, index, shards, ids);
        let name = shard_name(index);
        let path = dir.join(&name);
        crate::atomic::write_output(&path, |out| out.write_all(&bytes))?;
        files.push(ShardFile {
            name,
            bytes: bytes.len() as u64,
            checksum: format!("{:016x}", trailer(&bytes)),
            people: ids.len() as u64,
        });
    }
    let manifest = ShardManifest {
        format: FORMAT.to_owned(),
        version: SHARD_VERSION,
        people: graph.people().len() as u64,
        ties: graph.tie_count() as u64,
        as_of: graph.as_of().to_string(),
        owners: graph
            .owners()
            .iter()
            .map(|owner| ShardOwner {
                id: owner.0,
                name: graph.person(*owner).display_name().to_owned(),
            })
            .collect(),
        model: graph.model().clone(),
        shards: files,
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other);
    let text = text.map_err(|source| Error::Write {
        path: dir.join(MANIFEST),
        source,
    })?;
    crate::atomic::write_output(&dir.join(MANIFEST), |out| {
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")
    })?;
    Ok(manifest)
}

/// The checksum an encoded shard ends with (its body's).
fn trailer(bytes: &[u8]) -> u64 {
    let mut stored = [0_u8; 8];
    stored.copy_from_slice(&bytes[bytes.len() - 8..]);
    u64::from_le_bytes(stored)
}

/// Encodes one shard: magic, then the body, then the body's checksum.
fn encode_shard(graph: &RelationshipGraph, index: usize, shards: usize, ids: &[u32]) -> Vec<u8> {
    let mut out = Writer(Vec::new());
    out.0.extend_from_slice(SHARD_MAGIC);
    out.varint(u64::from(SHARD_VERSION));
    out.varint(index as u64);
    out.varint(shards as u64);
    out.varint(ids.len() as u64);
    for &id in ids {
        let person = graph.person(PersonId(id));
        out.varint(u64::from(id));
        out.opt_str(person.id.as_deref());
        out.str(&person.name);
        out.opt_str(person.company.as_deref());
        out.opt_str(person.title.as_deref());
        for list in [&person.emails, &person.profile_urls] {
            out.varint(list.len() as u64);
            for value in list {
                out.str(value);
            }
        }
        let (neighbors, strengths) = graph.neighbors(PersonId(id));
        out.varint(neighbors.len() as u64);
        let mut previous = 0_u32;
        for (&neighbor, &strength) in neighbors.iter().zip(strengths) {
            out.varint(u64::from(neighbor - previous));
            out.f32(strength);
            previous = neighbor;
        }
    }
    let sum = checksum(&out.0[SHARD_MAGIC.len()..]);
    out.0.extend_from_slice(&sum.to_le_bytes());
    out.0
}

/// True when `path` is a folder with a shards manifest.
#[must_use]
pub fn is_shards_dir(path: &Path) -> bool {
    path.join(MANIFEST).is_file()
}

/// Reads the manifest of the shards folder `dir`.
pub fn read_manifest(dir: &Path) -> Result<ShardManifest> {
    let path = dir.join(MANIFEST);
    let read = |source| Error::Read {
        path: path.clone(),
        source,
    };
    let metadata = std::fs::metadata(&path).map_err(read)?;
    if metadata.len() > MAX_MANIFEST_BYTES {
        return Err(shard_error(
            &path,
            format!(
                "is larger than {} MiB: not a manifest warmpath wrote; rebuild with warmpath build --shards K",
                MAX_MANIFEST_BYTES >> 20
            ),
        ));
    }
    let text = std::fs::read_to_string(&path).map_err(read)?;
    let manifest: ShardManifest = serde_json::from_str(&text).map_err(|error| {
        shard_error(
            &path,
            format!(
                "is not a shards manifest (line {}: {}); rebuild with warmpath build --shards K",
                error.line(),
                crate::error::one_line(&error.to_string())
            ),
        )
    })?;
    if manifest.format != FORMAT || manifest.version != SHARD_VERSION {
        return Err(shard_error(
            &path,
            format!(
                "is shards format {} version {}, this warmpath reads {FORMAT} version {SHARD_VERSION}; rebuild with warmpath build --shards K",
                manifest.format, manifest.version
            ),
        ));
    }
    if manifest.shards.is_empty() || manifest.shards.len() > MAX_SHARDS {
        return Err(shard_error(
            &path,
            format!(
                "lists {} shards (1 to {MAX_SHARDS} expected); rebuild with warmpath build --shards K",
                manifest.shards.len()
            ),
        ));
    }
    Ok(manifest)
}

/// Reads shard `index` of the folder `dir` whose manifest is `manifest`,
/// checking its size, checksum, header and that every person belongs to it.
pub fn read_shard(dir: &Path, manifest: &ShardManifest, index: usize) -> Result<Shard> {
    let Some(entry) = manifest.shards.get(index) else {
        return Err(shard_error(dir, format!("has no shard {index}")));
    };
    // The manifest's names are ours; refuse any that would leave the folder.
    if entry.name.contains(['/', '\\']) || entry.name.starts_with('.') {
        return Err(shard_error(
            &dir.join(MANIFEST),
            format!("names shard file {:?} outside the folder", entry.name),
        ));
    }
    let path: PathBuf = dir.join(&entry.name);
    let read = |source| Error::Read {
        path: path.clone(),
        source,
    };
    let metadata = std::fs::metadata(&path).map_err(read)?;
    if metadata.len() != entry.bytes {
        return Err(shard_error(
            &path,
            format!(
                "has {} bytes where the manifest says {}: the shards were rebuilt or copied in part; copy the whole folder again or rebuild",
                metadata.len(),
                entry.bytes
            ),
        ));
    }
    let bytes = std::fs::read(&path).map_err(read)?;
    let corrupt = |what: &str| {
        shard_error(
            &path,
            format!("is corrupt ({what}); rebuild with warmpath build --shards K"),
        )
    };
    if bytes.len() < SHARD_MAGIC.len() + 8 || !bytes.starts_with(SHARD_MAGIC) {
        return Err(corrupt("not a shard file"));
    }
    let (body, sum) = bytes[SHARD_MAGIC.len()..].split_at(bytes.len() - SHARD_MAGIC.len() - 8);
    let mut stored = [0_u8; 8];
    stored.copy_from_slice(sum);
    // One pass: the body's checksum must be the file's trailer, which the
    // manifest repeats.
    let sum = checksum(body);
    if sum != u64::from_le_bytes(stored) || format!("{sum:016x}") != entry.checksum {
        return Err(corrupt("checksum mismatch"));
    }
    let shard = decode_shard(body, manifest).map_err(|fault| corrupt(&fault.to_string()))?;
    if shard.index != index {
        return Err(corrupt("it is another shard"));
    }
    Ok(shard)
}

fn decode_shard(body: &[u8], manifest: &ShardManifest) -> std::result::Result<Shard, Fault> {
    let mut input = Cursor::new(body);
    let people_total = manifest.people as usize;
    let version = input.varint()?;
    let index = input.count(MAX_SHARDS)?;
    let shards = input.count(MAX_SHARDS)?;
    if version != u64::from(SHARD_VERSION) || shards != manifest.count() {
        return Err(Fault::CountOutOfRange(version));
    }
    let count = input.count(people_total)?;
    let mut people = Vec::with_capacity(count.min(body.len()));
    for _ in 0..count {
        let id = input.count(people_total.saturating_sub(1))? as u32;
        if shard_of(id, shards) != index {
            return Err(Fault::CountOutOfRange(u64::from(id)));
        }
        let mut person = Person {
            id: input.opt_str()?,
            name: input.str()?,
            company: input.opt_str()?,
            title: input.opt_str()?,
            ..Person::default()
        };
        for list in [&mut person.emails, &mut person.profile_urls] {
            let entries = input.count(body.len())?;
            for _ in 0..entries {
                list.push(input.str()?);
            }
        }
        let degree = input.count(people_total)?;
        let mut neighbors = Vec::with_capacity(degree.min(body.len()));
        let mut strengths = Vec::with_capacity(degree.min(body.len()));
        let mut previous = 0_u64;
        for position in 0..degree {
            let delta = input.varint()?;
            if position > 0 && delta == 0 {
                return Err(Fault::CountOutOfRange(delta));
            }
            previous = previous.saturating_add(delta);
            if previous >= people_total as u64 {
                return Err(Fault::CountOutOfRange(previous));
            }
            neighbors.push(previous as u32);
            strengths.push(input.f32()?);
        }
        people.push(ShardPerson {
            id: PersonId(id),
            person,
            neighbors,
            strengths,
        });
    }
    if !input.at_end() {
        return Err(Fault::CountOutOfRange(body.len() as u64));
    }
    Ok(Shard { index, people })
}
