//! Calendars, mail and address books: every quirk of the format samples
//! (`data/fixtures/{calendar,mbox,contacts-*}`, copied from the shared
//! formats) and the broken fixtures, read through `read_sources`.

// Test helpers fail the test on bad fixtures, like the tests themselves.
#![allow(clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;

use warmpath::Error;
use warmpath::identity::{Resolution, resolve_identities};
use warmpath::ingest::{
    Channel, Dataset, FileSummary, IngestOptions, InteractionRecord, PersonRecord, PersonRef,
    read_sources,
};
use warmpath::time::{end_of_day, parse_date};

use crate::harness::fixture;

const JORDAN: &str = "jordan.reyes@example.com";
const ANA: &str = "ana.lopez@example.com";
const VICTOR: &str = "victor.chen@example.com";

fn as_of(date: &str) -> i64 {
    end_of_day(parse_date(date).expect("valid date"))
}

fn read(names: &[&str], as_of_date: &str) -> Dataset {
    let paths: Vec<PathBuf> = names.iter().map(|name| fixture(name)).collect();
    read_sources(
        &paths,
        IngestOptions {
            strict: false,
            as_of: Some(as_of(as_of_date)),
        },
    )
    .expect("fixtures read")
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

fn email(reference: &PersonRef) -> String {
    reference
        .email
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn involves(dataset: &Dataset, interaction: &InteractionRecord, address: &str) -> bool {
    let email = |reference| email(dataset.refs.get(reference));
    email(interaction.from) == address || interaction.to.iter().any(|to| email(*to) == address)
}

fn between<'a>(dataset: &'a Dataset, x: &str, y: &str) -> Vec<&'a InteractionRecord> {
    dataset
        .interactions
        .iter()
        .filter(|interaction| {
            involves(dataset, interaction, x) && involves(dataset, interaction, y)
        })
        .collect()
}

fn at(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>()
        .expect("valid timestamp")
        .as_second()
}

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

// ---- iCalendar ----

#[test]
fn counts_weekly_one_on_one_once_per_occurrence_up_to_as_of() {
    // Tuesdays from 2026-01-06 to 2026-11-24 are 47, less one EXDATE.
    let dataset = read(&["calendar"], "2026-11-25");
    assert_eq!(between(&dataset, ANA, JORDAN).len(), 46);
    // Up to 2026-03-01: the eight Tuesdays of January and February.
    let early = read(&["calendar"], "2026-03-01");
    assert_eq!(between(&early, ANA, JORDAN).len(), 8);
}

#[test]
fn moved_instance_replaces_its_original_occurrence() {
    let dataset = read(&["calendar"], "2026-11-25");
    let times: Vec<i64> = between(&dataset, ANA, JORDAN)
        .iter()
        .map(|meeting| meeting.at)
        .collect();
    assert!(
        times.contains(&at("2026-05-15T10:00:00Z")),
        "moved instance"
    );
    assert!(
        !times.contains(&at("2026-05-12T15:00:00Z")),
        "original occurrence"
    );
}

#[test]
fn exdate_removes_an_occurrence_in_the_series_time_zone() {
    let dataset = read(&["calendar"], "2026-11-25");
    let times: Vec<i64> = between(&dataset, ANA, JORDAN)
        .iter()
        .map(|meeting| meeting.at)
        .collect();
    assert!(!times.contains(&at("2026-04-07T15:00:00Z")));
    // 17:00 Madrid is 16:00 UTC in winter and 15:00 UTC in summer.
    assert!(times.contains(&at("2026-01-06T16:00:00Z")));
    assert!(times.contains(&at("2026-04-14T15:00:00Z")));
}

#[test]
fn cancelled_event_is_not_a_meeting() {
    let dataset = read(&["calendar"], "2026-11-25");
    assert!(between(&dataset, "farah.haddad@example.com", JORDAN).is_empty());
    assert_eq!(only_file(&dataset).skipped.get("cancelled event"), Some(&1));
}

