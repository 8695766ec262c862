//! Writes a [`SyntheticNetwork`] as files: the generic CSV dataset (people,
//! interactions with a history per tie, declared relationships, a manifest)
//! or a bare weighted edge list (`--ties-only`). Rows are formatted in
//! parallel, chunk by chunk, and written in order, so the output does not
//! depend on the number of threads.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::rng::Rng;
use super::{AS_OF_SECS, SYNTHETIC_AS_OF, SyntheticNetwork, SyntheticTie, TieKind};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::time::{DAYS_PER_YEAR, SECONDS_PER_DAY, civil_from_days, civil_time};

/// Ties formatted per parallel task.
const CHUNK_TIES: usize = 32_768;
/// Tasks formatted before their bytes are written (bounds memory).
const BATCH_CHUNKS: usize = 64;

const SECONDS_PER_YEAR: f64 = DAYS_PER_YEAR * SECONDS_PER_DAY as f64;

const FIRST_NAMES: [&str; 48] = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Femi",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nikhil",
    "Olga",
    "Pablo",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amara",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Esther",
    "Farid",
    "Gita",
    "Hugo",
    "Ivy",
    "Jamal",
    "Kaito",
    "Leila",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Rafael",
    "Sofia",
    "Tomas",
    "Valentina",
    "Will",
    "Yara",
];
const LAST_NAMES: [&str; 48] = [
    "Okafor",
    "Patel",
    "Nguyen",
    "Garcia",
    "Kowalski",
    "Müller",
    "Rossi",
    "Tanaka",
    "Silva",
    "Johansson",
    "Haddad",
    "Kim",
    "Dubois",
    "Novak",
    "Mensah",
    "Fischer",
    "Lopez",
    "Ivanova",
    "Costa",
    "Andersen",
    "Sato",
    "Moreau",
    "Chen",
    "Adeyemi",
    "Schmidt",
    "Romero",
    "Yilmaz",
    "Kaur",
    "O'Brien",
    "Horvat",
    "Larsen",
    "Mwangi",
    "Petrov",
    "Reyes",
    "Bakker",
    "Singh",
    "Park",
    "Ferreira",
    "Nilsson",
    "Ali",
    "Whitfield",
    "Brennan",
    "Castillo",
    "Demir",
    "Eriksen",
    "Fontaine",
    "Gallo",
    "Hughes",
];
const COMPANY_FIRST: [&str; 16] = [
    "North", "Blue", "Harbor", "Cedar", "Iron", "Silver", "Maple", "Granite", "Bright", "Lumen",
    "Atlas", "Summit", "Copper", "Willow", "Orbit", "Vista",
];
const COMPANY_SECOND: [&str; 16] = [
    "wind", "field", "stone", "bridge", "works", "path", "gate", "leaf", "point", "ridge", "light",
    "forge", "line", "wave", "peak", "haven",
];
const COMPANY_SUFFIX: [&str; 8] = [
    " Labs",
    " Systems",
    " Ventures",
    " Health",
    " Logistics",
    " Analytics",
    " Foods",
    " Energy",
];
const TITLES: [&str; 10] = [
    "Engineer",
    "Senior Engineer",
    "Product Manager",
    "Designer",
    "Account Executive",
    "Data Scientist",
    "Director",
    "Recruiter",
    "Founder",
    "Partner",
];

/// Writes the generic CSV dataset into `folder`: `people.csv`,
/// `interactions.csv`, `relationships.csv`, `warmpath.toml` (owner `p0`, as of
/// [`SYNTHETIC_AS_OF`]) and `synthetic.json` (sizes and a benchmark target).
pub fn write_generic_dataset(
    network: &SyntheticNetwork,
    folder: &Path,
    progress: &dyn Progress,
) -> Result<()> {
    create_folder(folder)?;
    let people = network.people();
    progress.stage("writing people.csv", Some(u64::from(people)));
    let mut writer = create(&folder.join("people.csv"))?;
    writer.write(b"id,name,email,linkedin_url,company,title\n")?;
    let chunks: Vec<u32> = (0..people.div_ceil(CHUNK_TIES as u32)).collect();
    for batch in chunks.chunks(BATCH_CHUNKS) {
        let parts: Vec<String> = batch
            .par_iter()
            .map(|&chunk| {
                let start = chunk * CHUNK_TIES as u32;
                let end = (start + CHUNK_TIES as u32).min(people);
                let mut text = String::with_capacity(CHUNK_TIES * 120);
                for person in start..end {
                    person_row(network, person, &mut text);
                }
                text
            })
            .collect();
        for part in parts {
            writer.write(part.as_bytes())?;
        }
        progress.advance((batch.len() * CHUNK_TIES) as u64);
    }
    writer.finish()?;
    progress.finish_stage();

    progress.stage("writing interactions", Some(network.ties.len() as u64));
    let mut interactions = create(&folder.join("interactions.csv"))?;
    interactions.write(b"timestamp,from,to,channel,duration\n")?;
    let mut relationships = create(&folder.join("relationships.csv"))?;
    relationships.write(b"a,b,strength,since,source\n")?;
    for batch in network.ties.chunks(CHUNK_TIES * BATCH_CHUNKS) {
        let parts: Vec<(String, String)> = batch
            .par_chunks(CHUNK_TIES)
            .map(|ties| {
                let mut events = String::with_capacity(ties.len() * 150);
                let mut declared = String::with_capacity(ties.len() * 20);
                for tie in ties {
                    write_tie(network, tie, &mut events, &mut declared);
                }
                (events, declared)
            })
            .collect();
        for (events, declared) in parts {
            interactions.write(events.as_bytes())?;
            relationships.write(declared.as_bytes())?;
        }
        progress.advance(batch.len() as u64);
    }
    interactions.finish()?;
    relationships.finish()?;
    progress.finish_stage();
    write_manifest(network, folder, "p0", "p")
}

