//! Who is who: the people a query names (every one of them, for an
//! ambiguous name) and, for one person, the people with the same name who
//! were not merged with them, each with the reason. Reads resolved people
//! (and the trace, when there is one); changes nothing.

use super::{IdentityTrace, People, Person, PersonId};
use crate::error::{Error, Result};
use crate::ingest::IngestSummary;
use crate::keys::{exact_name_key, folded_name_key, is_placeholder_name, normalize_profile_url};

/// How many close names an unknown query suggests.
const MAX_SUGGESTIONS: usize = 3;

/// Minimum Jaro-Winkler similarity for a suggestion.
const MIN_SIMILARITY: f64 = 0.75;

/// Everyone `query` names: the person with that id, profile URL or email,
/// else everyone with that exact name, else with that name without accents
/// or case. An unknown query is an error suggesting the closest names.
pub fn find_people(people: &People, query: &str) -> Result<Vec<PersonId>> {
    let query = query.trim();
    let scan = |matches: &dyn Fn(&Person) -> bool| -> Vec<PersonId> {
        people
            .persons()
            .iter()
            .enumerate()
            .filter(|(_, person)| matches(person))
            .map(|(index, _)| PersonId(index as u32))
            .collect()
    };
    let strong = people
        .with_id(query)
        .or_else(|| people.with_profile_url(query))
        .or_else(|| people.with_email(query));
    if let Some(found) = strong {
        return Ok(vec![found]);
    }
    let exact = exact_name_key(query);
    let mut found = if is_placeholder_name(&exact) {
        scan(&|person| exact_name_key(&person.name) == exact)
    } else {
        people.with_name_key(&exact).to_vec()
    };
    if found.is_empty() {
        let folded = folded_name_key(query);
        found = scan(&|person| folded_name_key(&person.name) == folded);
    }
    found.sort_unstable();
    if found.is_empty() {
        return Err(Error::UnknownPerson {
            query: query.to_owned(),
            suggestions: closest(&folded_name_key(query), people),
        });
    }
    Ok(found)
}

fn closest(query: &str, people: &People) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = people
        .persons()
        .iter()
        .map(|person| person.name.as_str())
        .filter(|name| !name.is_empty())
        .map(|name| (strsim::jaro_winkler(query, &folded_name_key(name)), name))
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut names: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
        if names.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    names
}

/// Someone with the same name who is not the same person, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namesake {
    /// The other person.
    pub person: PersonId,
    /// Why the two were not merged, in words.
    pub reasons: Vec<String>,
}

/// The people whose name is `person`'s (accents and case aside) and who
/// were not merged with them, each with why. With a `trace` (built from the
/// sources) the reasons come from the records; without one (a snapshot)
/// from what the people keep.
#[must_use]
pub fn namesakes(
    people: &People,
    trace: Option<&IdentityTrace>,
    summary: &IngestSummary,
    person: PersonId,
) -> Vec<Namesake> {
    let this = people.person(person);
    if this.name.is_empty() {
        return Vec::new();
    }
    let folded = folded_name_key(&this.name);
    people
        .persons()
        .iter()
        .enumerate()
        .map(|(index, other)| (PersonId(index as u32), other))
        .filter(|(id, other)| *id != person && folded_name_key(&other.name) == folded)
        .map(|(id, other)| Namesake {
            person: id,
            reasons: reasons_apart(trace, summary, (person, this), (id, other)),
        })
        .collect()
}

