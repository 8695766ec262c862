//! `Connections.csv`: the owner's first-degree connections. Each row gives a
//! person (name, profile URL, email, current company and position) and a
//! declared `linkedin` relationship with the owner since `Connected On`.
//! Handles the `Notes:` preamble (C1), the 6-column file without `URL` (C2),
//! every `Connected On` format (C3, C4, E1) and rows with only a date (C6).

use std::path::Path;

use super::table::{Spec, Text, read_table};
use super::{Context, Family, full_name, full_url, name_key, parse_linkedin_date};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::{
    Dataset, DeclaredSince, DeclaredStrength, PersonRecord, PersonRef, RelationshipRecord,
};
use crate::keys::exact_name_key;

pub(super) fn read(
    text: &Text,
    path: &Path,
    context: &mut Context,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 7] = [
        "first name",
        "last name",
        "url",
        "email address",
        "company",
        "position",
        "connected on",
    ];
    let (people, relationships) = (&mut dataset.people, &mut dataset.relationships);
    let owner = dataset.refs.intern(context.owner.clone());
    let source = dataset.declared_sources.intern("linkedin");
    read_table(
        text,
        &Spec {
            path,
            kind: Family::Connections.kind(),
            identify: &["first name", "last name"],
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            let origin = row.origin;
            let name = full_name(row.get(0), row.get(1));
            let url = full_url(row.get(2));
            let email = (!row.get(3).is_empty()).then(|| row.get(3).to_owned());
            if name.is_none() && url.is_none() && email.is_none() {
                return super::set_aside(
                    summary,
                    origin,
                    SkipReason::HiddenProfile,
                    "the connection's profile is closed or hidden",
                );
            }
            let since = match row.get(6) {
                "" => DeclaredSince::UNKNOWN,
                date => match parse_linkedin_date(date).and_then(DeclaredSince::new) {
                    Some(since) => since,
                    None => {
                        return summary.skip(
                            origin,
                            SkipReason::BadDate,
                            &format!("Connected On '{date}' is not a date LinkedIn writes"),
                        );
                    }
                },
            };
            if name
                .as_deref()
                .is_some_and(|name| context.is_owner_name(name))
                && url.is_none()
                && email.is_none()
            {
                return summary.skip(
                    origin,
                    SkipReason::SelfTie,
                    "the owner is listed as their own connection",
                );
            }
            if let Some(name) = &name {
                context.known_names.insert(name_key(name));
            }
            let contact = PersonRef {
                name: name.clone(),
                profile_url: url.clone(),
                email: email.clone(),
                ..PersonRef::default()
            };
            if url.is_none()
                && let Some(name) = &name
            {
                let index = people.len();
                context
                    .unlinked
                    .entry(exact_name_key(name))
                    .and_modify(|slot| *slot = None)
                    .or_insert(Some(index));
            }
            people.push(PersonRecord {
                origin: Some(origin),
                id: None,
                name,
                emails: email.into_iter().collect(),
                profile_urls: url.into_iter().collect(),
                company: (!row.get(4).is_empty()).then(|| row.get(4).to_owned()),
                title: (!row.get(5).is_empty()).then(|| row.get(5).to_owned()),
            });
            relationships.push(RelationshipRecord {
                origin: origin.into(),
                a: owner,
                b: dataset.refs.intern(contact),
                strength: DeclaredStrength::NONE,
                since,
                source,
            });
            summary.count_used(origin.file);
            Ok(())
        },
    )
}
