//! `Invitations.csv`: connection invitations of the last months (I3), sent
//! and received, pending or accepted. Each row is an `invitation` interaction
//! from the inviter to the invitee at `Sent At` (I1). A personal note
//! (`Message`, I4) is kept out of the weighing: an invitation is an
//! invitation. URLs are missing before mid-2023; the owner's side is always
//! the owner.

use std::collections::HashSet;
use std::path::Path;

use super::table::{Spec, Text};
use super::{
    Context, Family, Found, parse_linkedin_date, person, read_interactions, reference_key,
};
use crate::error::Result;
use crate::ingest::SkipReason;
use crate::ingest::{Channel, Dataset};

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
    read_interactions(
        text,
        &Spec {
            path,
            kind: Family::Invitations.kind(),
            identify: &["from", "to", "direction"],
            wanted: &WANTED,
        },
        seen,
        dataset,
        |row, summary, sink| {
            let origin = row.origin;
            let (from, to) = match row.get(3).to_ascii_uppercase().as_str() {
                "OUTGOING" => (context.owner.clone(), person(row.get(1), row.get(5))),
                "INCOMING" => (person(row.get(0), row.get(4)), context.owner.clone()),
                other => {
                    return summary.skip(
                        origin,
                        SkipReason::UnknownDirection,
                        &format!("Direction '{other}' is neither OUTGOING nor INCOMING"),
                    );
                }
            };
            if from.is_empty() || to.is_empty() {
                return summary.skip(origin, SkipReason::NoCounterpart, "From or To is empty");
            }
            let Some(at) = parse_linkedin_date(row.get(2)) else {
                return summary.skip(
                    origin,
                    SkipReason::BadDate,
                    &format!("Sent At '{}' is not a date LinkedIn writes", row.get(2)),
                );
            };
            let key = format!(
                "invitation|{at}|{}|{}",
                reference_key(&from),
                reference_key(&to)
            );
            let found = Found::between(origin, at, from, to, Channel::Invitation);
            sink.emit(summary, key, "invitation", Some(&mut *context), found)
        },
    )
}
