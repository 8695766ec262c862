//! Evaluation against ground truth: a file of pairs known to be real
//! relationships (a survey, an org chart, Facebook friendships, households,
//! one's own closest contacts) against every pair with interaction evidence.
//! Resolves the file's references like any other reference, scores the ties
//! once as of the end of the data, and measures how well the strength — and,
//! beside it, each single signal — ranks the real relationships above the
//! rest, and how precise the bands are. It never prints.
//!
//! **Candidates** are the pairs with at least one interaction whose people
//! are in the truth's population: both named in the truth file
//! ([`TruthPopulation::Both`], the default: a survey speaks only about its
//! respondents) or at least one ([`TruthPopulation::Any`]). A candidate is
//! **positive** when the file says the pair is related: listed (without a
//! label or with label 1), or — in the membership form — sharing a group.
//! Real relationships without any interaction cannot be ranked; they are
//! counted apart.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{ScoreResult, rank_scores};
use crate::error::{Error, Result};
use crate::identity::{PersonId, Resolution, ResolvedDataset};
use crate::ingest::{
    IngestSummary, Origin, PersonRef, SkipReason, TruthFile, TruthMember, TruthPair, TruthRows,
};
use crate::tie_strength::{Band, Model, collect_pair_events, score_ties};

/// Which pairs a truth file speaks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TruthPopulation {
    /// Pairs whose two people are both named in the truth file.
    Both,
    /// Pairs with at least one person named in the truth file.
    Any,
}

impl TruthPopulation {
    /// The name used on the command line and in JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Both => "both",
            Self::Any => "any",
        }
    }
}

/// What a ground-truth evaluation needs besides the data and the truth.
#[derive(Debug, Clone)]
pub struct TruthOptions {
    /// The model under test.
    pub model: Model,
    /// Which pairs are candidates.
    pub population: TruthPopulation,
    /// The cut-offs of precision at k.
    pub ks: Vec<usize>,
}

/// What the truth file held, once its references were resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthAccount {
    /// `pairs` or `membership`.
    pub form: &'static str,
    /// The header line's text, if the file had one.
    pub header: Option<String>,
    /// Data rows read (comments and header excluded).
    pub rows_read: u64,
    /// Rows used.
    pub rows_used: u64,
    /// Rows skipped (by reason in the summary).
    pub rows_skipped: u64,
    /// Distinct people the file names who are in the data: the population.
    pub people: usize,
    /// Distinct references that name nobody in the data.
    pub unknown_people: usize,
    /// The first few of them, in file order.
    pub unknown_examples: Vec<String>,
    /// Used rows naming at least one of them (their pairs have no evidence).
    pub rows_with_unknown_people: usize,
    /// Distinct references that name several people (their rows are skipped).
    pub ambiguous_people: usize,
    /// Groups (membership form; 0 for pairs).
    pub groups: usize,
    /// Distinct related pairs between people in the data.
    pub related_pairs: u64,
    /// Distinct pairs labelled 0 (not related) between people in the data.
    pub unrelated_pairs: u64,
    /// Pairs labelled both 1 and 0; they count as related.
    pub conflicting_pairs: usize,
}

/// How precise one band (or `genuine`, medium or above) is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandPrecision {
    /// `genuine`, `strong`, `medium`, `weak`, `dormant` or `unknown`.
    pub band: &'static str,
    /// Candidates in the band.
    pub pairs: usize,
    /// Of them, real relationships.
    pub related: usize,
    /// `related / pairs`; `None` when the band is empty.
    pub precision: Option<f64>,
    /// `related / positives`: the share of the candidates' real relationships in the band.
    pub recall: f64,
}

/// The result of a ground-truth evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthEvaluation {
    /// People in the data.
    pub people: usize,
    /// Interactions in the data.
    pub interactions: usize,
    /// First interaction (unix seconds).
    pub first: i64,
    /// Last interaction (unix seconds).
    pub last: i64,
    /// The as-of instant of the scores (unix seconds, exclusive).
    pub as_of: i64,
    /// The truth file's account.
    pub truth: TruthAccount,
    /// Which pairs are candidates.
    pub population: TruthPopulation,
    /// Pairs with any interaction before the as-of instant, in all.
    pub pairs_with_interaction: usize,
    /// Of them, pairs in the population.
    pub candidates: usize,
    /// Candidates that are real relationships.
    pub positives: usize,
    /// Candidates that are not.
    pub negatives: usize,
    /// `positives / candidates`: the precision of picking pairs at random.
    pub base_rate: f64,
    /// Related pairs in the truth with no interaction at all (not ranked).
    pub related_without_interaction: u64,
    /// The model's strength first, then the baselines.
    pub scores: Vec<ScoreResult>,
    /// `genuine` first, then every band.
    pub bands: Vec<BandPrecision>,
}

