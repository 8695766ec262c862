//! The report as CSV, one row per listed person so a user can work through it
//! in a spreadsheet (filter on `section`): `core`, `re_engage`, `prune`,
//! `noise`, `reach`, `broker`; for a team, `member` and `company_access`. The
//! band counts, distribution and timeline are in the JSON and HTML outputs.
//! Every text cell goes through [`csv_safe`].

use std::io::{self, Write};

use super::escape::csv_safe;
use super::{NetworkReport, Report, ReportPerson, path_text};

const HEADER: [&str; 12] = [
    "section",
    "rank",
    "name",
    "id",
    "company",
    "strength",
    "band",
    "confidence",
    "since",
    "last_contact",
    "reason",
    "detail",
];

/// One output row; empty fields stay empty.
#[derive(Default)]
struct Row {
    section: &'static str,
    rank: usize,
    name: String,
    id: String,
    company: String,
    strength: Option<f64>,
    band: &'static str,
    confidence: Option<f64>,
    since: Option<String>,
    last_contact: Option<String>,
    reason: String,
    detail: String,
}

impl Row {
    fn of(section: &'static str, rank: usize, person: &ReportPerson) -> Self {
        Self {
            section,
            rank,
            name: person.name.clone(),
            id: person.id.clone(),
            company: person.company.clone().unwrap_or_default(),
            ..Self::default()
        }
    }

    fn cells(self) -> [String; 12] {
        let number =
            |value: Option<f64>| value.map(|value| format!("{value:.4}")).unwrap_or_default();
        [
            self.section.to_owned(),
            self.rank.to_string(),
            csv_safe(&self.name),
            csv_safe(&self.id),
            csv_safe(&self.company),
            number(self.strength),
            self.band.to_owned(),
            number(self.confidence),
            self.since.unwrap_or_default(),
            self.last_contact.unwrap_or_default(),
            csv_safe(&self.reason),
            csv_safe(&self.detail),
        ]
    }
}

/// Writes `report` as CSV.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for row in rows(report) {
        writer.write_record(row.cells())?;
    }
    writer.flush()
}

/// One row per next action, naming the first person it names.
fn next_action_rows(report: &NetworkReport, rows: &mut Vec<Row>) {
    for (index, action) in report.next_actions.iter().enumerate() {
        let nobody = ReportPerson {
            id: String::new(),
            name: String::new(),
            company: None,
        };
        let first = action.people.first().unwrap_or(&nobody);
        rows.push(Row {
            company: action.company.clone().unwrap_or_default(),
            reason: action.kind.name().to_owned(),
            detail: action.text.clone(),
            ..Row::of("next_action", index + 1, first)
        });
    }
}

fn rows(report: &Report) -> Vec<Row> {
    let mut rows = Vec::new();
    match report {
        Report::Person(report) => {
            next_action_rows(report, &mut rows);
            for (index, entry) in report.engaged_core.iter().enumerate() {
                rows.push(Row {
                    strength: Some(entry.strength),
                    band: entry.band.name(),
                    since: entry.first_contact.clone(),
                    last_contact: entry.last_contact.clone(),
                    detail: entry.evidence.clone(),
                    ..Row::of("core", index + 1, &entry.person)
                });
            }
            for (index, entry) in report.re_engage.iter().enumerate() {
                rows.push(Row {
                    strength: Some(entry.strength),
                    band: entry.band.name(),
                    since: entry.first_contact.clone(),
                    last_contact: entry.last_contact.clone(),
                    reason: format!("faded from {:.2}", entry.peak),
                    detail: entry.evidence.clone(),
                    ..Row::of("re_engage", index + 1, &entry.person)
                });
            }
            for (index, candidate) in report.prune.iter().enumerate() {
                rows.push(Row {
                    strength: Some(candidate.strength),
                    confidence: Some(candidate.confidence),
                    since: candidate.connected_since.clone(),
                    last_contact: candidate.last_contact.clone(),
                    reason: serde_json::to_value(candidate.reason)
                        .ok()
                        .and_then(|value| value.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    detail: candidate.detail_with_routes(),
                    ..Row::of("prune", index + 1, &candidate.person)
                });
            }
            for (index, sender) in report.noise.top_senders.iter().enumerate() {
                rows.push(Row {
                    last_contact: sender.last_contact.clone(),
                    reason: "never_answered".to_owned(),
                    detail: format!("{} messages received", sender.messages),
                    ..Row::of("noise", index + 1, &sender.person)
                });
            }
            let reached = report.reach.genuine.iter().chain(&report.reach.weak_only);
            for (index, reach) in reached.enumerate() {
                rows.push(Row {
                    company: reach.company.clone(),
                    strength: Some(reach.score),
                    reason: if reach.genuine {
                        "genuine"
                    } else {
                        "weak_ties_only"
                    }
                    .to_owned(),
                    detail: path_text(&reach.path),
                    ..Row::of("reach", index + 1, &reach.introducer)
                });
            }
            for (index, broker) in report.brokers.iter().enumerate() {
                rows.push(Row {
                    strength: Some(broker.tie_strength),
                    reason: "only_strong_bridge".to_owned(),
                    detail: format!(
                        "{} people only through them; companies: {}",
                        broker.people_only_through_them,
                        broker.companies.join("; ")
                    ),
                    ..Row::of("broker", index + 1, &broker.person)
                });
            }
        }
        Report::Team(report) => {
            for (index, member) in report.members.iter().enumerate() {
                rows.push(Row {
                    detail: member.quality.headline.clone(),
                    ..Row::of("member", index + 1, &member.member)
                });
            }
            for (index, access) in report.companies.iter().enumerate() {
                rows.push(Row {
                    company: access.company.clone(),
                    strength: Some(access.score),
                    reason: if access.genuine {
                        "genuine"
                    } else {
                        "weak_ties_only"
                    }
                    .to_owned(),
                    detail: path_text(&access.path),
                    ..Row::of("company_access", index + 1, &access.member)
                });
            }
        }
    }
    rows
}
