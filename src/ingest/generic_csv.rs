//! The generic CSV dataset: a folder with any of `people.csv`,
//! `interactions.csv` and `relationships.csv` (format documented in the
//! README). Columns are mapped by name; extra columns are ignored.

use std::path::Path;

use super::csv_table::{Cells, CsvTable};
use super::files::{Seen, is_regular_file};
use super::{
    Channel, Dataset, DeclaredSince, DeclaredStrength, IngestOptions, InteractionRecord,
    PersonRecord, RefId, RefTable, RelationshipRecord, parse_timestamp,
};
use crate::error::{Error, Result};
use crate::ingest::{IngestSummary, SkipReason};
use crate::time::SECONDS_PER_DAY;

/// File names of the generic CSV dataset.
pub const GENERIC_FILES: [&str; 3] = ["people.csv", "interactions.csv", "relationships.csv"];

/// Separator between several people in one `to` cell.
const RECIPIENT_SEPARATOR: char = ';';

/// Reads the generic CSV files in `folder` into `dataset`. At least one of
/// them must be present.
pub fn read_generic_folder(
    folder: &Path,
    options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    read_generic_files(folder, options, &mut Seen::default(), dataset)
}

/// [`read_generic_folder`], reading only the files not `seen` before (the
/// others are noted as already read).
pub(crate) fn read_generic_files(
    folder: &Path,
    options: IngestOptions,
    seen: &mut Seen,
    dataset: &mut Dataset,
) -> Result<()> {
    let present: Vec<&str> = GENERIC_FILES
        .into_iter()
        .filter(|name| is_regular_file(&folder.join(name)))
        .collect();
    if present.is_empty() {
        return Err(Error::UnrecognisedSource {
            path: folder.to_path_buf(),
            reason: super::survey::nothing_here(folder),
        });
    }
    dataset.summary.strict = options.strict;
    for name in present {
        let path = folder.join(name);
        if !seen.first_read(&path, &mut dataset.summary) {
            continue;
        }
        match name {
            "people.csv" => read_people(&path, dataset)?,
            "interactions.csv" => read_interactions(&path, dataset)?,
            _ => read_relationships(&path, dataset)?,
        }
    }
    Ok(())
}

fn read_people(path: &Path, dataset: &mut Dataset) -> Result<()> {
    const WANTED: [&str; 6] = ["id", "name", "email", "linkedin_url", "company", "title"];
    let table = CsvTable::open_file(path, "people.csv", &WANTED, &mut dataset.summary)?;
    let people = &mut dataset.people;
    table.for_each_row(&mut dataset.summary, |row, summary| {
        let record = PersonRecord {
            origin: Some(row.origin),
            id: non_empty(row.get(0)),
            name: non_empty(row.get(1)),
            emails: split_list(row.get(2)),
            profile_urls: split_list(row.get(3)),
            company: non_empty(row.get(4)),
            title: non_empty(row.get(5)),
        };
        if record.id.is_none()
            && record.name.is_none()
            && record.emails.is_empty()
            && record.profile_urls.is_empty()
        {
            return summary.skip(
                row.origin,
                SkipReason::NoIdentifier,
                "id, name, email and linkedin_url are all empty",
            );
        }
        summary.count_used(row.origin.file);
        people.push(record);
        Ok(())
    })
}

/// The columns of `interactions.csv`, in the order rows are read by.
const INTERACTION_COLUMNS: [&str; 5] = ["timestamp", "from", "to", "channel", "duration"];

fn read_interactions(path: &Path, dataset: &mut Dataset) -> Result<()> {
    let table = CsvTable::open_file(
        path,
        "interactions.csv",
        &INTERACTION_COLUMNS,
        &mut dataset.summary,
    )?;
    read_interaction_rows(table, dataset)
}

