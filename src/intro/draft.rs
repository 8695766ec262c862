//! The message asking for an introduction (`intro TARGET --draft`): to the
//! top introducer, saying why them, what the asker and they share, what they
//! and the target share — all from the evidence on the path, nothing
//! invented — and a short paragraph about the asker they can forward. Plain
//! text from a template the user can replace; nothing is sent anywhere.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{IntroRanking, PathTies, RankedIntroducer, Target};
use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::ingest::Channel;
use crate::tie_strength::{EvidenceSummary, Tie};
use crate::time::SECONDS_PER_DAY;

/// The template used without `--draft-template`.
pub const DEFAULT_DRAFT_TEMPLATE: &str = "To: {introducer}
Subject: Would you introduce me to {target}?

Hi {introducer_first},

Would you be willing to introduce me to {target}{target_at}? {why_them}

{why_me}

If you are happy to, here is a short note you could forward:

----
{forwardable}
----

Thanks either way,
{asker_first}
";

/// Every placeholder a template may use, with what it holds.
pub const DRAFT_PLACEHOLDERS: [(&str, &str); 14] = [
    ("asker", "the asker's name"),
    ("asker_first", "the asker's first name"),
    (
        "asker_about",
        "the asker's title and company, e.g. \"Partner at Harbor Lane Ventures\"",
    ),
    ("introducer", "the introducer's name"),
    ("introducer_first", "the introducer's first name"),
    ("target", "the target's name"),
    ("target_first", "the target's first name"),
    (
        "target_at",
        "\" at COMPANY\" when the target's company is known, else empty",
    ),
    ("path", "the whole path, names joined by →"),
    (
        "asker_and_introducer",
        "what the asker and the introducer have done together, from the evidence",
    ),
    (
        "introducer_and_target",
        "what the introducer and the next person on the path share",
    ),
    (
        "why_them",
        "a sentence on why the introducer: their tie to the target (or the next person)",
    ),
    ("why_me", "a sentence on the asker's tie to the introducer"),
    (
        "forwardable",
        "a short paragraph about the asker, for the target",
    ),
];

/// Fills `template` for `ranking`'s top introducer (the first genuine one,
/// else the first), from the ties along its path.
///
/// # Errors
///
/// [`Error::Usage`] when there is no introducer, when the target is a
/// company (a draft needs one person), or when the template names a
/// placeholder that does not exist.
pub fn draft_introduction(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    ties: &PathTies,
    template: &str,
) -> Result<String> {
    let Target::Person(target) = ranking.query.target else {
        return Err(Error::Usage(
            "a draft asks for an introduction to one person: name them instead of company:"
                .to_owned(),
        ));
    };
    let Some(introducer) = ranking
        .introducers
        .iter()
        .find(|introducer| introducer.genuine)
        .or_else(|| ranking.introducers.first())
    else {
        return Err(Error::Usage(format!(
            "nobody in the data can introduce you to {} within {} hops: no draft to write",
            graph.person(target).display_name(),
            ranking.query.max_hops
        )));
    };
    let values = placeholders(graph, introducer, target, ties);
    fill(template, &values)
}

fn placeholders(
    graph: &RelationshipGraph,
    introducer: &RankedIntroducer,
    target: PersonId,
    ties: &PathTies,
) -> BTreeMap<&'static str, String> {
    let nodes = &introducer.path.nodes;
    let (asker, middle) = (nodes[0], nodes[1]);
    let name = |id: PersonId| graph.person(id).display_name().to_owned();
    let first = |id: PersonId| {
        let full = name(id);
        full.split_whitespace().next().unwrap_or(&full).to_owned()
    };
    let as_of = crate::time::end_of_day(graph.as_of());
    let shared = |x: PersonId, y: PersonId| {
        ties.get(&(x, y)).map_or_else(
            || "been connected".to_owned(),
            |tie| shared_history(tie, as_of),
        )
    };
    let next_after_introducer = nodes.get(2).copied().unwrap_or(target);
    let introducer_and_target = if next_after_introducer == target {
        format!("you and {} have {}", first(target), shared(middle, target))
    } else {
        format!(
            "you and {} have {}, and {} knows {}",
            name(next_after_introducer),
            shared(middle, next_after_introducer),
            first(next_after_introducer),
            first(target)
        )
    };
    let why_them = if next_after_introducer == target {
        format!(
            "Of the people I know, you know {} best: {introducer_and_target}.",
            first(target)
        )
    } else {
        format!(
            "You are my best way to {}: {introducer_and_target}.",
            first(target)
        )
    };
    let asker_about = about(graph, asker);
    let common_company = graph
        .person(asker)
        .company
        .as_deref()
        .filter(|company| graph.person(middle).company.as_deref() == Some(*company));
    let why_me = match common_company {
        Some(company) => format!(
            "We both work at {company}, and we have {}.",
            shared(asker, middle)
        ),
        None => format!("We have {}.", shared(asker, middle)),
    };
    let forwardable = {
        let who = if asker_about.is_empty() {
            name(asker)
        } else {
            format!("{} ({asker_about})", name(asker))
        };
        format!(
            "{who} would like to meet {}. {} and I have {}, and I can vouch for them.",
            first(target),
            first(asker),
            shared(asker, middle)
        )
    };
    let target_company = graph.person(target).company.clone();
    BTreeMap::from([
        ("asker", name(asker)),
        ("asker_first", first(asker)),
        ("asker_about", asker_about),
        ("introducer", name(middle)),
        ("introducer_first", first(middle)),
        ("target", name(target)),
        ("target_first", first(target)),
        (
            "target_at",
            target_company
                .map(|company| format!(" at {company}"))
                .unwrap_or_default(),
        ),
        (
            "path",
            nodes
                .iter()
                .map(|id| name(*id))
                .collect::<Vec<_>>()
                .join(" → "),
        ),
        ("asker_and_introducer", shared(asker, middle)),
        ("introducer_and_target", introducer_and_target),
        ("why_them", why_them),
        ("why_me", why_me),
        ("forwardable", forwardable),
    ])
}