/// How many unknown references are listed by name.
const MAX_UNKNOWN_EXAMPLES: usize = 10;

const SECONDS_PER_DAY: i64 = 86_400;

/// Evaluates `options.model` on `resolved` against `truth`.
///
/// Scores every tie with [`score_ties`] as of the data's own as-of date
/// (`warmpath.toml`) when it has one, else just after its last interaction;
/// then compares the strength with five baselines on the same candidates:
/// the number of interactions, the time spent together, the number of
/// distinct days in touch, the attention share (interactions / √(each
/// side's total interactions, over every pair)) and the reach (sum of the
/// two people's numbers of ties). Baselines read the pair events
/// ([`collect_pair_events`]): an e-mail to several people is one
/// interaction for each recipient pair, and time together is shared out by
/// group dilution as the model shares it.
///
/// Rows the evaluation cannot use (an ambiguous reference, two references
/// to one person) move to skipped in `truth.summary`, which `--strict`
/// makes an error.
///
/// Complexity: that of [`score_ties`] plus O(C log C) for C candidates and
/// O(Σ group sizes²) to count the related pairs of a membership list.
pub fn evaluate_truth(
    resolved: &ResolvedDataset,
    truth: &mut TruthFile,
    options: &TruthOptions,
) -> Result<TruthEvaluation> {
    let interactions = &resolved.interactions;
    let (Some(first), Some(last)) = (
        interactions.iter().map(|i| i.at).min(),
        interactions.iter().map(|i| i.at).max(),
    ) else {
        return Err(Error::Evaluate(
            "the data holds no interactions; evaluation needs interaction history".to_owned(),
        ));
    };
    let as_of = resolved.as_of.map_or(last + 1, crate::time::end_of_day);
    let known = resolve_truth(resolved, truth)?;
    if known.account.people == 0 {
        return Err(Error::Evaluate(format!(
            "none of the people {} names is in the data ({} references, e.g. {}); refer to \
             people as the data does (id, email, profile URL or exact name)",
            truth.path.display(),
            known.account.unknown_people,
            known.account.unknown_examples.join(", ")
        )));
    }
    let pairs = pair_signals(resolved, &options.model, as_of);
    let in_population = |pair: &PairSignals| {
        let (a, b) = (
            known.in_truth[pair.a.index()],
            known.in_truth[pair.b.index()],
        );
        match options.population {
            TruthPopulation::Both => a && b,
            TruthPopulation::Any => a || b,
        }
    };
    let candidates: Vec<&PairSignals> = pairs.pairs.iter().filter(|p| in_population(p)).collect();
    let labels: Vec<bool> = candidates
        .iter()
        .map(|pair| known.related(pair.a, pair.b))
        .collect();
    let positives = labels.iter().filter(|label| **label).count();
    let negatives = labels.len() - positives;
    if positives == 0 || negatives == 0 {
        return Err(Error::Evaluate(format!(
            "{positives} of the {} pairs with interaction in the truth's population ({} \
             people, --truth-population {}) are real relationships; ranking needs both pairs \
             that are and pairs that are not — {}",
            labels.len(),
            known.account.people,
            options.population.name(),
            if labels.is_empty() {
                "check that the truth file names people who interact in the data"
            } else if positives == 0 {
                "check that the truth file's pairs are people who interact in the data"
            } else {
                "try --truth-population any, or a truth file that covers more people"
            }
        )));
    }
    let columns = score_columns(&candidates, &pairs);
    let scores = rank_scores(columns, &labels, &options.ks);
    let bands = band_precision(&candidates, &labels, positives);
    let account = known.account;
    Ok(TruthEvaluation {
        people: resolved.people.len(),
        interactions: interactions.len(),
        first,
        last,
        as_of,
        population: options.population,
        pairs_with_interaction: pairs.pairs.len(),
        candidates: candidates.len(),
        positives,
        negatives,
        base_rate: positives as f64 / labels.len() as f64,
        related_without_interaction: account.related_pairs.saturating_sub(positives as u64),
        truth: account,
        scores,
        bands,
    })
}

