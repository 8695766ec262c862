//! Hostile input (issue 12): a stray quote costs one row, never the rest of
//! the file; a folder's symlink loops, FIFOs and devices are passed over
//! with a note; zip bombs, huge manifests and model files are refused within
//! documented limits. Each test reproduces one failure of the issue.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use warmpath::Error;
use warmpath::ingest::{Dataset, FileSummary, IngestOptions, read_sources};

use crate::harness::{fixture, warmpath};

fn read(paths: &[PathBuf]) -> Dataset {
    read_sources(paths, IngestOptions::default()).unwrap()
}

fn file<'a>(dataset: &'a Dataset, name: &str) -> &'a FileSummary {
    dataset
        .summary
        .files
        .iter()
        .find(|file| {
            file.path
                .file_name()
                .is_some_and(|file_name| file_name == name)
        })
        .unwrap_or_else(|| panic!("{name} is not in {:#?}", dataset.summary.files))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// `relationships.csv` with `rows` good rows after one that ends in `,"crm`.
fn relationships_with_a_stray_quote(folder: &Path, rows: usize) {
    let mut text = String::from("a,b,strength,since,source\nme,p0,0.5,2024-01-01,\"crm\n");
    for row in 1..=rows {
        writeln!(text, "me,p{row},0.5,2024-01-01,crm").unwrap();
    }
    write(&folder.join("relationships.csv"), &text);
}

#[test]
fn a_row_ending_in_a_stray_quote_costs_that_row_and_no_other() {
    let data = read(&[fixture("stray-quote")]);
    let relationships = file(&data, "relationships.csv");
    assert_eq!(
        (relationships.rows_read, relationships.rows_used),
        (4, 3),
        "{relationships:?}"
    );
    assert_eq!(relationships.skipped["unbalanced quote"], 1);
    assert_eq!(relationships.skip_notes[0].line, 2);
    assert!(
        relationships.skip_notes[0].reason.contains("never closed"),
        "{:?}",
        relationships.skip_notes
    );

    // The case: 999 rows after the stray quote, more than a quote may carry.
    let dir = tempfile::tempdir().unwrap();
    relationships_with_a_stray_quote(dir.path(), 999);
    let data = read(&[dir.path().to_path_buf()]);
    let relationships = file(&data, "relationships.csv");
    assert_eq!(
        (relationships.rows_read, relationships.rows_used),
        (1000, 999)
    );
    assert_eq!(relationships.skip_notes[0].line, 2);
    assert!(
        relationships.skip_notes[0]
            .reason
            .contains("more than 100 lines"),
        "{:?}",
        relationships.skip_notes
    );
}

#[test]
fn strict_refuses_a_stray_quote_at_its_line() {
    let output = warmpath()
        .args(["ties", "--strict", "--data"])
        .arg(fixture("stray-quote"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("relationships.csv:2: unbalanced quote"),
        "{stderr}"
    );
}

#[test]
fn a_stray_quote_in_the_header_is_a_one_line_error_at_line_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a,b,strength,since,\"source\n");
    for row in 1..=999 {
        writeln!(text, "me,p{row},0.5,2024-01-01,crm").unwrap();
    }
    write(&dir.path().join("relationships.csv"), &text);
    let error = read_sources(&[dir.path().to_path_buf()], IngestOptions::default()).unwrap_err();
    assert!(matches!(error, Error::Csv { line: 1, .. }), "{error}");
    let output = warmpath()
        .args(["ties", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("relationships.csv:1:"), "{stderr}");
    assert!(stderr.contains("quote"), "{stderr}");
}

#[test]
fn a_stray_quote_closed_by_the_next_rows_quote_merges_no_linkedin_rows() {
    let data = read(&[fixture("stray-quote-linkedin")]);
    let connections = file(&data, "Connections.csv");
    assert_eq!(
        (connections.rows_read, connections.rows_used),
        (3, 2),
        "{connections:?}"
    );
    assert_eq!(connections.skipped["unbalanced quote"], 1);
    assert_eq!(connections.skip_notes[0].line, 2);
    let names: Vec<&str> = data
        .people
        .iter()
        .filter_map(|person| person.name.as_deref())
        .collect();
    assert!(names.contains(&"Priya Natarajan, PhD"), "{names:?}");
}

