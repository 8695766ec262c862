//! The distributed batch jobs give the single-machine answers: on random
//! graphs (with namesakes, companies, owners and a coarse grid of strengths
//! that makes ties common), `batch_intro` over K shards with 1, 2 and 4
//! workers equals `batch_introductions` on the whole graph, line for line —
//! ranks, paths, scores, weakest links, genuineness, "through someone you
//! know", statuses and the words of every error — and `batch_meet` equals
//! `people_to_meet`, with and without the hub join.

use proptest::prelude::*;
use warmpath::distributed::{BatchIntroRequest, Job, MeetRequest, batch_intro, batch_meet};
use warmpath::graph::{RelationshipGraph, write_shards};
use warmpath::identity::{People, Person, PersonId, ResolvedDataset, ResolvedRelationship};
use warmpath::ingest::{DeclaredSince, DeclaredSources, DeclaredStrength, IngestSummary, Origin};
use warmpath::intro::{
    IntroRequest, IntroStatus, RankedIntroducer, TargetLine, batch_introductions, people_to_meet,
};
use warmpath::progress::NoProgress;
use warmpath::tie_strength::{Model, score_ties};
use warmpath::time::end_of_day;

use crate::common_net::{as_of_date, days_ago};

const NAMES: [&str; 4] = ["Sam Lee", "Ana Ruiz", "Sam Lee", "Zoë Park"];
const COMPANIES: [Option<&str>; 3] = [Some("Acme"), Some("Globex"), None];

/// A graph of `n` people `p0…`: some share a name, most have a company;
/// `owners` of them own the data; ties are declared with the strengths given.
fn graph(n: usize, edges: &[(usize, usize, f64)], owners: usize) -> RelationshipGraph {
    let mut people = People::default();
    for index in 0..n {
        let name = if index % 3 == 2 {
            NAMES[index % NAMES.len()].to_owned()
        } else {
            format!("Person {index}")
        };
        people.add(Person {
            id: Some(format!("p{index}")),
            name,
            company: COMPANIES[index % COMPANIES.len()].map(str::to_owned),
            ..Person::default()
        });
    }
    let mut declared_sources = DeclaredSources::default();
    let source = declared_sources.intern("test");
    let relationships = edges
        .iter()
        .map(|&(a, b, strength)| ResolvedRelationship {
            origin: Origin { file: 0, line: 0 }.into(),
            a: PersonId(a as u32),
            b: PersonId(b as u32),
            strength: DeclaredStrength::new(strength).unwrap(),
            since: DeclaredSince::new(days_ago(400)).unwrap(),
            source,
        })
        .collect();
    let resolved = ResolvedDataset {
        people,
        interactions: Vec::new(),
        relationships,
        declared_sources,
        owners: Vec::new(),
        as_of: Some(as_of_date()),
        summary: IngestSummary::default(),
    };
    let scored = score_ties(&resolved, &Model::default(), end_of_day(as_of_date()));
    let owners = (0..owners as u32).map(PersonId).collect();
    RelationshipGraph::new(resolved.people, scored.ties, owners, as_of_date())
}

fn graphs() -> impl Strategy<Value = (usize, Vec<(usize, usize, f64)>)> {
    (4usize..13).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        let count = pairs.len();
        (
            Just(n),
            proptest::collection::vec(
                (
                    proptest::bool::weighted(0.4),
                    prop_oneof![(1u32..=4).prop_map(|k| f64::from(k) / 4.0), 0.05f64..1.0],
                ),
                count,
            )
            .prop_map(move |choices| {
                pairs
                    .iter()
                    .zip(choices)
                    .filter(|(_, (present, _))| *present)
                    .map(|(&(a, b), (_, strength))| (a, b, strength))
                    .collect::<Vec<_>>()
            }),
        )
    })
}

/// Every kind of target line: each person by id, a shared and a unique
/// name, companies known and unknown, a stranger, a line too long.
fn target_lines(n: usize) -> Vec<TargetLine> {
    let mut queries: Vec<String> = (0..n).map(|index| format!("p{index}")).collect();
    queries.extend(
        [
            "Sam Lee",
            "ana ruiz",
            "company:Acme",
            "company:globex",
            "company:Initech",
            "Somebody Unknown",
            "Person 1",
        ]
        .map(str::to_owned),
    );
    queries.push("x".repeat(warmpath::intro::MAX_TARGET_LINE + 1));
    queries
        .into_iter()
        .enumerate()
        .map(|(index, query)| TargetLine {
            line: index + 1,
            query,
        })
        .collect()
}

