//! `warmpath.toml`: what a dataset folder says about itself — whose data it is
//! and the date it describes — or, for a team, its members and each member's
//! sources (`LinkedIn` exports, CSV folders), with paths relative to the
//! manifest. Reads the manifest only; the sources are read by `ingest`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::identities::CorrectionKind;
use super::{PersonRecord, PersonRef};
use crate::error::{Error, Result};

/// The manifest's file name inside a `--data` folder.
pub const MANIFEST_FILE: &str = "warmpath.toml";

/// The largest manifest read (a team of thousands fits in a tenth of it).
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;

/// A dataset folder's manifest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The owner: an id, email, profile URL or exact name in the data.
    pub owner: Option<String>,
    /// The date the data describes (`YYYY-MM-DD`); the default `--as-of`.
    pub as_of: Option<toml::value::Datetime>,
    /// A team's members (`[[member]]` tables), each with their own sources.
    #[serde(default)]
    pub member: Vec<Member>,
    /// `[[same]]` tables: two references that are one person.
    #[serde(default)]
    same: Vec<toml::Spanned<CorrectionPair>>,
    /// `[[different]]` tables: two references that are different people.
    #[serde(default)]
    different: Vec<toml::Spanned<CorrectionPair>>,
    /// The `[[same]]` and `[[different]]` tables with their lines, in the
    /// order of the file.
    #[serde(skip)]
    pub corrections: Vec<ManifestCorrection>,
}

/// The two references of a `[[same]]` or `[[different]]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionPair {
    a: String,
    b: String,
}

/// A `[[same]]` or `[[different]]` table of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestCorrection {
    /// The line of the table's header.
    pub line: u64,
    /// Same or different.
    pub kind: CorrectionKind,
    /// One reference.
    pub a: String,
    /// The other.
    pub b: String,
}

/// One member of a team manifest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Display name.
    pub name: Option<String>,
    /// A short id (`--from` accepts it).
    pub id: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// The member's `LinkedIn` profile URL.
    pub linkedin: Option<String>,
    /// Their data: `LinkedIn` exports (zip or folder) and CSV folders,
    /// relative to the manifest.
    #[serde(default)]
    pub sources: Vec<PathBuf>,
}

impl Member {
    /// How the data refers to this member.
    #[must_use]
    pub fn reference(&self) -> PersonRef {
        PersonRef {
            id: self.id.clone(),
            email: self.email.clone(),
            profile_url: self.linkedin.clone(),
            name: self.name.clone(),
            id_or_name: false,
        }
    }

    /// The member as a person record, when they have a key to merge by (an
    /// id, email or profile URL); a name alone would only make a namesake.
    #[must_use]
    pub fn record(&self) -> Option<PersonRecord> {
        (self.id.is_some() || self.email.is_some() || self.linkedin.is_some()).then(|| {
            PersonRecord {
                origin: None,
                id: self.id.clone(),
                name: self.name.clone(),
                emails: self.email.iter().cloned().collect(),
                profile_urls: self.linkedin.iter().cloned().collect(),
                company: None,
                title: None,
            }
        })
    }
}

/// A team manifest: the manifest and the folder its source paths are relative to.
#[derive(Debug)]
pub struct Team {
    /// The manifest.
    pub manifest: Manifest,
    /// The folder holding the manifest.
    pub folder: PathBuf,
}

