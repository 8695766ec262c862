//! iCalendar (`.ics`, Google and Outlook exports): each meeting with at least
//! two people becomes a [`Channel::Meeting`] interaction from its organizer to
//! the other attendees, once per occurrence. Recurring events are expanded by
//! `calcard` (RRULE, RDATE, EXDATE, moved instances via RECURRENCE-ID) up to
//! the as-of bound. Cancelled events, declined attendees, rooms and resources
//! do not count. Each VEVENT is one row of the ingest summary. This module
//! reads attendees and times only; it never reads descriptions or resolves who
//! anyone is.

use std::collections::HashMap;
use std::path::Path;

use calcard::common::timezone::Tz;
use calcard::common::{IanaString, PartialDateTime};
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFrequency,
    ICalendarParameter, ICalendarParameterName, ICalendarParameterValue, ICalendarProperty,
    ICalendarStatus, ICalendarValue,
};
use calcard::{Entry, Parser};

use super::line_cursor::{LineCursor, excerpt};
use super::{Channel, Dataset, IngestOptions, InteractionRecord, Origin, PersonRef};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;
use crate::time::{SECONDS_PER_DAY, end_of_day};

/// The most occurrences one recurring series may produce; a rule without an
/// end and no as-of bound stops here.
pub const MAX_OCCURRENCES_PER_SERIES: usize = 10_000;

/// The longest meeting duration kept, in seconds (a week); longer spans are
/// blocked time, not time together.
const MAX_DURATION_SECS: i64 = 7 * SECONDS_PER_DAY;

/// Domain suffix of Google's non-people calendar addresses: rooms and
/// resources (`resource.`), shared and imported calendars (`group.`,
/// `group.v.`, `import.`).
const GOOGLE_CALENDAR_DOMAIN: &str = "calendar.google.com";

/// Reads one `.ics` file into `dataset`.
pub fn read_ical_file(path: &Path, options: IngestOptions, dataset: &mut Dataset) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let file = dataset.summary.add_file(path, "calendar (.ics)");
    let event_lines = begin_lines(&text, "BEGIN:VEVENT");
    // A manifest read before may fix a later as-of date than the pipeline's.
    let bound = options.as_of.map(|bound| {
        dataset
            .as_of
            .map_or(bound, |date| bound.max(end_of_day(date)))
    });
    let mut reader = CalendarReader {
        file,
        bound,
        event_lines,
        next_event: 0,
        dataset,
    };
    let mut invalid_lines = LineCursor::new(&text);
    let mut parser = Parser::new(&text);
    loop {
        match parser.entry() {
            Entry::ICalendar(calendar) => reader.read_calendar(calendar)?,
            Entry::Eof => break,
            Entry::VCard(_) => {}
            Entry::InvalidLine(line) => {
                let origin = Origin {
                    file,
                    line: invalid_lines.find(&line),
                };
                reader.dataset.summary.count_read(file);
                reader.dataset.summary.skip(
                    origin,
                    SkipReason::MalformedEvent,
                    &format!("cannot parse '{}'", excerpt(&line)),
                )?;
            }
            other => {
                let origin = Origin {
                    file,
                    line: reader.current_line(),
                };
                reader.dataset.summary.count_read(file);
                reader.dataset.summary.skip(
                    origin,
                    SkipReason::MalformedEvent,
                    &format!("{other:?}"),
                )?;
                if matches!(other, Entry::TooManyComponents) {
                    break;
                }
            }
        }
    }
    Ok(())
}

struct CalendarReader<'d> {
    file: u32,
    bound: Option<i64>,
    /// 1-based lines of every `BEGIN:VEVENT`, in order.
    event_lines: Vec<u64>,
    next_event: usize,
    dataset: &'d mut Dataset,
}

/// Who took part in one VEVENT.
struct Participants {
    from: PersonRef,
    to: Vec<PersonRef>,
}

/// Why a VEVENT is not a meeting.
enum NotAMeeting {
    Cancelled,
    /// Fewer than two people; the addresses that could not be read.
    NoOtherParticipant(Vec<String>),
}

