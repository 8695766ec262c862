//! Suspected duplicates: pairs of people who are probably one human but were
//! not merged, found by blocking, never by comparing every pair:
//!
//! - the same name (accents and case aside) and the same company (legal
//!   suffixes and punctuation aside) or the same e-mail domain (not a
//!   free-mail one): blocked by name and company, name and domain;
//! - e-mail addresses at one domain whose local parts are one letter apart
//!   (an insertion, a deletion, a substitution or two neighbours swapped):
//!   blocked by the local part with each letter deleted in turn, the
//!   symmetric-deletion scheme of `SymSpell` (Garbe 2012), so candidates cost
//!   one sort of `O(Σ local length)` keys;
//! - a `LinkedIn` profile slug (`linkedin.com/in/sam-patel-4a1b`) that is an
//!   e-mail's local part (`sam.patel@…`) without separators: blocked by the
//!   joined text.
//!
//! Each pair gets a score in (0, 1) from its reasons (combined as
//! independent evidence, `1 − Π(1 − p)`) and the likeness of the two names,
//! most likely first. Pairs a `different` correction kept apart are left out.

use std::collections::HashMap;

use super::{People, Person, PersonId, key_hash};
use crate::keys::{
    FastMap, folded_name_key, is_placeholder_name, normalize_email, normalize_profile_url,
};

/// Shortest e-mail local part compared for one-letter variants: shorter
/// ones (`al`, `ana`) are one letter from too many other people.
const MIN_VARIANT_LOCAL_CHARS: usize = 4;

/// Shortest joined slug or local part matched against each other.
const MIN_SLUG_CHARS: usize = 6;

/// A block with more members than this is a generic key (`info`, a shared
/// inbox), not a person: it is left out rather than compared pairwise.
const MAX_BLOCK: usize = 32;

/// Domains of free mail services: sharing one says nothing about a person.
const FREE_MAIL_DOMAINS: [&str; 16] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "web.de",
];

/// Legal suffixes ignored when comparing companies.
const COMPANY_SUFFIXES: [&str; 12] = [
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "corp",
    "corporation",
    "co",
];

/// Why two people look like one human.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuspectReason {
    /// The same name and company, written differently.
    SameNameAndCompany {
        /// The name, folded.
        name: String,
        /// The company as one of them writes it.
        company: String,
    },
    /// The same name and an address at the same (not free-mail) domain.
    SameNameAndDomain {
        /// The name, folded.
        name: String,
        /// The domain.
        domain: String,
    },
    /// Two addresses at one domain, one letter apart.
    EmailVariant {
        /// One address.
        a: String,
        /// The other.
        b: String,
    },
    /// A profile slug that is an address's local part.
    SlugMatchesEmail {
        /// The profile URL, normalised.
        url: String,
        /// The address.
        email: String,
    },
}

impl SuspectReason {
    /// A short name for JSON (`same_name_and_company`, …).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::SameNameAndCompany { .. } => "same_name_and_company",
            Self::SameNameAndDomain { .. } => "same_name_and_domain",
            Self::EmailVariant { .. } => "email_variant",
            Self::SlugMatchesEmail { .. } => "slug_matches_email",
        }
    }

    /// The reason in words.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::SameNameAndCompany { name, company } => {
                format!("same name ({name}) and company ({company})")
            }
            Self::SameNameAndDomain { name, domain } => {
                format!("same name ({name}) and e-mail domain ({domain})")
            }
            Self::EmailVariant { a, b } => format!("e-mails one letter apart ({a}, {b})"),
            Self::SlugMatchesEmail { url, email } => {
                format!("profile {url} is the address {email} without separators")
            }
        }
    }

    /// How likely the reason alone makes one human, given how alike the
    /// names are (`affinity`, see [`name_affinity`]).
    fn likelihood(&self, affinity: f64) -> f64 {
        match self {
            Self::SameNameAndCompany { .. } => 0.9,
            Self::SameNameAndDomain { .. } => 0.8,
            Self::SlugMatchesEmail { .. } => 0.55 + 0.4 * affinity,
            Self::EmailVariant { .. } => 0.35 + 0.55 * affinity,
        }
    }
}

/// Two people who are probably one human.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    /// One of them (the lower id).
    pub a: PersonId,
    /// The other.
    pub b: PersonId,
    /// How likely they are one human, in (0, 1): a ranking, not a
    /// calibrated probability.
    pub score: f64,
    /// Every reason found.
    pub reasons: Vec<SuspectReason>,
}

