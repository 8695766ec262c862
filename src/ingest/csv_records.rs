//! Splitting CSV text into records, line by line, with the quoting of the
//! `csv` crate (RFC 4180: `"` quotes a field, `""` is a quote inside one; CR,
//! LF and CRLF end a record; blank lines are not records) and the limits
//! that keep one stray quote from swallowing the rest of a file. A quote may
//! carry a record onto following lines, but at most [`MAX_QUOTED_LINES`]
//! lines and [`MAX_QUOTED_BYTES`] bytes past the line it opened on; a record
//! carried further, or whose quote is still open at the end of the file, is
//! malformed at the line where the quote opened, and reading resumes on the
//! next line. No line longer than [`MAX_LINE_BYTES`] is held in memory.
//! Knows nothing of headers or columns: the table readers (`csv_table.rs`,
//! `linkedin/table.rs`) decide what a record means.

use std::collections::VecDeque;
use std::io::BufRead;

/// The most lines a quote may carry a record over, past the line it opened on.
pub const MAX_QUOTED_LINES: u64 = 100;

/// The most bytes a quote may carry a record over, past the line it opened on.
pub const MAX_QUOTED_BYTES: usize = 64 * 1024;

/// The longest line read; a longer one is a malformed record, passed over unread.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Why a stretch of a file is not a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A quote still open at the end of the file.
    Unclosed,
    /// A quote that carries the record over more than [`MAX_QUOTED_LINES`] lines.
    TooManyLines,
    /// A quote that carries the record over more than [`MAX_QUOTED_BYTES`] bytes.
    TooManyBytes,
    /// A line longer than [`MAX_LINE_BYTES`].
    LongLine,
    /// A record that is not valid UTF-8.
    NotUtf8,
}

impl Problem {
    /// What went wrong and what to do, in words, for a skip note or an error.
    pub(crate) fn describe(self) -> String {
        match self {
            Self::Unclosed => "the quote opened on this line is never closed; \
                               close it or remove it"
                .to_owned(),
            Self::TooManyLines => format!(
                "the quote opened on this line runs on for more than \
                 {MAX_QUOTED_LINES} lines; close it or remove it"
            ),
            Self::TooManyBytes => format!(
                "the quote opened on this line runs on for more than {} KiB; \
                 close it or remove it",
                MAX_QUOTED_BYTES / 1024
            ),
            Self::LongLine => format!(
                "the line is longer than {} MiB and was not read",
                MAX_LINE_BYTES / (1024 * 1024)
            ),
            Self::NotUtf8 => "re-save the file as UTF-8".to_owned(),
        }
    }
}

/// A stretch of the file that is not a record, and the line it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed {
    /// 1-based line: where the offending quote opened, or the record began.
    pub line: u64,
    /// What is wrong.
    pub problem: Problem,
}

/// What [`RecordReader::read`] found next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// A record, now in the caller's [`Record`].
    Record,
    /// A malformed stretch, already passed over.
    Malformed(Malformed),
    /// The end of the text.
    End,
}

/// One record's fields, unquoted, with the line it begins on.
#[derive(Debug, Default)]
pub(crate) struct Record {
    text: String,
    ends: Vec<usize>,
    line: u64,
    spans_lines: bool,
}

impl Record {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `index`, or `None` past the last.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Every field in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|index| self.get(index))
    }

    /// The 1-based line the record begins on.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// True when a quote carries the record over more than one line.
    pub(crate) fn spans_lines(&self) -> bool {
        self.spans_lines
    }

    /// True for a record of one field that is empty or blank (a line holding
    /// only spaces, or a lone CR).
    pub(crate) fn is_blank(&self) -> bool {
        self.len() == 1 && self.text.trim().is_empty()
    }
}

/// Where the splitter is inside a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuotes,
    /// A `"` inside quotes: the end of the quotes, or the first of `""`.
    QuoteInQuotes,
}

/// A record being split: where the splitter is, the line of the last quote
/// opened, and the field bytes so far.
struct Scan {
    state: State,
    quote_line: u64,
    bytes: Vec<u8>,
}

/// A line read ahead while a quote carried a record over it, kept so that it
/// can be split again when the record turns out to be malformed.
#[derive(Debug)]
struct HeldLine {
    number: u64,
    /// `None` for a line too long to hold.
    bytes: Option<Vec<u8>>,
}

