//! The report as aligned text for a terminal: one titled section after
//! another. Every cell goes through [`terminal_safe`] and is cut to
//! [`MAX_CELL_CHARS`]; [`write_table`] is also the command line's table.

use std::io::{self, Write};

use super::escape::terminal_safe;
use super::{
    NetworkReport, Report, ReportPerson, TeamReport, ago, noise_summary, path_text, reach_summary,
};

/// Width of the longest bar in text charts.
const BAR_WIDTH: usize = 30;

/// The most characters a table cell shows; longer ones end in `…`. (CSV and
/// JSON are never cut.)
pub const MAX_CELL_CHARS: usize = 120;

/// Writes `report` as text.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match report {
        Report::Person(report) => write_person(report, out),
        Report::Team(report) => write_team(report, out),
    }
}

fn write_person(report: &NetworkReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Network strength of {}, as of {}",
        terminal_safe(&report.person.name),
        report.as_of
    )?;
    writeln!(out, "{}", terminal_safe(&report.quality.headline))?;

    if !report.next_actions.is_empty() {
        heading(out, "Next actions")?;
        for action in &report.next_actions {
            writeln!(out, "- {}", terminal_safe(&action.text))?;
        }
    }

    heading(out, "Connections by band")?;
    let total = report.quality.connections.max(1);
    let most = report
        .quality
        .bands
        .iter()
        .map(|band| band.count)
        .max()
        .unwrap_or(0);
    let rows: Vec<Vec<String>> = report
        .quality
        .bands
        .iter()
        .map(|band| {
            vec![
                band.band.name().to_owned(),
                band.count.to_string(),
                format!("{:.0}%", 100.0 * band.count as f64 / total as f64),
                bar(band.count, most),
            ]
        })
        .collect();
    write_table(out, &["band", "count", "share", ""], &rows)?;

    heading(out, "Strength distribution")?;
    let most = report
        .quality
        .distribution
        .iter()
        .map(|bucket| bucket.count)
        .max()
        .unwrap_or(0);
    let rows: Vec<Vec<String>> = report
        .quality
        .distribution
        .iter()
        .map(|bucket| {
            vec![
                format!("{:.1}–{:.1}", bucket.from, bucket.to),
                bucket.count.to_string(),
                bar(bucket.count, most),
            ]
        })
        .collect();
    write_table(out, &["strength", "count", ""], &rows)?;

    write_lists(report, out)
}

