//! `Recommendations_Received.csv` and `Recommendations_Given.csv`: written
//! recommendations, strong evidence of services rendered. There is no profile
//! URL (R1): the other person is matched by exact name during identity
//! resolution (a name shared by several people is skipped as ambiguous there).
//! `Company` is the company at the time of writing, so it is not used to
//! describe the person today.

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text};
use super::{Context, Family, Found, full_name, parse_linkedin_date, read_interactions};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::{Channel, Dataset, PersonRef};
use crate::keys::exact_name_key;

/// Reads a file of `family` (recommendations received or given).
pub(super) fn read(
    text: &Text,
    path: &Path,
    family: Family,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 4] = ["first name", "last name", "creation date", "status"];
    let received = family.received();
    read_interactions(
        text,
        &Spec {
            path,
            kind: family.kind(),
            identify: &["first name", "last name", "creation date"],
            wanted: &WANTED,
        },
        seen,
        dataset,
        |row, summary, sink| {
            let origin = row.origin;
            let Some(name) = full_name(row.get(0), row.get(1)) else {
                return summary.skip(
                    origin,
                    SkipReason::NoCounterpart,
                    "First Name and Last Name are empty",
                );
            };
            let Some(at) = parse_linkedin_date(row.get(2)) else {
                return summary.skip(
                    origin,
                    SkipReason::BadDate,
                    &format!(
                        "Creation Date '{}' is not a date LinkedIn writes",
                        row.get(2)
                    ),
                );
            };
            let other = PersonRef {
                name: Some(name.clone()),
                ..PersonRef::default()
            };
            let owner_name = context
                .owner_name
                .clone()
                .unwrap_or_else(|| context.owner.label().to_owned());
            let (from, to, from_name, to_name) = if received {
                (other, context.owner.clone(), name, owner_name)
            } else {
                (context.owner.clone(), other, owner_name, name)
            };
            let key = format!(
                "recommendation|{at}|{}|{}",
                exact_name_key(&from_name),
                exact_name_key(&to_name)
            );
            let found = Found::between(origin, at, from, to, Channel::Recommendation);
            // No profile URLs here, so nobody to link.
            sink.emit(summary, key, "recommendation", None, found)
        },
    )
}
