//! The command line: exit codes, errors and outputs of each command, run as
//! a user would run them.

use predicates::prelude::*;
use predicates::str::contains;

use crate::harness::{command, warmpath};

const DEMO: &str = "data/demo";

#[test]
fn intro_on_the_demo_ranks_the_close_colleague_first_and_explains_why() {
    warmpath()
        .args(["intro", "Dana Whitfield", "--data", DEMO])
        .assert()
        .success()
        .stdout(contains("1  Priya Raman"))
        .stdout(contains("Why:"))
        .stdout(contains("Maya Okafor — Priya Raman"))
        .stderr(contains("read data/demo (3 files): 4541 rows, 4541 used"));
}

#[test]
fn the_super_connector_and_the_one_way_recruiter_rank_below_real_colleagues() {
    let output = warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            DEMO,
            "--format",
            "json",
            "--quiet",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    let rank_of = |name: &str| {
        json["introducers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["introducer"]["name"] == name)
            .map(|entry| {
                (
                    entry["rank"].as_u64().unwrap(),
                    entry["genuine"].as_bool().unwrap(),
                )
            })
            .unwrap()
    };
    assert_eq!(rank_of("Priya Raman"), (1, true));
    let (sam, _) = rank_of("Sam Patel");
    let (rex, _) = rank_of("Rex Tanaka");
    let (chris, chris_genuine) = rank_of("Chris Novak");
    assert!(sam < rex && sam < chris);
    assert!(
        !chris_genuine,
        "a one-way contact must not make a genuine path"
    );
    let direct = json["direct"]["strength"].as_f64().unwrap();
    assert!(json["introducers"][0]["score"].as_f64().unwrap() > direct);
}

#[test]
fn intro_json_is_stable() {
    let output = warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            DEMO,
            "--format",
            "json",
            "--quiet",
            "--top",
            "3",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    insta::assert_json_snapshot!("intro_demo_json", json);
}

#[test]
fn intro_csv_lists_one_row_per_introducer() {
    warmpath()
        .args(["intro", "dana", "--data", DEMO, "--format", "csv", "-q", "--top", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "rank,introducer_id,introducer_name,score,weakest_link,hops,genuine,path,kind\n1,priya,Priya Raman,",
        ))
        .stdout(predicate::function(|out: &str| out.lines().count() == 3));
}

#[test]
fn intro_reaches_everyone_at_a_company() {
    warmpath()
        .args(["intro", "company:northwind traders", "--data", DEMO, "-q"])
        .assert()
        .success()
        .stdout(contains("to Northwind Traders ("))
        .stdout(contains("1   Priya Raman"))
        .stdout(contains("Maya Okafor → Sam Patel → Gus Lima\n"));
}

#[test]
fn intro_from_another_team_member() {
    warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            DEMO,
            "--from",
            "Sam Patel",
            "-q",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(contains(",gus,Gus Lima,"))
        .stdout(contains("Sam Patel → Gus Lima → Dana Whitfield"));
}

#[test]
fn no_genuine_path_exits_1_and_still_shows_the_tenuous_ones() {
    warmpath()
        .args([
            "intro",
            "target",
            "--data",
            "data/fixtures/tenuous-only",
            "-q",
        ])
        .assert()
        .code(1)
        .stdout(contains("No genuine path"))
        .stdout(contains("tenuous"))
        .stdout(contains("me → y → z → target"));
}

#[test]
fn hop_bound_is_respected() {
    warmpath()
        .args([
            "intro",
            "target",
            "--data",
            "data/fixtures/tenuous-only",
            "-q",
            "--max-hops",
            "2",
            "--format",
            "csv",
        ])
        .assert()
        .code(1)
        .stdout(contains("x,x,"))
        .stdout(contains("y,y").not());
}

#[test]
fn ambiguous_names_list_the_candidates_and_exit_2() {
    warmpath()
        .args([
            "intro",
            "Alex Kim",
            "--data",
            "data/fixtures/ambiguous-names",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(contains("'Alex Kim' is ambiguous"))
        .stderr(contains("Alex Kim (a1, Contoso)"))
        .stderr(contains("Alex Kim (a2, Fabrikam)"));
}

#[test]
fn unknown_names_suggest_the_closest_and_exit_2() {
    warmpath()
        .args([
            "intro",
            "Alx Kim",
            "--data",
            "data/fixtures/ambiguous-names",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "no person matches 'Alx Kim'; did you mean: Alex Kim?",
        ));
}

#[test]
fn names_match_without_accents_or_case() {
    warmpath()
        .args([
            "intro",
            "JOSE NUNEZ",
            "--data",
            "data/fixtures/ambiguous-names",
            "-q",
        ])
        .assert()
        .success()
        .stdout(contains("to José Núñez"));
}

#[test]
fn targets_resolve_by_email_and_profile_url() {
    warmpath()
        .args([
            "explain",
            "robin@example.com",
            "http://linkedin.com/in/KAI-MORENO",
            "--data",
            "data/fixtures/bad-rows",
            "-q",
        ])
        .assert()
        .success()
        .stdout(contains("Robin Vale — Kai Moreno"));
}

#[test]
fn from_is_required_when_the_data_names_no_owner() {
    warmpath()
        .args(["intro", "cy", "--data", "data/fixtures/no-owner", "-q"])
        .assert()
        .code(2)
        .stderr(contains("--from"));
    warmpath()
        .args([
            "intro",
            "cy",
            "--data",
            "data/fixtures/no-owner",
            "-q",
            "--from",
            "ana",
        ])
        .assert()
        .success()
        .stdout(contains("ana → bo → cy"));
}

#[test]
fn malformed_rows_are_skipped_counted_and_reported_with_file_and_line() {
    warmpath()
        .args(["ties", "--data", "data/fixtures/bad-rows", "--verbose"])
        .assert()
        .success()
        .stderr(contains("interactions.csv: 9 rows, 3 used, 6 skipped"))
        .stderr(contains("interactions.csv:4: bad timestamp: 'yesterday'"))
        .stderr(contains("interactions.csv:6: unknown channel"))
        .stderr(contains("interactions.csv:7: self-tie"))
        .stderr(contains("interactions.csv:9: wrong column count"))
        .stderr(contains("relationships.csv:3: strength outside [0, 1]"))
        .stderr(contains(
            "people.csv: 3 rows, 2 used, 1 skipped (1 no identifier)",
        ));
}

#[test]
fn the_ingest_summary_is_one_line_per_source_unless_verbose() {
    let output = warmpath()
        .args([
            "ties",
            "--data",
            "data/fixtures/bad-rows",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "read data/fixtures/bad-rows (3 files): 16 rows, 6 used, 10 skipped (2 bad timestamp, \
             2 self-tie, 1 bad duration, …); first at data/fixtures/bad-rows/people.csv:4",
            "network: 2 people, 1 ties, as of 2026-11-01",
        ]
    );
}

#[test]
fn strict_turns_the_first_skipped_row_into_an_error() {
    warmpath()
        .args(["ties", "--data", "data/fixtures/bad-rows", "--strict"])
        .assert()
        .code(2)
        .stderr(contains("people.csv:4: no identifier"))
        .stderr(contains("--strict"));
}

#[test]
fn quiet_prints_nothing_on_stderr() {
    warmpath()
        .args(["ties", "--data", "data/fixtures/bad-rows", "--quiet"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn a_missing_folder_is_a_one_line_error() {
    warmpath()
        .args(["ties", "--data", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(contains("cannot read no/such/folder"))
        .stderr(predicate::function(|err: &str| err.lines().count() == 1));
}

#[test]
fn a_folder_without_a_dataset_says_what_it_expected() {
    warmpath()
        .args(["ties", "--data", "src"])
        .assert()
        .code(2)
        .stderr(contains("no dataset here: found "))
        .stderr(contains(
            "a dataset is people.csv, interactions.csv or relationships.csv",
        ));
}

#[test]
fn a_file_missing_required_columns_names_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("interactions.csv"),
        "timestamp,from,channel\n2026-01-01,a,call\n",
    )
    .unwrap();
    warmpath()
        .args(["ties", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("interactions.csv: missing required column(s) to"));
    std::fs::write(dir.path().join("interactions.csv"), "when,who\n").unwrap();
    warmpath()
        .args(["ties", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("none of the expected columns"));
}

#[test]
fn an_invalid_as_of_date_is_rejected() {
    warmpath()
        .args(["ties", "--data", DEMO, "--as-of", "next tuesday"])
        .assert()
        .code(2)
        .stderr(contains("invalid date 'next tuesday': expected YYYY-MM-DD"));
}

#[test]
fn an_invalid_model_file_is_rejected_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.toml");
    std::fs::write(&model, "half_life_days = -3\n").unwrap();
    warmpath()
        .args(["ties", "--data", DEMO, "--model"])
        .arg(&model)
        .assert()
        .code(2)
        .stderr(contains("invalid model file"))
        .stderr(contains("half_life_days must be a positive number"));
    std::fs::write(&model, "half_lif_days = 3\n").unwrap();
    warmpath()
        .args(["ties", "--data", DEMO, "--model"])
        .arg(&model)
        .assert()
        .code(2)
        .stderr(contains("unknown field"));
}

#[test]
fn a_model_file_overrides_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.toml");
    std::fs::write(&model, "one_way_cap = 0.01\n[channels]\nmessage = 0.05\n").unwrap();
    let strength = |extra: &[&std::ffi::OsStr]| {
        let output = warmpath()
            .args([
                "explain", "maya", "chris", "--data", DEMO, "-q", "--format", "json",
            ])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&output).unwrap()["strength"]
            .as_f64()
            .unwrap()
    };
    let default = strength(&[]);
    let overridden = strength(&["--model".as_ref(), model.as_os_str()]);
    assert!(
        overridden < default && overridden <= 0.01 + 1e-6,
        "{overridden} vs {default}"
    );
}

#[test]
fn as_of_moves_the_clock() {
    let strength = |as_of: &str| {
        let output = warmpath()
            .args([
                "explain", "maya", "priya", "--data", DEMO, "-q", "--format", "json", "--as-of",
                as_of,
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&output).unwrap()["strength"]
            .as_f64()
            .unwrap()
    };
    assert!(strength("2028-11-20") < strength("2026-11-20"));
}

#[test]
fn explain_lists_every_component_of_a_tie() {
    warmpath()
        .args(["explain", "maya", "tom", "--data", DEMO, "-q"])
        .assert()
        .success()
        .stdout(contains("Maya Okafor — Tom Berg:"))
        .stdout(contains("dormant"))
        .stdout(contains("it was"))
        .stdout(contains("recency"))
        .stdout(contains("longevity"))
        .stdout(contains("regularity"))
        .stdout(contains("volume"))
        .stdout(contains("time together"))
        .stdout(contains("depth"))
        .stdout(contains("confidence"))
        .stdout(contains("attention"))
        .stdout(contains("log-odds = intercept -1.50"));
}

#[test]
fn explain_shows_the_one_way_gate() {
    warmpath()
        .args(["explain", "Chris Novak", "maya", "--data", DEMO, "-q"])
        .assert()
        .success()
        .stdout(contains("one way, never answered"))
        .stdout(contains("one-way contact, capped at acquaintance level"));
}

#[test]
fn explain_of_a_declared_tie_without_contact_says_there_was_none() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("relationships.csv"),
        "a,b,strength,since\nana,bo,0.4,2024-03-01\n",
    )
    .unwrap();
    warmpath()
        .args([
            "explain",
            "ana",
            "bo",
            "-q",
            "--as-of",
            "2026-11-20",
            "--data",
        ])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("declared: 0.40 by declared"))
        .stdout(contains(
            "declared since 2024-03-01; no interaction on record",
        ))
        .stdout(contains("known since").not());
}

#[test]
fn explain_of_people_without_a_tie_is_an_error() {
    warmpath()
        .args([
            "explain",
            "p",
            "x",
            "--data",
            "data/fixtures/tenuous-only",
            "-q",
        ])
        .assert()
        .code(2);
    warmpath()
        .args([
            "explain",
            "me",
            "target",
            "--data",
            "data/fixtures/tenuous-only",
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(contains("have no tie"));
}

#[test]
fn ties_csv_starts_with_the_documented_columns() {
    warmpath()
        .args([
            "ties", "--data", DEMO, "--person", "maya", "--format", "csv", "-q",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "a_id,a_name,b_id,b_name,strength,band,interactions,meeting,",
        ))
        .stdout(contains("\nmaya,Maya Okafor,priya,Priya Raman,"));
}

#[test]
fn ties_csv_neutralises_spreadsheet_formulas() {
    warmpath()
        .args([
            "ties",
            "--data",
            "data/fixtures/hostile-names",
            "--format",
            "csv",
            "-q",
        ])
        .assert()
        .success()
        .stdout(contains("'=HYPERLINK"))
        .stdout(contains(",=HYPERLINK").not());
}

#[test]
fn table_output_strips_terminal_control_characters() {
    warmpath()
        .args(["ties", "--data", "data/fixtures/hostile-names", "-q"])
        .assert()
        .success()
        .stdout(contains("Ring"))
        .stdout(predicate::function(|out: &str| {
            !out.contains('\u{1b}') && !out.contains('\u{7}')
        }));
}

#[test]
fn a_closed_pipe_is_a_normal_end() {
    let mut child = command()
        .args(["ties", "--data", DEMO, "-q"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn max_hops_out_of_range_is_a_usage_error() {
    warmpath()
        .args(["intro", "dana", "--data", DEMO, "--max-hops", "0"])
        .assert()
        .code(2);
}

#[test]
fn alternatives_show_other_paths_through_the_same_introducer() {
    warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            DEMO,
            "-q",
            "--max-hops",
            "4",
            "--alternatives",
            "2",
        ])
        .assert()
        .success()
        .stdout(contains(
            "   or: Maya Okafor → Sam Patel → Lena Fischer → Hana Sato → Dana Whitfield",
        ));
    let output = warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--data",
            DEMO,
            "-q",
            "--max-hops",
            "4",
            "--alternatives",
            "2",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    let sam = json["introducers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["introducer"]["name"] == "Sam Patel")
        .unwrap();
    assert_eq!(sam["alternatives"][0]["path"][2]["name"], "Lena Fischer");
    assert!(sam["alternatives"][0]["score"].as_f64().unwrap() < sam["score"].as_f64().unwrap());
}
