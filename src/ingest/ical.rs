//! iCalendar (`.ics`: Google, Outlook and Exchange, Apple, Zimbra and Lotus
//! exports, and iTIP messages saved as files), read as RFC 5545 and RFC 5546
//! say: each meeting with at least two people becomes a [`Channel::Meeting`]
//! interaction from its organizer to the other participants, once per
//! occurrence. An event's occurrences are its recurrence set — DTSTART, every
//! RRULE (each iterated by `calcard`) and every RDATE, less EXDATE — compared
//! as instants, so a UTC `UNTIL` ends a zoned series where it says; a moved
//! instance (RECURRENCE-ID) replaces the occurrence it moves, whichever
//! property gave it. An event sent several times (`METHOD:REQUEST` updates)
//! is read in its latest version (SEQUENCE, then DTSTAMP); a `REPLY` only
//! updates its sender's answer; `COUNTER`, `DECLINECOUNTER` and `REFRESH`
//! are no meetings. Cancelled events, declined and non-participating
//! attendees, rooms and resources do not count. Expansion stops at the as-of
//! bound, at [`MAX_OCCURRENCES_PER_SERIES`] per event and at
//! [`MAX_ATTENDANCES_PER_FILE`] per file, and says where it stopped; a rule
//! that is refused is refused before it is expanded. Each VEVENT is one row
//! of the ingest summary. This module reads attendees and times only; it
//! never reads descriptions or resolves who anyone is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use calcard::common::timezone::Tz;
use calcard::common::{IanaString, PartialDateTime};
use calcard::icalendar::timezone::TzResolver;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFrequency,
    ICalendarMethod, ICalendarParameter, ICalendarParameterName, ICalendarParameterValue,
    ICalendarPeriod, ICalendarProperty, ICalendarRecurrenceRule, ICalendarStatus, ICalendarValue,
};
use calcard::{Entry, Parser};

use super::line_cursor::{LineCursor, excerpt};
use super::{
    Channel, Dataset, IngestOptions, InteractionRecord, Origin, PersonRef, Recurrences, RefId,
};
use crate::error::{Error, Result};
use crate::ingest::SkipReason;
use crate::time::{SECONDS_PER_DAY, end_of_day};

/// The most occurrences one event (its recurrence set) gives; a rule without
/// an end and no as-of bound stops here.
pub const MAX_OCCURRENCES_PER_SERIES: usize = 10_000;

/// The most attendances (occurrences × their participants) read from one
/// calendar file; the rest of the file is counted as over the limit.
pub const MAX_ATTENDANCES_PER_FILE: u64 = 1_000_000;

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
    dataset.summary.meter.read_whole(bytes.len() as u64);
    let text = String::from_utf8_lossy(&bytes);
    let file = dataset.summary.add_file(path, "calendar (.ics)");
    // A manifest read before may fix a later as-of date than the pipeline's.
    let bound = options.as_of.map(|bound| {
        dataset
            .as_of
            .map_or(bound, |date| bound.max(end_of_day(date)))
    });
    let mut reader = CalendarReader {
        file,
        bound,
        calendars: Vec::new(),
        rows: Vec::new(),
        outcomes: Vec::new(),
        attendances_left: MAX_ATTENDANCES_PER_FILE,
        cut: Cut::default(),
        recurrences: Recurrences::default(),
        dataset,
    };
    let event_lines = begin_lines(&text, "BEGIN:VEVENT");
    let mut invalid_lines = LineCursor::new(&text);
    let mut parser = Parser::new(&text);
    loop {
        let entry = parser.entry();
        let line = event_lines
            .get(reader.rows.len().saturating_sub(1))
            .copied()
            .unwrap_or(1);
        let problem = match entry {
            Entry::ICalendar(calendar) => {
                reader.collect(calendar, &event_lines);
                continue;
            }
            Entry::Eof => break,
            Entry::VCard(_) => continue,
            Entry::InvalidLine(bad) => {
                reader.skip_unread(
                    invalid_lines.find(&bad),
                    format!("cannot parse '{}'", excerpt(&bad)),
                );
                continue;
            }
            Entry::UnexpectedComponentEnd { expected, found } => format!(
                "END:{} where END:{} was expected",
                excerpt(found.as_str()),
                excerpt(expected.as_str())
            ),
            Entry::UnterminatedComponent(name) => {
                format!("BEGIN:{} is never ended", excerpt(&name))
            }
            Entry::TooManyComponents => {
                reader.skip_unread(line, "more components than a calendar may hold".to_owned());
                break;
            }
            _ => "an entry that is not a calendar".to_owned(),
        };
        reader.skip_unread(line, problem);
    }
    reader.read()
}

/// What one VCALENDAR object says about the events in it.
struct Calendar {
    method: Option<ICalendarMethod>,
    /// Its time zones (VTIMEZONE by TZID), with its `X-WR-TIMEZONE` (else
    /// UTC) for floating times.
    resolver: TzResolver<String>,
    default_tz: Tz,
    /// Its VTIMEZONE components by TZID, for the expansion of a rule.
    timezones: HashMap<String, ICalendarComponent>,
}

impl Calendar {
    fn new(calendar: &ICalendar) -> Self {
        let default_tz = calendar_timezone(calendar);
        let root = calendar
            .components
            .iter()
            .find(|component| component.component_type == ICalendarComponentType::VCalendar);
        let method = root
            .and_then(|root| root.property(&ICalendarProperty::Method))
            .and_then(|entry| entry.values.first())
            .and_then(|value| match value {
                ICalendarValue::Method(method) => Some(method.clone()),
                _ => None,
            });
        let timezones = calendar
            .timezones()
            .filter_map(|zone| {
                let (name, _) = zone.timezone()?;
                let mut zone = zone.clone();
                zone.component_ids.clear();
                Some((name.to_owned(), zone))
            })
            .collect();
        Self {
            method,
            resolver: calendar.build_owned_tz_resolver().with_default(default_tz),
            default_tz,
            timezones,
        }
    }

