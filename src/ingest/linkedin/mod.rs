//! `LinkedIn` "Get a copy of your data" archives, read as downloaded (a zip,
//! read in place and never extracted) or unzipped (a folder). Every era from
//! 2018 to 2026 is accepted: columns are mapped by header name and every quirk
//! documented in the formats README is handled in the file of the family it
//! belongs to. This module finds the files, identifies the export's owner and
//! hands each file to its reader; it never resolves identities.
//!
//! Evidence mapping: `Connections.csv` gives people and declared `linkedin`
//! relationships with the owner; messages give `message` interactions from
//! the sender to every other participant; `Invitations.csv` gives
//! `invitation` interactions from the inviter (a personal note is not weighed
//! separately); endorsements and recommendations give interactions of their
//! own channel; `Profile.csv`, `Invitations.csv` and `Positions.csv` give the
//! owner's name, profile URL and current employer. The same row seen in two
//! exports of a pooled team (a message both members have) counts once.

mod connections;
mod dates;
mod endorsements;
mod invitations;
mod messages;
mod profile;
mod recommendations;
mod table;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

pub use dates::parse_linkedin_date;

use super::files::size_text;
use super::{Dataset, IngestOptions, Owner, OwnerSource, PersonRecord, PersonRef, SkipReason};
use crate::error::{Error, Result};
use crate::keys::{exact_name_key, normalize_email, normalize_profile_url};
use table::Text;

/// The largest uncompressed size read from one archive member (zip-bomb guard).
pub const MAX_MEMBER_BYTES: u64 = 512 * 1024 * 1024;

/// The largest uncompressed size read from one export's files in all
/// (zip-bomb guard; a heavy user's complete export is well under 100 MiB).
pub const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// The export files that carry relationship evidence or identify the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Family {
    Connections,
    Messages,
    Invitations,
    EndorsementsReceived,
    EndorsementsGiven,
    RecommendationsReceived,
    RecommendationsGiven,
    Profile,
    Positions,
}

impl Family {
    /// The family of a file at the export's root, by name (any case; Excel
    /// re-saves may turn `_` into spaces).
    fn of(name: &str) -> Option<Self> {
        let lower = name.to_lowercase().replace(' ', "_");
        Some(match lower.as_str() {
            "connections.csv" => Self::Connections,
            "messages.csv" => Self::Messages,
            "invitations.csv" => Self::Invitations,
            "endorsement_received_info.csv" => Self::EndorsementsReceived,
            "endorsement_given_info.csv" => Self::EndorsementsGiven,
            "recommendations_received.csv" => Self::RecommendationsReceived,
            "recommendations_given.csv" => Self::RecommendationsGiven,
            "profile.csv" => Self::Profile,
            "positions.csv" => Self::Positions,
            _ => return None,
        })
    }

    /// True for the files of what others gave the owner (endorsements and
    /// recommendations received), whose other person is the sender.
    fn received(self) -> bool {
        matches!(
            self,
            Self::EndorsementsReceived | Self::RecommendationsReceived
        )
    }

    /// What the ingest summary calls a file of this family.
    fn kind(self) -> &'static str {
        match self {
            Self::Connections => "linkedin Connections.csv",
            Self::Messages => "linkedin messages.csv",
            Self::Invitations => "linkedin Invitations.csv",
            Self::EndorsementsReceived => "linkedin Endorsement_Received_Info.csv",
            Self::EndorsementsGiven => "linkedin Endorsement_Given_Info.csv",
            Self::RecommendationsReceived => "linkedin Recommendations_Received.csv",
            Self::RecommendationsGiven => "linkedin Recommendations_Given.csv",
            Self::Profile => "linkedin Profile.csv",
            Self::Positions => "linkedin Positions.csv",
        }
    }

    /// Files whose presence makes a folder or zip a `LinkedIn` export.
    fn identifies_export(self) -> bool {
        matches!(
            self,
            Self::Connections | Self::Messages | Self::Invitations | Self::Profile
        )
    }
}

/// One file of an export: read into memory when it carries evidence or names
/// the owner, else only listed (a zip member is then never inflated).
struct ExportFile {
    /// Path inside the export, `/`-separated, without a wrapping top folder.
    name: String,
    /// What the ingest summary shows: the archive or folder joined with `name`.
    path: PathBuf,
    /// What became of it.
    content: Content,
}

