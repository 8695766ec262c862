//! `Endorsement_Received_Info.csv` and `Endorsement_Given_Info.csv`: skill
//! endorsements, one row per skill (N3), so rows of the same person at the
//! same second are one `endorsement` interaction. Dates use slashes (N1), URLs
//! have no scheme (N2) and are missing in 2022 (N4); Excel may re-save the
//! file as UTF-16 with tabs and spaces in its name (E1).

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text};
use super::{
    Context, Family, Found, full_name, parse_linkedin_date, person, read_interactions,
    reference_key,
};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::{Channel, Dataset};

/// Reads a file of `family` (endorsements received or given).
pub(super) fn read(
    text: &Text,
    path: &Path,
    family: Family,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    let received = family.received();
    let role = if received { "endorser" } else { "endorsee" };
    let wanted = [
        "endorsement date".to_owned(),
        format!("{role} first name"),
        format!("{role} last name"),
        format!("{role} public url"),
        "endorsement status".to_owned(),
    ];
    let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let mut this_file = HashSet::new();
    read_interactions(
        text,
        &Spec {
            path,
            kind: family.kind(),
            identify: &wanted[..3],
            wanted: &wanted,
        },
        seen,
        dataset,
        |row, summary, sink| {
            let origin = row.origin;
            let status = row.get(4);
            if !status.is_empty() && !status.eq_ignore_ascii_case("ACCEPTED") {
                return super::set_aside(
                    summary,
                    origin,
                    SkipReason::EndorsementNotAccepted,
                    &format!("status '{status}'"),
                );
            }
            let name = full_name(row.get(1), row.get(2)).unwrap_or_default();
            let other = person(&name, row.get(3));
            if other.is_empty() {
                return summary.skip(origin, SkipReason::NoCounterpart, "name and URL are empty");
            }
            let Some(at) = parse_linkedin_date(row.get(0)) else {
                return summary.skip(
                    origin,
                    SkipReason::BadDate,
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
                return super::set_aside(summary, origin, SkipReason::AnotherSkill, "");
            }
            let found = Found::between(origin, at, from, to, Channel::Endorsement);
            sink.emit(summary, key, "endorsement", Some(&mut *context), found)
        },
    )
}
