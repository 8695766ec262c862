//! `Invitations.csv`: connection invitations of the last months (I3), sent
//! and received, pending or accepted. Each row is an `invitation` interaction
//! from the inviter to the invitee at `Sent At` (I1). A personal note
//! (`Message`, I4) is kept out of the weighing: an invitation is an
//! invitation. URLs are missing before mid-2023; the owner's side is always
//! the owner.

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text, read_table};
use super::{Context, DUPLICATE, first_time, parse_linkedin_date, person, reference_key};
use crate::error::Result;
use crate::ingest::{Channel, Dataset, InteractionRecord};

pub(super) fn read(
    text: &Text,
    path: &Path,
    context: &mut Context,
    seen: &mut HashSet<String>,
    dataset: &mut Dataset,
) -> Result<()> {
    const WANTED: [&str; 6] = [
        "from",
        "to",
        "sent at",
        "direction",
        "inviterprofileurl",
        "inviteeprofileurl",
    ];
    let (interactions, refs) = (&mut dataset.interactions, &mut dataset.refs);
    let people = &mut dataset.people;
    read_table(
        text,
        &Spec {
            path,
            kind: "linkedin Invitations.csv",
            identify: &["from", "to", "direction"],
            wanted: &WANTED,
        },
        &mut dataset.summary,
        |_, _, _| Ok(()),
        |row, summary| {
            let origin = row.origin;
            let (from, to) = match row.get(3).to_ascii_uppercase().as_str() {
                "OUTGOING" => (context.owner.clone(), person(row.get(1), row.get(5))),
                "INCOMING" => (person(row.get(0), row.get(4)), context.owner.clone()),
                other => {
                    return summary.skip(
                        origin,
                        "unknown direction",
                        &format!("Direction '{other}' is neither OUTGOING nor INCOMING"),
                    );
                }
            };
            if from.is_empty() || to.is_empty() {
                return summary.skip(origin, "no counterpart", "From or To is empty");
            }
            let Some(at) = parse_linkedin_date(row.get(2)) else {
                return summary.skip(
                    origin,
                    "bad date",
                    &format!("Sent At '{}' is not a date LinkedIn writes", row.get(2)),
                );
            };
            let key = format!(
                "invitation|{at}|{}|{}",
                reference_key(&from),
                reference_key(&to)
            );
            if !first_time(seen, key) {
                return super::set_aside(summary, origin, DUPLICATE, "the same invitation");
            }
            context.link(&from, people);
            context.link(&to, people);
            interactions.push(InteractionRecord {
                origin,
                at,
                from: refs.intern(from),
                to: vec![refs.intern(to)],
                channel: Channel::Invitation,
                duration_secs: None,
            });
            summary.count_used(origin.file);
            Ok(())
        },
    )
}