/// How a line was fetched.
#[derive(Debug, Clone, Copy)]
enum Fetched {
    Line,
    LongLine,
    End,
}

/// Reads records from CSV text one at a time; see the module documentation.
pub(crate) struct RecordReader<R> {
    input: R,
    delimiter: u8,
    /// The line being split, LF-terminated unless it is the last one.
    line: Vec<u8>,
    /// How much of `line` is split.
    at: usize,
    /// `line`'s 1-based number.
    number: u64,
    /// Lines to split again before reading on.
    replay: VecDeque<HeldLine>,
    /// The lines a quote carried the last record over, past its first line.
    held: Vec<HeldLine>,
    /// Bytes in `held`.
    held_bytes: usize,
    /// Lines read from the input (a line split twice counts once).
    lines_read: u64,
    /// True until the first line is read (for the byte-order mark).
    at_start: bool,
}

impl<R: BufRead> RecordReader<R> {
    /// Splits `input` at `delimiter` (`b','`, `b';'` or `b'\t'`).
    pub(crate) fn new(input: R, delimiter: u8) -> Self {
        Self {
            input,
            delimiter,
            line: Vec::new(),
            at: 0,
            number: 0,
            replay: VecDeque::new(),
            held: Vec::new(),
            held_bytes: 0,
            lines_read: 0,
            at_start: true,
        }
    }

    /// True between lines: nothing of the current line is left to split and
    /// no line waits to be split again, so the input's next byte starts a
    /// line (where the fast lane, `csv_blocks.rs`, may read on).
    pub(crate) fn between_lines(&self) -> bool {
        self.at >= self.line.len() && self.replay.is_empty()
    }

    /// The input, to read whole lines from [`Self::between_lines`].
    pub(crate) fn input_mut(&mut self) -> &mut R {
        &mut self.input
    }

    /// The field delimiter.
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Counts `lines` that were read past this reader, from its input.
    pub(crate) fn count_lines_read(&mut self, lines: u64) {
        self.lines_read += lines;
        self.number = self.lines_read;
        self.at_start = false;
    }

    /// The lines read so far (all of them once [`Next::End`] is returned).
    pub(crate) fn lines(&self) -> u64 {
        self.lines_read
    }

    /// Reads the next record into `record`, or passes over the next malformed
    /// stretch, or reports the end.
    pub(crate) fn read(&mut self, record: &mut Record) -> std::io::Result<Next> {
        self.held.clear();
        self.held_bytes = 0;
        let mut scan = Scan {
            state: State::StartRecord,
            quote_line: 0,
            bytes: std::mem::take(&mut record.text).into_bytes(),
        };
        scan.bytes.clear();
        record.ends.clear();
        record.spans_lines = false;
        loop {
            if self.at >= self.line.len() {
                let fetched = self.fetch()?;
                if let Some(next) = self.at_line_start(fetched, &mut scan, record) {
                    return Ok(next);
                }
            }
            if let Some(next) = self.split(&mut scan, record) {
                return Ok(next);
            }
        }
    }

    /// Deals with a line just fetched in the middle of `scan`: the end of the
    /// text, a line too long, or a line a quote carries the record over
    /// (held, within the limits). Returns what `read` returns, if it is done.
    fn at_line_start(
        &mut self,
        fetched: Fetched,
        scan: &mut Scan,
        record: &mut Record,
    ) -> Option<Next> {
        // Only a quote carries a record past the end of a line.
        let carried = scan.state != State::StartRecord;
        let problem = match fetched {
            Fetched::End => {
                return Some(match scan.state {
                    State::StartRecord => {
                        record.text =
                            String::from_utf8(std::mem::take(&mut scan.bytes)).unwrap_or_default();
                        Next::End
                    }
                    State::InQuotes => self.abandon(scan, Problem::Unclosed, record),
                    _ => {
                        record.ends.push(scan.bytes.len());
                        Self::finish(record, std::mem::take(&mut scan.bytes))
                    }
                });
            }
            Fetched::LongLine if carried => {
                self.hold(None);
                Problem::TooManyBytes
            }
            Fetched::LongLine => {
                record.text =
                    String::from_utf8(std::mem::take(&mut scan.bytes)).unwrap_or_default();
                return Some(Next::Malformed(Malformed {
                    line: self.number,
                    problem: Problem::LongLine,
                }));
            }
            Fetched::Line if carried => {
                self.hold(Some(self.line.clone()));
                if self.held.len() as u64 > MAX_QUOTED_LINES {
                    Problem::TooManyLines
                } else if self.held_bytes > MAX_QUOTED_BYTES {
                    Problem::TooManyBytes
                } else {
                    return None;
                }
            }
            Fetched::Line => return None,
        };
        Some(self.abandon(scan, problem, record))
    }