/// A file's content, or why it was not read.
enum Content {
    Text(Text),
    Unread(SkipReason),
}

impl ExportFile {
    fn family(&self) -> Option<Family> {
        family_of(&self.name)
    }

    fn text(&self) -> Option<&Text> {
        match &self.content {
            Content::Text(text) => Some(text),
            Content::Unread(_) => None,
        }
    }
}

/// The family of a file by its path inside the export: only files at the
/// export's root belong to one.
fn family_of(name: &str) -> Option<Family> {
    if name.contains('/') {
        None
    } else {
        Family::of(name)
    }
}

/// One file of an export before it is read: where its bytes are and how
/// many they are said to be (a zip's directory may lie; reading checks).
struct Listed {
    name: String,
    path: PathBuf,
    source: Source,
    size: u64,
}

enum Source {
    /// The member of this index in the archive.
    Member(usize),
    /// A regular file on disk.
    Disk,
    /// Not a regular file (a FIFO, a device, a broken link): never opened.
    NotRegular,
}

/// Which of `listed` (in name order) are read: the first file of each
/// evidence or owner family that is a regular file. The others are not,
/// with their reason.
fn plan(listed: &[Listed]) -> Vec<Option<SkipReason>> {
    let mut taken = HashSet::new();
    listed
        .iter()
        .map(|file| {
            if matches!(file.source, Source::NotRegular) {
                return Some(SkipReason::IgnoredNotRegular);
            }
            if !is_csv(&file.name) {
                return Some(SkipReason::IgnoredNotCsv);
            }
            let Some(family) = family_of(&file.name) else {
                return Some(SkipReason::IgnoredNoEvidence);
            };
            // Files of one family are alike; the readers of the owner's files and
            // of messages read one. Connections, invitations, endorsements and
            // recommendations are read however many there are.
            let one_only = matches!(
                family,
                Family::Profile | Family::Positions | Family::Messages
            );
            (one_only && !taken.insert(family)).then_some(SkipReason::IgnoredDuplicate)
        })
        .collect()
}

/// What the readers of one export share.
struct Context {
    /// The export's owner as every reader refers to them.
    owner: PersonRef,
    /// The owner's display name, when known.
    owner_name: Option<String>,
    /// Name keys of people the export names (for splitting old `TO` cells).
    known_names: HashSet<String>,
    /// The archive or folder (for keys of `LinkedIn Member` placeholders).
    export: String,
    /// Connections without a profile URL (before 2023), by name key: the
    /// index of their record in `Dataset::people`, until a message or an
    /// invitation of the same export gives their URL.
    unlinked: HashMap<String, Option<usize>>,
}

impl Context {
    /// Gives a URL-less connection the profile URL that another file of the
    /// same export writes beside the same name, so the two are one person.
    /// Names two connections share are left alone.
    fn link(&mut self, reference: &PersonRef, people: &mut [PersonRecord]) {
        let (Some(name), Some(url)) = (&reference.name, &reference.profile_url) else {
            return;
        };
        if let Some(Some(index)) = self.unlinked.remove(&exact_name_key(name))
            && let Some(record) = people.get_mut(index)
        {
            record.profile_urls.push(url.clone());
        }
    }

    /// True when `name` is the owner's display name.
    fn is_owner_name(&self, name: &str) -> bool {
        self.owner_name
            .as_deref()
            .is_some_and(|owner| exact_name_key(owner) == exact_name_key(name))
    }
}

/// Reads `LinkedIn` exports, remembering rows across exports so that a pooled
/// team's shared messages, invitations and endorsements count once.
#[derive(Debug)]
pub struct ExportReader {
    seen: HashSet<String>,
    max_member_bytes: u64,
    max_export_bytes: u64,
}

impl Default for ExportReader {
    fn default() -> Self {
        Self::with_limits(MAX_MEMBER_BYTES, MAX_EXPORT_BYTES)
    }
}

/// True when `path` looks like a `LinkedIn` export: a zip archive (by its
/// magic bytes or `.zip` name), or a folder holding `Connections.csv`,
/// `messages.csv`, `Invitations.csv` or `Profile.csv`.
#[must_use]
pub fn is_export(path: &Path) -> bool {
    if path.is_dir() {
        return std::fs::read_dir(path).is_ok_and(|entries| {
            entries.flatten().any(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .and_then(Family::of)
                    .is_some_and(Family::identifies_export)
            })
        });
    }
    is_zip(path)
}

