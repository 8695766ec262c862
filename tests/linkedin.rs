//! `LinkedIn` exports: every quirk of the formats README, every era parsing to
//! the same evidence, zip and folder alike, pooled exports merging shared
//! people once, and bad archives failing clearly instead of panicking.

// Helpers shared by the tests unwrap too: a failure is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use warmpath::Error;
use warmpath::identity::{PersonId, ResolvedDataset, resolve_identities};
use warmpath::ingest::linkedin::ExportReader;
use warmpath::ingest::{Channel, Dataset, IngestOptions, read_sources};
use warmpath::intro::{
    IntroQuery, Target, parse_mutuals_list, rank_introducers, rank_mutuals, rank_team_introducers,
    resolve_person, resolve_target,
};
use warmpath::pipeline::{BuildOptions, Network, build_network};
use warmpath::progress::NoProgress;
use warmpath::tie_strength::Model;

use crate::harness::{fixture, zip_entries};

const SAMPLE: &str = "linkedin-export";
const JORDAN_URL: &str = "https://www.linkedin.com/in/jordan-reyes-3f9a1b";

fn options() -> BuildOptions {
    let date = jiff::civil::date(2026, 11, 25);
    BuildOptions {
        model: Model::default(),
        as_of: Some(date),
        today: date,
        ingest: IngestOptions::default(),
        owner_emails: Vec::new(),
    }
}

fn build(paths: &[PathBuf]) -> Network {
    build_network(paths, &options(), &NoProgress).unwrap()
}

fn resolved(paths: &[PathBuf]) -> ResolvedDataset {
    resolve_identities(read_sources(paths, IngestOptions::default()).unwrap()).unwrap()
}

fn id(network: &Network, query: &str) -> PersonId {
    resolve_person(&network.graph, query).unwrap()
}

fn channel_count(network: &Network, x: &str, y: &str, channel: Channel) -> u32 {
    let index = Channel::ALL.iter().position(|c| *c == channel).unwrap();
    network
        .graph
        .tie_detail(id(network, x), id(network, y))
        .unwrap()
        .map_or(0, |tie| tie.evidence.by_channel[index])
}

fn file<'a>(network: &'a Network, name: &str) -> &'a warmpath::ingest::FileSummary {
    network
        .summary
        .files
        .iter()
        .find(|file| {
            file.path
                .file_name()
                .is_some_and(|file_name| file_name == name)
        })
        .unwrap_or_else(|| panic!("{name} is not in the summary"))
}

/// People, interactions and declared ties by name, so exports of different
/// eras (with or without URLs) compare.
fn evidence(resolved: &ResolvedDataset, skip: &[Channel]) -> [BTreeSet<String>; 3] {
    let name = |id: PersonId| resolved.people.person(id).display_name().to_owned();
    let people = resolved
        .people
        .persons()
        .iter()
        .map(|person| person.display_name().to_owned())
        .collect();
    let interactions = resolved
        .interactions
        .iter()
        .filter(|interaction| !skip.contains(&interaction.channel))
        .map(|interaction| {
            let mut to: Vec<String> = interaction.to.iter().map(|id| name(*id)).collect();
            to.sort();
            format!(
                "{} {} {} -> {}",
                interaction.at,
                interaction.channel.name(),
                name(interaction.from),
                to.join(" + ")
            )
        })
        .collect();
    let relationships = resolved
        .relationships
        .iter()
        .map(|tie| {
            format!(
                "{} - {} since {:?}",
                name(tie.a),
                name(tie.b),
                tie.since.get()
            )
        })
        .collect();
    [people, interactions, relationships]
}

fn zip_folder(folder: &Path, zip_path: &Path, wrapper: &str) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip_path).unwrap());
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = format!("{wrapper}{}", path.file_name().unwrap().to_str().unwrap());
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn sample_export_names_ana_lopez_first_for_victor_chen_with_her_evidence() {
    let network = build(&[fixture(SAMPLE)]);
    let graph = &network.graph;
    let from = graph.owners()[0];
    let ranking = rank_introducers(
        graph,
        IntroQuery {
            from,
            target: resolve_target(graph, "Victor Chen").unwrap(),
            max_hops: 3,
            top: 10,
        },
        &Model::default(),
    )
    .unwrap();
    let first = &ranking.introducers[0];
    assert_eq!(graph.person(first.path.introducer()).name, "Ana Lopez");
    let evidence = graph
        .tie_detail(from, first.path.introducer())
        .unwrap()
        .unwrap()
        .evidence
        .describe();
    for part in [
        "1 recommendation",
        "6 messages",
        "2 endorsements",
        "connected (linkedin)",
    ] {
        assert!(evidence.contains(part), "{evidence}");
    }
}

