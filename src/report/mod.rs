//! Network-strength reports: "how strong is my network, really — and what
//! should I do about it?". [`build_report`] turns one person's ties in a
//! [`RelationshipGraph`] into a [`NetworkReport`] (quality vs quantity, the
//! engaged core, ties to re-engage, prune candidates, the noise of unanswered
//! contact, reach by company, brokers, activity over time);
//! [`build_team_report`] does the same headline for every owner and finds the
//! member with the strongest access into each company. [`write_report`]
//! renders either as a terminal table, JSON, CSV or a self-contained HTML page,
//! one file per format, into a writer it is given.
//!
//! Names and text from inputs are hostile: every renderer escapes for its
//! medium (see [`escape`]). This module never opens files, prints or exits.

mod csv;
pub mod escape;
mod html;
mod json;
pub use json::{JSON_DECIMALS, round_floats};
mod reach;
mod redact;
mod table;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::identity::PersonId;
use crate::ingest::Channel;
use crate::intro::{DEFAULT_MAX_HOPS, resolve_report_subject};
use crate::progress::Progress;
use crate::tie_strength::{Band, Model, Tie};
use crate::time::{self, DAYS_PER_YEAR, SECONDS_PER_DAY};

pub use reach::{Broker, CompanyAccess, CompanyReach, Reach};
pub use redact::{Pseudonyms, RedactionKey};
pub use table::{MAX_CELL_CHARS, TableLayout, write_table, write_table_painted};

/// Buckets of the strength distribution (each 0.1 wide).
const DISTRIBUTION_BUCKETS: usize = 10;

/// What a report shows and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// At most this many rows per list (core, re-engage, noise, reach); the
    /// prune list is never cut, so a user can work through all of it.
    pub top: usize,
    /// Paths into companies have at most this many edges.
    pub max_hops: usize,
    /// Replace names, emails and URLs with pseudonyms keyed by this key.
    pub redact: Option<RedactionKey>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            top: 10,
            max_hops: DEFAULT_MAX_HOPS,
            redact: None,
        }
    }
}

/// Output formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned text for a terminal.
    Table,
    /// Stable JSON.
    Json,
    /// CSV, one row per listed person, spreadsheet-safe.
    Csv,
    /// One self-contained HTML page with charts.
    Html,
}

/// A person as a report shows them (possibly pseudonymised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPerson {
    /// Stable id (or pseudonym).
    pub id: String,
    /// Display name (or pseudonym).
    pub name: String,
    /// Current company, if known.
    pub company: Option<String>,
}

/// A report: one person's, or a team's.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Report {
    /// One person's network.
    Person(Box<NetworkReport>),
    /// A team's pooled networks.
    Team(TeamReport),
}

/// How strong one person's network really is.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkReport {
    /// Whose network.
    pub person: ReportPerson,
    /// The date the strengths describe (YYYY-MM-DD).
    pub as_of: String,
    /// What to do first, from the sections below (see [`NextAction`]).
    pub next_actions: Vec<NextAction>,
    /// Counts per band and the strength distribution.
    pub quality: Quality,
    /// The strongest current ties, with their evidence.
    pub engaged_core: Vec<TieEntry>,
    /// Ties that were strong and have faded, most valuable first.
    pub re_engage: Vec<TieEntry>,
    /// Connections that are not relationships, most confidently prunable first.
    pub prune: Vec<PruneCandidate>,
    /// Contact received from people never answered.
    pub noise: Noise,
    /// Companies the network reaches.
    pub reach: Reach,
    /// People who are the only strong bridge into a company or a cluster.
    pub brokers: Vec<Broker>,
    /// Connections added and interactions, per year.
    pub timeline: Vec<YearActivity>,
}

/// Quality against quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    /// All connections (ties of any band).
    pub connections: usize,
    /// Strong and medium ties: genuine relationships today.
    pub genuine: usize,
    /// One honest sentence.
    pub headline: String,
    /// Connections per band, strongest band first.
    pub bands: Vec<BandCount>,
    /// Connections per strength bucket, from `[0, 0.1)` to `[0.9, 1]`.
    pub distribution: Vec<StrengthBucket>,
}

