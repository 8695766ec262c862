//! Why the bytes of a snapshot cannot be decoded, as types: where the damage
//! is (a section, a tie, a block of tie details) and what it is. Every
//! message says the snapshot is truncated, malformed or corrupt and asks for
//! a rebuild; none of them is matched on as text.

use std::fmt;

/// What every message about a damaged snapshot ends with.
pub const REBUILD: &str = "rebuild it with `warmpath build`";

/// A snapshot that cannot be read, or one of its tie-detail blocks.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The file does not start with the snapshot magic.
    #[error("not a warmpath snapshot; {REBUILD}")]
    NotASnapshot,
    /// The file is of another format version.
    #[error("snapshot format version {found}, this warmpath reads version {expected}; {REBUILD}")]
    Version {
        /// The version the file has.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file ends before `what` does.
    #[error("snapshot is truncated ({what}); {REBUILD}")]
    Truncated {
        /// The part that is cut short (`header incomplete`, a section, `tie details`).
        what: &'static str,
    },
    /// The operating system could not read `what`.
    #[error("cannot read the snapshot ({what}): {source}")]
    Io {
        /// The part being read.
        what: &'static str,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The operating system could not read the tie details of a loaded snapshot.
    #[error("cannot read tie details: {0}")]
    Details(std::io::Error),
    /// A section's bytes do not decode.
    #[error("snapshot is malformed ({section} {fault}); {REBUILD}")]
    Section {
        /// The section (`meta`, `people`, …).
        section: &'static str,
        /// What is wrong in it.
        fault: SectionFault,
    },
    /// One tie's record does not decode.
    #[error("snapshot is malformed (tie {index}: {fault}); {REBUILD}")]
    Tie {
        /// The tie's index.
        index: usize,
        /// What is wrong with its record.
        fault: Fault,
    },
    /// The parts of the file do not fit together.
    #[error("snapshot is malformed ({0}); {REBUILD}")]
    Malformed(Inconsistency),
    /// A section's checksum does not match its bytes.
    #[error("snapshot is corrupt ({0} checksum mismatch); {REBUILD}")]
    SectionChecksum(&'static str),
    /// A block of tie details does not match its checksum.
    #[error("snapshot is corrupt (tie details block {0} checksum mismatch); {REBUILD}")]
    BlockChecksum(usize),
    /// Reading `0` stopped without an answer (its thread panicked).
    #[error("snapshot could not be read ({0}); {REBUILD}")]
    Unreadable(&'static str),
}

impl DecodeError {
    /// The error of an I/O failure reading `what`: an early end of file is
    /// a truncated snapshot.
    #[must_use]
    pub fn io(error: std::io::Error, what: &'static str) -> Self {
        if error.kind() == std::io::ErrorKind::UnexpectedEof {
            Self::Truncated { what }
        } else {
            Self::Io {
                what,
                source: error,
            }
        }
    }
}

/// What is wrong with the bytes of one encoded value or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The bytes end inside a value.
    UnexpectedEnd,
    /// A LEB128 integer runs past 64 bits.
    IntegerTooLong,
    /// A count larger than what can follow it.
    CountOutOfRange(u64),
    /// A band index no band has.
    UnknownBand,
    /// A year outside `i32`.
    YearOutOfRange,
    /// A declaration source index past the sources.
    UnknownSource,
    /// A text that is not UTF-8.
    NotUtf8,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnexpectedEnd => f.write_str("unexpected end of data"),
            Self::IntegerTooLong => f.write_str("integer too long"),
            Self::CountOutOfRange(value) => write!(f, "count {value} out of range"),
            Self::UnknownBand => f.write_str("unknown band"),
            Self::YearOutOfRange => f.write_str("year out of range"),
            Self::UnknownSource => f.write_str("unknown declaration source"),
            Self::NotUtf8 => f.write_str("text not UTF-8"),
        }
    }
}

