//! Address books exported as CSV: Google Contacts (the current "Google CSV"
//! layout and the legacy one, both with ` ::: ` between several values in a
//! cell) and Outlook's desktop export. Each contact becomes a
//! [`PersonRecord`] tying its email addresses, `LinkedIn` URLs and name
//! together; contacts are identities, never evidence of a relationship. Each
//! contact is one row of the ingest summary.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::csv_table::CsvTable;
use super::{Dataset, IngestOptions, PersonRecord, contact};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;

/// Separator between several values in one Google Contacts cell.
const MULTI_VALUE_SEPARATOR: &str = " ::: ";

/// How many numbered e-mail and website columns are looked for.
const NUMBERED_COLUMNS: usize = 9;

/// Name columns, in the order of [`NAME_COLUMNS`] indexes below.
const NAME_COLUMNS: [&str; 12] = [
    "name",
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
    "organization title",
];
const TITLE_COLUMNS: [&str; 2] = ["organization 1 - title", "job title"];

/// True when the first line of `path` is a Google or Outlook contacts header.
pub fn is_contacts_csv(path: &Path) -> Result<bool> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut first = Vec::new();
    BufReader::new(file)
        .take(64 * 1024)
        .read_until(b'\n', &mut first)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    let header = String::from_utf8_lossy(&first).to_lowercase();
    let header = header.trim_start_matches('\u{feff}');
    let google = header.contains("e-mail 1 - value")
        && (header.starts_with("first name,") || header.starts_with("name,"));
    let outlook = header.contains("e-mail address") && header.contains("first name");
    Ok(google || outlook)
}

/// Reads a Google or Outlook contacts CSV into `dataset`.
pub fn read_contacts_csv(
    path: &Path,
    _options: IngestOptions,
    dataset: &mut Dataset,
) -> Result<()> {
    let mut wanted: Vec<String> = NAME_COLUMNS.iter().map(|name| (*name).to_owned()).collect();
    wanted.extend(TITLE_COLUMNS.iter().map(|name| (*name).to_owned()));
    let emails_from = wanted.len();
    wanted.extend((1..=NUMBERED_COLUMNS).map(|n| format!("e-mail {n} - value")));
    wanted.extend(["e-mail address", "e-mail 2 address", "e-mail 3 address"].map(str::to_owned));
    let urls_from = wanted.len();
    wanted.extend((1..=NUMBERED_COLUMNS).map(|n| format!("website {n} - value")));
    wanted.push("web page".to_owned());
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
        let mut record = PersonRecord {
            origin: Some(row.origin),
            ..PersonRecord::default()
        };
        for index in emails_from..urls_from {
            contact::push_emails(&mut record.emails, cell(index), MULTI_VALUE_SEPARATOR);
        }
        for index in urls_from..end {
            for url in cell(index).split(MULTI_VALUE_SEPARATOR) {
                contact::push_profile_url(&mut record.profile_urls, url);
            }
        }
        let name = contact::join_name(&[cell(0)])
            .or_else(|| {
                contact::join_name(&[
                    first_of(cell(1), cell(2)),
                    first_of(cell(3), cell(4)),
                    first_of(cell(5), cell(6)),
                ])
            })
            .or_else(|| contact::join_name(&[cell(7)]));
        contact::finish_name(&mut record, name);
        record.company = [8, 9, 10]
            .into_iter()
            .map(cell)
            .find(|company| !company.is_empty())
            .map(str::to_owned);
        record.title = [11, 12, 13]
            .into_iter()
            .map(cell)
            .find(|title| !title.is_empty())
            .map(str::to_owned);
        if !contact::is_identity(&record) {
            return summary.skip(
                row.origin,
                SkipReason::NoEmailOrProfileUrl,
                "the contact names nobody by email or LinkedIn URL",
            );
        }
        summary.count_used(row.origin.file);
        people.push(record);
        Ok(())
    })
}

fn first_of<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.is_empty() { b } else { a }
}
