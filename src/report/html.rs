//! The report as one self-contained HTML page: inline CSS and inline SVG
//! charts drawn here (bands, strength distribution, timeline), no scripts, no
//! external resources (a Content-Security-Policy forbids loading any). Every
//! text from inputs goes through [`html_escape`].

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::html_escape;
use super::{
    BandCount, NetworkReport, NextActionKind, Report, ReportPerson, StrengthBucket, TeamReport,
    TieEntry, YearActivity, ago, noise_summary, path_text, reach_summary,
};
use crate::tie_strength::Band;

const STYLE: &str = r"
:root{--ink:#1d2430;--muted:#5d6675;--line:#e3e6eb;--bg:#f5f6f8;--card:#fff;--accent:#1f6feb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 32px 48px}
header{margin-bottom:18px}
.eyebrow{margin:0;color:var(--muted);font-size:13px;letter-spacing:.04em;text-transform:uppercase}
h1{margin:4px 0 6px;font-size:30px;line-height:1.2}
.headline{margin:0;font-size:20px;color:#243b55}
h2{margin:0 0 4px;font-size:18px}
h3{margin:18px 0 6px;font-size:15px;color:var(--muted)}
.lede{margin:0 0 12px;color:var(--muted)}
.stats{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:18px 0}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.stat b{display:block;font-size:26px;line-height:1.2}
.stat span{color:var(--muted);font-size:13px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 16px}
.card svg{display:block;width:100%;height:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em;border-bottom:1px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}
td:first-child{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.num{text-align:right}
td.ev{color:var(--muted);font-size:13px}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;color:#fff}
.strong{background:#1b7f5b}.medium{background:#52a37f}.weak{background:#d49a2a}.dormant{background:#8a6fb3}.unknown{background:#9aa3ae}
.meter{display:inline-block;width:60px;height:8px;background:#edf0f3;border-radius:4px;vertical-align:middle;margin-right:6px;overflow:hidden}
.meter i{display:block;height:100%;background:#5d6675}
.actions{background:var(--card);border:2px solid var(--ink);border-radius:10px;padding:16px 18px;margin:0 0 16px}
.actions ol{margin:6px 0 0;padding-left:22px}.actions li{margin:4px 0}
.actions .kind{display:inline-block;min-width:100px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.route{display:inline-block;margin-left:6px;padding:1px 8px;border-radius:999px;font-size:12px;border:1px solid var(--ink)}
details summary{cursor:pointer;color:var(--accent);margin:8px 0}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:12px;margin-top:24px}
@media (max-width:900px){.grid{grid-template-columns:1fr}.stats{grid-template-columns:repeat(2,1fr)}}
";

/// One colour per meaning, and each meaning in one colour, across the page:
/// the five bands (as the CSS pills), genuine relationships, connections
/// that are not genuine, interactions, and strength as a quantity (meters).
const GENUINE: &str = "#2b5fa8";
const NOT_GENUINE: &str = "#b8c4d6";
const INTERACTIONS: &str = "#e8772e";

/// Rows shown before a long list folds into "show all".
const VISIBLE_ROWS: usize = 12;

/// Writes `report` as one HTML page.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let page = match report {
        Report::Person(report) => person_page(report),
        Report::Team(report) => team_page(report),
    };
    out.write_all(page.as_bytes())
}

fn open_page(page: &mut String, title: &str) {
    let _ = writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        html_escape(title)
    );
}

fn close_page(page: &mut String) {
    page.push_str(
        "<footer>Made by warmpath from your own data; nothing left your machine. \
         Strength runs from 0 to 1; genuine relationships are the strong and medium bands.</footer>\n\
         </main>\n</body>\n</html>\n",
    );
}

fn person_page(report: &NetworkReport) -> String {
    let mut page = String::new();
    let name = html_escape(&report.person.name);
    open_page(
        &mut page,
        &format!("Network strength — {}", report.person.name),
    );
    let _ = writeln!(
        page,
        "<header><p class=\"eyebrow\">Network strength report · as of {}</p><h1>{name}</h1>\
         <p class=\"headline\">{}</p></header>",
        html_escape(&report.as_of),
        html_escape(&report.quality.headline)
    );
    next_actions(&mut page, report);
    let count = |band: Band| {
        report
            .quality
            .bands
            .iter()
            .find(|count| count.band == band)
            .map_or(0, |count| count.count)
    };
    let share = if report.quality.connections == 0 {
        0.0
    } else {
        100.0 * report.quality.genuine as f64 / report.quality.connections as f64
    };
    let _ = writeln!(
        page,
        "<section class=\"stats\">{}{}{}{}{}</section>",
        stat(&report.quality.connections.to_string(), "connections"),
        stat(
            &report.quality.genuine.to_string(),
            &format!("genuine relationships ({share:.0}%)")
        ),
        stat(
            &report.re_engage.len().to_string(),
            "faded ties to re-engage"
        ),
        stat(&count(Band::Unknown).to_string(), "never met or spoke"),
        stat(
            &report.noise.unanswered.to_string(),
            "messages from people you never answered"
        ),
    );

    let _ = writeln!(
        page,
        "<section class=\"grid\"><div class=\"card\"><h2>Connections by band</h2>\
         <p class=\"lede\">Quality against quantity: how many connections are relationships.</p>{}</div>\
         <div class=\"card\"><h2>Strength distribution</h2>\
         <p class=\"lede\">Every connection by tie strength (0 = none, 1 = closest).</p>{}</div></section>",
        bands_chart(&report.quality.bands),
        distribution_chart(&report.quality.distribution),
    );

    let _ = writeln!(
        page,
        "<section class=\"card\"><h2>Over time</h2>\
         <p class=\"lede\">Quantity against quality, year by year: connections added (the part still genuine today \
         in blue), and below, on the same years, interactions.</p>{}</section>",
        timeline_charts(&report.timeline)
    );

    lists_and_reach(&mut page, report);
    brokers_prune_noise(&mut page, report);
    close_page(&mut page);
    page
}

/// The page's opening: what to do, from the sections below.
fn next_actions(page: &mut String, report: &NetworkReport) {
    page.push_str("<section class=\"actions\" id=\"next-actions\"><h2>Next actions</h2>");
    if report.next_actions.is_empty() {
        page.push_str("<p class=\"empty\">Nothing to do: no faded ties, no company to ask into, nothing to prune.</p>");
    } else {
        page.push_str("<ol>");
        for action in &report.next_actions {
            let kind = match action.kind {
                NextActionKind::ReEngage => "re-engage",
                NextActionKind::Ask => "ask",
                NextActionKind::Prune => "prune",
                NextActionKind::Keep => "keep",
            };
            let _ = write!(
                page,
                "<li data-kind=\"{}\"><span class=\"kind\">{kind}</span>{}</li>",
                action.kind.name(),
                html_escape(&action.text)
            );
        }
        page.push_str("</ol>");
    }
    page.push_str("</section>\n");
}

fn lists_and_reach(page: &mut String, report: &NetworkReport) {
    section_open(
        page,
        "Engaged core",
        "Your strongest current ties and the evidence behind them.",
    );
    tie_table(
        page,
        &report.engaged_core,
        false,
        "No strong or medium ties yet.",
    );
    page.push_str("</section>\n");

    section_open(
        page,
        "Re-engage",
        "Ties that were strong and have faded — worth a message before they are gone.",
    );
    tie_table(page, &report.re_engage, true, "No faded ties.");
    page.push_str("</section>\n");

    section_open(page, "Reach by company", &reach_summary(&report.reach));
    for (title, list) in [
        ("Genuinely reached", &report.reach.genuine),
        ("Reached only through weak ties", &report.reach.weak_only),
    ] {
        let _ = write!(page, "<h3>{title}</h3>");
        if list.is_empty() {
            page.push_str("<p class=\"empty\">None.</p>");
            continue;
        }
        let rows: Vec<String> = list
            .iter()
            .map(|reach| {
                format!(
                    "<td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td><td class=\"ev\">{}</td>",
                    html_escape(&reach.company),
                    reach.people,
                    html_escape(&reach.introducer.name),
                    meter(reach.score),
                    reach.weakest_link,
                    html_escape(&path_text(&reach.path)),
                )
            })
            .collect();
        table(
            page,
            &[
                ("Company", false),
                ("People", true),
                ("Ask", false),
                ("Path strength", true),
                ("Weakest link", true),
                ("Path", false),
            ],
            &rows,
        );
    }
    page.push_str("</section>\n");
}

fn brokers_prune_noise(page: &mut String, report: &NetworkReport) {
    section_open(
        page,
        "Brokers",
        "People who are your only strong bridge into a company or a circle of people: keep these ties warm.",
    );
    if report.brokers.is_empty() {
        page.push_str(
            "<p class=\"empty\">No company or circle depends on a single strong bridge.</p>",
        );
    } else {
        let rows: Vec<String> = report
            .brokers
            .iter()
            .map(|broker| {
                format!(
                    "<td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>",
                    html_escape(&broker.person.name),
                    company(&broker.person),
                    meter(broker.tie_strength),
                    broker.people_only_through_them,
                    html_escape(&broker.companies.join(", ")),
                )
            })
            .collect();
        table(
            page,
            &[
                ("Name", false),
                ("Company", false),
                ("Your tie", true),
                ("People only through them", true),
                ("Only strong bridge into", false),
            ],
            &rows,
        );
    }
    page.push_str("</section>\n");

    prune_section(page, report);

    section_open(page, "Noise", &noise_summary(&report.noise));
    if !report.noise.top_senders.is_empty() {
        let rows: Vec<String> = report
            .noise
            .top_senders
            .iter()
            .map(|sender| {
                format!(
                    "<td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>",
                    html_escape(&sender.person.name),
                    company(&sender.person),
                    sender.messages,
                    html_escape(sender.last_contact.as_deref().unwrap_or("")),
                )
            })
            .collect();
        table(
            page,
            &[
                ("Name", false),
                ("Company", false),
                ("Messages", true),
                ("Latest", false),
            ],
            &rows,
        );
    }
    page.push_str("</section>\n");
}

/// Prune candidates, each flagged when they are your only route into a company.
fn prune_section(page: &mut String, report: &NetworkReport) {
    section_open(
        page,
        &format!("Prune candidates ({})", report.prune.len()),
        "Connections that are not relationships, most confidently prunable first.",
    );
    if report.prune.is_empty() {
        page.push_str("<p class=\"empty\">Nothing to prune.</p>");
    } else {
        let rows: Vec<String> = report
            .prune
            .iter()
            .map(|candidate| {
                let route = if candidate.only_route_into.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<span class=\"route\">keep: your only route into {}</span>",
                        html_escape(&candidate.only_route_into.join(", "))
                    )
                };
                format!(
                    "<td>{}</td><td>{}</td><td>{}{route}</td><td class=\"num\">{:.2}</td>",
                    html_escape(&candidate.person.name),
                    company(&candidate.person),
                    html_escape(&candidate.detail),
                    candidate.confidence,
                )
            })
            .collect();
        table(
            page,
            &[
                ("Name", false),
                ("Company", false),
                ("Why", false),
                ("Confidence", true),
            ],
            &rows,
        );
    }
    page.push_str("</section>\n");
}

fn team_page(report: &TeamReport) -> String {
    let mut page = String::new();
    open_page(&mut page, "Team network strength");
    let _ = writeln!(
        page,
        "<header><p class=\"eyebrow\">Team network strength report · as of {}</p>\
         <h1>Team access</h1><p class=\"headline\">{} members; genuine access into {} companies.</p></header>",
        html_escape(&report.as_of),
        report.members.len(),
        report
            .companies
            .iter()
            .filter(|access| access.genuine)
            .count(),
    );
    section_open(
        &mut page,
        "Members",
        "Each member's network, quality against quantity.",
    );
    let rows: Vec<String> = report
        .members
        .iter()
        .map(|member| {
            format!(
                "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>",
                html_escape(&member.member.name),
                member.quality.connections,
                member.quality.genuine,
                html_escape(&member.quality.headline),
            )
        })
        .collect();
    table(
        &mut page,
        &[
            ("Member", false),
            ("Connections", true),
            ("Genuine", true),
            ("Headline", false),
        ],
        &rows,
    );
    page.push_str("</section>\n<section class=\"grid\">");
    for member in &report.members {
        let _ = write!(
            page,
            "<div class=\"card\"><h2>{}</h2><p class=\"lede\">{}</p>{}</div>",
            html_escape(&member.member.name),
            html_escape(&member.quality.headline),
            bands_chart(&member.quality.bands)
        );
    }
    page.push_str("</section>\n");
    section_open(
        &mut page,
        "Strongest access per company",
        "Who on the team should ask, and through whom.",
    );
    if report.companies.is_empty() {
        page.push_str("<p class=\"empty\">No company is reachable.</p>");
    } else {
        let rows: Vec<String> = report
            .companies
            .iter()
            .map(|access| {
                format!(
                    "<td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"ev\">{}</td>",
                    html_escape(&access.company),
                    access.people,
                    html_escape(&access.member.name),
                    meter(access.score),
                    access.members_with_genuine_access,
                    html_escape(&path_text(&access.path)),
                )
            })
            .collect();
        table(
            &mut page,
            &[
                ("Company", false),
                ("People", true),
                ("Best member", false),
                ("Path strength", true),
                ("Members with genuine access", true),
                ("Path", false),
            ],
            &rows,
        );
    }
    page.push_str("</section>\n");
    close_page(&mut page);
    page
}

fn stat(value: &str, label: &str) -> String {
    format!(
        "<div class=\"stat\"><b>{}</b><span>{}</span></div>",
        html_escape(value),
        html_escape(label)
    )
}

fn section_open(page: &mut String, title: &str, lede: &str) {
    let _ = write!(
        page,
        "<section class=\"card\"><h2>{}</h2><p class=\"lede\">{}</p>",
        html_escape(title),
        html_escape(lede)
    );
}

fn company(person: &ReportPerson) -> String {
    html_escape(person.company.as_deref().unwrap_or(""))
}

fn meter(value: f64) -> String {
    format!(
        "<span class=\"meter\"><i style=\"width:{:.0}%\"></i></span>{value:.2}",
        (value.clamp(0.0, 1.0) * 100.0)
    )
}

fn pill(band: Band) -> String {
    format!("<span class=\"pill {0}\">{0}</span>", band.name())
}

/// A table whose rows (already escaped `<td>` cells) fold after [`VISIBLE_ROWS`].
fn table(page: &mut String, header: &[(&str, bool)], rows: &[String]) {
    let head: String = header
        .iter()
        .map(|(title, numeric)| {
            format!(
                "<th{}>{}</th>",
                if *numeric { " class=\"num\"" } else { "" },
                html_escape(title)
            )
        })
        .collect::<Vec<_>>()
        .concat();
    let body = |rows: &[String]| -> String {
        rows.iter()
            .map(|row| format!("<tr>{row}</tr>"))
            .collect::<Vec<_>>()
            .concat()
    };
    let _ = write!(
        page,
        "<table><thead><tr>{head}</tr></thead><tbody>{}</tbody></table>",
        body(&rows[..rows.len().min(VISIBLE_ROWS)])
    );
    if rows.len() > VISIBLE_ROWS {
        let _ = write!(
            page,
            "<details><summary>Show {} more</summary><table><thead><tr>{head}</tr></thead><tbody>{}</tbody></table></details>",
            rows.len() - VISIBLE_ROWS,
            body(&rows[VISIBLE_ROWS..])
        );
    }
}

fn tie_table(page: &mut String, entries: &[TieEntry], faded: bool, empty: &str) {
    if entries.is_empty() {
        let _ = write!(page, "<p class=\"empty\">{}</p>", html_escape(empty));
        return;
    }
    let rows: Vec<String> = entries
        .iter()
        .map(|entry| {
            let last = match (&entry.last_contact, entry.days_since_contact) {
                (Some(date), Some(days)) => format!("{} ({} ago)", date, ago(days)),
                _ => "never".to_owned(),
            };
            let strength = if faded {
                format!("{} → {}", meter(entry.peak), meter(entry.strength))
            } else {
                meter(entry.strength)
            };
            format!(
                "<td>{}</td><td>{}</td><td class=\"num\">{strength}</td><td>{}</td><td>{}</td><td class=\"ev\">{}</td>",
                html_escape(&entry.person.name),
                company(&entry.person),
                pill(entry.band),
                html_escape(&last),
                html_escape(&entry.evidence),
            )
        })
        .collect();
    table(
        page,
        &[
            ("Name", false),
            ("Company", false),
            (if faded { "Was → now" } else { "Strength" }, true),
            ("Band", false),
            ("Last spoke", false),
            ("Evidence", false),
        ],
        &rows,
    );
}

/// The colour of a band, as in the CSS.
fn band_colour(band: Band) -> &'static str {
    match band {
        Band::Strong => "#1b7f5b",
        Band::Medium => "#52a37f",
        Band::Weak => "#d49a2a",
        Band::Dormant => "#8a6fb3",
        Band::Unknown => "#9aa3ae",
    }
}