#[test]
fn every_row_of_every_sample_file_is_accounted_for() {
    let network = build(&[fixture(SAMPLE)]);
    // A file without evidence is listed, never read (zip-bomb guard).
    let expected_rows = [
        ("Company Follows.csv", 0),
        ("Connections.csv", 25),
        ("Endorsement_Given_Info.csv", 3),
        ("Endorsement_Received_Info.csv", 7),
        ("Invitations.csv", 7),
        ("LearningCoachMessages.csv", 0),
        ("Positions.csv", 3),
        ("Profile.csv", 1),
        ("Recommendations_Given.csv", 1),
        ("Recommendations_Received.csv", 2),
        ("guide_messages.csv", 0),
        ("messages.csv", 21),
    ];
    assert_eq!(network.summary.files.len(), expected_rows.len());
    for (name, rows) in expected_rows {
        let summary = file(&network, name);
        assert_eq!(summary.rows_read, rows, "{name}");
        assert_eq!(
            summary.rows_read,
            summary.rows_used + summary.rows_skipped(),
            "{name}"
        );
    }
}

#[test]
fn owner_is_the_profile_name_with_the_url_of_outgoing_invitations_and_current_employer() {
    let network = build(&[fixture(SAMPLE)]);
    let [owner] = network.graph.owners() else {
        panic!("one owner expected");
    };
    let person = network.graph.person(*owner);
    assert_eq!(person.name, "Jordan Reyes");
    assert_eq!(person.profile_urls, [JORDAN_URL]);
    assert_eq!(person.company.as_deref(), Some("Routewise Labs"));
    assert_eq!(id(&network, JORDAN_URL), *owner);
}

#[test]
fn connections_skip_the_notes_preamble_and_hidden_rows_and_keep_quoted_commas() {
    let network = build(&[fixture(SAMPLE)]);
    let connections = file(&network, "Connections.csv");
    assert_eq!(connections.rows_used, 23);
    assert_eq!(connections.skipped["hidden profile (only a date)"], 2);
    let chloe = network.graph.person(id(&network, "Chloé Martin"));
    assert_eq!(chloe.company.as_deref(), Some("Globex, Inc."));
    assert_eq!(chloe.title.as_deref(), Some("Director, Product"));
    id(&network, "Priya Natarajan, PhD");
    // The last row has no final newline and an emoji in the name.
    id(&network, "Quinn Taylor 🍷");
    // Connected On `DD Mon YYYY` is the declared tie's start.
    let ana = network
        .graph
        .tie_detail(network.graph.owners()[0], id(&network, "Ana Lopez"))
        .unwrap()
        .unwrap();
    assert_eq!(
        ana.evidence.declared.as_ref().unwrap().since,
        Some(1_636_675_200)
    );
}

#[test]
fn percent_encoded_and_raw_unicode_slugs_are_one_person() {
    let network = build(&[fixture(SAMPLE)]);
    let encoded = id(
        &network,
        "https://www.linkedin.com/in/chlo%C3%A9-martin-5e6f70",
    );
    assert_eq!(
        id(&network, "https://www.linkedin.com/in/chloé-martin-5e6f70"),
        encoded
    );
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Chloé Martin", Channel::Message),
        2
    );
    assert_eq!(
        channel_count(
            &network,
            "Jordan Reyes",
            "Chloé Martin",
            Channel::Invitation
        ),
        1
    );
}

#[test]
fn upper_case_slugs_and_connection_emails_find_the_person() {
    let network = build(&[fixture(SAMPLE)]);
    assert_eq!(
        id(&network, "linkedin.com/in/lars-johansson-77"),
        id(&network, "Lars Johansson")
    );
    assert_eq!(
        id(&network, "ana.lopez@example.com"),
        id(&network, "Ana Lopez")
    );
}

