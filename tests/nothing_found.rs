//! `--data` that finds nothing useful says what it found and what to do:
//! exports one level down, CSVs that are no source (named with their
//! headers), a calendar without events; and an export beside calendars is
//! read with them, never ignored.

use std::path::Path;

use predicates::str::contains;

use crate::harness::{fixture, warmpath};

fn demo(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/demo")
        .join(file)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn one_line_error(folder: &Path) -> String {
    let output = warmpath()
        .args(["ties", "-q", "--data"])
        .arg(folder)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn a_folder_of_linkedin_zips_names_them_and_says_to_pass_each_or_a_team_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(demo("linkedin/maya.zip"), dir.path().join("maya.zip")).unwrap();
    std::fs::copy(demo("linkedin/sam.zip"), dir.path().join("sam.zip")).unwrap();
    let stderr = one_line_error(dir.path());
    assert!(
        stderr.contains("2 LinkedIn exports found one level down"),
        "{stderr}"
    );
    assert!(stderr.contains("--data each"), "{stderr}");
    assert!(stderr.contains("maya.zip --data"), "{stderr}");
    assert!(stderr.contains("team.toml"), "{stderr}");
}

#[test]
fn the_parent_of_an_unzipped_export_points_at_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Basic_LinkedInDataExport_11-25-2026");
    copy_folder(&fixture("linkedin-export"), &export);
    let stderr = one_line_error(dir.path());
    assert!(
        stderr.contains("a LinkedIn export one level down: pass it with `--data"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Basic_LinkedInDataExport_11-25-2026`"),
        "{stderr}"
    );
    // The path it gives works.
    warmpath()
        .args(["ties", "-q", "--data"])
        .arg(&export)
        .assert()
        .success();
}

#[test]
fn a_folder_of_unrelated_csvs_names_them_with_their_headers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bank.csv"),
        "\u{feff}Date,Amount,Payee\n2026-01-01,3,Shop\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("scores.csv"), "\"team\";\"points\"\nA;3\n").unwrap();
    let stderr = one_line_error(dir.path());
    assert!(
        stderr.contains("found 2 CSV files warmpath does not read"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bank.csv (columns Date, Amount, Payee)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("scores.csv (columns team, points)"),
        "{stderr}"
    );
    assert!(stderr.contains("people.csv, interactions.csv or relationships.csv"));
}

#[test]
fn a_calendar_without_events_says_so_instead_of_an_empty_network() {
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("calendar.ics");
    std::fs::write(
        &calendar,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    for data in [calendar.as_path(), dir.path()] {
        warmpath()
            .args(["ties", "-q", "--data"])
            .arg(data)
            .assert()
            .code(2)
            .stderr(contains("calendar (.ics) with no events"))
            .stderr(contains("export it again"));
    }
    let empty = dir.path().join("empty.ics");
    std::fs::write(&empty, "").unwrap();
    warmpath()
        .args(["ties", "-q", "--data"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(contains("with no events"));
}

#[test]
fn a_linkedin_zip_beside_a_calendar_is_read_with_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("calendar").join("meetings.ics"),
        dir.path().join("meetings.ics"),
    )
    .unwrap();
    std::fs::copy(demo("linkedin/maya.zip"), dir.path().join("maya.zip")).unwrap();
    let output = warmpath()
        .args(["ties", "-v", "--format", "csv", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Ties from the calendar and from the export.
    assert!(stdout.contains("Jordan Reyes"), "{stdout}");
    assert!(stdout.contains("Priya Raman"), "{stdout}");
    assert!(stderr.contains("maya.zip"), "{stderr}");
    assert!(!stderr.contains("ignored: maya.zip"), "{stderr}");
}

#[test]
fn an_empty_folder_says_it_is_empty_and_what_a_source_is() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = one_line_error(dir.path());
    assert!(stderr.contains("the folder is empty"), "{stderr}");
    assert!(
        stderr.contains("or a calendar, mailbox or address book"),
        "{stderr}"
    );
}
