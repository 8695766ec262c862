//! Ground-truth files for `warmpath evaluate --truth`: which pairs of people
//! are known to have a real relationship (a survey, an org chart, Facebook
//! friendships, a list of one's own closest contacts). This reader only
//! parses; who a reference names is identity resolution's business, asked
//! through a predicate for the one decision that needs it.
//!
//! Two forms, comma-separated (quotes as in CSV), one row per line, `#`
//! lines are comments:
//!
//! - **pairs**: `a,b` (a real relationship) or `a,b,label` with label `1`
//!   (real) or `0` (known not to be). A first line whose two references both
//!   name nobody in the data is a header (`ID,ReportsToID`). A pair of one
//!   reference with itself (a CEO who reports to himself) is a skipped row.
//! - **membership**: a first line exactly `person,group`, then `person,group`
//!   rows: people who share a group have a real relationship (a household, a
//!   team); a person may be in several groups.

use super::SkipReason;
use std::path::{Path, PathBuf};

use super::snap::for_each_data_line;
use super::{Dataset, IngestOptions, IngestSummary, Origin};
use crate::error::Result;

/// What the summary calls a truth file.
pub const TRUTH_KIND: &str = "truth";

/// The header that makes a truth file a membership list.
pub const MEMBERSHIP_HEADER: [&str; 2] = ["person", "group"];

/// One row of the pairs form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthPair {
    /// Where the row is.
    pub origin: Origin,
    /// One person, as the file writes them.
    pub a: String,
    /// The other.
    pub b: String,
    /// True for a real relationship (no label, or label `1`), false for a
    /// pair known not to be one (label `0`).
    pub related: bool,
}

/// One row of the membership form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthMember {
    /// Where the row is.
    pub origin: Origin,
    /// The person, as the file writes them.
    pub person: String,
    /// The group's name.
    pub group: String,
}

/// The rows of a truth file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TruthRows {
    /// `a,b[,label]` rows.
    Pairs(Vec<TruthPair>),
    /// `person,group` rows.
    Membership(Vec<TruthMember>),
}

/// A parsed truth file.
#[derive(Debug, Clone)]
pub struct TruthFile {
    /// The file.
    pub path: PathBuf,
    /// Its rows.
    pub rows: TruthRows,
    /// The header line and its text, if the file has one.
    pub header: Option<(u64, String)>,
    /// Rows read, used and skipped (one file); evaluation moves the rows it
    /// cannot use (an ambiguous name, two references to one person) to skipped.
    pub summary: IngestSummary,
}

/// Reads a truth file, one row per line. `names_someone` says whether a
/// reference names a person in the data; it decides only whether the first
/// line is a header.
pub fn read_truth_file(
    path: &Path,
    options: IngestOptions,
    names_someone: impl Fn(&str) -> bool,
) -> Result<TruthFile> {
    // The line reader of the research formats, on a dataset of its own: the
    // truth is not data, and its account is kept apart.
    let mut scratch = Dataset::default();
    scratch.summary.strict = options.strict;
    let mut rows = TruthRows::Pairs(Vec::new());
    let mut header = None;
    let mut first = true;
    for_each_data_line(
        path,
        TRUTH_KIND,
        &mut scratch,
        |line| line.starts_with('#'),
        |origin, line, scratch| {
            let owned = split_fields(line);
            let fields: Vec<&str> = owned.iter().map(String::as_str).collect();
            if std::mem::take(&mut first) && is_header(&fields, &names_someone) {
                if is_membership_header(&fields) {
                    rows = TruthRows::Membership(Vec::new());
                }
                header = Some((origin.line, fields.join(",")));
                scratch.summary.unread(origin.file);
                return Ok(());
            }
            read_row(origin, &fields, &mut rows, &mut scratch.summary)
        },
    )?;
    Ok(TruthFile {
        path: path.to_path_buf(),
        rows,
        header,
        summary: scratch.summary,
    })
}

/// The trimmed fields of one line, quotes as in CSV (`"Okafor, Maya"`).
fn split_fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|field| field.trim_start_matches('\u{feff}').trim().to_owned())
            .collect(),
        _ => vec![line.to_owned()],
    }
}

fn is_membership_header(fields: &[&str]) -> bool {
    fields.len() == MEMBERSHIP_HEADER.len()
        && fields
            .iter()
            .zip(MEMBERSHIP_HEADER)
            .all(|(field, name)| field.eq_ignore_ascii_case(name))
}

/// A first line is a header when it is `person,group`, or when it has the
/// shape of a pair whose two references both name nobody.
fn is_header(fields: &[&str], names_someone: &impl Fn(&str) -> bool) -> bool {
    is_membership_header(fields)
        || ((2..=3).contains(&fields.len())
            && !names_someone(fields[0])
            && !names_someone(fields[1]))
}