#[test]
fn group_chats_take_recipients_from_urls_and_names_with_commas_stay_whole() {
    let data = resolved(&[fixture(SAMPLE)]);
    let victor_sent = data
        .interactions
        .iter()
        .find(|interaction| data.people.person(interaction.from).name == "Victor Chen")
        .unwrap();
    let mut to: Vec<&str> = victor_sent
        .to
        .iter()
        .map(|id| data.people.person(*id).name.as_str())
        .collect();
    to.sort_unstable();
    assert_eq!(to, ["Ana Lopez", "Jordan Reyes"]);
    assert!(
        data.people
            .persons()
            .iter()
            .all(|person| person.name != "PhD" && person.name != "Priya Natarajan")
    );
}

#[test]
fn linkedin_member_placeholders_are_one_person_per_conversation_never_merged() {
    let network = build(&[fixture(SAMPLE)]);
    let graph = &network.graph;
    let placeholders: Vec<PersonId> = (0..graph.people().len() as u32)
        .map(PersonId)
        .filter(|id| graph.person(*id).name == "LinkedIn Member")
        .collect();
    assert_eq!(placeholders.len(), 2);
    let owner = graph.owners()[0];
    let messages: Vec<String> = placeholders
        .iter()
        .map(|member| {
            graph
                .tie_detail(owner, *member)
                .unwrap()
                .unwrap()
                .evidence
                .describe()
        })
        .collect();
    assert!(
        messages
            .iter()
            .any(|text| text.starts_with("2 messages, both ways")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|text| text.starts_with("1 message,")),
        "{messages:?}"
    );
}

#[test]
fn sponsored_spam_drafts_and_senderless_messages_are_skipped_with_reasons() {
    let network = build(&[fixture(SAMPLE)]);
    let messages = file(&network, "messages.csv");
    let reasons: Vec<(&str, u64)> = messages
        .skipped
        .iter()
        .map(|(reason, count)| (reason.as_str(), *count))
        .collect();
    assert_eq!(
        reasons,
        [
            ("draft", 1),
            ("no sender", 1),
            ("spam folder", 1),
            ("sponsored message (not a relationship)", 1)
        ]
    );
    assert!(resolve_person(&network.graph, "Morgan Blake").is_err());
    assert!(resolve_person(&network.graph, "Crypto Alpha Signals").is_err());
}

#[test]
fn multi_line_and_attachment_only_messages_each_count_once() {
    let network = build(&[fixture(SAMPLE)]);
    assert_eq!(file(&network, "messages.csv").rows_read, 21);
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Gustavo Lima", Channel::Message),
        2
    );
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Ana Lopez", Channel::Message),
        6
    );
}

#[test]
fn pending_invitations_make_people_who_are_not_connections() {
    let network = build(&[fixture(SAMPLE)]);
    for name in ["Victor Chen", "Riley Stone", "Sam Okoro"] {
        assert_eq!(
            channel_count(&network, "Jordan Reyes", name, Channel::Invitation),
            1,
            "{name}"
        );
    }
}

#[test]
fn endorsement_skills_given_at_one_moment_are_one_endorsement() {
    let network = build(&[fixture(SAMPLE)]);
    let received = file(&network, "Endorsement_Received_Info.csv");
    assert_eq!(received.skipped["another skill of the same endorsement"], 2);
    // One received (three skills) and one given.
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Ana Lopez", Channel::Endorsement),
        2
    );
}

#[test]
fn recommendations_find_people_by_name_without_a_url() {
    let network = build(&[fixture(SAMPLE)]);
    assert_eq!(
        channel_count(
            &network,
            "Jordan Reyes",
            "Ana Lopez",
            Channel::Recommendation
        ),
        1
    );
    assert_eq!(
        channel_count(
            &network,
            "Jordan Reyes",
            "Bram de Vries",
            Channel::Recommendation
        ),
        1
    );
    assert_eq!(
        channel_count(
            &network,
            "Jordan Reyes",
            "Gustavo Lima",
            Channel::Recommendation
        ),
        1
    );
}

#[test]
fn every_era_parses_to_the_same_people_and_evidence() {
    let quoted = resolved(&[fixture("linkedin-eras/2026-03-quoted")]);
    let excel = resolved(&[fixture("linkedin-eras/excel-resaved")]);
    let old = resolved(&[fixture("linkedin-eras/2018-complete")]);
    assert_eq!(evidence(&quoted, &[]), evidence(&excel, &[]));
    // 2018 exports had no endorsements file.
    assert_eq!(
        evidence(&quoted, &[Channel::Endorsement]),
        evidence(&old, &[Channel::Endorsement])
    );
    let [people, interactions, relationships] = evidence(&quoted, &[]);
    assert_eq!(people.len(), 5, "{people:?}");
    assert_eq!(interactions.len(), 7, "{interactions:?}");
    assert_eq!(relationships.len(), 3, "{relationships:?}");
}