fn is_zip(path: &Path) -> bool {
    let has_zip_name = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("zip"));
    let mut magic = [0_u8; 4];
    let has_magic = std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .is_ok()
        && magic == *b"PK\x03\x04";
    has_zip_name || has_magic
}

/// An open archive, for inflating the members that are read.
type Archive = zip::ZipArchive<std::io::BufReader<std::fs::File>>;

impl ExportReader {
    /// A reader refusing archive members larger than `max_member_bytes` once
    /// uncompressed (and the default total, [`MAX_EXPORT_BYTES`]).
    #[must_use]
    pub fn with_member_limit(max_member_bytes: u64) -> Self {
        Self::with_limits(max_member_bytes, MAX_EXPORT_BYTES)
    }

    /// A reader refusing a file larger than `max_member_bytes` uncompressed,
    /// and more than `max_export_bytes` uncompressed from one export in all.
    #[must_use]
    pub fn with_limits(max_member_bytes: u64, max_export_bytes: u64) -> Self {
        Self {
            seen: HashSet::new(),
            max_member_bytes,
            max_export_bytes,
        }
    }

    /// Reads the export at `path` (zip or folder) into `dataset`. `member`
    /// names the team member the export belongs to (from a manifest); it is
    /// then their identity that owns the export, and the export's owner is not
    /// added to `dataset.owners` a second time.
    pub fn read(
        &mut self,
        path: &Path,
        member: Option<&PersonRef>,
        options: IngestOptions,
        dataset: &mut Dataset,
    ) -> Result<()> {
        dataset.summary.strict = options.strict;
        let (mut listed, mut archive) = if path.is_dir() {
            (list_folder(path)?, None)
        } else {
            let (listed, archive) = list_zip(path)?;
            (listed, Some(archive))
        };
        listed.sort_by(|a, b| a.name.cmp(&b.name));
        let plan = plan(&listed);
        let identifies = listed.iter().zip(&plan).any(|(file, unread)| {
            unread.is_none() && family_of(&file.name).is_some_and(Family::identifies_export)
        });
        if !identifies {
            return Err(Error::UnrecognisedSource {
                path: path.to_path_buf(),
                reason: "not a LinkedIn export: it holds none of Connections.csv, messages.csv, \
                         Invitations.csv, Profile.csv at its root"
                    .to_owned(),
            });
        }
        let files = self.load(path, listed, &plan, archive.as_mut())?;
        let find = |family: Family| {
            files
                .iter()
                .find(|file| file.family() == Some(family))
                .and_then(|file| Some((file, file.text()?)))
        };

        // The owner first: every other file refers to them.
        let mut owner = profile::Owner::default();
        if let Some((file, text)) = find(Family::Profile) {
            profile::read_profile(text, &file.path, &mut owner, dataset)?;
        }
        if let Some((file, text)) = find(Family::Positions) {
            profile::read_positions(text, &file.path, &mut owner, dataset)?;
        }
        if let Some((_, invitations)) = find(Family::Invitations) {
            profile::owner_from_invitations(invitations, &mut owner);
        }
        let messages = find(Family::Messages);
        if owner.name.is_none()
            && let Some((_, messages)) = messages
        {
            profile::owner_from_old_messages(messages, &mut owner);
            if owner.name.is_none() {
                let connections = find(Family::Connections).map(|(_, text)| text);
                profile::owner_from_messages(messages, connections, &mut owner);
            }
        }
        let export = path.display().to_string();
        let mut context = Context {
            owner: owner.reference(member, &export),
            owner_name: owner.name.clone(),
            known_names: HashSet::new(),
            export,
            unlinked: HashMap::new(),
        };
        dataset.people.push(owner.record(&context.owner));
        if member.is_none() {
            dataset.owners.push(Owner {
                reference: context.owner.clone(),
                source: OwnerSource::Export(path.to_path_buf()),
            });
        }
        if let Some(name) = &context.owner_name {
            context.known_names.insert(name_key(name));
        }

        self.read_evidence(&files, &mut context, dataset)?;
        // Messages last: old eras split `TO` cells by the names seen elsewhere.
        if let Some((file, messages)) = messages {
            messages::read(messages, &file.path, &mut context, &mut self.seen, dataset)?;
        }
        Ok(())
    }

