//! `SocioPatterns` household contacts (Kiti et al., *EPJ Data Science* 2016,
//! Kilifi, Kenya): `scc2034_kilifi_all_contacts_*_households.csv` files of
//! `h1,m1,h2,m2,age1,age2,sex1,sex2,duration,day,hour` rows, told apart by
//! their header. This reader only parses; it knows nothing of scoring.
//!
//! Mapping: a person is household + member, `h-m` (`E-23`: members are
//! numbered within their household only). A row is one [`Channel::Meeting`]
//! of `duration` seconds at `(day − 1) · 86400 + hour · 3600` seconds after
//! [`HOUSEHOLDS_EPOCH`]; `hour` is the end of the hour the contact fell in
//! (7 = 6–7 am), the data's only resolution. Ages and sexes are not read.

use super::SkipReason;
use std::path::Path;

use super::csv_table::CsvTable;
use super::{Channel, Dataset, IngestOptions, InteractionRecord};
use crate::error::Result;

/// The instant day 1 starts at: 2012-04-25 00:00:00 UTC, the first day of
/// the first household (L) in the publisher's variables dictionary. Every
/// household's day 1 maps to it, as the data's own `day` column does (the
/// households' real days differ by up to two weeks).
pub const HOUSEHOLDS_EPOCH: i64 = 1_335_312_000;

/// What the summary calls a household contacts file.
pub const HOUSEHOLDS_KIND: &str = "sociopatterns household contacts";

const COLUMNS: [&str; 7] = ["h1", "m1", "h2", "m2", "duration", "day", "hour"];

/// True when a header (cells normalised) holds every column the reader needs.
#[must_use]
pub fn is_households_header(cells: &[String]) -> bool {
    COLUMNS.iter().all(|name| cells.iter().any(|c| c == name))
}

/// Reads a household contacts file into `dataset`, one meeting per row.
pub fn read_households_file(
    path: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    dataset.summary.strict = options.strict;
    let table = CsvTable::open_file(path, HOUSEHOLDS_KIND, &COLUMNS, &mut dataset.summary)?;
    table.require(&[0, 1, 2, 3, 4, 5, 6], &COLUMNS)?;
    let (interactions, refs) = (&mut dataset.interactions, &mut dataset.refs);
    table.for_each_row(&mut dataset.summary, |row, summary| {
        let origin = row.origin;
        let (h1, m1, h2, m2) = (row.get(0), row.get(1), row.get(2), row.get(3));
        if [h1, m1, h2, m2].iter().any(|part| part.is_empty()) {
            return summary.skip(
                origin,
                SkipReason::EmptyReference,
                "h1, m1, h2 and m2 are all needed",
            );
        }
        let Some(duration) = row.get(4).parse::<u32>().ok().filter(|d| *d > 0) else {
            return summary.skip(
                origin,
                SkipReason::BadDuration,
                &format!("'{}' is not a positive number of seconds", row.get(4)),
            );
        };
        let Some(day) = row
            .get(5)
            .parse::<i64>()
            .ok()
            .filter(|day| (1..=366).contains(day))
        else {
            return summary.skip(
                origin,
                SkipReason::BadDay,
                &format!("'{}' is not a day number from 1", row.get(5)),
            );
        };
        let Some(hour) = row
            .get(6)
            .parse::<i64>()
            .ok()
            .filter(|hour| (0..24).contains(hour))
        else {
            return summary.skip(
                origin,
                SkipReason::BadHour,
                &format!("'{}' is not an hour from 0 to 23", row.get(6)),
            );
        };
        let (a, b) = (format!("{h1}-{m1}"), format!("{h2}-{m2}"));
        if a == b {
            return summary.skip(
                origin,
                SkipReason::SelfTie,
                &format!("'{a}' in contact with themselves"),
            );
        }
        summary.count_used(origin.file);
        interactions.push(InteractionRecord {
            origin,
            at: HOUSEHOLDS_EPOCH + (day - 1) * 86_400 + hour * 3_600,
            from: refs.id(&a),
            to: vec![refs.id(&b)],
            channel: Channel::Meeting,
            duration_secs: Some(duration),
        });
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_published_header() {
        let cells: Vec<String> = "h1,m1,h2,m2,age1,age2,sex1,sex2,duration,day,hour"
            .split(',')
            .map(str::to_owned)
            .collect();
        assert!(is_households_header(&cells));
        assert!(!is_households_header(&cells[..4]));
    }
}
