//! Answers a new user would find wrong, each kept right by a test: the
//! future never counts, asking about yourself is a usage error, `generate`
//! never overwrites without being asked.

use std::fmt::Write as _;

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

#[test]
fn report_picks_its_format_from_the_output_file_and_refuses_a_contradiction() {
    let dir = tempfile::tempdir().unwrap();
    for (name, check) in [
        ("r.json", "{"),
        ("r.csv", "section,"),
        ("r.html", "<!DOCTYPE html>"),
    ] {
        let path = dir.path().join(name);
        warmpath()
            .args(["report", "--data", "data/demo", "-q", "-o"])
            .arg(&path)
            .assert()
            .success();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(check),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
    }
    warmpath()
        .args([
            "report",
            "--data",
            "data/demo",
            "-q",
            "--format",
            "table",
            "-o",
        ])
        .arg(dir.path().join("r.json"))
        .assert()
        .code(2)
        .stderr(contains("--format table contradicts the output file"));
}

#[test]
fn mutuals_show_their_tie_to_the_target_when_the_data_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mutuals.txt");
    std::fs::write(
        &list,
        "Priya Raman · 2nd\nConnect\nDev Costa\nNobody Known\n",
    )
    .unwrap();
    let output = warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            "data/demo",
            "-q",
            "--format",
            "json",
            "--mutuals",
        ])
        .arg(&list)
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mutuals = answer["mutuals"].as_array().unwrap();
    let priya = mutuals
        .iter()
        .find(|m| m["person"]["name"] == "Priya Raman")
        .unwrap();
    assert_eq!(priya["tie_to_target"], "known");
    assert_eq!(priya["target_tie"]["band"], "strong");
    assert!(priya["target_tie"]["strength"].as_f64().unwrap() > 0.6);
    assert_eq!(answer["not_found"][0]["query"], "Nobody Known");
}

#[test]
fn an_ambiguous_name_lists_at_most_ten_candidates_and_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut people = String::from("id,name,email,linkedin_url,company,title\nme,Me Myself,,,,\n");
    let mut relationships = String::from("a,b,strength,since,source\n");
    for n in 0..25 {
        writeln!(people, "k{n},Alex Kim,,,Company {n},").unwrap();
        writeln!(relationships, "me,k{n},0.5,,crm").unwrap();
    }
    std::fs::write(dir.path().join("people.csv"), people).unwrap();
    std::fs::write(dir.path().join("relationships.csv"), relationships).unwrap();
    std::fs::write(dir.path().join("warmpath.toml"), "owner = \"me\"\n").unwrap();
    let output = warmpath()
        .args(["intro", "Alex Kim", "-q", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("matches 25 people, among them: Alex Kim (k0, Company 0)"),
        "{stderr}"
    );
    // At most ten, and as many as keep the error one bounded line.
    let named = stderr.matches("Alex Kim (").count();
    assert!((5..=10).contains(&named), "{stderr}");
    assert!(stderr.chars().count() <= 320, "{stderr}");
}

#[test]
fn paths_weaker_than_your_own_tie_or_through_someone_you_know_better_are_no_introductions() {
    // Maya knows Priya herself (0.9): every path to Priya is weaker.
    warmpath()
        .args(["intro", "Priya Raman", "--data", "data/demo", "-q"])
        .assert()
        .stdout(contains("your own tie beats the path through"))
        .stdout(contains("No introduction needed"))
        .stdout(contains("Why:").not());
    // Lena's path into Northwind runs through Sam, whom Maya knows better herself.
    warmpath()
        .args([
            "intro",
            "company:Northwind Traders",
            "--data",
            "data/demo",
            "-q",
        ])
        .assert()
        .stdout(contains("↳   Lena Fischer"))
        .stdout(contains("detour: you know Sam Patel better yourself"));
    let output = warmpath()
        .args([
            "intro",
            "company:Northwind Traders",
            "--data",
            "data/demo",
            "-q",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let lena = answer["introducers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["introducer"]["name"] == "Lena Fischer")
        .unwrap();
    assert_eq!(lena["through_known"]["name"], "Sam Patel");
}

#[test]
fn every_command_help_ends_with_examples_and_exit_codes() {
    for command in [
        "intro",
        "explain",
        "ties",
        "report",
        "evaluate",
        "generate",
        "build",
        "completions",
        "man",
    ] {
        let output = warmpath().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains("\nExamples:\n  warmpath "),
            "{command}: {help}"
        );
        assert!(
            help.trim_end()
                .lines()
                .last()
                .unwrap()
                .starts_with("Exit codes: 0 done"),
            "{command}"
        );
    }
}

#[test]
fn completions_are_valid_shell_scripts_and_the_manual_renders() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        warmpath()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("intro"))
            .stdout(contains("max-hops"));
    }
    let script = warmpath()
        .args(["completions", "bash"])
        .output()
        .unwrap()
        .stdout;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("warmpath.bash"), &script).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(dir.path().join("warmpath.bash"))
        .status()
        .unwrap();
    assert!(checked.success(), "bash -n rejects the completion script");
    warmpath()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(contains(".TH warmpath 1"))
        .stdout(contains("intro"));
    warmpath()
        .args(["man", "--output"])
        .arg(dir.path().join("man"))
        .assert()
        .success();
    let page = std::fs::read_to_string(dir.path().join("man/warmpath-intro.1")).unwrap();
    assert!(page.contains(".TH warmpath-intro 1"));
    assert!(page.contains("max\\-hops"), "{page}");
}

