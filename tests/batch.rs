//! `warmpath build --shards` and `warmpath batch`: on the demo, the batch
//! answers over shards are byte for byte `intro --targets`'s, with one
//! worker, two workers and two processes on localhost; a failing worker or
//! an absent process fails the job with one line and writes nothing.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};

const TARGETS: &str = "data/fixtures/targets-list/accounts.txt";

fn warmpath() -> Command {
    crate::harness::command()
}

fn run_ok(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn shards(data: &str, count: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run_ok(
        warmpath()
            .args(["build", "--data", data, "--shards", count, "-q", "-o"])
            .arg(dir.path()),
    );
    dir
}

/// Two free ports on 127.0.0.1, as a timely hosts file.
fn hosts_file(dir: &Path) -> std::path::PathBuf {
    let listeners: Vec<TcpListener> = (0..2)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    let text: String = listeners
        .iter()
        .map(|listener| listener.local_addr().unwrap().to_string() + "\n")
        .collect();
    drop(listeners);
    let path = dir.join("hosts.txt");
    std::fs::write(&path, text).unwrap();
    path
}

/// Process `process` of a two-process `warmpath batch JOB…` over `data`,
/// answers to `output`, peers in `hosts`; stderr kept, stdout dropped.
fn process_of_two(
    job: &[&str],
    data: &Path,
    output: &Path,
    hosts: &Path,
    process: &str,
) -> Command {
    let mut command = warmpath();
    command
        .arg("batch")
        .args(job)
        .args(["-q", "--data"])
        .arg(data)
        .arg("-o")
        .arg(output)
        .args([
            "--connect-timeout",
            "60",
            "--",
            "-n",
            "2",
            "-p",
            process,
            "-h",
        ])
        .arg(hosts)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn batch_intro_over_shards_prints_what_intro_targets_prints_with_one_and_two_workers() {
    for (data, from) in [("data/demo", None), ("data/demo/team.toml", Some("team"))] {
        let from_args: Vec<&str> = from.map(|from| vec!["--from", from]).unwrap_or_default();
        let expected = run_ok(
            warmpath()
                .args([
                    "intro",
                    "--targets",
                    TARGETS,
                    "--data",
                    data,
                    "-q",
                    "--format",
                    "csv",
                ])
                .args(&from_args),
        );
        assert!(expected.lines().count() > 5, "{expected}");
        let dir = shards(data, "5");
        for workers in ["1", "2"] {
            let found = run_ok(
                warmpath()
                    .args([
                        "batch",
                        "intro",
                        "--targets",
                        TARGETS,
                        "-q",
                        "--format",
                        "csv",
                        "--data",
                    ])
                    .arg(dir.path())
                    .args(&from_args)
                    .args(["--", "-w", workers]),
            );
            assert_eq!(found, expected, "{data}, {workers} workers");
        }
        let table = run_ok(
            warmpath()
                .args(["intro", "--targets", TARGETS, "--data", data, "-q"])
                .args(&from_args),
        );
        let batch_table = run_ok(
            warmpath()
                .args(["batch", "intro", "--targets", TARGETS, "-q", "--data"])
                .arg(dir.path())
                .args(&from_args),
        );
        assert_eq!(batch_table, table, "{data}: the table too");
    }
}

#[test]
fn batch_intro_on_two_local_processes_writes_the_same_answers() {
    let expected = run_ok(warmpath().args([
        "intro",
        "--targets",
        TARGETS,
        "--data",
        "data/demo",
        "-q",
        "--format",
        "csv",
    ]));
    let dir = shards("data/demo", "4");
    let hosts = hosts_file(dir.path());
    let out = dir.path().join("answers.csv");
    let job = |process: &str, output: &Path| {
        process_of_two(
            &["intro", "--targets", TARGETS],
            dir.path(),
            output,
            &hosts,
            process,
        )
    };
    let mut second = job("1", &dir.path().join("unused.csv")).spawn().unwrap();
    let first = job("0", &out).output().unwrap();
    let second_status = second.wait().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(second_status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    // Only the process of worker 0 writes the answers.
    assert!(!dir.path().join("unused.csv").exists());
}

#[test]
fn a_process_that_cannot_read_its_shards_fails_both_processes_and_nothing_is_written() {
    let dir = shards("data/demo", "4");
    // The second process sees a copy of the folder with its shard 1 missing.
    let damaged = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "shard-00001.wps" {
            std::fs::copy(&path, damaged.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let hosts = hosts_file(dir.path());
    let out = dir.path().join("answers.csv");
    let job = |process: &str, data: &Path| process_of_two(&["meet"], data, &out, &hosts, process);
    let second = job("1", damaged.path()).spawn().unwrap();
    let first = job("0", dir.path()).output().unwrap();
    let second = second.wait_with_output().unwrap();
    for (name, output) in [("first", &first), ("second", &second)] {
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.contains("distributed job failed: worker 1: cannot read")
                && stderr.contains("shard-00001.wps"),
            "{name}: {stderr}"
        );
    }
    assert!(!out.exists());
}

#[test]
fn a_process_whose_peers_never_connect_gives_up_with_one_line() {
    let dir = shards("data/demo", "2");
    let hosts = hosts_file(dir.path());
    let output = warmpath()
        .args(["batch", "meet", "-q", "--data"])
        .arg(dir.path())
        .args(["-o", "-"])
        .args(["--connect-timeout", "1", "--", "-n", "2", "-p", "0", "-h"])
        .arg(&hosts)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("write the answers with -o FILE"),
        "stdout is refused with several processes: {stderr}"
    );
    let out = dir.path().join("meet.csv");
    let output = warmpath()
        .args(["batch", "meet", "-q", "--data"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .args(["--connect-timeout", "1", "--", "-n", "2", "-p", "0", "-h"])
        .arg(&hosts)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did not connect within 1 s"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn batch_meet_gives_the_same_people_with_one_and_two_workers_and_as_json() {
    let dir = shards("data/demo", "3");
    let meet = |workers: &str, format: &str| {
        run_ok(
            warmpath()
                .args([
                    "batch", "meet", "-q", "--top", "5", "--format", format, "--data",
                ])
                .arg(dir.path())
                .args(["--", "-w", workers]),
        )
    };
    let one = meet("1", "csv");
    assert_eq!(one, meet("2", "csv"));
    let mut lines = one.lines();
    assert_eq!(
        lines.next(),
        Some(
            "member_id,member_name,rank,person_id,person_name,introducer_id,introducer_name,score,member_introducer,introducer_person"
        )
    );
    // Maya's strongest person to meet is Gus Lima, through Sam Patel.
    assert!(
        lines.next().unwrap().starts_with("maya,Maya Okafor,1,"),
        "{one}"
    );
    assert!(one.contains(",Gus Lima,sam,Sam Patel,"), "{one}");
    let json = meet("2", "json");
    let value: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(value["member"]["id"], "maya");
    assert_eq!(value["meet"].as_array().unwrap().len(), 5);
}

#[test]
fn batch_refuses_a_folder_without_shards_and_bad_timely_options() {
    let output = warmpath()
        .args([
            "batch",
            "intro",
            "--targets",
            TARGETS,
            "--data",
            "data/demo",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a shards folder"));
    let dir = shards("data/demo", "2");
    let output = warmpath()
        .args(["batch", "meet", "--data"])
        .arg(dir.path())
        .args(["--", "-w", "many"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("timely options after --"));
}

#[test]
fn batch_meet_on_two_local_processes_writes_what_one_worker_prints() {
    let dir = shards("data/demo", "3");
    let expected = run_ok(
        warmpath()
            .args(["batch", "meet", "-q", "--format", "csv", "--data"])
            .arg(dir.path())
            .args(["--", "-w", "1"]),
    );
    let hosts = hosts_file(dir.path());
    let out = dir.path().join("meet.csv");
    let job = |process: &str| {
        process_of_two(
            &["meet", "--format", "csv"],
            dir.path(),
            &out,
            &hosts,
            process,
        )
    };
    let mut second = job("1").spawn().unwrap();
    let first = job("0").output().unwrap();
    assert!(second.wait().unwrap().success());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
}
