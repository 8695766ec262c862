//! Invariants checked against brute force on random small graphs with
//! declared strengths: the hop-bounded ranking equals an exhaustive search
//! over all simple paths, a path's score is the product of its edges, and
//! weak ties never raise an introducer's rank.

use std::collections::HashMap;

use proptest::prelude::*;
use warmpath::graph::RelationshipGraph;
use warmpath::identity::PersonId;
use warmpath::ingest::Channel;
use warmpath::intro::{IntroQuery, IntroRanking, Target, edge_strengths, rank_introducers};
use warmpath::tie_strength::Model;

use crate::common_net::Net;

/// A random graph: `n` people `p0..p{n-1}` and declared ties between some pairs.
fn graphs() -> impl Strategy<Value = (usize, Vec<(usize, usize, f64)>)> {
    (3usize..9).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        let count = pairs.len();
        (
            Just(n),
            proptest::collection::vec(
                (
                    any::<bool>(),
                    // A coarse grid makes equal scores common, exercising tie-breaks.
                    prop_oneof![(1u32..=10).prop_map(|k| f64::from(k) / 10.0), 0.01f64..1.0],
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

fn build(n: usize, edges: &[(usize, usize, f64)]) -> (Net, RelationshipGraph) {
    let mut net = Net::new();
    for index in 0..n {
        net.person(&format!("p{index}"));
    }
    for (a, b, strength) in edges {
        net.declare(&format!("p{a}"), &format!("p{b}"), Some(*strength));
    }
    let graph = net.graph();
    (net, graph)
}

/// Best score per introducer over every simple path of at most `hops` edges,
/// multiplying from the target backwards as the search does.
fn brute_force(
    graph: &RelationshipGraph,
    source: u32,
    targets: &[u32],
    hops: usize,
    single: bool,
) -> HashMap<u32, f64> {
    fn extend(
        graph: &RelationshipGraph,
        path: &mut Vec<u32>,
        targets: &[u32],
        hops: usize,
        single: bool,
        best: &mut HashMap<u32, f64>,
    ) {
        let last = *path.last().unwrap();
        if path.len() > 1 && targets.contains(&last) && !(single && path.len() == 2) {
            let strengths: Vec<f64> = edge_strengths(
                graph,
                &path.iter().map(|id| PersonId(*id)).collect::<Vec<_>>(),
            );
            let score = strengths.iter().rev().fold(1.0, |acc, s| s * acc);
            let slot = best.entry(path[1]).or_insert(0.0);
            if score > *slot {
                *slot = score;
            }
        }
        if path.len() > hops || (path.len() > 1 && targets.contains(&last)) {
            return;
        }
        let (neighbors, _) = graph.neighbors(PersonId(last));
        for &next in neighbors {
            if !path.contains(&next) {
                path.push(next);
                extend(graph, path, targets, hops, single, best);
                path.pop();
            }
        }
    }
    let mut best = HashMap::new();
    extend(graph, &mut vec![source], targets, hops, single, &mut best);
    best.retain(|_, score| *score > 0.0);
    best
}

fn rank(graph: &RelationshipGraph, source: u32, target: Target, hops: usize) -> IntroRanking {
    rank_introducers(
        graph,
        IntroQuery {
            from: PersonId(source),
            target,
            max_hops: hops,
            top: usize::MAX,
        },
        &Model::default(),
    )
    .unwrap()
}

fn assert_matches_brute_force(
    graph: &RelationshipGraph,
    ranking: &IntroRanking,
    targets: &[u32],
    hops: usize,
    single: bool,
) {
    let source = ranking.query.from.0;
    let expected = brute_force(graph, source, targets, hops, single);
    let found: HashMap<u32, f64> = ranking
        .introducers
        .iter()
        .map(|introducer| (introducer.path.introducer().0, introducer.path.score))
        .collect();
    assert_eq!(
        found.keys().collect::<std::collections::BTreeSet<_>>(),
        expected.keys().collect::<std::collections::BTreeSet<_>>(),
        "introducers differ: found {found:?}, expected {expected:?}"
    );
    for (introducer, score) in &expected {
        let got = found[introducer];
        assert!(
            (got - score).abs() <= 1e-12 * score.max(1.0),
            "introducer p{introducer}: {got} vs {score}"
        );
    }
    for introducer in &ranking.introducers {
        let nodes = &introducer.path.nodes;
        assert_eq!(nodes[0].0, source);
        assert!(targets.contains(&nodes.last().unwrap().0));
        assert!(nodes.len() - 1 <= hops);
        let mut seen = nodes.iter().map(|id| id.0).collect::<Vec<_>>();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), nodes.len(), "path is not simple: {nodes:?}");
        let strengths = edge_strengths(graph, nodes);
        assert!(
            strengths.iter().all(|s| *s > 0.0),
            "path uses a missing edge: {nodes:?}"
        );
        let product: f64 = strengths.iter().product();
        assert!(
            (product - introducer.path.score).abs() <= 1e-12,
            "score is not the product of the edges"
        );
        let weakest = strengths.iter().copied().fold(1.0, f64::min);
        assert!((weakest - introducer.weakest_link).abs() < 1e-15);
    }
    for pair in ranking.introducers.windows(2) {
        assert!(
            pair[0].path.score >= pair[1].path.score,
            "not sorted by score"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ranking_equals_brute_force_over_simple_paths((n, edges) in graphs(), target in 1usize..9, hops in 1usize..5) {
        let (_, graph) = build(n, &edges);
        let target = (target % (n - 1) + 1) as u32;
        let ranking = rank(&graph, 0, Target::Person(PersonId(target)), hops);
        assert_matches_brute_force(&graph, &ranking, &[target], hops, true);
    }

    #[test]
    fn company_ranking_equals_brute_force_over_simple_paths(
        (n, edges) in graphs(),
        members in proptest::collection::btree_set(1usize..9, 1..4),
        hops in 1usize..5,
    ) {
        let (_, graph) = build(n, &edges);
        let members: Vec<u32> = members.into_iter().filter(|m| *m < n).map(|m| m as u32).collect();
        prop_assume!(!members.is_empty());
        let target = Target::Company {
            name: "Co".to_owned(),
            members: members.iter().map(|m| PersonId(*m)).collect(),
        };
        let ranking = rank(&graph, 0, target, hops);
        assert_matches_brute_force(&graph, &ranking, &members, hops, false);
    }

    #[test]
    fn adding_weak_ties_to_an_introducer_never_raises_its_rank(
        (n, edges) in graphs(),
        pick in any::<prop::sample::Index>(),
        extra in proptest::collection::vec(0.01f64..0.3, 1..60),
    ) {
        let (mut net, graph) = build(n, &edges);
        let target = PersonId((n - 1) as u32);
        let before = rank(&graph, 0, Target::Person(target), 3);
        prop_assume!(!before.introducers.is_empty());
        let chosen = &before.introducers[pick.index(before.introducers.len())];
        let name = graph.person(chosen.path.introducer()).name.clone();
        for (index, strength) in extra.iter().enumerate() {
            net.declare(&name, &format!("fan{index}"), Some(*strength));
        }
        let after_graph = net.graph();
        let after = rank(&after_graph, 0, Target::Person(target), 3);
        let after_rank = after
            .introducers
            .iter()
            .find(|introducer| after_graph.person(introducer.path.introducer()).name == name)
            .map(|introducer| introducer.rank)
            .unwrap();
        prop_assert!(after_rank >= chosen.rank, "rank rose from {} to {}", chosen.rank, after_rank);
    }
}

/// The best score over simple paths that start `source → introducer → second`
/// and end at a target within `hops` edges.
fn brute_force_through(
    graph: &RelationshipGraph,
    start: &[u32],
    targets: &[u32],
    hops: usize,
) -> f64 {
    let last = *start.last().unwrap();
    let mut best = 0.0_f64;
    if targets.contains(&last) {
        let nodes: Vec<PersonId> = start.iter().map(|id| PersonId(*id)).collect();
        return edge_strengths(graph, &nodes)
            .iter()
            .rev()
            .fold(1.0, |acc, s| s * acc);
    }
    if start.len() > hops {
        return 0.0;
    }
    let (neighbors, _) = graph.neighbors(PersonId(last));
    for &next in neighbors {
        if !start.contains(&next) {
            let mut longer = start.to_vec();
            longer.push(next);
            best = best.max(brute_force_through(graph, &longer, targets, hops));
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn alternatives_are_valid_distinct_and_exact_for_their_second_hop(
        (n, edges) in graphs(),
        hops in 2usize..5,
        limit in 1usize..4,
    ) {
        let (_, graph) = build(n, &edges);
        let target = (n - 1) as u32;
        let ranking = rank(&graph, 0, Target::Person(PersonId(target)), hops);
        for introducer in &ranking.introducers {
            let primary = &introducer.path;
            let alternatives = warmpath::intro::alternative_paths(&graph, primary, &[PersonId(target)], hops, limit);
            prop_assert!(alternatives.len() <= limit);
            let mut seconds = vec![primary.nodes[2]];
            for alternative in &alternatives {
                let nodes = &alternative.nodes;
                prop_assert_eq!(&nodes[..2], &primary.nodes[..2]);
                prop_assert_eq!(nodes.last().unwrap().0, target);
                prop_assert!(nodes.len() - 1 <= hops);
                let mut unique: Vec<u32> = nodes.iter().map(|id| id.0).collect();
                unique.sort_unstable();
                unique.dedup();
                prop_assert_eq!(unique.len(), nodes.len(), "not simple: {:?}", nodes);
                prop_assert!(!seconds.contains(&nodes[2]), "second hop repeated: {:?}", nodes);
                seconds.push(nodes[2]);
                let product: f64 = edge_strengths(&graph, nodes).iter().product();
                prop_assert!((product - alternative.score).abs() <= 1e-12);
                prop_assert!(alternative.score <= primary.score + 1e-15);
                let ids: Vec<u32> = nodes[..3].iter().map(|id| id.0).collect();
                let best = brute_force_through(&graph, &ids, &[target], hops);
                prop_assert!((best - alternative.score).abs() <= 1e-12 * best.max(1.0), "{} vs {}", alternative.score, best);
            }
            for pair in alternatives.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// DESIGN's "reach never raises strength": whatever the history of a
    /// tie, more contact between one side and other people — written or
    /// met, one-way or answered, declared connections — never makes the
    /// tie stronger.
    #[test]
    fn reach_never_raises_strength(
        history in proptest::collection::vec((0i64..400, 0usize..4, any::<bool>()), 1..30),
        others in proptest::collection::vec((0usize..40, 0i64..400, 0usize..4, any::<bool>()), 1..80),
    ) {
        let channels = [Channel::Meeting, Channel::Call, Channel::Email, Channel::Message];
        let mut net = Net::new();
        for (ago, channel, answered) in &history {
            net.interact("ana", &["bo"], channels[*channel], *ago, Some(30));
            if *answered {
                net.interact("bo", &["ana"], channels[*channel], *ago, Some(30));
            }
        }
        let before = net.strength("ana", "bo");
        for (who, ago, channel, answered) in &others {
            let other = format!("other{who}");
            if *channel == 3 && *answered {
                net.declare("bo", &other, None);
            }
            net.interact("bo", &[&other], channels[*channel], *ago, Some(30));
            if *answered {
                net.interact(&other, &["bo"], channels[*channel], *ago, Some(30));
            }
        }
        let after = net.strength("ana", "bo");
        prop_assert!(after <= before + 1e-12, "{before} → {after}");
    }

    /// Ties streamed strongest first, one decoded at a time, are the ties
    /// all decoded and sorted — every tie or one person's, from a fresh
    /// graph and from its snapshot.
    #[test]
    fn ties_streamed_in_strength_order_are_the_ties_sorted(
        (n, edges) in graphs(),
        history in proptest::collection::vec((0usize..8, 0usize..8, 0i64..300), 0..20),
        person in 0usize..9,
    ) {
        let mut net = Net::new();
        for index in 0..n {
            net.person(&format!("p{index}"));
        }
        for (a, b, strength) in &edges {
            net.declare(&format!("p{a}"), &format!("p{b}"), Some(*strength));
        }
        for (a, b, ago) in history {
            if a != b && a < n && b < n {
                net.interact(&format!("p{a}"), &[&format!("p{b}")], Channel::Email, ago, None);
            }
        }
        let fresh = net.graph();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("net.snap");
        warmpath::graph::write_snapshot(&fresh, &file).unwrap();
        let loaded = warmpath::graph::read_snapshot(&file).unwrap();
        let whom = (person < n).then_some(PersonId(person as u32));
        for graph in [&fresh, &loaded] {
            let streamed: Vec<_> = graph
                .ties_in_strength_order(whom)
                .unwrap()
                .map(|tie| tie.unwrap().into_owned())
                .collect();
            let decoded = read_snapshot_ties(&file, whom);
            prop_assert_eq!(&streamed, &decoded);
            // Once every tie is decoded, they are lent in the same order.
            graph.ties().unwrap();
            let lent: Vec<_> = graph
                .ties_in_strength_order(whom)
                .unwrap()
                .map(|tie| tie.unwrap().into_owned())
                .collect();
            prop_assert_eq!(&lent, &decoded);
        }
    }
}

/// Every tie of the snapshot at `file` (or `person`'s), all decoded, strongest first.
fn read_snapshot_ties(
    file: &std::path::Path,
    person: Option<PersonId>,
) -> Vec<warmpath::tie_strength::Tie> {
    let graph = warmpath::graph::read_snapshot(file).unwrap();
    graph
        .ties_by_strength(person)
        .unwrap()
        .into_iter()
        .cloned()
        .collect()
}