/// Connections in one band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BandCount {
    /// The band.
    pub band: Band,
    /// How many connections.
    pub count: usize,
}

/// Connections whose strength is in `[from, to)` (the last bucket includes 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StrengthBucket {
    /// Lower bound.
    pub from: f64,
    /// Upper bound.
    pub to: f64,
    /// How many connections.
    pub count: usize,
    /// True when strengths from `from` up are genuine (medium or above).
    pub genuine: bool,
}

/// One tie as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieEntry {
    /// The other person.
    pub person: ReportPerson,
    /// Strength today.
    pub strength: f64,
    /// Band today.
    pub band: Band,
    /// Strength at the last contact.
    pub peak: f64,
    /// First contact or declared start (YYYY-MM-DD).
    pub first_contact: Option<String>,
    /// Last interaction (YYYY-MM-DD).
    pub last_contact: Option<String>,
    /// Days from the last interaction to the as-of date.
    pub days_since_contact: Option<i64>,
    /// Interactions in all.
    pub interactions: u32,
    /// The evidence, in words.
    pub evidence: String,
}

/// Why a connection is a prune candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PruneReason {
    /// Connected, never met or spoke.
    NeverInteracted,
    /// An invitation was the only contact, before or since.
    InvitationOnly,
    /// They wrote; they were never answered.
    TheyWroteNeverAnswered,
    /// You wrote; you were never answered.
    YouWroteNeverAnswered,
}

/// A connection that is not a relationship.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PruneCandidate {
    /// The other person.
    pub person: ReportPerson,
    /// Why.
    pub reason: PruneReason,
    /// The reason in words, e.g. "never met or spoke; connected in 2019 (7 years ago)".
    pub detail: String,
    /// How confidently the connection can go, in [0, 1].
    pub confidence: f64,
    /// Strength today.
    pub strength: f64,
    /// First contact or declared start (YYYY-MM-DD).
    pub connected_since: Option<String>,
    /// Last interaction (YYYY-MM-DD).
    pub last_contact: Option<String>,
    /// Companies this connection is your only route into (by any path,
    /// however weak): pruning them would lose the way in. Empty for most.
    pub only_route_into: Vec<String>,
}

impl PruneCandidate {
    /// The reason in words, with the warning when they are your only route
    /// into a company.
    #[must_use]
    pub fn detail_with_routes(&self) -> String {
        if self.only_route_into.is_empty() {
            self.detail.clone()
        } else {
            format!(
                "{}; but your only route into {}: keep for that",
                self.detail,
                self.only_route_into.join(", ")
            )
        }
    }
}

/// What to do first, as the report's opening lines: re-engage the
/// strongest fading ties, ask for introductions into the companies reached
/// genuinely, prune what is no relationship, and keep the connections that
/// are no relationship but the only route into a company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextAction {
    /// `re_engage`, `ask`, `prune` or `keep`.
    pub kind: NextActionKind,
    /// The action in words.
    pub text: String,
    /// The people it names, in the order it names them.
    pub people: Vec<ReportPerson>,
    /// The company an `ask` or `keep` is about.
    pub company: Option<String>,
}

/// The kinds of [`NextAction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextActionKind {
    /// Re-engage the strongest fading ties this week.
    ReEngage,
    /// Ask an introducer for an introduction into a company.
    Ask,
    /// Prune connections that are no relationship.
    Prune,
    /// Keep a prune candidate: the only route into a company.
    Keep,
}

impl NextActionKind {
    /// The word outputs use.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::ReEngage => "re_engage",
            Self::Ask => "ask",
            Self::Prune => "prune",
            Self::Keep => "keep",
        }
    }
}

/// The noise weak connections bring: messages from people never answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Noise {
    /// Written contact received in all (messages, emails, invitations…).
    pub received: u32,
    /// Of those, messages from people never answered.
    pub unanswered: u32,
    /// How many people sent them.
    pub senders: usize,
    /// The loudest senders, most messages first.
    pub top_senders: Vec<NoiseSender>,
}

