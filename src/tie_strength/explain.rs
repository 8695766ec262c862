//! The explanation of one tie's strength: each component with its value,
//! its share of the weighted sum (or `1` for the factors that multiply it)
//! and a note in words, and the lines that say what the evidence and any
//! declaration contribute. `warmpath explain` renders it; the words are the
//! model's, so they live beside it.

use serde::Serialize;

use super::{Model, Tie};
use crate::time::date_text;

/// The note of time-based components when the pair was never in touch.
const NO_CONTACT: &str = "no interaction on record";

/// One line of an explanation: a component, its value, weight and note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedComponent {
    /// The component's name (`recency`, `confidence`, …).
    pub name: &'static str,
    /// Its value, in [0, 1].
    pub value: f64,
    /// Its share of the weighted sum, or `1` for a factor that multiplies it.
    pub weight: f64,
    /// What it is made of, in words.
    pub note: String,
}

/// Why a tie has its strength.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Every component, in the order the formula applies them.
    pub components: Vec<ExplainedComponent>,
    /// The evidence in words, what a declaration adds, and the peak when
    /// the tie has decayed since its last contact.
    pub notes: Vec<String>,
}

/// Formats a strength for people: two decimals.
fn two_decimals(value: f64) -> String {
    format!("{value:.2}")
}

fn date(seconds: Option<i64>) -> String {
    seconds.and_then(date_text).unwrap_or_default()
}

/// Explains `tie` as scored by `model`.
#[must_use]
pub fn explain(tie: &Tie, model: &Model) -> Explanation {
    Explanation {
        components: components(tie, model),
        notes: notes(tie),
    }
}

fn components(tie: &Tie, model: &Model) -> Vec<ExplainedComponent> {
    let c = &tie.strength.components;
    let w = &model.weights;
    let total = w.sum();
    let weighted = |name, value, weight: f64, note: String| ExplainedComponent {
        name,
        value,
        weight: weight / total,
        note,
    };
    vec![
        weighted(
            "recency",
            c.recency,
            w.recency,
            match tie.evidence.last_contact {
                Some(_) => format!("last contact {}", date(tie.evidence.last_contact)),
                None => NO_CONTACT.to_owned(),
            },
        ),
        weighted(
            "longevity",
            c.longevity,
            w.longevity,
            match (tie.evidence.first_contact, tie.evidence.interactions()) {
                (Some(first), 1..) => format!(
                    "known since {}; half-life {:.0} days",
                    date(Some(first)),
                    c.half_life_days
                ),
                (Some(first), 0) => format!("declared since {}; {NO_CONTACT}", date(Some(first))),
                (None, _) => NO_CONTACT.to_owned(),
            },
        ),
        weighted(
            "frequency",
            c.frequency,
            w.frequency,
            "decayed, depth-weighted, diluted by group size".to_owned(),
        ),
        weighted(
            "time together",
            c.time_together,
            w.time_together,
            format!("{:.1} h in meetings and calls", tie.evidence.hours_together),
        ),
        weighted("depth", c.depth, w.depth, "deepest channel used".to_owned()),
        ExplainedComponent {
            name: "confidence",
            value: c.confidence,
            weight: 1.0,
            note: "multiplies the sum: how much evidence there is".to_owned(),
        },
        ExplainedComponent {
            name: "reciprocity",
            value: if c.one_way_capped {
                model.one_way_cap
            } else {
                1.0
            },
            weight: 1.0,
            note: if c.one_way_capped {
                "one-way contact, capped at acquaintance level".to_owned()
            } else if tie.evidence.is_reciprocal() {
                "contact went both ways".to_owned()
            } else {
                "no interaction".to_owned()
            },
        },
        ExplainedComponent {
            name: "attention",
            value: c.attention,
            weight: 1.0,
            note: "multiplies: below 1 when either side spreads attention over many ties"
                .to_owned(),
        },
    ]
}

fn notes(tie: &Tie) -> Vec<String> {
    let s = &tie.strength;
    let mut lines = vec![format!("evidence: {}", tie.evidence.describe())];
    if let Some(declared) = &tie.evidence.declared {
        lines.push(match declared.strength {
            Some(value) => format!(
                "declared: {} by {} (combined with interactions as 1 − (1 − declared)(1 − interactions))",
                two_decimals(value),
                declared.source
            ),
            None if tie.evidence.interactions() == 0 => {
                format!("connected ({}) and nothing more: the weakest evidence there is", declared.source)
            }
            None => format!("connected ({})", declared.source),
        });
    }
    if s.peak > s.strength + 0.005 {
        lines.push(format!(
            "it was {} at its last contact",
            two_decimals(s.peak)
        ));
    }
    lines
}
