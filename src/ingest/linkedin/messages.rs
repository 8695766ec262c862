//! `messages.csv` of every era (2021 to 2026, 9 to 12 columns, mapped by name)
//! and the 2018 `Messages.csv` (`From,To,Date,…,Direction,Folder`). Each sent
//! message is a `message` interaction from the sender to every other
//! participant, so a group conversation dilutes itself by its size.
//!
//! Recipients are taken from `RECIPIENT PROFILE URLS`, never by splitting `TO`
//! on commas (names contain `, `: M4, M5). Files without that column (2018 to
//! 2023) split `TO` by the names the export knows (connections, senders, the
//! owner). `LinkedIn Member` placeholders (M6) are one person per
//! conversation and never merged across conversations. Skipped, with a
//! reason: drafts (M10), sponsored `InMail` (M7), spam, rows without a sender
//! (M8), and messages another pooled export already gave.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;

use super::table::{Spec, Text, read_table};
use super::{Context, Family, Found, Sink, name_key, parse_linkedin_date, person, reference_key};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::{Channel, Dataset, Origin, PersonRef};
use crate::keys::{is_placeholder_name, normalize_profile_url};

const CONVERSATION: usize = 0;
const TITLE: usize = 1;
const FROM: usize = 2;
const SENDER_URL: usize = 3;
const TO: usize = 4;
const RECIPIENT_URLS: usize = 5;
const DATE: usize = 6;
const CONTENT: usize = 7;
const FOLDER: usize = 8;
const MESSAGE_DRAFT: usize = 9;
const CONVERSATION_DRAFT: usize = 10;
const DIRECTION: usize = 11;

const WANTED: [&str; 12] = [
    "conversation id",
    "conversation title",
    "from",
    "sender profile url",
    "to",
    "recipient profile urls",
    "date",
    "content",
    "folder",
    "is message draft",
    "is conversation draft",
    "direction",
];

/// A message kept for the second pass, once every sender's name is known.
struct Pending {
    origin: Origin,
    at: i64,
    conversation: String,
    from: PersonRef,
    /// `TO` as written, for files without recipient URLs.
    to_names: String,
    /// Recipient URLs, when the file has them.
    to_urls: Option<Vec<String>>,
    /// 2018: the owner received this message (they are the recipient when
    /// `To` is empty).
    incoming: bool,
    content_hash: u64,
}

