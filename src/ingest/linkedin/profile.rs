//! The export's owner: name from `Profile.csv`, profile URL from
//! `Invitations.csv` (quirk G4: no file is made for it), current employer and
//! title from `Positions.csv`. Exports without `Profile.csv` (2018, 2021
//! basic) name the owner through the direction of invitations or of 2018
//! messages.

use std::path::Path;

use super::table::{self, Spec, Text, read_table};
use super::{Family, full_name, full_url};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::csv_records::Record;
use crate::ingest::{Dataset, PersonRecord, PersonRef};
use crate::keys::{exact_name_key, is_placeholder_name};

/// What the export says about its owner.
#[derive(Debug, Default)]
pub(super) struct Owner {
    /// Display name.
    pub name: Option<String>,
    /// Profile URL.
    pub url: Option<String>,
    /// Current employer.
    pub company: Option<String>,
    /// Current title.
    pub title: Option<String>,
}

impl Owner {
    /// How every reader of the export refers to the owner. A team member's
    /// id and email (from the manifest) are added so that the member and the
    /// export's owner are one person.
    pub fn reference(&self, member: Option<&PersonRef>, export: &str) -> PersonRef {
        let mut reference = PersonRef {
            name: self.name.clone(),
            profile_url: self.url.clone(),
            ..PersonRef::default()
        };
        if let Some(member) = member {
            reference.id = member.id.clone().filter(|_| !member.id_or_name);
            reference.email.clone_from(&member.email);
            if reference.name.is_none() {
                reference.name.clone_from(&member.name);
            }
            if reference.profile_url.is_none() {
                reference.profile_url.clone_from(&member.profile_url);
            }
        }
        if reference.is_empty() {
            // The id keeps the whole path (two exports of one name are two
            // owners); the name a user reads is the file's.
            let file_name = std::path::Path::new(export).file_name().map_or_else(
                || export.to_owned(),
                |name| name.to_string_lossy().into_owned(),
            );
            reference.id = Some(format!("linkedin-owner:{export}"));
            reference.name = Some(format!("Owner of {file_name}"));
        }
        reference
    }

    /// The owner's person record.
    pub fn record(&self, reference: &PersonRef) -> PersonRecord {
        PersonRecord {
            origin: None,
            id: reference.id.clone(),
            name: reference.name.clone(),
            emails: reference.email.iter().cloned().collect(),
            profile_urls: reference.profile_url.iter().cloned().collect(),
            company: self.company.clone(),
            title: self.title.clone(),
        }
    }
}

/// `Profile.csv`: one row, the owner's name.
pub(super) fn read_profile(
    text: &Text,
    path: &Path,
    owner: &mut Owner,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 2] = ["first name", "last name"];
    read_table(
        text,
        &Spec {
            path,
            kind: Family::Profile.kind(),
            identify: &WANTED,
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            if owner.name.is_some() {
                return summary.skip(row.origin, SkipReason::ExtraProfileRow, "");
            }
            match full_name(row.get(0), row.get(1)) {
                Some(name) => {
                    owner.name = Some(name);
                    summary.count_used(row.origin.file);
                    Ok(())
                }
                None => summary.skip(
                    row.origin,
                    SkipReason::NoName,
                    "First Name and Last Name are empty",
                ),
            }
        },
    )
}

/// `Positions.csv`: the current position (empty `Finished On`, rows newest
/// first) gives the owner's company and title; past ones are counted as
/// skipped, since a person has one current employer here.
pub(super) fn read_positions(
    text: &Text,
    path: &Path,
    owner: &mut Owner,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 3] = ["company name", "title", "finished on"];
    read_table(
        text,
        &Spec {
            path,
            kind: Family::Positions.kind(),
            identify: &WANTED[..1],
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            let company = row.get(0);
            if company.is_empty() {
                return summary.skip(row.origin, SkipReason::NoCompany, "Company Name is empty");
            }
            if !row.get(2).is_empty() {
                return super::set_aside(
                    summary,
                    row.origin,
                    SkipReason::PastPosition,
                    "only the current employer is kept",
                );
            }
            if owner.company.is_some() {
                return super::set_aside(
                    summary,
                    row.origin,
                    SkipReason::AnotherCurrentPosition,
                    "the newest one is kept",
                );
            }
            owner.company = Some(company.to_owned());
            owner.title = (!row.get(1).is_empty()).then(|| row.get(1).to_owned());
            summary.count_used(row.origin.file);
            Ok(())
        },
    )
}

