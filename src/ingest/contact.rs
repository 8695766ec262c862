//! What the address-book readers (vCard, Google and Outlook CSV) share: how a
//! contact's cells become email addresses, `LinkedIn` profile URLs and a name.
//! Only `LinkedIn` URLs are kept: a homepage or company site is no proof of
//! identity and would merge colleagues.

use super::PersonRecord;

/// Adds the addresses in `cell` (several separated by `separator`) that look
/// like email addresses.
pub(super) fn push_emails(emails: &mut Vec<String>, cell: &str, separator: &str) {
    for part in cell.split(separator) {
        let email = part.trim();
        if looks_like_email(email) && !emails.iter().any(|known| known.eq_ignore_ascii_case(email))
        {
            emails.push(email.to_owned());
        }
    }
}

/// Adds `cell` if it is a `LinkedIn` profile URL (escaped colons undone).
pub(super) fn push_profile_url(urls: &mut Vec<String>, cell: &str) {
    let url = cell.trim().replace("\\:", ":");
    let lower = url.to_ascii_lowercase();
    let linkedin = ["linkedin.com/in/", "linkedin.com/pub/"]
        .iter()
        .any(|profile| lower.contains(profile));
    if linkedin && !urls.contains(&url) {
        urls.push(url);
    }
}

/// Joins name parts that are not empty, or `None`.
pub(super) fn join_name(parts: &[&str]) -> Option<String> {
    let joined = parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// Sets the record's name; a "name" that is an email address (address books
/// write one for auto-saved contacts) is an address instead.
pub(super) fn finish_name(record: &mut PersonRecord, name: Option<String>) {
    match name {
        Some(name) if looks_like_email(&name) => push_emails(&mut record.emails, &name, ","),
        Some(name) => record.name = Some(name),
        None => {}
    }
}

/// True when the record ties a person to an email or a profile URL.
pub(super) fn is_identity(record: &PersonRecord) -> bool {
    !record.emails.is_empty() || !record.profile_urls.is_empty()
}

fn looks_like_email(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.ends_with('.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_multi_values_and_drops_non_addresses() {
        let mut emails = vec!["ana@example.com".to_owned()];
        push_emails(
            &mut emails,
            "ANA@example.com ::: a@example.org ::: n/a",
            " ::: ",
        );
        assert_eq!(emails, ["ana@example.com", "a@example.org"]);
    }

    #[test]
    fn keeps_only_linkedin_urls_with_colons_unescaped() {
        let mut urls = Vec::new();
        push_profile_url(&mut urls, "https\\://www.linkedin.com/in/victor");
        push_profile_url(&mut urls, "https://globex.example.com/team");
        assert_eq!(urls, ["https://www.linkedin.com/in/victor"]);
    }

    #[test]
    fn a_name_that_is_an_address_becomes_an_address() {
        let mut record = PersonRecord::default();
        finish_name(&mut record, Some("riley@example.com".to_owned()));
        assert_eq!(record.name, None);
        assert_eq!(record.emails, ["riley@example.com"]);
    }
}