/// Pairs of people who are probably one human but were not merged, most
/// likely first, leaving out the pairs in `kept_apart` (sorted, lower id
/// first: the `different` corrections' pairs).
///
/// Complexity: `O(n log n)` in the number of identifiers (names with their
/// companies and domains, e-mail local parts times their length, slugs);
/// blocks larger than a few dozen people are skipped as generic.
#[must_use]
pub fn find_suspects(people: &People, kept_apart: &[(PersonId, PersonId)]) -> Vec<Suspect> {
    let persons = people.persons();
    let mut found: HashMap<(PersonId, PersonId), Vec<SuspectReason>> = HashMap::new();
    let mut add = |a: PersonId, b: PersonId, reason: SuspectReason| {
        if a == b {
            return;
        }
        let pair = (a.min(b), a.max(b));
        if kept_apart.binary_search(&pair).is_ok() {
            return;
        }
        let reasons = found.entry(pair).or_default();
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    };
    same_name_blocks(persons, &mut add);
    email_variants(persons, &mut add);
    slugs_matching_emails(persons, &mut add);

    let mut suspects: Vec<Suspect> = found
        .into_iter()
        .filter_map(|((a, b), reasons)| {
            let affinity = name_affinity(&persons[a.index()].name, &persons[b.index()].name);
            let only_variants = reasons
                .iter()
                .all(|reason| matches!(reason, SuspectReason::EmailVariant { .. }));
            if only_variants && affinity == 0.0 {
                // `dan.b@` and `dana.b@` with unrelated names are two people.
                return None;
            }
            let unlikely: f64 = reasons
                .iter()
                .map(|reason| 1.0 - reason.likelihood(affinity))
                .product();
            Some(Suspect {
                a,
                b,
                score: 1.0 - unlikely,
                reasons,
            })
        })
        .collect();
    suspects.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| persons[x.a.index()].name.cmp(&persons[y.a.index()].name))
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    suspects
}

/// The text that names `person` and nobody else in `identities.csv`: their
/// dataset id, else an e-mail, else a profile URL, else their name.
#[must_use]
pub fn reference_for(people: &People, person: PersonId) -> String {
    let this = people.person(person);
    if let Some(id) = this
        .id
        .as_deref()
        .filter(|id| people.with_id(id) == Some(person))
    {
        return id.to_owned();
    }
    if let Some(email) = this
        .emails
        .iter()
        .find(|email| people.with_email(email) == Some(person))
    {
        return email.clone();
    }
    if let Some(url) = this
        .profile_urls
        .iter()
        .find(|url| people.with_profile_url(url) == Some(person))
    {
        return url.clone();
    }
    this.name.clone()
}

/// How alike two names are: 1 for the same name (accents and case aside),
/// ½ when they share a word of two letters or more (`Sam Patel`,
/// `S. Patel`), 0.3 when one is unknown, else 0.
fn name_affinity(a: &str, b: &str) -> f64 {
    let (a, b) = (folded_name_key(a), folded_name_key(b));
    if a.is_empty() || b.is_empty() {
        return 0.3;
    }
    if a == b {
        return 1.0;
    }
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().count() >= 2)
            .map(str::to_owned)
            .collect()
    };
    let theirs = words(&b);
    if words(&a).iter().any(|word| theirs.contains(word)) {
        0.5
    } else {
        0.0
    }
}

/// A company's key: folded, punctuation as spaces, legal suffixes dropped.
fn company_key(company: &str) -> String {
    let folded = folded_name_key(company);
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|last| COMPANY_SUFFIXES.contains(last))
    {
        words.pop();
    }
    words.join(" ")
}

fn split_email(email: &str) -> Option<(String, String)> {
    let email = normalize_email(email);
    let (local, domain) = email.rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty()).then(|| (local.to_owned(), domain.to_owned()))
}

fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL_DOMAINS.contains(&domain)
}

/// Same name and company, same name and domain: the first person of each
/// block against each later one.
fn same_name_blocks(persons: &[Person], add: &mut impl FnMut(PersonId, PersonId, SuspectReason)) {
    let mut first: FastMap<String, PersonId> = FastMap::default();
    for (index, person) in persons.iter().enumerate() {
        if is_placeholder_name(&person.name) {
            continue;
        }
        let id = PersonId(index as u32);
        let name = folded_name_key(&person.name);
        let mut blocks: Vec<(String, SuspectReason)> = Vec::new();
        if let Some(company) = person.company.as_deref() {
            let key = company_key(company);
            if !key.is_empty() {
                blocks.push((
                    format!("{name}\u{1f}c\u{1f}{key}"),
                    SuspectReason::SameNameAndCompany {
                        name: name.clone(),
                        company: company.to_owned(),
                    },
                ));
            }
        }
        for email in &person.emails {
            if let Some((_, domain)) = split_email(email)
                && !is_free_mail(&domain)
            {
                blocks.push((
                    format!("{name}\u{1f}d\u{1f}{domain}"),
                    SuspectReason::SameNameAndDomain {
                        name: name.clone(),
                        domain,
                    },
                ));
            }
        }
        for (key, reason) in blocks {
            match first.get(&key) {
                Some(&earlier) => add(earlier, id, reason),
                None => {
                    first.insert(key, id);
                }
            }
        }
    }
}

