//! Who is who: `warmpath who` shows every merge with its reason, the
//! user's corrections (`identities.csv`, `[[same]]` and `[[different]]` in
//! `warmpath.toml`) change who is whom before anything is scored and are
//! never ignored silently, and `who --suspects` finds near-duplicates.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use predicates::str::{contains, is_match};
use serde_json::Value;

use crate::harness::{fixture, run, warmpath};

const MERGES: &str = "data/fixtures/identity-merge-reasons";
const WEAK: &str = "data/fixtures/identity-weak-merge";
const SUSPECTS: &str = "data/fixtures/identity-suspects";

/// A copy of fixture `name` in a temporary folder, to add corrections to.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(name);
    std::fs::create_dir(&folder).unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    (dir, folder)
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stdout_json(args: &[&str]) -> Value {
    let output = run(args);
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn first_introducer(intro: &Value) -> &str {
    intro["introducers"][0]["introducer"]["name"]
        .as_str()
        .unwrap()
}

fn introducer_names(intro: &Value) -> Vec<&str> {
    intro["introducers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["introducer"]["name"].as_str().unwrap())
        .collect()
}

#[test]
fn who_shows_every_record_with_its_line_and_the_key_that_merged_it() {
    let people = format!("{MERGES}/people.csv");
    warmpath()
        .args(["who", "sam", "--data", MERGES, "-q"])
        .assert()
        .success()
        .stdout(contains(
            "6 records, 5 merges (3 strong, 1 weak, 1 corrected)",
        ))
        .stdout(contains(format!("{people}:2")).and(contains("first record")))
        .stdout(contains(format!("{people}:3")))
        .stdout(contains("strong: email sam@northwind.example → #1"))
        .stdout(contains("strong: id sam → #1"))
        .stdout(contains(
            "strong: profile linkedin.com/in/sam-patel-4d3c1a → #1",
        ))
        .stdout(contains(
            "weak: name+company sam patel @ northwind traders → #1",
        ))
        .stdout(contains(format!(
            "{MERGES}/identities.csv:3 (from the correction)"
        )))
        .stdout(contains(
            "corrected: same sam@northwind.example = sammy@gmail.example",
        ))
        .stdout(is_match(r"sammy@gmail\.example +by email +2 rows").unwrap());
}

#[test]
fn who_in_json_gives_each_record_its_file_line_identifiers_and_merge_kind() {
    let json = stdout_json(&["who", "sam", "--data", MERGES, "--format", "json", "-q"]);
    assert_eq!(json["records_kept"], true);
    let person = &json["people"][0];
    assert_eq!(person["merges"]["strong"], 3);
    assert_eq!(person["merges"]["weak"], 1);
    assert_eq!(person["merges"]["corrected"], 1);
    let records = person["records"].as_array().unwrap();
    let kinds: Vec<(u64, Option<&str>)> = records
        .iter()
        .map(|record| {
            (
                record["line"].as_u64().unwrap(),
                record["merged"][0]["kind"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (2, None),
            (3, Some("strong")),
            (4, Some("strong")),
            (5, Some("strong")),
            (6, Some("weak")),
            (3, Some("corrected")),
        ]
    );
    assert_eq!(records[2]["name"], "Samuel Patel");
    assert_eq!(records[5]["from_correction"], true);
    assert!(
        records[5]["file"]
            .as_str()
            .unwrap()
            .ends_with("identities.csv")
    );
    assert_eq!(json["corrections"][0]["status"], "merged");
}

#[test]
fn who_says_why_people_with_the_same_name_were_not_merged() {
    warmpath()
        .args(["who", "sam", "--data", MERGES, "-q"])
        .assert()
        .success()
        .stdout(contains("Same name, not merged:"))
        .stdout(contains(
            "Sam Patel <sam@contoso.example> (sam@contoso.example · Contoso): different companies (Northwind Traders; Contoso)",
        ))
        .stdout(contains(
            "Sam Patel <sam@freelance.example> (sam@freelance.example): they have no company, and a name alone never merges",
        ));
}

#[test]
fn who_on_a_name_shared_by_several_people_shows_each_of_them() {
    warmpath()
        .args(["who", "sam patel", "--data", MERGES, "-q"])
        .assert()
        .success()
        .stdout(contains("'sam patel' is 3 people:"))
        .stdout(contains("Sam Patel (sam@contoso.example · Contoso)"));
}

#[test]
fn who_from_a_snapshot_shows_the_merge_notes_and_says_the_records_are_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = dir.path().join("merges.snap");
    let built = run(&["build", "--data", MERGES, "-o", text(&snapshot), "-q"]);
    assert!(built.status.success(), "{built:?}");
    warmpath()
        .args(["who", "sam", "--data", text(&snapshot), "-q"])
        .assert()
        .success()
        .stdout(contains("5 merges (3 strong, 1 weak, 1 corrected)"))
        .stdout(contains(
            "a snapshot keeps these, not the records' files and lines",
        ))
        .stdout(contains(
            "weak       name+company sam patel @ northwind traders",
        ))
        .stdout(contains(
            "corrected  same sam@northwind.example = sammy@gmail.example",
        ))
        .stdout(contains("different companies"));
    let json = stdout_json(&[
        "who",
        "sam",
        "--data",
        text(&snapshot),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(json["records_kept"], false);
    assert_eq!(json["people"][0]["records"], Value::Null);
}

#[test]
fn the_ingest_summary_counts_merges_by_kind() {
    warmpath()
        .args(["ties", "--verbose", "--data", MERGES])
        .assert()
        .success()
        .stderr(contains(
            "identities: 5 merges — 3 strong (id, profile URL, email), 1 weak (name + company), 1 corrected (identities.csv)",
        ))
        .stderr(contains("identities.csv as identities.csv: 1 rows (3 lines), 1 used"));
}

#[test]
fn a_same_correction_merges_two_references_and_pools_their_evidence() {
    let explain = |data: &str| {
        stdout_json(&[
            "explain", "maya", "sam", "--data", data, "--format", "json", "-q",
        ])
    };
    assert_eq!(
        explain(MERGES)["evidence"],
        "1 meeting, 2 emails, both ways, 1.0 h together"
    );
    let (_dir, folder) = copy_of("identity-merge-reasons");
    std::fs::remove_file(folder.join("identities.csv")).unwrap();
    let without = explain(text(&folder));
    assert_eq!(without["evidence"], "1 meeting, both ways, 1.0 h together");
    assert_eq!(without["identity"]["b"]["merges"]["corrected"], 0);
}

#[test]
fn a_same_correction_lets_rows_that_use_the_other_name_find_the_person() {
    let (_dir, folder) = copy_of("identity-merge-reasons");
    let mut interactions = std::fs::read_to_string(folder.join("interactions.csv")).unwrap();
    interactions.push_str("2026-10-12,Sammy P,maya,message,\n2026-10-13,maya,Sammy P,message,\n");
    std::fs::write(folder.join("interactions.csv"), interactions).unwrap();
    std::fs::write(folder.join("identities.csv"), "same,sam,Sammy P\n").unwrap();
    let json = stdout_json(&[
        "explain",
        "maya",
        "sam",
        "--data",
        text(&folder),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(
        json["evidence"],
        "1 meeting, 2 messages, both ways, 1.0 h together"
    );
    warmpath()
        .args(["who", "sam", "--data", text(&folder), "-q"])
        .assert()
        .success()
        .stdout(contains("corrected: same sam = Sammy P"))
        .stdout(is_match(r"Sammy P +by exact name +2 rows").unwrap());
}

#[test]
fn a_different_correction_unmerges_a_weak_merge_and_changes_the_intro_ranking() {
    let intro =
        |data: &str| stdout_json(&["intro", "dana", "--data", data, "--format", "json", "-q"]);
    let merged = intro(WEAK);
    assert_eq!(first_introducer(&merged), "Sam Patel");

    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("identities.csv"),
        "kind,a,b\ndifferent,sam.patel@northwind.example,spatel@northwind.example\n",
    )
    .unwrap();
    let corrected = intro(text(&folder));
    assert_eq!(first_introducer(&corrected), "Lee Chen");
    assert_eq!(corrected["status"], "found");
    assert!(!introducer_names(&corrected).contains(&"Sam Patel"));
    warmpath()
        .args([
            "who",
            "spatel@northwind.example",
            "--data",
            text(&folder),
            "-q",
        ])
        .assert()
        .success()
        .stdout(contains("1 record, no merges"))
        .stdout(contains("Kept apart by corrections:"))
        .stdout(contains("from Sam Patel <sam.patel@northwind.example> by"))
        .stdout(contains(
            "though they share name+company sam patel @ northwind traders",
        ));
}

#[test]
fn different_tables_in_the_manifest_correct_like_identities_csv() {
    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("warmpath.toml"),
        "owner = \"maya\"\nas_of = 2026-11-20\n\n[[different]]\na = \"sam.patel@northwind.example\"\nb = \"spatel@northwind.example\"\n",
    )
    .unwrap();
    let corrected = stdout_json(&[
        "intro",
        "dana",
        "--data",
        text(&folder),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(first_introducer(&corrected), "Lee Chen");
    warmpath()
        .args(["ties", "--verbose", "--data", text(&folder)])
        .assert()
        .success()
        .stderr(contains(
            "warmpath.toml as warmpath.toml corrections: 1 rows, 1 used",
        ));
}

#[test]
fn explain_names_each_sides_merges_and_flags_a_tie_resting_on_a_weak_merge() {
    warmpath()
        .args(["explain", "maya", "sam.patel@northwind.example", "--data", WEAK, "-q"])
        .assert()
        .success()
        .stdout(contains(
            "identity: Maya Okafor no merges; Sam Patel 1 merge (1 weak)",
        ))
        .stdout(contains(
            "weak merge: Sam Patel is partly records merged by name+company sam patel @ northwind traders",
        ));
    let json = |data: &str| {
        stdout_json(&[
            "explain",
            "maya",
            "sam.patel@northwind.example",
            "--data",
            data,
            "--format",
            "json",
            "-q",
        ])
    };
    assert_eq!(json(WEAK)["identity"]["rests_on_weak_merge"], true);
    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("identities.csv"),
        "different,sam.patel@northwind.example,spatel@northwind.example\n",
    )
    .unwrap();
    assert_eq!(
        json(text(&folder))["identity"]["rests_on_weak_merge"],
        false
    );
}

#[test]
fn a_correction_that_matches_nobody_is_reported_with_its_line() {
    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("identities.csv"),
        "kind,a,b\nsame,lee,lee.chen@home.example\ndifferent,sam.patel@northwnd.example,spatel@northwind.example\n",
    )
    .unwrap();
    let identities = format!("{}", folder.join("identities.csv").display());
    warmpath()
        .args(["ties", "--verbose", "--data", text(&folder)])
        .assert()
        .success()
        .stderr(contains("2 rows, 0 used, 2 skipped (2 correction matches nobody)"))
        .stderr(contains(format!(
            "{identities}:2: correction matches nobody: 'lee.chen@home.example' matches nobody in the data"
        )))
        .stderr(contains(format!(
            "{identities}:3: correction matches nobody: 'sam.patel@northwnd.example'"
        )));
    warmpath()
        .args(["ties", "--data", text(&folder), "--strict"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{identities}:2: correction matches nobody"
        )))
        .stderr(predicate::function(|err: &str| err.lines().count() == 1));
}

#[test]
fn same_and_different_for_one_pair_is_an_error_naming_both_lines() {
    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("identities.csv"),
        "kind,a,b\nsame,Lee,Maya\n# second thoughts\ndifferent,maya,lee\n",
    )
    .unwrap();
    let identities = format!("{}", folder.join("identities.csv").display());
    warmpath()
        .args(["intro", "dana", "--data", text(&folder)])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{identities}:4: `different,maya,lee` contradicts `same,Lee,Maya` at {identities}:2"
        )))
        .stderr(predicate::function(|err: &str| err.lines().count() == 1));
}

