//! The one error type of the library. Every variant carries the context a user
//! needs to fix the problem: the file, the line, the offending value, and what
//! to do next. Nothing here prints or exits; `cli` maps errors to exit codes.
//! A damaged snapshot's [`DecodeError`] says where the damage is and what it is.
//! [`one_line`] is how every error and note is shown: one line, bounded.

mod decode;
mod message;

use std::path::PathBuf;

pub use decode::{DecodeError, Fault, Inconsistency, REBUILD, SectionFault};
pub use message::{MESSAGE_MAX_CHARS, is_bidi_control, is_terminal_control, one_line};

/// Everything that can stop warmpath from producing an answer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An output file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An output path names something warmpath must not replace or write
    /// through (a symbolic link, a folder, a block device, a socket).
    #[error("will not write {}: it is {what}; {advice}", path.display())]
    UnsafeOutput {
        /// The output path.
        path: PathBuf,
        /// What is there (`a symbolic link`, `a folder`, …).
        what: &'static str,
        /// What to do instead.
        advice: &'static str,
    },
    /// A `--data` path holds nothing warmpath recognises.
    #[error("{}: {reason}", path.display())]
    UnrecognisedSource {
        /// The path given with `--data`.
        path: PathBuf,
        /// Why it was not recognised and what would be.
        reason: String,
    },
    /// A CSV file lacks the columns that identify its format.
    #[error("{}: {reason}", path.display())]
    MissingColumns {
        /// The file.
        path: PathBuf,
        /// Which columns were expected and which were found.
        reason: String,
    },
    /// A CSV file could not be tokenised (e.g. invalid UTF-8).
    #[error("{}:{line}: {message}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line where the problem starts.
        line: u64,
        /// What the CSV reader said.
        message: String,
    },
    /// `--strict` was given and a row had to be skipped.
    #[error("{}:{line}: {reason} (rejected because of --strict; fix the row or drop --strict to skip it)", path.display())]
    StrictSkip {
        /// The file.
        path: PathBuf,
        /// The line of the skipped row.
        line: u64,
        /// Why the row was skipped.
        reason: String,
    },
    /// A `--model` file is not valid.
    #[error("invalid model file {}: {message}", path.display())]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A manifest (`warmpath.toml`) is not valid.
    #[error("invalid manifest {}: {message}", path.display())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A date given on the command line could not be parsed.
    #[error("invalid date '{value}': expected YYYY-MM-DD")]
    InvalidDate {
        /// The value given.
        value: String,
    },
    /// No person matches a name, id, email or profile URL.
    #[error("no person matches '{query}'{}", suggestion_text(suggestions))]
    UnknownPerson {
        /// What the user asked for.
        query: String,
        /// The closest names in the network.
        suggestions: Vec<String>,
    },
    /// Several people match a name.
    #[error(
        "'{query}' is ambiguous; it matches {}. Use an id, email or profile URL instead",
        candidates_text(candidates)
    )]
    AmbiguousPerson {
        /// What the user asked for.
        query: String,
        /// The matching people, each as "name (id)".
        candidates: Vec<String>,
    },
    /// No person works at the requested company.
    #[error(
        "nobody in the network works at '{company}'{}",
        suggestion_text(suggestions)
    )]
    UnknownCompany {
        /// The company asked for.
        company: String,
        /// The closest company names in the network.
        suggestions: Vec<String>,
    },
    /// A zip archive (a `LinkedIn` export as downloaded) cannot be read safely.
    #[error("{}: {message}", path.display())]
    Archive {
        /// The archive, or the member inside it.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A snapshot file is truncated, corrupt or of another format version.
    #[error("{}: {source}", path.display())]
    Snapshot {
        /// The snapshot file.
        path: PathBuf,
        /// What is wrong (each message asks for a rebuild).
        source: DecodeError,
    },
    /// The operating system gave no random key to redact with.
    #[error(
        "cannot redact: the operating system gave no random key ({message}); give --redact-key KEY instead"
    )]
    NoRandomness {
        /// What the random source said.
        message: String,
    },
    /// The command needs to know who is asking and the data does not say.
    #[error("{0}")]
    Usage(String),
    /// The data cannot be evaluated as asked (no history, or a split that
    /// leaves no outcomes).
    #[error("cannot evaluate: {0}")]
    Evaluate(String),
    /// The user's identity corrections contradict each other (`same` and
    /// `different` for one pair, or a `same` that a `different` forbids).
    #[error("{}:{line}: {message}", path.display())]
    Correction {
        /// The file of the correction that cannot be applied.
        path: PathBuf,
        /// Its line.
        line: u64,
        /// What it contradicts (with that line) and what to do.
        message: String,
    },
}

/// At most this many candidates are named in an ambiguity error.
pub const MAX_CANDIDATES_SHOWN: usize = 10;

/// Characters the named candidates may take, so that the whole error stays
/// within one bounded line (`one_line`, at most 300 characters).
const CANDIDATES_BUDGET: usize = 200;

fn candidates_text(candidates: &[String]) -> String {
    let mut shown: Vec<&str> = Vec::new();
    let mut used = 0;
    for candidate in candidates.iter().take(MAX_CANDIDATES_SHOWN) {
        let cost = candidate.chars().count() + 2;
        if !shown.is_empty() && used + cost > CANDIDATES_BUDGET {
            break;
        }
        shown.push(candidate);
        used += cost;
    }
    if shown.len() == candidates.len() {
        return shown.join("; ");
    }
    format!(
        "{} people, among them: {}; …",
        candidates.len(),
        shown.join("; ")
    )
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
