//! `Endorsement_Received_Info.csv` and `Endorsement_Given_Info.csv`: skill
//! endorsements, one row per skill (N3), so rows of the same person at the
//! same second are one `endorsement` interaction. Dates use slashes (N1), URLs
//! have no scheme (N2) and are missing in 2022 (N4); Excel may re-save the
//! file as UTF-16 with tabs and spaces in its name (E1).

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text, read_table};
use super::{
    Context, DUPLICATE, first_time, full_name, parse_linkedin_date, person, reference_key,
};
use crate::error::Result;
use crate::ingest::{Channel, Dataset, InteractionRecord};

pub(super) fn read(
    text: &Text,
    path: &Path,
    received: bool,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    let role = if received { "endorser" } else { "endorsee" };
    let wanted = [
        "endorsement date".to_owned(),
        format!("{role} first name"),
        format!("{role} last name"),
        format!("{role} public url"),
        "endorsement status".to_owned(),
    ];
    let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let kind = if received {
        "linkedin Endorsement_Received_Info.csv"
    } else {
        "linkedin Endorsement_Given_Info.csv"
    };
    let mut this_file = HashSet::new();
    let (interactions, refs) = (&mut dataset.interactions, &mut dataset.refs);
    let people = &mut dataset.people;
    read_table(
        text,
        &Spec {
            path,
            kind,
            identify: &wanted[..3],
            wanted: &wanted,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            let origin = row.origin;
            let status = row.get(4);
            if !status.is_empty() && !status.eq_ignore_ascii_case("ACCEPTED") {
                return super::set_aside(
                    summary,
                    origin,
                    "endorsement not accepted",
                    &format!("status '{status}'"),
                );
            }
            let name = full_name(row.get(1), row.get(2)).unwrap_or_default();
            let other = person(&name, row.get(3));
            if other.is_empty() {
                return summary.skip(origin, "no counterpart", "name and URL are empty");
            }
            let Some(at) = parse_linkedin_date(row.get(0)) else {
                return summary.skip(
                    origin,
                    "bad date",
                    &format!(
                        "Endorsement Date '{}' is not a date LinkedIn writes",
                        row.get(0)
                    ),
                );
            };
            let (from, to) = if received {
                (other, context.owner.clone())
            } else {
                (context.owner.clone(), other)
            };
            let key = format!(
                "endorsement|{at}|{}|{}",
                reference_key(&from),
                reference_key(&to)
            );
            if !this_file.insert(key.clone()) {
                return super::set_aside(
                    summary,
                    origin,
                    "another skill of the same endorsement",
                    "",
                );
            }
            if !first_time(seen, key) {
                return super::set_aside(summary, origin, DUPLICATE, "the same endorsement");
            }
            context.link(&from, people);
            context.link(&to, people);
            interactions.push(InteractionRecord {
                origin,
                at,
                from: refs.intern(from),
                to: vec![refs.intern(to)],
                channel: Channel::Endorsement,
                duration_secs: None,
            });
            summary.count_used(origin.file);
            Ok(())
        },
    )
}
