//! Exact hop-bounded most-reliable paths, best one per introducer.
//!
//! For a source `S`, targets `T` and a bound of `H` edges, finds for every
//! neighbour `i` of `S` (the introducer) the path `S → i → … → t` of at most
//! `H` edges, not returning to `S`, that maximises the product of the edge
//! strengths.
//!
//! Method: a layered Bellman-Ford run backwards from the targets over the
//! graph without `S`: `B_k(v)` is the best product of a path from `v` to a
//! target with at most `k` edges. Layers `0..H-2` are expanded from the nodes
//! improved in the previous layer only; the last layer is needed only at the
//! introducers, so it is either pushed from the last frontier or pulled from
//! each introducer's neighbours, whichever touches fewer edges (a
//! meet-in-the-middle choice). The cost is bounded by the edges within
//! `H − 2` hops of the targets plus `min(edges around the frontier, edges
//! around S's neighbours)`, never by the size of the network, and no path is
//! ever enumerated.
//!
//! Strengths are at most 1, so a walk that repeats a node is never better than
//! the simple path without the cycle; values improve only strictly, so each
//! value is first reached by a shortest walk achieving it, which is simple.
//! Hence the result equals the best over simple paths (checked against brute
//! force in the property tests).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::graph::RelationshipGraph;
use crate::identity::PersonId;

const NONE: u32 = u32::MAX;

/// The best path through one introducer.
#[derive(Debug, Clone, PartialEq)]
pub struct IntroPath {
    /// From the source to a target, inclusive.
    pub nodes: Vec<PersonId>,
    /// Product of the edge strengths.
    pub score: f64,
}

impl IntroPath {
    /// The introducer: the first hop from the source.
    #[must_use]
    pub fn introducer(&self) -> PersonId {
        self.nodes[1]
    }
}

/// A value reached at some layer, linked to the node's previous value.
#[derive(Debug, Clone, Copy)]
struct Entry {
    layer: u32,
    value: f64,
    next: u32,
    older: u32,
}

/// Hashes `u32` node ids by multiplication: ids are dense and trusted.
#[derive(Default)]
struct NodeHasher(u64);

impl Hasher for NodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, value: u32) {
        self.0 = u64::from(value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type NodeMap<V> = HashMap<u32, V, BuildHasherDefault<NodeHasher>>;

/// Layered values, with each node's history kept for path reconstruction.
#[derive(Default)]
struct Layers {
    entries: Vec<Entry>,
    latest: NodeMap<u32>,
}

impl Layers {
    /// The node's best value using at most `layer` edges, and its entry.
    fn at(&self, node: u32, layer: u32) -> Option<Entry> {
        let mut index = *self.latest.get(&node)?;
        loop {
            let entry = self.entries[index as usize];
            if entry.layer <= layer {
                return Some(entry);
            }
            if entry.older == NONE {
                return None;
            }
            index = entry.older;
        }
    }

    fn set(&mut self, node: u32, layer: u32, value: f64, next: u32) {
        let older = self.latest.get(&node).copied().unwrap_or(NONE);
        self.latest.insert(node, self.entries.len() as u32);
        self.entries.push(Entry {
            layer,
            value,
            next,
            older,
        });
    }
}

/// True when `(value, next)` beats the current best: higher value, then the
/// smaller next hop (so results do not depend on iteration order).
fn beats(value: f64, next: u32, best: Option<(f64, u32)>) -> bool {
    match best {
        None => value > 0.0,
        Some((best_value, best_next)) => match value.total_cmp(&best_value) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => next < best_next,
            std::cmp::Ordering::Less => false,
        },
    }
}

/// Finds the best path of at most `max_hops` edges from `source` through each
/// of its neighbours to any of `targets`.
///
/// Returns one [`IntroPath`] per introducer that reaches a target with a
/// positive score, in no particular order. Targets that are neighbours of
/// `source` appear as one-edge paths (useful for company targets); the caller
/// drops them for a single-person target. `source` is never a target.
///
/// Complexity: see the module documentation; memory is proportional to the
/// nodes within `max_hops − 1` hops of the targets.
#[must_use]
pub fn best_paths_by_introducer(
    graph: &RelationshipGraph,
    source: PersonId,
    targets: &[PersonId],
    max_hops: usize,
) -> Vec<IntroPath> {
    search(graph, source, targets, max_hops).0
}

/// Alternatives to an introducer's best path: the best path through each
/// *other* second hop, strongest first, at most `limit` of them.
///
/// Given the introducer's best path `S → i → x → … → t`, returns paths
/// `S → i → y → … → t` with `y ≠ x`, each the best from `y` within the hop
/// bound (paths that would come back through `i` are left out). A one-edge
/// path (an insider of a company target) has no alternatives. The layers of
/// the search are rebuilt once per call, at the cost of one search.
#[must_use]
pub fn alternative_paths(
    graph: &RelationshipGraph,
    primary: &IntroPath,
    targets: &[PersonId],
    max_hops: usize,
    limit: usize,
) -> Vec<IntroPath> {
    let (source, introducer) = (primary.nodes[0], primary.introducer());
    if primary.nodes.len() < 3 || max_hops < 2 || limit == 0 {
        return Vec::new();
    }
    let (_, layers) = search(graph, source, targets, max_hops);
    let budget = (max_hops - 2) as u32;
    let first = edge_strength(graph, source, introducer);
    let (neighbors, strengths) = graph.neighbors(introducer);
    let mut alternatives: Vec<IntroPath> = neighbors
        .iter()
        .zip(strengths)
        .filter(|(next, _)| **next != source.0 && **next != primary.nodes[2].0)
        .filter_map(|(&next, &strength)| {
            let entry = layers.at(next, budget)?;
            let nodes = walk(&layers, source, introducer.0, next, entry.layer + 1);
            let simple = !nodes[2..].contains(&introducer);
            let score = first * (f64::from(strength) * entry.value);
            (simple && score > 0.0).then_some(IntroPath { nodes, score })
        })
        .collect();
    alternatives.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.nodes[2].cmp(&y.nodes[2]))
    });
    alternatives.truncate(limit);
    alternatives
}