/// One line's answer, comparable across the two engines.
type Line = (usize, Result<(IntroStatus, Vec<RankedIntroducer>), String>);

fn single_machine(
    graph: &RelationshipGraph,
    lines: &[TargetLine],
    from: Option<&str>,
    hops: usize,
    top: usize,
) -> Vec<Line> {
    let request = IntroRequest {
        target: "",
        from,
        max_hops: hops,
        top,
        alternatives: 0,
    };
    batch_introductions(graph, &request, lines, graph.model(), &NoProgress)
        .into_iter()
        .map(|answer| {
            (
                answer.target.line,
                answer
                    .answer
                    .map(|intros| (intros.ranking.status, intros.ranking.introducers))
                    .map_err(|error| error.to_string()),
            )
        })
        .collect()
}

fn distributed(
    dir: &std::path::Path,
    lines: &[TargetLine],
    from: Option<&str>,
    hops: usize,
    top: usize,
    workers: usize,
) -> Vec<Line> {
    let request = BatchIntroRequest {
        targets: lines.to_vec(),
        from: from.map(str::to_owned),
        max_hops: hops,
        top,
    };
    batch_intro(dir, Job::local(workers), Some(request))
        .unwrap()
        .unwrap()
        .answers
        .into_iter()
        .map(|answer| {
            (
                answer.target.line,
                answer.answer.map_err(|error| error.to_string()),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn batch_intro_over_shards_equals_the_single_machine_answers(
        (n, edges) in graphs(),
        owners in 0usize..3,
        from in 0usize..4,
        hops in 1usize..5,
        top in 1usize..5,
        shards in prop_oneof![Just(1usize), Just(3), Just(5)],
    ) {
        let graph = graph(n, &edges, owners);
        let dir = tempfile::tempdir().unwrap();
        write_shards(&graph, dir.path(), shards).unwrap();
        let lines = target_lines(n);
        let from = [None, Some("team"), Some("p2"), Some("Sam Lee")][from];
        let expected = single_machine(&graph, &lines, from, hops, top);
        for workers in [1, 2, 4] {
            let found = distributed(dir.path(), &lines, from, hops, top, workers);
            prop_assert_eq!(&found, &expected, "{} workers, {} shards", workers, shards);
        }
    }

    #[test]
    fn batch_meet_over_shards_equals_people_to_meet(
        (n, edges) in graphs(),
        owners in 1usize..4,
        top in 1usize..6,
        hub_degree in prop_oneof![Just(1usize), Just(3), Just(1000)],
    ) {
        let graph = graph(n, &edges, owners);
        let dir = tempfile::tempdir().unwrap();
        write_shards(&graph, dir.path(), 3).unwrap();
        let expected: Vec<_> = graph
            .owners()
            .iter()
            .map(|&member| (member, people_to_meet(&graph, member, top)))
            .collect();
        for workers in [1, 2, 4] {
            let request = MeetRequest { from: None, top, hub_degree };
            let found = batch_meet(dir.path(), Job::local(workers), Some(request))
                .unwrap()
                .unwrap();
            prop_assert_eq!(&found.members, &expected, "{} workers", workers);
        }
    }
}

#[test]
fn a_missing_shard_fails_the_whole_job_on_every_worker() {
    let graph = graph(8, &[(0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5)], 1);
    let dir = tempfile::tempdir().unwrap();
    write_shards(&graph, dir.path(), 4).unwrap();
    std::fs::remove_file(dir.path().join("shard-00002.wps")).unwrap();
    let request = BatchIntroRequest {
        targets: target_lines(3),
        from: None,
        max_hops: 3,
        top: 3,
    };
    let error = batch_intro(dir.path(), Job::local(2), Some(request)).unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("distributed job failed: worker 0: cannot read"),
        "{text}"
    );
    assert!(text.contains("shard-00002.wps"), "{text}");
}

#[test]
fn a_damaged_shard_is_refused_by_its_checksum() {
    let graph = graph(8, &[(0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5)], 1);
    let dir = tempfile::tempdir().unwrap();
    write_shards(&graph, dir.path(), 2).unwrap();
    let path = dir.path().join("shard-00001.wps");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&path, bytes).unwrap();
    let request = MeetRequest {
        from: None,
        top: 3,
        hub_degree: 10,
    };
    let error = batch_meet(dir.path(), Job::local(1), Some(request)).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("shard-00001.wps: is corrupt (checksum mismatch)"),
        "{text}"
    );
}