/// Axis ticks for values up to `value`: a 1-2-5 step giving at most five
/// intervals, and the axis maximum (a whole number of steps, at least one).
fn axis_ticks(value: f64) -> (f64, f64) {
    let step = nice_step(value / 4.0);
    (((value / step).ceil().max(1.0)) * step, step)
}

fn bands_chart(bands: &[BandCount]) -> String {
    let (width, row, left, right) = (520.0, 40.0, 80.0, 90.0);
    let height = row * bands.len() as f64 + 10.0;
    let most = bands
        .iter()
        .map(|band| band.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let total = bands.iter().map(|band| band.count).sum::<usize>().max(1) as f64;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Connections by band\">"
    );
    for (index, band) in bands.iter().enumerate() {
        let y = 5.0 + row * index as f64;
        let bar = (width - left - right) * band.count as f64 / most;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1d2430\">{}</text>\
             <rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#5d6675\">{} · {:.0}%</text>",
            left - 10.0,
            y + row / 2.0 + 4.0,
            band.band.name(),
            y + 6.0,
            bar.max(1.0),
            row - 12.0,
            band_colour(band.band),
            left + bar + 8.0,
            y + row / 2.0 + 4.0,
            band.count,
            100.0 * band.count as f64 / total,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn distribution_chart(buckets: &[StrengthBucket]) -> String {
    let (width, height) = (520.0, 240.0);
    let plot = Plot {
        left: 40.0,
        top: 16.0,
        width: 470.0,
        height: 194.0,
    };
    let (left, top, plot_width, plot_height) = (plot.left, plot.top, plot.width, plot.height);
    let (most, intervals) =
        axis(buckets.iter().map(|bucket| bucket.count).max().unwrap_or(0) as f64);
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Strength distribution\">"
    );
    grid(&mut svg, &plot, intervals);
    axis_labels(
        &mut svg,
        &plot,
        (most, intervals),
        (left - 6.0, "end", "#5d6675"),
    );
    let slot = plot_width / buckets.len().max(1) as f64;
    for (index, bucket) in buckets.iter().enumerate() {
        let x = left + slot * index as f64;
        let bar = plot_height * bucket.count as f64 / most;
        let colour = if bucket.genuine { GENUINE } else { NOT_GENUINE };
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{colour}\"/>",
            x + 3.0,
            top + plot_height - bar,
            slot - 6.0,
            bar
        );
        if bucket.count > 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1d2430\">{}</text>",
                x + slot / 2.0,
                top + plot_height - bar - 4.0,
                bucket.count
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5d6675\">{:.1}</text>",
            x,
            height - 10.0,
            bucket.from
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5d6675\">1.0</text></svg>",
        left + plot_width,
        height - 10.0
    );
    svg
}

