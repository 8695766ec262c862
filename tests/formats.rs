//! Calendars, mailboxes and address books read exactly as their formats
//! specify (RFC 5545 and 5546 for iCalendar, RFC 4155 for mbox, the
//! contact-CSV layouts), within bounds that no input can inflate past, and
//! `--strict` refusing only what is malformed or over a limit. Each fixture
//! under `data/fixtures/` was written for this project from the spec; the
//! large inputs are generated here.

// Test helpers fail the test on bad fixtures, like the tests themselves.
#![allow(clippy::expect_used)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use predicates::prelude::PredicateBooleanExt as _;
use warmpath::Error;
use warmpath::ingest::{
    Dataset, FileSummary, IngestOptions, InteractionRecord, PersonRecord, SkipKind, SkipReason,
    read_sources,
};
use warmpath::time::{end_of_day, parse_date};

use crate::harness::{fixture, run};

const JORDAN: &str = "jordan.reyes@example.com";

fn options(as_of_date: Option<&str>, strict: bool) -> IngestOptions {
    IngestOptions {
        strict,
        as_of: as_of_date.map(|date| end_of_day(parse_date(date).expect("valid date"))),
    }
}

fn read_paths(paths: &[PathBuf], as_of_date: &str) -> Dataset {
    read_sources(paths, options(Some(as_of_date), false)).expect("fixtures read")
}

fn read(name: &str) -> Dataset {
    read_paths(&[fixture(name)], "2026-11-25")
}

fn only_file(dataset: &Dataset) -> &FileSummary {
    assert_eq!(dataset.summary.files.len(), 1);
    &dataset.summary.files[0]
}

fn assert_accounts_for_every_row(dataset: &Dataset) {
    for file in &dataset.summary.files {
        assert_eq!(
            file.rows_read,
            file.rows_used + file.rows_skipped(),
            "{}: {file:?}",
            file.path.display()
        );
    }
}

fn email_of(dataset: &Dataset, reference: warmpath::ingest::RefId) -> String {
    dataset
        .refs
        .get(reference)
        .email
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Every meeting or mail that `organizer` sent to someone, by start.
fn from<'a>(dataset: &'a Dataset, organizer: &str) -> Vec<&'a InteractionRecord> {
    let mut found: Vec<&InteractionRecord> = dataset
        .interactions
        .iter()
        .filter(|record| email_of(dataset, record.from) == organizer)
        .collect();
    found.sort_by_key(|record| record.at);
    found
}

fn times(records: &[&InteractionRecord]) -> Vec<i64> {
    records.iter().map(|record| record.at).collect()
}

fn at(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>()
        .expect("valid timestamp")
        .as_second()
}

fn ats(texts: &[&str]) -> Vec<i64> {
    texts.iter().map(|text| at(text)).collect()
}

/// Every note and skip note of every file, for checks on their form.
fn all_notes(dataset: &Dataset) -> Vec<String> {
    dataset
        .summary
        .files
        .iter()
        .flat_map(|file| {
            file.notes
                .iter()
                .cloned()
                .chain(file.skip_notes.iter().map(|note| note.reason.clone()))
        })
        .collect()
}

fn assert_notes_are_words(dataset: &Dataset) {
    for note in all_notes(dataset) {
        assert!(note.chars().count() <= 301, "longer than 300: {note}");
        assert!(!note.contains(['\n', '\r']), "more than one line: {note}");
        for debug in ["{", "ICalendar", "Validation", "RRule(", "Some("] {
            assert!(!note.contains(debug), "a Debug dump: {note}");
        }
    }
}