/// One person who writes and is never answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoiseSender {
    /// Who.
    pub person: ReportPerson,
    /// Messages received from them.
    pub messages: u32,
    /// The latest (YYYY-MM-DD).
    pub last_contact: Option<String>,
}

/// Activity in one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearActivity {
    /// The year.
    pub year: i32,
    /// Connections whose first contact (or declared start) is in the year.
    pub connections_added: usize,
    /// Of those, how many are genuine relationships today.
    pub still_genuine: usize,
    /// Interactions with any connection in the year.
    pub interactions: u32,
}

/// Every member's headline and the best access into each company.
#[derive(Debug, Clone, Serialize)]
pub struct TeamReport {
    /// The date the strengths describe (YYYY-MM-DD).
    pub as_of: String,
    /// One headline per member.
    pub members: Vec<MemberSummary>,
    /// Per company, the member with the strongest access, best access first.
    pub companies: Vec<CompanyAccess>,
}

/// One member's headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberSummary {
    /// The member.
    pub member: ReportPerson,
    /// Counts per band and distribution.
    pub quality: Quality,
}

/// Whose network a report describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOf<'a> {
    /// One person (`--for`): an id, email, profile URL or name, or the
    /// data's single owner when `None`.
    Person(Option<&'a str>),
    /// Every owner of the data (`--team`).
    Team,
}

/// Builds the report `of` asks for: resolves whose network it is, then
/// builds [`build_report`] or [`build_team_report`].
///
/// # Errors
///
/// A team report of data that names no owner, a person who cannot be
/// resolved, or what the builders return.
pub fn report(
    graph: &RelationshipGraph,
    model: &Model,
    of: ReportOf<'_>,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> Result<Report> {
    match of {
        ReportOf::Team => {
            if graph.owners().is_empty() {
                return Err(Error::Usage(
                    "--team needs the data to name its owners (a warmpath.toml with `owner`); use --for WHO instead".to_owned(),
                ));
            }
            Ok(Report::Team(build_team_report(
                graph, model, options, progress,
            )?))
        }
        ReportOf::Person(query) => {
            let person = resolve_report_subject(graph, query)?;
            Ok(Report::Person(Box::new(build_report(
                graph, model, person, options, progress,
            )?)))
        }
    }
}