    /// The instant (unix seconds) of a DATE or DATE-TIME value: UTC when it
    /// says so (`Z`), else in the zone `tzid` names (else the calendar's). A
    /// local time that a daylight-saving change skips or repeats is read as
    /// the hour after it.
    fn instant(&self, value: &PartialDateTime, tzid: Option<&str>) -> Option<i64> {
        let tz = self.resolver.resolve_or_default(tzid);
        value
            .to_date_time_with_tz(tz)
            .or_else(|| {
                let mut later = value.clone();
                later.hour = later.hour.map(|hour| hour + 1).filter(|hour| *hour < 24);
                later.to_date_time_with_tz(tz)
            })
            .map(|at| at.timestamp())
    }
}

/// One VEVENT as read, or made from its series to carry a reply to one
/// occurrence (`synthetic`: no row of its own).
struct Row {
    line: u64,
    calendar: usize,
    component: ICalendarComponent,
    synthetic: bool,
}

/// Why a row is not read as a meeting, or how it was.
enum Outcome {
    Used,
    Skip(SkipReason, String),
    /// A limit reached while reading the row (after its own account).
    Limit(String),
}

/// What the attendance limit left out.
#[derive(Default)]
struct Cut {
    /// The line of the event where the limit was reached.
    line: Option<u64>,
    /// Occurrences of that event not read.
    occurrences: u64,
    /// Events not expanded at all.
    events: u64,
}

struct CalendarReader<'d> {
    file: u32,
    bound: Option<i64>,
    calendars: Vec<Calendar>,
    rows: Vec<Row>,
    /// Each row's account and the limits reached, by line.
    outcomes: Vec<(u64, Outcome)>,
    attendances_left: u64,
    cut: Cut,
    recurrences: Recurrences,
    dataset: &'d mut Dataset,
}

/// Who took part in one VEVENT.
struct Participants {
    from: PersonRef,
    to: Vec<PersonRef>,
}

/// Why a VEVENT is not a meeting.
enum NotAMeeting {
    Cancelled(&'static str),
    /// Every other participant declined.
    Declined,
    /// Fewer than two people; the addresses that could not be read.
    NoOtherParticipant(Vec<String>),
}

/// What a series member is.
enum Verdict {
    Malformed(String),
    NotAMeeting(NotAMeeting),
    Meeting(Participants),
}

/// One occurrence of a series: its duration and the member whose
/// participants it has.
#[derive(Clone, Copy)]
struct Occurrence {
    duration_secs: Option<u32>,
    row: usize,
}

/// The members of one series (one UID) after versions are resolved.
#[derive(Default)]
struct Series {
    master: Option<usize>,
    /// Moved or changed instances: RECURRENCE-ID instant, whether it applies
    /// to the later occurrences too (`RANGE=THISANDFUTURE`), and the row.
    overrides: Vec<(i64, bool, usize)>,
}

impl Series {
    /// The rows of the master and of every moved instance.
    fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.master
            .into_iter()
            .chain(self.overrides.iter().map(|(_, _, row)| *row))
    }
}

/// What emitting a series gave, per member row.
#[derive(Default)]
struct Emitted {
    produced: HashMap<usize, u64>,
    later: HashSet<usize>,
    over_limit: HashSet<usize>,
}

