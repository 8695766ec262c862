//! "Whom should I meet?": a member's strongest people two hops away whom
//! they have no tie to, each with the best introducer — the in-process
//! answer that `batch meet` computes over shards, and its oracle.

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;

/// Someone to meet, and through whom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meeting {
    /// Whom to meet.
    pub person: PersonId,
    /// Who knows both.
    pub introducer: PersonId,
    /// The strength of the path: `first × second`.
    pub score: f64,
    /// The member's tie to the introducer.
    pub first: f32,
    /// The introducer's tie to the person.
    pub second: f32,
}

impl Meeting {
    /// Meeting `person` through `introducer`, tied to the member by `first`
    /// and to the person by `second`.
    #[must_use]
    pub fn through(person: u32, introducer: u32, first: f32, second: f32) -> Self {
        Self {
            person: PersonId(person),
            introducer: PersonId(introducer),
            score: f64::from(first) * f64::from(second),
            first,
            second,
        }
    }
}

/// Keeps `meeting` in `best` (by person) when it beats the one kept, by
/// [`meeting_order`]; meetings of no strength are never kept.
pub fn keep_best<S: std::hash::BuildHasher>(
    best: &mut std::collections::HashMap<u32, Meeting, S>,
    meeting: Meeting,
) {
    let better = best
        .get(&meeting.person.0)
        .is_none_or(|kept| meeting_order(&meeting, kept).is_lt());
    if better && meeting.score > 0.0 {
        best.insert(meeting.person.0, meeting);
    }
}

/// The order of meetings: higher score, then the smaller person id; per
/// person, the best introducer is the one of the higher score, then the
/// smaller id (ids are the build's, the same in every shard).
#[must_use]
pub fn meeting_order(x: &Meeting, y: &Meeting) -> std::cmp::Ordering {
    y.score
        .total_cmp(&x.score)
        .then(x.person.cmp(&y.person))
        .then(x.introducer.cmp(&y.introducer))
}

/// The `top` strongest people two hops from `member` who are neither the
/// member nor already tied to them, each once with their best introducer.
///
/// Complexity: the edges within two hops of the member.
#[must_use]
pub fn people_to_meet(graph: &RelationshipGraph, member: PersonId, top: usize) -> Vec<Meeting> {
    let (introducers, firsts) = graph.neighbors(member);
    let mut best: std::collections::HashMap<u32, Meeting> = std::collections::HashMap::new();
    for (&introducer, &first) in introducers.iter().zip(firsts) {
        let (people, seconds) = graph.neighbors(PersonId(introducer));
        for (&person, &second) in people.iter().zip(seconds) {
            if person == member.0 || introducers.binary_search(&person).is_ok() {
                continue;
            }
            keep_best(
                &mut best,
                Meeting::through(person, introducer, first, second),
            );
        }
    }
    let mut meetings: Vec<Meeting> = best.into_values().collect();
    meetings.sort_by(meeting_order);
    meetings.truncate(top);
    meetings
}