/// The truth file resolved against the data's people.
struct KnownTruth {
    account: TruthAccount,
    /// Per person: named in the truth file.
    in_truth: Vec<bool>,
    /// Pairs form: each listed pair (`a < b`) and whether it is related.
    pairs: HashMap<(PersonId, PersonId), bool>,
    /// Membership form: each person's groups, sorted.
    groups: Vec<Vec<u32>>,
}

impl KnownTruth {
    fn related(&self, a: PersonId, b: PersonId) -> bool {
        if self.pairs.get(&(a, b)).copied().unwrap_or(false) {
            return true;
        }
        first_common(&self.groups[a.index()], &self.groups[b.index()]).is_some()
    }
}

/// The first value two sorted lists share.
fn first_common(x: &[u32], y: &[u32]) -> Option<u32> {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(x[i]),
        }
    }
    None
}

/// What a reference of the truth file names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    /// One person.
    Found(PersonId),
    /// Nobody in the data.
    Unknown,
    /// Several people; their stable ids.
    Ambiguous(String),
}

/// Resolves each distinct reference of the truth file once, as any other
/// reference is resolved ([`crate::identity::People::resolve`]).
struct Resolver<'a> {
    resolved: &'a ResolvedDataset,
    found: HashMap<String, Lookup>,
    /// Unknown references in file order.
    unknown: Vec<String>,
    ambiguous: usize,
}

impl Resolver<'_> {
    fn resolve(&mut self, text: &str) -> Lookup {
        if let Some(found) = self.found.get(text) {
            return found.clone();
        }
        let lookup = match self.resolved.people.resolve(&PersonRef::parse_loose(text)) {
            Resolution::Found(id) => Lookup::Found(id),
            Resolution::NotFound => {
                self.unknown.push(text.to_owned());
                Lookup::Unknown
            }
            Resolution::Ambiguous(candidates) => {
                self.ambiguous += 1;
                let names: Vec<&str> = candidates
                    .iter()
                    .map(|id| self.resolved.people.person(*id).stable_id())
                    .collect();
                Lookup::Ambiguous(names.join(", "))
            }
        };
        self.found.insert(text.to_owned(), lookup.clone());
        lookup
    }
}

fn resolve_truth(resolved: &ResolvedDataset, truth: &mut TruthFile) -> Result<KnownTruth> {
    let people = resolved.people.len();
    let mut lookups = Resolver {
        resolved,
        found: HashMap::new(),
        unknown: Vec::new(),
        ambiguous: 0,
    };
    let mut known = KnownTruth {
        account: TruthAccount {
            form: "pairs",
            header: truth.header.as_ref().map(|(_, text)| text.clone()),
            rows_read: 0,
            rows_used: 0,
            rows_skipped: 0,
            people: 0,
            unknown_people: 0,
            unknown_examples: Vec::new(),
            rows_with_unknown_people: 0,
            ambiguous_people: 0,
            groups: 0,
            related_pairs: 0,
            unrelated_pairs: 0,
            conflicting_pairs: 0,
        },
        in_truth: vec![false; people],
        pairs: HashMap::new(),
        groups: vec![Vec::new(); people],
    };
    let summary = &mut truth.summary;
    match &truth.rows {
        TruthRows::Pairs(rows) => known.add_pairs(rows, &mut lookups, summary)?,
        TruthRows::Membership(rows) => known.add_members(rows, &mut lookups, summary)?,
    }
    if let Some(file) = summary.files.first() {
        known.account.rows_read = file.rows_read;
        known.account.rows_used = file.rows_used;
        known.account.rows_skipped = file.rows_skipped();
    }
    known.account.people = known.in_truth.iter().filter(|named| **named).count();
    known.account.unknown_people = lookups.unknown.len();
    known.account.ambiguous_people = lookups.ambiguous;
    lookups.unknown.truncate(MAX_UNKNOWN_EXAMPLES);
    known.account.unknown_examples = lookups.unknown;
    Ok(known)
}

/// Moves a row naming an ambiguous reference to skipped.
fn skip_ambiguous(
    summary: &mut IngestSummary,
    origin: Origin,
    text: &str,
    names: &str,
) -> Result<()> {
    summary.unuse(
        origin,
        SkipReason::AmbiguousReference,
        &format!("'{text}' matches {names}; refer to them by id or email"),
    )
}

