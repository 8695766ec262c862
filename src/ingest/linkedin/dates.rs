//! Every date format a `LinkedIn` export has used, to unix seconds (UTC).
//! Exports carry no time zone except `UTC` suffixes; times without one are
//! taken as UTC. Parsing only: nothing here knows which file a date came from.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::ingest::parse_timestamp;

/// Parses any date `LinkedIn` writes:
///
/// - `2026-11-18 16:02:11 UTC` (messages) and `2026/11/14 08:12:55 UTC` (endorsements);
/// - `07 Nov 2025` (Connections since 2020) and `3-Oct-26` (re-saved in Excel);
/// - `11/19/26, 8:05 AM` (Invitations, 2018 Connections and Messages) and
///   `10/14/26, 09:30 AM` (Recommendations), also with a four-digit year or
///   without the comma (Excel).
///
/// Returns `None` for anything else.
#[must_use]
pub fn parse_linkedin_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(secs) = parse_timestamp(text) {
        return Some(secs);
    }
    let bytes = text.as_bytes();
    if bytes.len() > 4 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'/' {
        return parse_timestamp(&text.replacen('/', "-", 2));
    }
    if text.contains('/') {
        return parse_us(text);
    }
    parse_day_month_year(text)
}

/// `M/D/YY, h:mm AM` and variants (four-digit year, no comma, 24-hour, seconds).
fn parse_us(text: &str) -> Option<i64> {
    let (date, time) = match text.split_once([',', ' ']) {
        Some((date, time)) => (date, time.trim_start_matches(',').trim()),
        None => (text, ""),
    };
    let mut parts = date.split('/');
    let month: i8 = parts.next()?.trim().parse().ok()?;
    let day: i8 = parts.next()?.trim().parse().ok()?;
    let year = full_year(parts.next()?.trim())?;
    if parts.next().is_some() {
        return None;
    }
    let date = Date::new(year, month, day).ok()?;
    let time = if time.is_empty() {
        Time::midnight()
    } else {
        parse_clock(time)?
    };
    to_unix(date.to_datetime(time))
}

/// `h:mm AM`, `hh:mm PM`, `HH:MM` or `HH:MM:SS`.
fn parse_clock(text: &str) -> Option<Time> {
    let upper = text.trim().to_ascii_uppercase();
    let (clock, meridiem) = if let Some(clock) = upper.strip_suffix("AM") {
        (clock.trim(), Some(false))
    } else if let Some(clock) = upper.strip_suffix("PM") {
        (clock.trim(), Some(true))
    } else {
        (upper.as_str(), None)
    };
    let mut parts = clock.split(':');
    let mut hour: i8 = parts.next()?.trim().parse().ok()?;
    let minute: i8 = parts.next()?.trim().parse().ok()?;
    let second: i8 = match parts.next() {
        Some(second) => second.trim().parse().ok()?,
        None => 0,
    };
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (hour, false) => hour,
            (hour, true) => hour + 12,
        };
    }
    Time::new(hour, minute, second, 0).ok()
}

/// `07 Nov 2025`, `3-Oct-26`, `7 November 2025`.
fn parse_day_month_year(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text
        .split([' ', '-'])
        .filter(|part| !part.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let day: i8 = day.parse().ok()?;
    let month = month_number(month)?;
    let year = full_year(year)?;
    to_unix(
        Date::new(year, month, day)
            .ok()?
            .to_datetime(Time::midnight()),
    )
}

/// `Jan`/`January` … `Dec`, any case.
fn month_number(text: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let index = MONTHS.iter().position(|month| *month == prefix)?;
    Some(index as i8 + 1)
}

/// A four-digit year, or a two-digit one read as 19YY from 70 up, else 20YY.
fn full_year(text: &str) -> Option<i16> {
    let year: i16 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 if year >= 70 => Some(1900 + year),
        2 => Some(2000 + year),
        _ => None,
    }
}

fn to_unix(datetime: DateTime) -> Option<i64> {
    TimeZone::UTC
        .to_timestamp(datetime)
        .ok()
        .map(jiff::Timestamp::as_second)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_19_2026_0805: i64 = 1_795_075_500;

    #[test]
    fn reads_invitation_and_recommendation_clock_dates() {
        assert_eq!(
            parse_linkedin_date("11/19/26, 8:05 AM"),
            Some(NOV_19_2026_0805)
        );
        assert_eq!(
            parse_linkedin_date("11/19/26, 08:05 AM"),
            Some(NOV_19_2026_0805)
        );
        assert_eq!(
            parse_linkedin_date("11/19/26, 8:05 PM"),
            Some(NOV_19_2026_0805 + 12 * 3600)
        );
        assert_eq!(
            parse_linkedin_date("11/19/26, 12:05 AM"),
            Some(NOV_19_2026_0805 - 8 * 3600)
        );
        assert_eq!(
            parse_linkedin_date("11/19/2026 8:05"),
            Some(NOV_19_2026_0805)
        );
        assert!(parse_linkedin_date("9/20/26, 10:12 AM").is_some());
    }

    #[test]
    fn reads_connection_dates_of_every_era() {
        let oct_3 = parse_linkedin_date("03 Oct 2026");
        assert!(oct_3.is_some());
        assert_eq!(parse_linkedin_date("3-Oct-26"), oct_3);
        assert_eq!(parse_linkedin_date("3 October 2026"), oct_3);
        assert_eq!(parse_linkedin_date("10/3/26, 12:00 AM"), oct_3);
    }

    #[test]
    fn reads_message_and_endorsement_timestamps() {
        assert_eq!(
            parse_linkedin_date("2026/11/14 08:12:55 UTC"),
            parse_linkedin_date("2026-11-14 08:12:55 UTC")
        );
        assert!(parse_linkedin_date("2026-11-14 08:12:55 UTC").is_some());
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "soon",
            "13/45/26, 8:05 AM",
            "32 Oct 2026",
            "3-Foo-26",
            "11/19/26, 13:05 PM",
        ] {
            assert_eq!(parse_linkedin_date(text), None, "{text}");
        }
    }
}
