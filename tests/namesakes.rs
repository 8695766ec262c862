//! Distinct ids are distinct people: namesakes at one company whose dataset
//! ids or profile URLs differ are never merged by name + company, keep their
//! names everywhere, and a name they share is ambiguous wherever a name is
//! resolved.

use std::fmt::Write as _;

use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

use crate::harness::{run, warmpath};

const NAMESAKES: &str = "data/fixtures/namesakes-distinct-ids";

fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_ambiguous_john_smith(args: &[&str]) {
    warmpath()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains("'John Smith' is ambiguous"))
        .stderr(contains("John Smith (j1, Acme)"))
        .stderr(contains("John Smith (j2, Acme)"));
}

#[test]
fn namesakes_with_different_ids_stay_two_people_and_keep_their_names() {
    let intro = json(&[
        "intro",
        "Tina Target",
        "--data",
        NAMESAKES,
        "-q",
        "--format",
        "json",
    ]);
    let first = &intro["introducers"][0]["introducer"];
    assert_eq!(first["id"], "j2", "{intro}");
    assert_eq!(first["name"], "John Smith", "{intro}");
    for entry in intro["introducers"].as_array().unwrap() {
        for person in entry["path"].as_array().unwrap() {
            assert_ne!(person["name"], person["id"], "shown as a bare id: {person}");
        }
    }
    warmpath()
        .args(["intro", "Tina Target", "--data", NAMESAKES, "-q"])
        .assert()
        .success()
        .stdout(contains("Robin Vale → John Smith → Tina Target"))
        .stdout(contains("→ j2 →").not());
}

#[test]
fn a_name_two_people_share_is_ambiguous_wherever_a_name_is_resolved() {
    assert_ambiguous_john_smith(&["intro", "John Smith", "--data", NAMESAKES, "-q"]);
    assert_ambiguous_john_smith(&["explain", "John Smith", "me", "--data", NAMESAKES, "-q"]);
    assert_ambiguous_john_smith(&[
        "intro",
        "Tina Target",
        "--from",
        "John Smith",
        "--data",
        NAMESAKES,
        "-q",
    ]);
    assert_ambiguous_john_smith(&["ties", "--person", "John Smith", "--data", NAMESAKES, "-q"]);
    assert_ambiguous_john_smith(&["report", "--for", "John Smith", "--data", NAMESAKES, "-q"]);
    // By id each is found, and they are two people.
    let one = json(&[
        "explain", "j1", "me", "--data", NAMESAKES, "-q", "--format", "json",
    ]);
    let two = json(&[
        "explain", "j2", "me", "--data", NAMESAKES, "-q", "--format", "json",
    ]);
    assert_eq!(one["a"]["name"], "John Smith");
    assert_eq!(two["a"]["name"], "John Smith");
    assert_ne!(one["strength"], two["strength"]);
}

#[test]
fn a_targets_file_reports_a_shared_name_as_ambiguous_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let targets = dir.path().join("targets.txt");
    std::fs::write(&targets, "John Smith\nTina Target\n").unwrap();
    let output = warmpath()
        .args([
            "intro",
            "--data",
            NAMESAKES,
            "-q",
            "--format",
            "json",
            "--targets",
        ])
        .arg(&targets)
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines[0]["status"], "error", "{lines:?}");
    let error = lines[0]["error"].as_str().unwrap();
    assert!(error.contains("ambiguous"), "{error}");
    assert!(error.contains("j1") && error.contains("j2"), "{error}");
    assert_eq!(lines[1]["introducers"][0]["introducer"]["id"], "j2");
}

#[test]
fn namesakes_with_different_profile_urls_stay_two_people() {
    warmpath()
        .args(["intro", "Ana Ruiz", "--data", NAMESAKES, "-q"])
        .assert()
        .code(2)
        .stderr(contains("ana-ruiz-1a2b3c"))
        .stderr(contains("ana-ruiz-9z8y7x"));
    warmpath()
        .args(["who", "Ana Ruiz", "--data", NAMESAKES, "-q"])
        .assert()
        .success()
        .stdout(contains("different profile URLs"));
}