impl KnownTruth {
    fn add_pairs(
        &mut self,
        rows: &[TruthPair],
        lookups: &mut Resolver<'_>,
        summary: &mut IngestSummary,
    ) -> Result<()> {
        let mut conflicting = HashSet::new();
        for row in rows {
            let (a, b) = match (lookups.resolve(&row.a), lookups.resolve(&row.b)) {
                (Lookup::Ambiguous(names), _) => {
                    skip_ambiguous(summary, row.origin, &row.a, &names)?;
                    continue;
                }
                (_, Lookup::Ambiguous(names)) => {
                    skip_ambiguous(summary, row.origin, &row.b, &names)?;
                    continue;
                }
                (Lookup::Found(a), Lookup::Found(b)) => (a, b),
                (a, b) => {
                    // Named by the file, so in its population, but the pair
                    // has no evidence to rank.
                    self.account.rows_with_unknown_people += 1;
                    for lookup in [a, b] {
                        if let Lookup::Found(person) = lookup {
                            self.in_truth[person.index()] = true;
                        }
                    }
                    continue;
                }
            };
            if a == b {
                summary.unuse(
                    row.origin,
                    SkipReason::SelfPair,
                    &format!("'{}' and '{}' are the same person", row.a, row.b),
                )?;
                continue;
            }
            self.in_truth[a.index()] = true;
            self.in_truth[b.index()] = true;
            let key = (a.min(b), a.max(b));
            match self.pairs.get_mut(&key) {
                Some(related) if *related != row.related => {
                    *related = true;
                    conflicting.insert(key);
                }
                Some(_) => {}
                None => {
                    self.pairs.insert(key, row.related);
                }
            }
        }
        self.account.conflicting_pairs = conflicting.len();
        self.account.related_pairs = self.pairs.values().filter(|related| **related).count() as u64;
        self.account.unrelated_pairs = self.pairs.len() as u64 - self.account.related_pairs;
        Ok(())
    }

    fn add_members(
        &mut self,
        rows: &[TruthMember],
        lookups: &mut Resolver<'_>,
        summary: &mut IngestSummary,
    ) -> Result<()> {
        self.account.form = "membership";
        let mut group_ids: HashMap<&str, u32> = HashMap::new();
        for row in rows {
            let person = match lookups.resolve(&row.person) {
                Lookup::Ambiguous(names) => {
                    skip_ambiguous(summary, row.origin, &row.person, &names)?;
                    continue;
                }
                Lookup::Unknown => {
                    self.account.rows_with_unknown_people += 1;
                    continue;
                }
                Lookup::Found(person) => person,
            };
            let next = group_ids.len() as u32;
            let group = *group_ids.entry(row.group.as_str()).or_insert(next);
            self.in_truth[person.index()] = true;
            self.groups[person.index()].push(group);
        }
        for groups in &mut self.groups {
            groups.sort_unstable();
            groups.dedup();
        }
        self.account.groups = group_ids.len();
        self.account.related_pairs = related_members(&self.groups, group_ids.len());
        Ok(())
    }
}

/// Distinct pairs of people sharing a group: each pair counted in the first
/// group the two share.
fn related_members(groups: &[Vec<u32>], group_count: usize) -> u64 {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); group_count];
    for (person, groups) in groups.iter().enumerate() {
        for group in groups {
            members[*group as usize].push(person);
        }
    }
    let mut related = 0_u64;
    for (group, people) in members.iter().enumerate() {
        for (index, x) in people.iter().enumerate() {
            for y in &people[index + 1..] {
                if first_common(&groups[*x], &groups[*y]) == Some(group as u32) {
                    related += 1;
                }
            }
        }
    }
    related
}

/// What one pair with interaction evidence shows, for the strength and the baselines.
struct PairSignals {
    a: PersonId,
    b: PersonId,
    count: u32,
    seconds: f64,
    days: u32,
    strength: f64,
    band: Band,
}

/// Every pair with evidence, and each person's totals over all of them.
struct AllPairs {
    pairs: Vec<PairSignals>,
    /// Per person: interactions with anyone.
    total: Vec<u64>,
    /// Per person: people in touch with.
    degree: Vec<u32>,
}