#[test]
fn a_stray_quote_in_a_contacts_csv_costs_one_contact() {
    let data = read(&[fixture("stray-quote-contacts")]);
    let contacts = file(&data, "google-contacts.csv");
    assert_eq!(
        (contacts.rows_read, contacts.rows_used),
        (3, 2),
        "{contacts:?}"
    );
    assert_eq!(contacts.skipped["unbalanced quote"], 1);
}

#[test]
fn a_stray_quote_in_identities_csv_costs_its_own_correction_only() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("people.csv"),
        "id,name\nme,Robin Vale\na,Ana\nb,Bo\nc,Cy\nd,Di\ne,Ed\nf,Fa\n",
    );
    // Never closed: the first row, and reading resumes on the next line.
    let identities = dir.path().join("identities.csv");
    write(&identities, "same,a,\"b\nsame,c,d\ndifferent,e,f\n");
    let data = read(&[dir.path().to_path_buf()]);
    let corrections = file(&data, "identities.csv");
    assert_eq!(
        (corrections.rows_read, corrections.rows_used),
        (3, 2),
        "{corrections:?}"
    );
    assert_eq!(corrections.skipped["unbalanced quote"], 1);
    assert_eq!(corrections.skip_notes[0].line, 1);
    // Closed by a later row's quote: no correction swallows the next.
    write(&identities, "same,a,\"b\nsame,c,d\ndifferent,\"e\",f\n");
    let data = read(&[dir.path().to_path_buf()]);
    let corrections = file(&data, "identities.csv");
    assert_eq!(
        (corrections.rows_read, corrections.rows_used),
        (3, 2),
        "{corrections:?}"
    );
    assert_eq!(corrections.skip_notes[0].line, 1);
    assert_eq!(data.corrections.len(), 2);
}

#[test]
fn the_summary_counts_lines_beside_rows_where_they_differ() {
    let output = warmpath()
        .args(["ties", "--verbose", "--format", "json", "--data"])
        .arg(fixture("linkedin-export"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Messages over several lines: 21 rows on 33 lines.
    assert!(
        stderr.contains("messages.csv: 21 rows (33 lines), "),
        "{stderr}"
    );
    assert!(stderr.contains("Profile.csv: 1 rows, 1 used"), "{stderr}");
}

/// A valid TOML file of `size` bytes: `head`, then a comment to pad it.
fn padded_toml(path: &Path, head: &str, size: usize) {
    let padding = "x".repeat(size.saturating_sub(head.len() + 2));
    write(path, &format!("{head}#{padding}\n"));
}

#[test]
fn a_manifest_over_1_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("people.csv"), "id,name\nme,Robin Vale\n");
    padded_toml(
        &dir.path().join("warmpath.toml"),
        "owner = \"me\"\n",
        2 * 1024 * 1024,
    );
    let error = read_sources(&[dir.path().to_path_buf()], IngestOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("warmpath.toml"), "{message}");
    assert!(message.contains("larger than 1 MiB"), "{message}");
    // A manifest given by name, as a team's, too.
    let team = dir.path().join("team.toml");
    padded_toml(
        &team,
        "[[member]]\nid = \"me\"\nsources = [\".\"]\n",
        2 * 1024 * 1024,
    );
    let error = read_sources(&[team], IngestOptions::default()).unwrap_err();
    assert!(error.to_string().contains("larger than 1 MiB"), "{error}");
    // Just under the cap is read.
    padded_toml(
        &dir.path().join("warmpath.toml"),
        "owner = \"me\"\n",
        1024 * 1024,
    );
    assert!(read_sources(&[dir.path().to_path_buf()], IngestOptions::default()).is_ok());
}