impl CalendarReader<'_> {
    /// Counts a fragment the parser could not read as a row and skips it.
    fn skip_unread(&mut self, line: u64, problem: String) {
        self.dataset.summary.count_read(self.file);
        self.outcomes
            .push((line, Outcome::Skip(SkipReason::MalformedEvent, problem)));
    }

    /// Takes the VEVENTs of one VCALENDAR, each counted as a row.
    fn collect(&mut self, mut calendar: ICalendar, event_lines: &[u64]) {
        let index = self.calendars.len();
        self.calendars.push(Calendar::new(&calendar));
        for component in std::mem::take(&mut calendar.components) {
            if component.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            let line = event_lines.get(self.rows.len()).copied().unwrap_or(1);
            self.dataset.summary.count_read(self.file);
            self.rows.push(Row {
                line,
                calendar: index,
                component,
                synthetic: false,
            });
        }
    }

    /// Reads every collected event, then accounts for each row by line.
    fn read(mut self) -> Result<()> {
        let rows_read = self.rows.len();
        let mut replies = Vec::new();
        let mut candidates = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            match &self.calendars[row.calendar].method {
                Some(
                    method @ (ICalendarMethod::Counter
                    | ICalendarMethod::Declinecounter
                    | ICalendarMethod::Refresh),
                ) => {
                    let what = match method {
                        ICalendarMethod::Counter => "proposes another time or place",
                        ICalendarMethod::Declinecounter => "declines a proposal",
                        _ => "asks for the latest version",
                    };
                    self.outcomes.push((
                        row.line,
                        Outcome::Skip(
                            SkipReason::SchedulingMessage,
                            format!(
                                "'{}': METHOD:{} {what}",
                                event_summary(&row.component),
                                method.as_str()
                            ),
                        ),
                    ));
                }
                Some(ICalendarMethod::Reply) => replies.push(index),
                _ => candidates.push(index),
            }
        }
        let mut series = self.resolve_versions(&candidates);
        self.apply_replies(&replies, &mut series);
        let has_attendees = self.rows.iter().any(|row| {
            row.component
                .properties(&ICalendarProperty::Attendee)
                .next()
                .is_some()
        });
        for members in &series {
            self.read_series(members);
        }
        if self.cut.line.is_some() {
            let line = self.cut.line.unwrap_or(1);
            let note = format!(
                "stopped at {MAX_ATTENDANCES_PER_FILE} attendances (occurrences × participants), \
                 the limit per calendar: {} more occurrences and {} more events are not read",
                self.cut.occurrences, self.cut.events
            );
            self.outcomes.push((line, Outcome::Limit(note)));
        }
        if rows_read > 0 && !has_attendees {
            self.dataset.summary.note(
                self.file,
                "no event of this calendar has attendees: nothing to learn about ties",
            );
        }
        if self.recurrences.events > 0 {
            self.dataset
                .summary
                .set_recurrences(self.file, self.recurrences);
        }
        self.outcomes.sort_by_key(|(line, _)| *line);
        let summary = &mut self.dataset.summary;
        for (line, outcome) in std::mem::take(&mut self.outcomes) {
            let origin = Origin {
                file: self.file,
                line,
            };
            match outcome {
                Outcome::Used => summary.count_used(self.file),
                Outcome::Skip(reason, detail) => summary.skip(origin, reason, &detail)?,
                Outcome::Limit(note) => summary.limit_reached(origin, &note)?,
            }
        }
        Ok(())
    }

    /// Groups the events by UID into series and keeps, for the series and for
    /// each of its moved instances, the latest version (highest SEQUENCE,
    /// then latest DTSTAMP, then the last in the file); the older versions
    /// are set aside. Series come in the order their first event appears.
    fn resolve_versions(&mut self, candidates: &[usize]) -> Vec<Series> {
        let mut series: Vec<Series> = Vec::new();
        let mut series_of_uid: HashMap<String, usize> = HashMap::new();
        // The row holding each (series, instance) so far, and whether it
        // applies to the later occurrences too.
        let mut holder: BTreeMap<(usize, Option<i64>), (usize, bool)> = BTreeMap::new();
        for &index in candidates {
            let row = &self.rows[index];
            let instance = match recurrence_id(&row.component, &self.calendars[row.calendar]) {
                Ok(instance) => instance,
                Err(problem) => {
                    let detail = format!("'{}': {problem}", event_summary(&row.component));
                    self.outcomes
                        .push((row.line, Outcome::Skip(SkipReason::MalformedEvent, detail)));
                    continue;
                }
            };
            let new_series = |series: &mut Vec<Series>| {
                series.push(Series::default());
                series.len() - 1
            };
            let id = if let Some(uid) = row.component.uid() {
                *series_of_uid
                    .entry(uid.to_owned())
                    .or_insert_with(|| new_series(&mut series))
            } else {
                new_series(&mut series)
            };
            let key = (id, instance.map(|(at, _)| at));
            let future = instance.is_some_and(|(_, future)| future);
            match holder.get(&key).copied() {
                Some((held, _)) if self.version(held) > self.version(index) => {
                    self.set_aside_older(index, held);
                }
                Some((held, _)) => {
                    self.set_aside_older(held, index);
                    holder.insert(key, (index, future));
                }
                None => {
                    holder.insert(key, (index, future));
                }
            }
        }
        for ((id, instance), (index, future)) in holder {
            match instance {
                None => series[id].master = Some(index),
                Some(at) => series[id].overrides.push((at, future, index)),
            }
        }
        series
    }

    /// SEQUENCE, DTSTAMP and position: the later version is the greater.
    fn version(&self, index: usize) -> (i64, i64, usize) {
        let row = &self.rows[index];
        let sequence = row
            .component
            .property(&ICalendarProperty::Sequence)
            .and_then(|entry| entry.values.first())
            .and_then(ICalendarValue::as_integer)
            .unwrap_or(0);
        let stamp = row
            .component
            .property(&ICalendarProperty::Dtstamp)
            .and_then(|entry| entry.values.first())
            .and_then(ICalendarValue::as_partial_date_time)
            .and_then(|stamp| self.calendars[row.calendar].instant(stamp, None))
            .unwrap_or(i64::MIN);
        (sequence, stamp, index)
    }

    fn set_aside_older(&mut self, older: usize, newer: usize) {
        let detail = format!(
            "'{}': line {} is a later version",
            event_summary(&self.rows[older].component),
            self.rows[newer].line
        );
        self.outcomes.push((
            self.rows[older].line,
            Outcome::Skip(SkipReason::OlderVersion, detail),
        ));
    }

    /// Applies each `METHOD:REPLY` to the event it answers: its attendees'
    /// PARTSTAT replaces theirs in the series (or only in the occurrence its
    /// RECURRENCE-ID names). Each reply is a row set aside.
    fn apply_replies(&mut self, replies: &[usize], series: &mut [Series]) {
        let mut series_of_uid: HashMap<String, usize> = HashMap::new();
        for (id, members) in series.iter().enumerate() {
            if let Some(uid) = members
                .master
                .into_iter()
                .chain(members.overrides.iter().map(|(_, _, row)| *row))
                .find_map(|row| self.rows[row].component.uid())
            {
                series_of_uid.insert(uid.to_owned(), id);
            }
        }
        for &reply in replies {
            let title = event_summary(&self.rows[reply].component);
            let line = self.rows[reply].line;
            let answers = answers(&self.rows[reply].component);
            let instance = recurrence_id(
                &self.rows[reply].component,
                &self.calendars[self.rows[reply].calendar],
            )
            .ok()
            .flatten();
            let target = self.rows[reply]
                .component
                .uid()
                .and_then(|uid| series_of_uid.get(uid))
                .copied();
            let Some(id) = target else {
                self.outcomes.push((
                    line,
                    Outcome::Skip(
                        SkipReason::Reply,
                        format!("'{title}': no event with its UID in this file"),
                    ),
                ));
                continue;
            };
            let members = &mut series[id];
            let rows: Vec<usize> = match instance {
                None => members
                    .master
                    .into_iter()
                    .chain(members.overrides.iter().map(|(_, _, row)| *row))
                    .collect(),
                Some((at, _)) => {
                    if let Some(&(_, _, row)) =
                        members.overrides.iter().find(|(rid, _, _)| *rid == at)
                    {
                        vec![row]
                    } else if let Some(master) = members.master {
                        let row = self.occurrence_of(master, reply);
                        members.overrides.push((at, false, row));
                        members.overrides.sort_unstable();
                        vec![row]
                    } else {
                        Vec::new()
                    }
                }
            };
            let applied_to = rows.first().map(|row| self.rows[*row].line);
            for row in rows {
                for (email, status) in &answers {
                    set_answer(&mut self.rows[row].component, email, status);
                }
            }
            let detail = match applied_to {
                Some(target) => format!("'{title}': applied to the event at line {target}"),
                None => format!("'{title}': no event with its UID in this file"),
            };
            self.outcomes
                .push((line, Outcome::Skip(SkipReason::Reply, detail)));
        }
    }

    /// A copy of `master` that stands for the one occurrence `reply` answers
    /// (its RECURRENCE-ID), so the answer changes that occurrence only.
    fn occurrence_of(&mut self, master: usize, reply: usize) -> usize {
        let mut component = self.rows[master].component.clone();
        component.entries.retain(|entry| {
            !matches!(
                entry.name,
                ICalendarProperty::Rrule
                    | ICalendarProperty::Rdate
                    | ICalendarProperty::Exdate
                    | ICalendarProperty::RecurrenceId
                    | ICalendarProperty::Dtstart
                    | ICalendarProperty::Dtend
                    | ICalendarProperty::Duration
            )
        });
        component.entries.extend(
            self.rows[reply]
                .component
                .property(&ICalendarProperty::RecurrenceId)
                .cloned(),
        );
        self.rows.push(Row {
            line: self.rows[master].line,
            calendar: self.rows[master].calendar,
            component,
            synthetic: true,
        });
        self.rows.len() - 1
    }

    /// Expands one series and emits its meetings; accounts for its members.
    fn read_series(&mut self, members: &Series) {
        let mut verdicts = self.series_verdicts(members);
        // Once the file's attendances are spent, nothing more is expanded.
        let exhausted = self.attendances_left < 2 || self.cut.line.is_some();
        let occurrences = self.occurrences(members, &mut verdicts, exhausted);
        let emitted = self.emit(members, occurrences, &verdicts);
        for row in members.rows() {
            if self.rows[row].synthetic {
                continue;
            }
            let title = event_summary(&self.rows[row].component);
            let outcome = match verdicts.remove(&row) {
                Some(Verdict::Malformed(problem)) => {
                    Outcome::Skip(SkipReason::MalformedEvent, format!("'{title}': {problem}"))
                }
                Some(Verdict::NotAMeeting(reason)) => not_a_meeting(&title, reason),
                _ if emitted.produced.contains_key(&row) => Outcome::Used,
                _ if exhausted || emitted.over_limit.contains(&row) => {
                    if exhausted {
                        self.cut.events += 1;
                    }
                    Outcome::Skip(
                        SkipReason::OverFileLimit,
                        format!(
                            "'{title}': the calendar's first {MAX_ATTENDANCES_PER_FILE} \
                             attendances are read"
                        ),
                    )
                }
                _ if emitted.later.contains(&row) => Outcome::Skip(
                    SkipReason::AfterAsOf,
                    format!("'{title}' happens after the as-of date"),
                ),
                _ => Outcome::Skip(
                    SkipReason::NoOccurrence,
                    format!("'{title}': every occurrence is excluded or moved"),
                ),
            };
            self.outcomes.push((self.rows[row].line, outcome));
        }
    }

    /// What each member of a series is; a cancelled series cancels its
    /// moved instances too.
    fn series_verdicts(&self, members: &Series) -> HashMap<usize, Verdict> {
        let mut verdicts: HashMap<usize, Verdict> =
            members.rows().map(|row| (row, self.verdict(row))).collect();
        let cancelled = members.master.is_some_and(|master| {
            matches!(
                verdicts.get(&master),
                Some(Verdict::NotAMeeting(NotAMeeting::Cancelled(_)))
            )
        });
        if cancelled {
            for (_, _, row) in &members.overrides {
                if !matches!(verdicts.get(row), Some(Verdict::Malformed(_))) {
                    verdicts.insert(
                        *row,
                        Verdict::NotAMeeting(NotAMeeting::Cancelled("its series is cancelled")),
                    );
                }
            }
        }
        verdicts
    }

    /// The occurrences of a series by start: the master's recurrence set
    /// (when the master is a meeting and the file's limit is not reached),
    /// with every moved instance in place of the occurrence it moves.
    fn occurrences(
        &mut self,
        members: &Series,
        verdicts: &mut HashMap<usize, Verdict>,
        exhausted: bool,
    ) -> BTreeMap<i64, Occurrence> {
        let mut occurrences: BTreeMap<i64, Occurrence> = BTreeMap::new();
        if let Some(master) = members.master
            && matches!(verdicts.get(&master), Some(Verdict::Meeting(_)))
            && !exhausted
        {
            match self.recurrence_set(master) {
                Ok(set) => occurrences = set,
                Err(problem) => {
                    verdicts.insert(master, Verdict::Malformed(problem));
                }
            }
        }
        let master_duration = members
            .master
            .and_then(|master| self.start_and_duration(master))
            .and_then(|(_, duration)| duration);
        for &(at, future, row) in &members.overrides {
            if matches!(verdicts.get(&row), Some(Verdict::Malformed(_))) {
                continue;
            }
            occurrences.remove(&at);
            // An instance without its own end lasts as long as the series.
            let (start, duration) = match self.start_and_duration(row) {
                Some((start, duration)) if has_end(&self.rows[row].component) => (start, duration),
                Some((start, _)) => (start, master_duration),
                None => (at, master_duration),
            };
            let duration_secs = duration.filter(|_| !is_all_day(&self.rows[row].component));
            occurrences.insert(start, Occurrence { duration_secs, row });
            if future {
                // Every later occurrence of the master moves by as much and
                // takes this instance's participants.
                let later: Vec<i64> = occurrences
                    .range(at + 1..)
                    .filter(|(_, occurrence)| Some(occurrence.row) == members.master)
                    .map(|(start, _)| *start)
                    .collect();
                for old in later {
                    occurrences.remove(&old);
                    occurrences.insert(old + (start - at), Occurrence { duration_secs, row });
                }
            }
        }
        occurrences
    }

    /// Emits one meeting per occurrence up to the bound, while the file's
    /// attendances last; each member's participants are interned once.
    fn emit(
        &mut self,
        members: &Series,
        occurrences: BTreeMap<i64, Occurrence>,
        verdicts: &HashMap<usize, Verdict>,
    ) -> Emitted {
        let mut emitted = Emitted::default();
        let mut interned: HashMap<usize, (RefId, Vec<RefId>)> = HashMap::new();
        let mut occurrences_given = 0;
        for (start, occurrence) in occurrences {
            if self.bound.is_some_and(|bound| start > bound) {
                emitted.later.insert(occurrence.row);
                continue;
            }
            let Some(Verdict::Meeting(people)) = verdicts.get(&occurrence.row) else {
                continue;
            };
            let cost = 1 + people.to.len() as u64;
            if self.cut.line.is_some() || cost > self.attendances_left {
                self.cut.line.get_or_insert(self.rows[occurrence.row].line);
                self.cut.occurrences += 1;
                emitted.over_limit.insert(occurrence.row);
                continue;
            }
            self.attendances_left -= cost;
            let (from, to) = interned.entry(occurrence.row).or_insert_with(|| {
                let refs = &mut self.dataset.refs;
                (
                    refs.intern(people.from.clone()),
                    people.to.iter().map(|to| refs.intern(to.clone())).collect(),
                )
            });
            self.dataset.interactions.push(InteractionRecord {
                origin: Origin {
                    file: self.file,
                    line: self.rows[occurrence.row].line,
                },
                at: start,
                from: *from,
                to: to.clone(),
                channel: Channel::Meeting,
                duration_secs: occurrence.duration_secs,
            });
            *emitted.produced.entry(occurrence.row).or_insert(0) += 1;
            occurrences_given += 1;
        }
        // A recurring event's moved instances are occurrences of it too.
        if occurrences_given > 0
            && members
                .master
                .is_some_and(|master| is_recurring(&self.rows[master].component))
        {
            self.recurrences.events += 1;
            self.recurrences.occurrences += occurrences_given;
        }
        emitted
    }

    /// What a series member is: malformed, no meeting (and why), or a
    /// meeting with its participants. A rule that is refused is refused here,
    /// before anything is expanded.
    fn verdict(&self, index: usize) -> Verdict {
        let row = &self.rows[index];
        let component = &row.component;
        if row.synthetic {
            return match participants(component) {
                Ok(people) => Verdict::Meeting(people),
                Err(reason) => Verdict::NotAMeeting(reason),
            };
        }
        let has_start = component.has_property(&ICalendarProperty::Dtstart);
        if !has_start && !component.is_recurrence_override() {
            return Verdict::Malformed("no DTSTART".to_owned());
        }
        if has_start && self.start_and_duration(index).is_none() {
            return Verdict::Malformed("its DTSTART is not a date".to_owned());
        }
        if let Some(problem) = rule_problem(component) {
            return Verdict::Malformed(problem);
        }
        if self.calendars[row.calendar].method == Some(ICalendarMethod::Cancel) {
            return Verdict::NotAMeeting(NotAMeeting::Cancelled("METHOD:CANCEL"));
        }
        match participants(component) {
            Ok(people) => Verdict::Meeting(people),
            Err(reason) => Verdict::NotAMeeting(reason),
        }
    }

    /// The instant an event starts and how long it lasts (`None` when all
    /// day or without an end), from DTSTART and DTEND or DURATION.
    fn start_and_duration(&self, index: usize) -> Option<(i64, Option<u32>)> {
        let row = &self.rows[index];
        let calendar = &self.calendars[row.calendar];
        let entry = row.component.property(&ICalendarProperty::Dtstart)?;
        let value = entry
            .values
            .first()
            .and_then(ICalendarValue::as_partial_date_time)?;
        let tzid = entry.tz_id();
        let start = calendar.instant(value, tzid)?;
        let end = row
            .component
            .property(&ICalendarProperty::Dtend)
            .and_then(|end| {
                let value = end
                    .values
                    .first()
                    .and_then(ICalendarValue::as_partial_date_time)?;
                calendar.instant(value, end.tz_id().or(tzid))
            })
            .or_else(|| {
                row.component
                    .property(&ICalendarProperty::Duration)
                    .and_then(|duration| duration.values.first())
                    .and_then(|value| match value {
                        ICalendarValue::Duration(duration) => {
                            Some(start.saturating_add(duration.as_seconds()))
                        }
                        _ => None,
                    })
            });
        let duration = end
            .filter(|_| value.has_time())
            .map(|end| end.saturating_sub(start).clamp(0, MAX_DURATION_SECS) as u32)
            .filter(|secs| *secs > 0);
        Some((start, duration))
    }

    /// The recurrence set of a master event (RFC 5545 3.8.5): DTSTART, the
    /// occurrences of every RRULE and every RDATE, less every EXDATE, each
    /// compared as an instant; up to the as-of bound (plus a day, cut
    /// exactly when emitted) and [`MAX_OCCURRENCES_PER_SERIES`].
    fn recurrence_set(
        &mut self,
        master: usize,
    ) -> std::result::Result<BTreeMap<i64, Occurrence>, String> {
        let Some((start, duration_secs)) = self.start_and_duration(master) else {
            return Err("its DTSTART is not a date".to_owned());
        };
        let row = &self.rows[master];
        let component = &row.component;
        let calendar = &self.calendars[row.calendar];
        let start_entry = component.property(&ICalendarProperty::Dtstart);
        let tzid = start_entry.and_then(ICalendarEntry::tz_id);
        let occurrence = Occurrence {
            duration_secs,
            row: master,
        };
        let mut set = BTreeMap::new();
        set.insert(start, occurrence);
        if let Some(start_entry) = start_entry
            && self.bound.is_none_or(|bound| start <= bound)
        {
            for entry in component.properties(&ICalendarProperty::Rrule) {
                let Some(ICalendarValue::RecurrenceRule(rule)) = entry.values.first() else {
                    continue;
                };
                for at in expand_rule(rule, start_entry, start, calendar, self.bound)? {
                    set.insert(at, occurrence);
                }
            }
        }
        for entry in component.properties(&ICalendarProperty::Rdate) {
            let zone = entry.tz_id().or(tzid);
            for value in &entry.values {
                let (at, duration) = match value {
                    ICalendarValue::PartialDateTime(date) => {
                        (calendar.instant(date, zone), duration_secs)
                    }
                    ICalendarValue::Period(ICalendarPeriod::Range { start, end }) => {
                        let at = calendar.instant(start, zone);
                        let end = calendar.instant(end, zone);
                        (at, period_secs(at, end))
                    }
                    ICalendarValue::Period(ICalendarPeriod::Duration { start, duration }) => {
                        let at = calendar.instant(start, zone);
                        (at, period_secs(at, at.map(|at| at + duration.as_seconds())))
                    }
                    _ => (None, None),
                };
                if let Some(at) = at {
                    set.insert(
                        at,
                        Occurrence {
                            duration_secs: duration,
                            row: master,
                        },
                    );
                }
            }
        }
        for entry in component.properties(&ICalendarProperty::Exdate) {
            let zone = entry.tz_id().or(tzid);
            for value in &entry.values {
                if let Some(at) = value
                    .as_partial_date_time()
                    .and_then(|date| calendar.instant(date, zone))
                {
                    set.remove(&at);
                }
            }
        }
        let within = match self.bound {
            Some(bound) => set.range(..=bound).count(),
            None => set.len(),
        };
        if within > MAX_OCCURRENCES_PER_SERIES
            && let Some(&last) = set.keys().nth(MAX_OCCURRENCES_PER_SERIES - 1)
        {
            let _beyond = set.split_off(&(last + 1));
            let title = event_summary(component);
            let line = row.line;
            let outcome = if self.bound.is_some() {
                Outcome::Limit(format!(
                    "'{title}' has more than {MAX_OCCURRENCES_PER_SERIES} occurrences up to the \
                     as-of date, the limit per event: only the first {MAX_OCCURRENCES_PER_SERIES} are read"
                ))
            } else {
                self.dataset.summary.note(
                    self.file,
                    &format!(
                        "'{title}' repeats without end and no as-of date bounds it: its first \
                         {MAX_OCCURRENCES_PER_SERIES} occurrences are read"
                    ),
                );
                return Ok(set);
            };
            self.outcomes.push((line, outcome));
        }
        Ok(set)
    }
}