fn pair_signals(resolved: &ResolvedDataset, model: &Model, as_of: i64) -> AllPairs {
    let (events, _) = collect_pair_events(&resolved.interactions, as_of, model);
    let scored = score_ties(resolved, model, as_of);
    let mut ties = scored.ties.iter().peekable();
    let mut total = vec![0_u64; resolved.people.len()];
    let mut degree = vec![0_u32; resolved.people.len()];
    let mut pairs = Vec::new();
    for pair in events.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let (a, b) = (pair[0].a, pair[0].b);
        // Both are sorted by pair; every pair with events has a tie.
        while ties.next_if(|tie| (tie.a, tie.b) < (a, b)).is_some() {}
        let tie = ties.next_if(|tie| (tie.a, tie.b) == (a, b));
        let mut days = 0_u32;
        let mut last_day = None;
        for event in pair {
            let day = event.at.div_euclid(SECONDS_PER_DAY);
            if last_day != Some(day) {
                days += 1;
                last_day = Some(day);
            }
        }
        let count = pair.len() as u32;
        total[a.index()] += u64::from(count);
        total[b.index()] += u64::from(count);
        degree[a.index()] += 1;
        degree[b.index()] += 1;
        pairs.push(PairSignals {
            a,
            b,
            count,
            seconds: pair.iter().map(|event| f64::from(event.seconds)).sum(),
            days,
            strength: tie.map_or(0.0, |tie| tie.strength.strength),
            band: tie.map_or(Band::Unknown, |tie| tie.strength.band),
        });
    }
    AllPairs {
        pairs,
        total,
        degree,
    }
}

/// The strength and each baseline, one value per candidate.
fn score_columns(
    candidates: &[&PairSignals],
    all: &AllPairs,
) -> Vec<(&'static str, &'static str, Vec<f64>)> {
    let column = |value: &dyn Fn(&PairSignals) -> f64| -> Vec<f64> {
        candidates.iter().map(|pair| value(pair)).collect()
    };
    vec![
        (
            "strength",
            "the model's tie strength as of the end of the data (or its as-of date)",
            column(&|pair| pair.strength),
        ),
        (
            "interaction count",
            "interactions between the pair",
            column(&|pair| f64::from(pair.count)),
        ),
        (
            "total duration",
            "time the pair spent together in meetings and calls",
            column(&|pair| pair.seconds),
        ),
        (
            "distinct days",
            "days (UTC) on which the pair was in touch",
            column(&|pair| f64::from(pair.days)),
        ),
        (
            "attention share",
            "interactions / √(each side's interactions with everyone)",
            column(&|pair| {
                let sides = all.total[pair.a.index()] as f64 * all.total[pair.b.index()] as f64;
                f64::from(pair.count) / sides.sqrt()
            }),
        ),
        (
            "reach",
            "sum of the two people's numbers of ties",
            column(&|pair| {
                f64::from(all.degree[pair.a.index()]) + f64::from(all.degree[pair.b.index()])
            }),
        ),
    ]
}

fn band_precision(
    candidates: &[&PairSignals],
    labels: &[bool],
    positives: usize,
) -> Vec<BandPrecision> {
    let measure = |band: &'static str, member: &dyn Fn(Band) -> bool| {
        let (pairs, related) = candidates
            .iter()
            .zip(labels)
            .filter(|(pair, _)| member(pair.band))
            .fold((0, 0), |(pairs, related), (_, label)| {
                (pairs + 1, related + usize::from(*label))
            });
        BandPrecision {
            band,
            pairs,
            related,
            precision: (pairs > 0).then(|| related as f64 / pairs as f64),
            recall: related as f64 / positives.max(1) as f64,
        }
    };
    let mut bands = vec![measure("genuine", &|band| {
        matches!(band, Band::Strong | Band::Medium)
    })];
    bands.extend(
        Band::ALL
            .iter()
            .map(|band| measure(band.name(), &|found| found == *band)),
    );
    bands
}

/// Reads the truth file at `path` for `resolved`: its first line is a header
/// when both its references name nobody in the data (see
/// [`crate::ingest::read_truth_file`]).
pub fn read_truth(
    path: &std::path::Path,
    options: crate::ingest::IngestOptions,
    resolved: &ResolvedDataset,
) -> Result<TruthFile> {
    crate::ingest::read_truth_file(path, options, |text| {
        resolved.people.resolve(&PersonRef::parse_loose(text)) != Resolution::NotFound
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_sharing_several_groups_is_related_once() {
        // People 0 and 1 share groups 0 and 1; 2 is in group 1; 3 in none.
        let groups = vec![vec![0, 1], vec![0, 1], vec![1], vec![]];
        assert_eq!(related_members(&groups, 2), 3);
        assert_eq!(first_common(&groups[0], &groups[1]), Some(0));
        assert_eq!(first_common(&groups[0], &groups[2]), Some(1));
        assert_eq!(first_common(&groups[2], &groups[3]), None);
    }
}