fn write_file(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

// ---- --strict: malformed rows only ----

/// Set-asides are counted, never errors under `--strict`; malformed rows are.
#[test]
fn strict_accepts_every_set_aside_and_refuses_the_malformed() {
    for name in [
        "calendar",
        "calendar-recurrence",
        "calendar-after-as-of",
        "calendar-itip-versions",
        "calendar-attendee-roles",
        "calendar-no-attendees",
        "calendar-utc-until",
        "calendar-recurrence-set",
        "mbox",
        "mbox-alias-owner",
        "mbox-apple-mail",
        "mbox-unix-spool",
        "mbox-team-member/team.toml",
        "contacts-google",
        "contacts-outlook-display-name",
        "contacts-thunderbird",
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
    // The messages dated by their From line pass; the one with no date at
    // all (line 19) is the first malformed row.
    assert!(matches!(
        read_sources(
            &[fixture("mbox-date-from-separator")],
            options(Some("2026-11-25"), true)
        ),
        Err(Error::StrictSkip { line: 19, .. })
    ));
    assert_eq!(SkipReason::CancelledEvent.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::Draft.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::Sponsored.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::BulkMail.kind(), SkipKind::SetAside);
    assert_eq!(SkipReason::MalformedEvent.kind(), SkipKind::Malformed);
}

// ---- iCalendar (RFC 5545, RFC 5546) ----

#[test]
fn utc_until_ends_a_zoned_series_at_its_instant() {
    // 11:00 in Berlin on 26 November is 10:00 UTC, the UNTIL: the last
    // occurrence. 09:00 in Tokyo on 4 November is 00:00 UTC, the UNTIL.
    let dataset = read("calendar-utc-until");
    assert_eq!(
        times(&from(&dataset, "lena.vogel@example.de")),
        ats(&[
            "2020-11-05T10:00:00Z",
            "2020-11-12T10:00:00Z",
            "2020-11-19T10:00:00Z",
            "2020-11-26T10:00:00Z"
        ])
    );
    assert_eq!(
        times(&from(&dataset, "kenji.mori@example.jp")),
        ats(&[
            "2020-11-02T00:00:00Z",
            "2020-11-03T00:00:00Z",
            "2020-11-04T00:00:00Z"
        ])
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn a_start_that_is_also_an_rdate_counts_once() {
    let dataset = read("calendar-recurrence-set");
    assert_eq!(
        times(&from(&dataset, "omar.haddad@example.com")),
        ats(&["2026-01-05T10:00:00Z", "2026-01-12T10:00:00Z"])
    );
}

#[test]
fn moved_instance_of_an_rdate_occurrence_replaces_it() {
    let dataset = read("calendar-recurrence-set");
    let reviews = from(&dataset, "ines.duarte@example.pt");
    assert_eq!(
        times(&reviews),
        ats(&[
            "2026-02-02T15:00:00Z",
            "2026-02-10T16:00:00Z",
            "2026-02-16T15:00:00Z"
        ])
    );
    assert!(
        reviews
            .iter()
            .all(|review| review.duration_secs == Some(3600))
    );
}

#[test]
fn several_rrules_give_the_union_of_their_occurrences() {
    let dataset = read("calendar-recurrence-set");
    assert_eq!(
        times(&from(&dataset, "tariq.aziz@example.com")),
        ats(&[
            "2026-03-02T09:00:00Z",
            "2026-03-09T09:00:00Z",
            "2026-03-15T09:00:00Z",
            "2026-03-16T09:00:00Z",
            "2026-04-15T09:00:00Z"
        ])
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn latest_version_of_a_resent_event_is_the_one_meeting() {
    // SEQUENCE 1 beats 0 wherever it is in the file; of two SEQUENCE 1, the
    // later DTSTAMP wins.
    let dataset = read("calendar-itip-versions");
    let kickoff = from(&dataset, "priya.natarajan@example.org");
    assert_eq!(times(&kickoff), ats(&["2026-03-12T15:00:00Z"]));
    let file = only_file(&dataset);
    assert_eq!(
        file.skipped.get("older version of the same event"),
        Some(&3)
    );
    // The cancellation (METHOD:CANCEL, SEQUENCE 1) is the lunch's latest version.
    assert!(from(&dataset, "sam@example.io").is_empty());
    assert_eq!(file.skipped.get("cancelled event"), Some(&1));
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn a_reply_updates_an_answer_and_proposals_are_no_meetings() {
    let dataset = read("calendar-itip-versions");
    let kickoff = from(&dataset, "priya.natarajan@example.org");
    let guests: Vec<String> = kickoff[0]
        .to
        .iter()
        .map(|to| email_of(&dataset, *to))
        .collect();
    assert_eq!(guests, [JORDAN], "Elena's REPLY declined");
    assert!(
        !dataset
            .interactions
            .iter()
            .any(|record| record.at == at("2026-03-13T09:00:00Z")),
        "a COUNTER proposes, it is no meeting"
    );
    let file = only_file(&dataset);
    assert_eq!(file.skipped.get("reply to an invitation"), Some(&1));
    assert_eq!(
        file.skipped.get("scheduling message, not a meeting"),
        Some(&3),
        "COUNTER, DECLINECOUNTER and REFRESH"
    );
}

#[test]
fn non_participants_do_not_attend() {
    let dataset = read("calendar-attendee-roles");
    let review = from(&dataset, "meher.rao@example.in");
    assert_eq!(review.len(), 1, "the copied-only event is no meeting");
    let guests: Vec<String> = review[0]
        .to
        .iter()
        .map(|to| email_of(&dataset, *to))
        .collect();
    assert_eq!(guests, [JORDAN, "ravi.iyer@example.in"]);
    assert_eq!(
        only_file(&dataset).skipped.get("no other participant"),
        Some(&1)
    );
}

#[test]
fn quoted_names_are_cleaned_and_an_address_is_no_name() {
    let dataset = read("calendar-attendee-roles");
    let review = from(&dataset, "meher.rao@example.in")[0];
    let name = |reference| dataset.refs.get(reference).name.clone();
    assert_eq!(name(review.from).as_deref(), Some("Meher Rao"));
    assert_eq!(
        name(review.to[0]),
        None,
        "CN=\"'jordan.reyes@example.com'\""
    );
    assert_eq!(name(review.to[1]).as_deref(), Some("Ravi Iyer"));
}

#[test]
fn summary_says_what_recurring_events_expanded_to() {
    let dataset = read("calendar-recurrence-set");
    let recurrences = only_file(&dataset).recurrences.expect("recurring events");
    assert_eq!((recurrences.events, recurrences.occurrences), (3, 10));
    warmpath_ties("calendar-recurrence-set").stderr(predicates::str::contains(
        "3 recurring events expanded to 10 occurrences",
    ));
}

#[test]
fn calendar_without_attendees_says_so_once() {
    let dataset = read("calendar-no-attendees");
    let file = only_file(&dataset);
    assert_eq!(
        file.notes,
        ["no event of this calendar has attendees: nothing to learn about ties"]
    );
    assert!(
        read("calendar-utc-until").summary.files[0].notes.is_empty(),
        "a calendar with attendees"
    );
    warmpath_ties("calendar-no-attendees").stderr(predicates::str::contains(
        "personal.ics: note: no event of this calendar has attendees: nothing to learn about ties",
    ));
}

fn warmpath_ties(name: &str) -> assert_cmd::assert::Assert {
    crate::harness::warmpath()
        .args(["ties", "--as-of", "2026-11-25", "--data"])
        .arg(fixture(name))
        .assert()
}

#[test]
fn recurring_event_after_the_as_of_date_is_set_aside_in_words() {
    let dataset = read("calendar-after-as-of");
    let file = only_file(&dataset);
    assert_eq!(file.skipped.get("after the as-of date"), Some(&1));
    assert_eq!(file.skipped.get("malformed event"), None);
    assert_eq!(file.skipped.get("declined"), Some(&1));
    assert_notes_are_words(&dataset);
    crate::harness::warmpath()
        .args(["ties", "--as-of", "2026-11-25", "--strict", "-q", "--data"])
        .arg(fixture("calendar-after-as-of"))
        .assert()
        .success();
}

/// `series` daily series from 1990 with `attendees` attendees each: the
/// shape of the calendar amplification attack.
fn amplifying_calendar(series: usize, attendees: usize) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for index in 0..series {
        let _ = write!(
            text,
            "BEGIN:VEVENT\r\nUID:s{index}@example.com\r\nDTSTART:19900101T090000Z\r\n\
             DTEND:19900101T093000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Series {index}\r\n\
             ORGANIZER:mailto:o{index}@example.com\r\n"
        );
        for attendee in 0..attendees {
            let _ = write!(text, "ATTENDEE:mailto:a{attendee}@example.com\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text + "END:VCALENDAR\r\n"
}

#[test]
fn calendar_amplification_stops_at_the_attendance_limit_and_counts_the_rest() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = write_file(folder.path(), "amplify.ics", &amplifying_calendar(40, 50));
    let started = Instant::now();
    let dataset = read_paths(std::slice::from_ref(&path), "2026-11-25");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let attendances: usize = dataset
        .interactions
        .iter()
        .map(|meeting| 1 + meeting.to.len())
        .sum();
    assert!(attendances as u64 <= warmpath::ingest::MAX_ATTENDANCES_PER_FILE);
    let file = only_file(&dataset);
    assert!(file.rows_used > 0);
    assert!(
        file.skipped
            .get("over the file's limit")
            .is_some_and(|cut| *cut > 30)
    );
    assert!(
        file.notes.iter().any(|note| note.contains("attendances")),
        "{:?}",
        file.notes
    );
    assert_accounts_for_every_row(&dataset);
    assert_notes_are_words(&dataset);
    assert!(read_sources(&[path], options(Some("2026-11-25"), true)).is_err());
}

#[test]
fn series_over_its_occurrence_limit_is_cut_and_said() {
    // A daily series since 1990 with no end, beside a rule every second.
    let started = Instant::now();
    let dataset = read("calendar-unbounded-rules");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        from(&dataset, "ana.lopez@example.com").len(),
        warmpath::ingest::MAX_OCCURRENCES_PER_SERIES
    );
    assert!(from(&dataset, "victor.chen@example.com").is_empty());
    let file = only_file(&dataset);
    assert!(
        file.notes.iter().any(|note| note.contains(&format!(
            "more than {} occurrences",
            warmpath::ingest::MAX_OCCURRENCES_PER_SERIES
        ))),
        "{:?}",
        file.notes
    );
    assert_eq!(
        file.skipped.get("malformed event"),
        Some(&1),
        "FREQ=SECONDLY"
    );
    assert_accounts_for_every_row(&dataset);
    assert_notes_are_words(&dataset);
}

#[test]
fn refused_rules_are_refused_before_they_are_expanded() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for index in 0..300 {
        let _ = write!(
            text,
            "BEGIN:VEVENT\r\nUID:m{index}@example.com\r\nDTSTART:19900101T090000Z\r\n\
             RRULE:FREQ=SECONDLY\r\nORGANIZER:mailto:a@example.com\r\n\
             ATTENDEE:mailto:b@example.com\r\nEND:VEVENT\r\n"
        );
    }
    let path = write_file(
        folder.path(),
        "every-second.ics",
        &(text + "END:VCALENDAR\r\n"),
    );
    let started = Instant::now();
    let dataset = read_paths(&[path], "2026-11-25");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        only_file(&dataset).skipped.get("malformed event"),
        Some(&300)
    );
}

#[test]
fn a_hundred_thousand_attendees_on_one_event_are_read_in_linear_time() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:big@example.com\r\n\
         DTSTART:20260101T090000Z\r\nORGANIZER:mailto:boss@example.com\r\n",
    );
    for index in 0..100_000 {
        let _ = write!(text, "ATTENDEE:mailto:p{index}@example.com\r\n");
    }
    let path = write_file(
        folder.path(),
        "all-hands.ics",
        &(text + "END:VEVENT\r\nEND:VCALENDAR\r\n"),
    );
    let started = Instant::now();
    let dataset = read_paths(&[path], "2026-11-25");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(dataset.interactions[0].to.len(), 100_000);
}

#[test]
fn calendar_skip_notes_are_one_line_of_words() {
    let folder = tempfile::tempdir().expect("temp dir");
    let long_title = "x".repeat(5_000);
    let calendar = write_file(
        folder.path(),
        "odd.ics",
        &format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:{long_title}\r\n\
             DTSTART:20260101T090000Z\r\nRRULE:FREQ=WEEKLY;BYSETPOS=400;BYDAY=MO\r\n\
             ORGANIZER:mailto:a@example.com\r\nATTENDEE:mailto:b@example.com\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260101T090000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
        ),
    );
    let dataset = read_paths(&[calendar], "2026-11-25");
    assert!(!all_notes(&dataset).is_empty());
    assert_notes_are_words(&dataset);
    assert_accounts_for_every_row(&dataset);
}

// ---- mbox (RFC 4155) ----

#[test]
fn message_without_a_date_is_dated_by_its_from_line() {
    let dataset = read("mbox-date-from-separator");
    assert_eq!(
        times(&from(&dataset, "ana.lopez@example.com")),
        ats(&["2026-11-17T21:20:02Z"])
    );
    assert_eq!(
        times(&from(&dataset, JORDAN)),
        ats(&["2026-11-18T09:41:10Z"])
    );
    assert_eq!(
        times(&from(&dataset, "victor.chen@example.com")),
        ats(&["2026-11-19T08:05:00Z"]),
        "an unreadable Date header"
    );
    let file = only_file(&dataset);
    assert_eq!(
        file.skipped.get("bad date"),
        Some(&1),
        "no month in its From line"
    );
    assert_eq!(
        file.notes,
        ["3 messages have no readable Date header and are dated by their 'From ' line"]
    );
    warmpath_ties("mbox-date-from-separator").stderr(predicates::str::contains(
        "note: 3 messages have no readable Date header and are dated by their 'From ' line",
    ));
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn delivered_to_alias_names_no_owner_and_stops_nothing() {
    // The alias is in no header of a message read (only of list mail, set
    // aside): it names no one.
    let dataset = read("mbox-alias-owner");
    assert!(dataset.owners.is_empty());
    let note = &only_file(&dataset).notes[0];
    assert!(note.starts_with("no owner known for lists.mbox:"), "{note}");
    assert!(note.contains("--me"), "{note}");
    warmpath_ties("mbox-alias-owner")
        .success()
        .stderr(predicates::str::contains("warmpath.toml").not())
        .stderr(predicates::str::contains(
            "lists.mbox: note: no owner known for lists.mbox",
        ));
}

#[test]
fn mailbox_owner_contradicting_the_manifest_is_an_error_naming_both() {
    let output = run(&["ties", "--data", "data/fixtures/mbox-owner-disagrees"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for expected in [
        "the sources disagree",
        "mbox-owner-disagrees/warmpath.toml names 'jordan.reyes@example.com'",
        "the mailbox inbox.mbox names 'ana.lopez@example.com'",
        "--me",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    // Both addresses given as the user's: one owner, no disagreement.
    crate::harness::warmpath()
        .args(["ties", "-q", "--data", "data/fixtures/mbox-owner-disagrees"])
        .args(["--me", JORDAN, "--me", "ana.lopez@example.com"])
        .assert()
        .success();
}

#[test]
fn team_member_mailbox_is_the_members_not_another_owner() {
    let output = run(&[
        "report",
        "--team",
        "--data",
        "data/fixtures/mbox-team-member/team.toml",
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let members = report["members"].as_array().expect("members");
    assert_eq!(members.len(), 1, "{report}");
    assert_eq!(members[0]["member"]["id"], "jordan");
    assert_eq!(
        members[0]["quality"]["connections"], 1,
        "Ana, by the work address"
    );
}

#[test]
fn apple_mail_export_and_unix_spool_are_mailboxes() {
    for path in [
        fixture("mbox-apple-mail"),
        fixture("mbox-apple-mail/Inbox.mbox"),
        fixture("mbox-unix-spool/mbox"),
        fixture("mbox-unix-spool"),
    ] {
        let dataset = read_paths(std::slice::from_ref(&path), "2026-11-25");
        let file = only_file(&dataset);
        assert_eq!(file.kind, "mailbox (.mbox)", "{}", path.display());
        assert_eq!(
            (file.rows_read, file.rows_used),
            (1, 1),
            "{}",
            path.display()
        );
    }
}

#[test]
fn one_line_to_header_of_twenty_thousand_recipients_is_read_whole() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut recipients = String::new();
    for index in 0..20_000 {
        let _ = write!(
            recipients,
            "{}r{index}@example.com",
            if index > 0 { ", " } else { "" }
        );
    }
    let path = write_file(
        folder.path(),
        "wide.mbox",
        &format!(
            "From ana@example.com Mon Mar 02 10:00:00 2026\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\
             From: Ana <ana@example.com>\nTo: {recipients}\nSubject: all hands\n\nBody.\n"
        ),
    );
    let started = Instant::now();
    let dataset = read_paths(&[path], "2026-11-25");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(dataset.interactions.len(), 1);
    assert_eq!(dataset.interactions[0].to.len(), 20_000);
}

#[test]
fn headers_over_the_limit_are_skipped_whole_never_in_part() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut recipients = String::new();
    // Some 1.3 MiB of recipients on one line: over the 1 MiB of headers.
    for index in 0..60_000 {
        let _ = write!(
            recipients,
            "{}r{index}@example.com",
            if index > 0 { ", " } else { "" }
        );
    }
    let path = write_file(
        folder.path(),
        "too-wide.mbox",
        &format!(
            "From ana@example.com Mon Mar 02 10:00:00 2026\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\
             From: Ana <ana@example.com>\nTo: {recipients}\nSubject: all hands\n\nBody.\n\n\
             From ana@example.com Mon Mar 02 11:00:00 2026\nDate: Mon, 2 Mar 2026 11:00:00 +0000\n\
             From: Ana <ana@example.com>\nTo: {JORDAN}\n\nNext.\n"
        ),
    );
    let dataset = read_paths(std::slice::from_ref(&path), "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!((file.rows_read, file.rows_used), (2, 1));
    assert_eq!(file.skipped.get("oversized headers"), Some(&1));
    assert_eq!(
        times(&from(&dataset, "ana@example.com")),
        ats(&["2026-03-02T11:00:00Z"])
    );
    let strict = read_sources(&[path], options(Some("2026-11-25"), true));
    assert!(
        matches!(strict, Err(Error::StrictSkip { line: 1, .. })),
        "a limit under --strict"
    );
}

// ---- address books ----

fn person_with_email<'a>(dataset: &'a Dataset, address: &str) -> &'a PersonRecord {
    dataset
        .people
        .iter()
        .find(|person| {
            person
                .emails
                .iter()
                .any(|known| known.eq_ignore_ascii_case(address))
        })
        .unwrap_or_else(|| panic!("no contact with {address}"))
}

#[test]
fn outlook_family_csv_without_first_and_last_names_is_an_address_book() {
    let dataset = read("contacts-outlook-display-name");
    let ana = person_with_email(&dataset, "ana.lopez@example.com");
    assert_eq!(ana.name.as_deref(), Some("Ana Lopez"));
    assert_eq!(
        ana.emails,
        ["ana.lopez@example.com", "ana@personal.example.net"]
    );
    assert_eq!(
        ana.profile_urls,
        ["https://www.linkedin.com/in/ana-lopez-logistics"]
    );
    assert_eq!(ana.company.as_deref(), Some("Contoso"));
    let victor = person_with_email(&dataset, "victor.chen@example.com");
    assert_eq!(victor.name.as_deref(), Some("victor"), "the nickname");
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn thunderbird_csv_is_an_address_book() {
    let dataset = read("contacts-thunderbird");
    let elena = person_with_email(&dataset, "elena.petrova@example.org");
    assert_eq!(elena.name.as_deref(), Some("Elena Petrova"));
    assert_eq!(elena.emails.len(), 2);
    assert_eq!(elena.company.as_deref(), Some("Fabrikam"));
    assert_eq!(elena.title.as_deref(), Some("CTO"));
    assert_eq!(
        elena.profile_urls,
        ["https://www.linkedin.com/in/elena-petrova-cto"]
    );
    let gustavo = person_with_email(&dataset, "gustavo.lima@example.com");
    assert_eq!(gustavo.name.as_deref(), Some("Gustavo Lima"));
}

#[test]
fn csv_of_no_known_layout_is_refused_with_its_headers() {
    let output = run(&[
        "ties",
        "--data",
        "data/fixtures/contacts-unknown-layout/crm-export.csv",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for expected in [
        "crm-export.csv",
        "'Full Name', 'Work Email', 'Phone', 'Account Owner'",
        "Google Contacts",
        "Outlook",
        "Thunderbird",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}

#[test]
fn a_card_with_a_million_addresses_is_refused_in_linear_time() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("many.vcf");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    file.write_all(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Everyone\r\n")
        .expect("write");
    for index in 0..1_000_000 {
        write!(file, "EMAIL:m{index}@example.com\r\n").expect("write");
    }
    file.write_all(b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n")
        .expect("write");
    drop(file);
    let started = Instant::now();
    let dataset = read_paths(&[path], "2026-11-25");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let file = only_file(&dataset);
    assert_eq!((file.rows_read, file.rows_used), (2, 1));
    assert_eq!(
        file.skipped.get("too many addresses for one person"),
        Some(&1)
    );
}

#[test]
fn a_hundred_thousand_cards_sharing_one_address_merge_in_linear_time() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("front-desk.vcf");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    for index in 0..100_000 {
        write!(
            file,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Visitor {index}\r\nEMAIL:desk@example.com\r\nEND:VCARD\r\n"
        )
        .expect("write");
    }
    drop(file);
    let started = Instant::now();
    let output = run(&[
        "ties",
        "--as-of",
        "2026-11-25",
        "--data",
        path.to_str().expect("UTF-8 path"),
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        format!("{stdout}{stderr}").contains("network: 1 people"),
        "one address, one person: {stdout}{stderr}"
    );
}

#[test]
fn vcard_skip_notes_are_one_line_of_words() {
    let folder = tempfile::tempdir().expect("temp dir");
    let long_title = "x".repeat(5_000);
    let card = write_file(
        folder.path(),
        "odd.vcf",
        &format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:{long_title}\r\nEND:VEVENT\r\n\
             END:VCALENDAR\r\nBEGIN:VCARD\r\nFN:Ana\r\nEMAIL:ana@example.com\r\n"
        ),
    );
    let dataset = read_paths(&[card], "2026-11-25");
    assert!(!all_notes(&dataset).is_empty());
    assert_notes_are_words(&dataset);
    assert_accounts_for_every_row(&dataset);
}

// ---- owners ----

#[test]
fn export_without_an_owner_is_named_by_its_file_name() {
    let output = run(&[
        "report",
        "--data",
        "data/fixtures/linkedin-variants/2025-08",
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
        "-q",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["person"]["name"], "Owner of 2025-08");
}

// ---- the README ----

#[test]
fn readme_lists_every_limit_of_the_readers() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let start = readme.find("### Bad input").expect("a Bad input section");
    let section = &readme[start..];
    let grouped = |count: u64| {
        let digits = count.to_string();
        let mut text = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                text.push(' ');
            }
            text.push(digit);
        }
        text
    };
    for limit in [
        grouped(warmpath::ingest::MAX_OCCURRENCES_PER_SERIES as u64),
        grouped(warmpath::ingest::MAX_ATTENDANCES_PER_FILE),
        format!("{} MiB", warmpath::ingest::MAX_HEADER_BYTES >> 20),
        format!("| {} |", warmpath::ingest::MAX_ADDRESSES_PER_CONTACT),
        format!("{} characters", warmpath::ingest::MAX_NOTE_CHARS),
        format!("{} of each per file", warmpath::ingest::MAX_FILE_NOTES),
    ] {
        assert!(section.contains(&limit), "README's Bad input lacks {limit}");
    }
    assert_eq!(
        warmpath::ingest::MAX_FILE_NOTES,
        warmpath::ingest::MAX_SKIP_NOTES_PER_FILE,
        "the README gives one number for both"
    );
}
