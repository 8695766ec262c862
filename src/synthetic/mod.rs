//! Seeded synthetic networks for benchmarks and tests: people grouped into
//! companies and teams, ties whose number per person is heavy-tailed, a few
//! super-connectors with huge weak networks, and per-tie histories (channels,
//! directions, time spans, never-spoken connections, one-way contacts).
//!
//! The same `(people, seed, ties_per_person)` always gives byte-identical
//! files, whatever the number of threads: every person and every tie draws
//! from its own generator seeded by the global seed and its index. Nothing
//! here reads the real pipeline's records; the writers emit the files the
//! parsers read, so the whole pipeline is exercised.

mod generic;
mod linkedin;
mod rng;

use rayon::prelude::*;

pub use generic::{write_generic_dataset, write_ties_only};
pub use linkedin::write_linkedin_exports;

use crate::progress::Progress;
use rng::Rng;

/// The as-of date written into every generated manifest.
pub const SYNTHETIC_AS_OF: &str = "2026-11-20";

/// The as-of date as unix seconds (midnight UTC).
const AS_OF_SECS: i64 = 1_795_132_800;

/// Default mean number of ties each person starts (the mean degree is twice this).
pub const DEFAULT_TIES_PER_PERSON: f64 = 27.5;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SyntheticConfig {
    /// Number of people.
    pub people: u32,
    /// The seed; the same seed gives the same network.
    pub seed: u64,
    /// Mean number of ties each person starts.
    pub ties_per_person: f64,
}

impl SyntheticConfig {
    /// A configuration with the default tie density.
    #[must_use]
    pub fn new(people: u32, seed: u64) -> Self {
        Self {
            people,
            seed,
            ties_per_person: DEFAULT_TIES_PER_PERSON,
        }
    }
}

/// Why two people are tied, which shapes the tie's history and strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TieKind {
    /// Same team: frequent meetings, calls and messages.
    Team,
    /// Same company: occasional meetings and email.
    Company,
    /// Someone from a nearby company: light contact, often never spoken or one way.
    Acquaintance,
    /// A super-connector's weak tie: a declared connection, endorsements at most.
    Broadcast,
}

/// One generated tie, `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticTie {
    /// The smaller person index.
    pub a: u32,
    /// The larger person index.
    pub b: u32,
    /// Why they are tied.
    pub kind: TieKind,
    /// The strength a peer library loads (`--ties-only`).
    pub strength: f32,
}

/// A company: a contiguous range of person indexes.
#[derive(Debug, Clone, Copy)]
struct Company {
    start: u32,
    end: u32,
}

/// The generated people and ties.
#[derive(Debug)]
pub struct SyntheticNetwork {
    /// The configuration that made it.
    pub config: SyntheticConfig,
    companies: Vec<Company>,
    /// Ties sorted by `(a, b)`, without duplicates.
    pub ties: Vec<SyntheticTie>,
    /// The super-connectors' indexes.
    pub super_connectors: Vec<u32>,
}

/// Team size: people `[k × TEAM, (k + 1) × TEAM)` of a company share a team.
const TEAM_SIZE: u32 = 8;

/// People generated per parallel task.
const CHUNK: u32 = 16_384;

impl SyntheticNetwork {
    /// Generates the network described by `config`.
    ///
    /// Complexity: O(T log T) for T ties (one parallel sort); memory 16 bytes
    /// per tie.
    #[must_use]
    pub fn generate(config: &SyntheticConfig, progress: &dyn Progress) -> Self {
        let people = config.people.max(2);
        let companies = companies(people, config.seed);
        let company_of = company_index(&companies, people);
        let super_connectors: Vec<u32> = {
            let count = (people / 100_000).clamp(2, 50).min(people / 2);
            let mut rng = Rng::new(config.seed, u64::MAX, 1);
            let mut chosen: Vec<u32> = (0..count)
                .map(|_| 1 + rng.below(u64::from(people - 1)) as u32)
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            chosen
        };
        progress.stage("generating ties", Some(u64::from(people)));
        let chunks: Vec<u32> = (0..people.div_ceil(CHUNK)).collect();
        let mut ties: Vec<SyntheticTie> = chunks
            .par_iter()
            .flat_map_iter(|&chunk| {
                let start = chunk * CHUNK;
                let end = (start + CHUNK).min(people);
                let mut out = Vec::new();
                for person in start..end {
                    person_ties(config, person, &companies, &company_of, &mut out);
                }
                for &hub in &super_connectors {
                    if (start..end).contains(&hub) {
                        broadcast_ties(config, hub, &mut out);
                    }
                }
                progress.advance(u64::from(end - start));
                out
            })
            .collect();
        progress.finish_stage();
        progress.stage("sorting ties", None);
        ties.par_sort_unstable_by_key(|tie| (tie.a, tie.b, tie.kind));
        ties.dedup_by_key(|tie| (tie.a, tie.b));
        progress.finish_stage();
        Self {
            config: config.clone(),
            companies,
            ties,
            super_connectors,
        }
    }

    /// Number of people.
    #[must_use]
    pub fn people(&self) -> u32 {
        self.config.people.max(2)
    }

    /// The team of `person`: `[start, end)` person indexes.
    fn team_of(&self, person: u32) -> (u32, u32) {
        let company = self.companies[self.company_of(person)];
        let start = company.start + (person - company.start) / TEAM_SIZE * TEAM_SIZE;
        (start, (start + TEAM_SIZE).min(company.end))
    }

    /// The company of `person`: `[start, end)` person indexes.
    fn company_range(&self, person: u32) -> (u32, u32) {
        let company = self.companies[self.company_of(person)];
        (company.start, company.end)
    }

