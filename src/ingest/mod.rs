//! Ingest: turns export files into typed records (people, interactions,
//! declared relationships) and an [`IngestSummary`] that accounts for every row
//! read. One file per source format. Ingest never resolves identities and never
//! scores anything: a record says only what its file says.

mod address_book;
mod contact;
mod copenhagen;
mod csv_blocks;
mod csv_records;
mod csv_table;
mod declared;
mod email_log;
mod files;
mod generic_csv;
mod households;
mod ical;
mod identities;
mod line_cursor;
pub mod linkedin;
mod manifest;
mod mbox;
mod meter;
mod personal;
mod refs;
mod research_csv;
mod skip;
mod snap;
mod sociopatterns;
mod summary;
mod survey;
mod timestamp;
mod truth;
mod vcard;

use std::path::{Path, PathBuf};

pub use copenhagen::{CALLS_KIND, COPENHAGEN_EPOCH, SMS_KIND};
pub use csv_records::{MAX_LINE_BYTES, MAX_QUOTED_BYTES, MAX_QUOTED_LINES};
pub use csv_table::{Cells, CsvTable, Row};
pub use declared::{
    CompactOrigin, DeclaredSince, DeclaredSourceId, DeclaredSources, DeclaredStrength,
};
pub use email_log::EMAIL_LOG_KIND;
pub(crate) use files::read_small_text;
pub use generic_csv::{GENERIC_FILES, read_generic_folder};
pub use households::{HOUSEHOLDS_EPOCH, HOUSEHOLDS_KIND};
pub use identities::{
    Correction, CorrectionKind, IDENTITIES_FILE, IDENTITIES_KIND, MANIFEST_CORRECTIONS_KIND,
    correction_line, is_identities_file, read_identities_file,
};
pub use manifest::{
    MANIFEST_FILE, MAX_MANIFEST_BYTES, Manifest, ManifestCorrection, Member, Team, read_manifest,
    read_team,
};
pub use meter::{Metered, ReadMeter};
pub use refs::{RefId, RefTable};
pub use skip::{SkipKind, SkipReason};
pub use snap::{SNAP_KIND, is_snap_file, read_snap_file};
pub use sociopatterns::{
    SLOT_SECONDS, SocioPatternsFiles, find_sociopatterns_files, read_sociopatterns,
};
pub use summary::{
    FileSummary, IngestSummary, MAX_FILE_NOTES, MAX_NOTE_CHARS, MAX_SKIP_NOTES_PER_FILE,
    Recurrences, SkipNote, SourceFiles,
};
pub use timestamp::parse_timestamp;
pub use truth::{TRUTH_KIND, TruthFile, TruthMember, TruthPair, TruthRows, read_truth_file};

pub use address_book::read_contacts_csv;
pub use contact::MAX_ADDRESSES_PER_CONTACT;
pub use ical::{MAX_ATTENDANCES_PER_FILE, MAX_OCCURRENCES_PER_SERIES, read_ical_file};
pub use mbox::{MAX_HEADER_BYTES, read_mbox_file};
pub use personal::read_personal_file;
pub use vcard::read_vcard_file;

use crate::error::{Error, Result};

/// Where a record came from: an index into [`IngestSummary::files`] and a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index of the file in the ingest summary.
    pub file: u32,
    /// 1-based line where the record starts.
    pub line: u64,
}

/// A reference to a person as a source file writes it. Any field may be
/// missing; identity resolution decides who it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PersonRef {
    /// A dataset id (generic CSV `id`).
    pub id: Option<String>,
    /// An email address, as written.
    pub email: Option<String>,
    /// A profile URL, as written.
    pub profile_url: Option<String>,
    /// A display name, as written.
    pub name: Option<String>,
    /// True when the text may be either an id or an exact name (generic CSV
    /// references); `id` and `name` then hold the same text.
    pub id_or_name: bool,
}

impl PersonRef {
    /// Reads a generic-CSV reference: an email if it looks like one, a profile
    /// URL if it looks like one, otherwise an id or an exact name.
    #[must_use]
    pub fn parse_loose(text: &str) -> Self {
        let text = text.trim();
        if looks_like_email(text) {
            Self {
                email: Some(text.to_owned()),
                ..Self::default()
            }
        } else if looks_like_url(text) {
            Self {
                profile_url: Some(text.to_owned()),
                ..Self::default()
            }
        } else {
            Self {
                id: Some(text.to_owned()),
                name: Some(text.to_owned()),
                id_or_name: true,
                ..Self::default()
            }
        }
    }