/// Writes `relationships.csv` as a bare weighted edge list (`a,b,strength`,
/// integer ids), the shape graph libraries load, plus `warmpath.toml` (owner
/// `0`) and `synthetic.json`.
pub fn write_ties_only(
    network: &SyntheticNetwork,
    folder: &Path,
    progress: &dyn Progress,
) -> Result<()> {
    create_folder(folder)?;
    progress.stage("writing ties", Some(network.ties.len() as u64));
    let mut writer = create(&folder.join("relationships.csv"))?;
    writer.write(b"a,b,strength\n")?;
    for batch in network.ties.chunks(CHUNK_TIES * BATCH_CHUNKS) {
        let parts: Vec<String> = batch
            .par_chunks(CHUNK_TIES)
            .map(|ties| {
                let mut text = String::with_capacity(ties.len() * 24);
                for tie in ties {
                    let _ = writeln!(text, "{},{},{}", tie.a, tie.b, tie.strength);
                }
                text
            })
            .collect();
        for part in parts {
            writer.write(part.as_bytes())?;
        }
        progress.advance(batch.len() as u64);
    }
    writer.finish()?;
    progress.finish_stage();
    write_manifest(network, folder, "0", "")
}

/// `warmpath.toml` and `synthetic.json`, which names a target about three
/// hops from the owner for benchmarks.
fn write_manifest(
    network: &SyntheticNetwork,
    folder: &Path,
    owner: &str,
    prefix: &str,
) -> Result<()> {
    let manifest = format!(
        "# Generated by `warmpath generate --people {} --seed {}`.\nowner = \"{owner}\"\nas_of = {SYNTHETIC_AS_OF}\n",
        network.people(),
        network.config.seed
    );
    write_file(&folder.join("warmpath.toml"), manifest.as_bytes())?;
    let target = far_target(network);
    let json = serde_json::json!({
        "people": network.people(),
        "ties": network.ties.len(),
        "seed": network.config.seed,
        "owner": owner,
        "target": format!("{prefix}{target}"),
        "as_of": SYNTHETIC_AS_OF,
    });
    write_file(
        &folder.join("synthetic.json"),
        format!("{json:#}\n").as_bytes(),
    )
}

/// A person three ties away from person 0 and not adjacent to them: the
/// most-connected among the first candidates, so the query has work to do.
pub(super) fn far_target(network: &SyntheticNetwork) -> u32 {
    let neighbors = |person: u32| -> Vec<u32> {
        let start = network.ties.partition_point(|tie| tie.a < person);
        let mut found: Vec<u32> = network.ties[start..]
            .iter()
            .take_while(|tie| tie.a == person)
            .map(|tie| tie.b)
            .collect();
        // Ties where `person` is the larger side need a scan; only small
        // networks reach here often, large ones use the forward ties.
        if found.len() < 4 {
            found.extend(
                network
                    .ties
                    .iter()
                    .filter(|tie| tie.b == person)
                    .map(|tie| tie.a),
            );
        }
        found
    };
    let first = neighbors(0);
    let mut seen: Vec<u32> = first.clone();
    seen.push(0);
    for hop1 in first.iter().rev().take(8) {
        for hop2 in neighbors(*hop1).iter().rev().take(8) {
            for hop3 in neighbors(*hop2).iter().rev() {
                if !seen.contains(hop3) && *hop3 != *hop2 {
                    return *hop3;
                }
            }
        }
    }
    network.people() - 1
}

