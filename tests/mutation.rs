//! Every parser on a few thousand mutated inputs: the fixtures, changed by a
//! seeded mutator (bit flips, bytes of the format's syntax inserted, spans
//! deleted, repeated or cut off, lines swapped, other seeds spliced in). On
//! every input a reader must return (no panic), within a time bound, and
//! account for every row of every file it read (read = used + skipped).
//! The stable-Rust companion of the `fuzz/` targets, run by `cargo test`.
//!
//! `WARMPATH_MUTATION_CASES` sets the inputs per parser (default 2,000 in a
//! debug build, 5,000 in a release one; a third of that for archives built
//! whole each case), `WARMPATH_MUTATION_SEED` the seed.
//! A failing input is written to `target/mutation-failures/` and named in
//! the failure.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use warmpath::identity::resolve_identities;
use warmpath::ingest::{IngestOptions, IngestSummary, read_sources};

use crate::harness::fixture;

/// The longest one input may take, in a debug build on a loaded machine.
const CASE_LIMIT: Duration = Duration::from_secs(10);

/// Mutated inputs per parser.
fn cases() -> usize {
    std::env::var("WARMPATH_MUTATION_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 2000 } else { 5000 })
}

fn base_seed() -> u64 {
    std::env::var("WARMPATH_MUTATION_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(0x5eed_2026)
}

/// A small, seeded generator (xorshift64*): the same seed, the same inputs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `bound` (0 when `bound` is 0).
    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes every text format treats specially.
const COMMON_TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\x00",
    b"\xC3",
    b"\xE2\x80\xAE",
    b"\x1b[31m",
    b"@",
    b":",
    b"=",
    b"-1",
    b"99999999999999999999",
    b"2026-02-30",
    b"1e308",
    b"NaN",
];

/// Changes `input` in one to four ways.
fn mutate(rng: &mut Rng, input: &[u8], tokens: &[&[u8]], seeds: &[Seed]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(10) {
            0 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let token = if rng.below(3) == 0 {
                    *rng.pick(COMMON_TOKENS)
                } else {
                    *rng.pick(tokens)
                };
                bytes.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + 1 + rng.below(32)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            4 => {
                // Repeat a span, sometimes many times (long lines, long values).
                let end = (at + 1 + rng.below(200)).min(bytes.len());
                let span = bytes[at.min(end)..end].to_vec();
                let times = if rng.below(8) == 0 {
                    1 + rng.below(400)
                } else {
                    1
                };
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, span.repeat(times));
            }
            5 => bytes.truncate(at),
            6 if rng.below(2) == 0 => swap_lines(rng, &mut bytes),
            6 => {
                // Syntax at the start of a line (a property, a header, a key).
                let starts: Vec<usize> = std::iter::once(0).chain(memchr_lines(&bytes)).collect();
                let at = *rng.pick(&starts);
                let token = *rng.pick(tokens);
                bytes.splice(at..at, token.iter().copied());
            }
            7 => {
                // Another seed's tail after this one's head.
                let other = &rng.pick(seeds).bytes;
                let from = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            8 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] = *rng.pick(&[b'"', b',', b'\n', b'\r', b';', b':', 0, 0xFF, 0x80]);
            }
            _ => {
                let token = *rng.pick(tokens);
                bytes.splice(at..at, token.iter().copied());
            }
        }
    }
    bytes
}

/// Where each line but the first starts.
fn memchr_lines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'\n')
        .map(|(at, _)| at + 1)
}

fn swap_lines(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|byte| *byte == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.len() > 1 {
        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
        lines.swap(a, b);
        if rng.below(4) == 0 {
            let line = lines[a].clone();
            lines.insert(b, line);
        }
    }
    *bytes = lines.concat();
}

/// What one input gave: the summaries whose rows must add up, or nothing to check.
type Outcome = Vec<IngestSummary>;

/// A parser under test: its seeds, the syntax worth inserting, and how one
/// input is given to it (written under `dir` with its seed's file name,
/// then read).
struct Target {
    name: &'static str,
    seeds: Vec<Seed>,
    tokens: &'static [&'static [u8]],
    run: fn(&Path, &str, &[u8], usize) -> Outcome,
}

/// An input to mutate, and the file name it is read under.
struct Seed {
    name: String,
    bytes: Vec<u8>,
}