/// Builds the report of `person`'s network.
///
/// Reach by company runs one hop-bounded introducer search per company, in
/// parallel, reporting each company done to `progress`. Cost: linear in the
/// person's ties plus one bounded search per company.
///
/// # Errors
///
/// A damaged block of a snapshot's tie details ([`crate::Error::Snapshot`]).
pub fn build_report(
    graph: &RelationshipGraph,
    model: &Model,
    person: PersonId,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> Result<NetworkReport> {
    let names = Pseudonyms::new(graph, options.redact);
    let own_ties = decode_ties_of(graph, person)?;
    let ties = ties_of(&own_ties, person);
    let as_of = as_of_seconds(graph);
    let reach = reach::reach_by_company(graph, model, person, options, &names, progress);
    let brokers = reach::brokers(graph, model, person, &reach.sole_bridges, &names);
    let mut only_routes: HashMap<PersonId, Vec<String>> = HashMap::new();
    for (introducer, company) in reach.only_routes {
        only_routes.entry(introducer).or_default().push(company);
    }
    for companies in only_routes.values_mut() {
        companies.sort();
    }
    let mut reach = reach.reach;
    reach.genuine.truncate(options.top);
    reach.weak_only.truncate(options.top);
    let re_engage = re_engage(graph, &ties, model, &names, as_of, options.top);
    let prune = prune_candidates(graph, &ties, &names, as_of, &only_routes);
    Ok(NetworkReport {
        person: names.person(graph, person),
        as_of: graph.as_of().to_string(),
        next_actions: next_actions(&re_engage, &reach, &prune),
        quality: quality(&ties, model),
        engaged_core: engaged_core(graph, &ties, &names, as_of, options.top),
        re_engage,
        prune,
        noise: noise(graph, &ties, &names, options.top),
        reach,
        brokers,
        timeline: timeline(&ties, model),
    })
}

/// Builds the team report: a headline per owner of the data, and per company
/// the member with the strongest access. Companies are searched in parallel.
///
/// # Errors
///
/// A damaged block of a snapshot's tie details ([`crate::Error::Snapshot`]).
pub fn build_team_report(
    graph: &RelationshipGraph,
    model: &Model,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> Result<TeamReport> {
    let names = Pseudonyms::new(graph, options.redact);
    let mut members = Vec::with_capacity(graph.owners().len());
    for member in graph.owners() {
        let own_ties = decode_ties_of(graph, *member)?;
        members.push(MemberSummary {
            member: names.person(graph, *member),
            quality: quality(&ties_of(&own_ties, *member), model),
        });
    }
    Ok(TeamReport {
        as_of: graph.as_of().to_string(),
        members,
        companies: reach::team_access(graph, model, options, &names, progress),
    })
}

/// Writes `report` in `format`.
pub fn write_report(
    report: &Report,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Table => table::write(report, out),
        ReportFormat::Json => json::write(report, out),
        ReportFormat::Csv => csv::write(report, out),
        ReportFormat::Html => html::write(report, out),
    }
}

/// One tie seen from the report's person.
#[derive(Clone, Copy)]
struct OwnTie<'a> {
    other: PersonId,
    tie: &'a Tie,
    /// Written contact from the person to the other.
    sent: u32,
    /// Written contact from the other to the person.
    received: u32,
}

/// `person`'s ties, decoded one by one: a report reads only the ties of the
/// people it describes, however large the network (on a snapshot, only
/// their blocks are read).
fn decode_ties_of(graph: &RelationshipGraph, person: PersonId) -> Result<Vec<Tie>> {
    let (neighbours, _) = graph.neighbors(person);
    let mut ties = Vec::with_capacity(neighbours.len());
    for &other in neighbours {
        if let Some(tie) = graph.tie_detail(person, PersonId(other))? {
            ties.push(tie.into_owned());
        }
    }
    Ok(ties)
}

/// `person`'s decoded ties seen from them.
fn ties_of(ties: &[Tie], person: PersonId) -> Vec<OwnTie<'_>> {
    ties.iter()
        .map(|tie| {
            let (other, sent, received) = if tie.a == person {
                (tie.b, tie.evidence.a_to_b, tie.evidence.b_to_a)
            } else {
                (tie.a, tie.evidence.b_to_a, tie.evidence.a_to_b)
            };
            OwnTie {
                other,
                tie,
                sent,
                received,
            }
        })
        .collect()
}

fn as_of_seconds(graph: &RelationshipGraph) -> i64 {
    time::end_of_day(graph.as_of())
}

fn is_genuine(tie: &Tie, model: &Model) -> bool {
    tie.strength.strength >= model.bands.medium
        && matches!(tie.strength.band, Band::Strong | Band::Medium)
}

fn quality(ties: &[OwnTie], model: &Model) -> Quality {
    let connections = ties.len();
    let genuine = ties.iter().filter(|own| is_genuine(own.tie, model)).count();
    let bands = Band::ALL
        .iter()
        .map(|band| BandCount {
            band: *band,
            count: ties
                .iter()
                .filter(|own| own.tie.strength.band == *band)
                .count(),
        })
        .collect();
    let mut counts = [0_usize; DISTRIBUTION_BUCKETS];
    for own in ties {
        let bucket = (own.tie.strength.strength * DISTRIBUTION_BUCKETS as f64).floor() as usize;
        counts[bucket.min(DISTRIBUTION_BUCKETS - 1)] += 1;
    }
    let distribution = counts
        .iter()
        .enumerate()
        .map(|(index, count)| StrengthBucket {
            from: index as f64 / DISTRIBUTION_BUCKETS as f64,
            to: (index + 1) as f64 / DISTRIBUTION_BUCKETS as f64,
            count: *count,
            genuine: index as f64 / DISTRIBUTION_BUCKETS as f64 >= model.bands.medium,
        })
        .collect();
    let never = ties
        .iter()
        .filter(|own| own.tie.evidence.interactions() == 0)
        .count();
    let mut headline = format!(
        "{genuine} of {connections} {} genuine {}",
        if connections == 1 {
            "connection is a"
        } else {
            "connections are"
        },
        if connections == 1 {
            "relationship"
        } else {
            "relationships"
        },
    );
    if never > 0 {
        let _ = write!(headline, "; {never} you have never met or spoken to");
    }
    headline.push('.');
    Quality {
        connections,
        genuine,
        headline,
        bands,
        distribution,
    }
}

