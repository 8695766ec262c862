//! `warmpath report`: one test per section on a fixture built to trigger it
//! (data/fixtures/report-*), snapshots of the table, JSON and CSV of the
//! demo, hostile text in every format, redaction and atomic output files.

// The helpers below serve tests only: a failure should stop the test loudly.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use warmpath::ingest::IngestOptions;
use warmpath::pipeline::{BuildOptions, Network, build_network};
use warmpath::progress::NoProgress;
use warmpath::report::{
    NetworkReport, PruneReason, ReportOptions, TeamReport, build_report, build_team_report,
};
use warmpath::tie_strength::{Band, Model};

use crate::harness::{fixture, run};

fn network(folders: &[&str]) -> Network {
    let paths: Vec<PathBuf> = folders.iter().map(|name| fixture(name)).collect();
    let options = BuildOptions {
        model: Model::default(),
        as_of: None,
        today: jiff::civil::date(2026, 6, 30),
        ingest: IngestOptions::default(),
        owner_emails: Vec::new(),
    };
    build_network(&paths, &options, &NoProgress).unwrap()
}

fn report_of(name: &str) -> NetworkReport {
    let network = network(&[name]);
    let owner = network.graph.owners()[0];
    build_report(
        &network.graph,
        &Model::default(),
        owner,
        &ReportOptions::default(),
        &NoProgress,
    )
    .unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let output = run(args);
    assert!(
        output.status.success(),
        "warmpath {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn connection_never_spoken_to_is_the_first_prune_candidate_with_its_reason() {
    let report = report_of("report-prune");
    let first = &report.prune[0];
    assert_eq!(first.person.name, "Gale Ghost");
    assert_eq!(first.reason, PruneReason::NeverInteracted);
    assert!(
        first.detail.contains("never met or spoke"),
        "{}",
        first.detail
    );
    assert!(
        first.detail.contains("connected in 2019"),
        "{}",
        first.detail
    );
    assert_eq!(first.connected_since.as_deref(), Some("2019-04-02"));
}

#[test]
fn accepted_invitation_without_contact_is_a_prune_candidate_but_not_noise() {
    let report = report_of("report-prune");
    let invite = report
        .prune
        .iter()
        .find(|candidate| candidate.person.name == "Ivo Invite")
        .unwrap();
    assert_eq!(invite.reason, PruneReason::InvitationOnly);
    assert!(invite.detail.contains("invitation"), "{}", invite.detail);
    assert!(
        report
            .noise
            .top_senders
            .iter()
            .all(|sender| sender.person.name != "Ivo Invite")
    );
}

#[test]
fn unanswered_sender_is_a_prune_candidate_and_counted_as_noise() {
    let report = report_of("report-prune");
    let pest = report
        .prune
        .iter()
        .find(|candidate| candidate.person.name == "Pat Pester")
        .unwrap();
    assert_eq!(pest.reason, PruneReason::TheyWroteNeverAnswered);
    assert!(pest.detail.contains("5 times"), "{}", pest.detail);
    assert_eq!(report.noise.unanswered, 5);
    assert_eq!(report.noise.senders, 1);
    assert_eq!(report.noise.top_senders[0].person.name, "Pat Pester");
}

#[test]
fn real_relationship_is_in_the_core_and_never_a_prune_candidate() {
    let report = report_of("report-prune");
    assert!(
        report
            .prune
            .iter()
            .all(|candidate| candidate.person.name != "Fran Friend")
    );
    assert_eq!(report.engaged_core[0].person.name, "Fran Friend");
    assert!(report.engaged_core[0].evidence.contains("meetings"));
}

#[test]
fn headline_counts_genuine_connections_against_all() {
    let report = report_of("report-prune");
    let quality = &report.quality;
    assert_eq!(quality.connections, 4);
    let total: usize = quality.bands.iter().map(|band| band.count).sum();
    let spread: usize = quality.distribution.iter().map(|bucket| bucket.count).sum();
    assert_eq!((total, spread), (4, 4));
    assert!(
        quality
            .headline
            .starts_with(&format!("{} of 4 connections are genuine", quality.genuine)),
        "{}",
        quality.headline
    );
    assert!(
        quality
            .headline
            .contains("1 you have never met or spoken to")
    );
}

#[test]
fn faded_former_collaborator_is_listed_to_re_engage_with_last_contact() {
    let report = report_of("report-reengage");
    assert_eq!(report.re_engage.len(), 1);
    let former = &report.re_engage[0];
    assert_eq!(former.person.name, "Fay Former");
    assert_eq!(former.band, Band::Dormant);
    assert!(former.peak > former.strength);
    assert!(
        former
            .last_contact
            .as_deref()
            .is_some_and(|date| date.starts_with("2021-01")),
        "{:?}",
        former.last_contact
    );
    assert!(former.days_since_contact.unwrap() > 5 * 365);
    assert!(
        report
            .engaged_core
            .iter()
            .all(|entry| entry.person.name != "Fay Former")
    );
    assert_eq!(report.engaged_core[0].person.name, "Cy Current");
}

#[test]
fn timeline_counts_connections_added_and_interactions_per_year() {
    let report = report_of("report-reengage");
    let year = |year: i32| {
        report
            .timeline
            .iter()
            .find(|row| row.year == year)
            .copied()
            .unwrap()
    };
    assert_eq!(report.timeline.first().unwrap().year, 2018);
    assert_eq!(report.timeline.last().unwrap().year, 2026);
    // Weekly meetings from 2018-03-05: 44 in 2018, then a gap year with none.
    assert_eq!(
        (year(2018).connections_added, year(2018).interactions),
        (1, 44)
    );
    assert_eq!(
        (year(2023).connections_added, year(2023).interactions),
        (0, 0)
    );
    assert_eq!(
        (year(2026).connections_added, year(2026).interactions),
        (1, 24)
    );
}

#[test]
fn only_strong_bridge_into_a_company_is_a_broker() {
    let report = report_of("report-broker");
    assert_eq!(report.brokers.len(), 1, "{:?}", report.brokers);
    assert_eq!(report.brokers[0].person.name, "Bea Bridge");
    // Initech has two strong bridges, so nobody is its only one.
    assert_eq!(report.brokers[0].companies, vec!["Acme".to_owned()]);
    // Ada (Acme) and Ian (Initech) are reached strongly only through Bea; Ina
    // only through Bo, one person, which is no circle.
    assert_eq!(report.brokers[0].people_only_through_them, 2);
}

#[test]
fn company_reached_only_through_weak_ties_is_listed_apart() {
    let report = report_of("report-broker");
    let reach = &report.reach;
    let acme = reach
        .genuine
        .iter()
        .find(|company| company.company == "Acme")
        .unwrap();
    assert_eq!(acme.introducer.name, "Bea Bridge");
    assert_eq!(acme.genuine_introducers, 1);
    let initech = reach
        .genuine
        .iter()
        .find(|company| company.company == "Initech")
        .unwrap();
    assert_eq!(initech.genuine_introducers, 2);
    assert_eq!(reach.weak_only.len(), 1);
    assert_eq!(reach.weak_only[0].company, "Globex");
    assert_eq!(reach.weak_only[0].introducer.name, "Al Acquaint");
    // The person's own company is not "reach".
    assert!(
        reach
            .genuine
            .iter()
            .chain(&reach.weak_only)
            .all(|company| company.company != "Home Co")
    );
}

#[test]
fn team_report_names_the_member_with_the_strongest_access_per_company() {
    let network = network(&["report-team-a", "report-team-b"]);
    let team: TeamReport = build_team_report(
        &network.graph,
        &Model::default(),
        &ReportOptions::default(),
        &NoProgress,
    )
    .unwrap();
    let members: Vec<&str> = team
        .members
        .iter()
        .map(|member| member.member.name.as_str())
        .collect();
    assert_eq!(members, ["Ana Member", "Ben Member"]);
    let best = |company: &str| {
        team.companies
            .iter()
            .find(|access| access.company == company)
            .map(|access| access.member.name.clone())
            .unwrap()
    };
    assert_eq!(best("Acme"), "Ana Member");
    assert_eq!(best("Globex"), "Ben Member");
    assert!(
        team.companies
            .iter()
            .all(|access| access.company != "Team Co")
    );
}

#[test]
fn team_report_from_the_command_line_lists_every_member() {
    let text = stdout_of(&[
        "report",
        "-q",
        "--team",
        "--data",
        "data/fixtures/report-team-a",
        "--data",
        "data/fixtures/report-team-b",
    ]);
    assert!(
        text.contains("Ana Member") && text.contains("Ben Member"),
        "{text}"
    );
}

#[test]
fn html_escapes_hostile_names_and_loads_nothing() {
    let html = stdout_of(&[
        "report",
        "-q",
        "--data",
        "data/fixtures/report-hostile",
        "--format",
        "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\u{1b}'));
    assert_self_contained(&html);
}

/// The page loads nothing, runs nothing, and closes every element it opens.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for forbidden in [
        "<script", "<link", "<img", "<iframe", " src=", " href=", "url(", "@import",
    ] {
        assert!(!lower.contains(forbidden), "found {forbidden}");
    }
    assert!(lower.contains("content-security-policy"));
    // Every element the page opens it closes.
    for tag in ["section", "table", "svg", "tr", "td", "div"] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened, closed, "<{tag}> opened {opened}, closed {closed}");
    }
}