/// The fixture files at `paths` (under `data/fixtures`) as seeds.
fn seeds(paths: &[&str]) -> Vec<Seed> {
    paths
        .iter()
        .map(|path| {
            let path = fixture(path);
            Seed {
                name: path.file_name().unwrap().to_str().unwrap().to_owned(),
                bytes: std::fs::read(&path)
                    .unwrap_or_else(|error| panic!("{}: {error}", path.display())),
            }
        })
        .collect()
}

fn seed(name: &str, bytes: impl Into<Vec<u8>>) -> Seed {
    Seed {
        name: name.to_owned(),
        bytes: bytes.into(),
    }
}

/// Options as the command line sets them (an as-of date, `--strict` now and
/// then), and now and then without an as-of date, as a library user may
/// read (calendars then expand each series to its own end, which takes
/// longer).
fn options(case: usize) -> IngestOptions {
    let as_of = warmpath::time::parse_date("2026-11-25").map(warmpath::time::end_of_day);
    IngestOptions {
        strict: case.is_multiple_of(7),
        as_of: as_of.filter(|_| !case.is_multiple_of(25)),
    }
}

/// Reads `paths` as `warmpath` does, then resolves identities; both
/// summaries (before and after resolution moves rows) must add up.
fn ingest(paths: &[PathBuf], case: usize) -> Outcome {
    let Ok(dataset) = read_sources(paths, options(case)) else {
        return Vec::new();
    };
    let read = dataset.summary.clone();
    match resolve_identities(dataset) {
        Ok(resolved) => vec![read, resolved.summary],
        Err(_) => vec![read],
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

/// The input as one file named `name` in a fresh folder beside copies of
/// the `companions` fixtures, read as a folder.
fn in_folder(dir: &Path, name: &str, bytes: &[u8], companions: &[&str], case: usize) -> Outcome {
    let folder = dir.join(format!("case-{case}"));
    std::fs::create_dir_all(&folder).unwrap();
    for companion in companions {
        let source = fixture(companion);
        let file_name = source.file_name().unwrap();
        std::fs::copy(&source, folder.join(file_name)).unwrap();
    }
    write(&folder.join(name), bytes);
    let outcome = ingest(std::slice::from_ref(&folder), case);
    std::fs::remove_dir_all(&folder).unwrap();
    outcome
}

/// The input as a file named `name`, given to `--data` itself.
fn as_file(dir: &Path, name: &str, bytes: &[u8], case: usize) -> Outcome {
    let path = dir.join(name);
    write(&path, bytes);
    ingest(&[path], case)
}

const CSV_TOKENS: &[&[u8]] = &[
    b"\"",
    b",\"",
    b"\"\n",
    b"\"\"",
    b",,,,",
    b"\n\n",
    b"\r\n",
    b"me",
    b"kai",
    b"2026-01-01",
    b"1700000000",
    b"meeting",
    b"call",
    b";",
    b"x@example.com",
    b"https://www.linkedin.com/in/x",
    b"same,",
    b"different,",
    b"# ",
];

const LINKEDIN_TOKENS: &[&[u8]] = &[
    b"\"",
    b",\"",
    b"\"\n",
    b"\"\"",
    b",,,",
    b"\n",
    b"\r\n",
    b"Notes:\n",
    b"LinkedIn Member",
    b"2026-03-01 10:00:00 UTC",
    b"01 Jan 2026",
    b"3-Oct-26",
    b"OUTGOING",
    b"INCOMING",
    b"https://www.linkedin.com/in/ana-lopez",
    b"No conversations found\n",
    b"SPAM",
    b"DRAFT",
    b"Sponsored Conversation",
];

const ICS_TOKENS: &[&[u8]] = &[
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"BEGIN:VCALENDAR\r\n",
    b"END:VCALENDAR\r\n",
    b"RRULE:FREQ=DAILY;COUNT=400\r\n",
    b"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE\r\n",
    b"RRULE:FREQ=SECONDLY\r\n",
    b"RRULE:FREQ=DAILY;UNTIL=20261231T000000Z\r\n",
    b"DTSTART:19900101T090000Z\r\n",
    b"DTEND:20991231T100000Z\r\n",
    b"DTSTART;TZID=Europe/Madrid:20261001T090000\r\n",
    b"DURATION:PT1H\r\n",
    b"EXDATE:20261008T090000Z\r\n",
    b"RDATE:20261009T090000Z\r\n",
    b"RECURRENCE-ID:20261008T090000Z\r\n",
    b"STATUS:CANCELLED\r\n",
    b"ATTENDEE;PARTSTAT=DECLINED:mailto:a@example.com\r\n",
    b"ATTENDEE;CUTYPE=ROOM:mailto:room@example.com\r\n",
    b"ORGANIZER:mailto:o@example.com\r\n",
    b"\r\n ",
    b";",
    b":",
    b"UID:x\r\n",
];

const MBOX_TOKENS: &[&[u8]] = &[
    b"\nFrom a@example.com Thu Jan  1 00:00:00 2026\n",
    b"\nFrom \n",
    b"From: ",
    b"To: ",
    b"Cc: ",
    b"Bcc: ",
    b"Date: Thu, 01 Jan 2026 10:00:00 +0000\n",
    b"Date: \n",
    b"\n\n",
    b"\n ",
    b",",
    b"<",
    b">",
    b"=?utf-8?B?",
    b"?=",
    b"\"",
    b"List-Id: x\n",
    b"Precedence: bulk\n",
    b"X-Gmail-Labels: Spam\n",
    b"undisclosed-recipients:;",
    b"noreply@example.com",
];

const VCARD_TOKENS: &[&[u8]] = &[
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"VERSION:2.1\r\n",
    b"VERSION:4.0\r\n",
    b"EMAIL:",
    b"EMAIL;TYPE=work:",
    b"URL:https://www.linkedin.com/in/x\r\n",
    b"FN:",
    b"N:",
    b";",
    b":",
    b"=\r\n",
    b";ENCODING=QUOTED-PRINTABLE",
    b";CHARSET=UTF-8",
    b"=C3=A9",
    b"\r\n ",
    b"\\,",
];

const RESEARCH_TOKENS: &[&[u8]] = &[
    b" ",
    b"\t",
    b"\n",
    b",",
    b";",
    b"-",
    b"0",
    b"1",
    b"20",
    b"99999999999",
    b"-5",
    b"#",
    b"timestamp",
    b"user",
    b"Sender;Recipient;EventDate\n",
];

const TOML_TOKENS: &[&[u8]] = &[
    b"[[member]]\n",
    b"id = \"x\"\n",
    b"sources = [\".\"]\n",
    b"sources = [\"missing\"]\n",
    b"owner = \"me\"\n",
    b"as_of = 2026-11-20\n",
    b"as_of = 0000-01-01\n",
    b"as_of = \"later\"\n",
    b"=",
    b"\"",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\n",
    b"half_life_days = -1\n",
    b"1e999",
    b"nan",
    b"inf",
    b"0.0",
];

fn generic_csv() -> Target {
    Target {
        name: "generic-csv",
        seeds: seeds(&[
            "bad-rows/people.csv",
            "bad-rows/interactions.csv",
            "bad-rows/relationships.csv",
            "stray-quote/relationships.csv",
            "tenuous-only/relationships.csv",
            "identity-merge-reasons/identities.csv",
        ]),
        tokens: CSV_TOKENS,
        run: |dir, name, bytes, case| {
            // People beside the file, unless it is the one changed.
            let companions = ["bad-rows/warmpath.toml", "bad-rows/people.csv"];
            in_folder(dir, name, bytes, &companions, case)
        },
    }
}

fn contacts_csv() -> Target {
    Target {
        name: "contacts-csv",
        seeds: seeds(&[
            "contacts-google/google-contacts.csv",
            "contacts-google-legacy/google-legacy.csv",
            "contacts-outlook/outlook-contacts.csv",
            "stray-quote-contacts/google-contacts.csv",
        ]),
        tokens: CSV_TOKENS,
        run: as_file,
    }
}

fn linkedin_table() -> Target {
    Target {
        name: "linkedin-table",
        seeds: seeds(&[
            "linkedin-export/Connections.csv",
            "linkedin-export/messages.csv",
            "linkedin-export/Invitations.csv",
            "linkedin-export/Endorsement_Received_Info.csv",
            "linkedin-export/Endorsement_Given_Info.csv",
            "linkedin-export/Recommendations_Received.csv",
            "linkedin-export/Recommendations_Given.csv",
            "linkedin-export/Positions.csv",
            "linkedin-export/Profile.csv",
            "linkedin-eras/2018-complete/Messages.csv",
            "linkedin-eras/2026-03-quoted/messages.csv",
            "linkedin-eras/excel-resaved/Connections.csv",
            "stray-quote-linkedin/Connections.csv",
        ]),
        tokens: LINKEDIN_TOKENS,
        run: |dir, name, bytes, case| {
            // The rest of the export beside the changed file, as a folder
            // or as a zip.
            let mut entries: Vec<(String, Vec<u8>)> = linkedin_export()
                .iter()
                .filter(|(file_name, _)| file_name != name)
                .cloned()
                .collect();
            entries.push((name.to_owned(), bytes.to_vec()));
            if case % 2 == 0 {
                let folder = dir.join(format!("case-{case}"));
                std::fs::create_dir_all(&folder).unwrap();
                for (file_name, bytes) in &entries {
                    write(&folder.join(file_name), bytes);
                }
                let outcome = ingest(std::slice::from_ref(&folder), case);
                std::fs::remove_dir_all(&folder).unwrap();
                return outcome;
            }
            let path = dir.join("export.zip");
            write(&path, &zip_of(&entries, zip::CompressionMethod::Stored));
            ingest(&[path], case)
        },
    }
}

fn linkedin_zip() -> Target {
    Target {
        name: "linkedin-zip",
        seeds: vec![seed("export.zip", stored_linkedin_zip())],
        tokens: &[
            b"PK\x03\x04",
            b"PK\x01\x02",
            b"PK\x05\x06",
            b"\xFF\xFF\xFF\xFF",
            b"../",
        ],
        run: as_file,
    }
}

/// Archives built from a changed list of member names, one a line (a
/// folder prefix, `../`, a name twice, odd case and spacing), each member
/// holding the export file its name matches, Deflated: the choice of what
/// to inflate, what to ignore and what to refuse, with valid checksums.
fn linkedin_zip_members() -> Target {
    let (mut names, mut prefixed) = (String::new(), String::new());
    for (name, _) in linkedin_export() {
        writeln!(names, "{name}").unwrap();
        writeln!(prefixed, "Complete_LinkedInDataExport_11-25-2026/{name}").unwrap();
    }
    Target {
        name: "linkedin-zip-members",
        seeds: vec![seed("members.txt", names), seed("members.txt", prefixed)],
        tokens: &[
            b"\n",
            b"../",
            b"/",
            b"Export/",
            b"Connections.csv\n",
            b"Profile.csv\n",
            b"messages.csv\n",
            b"Rich_Media.csv\n",
            b"Jobs/Saved Jobs.csv\n",
            b"PROFILE.CSV\n",
            b" ",
            b".csv",
            b".txt",
        ],
        run: |dir, _, bytes, case| {
            let text = String::from_utf8_lossy(bytes);
            // The zip writer refuses a name twice; names differing in case
            // or spacing stay.
            let mut distinct = std::collections::HashSet::new();
            let entries: Vec<(String, Vec<u8>)> = text
                .lines()
                .filter(|name| !name.is_empty() && distinct.insert(*name))
                .take(64)
                .map(|name| {
                    let base = name.rsplit('/').next().unwrap_or(name).trim();
                    let content = linkedin_export()
                        .iter()
                        .find(|(file, _)| file.eq_ignore_ascii_case(base))
                        .map_or_else(|| b"a,b\n1,2\n".to_vec(), |(_, bytes)| bytes.clone());
                    (name.to_owned(), content)
                })
                .collect();
            let path = dir.join("export.zip");
            write(&path, &zip_of(&entries, zip::CompressionMethod::Deflated));
            ingest(&[path], case)
        },
    }
}

fn icalendar() -> Target {
    Target {
        name: "icalendar",
        seeds: seeds(&[
            "calendar/meetings.ics",
            "calendar-recurrence/recurrence.ics",
            "calendar-broken/broken.ics",
        ]),
        tokens: ICS_TOKENS,
        run: as_file,
    }
}

fn mbox() -> Target {
    Target {
        name: "mbox",
        seeds: seeds(&["mbox/mail-headers.mbox", "mbox-broken/broken.mbox"]),
        tokens: MBOX_TOKENS,
        run: as_file,
    }
}

fn vcard() -> Target {
    Target {
        name: "vcard",
        seeds: seeds(&[
            "contacts-vcard/contacts.vcf",
            "contacts-vcard-qp/outlook-qp.vcf",
            "contacts-broken/broken.vcf",
        ]),
        tokens: VCARD_TOKENS,
        run: as_file,
    }
}

fn research_data() -> Target {
    Target {
        name: "research-data",
        seeds: seeds(&[
            "collegemsg-sample/CollegeMsg.txt",
            "sociopatterns-sample/tij_sample.dat",
            "copenhagen-missed-calls/calls.csv",
            "copenhagen-missed-calls/sms.csv",
            "email-log-groups/communication.csv",
            "household-contacts/scc2034_kilifi_all_contacts_within_households.csv",
        ]),
        tokens: RESEARCH_TOKENS,
        run: |dir, name, bytes, case| {
            if name.starts_with("tij_") {
                // Contacts with their metadata beside them.
                let metadata = ["sociopatterns-sample/metadata_sample.txt"];
                return in_folder(dir, name, bytes, &metadata, case);
            }
            as_file(dir, name, bytes, case)
        },
    }
}

fn manifest() -> Target {
    Target {
        name: "manifest",
        seeds: vec![
            seeds(&["bad-rows/warmpath.toml"]).remove(0),
            seed(
                "warmpath.toml",
                "as_of = 2026-11-20\n[[member]]\nid = \"me\"\nname = \"Robin Vale\"\n\
                 sources = [\".\"]\n[[member]]\nid = \"kai\"\nsources = [\".\"]\n",
            ),
        ],
        tokens: TOML_TOKENS,
        run: |dir, name, bytes, case| {
            // Sources stay in the case's folder: no `/`, no `..`.
            let mut bytes = bytes.to_vec();
            for byte in &mut bytes {
                if *byte == b'/' || *byte == b'\\' {
                    *byte = b'_';
                }
            }
            while let Some(at) = bytes.windows(2).position(|pair| pair == b"..") {
                bytes[at] = b'_';
            }
            let companions = [
                "bad-rows/people.csv",
                "bad-rows/interactions.csv",
                "bad-rows/relationships.csv",
            ];
            in_folder(dir, name, &bytes, &companions, case)
        },
    }
}

fn model_and_truth() -> Target {
    Target {
        name: "model-and-truth",
        seeds: vec![
            seed(
                "model.toml",
                toml::to_string(&warmpath::tie_strength::Model::default()).unwrap(),
            ),
            seeds(&["truth-metrics/truth.csv"]).remove(0),
            seeds(&["truth-metrics/groups.csv"]).remove(0),
        ],
        tokens: TOML_TOKENS,
        run: |dir, name, bytes, case| {
            let path = dir.join(name);
            write(&path, bytes);
            if name == "model.toml" {
                let _ = warmpath::tie_strength::Model::from_toml_file(&path);
                return Vec::new();
            }
            warmpath::ingest::read_truth_file(&path, options(case), |name| name.len() % 2 == 0)
                .map(|truth| vec![truth.summary])
                .unwrap_or_default()
        },
    }
}

/// A zip archive of `entries` (name, bytes).
fn zip_of(entries: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    use std::io::Write;
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    buffer.into_inner()
}

/// The files of the `linkedin-export` fixture (name, bytes), in name order.
fn linkedin_export() -> &'static [(String, Vec<u8>)] {
    static FILES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture("linkedin-export"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .map(|path| {
                let name = path.file_name().unwrap().to_str().unwrap().to_owned();
                (name, std::fs::read(&path).unwrap())
            })
            .collect();
        files.sort();
        files
    })
}