    /// The text a user would recognise this reference by.
    #[must_use]
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.email.as_deref())
            .or(self.profile_url.as_deref())
            .or(self.id.as_deref())
            .unwrap_or("")
    }

    /// True when the reference carries no identifier at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.label().is_empty()
    }
}

fn looks_like_email(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

/// A person as a source describes them (a row of `people.csv`, a contact).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonRecord {
    /// Where the record came from.
    pub origin: Option<Origin>,
    /// Dataset id.
    pub id: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Email addresses.
    pub emails: Vec<String>,
    /// Profile URLs.
    pub profile_urls: Vec<String>,
    /// Current company.
    pub company: Option<String>,
    /// Current title (shown, never used as evidence of strength).
    pub title: Option<String>,
}

/// How two people were in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Met in person.
    Meeting,
    /// Phone call.
    Call,
    /// Video call.
    Video,
    /// Email.
    Email,
    /// Written message (chat, SMS, `LinkedIn` message).
    Message,
    /// An introduction made by the sender to the recipients.
    Intro,
    /// A written recommendation.
    Recommendation,
    /// A skill endorsement.
    Endorsement,
    /// A connection invitation.
    Invitation,
}

impl Channel {
    /// Every channel, in order of depth (deepest first).
    pub const ALL: [Self; 9] = [
        Self::Meeting,
        Self::Video,
        Self::Call,
        Self::Recommendation,
        Self::Intro,
        Self::Email,
        Self::Message,
        Self::Endorsement,
        Self::Invitation,
    ];

    /// Parses a channel name as written in `interactions.csv`, with common synonyms.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.trim().to_ascii_lowercase();
        Some(match lower.as_str() {
            "meeting" | "in-person" | "in_person" | "inperson" | "lunch" | "coffee" | "dinner" => {
                Self::Meeting
            }
            "call" | "phone" | "phone call" => Self::Call,
            "video" | "video call" | "videocall" | "zoom" => Self::Video,
            "email" | "e-mail" | "mail" => Self::Email,
            "message" | "chat" | "sms" | "dm" | "text" => Self::Message,
            "intro" | "introduction" => Self::Intro,
            "recommendation" => Self::Recommendation,
            "endorsement" => Self::Endorsement,
            "invitation" | "invite" => Self::Invitation,
            _ => return None,
        })
    }

    /// The name used in files and output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Call => "call",
            Self::Video => "video",
            Self::Email => "email",
            Self::Message => "message",
            Self::Intro => "intro",
            Self::Recommendation => "recommendation",
            Self::Endorsement => "endorsement",
            Self::Invitation => "invitation",
        }
    }

    /// True for channels where both sides take part by nature (a meeting or a
    /// call happens with both people), as opposed to one-way written contact.
    #[must_use]
    pub fn is_mutual(self) -> bool {
        matches!(self, Self::Meeting | Self::Call | Self::Video)
    }

    /// True when every participant of a group event interacted with every other
    /// (a meeting), rather than only the sender with each recipient (an email).
    #[must_use]
    pub fn links_all_participants(self) -> bool {
        self.is_mutual()
    }
}

/// One interaction: someone in touch with one or more people at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionRecord {
    /// Where the record came from.
    pub origin: Origin,
    /// When it happened (unix seconds, UTC).
    pub at: i64,
    /// Who sent, called or organised, interned in [`Dataset::refs`].
    pub from: RefId,
    /// Everyone else taking part, interned in [`Dataset::refs`].
    pub to: Vec<RefId>,
    /// How.
    pub channel: Channel,
    /// How long, in seconds, for meetings and calls.
    pub duration_secs: Option<u32>,
}

