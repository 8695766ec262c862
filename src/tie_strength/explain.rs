//! The explanation of one tie's strength: every term of the formula with its
//! measure, its weight and its contribution to the log-odds, exactly as the
//! model used them, then the one-way cap, and the lines that say what the
//! evidence and any declaration contribute. `warmpath explain` renders it;
//! the words are the model's, so they live beside it.

use serde::Serialize;

use super::{Model, Tie};
use crate::ingest::Channel;
use crate::time::date_text;

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
    /// The strength of a bare connection, beneath every interaction's.
    pub floor: f64,
    /// `intercept + Σ contributions`.
    pub log_odds: f64,
    /// `floor + (1 − floor) / (1 + e^−log_odds)`: the strength of the
    /// interactions alone.
    pub from_interactions: f64,
    /// The one-way cap, when contact never went both ways.
    pub one_way_cap: Option<f64>,
    /// True when the cap lowered the strength.
    pub one_way_capped: bool,
    /// Without interactions, what there is instead, in words.
    pub no_interaction: Option<String>,
    /// The evidence in words, what a declaration adds, and the peak when
    /// the tie has decayed since its last contact.
    pub notes: Vec<String>,
}

/// Explains `tie` with the `model` it was scored with.
///
/// Complexity: constant.
#[must_use]
pub fn explain_tie(tie: &Tie, model: &Model) -> Explanation {
    let c = &tie.strength.components;
    let evidence = &tie.evidence;
    let notes = notes(tie);
    if evidence.interactions() == 0 {
        return Explanation {
            terms: Vec::new(),
            intercept: model.intercept,
            floor: model.connection_floor,
            log_odds: f64::NEG_INFINITY,
            from_interactions: 0.0,
            one_way_cap: None,
            one_way_capped: false,
            no_interaction: Some(match evidence.first_contact.and_then(date_text) {
                Some(since) => format!("declared since {since}; no interaction on record"),
                None => "no interaction on record".to_owned(),
            }),
            notes,
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
    let term_notes = [
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
            "attention {:.2}: the tie's share of each side's contact (a share of {:.0} % gets half)",
            c.attention,
            100.0 / model.attention_saturation
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
        .zip(term_notes)
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
        floor: model.connection_floor,
        log_odds,
        from_interactions: model.strength_of(log_odds),
        one_way_cap: (!evidence.is_reciprocal()).then_some(model.one_way_cap),
        one_way_capped: c.one_way_capped,
        no_interaction: None,
        notes,
    }
}

/// The evidence in words, what a declaration adds, and the peak.
fn notes(tie: &Tie) -> Vec<String> {
    let s = &tie.strength;
    let evidence = &tie.evidence;
    let mut lines = vec![format!("evidence: {}", evidence.describe())];
    let declared = evidence.declared.as_ref().and_then(|declared| match declared.strength {
        Some(value) if evidence.interactions() > 0 => Some(format!(
            "declared: {value:.2} by {}, combined with the interactions as 1 − (1 − declared)(1 − interactions)",
            declared.source
        )),
        Some(value) => Some(format!(
            "declared: {value:.2} by {}, taken as it is",
            declared.source
        )),
        None if evidence.interactions() == 0 => Some(format!(
            "connected ({}) and nothing more: the weakest evidence there is",
            declared.source
        )),
        // A bare connection beside interactions: the evidence line says it.
        None => None,
    });
    lines.extend(declared);
    if s.peak > s.strength + 0.005 {
        lines.push(format!("it was {:.2} at its last contact", s.peak));
    }
    lines
}