#[test]
fn team_html_is_self_contained() {
    let html = stdout_of(&[
        "report",
        "-q",
        "--team",
        "--format",
        "html",
        "--data",
        "data/fixtures/report-team-a",
        "--data",
        "data/fixtures/report-team-b",
    ]);
    assert!(html.contains("Ana Member") && html.contains("Acme"));
    assert_self_contained(&html);
}

#[test]
fn csv_neutralises_formulas_in_names_and_companies() {
    let text = stdout_of(&[
        "report",
        "-q",
        "--data",
        "data/fixtures/report-hostile",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut companies = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        for cell in &record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
        companies.push(record[4].to_owned());
    }
    assert!(
        companies
            .iter()
            .any(|company| company.starts_with("'=HYPERLINK"))
    );
    assert!(companies.iter().any(|company| company == "'@SUM(A1)"));
}

#[test]
fn table_strips_terminal_control_characters() {
    let text = stdout_of(&["report", "-q", "--data", "data/fixtures/report-hostile"]);
    assert!(text.contains("Red"));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
}

#[test]
fn redacted_report_hides_names_emails_and_urls_with_keyed_pseudonyms() {
    let args = |key: &'static [&'static str]| {
        let mut args = vec![
            "report",
            "-q",
            "--data",
            "data/fixtures/report-prune",
            "--format",
            "json",
        ];
        args.extend_from_slice(key);
        args
    };
    let first = stdout_of(&args(&["--redact"]));
    for secret in [
        "Gale",
        "Ghost",
        "Pester",
        "Fran",
        "Mo Example",
        "ghost",
        "example.com",
        "linkedin.com",
    ] {
        assert!(!first.contains(secret), "{secret} leaked");
    }
    assert!(first.contains("\"Person "));
    // A random key per report: nobody can recompute the numbers from a
    // list of candidate ids, and two reports do not share them.
    assert_ne!(first, stdout_of(&args(&["--redact"])));
    // A given key: the same pseudonyms on every run, other ones for another key.
    let keyed = stdout_of(&args(&["--redact-key", "a long team secret"]));
    assert!(!keyed.contains("Gale") && keyed.contains("\"Person "));
    assert_eq!(
        keyed,
        stdout_of(&args(&["--redact", "--redact-key", "a long team secret"]))
    );
    assert_ne!(keyed, stdout_of(&args(&["--redact-key", "another secret"])));
}

#[test]
fn output_file_is_written_whole_and_html_is_inferred_from_its_name() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("report.html");
    let output = run(&[
        "report",
        "-q",
        "--data",
        "data/fixtures/report-prune",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.trim_end().ends_with("</html>"));
    let names: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.html"], "temporary files left behind");
}

#[test]
fn unknown_person_is_a_usage_error() {
    let output = run(&[
        "report",
        "-q",
        "--data",
        "data/demo",
        "--for",
        "Nobody Atall",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Nobody Atall"));
}

#[test]
fn demo_report_as_table() {
    insta::assert_snapshot!(stdout_of(&[
        "report",
        "-q",
        "--data",
        "data/demo",
        "--as-of",
        "2026-11-20"
    ]));
}

#[test]
fn demo_report_as_json() {
    insta::assert_snapshot!(stdout_of(&[
        "report",
        "-q",
        "--data",
        "data/demo",
        "--as-of",
        "2026-11-20",
        "--format",
        "json"
    ]));
}

#[test]
fn demo_report_as_csv() {
    insta::assert_snapshot!(stdout_of(&[
        "report",
        "-q",
        "--data",
        "data/demo",
        "--as-of",
        "2026-11-20",
        "--format",
        "csv"
    ]));
}
