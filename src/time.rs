//! Time as the whole crate counts it: unix seconds in UTC, days of 86,400
//! seconds, the as-of instant a date stands for, calendar dates from seconds
//! (Hinnant's days-to-civil algorithm where it runs per event, jiff where a
//! date is shown) and the date texts every output shares. Imports nothing of
//! the crate; source-specific timestamp formats stay with their parsers.

use jiff::civil::Date;
use jiff::{Timestamp, tz::TimeZone};

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Days in an average (Julian) year.
pub const DAYS_PER_YEAR: f64 = 365.25;

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

/// The civil date (year, month, day) of `days` since 1970-01-01 (Hinnant's
/// algorithm: cheap enough to run once per event, and defined for any day).
#[must_use]
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The UTC date and time of unix seconds `at`: year, month, day, hour,
/// minute, second.
#[must_use]
pub fn civil_time(at: i64) -> (i64, u32, u32, i64, i64, i64) {
    let (year, month, day) = civil_from_days(at.div_euclid(SECONDS_PER_DAY));
    let secs = at.rem_euclid(SECONDS_PER_DAY);
    (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
}

/// The UTC calendar year of unix seconds, clamped to `i32`.
#[must_use]
pub fn utc_year(seconds: i64) -> i32 {
    let (year, _, _) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
    year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// The UTC date of unix seconds, when it is a date jiff can show
/// (years −9999 to 9999).
#[must_use]
pub fn utc_date(seconds: i64) -> Option<Date> {
    let timestamp = Timestamp::from_second(seconds).ok()?;
    Some(timestamp.to_zoned_datetime(TimeZone::UTC).date())
}

/// `YYYY-MM-DD` of unix seconds (see [`utc_date`]).
#[must_use]
pub fn date_text(seconds: i64) -> Option<String> {
    utc_date(seconds).map(|date| date.to_string())
}

/// `YYYY-MM-DD HH:MM:SS UTC` of unix seconds, when jiff can show it.
#[must_use]
pub fn date_time_text(seconds: i64) -> Option<String> {
    let timestamp = Timestamp::from_second(seconds).ok()?;
    Some(timestamp.strftime("%Y-%m-%d %H:%M:%S UTC").to_string())
}

/// ISO 8601 `YYYY-MM-DDTHH:MM:SSZ` of unix seconds, when jiff can show it.
#[must_use]
pub fn iso_text(seconds: i64) -> Option<String> {
    let timestamp = Timestamp::from_second(seconds).ok()?;
    Some(timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Serialises optional unix seconds as an ISO 8601 string (or null), for
/// `#[serde(serialize_with)]`.
///
/// # Errors
///
/// Whatever the serializer returns.
// `serialize_with` hands the field by reference.
#[allow(clippy::ref_option)]
pub fn serialize_iso<S: serde::Serializer>(
    seconds: &Option<i64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match seconds.and_then(iso_text) {
        Some(text) => serializer.serialize_str(&text),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_text_is_utc_with_a_z() {
        assert_eq!(
            iso_text(1_767_225_600).as_deref(),
            Some("2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn as_of_date_covers_the_whole_day() {
        let date = parse_date("2026-01-01").unwrap();
        assert_eq!(end_of_day(date), 1_767_225_600 + SECONDS_PER_DAY);
    }

    #[test]
    fn hinnant_dates_agree_with_jiff() {
        for seconds in [
            -2_208_988_800,
            -1,
            0,
            951_782_400,
            951_868_799,
            1_767_225_599,
            1_767_225_600,
            7_258_118_400,
        ] {
            let date = utc_date(seconds).unwrap();
            let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
            assert_eq!(
                (year, month, day),
                (
                    i64::from(date.year()),
                    date.month() as u32,
                    date.day() as u32
                ),
                "{seconds}"
            );
            assert_eq!(i64::from(utc_year(seconds)), year);
        }
    }

    #[test]
    fn years_of_unix_seconds_follow_the_utc_calendar() {
        assert_eq!(utc_year(0), 1970);
        assert_eq!(utc_year(-1), 1969);
        assert_eq!(utc_year(1_704_067_199), 2023); // 2023-12-31T23:59:59Z
        assert_eq!(utc_year(1_704_067_200), 2024);
        assert_eq!(utc_year(951_782_400), 2000); // 2000-02-29
    }

    #[test]
    fn date_texts_are_utc() {
        assert_eq!(date_text(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(
            date_time_text(1_767_225_600 + 3_661).as_deref(),
            Some("2026-01-01 01:01:01 UTC")
        );
        assert_eq!(date_text(i64::MAX), None);
    }
}
