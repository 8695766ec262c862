//! Address books exported as CSV: Google Contacts (the current "Google CSV"
//! layout and the legacy one, both with ` ::: ` between several values in a
//! cell), the Outlook family (Outlook's desktop and web exports, Windows and
//! Outlook Express contacts: `E-mail Address`, `E-mail 2 Address`…, with or
//! without first and last names) and Thunderbird (`Primary Email`,
//! `Secondary Email`). Each contact becomes a [`PersonRecord`] tying its
//! email addresses, `LinkedIn` URLs and name together; contacts are
//! identities, never evidence of a relationship. Each contact is one row of
//! the ingest summary.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::contact::{self, Contact, NotAPerson};
use super::csv_table::CsvTable;
use super::{Dataset, IngestOptions, PersonRecord};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// Separator between several values in one Google Contacts cell.
const MULTI_VALUE_SEPARATOR: &str = " ::: ";

/// How many numbered e-mail and website columns are looked for.
const NUMBERED_COLUMNS: usize = 9;

/// The layouts read, in words, for the error about a CSV that is none.
pub(super) const LAYOUTS: &str = "Google Contacts (`E-mail 1 - Value`), Outlook (`E-mail Address`), Thunderbird (`Primary Email`)";

/// Name columns, in the order of the indexes in [`read_contacts_csv`].
const NAME_COLUMNS: [&str; 14] = [
    "name",
    "display name",
    "first name",
    "given name",
    "middle name",
    "additional name",
    "last name",
    "family name",
    "nickname",
    "organization name",
    "organization 1 - name",
    "company",
    "organization",
    "organization title",
];
const TITLE_COLUMNS: [&str; 2] = ["organization 1 - title", "job title"];
const EMAIL_COLUMNS: [&str; 5] = [
    "e-mail address",
    "e-mail 2 address",
    "e-mail 3 address",
    "primary email",
    "secondary email",
];
const URL_COLUMNS: [&str; 3] = ["web page", "web page 1", "web page 2"];

/// True when the header of `path` is a contacts layout: a Google e-mail
/// column with a name column, an Outlook `E-mail Address`, or
/// Thunderbird's `Primary Email`.
pub fn is_contacts_csv(path: &Path) -> Result<bool> {
    let header = first_line(path)?;
    let columns = header_columns(&header);
    let has = |name: &str| {
        columns
            .iter()
            .any(|column| column.eq_ignore_ascii_case(name))
    };
    let google = has("e-mail 1 - value") && (has("first name") || has("name"));
    let outlook = has("e-mail address");
    let thunderbird = has("primary email");
    Ok(google || outlook || thunderbird)
}

/// The first line of `path` (at most 64 KiB of it), BOM removed.
pub(super) fn first_line(path: &Path) -> Result<String> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut first = Vec::new();
    BufReader::new(file)
        .take(64 * 1024)
        .read_until(b'\n', &mut first)
        .map_err(read_error)?;
    let line = String::from_utf8_lossy(&first);
    Ok(line
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\r', '\n'])
        .to_owned())
}

/// The cells of a header line, unquoted and trimmed (detection only: a
/// header's names hold no commas).
pub(super) fn header_columns(header: &str) -> Vec<&str> {
    header
        .split(',')
        .map(|cell| cell.trim().trim_matches('"').trim())
        .collect()
}

/// Reads a Google, Outlook-family or Thunderbird contacts CSV into `dataset`.
pub fn read_contacts_csv(
    path: &Path,
    _options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    let mut wanted: Vec<String> = NAME_COLUMNS.iter().map(|name| (*name).to_owned()).collect();
    wanted.extend(TITLE_COLUMNS.iter().map(|name| (*name).to_owned()));
    let emails_from = wanted.len();
    wanted.extend((1..=NUMBERED_COLUMNS).map(|n| format!("e-mail {n} - value")));
    wanted.extend(EMAIL_COLUMNS.map(str::to_owned));
    let urls_from = wanted.len();
    wanted.extend((1..=NUMBERED_COLUMNS).map(|n| format!("website {n} - value")));
    wanted.extend(URL_COLUMNS.map(str::to_owned));
    let end = wanted.len();
    let wanted_refs: Vec<&str> = wanted.iter().map(String::as_str).collect();

    let table = CsvTable::open_file(
        path,
        "address book (contacts .csv)",
        &wanted_refs,
        &mut dataset.summary,
    )?;
    let people = &mut dataset.people;
    table.for_each_row(&mut dataset.summary, |row, summary| {
        let cell = |index: usize| row.get(index);
        let mut contact = Contact::default();
        for index in emails_from..urls_from {
            contact.add_emails(cell(index), MULTI_VALUE_SEPARATOR);
        }
        for index in urls_from..end {
            for url in cell(index).split(MULTI_VALUE_SEPARATOR) {
                contact.add_profile_url(url);
            }
        }
        let name = contact::join_name(&[cell(0)])
            .or_else(|| contact::join_name(&[cell(1)]))
            .or_else(|| {
                contact::join_name(&[
                    first_of(cell(2), cell(3)),
                    first_of(cell(4), cell(5)),
                    first_of(cell(6), cell(7)),
                ])
            })
            .or_else(|| contact::join_name(&[cell(8)]));
        let record: &mut PersonRecord = contact.record_mut();
        record.origin = Some(row.origin);
        record.company = [9, 10, 11, 12]
            .into_iter()
            .map(cell)
            .find(|company| !company.is_empty())
            .map(str::to_owned);
        record.title = [13, 14, 15]
            .into_iter()
            .map(cell)
            .find(|title| !title.is_empty())
            .map(str::to_owned);
        match contact.finish(name) {
            Ok(record) => {
                summary.count_used(row.origin.file);
                people.push(record);
                Ok(())
            }
            Err(NotAPerson::NoIdentifier) => summary.skip(
                row.origin,
                SkipReason::NoEmailOrProfileUrl,
                "the contact names nobody by email or LinkedIn URL",
            ),
            Err(NotAPerson::TooManyAddresses) => summary.skip(
                row.origin,
                SkipReason::TooManyAddresses,
                &format!(
                    "the contact lists more than {} email addresses and LinkedIn URLs: a group \
                     or a list, not one person",
                    contact::MAX_ADDRESSES_PER_CONTACT
                ),
            ),
        }
    })
}

fn first_of<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.is_empty() { b } else { a }
}