    /// Splits the current line from where `scan` is, to the end of the line
    /// or of the record. Returns what `read` returns when the record ends.
    fn split(&mut self, scan: &mut Scan, record: &mut Record) -> Option<Next> {
        let line = &self.line;
        let is_end = |c: u8| c == b'\n' || c == b'\r';
        let bytes = &mut scan.bytes;
        while self.at < line.len() {
            let c = line[self.at];
            match scan.state {
                State::StartRecord => {
                    if is_end(c) {
                        self.at += 1;
                    } else {
                        record.line = self.number;
                        scan.state = State::StartField;
                    }
                }
                State::StartField | State::QuoteInQuotes if c == self.delimiter || is_end(c) => {
                    record.ends.push(bytes.len());
                    self.at += 1;
                    if c == self.delimiter {
                        scan.state = State::StartField;
                    } else {
                        return Some(Self::finish(record, std::mem::take(bytes)));
                    }
                }
                State::StartField if c == b'"' => {
                    scan.state = State::InQuotes;
                    scan.quote_line = self.number;
                    self.at += 1;
                }
                State::QuoteInQuotes if c == b'"' => {
                    bytes.push(b'"');
                    scan.state = State::InQuotes;
                    self.at += 1;
                }
                State::StartField | State::QuoteInQuotes => scan.state = State::InField,
                State::InField => {
                    let rest = &line[self.at..];
                    let run =
                        memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
                    bytes.extend_from_slice(&rest[..run]);
                    self.at += run;
                    if let Some(&end) = rest.get(run) {
                        self.at += 1;
                        record.ends.push(bytes.len());
                        if end == self.delimiter {
                            scan.state = State::StartField;
                        } else {
                            return Some(Self::finish(record, std::mem::take(bytes)));
                        }
                    }
                }
                State::InQuotes => {
                    let rest = &line[self.at..];
                    if let Some(run) = memchr::memchr(b'"', rest) {
                        bytes.extend_from_slice(&rest[..run]);
                        self.at += run + 1;
                        scan.state = State::QuoteInQuotes;
                    } else {
                        bytes.extend_from_slice(rest);
                        self.at = line.len();
                        if rest.last() == Some(&b'\n') {
                            record.spans_lines = true;
                        }
                    }
                }
            }
        }
        None
    }

    /// Declares the record just read malformed (a stray quote that a later
    /// quote closed, leaving the wrong number of fields): when a quote carried
    /// it over several lines, reading resumes on the line after its first.
    pub(crate) fn reject(&mut self, record: &Record) {
        if record.spans_lines {
            self.replay_held(record.line);
        }
    }

    /// Gives up on the record being read because of the quote it has open
    /// (or last had open): reading resumes on the line after the quote's.
    fn abandon(&mut self, scan: &mut Scan, problem: Problem, record: &mut Record) -> Next {
        self.replay_held(scan.quote_line);
        record.ends.clear();
        record.text = String::from_utf8(std::mem::take(&mut scan.bytes)).unwrap_or_default();
        Next::Malformed(Malformed {
            line: scan.quote_line,
            problem,
        })
    }

    /// Puts the held lines after `line` back in front of the lines to read,
    /// and drops the rest of the current line (it is among them, or before).
    fn replay_held(&mut self, line: u64) {
        let held = std::mem::take(&mut self.held);
        for held_line in held.into_iter().rev() {
            if held_line.number > line {
                self.replay.push_front(held_line);
            }
        }
        self.held_bytes = 0;
        self.line.clear();
        self.at = 0;
    }

    /// Keeps the current line (`None` when it is too long to keep), which a
    /// quote carries a record over.
    fn hold(&mut self, bytes: Option<Vec<u8>>) {
        self.held_bytes += bytes.as_ref().map_or(MAX_LINE_BYTES, Vec::len);
        self.held.push(HeldLine {
            number: self.number,
            bytes,
        });
    }