/// The `linkedin-export` fixture as a zip, its members stored so that
/// mutations reach the CSVs inside (their checksums then fail: the tables
/// themselves are mutated by the `linkedin-table` target).
fn stored_linkedin_zip() -> Vec<u8> {
    zip_of(linkedin_export(), zip::CompressionMethod::Stored)
}

/// Why an input failed, if it did.
fn check(outcome: &Outcome) -> Option<String> {
    for summary in outcome {
        for file in &summary.files {
            if file.rows_read != file.rows_used + file.rows_skipped() {
                return Some(format!(
                    "{}: {} rows read, {} used, {} skipped",
                    file.path.display(),
                    file.rows_read,
                    file.rows_used,
                    file.rows_skipped()
                ));
            }
        }
    }
    None
}

/// Keeps `bytes` where a failure can be reproduced from, and says where.
fn keep_failure(target: &str, case: usize, bytes: &[u8]) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mutation-failures");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(format!("{target}-{case}.bin"));
    write(&path, bytes);
    path
}

/// Runs one target's cases on a worker thread, watched from this one: a
/// panic, an input that takes longer than [`CASE_LIMIT`] (a hang included)
/// or rows that do not add up fail the test, naming the kept input.
fn run_target(target: Target) {
    run_cases(target, cases());
}

