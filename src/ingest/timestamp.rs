//! Timestamps as sources write them, to unix seconds (UTC). Shared by every
//! parser so that a date means the same thing whichever file it comes from.

use jiff::{Timestamp, tz::TimeZone};

/// Parses an RFC 3339 timestamp, a `YYYY-MM-DD` date (midnight UTC), a
/// `YYYY-MM-DD HH:MM:SS` civil time (UTC, with an optional ` UTC` suffix) or
/// unix seconds. Returns `None` for anything else.
#[must_use]
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) || (text.starts_with('-') && text.len() > 1) {
        return text.parse::<i64>().ok().filter(|secs| plausible(*secs));
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts.as_second()).filter(|secs| plausible(*secs));
    }
    let civil = text.strip_suffix(" UTC").unwrap_or(text);
    if let Ok(datetime) = civil.parse::<jiff::civil::DateTime>() {
        return TimeZone::UTC
            .to_timestamp(datetime)
            .ok()
            .map(Timestamp::as_second)
            .filter(|secs| plausible(*secs));
    }
    None
}

/// Years 1900–2200: anything outside is a typo or a unit mix-up (milliseconds).
fn plausible(secs: i64) -> bool {
    (-2_208_988_800..=7_258_118_400).contains(&secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_documented_timestamp_form() {
        let expected = 1_767_225_600; // 2026-01-01T00:00:00Z
        assert_eq!(parse_timestamp("2026-01-01"), Some(expected));
        assert_eq!(parse_timestamp("2026-01-01T00:00:00Z"), Some(expected));
        assert_eq!(parse_timestamp("2026-01-01T01:00:00+01:00"), Some(expected));
        assert_eq!(parse_timestamp("2026-01-01 00:00:00 UTC"), Some(expected));
        assert_eq!(parse_timestamp("1767225600"), Some(expected));
    }

    #[test]
    fn rejects_garbage_and_milliseconds() {
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp(""), None);
        assert_eq!(parse_timestamp("1767225600000"), None);
        assert_eq!(parse_timestamp("2026-13-01"), None);
    }
}
