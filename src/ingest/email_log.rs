//! E-mail logs of one row per recipient, `Sender;Recipient;EventDate`
//! (`;`-separated, UTC `YYYY-MM-DD hh:mm:ss`), as in the manufacturing
//! company data set (Michalski et al., `communication.csv`). This reader only
//! parses; it knows nothing of scoring.
//!
//! Rows with the same sender and time are one e-mail to several recipients:
//! they become one [`Channel::Email`] record with every recipient in `to`, so
//! that group dilution applies as it does to a mailbox. A recipient listed
//! again at the same sender and time is a second e-mail sent within that
//! second: the rows split into as many e-mails as the most repeated recipient
//! has rows, the n-th row of each recipient in the n-th e-mail. A sender
//! among their own recipients is a skipped row (`self-tie`).

use super::SkipReason;
use std::path::Path;

use super::csv_table::CsvTable;
use super::{Channel, Dataset, IngestOptions, InteractionRecord, Origin, RefId, parse_timestamp};
use crate::error::Result;

/// What the summary calls an e-mail log.
pub const EMAIL_LOG_KIND: &str = "email log";

/// The field separator of an e-mail log.
pub const EMAIL_LOG_DELIMITER: u8 = b';';

const COLUMNS: [&str; 3] = ["sender", "recipient", "eventdate"];

/// True when a header (cells split at `;`, normalised) is an e-mail log's:
/// the three columns in any order, no others.
#[must_use]
pub fn is_email_log_header(cells: &[String]) -> bool {
    cells.len() == COLUMNS.len() && COLUMNS.iter().all(|name| cells.iter().any(|c| c == name))
}

/// One row: a recipient of the e-mail `sender` sent at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    sender: RefId,
    at: i64,
    line: u64,
    recipient: RefId,
}

/// Reads an e-mail log into `dataset`, one [`InteractionRecord`] per e-mail
/// (in the order of each e-mail's first row), every row counted.
pub fn read_email_log(path: &Path, options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    dataset.summary.strict = options.strict;
    let table = CsvTable::open_file_delimited(
        path,
        EMAIL_LOG_KIND,
        &COLUMNS,
        EMAIL_LOG_DELIMITER,
        &mut dataset.summary,
    )?;
    table.require(&[0, 1, 2], &COLUMNS)?;
    let file = table.file();
    let mut rows = Vec::new();
    let refs = &mut dataset.refs;
    table.for_each_row(&mut dataset.summary, |row, summary| {
        let origin = row.origin;
        let (sender, recipient) = (row.get(0), row.get(1));
        if sender.is_empty() || recipient.is_empty() {
            return summary.skip(
                origin,
                SkipReason::EmptyReference,
                "Sender or Recipient is empty",
            );
        }
        let Some(at) = parse_timestamp(row.get(2)) else {
            return summary.skip(
                origin,
                SkipReason::BadTimestamp,
                &format!("'{}' is not YYYY-MM-DD hh:mm:ss", row.get(2)),
            );
        };
        if sender == recipient {
            return summary.skip(
                origin,
                SkipReason::SelfTie,
                &format!("'{sender}' sent to themselves"),
            );
        }
        summary.count_used(origin.file);
        rows.push(Row {
            sender: refs.id(sender),
            at,
            line: origin.line,
            recipient: refs.id(recipient),
        });
        Ok(())
    })?;
    let mut emails = group_emails(rows, file);
    emails.sort_by_key(|email| email.origin.line);
    dataset.interactions.extend(emails);
    Ok(())
}

/// The e-mails the rows of one file describe (see the module docs).
fn group_emails(mut rows: Vec<Row>, file: u32) -> Vec<InteractionRecord> {
    rows.sort_unstable();
    let mut emails = Vec::new();
    for group in rows.chunk_by(|x, y| (x.sender, x.at) == (y.sender, y.at)) {
        // Rows are in line order within the group: the n-th row naming a
        // recipient goes to the n-th e-mail.
        let mut copies: Vec<InteractionRecord> = Vec::new();
        let mut seen: Vec<(RefId, usize)> = Vec::new();
        for row in group {
            let earlier = seen
                .iter_mut()
                .find(|(recipient, _)| *recipient == row.recipient);
            let copy = if let Some((_, count)) = earlier {
                *count += 1;
                *count - 1
            } else {
                seen.push((row.recipient, 1));
                0
            };
            if copy == copies.len() {
                copies.push(InteractionRecord {
                    origin: Origin {
                        file,
                        line: row.line,
                    },
                    at: row.at,
                    from: row.sender,
                    to: Vec::new(),
                    channel: Channel::Email,
                    duration_secs: None,
                });
            }
            copies[copy].to.push(row.recipient);
        }
        emails.append(&mut copies);
    }
    emails
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(sender: u32, at: i64, line: u64, recipient: u32) -> Row {
        Row {
            sender: RefId(sender),
            at,
            line,
            recipient: RefId(recipient),
        }
    }

    #[test]
    fn rows_with_one_sender_and_time_are_one_email() {
        let emails = group_emails(
            vec![
                row(1, 10, 2, 2),
                row(1, 10, 3, 3),
                row(1, 11, 4, 2),
                row(4, 10, 5, 2),
            ],
            0,
        );
        let to: Vec<Vec<u32>> = emails
            .iter()
            .map(|email| email.to.iter().map(|id| id.0).collect())
            .collect();
        assert_eq!(to, vec![vec![2, 3], vec![2], vec![2]]);
        assert_eq!(emails[0].origin.line, 2);
    }

    #[test]
    fn a_repeated_recipient_starts_a_second_email() {
        let emails = group_emails(
            vec![
                row(1, 10, 2, 2),
                row(1, 10, 3, 3),
                row(1, 10, 4, 2),
                row(1, 10, 5, 3),
                row(1, 10, 6, 2),
            ],
            0,
        );
        let to: Vec<(u64, Vec<u32>)> = emails
            .iter()
            .map(|email| (email.origin.line, email.to.iter().map(|id| id.0).collect()))
            .collect();
        assert_eq!(to, vec![(2, vec![2, 3]), (4, vec![2, 3]), (6, vec![2])]);
    }

    #[test]
    fn recognises_the_header_in_any_order() {
        let cells = |text: &str| -> Vec<String> { text.split(';').map(str::to_owned).collect() };
        assert!(is_email_log_header(&cells("sender;recipient;eventdate")));
        assert!(is_email_log_header(&cells("eventdate;sender;recipient")));
        assert!(!is_email_log_header(&cells("sender;recipient")));
    }
}
