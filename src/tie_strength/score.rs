//! The tie-strength formula: evidence of one pair → strength, band and the
//! components that explain it.
//!
//! For a pair with interactions, with `d` the days since an event, `h` the
//! tie's half-life (longer for older ties) and `decay(d) = 0.5^(d / h)`:
//!
//! - **recency** `R = max_e decay(d_e) × √(dilution_e × depth_e)` — a 1:1
//!   meeting last week is fresher than a mass email yesterday;
//! - **longevity** `L = (1 − exp(−days known / scale)) × memory`, where
//!   `memory = 0.5^(days since last / (factor × h))` fades the tie's age and
//!   depth once contact stops;
//! - **frequency** `F = 1 − exp(−Σ_e depth_e × dilution_e × decay(d_e) / saturation)`;
//! - **time together** `T = 1 − exp(−Σ_e hours_e × dilution_e × decay(d_e) / saturation)`;
//! - **depth** `D = max_e depth_e × memory`;
//! - **confidence** `C = 1 − exp(−Σ_e dilution_e / confidence_events)`.
//!
//! `strength = C × (w_R R + w_L L + w_F F + w_T T + w_D D) / Σ w`, capped at
//! `one_way_cap` when contact never went both ways, then scaled by attention
//! (see [`attention_factor`]) and combined with a declared strength `s_d` as
//! `1 − (1 − s_d)(1 − strength)`, so that a declaration alone is exact.
//! Gilbert & Karahalios (2009) found recency and the tie's age the strongest
//! predictors; the weights follow that order.

use serde::Serialize;

use super::evidence::{Declared, EvidenceSummary, PairEvent};
use super::{Band, Model};
use crate::time::SECONDS_PER_DAY;

/// The components of a tie's strength, each in [0, 1] unless noted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    /// Recency of the last contact.
    pub recency: f64,
    /// Age of the tie, faded by time since last contact.
    pub longevity: f64,
    /// Decayed, depth-weighted, diluted frequency with diminishing returns.
    pub frequency: f64,
    /// Decayed hours together with diminishing returns.
    pub time_together: f64,
    /// Deepest channel used, faded by time since last contact.
    pub depth: f64,
    /// Confidence that there is a relationship at all (evidence count).
    pub confidence: f64,
    /// The tie's effective half-life in days.
    pub half_life_days: f64,
    /// True when contact never went both ways and the one-way cap applied.
    pub one_way_capped: bool,
    /// Strength from interactions before attention and declarations.
    pub interaction_strength: f64,
    /// Attention factor (1 = no penalty).
    pub attention: f64,
}

/// A scored tie.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieStrength {
    /// Strength in [0, 1].
    pub strength: f64,
    /// Band.
    pub band: Band,
    /// Strength the tie had at its last contact (for `dormant`).
    pub peak: f64,
    /// The components, for explanation.
    pub components: Components,
}

/// Scores the interaction evidence of one pair as of `as_of` (unix seconds),
/// before attention and declarations. `events` must all belong to the pair.
#[must_use]
pub fn score_interactions(events: &[PairEvent], as_of: i64, model: &Model) -> Components {
    let Some(last) = events.iter().map(|event| event.at).max() else {
        return Components {
            attention: 1.0,
            ..Components::default()
        };
    };
    let first = events.iter().map(|event| event.at).min().unwrap_or(last);
    let days = |at: i64| ((as_of - at) as f64 / SECONDS_PER_DAY as f64).max(0.0);
    let days_known = days(first);
    let years_known = (days_known / 365.25).min(model.longevity_cap_years);
    let half_life = model.half_life_days * (1.0 + model.longevity_gain * years_known);
    let decay = |age_days: f64| 0.5_f64.powf(age_days / half_life);
    let memory = 0.5_f64.powf(days(last) / (model.memory_half_life_factor * half_life));

    let (mut recency, mut volume, mut hours, mut evidence, mut depth) =
        (0.0_f64, 0.0, 0.0, 0.0, 0.0_f64);
    let (mut forward, mut backward) = (false, false);
    for event in events {
        let weight = model.channels.weight(event.channel);
        let dilution = f64::from(event.dilution);
        let fresh = decay(days(event.at));
        recency = recency.max(fresh * (dilution * weight).sqrt());
        volume += weight * dilution * fresh;
        hours += f64::from(event.seconds) / 3600.0 * fresh;
        evidence += dilution;
        depth = depth.max(weight);
        match event.direction {
            super::Direction::AToB => forward = true,
            super::Direction::BToA => backward = true,
            super::Direction::Mutual => (forward, backward) = (true, true),
        }
    }
    let saturate = |value: f64, scale: f64| 1.0 - (-value / scale).exp();
    let mut components = Components {
        recency,
        longevity: saturate(days_known, model.longevity_scale_days) * memory,
        frequency: saturate(volume, model.volume_saturation),
        time_together: saturate(hours, model.hours_saturation),
        depth: depth * memory,
        confidence: saturate(evidence, model.confidence_events),
        half_life_days: half_life,
        one_way_capped: false,
        interaction_strength: 0.0,
        attention: 1.0,
    };
    let w = &model.weights;
    let weighted = w.recency * components.recency
        + w.longevity * components.longevity
        + w.frequency * components.frequency
        + w.time_together * components.time_together
        + w.depth * components.depth;
    let mut strength = components.confidence * weighted / w.sum();
    if !(forward && backward) && strength > model.one_way_cap {
        strength = model.one_way_cap;
        components.one_way_capped = true;
    }
    components.interaction_strength = strength.clamp(0.0, 1.0);
    components
}

/// The attention factor of one person whose ties add up to `load` strength
/// units: 1 up to the model's capacity, then `(capacity / load)^exponent`.
/// It never exceeds 1: having many ties is never a bonus.
#[must_use]
pub fn attention_factor(load: f64, model: &Model) -> f64 {
    if load <= model.attention_capacity {
        1.0
    } else {
        (model.attention_capacity / load).powf(model.attention_exponent)
    }
}

/// Combines interaction components, the pair's attention factor and a
/// declaration into the final strength and band.
///
/// `peak` is the interaction strength the pair had at its last contact.
#[must_use]
pub fn combine(
    mut components: Components,
    peak_interaction: f64,
    attention: f64,
    declared: Option<&Declared>,
    evidence: &EvidenceSummary,
    model: &Model,
) -> TieStrength {
    components.attention = attention;
    let has_interactions = evidence.interactions() > 0;
    let from_interactions = components.interaction_strength * attention;
    let declared_strength = declared.and_then(|declared| declared.strength);
    let strength = match (has_interactions, declared_strength) {
        (false, Some(declared)) => declared,
        (false, None) => model.connection_floor,
        (true, Some(declared)) => 1.0 - (1.0 - declared) * (1.0 - from_interactions),
        (true, None) => from_interactions,
    };
    let peak = (peak_interaction * attention).max(strength);
    let band = if !has_interactions && declared_strength.is_none() {
        Band::Unknown
    } else if strength >= model.bands.strong {
        Band::Strong
    } else if strength >= model.bands.medium {
        Band::Medium
    } else if peak >= model.bands.strong {
        Band::Dormant
    } else {
        Band::Weak
    };
    TieStrength {
        strength,
        band,
        peak,
        components,
    }
}