/// A chart's plotting area inside its SVG.
struct Plot {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

impl Plot {
    /// The y coordinate of `value` on an axis from 0 to `max`.
    fn y(&self, value: f64, max: f64) -> f64 {
        self.top + self.height * (1.0 - value / max)
    }
}

/// Horizontal grid lines at each of `intervals` equal steps.
fn grid(svg: &mut String, plot: &Plot, intervals: u32) {
    for step in 0..=intervals {
        let y = plot.y(f64::from(step), f64::from(intervals));
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e6eb\"/>",
            plot.left,
            plot.left + plot.width
        );
    }
}

/// Axis values at each grid line, written at `x` with `anchor`.
fn axis_labels(
    svg: &mut String,
    plot: &Plot,
    (max, intervals): (f64, u32),
    (x, anchor, colour): (f64, &str, &str),
) {
    for step in 0..=intervals {
        let value = max * f64::from(step) / f64::from(intervals);
        let _ = write!(
            svg,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{colour}\">{}</text>",
            plot.y(value, max) + 4.0,
            compact_number(value)
        );
    }
}

/// Axis maximum and number of intervals for values up to `value`.
fn axis(value: f64) -> (f64, u32) {
    let (max, step) = axis_ticks(value);
    (max, (max / step).round() as u32)
}