    /// Reads every evidence file but messages, and accounts for the others.
    fn read_evidence(
        &mut self,
        files: &[ExportFile],
        context: &mut Context,
        dataset: &mut Dataset,
    ) -> Result<()> {
        for file in files {
            let text = match &file.content {
                Content::Text(text) => text,
                Content::Unread(reason) => {
                    dataset.summary.add_file(&file.path, reason.as_str());
                    continue;
                }
            };
            match file.family() {
                Some(Family::Connections) => {
                    connections::read(text, &file.path, context, dataset)?;
                }
                Some(Family::Invitations) => {
                    invitations::read(text, &file.path, context, &mut self.seen, dataset)?;
                }
                Some(
                    family @ (Family::EndorsementsReceived
                    | Family::EndorsementsGiven
                    | Family::RecommendationsReceived
                    | Family::RecommendationsGiven),
                ) => {
                    let read = if matches!(
                        family,
                        Family::EndorsementsReceived | Family::EndorsementsGiven
                    ) {
                        endorsements::read
                    } else {
                        recommendations::read
                    };
                    read(text, &file.path, family, context, &mut self.seen, dataset)?;
                }
                Some(Family::Profile | Family::Positions | Family::Messages) | None => {}
            }
        }
        Ok(())
    }

    /// Reads the files `plan` says to read, within the member and export
    /// limits: a file over either is refused before it is inflated when its
    /// listed size says so, and as soon as reading passes the limit when the
    /// size lied.
    fn load(
        &self,
        export: &Path,
        listed: Vec<Listed>,
        plan: &[Option<SkipReason>],
        mut archive: Option<&mut Archive>,
    ) -> Result<Vec<ExportFile>> {
        let mut budget = self.max_export_bytes;
        let planned_total: u64 = listed
            .iter()
            .zip(plan)
            .filter(|(_, unread)| unread.is_none())
            .map(|(file, _)| file.size)
            .fold(0, u64::saturating_add);
        if planned_total > self.max_export_bytes {
            return Err(self.export_too_large(export));
        }
        let mut files = Vec::with_capacity(listed.len());
        for (file, unread) in listed.into_iter().zip(plan) {
            if let Some(reason) = unread {
                files.push(ExportFile {
                    name: file.name,
                    path: file.path,
                    content: Content::Unread(*reason),
                });
                continue;
            }
            if file.size > self.max_member_bytes {
                return Err(self.member_too_large(&file.path));
            }
            let limit = self.max_member_bytes.min(budget);
            let bytes = read_listed(&file, archive.as_deref_mut(), limit)?;
            if bytes.len() as u64 > limit {
                return Err(if limit == self.max_member_bytes {
                    self.member_too_large(&file.path)
                } else {
                    self.export_too_large(export)
                });
            }
            budget -= bytes.len() as u64;
            files.push(ExportFile {
                name: file.name,
                path: file.path,
                content: Content::Text(table::decode(bytes)),
            });
        }
        Ok(files)
    }

    fn member_too_large(&self, path: &Path) -> Error {
        Error::Archive {
            path: path.to_path_buf(),
            message: format!(
                "larger than {} uncompressed; refusing to read it (zip-bomb guard)",
                size_text(self.max_member_bytes)
            ),
        }
    }

    fn export_too_large(&self, path: &Path) -> Error {
        Error::Archive {
            path: path.to_path_buf(),
            message: format!(
                "the export's files to read come to more than {} uncompressed in all; \
                 refusing to read them (zip-bomb guard)",
                size_text(self.max_export_bytes)
            ),
        }
    }
}

/// At most `limit + 1` bytes of a listed file (one more than allowed says
/// the file is too large).
fn read_listed(file: &Listed, archive: Option<&mut Archive>, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let take = limit.saturating_add(1);
    match (&file.source, archive) {
        (Source::Member(index), Some(archive)) => {
            let archive_error = |message: String| Error::Archive {
                path: file.path.clone(),
                message,
            };
            let entry = archive
                .by_index(*index)
                .map_err(|error| archive_error(format!("cannot read this entry: {error}")))?;
            entry
                .take(take)
                .read_to_end(&mut bytes)
                .map_err(|error| archive_error(format!("the entry is corrupt: {error}")))?;
        }
        _ => {
            std::fs::File::open(&file.path)
                .and_then(|opened| opened.take(take).read_to_end(&mut bytes))
                .map_err(|source| Error::Read {
                    path: file.path.clone(),
                    source,
                })?;
        }
    }
    Ok(bytes)
}