fn date_text(seconds: Option<i64>) -> Option<String> {
    seconds.and_then(time::date_text)
}

fn year_of(seconds: i64) -> Option<i32> {
    time::utc_date(seconds).map(|date| i32::from(date.year()))
}

fn tie_entry(graph: &RelationshipGraph, own: &OwnTie, names: &Pseudonyms, as_of: i64) -> TieEntry {
    let evidence = &own.tie.evidence;
    TieEntry {
        person: names.person(graph, own.other),
        strength: own.tie.strength.strength,
        band: own.tie.strength.band,
        peak: own.tie.strength.peak,
        first_contact: date_text(evidence.first_contact),
        last_contact: date_text(evidence.last_contact),
        days_since_contact: evidence
            .last_contact
            .map(|last| (as_of - last).max(0) / SECONDS_PER_DAY),
        interactions: evidence.interactions(),
        evidence: describe(evidence, names),
    }
}

/// The evidence in words; a declaration's free-text source may name people,
/// so it is withheld when redacting.
fn describe(evidence: &crate::tie_strength::EvidenceSummary, names: &Pseudonyms) -> String {
    match &evidence.declared {
        Some(declared) if names.redacts() => {
            let mut withheld = evidence.clone();
            withheld.declared = Some(crate::tie_strength::Declared {
                source: "source withheld".into(),
                ..declared.clone()
            });
            withheld.describe()
        }
        _ => evidence.describe(),
    }
}

/// Orders by a score (descending), then by the person's stable id.
fn by_score_then_id<'a>(
    graph: &'a RelationshipGraph,
    score: impl Fn(&OwnTie) -> f64 + 'a,
) -> impl FnMut(&OwnTie, &OwnTie) -> std::cmp::Ordering + 'a {
    move |x, y| {
        score(y).total_cmp(&score(x)).then_with(|| {
            graph
                .person(x.other)
                .stable_id()
                .cmp(graph.person(y.other).stable_id())
        })
    }
}

fn engaged_core(
    graph: &RelationshipGraph,
    ties: &[OwnTie],
    names: &Pseudonyms,
    as_of: i64,
    top: usize,
) -> Vec<TieEntry> {
    let mut core: Vec<OwnTie> = ties
        .iter()
        .filter(|own| matches!(own.tie.strength.band, Band::Strong | Band::Medium))
        .copied()
        .collect();
    core.sort_by(by_score_then_id(graph, |own| own.tie.strength.strength));
    core.iter()
        .take(top)
        .map(|own| tie_entry(graph, own, names, as_of))
        .collect()
}

/// Ties that were strong and have faded: `dormant` ones, and ties that were
/// strong at their last contact, are only medium now, and have gone quiet for
/// at least one half-life of contact (a strong tie seen last week is not
/// fading, whatever its decay since). The most valuable (highest peak) first.
fn re_engage(
    graph: &RelationshipGraph,
    ties: &[OwnTie],
    model: &Model,
    names: &Pseudonyms,
    as_of: i64,
    top: usize,
) -> Vec<TieEntry> {
    let mut fading: Vec<OwnTie> = ties
        .iter()
        .filter(|own| {
            let strength = &own.tie.strength;
            let quiet_days = own
                .tie
                .evidence
                .last_contact
                .map_or(0.0, |last| (as_of - last) as f64 / SECONDS_PER_DAY as f64);
            strength.band == Band::Dormant
                || (strength.band == Band::Medium
                    && strength.peak >= model.bands.strong
                    && quiet_days >= strength.components.half_life_days)
        })
        .copied()
        .collect();
    fading.sort_by(by_score_then_id(graph, |own| own.tie.strength.peak));
    fading
        .iter()
        .take(top)
        .map(|own| tie_entry(graph, own, names, as_of))
        .collect()
}