    /// The company index of `person`.
    fn company_of(&self, person: u32) -> usize {
        self.companies
            .partition_point(|company| company.end <= person)
            .min(self.companies.len() - 1)
    }
}

/// Company sizes follow a Pareto law (many small firms, a few giants).
fn companies(people: u32, seed: u64) -> Vec<Company> {
    let mut rng = Rng::new(seed, u64::MAX - 1, 2);
    let largest = (people / 20).max(10);
    let mut companies = Vec::new();
    let mut start = 0;
    while start < people {
        let size = (rng.pareto(6.0, 1.2) as u32).clamp(3, largest);
        let end = (start + size).min(people);
        companies.push(Company { start, end });
        start = end;
    }
    companies
}

/// For every person, the index of their company (4 bytes per person).
fn company_index(companies: &[Company], people: u32) -> Vec<u32> {
    let mut index = Vec::with_capacity(people as usize);
    for (position, company) in companies.iter().enumerate() {
        index.extend(std::iter::repeat_n(
            position as u32,
            (company.end - company.start) as usize,
        ));
    }
    index
}

fn push_tie(out: &mut Vec<SyntheticTie>, x: u32, y: u32, kind: TieKind, rng: &mut Rng) {
    if x == y {
        return;
    }
    let (low, high) = match kind {
        TieKind::Team => (0.45, 0.95),
        TieKind::Company => (0.15, 0.6),
        TieKind::Acquaintance => (0.02, 0.3),
        TieKind::Broadcast => (0.01, 0.12),
    };
    let strength = (low + (high - low) * rng.unit()) as f32;
    out.push(SyntheticTie {
        a: x.min(y),
        b: x.max(y),
        kind,
        strength: (strength * 1000.0).round() / 1000.0,
    });
}

/// The ties one person starts: a heavy-tailed count, mostly inside their
/// team and company, the rest with people of nearby companies.
fn person_ties(
    config: &SyntheticConfig,
    person: u32,
    companies: &[Company],
    company_of: &[u32],
    out: &mut Vec<SyntheticTie>,
) {
    let people = config.people.max(2);
    let mut rng = Rng::new(config.seed, u64::from(person), 3);
    let mean = config.ties_per_person.max(0.5);
    // Pareto with shape 2.5 has mean 5/3 × its minimum.
    let count = (rng.pareto(mean * 0.6, 2.5) as u32).min(people / 4 + 1);
    let company = companies[company_of[person as usize] as usize];
    let team_start = company.start + (person - company.start) / TEAM_SIZE * TEAM_SIZE;
    let team_end = (team_start + TEAM_SIZE).min(company.end);
    let in_team = (count / 8).min(team_end - team_start - 1);
    for _ in 0..in_team {
        let other = team_start + rng.below(u64::from(team_end - team_start)) as u32;
        push_tie(out, person, other, TieKind::Team, &mut rng);
    }
    let size = company.end - company.start;
    let in_company = if size > TEAM_SIZE {
        (count * 3 / 10).min(size - 1)
    } else {
        0
    };
    for _ in 0..in_company {
        let other = company.start + rng.below(u64::from(size)) as u32;
        push_tie(out, person, other, TieKind::Company, &mut rng);
    }
    let outside = count.saturating_sub(in_team + in_company);
    for _ in 0..outside {
        // Nearby companies (an industry, a city): a window around one's own,
        // with an occasional long-range tie.
        let other = if rng.unit() < 0.1 {
            rng.below(u64::from(people)) as u32
        } else {
            let window = 200_000_u64.min(u64::from(people));
            let offset = rng.below(window).cast_signed() - (window / 2).cast_signed();
            (i64::from(person) + offset).rem_euclid(i64::from(people)) as u32
        };
        push_tie(out, person, other, TieKind::Acquaintance, &mut rng);
    }
}

/// A super-connector's huge weak network: a share of everyone, at random.
fn broadcast_ties(config: &SyntheticConfig, hub: u32, out: &mut Vec<SyntheticTie>) {
    let people = config.people.max(2);
    let mut rng = Rng::new(config.seed, u64::from(hub), 4);
    let count = (people / 50).clamp(10, 100_000).min(people - 1);
    for _ in 0..count {
        let other = rng.below(u64::from(people)) as u32;
        push_tie(out, hub, other, TieKind::Broadcast, &mut rng);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    #[test]
    fn same_seed_gives_the_same_network_and_another_seed_does_not() {
        let config = SyntheticConfig::new(3_000, 7);
        let one = SyntheticNetwork::generate(&config, &NoProgress);
        let two = SyntheticNetwork::generate(&config, &NoProgress);
        assert_eq!(one.ties, two.ties);
        let other = SyntheticNetwork::generate(&SyntheticConfig::new(3_000, 8), &NoProgress);
        assert_ne!(one.ties, other.ties);
    }

    #[test]
    fn degree_is_heavy_tailed_with_super_connectors() {
        let config = SyntheticConfig::new(20_000, 1);
        let network = SyntheticNetwork::generate(&config, &NoProgress);
        let mut degree = vec![0_u32; 20_000];
        for tie in &network.ties {
            assert!(tie.a < tie.b);
            degree[tie.a as usize] += 1;
            degree[tie.b as usize] += 1;
        }
        let mean = 2.0 * network.ties.len() as f64 / 20_000.0;
        assert!((30.0..70.0).contains(&mean), "mean degree {mean}");
        let max = degree.iter().copied().max().unwrap_or(0);
        assert!(f64::from(max) > 5.0 * mean, "max degree {max}");
        for hub in &network.super_connectors {
            assert!(degree[*hub as usize] >= 300);
        }
    }
}
