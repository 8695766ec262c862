//! Timestamps as sources write them, to unix seconds (UTC). Shared by every
//! parser so that a date means the same thing whichever file it comes from.

use jiff::civil::Date;
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

/// Parses a `YYYY-MM-DD` date.
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    text.parse::<Date>().ok()
}

/// The first second after `date` ends, in UTC: the instant an as-of date stands for.
#[must_use]
pub fn end_of_day(date: Date) -> i64 {
    date.tomorrow()
        .ok()
        .and_then(|next| {
            TimeZone::UTC
                .to_timestamp(next.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .map_or(i64::MAX, Timestamp::as_second)
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

    #[test]
    fn as_of_date_covers_the_whole_day() {
        let date = parse_date("2026-01-01").unwrap();
        assert_eq!(end_of_day(date), 1_767_225_600 + 86_400);
    }
}
