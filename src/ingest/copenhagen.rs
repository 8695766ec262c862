//! Copenhagen Networks Study phone logs (Sapiezynski et al., *Scientific Data*
//! 2019): `calls.csv` (`timestamp,caller,callee,duration`) and `sms.csv`
//! (`timestamp,sender,recipient`), told apart by their headers. Times are
//! seconds since the study began and carry no date, so [`COPENHAGEN_EPOCH`]
//! is added to them. This reader only parses; it knows nothing of scoring.
//!
//! Mapping: an answered call is a [`Channel::Call`] from caller to callee with
//! its duration; an SMS is a [`Channel::Message`] from sender to recipient. A
//! missed call (duration `-1`) is an attempt by the caller that the callee
//! never took part in. A call is mutual by nature in warmpath's channels (both
//! people take part, so it opens the reciprocity gate and counts time
//! together), which a missed call is not; it is read as a `message` from the
//! caller: one-way, no time together, a written-contact depth.

use super::SkipReason;
use std::path::Path;

use super::csv_table::CsvTable;
use super::{Channel, Dataset, IngestOptions, InteractionRecord};
use crate::error::Result;

/// The instant added to the study's relative times: 2013-01-07 00:00:00
/// UTC, an arbitrary Monday at midnight (the files give no date), so that
/// dates print sensibly and days start where the study's days start.
pub const COPENHAGEN_EPOCH: i64 = 1_357_516_800;

/// What the summary calls a calls file.
pub const CALLS_KIND: &str = "copenhagen calls";
/// What the summary calls an SMS file.
pub const SMS_KIND: &str = "copenhagen sms";

/// The duration `calls.csv` gives a missed call.
const MISSED_CALL: i64 = -1;

const CALL_COLUMNS: [&str; 4] = ["timestamp", "caller", "callee", "duration"];
const SMS_COLUMNS: [&str; 3] = ["timestamp", "sender", "recipient"];

/// Which of the two files a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopenhagenFile {
    /// `timestamp,caller,callee,duration`.
    Calls,
    /// `timestamp,sender,recipient`.
    Sms,
}

impl CopenhagenFile {
    /// The file a header (cells normalised) is, if either: the columns in
    /// any order, no others.
    #[must_use]
    pub fn from_header(cells: &[String]) -> Option<Self> {
        let is = |columns: &[&str]| {
            cells.len() == columns.len()
                && columns.iter().all(|name| cells.iter().any(|c| c == name))
        };
        if is(&CALL_COLUMNS) {
            Some(Self::Calls)
        } else if is(&SMS_COLUMNS) {
            Some(Self::Sms)
        } else {
            None
        }
    }
}

/// Reads one Copenhagen file into `dataset`.
pub fn read_copenhagen_file(
    path: &Path,
    file: CopenhagenFile,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    dataset.summary.strict = options.strict;
    let (kind, columns): (&str, &[&str]) = match file {
        CopenhagenFile::Calls => (CALLS_KIND, &CALL_COLUMNS),
        CopenhagenFile::Sms => (SMS_KIND, &SMS_COLUMNS),
    };
    let table = CsvTable::open_file(path, kind, columns, &mut dataset.summary)?;
    let required: Vec<usize> = (0..columns.len()).collect();
    table.require(&required, columns)?;
    let (interactions, refs) = (&mut dataset.interactions, &mut dataset.refs);
    table.for_each_row(&mut dataset.summary, |row, summary| {
        let origin = row.origin;
        let Some(at) = seconds(row.get(0)) else {
            return summary.skip(
                origin,
                SkipReason::BadTimestamp,
                &format!(
                    "'{}' is not whole seconds since the study began",
                    row.get(0)
                ),
            );
        };
        let (from, to) = (row.get(1), row.get(2));
        if from.is_empty() || to.is_empty() {
            return summary.skip(origin, SkipReason::EmptyReference, "a user id is empty");
        }
        if from == to {
            return summary.skip(
                origin,
                SkipReason::SelfTie,
                &format!("'{from}' reached themselves"),
            );
        }
        let (channel, duration_secs) = match file {
            CopenhagenFile::Sms => (Channel::Message, None),
            CopenhagenFile::Calls => match row.get(3).parse::<i64>() {
                Ok(MISSED_CALL) => (Channel::Message, None),
                Ok(duration) if duration >= 0 => (
                    Channel::Call,
                    Some(u32::try_from(duration).unwrap_or(u32::MAX)),
                ),
                _ => {
                    return summary.skip(
                        origin,
                        SkipReason::BadDuration,
                        &format!("'{}' is neither seconds nor -1 (a missed call)", row.get(3)),
                    );
                }
            },
        };
        summary.count_used(origin.file);
        interactions.push(InteractionRecord {
            origin,
            at,
            from: refs.id(from),
            to: vec![refs.id(to)],
            channel,
            duration_secs,
        });
        Ok(())
    })
}

/// Whole, non-negative seconds since the study began, as unix seconds.
fn seconds(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok()?.checked_add(COPENHAGEN_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<String> {
        text.split(',').map(str::to_owned).collect()
    }

    #[test]
    fn tells_the_two_files_apart_by_header() {
        assert_eq!(
            CopenhagenFile::from_header(&cells("timestamp,caller,callee,duration")),
            Some(CopenhagenFile::Calls)
        );
        assert_eq!(
            CopenhagenFile::from_header(&cells("timestamp,sender,recipient")),
            Some(CopenhagenFile::Sms)
        );
        assert_eq!(
            CopenhagenFile::from_header(&cells("timestamp,from,to,channel,duration")),
            None
        );
        assert_eq!(
            CopenhagenFile::from_header(&cells("timestamp,sender,recipient,extra")),
            None
        );
    }

    #[test]
    fn relative_seconds_start_at_the_epoch() {
        assert_eq!(seconds("0"), Some(COPENHAGEN_EPOCH));
        assert_eq!(seconds("86400"), Some(COPENHAGEN_EPOCH + 86_400));
        assert_eq!(seconds("-5"), None);
        assert_eq!(seconds("1.5"), None);
        assert_eq!(seconds(""), None);
    }
}
