//! Output files and messages under hostile conditions: builds racing to one
//! output, snapshots swapped while they load, `-o` onto FIFOs, links and
//! private files, huge table cells, control characters and megabytes of
//! text in messages, and a full stderr.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use warmpath::graph::read_snapshot;

use crate::harness::{command, run};

/// The demo, built as of `as_of` into `path`.
fn build(as_of: &str, path: &Path) -> std::process::Command {
    let mut build = command();
    build.args(["build", "-q", "--data", "data/demo", "--as-of", as_of, "-o"]);
    build.arg(path);
    build
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Reads everything written into the FIFO at `path` (by `cat`, so that no
/// thread of the test blocks opening it) while `write` runs.
fn read_fifo_while(path: &Path, write: impl FnOnce()) -> Vec<u8> {
    let mut cat = std::process::Command::new("cat")
        .arg(path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = cat.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).unwrap();
        bytes
    });
    write();
    // A writer that never opened the FIFO (it replaced it, or failed)
    // leaves `cat` waiting for one: stop it after a while.
    for _ in 0..100 {
        if cat.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = cat.kill();
    cat.wait().unwrap();
    reader.join().unwrap()
}

#[test]
fn builds_racing_to_one_output_leave_one_whole_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.snap"), dir.path().join("b.snap"));
    assert!(build("2027-01-01", &a).status().unwrap().success());
    assert!(build("2027-06-01", &b).status().unwrap().success());
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_eq!(a.len(), b.len());
    assert_ne!(a, b);
    let out = dir.path().join("out.snap");
    for _ in 0..6 {
        let mut first = build("2027-01-01", &out).spawn().unwrap();
        let mut second = build("2027-06-01", &out).spawn().unwrap();
        let first = first.wait().unwrap();
        let second = second.wait().unwrap();
        assert!(first.success() && second.success());
        let written = std::fs::read(&out).unwrap();
        assert!(written == a || written == b, "a mix of two snapshots");
        read_snapshot(&out).unwrap().ties().unwrap();
    }
    assert_eq!(names(dir.path()), ["a.snap", "b.snap", "out.snap"]);
}

#[test]
fn loads_while_snapshots_are_swapped_answer_from_one_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.snap"), dir.path().join("b.snap"));
    assert!(build("2027-01-01", &a).status().unwrap().success());
    assert!(build("2027-06-01", &b).status().unwrap().success());
    let expected = [
        read_snapshot(&a).unwrap().ties().unwrap().to_vec(),
        read_snapshot(&b).unwrap().ties().unwrap().to_vec(),
    ];
    let path = dir.path().join("live.snap");
    std::fs::copy(&a, &path).unwrap();
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let next = dir.path().join("next.snap");
            // Bounded, so that a failed load cannot leave it running.
            for round in 0..100_000 {
                if done.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                let source = if round % 2 == 0 { &b } else { &a };
                std::fs::hard_link(source, &next).unwrap();
                std::fs::rename(&next, &path).unwrap();
            }
        });
        for _ in 0..40 {
            let graph = read_snapshot(&path).unwrap();
            let ties = graph.ties().unwrap();
            assert!(
                expected.iter().any(|one| one.as_slice() == ties),
                "sections of two snapshots"
            );
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
    });
}

#[test]
fn output_onto_a_fifo_writes_into_it_and_leaves_it_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    let mut status = None;
    let report = read_fifo_while(&fifo, || {
        let mut report = command();
        report.args(["report", "-q", "--data", "data/fixtures/report-prune", "-o"]);
        status = Some(report.arg(&fifo).status().unwrap());
    });
    assert!(status.unwrap().success());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        String::from_utf8(report)
            .unwrap()
            .contains("Prune candidates")
    );

    let mut status = None;
    let snapshot = read_fifo_while(&fifo, || {
        status = Some(build("2027-01-01", &fifo).status().unwrap());
    });
    assert!(status.unwrap().success());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let copy = dir.path().join("copy.snap");
    std::fs::write(&copy, &snapshot).unwrap();
    read_snapshot(&copy).unwrap().ties().unwrap();
    assert_eq!(names(dir.path()), ["copy.snap", "report.fifo"]);
}