#[test]
fn excel_resaved_files_with_bom_crlf_short_dates_and_utf16_tabs_are_read() {
    let network = build(&[fixture("linkedin-eras/excel-resaved")]);
    let endorsements = file(&network, "Endorsement Received Info.csv");
    assert_eq!((endorsements.rows_read, endorsements.rows_used), (2, 1));
    let connections = file(&network, "Connections.csv");
    assert_eq!((connections.rows_read, connections.rows_used), (4, 3));
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Ana Lopez", Channel::Endorsement),
        1
    );
}

#[test]
fn old_exports_without_urls_or_profile_still_find_the_owner_and_split_names() {
    let basic = build(&[fixture("linkedin-variants/2021-basic")]);
    let owner = basic.graph.person(basic.graph.owners()[0]);
    assert_eq!(owner.name, "Jordan Reyes");
    // Wen Li of Connections (no URL) and of messages (URL) are one person.
    let wen = basic.graph.person(id(&basic, "Wen Li"));
    assert_eq!(
        wen.profile_urls,
        ["https://www.linkedin.com/in/wen-li-5b6c7d"]
    );
    assert_eq!(
        channel_count(&basic, "Jordan Reyes", "Wen Li", Channel::Message),
        2
    );
    assert_eq!(
        channel_count(&basic, "Ana Lopez", "Wen Li", Channel::Message),
        1
    );

    let complete = build(&[fixture("linkedin-variants/2022-complete")]);
    assert_eq!(
        channel_count(&complete, "Jordan Reyes", "Ana Lopez", Channel::Message),
        2
    );
    assert_eq!(
        channel_count(&complete, "Jordan Reyes", "Ana Lopez", Channel::Endorsement),
        1
    );

    let december = build(&[fixture("linkedin-variants/2024-12")]);
    assert_eq!(file(&december, "messages.csv").skipped["draft"], 1);
    assert_eq!(
        channel_count(&december, "Gustavo Lima", "Maya Cohen", Channel::Message),
        1
    );

    let august = build(&[fixture("linkedin-variants/2025-08")]);
    assert_eq!(file(&august, "messages.csv").rows_used, 1);
}

#[test]
fn a_zip_as_downloaded_and_its_folder_give_identical_results() {
    let dir = tempfile::tempdir().unwrap();
    let flat = dir
        .path()
        .join("Complete_LinkedInDataExport_11-25-2026.zip");
    let wrapped = dir.path().join("rezipped.zip");
    zip_folder(&fixture(SAMPLE), &flat, "");
    zip_folder(
        &fixture(SAMPLE),
        &wrapped,
        "Complete_LinkedInDataExport_11-25-2026/",
    );
    let folder = resolved(&[fixture(SAMPLE)]);
    for zip in [flat, wrapped] {
        let archive = resolved(std::slice::from_ref(&zip));
        assert_eq!(
            evidence(&folder, &[]),
            evidence(&archive, &[]),
            "{}",
            zip.display()
        );
        let counts = |data: &ResolvedDataset| -> Vec<(u64, u64, u64)> {
            let mut counts: Vec<(u64, u64, u64)> = data
                .summary
                .files
                .iter()
                .map(|file| (file.rows_read, file.rows_used, file.rows_skipped()))
                .collect();
            counts.sort_unstable();
            counts
        };
        assert_eq!(counts(&folder), counts(&archive));
    }
}

#[test]
fn two_overlapping_exports_merge_shared_people_and_messages_once() {
    let paths = [fixture(SAMPLE), fixture("linkedin-second-member")];
    let data = resolved(&paths);
    for name in ["Jordan Reyes", "Ana Lopez", "Victor Chen", "Chloé Martin"] {
        let count = data
            .people
            .persons()
            .iter()
            .filter(|person| person.name == name)
            .count();
        assert_eq!(count, 1, "{name}");
    }
    let second = data
        .summary
        .files
        .iter()
        .find(|file| {
            file.path.starts_with(fixture("linkedin-second-member"))
                && file.kind.contains("messages")
        })
        .unwrap();
    assert_eq!(second.skipped["also in another export"], 7);
    let network = build(&paths);
    assert_eq!(network.graph.owners().len(), 2);
    assert_eq!(
        channel_count(&network, "Jordan Reyes", "Ana Lopez", Channel::Message),
        6
    );
}