impl CalendarReader<'_> {
    fn current_line(&self) -> u64 {
        self.event_lines
            .get(self.next_event.saturating_sub(1))
            .copied()
            .unwrap_or(1)
    }

    fn read_calendar(&mut self, mut calendar: ICalendar) -> Result<()> {
        let default_tz = calendar_timezone(&calendar);
        let timezones: Vec<ICalendarComponent> = calendar
            .components
            .iter()
            .filter(|component| component.component_type == ICalendarComponentType::VTimezone)
            .cloned()
            .collect();
        // Group the events of one series (same UID) so that moved instances
        // replace their original occurrence.
        let mut series: Vec<Vec<(u64, ICalendarComponent)>> = Vec::new();
        let mut series_of_uid: HashMap<String, usize> = HashMap::new();
        for component in std::mem::take(&mut calendar.components) {
            if component.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            let line = self.event_lines.get(self.next_event).copied().unwrap_or(1);
            self.next_event += 1;
            self.dataset.summary.count_read(self.file);
            let index = if let Some(uid) = component.uid() {
                *series_of_uid.entry(uid.to_owned()).or_insert_with(|| {
                    series.push(Vec::new());
                    series.len() - 1
                })
            } else {
                series.push(Vec::new());
                series.len() - 1
            };
            series[index].push((line, component));
        }
        for events in series {
            self.read_series(events, &timezones, default_tz)?;
        }
        Ok(())
    }

    fn read_series(
        &mut self,
        events: Vec<(u64, ICalendarComponent)>,
        timezones: &[ICalendarComponent],
        default_tz: Tz,
    ) -> Result<()> {
        let first = timezones.len();
        let mut lines = Vec::with_capacity(events.len());
        let mut components = timezones.to_vec();
        for (line, mut component) in events {
            prepare_for_expansion(&mut component, self.bound);
            lines.push(line);
            components.push(component);
        }
        let calendar = ICalendar { components };
        let expanded = calendar.expand_dates(default_tz, MAX_OCCURRENCES_PER_SERIES);

        let members = &calendar.components[first..];
        let mut malformed: Vec<Option<String>> = vec![None; members.len()];
        for error in &expanded.errors {
            if let Some(slot) = (error.comp_id as usize)
                .checked_sub(first)
                .and_then(|index| malformed.get_mut(index))
            {
                *slot = Some(format!("{:?}", error.error));
            }
        }
        for (index, member) in members.iter().enumerate() {
            if member.property(&ICalendarProperty::Dtstart).is_none()
                && !member.is_recurrence_override()
            {
                malformed[index] = Some("no DTSTART".to_owned());
            } else if let Some(problem) = rule_problem(member) {
                malformed[index] = Some(problem);
            }
        }
        let participants: Vec<std::result::Result<Participants, NotAMeeting>> =
            members.iter().map(participants).collect();
        let all_day: Vec<bool> = members.iter().map(is_all_day).collect();

        let mut produced = vec![0_u64; members.len()];
        let mut later = vec![false; members.len()];
        for event in &expanded.events {
            let Some(index) = (event.comp_id as usize).checked_sub(first) else {
                continue;
            };
            if index >= members.len() || malformed[index].is_some() {
                continue;
            }
            let Ok(people) = &participants[index] else {
                continue;
            };
            let (start, end) = event.timestamps();
            if self.bound.is_some_and(|bound| start > bound) {
                later[index] = true;
                continue;
            }
            let duration_secs = (!all_day[index])
                .then(|| (end - start).clamp(0, MAX_DURATION_SECS) as u32)
                .filter(|secs| *secs > 0);
            produced[index] += 1;
            self.dataset.interactions.push(InteractionRecord {
                origin: Origin {
                    file: self.file,
                    line: lines[index],
                },
                at: start,
                from: self.dataset.refs.intern(people.from.clone()),
                to: people
                    .to
                    .iter()
                    .map(|to| self.dataset.refs.intern(to.clone()))
                    .collect(),
                channel: Channel::Meeting,
                duration_secs,
            });
        }

        self.account(
            members,
            &lines,
            &malformed,
            &participants,
            &produced,
            &later,
        )
    }

    /// Counts each series member as used or skipped, with its reason.
    fn account(
        &mut self,
        members: &[ICalendarComponent],
        lines: &[u64],
        malformed: &[Option<String>],
        participants: &[std::result::Result<Participants, NotAMeeting>],
        produced: &[u64],
        later: &[bool],
    ) -> Result<()> {
        let summary = &mut self.dataset.summary;
        for (index, &line) in lines.iter().enumerate() {
            let origin = Origin {
                file: self.file,
                line,
            };
            let summary_text = event_summary(&members[index]);
            if let Some(problem) = &malformed[index] {
                summary.skip(
                    origin,
                    SkipReason::MalformedEvent,
                    &format!("'{summary_text}': {problem}"),
                )?;
            } else if let Err(reason) = &participants[index] {
                let (reason, detail) = match reason {
                    NotAMeeting::Cancelled => {
                        (SkipReason::CancelledEvent, "STATUS:CANCELLED".to_owned())
                    }
                    NotAMeeting::NoOtherParticipant(unreadable) if unreadable.is_empty() => (
                        SkipReason::NoOtherParticipant,
                        "fewer than two people attend (declined, rooms and resources do not count)"
                            .to_owned(),
                    ),
                    NotAMeeting::NoOtherParticipant(unreadable) => (
                        SkipReason::UnparsableAddress,
                        format!(
                            "fewer than two readable attendees; cannot read {}",
                            unreadable
                                .iter()
                                .map(|value| format!("'{}'", excerpt(value)))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                };
                summary.skip(origin, reason, &format!("'{summary_text}': {detail}"))?;
            } else if produced[index] > 0 {
                summary.count_used(self.file);
            } else if later[index] {
                summary.skip(
                    origin,
                    SkipReason::AfterAsOf,
                    &format!("'{summary_text}' happens after the as-of date"),
                )?;
            } else {
                summary.skip(
                    origin,
                    SkipReason::NoOccurrence,
                    &format!("'{summary_text}': its recurrence rule yields no date"),
                )?;
            }
        }
        Ok(())
    }
}

/// What is wrong with an event's recurrence rule, if anything: it cannot be
/// read, or it repeats more often than daily (no calendar app makes meetings
/// every hour; such a rule is junk and would flood the evidence).
fn rule_problem(component: &ICalendarComponent) -> Option<String> {
    component
        .properties(&ICalendarProperty::Rrule)
        .find_map(|entry| match entry.values.first() {
            Some(ICalendarValue::RecurrenceRule(rule)) => matches!(
                rule.freq,
                ICalendarFrequency::Hourly
                    | ICalendarFrequency::Minutely
                    | ICalendarFrequency::Secondly
            )
            .then(|| format!("FREQ={} repeats more often than daily", rule.freq.as_str())),
            _ => Some("unreadable RRULE".to_owned()),
        })
}

/// Readies a series member for `calcard`'s expansion: a moved instance is
/// matched to its original by SEQUENCE and date, but editing an instance
/// raises its SEQUENCE, so the series members must share one; a UTC start
/// (`…Z`) is given an explicit `TZID=UTC`, as the expansion otherwise places
/// a UTC series in the calendar's default zone; and a rule is cut a day after
/// the as-of bound (the exact cut is applied afterwards).
fn prepare_for_expansion(component: &mut ICalendarComponent, bound: Option<i64>) {
    component
        .entries
        .retain(|entry| entry.name != ICalendarProperty::Sequence);
    for entry in &mut component.entries {
        let utc = matches!(
            entry.values.first(),
            Some(ICalendarValue::PartialDateTime(start)) if start.tz_hour.is_some()
        );
        if entry.name == ICalendarProperty::Dtstart
            && utc
            && !entry.has_parameter(&ICalendarParameterName::Tzid)
        {
            entry.params.push(ICalendarParameter {
                name: ICalendarParameterName::Tzid,
                value: ICalendarParameterValue::Text("UTC".to_owned()),
            });
        }
    }
    let Some(bound) = bound else {
        return;
    };
    let Some(cut) = partial_date_time(bound + SECONDS_PER_DAY) else {
        return;
    };
    for entry in &mut component.entries {
        if entry.name != ICalendarProperty::Rrule {
            continue;
        }
        for value in &mut entry.values {
            if let ICalendarValue::RecurrenceRule(rule) = value {
                let later = rule.until.as_ref().is_none_or(|until| {
                    until
                        .to_date_time()
                        .is_none_or(|until| until.date_time.and_utc().timestamp() > bound)
                });
                if later {
                    rule.until = Some(cut.clone());
                }
            }
        }
    }
}

fn partial_date_time(at: i64) -> Option<PartialDateTime> {
    let time = jiff::Timestamp::from_second(at).ok()?;
    let civil = jiff::tz::TimeZone::UTC.to_datetime(time);
    Some(PartialDateTime {
        year: u16::try_from(civil.year()).ok(),
        month: u8::try_from(civil.month()).ok(),
        day: u8::try_from(civil.day()).ok(),
        hour: u8::try_from(civil.hour()).ok(),
        minute: u8::try_from(civil.minute()).ok(),
        second: u8::try_from(civil.second()).ok(),
        tz_hour: Some(0),
        tz_minute: Some(0),
        tz_minus: false,
    })
}

/// The calendar's own time zone (`X-WR-TIMEZONE`) for floating times, else UTC.
fn calendar_timezone(calendar: &ICalendar) -> Tz {
    calendar
        .components
        .iter()
        .filter(|component| component.component_type == ICalendarComponentType::VCalendar)
        .flat_map(|component| &component.entries)
        .find_map(|entry| match &entry.name {
            ICalendarProperty::Other(name) if name.eq_ignore_ascii_case("X-WR-TIMEZONE") => entry
                .values
                .first()
                .and_then(ICalendarValue::as_text)
                .and_then(|id| id.parse::<Tz>().ok()),
            _ => None,
        })
        .unwrap_or(Tz::UTC)
}

fn is_all_day(component: &ICalendarComponent) -> bool {
    component
        .property(&ICalendarProperty::Dtstart)
        .and_then(|entry| entry.values.first())
        .is_some_and(|value| match value {
            ICalendarValue::PartialDateTime(start) => !start.has_time(),
            _ => false,
        })
}

fn event_summary(component: &ICalendarComponent) -> String {
    component
        .property(&ICalendarProperty::Summary)
        .and_then(|entry| entry.values.first())
        .and_then(ICalendarValue::as_text)
        .map_or_else(|| "(no title)".to_owned(), excerpt)
}

/// One person on an ORGANIZER or ATTENDEE line.
struct Attendee {
    email: String,
    name: Option<String>,
    declined: bool,
}

fn participants(component: &ICalendarComponent) -> std::result::Result<Participants, NotAMeeting> {
    if component.status() == Some(&ICalendarStatus::Cancelled) {
        return Err(NotAMeeting::Cancelled);
    }
    let mut unreadable = Vec::new();
    let mut read = |entry: &ICalendarEntry| match person_of(entry) {
        Ok(person) => person,
        Err(value) => {
            unreadable.push(value);
            None
        }
    };
    let organizer = component
        .property(&ICalendarProperty::Organizer)
        .and_then(&mut read);
    let attendees: Vec<Attendee> = component
        .properties(&ICalendarProperty::Attendee)
        .filter_map(&mut read)
        .collect();
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let mut people: Vec<Attendee> = Vec::with_capacity(attendees.len() + 1);
    if let Some(mut organizer) = organizer {
        if let Some(listed) = attendees.iter().find(|a| same(&a.email, &organizer.email)) {
            organizer.declined = listed.declined;
            organizer.name = organizer.name.or_else(|| listed.name.clone());
        }
        people.push(organizer);
    }
    for attendee in attendees {
        if !people.iter().any(|p| same(&p.email, &attendee.email)) {
            people.push(attendee);
        }
    }
    people.retain(|person| !person.declined);
    let mut refs = people.into_iter().map(|person| PersonRef {
        email: Some(person.email),
        name: person.name,
        ..PersonRef::default()
    });
    let from = refs.next();
    let to: Vec<PersonRef> = refs.collect();
    let Some(from) = from.filter(|_| !to.is_empty()) else {
        return Err(NotAMeeting::NoOtherParticipant(unreadable));
    };
    Ok(Participants { from, to })
}

/// Reads an ORGANIZER or ATTENDEE line: `None` for rooms, resources and
/// groups, an error (the value) when the address is not an email address.
fn person_of(entry: &ICalendarEntry) -> std::result::Result<Option<Attendee>, String> {
    let param = |name: ICalendarParameterName| {
        entry
            .parameter(&name)
            .and_then(ICalendarParameterValue::as_text)
    };
    if param(ICalendarParameterName::Cutype).is_some_and(|kind| {
        ["RESOURCE", "ROOM", "GROUP"]
            .iter()
            .any(|not_a_person| kind.eq_ignore_ascii_case(not_a_person))
    }) {
        return Ok(None);
    }
    let value = entry.calendar_address().unwrap_or("").trim();
    let email = value
        .split_once('@')
        .filter(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
        })
        .map(|_| value)
        .ok_or_else(|| value.to_owned())?;
    if email.to_ascii_lowercase().ends_with(GOOGLE_CALENDAR_DOMAIN) {
        return Ok(None);
    }
    let name = param(ICalendarParameterName::Cn)
        .map(|name| name.trim().trim_matches('"').trim())
        .filter(|name| !name.is_empty() && !name.eq_ignore_ascii_case(email))
        .map(str::to_owned);
    let declined = param(ICalendarParameterName::Partstat)
        .is_some_and(|status| status.eq_ignore_ascii_case("DECLINED"));
    Ok(Some(Attendee {
        email: email.to_owned(),
        name,
        declined,
    }))
}