pub(super) fn read(
    text: &Text,
    path: &Path,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    let mut pending = Vec::new();
    let has_urls = std::cell::Cell::new(false);
    let old_era = std::cell::Cell::new(false);
    let kind = if path.file_name().is_some_and(|name| name == "Messages.csv") {
        "linkedin Messages.csv (2018)"
    } else {
        Family::Messages.kind()
    };
    read_table(
        text,
        &Spec {
            path,
            kind,
            identify: &["from", "to", "date"],
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |header, _, _| {
            has_urls.set(header.has(RECIPIENT_URLS));
            old_era.set(!header.has(CONVERSATION) && header.has(DIRECTION));
            Ok(())
        },
        |row, summary| {
            let origin = row.origin;
            if row.get(MESSAGE_DRAFT).eq_ignore_ascii_case("yes")
                || row.get(CONVERSATION_DRAFT).eq_ignore_ascii_case("yes")
            {
                return super::set_aside(summary, origin, SkipReason::Draft, "never sent");
            }
            let (from_name, sender_url, text_content) =
                (row.get(FROM), row.get(SENDER_URL), row.raw(CONTENT));
            if is_sponsored(row.get(TITLE), from_name, sender_url, text_content) {
                return super::set_aside(summary, origin, SkipReason::Sponsored, from_name);
            }
            if row.get(FOLDER).eq_ignore_ascii_case("spam") {
                return super::set_aside(summary, origin, SkipReason::SpamFolder, from_name);
            }
            if from_name.is_empty() && sender_url.is_empty() {
                return super::set_aside(
                    summary,
                    origin,
                    SkipReason::NoSender,
                    "FROM and SENDER PROFILE URL are empty",
                );
            }
            let Some(at) = parse_linkedin_date(row.get(DATE)) else {
                return summary.skip(
                    origin,
                    SkipReason::BadDate,
                    &format!("DATE '{}' is not a date LinkedIn writes", row.get(DATE)),
                );
            };
            let conversation = if old_era.get() {
                format!("line {}", origin.line)
            } else {
                row.get(CONVERSATION).to_owned()
            };
            if !is_placeholder_name(from_name) {
                context.known_names.insert(name_key(from_name));
            }
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            text_content.hash(&mut hasher);
            pending.push(Pending {
                origin,
                at,
                from: person(from_name, sender_url),
                to_names: row.get(TO).to_owned(),
                to_urls: has_urls.get().then(|| {
                    row.get(RECIPIENT_URLS)
                        .split(',')
                        .map(str::trim)
                        .filter(|url| !url.is_empty())
                        .map(str::to_owned)
                        .collect()
                }),
                incoming: row.get(DIRECTION).eq_ignore_ascii_case("incoming"),
                content_hash: hasher.finish(),
                conversation,
            });
            Ok(())
        },
    )?;
    emit(pending, old_era.get(), context, seen, dataset)
}

/// Turns the kept messages into interactions, once every name is known.
fn emit(
    pending: Vec<Pending>,
    old_era: bool,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    for message in pending {
        let origin = message.origin;
        context.link(&message.from, &mut dataset.people);
        for reference in recipients(context, &message) {
            context.link(&reference, &mut dataset.people);
        }
        let from = participant(context, &message.conversation, message.from.clone());
        let mut to: Vec<PersonRef> = recipients(context, &message)
            .into_iter()
            .map(|reference| participant(context, &message.conversation, reference))
            .collect();
        if to.is_empty() && old_era && message.incoming {
            to.push(context.owner.clone());
        }
        if to.is_empty() {
            dataset.summary.skip(
                origin,
                SkipReason::NoRecipient,
                "TO and RECIPIENT PROFILE URLS are empty",
            )?;
            continue;
        }
        let key = format!(
            "message|{}|{}|{}|{:x}",
            message.conversation,
            message.at,
            reference_key(&from),
            message.content_hash
        );
        let found = Found {
            origin,
            at: message.at,
            from,
            to,
            channel: Channel::Message,
        };
        // Linked above, before the owner and placeholders were substituted.
        Sink::new(
            &mut dataset.interactions,
            &mut dataset.refs,
            &mut dataset.people,
            seen,
        )
        .emit(&mut dataset.summary, key, "message", None, found)?;
    }
    Ok(())
}

/// Sponsored `InMail` (M7): no sender URL, and HTML content with the
/// `spinmail` editor's class or an unfilled `%FIRSTNAME%`, or a conversation
/// title sent by a named person without a profile.
fn is_sponsored(title: &str, from: &str, sender_url: &str, content: &str) -> bool {
    sender_url.is_empty()
        && (content.contains("spinmail-quill-editor")
            || content.contains("%FIRSTNAME%")
            || (!title.is_empty() && !from.is_empty() && !is_placeholder_name(from)))
}

/// Everyone a message went to: by URL when the file has URLs (with the names
/// of `TO` when they split cleanly), else by the names the export knows.
fn recipients(context: &Context, message: &Pending) -> Vec<PersonRef> {
    match &message.to_urls {
        Some(urls) if !urls.is_empty() => {
            let names = split_modern_names(&message.to_names);
            if urls.len() == 1 {
                vec![person(&message.to_names, &urls[0])]
            } else if names.len() == urls.len() {
                names
                    .iter()
                    .zip(urls)
                    .map(|(name, url)| person(name, url))
                    .collect()
            } else {
                urls.iter().map(|url| person("", url)).collect()
            }
        }
        _ => split_known_names(&message.to_names, &context.known_names)
            .into_iter()
            .map(|name| person(&name, ""))
            .collect(),
    }
}

/// Since 2023 `TO` joins names with `,` and no space; a `, ` belongs to a name.
fn split_modern_names(to: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut start = 0;
    let bytes = to.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        if *byte == b',' && bytes.get(index + 1) != Some(&b' ') {
            names.push(to[start..index].trim());
            start = index + 1;
        }
    }
    names.push(to[start..].trim());
    names.retain(|name| !name.is_empty());
    names
}