#[test]
fn namesakes_with_only_different_emails_still_merge_by_name_and_company() {
    // One person with a work and a home address is still one person.
    let who = json(&[
        "who", "Lee Park", "--data", NAMESAKES, "-q", "--format", "json",
    ]);
    assert_eq!(who["people"].as_array().unwrap().len(), 1, "{who}");
    assert_eq!(who["people"][0]["merges"]["weak"], 1, "{who}");
}

/// A folder with Robin, two John Smiths at Acme (ids `j1`, `j2`) and a
/// third record naming only "John Smith" at Acme, at `position` among them.
fn folder_with_an_anonymous_namesake(position: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![
        "j1,John Smith,,,Acme,".to_owned(),
        "j2,John Smith,,,Acme,".to_owned(),
    ];
    rows.insert(position, ",John Smith,js@acme.example,,Acme,".to_owned());
    let mut people = String::from("id,name,email,linkedin_url,company,title\nme,Robin Vale,,,,\n");
    for row in rows {
        writeln!(people, "{row}").unwrap();
    }
    std::fs::write(dir.path().join("people.csv"), people).unwrap();
    std::fs::write(
        dir.path().join("relationships.csv"),
        "a,b,strength,since,source\nme,j1,0.8,,crm\nme,j2,0.4,,crm\nme,js@acme.example,0.6,,crm\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("warmpath.toml"), "owner = \"me\"\n").unwrap();
    dir
}

#[test]
fn a_record_with_only_the_shared_name_and_company_joins_neither_namesake_whatever_its_place() {
    for position in 0..=2 {
        let dir = folder_with_an_anonymous_namesake(position);
        let data = dir.path().to_str().unwrap();
        let who = json(&[
            "who",
            "John Smith",
            "--data",
            data,
            "-q",
            "--format",
            "json",
        ]);
        let people = who["people"].as_array().unwrap();
        assert_eq!(people.len(), 3, "record at {position}: {who}");
        assert!(
            people.iter().all(|person| person["merges"]["weak"] == 0),
            "record at {position}: {who}"
        );
    }
}

#[test]
fn every_generated_person_keeps_their_name_though_the_generator_makes_namesakes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("net");
    warmpath()
        .args(["generate", "--people", "3000", "--seed", "7", "--output"])
        .arg(&out)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(out.join("people.csv")).unwrap();
    let mut names = std::collections::HashMap::new();
    let mut per_name_and_company = std::collections::HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        names.insert(row[0].to_owned(), row[1].to_owned());
        *per_name_and_company
            .entry((row[1].to_owned(), row[4].to_owned()))
            .or_insert(0) += 1;
    }
    assert!(
        per_name_and_company.values().any(|count| *count > 1),
        "the generated network has namesakes at one company"
    );
    let output = warmpath()
        .args(["ties", "-q", "--format", "csv", "--data"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut ties = csv::Reader::from_reader(&output.stdout[..]);
    let mut seen = std::collections::HashSet::new();
    for tie in ties.records() {
        let tie = tie.unwrap();
        for (id, name) in [(&tie[0], &tie[1]), (&tie[2], &tie[3])] {
            assert_eq!(names.get(id).map(String::as_str), Some(name), "person {id}");
            seen.insert(id.to_owned());
        }
    }
    assert_eq!(seen.len(), names.len(), "one person per generated id");
}

#[test]
fn records_with_different_ids_sharing_an_email_stay_two_people_with_their_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "id,name,email,linkedin_url,company,title\nme,Robin Vale,,,,\n\
         j1,John Smith,sales@acme.example,,Acme,\nj2,John Smith,sales@acme.example,,Acme,\n\
         t,Tina Target,,,Target Works,\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("relationships.csv"),
        "a,b,strength,since,source\nme,j1,0.8,,crm\nme,j2,0.7,,crm\nj2,t,0.9,,crm\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("warmpath.toml"), "owner = \"me\"\n").unwrap();
    let data = dir.path().to_str().unwrap();
    let intro = json(&[
        "intro",
        "Tina Target",
        "--data",
        data,
        "-q",
        "--format",
        "json",
    ]);
    let first = &intro["introducers"][0]["introducer"];
    assert_eq!(
        (&first["id"], &first["name"]),
        (&"j2".into(), &"John Smith".into()),
        "{intro}"
    );
    assert_ambiguous_john_smith(&["intro", "John Smith", "--data", data, "-q"]);
}
