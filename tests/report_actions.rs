//! The report tells you what to do and never contradicts itself: it opens
//! with next actions drawn from its own sections, a prune candidate who is
//! your only route into a company is flagged as such in every format (and
//! never in the prune action), and the charts give each meaning one colour,
//! the timeline as two charts on the same years.

use std::collections::BTreeSet;

use serde_json::Value;
use warmpath::ingest::IngestOptions;
use warmpath::pipeline::{BuildOptions, build_network};
use warmpath::progress::NoProgress;
use warmpath::report::{NetworkReport, NextActionKind, ReportOptions, build_report};
use warmpath::tie_strength::Model;

use crate::harness::{fixture, run};

const ONLY_ROUTE: &str = "data/fixtures/report-only-route";

fn report_of(name: &str) -> NetworkReport {
    let options = BuildOptions {
        model: Model::default(),
        as_of: None,
        today: jiff::civil::date(2026, 11, 20),
        ingest: IngestOptions::default(),
        owner_emails: Vec::new(),
    };
    let network = build_network(&[fixture(name)], &options, &NoProgress).unwrap();
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

fn report_as(data: &str, format: &str) -> String {
    let output = run(&["report", "-q", "--data", data, "--format", format]);
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_prune_candidate_who_is_the_only_route_into_a_company_is_flagged_in_every_format() {
    let report = report_of("report-only-route");
    let routes: Vec<(&str, &[String])> = report
        .prune
        .iter()
        .map(|candidate| {
            (
                candidate.person.name.as_str(),
                &candidate.only_route_into[..],
            )
        })
        .collect();
    assert_eq!(
        routes,
        [
            ("Nils Berg", &["Globex".to_owned()][..]),
            ("Pat Kim", &[][..])
        ]
    );

    let json: Value = serde_json::from_str(&report_as(ONLY_ROUTE, "json")).unwrap();
    assert_eq!(json["prune"][0]["only_route_into"][0], "Globex");
    assert_eq!(
        json["prune"][1]["only_route_into"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let flag = "but your only route into Globex: keep for that";
    let table = report_as(ONLY_ROUTE, "table");
    let nils = table
        .lines()
        .find(|line| line.starts_with("Nils Berg"))
        .unwrap();
    assert!(nils.contains(flag), "{table}");
    let csv = report_as(ONLY_ROUTE, "csv");
    let row = csv
        .lines()
        .find(|line| line.starts_with("prune,") && line.contains("Nils Berg"))
        .unwrap();
    assert!(row.contains(flag), "{csv}");
    let html = report_as(ONLY_ROUTE, "html");
    assert!(html.contains("keep: your only route into Globex"), "{html}");
}

#[test]
fn next_actions_never_say_prune_your_only_route_into_a_company() {
    let report = report_of("report-only-route");
    let of = |kind: NextActionKind| {
        report
            .next_actions
            .iter()
            .filter(|action| action.kind == kind)
            .collect::<Vec<_>>()
    };
    let prune = of(NextActionKind::Prune);
    assert_eq!(prune.len(), 1);
    let pruned: Vec<&str> = prune[0].people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(pruned, ["Pat Kim"]);
    let keep = of(NextActionKind::Keep);
    assert_eq!(keep.len(), 1);
    assert_eq!(keep[0].people[0].name, "Nils Berg");
    assert_eq!(keep[0].company.as_deref(), Some("Globex"));
    // Asked into the companies reached genuinely, through whom the reach section says.
    let asks: Vec<(&str, &str)> = of(NextActionKind::Ask)
        .iter()
        .map(|action| {
            (
                action.people[0].name.as_str(),
                action.company.as_deref().unwrap(),
            )
        })
        .collect();
    let reach: Vec<(&str, &str)> = report
        .reach
        .genuine
        .iter()
        .map(|way_in| (way_in.introducer.name.as_str(), way_in.company.as_str()))
        .collect();
    assert_eq!(asks, reach);
    assert!(asks.contains(&("Ana Ortiz", "Umbrella")), "{asks:?}");
    assert!(!asks.iter().any(|(_, company)| *company == "Globex"));
}

#[test]
fn re_engage_names_the_strongest_fading_ties_at_most_three() {
    let report = report_of("report-reengage");
    let action = report
        .next_actions
        .iter()
        .find(|action| action.kind == NextActionKind::ReEngage)
        .unwrap();
    let named: Vec<&str> = action.people.iter().map(|p| p.name.as_str()).collect();
    let strongest: Vec<&str> = report
        .re_engage
        .iter()
        .take(3)
        .map(|entry| entry.person.name.as_str())
        .collect();
    assert!(!named.is_empty());
    assert_eq!(named, strongest);
    assert!(action.text.contains("this week"), "{}", action.text);
}

#[test]
fn the_html_report_opens_with_next_actions() {
    let html = report_as("data/demo", "html");
    let actions = html.find("<h2>Next actions</h2>").unwrap();
    let first_section = html.find("<section class=\"stats\">").unwrap();
    assert!(actions < first_section);
    assert!(
        html.contains(
            "<span class=\"kind\">re-engage</span>Re-engage this tie this week: Tom Berg"
        )
    );
    assert!(html.contains(
        "<span class=\"kind\">ask</span>Ask Priya Raman for an introduction into Northwind Traders"
    ));
    assert!(html.contains("<span class=\"kind\">prune</span>Prune these connections: "));
}

/// The `<svg …>…</svg>` element whose label is `label`.
fn chart<'a>(html: &'a str, label: &str) -> &'a str {
    let start = html
        .find(&format!("aria-label=\"{label}\""))
        .unwrap_or_else(|| panic!("no chart {label}"));
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

fn attribute_values<'a>(svg: &'a str, element: &str, attribute: &str) -> Vec<&'a str> {
    svg.split(&format!("<{element} "))
        .skip(1)
        .filter_map(|rest| {
            let rest = &rest[..rest.find('>').unwrap()];
            let at = rest.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
            Some(&rest[at..at + rest[at..].find('"').unwrap()])
        })
        .collect()
}

fn fills(svg: &str) -> BTreeSet<&str> {
    attribute_values(svg, "rect", "fill").into_iter().collect()
}

#[test]
fn charts_give_each_meaning_one_colour_and_the_timeline_is_two_aligned_charts() {
    let html = report_as("data/demo", "html");
    let bands = fills(chart(&html, "Connections by band"));
    let distribution = fills(chart(&html, "Strength distribution"));
    let added = chart(&html, "Connections added per year");
    let interactions = chart(&html, "Interactions per year");
    // Band colours are the pills' colours, and nothing else uses them.
    for colour in &bands {
        assert!(
            html.contains(&format!("{{background:{colour}}}")),
            "{colour}"
        );
    }
    // Genuine / not genuine: the same two colours in the distribution and in
    // connections added, distinct from the bands and from interactions.
    assert_eq!(distribution.len(), 2, "{distribution:?}");
    assert_eq!(fills(added), distribution);
    assert!(bands.is_disjoint(&distribution));
    let interaction_colours = fills(interactions);
    assert_eq!(interaction_colours.len(), 1);
    assert!(interaction_colours.is_disjoint(&distribution));
    assert!(interaction_colours.is_disjoint(&bands));
    // Meters show a quantity, not a band.
    let meter = html.split(".meter i{").nth(1).unwrap();
    assert!(!bands.iter().any(|colour| meter[..40].contains(colour)));
    // Two charts, one axis each, the same years at the same places.
    assert!(!html.contains("right axis"));
    for svg in [added, interactions] {
        assert!(
            !svg.contains("text-anchor=\"start\""),
            "a second axis: {svg}"
        );
    }
    let years = |svg: &str| -> Vec<(String, String)> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|text| {
                let body = &text[text.find('>').unwrap() + 1..text.find("</text>").unwrap()];
                let x = &text[text.find("x=\"").unwrap() + 3..];
                let x = &x[..x.find('"').unwrap()];
                (body.len() == 4 && body.starts_with("20")).then(|| (x.to_owned(), body.to_owned()))
            })
            .collect()
    };
    assert!(years(added).len() >= 3);
    assert_eq!(years(added), years(interactions));
}

#[test]
fn only_route_report_as_table() {
    insta::assert_snapshot!(report_as(ONLY_ROUTE, "table"));
}
