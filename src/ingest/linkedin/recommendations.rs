//! `Recommendations_Received.csv` and `Recommendations_Given.csv`: written
//! recommendations, strong evidence of services rendered. There is no profile
//! URL (R1): the other person is matched by exact name during identity
//! resolution (a name shared by several people is skipped as ambiguous there).
//! `Company` is the company at the time of writing, so it is not used to
//! describe the person today.

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text, read_table};
use super::{Context, DUPLICATE, first_time, full_name, parse_linkedin_date};
use crate::error::Result;
use crate::ingest::{Channel, Dataset, InteractionRecord, PersonRef};
use crate::keys::exact_name_key;

pub(super) fn read(
    text: &Text,
    path: &Path,
    received: bool,
    context: &Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 4] = ["first name", "last name", "creation date", "status"];
    let kind = if received {
        "linkedin Recommendations_Received.csv"
    } else {
        "linkedin Recommendations_Given.csv"
    };
    let (interactions, refs) = (&mut dataset.interactions, &mut dataset.refs);
    read_table(
        text,
        &Spec {
            path,
            kind,
            identify: &["first name", "last name", "creation date"],
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            let origin = row.origin;
            let Some(name) = full_name(row.get(0), row.get(1)) else {
                return summary.skip(
                    origin,
                    "no counterpart",
                    "First Name and Last Name are empty",
                );
            };
            let Some(at) = parse_linkedin_date(row.get(2)) else {
                return summary.skip(
                    origin,
                    "bad date",
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
            if !first_time(seen, key) {
                return super::set_aside(summary, origin, DUPLICATE, "the same recommendation");
            }
            interactions.push(InteractionRecord {
                origin,
                at,
                from: refs.intern(from),
                to: vec![refs.intern(to)],
                channel: Channel::Recommendation,
                duration_secs: None,
            });
            summary.count_used(origin.file);
            Ok(())
        },
    )
}