/// Splits an old `TO` cell (names joined by `,` or `, `) into the longest
/// runs of parts that make a known name; unknown runs stay one name, so that
/// `Priya Natarajan, PhD` is never cut in two.
pub(super) fn split_known_names(to: &str, known: &HashSet<String>) -> Vec<String> {
    let parts: Vec<&str> = to.split(',').map(str::trim).collect();
    let mut names = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut start = 0;
    while start < parts.len() {
        let matched = (start + 1..=parts.len())
            .rev()
            .find(|end| known.contains(&name_key(&parts[start..*end].join(", "))));
        if let Some(end) = matched {
            if !unknown.is_empty() {
                names.push(unknown.join(", "));
                unknown.clear();
            }
            names.push(parts[start..end].join(", "));
            start = end;
        } else {
            unknown.push(parts[start]);
            start += 1;
        }
    }
    if !unknown.is_empty() {
        names.push(unknown.join(", "));
    }
    names.retain(|name| !name.is_empty());
    names
}

/// The owner's own name stands for the owner; a `LinkedIn Member` without a
/// URL is one hidden person per conversation.
fn participant(context: &Context, conversation: &str, reference: PersonRef) -> PersonRef {
    let name = reference.name.as_deref().unwrap_or("");
    if reference.profile_url.is_none() && is_placeholder_name(name) {
        // Conversation ids are global, so two members' exports of one
        // conversation share its hidden member; 2018 rows have no id.
        let key = if conversation.starts_with("line ") {
            format!("{}:{conversation}", context.export)
        } else {
            conversation.to_owned()
        };
        return PersonRef {
            id: Some(format!("linkedin-member:{key}")),
            name: Some(crate::keys::PLACEHOLDER_NAME.to_owned()),
            ..PersonRef::default()
        };
    }
    let same_url = match (&reference.profile_url, &context.owner.profile_url) {
        (Some(url), Some(owner)) => normalize_profile_url(url) == normalize_profile_url(owner),
        _ => true,
    };
    if same_url && context.is_owner_name(name) {
        return context.owner.clone();
    }
    if let (Some(url), Some(owner)) = (&reference.profile_url, &context.owner.profile_url)
        && normalize_profile_url(url) == normalize_profile_url(owner)
    {
        return context.owner.clone();
    }
    reference
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_modern_to_cells_only_where_no_space_follows_the_comma() {
        assert_eq!(
            split_modern_names("Ana Lopez,Priya Natarajan, PhD,Wen Li"),
            ["Ana Lopez", "Priya Natarajan, PhD", "Wen Li"]
        );
    }

    #[test]
    fn splits_old_to_cells_by_known_names_and_keeps_unknown_commas() {
        let known: HashSet<String> = ["Ana Lopez", "Wen Li", "Priya Natarajan, PhD"]
            .iter()
            .map(|name| name_key(name))
            .collect();
        assert_eq!(
            split_known_names("Ana Lopez, Wen Li", &known),
            ["Ana Lopez", "Wen Li"]
        );
        assert_eq!(
            split_known_names("Priya Natarajan, PhD", &known),
            ["Priya Natarajan, PhD"]
        );
        assert_eq!(
            split_known_names("Zed Unknown, MBA,Ana Lopez", &known),
            ["Zed Unknown, MBA", "Ana Lopez"]
        );
    }

    #[test]
    fn sponsored_inmail_is_recognised_by_its_html_or_its_title() {
        assert!(is_sponsored(
            "",
            "LinkedIn Member",
            "",
            "<p class=\"spinmail-quill-editor__spin-break\">Hi"
        ));
        assert!(is_sponsored("Summit", "Morgan Blake", "", "Join us"));
        assert!(!is_sponsored(
            "Summit",
            "Morgan Blake",
            "https://www.linkedin.com/in/m",
            "Join us"
        ));
        assert!(!is_sponsored("", "LinkedIn Member", "", "Hi Jordan"));
    }
}