#[test]
fn output_through_a_symbolic_link_is_refused_and_leaves_link_and_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, "precious").unwrap();
    let link = dir.path().join("out.snap");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut report = command();
    report.args(["report", "-q", "--data", "data/fixtures/report-prune", "-o"]);
    for output in [
        report.arg(&link).output().unwrap(),
        build("2027-01-01", &link).output().unwrap(),
    ] {
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("is a symbolic link"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    assert_eq!(names(dir.path()), ["out.snap", "precious.txt"]);
}

#[test]
fn output_dash_is_stdout() {
    let output = run(&[
        "report",
        "-q",
        "--data",
        "data/fixtures/report-prune",
        "-o",
        "-",
    ]);
    assert!(output.status.success());
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("Prune candidates")
    );
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("-").exists());

    let output = build("2027-01-01", Path::new("-")).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.starts_with(warmpath::graph::SNAPSHOT_MAGIC));
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.snap");
    std::fs::write(&copy, &output.stdout).unwrap();
    read_snapshot(&copy).unwrap().ties().unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn output_keeps_an_existing_files_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for (name, private, snapshot) in [("report.txt", 0o600, false), ("net.snap", 0o640, true)] {
        let path = dir.path().join(name);
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(private)).unwrap();
        let status = if snapshot {
            build("2027-01-01", &path).status().unwrap()
        } else {
            let mut report = command();
            report.args(["report", "-q", "--data", "data/fixtures/report-prune", "-o"]);
            report.arg(&path).status().unwrap()
        };
        assert!(status.success());
        assert_ne!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(mode(&path), private, "{name}");
    }
}

#[test]
fn a_new_output_file_honours_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let path = dir.path().join(format!("report-{umask}.txt"));
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" report -q --data data/fixtures/report-prune -o \"$1\""
            ))
            .arg(env!("CARGO_BIN_EXE_warmpath"))
            .arg(&path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode(&path), expected, "umask {umask}");
    }
}

/// A dataset folder in `dir` with `people` rows and `relationships` rows.
fn dataset(dir: &Path, people: &str, relationships: &str) -> PathBuf {
    let folder = dir.join("data");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("people.csv"),
        format!("id,name,email,linkedin_url,company,title\n{people}"),
    )
    .unwrap();
    std::fs::write(
        folder.join("relationships.csv"),
        format!("a,b,strength,since,source\n{relationships}"),
    )
    .unwrap();
    std::fs::write(
        folder.join("warmpath.toml"),
        "owner = \"me\"\nas_of = 2026-11-20\n",
    )
    .unwrap();
    folder
}

#[test]
fn table_cells_are_cut_but_csv_and_json_keep_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(100_000);
    let folder = dataset(
        dir.path(),
        &format!("me,Mo,,,,\nlong,{long},,,,\nb,Bea,,,,\n"),
        "me,long,0.8,2020-01-01,crm\nme,b,0.5,2020-01-01,crm\n",
    );
    let data = folder.to_str().unwrap();
    let table = run(&["ties", "-q", "--data", data]);
    assert!(table.status.success());
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.len() < 2_000, "{} bytes of table", table.len());
    assert!(table.contains("xxx…"), "{table}");
    assert_eq!(
        warmpath::report::MAX_CELL_CHARS,
        table
            .lines()
            .nth(1)
            .unwrap()
            .split("  ")
            .find(|cell| cell.starts_with("xxx"))
            .unwrap()
            .chars()
            .count()
    );
    for format in ["csv", "json"] {
        let output = run(&["ties", "-q", "--data", data, "--format", format]);
        assert!(String::from_utf8(output.stdout).unwrap().contains(&long));
    }
}

/// Every line of `stderr` is free of terminal controls and at most about
/// [`warmpath::error::MESSAGE_MAX_CHARS`] characters long.
fn assert_clean_lines(stderr: &[u8]) {
    let stderr = String::from_utf8_lossy(stderr);
    for line in stderr.lines() {
        assert!(
            !line.chars().any(warmpath::error::is_terminal_control),
            "control characters in {line:?}"
        );
        assert!(
            line.chars().count() <= warmpath::error::MESSAGE_MAX_CHARS + 20,
            "a line of {} characters",
            line.chars().count()
        );
    }
}

