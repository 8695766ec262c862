//! Mutual connections as `LinkedIn` shows them (`--mutuals FILE`): for a
//! single export the target's ties are mostly unknown, but `LinkedIn` lists
//! the people both know. They are ranked by the asker's tie to each; their
//! tie to the target is shown when the data holds it (pooled exports, mail,
//! a calendar) and is otherwise unknown — nothing here guesses it.

use crate::error::Result;
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::tie_strength::Tie;

use super::resolve_person;

/// One listed mutual connection found in the data.
#[derive(Debug, Clone)]
pub struct Mutual {
    /// 1-based rank.
    pub rank: usize,
    /// Who.
    pub person: PersonId,
    /// The asker's tie to them, if the data has one.
    pub tie: Option<Tie>,
    /// Their tie to the target, if the target is in the data and the data
    /// has one.
    pub to_target: Option<Tie>,
}

/// The listed people, ranked, and the lines that matched nobody.
#[derive(Debug, Clone, Default)]
pub struct MutualsRanking {
    /// Found people, strongest tie to the asker first.
    pub mutuals: Vec<Mutual>,
    /// Lines that matched nobody (or several people), with the reason.
    pub not_found: Vec<(String, String)>,
}

/// Words `LinkedIn` puts around names when a list is copied from its pages.
const NOISE: [&str; 6] = ["connect", "message", "follow", "pending", "1st", "2nd"];

/// Reads a list as copied from `LinkedIn` (one name or profile URL per line;
/// blank lines, `#` comments, buttons and `· 1st` degree marks ignored).
#[must_use]
pub fn parse_mutuals_list(text: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for line in text.lines() {
        let line = line.split('·').next().unwrap_or("").trim();
        if line.is_empty()
            || line.starts_with('#')
            || NOISE.iter().any(|noise| line.eq_ignore_ascii_case(noise))
        {
            continue;
        }
        if !seen.iter().any(|known: &String| known == line) {
            seen.push(line.to_owned());
        }
    }
    seen
}

/// Ranks the listed people by `from`'s tie to each (people without a tie
/// last, by name), with each one's tie to `target` when the data has it;
/// `from` and the target themselves are left out. Only those ties are
/// decoded (one block each on a snapshot).
///
/// # Errors
///
/// A damaged block of a snapshot's tie details ([`crate::Error::Snapshot`]).
pub fn rank_mutuals(
    graph: &RelationshipGraph,
    from: PersonId,
    target: Option<PersonId>,
    listed: &[String],
) -> Result<MutualsRanking> {
    let mut ranking = MutualsRanking::default();
    let mut found: Vec<PersonId> = Vec::new();
    for query in listed {
        match resolve_person(graph, query) {
            Ok(person) if person == from || Some(person) == target => {}
            Ok(person) => {
                if !found.contains(&person) {
                    found.push(person);
                }
            }
            Err(error) => ranking.not_found.push((query.clone(), error.to_string())),
        }
    }
    let strength = |person: PersonId| graph.strength(from, person).map_or(-1.0, f64::from);
    found.sort_by(|x, y| {
        strength(*y).total_cmp(&strength(*x)).then_with(|| {
            graph
                .person(*x)
                .display_name()
                .cmp(graph.person(*y).display_name())
        })
    });
    for (index, person) in found.into_iter().enumerate() {
        ranking.mutuals.push(Mutual {
            rank: index + 1,
            person,
            tie: graph
                .tie_detail(from, person)?
                .map(std::borrow::Cow::into_owned),
            to_target: match target {
                Some(target) => graph
                    .tie_detail(person, target)?
                    .map(std::borrow::Cow::into_owned),
                None => None,
            },
        });
    }
    Ok(ranking)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_lists_drop_buttons_degrees_comments_and_repeats() {
        let text = "# mutuals of Victor\nAna Lopez · 1st\nConnect\n\nhttps://www.linkedin.com/in/hana-sato-2b3c4d\nAna Lopez\n";
        assert_eq!(
            parse_mutuals_list(text),
            ["Ana Lopez", "https://www.linkedin.com/in/hana-sato-2b3c4d"]
        );
    }
}