fn years_between(from: i64, to: i64) -> f64 {
    ((to - from) as f64 / (SECONDS_PER_DAY as f64 * DAYS_PER_YEAR)).max(0.0)
}

fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Connections that are not relationships: never any interaction, only an
/// invitation, or contact that was never answered. Ties that are (or were)
/// real are never candidates. Ordered by confidence, then oldest first.
fn prune_candidates(
    graph: &RelationshipGraph,
    ties: &[OwnTie],
    names: &Pseudonyms,
    as_of: i64,
    only_routes: &HashMap<PersonId, Vec<String>>,
) -> Vec<PruneCandidate> {
    let mut candidates: Vec<(PruneCandidate, Option<i64>, &str)> = ties
        .iter()
        .filter(|own| matches!(own.tie.strength.band, Band::Weak | Band::Unknown))
        .filter_map(|own| {
            let evidence = &own.tie.evidence;
            let since = evidence.first_contact;
            let age = since.map_or(0.0, |since| years_between(since, as_of));
            let connected = since
                .and_then(year_of)
                .map(|year| {
                    let years = age.floor() as u64;
                    if years == 0 {
                        format!("connected in {year}")
                    } else {
                        format!("connected in {year} ({} ago)", plural(years, "year"))
                    }
                })
                .unwrap_or_default();
            let quiet_years = evidence
                .last_contact
                .map_or(age, |last| years_between(last, as_of));
            let (reason, detail, confidence) = if evidence.interactions() == 0 {
                (
                    PruneReason::NeverInteracted,
                    join_detail("never met or spoke", &connected),
                    0.9 + 0.1 * (age / 10.0).min(1.0),
                )
            } else if evidence.is_reciprocal() {
                return None;
            } else if evidence.count(Channel::Invitation) == evidence.interactions() {
                (
                    PruneReason::InvitationOnly,
                    join_detail(
                        "an accepted invitation, never met or spoke before or since",
                        &connected,
                    ),
                    0.85 + 0.1 * (quiet_years / 10.0).min(1.0),
                )
            } else if own.received > 0 {
                (
                    PruneReason::TheyWroteNeverAnswered,
                    format!("wrote to you {}, never answered", times(own.received)),
                    0.7 + 0.2 * (quiet_years / 3.0).min(1.0),
                )
            } else {
                (
                    PruneReason::YouWroteNeverAnswered,
                    format!("you wrote {}, never answered", times(own.sent)),
                    0.6 + 0.2 * (quiet_years / 3.0).min(1.0),
                )
            };
            Some((
                PruneCandidate {
                    person: names.person(graph, own.other),
                    reason,
                    detail,
                    confidence: (confidence * 100.0).round() / 100.0,
                    strength: own.tie.strength.strength,
                    connected_since: date_text(since),
                    last_contact: date_text(evidence.last_contact),
                    only_route_into: only_routes.get(&own.other).cloned().unwrap_or_default(),
                },
                since,
                graph.person(own.other).stable_id(),
            ))
        })
        .collect();
    candidates.sort_by(|(x, x_since, x_id), (y, y_since, y_id)| {
        y.confidence
            .total_cmp(&x.confidence)
            .then(
                x_since
                    .unwrap_or(i64::MAX)
                    .cmp(&y_since.unwrap_or(i64::MAX)),
            )
            .then(x_id.cmp(y_id))
    });
    candidates
        .into_iter()
        .map(|(candidate, _, _)| candidate)
        .collect()
}