/// The rows of an `interactions.csv` opened as `table`, into `dataset`.
fn read_interaction_rows<R: std::io::Read>(
    table: CsvTable<R>,
    dataset: &mut Dataset,
) -> Result<()> {
    table.require(&[0, 1, 2, 3], &INTERACTION_COLUMNS)?;
    let interactions = &mut dataset.interactions;
    table.for_each_row_with_state(
        &mut dataset.summary,
        &mut dataset.refs,
        parse_interaction,
        |refs, row, parsed, summary| {
            let origin = row.origin;
            let parsed = match parsed {
                Ok(parsed) => parsed,
                Err((reason, detail)) => return summary.skip(origin, reason, &detail),
            };
            let from = row.get(1);
            let self_tie = |summary: &mut IngestSummary| {
                summary.skip(
                    origin,
                    SkipReason::SelfTie,
                    &format!("'{from}' is in touch only with themselves"),
                )
            };
            // Interned in reading order: `from`, then each recipient, the
            // references `parse` found already taken as found.
            let (from, to) = match parsed.to {
                Recipients::One(found) => {
                    let name = row.get(2).trim();
                    if name == from {
                        return self_tie(summary);
                    }
                    let from = parsed.from.unwrap_or_else(|| refs.loose(from));
                    (from, vec![found.unwrap_or_else(|| refs.loose(name))])
                }
                Recipients::List => {
                    let mut to = recipients(row.get(2));
                    to.retain(|name| *name != from);
                    to.sort_unstable();
                    to.dedup();
                    if to.is_empty() {
                        return self_tie(summary);
                    }
                    let from = parsed.from.unwrap_or_else(|| refs.loose(from));
                    (from, to.iter().map(|to| refs.loose(to)).collect())
                }
            };
            summary.count_used(origin.file);
            interactions.push(InteractionRecord {
                origin,
                at: parsed.at,
                from,
                to,
                channel: parsed.channel,
                duration_secs: parsed.duration_secs,
            });
            Ok(())
        },
    )
}

/// What an interaction row says, as far as it can be told from the row
/// alone: who sent it when that reference is interned already, and who
/// else took part.
struct ParsedInteraction {
    at: i64,
    channel: Channel,
    duration_secs: Option<u32>,
    from: Option<RefId>,
    to: Recipients,
}

/// The `to` cell of an interaction row, as far as the row tells it.
enum Recipients {
    /// One person, with the reference when it is interned already.
    One(Option<RefId>),
    /// A list, read in reading order.
    List,
}

/// A row's skip: why, and the specifics.
type Skip = (SkipReason, String);

/// An interaction row's time, channel and duration, or why the row is
/// skipped (the first of its faults, in column order); who takes part waits
/// for reading order, which the reference table needs.
fn parse_interaction(
    refs: &RefTable,
    row: Cells<'_>,
) -> std::result::Result<ParsedInteraction, Skip> {
    let Some(at) = parse_timestamp(row.get(0)) else {
        return Err((
            SkipReason::BadTimestamp,
            format!(
                "'{}' is not RFC 3339, YYYY-MM-DD or unix seconds",
                row.get(0)
            ),
        ));
    };
    if row.get(1).is_empty() {
        return Err((SkipReason::EmptyReference, "'from' is empty".to_owned()));
    }
    if !row
        .get(2)
        .split(RECIPIENT_SEPARATOR)
        .any(|name| !name.trim().is_empty())
    {
        return Err((SkipReason::EmptyReference, "'to' is empty".to_owned()));
    }
    let Some(channel) = Channel::parse(row.get(3)) else {
        return Err((
            SkipReason::UnknownChannel,
            format!(
                "'{}' (expected meeting, call, video, email, message, intro, recommendation, endorsement or invitation)",
                row.get(3)
            ),
        ));
    };
    let duration_secs = match row.get(4) {
        "" => None,
        text => match text.parse::<f64>() {
            Ok(secs)
                if secs.is_finite() && (0.0..=SECONDS_PER_DAY as f64 * 7.0).contains(&secs) =>
            {
                Some(secs as u32)
            }
            _ => {
                return Err((
                    SkipReason::BadDuration,
                    format!("'{text}' is not a number of seconds up to a week"),
                ));
            }
        },
    };
    let to = row.get(2);
    Ok(ParsedInteraction {
        at,
        channel,
        duration_secs,
        from: refs.find_loose(row.get(1)),
        to: if to.contains(RECIPIENT_SEPARATOR) {
            Recipients::List
        } else {
            Recipients::One(refs.find_loose(to))
        },
    })
}

