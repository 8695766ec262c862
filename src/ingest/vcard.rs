//! vCard address books (2.1, 3.0 and 4.0, parsed by `calcard`: folded lines,
//! quoted-printable, escaped colons): each card becomes a [`PersonRecord`]
//! tying its email addresses, `LinkedIn` profile URLs (from `URL`,
//! `X-SOCIALPROFILE` and `SOCIALPROFILE`) and name together; a card listing
//! more than [`contact::MAX_ADDRESSES_PER_CONTACT`] is a group, not a person.
//! Contacts are identities, never evidence of a relationship. Each card is
//! one row of the ingest summary, and what cannot be read is said in words.

use std::path::Path;

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::contact::{Contact, NotAPerson};
use super::line_cursor::{LineCursor, excerpt};
use super::{Dataset, IngestOptions, Origin, PersonRecord, contact};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// Reads one `.vcf` file into `dataset`.
pub fn read_vcard_file(path: &Path, _options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    dataset.summary.meter.read_whole(bytes.len() as u64);
    let text = String::from_utf8_lossy(&bytes);
    let file = dataset.summary.add_file(path, "address book (.vcf)");
    let card_lines: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end().eq_ignore_ascii_case("BEGIN:VCARD"))
        .map(|(index, _)| index as u64 + 1)
        .collect();
    let mut next_card = 0;
    let mut invalid_lines = LineCursor::new(&text);
    let mut parser = Parser::new(&text);
    loop {
        let entry = parser.entry();
        if matches!(entry, Entry::Eof) {
            break;
        }
        let line = match &entry {
            Entry::InvalidLine(bad) => invalid_lines.find(bad),
            _ => card_lines.get(next_card).copied().unwrap_or(1),
        };
        let origin = Origin { file, line };
        dataset.summary.count_read(file);
        match entry {
            Entry::VCard(card) => {
                next_card += 1;
                match person_of(&card) {
                    Ok(mut record) => {
                        record.origin = Some(origin);
                        dataset.summary.count_used(file);
                        dataset.people.push(record);
                    }
                    Err(NotAPerson::NoIdentifier) => dataset.summary.skip(
                        origin,
                        SkipReason::NoEmailOrProfileUrl,
                        "the card names nobody by email or LinkedIn URL",
                    )?,
                    Err(NotAPerson::TooManyAddresses) => dataset.summary.skip(
                        origin,
                        SkipReason::TooManyAddresses,
                        &format!(
                            "the card lists more than {} email addresses and LinkedIn URLs: a \
                             group or a list, not one person",
                            contact::MAX_ADDRESSES_PER_CONTACT
                        ),
                    )?,
                }
            }
            Entry::InvalidLine(bad) => {
                dataset.summary.skip(
                    origin,
                    SkipReason::MalformedCard,
                    &format!("cannot parse '{}'", excerpt(&bad)),
                )?;
            }
            Entry::TooManyComponents => {
                dataset
                    .summary
                    .skip(origin, SkipReason::MalformedCard, "too many components")?;
                break;
            }
            other => {
                let problem = match other {
                    Entry::ICalendar(_) => "a calendar, not a card".to_owned(),
                    Entry::UnexpectedComponentEnd { expected, found } => format!(
                        "END:{} where END:{} was expected",
                        excerpt(found.as_str()),
                        excerpt(expected.as_str())
                    ),
                    Entry::UnterminatedComponent(name) => {
                        format!("BEGIN:{} is never ended", excerpt(&name))
                    }
                    _ => "an entry that is not a card".to_owned(),
                };
                dataset
                    .summary
                    .skip(origin, SkipReason::MalformedCard, &problem)?;
            }
        }
    }
    Ok(())
}

fn person_of(card: &VCard) -> std::result::Result<PersonRecord, NotAPerson> {
    let mut contact = Contact::default();
    let mut formatted = None;
    let mut structured = None;
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Fn => formatted = first_text(entry),
            VCardProperty::N => {
                let mut parts = texts(entry);
                let family = parts.next().unwrap_or("");
                let given = parts.next().unwrap_or("");
                structured = contact::join_name(&[given, family]);
            }
            VCardProperty::Email => {
                for value in texts(entry) {
                    contact.add_emails(value, ",");
                }
            }
            VCardProperty::Url | VCardProperty::Socialprofile => {
                for value in texts(entry) {
                    contact.add_profile_url(value);
                }
            }
            VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-SOCIALPROFILE") => {
                for value in texts(entry) {
                    contact.add_profile_url(value);
                }
            }
            VCardProperty::Org => {
                contact.record_mut().company =
                    first_text(entry).filter(|company| !company.is_empty());
            }
            VCardProperty::Title => contact.record_mut().title = first_text(entry),
            _ => {}
        }
    }
    contact.finish(formatted.or(structured))
}

fn texts(entry: &VCardEntry) -> impl Iterator<Item = &str> {
    entry.values.iter().filter_map(|value| match value {
        VCardValue::Text(text) => Some(text.as_str()),
        VCardValue::Component(parts) => parts.first().map(String::as_str),
        _ => None,
    })
}

fn first_text(entry: &VCardEntry) -> Option<String> {
    texts(entry)
        .next()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}