/// The files of an export folder (subfolders are not part of an export).
fn list_folder(folder: &Path) -> Result<Vec<Listed>> {
    let entries = std::fs::read_dir(folder).map_err(|source| Error::Read {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut listed = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if name == super::MANIFEST_FILE {
            continue;
        }
        // Follows links, and never opens the entry (opening a FIFO blocks).
        let (source, size) = match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_dir() => continue,
            Ok(metadata) if metadata.is_file() => (Source::Disk, metadata.len()),
            _ => (Source::NotRegular, 0),
        };
        listed.push(Listed {
            name,
            path,
            source,
            size,
        });
    }
    Ok(listed)
}

/// The members of an archive, from its directory (nothing is inflated),
/// refusing entries named to escape it.
fn list_zip(archive_path: &Path) -> Result<(Vec<Listed>, Archive)> {
    let archive_error = |message: String| Error::Archive {
        path: archive_path.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(archive_path).map_err(|source| Error::Read {
        path: archive_path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|error| archive_error(format!("not a readable zip archive: {error}")))?;
    let mut entries = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| archive_error(format!("entry {index}: {error}")))?;
        let name = entry
            .name()
            .map_err(|error| archive_error(format!("entry {index}: {error}")))?
            .replace('\\', "/");
        if name.starts_with('/') || name.split('/').any(|part| part == "..") || name.contains(':') {
            return Err(archive_error(format!(
                "entry '{name}' points outside the archive; refusing to read it"
            )));
        }
        if !entry.is_dir() {
            entries.push((index, name, entry.size()));
        }
    }
    let wrapper = common_top_folder(entries.iter().map(|(_, name, _)| name.as_str()));
    let listed = entries
        .into_iter()
        .map(|(index, name, size)| {
            let inner = wrapper
                .as_deref()
                .and_then(|prefix| name.strip_prefix(prefix))
                .unwrap_or(&name)
                .to_owned();
            Listed {
                path: archive_path.join(&inner),
                name: inner,
                source: Source::Member(index),
                size,
            }
        })
        .collect();
    Ok((listed, archive))
}

/// The single folder every entry sits in (`Complete_LinkedInDataExport_…/`),
/// when the archive was made from the unzipped folder.
fn common_top_folder<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = names.next()?;
    let (top, _) = first.split_once('/')?;
    let prefix = format!("{top}/");
    names
        .all(|name| name.starts_with(&prefix))
        .then_some(prefix)
}

/// True for `.csv` file names, any case.
fn is_csv(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"))
}

/// `First Name` + " " + `Last Name`, exactly as `LinkedIn` writes the display
/// name elsewhere (quirk G4), or `None` when both are empty.
fn full_name(first: &str, last: &str) -> Option<String> {
    let name = format!("{first} {last}");
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A name key that ignores the space after commas (`Natarajan, PhD` and
/// `Natarajan,PhD` are the same), for splitting old `TO` cells.
fn name_key(name: &str) -> String {
    exact_name_key(name).replace(", ", ",")
}

/// A profile URL as a full `https://` URL (endorsements omit the scheme).
fn full_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        None
    } else if url.to_ascii_lowercase().starts_with("http") {
        Some(url.to_owned())
    } else {
        Some(format!("https://{url}"))
    }
}

/// A person referred to by display name and profile URL (either may be empty).
fn person(name: &str, url: &str) -> PersonRef {
    PersonRef {
        name: (!name.trim().is_empty()).then(|| name.trim().to_owned()),
        profile_url: full_url(url),
        ..PersonRef::default()
    }
}

/// The key a reference is deduplicated by across exports: its profile URL,
/// email, id or name.
fn reference_key(reference: &PersonRef) -> String {
    if let Some(url) = &reference.profile_url {
        normalize_profile_url(url)
    } else if let Some(email) = &reference.email {
        normalize_email(email)
    } else if let Some(id) = &reference.id {
        id.clone()
    } else {
        exact_name_key(reference.label())
    }
}