#[test]
fn a_same_that_a_different_forbids_is_an_error_naming_both_lines() {
    let (_dir, folder) = copy_of("identity-weak-merge");
    std::fs::write(
        folder.join("identities.csv"),
        "same,maya,lee\nsame,lee,dana\ndifferent,maya,dana\n",
    )
    .unwrap();
    let identities = format!("{}", folder.join("identities.csv").display());
    warmpath()
        .args(["ties", "--data", text(&folder)])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{identities}:2: `same,lee,dana` would merge people that `different,maya,dana` at {identities}:3 keeps apart"
        )));
}

#[test]
fn suspects_lists_three_kinds_of_near_duplicates_most_likely_first() {
    let json = stdout_json(&[
        "who",
        "--suspects",
        "--data",
        SUSPECTS,
        "--format",
        "json",
        "-q",
    ]);
    let suspects = json["suspects"].as_array().unwrap();
    let found: Vec<(&str, &str, &str)> = suspects
        .iter()
        .map(|suspect| {
            (
                suspect["reasons"][0]["kind"].as_str().unwrap(),
                suspect["a"]["name"].as_str().unwrap(),
                suspect["b"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    // Sam Patel at two companies, Dan Brown and Lee Chen one letter apart,
    // and the numbered guests are left out.
    assert_eq!(
        found,
        [
            ("same_name_and_company", "José Núñez", "Jose Nunez"),
            ("slug_matches_email", "Priya Raman", "P. Raman"),
            ("email_variant", "Jon Smith", "John Smith"),
        ]
    );
    let scores: Vec<f64> = suspects
        .iter()
        .map(|suspect| suspect["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] > pair[1]),
        "{scores:?}"
    );
    let lines: Vec<&str> = suspects
        .iter()
        .map(|suspect| suspect["line"].as_str().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "same,jose@northwind.example,Jose Nunez",
            "same,https://www.linkedin.com/in/priya-raman-4a2b9c/,priya.raman@gmail.com",
            "same,jon.smith@contoso.example,john.smith@contoso.example",
        ]
    );
    warmpath()
        .args(["who", "--suspects", "--data", SUSPECTS, "-q"])
        .assert()
        .success()
        .stdout(contains(
            "3 suspected duplicates (not merged), most likely first:",
        ))
        .stdout(contains(
            "1. 0.90  José Núñez <jose@northwind.example>  ·  Jose Nunez",
        ))
        .stdout(contains(
            "   same,jon.smith@contoso.example,john.smith@contoso.example",
        ));
}

#[test]
fn pasting_the_suspects_lines_into_identities_csv_merges_them() {
    let (_dir, folder) = copy_of("identity-suspects");
    let json = stdout_json(&[
        "who",
        "--suspects",
        "--data",
        text(&folder),
        "--format",
        "json",
        "-q",
    ]);
    let lines: Vec<String> = json["suspects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|suspect| format!("{}\n", suspect["line"].as_str().unwrap()))
        .collect();
    std::fs::write(folder.join("identities.csv"), lines.concat()).unwrap();
    let after = stdout_json(&[
        "who",
        "--suspects",
        "--data",
        text(&folder),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(after["total"], 0);
    warmpath()
        .args(["who", "John Smith", "--data", text(&folder)])
        .assert()
        .success()
        .stdout(contains("2 records, 1 merge (1 corrected)"))
        .stderr(contains("identities.csv: 3 rows, 3 used"))
        .stderr(contains("3 corrected (identities.csv)"));
}

#[test]
fn suspects_leave_out_pairs_a_different_correction_keeps_apart() {
    let (_dir, folder) = copy_of("identity-suspects");
    std::fs::write(
        folder.join("identities.csv"),
        "different,jon.smith@contoso.example,john.smith@contoso.example\n",
    )
    .unwrap();
    let json = stdout_json(&[
        "who",
        "--suspects",
        "--data",
        text(&folder),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(json["total"], 2);
}