/// A declared tie: a connection, a CRM relationship, someone's knowledge.
/// 40 bytes: a build holds one per row of `relationships.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationshipRecord {
    /// Where the record came from.
    pub origin: CompactOrigin,
    /// One side, interned in [`Dataset::refs`].
    pub a: RefId,
    /// The other side, interned in [`Dataset::refs`].
    pub b: RefId,
    /// Declared strength in [0, 1], if any.
    pub strength: DeclaredStrength,
    /// Since when (unix seconds), if known.
    pub since: DeclaredSince,
    /// Where the declaration comes from (`crm`, `linkedin`, …), interned in
    /// [`Dataset::declared_sources`].
    pub source: DeclaredSourceId,
}

/// Someone the data belongs to, and what names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Who.
    pub reference: PersonRef,
    /// What names them.
    pub source: OwnerSource,
}

/// What names an owner: the user's word (`--me`, a manifest), or a file
/// telling by itself whose it is (an export's profile, a mailbox's
/// recipient). Identity resolution holds the second to the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerSource {
    /// `--me`.
    Me,
    /// A manifest's `owner` or one of its team members (the manifest's path).
    Manifest(PathBuf),
    /// A `LinkedIn` export's profile or messages (the export's path).
    Export(PathBuf),
    /// A mailbox's most frequent `Delivered-To` (the mailbox's path).
    Mailbox(PathBuf),
}

impl OwnerSource {
    /// True for the user's word (`--me`, a manifest), false for what a file
    /// tells by itself.
    #[must_use]
    pub fn is_explicit(&self) -> bool {
        matches!(self, Self::Me | Self::Manifest(_))
    }
}

impl std::fmt::Display for OwnerSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |path: &Path| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            )
        };
        match self {
            Self::Me => f.write_str("--me"),
            Self::Manifest(path) => write!(f, "the manifest {}", path.display()),
            Self::Export(path) => write!(f, "the LinkedIn export {}", name(path)),
            Self::Mailbox(path) => write!(f, "the Delivered-To of the mailbox {}", name(path)),
        }
    }
}

/// Everything read from the `--data` sources, before identity resolution.
#[derive(Debug, Default)]
pub struct Dataset {
    /// People described by the sources.
    pub people: Vec<PersonRecord>,
    /// Interactions.
    pub interactions: Vec<InteractionRecord>,
    /// Declared relationships.
    pub relationships: Vec<RelationshipRecord>,
    /// The references interactions and relationships name, each stored once.
    pub refs: RefTable,
    /// Where the relationships' declarations come from, each stored once.
    pub declared_sources: DeclaredSources,
    /// People the data belongs to (a folder's manifest owner, an export's
    /// owner, a mailbox's recipient), each with what names them.
    pub owners: Vec<Owner>,
    /// The as-of date a manifest fixes, if any.
    pub as_of: Option<jiff::civil::Date>,
    /// The user's corrections of identity (`identities.csv`, a manifest's
    /// `[[same]]` and `[[different]]`), applied by identity resolution.
    pub corrections: Vec<Correction>,
    /// Rows read, used and skipped, per file.
    pub summary: IngestSummary,
}

impl Dataset {
    /// Makes the person with these email addresses (`--me`) the owner of the
    /// data, and the same person as any owner the sources named (a manifest's
    /// owner, an export's owner, a mailbox's recipient): the addresses are
    /// added to those owners' person records (or to a new record carrying the
    /// owners' identifiers), so identity resolution merges them all.
    pub fn add_owner_emails(&mut self, emails: &[String]) {
        let Some(first) = emails.first() else {
            return;
        };
        let owners = std::mem::take(&mut self.owners);
        let mut extended = false;
        for record in &mut self.people {
            if owners
                .iter()
                .any(|owner| describes_owner(record, &owner.reference))
            {
                for email in emails {
                    if !record
                        .emails
                        .iter()
                        .any(|known| known.eq_ignore_ascii_case(email))
                    {
                        record.emails.push(email.clone());
                    }
                }
                extended = true;
            }
        }
        if !extended {
            let mut record = PersonRecord {
                emails: emails.to_vec(),
                ..PersonRecord::default()
            };
            for Owner {
                reference: owner, ..
            } in owners
            {
                record.emails.extend(owner.email);
                record.profile_urls.extend(owner.profile_url);
                if record.id.is_none() {
                    record.id = owner.id;
                }
                if record.name.is_none() && !owner.id_or_name {
                    record.name = owner.name;
                }
            }
            self.people.push(record);
        }
        self.owners.push(Owner {
            reference: PersonRef {
                email: Some(first.clone()),
                ..PersonRef::default()
            },
            source: OwnerSource::Me,
        });
    }
}