/// Addresses at one domain whose local parts are one letter apart.
fn email_variants(persons: &[Person], add: &mut impl FnMut(PersonId, PersonId, SuspectReason)) {
    // (hash of `domain@local-with-one-letter-deleted` or of the whole
    // address, person, email index)
    let mut keys: Vec<(u64, u32, u32)> = Vec::new();
    for (index, person) in persons.iter().enumerate() {
        for (email_index, email) in person.emails.iter().enumerate() {
            let Some((local, domain)) = split_email(email) else {
                continue;
            };
            if local.chars().count() < MIN_VARIANT_LOCAL_CHARS {
                continue;
            }
            let entry = |text: &str| (key_hash(text), index as u32, email_index as u32);
            keys.push(entry(&format!("{domain}@{local}")));
            for (at, letter) in local.char_indices() {
                let mut deleted = String::with_capacity(domain.len() + local.len());
                deleted.push_str(&domain);
                deleted.push('@');
                deleted.push_str(&local[..at]);
                deleted.push_str(&local[at + letter.len_utf8()..]);
                keys.push(entry(&deleted));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    for block in keys.chunk_by(|x, y| x.0 == y.0) {
        if block.len() < 2 || block.len() > MAX_BLOCK {
            continue;
        }
        for (offset, &(_, x, x_email)) in block.iter().enumerate() {
            for &(_, y, y_email) in &block[offset + 1..] {
                if x == y {
                    continue;
                }
                let a = &persons[x as usize].emails[x_email as usize];
                let b = &persons[y as usize].emails[y_email as usize];
                if let (Some((local_a, domain_a)), Some((local_b, domain_b))) =
                    (split_email(a), split_email(b))
                    && domain_a == domain_b
                    && one_letter_apart(&local_a, &local_b)
                {
                    add(
                        PersonId(x),
                        PersonId(y),
                        SuspectReason::EmailVariant {
                            a: normalize_email(a),
                            b: normalize_email(b),
                        },
                    );
                }
            }
        }
    }
}

/// True when `a` and `b` differ by exactly one letter inserted, deleted or
/// replaced by another, or two neighbouring letters swapped (a dot counts
/// as a letter when inserted: `sampatel`, `sam.patel`). Digits never do:
/// `guest0025` and `guest0027` are two guests.
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let letter = |c: char| c.is_alphabetic();
    match long.len() - short.len() {
        0 => {
            let rest = |from: usize| short.get(from..) == long.get(from..);
            let replaced = letter(short[prefix]) && letter(long[prefix]) && rest(prefix + 1);
            let swapped = prefix + 1 < short.len()
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix]
                && letter(short[prefix])
                && letter(short[prefix + 1])
                && rest(prefix + 2);
            replaced || swapped
        }
        1 => {
            let inserted = long[prefix];
            (letter(inserted) || inserted == '.') && short[prefix..] == long[prefix + 1..]
        }
        _ => false,
    }
}

/// The slug of a `LinkedIn` profile URL, joined (`sam-patel-4a1b` →
/// `sampatel`): the generated suffix with digits is dropped.
fn slug_key(url: &str) -> Option<String> {
    let normalized = normalize_profile_url(url);
    let slug = normalized
        .split_once("linkedin.com/in/")?
        .1
        .split('/')
        .next()?
        .to_owned();
    let mut parts: Vec<&str> = slug.split('-').filter(|part| !part.is_empty()).collect();
    if parts.len() > 1
        && parts
            .last()
            .is_some_and(|last| last.chars().any(|c| c.is_ascii_digit()))
    {
        parts.pop();
    }
    let joined: String = parts
        .concat()
        .chars()
        .filter(|c| *c != '_' && *c != '.')
        .collect();
    (joined.chars().count() >= MIN_SLUG_CHARS).then_some(joined)
}

/// An e-mail's local part joined (`sam.patel+news@…` → `sampatel`).
fn local_key(email: &str) -> Option<String> {
    let (local, _) = split_email(email)?;
    let local = local.split('+').next().unwrap_or(&local);
    let joined: String = local
        .chars()
        .filter(|c| !matches!(c, '.' | '_' | '-'))
        .collect();
    (joined.chars().count() >= MIN_SLUG_CHARS).then_some(joined)
}

/// Profile slugs that are e-mail local parts.
fn slugs_matching_emails(
    persons: &[Person],
    add: &mut impl FnMut(PersonId, PersonId, SuspectReason),
) {
    let mut by_slug: FastMap<String, Vec<(PersonId, usize)>> = FastMap::default();
    for (index, person) in persons.iter().enumerate() {
        for (url_index, url) in person.profile_urls.iter().enumerate() {
            if let Some(key) = slug_key(url) {
                by_slug
                    .entry(key)
                    .or_default()
                    .push((PersonId(index as u32), url_index));
            }
        }
    }
    for (index, person) in persons.iter().enumerate() {
        for email in &person.emails {
            let Some(found) = local_key(email).and_then(|key| by_slug.get(&key)) else {
                continue;
            };
            if found.len() > MAX_BLOCK {
                continue;
            }
            for &(other, url_index) in found {
                add(
                    other,
                    PersonId(index as u32),
                    SuspectReason::SlugMatchesEmail {
                        url: normalize_profile_url(&persons[other.index()].profile_urls[url_index]),
                        email: normalize_email(email),
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_apart_is_one_edit_or_one_swap() {
        assert!(one_letter_apart("jon.smith", "john.smith"));
        assert!(one_letter_apart("john.smith", "jon.smith"));
        assert!(one_letter_apart("sam.patel", "sam.petel"));
        assert!(one_letter_apart("sam.patel", "sam.paetl"));
        assert!(one_letter_apart("sampatel", "sam.patel"));
        assert!(!one_letter_apart("sam.patel", "sam.patel"));
        assert!(!one_letter_apart("abcd", "bcde"));
        assert!(!one_letter_apart("sam.patel", "sam.pxtxl"));
        assert!(!one_letter_apart("guest0025", "guest0027"));
        assert!(!one_letter_apart("guest025", "guest0025"));
    }

    #[test]
    fn slugs_drop_the_generated_suffix_and_separators() {
        assert_eq!(
            slug_key("https://www.linkedin.com/in/priya-raman-4a2b9c/").as_deref(),
            Some("priyaraman")
        );
        assert_eq!(
            local_key("Priya.Raman+news@x.example").as_deref(),
            Some("priyaraman")
        );
        assert_eq!(slug_key("https://example.com/in/priya-raman"), None);
        assert_eq!(slug_key("linkedin.com/in/al"), None);
    }

    #[test]
    fn companies_compare_without_legal_suffixes() {
        assert_eq!(company_key("Northwind Traders, Inc."), "northwind traders");
        assert_eq!(company_key("Café Co"), "cafe");
        assert_eq!(company_key("Co"), "co");
    }

    fn person(name: &str, emails: &[&str], url: Option<&str>, company: Option<&str>) -> Person {
        Person {
            name: name.to_owned(),
            emails: emails.iter().map(|email| (*email).to_owned()).collect(),
            profile_urls: url.iter().map(|url| (*url).to_owned()).collect(),
            company: company.map(str::to_owned),
            ..Person::default()
        }
    }

    #[test]
    fn finds_each_kind_and_leaves_out_pairs_kept_apart() {
        let mut people = People::default();
        for person in [
            person(
                "José Núñez",
                &["jose@northwind.example"],
                None,
                Some("Northwind"),
            ),
            person(
                "Jose Nunez",
                &["jn@northwind.example"],
                None,
                Some("Northwind Inc"),
            ),
            person("Jon Smith", &["jon.smith@contoso.example"], None, None),
            person("John Smith", &["john.smith@contoso.example"], None, None),
            person("Dan Brown", &["dana.b@contoso.example"], None, None),
            person("Lee Chen", &["dan.b@contoso.example"], None, None),
            person(
                "Priya Raman",
                &[],
                Some("linkedin.com/in/priya-raman-77"),
                None,
            ),
            person("P. Raman", &["priya.raman@gmail.com"], None, None),
        ] {
            people.add(person);
        }
        let suspects = find_suspects(&people, &[]);
        let pairs: Vec<(u32, u32)> = suspects.iter().map(|s| (s.a.0, s.b.0)).collect();
        assert_eq!(pairs[0], (0, 1));
        assert!(pairs.contains(&(2, 3)) && pairs.contains(&(6, 7)));
        assert!(!pairs.contains(&(4, 5)), "{pairs:?}");
        let kept = find_suspects(&people, &[(PersonId(0), PersonId(1))]);
        assert!(kept.iter().all(|s| (s.a.0, s.b.0) != (0, 1)));
    }
}