fn write_lists(report: &NetworkReport, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Engaged core: your strongest ties")?;
    if report.engaged_core.is_empty() {
        writeln!(out, "No strong or medium ties.")?;
    } else {
        let rows: Vec<Vec<String>> = report
            .engaged_core
            .iter()
            .map(|entry| {
                vec![
                    entry.person.name.clone(),
                    company(&entry.person),
                    format!("{:.2}", entry.strength),
                    entry.band.name().to_owned(),
                    entry.last_contact.clone().unwrap_or_default(),
                    entry.evidence.clone(),
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "name",
                "company",
                "strength",
                "band",
                "last contact",
                "evidence",
            ],
            &rows,
        )?;
    }

    heading(out, "Re-engage: ties that were strong and have faded")?;
    if report.re_engage.is_empty() {
        writeln!(out, "No faded ties.")?;
    } else {
        let rows: Vec<Vec<String>> = report
            .re_engage
            .iter()
            .map(|entry| {
                vec![
                    entry.person.name.clone(),
                    company(&entry.person),
                    format!("{:.2}", entry.peak),
                    format!("{:.2}", entry.strength),
                    entry.last_contact.clone().unwrap_or_default(),
                    entry
                        .days_since_contact
                        .map(|days| format!("{} ago", ago(days)))
                        .unwrap_or_default(),
                    entry.evidence.clone(),
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "name",
                "company",
                "was",
                "now",
                "last spoke",
                "",
                "evidence",
            ],
            &rows,
        )?;
    }

    write_prune_and_noise(report, out)
}

fn write_prune_and_noise(report: &NetworkReport, out: &mut dyn Write) -> io::Result<()> {
    heading(
        out,
        &format!(
            "Prune candidates: {} connections that are not relationships",
            report.prune.len()
        ),
    )?;
    if !report.prune.is_empty() {
        let rows: Vec<Vec<String>> = report
            .prune
            .iter()
            .map(|candidate| {
                vec![
                    candidate.person.name.clone(),
                    company(&candidate.person),
                    format!("{:.2}", candidate.confidence),
                    candidate.detail_with_routes(),
                ]
            })
            .collect();
        write_table(out, &["name", "company", "confidence", "reason"], &rows)?;
    }

    heading(out, "Noise: contact from people you never answered")?;
    writeln!(out, "{}", noise_summary(&report.noise))?;
    if !report.noise.top_senders.is_empty() {
        let rows: Vec<Vec<String>> = report
            .noise
            .top_senders
            .iter()
            .map(|sender| {
                vec![
                    sender.person.name.clone(),
                    company(&sender.person),
                    sender.messages.to_string(),
                    sender.last_contact.clone().unwrap_or_default(),
                ]
            })
            .collect();
        write_table(out, &["name", "company", "messages", "latest"], &rows)?;
    }

    write_reach(report, out)
}

fn write_reach(report: &NetworkReport, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Reach by company")?;
    writeln!(out, "{}", reach_summary(&report.reach))?;
    for (title, list) in [
        ("Genuinely reached", &report.reach.genuine),
        ("Reached only through weak ties", &report.reach.weak_only),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}:")?;
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|reach| {
                vec![
                    reach.company.clone(),
                    reach.people.to_string(),
                    reach.introducer.name.clone(),
                    format!("{:.2}", reach.score),
                    format!("{:.2}", reach.weakest_link),
                    path_text(&reach.path),
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "company",
                "people",
                "best introducer",
                "path",
                "weakest",
                "via",
            ],
            &rows,
        )?;
    }

    write_brokers_and_timeline(report, out)
}

fn write_brokers_and_timeline(report: &NetworkReport, out: &mut dyn Write) -> io::Result<()> {
    heading(
        out,
        "Brokers: your only strong bridge into a company or a circle",
    )?;
    if report.brokers.is_empty() {
        writeln!(
            out,
            "No company or circle depends on a single strong bridge."
        )?;
    } else {
        let rows: Vec<Vec<String>> = report
            .brokers
            .iter()
            .map(|broker| {
                vec![
                    broker.person.name.clone(),
                    format!("{:.2}", broker.tie_strength),
                    broker.people_only_through_them.to_string(),
                    broker.companies.join(", "),
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "name",
                "your tie",
                "people only through them",
                "only bridge into",
            ],
            &rows,
        )?;
    }

    heading(out, "Over time: connections added against interactions")?;
    let rows: Vec<Vec<String>> = report
        .timeline
        .iter()
        .map(|year| {
            vec![
                year.year.to_string(),
                year.connections_added.to_string(),
                year.still_genuine.to_string(),
                year.interactions.to_string(),
            ]
        })
        .collect();
    write_table(
        out,
        &["year", "connections added", "still genuine", "interactions"],
        &rows,
    )
}

fn write_team(report: &TeamReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Team network strength, as of {}", report.as_of)?;
    heading(out, "Members")?;
    let rows: Vec<Vec<String>> = report
        .members
        .iter()
        .map(|member| {
            let band = |name: &str| {
                member
                    .quality
                    .bands
                    .iter()
                    .find(|band| band.band.name() == name)
                    .map_or(0, |band| band.count)
                    .to_string()
            };
            vec![
                member.member.name.clone(),
                member.quality.connections.to_string(),
                member.quality.genuine.to_string(),
                band("dormant"),
                band("unknown"),
                member.quality.headline.clone(),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "member",
            "connections",
            "genuine",
            "dormant",
            "never spoke",
            "headline",
        ],
        &rows,
    )?;
    heading(out, "Strongest access per company")?;
    if report.companies.is_empty() {
        return writeln!(out, "No company is reachable.");
    }
    let rows: Vec<Vec<String>> = report
        .companies
        .iter()
        .map(|access| {
            vec![
                access.company.clone(),
                access.member.name.clone(),
                format!("{:.2}", access.score),
                if access.genuine { "yes" } else { "no" }.to_owned(),
                access.members_with_genuine_access.to_string(),
                path_text(&access.path),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "company",
            "best member",
            "path",
            "genuine",
            "members in",
            "via",
        ],
        &rows,
    )
}

/// `cell` terminal-safe, and cut to [`MAX_CELL_CHARS`].
fn table_cell(cell: &str) -> String {
    if cell.chars().nth(MAX_CELL_CHARS).is_none() {
        return terminal_safe(cell);
    }
    let kept: String = cell.chars().take(MAX_CELL_CHARS - 1).collect();
    terminal_safe(&kept) + "…"
}

fn company(person: &ReportPerson) -> String {
    person.company.clone().unwrap_or_default()
}

fn heading(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "\n{title}\n{}", "─".repeat(title.chars().count()))
}

fn bar(count: usize, most: usize) -> String {
    if most == 0 {
        return String::new();
    }
    let width = (count * BAR_WIDTH).div_ceil(most);
    "█".repeat(width)
}

/// Writes rows as aligned columns (left-aligned, two spaces apart), every
/// cell made terminal-safe and cut to [`MAX_CELL_CHARS`] (ending in `…`), so
/// one huge value cannot pad every other row to its width. The one table
/// writer of the report and of the command line.
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    write_table_painted(out, header, rows, &str::to_owned)
}

/// [`write_table`], with `paint` turning each padded-to-be cell into what is
/// written (colour codes for a terminal): widths come from the plain cells,
/// so painting never moves a column.
pub fn write_table_painted(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    paint: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    let mut layout = TableLayout::new(header);
    for row in rows {
        layout.measure(row);
    }
    layout.write_row(out, header, paint)?;
    for row in rows {
        layout.write_row(out, row, paint)?;
    }
    Ok(())
}

/// The columns of a table written in two passes, for tables too long to
/// hold: every row measured first, then every row written, with the cells
/// of [`write_table_painted`].
#[derive(Debug, Clone)]
pub struct TableLayout {
    widths: Vec<usize>,
}

impl TableLayout {
    /// The layout of a table with `header`, before any row is measured.
    #[must_use]
    pub fn new(header: &[&str]) -> Self {
        Self {
            widths: header.iter().map(|cell| cell.chars().count()).collect(),
        }
    }

    /// Widens the columns to fit `row`.
    pub fn measure(&mut self, row: &[impl AsRef<str>]) {
        for (width, cell) in self.widths.iter_mut().zip(row) {
            *width = (*width).max(table_cell(cell.as_ref()).chars().count());
        }
    }

    /// Writes one row (or the header), each cell made safe, padded and painted.
    ///
    /// # Errors
    ///
    /// When `out` cannot be written.
    pub fn write_row(
        &self,
        out: &mut dyn Write,
        row: &[impl AsRef<str>],
        paint: &dyn Fn(&str) -> String,
    ) -> io::Result<()> {
        let mut text = String::new();
        for (index, cell) in row.iter().enumerate() {
            let cell = table_cell(cell.as_ref());
            text.push_str(&paint(&cell));
            if index + 1 < self.widths.len() {
                let pad = self.widths[index].saturating_sub(cell.chars().count());
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())
    }
}
