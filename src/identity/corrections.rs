//! The user's corrections applied to the merge of person records. `same,a,b`
//! joins the people `a` and `b` name after the keys have merged what they
//! merge; `different,a,b` tags the records each side names and refuses any
//! union, by a key or by a `same`, that would put both tags in one person.
//! A side names records by its key (id, email or profile URL, or an exact
//! name); a side no record carries but rows name (an address seen only in a
//! mailbox) gets a record of its own from the correction, so that `same`
//! can still merge it. A correction that matches nobody is skipped and
//! counted, never dropped silently; contradicting ones are an error naming
//! both lines. With no corrections none of this runs.

use petgraph::unionfind::UnionFind;

use super::MergeNote;
use crate::error::{Error, Result};
use crate::ingest::{
    Correction, CorrectionKind, IngestSummary, Origin, PersonRecord, PersonRef, RefId, RefTable,
    SkipReason,
};
use crate::keys::{
    FastMap, exact_name_key, is_placeholder_name, normalize_email, normalize_profile_url,
};

/// What became of one correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionStatus {
    /// `same`: the two people were merged into one.
    Merged,
    /// `same`: they were one person already.
    AlreadySame,
    /// `different`: this many merges were refused to keep them apart.
    KeptApart(usize),
    /// `different`: nothing would have merged them.
    AlreadyApart,
    /// Skipped: a side matches nobody in the data.
    Unmatched,
    /// Skipped: a side is several people.
    Ambiguous,
    /// Skipped: both sides are one record, which is never split.
    OneRecord,
}

impl CorrectionStatus {
    /// What happened, in words.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Merged => "merged".to_owned(),
            Self::AlreadySame => "already one person".to_owned(),
            Self::KeptApart(1) => "kept apart (1 merge refused)".to_owned(),
            Self::KeptApart(refused) => format!("kept apart ({refused} merges refused)"),
            Self::AlreadyApart => "already apart".to_owned(),
            Self::Unmatched => "skipped: matches nobody".to_owned(),
            Self::Ambiguous => "skipped: a side is several people".to_owned(),
            Self::OneRecord => "skipped: both sides are one record".to_owned(),
        }
    }
}

/// A correction and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionOutcome {
    /// The correction as read.
    pub correction: Correction,
    /// What it did.
    pub status: CorrectionStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    A,
    B,
}

/// A record's part in a `different` correction.
#[derive(Debug, Clone, Copy)]
struct Tag {
    correction: u32,
    side: Side,
}

/// A side of a correction, in the normal form of its key.
#[derive(Debug)]
enum SideKey {
    Email(String),
    Url(String),
    /// An id or an exact name, as generic-CSV references are.
    Loose {
        text: String,
        name: String,
    },
}

impl SideKey {
    fn parse(text: &str) -> Self {
        let reference = PersonRef::parse_loose(text);
        if let Some(email) = reference.email {
            Self::Email(normalize_email(&email))
        } else if let Some(url) = reference.profile_url {
            Self::Url(normalize_profile_url(&url))
        } else {
            Self::Loose {
                text: text.trim().to_owned(),
                name: exact_name_key(text),
            }
        }
    }

    /// The side as a comparable text, for finding contradictions.
    fn text(&self) -> String {
        match self {
            Self::Email(email) => format!("e:{email}"),
            Self::Url(url) => format!("u:{url}"),
            Self::Loose { name, .. } => format!("n:{name}"),
        }
    }

    fn is_placeholder(&self) -> bool {
        matches!(self, Self::Loose { text, .. } if is_placeholder_name(text))
    }

    /// The keys a record or reference matching this side carries, with how
    /// they match.
    fn probes(&self) -> Vec<(String, Via)> {
        match self {
            Self::Email(email) => vec![(format!("e:{email}"), Via::Key)],
            Self::Url(url) => vec![(format!("u:{url}"), Via::Key)],
            Self::Loose { text, name } => {
                let mut probes = vec![(format!("i:{text}"), Via::Id)];
                if !is_placeholder_name(text) {
                    probes.push((format!("n:{name}"), Via::Name));
                }
                probes
            }
        }
    }

