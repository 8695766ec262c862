//! Pipeline benchmarks on seeded synthetic networks, swept over sizes:
//! ingest throughput (bytes of CSV per second), identity resolution and
//! scoring, snapshot load, and the introducer query. `cargo test --benches`
//! runs each once as a smoke test; `cargo bench` times them. Whole-binary
//! comparisons with graph libraries live in `benches/compare.sh`.

// A benchmark whose setup fails should stop loudly, like a test.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use warmpath::graph::{read_snapshot, write_snapshot};
use warmpath::identity::resolve_identities;
use warmpath::ingest::{IngestOptions, read_sources};
use warmpath::intro::{DEFAULT_MAX_HOPS, IntroQuery, rank_introducers, resolve_target};
use warmpath::pipeline::{BuildOptions, build_network};
use warmpath::progress::NoProgress;
use warmpath::synthetic::{SyntheticConfig, SyntheticNetwork, write_generic_dataset};
use warmpath::tie_strength::{Model, score_ties};
use warmpath::time::end_of_day;

/// People per network when timing (`cargo bench` passes `--bench`).
const SIZES: [u32; 3] = [2_000, 20_000, 100_000];
/// People per network for the smoke run (`cargo test --benches`).
const SMOKE_SIZES: [u32; 1] = [300];
const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 11, 20);

/// A generated dataset folder kept alive for the benchmark's duration.
struct Fixture {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    bytes: u64,
    target: String,
}

fn fixture(people: u32) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let network = SyntheticNetwork::generate(&SyntheticConfig::new(people, 42), &NoProgress);
    write_generic_dataset(&network, &folder, &NoProgress).unwrap();
    let bytes = ["people.csv", "interactions.csv", "relationships.csv"]
        .iter()
        .map(|name| std::fs::metadata(folder.join(name)).unwrap().len())
        .sum();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("synthetic.json")).unwrap()).unwrap();
    let target = meta["target"].as_str().unwrap().to_owned();
    Fixture {
        _dir: dir,
        folder,
        bytes,
        target,
    }
}

fn options() -> BuildOptions {
    BuildOptions {
        model: Model::default(),
        as_of: Some(AS_OF),
        today: AS_OF,
        ingest: IngestOptions::default(),
        owner_emails: Vec::new(),
    }
}

fn paths(folder: &Path) -> Vec<PathBuf> {
    vec![folder.to_path_buf()]
}

fn pipeline(c: &mut Criterion) {
    let timing = std::env::args().any(|arg| arg == "--bench");
    let sizes: &[u32] = if timing { &SIZES } else { &SMOKE_SIZES };
    for &people in sizes {
        let fixture = fixture(people);
        let mut group = c.benchmark_group("ingest");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(fixture.bytes));
        group.bench_with_input(BenchmarkId::from_parameter(people), &fixture, |b, f| {
            b.iter(|| read_sources(&paths(&f.folder), IngestOptions::default()).unwrap());
        });
        group.finish();

        let mut group = c.benchmark_group("resolve_and_score");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(fixture.bytes));
        group.bench_with_input(BenchmarkId::from_parameter(people), &fixture, |b, f| {
            b.iter_batched(
                || read_sources(&paths(&f.folder), IngestOptions::default()).unwrap(),
                |dataset| {
                    let resolved = resolve_identities(dataset).unwrap();
                    score_ties(&resolved, &Model::default(), end_of_day(AS_OF))
                },
                criterion::BatchSize::LargeInput,
            );
        });
        group.finish();

        let network = build_network(&paths(&fixture.folder), &options(), &NoProgress).unwrap();
        let graph = network.graph;
        let snapshot = fixture.folder.join("network.snap");
        write_snapshot(&graph, &snapshot).unwrap();
        let mut group = c.benchmark_group("snapshot_load");
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::from_parameter(people), &snapshot, |b, path| {
            b.iter(|| read_snapshot(path).unwrap());
        });
        group.finish();

        let from = graph.owners()[0];
        let target = resolve_target(&graph, &fixture.target).unwrap();
        let model = Model::default();
        let mut group = c.benchmark_group("intro_query");
        group.bench_function(BenchmarkId::from_parameter(people), |b| {
            b.iter(|| {
                let query = IntroQuery {
                    from,
                    target: target.clone(),
                    max_hops: DEFAULT_MAX_HOPS,
                    top: 10,
                };
                black_box(rank_introducers(&graph, query, &model).unwrap())
            });
        });
        group.bench_function(BenchmarkId::new("resolve_target", people), |b| {
            b.iter(|| resolve_target(&graph, black_box(&fixture.target)).unwrap());
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