#[test]
fn declined_attendee_is_not_in_the_meeting() {
    let dataset = read(&["calendar"], "2026-11-25");
    assert!(!dataset.interactions.iter().any(|meeting| involves(
        &dataset,
        meeting,
        "tomasz.nowak@example.org"
    )));
    // Jordan declined Sam's "Startup advice"; Sam and Riley still met.
    assert!(between(&dataset, "sam@example.io", JORDAN).is_empty());
    assert_eq!(
        between(&dataset, "sam@example.io", "riley.stone@example.com").len(),
        1
    );
}

#[test]
fn rooms_and_resources_are_not_people() {
    let dataset = read(&["calendar"], "2026-11-25");
    let kickoff = between(&dataset, "priya.natarajan@example.org", JORDAN);
    assert_eq!(kickoff.len(), 1);
    let everyone: Vec<String> = kickoff[0]
        .to
        .iter()
        .map(|to| email(dataset.refs.get(*to)))
        .collect();
    assert!(
        everyone
            .iter()
            .all(|address| !address.contains("resource.calendar.google.com"))
    );
    // Jordan, Elena (tentative) and Gustavo (optional, no answer) attend.
    assert_eq!(everyone.len(), 3, "{everyone:?}");
}

#[test]
fn organizer_meets_attendees_with_names_from_cn_and_upper_case_mailto() {
    let dataset = read(&["calendar"], "2026-11-25");
    let kickoff = between(&dataset, "priya.natarajan@example.org", JORDAN)[0];
    assert_eq!(kickoff.channel, Channel::Meeting);
    assert_eq!(
        email(dataset.refs.get(kickoff.from)),
        "priya.natarajan@example.org"
    );
    assert_eq!(
        dataset.refs.get(kickoff.from).name.as_deref(),
        Some("Natarajan, Priya")
    );
    let intro = between(&dataset, VICTOR, JORDAN)
        .into_iter()
        .find(|meeting| meeting.to.len() == 1)
        .expect("the intro call");
    assert_eq!(email(dataset.refs.get(intro.from)), VICTOR);
    // Google writes the address as the CN; it is not a name.
    assert_eq!(dataset.refs.get(intro.to[0]).name, None);
}

#[test]
fn address_folded_inside_the_email_is_unfolded() {
    let dataset = read(&["calendar"], "2026-11-25");
    let intro = between(&dataset, VICTOR, JORDAN);
    assert!(
        intro
            .iter()
            .any(|meeting| meeting.at == at("2026-11-19T09:00:00Z"))
    );
}

#[test]
fn meeting_duration_comes_from_dtstart_and_dtend() {
    let dataset = read(&["calendar"], "2026-11-25");
    let intro = between(&dataset, VICTOR, JORDAN)
        .into_iter()
        .find(|meeting| meeting.at == at("2026-11-19T09:00:00Z"))
        .expect("the intro call");
    assert_eq!(intro.duration_secs, Some(1800));
}

#[test]
fn group_meeting_lists_every_attendee_for_dilution() {
    let dataset = read(&["calendar"], "2026-11-25");
    let roundtable = between(&dataset, "wen.li@example.com", VICTOR);
    assert_eq!(roundtable.len(), 1);
    assert_eq!(roundtable[0].to.len(), 7);
}