const ACCOUNTS: &str = "data/fixtures/targets-list/accounts.txt";

#[test]
fn a_targets_file_answers_every_line_and_reports_the_ones_it_cannot() {
    let output = warmpath()
        .args([
            "intro",
            "--targets",
            ACCOUNTS,
            "--data",
            "data/demo",
            "-q",
            "--top",
            "2",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let queries: Vec<(u64, &str, &str)> = lines
        .iter()
        .map(|line| {
            (
                line["line"].as_u64().unwrap(),
                line["query"].as_str().unwrap(),
                line["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        queries,
        [
            (2, "Dana Whitfield", "found"),
            (4, "company:Northwind Traders", "found"),
            (5, "Nobody Known Here", "error"),
            (6, "hana.sato@northwindtraders.example.com", "found"),
        ]
    );
    assert_eq!(
        lines[0]["introducers"][0]["introducer"]["name"],
        "Priya Raman"
    );
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("no person matches")
    );
    // Each answer is the one `intro` gives for that target alone.
    let alone = warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            "data/demo",
            "-q",
            "--top",
            "2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let mut alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
    alone.as_object_mut().unwrap().remove("ingest");
    let mut batch = lines[0].clone();
    for key in ["line", "query"] {
        batch.as_object_mut().unwrap().remove(key);
    }
    assert_eq!(batch, alone);
}

#[test]
fn a_targets_file_writes_csv_to_the_output_file_and_exits_1_when_nothing_is_genuine() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("intros.csv");
    warmpath()
        .args([
            "intro",
            "--targets",
            ACCOUNTS,
            "--data",
            "data/demo",
            "-q",
            "--top",
            "1",
            "-o",
        ])
        .arg(&csv)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("line,query,status,rank,asker_id,introducer_id"));
    assert_eq!(rows.len(), 5, "{text}");
    assert!(rows[3].starts_with("5,Nobody Known Here,error,"));
    let tenuous = dir.path().join("tenuous.txt");
    std::fs::write(&tenuous, "Dev Costa\nNobody Known Here\n").unwrap();
    warmpath()
        .args([
            "intro",
            "--data",
            "data/demo",
            "-q",
            "--max-hops",
            "1",
            "--targets",
        ])
        .arg(&tenuous)
        .assert()
        .code(1);
    std::fs::write(&tenuous, "# nothing here\n\n").unwrap();
    warmpath()
        .args(["intro", "--data", "data/demo", "-q", "--targets"])
        .arg(&tenuous)
        .assert()
        .code(2)
        .stderr(contains("lists no target"));
}

#[test]
fn tables_colour_bands_only_when_asked_or_on_a_terminal() {
    let table = |extra: &[&str]| {
        let output = warmpath()
            .args(["ties", "--data", "data/demo", "--person", "maya", "-q"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let piped = table(&[]);
    assert!(!piped.contains('\u{1b}'), "piped output is plain");
    assert!(!table(&["--color", "never"]).contains('\u{1b}'));
    let coloured = table(&["--color", "always"]);
    assert!(coloured.contains("\u{1b}[32mstrong\u{1b}[0m"));
    // Colour never moves a column: without the escapes the tables are equal.
    let stripped = coloured
        .replace("\u{1b}[0m", "")
        .split("\u{1b}[")
        .enumerate()
        .map(|(index, part)| {
            if index == 0 {
                part.to_owned()
            } else {
                part[part.find('m').unwrap() + 1..].to_owned()
            }
        })
        .collect::<String>();
    assert_eq!(stripped, piped);
}

#[test]
fn a_draft_asks_the_top_introducer_with_what_the_evidence_says() {
    warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            "data/demo",
            "-q",
            "--draft",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("To: Priya Raman\n"))
        .stdout(contains(
            "introduce me to Dana Whitfield at Northwind Traders?",
        ))
        .stdout(contains(
            "you and Dana have met 4 times, spoken on calls 12 times and exchanged 24 messages",
        ))
        .stdout(contains(
            "We both work at Harbor Lane Ventures, and we have met 52 times",
        ))
        .stdout(contains(
            "Maya Okafor (Partner at Harbor Lane Ventures) would like to meet Dana.",
        ));
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("ask.txt");
    std::fs::write(&template, "{introducer_first}, {{please}}: {path}\n").unwrap();
    warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            "data/demo",
            "-q",
            "--draft",
            "--draft-template",
        ])
        .arg(&template)
        .assert()
        .success()
        .stdout("Priya, {please}: Maya Okafor → Priya Raman → Dana Whitfield\n");
    std::fs::write(&template, "Dear {introducer_nickname}\n").unwrap();
    warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            "data/demo",
            "-q",
            "--draft",
            "--draft-template",
        ])
        .arg(&template)
        .assert()
        .code(2)
        .stderr(contains("{introducer_nickname}, which is no placeholder"));
    warmpath()
        .args([
            "intro",
            "company:Northwind Traders",
            "--data",
            "data/demo",
            "-q",
            "--draft",
        ])
        .assert()
        .code(2)
        .stderr(contains("one person"));
}