/// The instants one RRULE gives from `start` (calcard iterates it in the
/// start's local time). `UNTIL` is compared as RFC 5545 defines it: an
/// instant when it is UTC (as it must be when DTSTART has a zone), else a
/// local time in DTSTART's zone; a DATE `UNTIL` on a series with times
/// includes its whole day. The iteration itself stops a day after `UNTIL` or
/// the bound, whichever comes first, and the exact cut is made here.
fn expand_rule(
    rule: &ICalendarRecurrenceRule,
    start_entry: &ICalendarEntry,
    start: i64,
    calendar: &Calendar,
    bound: Option<i64>,
) -> std::result::Result<Vec<i64>, String> {
    let start_value = start_entry
        .values
        .first()
        .and_then(ICalendarValue::as_partial_date_time);
    let tzid = start_entry.tz_id();
    let until = match &rule.until {
        None => None,
        Some(until) => {
            let mut until = until.clone();
            if !until.has_time() && start_value.is_some_and(PartialDateTime::has_time) {
                until.hour = Some(23);
                until.minute = Some(59);
                until.second = Some(59);
            }
            Some(
                calendar
                    .instant(&until, tzid)
                    .ok_or_else(|| "its RRULE's UNTIL is not a date".to_owned())?,
            )
        }
    };
    let end = match (until, bound) {
        (Some(until), Some(bound)) => Some(until.min(bound)),
        (until, bound) => until.or(bound),
    };
    if end.is_some_and(|end| end < start) {
        return Ok(Vec::new());
    }
    let mut rule = rule.clone();
    rule.until = end.and_then(|end| utc_date_time(end + SECONDS_PER_DAY));
    let mut start_entry = start_entry.clone();
    let utc = start_value.is_some_and(|value| value.tz_hour.is_some());
    if utc && !start_entry.has_parameter(&ICalendarParameterName::Tzid) {
        // Without a zone, the expansion would place a UTC series in the
        // calendar's default zone.
        start_entry.params.push(ICalendarParameter {
            name: ICalendarParameterName::Tzid,
            value: ICalendarParameterValue::Text("UTC".to_owned()),
        });
    }
    let mut components: Vec<ICalendarComponent> = tzid
        .and_then(|tzid| calendar.timezones.get(tzid))
        .cloned()
        .into_iter()
        .collect();
    components.push(ICalendarComponent {
        component_type: ICalendarComponentType::VEvent,
        entries: vec![
            start_entry,
            ICalendarEntry {
                name: ICalendarProperty::Rrule,
                params: Vec::new(),
                values: vec![ICalendarValue::RecurrenceRule(Box::new(rule.clone()))],
            },
        ],
        component_ids: Vec::new(),
    });
    let expanded =
        ICalendar { components }.expand_dates(calendar.default_tz, MAX_OCCURRENCES_PER_SERIES + 1);
    if let Some(error) = expanded.errors.first() {
        return Err(format!("its RRULE cannot be expanded ({})", error.error));
    }
    let mut starts: Vec<i64> = expanded
        .events
        .iter()
        .map(|event| event.start.timestamp())
        .filter(|at| until.is_none_or(|until| *at <= until))
        .collect();
    starts.sort_unstable();
    // DTSTART counts as the first occurrence of a COUNT (RFC 5545 3.3.10).
    if let Some(count) = rule.count
        && starts.len() == count as usize
        && !starts.contains(&start)
    {
        starts.pop();
    }
    Ok(starts)
}

