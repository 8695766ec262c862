//! Explanations of one tie: every term of the formula with its measure, its
//! weight and its contribution to the log-odds, exactly as the model used
//! them, then the one-way cap and any declaration. Words and numbers only;
//! rendering belongs to the command line.

use serde::Serialize;

use super::{Model, Tie, logistic};
use crate::ingest::Channel;

/// One term of a tie's log-odds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedTerm {
    /// The term's name, as in the model's `[weights]`.
    pub name: &'static str,
    /// The term's value before its weight (log scale).
    pub value: f64,
    /// Its weight in the model.
    pub weight: f64,
    /// `value × weight`: what it adds to the log-odds.
    pub contribution: f64,
    /// What was measured, in words.
    pub note: String,
}

/// How a tie's strength came about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The terms, in the model's order; empty without interactions.
    pub terms: Vec<ExplainedTerm>,
    /// The model's intercept.
    pub intercept: f64,
    /// `intercept + Σ contributions`.
    pub log_odds: f64,
    /// `1 / (1 + e^−log_odds)`: the strength of the interactions alone.
    pub from_interactions: f64,
    /// The one-way cap, when contact never went both ways.
    pub one_way_cap: Option<f64>,
    /// True when the cap lowered the strength.
    pub one_way_capped: bool,
    /// What the declaration (if any) did, in words.
    pub declared: Option<String>,
    /// Without interactions, what there is instead, in words.
    pub no_interaction: Option<String>,
}

/// Explains `tie` with the `model` it was scored with.
///
/// Complexity: constant.
#[must_use]
pub fn explain_tie(tie: &Tie, model: &Model) -> Explanation {
    let c = &tie.strength.components;
    let evidence = &tie.evidence;
    let declared = evidence
        .declared
        .as_ref()
        .map(|declared| match declared.strength {
            Some(value) if evidence.interactions() > 0 => format!(
                "{value:.2} by {}, combined with the interactions as 1 − (1 − declared)(1 − interactions)",
                declared.source
            ),
            Some(value) => format!("{value:.2} by {}, taken as it is", declared.source),
            None if evidence.interactions() == 0 => format!(
                "connected ({}) and nothing more: the weakest evidence there is",
                declared.source
            ),
            None => format!("connected ({})", declared.source),
        });
    if evidence.interactions() == 0 {
        return Explanation {
            terms: Vec::new(),
            intercept: model.intercept,
            log_odds: f64::NEG_INFINITY,
            from_interactions: 0.0,
            one_way_cap: None,
            one_way_capped: false,
            declared,
            no_interaction: Some(match evidence.first_contact {
                Some(since) => format!("declared since {}; no interaction on record", day(since)),
                None => "no interaction on record".to_owned(),
            }),
        };
    }
    let deepest = Channel::ALL
        .iter()
        .filter(|channel| evidence.count(**channel) > 0)
        .max_by(|x, y| {
            model
                .channels
                .weight(**x)
                .total_cmp(&model.channels.weight(**y))
        })
        .map_or("none", |channel| channel.name());
    let notes = [
        format!(
            "{:.1} interactions, group contact counted by its share",
            c.evidence
        ),
        format!(
            "{:.1} interactions weighted by channel depth; memory half-life {:.0} days",
            c.volume, model.memory_half_life_days
        ),
        format!(
            "{:.1} days with contact, older days counting less",
            c.active_days
        ),
        format!("{:.0} days from first to last contact", c.span_days),
        format!(
            "attention {:.2}: the tie's share of each side's contact, saturating at 1/{:.0}",
            c.attention, model.attention_saturation
        ),
        format!(
            "last contact {:.0} days ago; this tie's half-life {:.0} days",
            c.days_since, c.half_life_days
        ),
        format!("{:.1} h together in meetings and calls", c.hours),
        format!("deepest channel: {deepest}"),
    ];
    let terms: Vec<ExplainedTerm> = model
        .terms(c)
        .named()
        .into_iter()
        .zip(model.weights.named())
        .zip(notes)
        .map(|(((name, value), (_, weight)), note)| ExplainedTerm {
            name,
            value,
            weight,
            contribution: value * weight,
            note,
        })
        .collect();
    let log_odds = model.log_odds(c);
    Explanation {
        terms,
        intercept: model.intercept,
        log_odds,
        from_interactions: logistic(log_odds),
        one_way_cap: (!evidence.is_reciprocal()).then_some(model.one_way_cap),
        one_way_capped: c.one_way_capped,
        declared,
        no_interaction: None,
    }
}

/// The UTC date of unix seconds.
fn day(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map_or_else(
        |_| seconds.to_string(),
        |ts| {
            ts.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
                .to_string()
        },
    )
}
