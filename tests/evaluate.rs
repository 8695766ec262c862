//! `warmpath evaluate` and the research-dataset readers: SNAP and
//! `SocioPatterns` fixtures, hand-computed metrics, and the published figures
//! on the real datasets (skipped when `../shared/datasets` is absent).

// Helpers shared by the tests below fail the test by panicking, like the tests.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::harness::warmpath;
use warmpath::ingest::{Channel, IngestOptions, read_sources};

const COLLEGEMSG_SAMPLE: &str = "data/fixtures/collegemsg-sample/CollegeMsg.txt";
const SOCIOPATTERNS_SAMPLE: &str = "data/fixtures/sociopatterns-sample";

fn evaluate_json(args: &[&str]) -> serde_json::Value {
    let output = warmpath()
        .arg("evaluate")
        .args(args)
        .args(["--quiet", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn auc(result: &serde_json::Value, name: &str) -> f64 {
    result["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|score| score["name"] == name)
        .unwrap()["auc"]
        .as_f64()
        .unwrap()
}

#[test]
fn reads_a_snap_edge_list_accounting_for_every_row() {
    let dataset = read_sources(
        &[PathBuf::from(COLLEGEMSG_SAMPLE)],
        IngestOptions::default(),
    )
    .unwrap();
    let file = &dataset.summary.files[0];
    assert_eq!(
        (file.rows_read, file.rows_used, file.rows_skipped()),
        (17, 15, 2)
    );
    assert_eq!(file.skipped["self-tie"], 1);
    assert_eq!(file.skipped["not SRC DST UNIXTS"], 1);
    assert_eq!(dataset.interactions.len(), 15);
    let first = &dataset.interactions[0];
    assert_eq!(first.at, 1_082_000_000);
    assert_eq!(first.channel, Channel::Message);
    assert_eq!(dataset.refs.get(first.from).id.as_deref(), Some("1"));
    assert_eq!(dataset.refs.get(first.to[0]).id.as_deref(), Some("2"));
}

#[test]
fn strict_rejects_a_malformed_snap_row_with_its_line() {
    let error = read_sources(
        &[PathBuf::from(COLLEGEMSG_SAMPLE)],
        IngestOptions {
            strict: true,
            ..IngestOptions::default()
        },
    )
    .unwrap_err();
    assert!(error.to_string().contains("CollegeMsg.txt:11"), "{error}");
}

#[test]
fn merges_consecutive_contact_slots_into_one_meeting() {
    let dataset = read_sources(
        &[PathBuf::from(SOCIOPATTERNS_SAMPLE)],
        IngestOptions::default(),
    )
    .unwrap();
    // 54 slots of 20 s form 25 meetings (checked by an independent script).
    assert_eq!(dataset.interactions.len(), 25);
    let contacts = dataset
        .summary
        .files
        .iter()
        .find(|file| file.kind == "sociopatterns contacts")
        .unwrap();
    assert_eq!((contacts.rows_read, contacts.rows_used), (54, 54));
    // Slots ending at 44560 and 44580 are one 40-second meeting from 44540.
    let first_119_198 = dataset
        .interactions
        .iter()
        .filter(|meeting| {
            dataset.refs.get(meeting.from).id.as_deref() == Some("119")
                && dataset.refs.get(meeting.to[0]).id.as_deref() == Some("198")
        })
        .min_by_key(|meeting| meeting.at)
        .unwrap();
    assert_eq!(first_119_198.at, 44_540);
    assert_eq!(first_119_198.duration_secs, Some(40));
    assert_eq!(first_119_198.channel, Channel::Meeting);
    // Departments become companies; people without contacts are still people.
    assert_eq!(dataset.people.len(), 5);
    assert!(
        dataset
            .people
            .iter()
            .any(|person| person.id.as_deref() == Some("20")
                && person.company.as_deref() == Some("DCAR"))
    );
}

#[test]
fn counts_duplicate_and_malformed_contact_rows_as_skipped() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("tij_test.dat"),
        "100 1 2\n120 2 1\n120 1 2\n140 1 2\nbad row here\n200 3 3\n",
    )
    .unwrap();
    let dataset = read_sources(&[folder.path().to_path_buf()], IngestOptions::default()).unwrap();
    let file = &dataset.summary.files[0];
    assert_eq!((file.rows_read, file.rows_used), (6, 3));
    assert_eq!(file.skipped["duplicate slot"], 1);
    assert_eq!(file.skipped["not 't i j'"], 1);
    assert_eq!(file.skipped["self-tie"], 1);
    assert_eq!(dataset.interactions.len(), 1);
    assert_eq!(dataset.interactions[0].at, 80);
    assert_eq!(dataset.interactions[0].duration_secs, Some(60));
}

#[test]
fn evaluate_reports_hand_computed_baselines_on_the_sample() {
    let result = evaluate_json(&["--data", COLLEGEMSG_SAMPLE, "--holdout", "0.3"]);
    // Split at 70 % of 1,100,000 s; pairs before: 1–2 (5), 1–3 (2), 4–5 (2),
    // 1–6 (1), 2–3 (1); after: 1–2, 1–3 and the new pair 4–6.
    assert_eq!(result["candidates"], 5);
    assert_eq!(result["positives"], 2);
    assert_eq!(result["negatives"], 3);
    assert_eq!(result["new_pairs"], 1);
    assert!((auc(&result, "interaction count") - 11.0 / 12.0).abs() < 1e-9);
    assert!((auc(&result, "recency") - 1.0 / 3.0).abs() < 1e-9);
    assert!((auc(&result, "degree") - 1.0).abs() < 1e-9);
}

#[test]
fn evaluate_prints_the_split_the_counts_and_every_score() {
    warmpath()
        .args(["evaluate", "--data", COLLEGEMSG_SAMPLE, "--k", "1,2"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "split at 2004-04-24 01:26:40 UTC (70 %",
        ))
        .stdout(predicates::str::contains(
            "candidates: 5 pairs in touch before the split; 2 in touch again",
        ))
        .stdout(predicates::str::is_match("score +ROC AUC +P@1 +P@2").unwrap())
        .stdout(predicates::str::is_match("interaction count +0.917").unwrap())
        .stderr(predicates::str::contains("17 rows, 15 used, 2 skipped"));
}

#[test]
fn evaluate_rejects_a_split_outside_the_history() {
    warmpath()
        .args([
            "evaluate",
            "--data",
            COLLEGEMSG_SAMPLE,
            "--split",
            "2010-01-01",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the split must fall inside"));
}
/// A real dataset under `../shared/datasets` (or `$WARMPATH_DATASETS`), or
/// `None` with a printed note when it is absent.
fn real_dataset(relative: &str) -> Option<PathBuf> {
    let folder = std::env::var_os("WARMPATH_DATASETS")
        .map_or_else(|| PathBuf::from("../shared/datasets"), PathBuf::from);
    let path = folder.join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "skipped: {} is absent (set WARMPATH_DATASETS to the datasets folder to run it)",
            path.display()
        );
        None
    }
}

/// How far a published AUC may fall before the test fails.
const AUC_TOLERANCE: f64 = 0.005;

fn check_published(data: &Path, published_strength: f64) {
    let result = evaluate_json(&["--data", data.to_str().unwrap(), "--holdout", "0.3"]);
    let strength = auc(&result, "strength");
    assert!(
        strength >= published_strength - AUC_TOLERANCE,
        "{}: strength AUC {strength:.4} fell below the published {published_strength:.3}",
        data.display()
    );
    for baseline in ["interaction count", "recency", "degree"] {
        assert!(
            strength > auc(&result, baseline),
            "{}: strength AUC {strength:.4} no longer beats {baseline} ({:.4})",
            data.display(),
            auc(&result, baseline)
        );
    }
}

#[test]
fn published_collegemsg_figures_hold() {
    if let Some(path) = real_dataset("collegemsg/CollegeMsg.txt") {
        check_published(&path, 0.907);
    }
}

#[test]
fn published_sociopatterns_figures_hold() {
    if let Some(path) = real_dataset("sociopatterns-workplace-2015") {
        check_published(&path, 0.746);
    }
}