#[test]
fn a_model_file_over_1_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.toml");
    padded_toml(&path, "half_life_days = 30.0\n", 2 * 1024 * 1024);
    let error = warmpath::tie_strength::Model::from_toml_file(&path).unwrap_err();
    assert!(error.to_string().contains("larger than 1 MiB"), "{error}");
    let output = warmpath()
        .args(["ties", "--data"])
        .arg(fixture("bad-rows"))
        .arg("--model")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    padded_toml(&path, "half_life_days = 30.0\n", 1024 * 1024);
    assert!(warmpath::tie_strength::Model::from_toml_file(&path).is_ok());
}

/// `read` on a thread of its own: its answer, or a failure when it has not
/// answered in 10 seconds (a FIFO opened for reading blocks forever).
fn within_seconds<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(read()));
    receiver
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the read did not finish")
}

#[cfg(unix)]
#[test]
fn a_manifest_or_model_that_is_a_fifo_or_a_device_is_refused_unopened() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("people.csv"), "id,name\nme,Robin Vale\n");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("warmpath.toml"))
        .status()
        .unwrap();
    assert!(status.success());
    let folder = dir.path().to_path_buf();
    let error =
        within_seconds(move || read_sources(&[folder], IngestOptions::default()).unwrap_err());
    assert!(error.to_string().contains("not a regular file"), "{error}");
    let fifo = dir.path().join("warmpath.toml");
    let error =
        within_seconds(move || warmpath::tie_strength::Model::from_toml_file(&fifo).unwrap_err());
    assert!(error.to_string().contains("not a regular file"), "{error}");
    let error = within_seconds(|| {
        warmpath::tie_strength::Model::from_toml_file(Path::new("/dev/zero")).unwrap_err()
    });
    assert!(error.to_string().contains("not a regular file"), "{error}");
}

/// A folder holding a copy of the calendar fixture.
fn calendar_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("calendar").join("meetings.ics"),
        dir.path().join("meetings.ics"),
    )
    .unwrap();
    dir
}