/// The `name + company` pairs a person's records carry (exact keys), and
/// the companies; without a trace, the person's own.
fn name_companies(
    trace: Option<&IdentityTrace>,
    id: PersonId,
    person: &Person,
) -> (Vec<String>, Vec<String>) {
    let mut pairs = Vec::new();
    let mut companies = Vec::new();
    let mut add = |name: Option<&str>, company: Option<&str>| {
        if let Some(company) = company.filter(|company| !company.trim().is_empty()) {
            if !companies
                .iter()
                .any(|known: &String| exact_name_key(known) == exact_name_key(company))
            {
                companies.push(company.to_owned());
            }
            if let Some(name) = name.filter(|name| !is_placeholder_name(name)) {
                pairs.push(format!(
                    "{} @ {}",
                    exact_name_key(name),
                    exact_name_key(company)
                ));
            }
        }
    };
    match trace {
        Some(trace) if trace.records.iter().any(|record| record.person == id) => {
            for record in trace.records.iter().filter(|record| record.person == id) {
                add(
                    record.record.name.as_deref(),
                    record.record.company.as_deref(),
                );
            }
        }
        _ => add(Some(&person.name), person.company.as_deref()),
    }
    (pairs, companies)
}

fn reasons_apart(
    trace: Option<&IdentityTrace>,
    summary: &IngestSummary,
    (this_id, this): (PersonId, &Person),
    (other_id, other): (PersonId, &Person),
) -> Vec<String> {
    let mut reasons = Vec::new();
    if let Some(trace) = trace {
        for kept in trace.kept_apart_between(this_id, other_id) {
            let place = summary
                .path(kept.correction.file)
                .map(|path| format!("{}:{}", path.display(), kept.correction.line))
                .unwrap_or_default();
            reasons.push(format!(
                "kept apart by the `different` correction at {place}, though they share {}",
                kept.key
            ));
        }
    }
    if is_placeholder_name(&this.name) {
        reasons.push(
            "'LinkedIn Member' stands for hidden accounts, which are never merged".to_owned(),
        );
        return reasons;
    }
    if exact_name_key(&this.name) != exact_name_key(&other.name) {
        reasons.push(format!(
            "the names differ in accents ('{}', '{}'): a name + company merge needs the exact name",
            this.name, other.name
        ));
    }
    let (this_pairs, this_companies) = name_companies(trace, this_id, this);
    let (other_pairs, other_companies) = name_companies(trace, other_id, other);
    match (this_companies.is_empty(), other_companies.is_empty()) {
        (true, true) => {
            reasons.push("neither has a company, and a name alone never merges".to_owned());
        }
        (true, false) => {
            reasons.push("this one has no company, and a name alone never merges".to_owned());
        }
        (false, true) => {
            reasons.push("they have no company, and a name alone never merges".to_owned());
        }
        (false, false) => {
            let shared = this_companies.iter().any(|company| {
                other_companies
                    .iter()
                    .any(|theirs| exact_name_key(theirs) == exact_name_key(company))
            });
            if !shared {
                reasons.push(format!(
                    "different companies ({}; {}): a name merges only with the same company",
                    this_companies.join(", "),
                    other_companies.join(", ")
                ));
            } else if !this_pairs.iter().any(|pair| other_pairs.contains(pair))
                && reasons.is_empty()
            {
                reasons.push(
                    "no record of one of them carries both the name and the company".to_owned(),
                );
            }
        }
    }
    if let (Some(a), Some(b)) = (&this.id, &other.id)
        && a != b
    {
        reasons.push(format!("the data gives them different ids ({a}, {b})"));
    }
    let profiles = |person: &Person| -> Vec<String> {
        person
            .profile_urls
            .iter()
            .map(|url| normalize_profile_url(url))
            .collect()
    };
    let (mine, theirs) = (profiles(this), profiles(other));
    if !mine.is_empty() && !theirs.is_empty() && !mine.iter().any(|url| theirs.contains(url)) {
        reasons.push(format!(
            "they have different profile URLs ({}, {}): distinct profiles are distinct people",
            mine.join(", "),
            theirs.join(", ")
        ));
    }
    if reasons.is_empty() {
        reasons.push(if trace.is_some() {
            "they share no id, profile URL or email".to_owned()
        } else {
            "the snapshot keeps no records; run `warmpath who` on the sources for the reason"
                .to_owned()
        });
    }
    reasons
}