/// [`run_target`] on `cases` inputs.
fn run_cases(target: Target, cases: usize) {
    let started = Instant::now();
    let seed = base_seed()
        ^ target.name.bytes().fold(0_u64, |hash, byte| {
            hash.wrapping_mul(31).wrapping_add(u64::from(byte))
        });
    let done = Arc::new(AtomicUsize::new(0));
    let current: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let worker = {
        let (done, current) = (Arc::clone(&done), Arc::clone(&current));
        let name = target.name;
        std::thread::spawn(move || -> Result<(usize, usize, Duration), String> {
            let dir = tempfile::tempdir().unwrap();
            let mut read = 0;
            let mut slowest = (0, Duration::ZERO);
            let mut rng = Rng::new(seed);
            for case in 0..cases {
                let from = rng.pick(&target.seeds);
                let input = mutate(&mut rng, &from.bytes, target.tokens, &target.seeds);
                current.lock().unwrap().clone_from(&input);
                let case_started = Instant::now();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    (target.run)(dir.path(), &from.name, &input, case)
                }));
                if case_started.elapsed() > slowest.1 {
                    slowest = (case, case_started.elapsed());
                }
                let failure = match outcome {
                    Err(_) => Some("panicked".to_owned()),
                    Ok(outcome) => {
                        read += usize::from(!outcome.is_empty());
                        check(&outcome)
                    }
                };
                if let Some(failure) = failure {
                    let kept = keep_failure(name, case, &input);
                    return Err(format!(
                        "{name}, case {case} (seed {seed}), a changed {}: {failure}; input kept in {}",
                        from.name,
                        kept.display()
                    ));
                }
                done.store(case + 1, Ordering::SeqCst);
            }
            Ok((read, slowest.0, slowest.1))
        })
    };
    let mut last = (0, Instant::now());
    while !worker.is_finished() {
        std::thread::sleep(Duration::from_millis(20));
        let now = done.load(Ordering::SeqCst);
        if now != last.0 {
            last = (now, Instant::now());
        } else if last.1.elapsed() > CASE_LIMIT {
            let input = current.lock().unwrap().clone();
            let kept = keep_failure(target.name, now, &input);
            panic!(
                "{}, case {now} (seed {seed}) took more than {CASE_LIMIT:?}; input kept in {}",
                target.name,
                kept.display()
            );
        }
    }
    let (read, slowest, slowest_took) = worker
        .join()
        .unwrap()
        .unwrap_or_else(|failure| panic!("{failure}"));
    eprintln!(
        "{}: {cases} mutated inputs in {:.1?}, {read} read, the others refused; \
         the slowest, case {slowest}, took {slowest_took:.1?}",
        target.name,
        started.elapsed()
    );
}

