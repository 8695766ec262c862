//! Answers a new user would find wrong, each kept right by a test: the
//! future never counts, asking about yourself is a usage error, `generate`
//! never overwrites without being asked.

use predicates::prelude::*;
use predicates::str::contains;

use crate::harness::{fixture, warmpath};

#[test]
fn nothing_dated_after_the_as_of_date_counts() {
    let data = fixture("future-evidence");
    // As of 2026 the 2026 declaration and meeting make Ana and Bo strong.
    warmpath()
        .args(["explain", "ana", "bo", "-q", "--data"])
        .arg(&data)
        .assert()
        .success()
        .stdout(contains("strong"));
    // As of 2023 neither existed yet: no tie at all, and stderr says why.
    warmpath()
        .args(["explain", "ana", "bo", "--as-of", "2023-01-01", "--data"])
        .arg(&data)
        .assert()
        .code(2)
        .stderr(contains("have no tie"))
        .stderr(contains(
            "ignored 1 declared relationships dated after the as-of date 2023-01-01",
        ))
        .stderr(contains(
            "ignored 1 interactions dated after the as-of date 2023-01-01",
        ));
    // The tie that existed then still counts.
    warmpath()
        .args([
            "explain",
            "ana",
            "cy",
            "-q",
            "--as-of",
            "2023-01-01",
            "--data",
        ])
        .arg(&data)
        .assert()
        .success();
}

#[test]
fn asking_for_an_introduction_to_yourself_is_a_usage_error() {
    warmpath()
        .args(["intro", "Maya Okafor", "--data", "data/demo", "-q"])
        .assert()
        .code(2)
        .stderr(contains("Maya Okafor is the one asking"));
    warmpath()
        .args([
            "intro",
            "sam",
            "--data",
            "data/demo/team.toml",
            "--from",
            "team",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(contains("is the one asking"));
    warmpath()
        .args([
            "explain",
            "maya",
            "Maya Okafor",
            "--data",
            "data/demo",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(contains("a tie needs two different people"));
}

#[test]
fn generate_refuses_a_folder_with_files_unless_forced_and_says_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("net");
    let generate = |extra: &[&str]| {
        let mut command = warmpath();
        command
            .args(["generate", "--people", "40", "-q", "--output"])
            .arg(&output)
            .args(extra);
        command.assert()
    };
    generate(&["--seed", "3"])
        .success()
        .stdout(contains("wrote 5 files"))
        .stdout(contains("people.csv"))
        .stdout(contains("interactions.csv"));
    let before = std::fs::read(output.join("people.csv")).unwrap();
    assert_eq!(
        std::fs::read_dir(&output).unwrap().count(),
        5,
        "the summary counts what is there"
    );
    std::fs::write(output.join("notes.txt"), "mine").unwrap();
    generate(&["--seed", "4"])
        .code(2)
        .stderr(contains("is not empty"))
        .stderr(contains("--force"));
    assert_eq!(std::fs::read(output.join("people.csv")).unwrap(), before);
    generate(&["--seed", "4", "--force"])
        .success()
        .stdout(contains("people.csv"))
        .stdout(contains("notes.txt").not());
    assert_eq!(
        std::fs::read_to_string(output.join("notes.txt")).unwrap(),
        "mine"
    );
}