fn period_secs(start: Option<i64>, end: Option<i64>) -> Option<u32> {
    let (start, end) = (start?, end?);
    Some(end.saturating_sub(start).clamp(0, MAX_DURATION_SECS) as u32).filter(|secs| *secs > 0)
}

/// The skip of a row that is no meeting, in words.
fn not_a_meeting(title: &str, reason: NotAMeeting) -> Outcome {
    let (reason, detail) = match reason {
        NotAMeeting::Cancelled(how) => (SkipReason::CancelledEvent, how.to_owned()),
        NotAMeeting::Declined => (
            SkipReason::Declined,
            "every other participant declined".to_owned(),
        ),
        NotAMeeting::NoOtherParticipant(unreadable) if unreadable.is_empty() => (
            SkipReason::NoOtherParticipant,
            "fewer than two people attend (declined, rooms, resources and non-participants do \
             not count)"
                .to_owned(),
        ),
        NotAMeeting::NoOtherParticipant(unreadable) => (
            SkipReason::UnparsableAddress,
            format!(
                "fewer than two readable attendees; cannot read {}",
                unreadable
                    .iter()
                    .take(3)
                    .map(|value| format!("'{}'", excerpt(value)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    Outcome::Skip(reason, format!("'{title}': {detail}"))
}

/// The RECURRENCE-ID of a moved instance as an instant, and whether it
/// applies to the later occurrences too; `None` for the series itself.
fn recurrence_id(
    component: &ICalendarComponent,
    calendar: &Calendar,
) -> std::result::Result<Option<(i64, bool)>, String> {
    let Some(entry) = component.property(&ICalendarProperty::RecurrenceId) else {
        return Ok(None);
    };
    let tzid = entry.tz_id().or_else(|| {
        component
            .property(&ICalendarProperty::Dtstart)
            .and_then(ICalendarEntry::tz_id)
    });
    let at = entry
        .values
        .first()
        .and_then(ICalendarValue::as_partial_date_time)
        .and_then(|value| calendar.instant(value, tzid))
        .ok_or_else(|| "its RECURRENCE-ID is not a date".to_owned())?;
    let future = entry.has_parameter(&ICalendarParameterName::Range);
    Ok(Some((at, future)))
}

/// True when the event repeats (RRULE or RDATE).
fn is_recurring(component: &ICalendarComponent) -> bool {
    component.has_property(&ICalendarProperty::Rrule)
        || component.has_property(&ICalendarProperty::Rdate)
}

fn has_end(component: &ICalendarComponent) -> bool {
    component.has_property(&ICalendarProperty::Dtend)
        || component.has_property(&ICalendarProperty::Duration)
}

/// What is wrong with an event's recurrence rules, if anything: one cannot
/// be read, or one repeats more often than daily (no calendar app makes
/// meetings every hour; such a rule is junk and would flood the evidence).
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

/// `at` (unix seconds) as a UTC DATE-TIME value.
fn utc_date_time(at: i64) -> Option<PartialDateTime> {
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
    /// Declined (`PARTSTAT=DECLINED`).
    declined: bool,
    /// Copied for information only (`ROLE=NON-PARTICIPANT`).
    absent: bool,
}

fn participants(component: &ICalendarComponent) -> std::result::Result<Participants, NotAMeeting> {
    if component.status() == Some(&ICalendarStatus::Cancelled) {
        return Err(NotAMeeting::Cancelled("STATUS:CANCELLED"));
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
    // Everyone once, by address (any case), in order: the organizer first.
    let mut people: Vec<Attendee> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let has_organizer = organizer.is_some();
    if let Some(organizer) = organizer {
        seen.insert(organizer.email.to_lowercase(), 0);
        people.push(organizer);
    }
    for attendee in component
        .properties(&ICalendarProperty::Attendee)
        .filter_map(&mut read)
    {
        match seen.get(&attendee.email.to_lowercase()) {
            // The organizer's own attendee line says whether they attend.
            Some(&0) if has_organizer => {
                let organizer = &mut people[0];
                organizer.declined = attendee.declined;
                organizer.absent |= attendee.absent;
                if organizer.name.is_none() {
                    organizer.name = attendee.name;
                }
            }
            Some(_) => {}
            None => {
                seen.insert(attendee.email.to_lowercase(), people.len());
                people.push(attendee);
            }
        }
    }
    let present = people.iter().filter(|person| !person.absent).count();
    let declined = people
        .iter()
        .filter(|person| !person.absent && person.declined)
        .count();
    people.retain(|person| !person.declined && !person.absent);
    let mut refs = people.into_iter().map(|person| PersonRef {
        email: Some(person.email),
        name: person.name,
        ..PersonRef::default()
    });
    let from = refs.next();
    let to: Vec<PersonRef> = refs.collect();
    let Some(from) = from.filter(|_| !to.is_empty()) else {
        if declined > 0 && present >= 2 {
            return Err(NotAMeeting::Declined);
        }
        return Err(NotAMeeting::NoOtherParticipant(unreadable));
    };
    Ok(Participants { from, to })
}

/// The answers a REPLY carries: each attendee's address (lower case) and
/// PARTSTAT.
fn answers(component: &ICalendarComponent) -> Vec<(String, String)> {
    component
        .properties(&ICalendarProperty::Attendee)
        .filter_map(|entry| {
            let email = clean_address(entry.calendar_address().unwrap_or(""));
            let status = entry
                .parameter(&ICalendarParameterName::Partstat)
                .and_then(ICalendarParameterValue::as_text)?;
            (!email.is_empty()).then(|| (email.to_lowercase(), status.to_owned()))
        })
        .collect()
}

/// Sets `email`'s PARTSTAT in `component` to `status`, adding the attendee
/// when the event does not list them.
fn set_answer(component: &mut ICalendarComponent, email: &str, status: &str) {
    let partstat = ICalendarParameter {
        name: ICalendarParameterName::Partstat,
        value: ICalendarParameterValue::Text(status.to_owned()),
    };
    for entry in component.properties_mut(&ICalendarProperty::Attendee) {
        if clean_address(entry.calendar_address().unwrap_or("")).eq_ignore_ascii_case(email) {
            entry
                .params
                .retain(|param| param.name != ICalendarParameterName::Partstat);
            entry.params.push(partstat);
            return;
        }
    }
    component.entries.push(ICalendarEntry {
        name: ICalendarProperty::Attendee,
        params: vec![partstat],
        values: vec![ICalendarValue::Text(format!("mailto:{email}"))],
    });
}

/// An address as written, without the quotes, brackets and spaces some
/// producers wrap it in.
fn clean_address(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
}

/// A CN without the stray quotes some producers wrap it in
/// (`CN="'meher@example.com'"`); `None` when nothing is left or what is left
/// is an e-mail address, which is no name.
fn clean_name(cn: &str) -> Option<String> {
    let name = cn.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\''));
    (!name.is_empty() && !looks_like_email(name)).then(|| name.to_owned())
}

fn looks_like_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.ends_with('.')
            && !text.contains(char::is_whitespace)
    })
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
    let value = clean_address(entry.calendar_address().unwrap_or(""));
    if !looks_like_email(value) {
        return Err(value.to_owned());
    }
    if value.to_ascii_lowercase().ends_with(GOOGLE_CALENDAR_DOMAIN) {
        return Ok(None);
    }
    let declined = param(ICalendarParameterName::Partstat)
        .is_some_and(|status| status.eq_ignore_ascii_case("DECLINED"));
    let absent = param(ICalendarParameterName::Role)
        .is_some_and(|role| role.eq_ignore_ascii_case("NON-PARTICIPANT"));
    Ok(Some(Attendee {
        email: value.to_owned(),
        name: param(ICalendarParameterName::Cn).and_then(clean_name),
        declined,
        absent,
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

    #[test]
    fn everyone_else_declining_is_a_decline() {
        let event = component(
            "ORGANIZER:mailto:a@example.com\r\n\
             ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com\r\n",
        );
        assert!(matches!(participants(&event), Err(NotAMeeting::Declined)));
    }

    #[test]
    fn stray_quotes_are_cleaned_from_names_and_an_address_is_no_name() {
        assert_eq!(clean_name("\"'Meher Rao'\""), Some("Meher Rao".to_owned()));
        assert_eq!(clean_name("\"'meher@example.com'\""), None);
        assert_eq!(clean_name("O'Brien"), Some("O'Brien".to_owned()));
        assert_eq!(clean_name(" \"\" "), None);
    }

    #[test]
    fn a_hundred_thousand_attendees_are_deduplicated_in_linear_time() {
        let mut text = String::from("ORGANIZER:mailto:boss@example.com\r\n");
        for index in 0..100_000 {
            text += &["ATTENDEE:mailto:p", &index.to_string(), "@example.com\r\n"].concat();
        }
        text.push_str("ATTENDEE:mailto:P1@EXAMPLE.COM\r\n");
        let event = component(&text);
        let started = std::time::Instant::now();
        let Ok(people) = participants(&event) else {
            panic!("a meeting");
        };
        assert_eq!(people.to.len(), 100_000);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }
}