/// Counts a row that is read correctly but is not relationship evidence (a
/// draft, a sponsored message, a past position, a row another export already
/// gave) as skipped, with its reason. Unlike a malformed row it is not an
/// error under `--strict`.
fn set_aside(
    summary: &mut super::IngestSummary,
    origin: super::Origin,
    reason: SkipReason,
    detail: &str,
) -> Result<()> {
    let strict = std::mem::replace(&mut summary.strict, false);
    let counted = summary.skip(origin, reason, detail);
    summary.strict = strict;
    counted
}

/// Reads a table whose rows are interactions: `each` gets every row, the
/// summary and the [`Sink`] its interaction goes to.
fn read_interactions(
    text: &Text,
    spec: &table::Spec<'_>,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
    mut each: impl FnMut(&table::Row<'_>, &mut super::IngestSummary, &mut Sink<'_>) -> Result<()>,
) -> Result<()> {
    let mut sink = Sink::new(
        &mut dataset.interactions,
        &mut dataset.refs,
        &mut dataset.people,
        seen,
    );
    table::read_table(
        text,
        spec,
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| each(row, summary, &mut sink),
    )
}

/// One interaction a reader found in a row.
struct Found {
    origin: super::Origin,
    at: i64,
    from: PersonRef,
    to: Vec<PersonRef>,
    channel: super::Channel,
}

impl Found {
    /// An interaction from one person to one other.
    fn between(
        origin: super::Origin,
        at: i64,
        from: PersonRef,
        to: PersonRef,
        channel: super::Channel,
    ) -> Self {
        Self {
            origin,
            at,
            from,
            to: vec![to],
            channel,
        }
    }
}

/// Where the readers' interactions go: the dataset's interactions, its
/// interned references and people, and the rows every export read so far gave.
struct Sink<'a> {
    interactions: &'a mut Vec<super::InteractionRecord>,
    refs: &'a mut super::RefTable,
    people: &'a mut Vec<PersonRecord>,
    seen: &'a mut HashSet<String>,
}

impl<'a> Sink<'a> {
    fn new(
        interactions: &'a mut Vec<super::InteractionRecord>,
        refs: &'a mut super::RefTable,
        people: &'a mut Vec<PersonRecord>,
        seen: &'a mut HashSet<String>,
    ) -> Self {
        Self {
            interactions,
            refs,
            people,
            seen,
        }
    }

    /// Adds `found` and counts its row used — unless another export (or this
    /// one) already gave `key`: then the row is set aside as `the same
    /// {what}`. With a `context`, its people are first linked to URL-less
    /// connections of the same name ([`Context::link`]).
    fn emit(
        &mut self,
        summary: &mut super::IngestSummary,
        key: String,
        what: &str,
        context: Option<&mut Context>,
        found: Found,
    ) -> Result<()> {
        if !self.seen.insert(key) {
            return set_aside(
                summary,
                found.origin,
                SkipReason::AlsoInAnotherExport,
                &format!("the same {what}"),
            );
        }
        if let Some(context) = context {
            context.link(&found.from, self.people);
            for to in &found.to {
                context.link(to, self.people);
            }
        }
        self.interactions.push(super::InteractionRecord {
            origin: found.origin,
            at: found.at,
            from: self.refs.intern(found.from),
            to: found
                .to
                .into_iter()
                .map(|to| self.refs.intern(to))
                .collect(),
            channel: found.channel,
            duration_secs: None,
        });
        summary.count_used(found.origin.file);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_export_files_by_name_in_any_case_and_spacing() {
        assert_eq!(Family::of("messages.csv"), Some(Family::Messages));
        assert_eq!(Family::of("Messages.csv"), Some(Family::Messages));
        assert_eq!(
            Family::of("Endorsement Received Info.csv"),
            Some(Family::EndorsementsReceived)
        );
        assert_eq!(Family::of("Company Follows.csv"), None);
    }

    #[test]
    fn strips_the_folder_a_rezipped_export_is_wrapped_in() {
        let names = ["Export_1/Connections.csv", "Export_1/messages.csv"];
        assert_eq!(
            common_top_folder(names.into_iter()).as_deref(),
            Some("Export_1/")
        );
        let flat = ["Connections.csv", "Jobs/Saved Jobs.csv"];
        assert_eq!(common_top_folder(flat.into_iter()), None);
    }
}