/// A person's title and company, e.g. "Partner at Harbor Lane Ventures".
fn about(graph: &RelationshipGraph, id: PersonId) -> String {
    let person = graph.person(id);
    match (person.title.as_deref(), person.company.as_deref()) {
        (Some(title), Some(company)) => format!("{title} at {company}"),
        (None, Some(company)) => format!("at {company}"),
        (Some(title), None) => title.to_owned(),
        (None, None) => String::new(),
    }
}

/// What a tie's evidence says the two share, in words: the channels with
/// their counts, the time it spans and the last contact, e.g. "met 52 times
/// and exchanged 156 messages over the past year, most recently 3 days ago".
fn shared_history(tie: &Tie, as_of: i64) -> String {
    let evidence: &EvidenceSummary = &tie.evidence;
    let mut parts: Vec<String> = Vec::new();
    let count = |channel: Channel| evidence.count(channel);
    let met = count(Channel::Meeting);
    if met > 0 {
        parts.push(times("met", met));
    }
    let spoke = count(Channel::Call) + count(Channel::Video);
    if spoke > 0 {
        parts.push(times("spoken on calls", spoke));
    }
    let wrote = count(Channel::Email) + count(Channel::Message);
    if wrote > 0 {
        parts.push(format!(
            "exchanged {wrote} {}",
            if wrote == 1 { "message" } else { "messages" }
        ));
    }
    if count(Channel::Recommendation) > 0 {
        parts.push("written a recommendation".to_owned());
    }
    if parts.is_empty() {
        return match &evidence.declared {
            Some(declared) => format!("been connected ({})", declared.source),
            None => "been connected".to_owned(),
        };
    }
    let mut text = join(&parts);
    if let (Some(first), Some(last)) = (evidence.first_contact, evidence.last_contact) {
        let _ = write!(
            text,
            " {}, most recently {}",
            span_words(last - first),
            ago_words(as_of - last)
        );
    }
    text
}

fn times(verb: &str, count: u32) -> String {
    match count {
        1 => format!("{verb} once"),
        2 => format!("{verb} twice"),
        _ => format!("{verb} {count} times"),
    }
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn span_words(seconds: i64) -> String {
    let days = seconds / SECONDS_PER_DAY;
    match days {
        ..=13 => "in the space of days".to_owned(),
        14..=59 => format!("over {} weeks", days / 7),
        60..=364 => format!("over {} months", days / 30),
        365..=729 => "over the past year".to_owned(),
        _ => format!("over {} years", days / 365),
    }
}

fn ago_words(seconds: i64) -> String {
    let days = seconds.max(0) / SECONDS_PER_DAY;
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        60..=729 => format!("{} months ago", days / 30),
        _ => format!("{} years ago", days / 365),
    }
}

/// Replaces every `{name}` in `template` with its value; `{{` and `}}` are
/// literal braces.
fn fill(template: &str, values: &BTreeMap<&'static str, String>) -> Result<String> {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err(Error::Usage(
                "the draft template has a '}' without its '{': write '}}' for a brace".to_owned(),
            ));
        }
        let Some(close) = tail.find('}') else {
            return Err(Error::Usage(
                "the draft template has a '{' without its '}': write '{{' for a brace".to_owned(),
            ));
        };
        let name = &tail[1..close];
        let Some(value) = values.get(name) else {
            let known: Vec<&str> = DRAFT_PLACEHOLDERS.iter().map(|(name, _)| *name).collect();
            return Err(Error::Usage(format!(
                "the draft template names {{{name}}}, which is no placeholder; known: {}",
                known.join(", ")
            )));
        };
        out.push_str(value);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_placeholders_keep_escaped_braces_and_refuse_unknown_ones() {
        let values = BTreeMap::from([("target", "Dana".to_owned())]);
        assert_eq!(
            fill("Hi {{team}}: {target}!", &values).unwrap(),
            "Hi {team}: Dana!"
        );
        let error = fill("{nobody}", &values).unwrap_err().to_string();
        assert!(
            error.contains("{nobody}") && error.contains("known: asker"),
            "{error}"
        );
        assert!(fill("{target", &values).is_err());
        assert!(fill("target}", &values).is_err());
    }

    #[test]
    fn the_default_template_uses_only_known_placeholders() {
        let values: BTreeMap<&'static str, String> = DRAFT_PLACEHOLDERS
            .iter()
            .map(|(name, _)| (*name, format!("<{name}>")))
            .collect();
        let filled = fill(DEFAULT_DRAFT_TEMPLATE, &values).unwrap();
        assert!(!filled.contains('{'));
    }

    #[test]
    fn spans_and_ages_read_as_words() {
        assert_eq!(span_words(400 * SECONDS_PER_DAY), "over the past year");
        assert_eq!(span_words(90 * SECONDS_PER_DAY), "over 3 months");
        assert_eq!(ago_words(3 * SECONDS_PER_DAY), "3 days ago");
        assert_eq!(ago_words(800 * SECONDS_PER_DAY), "2 years ago");
        assert_eq!(times("met", 2), "met twice");
    }
}