/// Quirk G4: the owner's URL is the inviter's on OUTGOING rows and the
/// invitee's on INCOMING rows; their name is on the same side.
pub(super) fn owner_from_invitations(text: &Text, owner: &mut Owner) {
    let Some(rows) = quiet_rows(text) else {
        return;
    };
    let header: Vec<String> = rows[0]
        .iter()
        .map(|cell| cell.trim().to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|key| key == name);
    let (Some(from), Some(to), Some(direction)) =
        (column("from"), column("to"), column("direction"))
    else {
        return;
    };
    let (url_when_sent, url_when_received) =
        (column("inviterprofileurl"), column("inviteeprofileurl"));
    for row in &rows[1..] {
        let cell =
            |index: Option<usize>| index.and_then(|index| row.get(index)).map_or("", str::trim);
        let (name, url) = match cell(Some(direction)).to_ascii_uppercase().as_str() {
            "OUTGOING" => (cell(Some(from)), cell(url_when_sent)),
            "INCOMING" => (cell(Some(to)), cell(url_when_received)),
            _ => continue,
        };
        if owner.name.is_none() && !name.is_empty() {
            owner.name = Some(name.to_owned());
        }
        if owner.url.is_none() {
            owner.url = full_url(url);
        }
        if owner.name.is_some() && owner.url.is_some() {
            return;
        }
    }
}

/// 2018 `Messages.csv` has a `Direction`: the sender of OUTGOING rows is the owner.
pub(super) fn owner_from_old_messages(text: &Text, owner: &mut Owner) {
    let Some(rows) = quiet_rows(text) else {
        return;
    };
    let header: Vec<String> = rows[0]
        .iter()
        .map(|cell| cell.trim().to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|key| key == name);
    let (Some(from), Some(direction)) = (column("from"), column("direction")) else {
        return;
    };
    owner.name = rows[1..]
        .iter()
        .filter(|row| {
            row.get(direction)
                .is_some_and(|cell| cell.trim().eq_ignore_ascii_case("OUTGOING"))
        })
        .filter_map(|row| row.get(from).map(str::trim))
        .find(|name| !name.is_empty())
        .map(str::to_owned);
}

/// Exports with neither `Profile.csv` nor `Invitations.csv`: the owner takes
/// part in every conversation, so they are the name (not among their own
/// connections, not a placeholder) found in the most message rows, when one
/// name leads; their URL is the sender URL of their own rows.
pub(super) fn owner_from_messages(text: &Text, connections: Option<&Text>, owner: &mut Owner) {
    use std::collections::HashMap;
    let Some(rows) = quiet_rows(text) else {
        return;
    };
    let header: Vec<String> = rows[0]
        .iter()
        .map(|cell| cell.trim().to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|key| key == name);
    let (Some(from), Some(to)) = (column("from"), column("to")) else {
        return;
    };
    let sender_url = column("sender profile url");
    let known: std::collections::HashSet<String> = connections
        .and_then(quiet_rows)
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    let cell = |index: usize| row.get(index).map_or("", str::trim);
                    exact_name_key(&format!("{} {}", cell(0), cell(1)))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    for row in &rows[1..] {
        let mut names: Vec<&str> = vec![row.get(from).unwrap_or("").trim()];
        names.extend(row.get(to).unwrap_or("").split(',').map(str::trim));
        let mut keys: Vec<String> = names
            .iter()
            .filter(|name| !is_placeholder_name(name))
            .map(|name| exact_name_key(name))
            .filter(|key| !known.contains(key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let name = names
                .iter()
                .find(|name| exact_name_key(name) == key)
                .copied()
                .unwrap_or("");
            counts.entry(key).or_insert((0, name.to_owned())).0 += 1;
        }
    }
    let mut ranked: Vec<&(usize, String)> = counts.values().collect();
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let leader = match ranked.as_slice() {
        [first, second, ..] if first.0 > second.0 => first,
        [only] => only,
        _ => return,
    };
    owner.name = Some(leader.1.clone());
    if let Some(sender_url) = sender_url {
        owner.url = rows[1..]
            .iter()
            .filter(|row| {
                row.get(from)
                    .is_some_and(|name| exact_name_key(name) == exact_name_key(&leader.1))
            })
            .find_map(|row| full_url(row.get(sender_url).unwrap_or("")));
    }
}

/// Every record of a small file, header first, ignoring anything malformed
/// (the file's own reader accounts for its rows).
fn quiet_rows(text: &Text) -> Option<Vec<Record>> {
    let rows = table::records(text);
    (!rows.is_empty()).then_some(rows)
}