    /// Makes the next line current: a held line to split again, or the next
    /// line of the input (CRLF read as LF, a leading byte-order mark dropped).
    fn fetch(&mut self) -> std::io::Result<Fetched> {
        self.at = 0;
        if let Some(held) = self.replay.pop_front() {
            self.number = held.number;
            if let Some(bytes) = held.bytes {
                self.line = bytes;
                return Ok(Fetched::Line);
            }
            self.line.clear();
            return Ok(Fetched::LongLine);
        }
        self.line.clear();
        let mut too_long = false;
        loop {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(end) => (end + 1, true),
                None => (available.len(), false),
            };
            // Room for the longest line and its CRLF; the rest of a longer
            // line is passed over without being kept.
            if !too_long && self.line.len() + take <= MAX_LINE_BYTES + 2 {
                self.line.extend_from_slice(&available[..take]);
            } else {
                too_long = true;
                self.line.clear();
            }
            self.input.consume(take);
            if done {
                break;
            }
        }
        if self.line.is_empty() && !too_long {
            return Ok(Fetched::End);
        }
        self.lines_read += 1;
        self.number = self.lines_read;
        let at_start = std::mem::take(&mut self.at_start);
        if self.line.ends_with(b"\r\n") {
            self.line.truncate(self.line.len() - 2);
            self.line.push(b'\n');
        }
        let content = self.line.len() - usize::from(self.line.last() == Some(&b'\n'));
        if too_long || content > MAX_LINE_BYTES {
            self.line.clear();
            return Ok(Fetched::LongLine);
        }
        if at_start && self.line.starts_with(b"\xEF\xBB\xBF") {
            self.line.drain(..3);
        }
        Ok(Fetched::Line)
    }

    /// Completes `record` from its field bytes.
    fn finish(record: &mut Record, bytes: Vec<u8>) -> Next {
        match String::from_utf8(bytes) {
            Ok(text) => {
                record.text = text;
                Next::Record
            }
            Err(error) => {
                let mut bytes = error.into_bytes();
                bytes.clear();
                record.text = String::from_utf8(bytes).unwrap_or_default();
                Next::Malformed(Malformed {
                    line: record.line,
                    problem: Problem::NotUtf8,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    /// Everything a reader gives, as text: fields joined by `|`, or the problem.
    fn split(text: &[u8], capacity: usize) -> Vec<String> {
        let mut reader = RecordReader::new(std::io::BufReader::with_capacity(capacity, text), b',');
        let mut record = Record::default();
        let mut out = Vec::new();
        loop {
            match reader.read(&mut record).unwrap() {
                Next::End => return out,
                Next::Record => {
                    let fields: Vec<&str> = record.iter().collect();
                    out.push(format!("{}:{}", record.line(), fields.join("|")));
                }
                Next::Malformed(malformed) => {
                    out.push(format!("{}:{:?}", malformed.line, malformed.problem));
                }
            }
        }
    }

    #[test]
    fn crlf_is_lf_at_every_buffer_boundary_and_a_lone_cr_ends_a_record() {
        let text = b"a,b\r\nx,\"y\r\nz\"\r\n1\r2\r\n\r";
        for capacity in 1..12 {
            assert_eq!(
                split(text, capacity),
                ["1:a|b", "2:x|y\nz", "4:1", "4:2"],
                "capacity {capacity}"
            );
        }
    }

    #[test]
    fn a_stray_quote_costs_its_own_row_only() {
        let mut text = String::from("id,source\n1,\"crm\n");
        for row in 2..=300 {
            writeln!(text, "{row},crm").unwrap();
        }
        let records = split(text.as_bytes(), 8192);
        assert_eq!(records[0], "1:id|source");
        assert_eq!(records[1], "2:TooManyLines");
        assert_eq!(records[2], "3:2|crm");
        assert_eq!(records.len(), 301);
        assert_eq!(records[300], "301:300|crm");
    }

    #[test]
    fn a_quote_open_at_the_end_of_the_file_is_reported_where_it_opened() {
        assert_eq!(
            split(b"a,b\n1,\"x\n2,y\n3,z", 8192),
            ["1:a|b", "2:Unclosed", "3:2|y", "4:3|z"]
        );
        assert_eq!(split(b"a,b\n1,\"x", 8192), ["1:a|b", "2:Unclosed"]);
    }

    #[test]
    fn a_quote_may_carry_a_record_over_a_hundred_lines_and_no_more() {
        let within = format!("\"{}\"\nnext\n", "x\n".repeat(100));
        assert_eq!(split(within.as_bytes(), 8192).len(), 2);
        let beyond = format!("\"{}\"\nnext\n", "x\n".repeat(101));
        let records = split(beyond.as_bytes(), 8192);
        assert_eq!(records[0], "1:TooManyLines");
        assert_eq!(records[1], "2:x");
    }

    #[test]
    fn a_quote_may_not_carry_a_record_over_more_than_64_kib() {
        let line = "y".repeat(1000);
        let text = format!("a,\"x\n{}last\n", format!("{line}\n").repeat(70));
        let records = split(text.as_bytes(), 8192);
        assert_eq!(records[0], "1:TooManyBytes");
        assert_eq!(records[1], format!("2:{line}"));
        assert_eq!(records.len(), 72);
        assert_eq!(records[71], "72:last");
    }

    #[test]
    fn a_line_over_the_limit_is_passed_over_unread() {
        let long = "z".repeat(MAX_LINE_BYTES + 1);
        let text = format!("a\n{long}\nb\n");
        assert_eq!(split(text.as_bytes(), 8192), ["1:a", "2:LongLine", "3:b"]);
        let fits = "z".repeat(MAX_LINE_BYTES);
        let text = format!("{fits}\r\nb");
        assert_eq!(split(text.as_bytes(), 8192).len(), 2);
        // Inside quotes, a line that long is more than a quote may carry.
        let text = format!("\"a\n{long}\"\nb\n");
        assert_eq!(
            split(text.as_bytes(), 8192),
            ["1:TooManyBytes", "2:LongLine", "3:b"]
        );
    }

    #[test]
    fn a_rejected_record_is_read_again_from_its_second_line() {
        let text = b"a,b,c\n1,2,\"3\n4,\"5\",6\n7,8,9\n";
        let mut reader = RecordReader::new(&text[..], b',');
        let mut record = Record::default();
        assert_eq!(reader.read(&mut record).unwrap(), Next::Record);
        assert_eq!(reader.read(&mut record).unwrap(), Next::Record);
        assert_eq!((record.line(), record.len()), (2, 4));
        assert!(record.spans_lines());
        reader.reject(&record);
        assert_eq!(reader.read(&mut record).unwrap(), Next::Record);
        assert_eq!(record.iter().collect::<Vec<_>>(), ["4", "5", "6"]);
        assert_eq!(record.line(), 3);
        assert_eq!(reader.read(&mut record).unwrap(), Next::Record);
        assert_eq!(record.line(), 4);
        assert_eq!(reader.read(&mut record).unwrap(), Next::End);
        assert_eq!(reader.lines(), 4);
    }

    #[test]
    fn invalid_utf8_is_one_malformed_record_and_a_bom_is_dropped() {
        assert_eq!(
            split(b"\xEF\xBB\xBFa\n\xff,x\nb\n", 8192),
            ["1:a", "2:NotUtf8", "3:b"]
        );
    }

    proptest! {
        /// Within the limits, records are the `csv` crate's, field for field.
        #[test]
        fn records_are_those_of_the_csv_crate(
            text in proptest::collection::vec(
                prop_oneof![
                    3 => Just("a"), 1 => Just("bc"), 3 => Just(","), 1 => Just("\""),
                    1 => Just("\"\""), 2 => Just("\n"), 1 => Just("\r"), 1 => Just("\r\n"),
                    1 => Just(" "), 1 => Just("é"), 1 => Just("\u{feff}"),
                ],
                0..60,
            )
            .prop_map(|parts| parts.concat()),
            capacity in 1_usize..16,
        ) {
            let mut reader =
                RecordReader::new(std::io::BufReader::with_capacity(capacity, text.as_bytes()), b',');
            let mut record = Record::default();
            let mut ours = Vec::new();
            let mut malformed = false;
            loop {
                match reader.read(&mut record).unwrap() {
                    Next::End => break,
                    Next::Record => ours.push(record.iter().map(str::to_owned).collect::<Vec<_>>()),
                    Next::Malformed(_) => malformed = true,
                }
            }
            if malformed {
                // A quote open at the end: the csv crate ends the record there.
                return Ok(());
            }
            let lf = text.replace("\r\n", "\n");
            let theirs: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(lf.as_bytes())
                .records()
                .map(|record| record.unwrap().iter().map(str::to_owned).collect())
                .collect();
            prop_assert_eq!(ours, theirs);
        }
    }
}