/// The smallest 1-2-5 step at least `raw` (and at least 1).
fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1.0);
    let magnitude = 10_f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|step| step * magnitude)
        .find(|candidate| *candidate >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn compact_number(value: f64) -> String {
    if value >= 10_000.0 {
        format!("{:.0}k", value / 1000.0)
    } else if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// The plotting area both timeline charts share, so their years line up.
const TIMELINE_PLOT: Plot = Plot {
    left: 46.0,
    top: 14.0,
    width: 978.0,
    height: 150.0,
};
const TIMELINE_WIDTH: f64 = 1080.0;
const TIMELINE_HEIGHT: f64 = 214.0;

/// Connections added per year above, interactions per year below: two
/// charts, each with its own axis, on the same years at the same places.
fn timeline_charts(years: &[YearActivity]) -> String {
    if years.is_empty() {
        return "<p class=\"empty\">No dated contact.</p>".to_owned();
    }
    let added: Vec<(f64, Option<f64>)> = years
        .iter()
        .map(|year| {
            (
                year.connections_added as f64,
                Some(year.still_genuine as f64),
            )
        })
        .collect();
    let interactions: Vec<(f64, Option<f64>)> = years
        .iter()
        .map(|year| (f64::from(year.interactions), None))
        .collect();
    let mut charts = String::new();
    charts.push_str(&year_bars(
        years,
        &added,
        ("Connections added per year", NOT_GENUINE, GENUINE),
        &[
            (NOT_GENUINE, "connections added, not genuine today"),
            (GENUINE, "added that year and genuine today"),
        ],
    ));
    charts.push_str(&year_bars(
        years,
        &interactions,
        ("Interactions per year", INTERACTIONS, INTERACTIONS),
        &[(INTERACTIONS, "interactions with any connection")],
    ));
    charts
}

/// One bar per year (`(total, part of it)`), on [`TIMELINE_PLOT`], with a
/// legend of `(colour, meaning)`.
fn year_bars(
    years: &[YearActivity],
    values: &[(f64, Option<f64>)],
    (label, colour, part_colour): (&str, &str, &str),
    legend: &[(&str, &str)],
) -> String {
    let plot = TIMELINE_PLOT;
    let (most, intervals) = axis(values.iter().map(|value| value.0).fold(0.0, f64::max));
    let mut svg = format!(
        "<svg viewBox=\"0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}\" role=\"img\" aria-label=\"{label}\">"
    );
    grid(&mut svg, &plot, intervals);
    axis_labels(
        &mut svg,
        &plot,
        (most, intervals),
        (plot.left - 6.0, "end", "#5d6675"),
    );
    let slot = plot.width / years.len() as f64;
    let bar_width = (slot * 0.6).min(48.0);
    let label_every = (years.len() / 16).max(1);
    let bottom = plot.top + plot.height;
    for (index, (year, (total, part))) in years.iter().zip(values).enumerate() {
        let centre = plot.left + slot * (index as f64 + 0.5);
        // A bar of `value`, standing on the axis.
        let mut bar = |value: f64, fill: &str| {
            let height = plot.height * value / most;
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_width:.1}\" height=\"{height:.1}\" rx=\"3\" fill=\"{fill}\"/>",
                centre - bar_width / 2.0,
                bottom - height,
            );
        };
        bar(*total, colour);
        if let Some(part) = part {
            bar(*part, part_colour);
        }
        if index % label_every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5d6675\">{}</text>",
                bottom + 18.0,
                year.year
            );
        }
    }
    let legend_y = TIMELINE_HEIGHT - 10.0;
    let mut x = plot.left;
    for (colour, meaning) in legend {
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{legend_y:.1}\" font-size=\"12\" fill=\"#1d2430\">{meaning}</text>",
            legend_y - 10.0,
            x + 18.0,
        );
        x += 30.0 + 7.0 * meaning.chars().count() as f64;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_a_round_step() {
        assert_eq!(axis_ticks(22.0), (30.0, 10.0));
        assert_eq!(axis_ticks(16.0), (20.0, 5.0));
        assert_eq!(axis_ticks(0.0), (1.0, 1.0));
        assert_eq!(axis_ticks(349.0), (400.0, 100.0));
    }
}