fn edge_strength(graph: &RelationshipGraph, from: PersonId, to: PersonId) -> f64 {
    let (neighbors, strengths) = graph.neighbors(from);
    neighbors
        .binary_search(&to.0)
        .map_or(0.0, |index| f64::from(strengths[index]))
}

/// The search itself: the best path per introducer, and the layers it built.
#[allow(clippy::too_many_lines)] // one algorithm in layers; splitting it would hide the invariants
fn search(
    graph: &RelationshipGraph,
    source: PersonId,
    targets: &[PersonId],
    max_hops: usize,
) -> (Vec<IntroPath>, Layers) {
    if max_hops == 0 {
        return (Vec::new(), Layers::default());
    }
    let last_layer = (max_hops - 1) as u32;
    let mut layers = Layers::default();
    let mut frontier: Vec<u32> = Vec::new();
    for target in targets {
        if *target != source && layers.at(target.0, 0).is_none() {
            layers.set(target.0, 0, 1.0, NONE);
            frontier.push(target.0);
        }
    }
    frontier.sort_unstable();

    for layer in 1..last_layer {
        frontier = expand_layer(graph, source, &mut layers, &frontier, layer);
    }

    // The last layer, only at the introducers.
    let (introducers, first_hops) = graph.neighbors(source);
    let mut finals: Vec<Option<(f64, u32, u32)>> = introducers
        .iter()
        .map(|&node| {
            layers
                .at(node, last_layer)
                .map(|entry| (entry.value, entry.next, entry.layer))
        })
        .collect();
    if last_layer > 0 {
        let edges_of = |nodes: &mut dyn Iterator<Item = &u32>| -> usize {
            nodes.map(|node| graph.degree(PersonId(*node))).sum()
        };
        let pull_cost = edges_of(&mut introducers.iter());
        let push_cost = edges_of(&mut frontier.iter());
        let previous = last_layer - 1;
        let mut relax = |slot: usize, node: u32, strength: f32| {
            if let Some(from) = layers.at(node, previous) {
                let value = f64::from(strength) * from.value;
                let best = finals[slot].map(|(value, next, _)| (value, next));
                let current = layers
                    .at(introducers[slot], previous)
                    .map_or(0.0, |entry| entry.value);
                if value > current && beats(value, node, best) {
                    finals[slot] = Some((value, node, last_layer));
                }
            }
        };
        if pull_cost <= push_cost {
            for (slot, &introducer) in introducers.iter().enumerate() {
                let (neighbors, strengths) = graph.neighbors(PersonId(introducer));
                for (&next, &strength) in neighbors.iter().zip(strengths) {
                    if next != source.0 {
                        relax(slot, next, strength);
                    }
                }
            }
        } else {
            let slot_of: NodeMap<usize> = introducers
                .iter()
                .enumerate()
                .map(|(slot, node)| (*node, slot))
                .collect();
            for &node in &frontier {
                let (neighbors, strengths) = graph.neighbors(PersonId(node));
                for (&next, &strength) in neighbors.iter().zip(strengths) {
                    if let Some(&slot) = slot_of.get(&next) {
                        relax(slot, node, strength);
                    }
                }
            }
        }
    }

    let paths = introducers
        .iter()
        .zip(first_hops)
        .zip(finals)
        .filter_map(|((&introducer, &strength), best)| {
            let (value, next, layer) = best?;
            let score = f64::from(strength) * value;
            (score > 0.0).then(|| IntroPath {
                nodes: walk(&layers, source, introducer, next, layer),
                score,
            })
        })
        .collect();
    (paths, layers)
}

/// Computes layer `layer` from the nodes improved in the previous one
/// (`frontier`, sorted) and returns the nodes it improves, sorted.
fn expand_layer(
    graph: &RelationshipGraph,
    source: PersonId,
    layers: &mut Layers,
    frontier: &[u32],
    layer: u32,
) -> Vec<u32> {
    let mut improved: NodeMap<(f64, u32)> = NodeMap::default();
    for &node in frontier {
        let Some(from) = layers.at(node, layer - 1) else {
            continue;
        };
        let (neighbors, strengths) = graph.neighbors(PersonId(node));
        for (&next, &strength) in neighbors.iter().zip(strengths) {
            if next == source.0 {
                continue;
            }
            let value = f64::from(strength) * from.value;
            let current = layers.at(next, layer - 1).map_or(0.0, |entry| entry.value);
            if value > current && beats(value, node, improved.get(&next).copied()) {
                improved.insert(next, (value, node));
            }
        }
    }
    let mut updates: Vec<(u32, (f64, u32))> = improved.into_iter().collect();
    updates.sort_unstable_by_key(|(node, _)| *node);
    for &(node, (value, next)) in &updates {
        layers.set(node, layer, value, next);
    }
    updates.into_iter().map(|(node, _)| node).collect()
}

/// Rebuilds the path `source → introducer → … → target` from the layers.
fn walk(
    layers: &Layers,
    source: PersonId,
    introducer: u32,
    mut next: u32,
    mut layer: u32,
) -> Vec<PersonId> {
    let mut nodes = vec![source, PersonId(introducer)];
    while next != NONE && layer > 0 {
        nodes.push(PersonId(next));
        let Some(entry) = layers.at(next, layer - 1) else {
            break;
        };
        next = entry.next;
        layer = entry.layer;
    }
    nodes
}