fn person_row(network: &SyntheticNetwork, person: u32, text: &mut String) {
    let (first, last) = name_parts(network.config.seed, person);
    let company_name = company_name(network.company_of(person));
    let _ = writeln!(
        text,
        "p{person},\"{first} {last}\",{},https://www.linkedin.com/in/{},{company_name},{}",
        email(network.config.seed, person, &company_name),
        profile_slug(network.config.seed, person),
        title(network.config.seed, person),
    );
}

/// A person's job title.
pub(super) fn title(seed: u64, person: u32) -> &'static str {
    TITLES[(Rng::new(seed, u64::from(person), 6).below(10)) as usize]
}

/// A person's work e-mail address at their company's example domain.
pub(super) fn email(seed: u64, person: u32, company_name: &str) -> String {
    let (first, last) = name_parts(seed, person);
    let domain: String = company_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    format!(
        "{}.{}.{person}@{domain}.example.com",
        first.to_ascii_lowercase(),
        ascii_lower(last)
    )
}

/// A person's public profile slug, `<first>-<last>-<index in hex>`, ASCII
/// lower case (the URL is `https://www.linkedin.com/in/<slug>`).
pub(super) fn profile_slug(seed: u64, person: u32) -> String {
    let (first, last) = name_parts(seed, person);
    format!(
        "{}-{}-{person:x}",
        first.to_ascii_lowercase(),
        ascii_lower(last)
    )
}

fn ascii_lower(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

pub(super) fn name_parts(seed: u64, person: u32) -> (&'static str, &'static str) {
    let mut rng = Rng::new(seed, u64::from(person), 7);
    (
        FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize],
        LAST_NAMES[rng.below(LAST_NAMES.len() as u64) as usize],
    )
}

pub(super) fn company_name(company: usize) -> String {
    let combos = COMPANY_FIRST.len() * COMPANY_SECOND.len() * COMPANY_SUFFIX.len();
    let mut name = format!(
        "{}{}{}",
        COMPANY_FIRST[company % 16],
        COMPANY_SECOND[(company / 16) % 16],
        COMPANY_SUFFIX[(company / 256) % 8]
    );
    if company >= combos {
        let _ = write!(name, " {}", company / combos + 1);
    }
    name
}

/// One interaction of a tie's history.
#[derive(Debug, Clone, Copy)]
pub(super) struct TieEvent {
    /// Unix seconds.
    pub at: i64,
    /// Who started it.
    pub from: u32,
    /// The other side of the tie.
    pub to: u32,
    /// The generic dataset's channel name (`message`, `meeting`, …).
    pub channel: &'static str,
    /// Seconds, for meetings and calls; 0 otherwise.
    pub duration: u64,
    /// Further teammates at a team meeting (`others[..other_count]`).
    pub others: [u32; 3],
    /// How many of `others` are set.
    pub other_count: usize,
}

/// When a tie began, and whether (and how) it is declared.
#[derive(Debug, Clone, Copy)]
pub(super) struct TieOutline {
    /// Unix seconds the two met (the declaration's `since`).
    pub start: i64,
    /// `None` when undeclared; `Some(true)` for a CRM strength, `Some(false)`
    /// for a `LinkedIn` connection.
    pub declared: Option<bool>,
}

/// One tie's history, shaped by its kind: calls `on_event` for every
/// interaction, oldest drawn first (not in time order), and returns its outline.
pub(super) fn tie_history(
    network: &SyntheticNetwork,
    tie: &SyntheticTie,
    mut on_event: impl FnMut(&TieEvent),
) -> TieOutline {
    let mut rng = Rng::new(
        network.config.seed,
        (u64::from(tie.a) << 32) | u64::from(tie.b),
        5,
    );
    let now = AS_OF_SECS;
    let (years_known, count, ongoing) = match tie.kind {
        TieKind::Team => (
            0.3 + rng.unit() * 7.0,
            (rng.pareto(3.0, 2.0) as u32).min(200),
            rng.chance(0.8),
        ),
        TieKind::Company => (
            0.2 + rng.unit() * 10.0,
            (rng.pareto(1.0, 2.0) as u32).min(60),
            rng.chance(0.6),
        ),
        TieKind::Acquaintance => {
            let roll = rng.unit();
            let count = if roll < 0.45 {
                0 // connected, never spoke
            } else {
                1 + rng.below(3) as u32
            };
            (0.5 + rng.unit() * 12.0, count, rng.chance(0.3))
        }
        TieKind::Broadcast => (0.5 + rng.unit() * 12.0, u32::from(rng.chance(0.2)), false),
    };
    let start = now - (years_known * SECONDS_PER_YEAR) as i64;
    let end = if ongoing {
        now - (rng.unit() * 20.0 * SECONDS_PER_DAY as f64) as i64
    } else {
        start + ((now - start) as f64 * rng.unit()) as i64
    };
    let one_way = matches!(tie.kind, TieKind::Acquaintance) && rng.chance(0.35);
    for _ in 0..count {
        let at = start + ((end - start).max(1) as f64 * rng.unit()) as i64;
        let (from, to) = if one_way || rng.chance(0.5) {
            (tie.a, tie.b)
        } else {
            (tie.b, tie.a)
        };
        let channel = pick_channel(tie.kind, one_way, &mut rng);
        let duration = if matches!(channel, "meeting" | "call" | "video") {
            300 * (1 + rng.below(18))
        } else {
            0
        };
        let mut event = TieEvent {
            at,
            from,
            to,
            channel,
            duration,
            others: [0; 3],
            other_count: 0,
        };
        if tie.kind == TieKind::Team && channel == "meeting" && rng.chance(0.25) {
            // A team meeting: a few more teammates of the organiser.
            let (team_start, team_end) = network.team_of(from);
            for _ in 0..=rng.below(3) {
                let other = team_start + rng.below(u64::from(team_end - team_start)) as u32;
                if other != from && other != to {
                    event.others[event.other_count] = other;
                    event.other_count += 1;
                }
            }
        }
        on_event(&event);
    }
    let declare = match tie.kind {
        TieKind::Team | TieKind::Company => rng.chance(0.35),
        TieKind::Acquaintance => count == 0 || rng.chance(0.5),
        TieKind::Broadcast => true,
    };
    let declared = declare.then(|| matches!(tie.kind, TieKind::Company) && rng.chance(0.15));
    TieOutline { start, declared }
}

