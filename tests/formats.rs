//! Calendars, mailboxes and address books read exactly as their formats
//! specify (RFC 5545 and 5546 for iCalendar, RFC 4155 for mbox, the
//! contact-CSV layouts), within bounds that no input can inflate past, and
//! `--strict` refusing only what is malformed or over a limit. Each fixture
//! under `data/fixtures/` was written for this project from the spec; the
//! large inputs are generated here.

// Test helpers fail the test on bad fixtures, like the tests themselves.
#![allow(clippy::expect_used)]

use warmpath::Error;
use warmpath::ingest::{IngestOptions, SkipKind, SkipReason, read_sources};
use warmpath::time::{end_of_day, parse_date};

use crate::harness::fixture;

fn options(as_of_date: Option<&str>, strict: bool) -> IngestOptions {
    IngestOptions {
        strict,
        as_of: as_of_date.map(|date| end_of_day(parse_date(date).expect("valid date"))),
    }
}

// ---- --strict: malformed rows only ----

/// Set-asides are counted, never errors under `--strict`; malformed rows are.
#[test]
fn strict_accepts_every_set_aside_and_refuses_the_malformed() {
    for name in [
        "calendar",
        "calendar-recurrence",
        "mbox",
        "contacts-google",
        "linkedin-export",
    ] {
        let strict = read_sources(&[fixture(name)], options(Some("2026-11-25"), true));
        assert!(
            strict.is_ok(),
            "{name}: {}",
            strict
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default()
        );
    }
    for name in ["calendar-broken", "mbox-broken"] {
        assert!(
            matches!(
                read_sources(&[fixture(name)], options(Some("2026-11-25"), true)),
                Err(Error::StrictSkip { .. })
            ),
            "{name}"
        );
    }
    assert_eq!(SkipReason::CancelledEvent.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::Draft.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::Sponsored.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::BulkMail.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::MalformedEvent.kind(), SkipKind::Malformed);
}