/// Ties re-engaged, companies asked into, and prune candidates named by
/// the opening actions.
const NEXT_RE_ENGAGE: usize = 3;
const NEXT_ASK: usize = 3;
const NEXT_PRUNE: usize = 5;

/// The report's opening actions, from its own sections so that they agree:
/// the strongest fading ties (highest former strength first), the best
/// genuine introducer into each of the best-reached companies, the most
/// confident prune candidates that are nobody's only route, and one `keep`
/// per prune candidate who is the only route into a company.
fn next_actions(
    re_engage: &[TieEntry],
    reach: &Reach,
    prune: &[PruneCandidate],
) -> Vec<NextAction> {
    let mut actions = Vec::new();
    let faded = &re_engage[..re_engage.len().min(NEXT_RE_ENGAGE)];
    if !faded.is_empty() {
        let named: Vec<String> = faded
            .iter()
            .map(|entry| {
                let last = entry
                    .last_contact
                    .as_deref()
                    .map(|last| format!(", last spoke {last}"))
                    .unwrap_or_default();
                format!(
                    "{} ({:.2} → {:.2}{last})",
                    entry.person.name, entry.peak, entry.strength
                )
            })
            .collect();
        let these = match faded.len() {
            1 => "this tie",
            2 => "these two",
            _ => "these three",
        };
        actions.push(NextAction {
            kind: NextActionKind::ReEngage,
            text: format!("Re-engage {these} this week: {}", named.join("; ")),
            people: faded.iter().map(|entry| entry.person.clone()).collect(),
            company: None,
        });
    }
    for way_in in reach.genuine.iter().take(NEXT_ASK) {
        let text = if way_in.path.len() > 1 {
            format!(
                "Ask {} for an introduction into {} ({}, path strength {:.2})",
                way_in.introducer.name,
                way_in.company,
                path_text(&way_in.path),
                way_in.score
            )
        } else {
            format!(
                "Ask {}, who is at {}, to bring you in (tie {:.2})",
                way_in.introducer.name, way_in.company, way_in.score
            )
        };
        actions.push(NextAction {
            kind: NextActionKind::Ask,
            text,
            people: vec![way_in.introducer.clone()],
            company: Some(way_in.company.clone()),
        });
    }
    let prunable: Vec<&PruneCandidate> = prune
        .iter()
        .filter(|candidate| candidate.only_route_into.is_empty())
        .collect();
    if !prunable.is_empty() {
        let shown = &prunable[..prunable.len().min(NEXT_PRUNE)];
        let names: Vec<&str> = shown
            .iter()
            .map(|candidate| candidate.person.name.as_str())
            .collect();
        let more = match prunable.len() - shown.len() {
            0 => String::new(),
            more => format!(" and {more} more (see Prune candidates)"),
        };
        actions.push(NextAction {
            kind: NextActionKind::Prune,
            text: format!(
                "Prune {}: {}{more}",
                if prunable.len() == 1 {
                    "this connection"
                } else {
                    "these connections"
                },
                names.join(", ")
            ),
            people: shown
                .iter()
                .map(|candidate| candidate.person.clone())
                .collect(),
            company: None,
        });
    }
    for candidate in prune
        .iter()
        .filter(|candidate| !candidate.only_route_into.is_empty())
    {
        actions.push(NextAction {
            kind: NextActionKind::Keep,
            text: format!(
                "Keep {}: your only route into {}, though no relationship ({})",
                candidate.person.name,
                candidate.only_route_into.join(", "),
                candidate.detail
            ),
            people: vec![candidate.person.clone()],
            company: candidate.only_route_into.first().cloned(),
        });
    }
    actions
}

fn times(count: u32) -> String {
    match count {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        _ => format!("{count} times"),
    }
}

fn join_detail(what: &str, connected: &str) -> String {
    if connected.is_empty() {
        what.to_owned()
    } else {
        format!("{what}; {connected}")
    }
}