/// True when `record` describes the owner `owner` refers to: they share an
/// id, a profile URL or an email address, or — for the records sources create
/// for their owner, which come from no row — a name.
fn describes_owner(record: &PersonRecord, owner: &PersonRef) -> bool {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    owner
        .id
        .as_deref()
        .zip(record.id.as_deref())
        .is_some_and(|(a, b)| a.trim() == b.trim())
        || owner
            .email
            .as_deref()
            .is_some_and(|email| record.emails.iter().any(|known| same(known, email)))
        || owner
            .profile_url
            .as_deref()
            .is_some_and(|url| record.profile_urls.iter().any(|known| same(known, url)))
        || (record.origin.is_none()
            && owner
                .name
                .as_deref()
                .zip(record.name.as_deref())
                .is_some_and(|(a, b)| same(a, b)))
}

/// How strictly to treat malformed rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestOptions {
    /// Turn any skipped row into an error.
    pub strict: bool,
    /// Expand recurring calendar events up to this instant (unix seconds,
    /// usually the end of the as-of day); `None` expands up to each rule's own
    /// end, within a fixed number of occurrences.
    pub as_of: Option<i64>,
}

/// Reads every `--data` path into one [`Dataset`], detecting each path's format.
///
/// A folder holding `people.csv`, `interactions.csv` or `relationships.csv`
/// is a generic CSV dataset; a `warmpath.toml` beside them names the owner and
/// the as-of date.
pub fn read_sources(paths: &[PathBuf], options: IngestOptions) -> Result<Dataset> {
    read_sources_metered(paths, options, ReadMeter::default())
}

/// [`read_sources`], counting on `meter` the bytes of the files it opens and
/// reads (for a progress bar polled from another thread).
pub fn read_sources_metered(
    paths: &[PathBuf],
    options: IngestOptions,
    meter: ReadMeter,
) -> Result<Dataset> {
    let mut dataset = Dataset::default();
    dataset.summary.meter = meter;
    let mut reading = Reading {
        options,
        linkedin: linkedin::ExportReader::default(),
        seen: files::Seen::default(),
    };
    for path in paths {
        let (first, known) = (dataset.summary.files.len(), dataset.summary.sources.len());
        read_source(path, None, &mut reading, &mut dataset)?;
        // A team manifest records each member's sources itself.
        if dataset.summary.sources.len() == known {
            if let Some(reason) = survey::without_rows(path, &dataset.summary.files[first..]) {
                return Err(Error::UnrecognisedSource {
                    path: path.clone(),
                    reason,
                });
            }
            dataset.summary.add_source(path, first);
        }
    }
    Ok(dataset)
}

/// What reading several sources shares.
struct Reading {
    options: IngestOptions,
    /// The rows of `LinkedIn` exports read so far (pooled exports count them once).
    linkedin: linkedin::ExportReader,
    /// The files and folders read so far (none is read twice).
    seen: files::Seen,
}