/// One tie's interactions and declaration as generic CSV rows.
fn write_tie(
    network: &SyntheticNetwork,
    tie: &SyntheticTie,
    events: &mut String,
    declared: &mut String,
) {
    let outline = tie_history(network, tie, |event| {
        push_timestamp(events, event.at);
        let _ = write!(events, ",p{},p{}", event.from, event.to);
        for other in &event.others[..event.other_count] {
            let _ = write!(events, ";p{other}");
        }
        if event.duration > 0 {
            let _ = writeln!(events, ",{},{}", event.channel, event.duration);
        } else {
            let _ = writeln!(events, ",{},", event.channel);
        }
    });
    if let Some(crm) = outline.declared {
        let _ = write!(declared, "p{},p{},", tie.a, tie.b);
        if crm {
            let _ = write!(declared, "{}", tie.strength);
        }
        declared.push(',');
        push_date(declared, outline.start);
        declared.push_str(if crm { ",crm\n" } else { ",linkedin\n" });
    }
}

fn pick_channel(kind: TieKind, one_way: bool, rng: &mut Rng) -> &'static str {
    if one_way {
        return if rng.chance(0.7) { "email" } else { "message" };
    }
    let roll = rng.unit();
    let table: &[(f64, &'static str)] = match kind {
        TieKind::Team => &[
            (0.30, "meeting"),
            (0.50, "video"),
            (0.60, "call"),
            (0.85, "message"),
            (1.0, "email"),
        ],
        TieKind::Company => &[
            (0.40, "email"),
            (0.65, "meeting"),
            (0.85, "message"),
            (0.94, "video"),
            (0.97, "intro"),
            (1.0, "recommendation"),
        ],
        TieKind::Acquaintance | TieKind::Broadcast => &[
            (0.35, "email"),
            (0.55, "message"),
            (0.70, "endorsement"),
            (0.85, "invitation"),
            (0.95, "meeting"),
            (1.0, "call"),
        ],
    };
    table
        .iter()
        .find(|(limit, _)| roll < *limit)
        .map_or("email", |(_, channel)| channel)
}

fn push_timestamp(text: &mut String, at: i64) {
    let (year, month, day, hour, minute, second) = civil_time(at);
    let _ = write!(
        text,
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"
    );
}

fn push_date(text: &mut String, at: i64) {
    let (year, month, day) = civil_from_days(at.div_euclid(SECONDS_PER_DAY));
    let _ = write!(text, "{year:04}-{month:02}-{day:02}");
}

pub(super) fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// A buffered output file that reports errors with its path.
struct Output {
    path: std::path::PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
}

fn create(path: &Path) -> Result<Output> {
    let file = std::fs::File::create(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Output {
        path: path.to_path_buf(),
        writer: std::io::BufWriter::with_capacity(1 << 20, file),
    })
}

impl Output {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_civil_dates_like_rfc_3339() {
        let mut text = String::new();
        push_timestamp(&mut text, AS_OF_SECS + 3_661);
        assert_eq!(text, "2026-11-20T01:01:01Z");
        text.clear();
        push_date(&mut text, 951_782_400);
        assert_eq!(text, "2000-02-29");
    }
}
