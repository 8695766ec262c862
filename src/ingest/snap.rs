//! SNAP temporal edge lists (e.g. `CollegeMsg.txt`): one message per line,
//! `SRC DST UNIXTS` separated by spaces or tabs, ids as given, `#` or `%`
//! comment lines and an optional header line of words. Each line becomes one
//! written [`Channel::Message`] from `SRC` to `DST`. This reader only detects
//! and parses the file; it knows nothing of scoring.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::{Channel, Dataset, IngestOptions, InteractionRecord, Origin};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// What the summary calls a SNAP file.
pub const SNAP_KIND: &str = "snap temporal edges";

/// How many bytes detection looks at.
const SNIFF_BYTES: u64 = 4096;

/// True when `path` is a file whose first data line is `INT INT INT`
/// (after comments and at most one header line of words).
#[must_use]
pub fn is_snap_file(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !is_comment(line));
    let Some(first) = lines.next() else {
        return false;
    };
    if parse_line(first).is_some() {
        return true;
    }
    is_header(first) && lines.next().and_then(parse_line).is_some()
}

/// Reads a SNAP temporal edge list into `dataset`, one message per line.
pub fn read_snap_file(path: &Path, options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    dataset.summary.strict = options.strict;
    let mut seen_data = false;
    let ignore = |line: &str| {
        let ignored = is_comment(line) || (!seen_data && is_header(line));
        seen_data |= !ignored;
        ignored
    };
    for_each_data_line(path, SNAP_KIND, dataset, ignore, |origin, line, dataset| {
        let Some((from, to, at)) = parse_line(line) else {
            return dataset.summary.skip(
                origin,
                SkipReason::NotSrcDstTimestamp,
                &format!("'{line}' is not three whole numbers"),
            );
        };
        if from == to {
            return dataset.summary.skip(
                origin,
                SkipReason::SelfTie,
                &format!("'{from}' wrote to themselves"),
            );
        }
        dataset.summary.count_used(origin.file);
        dataset.interactions.push(InteractionRecord {
            origin,
            at,
            from: dataset.refs.id(from),
            to: vec![dataset.refs.id(to)],
            channel: Channel::Message,
            duration_secs: None,
        });
        Ok(())
    })
}

/// Reads `path` line by line, registered in the summary as `kind`, and calls
/// `each` with every data line (trimmed) and its origin, counted as read.
/// Blank lines and lines `ignore` accepts (comments, a header) are not rows;
/// a line that is not UTF-8 is a counted skip.
pub(super) fn for_each_data_line(
    path: &Path,
    kind: &str,
    dataset: &mut Dataset,
    mut ignore: impl FnMut(&str) -> bool,
    mut each: impl FnMut(Origin, &str, &mut Dataset) -> Result<()>,
) -> Result<()> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::new(dataset.summary.meter.open(path).map_err(read_error)?);
    let index = dataset.summary.add_file(path, kind);
    let mut buffer = Vec::new();
    let mut line_number = 0_u64;
    loop {
        buffer.clear();
        if reader.read_until(b'\n', &mut buffer).map_err(read_error)? == 0 {
            return Ok(());
        }
        line_number += 1;
        let origin = Origin {
            file: index,
            line: line_number,
        };
        let Ok(line) = std::str::from_utf8(&buffer).map(str::trim) else {
            dataset.summary.count_read(index);
            dataset
                .summary
                .skip(origin, SkipReason::NotUtf8, "re-save the file as UTF-8")?;
            continue;
        };
        if line.is_empty() || ignore(line) {
            continue;
        }
        dataset.summary.count_read(index);
        each(origin, line, dataset)?;
    }
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.starts_with('%')
}

/// A header names its columns with words (`SRC DST UNIXTS`).
fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    fields.len() == 3
        && fields
            .iter()
            .all(|field| field.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
}

/// `SRC DST UNIXTS`: two ids made of digits and a plausible unix time.
fn parse_line(line: &str) -> Option<(&str, &str, i64)> {
    let mut fields = line.split_whitespace();
    let (from, to, at) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() {
        return None;
    }
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !(digits(from) && digits(to)) {
        return None;
    }
    let at = at.parse::<i64>().ok().filter(|at| *at >= 0)?;
    Some((from, to, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_whole_numbers_only() {
        assert_eq!(
            parse_line("1 2 1082040961"),
            Some(("1", "2", 1_082_040_961))
        );
        assert_eq!(parse_line("1\t2\t5"), Some(("1", "2", 5)));
        assert_eq!(parse_line("1 2"), None);
        assert_eq!(parse_line("1 2 3 4"), None);
        assert_eq!(parse_line("a 2 3"), None);
        assert_eq!(parse_line("1 2 -3"), None);
    }

    #[test]
    fn recognises_a_word_header() {
        assert!(is_header("SRC DST UNIXTS"));
        assert!(!is_header("1 2 3"));
    }
}