#[test]
fn messages_on_stderr_carry_no_terminal_controls() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dataset(
        dir.path(),
        "me,Mo Example,,,Home,\nd,Dana\u{1b}[2JWhit\u{202e}field,,,Acme,\n",
        "me,d,0.8,2020-01-01,crm\n",
    );
    let data = folder.to_str().unwrap();
    // "Did you mean" quotes names from the data; explain quotes the query.
    let suggested = run(&["intro", "Dana Whitfeld", "-q", "--data", data]);
    assert_eq!(suggested.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&suggested.stderr).contains("did you mean"));
    assert_clean_lines(&suggested.stderr);
    let explained = run(&["explain", "me", "Zed\u{1b}[31m\u{7}", "-q", "--data", data]);
    assert_eq!(explained.status.code(), Some(2));
    assert_clean_lines(&explained.stderr);

    // Zip member names reach the ingest summary and its skip notes.
    let zip_path = dir.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let export = crate::harness::fixture("linkedin-export");
    for (name, bytes) in [
        (
            "Connections.csv",
            std::fs::read(export.join("Connections.csv")).unwrap(),
        ),
        (
            "Profile.csv",
            std::fs::read(export.join("Profile.csv")).unwrap(),
        ),
        ("Other\u{7}.csv", b"a,b\n1,2\n".to_vec()),
    ] {
        zip.start_file(
            format!("ev\u{1b}[2Jil\u{202e}/{name}"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    zip.finish().unwrap();
    let read = run(&["ties", "--verbose", "--data", zip_path.to_str().unwrap()]);
    assert!(read.status.success());
    // Listed as ignored (never inflated), its name cleaned.
    let stderr = String::from_utf8_lossy(&read.stderr);
    assert!(stderr.contains("Other .csv"), "{stderr}");
    assert_clean_lines(&read.stderr);
}

#[test]
fn html_reports_drop_bidirectional_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dataset(
        dir.path(),
        "me,Mo Example,,,Home,\nd,Dana \u{202e}dleifetihW\u{202c} \u{2067}x\u{2069},,,Acme,\n",
        "me,d,0.8,2020-01-01,crm\n",
    );
    let output = run(&[
        "report",
        "-q",
        "--format",
        "html",
        "--data",
        folder.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("Dana dleifetihW x"), "the name is shown");
    assert!(!html.chars().any(warmpath::error::is_bidi_control));
}

#[test]
fn errors_and_skip_notes_are_one_bounded_line() {
    let dir = tempfile::tempdir().unwrap();
    // A header with an open quote swallows the rest of the file into the
    // header, which the error quotes.
    let folder = dir.path().join("quoted");
    std::fs::create_dir_all(&folder).unwrap();
    let rest = "x,y\n".repeat(500);
    std::fs::write(folder.join("people.csv"), format!("foo,\"bar\n{rest}")).unwrap();
    let output = run(&["ties", "-q", "--data", folder.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stderr).lines().count(), 1);
    assert_clean_lines(&output.stderr);

    // A skipped row quoting a megabyte value, and the same under --strict.
    let folder = dir.path().join("long");
    std::fs::create_dir_all(&folder).unwrap();
    // Half a MiB: a longer line is passed over unread (`line too long`).
    let huge = "9".repeat(1 << 19);
    std::fs::write(
        folder.join("interactions.csv"),
        format!("timestamp,from,to,channel\n2026-01-01,a,b,{huge}\n{huge}\n"),
    )
    .unwrap();
    let data = folder.to_str().unwrap();
    let skipped = run(&["ties", "--verbose", "--data", data]);
    assert!(skipped.status.success());
    let notes = String::from_utf8_lossy(&skipped.stderr);
    assert!(notes.contains(" … "), "{notes}");
    assert_clean_lines(&skipped.stderr);
    let strict = run(&["ties", "--strict", "--data", data]);
    assert_eq!(strict.status.code(), Some(2));
    assert_clean_lines(&strict.stderr);
}

/// `/dev/full` as stderr: every write to it fails (ENOSPC). Only opened for
/// writing, never replaced.
fn full_stderr() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

#[test]
fn a_full_stderr_is_no_panic() {
    let Some(full) = full_stderr() else {
        return;
    };
    // The summary cannot be written: dropped, and the answer stands.
    let output = command()
        .args(["ties", "--data", "data/fixtures/report-prune"])
        .stderr(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!output.stdout.is_empty());
    // The error cannot be written: the exit code still says it.
    let output = command()
        .args(["intro", "Nobody Atall", "-q", "--data", "data/demo"])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