fn interactions(paths: &[PathBuf]) -> usize {
    read(paths).interactions.len()
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_data_folder_counts_each_meeting_once() {
    let dir = calendar_folder();
    let once = interactions(&[dir.path().to_path_buf()]);
    assert!(once > 0);
    std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
    let data = read(&[dir.path().to_path_buf()]);
    assert_eq!(data.interactions.len(), once);
    let again = file(&data, "again");
    assert_eq!(again.kind, "ignored: already read");
    // Thirty links back to the folder: still each meeting once, each link noted.
    for link in 0..30 {
        std::os::unix::fs::symlink(".", dir.path().join(format!("link-{link}"))).unwrap();
    }
    let started = std::time::Instant::now();
    assert_eq!(interactions(&[dir.path().to_path_buf()]), once);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[cfg(unix)]
#[test]
fn a_file_reached_by_two_paths_is_read_once() {
    let dir = calendar_folder();
    let folder = dir.path().to_path_buf();
    let once = interactions(std::slice::from_ref(&folder));
    std::os::unix::fs::symlink("meetings.ics", folder.join("copy.ics")).unwrap();
    assert_eq!(interactions(std::slice::from_ref(&folder)), once);
    // The same folder twice, or the folder and a file in it.
    assert_eq!(interactions(&[folder.clone(), folder.clone()]), once);
    let data = read(&[folder.clone(), folder.join("meetings.ics")]);
    assert_eq!(data.interactions.len(), once);
    assert!(
        data.summary
            .files
            .iter()
            .any(|file| file.kind == "ignored: already read"
                && file.path.ends_with("meetings.ics")),
        "{:#?}",
        data.summary.files
    );
    // A generic dataset listed by two members of a team.
    let team = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("bad-rows").join("interactions.csv"),
        team.path().join("interactions.csv"),
    )
    .unwrap();
    let manifest = team.path().join("team.toml");
    write(
        &manifest,
        "[[member]]\nid = \"me\"\nsources = [\".\"]\n[[member]]\nid = \"kai\"\nsources = [\".\"]\n",
    );
    let single = interactions(&[team.path().to_path_buf()]);
    assert_eq!(interactions(&[manifest]), single);
}

/// Runs `warmpath ties` on `folder`, killing it after a deadline: it must
/// finish on its own.
fn ties_within_seconds(folder: &Path, seconds: u64) -> std::process::Output {
    let mut child = crate::harness::command()
        .args(["ties", "--verbose", "--as-of", "2026-11-25", "--data"])
        .arg(folder)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("warmpath ties --data {} did not finish", folder.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_in_a_data_folder_is_passed_over_with_a_note() {
    let dir = calendar_folder();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.ics"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.mbox")).unwrap();
    std::fs::create_dir(dir.path().join("Mail")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("Mail").join("inbox.mbox")).unwrap();
    let output = ties_within_seconds(dir.path(), 30);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    for name in ["pipe.ics", "zero.mbox", "inbox.mbox"] {
        assert!(
            stderr
                .lines()
                .any(|line| line.contains(name) && line.contains("ignored: not a regular file")),
            "{name}: {stderr}"
        );
    }
    assert!(stderr.contains("meetings.ics as calendar"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_one_line_summary_says_what_was_passed_over_unopened() {
    let dir = calendar_folder();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.ics"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
    let output = warmpath()
        .args(["ties", "--as-of", "2026-11-25", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("passed over 1 not a regular file, 1 already read"),
        "{stderr}"
    );
}

const PROFILE: &[u8] = b"First Name,Last Name\nJo,Doe\n";
const CONNECTIONS: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

/// Sets the uncompressed size the archive `bytes` declares for `name`, in
/// its local header and its central directory, to `size`.
fn declare_size(bytes: &mut [u8], name: &str, size: u32) {
    let mut headers = Vec::new();
    for at in 0..bytes.len().saturating_sub(46) {
        // (where the name's length is, where the name is, where the size is)
        match &bytes[at..at + 4] {
            b"PK\x03\x04" => headers.push((at + 26, at + 30, at + 22)),
            b"PK\x01\x02" => headers.push((at + 28, at + 46, at + 24)),
            _ => {}
        }
    }
    let mut patched = 0;
    for (length_at, name_at, size_at) in headers {
        let length = usize::from(u16::from_le_bytes([bytes[length_at], bytes[length_at + 1]]));
        if bytes.get(name_at..name_at + length) == Some(name.as_bytes()) {
            bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{name}");
}

#[test]
fn members_that_will_be_ignored_are_never_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    // A member whose stored bytes are damaged: inflating it fails its checksum.
    let marker = "not relationship evidence ".repeat(40);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("Profile.csv", PROFILE),
        ("Rich_Media.csv", marker.as_bytes()),
        ("Jobs/Saved Jobs.csv", marker.as_bytes()),
    ] {
        writer.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut writer, bytes).unwrap();
    }
    writer.finish().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        let at = bytes
            .windows(marker.len())
            .position(|window| window == marker.as_bytes())
            .unwrap();
        bytes[at] = b'N';
    }
    write_bytes(&path, &bytes);
    let data = read(std::slice::from_ref(&path));
    for name in ["Rich_Media.csv", "Saved Jobs.csv"] {
        let ignored = file(&data, name);
        assert_eq!(
            ignored.kind,
            "ignored: file carries no relationship evidence"
        );
        assert_eq!(ignored.rows_read, 0);
    }
}

fn write_bytes(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn an_export_declaring_more_than_1_gib_to_read_is_refused_before_inflating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let names = ["Connections.csv", "Invitations.csv", "messages.csv"];
    let mut entries: Vec<(&str, &[u8])> = vec![("Profile.csv", PROFILE)];
    entries.extend(names.iter().map(|name| (*name, CONNECTIONS.as_bytes())));
    crate::harness::zip_entries(&path, &entries);
    // Each under the 512 MiB a member may hold; 1.2 GiB in all.
    let mut bytes = std::fs::read(&path).unwrap();
    for name in names {
        declare_size(&mut bytes, name, 400 * 1024 * 1024);
    }
    write_bytes(&path, &bytes);
    let started = std::time::Instant::now();
    let error = read_sources(std::slice::from_ref(&path), IngestOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("more than 1 GiB uncompressed in all"),
        "{message}"
    );
    assert!(message.contains("zip-bomb guard"), "{message}");
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn the_total_limit_holds_for_export_folders_and_counts_what_is_read() {
    use warmpath::ingest::linkedin::ExportReader;
    let dir = tempfile::tempdir().unwrap();
    let rows = "Ana,Lopez,,,,,01 Jan 2026\n".repeat(30);
    write(
        &dir.path().join("Connections.csv"),
        &format!("{CONNECTIONS}{rows}"),
    );
    write(
        &dir.path().join("Profile.csv"),
        std::str::from_utf8(PROFILE).unwrap(),
    );
    // Ignored files do not count toward the limit.
    write(&dir.path().join("Rich_Media.csv"), &"x".repeat(5_000));
    let mut dataset = Dataset::default();
    ExportReader::with_limits(2_000, 1_000)
        .read(dir.path(), None, IngestOptions::default(), &mut dataset)
        .unwrap();
    let mut dataset = Dataset::default();
    let error = ExportReader::with_limits(2_000, 500)
        .read(dir.path(), None, IngestOptions::default(), &mut dataset)
        .unwrap_err();
    assert!(error.to_string().contains("in all"), "{error}");
}

#[test]
fn an_archive_that_understates_its_sizes_is_refused_while_inflating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    let rows = "Ana,Lopez,,,,,01 Jan 2026\n".repeat(30);
    let connections = format!("{CONNECTIONS}{rows}");
    crate::harness::zip_entries(
        &path,
        &[
            ("Profile.csv", PROFILE),
            ("Connections.csv", connections.as_bytes()),
        ],
    );
    // Deflated, so the compressed size stays true and the member would
    // inflate whole; only the uncompressed size it declares is a lie, which
    // would slip it under the totals if they trusted it.
    let mut bytes = std::fs::read(&path).unwrap();
    declare_size(&mut bytes, "Connections.csv", 10);
    write_bytes(&path, &bytes);
    let error = read_sources(std::slice::from_ref(&path), IngestOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Connections.csv"), "{message}");
    assert!(message.contains("declared uncompressed size"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_in_a_linkedin_export_folder_is_passed_over_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path();
    write(
        &export.join("Profile.csv"),
        std::str::from_utf8(PROFILE).unwrap(),
    );
    let status = std::process::Command::new("mkfifo")
        .arg(export.join("Connections.csv"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", export.join("messages.csv")).unwrap();
    let output = ties_within_seconds(export, 30);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    for name in ["Connections.csv", "messages.csv"] {
        assert!(
            stderr
                .lines()
                .any(|line| line.contains(name) && line.contains("ignored: not a regular file")),
            "{name}: {stderr}"
        );
    }
}

/// A size as the README writes it.
fn size_words(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b => format!("{} KiB", b >> 10),
    }
}

#[test]
fn the_readme_lists_every_input_limit_as_the_code_sets_it() {
    use warmpath::ingest::linkedin::{MAX_EXPORT_BYTES, MAX_MEMBER_BYTES};
    use warmpath::ingest::{
        MAX_LINE_BYTES, MAX_MANIFEST_BYTES, MAX_QUOTED_BYTES, MAX_QUOTED_LINES,
    };
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("### Bad input").unwrap()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let expected = [
        format!("at most {MAX_QUOTED_LINES} lines and"),
        format!(
            "{} past the line where its quote opened",
            size_words(MAX_QUOTED_BYTES as u64)
        ),
        format!(
            "longer than {} are skipped",
            size_words(MAX_LINE_BYTES as u64)
        ),
        format!(
            "larger than {} uncompressed is refused",
            size_words(MAX_MEMBER_BYTES)
        ),
        format!(
            "more than {} uncompressed in all",
            size_words(MAX_EXPORT_BYTES)
        ),
        format!("files** larger than {}", size_words(MAX_MANIFEST_BYTES)),
    ];
    for text in expected {
        assert!(section.contains(&text), "README's Bad input lacks '{text}'");
    }
    assert_eq!(MAX_MANIFEST_BYTES, warmpath::tie_strength::MAX_MODEL_BYTES);
}
