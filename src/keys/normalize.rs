//! Normal forms of identifiers, so that the same human written differently in
//! two files gets the same key: emails by case, profile URLs by scheme, `www.`,
//! trailing slash, percent-encoding and case, names by spacing and case (and,
//! for searching, accents).

use unicode_normalization::UnicodeNormalization;

/// The placeholder `LinkedIn` writes for deleted or hidden accounts; many
/// different people share it, so it never identifies anyone.
pub const PLACEHOLDER_NAME: &str = "LinkedIn Member";

/// Lower-cases and trims an email address. Gmail dots and `+tags` are kept:
/// `a.b@gmail.com` and `ab@gmail.com` are only merged if both are listed.
#[must_use]
pub fn normalize_email(email: &str) -> String {
    let email = email.trim();
    let email = email
        .strip_prefix("mailto:")
        .or_else(|| email.strip_prefix("MAILTO:"))
        .unwrap_or(email);
    email.trim_matches(|c| c == '<' || c == '>').to_lowercase()
}

/// Normalises a profile URL: no scheme, no `www.`, no query or fragment, no
/// trailing slash, percent-decoded, lower case. `https://www.linkedin.com/in/chlo%C3%A9-m/`
/// and `linkedin.com/in/Chloé-M` give the same key.
#[must_use]
pub fn normalize_profile_url(url: &str) -> String {
    let url = url.trim();
    let lower_prefix = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower_prefix.starts_with("https://") {
        &url[8..]
    } else if lower_prefix.starts_with("http://") {
        &url[7..]
    } else {
        url
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
    let lowered = decoded.to_lowercase();
    let without_www = lowered.strip_prefix("www.").unwrap_or(&lowered);
    nfc(without_www.trim_end_matches('/'))
}

/// `text` in Unicode NFC. ASCII text is its own NFC form, so it is copied
/// without running the decomposition (most profile URLs are ASCII).
fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.nfc().collect()
}

/// The key for matching a name exactly: Unicode NFC, single spaces, lower case.
#[must_use]
pub fn exact_name_key(name: &str) -> String {
    if name.is_ascii() {
        // The same key in one pass: ASCII text is its own NFC form.
        let mut key = String::with_capacity(name.len());
        for word in name.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        return key;
    }
    unicode_name_key(name)
}

fn unicode_name_key(name: &str) -> String {
    let spaced: Vec<&str> = name.split_whitespace().collect();
    spaced.join(" ").nfc().collect::<String>().to_lowercase()
}

/// True when `name` is its own [`exact_name_key`] (lower-case ASCII, single
/// inner spaces), so a lookup needs no normalised copy.
fn is_exact_name_key(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.windows(2).all(|pair| pair != b"  ")
        && bytes.iter().all(|byte| {
            byte.is_ascii()
                && !byte.is_ascii_uppercase()
                && (*byte == b' ' || !char::from(*byte).is_whitespace())
        })
}

/// [`exact_name_key`] of `name`, borrowed when `name` is already its own key
/// (no copy for the names that are: lower-case ASCII ids and handles).
pub(crate) fn exact_name_key_cow(name: &str) -> std::borrow::Cow<'_, str> {
    if is_exact_name_key(name) {
        name.into()
    } else {
        exact_name_key(name).into()
    }
}

/// The key for searching a name: like [`exact_name_key`], and without accents
/// (`José Núñez` matches `jose nunez`).
#[must_use]
pub fn folded_name_key(name: &str) -> String {
    exact_name_key(name)
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// True for the placeholder name of hidden accounts and for empty names.
#[must_use]
pub fn is_placeholder_name(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || name.eq_ignore_ascii_case(PLACEHOLDER_NAME)
}

#[cfg(test)]
mod tests {
    #[test]
    fn exact_key_shortcut_agrees_with_the_normal_form() {
        for name in [
            "ana lopez",
            "Ana Lopez",
            "ana  lopez",
            " ana",
            "ana ",
            "ana\tlopez",
            "ana\u{b}lopez",
            "josé",
            "123",
            "p42",
            "",
            "a\u{1c}b",
            "o'brien",
        ] {
            if is_exact_name_key(name) {
                assert_eq!(exact_name_key(name), name, "{name:?}");
            }
            assert_eq!(
                super::exact_name_key_cow(name),
                exact_name_key(name),
                "{name:?}"
            );
        }
        assert!(is_exact_name_key("ana lopez") && is_exact_name_key("123"));
    }

    proptest::proptest! {
        /// The one-pass key of ASCII names is the Unicode normal form's.
        #[test]
        fn ascii_name_keys_match_the_unicode_path(name in "[ -~\t\n\x0b\x0c\r\x1c]{0,24}") {
            proptest::prop_assert_eq!(exact_name_key(&name), unicode_name_key(&name));
        }

        /// The copy of ASCII text is its normal form, and other text is composed.
        #[test]
        fn the_ascii_shortcut_is_the_normal_form(text in "[\\x00-\\x7f]{0,24}|[a-z\u{300}\u{e9}]{0,8}") {
            proptest::prop_assert_eq!(nfc(&text), text.nfc().collect::<String>());
        }
    }

    use super::*;

    #[test]
    fn profile_urls_match_across_scheme_www_slash_case_and_percent_encoding() {
        let key = normalize_profile_url("https://www.linkedin.com/in/chlo%C3%A9-martin-5e6f70/");
        assert_eq!(key, "linkedin.com/in/chloé-martin-5e6f70");
        assert_eq!(
            normalize_profile_url("linkedin.com/in/Chloé-Martin-5e6f70"),
            key
        );
        assert_eq!(
            normalize_profile_url("www.linkedin.com/in/chloé-martin-5e6f70?trk=x"),
            key
        );
        assert_eq!(
            normalize_profile_url("https://www.linkedin.com/in/Lars-Johansson-77"),
            "linkedin.com/in/lars-johansson-77"
        );
    }

    #[test]
    fn emails_match_by_case_but_gmail_dots_stay_distinct() {
        assert_eq!(
            normalize_email(" Ana.Lopez@Example.COM "),
            "ana.lopez@example.com"
        );
        assert_ne!(
            normalize_email("a.b@gmail.com"),
            normalize_email("ab@gmail.com")
        );
        assert_eq!(normalize_email("mailto:x@y.io"), "x@y.io");
    }

    #[test]
    fn folded_names_ignore_accents_case_and_spacing() {
        assert_eq!(folded_name_key("  José   NÚÑEZ "), "jose nunez");
        assert_eq!(exact_name_key("José  Núñez"), "josé núñez");
    }
}