/// The people of a `to` cell, trimmed, empty ones left out.
fn recipients(cell: &str) -> Vec<&str> {
    cell.split(RECIPIENT_SEPARATOR)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

fn read_relationships(path: &Path, dataset: &mut Dataset) -> Result<()> {
    const WANTED: [&str; 5] = ["a", "b", "strength", "since", "source"];
    let table = CsvTable::open_file(path, "relationships.csv", &WANTED, &mut dataset.summary)?;
    table.require(&[0, 1], &WANTED)?;
    let relationships = &mut dataset.relationships;
    // Millions of rows name a handful of sources: each is stored once.
    let sources = &mut dataset.declared_sources;
    // The source of rows that name none, looked up once.
    let mut declared = None;
    table.for_each_row_with_state(
        &mut dataset.summary,
        &mut dataset.refs,
        parse_relationship,
        |refs, row, parsed, summary| {
            let origin = row.origin;
            let parsed = match parsed {
                Ok(parsed) => parsed,
                Err((reason, detail)) => return summary.skip(origin, reason, &detail),
            };
            summary.count_used(origin.file);
            // Interned in reading order: the references `parse` did not find.
            let a = parsed.a.unwrap_or_else(|| refs.loose(row.get(0)));
            let b = parsed.b.unwrap_or_else(|| refs.loose(row.get(1)));
            relationships.push(RelationshipRecord {
                origin: origin.into(),
                a,
                b,
                strength: parsed.strength,
                since: parsed.since,
                source: match row.get(4) {
                    "" => *declared.get_or_insert_with(|| sources.intern("declared")),
                    text => sources.intern(text),
                },
            });
            Ok(())
        },
    )
}

/// What a relationship row says, as far as it can be told from the row
/// alone: its sides when they are interned already, its strength and since.
struct ParsedRelationship {
    a: Option<RefId>,
    b: Option<RefId>,
    strength: DeclaredStrength,
    since: DeclaredSince,
}

/// A relationship row's sides as far as `refs` knows them, its strength and
/// since, or why the row is skipped.
fn parse_relationship(
    refs: &RefTable,
    row: Cells<'_>,
) -> std::result::Result<ParsedRelationship, Skip> {
    let (a, b) = (row.get(0), row.get(1));
    if a.is_empty() || b.is_empty() {
        return Err((SkipReason::EmptyReference, "'a' or 'b' is empty".to_owned()));
    }
    if a == b {
        return Err((SkipReason::SelfTie, format!("'{a}' is tied to themselves")));
    }
    // Looked up first, so that the memory they are found in is on its way
    // while the rest of the row is parsed.
    let (a, b) = (refs.find_loose(a), refs.find_loose(b));
    let strength = match row.get(2) {
        "" => DeclaredStrength::NONE,
        text => match parse_decimal(text).and_then(DeclaredStrength::new) {
            Some(strength) => strength,
            None => {
                return Err((
                    SkipReason::StrengthOutOfRange,
                    format!("'{text}' is not a number from 0 to 1"),
                ));
            }
        },
    };
    let since = match row.get(3) {
        "" => DeclaredSince::UNKNOWN,
        text => match parse_timestamp(text).and_then(DeclaredSince::new) {
            Some(since) => since,
            None => {
                return Err((
                    SkipReason::BadTimestamp,
                    format!("since '{text}' is not RFC 3339, YYYY-MM-DD or unix seconds"),
                ));
            }
        },
    };
    Ok(ParsedRelationship {
        a,
        b,
        strength,
        since,
    })
}

/// `text.parse::<f64>()`, the usual `0.558` without the general parser:
/// digits, then maybe a point and digits, 15 digits at most, are a whole
/// number below 2^53 divided by a power of ten up to 10^15, both exact in
/// an `f64`, so the one rounding of the division is the correct rounding
/// of the decimal (Clinger's fast path). Anything else goes to the parser.
fn parse_decimal(text: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = whole.len() + fraction.len();
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty()
        || (text.len() > whole.len() && fraction.is_empty())
        || digits > 15
        || !all_digits(whole)
        || !all_digits(fraction)
    {
        return text.parse().ok();
    }
    let significand = whole
        .bytes()
        .chain(fraction.bytes())
        .fold(0_u64, |value, byte| value * 10 + u64::from(byte - b'0'));
    Some(significand as f64 / POWERS_OF_TEN[fraction.len()])
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn split_list(text: &str) -> Vec<String> {
    text.split(RECIPIENT_SEPARATOR)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decimals_parse_as_the_standard_parser_parses_them() {
        for text in [
            "0",
            "1",
            "0.5",
            "0.558",
            "1.0",
            "00.10",
            "0.1",
            "0.3",
            "1.",
            ".5",
            "1e-3",
            "+0.5",
            "-0.5",
            "0.123456789012345",
            "0.1234567890123456",
            "",
            ".",
            "1.2.3",
            "NaN",
            "inf",
        ] {
            assert_eq!(
                parse_decimal(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text:?}"
            );
        }
    }

    /// The references (in interning order), the interactions (with their
    /// people as those references' texts) and the account of `text` read as
    /// an `interactions.csv` in blocks of `block_bytes` (`None`: line by line).
    fn read_interaction_text(text: &str, block_bytes: Option<usize>) -> String {
        let mut dataset = Dataset::default();
        let path = Path::new("interactions.csv");
        let Ok(mut table) = CsvTable::open(
            text.as_bytes(),
            path,
            "interactions.csv",
            &INTERACTION_COLUMNS,
            &mut dataset.summary,
        ) else {
            return "no header".to_owned();
        };
        table.set_block_bytes(block_bytes);
        let outcome = read_interaction_rows(table, &mut dataset);
        let name = |id: RefId| format!("{:?}", dataset.refs.get(id));
        let interactions: Vec<String> = dataset
            .interactions
            .iter()
            .map(|record| {
                let to: Vec<String> = record.to.iter().map(|id| name(*id)).collect();
                format!(
                    "{} {} {} -> {to:?}",
                    record.origin.line,
                    record.at,
                    name(record.from)
                )
            })
            .collect();
        let refs: Vec<String> = (0..dataset.refs.len())
            .map(|index| name(RefId(index as u32)))
            .collect();
        format!(
            "{outcome:?}\n{refs:?}\n{interactions:?}\n{:?}",
            dataset.summary.files
        )
    }

    fn interaction_row() -> impl Strategy<Value = String> {
        let person = prop_oneof![
            Just("a"),
            Just(" a"),
            Just("b"),
            Just("p1"),
            Just("7"),
            Just("ana@example.com"),
            Just("someone with a long name"),
            Just(""),
        ];
        let to = prop::collection::vec(person.clone(), 1..4).prop_map(|people| people.join(";"));
        (0_u32..3, person, to).prop_map(|(day, from, to)| {
            format!("2026-01-0{}T10:00:00Z,{from},{to},message,", day + 1)
        })
    }

    proptest! {
        /// References looked up while a block is parsed, before the rows
        /// ahead of them in the block are interned, come out as reading
        /// the rows one by one would make them: same references in the same
        /// order, same interactions, same account.
        #[test]
        fn interactions_read_in_blocks_exactly_as_line_by_line(
            rows in prop::collection::vec(interaction_row(), 0..30),
            block_bytes in 1_usize..200,
        ) {
            let text = format!("timestamp,from,to,channel,duration\n{}\n", rows.join("\n"));
            let whole = read_interaction_text(&text, None);
            prop_assert_eq!(read_interaction_text(&text, Some(block_bytes)), whole.clone());
            prop_assert_eq!(read_interaction_text(&text, Some(1 << 20)), whole);
        }

        #[test]
        fn random_decimals_parse_as_the_standard_parser_parses_them(
            text in "[0-9]{0,9}(\\.[0-9]{0,9})?",
        ) {
            prop_assert_eq!(
                parse_decimal(&text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits)
            );
        }
    }
}
