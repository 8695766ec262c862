//! mbox mailboxes (RFC 4155: Gmail Takeout, Thunderbird, Apple Mail, Unix
//! spools): each message's headers (From, To, Cc, Bcc, Date, with RFC 2047
//! names and folded lines, decoded by `mail-parser`) become one
//! [`Channel::Email`] interaction from the sender to the recipients; a
//! message without a readable `Date:` is dated by its `From ` separator line.
//! The file is streamed line by line: bodies are never kept, and only the
//! first bytes of each body line are looked at to find the next `From `
//! separator, so a huge attachment costs no memory. A message's headers are
//! read whole up to [`MAX_HEADER_BYTES`], or skipped as oversized, never kept
//! in part. Mailing lists, bulk mail, no-reply senders and Google Chat
//! records are set aside. Each message is one row of the ingest summary.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

use mail_parser::{Address, MessageParser};

use super::line_cursor::excerpt;
use super::{
    Channel, Dataset, IngestOptions, InteractionRecord, Origin, Owner, OwnerSource, PersonRef,
};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// The most header bytes read for one message (1 MiB, some 30 000
/// recipients); a message with more is skipped as oversized.
pub const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// The most bytes kept of one body line (longer lines are consumed, not
/// stored): enough to tell a `From ` separator.
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
/// (`Delivered-To`) is taken as one of the owner's when the From, To, Cc or
/// Bcc of some message read names it too; one that none names (an alias, a
/// mailbox of list mail) is no one's, and a note says how to name the owner.
pub fn read_mbox_file(path: &Path, _options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = dataset.summary.meter.open(path).map_err(read_error)?;
    let mut reader = BufReader::new(file);
    let index = dataset.summary.add_file(path, "mailbox (.mbox)");
    let mut mailbox = Mailbox {
        parser: MessageParser::new(),
        delivered_to: HashMap::new(),
        addresses: HashSet::new(),
        dated_by_separator: 0,
    };
    let mut line = Vec::with_capacity(256);
    let mut line_number: u64 = 0;
    let mut headers: Vec<u8> = Vec::new();
    let mut state = State::BeforeFirst;
    let mut origin = Origin {
        file: index,
        line: 0,
    };
    let mut separator_date = None;
    loop {
        // A header line is read whole, up to what the headers may still take.
        let cap = match state {
            State::Headers => MAX_HEADER_BYTES.saturating_sub(headers.len()) + 1,
            State::BeforeFirst | State::Body => 0,
        }
        .max(MAX_LINE_BYTES);
        let read = read_line_capped(&mut reader, &mut line, cap).map_err(read_error)?;
        if read == 0 {
            break;
        }
        line_number += 1;
        if is_separator(&line) {
            if state == State::Headers {
                // A message with no body: its headers end at the separator.
                mailbox.read_message(&headers, origin, separator_date, dataset)?;
            }
            state = State::Headers;
            origin.line = line_number;
            separator_date = separator_timestamp(&line);
            headers.clear();
            dataset.summary.count_read(index);
            continue;
        }
        if state != State::Headers {
            continue;
        }
        if line.iter().all(|byte| matches!(byte, b'\r' | b'\n')) {
            mailbox.read_message(&headers, origin, separator_date, dataset)?;
            state = State::Body;
        } else if read > line.len() || headers.len() + line.len() > MAX_HEADER_BYTES {
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
    if state == State::Headers {
        mailbox.read_message(&headers, origin, separator_date, dataset)?;
    }
    if state == State::BeforeFirst && line_number > 0 {
        return Err(Error::UnrecognisedSource {
            path: path.to_path_buf(),
            reason: "not an mbox file: no line starts with 'From '".to_owned(),
        });
    }
    if mailbox.dated_by_separator > 0 {
        dataset.summary.note(
            index,
            &format!(
                "{} messages have no readable Date header and are dated by their 'From ' line",
                mailbox.dated_by_separator
            ),
        );
    }
    mailbox.name_owner(path, index, dataset);
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    BeforeFirst,
    Headers,
    Body,
}

/// What reading a mailbox keeps besides its messages.
struct Mailbox {
    parser: MessageParser,
    /// How often each `Delivered-To` address (lower case) receives mail.
    delivered_to: HashMap<String, u64>,
    /// Every address (lower case) of a message read.
    addresses: HashSet<String>,
    /// Messages dated by their separator line.
    dated_by_separator: u64,
}

impl Mailbox {
    /// Adds the mailbox's owner to `dataset.owners`: the address that
    /// receives most mail among those some message names; else a note.
    fn name_owner(self, path: &Path, index: u32, dataset: &mut Dataset) {
        let mut candidates: Vec<(String, u64)> = self.delivered_to.into_iter().collect();
        // Most mail first, then by address: the choice never depends on the
        // order of a map.
        candidates.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
        let Some((first, _)) = candidates.first() else {
            return;
        };
        let Some((owner, _)) = candidates
            .iter()
            .find(|(address, _)| self.addresses.contains(address))
        else {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            dataset.summary.note(
                index,
                &format!(
                    "no owner known for {name}: its Delivered-To address {} is in no From, To or \
                     Cc header (an alias, or a mailbox of list mail); give your own address with --me",
                    excerpt(first)
                ),
            );
            return;
        };
        if !dataset
            .owners
            .iter()
            .any(|known| known.reference.email.as_deref() == Some(owner.as_str()))
        {
            dataset.owners.push(Owner {
                reference: PersonRef {
                    email: Some(owner.clone()),
                    ..PersonRef::default()
                },
                source: OwnerSource::Mailbox(path.to_path_buf()),
            });
        }
    }

    /// Keeps the addresses of a message that is read, to tell the owner by:
    /// only they become people.
    fn remember<'a>(&mut self, addresses: impl Iterator<Item = &'a str>) {
        for email in addresses {
            let email = email.to_ascii_lowercase();
            if !self.addresses.contains(&email) {
                self.addresses.insert(email);
            }
        }
    }

    /// Reads one message's headers: an email from its sender to its other
    /// recipients, or a skip with its reason. `separator_date` dates a
    /// message that has no readable `Date:`.
    fn read_message(
        &mut self,
        headers: &[u8],
        origin: Origin,
        separator_date: Option<i64>,
        dataset: &mut Dataset,
    ) -> Result<()> {
        let summary = &mut dataset.summary;
        let Some(message) = self.parser.parse_headers(headers) else {
            return summary.skip(
                origin,
                SkipReason::MalformedMessage,
                "no headers could be parsed",
            );
        };
        if let Some(address) = message.header_raw("Delivered-To").and_then(email_of) {
            *self
                .delivered_to
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
                &format!("'{}' does not take replies", excerpt(sender_email)),
            );
        }
        let at = match (message.date(), separator_date) {
            (Some(date), _) => date.to_timestamp(),
            (None, Some(at)) => {
                self.dated_by_separator += 1;
                at
            }
            (None, None) => {
                return summary.skip(
                    origin,
                    SkipReason::BadDate,
                    "no readable Date header, and its 'From ' line has no date",
                );
            }
        };
        let (to, to_self) = other_recipients(&recipients, sender_email);
        if to.is_empty() && to_self {
            return summary.skip(origin, SkipReason::SentToSelf, "a note to self");
        }
        if to.is_empty() {
            return summary.skip(
                origin,
                SkipReason::UnparsableAddress,
                "no recipient with an email address",
            );
        }
        summary.count_used(origin.file);
        self.remember(
            std::iter::once(sender_email).chain(to.iter().filter_map(|to| to.email.as_deref())),
        );
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

/// The instant a separator line gives: `From sender Tue Nov 17 21:20:02
/// 2026` (asctime, in UTC as RFC 4155 says), with the numeric zone some
/// writers put before the year (`21:20:02 +0000 2026`).
fn separator_timestamp(line: &[u8]) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = String::from_utf8_lossy(line.strip_prefix(b"From ")?);
    let words: Vec<&str> = text.split_whitespace().skip(1).collect();
    let (at, month) = words.iter().enumerate().find_map(|(at, word)| {
        MONTHS
            .iter()
            .position(|month| word.eq_ignore_ascii_case(month))
            .map(|month| (at, month))
    })?;
    let day: i8 = words.get(at + 1)?.parse().ok()?;
    let mut clock = words.get(at + 2)?.split(':').map(str::parse::<i8>);
    let (hour, minute) = (clock.next()?.ok()?, clock.next()?.ok()?);
    let second = clock.next().and_then(Result::ok).unwrap_or(0);
    let mut offset_secs = 0_i64;
    let mut year = None;
    for word in words.iter().skip(at + 3) {
        if word.len() == 4 && word.bytes().all(|byte| byte.is_ascii_digit()) {
            year = word.parse::<i16>().ok();
            break;
        }
        if let Some(digits) = word.strip_prefix(['+', '-'])
            && digits.len() == 4
            && let (Ok(hours), Ok(minutes)) =
                (digits[..2].parse::<i64>(), digits[2..].parse::<i64>())
        {
            let secs = hours * 3600 + minutes * 60;
            offset_secs = if word.starts_with('-') { -secs } else { secs };
        }
    }
    let month = i8::try_from(month + 1).ok()?;
    let date = jiff::civil::Date::new(year?, month, day).ok()?;
    let time = jiff::civil::Time::new(hour, minute, second, 0).ok()?;
    let utc = jiff::tz::TimeZone::UTC
        .to_timestamp(date.to_datetime(time))
        .ok()?;
    Some(utc.as_second() - offset_secs)
}

/// Reads one line into `line`, keeping at most `cap` bytes of it and
/// consuming the rest. Returns the bytes consumed (0 at the end): more than
/// `line` holds when the line was cut.
fn read_line_capped(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
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
        let room = cap.saturating_sub(line.len());
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
    let mut seen: HashSet<String> = HashSet::new();
    let mut to_self = false;
    for address in recipients {
        for recipient in address.iter() {
            let Some(email) = recipient.address().and_then(email_of) else {
                continue;
            };
            if email.eq_ignore_ascii_case(sender_email) {
                to_self = true;
            } else if seen.insert(email.to_ascii_lowercase()) {
                to.push(person_ref(email, recipient.name()));
            }
        }
    }
    (to, to_self)
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
            read_line_capped(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(),
            MAX_LINE_BYTES * 3 + 1
        );
        assert_eq!(line.len(), MAX_LINE_BYTES);
        read_line_capped(&mut reader, &mut line, MAX_LINE_BYTES).unwrap();
        assert_eq!(line, b"From next\n");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(),
            0
        );
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
    fn separator_dates_are_asctime_in_utc_with_an_optional_zone() {
        assert_eq!(
            separator_timestamp(b"From ana@example.com Tue Nov 17 21:20:02 2026\n"),
            Some(1_794_950_402)
        );
        assert_eq!(
            separator_timestamp(b"From 1790@xxx Tue Nov 17 22:20:02 +0100 2026\n"),
            Some(1_794_950_402)
        );
        assert_eq!(
            separator_timestamp(b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\r\n"),
            Some(1_310_126_914)
        );
        assert_eq!(
            separator_timestamp(b"From x Xyz Abc 20 10:00:00 2026\n"),
            None
        );
        assert_eq!(
            separator_timestamp(b"From x Tue Feb 30 10:00:00 2026\n"),
            None
        );
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
