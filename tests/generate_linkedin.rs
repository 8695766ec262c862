//! `warmpath generate --format linkedin`: owners' exports that the real
//! pipeline reads without a skip, byte-identical for a seed, and pooled into
//! one team whose introducers rank.

use std::path::{Path, PathBuf};

use crate::harness::warmpath;
use predicates::str::contains;
use warmpath::ingest::{IngestOptions, read_sources};
use warmpath::progress::NoProgress;
use warmpath::synthetic::{SyntheticConfig, SyntheticNetwork, write_linkedin_exports};

fn generate(folder: &Path, people: u32, seed: u64, owners: u32) -> SyntheticNetwork {
    let network = SyntheticNetwork::generate(&SyntheticConfig::new(people, seed), &NoProgress);
    write_linkedin_exports(&network, folder, owners, &NoProgress).unwrap();
    network
}

fn synthetic_json(folder: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(folder.join("synthetic.json")).unwrap()).unwrap()
}

/// The person index a generated profile URL ends with (`…-<hex>`).
fn index_of(url: &str) -> u32 {
    u32::from_str_radix(url.rsplit('-').next().unwrap(), 16).unwrap()
}

fn zips(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "zip"))
        .collect();
    found.sort();
    found
}

#[test]
fn generated_linkedin_exports_parse_without_skips() {
    let dir = tempfile::tempdir().unwrap();
    let network = generate(dir.path(), 300, 5, 3);
    assert_eq!(zips(dir.path()).len(), 3);
    let data = read_sources(&[dir.path().join("team.toml")], IngestOptions::default()).unwrap();
    assert_eq!(data.owners.len(), 3);
    assert!(data.as_of.is_some());
    let files = &data.summary.files;
    for family in [
        "Profile.csv",
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
    ] {
        let count = files
            .iter()
            .filter(|file| file.path.ends_with(family))
            .count();
        assert_eq!(count, 3, "{family} in every export");
    }
    for family in [
        "Endorsement_Received_Info.csv",
        "Endorsement_Given_Info.csv",
    ] {
        assert!(
            files.iter().any(|file| file.path.ends_with(family)),
            "{family}"
        );
    }
    for file in files {
        assert!(file.rows_read > 0 || !file.path.ends_with("Connections.csv"));
        assert_eq!(
            file.rows_read,
            file.rows_used,
            "{}: skipped {:?}",
            file.path.display(),
            file.skipped
        );
    }
    let owners = synthetic_json(dir.path())["owners"].clone();
    for url in owners.as_array().unwrap() {
        let url = url.as_str().unwrap();
        let owner = index_of(url);
        let ties = network
            .ties
            .iter()
            .filter(|tie| tie.a == owner || tie.b == owner)
            .count() as u64;
        let slug = url.rsplit('/').next().unwrap();
        let connections = files
            .iter()
            .find(|file| file.path.ends_with(format!("{slug}.zip/Connections.csv")))
            .unwrap();
        assert_eq!(connections.rows_used, ties, "{slug}");
    }
}

#[test]
fn the_same_seed_gives_the_same_exports() {
    let (one, two, other) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(one.path(), 200, 9, 2);
    generate(two.path(), 200, 9, 2);
    generate(other.path(), 200, 10, 2);
    let names = |folder: &Path| -> Vec<_> {
        zips(folder)
            .iter()
            .map(|path| path.file_name().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(one.path()), names(two.path()));
    for name in names(one.path()).iter().chain([&"team.toml".into()]) {
        assert_eq!(
            std::fs::read(one.path().join(name)).unwrap(),
            std::fs::read(two.path().join(name)).unwrap(),
            "{name:?}"
        );
    }
    let first = |folder: &Path| std::fs::read(&zips(folder)[0]).unwrap();
    assert_ne!(first(one.path()), first(other.path()));
}

#[test]
fn owners_exports_pool_into_one_team() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("team");
    warmpath()
        .args(["generate", "--format", "linkedin", "--people", "300"])
        .args(["--owners", "3", "--seed", "2", "--quiet", "--output"])
        .arg(&output)
        .assert()
        .success();
    let target = synthetic_json(&output)["target"]
        .as_str()
        .unwrap()
        .to_owned();
    // Exit 1 says no path is genuine (LinkedIn evidence alone is weak), but
    // the introducers are still ranked.
    let output = warmpath()
        .args([
            "intro", &target, "--from", "team", "--format", "json", "--quiet",
        ])
        .arg("--data")
        .arg(output.join("team.toml"))
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = output.stdout;
    let answer: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(answer["from"]["team"].as_array().unwrap().len(), 3);
    let introducers = answer["introducers"].as_array().unwrap();
    assert!(!introducers.is_empty(), "{answer:#}");
}

#[test]
fn owners_must_be_between_one_and_the_people() {
    let dir = tempfile::tempdir().unwrap();
    for owners in ["0", "51"] {
        warmpath()
            .args(["generate", "--format", "linkedin", "--people", "50"])
            .args(["--owners", owners, "--quiet", "--output"])
            .arg(dir.path())
            .assert()
            .failure()
            .stderr(contains("--owners must be between 1 and"));
    }
}