#[test]
fn team_ranking_starts_each_path_at_a_member_and_never_goes_through_one() {
    let network = build(&[fixture(SAMPLE), fixture("linkedin-second-member")]);
    let graph = &network.graph;
    let members = graph.owners().to_vec();
    let query = IntroQuery {
        from: members[0],
        target: resolve_target(graph, "company:Northwind Traders").unwrap(),
        max_hops: 3,
        top: 10,
    };
    let team = rank_team_introducers(graph, &members, &query, &Model::default()).unwrap();
    assert!(!team.ranking.introducers.is_empty());
    for introducer in &team.ranking.introducers {
        assert!(members.contains(&introducer.path.nodes[0]));
        assert!(
            introducer.path.nodes[1..]
                .iter()
                .all(|node| !members.contains(node))
        );
    }
    let victor = Target::Person(id(&network, "Victor Chen"));
    let direct = rank_team_introducers(
        graph,
        &members,
        &IntroQuery {
            target: victor,
            ..query
        },
        &Model::default(),
    )
    .unwrap();
    assert_eq!(direct.direct.len(), 2);
}

#[test]
fn a_team_manifest_reads_each_members_sources() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("team.toml");
    std::fs::write(
        &manifest,
        format!(
            "as_of = 2026-11-25\n\n[[member]]\nid = \"jordan\"\nname = \"Jordan Reyes\"\nsources = [{:?}]\n\n[[member]]\nid = \"ana\"\nemail = \"ana.lopez@example.com\"\nsources = [{:?}]\n",
            fixture(SAMPLE),
            fixture("linkedin-second-member")
        ),
    )
    .unwrap();
    let network = build(&[manifest]);
    let owners = network.graph.owners();
    assert_eq!(owners.len(), 2);
    assert_eq!(id(&network, "jordan"), id(&network, JORDAN_URL));
    assert_eq!(id(&network, "ana"), id(&network, "Ana Lopez"));
    assert!(owners.contains(&id(&network, "ana")));
}

#[test]
fn listed_mutuals_rank_by_the_owners_tie_and_unknown_names_are_reported() {
    let network = build(&[fixture(SAMPLE)]);
    let listed = parse_mutuals_list("Hana Sato · 2nd\nConnect\nAna Lopez\nNobody Known\n");
    let ranking = rank_mutuals(&network.graph, network.graph.owners()[0], None, &listed).unwrap();
    let names: Vec<&str> = ranking
        .mutuals
        .iter()
        .map(|mutual| network.graph.person(mutual.person).name.as_str())
        .collect();
    assert_eq!(names, ["Ana Lopez", "Hana Sato"]);
    assert_eq!(ranking.not_found.len(), 1);
}

#[test]
fn company_targets_use_the_company_of_connections() {
    let network = build(&[fixture(SAMPLE)]);
    let Target::Company { members, .. } =
        resolve_target(&network.graph, "company:northwind traders").unwrap()
    else {
        panic!("a company");
    };
    assert_eq!(members.len(), 4);
}

fn read_error(path: &Path, reader: &mut ExportReader) -> Error {
    let mut dataset = Dataset::default();
    reader
        .read(path, None, IngestOptions::default(), &mut dataset)
        .unwrap_err()
}

#[test]
fn a_corrupt_zip_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").unwrap();
    let error = read_error(&path, &mut ExportReader::default());
    assert!(matches!(error, Error::Archive { .. }));
    assert!(error.to_string().contains("not a readable zip"), "{error}");
    assert!(read_sources(&[path], IngestOptions::default()).is_err());
}

#[test]
fn a_zip_that_is_not_a_linkedin_export_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.zip");
    zip_entries(
        &path,
        &[("holiday.jpg", b"\xff\xd8"), ("notes.txt", b"hello")],
    );
    let error = read_error(&path, &mut ExportReader::default());
    assert!(
        error.to_string().contains("not a LinkedIn export"),
        "{error}"
    );
}

