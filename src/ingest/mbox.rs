//! mbox mailboxes (Gmail Takeout): each message's headers (From, To, Cc, Bcc,
//! Date, with RFC 2047 names and folded lines, decoded by `mail-parser`)
//! become one [`Channel::Email`] interaction from the sender to the
//! recipients. The file is streamed line by line: bodies are never kept, and
//! only the first bytes of each body line are looked at to find the next
//! `From ` separator, so a huge attachment costs no memory. Mailing lists,
//! bulk mail, no-reply senders and Google Chat records are counted skips. Each
//! message is one row of the ingest summary.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use mail_parser::{Address, MessageParser};

use super::line_cursor::excerpt;
use super::{Channel, Dataset, IngestOptions, InteractionRecord, Origin, PersonRef};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// The most header bytes kept for one message; the rest are not read into memory.
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// The most bytes of one line kept (longer lines are consumed, not stored).
const MAX_LINE_BYTES: usize = 16 * 1024;

/// Local parts of automated senders that never answer.
const NO_REPLY_MARKERS: [&str; 6] = [
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "mailer-daemon",
];

/// Reads one mbox file into `dataset`. The address that receives most mail
/// (`Delivered-To`) is taken as one of the owner's.
pub fn read_mbox_file(path: &Path, _options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut reader = BufReader::new(file);
    let index = dataset.summary.add_file(path, "mailbox (.mbox)");
    let mut line = Vec::with_capacity(256);
    let mut line_number: u64 = 0;
    let mut headers: Vec<u8> = Vec::new();
    let mut state = State::BeforeFirst;
    let mut start_line = 0;
    let mut delivered_to: HashMap<String, u64> = HashMap::new();
    let parser = MessageParser::new();
    loop {
        let read = read_line_capped(&mut reader, &mut line).map_err(read_error)?;
        if read == 0 {
            break;
        }
        line_number += 1;
        let separator = is_separator(&line);
        if separator {
            if state == State::Headers {
                // A message with no body: its headers end at the separator.
                let origin = Origin {
                    file: index,
                    line: start_line,
                };
                read_message(&parser, &headers, origin, dataset, &mut delivered_to)?;
            }
            state = State::Headers;
            start_line = line_number;
            headers.clear();
            dataset.summary.count_read(index);
            continue;
        }
        match state {
            State::BeforeFirst | State::Body => {}
            State::Headers => {
                let blank = line.iter().all(|byte| matches!(byte, b'\r' | b'\n'));
                if blank {
                    let origin = Origin {
                        file: index,
                        line: start_line,
                    };
                    read_message(&parser, &headers, origin, dataset, &mut delivered_to)?;
                    state = State::Body;
                } else if headers.len() + line.len() > MAX_HEADER_BYTES {
                    let origin = Origin {
                        file: index,
                        line: start_line,
                    };
                    dataset.summary.skip(
                        origin,
                        SkipReason::OversizedHeaders,
                        &format!("headers longer than {MAX_HEADER_BYTES} bytes"),
                    )?;
                    state = State::Body;
                } else {
                    headers.extend_from_slice(&line);
                }
            }
        }
    }
    if state == State::Headers {
        let origin = Origin {
            file: index,
            line: start_line,
        };
        read_message(&parser, &headers, origin, dataset, &mut delivered_to)?;
    }
    if state == State::BeforeFirst && line_number > 0 {
        return Err(Error::UnrecognisedSource {
            path: path.to_path_buf(),
            reason: "not an mbox file: no line starts with 'From '".to_owned(),
        });
    }
    if let Some((owner, _)) = delivered_to
        .into_iter()
        .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
        && !dataset
            .owners
            .iter()
            .any(|known| known.email.as_deref() == Some(owner.as_str()))
    {
        dataset.owners.push(PersonRef {
            email: Some(owner),
            ..PersonRef::default()
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    BeforeFirst,
    Headers,
    Body,
}

/// True for an mbox separator: `From <sender> <date>`, where the date has a
/// time and a year. A body line that only starts with "From " (unescaped in
/// the mboxo dialect) is not one.
fn is_separator(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let words: Vec<&[u8]> = rest
        .split(u8::is_ascii_whitespace)
        .filter(|word| !word.is_empty())
        .collect();
    let time = words.iter().any(|word| {
        word.len() >= 5
            && word
                .iter()
                .all(|byte| byte.is_ascii_digit() || *byte == b':')
            && word.contains(&b':')
    });
    let year = words
        .iter()
        .any(|word| word.len() == 4 && word.iter().all(u8::is_ascii_digit));
    words.len() >= 3 && time && year
}

/// Reads one line into `line`, keeping at most [`MAX_LINE_BYTES`] of it and
/// consuming the rest. Returns the bytes consumed (0 at the end).
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match buffer.iter().position(|byte| *byte == b'\n') {
            Some(end) => (end + 1, true),
            None => (buffer.len(), false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(line.len());
        line.extend_from_slice(&buffer[..take.min(room)]);
        reader.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

/// Everyone a message went to other than its sender, once each (by email,
/// any case), and whether the sender was among the recipients.
fn other_recipients(recipients: &[&Address<'_>], sender_email: &str) -> (Vec<PersonRef>, bool) {
    let mut to: Vec<PersonRef> = Vec::new();
    let mut to_self = false;
    for address in recipients {
        for recipient in address.iter() {
            let Some(email) = recipient.address().and_then(email_of) else {
                continue;
            };
            to_self |= email.eq_ignore_ascii_case(sender_email);
            if email.eq_ignore_ascii_case(sender_email)
                || to.iter().any(|known| {
                    known
                        .email
                        .as_deref()
                        .is_some_and(|known| known.eq_ignore_ascii_case(email))
                })
            {
                continue;
            }
            to.push(person_ref(email, recipient.name()));
        }
    }
    (to, to_self)
}

fn read_message(
    parser: &MessageParser,
    headers: &[u8],
    origin: Origin,
    dataset: &mut Dataset,
    delivered_to: &mut HashMap<String, u64>,
) -> Result<()> {
    let summary = &mut dataset.summary;
    let Some(message) = parser.parse_headers(headers) else {
        return summary.skip(
            origin,
            SkipReason::MalformedMessage,
            "no headers could be parsed",
        );
    };
    if let Some(address) = message.header_raw("Delivered-To").and_then(email_of) {
        *delivered_to
            .entry(address.to_ascii_lowercase())
            .or_insert(0) += 1;
    }
    let from = message.from();
    let recipients: Vec<&Address<'_>> = [message.to(), message.cc(), message.bcc()]
        .into_iter()
        .flatten()
        .collect();
    if from.is_none() && recipients.is_empty() {
        return summary.skip(
            origin,
            SkipReason::NoSenderOrRecipients,
            "no From, To or Cc (as in Google Chat records)",
        );
    }
    let labels = gmail_labels(&message);
    if has_label(&labels, "spam") {
        return summary.skip(origin, SkipReason::Spam, "Gmail labelled it Spam");
    }
    if let Some(reason) = bulk_reason(&message, &recipients) {
        return summary.skip(origin, SkipReason::BulkMail, &reason);
    }
    let Some(sender) = from.and_then(Address::first) else {
        return summary.skip(origin, SkipReason::UnparsableAddress, "no sender address");
    };
    let Some(sender_email) = sender.address().and_then(email_of) else {
        return summary.skip(
            origin,
            SkipReason::UnparsableAddress,
            &format!(
                "sender '{}' is not an email address",
                excerpt(sender.address().unwrap_or(""))
            ),
        );
    };
    if is_no_reply(sender_email) {
        return summary.skip(
            origin,
            SkipReason::NoReplySender,
            &format!("'{sender_email}' does not take replies"),
        );
    }
    let Some(date) = message.date() else {
        return summary.skip(origin, SkipReason::BadDate, "no parsable Date header");
    };
    let at = date.to_timestamp();
    let (to, to_self) = other_recipients(&recipients, sender_email);
    if to.is_empty() && to_self {
        return summary.skip(origin, SkipReason::SelfTie, "sent only to the sender");
    }
    if to.is_empty() {
        return summary.skip(
            origin,
            SkipReason::UnparsableAddress,
            "no recipient with an email address",
        );
    }
    summary.count_used(origin.file);
    // Google Chat records with headers are chat messages, not mail.
    let channel = if has_label(&labels, "chat") {
        Channel::Message
    } else {
        Channel::Email
    };
    dataset.interactions.push(InteractionRecord {
        origin,
        at,
        from: dataset.refs.intern(person_ref(sender_email, sender.name())),
        to: to.into_iter().map(|to| dataset.refs.intern(to)).collect(),
        channel,
        duration_secs: None,
    });
    Ok(())
}

/// Why a message is bulk mail rather than a personal one, if it is.
fn bulk_reason(message: &mail_parser::Message<'_>, recipients: &[&Address<'_>]) -> Option<String> {
    if message.header("List-Id").is_some() {
        return Some("has a List-Id header".to_owned());
    }
    if let Some(precedence) = message
        .header_raw("Precedence")
        .map(str::trim)
        .filter(|value| {
            ["bulk", "list", "junk"]
                .iter()
                .any(|bulk| value.eq_ignore_ascii_case(bulk))
        })
    {
        return Some(format!("Precedence: {precedence}"));
    }
    let undisclosed = recipients.iter().any(|address| {
        address.as_group().is_some_and(|groups| {
            groups.iter().any(|group| {
                group
                    .name
                    .as_deref()
                    .is_some_and(|name| name.trim().eq_ignore_ascii_case("undisclosed-recipients"))
            })
        })
    });
    undisclosed.then(|| "sent to undisclosed-recipients".to_owned())
}

/// The Gmail labels of a Takeout message (`X-Gmail-Labels`, RFC 2047
/// decoded). A Takeout mailbox holds spam, trash and chats too.
fn gmail_labels(message: &mail_parser::Message<'_>) -> Vec<String> {
    message
        .header_as("X-Gmail-Labels", mail_parser::HeaderForm::Text)
        .iter()
        .filter_map(mail_parser::HeaderValue::as_text)
        .flat_map(|labels| labels.split(','))
        .map(|label| label.trim().to_owned())
        .collect()
}

fn has_label(labels: &[String], wanted: &str) -> bool {
    labels
        .iter()
        .any(|label| label.eq_ignore_ascii_case(wanted))
}

fn is_no_reply(email: &str) -> bool {
    let local = email
        .split_once('@')
        .map_or(email, |(local, _)| local)
        .to_ascii_lowercase();
    NO_REPLY_MARKERS.iter().any(|marker| local.contains(marker))
}

/// The text if it is a plausible email address.
fn email_of(text: &str) -> Option<&str> {
    let text = text.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, domain) = text.split_once('@')?;
    (!local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace))
    .then_some(text)
}

fn person_ref(email: &str, name: Option<&str>) -> PersonRef {
    PersonRef {
        email: Some(email.to_owned()),
        name: name
            .map(|name| name.trim().trim_matches('"').trim())
            .filter(|name| !name.is_empty() && !name.eq_ignore_ascii_case(email))
            .map(str::to_owned),
        ..PersonRef::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_consumed_but_only_their_start_is_kept() {
        let mut text = vec![b'x'; MAX_LINE_BYTES * 3];
        text.extend_from_slice(b"\nFrom next\n");
        let mut reader = BufReader::with_capacity(1024, text.as_slice());
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut line).unwrap(),
            MAX_LINE_BYTES * 3 + 1
        );
        assert_eq!(line.len(), MAX_LINE_BYTES);
        read_line_capped(&mut reader, &mut line).unwrap();
        assert_eq!(line, b"From next\n");
        assert_eq!(read_line_capped(&mut reader, &mut line).unwrap(), 0);
    }

    #[test]
    fn separator_needs_a_date_after_the_sender() {
        assert!(is_separator(
            b"From 1790000000000000001@xxx Tue Nov 17 21:20:02 +0000 2026\n"
        ));
        assert!(is_separator(
            b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\r\n"
        ));
        assert!(!is_separator(b"From my side: you two should talk.\n"));
        assert!(!is_separator(b"From: Ana Lopez <ana.lopez@example.com>\n"));
    }

    #[test]
    fn recognises_no_reply_senders() {
        assert!(is_no_reply("no-reply@news.example.com"));
        assert!(is_no_reply("NoReply@example.com"));
        assert!(is_no_reply("mailer-daemon@example.com"));
        assert!(!is_no_reply("noah.williams@example.com"));
    }

    #[test]
    fn accepts_only_plausible_addresses() {
        assert_eq!(email_of(" <ana@example.com> "), Some("ana@example.com"));
        assert_eq!(email_of("@example.com"), None);
        assert_eq!(email_of("ana@localhost"), None);
        assert_eq!(email_of("not an@address.com"), None);
    }
}
