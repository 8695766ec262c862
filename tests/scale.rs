//! Synthetic networks and snapshots, through the built binary: generation is
//! deterministic, a snapshot answers exactly like a fresh build, and a damaged
//! snapshot is a clear error.

// Test helpers fail the test loudly on broken setup.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use crate::harness::run;

fn path(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn generate(folder: &Path, seed: &str, extra: &[&str]) {
    let mut args = vec![
        "generate",
        "--people",
        "1500",
        "--seed",
        seed,
        "--output",
        path(folder),
        "-q",
    ];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(output.status.success(), "{output:?}");
}

fn read(folder: &Path, name: &str) -> Vec<u8> {
    std::fs::read(folder.join(name)).expect("generated file exists")
}

#[test]
fn generate_writes_identical_files_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two, other) = (
        dir.path().join("one"),
        dir.path().join("two"),
        dir.path().join("other"),
    );
    generate(&one, "9", &[]);
    generate(&two, "9", &[]);
    generate(&other, "10", &[]);
    for name in [
        "people.csv",
        "interactions.csv",
        "relationships.csv",
        "warmpath.toml",
    ] {
        assert_eq!(read(&one, name), read(&two, name), "{name}");
    }
    assert_ne!(
        read(&one, "interactions.csv"),
        read(&other, "interactions.csv")
    );
    let channels = String::from_utf8(read(&one, "interactions.csv")).unwrap();
    for channel in [
        "meeting",
        "video",
        "call",
        "email",
        "message",
        "endorsement",
    ] {
        assert!(channels.contains(&format!(",{channel},")), "{channel}");
    }
}

#[test]
fn ties_only_writes_a_weighted_edge_list() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "3", &["--ties-only"]);
    let text = String::from_utf8(read(dir.path(), "relationships.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("a,b,strength"));
    for line in lines.take(100) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 3, "{line}");
        let strength: f64 = fields[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&strength), "{line}");
    }
}

fn json_of(args: &[&str]) -> String {
    let output = run(args);
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{output:?}"
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn snapshot_answers_exactly_like_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    generate(&data, "5", &[]);
    let snapshot = dir.path().join("network.snap");
    let output = run(&[
        "build",
        "--data",
        path(&data),
        "--output",
        path(&snapshot),
        "-q",
    ]);
    assert!(output.status.success(), "{output:?}");
    let meta: serde_json::Value = serde_json::from_slice(&read(&data, "synthetic.json")).unwrap();
    let target = meta["target"].as_str().unwrap();
    for (folder, snap) in [(path(&data), path(&snapshot))] {
        for command in [
            vec!["intro", target, "--format", "json", "-q"],
            vec!["ties", "--format", "json", "-q"],
            vec!["explain", "p0", "p1", "--format", "json", "-q"],
        ] {
            // The ingest account describes the files read, which differ by design.
            let answer = |data: &str| {
                let mut value: serde_json::Value =
                    serde_json::from_str(&json_of(&[&command[..], &["--data", data]].concat()))
                        .unwrap();
                if let Some(object) = value.as_object_mut() {
                    object.remove("ingest");
                }
                value
            };
            assert_eq!(answer(folder), answer(snap), "{command:?}");
        }
    }
}

#[test]
fn explain_on_a_snapshot_shows_the_weights_it_was_scored_with() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    generate(&data, "5", &[]);
    let model = dir.path().join("model.toml");
    std::fs::write(&model, "[weights]\nregularity = 0.5\n").unwrap();
    let snapshot = dir.path().join("network.snap");
    let built = run(&[
        "build",
        "--data",
        path(&data),
        "--model",
        path(&model),
        "--output",
        path(&snapshot),
        "-q",
    ]);
    assert!(built.status.success(), "{built:?}");
    // Asked without --model, the snapshot still explains with its own weights.
    let from_snapshot: serde_json::Value = serde_json::from_str(&json_of(&[
        "explain",
        "p0",
        "p1",
        "--format",
        "json",
        "-q",
        "--data",
        path(&snapshot),
    ]))
    .unwrap();
    let from_data: serde_json::Value = serde_json::from_str(&json_of(&[
        "explain",
        "p0",
        "p1",
        "--format",
        "json",
        "-q",
        "--model",
        path(&model),
        "--data",
        path(&data),
    ]))
    .unwrap();
    let regularity = |value: &serde_json::Value| {
        value["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|term| term["name"] == "regularity")
            .map(|term| term["weight"].as_f64().unwrap())
    };
    assert_eq!(regularity(&from_snapshot), Some(0.5));
    assert_eq!(from_snapshot["components"], from_data["components"]);
}

fn snapshot_error(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.snap");
    std::fs::write(&file, bytes).unwrap();
    let output = run(&["ties", "--data", path(&file), "-q"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn damaged_snapshots_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = dir.path().join("demo.snap");
    let output = run(&[
        "build",
        "--data",
        "data/demo",
        "--output",
        path(&snapshot),
        "-q",
    ]);
    assert!(output.status.success(), "{output:?}");
    let good = std::fs::read(&snapshot).unwrap();

    let truncated = snapshot_error(&good[..good.len() - 10]);
    assert!(truncated.contains("truncated"), "{truncated}");
    let short_header = snapshot_error(&good[..24]);
    assert!(short_header.contains("truncated"), "{short_header}");

    let mut corrupt = good.clone();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0x40;
    let corrupt = snapshot_error(&corrupt);
    assert!(corrupt.contains("checksum"), "{corrupt}");

    let mut other_version = good.clone();
    other_version[18] = 99;
    let other_version = snapshot_error(&other_version);
    assert!(other_version.contains("version 99"), "{other_version}");
    assert!(other_version.contains("warmpath build"), "{other_version}");
}