#[test]
fn a_member_larger_than_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let big = "x".repeat(10_000);
    zip_entries(
        &path,
        &[
            ("Profile.csv", b"First Name,Last Name\nJo,Doe\n"),
            ("messages.csv", big.as_bytes()),
        ],
    );
    let error = read_error(&path, &mut ExportReader::with_member_limit(1_000));
    assert!(error.to_string().contains("zip-bomb guard"), "{error}");
    // An oversized file warmpath does not need is only listed, never inflated.
    let path = dir.path().join("big-extra.zip");
    zip_entries(
        &path,
        &[
            ("Profile.csv", b"First Name,Last Name\nJo,Doe\n"),
            ("Rich_Media.csv", big.as_bytes()),
        ],
    );
    let mut dataset = Dataset::default();
    ExportReader::with_member_limit(1_000)
        .read(&path, None, IngestOptions::default(), &mut dataset)
        .unwrap();
    assert!(
        dataset
            .summary
            .files
            .iter()
            .any(|file| file.path.ends_with("Rich_Media.csv")
                && file.kind == "ignored: file carries no relationship evidence"
                && file.rows_read == 0)
    );
}

#[test]
fn an_entry_escaping_the_archive_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.zip");
    zip_entries(
        &path,
        &[
            ("Profile.csv", b"First Name,Last Name\nJo,Doe\n"),
            ("../Connections.csv", b"First Name,Last Name\n"),
        ],
    );
    let error = read_error(&path, &mut ExportReader::default());
    assert!(error.to_string().contains("outside the archive"), "{error}");
}

#[test]
fn unknown_files_bad_dates_and_unknown_headers_are_noted_or_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(
        export.join("Connections.csv"),
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lopez,,,,,someday\nBo,Li,,,,,01 Jan 2026\n",
    )
    .unwrap();
    std::fs::write(export.join("Future Feature.csv"), "Thing,When\na,b\n").unwrap();
    let data = read_sources(std::slice::from_ref(&export), IngestOptions::default()).unwrap();
    let connections = data
        .summary
        .files
        .iter()
        .find(|file| file.kind.contains("Connections"))
        .unwrap();
    assert_eq!(connections.skipped["bad date"], 1);
    assert_eq!(connections.skip_notes[0].line, 2);
    let future = data
        .summary
        .files
        .iter()
        .find(|file| file.path.ends_with("Future Feature.csv"))
        .unwrap();
    assert_eq!(
        future.kind,
        "ignored: file carries no relationship evidence"
    );
    assert_eq!(future.rows_read, 0);
    // --strict turns the bad date into an error naming file and line.
    let strict = read_sources(
        std::slice::from_ref(&export),
        IngestOptions {
            strict: true,
            ..IngestOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(strict, Error::StrictSkip { line: 2, .. }),
        "{strict}"
    );
    // A messages header of an unknown era names the file.
    std::fs::write(export.join("messages.csv"), "FOO,BAR\n1,2\n").unwrap();
    let error = read_sources(&[export], IngestOptions::default()).unwrap_err();
    assert!(error.to_string().contains("messages.csv"), "{error}");
}

#[test]
fn intro_json_carries_the_ingest_summary() {
    let output = crate::harness::warmpath()
        .args([
            "intro",
            "Victor Chen",
            "--format",
            "json",
            "--quiet",
            "--as-of",
            "2026-11-25",
            "--data",
        ])
        .arg(fixture(SAMPLE))
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["introducers"][0]["introducer"]["name"], "Ana Lopez");
    assert_eq!(value["ingest"]["files"].as_array().unwrap().len(), 12);
}

#[test]
fn the_demo_team_pools_linkedin_zips_and_ranks_priya_first() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let output = crate::harness::warmpath()
        .args([
            "intro",
            "Dana Whitfield",
            "--from",
            "team",
            "--format",
            "json",
            "--quiet",
            "--data",
        ])
        .arg(demo.join("team.toml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["introducers"][0]["introducer"]["name"], "Priya Raman");
    assert_eq!(value["introducers"][0]["path"][0]["name"], "Maya Okafor");
    assert_eq!(value["from"]["team"].as_array().unwrap().len(), 2);
    let files = value["ingest"]["files"].as_array().unwrap();
    assert!(files.iter().any(|file| {
        file["path"]
            .as_str()
            .unwrap()
            .ends_with("sam.zip/messages.csv")
    }));
}

#[test]
fn strict_mode_accepts_rows_that_are_not_evidence_but_well_formed() {
    let strict = IngestOptions {
        strict: true,
        ..IngestOptions::default()
    };
    let dataset = read_sources(&[fixture(SAMPLE)], strict).unwrap();
    assert!(dataset.summary.total_skipped() > 0);
}