/// Reads a team manifest: `path` itself when it is a `.toml` file, else the
/// `warmpath.toml` of a folder. `None` when there is no manifest, or when a
/// folder's manifest lists no members (a plain dataset folder).
pub fn read_team(path: &Path) -> Result<Option<Team>> {
    let is_toml = path.is_file()
        && path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"));
    let (manifest, folder) = if is_toml {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        (parse_manifest(path)?, folder)
    } else if path.is_dir() {
        match read_manifest(path)? {
            Some(manifest) if !manifest.member.is_empty() => (manifest, path.to_path_buf()),
            _ => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    if manifest.member.is_empty() {
        return Err(Error::Manifest {
            path: path.to_path_buf(),
            message: "a manifest given with --data must list [[member]] tables with sources"
                .to_owned(),
        });
    }
    for (index, member) in manifest.member.iter().enumerate() {
        if member.reference().is_empty() {
            return Err(Error::Manifest {
                path: path.to_path_buf(),
                message: format!("member {} has no name, id, email or linkedin", index + 1),
            });
        }
    }
    Ok(Some(Team { manifest, folder }))
}

impl Manifest {
    /// The as-of date, if the manifest gives one.
    #[must_use]
    pub fn as_of_date(&self) -> Option<jiff::civil::Date> {
        let date = self.as_of.as_ref()?.date?;
        jiff::civil::Date::new(
            i16::try_from(date.year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
        )
        .ok()
    }
}

/// Reads `warmpath.toml` in `folder`, if there is one.
pub fn read_manifest(folder: &Path) -> Result<Option<Manifest>> {
    let path = folder.join(MANIFEST_FILE);
    if !path.exists() {
        return Ok(None);
    }
    parse_manifest(&path).map(Some)
}

fn parse_manifest(path: &Path) -> Result<Manifest> {
    let path = path.to_path_buf();
    let text =
        super::read_small_text(&path, MAX_MANIFEST_BYTES, "a manifest").map_err(|source| {
            Error::Read {
                path: path.clone(),
                source,
            }
        })?;
    let mut manifest: Manifest = toml::from_str(&text).map_err(|error| Error::Manifest {
        path: path.clone(),
        message: error.message().to_owned(),
    })?;
    let line_at = |offset: usize| {
        text.get(..offset)
            .map_or(0, |before| before.matches('\n').count() as u64 + 1)
    };
    let tables = [
        (CorrectionKind::Same, std::mem::take(&mut manifest.same)),
        (
            CorrectionKind::Different,
            std::mem::take(&mut manifest.different),
        ),
    ];
    for (kind, pairs) in tables {
        for pair in pairs {
            let line = line_at(pair.span().start);
            let pair = pair.into_inner();
            manifest.corrections.push(ManifestCorrection {
                line,
                kind,
                a: pair.a,
                b: pair.b,
            });
        }
    }
    manifest
        .corrections
        .sort_by_key(|correction| correction.line);
    if manifest.as_of.is_some() && manifest.as_of_date().is_none() {
        return Err(Error::Manifest {
            path,
            message: "as_of must be a date, e.g. as_of = 2026-11-20".to_owned(),
        });
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team_from(text: &str) -> Result<Option<Team>> {
        let dir = tempfile::tempdir().map_err(|source| Error::Read {
            path: PathBuf::new(),
            source,
        })?;
        let path = dir.path().join("team.toml");
        std::fs::write(&path, text).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        read_team(&path)
    }

    #[test]
    fn reads_members_with_their_sources() {
        let team = team_from(
            "as_of = 2026-11-20\n[[member]]\nid = \"maya\"\nsources = [\"maya.zip\", \"crm\"]\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(team.manifest.member.len(), 1);
        assert_eq!(team.manifest.member[0].sources.len(), 2);
        assert!(team.manifest.member[0].record().is_some());
    }

    #[test]
    fn refuses_members_without_identity_and_manifests_without_members() {
        assert!(team_from("[[member]]\nsources = [\"a.zip\"]\n").is_err());
        assert!(team_from("owner = \"maya\"\n").is_err());
        assert!(team_from("[[member]]\nnmae = \"typo\"\n").is_err());
    }

    #[test]
    fn reads_same_and_different_tables_with_their_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MANIFEST_FILE);
        std::fs::write(
            &path,
            "owner = \"maya\"\n\n[[different]]\na = \"sam@a.example\"\nb = \"sam@b.example\"\n\n[[same]]\na = \"p1\"\nb = \"Ana Lopez\"\n",
        )
        .unwrap();
        let manifest = parse_manifest(&path).unwrap();
        let found: Vec<(u64, CorrectionKind, &str)> = manifest
            .corrections
            .iter()
            .map(|c| (c.line, c.kind, c.a.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, CorrectionKind::Different, "sam@a.example"),
                (7, CorrectionKind::Same, "p1")
            ]
        );
    }

    #[test]
    fn a_name_alone_makes_no_person_record() {
        let member = Member {
            name: Some("Maya Okafor".to_owned()),
            ..Member::default()
        };
        assert!(member.record().is_none());
        assert!(!member.reference().is_empty());
    }
}