#[test]
fn every_calendar_event_is_accounted_for() {
    let dataset = read(&["calendar"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!(file.rows_read, 8);
    assert_eq!(file.rows_used, 6);
    assert_eq!(
        file.skipped.get("no other participant"),
        Some(&1),
        "all-day summit"
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn meetings_after_the_as_of_date_are_not_read() {
    let dataset = read(&["calendar"], "2026-09-30");
    assert!(
        dataset
            .interactions
            .iter()
            .all(|meeting| meeting.at <= as_of("2026-09-30"))
    );
    assert!(
        only_file(&dataset)
            .skipped
            .contains_key("after the as-of date")
    );
    assert_accounts_for_every_row(&dataset);
}

fn times(meetings: &[&InteractionRecord]) -> Vec<i64> {
    let mut times: Vec<i64> = meetings.iter().map(|meeting| meeting.at).collect();
    times.sort_unstable();
    times
}

#[test]
fn count_rule_with_several_weekdays_loses_its_cancelled_instance() {
    let dataset = read(&["calendar-recurrence"], "2026-11-25");
    let sessions = between(&dataset, ANA, JORDAN);
    let expected: Vec<i64> = ["2026-02-02", "2026-02-04", "2026-02-11", "2026-02-16"]
        .iter()
        .map(|day| at(&format!("{day}T10:00:00Z")))
        .collect();
    assert_eq!(times(&sessions), expected);
    assert!(
        sessions
            .iter()
            .all(|session| session.duration_secs == Some(2700))
    );
}

#[test]
fn outlook_time_zone_and_a_per_instance_decline_are_honoured() {
    let dataset = read(&["calendar-recurrence"], "2026-11-25");
    // 09:00 in "W. Europe Standard Time": 07:00 UTC in summer, 08:00 in winter;
    // Jordan declined the September instance only.
    let expected: Vec<i64> = [
        "2026-07-01T07:00:00Z",
        "2026-08-01T07:00:00Z",
        "2026-10-01T07:00:00Z",
        "2026-11-01T08:00:00Z",
    ]
    .iter()
    .map(|time| at(time))
    .collect();
    assert_eq!(times(&between(&dataset, VICTOR, JORDAN)), expected);
}

#[test]
fn open_ended_floating_rule_is_expanded_up_to_the_as_of_date() {
    // Floating 08:00 in the calendar's X-WR-TIMEZONE (New York) is 13:00 UTC.
    let dataset = read(&["calendar-recurrence"], "2026-11-25");
    let standups = between(&dataset, "hana.sato@example.net", JORDAN);
    let expected: Vec<i64> = (20..=25)
        .map(|day| at(&format!("2026-11-{day}T13:00:00Z")))
        .collect();
    assert_eq!(times(&standups), expected);
    assert!(
        standups
            .iter()
            .all(|standup| standup.duration_secs == Some(900))
    );
}

#[test]
fn open_ended_rule_without_a_bound_stops_at_a_fixed_number() {
    let dataset =
        read_sources(&[fixture("calendar-recurrence")], IngestOptions::default()).expect("reads");
    let standups = between(&dataset, "hana.sato@example.net", JORDAN).len();
    assert!((1_000..=10_000).contains(&standups), "{standups}");
}

#[test]
fn all_day_meeting_counts_without_a_duration() {
    let dataset = read(&["calendar-recurrence"], "2026-11-25");
    let offsite = between(&dataset, "gustavo.lima@example.com", JORDAN);
    assert_eq!(offsite.len(), 1);
    assert_eq!(offsite[0].duration_secs, None);
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn broken_calendar_events_are_counted_skips_with_their_lines() {
    let dataset = read(&["calendar-broken"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!(file.rows_read, 7);
    assert_eq!(file.rows_used, 1, "the valid event after the broken ones");
    let lines: Vec<u64> = file.skip_notes.iter().map(|note| note.line).collect();
    assert_eq!(lines, [4, 10, 19, 28, 37, 54]);
    assert_eq!(
        file.skipped.get("malformed event"),
        Some(&3),
        "no DTSTART, bad and minutely rules"
    );
    assert_eq!(file.skipped.get("unparsable address"), Some(&2));
    assert!(
        file.skip_notes[1].reason.contains("jordan.reyes@exa"),
        "broken folding"
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn strict_mode_rejects_the_first_broken_event() {
    let error = read_sources(
        &[fixture("calendar-broken")],
        IngestOptions {
            strict: true,
            as_of: None,
        },
    )
    .expect_err("strict");
    assert!(
        matches!(error, Error::StrictSkip { line: 4, .. }),
        "{error}"
    );
}

// ---- mbox ----

#[test]
fn mail_headers_become_emails_from_sender_to_recipients() {
    let dataset = read(&["mbox"], "2026-11-25");
    let intro = dataset
        .interactions
        .iter()
        .find(|mail| email(dataset.refs.get(mail.from)) == ANA)
        .expect("Ana's intro");
    assert_eq!(intro.channel, Channel::Email);
    let to: Vec<String> = intro
        .to
        .iter()
        .map(|to| email(dataset.refs.get(*to)))
        .collect();
    assert_eq!(
        to,
        [VICTOR, JORDAN, "lee.park@example.com"],
        "folded To and Cc"
    );
    assert_eq!(
        dataset.refs.get(intro.to[2]).name.as_deref(),
        Some("Park, Lee")
    );
    assert_eq!(intro.at, at("2026-11-17T21:20:01Z"));
}

#[test]
fn encoded_sender_name_and_date_comment_are_decoded() {
    let dataset = read(&["mbox"], "2026-11-25");
    let chloe = dataset
        .interactions
        .iter()
        .find(|mail| email(dataset.refs.get(mail.from)) == "chloe.martin@example.fr")
        .expect("Chloé's mail");
    assert_eq!(
        dataset.refs.get(chloe.from).name.as_deref(),
        Some("Chloé Martin")
    );
    assert_eq!(chloe.at, at("2026-10-01T16:49:58Z"));
}

#[test]
fn bulk_mail_and_chat_records_are_counted_skips() {
    let dataset = read(&["mbox"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!(file.rows_read, 5, "a '>From' body line is not a separator");
    assert_eq!(file.rows_used, 3);
    assert_eq!(file.skipped.get("mailing list or bulk mail"), Some(&1));
    assert_eq!(file.skipped.get("no sender or recipients"), Some(&1));
    assert!(
        !dataset
            .interactions
            .iter()
            .any(|mail| email(dataset.refs.get(mail.from)).contains("no-reply"))
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn mailbox_recipient_is_an_owner_address() {
    let dataset = read(&["mbox"], "2026-11-25");
    assert_eq!(dataset.owners.len(), 1);
    assert_eq!(email(&dataset.owners[0].reference), JORDAN);
}

#[test]
fn broken_messages_are_counted_skips_and_unknown_charsets_never_panic() {
    let dataset = read(&["mbox-broken"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!(file.rows_read, 9);
    assert_eq!(
        file.rows_used, 4,
        "the message without Date is dated by its From line"
    );
    for reason in [
        "unparsable address",
        "no-reply sender",
        "mailing list or bulk mail",
        "spam",
        "sent only to the sender",
    ] {
        assert_eq!(file.skipped.get(reason), Some(&1), "{reason}");
    }
    let lines: Vec<u64> = file.skip_notes.iter().map(|note| note.line).collect();
    assert_eq!(lines, [9, 19, 24, 39, 55]);
    let chat = between(&dataset, ANA, JORDAN)
        .into_iter()
        .find(|record| record.at == at("2026-03-02T17:00:00Z"))
        .expect("the chat");
    assert_eq!(chat.channel, Channel::Message, "a Chat label with headers");
    assert!(!between(&dataset, "worf@example.org", JORDAN).is_empty());
    assert_eq!(
        between(&dataset, ANA, JORDAN)[0].to.len(),
        1,
        "'<@>' is dropped"
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn huge_attachment_is_streamed_past_without_losing_the_next_message() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("big.mbox");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let message = |file: &mut std::io::BufWriter<std::fs::File>, n: u32| {
        write!(
            file,
            "From {n} Mon Mar 02 10:00:00 +0000 2026\nDate: Mon, 2 Mar 2026 10:00:0{n} +0000\n\
             From: Ana Lopez <{ANA}>\nTo: {JORDAN}\nContent-Type: application/octet-stream\n\n"
        )
        .expect("write");
    };
    message(&mut file, 1);
    // 24 MiB on one line, then 100 000 ordinary base64 lines.
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..24 {
        file.write_all(&chunk).expect("write");
    }
    file.write_all(b"\n").expect("write");
    for _ in 0..100_000 {
        file.write_all(
            b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n",
        )
        .expect("write");
    }
    file.write_all(b"\n").expect("write");
    message(&mut file, 2);
    file.write_all(b"short body\n").expect("write");
    drop(file);
    let dataset = read_sources(&[path], IngestOptions::default()).expect("read");
    let file = only_file(&dataset);
    assert_eq!((file.rows_read, file.rows_used), (2, 2));
    assert_eq!(dataset.interactions[1].at, at("2026-03-02T10:00:02Z"));
}

// ---- address books ----

#[test]
fn google_contacts_split_multi_values_and_keep_linkedin_urls() {
    let dataset = read(&["contacts-google"], "2026-11-25");
    let ana = person_with_email(&dataset, ANA);
    assert_eq!(ana.name.as_deref(), Some("Ana Lopez"));
    assert_eq!(
        ana.emails,
        [ANA, "a.lopez@example.com", "ana.l@example.net"]
    );
    assert_eq!(ana.profile_urls, ["linkedin.com/in/ana-lopez-7c21e4"]);
    assert_eq!(ana.company.as_deref(), Some("Northwind Traders"));
    let chloe = person_with_email(&dataset, "chloe.martin@example.fr");
    assert_eq!(chloe.name.as_deref(), Some("Chloé Martin"), "BOM and UTF-8");
    assert_eq!(chloe.company.as_deref(), Some("Globex, Inc."));
}

#[test]
fn google_contact_named_by_its_address_has_no_name() {
    let dataset = read(&["contacts-google"], "2026-11-25");
    let riley = person_with_email(&dataset, "riley.stone@example.com");
    assert_eq!(riley.name, None);
    assert_eq!(riley.emails, ["riley.stone@example.com"]);
    let victor = person_with_email(&dataset, VICTOR);
    assert_eq!(
        victor.title.as_deref(),
        Some("CFO"),
        "multi-line cells in the row"
    );
}

#[test]
fn contacts_without_email_or_profile_are_counted_skips() {
    let dataset = read(&["contacts-google"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!((file.rows_read, file.rows_used), (9, 8));
    assert_eq!(
        file.skipped.get("no email or profile URL"),
        Some(&1),
        "the plumber"
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn legacy_google_layout_is_read() {
    let dataset = read(&["contacts-google-legacy"], "2026-11-25");
    let victor = person_with_email(&dataset, VICTOR);
    assert_eq!(victor.name.as_deref(), Some("Victor Chen"));
    assert_eq!(victor.emails, [VICTOR, "v.chen@example.org"]);
    assert_eq!(victor.company.as_deref(), Some("Northwind Traders"));
    assert_eq!(victor.title.as_deref(), Some("CFO"));
    assert_eq!(victor.profile_urls.len(), 1);
    let hana = person_with_email(&dataset, "hana.sato@example.net");
    assert_eq!(
        hana.name.as_deref(),
        Some("Hana Sato"),
        "from Given and Family Name"
    );
    assert_accounts_for_every_row(&dataset);
}

#[test]
fn outlook_contacts_are_read() {
    let dataset = read(&["contacts-outlook"], "2026-11-25");
    let sam = person_with_email(&dataset, "sam@example.io");
    assert_eq!(sam.emails, ["sam@example.io", "sam.okoro@example.com"]);
    assert_eq!(
        sam.profile_urls,
        ["https://www.linkedin.com/in/sam-okoro-1a2b3c"]
    );
    let farah = person_with_email(&dataset, "farah.haddad@example.com");
    assert_eq!(farah.company.as_deref(), Some("Umbrella Health"));
    assert_eq!(only_file(&dataset).rows_used, 3);
}

#[test]
fn vcards_of_every_version_give_emails_and_linkedin_urls() {
    let dataset = read(&["contacts-vcard"], "2026-11-25");
    let victor = person_with_email(&dataset, VICTOR);
    assert_eq!(
        victor.emails,
        [VICTOR, "v.chen@example.org"],
        "comma multi-value"
    );
    assert_eq!(
        victor.profile_urls,
        ["https://www.linkedin.com/in/victor-chen-cfo-0e1d2c"],
        "escaped colon"
    );
    let ana = person_with_email(&dataset, ANA);
    assert_eq!(
        ana.profile_urls,
        ["http://www.linkedin.com/in/ana-lopez-7c21e4"],
        "folded X-SOCIALPROFILE, homepage dropped"
    );
    let chloe = person_with_email(&dataset, "chloe.martin@example.fr");
    assert_eq!(
        chloe.profile_urls,
        ["https://www.linkedin.com/in/chlo%C3%A9-martin-5e6f70"],
        "vCard 4.0 SOCIALPROFILE"
    );
    assert_eq!(chloe.company.as_deref(), Some("Globex, Inc."));
    let farah = person_with_email(&dataset, "farah.haddad@example.com");
    assert_eq!(farah.name.as_deref(), Some("Farah Haddad"), "vCard 2.1");
    let ops = person_with_email(&dataset, "ops-team@example.com");
    assert_eq!(ops.name, None, "FN that is an address");
    let gus = person_with_email(&dataset, "gustavo.lima@example.com");
    assert_eq!(
        gus.profile_urls,
        ["https://www.linkedin.com/in/gustavo-lima-b04d2a/"]
    );
}

#[test]
fn contacts_are_identities_never_evidence() {
    let dataset = read(
        &["contacts-vcard", "contacts-google", "contacts-outlook"],
        "2026-11-25",
    );
    assert!(dataset.interactions.is_empty());
    assert!(dataset.relationships.is_empty());
    assert_eq!(dataset.people.len(), 6 + 8 + 3);
}

#[test]
fn broken_vcards_are_counted_skips() {
    let dataset = read(&["contacts-broken"], "2026-11-25");
    let file = only_file(&dataset);
    assert_eq!(file.rows_read, 3);
    assert_eq!(file.skipped.get("no email or profile URL"), Some(&1));
    assert!(
        dataset
            .people
            .iter()
            .any(|person| person.emails == ["lee.park@example.com"])
    );
    assert_accounts_for_every_row(&dataset);
}

// ---- identity across sources ----

#[test]
fn contact_card_ties_a_meeting_address_to_a_linkedin_profile() {
    let dataset = read(&["calendar", "contacts-vcard"], "2026-11-25");
    let resolved = resolve_identities(dataset).expect("resolves");
    let by_url = PersonRef {
        profile_url: Some("https://www.linkedin.com/in/victor-chen-cfo-0e1d2c".to_owned()),
        ..PersonRef::default()
    };
    let by_email = PersonRef {
        email: Some(VICTOR.to_owned()),
        ..PersonRef::default()
    };
    let (Resolution::Found(x), Resolution::Found(y)) = (
        resolved.people.resolve(&by_url),
        resolved.people.resolve(&by_email),
    ) else {
        panic!("Victor not found");
    };
    assert_eq!(x, y);
}

#[test]
fn me_flag_makes_every_owner_address_one_person() {
    let mut dataset = read(&["calendar", "mbox"], "2026-11-25");
    dataset.add_owner_emails(&["jordan@personal.example.net".to_owned()]);
    assert_eq!(dataset.owners.len(), 1);
    let resolved = resolve_identities(dataset).expect("resolves");
    assert_eq!(resolved.owners.len(), 1);
    let owner = resolved.people.person(resolved.owners[0]);
    assert!(owner.emails.iter().any(|address| address == JORDAN));
    assert!(
        owner
            .emails
            .iter()
            .any(|address| address == "jordan@personal.example.net")
    );
}

#[test]
fn me_flag_joins_an_export_owner_known_only_by_name_to_the_calendar_owner() {
    // What a LinkedIn export gives: an owner record from no row, named only.
    let mut dataset = read(&["calendar"], "2026-11-25");
    let jordan_by_name = PersonRef {
        name: Some("Jordan Reyes".to_owned()),
        ..PersonRef::default()
    };
    dataset.people.push(PersonRecord {
        name: Some("Jordan Reyes".to_owned()),
        ..PersonRecord::default()
    });
    dataset.owners.push(warmpath::ingest::Owner {
        reference: jordan_by_name.clone(),
        source: warmpath::ingest::OwnerSource::Export("Basic_LinkedInDataExport.zip".into()),
    });
    dataset.add_owner_emails(&[JORDAN.to_owned()]);
    let resolved = resolve_identities(dataset).expect("resolves");
    assert_eq!(resolved.owners.len(), 1);
    let by_email = PersonRef {
        email: Some(JORDAN.to_owned()),
        ..PersonRef::default()
    };
    assert!(matches!(
        resolved.people.resolve(&jordan_by_name),
        Resolution::Found(id) if id == resolved.owners[0]
    ));
    assert!(matches!(
        resolved.people.resolve(&by_email),
        Resolution::Found(id) if id == resolved.owners[0]
    ));
}

#[test]
fn explain_shows_meetings_and_mails_from_calendar_and_mailbox() {
    let output = crate::harness::warmpath()
        .args([
            "explain",
            "--quiet",
            "--as-of",
            "2026-11-25",
            "--me",
            JORDAN,
        ])
        .arg("--data")
        .arg(fixture("calendar"))
        .arg("--data")
        .arg(fixture("mbox"))
        .args(["Victor Chen", "Jordan Reyes"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("2 meetings, 1 email"), "{stdout}");
}

#[test]
fn single_calendar_file_is_a_data_source() {
    let dataset = read_sources(
        &[fixture("calendar/meetings.ics")],
        IngestOptions {
            strict: false,
            as_of: Some(as_of("2026-11-25")),
        },
    )
    .expect("reads a file");
    assert_eq!(only_file(&dataset).rows_read, 8);
}

#[test]
fn quoted_printable_name_with_a_soft_line_break_is_decoded() {
    let dataset = read(&["contacts-vcard-qp"], "2026-11-25");
    let jose = person_with_email(&dataset, "jose.martinez@example.com");
    assert_eq!(jose.name.as_deref(), Some("José Martínez"));
}

#[test]
fn unzipped_takeout_folder_is_searched_for_every_source() {
    let root = tempfile::tempdir().expect("temp dir");
    let copy = |from: &str, to: &str| {
        let target = root.path().join(to);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture(from), target).expect("copy");
    };
    copy(
        "mbox/mail-headers.mbox",
        "Takeout/Mail/All mail Including Spam and Trash.mbox",
    );
    copy(
        "calendar/meetings.ics",
        "Takeout/Calendar/jordan.reyes@example.com.ics",
    );
    copy(
        "contacts-vcard/contacts.vcf",
        "Takeout/Contacts/All Contacts/All Contacts.vcf",
    );
    copy(
        "contacts-google/google-contacts.csv",
        "Takeout/Contacts/contacts.csv",
    );
    std::fs::write(root.path().join("Takeout/archive_browser.html"), "<html>").expect("write");
    let dataset = read_sources(&[root.path().to_path_buf()], IngestOptions::default())
        .expect("reads the folder");
    let kinds: Vec<&str> = dataset
        .summary
        .files
        .iter()
        .map(|file| file.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "calendar (.ics)",
            "address book (.vcf)",
            "address book (contacts .csv)",
            "mailbox (.mbox)"
        ]
    );
}

#[test]
fn two_unlinked_owners_with_one_name_are_told_about_me() {
    crate::harness::warmpath()
        .args([
            "intro",
            "https://www.linkedin.com/in/victor-chen-cfo-0e1d2c",
            "--data",
            "data/fixtures/linkedin-export",
            "--data",
            "data/fixtures/mbox",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Jordan Reyes, Jordan Reyes"))
        .stderr(predicates::str::contains("give your email with --me"));
}