/// What is wrong inside one section, as its message says it after the
/// section's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionFault {
    /// A value runs past the section's end.
    RunsPastEnd,
    /// A LEB128 integer runs past 64 bits.
    IntegerTooLong,
    /// A count larger than the bytes left.
    CountOutOfRange(u64),
    /// A text that is not UTF-8.
    NotUtf8,
    /// Bytes left after the last value.
    TrailingBytes,
    /// The section's length is not the one its counts imply.
    WrongSize,
    /// The people section counts other people than the meta section.
    CountMismatch,
    /// The meta section's as-of date is not a date.
    InvalidAsOf,
    /// The meta section's counts contradict each other.
    CountsDisagree,
    /// A count of the meta section does not fit in memory.
    CountTooLarge,
    /// An owner index past the people.
    OwnerOutOfRange(u64),
    /// The model the ties were scored with is not a valid model.
    InvalidModel,
}

impl fmt::Display for SectionFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RunsPastEnd => f.write_str("runs past its end"),
            Self::IntegerTooLong => f.write_str("has an integer too long"),
            Self::CountOutOfRange(value) => write!(f, "count {value} out of range"),
            Self::NotUtf8 => f.write_str("has text that is not UTF-8"),
            Self::TrailingBytes => f.write_str("has trailing bytes"),
            Self::WrongSize => f.write_str("has the wrong size"),
            Self::CountMismatch => f.write_str("count does not match"),
            Self::InvalidAsOf => f.write_str("has an invalid as-of date"),
            Self::CountsDisagree => f.write_str("counts do not agree"),
            Self::CountTooLarge => f.write_str("count out of range"),
            Self::OwnerOutOfRange(owner) => write!(f, "owner {owner} out of range"),
            Self::InvalidModel => f.write_str("holds no valid scoring model"),
        }
    }
}

/// Parts of a snapshot that do not fit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistency {
    /// Adjacency row starts that decrease or pass the edge count.
    OffsetsOutOfOrder,
    /// An adjacency neighbour past the people.
    NeighbourOutOfRange,
    /// The adjacency holds another number of ties than the meta section.
    AdjacencyMismatch,
    /// The tie details' length is not the meta section's.
    DetailsLength,
    /// Bytes after the tie details.
    BytesAfterDetails,
    /// The block table has another number of blocks than the ties need.
    BlockCount,
    /// Block offsets that decrease or pass the details.
    BlockOrder,
    /// In-memory details of another length than the store's.
    DetailsSize,
    /// Tie details asked for past their end.
    DetailsOutOfRange,
    /// A block the table does not have.
    NoBlock(usize),
    /// A block longer than memory can hold.
    BlockTooLong(usize),
    /// Bytes left in a block after its last tie.
    BlockTrailingBytes(usize),
    /// Another number of pairs than the store has ties.
    TieCount,
    /// Bytes other than zero where a section is padded to its alignment.
    Padding,
}

impl fmt::Display for Inconsistency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OffsetsOutOfOrder => f.write_str("adjacency offsets out of order"),
            Self::NeighbourOutOfRange => f.write_str("adjacency neighbour out of range"),
            Self::AdjacencyMismatch => f.write_str("adjacency does not match the ties"),
            Self::DetailsLength => f.write_str("tie details have the wrong size"),
            Self::BytesAfterDetails => f.write_str("bytes after the tie details"),
            Self::BlockCount => f.write_str("block table does not match the tie count"),
            Self::BlockOrder => f.write_str("block table out of order"),
            Self::DetailsSize => f.write_str("details have the wrong size"),
            Self::DetailsOutOfRange => f.write_str("details out of range"),
            Self::NoBlock(block) => write!(f, "no tie details block {block}"),
            Self::BlockTooLong(block) => write!(f, "block {block} too long"),
            Self::BlockTrailingBytes(block) => {
                write!(f, "tie details block {block} has trailing bytes")
            }
            Self::TieCount => f.write_str("tie count"),
            Self::Padding => f.write_str("padding between sections is not zero"),
        }
    }
}