/// The 1-based lines where a line equal to `marker` (case-insensitive) starts.
fn begin_lines(text: &str, marker: &str) -> Vec<u64> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end().eq_ignore_ascii_case(marker))
        .map(|(index, _)| index as u64 + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(text: &str) -> ICalendarComponent {
        let calendar =
            format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{text}END:VEVENT\r\nEND:VCALENDAR\r\n");
        match Parser::new(&calendar).entry() {
            Entry::ICalendar(mut calendar) => calendar
                .components
                .drain(..)
                .find(|c| c.component_type == ICalendarComponentType::VEvent)
                .unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn open_ended_rule_is_cut_after_the_bound() {
        let mut event = component("DTSTART:20260105T100000Z\r\nRRULE:FREQ=DAILY\r\nSEQUENCE:4\r\n");
        prepare_for_expansion(&mut event, Some(1_767_657_600)); // 2026-01-06T00:00Z
        assert!(!event.has_property(&ICalendarProperty::Sequence));
        let Some(ICalendarValue::RecurrenceRule(rule)) = event
            .property(&ICalendarProperty::Rrule)
            .and_then(|entry| entry.values.first())
        else {
            panic!("no rule");
        };
        assert_eq!(rule.until.as_ref().and_then(|until| until.day), Some(7));
    }

    #[test]
    fn organizer_who_declined_does_not_attend() {
        let event = component(
            "ORGANIZER:mailto:a@example.com\r\n\
             ATTENDEE;PARTSTAT=DECLINED:mailto:a@example.com\r\n\
             ATTENDEE:mailto:b@example.com\r\n\
             ATTENDEE:mailto:c@example.com\r\n",
        );
        let Ok(people) = participants(&event) else {
            panic!("a meeting");
        };
        assert_eq!(people.from.email.as_deref(), Some("b@example.com"));
        assert_eq!(people.to.len(), 1);
    }

    #[test]
    fn shared_calendar_organizer_is_not_a_person() {
        let event = component(
            "ORGANIZER;CN=Team:mailto:c_0123@group.calendar.google.com\r\n\
             ATTENDEE:mailto:a@example.com\r\n\
             ATTENDEE:mailto:b@example.com\r\n",
        );
        let Ok(people) = participants(&event) else {
            panic!("a meeting");
        };
        assert_eq!(people.from.email.as_deref(), Some("a@example.com"));
        assert_eq!(people.to.len(), 1);
    }

    #[test]
    fn group_attendee_is_not_a_person() {
        let event = component(
            "ORGANIZER:mailto:a@example.com\r\n\
             ATTENDEE;CUTYPE=GROUP:mailto:team@example.com\r\n",
        );
        assert!(matches!(
            participants(&event),
            Err(NotAMeeting::NoOtherParticipant(_))
        ));
    }
}