    /// The record a correction makes for a side only rows name.
    fn record(&self, origin: Origin, by_id: bool) -> PersonRecord {
        let mut record = PersonRecord {
            origin: Some(origin),
            ..PersonRecord::default()
        };
        match self {
            Self::Email(email) => record.emails.push(email.clone()),
            Self::Url(url) => record.profile_urls.push(url.clone()),
            Self::Loose { text, .. } if by_id => record.id = Some(text.clone()),
            Self::Loose { text, .. } => record.name = Some(text.clone()),
        }
        record
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    /// An email or profile URL.
    Key,
    /// A dataset id.
    Id,
    /// An exact name.
    Name,
}

/// The records one side names.
#[derive(Debug, Default)]
struct SideMatch {
    by_key: Vec<usize>,
    by_id: Vec<usize>,
    by_name: Vec<usize>,
    /// Rows name it (no record does): by a plain id (true) or otherwise.
    in_rows: Option<bool>,
}

impl SideMatch {
    /// The records meant: by key, else by id, else by name (as references
    /// resolve).
    fn records(&self) -> &[usize] {
        [&self.by_key, &self.by_id, &self.by_name]
            .into_iter()
            .find(|found| !found.is_empty())
            .map_or(&[], Vec::as_slice)
    }
}

/// A `same` correction to apply once the keys have merged.
#[derive(Debug)]
struct SameStep {
    correction: usize,
    a: Vec<usize>,
    b: Vec<usize>,
}

/// A merge by a key that a `different` correction refused.
#[derive(Debug, Clone)]
pub(super) struct Refusal {
    /// Index of the correction.
    pub correction: usize,
    /// The record that carried the key second.
    pub record: usize,
    /// The record that carried it first.
    pub other: usize,
    /// The key.
    pub key: String,
}

/// The corrections matched to the records, ready to apply.
#[derive(Debug)]
pub(super) struct Plan {
    corrections: Vec<Correction>,
    statuses: Vec<Option<CorrectionStatus>>,
    paths: Vec<String>,
    tags: Vec<(usize, Tag)>,
    same: Vec<SameStep>,
    /// Records the corrections made, from this index on.
    first_made: usize,
    /// Records whose names the person they join is also found by.
    aliases: Vec<usize>,
    pub(super) refusals: Vec<Refusal>,
}

impl Plan {
    /// Matches `corrections` to `records` (and, for sides no record
    /// carries, to the references in `refs`), adding a record for each
    /// `same` side only rows name. Corrections that match nobody are
    /// skipped in `summary`; contradicting ones are an error.
    pub(super) fn new(
        corrections: Vec<Correction>,
        records: &mut Vec<PersonRecord>,
        refs: &RefTable,
        summary: &mut IngestSummary,
    ) -> Result<Self> {
        let paths: Vec<String> = corrections
            .iter()
            .map(|correction| {
                summary
                    .path(correction.origin.file)
                    .map(|path| path.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        let sides: Vec<[SideKey; 2]> = corrections
            .iter()
            .map(|correction| [SideKey::parse(&correction.a), SideKey::parse(&correction.b)])
            .collect();
        find_contradiction(&corrections, &sides, &paths)?;
        let mut matches = match_records(&sides, records);
        match_rows(&sides, &mut matches, refs);

        let mut plan = Self {
            statuses: vec![None; corrections.len()],
            paths,
            tags: Vec::new(),
            same: Vec::new(),
            first_made: records.len(),
            aliases: Vec::new(),
            refusals: Vec::new(),
            corrections: Vec::new(),
        };
        for (index, correction) in corrections.iter().enumerate() {
            plan.add(
                index,
                correction,
                &matches[index],
                &sides[index],
                records,
                summary,
            )?;
        }
        plan.corrections = corrections;
        Ok(plan)
    }

    /// Checks correction `index` against what its sides match: skips it
    /// when a side matches nobody or both are one record, else tags the
    /// records of a `different` or plans the union of a `same` (adding a
    /// record for a side only rows name).
    fn add(
        &mut self,
        index: usize,
        correction: &Correction,
        matches: &[SideMatch; 2],
        sides: &[SideKey; 2],
        records: &mut Vec<PersonRecord>,
        summary: &mut IngestSummary,
    ) -> Result<()> {
        let [match_a, match_b] = matches;
        let [side_a, side_b] = sides;
        let unmatched: Vec<&str> = [
            (match_a, side_a, &correction.a),
            (match_b, side_b, &correction.b),
        ]
        .into_iter()
        .filter(|(found, side, _)| {
            side.is_placeholder() || (found.records().is_empty() && found.in_rows.is_none())
        })
        .map(|(_, _, text)| text.as_str())
        .collect();
        if !unmatched.is_empty() {
            let detail = unmatched_detail(&unmatched);
            summary.unuse(correction.origin, SkipReason::UnmatchedCorrection, &detail)?;
            self.statuses[index] = Some(CorrectionStatus::Unmatched);
            return Ok(());
        }
        let (a, b) = (match_a.records(), match_b.records());
        if let Some(shared) = a.iter().find(|record| b.contains(record)) {
            if correction.kind == CorrectionKind::Same {
                self.statuses[index] = Some(CorrectionStatus::AlreadySame);
                return Ok(());
            }
            let place = records[*shared]
                .origin
                .and_then(|origin| {
                    summary
                        .path(origin.file)
                        .map(|path| format!(" ({}:{})", path.display(), origin.line))
                })
                .unwrap_or_default();
            summary.unuse(
                correction.origin,
                SkipReason::SelfPair,
                &format!(
                    "'{}' and '{}' are one record{place}, which is never split",
                    correction.a, correction.b
                ),
            )?;
            self.statuses[index] = Some(CorrectionStatus::OneRecord);
            return Ok(());
        }
        let tag = |side| Tag {
            correction: index as u32,
            side,
        };
        match correction.kind {
            CorrectionKind::Different => {
                self.tags
                    .extend(a.iter().map(|record| (*record, tag(Side::A))));
                self.tags
                    .extend(b.iter().map(|record| (*record, tag(Side::B))));
            }
            CorrectionKind::Same => {
                let mut own = |found: &SideMatch, side: &SideKey| -> Vec<usize> {
                    if found.records().is_empty() {
                        let by_id = found.in_rows == Some(true);
                        records.push(side.record(correction.origin, by_id));
                        vec![records.len() - 1]
                    } else {
                        found.records().to_vec()
                    }
                };
                let a = own(match_a, side_a);
                let b = own(match_b, side_b);
                self.aliases.extend(a.iter().chain(&b).copied());
                self.same.push(SameStep {
                    correction: index,
                    a,
                    b,
                });
            }
        }
        Ok(())
    }

    /// True for a record a correction made (a side only rows name).
    pub(super) fn made(&self, record: usize) -> bool {
        record >= self.first_made
    }

    /// Records whose names should find the person they became.
    pub(super) fn aliases(&self) -> &[usize] {
        &self.aliases
    }

    /// The origin of correction `index`.
    pub(super) fn origin(&self, index: usize) -> Origin {
        self.corrections[index].origin
    }

    /// Records that a key merge was refused.
    pub(super) fn refuse(&mut self, correction: usize, record: usize, other: usize, key: String) {
        self.refusals.push(Refusal {
            correction,
            record,
            other,
            key,
        });
    }

    /// Applies the `same` corrections to `sets`, calling `joined(record,
    /// with, note)` for each union made. A side that is several people is
    /// skipped; a union a `different` forbids is an error naming both.
    pub(super) fn apply_same(
        &mut self,
        sets: &mut Sets,
        summary: &mut IngestSummary,
        joined: &mut dyn FnMut(usize, usize, MergeNote),
    ) -> Result<()> {
        for step in &self.same {
            let index = step.correction;
            let correction = &self.corrections[index];
            let people = |records: &[usize], sets: &mut Sets| {
                let mut roots: Vec<usize> =
                    records.iter().map(|record| sets.find(*record)).collect();
                roots.sort_unstable();
                roots.dedup();
                roots.len()
            };
            let several = [
                (people(&step.a, sets), &correction.a),
                (people(&step.b, sets), &correction.b),
            ]
            .into_iter()
            .find(|(count, _)| *count > 1);
            if let Some((count, text)) = several {
                summary.unuse(
                    correction.origin,
                    SkipReason::AmbiguousReference,
                    &format!(
                        "'{text}' is {count} people here; name one of them by id, email or profile URL"
                    ),
                )?;
                self.statuses[index] = Some(CorrectionStatus::Ambiguous);
                continue;
            }
            let (Some(&a), Some(&b)) = (step.a.first(), step.b.first()) else {
                continue;
            };
            match sets.union(a, b) {
                Ok(true) => {
                    let note = MergeNote {
                        key: format!(
                            "same {} = {} ({}:{})",
                            correction.a, correction.b, self.paths[index], correction.origin.line
                        ),
                        kind: super::MergeKind::Corrected,
                    };
                    joined(b, a, note);
                    self.statuses[index] = Some(CorrectionStatus::Merged);
                }
                Ok(false) => self.statuses[index] = Some(CorrectionStatus::AlreadySame),
                Err(forbidding) => {
                    let other = &self.corrections[forbidding as usize];
                    return Err(Error::Correction {
                        path: self.paths[index].clone().into(),
                        line: correction.origin.line,
                        message: format!(
                            "`{}` would merge people that `{}` at {}:{} keeps apart; keep one of the two lines",
                            correction.line(),
                            other.line(),
                            self.paths[forbidding as usize],
                            other.origin.line
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every correction with what became of it.
    pub(super) fn outcomes(&self) -> Vec<CorrectionOutcome> {
        self.corrections
            .iter()
            .enumerate()
            .map(|(index, correction)| {
                let refused = self
                    .refusals
                    .iter()
                    .filter(|refusal| refusal.correction == index)
                    .count();
                let status = self.statuses[index].unwrap_or(if refused > 0 {
                    CorrectionStatus::KeptApart(refused)
                } else {
                    CorrectionStatus::AlreadyApart
                });
                CorrectionOutcome {
                    correction: correction.clone(),
                    status,
                }
            })
            .collect()
    }
}

fn unmatched_detail(unmatched: &[&str]) -> String {
    if let Some(placeholder) = unmatched.iter().find(|text| is_placeholder_name(text)) {
        return format!(
            "'{placeholder}' stands for hidden accounts, never one person; name them by profile URL"
        );
    }
    match unmatched {
        [one] => format!("'{one}' matches nobody in the data; check its spelling"),
        _ => format!(
            "neither '{}' nor '{}' matches anybody in the data; check their spelling",
            unmatched[0], unmatched[1]
        ),
    }
}

/// The first pair named by both a `same` and a `different`, as an error
/// naming both lines.
fn find_contradiction(
    corrections: &[Correction],
    sides: &[[SideKey; 2]],
    paths: &[String],
) -> Result<()> {
    let mut seen: FastMap<(String, String), usize> = FastMap::default();
    for (index, correction) in corrections.iter().enumerate() {
        let (mut a, mut b) = (sides[index][0].text(), sides[index][1].text());
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        match seen.get(&(a.clone(), b.clone())) {
            Some(&earlier) if corrections[earlier].kind != correction.kind => {
                let first = &corrections[earlier];
                return Err(Error::Correction {
                    path: paths[index].clone().into(),
                    line: correction.origin.line,
                    message: format!(
                        "`{}` contradicts `{}` at {}:{}; keep one of the two lines",
                        correction.line(),
                        first.line(),
                        paths[earlier],
                        first.origin.line
                    ),
                });
            }
            Some(_) => {}
            None => {
                seen.insert((a, b), index);
            }
        }
    }
    Ok(())
}

/// The probe keys of every side, to the sides (`2 × correction + side`) and
/// how they match.
fn probe_map(
    sides: &[[SideKey; 2]],
    wanted: impl Fn(usize) -> bool,
) -> FastMap<String, Vec<(usize, Via)>> {
    let mut probes: FastMap<String, Vec<(usize, Via)>> = FastMap::default();
    for (index, pair) in sides.iter().enumerate() {
        for (offset, side) in pair.iter().enumerate() {
            let slot = index * 2 + offset;
            if !wanted(slot) {
                continue;
            }
            for (key, via) in side.probes() {
                probes.entry(key).or_default().push((slot, via));
            }
        }
    }
    probes
}

/// The records each side names.
fn match_records(sides: &[[SideKey; 2]], records: &[PersonRecord]) -> Vec<[SideMatch; 2]> {
    let probes = probe_map(sides, |_| true);
    let mut matches: Vec<[SideMatch; 2]> = sides.iter().map(|_| Default::default()).collect();
    let mut keys = Vec::new();
    for (index, record) in records.iter().enumerate() {
        keys.clear();
        keys.extend(record.id.iter().map(|id| format!("i:{}", id.trim())));
        keys.extend(
            record
                .emails
                .iter()
                .map(|email| format!("e:{}", normalize_email(email))),
        );
        keys.extend(
            record
                .profile_urls
                .iter()
                .map(|url| format!("u:{}", normalize_profile_url(url))),
        );
        if let Some(name) = record
            .name
            .as_deref()
            .filter(|name| !is_placeholder_name(name))
        {
            keys.push(format!("n:{}", exact_name_key(name)));
        }
        for key in &keys {
            for (slot, via) in probes.get(key).into_iter().flatten() {
                let found = &mut matches[slot / 2][slot % 2];
                let list = match via {
                    Via::Key => &mut found.by_key,
                    Via::Id => &mut found.by_id,
                    Via::Name => &mut found.by_name,
                };
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
    }
    matches
}

/// For sides no record carries: whether rows name them, and whether by a
/// plain id (one scan of the distinct references, only when needed).
fn match_rows(sides: &[[SideKey; 2]], matches: &mut [[SideMatch; 2]], refs: &RefTable) {
    let unmatched = |slot: usize| matches[slot / 2][slot % 2].records().is_empty();
    let probes = probe_map(sides, unmatched);
    if probes.is_empty() {
        return;
    }
    let mut keys = Vec::new();
    for index in 0..refs.len() {
        let reference = refs.get(RefId(index as u32));
        keys.clear();
        if let Some(id) = &reference.id {
            keys.push((format!("i:{}", id.trim()), !reference.id_or_name));
        }
        if let Some(email) = &reference.email {
            keys.push((format!("e:{}", normalize_email(email)), false));
        }
        if let Some(url) = &reference.profile_url {
            keys.push((format!("u:{}", normalize_profile_url(url)), false));
        }
        if let Some(name) = reference
            .name
            .as_deref()
            .filter(|name| !is_placeholder_name(name))
        {
            keys.push((format!("n:{}", exact_name_key(name)), false));
        }
        for (key, plain_id) in &keys {
            for (slot, _) in probes.get(key).into_iter().flatten() {
                let found = &mut matches[slot / 2][slot % 2];
                found.in_rows = Some(found.in_rows.unwrap_or(false) || *plain_id);
            }
        }
    }
}

/// The union-find of the merge, with the `different` tags of each set: a
/// union that would hold both sides of one correction is refused.
pub(super) struct Sets {
    union_find: UnionFind<usize>,
    tags: FastMap<usize, Vec<Tag>>,
}

impl Sets {
    /// `len` singletons, tagged as `plan` says.
    pub(super) fn new(len: usize, plan: Option<&Plan>) -> Self {
        let mut tags: FastMap<usize, Vec<Tag>> = FastMap::default();
        for (record, tag) in plan.map_or(&[][..], |plan| &plan.tags) {
            tags.entry(*record).or_default().push(*tag);
        }
        Self {
            union_find: UnionFind::new(len),
            tags,
        }
    }

    /// The representative of `x`'s set.
    pub(super) fn find(&mut self, x: usize) -> usize {
        self.union_find.find_mut(x)
    }

    /// Joins the sets of `x` and `y`: `Ok(true)` when joined, `Ok(false)`
    /// when they were one, `Err(correction)` when that correction forbids it.
    pub(super) fn union(&mut self, x: usize, y: usize) -> Result<bool, u32> {
        if self.tags.is_empty() {
            return Ok(self.union_find.union(x, y));
        }
        let (root_x, root_y) = (self.find(x), self.find(y));
        if root_x == root_y {
            return Ok(false);
        }
        if let (Some(tags_x), Some(tags_y)) = (self.tags.get(&root_x), self.tags.get(&root_y))
            && let Some(tag) = tags_x.iter().find(|tag| {
                tags_y
                    .iter()
                    .any(|other| other.correction == tag.correction && other.side != tag.side)
            })
        {
            return Err(tag.correction);
        }
        self.union_find.union(root_x, root_y);
        let root = self.find(root_x);
        let mut joined = self.tags.remove(&root_x).unwrap_or_default();
        joined.extend(self.tags.remove(&root_y).unwrap_or_default());
        if !joined.is_empty() {
            self.tags.insert(root, joined);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::identity::{
        MergeKind, PersonId, Resolution, resolve_identities, resolve_identities_traced,
    };
    use crate::ingest::{Channel, Dataset, InteractionRecord};

    fn record(name: &str, email: &str, company: &str) -> PersonRecord {
        PersonRecord {
            name: Some(name.to_owned()),
            emails: vec![email.to_owned()],
            company: (!company.is_empty()).then(|| company.to_owned()),
            ..PersonRecord::default()
        }
    }

    fn dataset(
        records: Vec<PersonRecord>,
        corrections: &[(CorrectionKind, &str, &str)],
    ) -> Dataset {
        let mut dataset = Dataset {
            people: records,
            ..Dataset::default()
        };
        let file = dataset
            .summary
            .add_file(Path::new("identities.csv"), "identities.csv");
        for (line, (kind, a, b)) in corrections.iter().enumerate() {
            dataset.summary.count_read(file);
            dataset.summary.count_used(file);
            dataset.corrections.push(Correction {
                origin: Origin {
                    file,
                    line: line as u64 + 1,
                },
                kind: *kind,
                a: (*a).to_owned(),
                b: (*b).to_owned(),
            });
        }
        dataset
    }

    #[test]
    fn different_keeps_apart_records_even_when_they_share_an_email() {
        let records = vec![
            record("Ana Lopez", "ana@x.example", ""),
            record("Ana López", "ana@x.example", ""),
        ];
        let merged = resolve_identities(dataset(records.clone(), &[])).unwrap();
        assert_eq!(merged.people.len(), 1);
        let different = [(CorrectionKind::Different, "Ana Lopez", "Ana López")];
        let (apart, trace) = resolve_identities_traced(dataset(records, &different)).unwrap();
        assert_eq!(apart.people.len(), 2);
        assert_eq!(trace.kept_apart.len(), 1);
        assert_eq!(trace.kept_apart[0].key, "email ana@x.example");
        assert_eq!(trace.corrections[0].status, CorrectionStatus::KeptApart(1));
        // The address finds the record that carried it first.
        assert_eq!(apart.people.with_email("ana@x.example"), Some(PersonId(0)));
    }

    #[test]
    fn same_gives_a_side_only_rows_name_a_record_and_merges_it() {
        let mut data = dataset(
            vec![record("Bo Kim", "bo@work.example", "")],
            &[(CorrectionKind::Same, "bo@work.example", "bo@home.example")],
        );
        let from = data.refs.loose("bo@home.example");
        let to = data.refs.loose("bo@work.example");
        let file = data
            .summary
            .add_file(Path::new("interactions.csv"), "interactions.csv");
        data.interactions.push(InteractionRecord {
            origin: Origin { file, line: 2 },
            at: 0,
            from,
            to: vec![to],
            channel: Channel::Email,
            duration_secs: None,
        });
        let (resolved, trace) = resolve_identities_traced(data).unwrap();
        assert_eq!(resolved.people.len(), 1);
        assert!(resolved.interactions.is_empty(), "a self-tie once merged");
        let bo = resolved.people.person(PersonId(0));
        assert_eq!(bo.merges[0].kind, MergeKind::Corrected);
        assert!(trace.records[1].from_correction);
        assert_eq!(trace.corrections[0].status, CorrectionStatus::Merged);
    }

    #[test]
    fn a_same_side_that_is_several_people_is_skipped_as_ambiguous() {
        let records = vec![
            record("Sam Patel", "sam@a.example", "A"),
            record("Sam Patel", "sam@b.example", "B"),
            record("Lee Chen", "lee@c.example", ""),
        ];
        let same = [(CorrectionKind::Same, "Sam Patel", "lee@c.example")];
        let (resolved, trace) = resolve_identities_traced(dataset(records, &same)).unwrap();
        assert_eq!(resolved.people.len(), 3);
        assert_eq!(trace.corrections[0].status, CorrectionStatus::Ambiguous);
        let file = &resolved.summary.files[0];
        assert_eq!((file.rows_used, file.rows_skipped()), (0, 1));
        assert!(
            file.skip_notes[0]
                .reason
                .contains("'Sam Patel' is 2 people")
        );
    }

    #[test]
    fn same_joins_differently_named_people_and_both_names_find_them() {
        let records = vec![
            record("Robert Li", "rob@x.example", ""),
            record("Bob Li", "bob@y.example", ""),
        ];
        let same = [(CorrectionKind::Same, "Robert Li", "Bob Li")];
        let resolved = resolve_identities(dataset(records, &same)).unwrap();
        assert_eq!(resolved.people.len(), 1);
        for name in ["Robert Li", "bob li"] {
            assert_eq!(
                resolved.people.resolve(&PersonRef::parse_loose(name)),
                Resolution::Found(PersonId(0)),
                "{name}"
            );
        }
    }

    #[test]
    fn a_record_is_never_split() {
        let records = vec![PersonRecord {
            name: Some("Ana".to_owned()),
            emails: vec!["ana@x.example".to_owned(), "ana@y.example".to_owned()],
            ..PersonRecord::default()
        }];
        let different = [(CorrectionKind::Different, "ana@x.example", "ana@y.example")];
        let (resolved, trace) = resolve_identities_traced(dataset(records, &different)).unwrap();
        assert_eq!(resolved.people.len(), 1);
        assert_eq!(trace.corrections[0].status, CorrectionStatus::OneRecord);
    }
}
