//! What the address-book readers (vCard, Google, Outlook and Thunderbird
//! CSV) share: how a contact's cells become email addresses, `LinkedIn`
//! profile URLs and a name, each kept once (a set, so a card listing a
//! million addresses costs linear time), and at most
//! [`MAX_ADDRESSES_PER_CONTACT`] of them. Only `LinkedIn` URLs are kept: a
//! homepage or company site is no proof of identity and would merge
//! colleagues.

use std::collections::HashSet;

use super::PersonRecord;

/// The most email addresses and profile URLs one contact may list; a card
/// with more is a group or a mailing list, not one person, and merging on it
/// would make one person of everyone in it.
pub const MAX_ADDRESSES_PER_CONTACT: usize = 100;

/// Why a contact gives no person record.
pub(super) enum NotAPerson {
    /// No email address and no `LinkedIn` URL.
    NoIdentifier,
    /// More addresses and URLs than [`MAX_ADDRESSES_PER_CONTACT`].
    TooManyAddresses,
}

/// One contact as its cells are read.
#[derive(Default)]
pub(super) struct Contact {
    record: PersonRecord,
    /// Addresses (lower case) and URLs already kept.
    seen: HashSet<String>,
    /// Distinct addresses and URLs seen (counting stops one past the limit).
    listed: usize,
}

impl Contact {
    /// The record being filled (name parts, company, title).
    pub(super) fn record_mut(&mut self) -> &mut PersonRecord {
        &mut self.record
    }

    /// Adds the addresses in `cell` (several separated by `separator`) that
    /// look like email addresses.
    pub(super) fn add_emails(&mut self, cell: &str, separator: &str) {
        for part in cell.split(separator) {
            let email = part.trim();
            if looks_like_email(email) && self.first_time(email.to_lowercase()) {
                self.record.emails.push(email.to_owned());
            }
        }
    }

    /// Adds `cell` if it is a `LinkedIn` profile URL (escaped colons undone).
    pub(super) fn add_profile_url(&mut self, cell: &str) {
        let url = cell.trim().replace("\\:", ":");
        let lower = url.to_ascii_lowercase();
        let linkedin = ["linkedin.com/in/", "linkedin.com/pub/"]
            .iter()
            .any(|profile| lower.contains(profile));
        if linkedin && self.first_time(url.clone()) {
            self.record.profile_urls.push(url);
        }
    }

    /// True the first time `key` is seen while the contact is within
    /// [`MAX_ADDRESSES_PER_CONTACT`]; past it, nothing more is kept.
    fn first_time(&mut self, key: String) -> bool {
        if self.listed > MAX_ADDRESSES_PER_CONTACT || !self.seen.insert(key) {
            return false;
        }
        self.listed += 1;
        self.listed <= MAX_ADDRESSES_PER_CONTACT
    }

    /// The person record, named `name` (a "name" that is an email address,
    /// as address books write for auto-saved contacts, is an address
    /// instead), or why there is none.
    pub(super) fn finish(
        mut self,
        name: Option<String>,
    ) -> std::result::Result<PersonRecord, NotAPerson> {
        match name {
            Some(name) if looks_like_email(&name) => self.add_emails(&name, ","),
            Some(name) => self.record.name = Some(name),
            None => {}
        }
        if self.listed > MAX_ADDRESSES_PER_CONTACT {
            return Err(NotAPerson::TooManyAddresses);
        }
        if self.record.emails.is_empty() && self.record.profile_urls.is_empty() {
            return Err(NotAPerson::NoIdentifier);
        }
        Ok(self.record)
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
        let mut contact = Contact::default();
        contact.add_emails("ana@example.com", ",");
        contact.add_emails("ANA@example.com ::: a@example.org ::: n/a", " ::: ");
        let Ok(record) = contact.finish(None) else {
            panic!("a person");
        };
        assert_eq!(record.emails, ["ana@example.com", "a@example.org"]);
    }

    #[test]
    fn keeps_only_linkedin_urls_with_colons_unescaped() {
        let mut contact = Contact::default();
        contact.add_profile_url("https\\://www.linkedin.com/in/victor");
        contact.add_profile_url("https://globex.example.com/team");
        contact.add_profile_url("https://www.linkedin.com/in/victor");
        let Ok(record) = contact.finish(None) else {
            panic!("a person");
        };
        assert_eq!(record.profile_urls, ["https://www.linkedin.com/in/victor"]);
    }

    #[test]
    fn a_name_that_is_an_address_becomes_an_address() {
        let Ok(record) = Contact::default().finish(Some("riley@example.com".to_owned())) else {
            panic!("a person");
        };
        assert_eq!(record.name, None);
        assert_eq!(record.emails, ["riley@example.com"]);
    }

    #[test]
    fn a_contact_with_more_addresses_than_a_person_has_is_refused() {
        let mut contact = Contact::default();
        for index in 0..=MAX_ADDRESSES_PER_CONTACT {
            contact.add_emails(&format!("p{index}@example.com"), ",");
        }
        assert!(matches!(
            contact.finish(None),
            Err(NotAPerson::TooManyAddresses)
        ));
        let mut repeated = Contact::default();
        for _ in 0..1_000 {
            repeated.add_emails("same@example.com", ",");
        }
        assert!(repeated.finish(None).is_ok(), "one address listed often");
    }
}