#[test]
fn mutated_generic_csvs_never_panic_and_every_row_is_accounted_for() {
    run_target(generic_csv());
}

#[test]
fn mutated_contact_csvs_never_panic_and_every_row_is_accounted_for() {
    run_target(contacts_csv());
}

#[test]
fn mutated_linkedin_tables_never_panic_and_every_row_is_accounted_for() {
    run_target(linkedin_table());
}

#[test]
fn mutated_linkedin_zips_never_panic() {
    run_target(linkedin_zip());
}

#[test]
fn zips_of_changed_member_lists_never_panic_and_every_row_is_accounted_for() {
    // A third as many: each case inflates a whole export.
    run_cases(linkedin_zip_members(), cases().div_ceil(3));
}

#[test]
fn mutated_calendars_never_panic_and_every_event_is_accounted_for() {
    run_target(icalendar());
}

#[test]
fn mutated_mailboxes_never_panic_and_every_message_is_accounted_for() {
    run_target(mbox());
}

#[test]
fn mutated_vcards_never_panic_and_every_card_is_accounted_for() {
    run_target(vcard());
}

#[test]
fn mutated_research_data_never_panics_and_every_row_is_accounted_for() {
    run_target(research_data());
}

#[test]
fn mutated_manifests_never_panic() {
    run_target(manifest());
}

#[test]
fn mutated_model_and_truth_files_never_panic() {
    run_target(model_and_truth());
}