/// Messages (not invitations or endorsements) received from people who were
/// never answered: the noise weak connections bring.
fn noise(graph: &RelationshipGraph, ties: &[OwnTie], names: &Pseudonyms, top: usize) -> Noise {
    let received = ties.iter().map(|own| own.received).sum();
    // With nothing sent and nothing mutual, every interaction came from them.
    let messages = |own: &OwnTie| {
        let evidence = &own.tie.evidence;
        if own.sent > 0 || evidence.mutual > 0 {
            0
        } else {
            evidence.interactions()
                - evidence.count(Channel::Invitation)
                - evidence.count(Channel::Endorsement)
        }
    };
    let mut loud: Vec<(OwnTie, u32)> = ties
        .iter()
        .map(|own| (*own, messages(own)))
        .filter(|(_, messages)| *messages > 0)
        .collect();
    let unanswered = loud.iter().map(|(_, messages)| messages).sum();
    let senders = loud.len();
    loud.sort_by(|(x, x_messages), (y, y_messages)| {
        y_messages.cmp(x_messages).then_with(|| {
            graph
                .person(x.other)
                .stable_id()
                .cmp(graph.person(y.other).stable_id())
        })
    });
    Noise {
        received,
        unanswered,
        senders,
        top_senders: loud
            .iter()
            .take(top)
            .map(|(own, messages)| NoiseSender {
                person: names.person(graph, own.other),
                messages: *messages,
                last_contact: date_text(own.tie.evidence.last_contact),
            })
            .collect(),
    }
}

/// Connections added per year (by first contact or declared start) against
/// interactions per year, every year from the first to the last.
fn timeline(ties: &[OwnTie], model: &Model) -> Vec<YearActivity> {
    let mut added: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    let mut interactions: BTreeMap<i32, u32> = BTreeMap::new();
    for own in ties {
        if let Some(year) = own.tie.evidence.first_contact.and_then(year_of) {
            let slot = added.entry(year).or_default();
            slot.0 += 1;
            slot.1 += usize::from(is_genuine(own.tie, model));
        }
        for (year, count) in &own.tie.evidence.by_year {
            *interactions.entry(*year).or_default() += count;
        }
    }
    let years = || added.keys().chain(interactions.keys()).copied();
    let (Some(first), Some(last)) = (years().min(), years().max()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| {
            let (connections_added, still_genuine) = added.get(&year).copied().unwrap_or_default();
            YearActivity {
                year,
                connections_added,
                still_genuine,
                interactions: interactions.get(&year).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// How long ago, in words: "12 days", "5 months", "3 years".
#[must_use]
pub fn ago(days: i64) -> String {
    let days = days.max(0);
    if days < 60 {
        plural(days as u64, "day")
    } else if days < 730 {
        plural((days as f64 / 30.44).round() as u64, "month")
    } else {
        plural((days as f64 / DAYS_PER_YEAR).floor() as u64, "year")
    }
}

/// A path as names: "Priya Raman → Dana Whitfield".
fn path_text(path: &[ReportPerson]) -> String {
    path.iter()
        .map(|person| person.name.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The one-line reach summary.
fn reach_summary(reach: &Reach) -> String {
    format!(
        "Genuine access into {} of {} companies; {} reached only through weak ties; {} out of reach.",
        reach.genuine_total, reach.companies, reach.weak_only_total, reach.unreached
    )
}

/// The one-line noise summary.
fn noise_summary(noise: &Noise) -> String {
    let people = if noise.senders == 1 {
        "1 person".to_owned()
    } else {
        format!("{} people", noise.senders)
    };
    if noise.unanswered == 0 {
        format!(
            "No messages from people you never answered ({} written contacts received in all).",
            noise.received
        )
    } else {
        format!(
            "{} came from {people} you never answered ({} written contacts received in all).",
            plural(u64::from(noise.unanswered), "message"),
            noise.received,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ago_reads_in_days_months_then_years() {
        assert_eq!(ago(1), "1 day");
        assert_eq!(ago(45), "45 days");
        assert_eq!(ago(200), "7 months");
        assert_eq!(ago(3 * 365 + 10), "3 years");
    }
}