/// Reads one source: a team manifest (each member's sources), a `LinkedIn`
/// export (zip or folder), a research dataset (SNAP, `SocioPatterns`, research CSVs), a
/// calendar, mailbox or address book, or a generic CSV folder. A source
/// already read (by another path or another member) is noted and passed over.
fn read_source(
    path: &Path,
    member: Option<&PersonRef>,
    reading: &mut Reading,
    dataset: &mut Dataset,
) -> Result<()> {
    let options = reading.options;
    if member.is_none()
        && let Some(team) = read_team(path)?
    {
        if let Some(as_of) = team.manifest.as_of_date() {
            dataset.as_of = Some(as_of);
        }
        let manifest_path = if path.is_dir() {
            path.join(MANIFEST_FILE)
        } else {
            path.to_path_buf()
        };
        identities::add_manifest_corrections(&manifest_path, &team.manifest, options, dataset)?;
        identities::read_identities_beside(&team.folder, options, dataset)?;
        for member in &team.manifest.member {
            let reference = member.reference();
            // The member's record, when they have a key to merge by.
            let record = member.record().map(|record| {
                dataset.people.push(record);
                dataset.people.len() - 1
            });
            dataset.owners.push(Owner {
                reference: reference.clone(),
                source: OwnerSource::Manifest(manifest_path.clone()),
            });
            for source in &member.sources {
                let source = match source.to_str() {
                    Some(".") => team.folder.clone(),
                    _ => team.folder.join(source),
                };
                let first = dataset.summary.files.len();
                let owners = dataset.owners.len();
                read_source(&source, Some(&reference), reading, dataset)?;
                dataset.summary.add_source(&source, first);
                claim_told_owners(dataset, owners, member, record);
            }
        }
        return Ok(());
    }
    let first = if path.is_dir() {
        reading.seen.first_folder(path, &mut dataset.summary)
    } else {
        reading.seen.first_read(path, &mut dataset.summary)
    };
    if !first {
        return Ok(());
    }
    if linkedin::is_export(path) && !GENERIC_FILES.iter().any(|name| path.join(name).is_file()) {
        return reading.linkedin.read(path, member, options, dataset);
    }
    if read_research_dataset(path, options, dataset)? {
        return Ok(());
    }
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !metadata.is_dir() {
        if is_identities_file(path) {
            return read_identities_file(path, options, dataset);
        }
        if read_personal_file(path, options, dataset)? {
            return Ok(());
        }
        return Err(Error::UnrecognisedSource {
            path: path.to_path_buf(),
            reason: personal::unrecognised_reason(path),
        });
    }
    if let Some(manifest) = read_manifest(path)?
        && member.is_none()
    {
        if let Some(owner) = &manifest.owner {
            dataset.owners.push(Owner {
                reference: PersonRef::parse_loose(owner),
                source: OwnerSource::Manifest(path.join(MANIFEST_FILE)),
            });
        }
        if let Some(as_of) = manifest.as_of_date() {
            dataset.as_of = Some(as_of);
        }
        identities::add_manifest_corrections(
            &path.join(MANIFEST_FILE),
            &manifest,
            options,
            dataset,
        )?;
    }
    identities::read_identities_beside(path, options, dataset)?;
    if personal::read_personal_folder(path, options, &mut reading.seen, dataset)? {
        // An export beside the calendars and mailboxes is read with them.
        for export in survey::exports_within(path, personal::MAX_FOLDER_DEPTH) {
            reading.linkedin.read(&export, member, options, dataset)?;
        }
        return Ok(());
    }
    generic_csv::read_generic_files(path, options, &mut reading.seen, dataset)
}

/// Makes the owners that a member's sources told by themselves (a mailbox's
/// `Delivered-To`, pushed from index `from` on) the member: their addresses
/// join the member's record (`record`, when they have one), so a team
/// member's mailbox is theirs, not another owner's.
fn claim_told_owners(dataset: &mut Dataset, from: usize, member: &Member, record: Option<usize>) {
    for told in dataset.owners.split_off(from) {
        let Some(email) = told.reference.email else {
            continue;
        };
        match record.and_then(|index| dataset.people.get_mut(index)) {
            Some(person) => {
                if !person
                    .emails
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(&email))
                {
                    person.emails.push(email);
                }
            }
            None => dataset.people.push(PersonRecord {
                name: member.name.clone(),
                emails: vec![email],
                ..PersonRecord::default()
            }),
        }
    }
}

/// Reads `path` when it is a research dataset: a SNAP temporal edge list
/// (`CollegeMsg.txt`), `SocioPatterns` contacts (a `tij_*.dat` file or a folder
/// holding them), or a research CSV (Copenhagen calls and SMS, an e-mail log,
/// household contacts; a file or a folder holding them). Returns false,
/// reading nothing, for anything else.
fn read_research_dataset(
    path: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<bool> {
    if let Some(files) = find_sociopatterns_files(path) {
        read_sociopatterns(&files, options, dataset)?;
        return Ok(true);
    }
    if path.is_file() && is_snap_file(path) {
        read_snap_file(path, options, dataset)?;
        return Ok(true);
    }
    research_csv::read_research_csv(path, options, dataset)
}