fn read_row(
    origin: Origin,
    fields: &[&str],
    rows: &mut TruthRows,
    summary: &mut IngestSummary,
) -> Result<()> {
    match rows {
        TruthRows::Pairs(pairs) => {
            let (a, b, label) = match fields {
                [a, b] => (*a, *b, "1"),
                [a, b, label] => (*a, *b, *label),
                _ => {
                    return summary.skip(
                        origin,
                        SkipReason::WrongColumnCount,
                        &format!("{} fields; expected a,b or a,b,label", fields.len()),
                    );
                }
            };
            if a.is_empty() || b.is_empty() {
                return summary.skip(origin, SkipReason::EmptyReference, "a person is empty");
            }
            let related = match label {
                "1" | "" => true,
                "0" => false,
                _ => {
                    return summary.skip(
                        origin,
                        SkipReason::BadLabel,
                        &format!("'{label}' is not 1 (related) or 0 (not related)"),
                    );
                }
            };
            if a == b {
                return summary.skip(
                    origin,
                    SkipReason::SelfPair,
                    &format!("'{a}' paired with themselves"),
                );
            }
            summary.count_used(origin.file);
            pairs.push(TruthPair {
                origin,
                a: a.to_owned(),
                b: b.to_owned(),
                related,
            });
        }
        TruthRows::Membership(members) => {
            let [person, group] = fields else {
                return summary.skip(
                    origin,
                    SkipReason::WrongColumnCount,
                    &format!("{} fields; expected person,group", fields.len()),
                );
            };
            if person.is_empty() || group.is_empty() {
                return summary.skip(
                    origin,
                    SkipReason::EmptyReference,
                    "person or group is empty",
                );
            }
            summary.count_used(origin.file);
            members.push(TruthMember {
                origin,
                person: (*person).to_owned(),
                group: (*group).to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, known: &[&str]) -> TruthFile {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("truth.csv");
        std::fs::write(&path, text).unwrap();
        read_truth_file(&path, IngestOptions::default(), |name| {
            known.contains(&name)
        })
        .unwrap()
    }

    fn pairs(truth: &TruthFile) -> Vec<(u64, &str, &str, bool)> {
        match &truth.rows {
            TruthRows::Pairs(pairs) => pairs
                .iter()
                .map(|p| (p.origin.line, p.a.as_str(), p.b.as_str(), p.related))
                .collect(),
            TruthRows::Membership(_) => panic!("expected pairs"),
        }
    }

    #[test]
    fn comments_are_not_rows_and_lines_stay_exact() {
        let truth = read("# user_a,user_b\n1,2\n# note\n2,3,0\n", &["1", "2", "3"]);
        assert_eq!(
            pairs(&truth),
            vec![(2, "1", "2", true), (4, "2", "3", false)]
        );
        assert_eq!(truth.header, None);
        let file = &truth.summary.files[0];
        assert_eq!((file.rows_read, file.rows_used), (2, 2));
    }

    #[test]
    fn a_first_line_naming_nobody_is_a_header() {
        let truth = read("ID,ReportsToID\r\n144,19\r\n19,19\r\n", &["144", "19"]);
        assert_eq!(truth.header, Some((1, "ID,ReportsToID".to_owned())));
        assert_eq!(pairs(&truth), vec![(2, "144", "19", true)]);
        let file = &truth.summary.files[0];
        assert_eq!((file.rows_read, file.rows_used), (2, 1));
        assert_eq!(file.skipped["self-pair"], 1);
        assert_eq!(file.skip_notes[0].line, 3);
    }

    #[test]
    fn a_first_line_naming_someone_is_a_row() {
        let truth = read("1,nobody\n", &["1"]);
        assert_eq!(truth.header, None);
        assert_eq!(pairs(&truth).len(), 1);
    }

    #[test]
    fn bad_labels_and_shapes_are_counted_skips() {
        let truth = read("a,b,yes\na,b,c,d\n,b\n\"Okafor, Maya\",b,1\n", &["a", "b"]);
        let file = &truth.summary.files[0];
        assert_eq!((file.rows_read, file.rows_used), (4, 1));
        assert_eq!(file.skipped["bad label"], 1);
        assert_eq!(file.skipped["wrong column count"], 1);
        assert_eq!(file.skipped["empty reference"], 1);
        assert_eq!(pairs(&truth)[0].1, "Okafor, Maya");
    }

    #[test]
    fn person_group_header_makes_a_membership_list() {
        let truth = read("Person,Group\nE-1,E\nE-2,E\nF-1\n", &[]);
        let TruthRows::Membership(members) = &truth.rows else {
            panic!("expected membership");
        };
        assert_eq!(members.len(), 2);
        assert_eq!(
            (members[1].person.as_str(), members[1].group.as_str()),
            ("E-2", "E")
        );
        assert_eq!(truth.summary.files[0].skipped["wrong column count"], 1);
    }

    #[test]
    fn strict_rejects_a_self_pair_with_its_line() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("truth.csv");
        std::fs::write(&path, "1,2\n3,3\n").unwrap();
        let options = IngestOptions {
            strict: true,
            ..IngestOptions::default()
        };
        let error = read_truth_file(&path, options, |_| true).unwrap_err();
        assert!(
            error.to_string().contains("truth.csv:2: self-pair"),
            "{error}"
        );
    }
}
