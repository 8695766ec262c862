//! The tie-strength formula: evidence of one pair → strength, band and the
//! components that explain it.
//!
//! The strength of a pair with interactions is a logistic function of a sum
//! of log-odds contributions, each a weight times a term (see [`Terms`]):
//!
//! ```text
//! strength = floor + (1 − floor) / (1 + exp(−z)),  z = intercept + Σ_i weight_i × term_i
//! ```
//!
//! where `floor` is the strength of a bare connection: any interaction is at
//! least that much evidence, however old (and a path through an old contact
//! keeps a score to rank, instead of underflowing to nothing).
//!
//! With `d` the days since an event, `H` the memory half-life and
//! `m(d) = 0.5^(d / H)`:
//!
//! - **confidence** `ln(1 − exp(−n / confidence_events))`, `n` the
//!   interactions, each counted by its group dilution — one contact is little
//!   evidence, a handful is enough;
//! - **volume** `ln(1 + Σ_e depth_e × dilution_e × m(d_e))` — on a log scale,
//!   so that the order among busy ties survives;
//! - **regularity** `ln(1 + Σ_days m(d_day))` over the distinct days with
//!   contact — a burst of a hundred messages is one day;
//! - **longevity** `ln(1 + span / longevity_scale_days)`, the days from the
//!   first contact to the last;
//! - **attention** `½ (ln a_a + ln a_b)`, `a_x = K s_x / (1 + K s_x)`, where
//!   `s_x` is the pair's share of `x`'s volume and `K` the attention
//!   saturation: a tie that takes a large share of someone's contact gets
//!   their full attention, one lost among thousands gets little (Dunbar's
//!   finite attention; never above 0, so reach is never a bonus);
//! - **recency** `−ln 2 × days since last contact / h`, with the tie's own
//!   half-life `h = half_life_days × p^pace_exponent × (1 + span_gain ×
//!   months of span + day_gain × active days)`: silence is measured against
//!   the tie's history, so a week of quiet ends a one-off contact but not
//!   years of weekly meetings (Gilbert & Karahalios 2009: recency and the
//!   tie's age), and against the record's pace `p` ([`record_pace`]): where
//!   people who are in touch again are so every few weeks (monthly mail), a
//!   month of silence says less than where they are so every day (chat);
//! - **time together** `ln(1 + Σ_e hours_e × m(d_e) / hours_scale)`;
//! - **depth** `ln(deepest channel's depth)` (met in person is 0).
//!
//! The result is capped at `one_way_cap` when contact never went both ways,
//! and combined with a declared strength `s_d` as `1 − (1 − s_d)(1 − s)`, so
//! that a declaration alone is exact.

use serde::Serialize;

use super::evidence::{Declared, Direction, EvidenceSummary, PairEvent};
use super::{Band, Model};
use crate::time::SECONDS_PER_DAY;

/// The measured evidence of one tie: what the formula's terms are computed
/// from (see [`Model::terms`]). Everything is as of the scoring date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    /// Interactions, each counted by its group dilution (1 for one-to-one).
    pub evidence: f64,
    /// Decayed, depth-weighted, diluted interactions.
    pub volume: f64,
    /// Distinct days with contact, each decayed by its age.
    pub active_days: f64,
    /// Days from the first contact to the last.
    pub span_days: f64,
    /// Days since the last contact.
    pub days_since: f64,
    /// Decayed hours together (meetings and calls, diluted by group size).
    pub hours: f64,
    /// Depth of the deepest channel used, in (0, 1].
    pub depth: f64,
    /// The pair's attention factor in (0, 1]: the geometric mean of each
    /// side's saturated share of their own contact (1 = full attention).
    pub attention: f64,
    /// The tie's recency half-life in days (longer for ties with more history).
    pub half_life_days: f64,
    /// True when contact never went both ways and the one-way cap applied.
    pub one_way_capped: bool,
    /// Strength from interactions, after attention and the one-way cap,
    /// before declarations.
    pub interaction_strength: f64,
}

/// The formula's terms of one tie, before their weights; each is a log-scale
/// quantity, and `weight × term` is its contribution to the log-odds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Terms {
    /// `ln(1 − exp(−evidence / confidence_events))`, ≤ 0.
    pub confidence: f64,
    /// `ln(1 + volume)`.
    pub volume: f64,
    /// `ln(1 + active days)`.
    pub regularity: f64,
    /// `ln(1 + span / longevity_scale_days)`.
    pub longevity: f64,
    /// `ln(attention)`, ≤ 0.
    pub attention: f64,
    /// `−ln 2 × days since / half-life`, ≤ 0.
    pub recency: f64,
    /// `ln(1 + hours / hours_scale)`.
    pub time_together: f64,
    /// `ln(depth)`, ≤ 0.
    pub depth: f64,
}

impl Terms {
    /// Every term with its name, in the order of [`super::TERM_NAMES`].
    #[must_use]
    pub fn named(&self) -> [(&'static str, f64); 8] {
        let values = [
            self.confidence,
            self.volume,
            self.regularity,
            self.longevity,
            self.attention,
            self.recency,
            self.time_together,
            self.depth,
        ];
        super::model::with_term_names(values)
    }
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

/// The per-pair measures that do not depend on other pairs: everything but
/// attention, which needs each side's total volume.
///
/// `events` must all belong to one pair. Returns `None` without events.
///
/// `pace_factor` is what the record's pace multiplies the recency half-life
/// by ([`Model::pace_factor`] of [`record_pace`]; 1 when it is not followed).
#[must_use]
pub fn measure_interactions(
    events: &[PairEvent],
    as_of: i64,
    pace_factor: f64,
    model: &Model,
) -> Option<Measured> {
    let last = events.iter().map(|event| event.at).max()?;
    let first = events.iter().map(|event| event.at).min().unwrap_or(last);
    let days = |at: i64| ((as_of - at) as f64 / SECONDS_PER_DAY as f64).max(0.0);
    let memory = |age_days: f64| 0.5_f64.powf(age_days / model.memory_half_life_days);

    let (mut evidence, mut volume, mut hours, mut depth) = (0.0_f64, 0.0, 0.0, 0.0_f64);
    let (mut forward, mut backward) = (false, false);
    for event in events {
        let weight = model.channels.weight(event.channel);
        let dilution = f64::from(event.dilution);
        let fresh = memory(days(event.at));
        evidence += dilution;
        volume += weight * dilution * fresh;
        hours += f64::from(event.seconds) / 3600.0 * fresh;
        depth = depth.max(weight);
        match event.direction {
            Direction::AToB => forward = true,
            Direction::BToA => backward = true,
            Direction::Mutual => (forward, backward) = (true, true),
        }
    }
    let (distinct_days, active_days) = active_days(events, |at| memory(days(at)));
    let span_days = (last - first) as f64 / SECONDS_PER_DAY as f64;
    let history = 1.0
        + model.history.span_gain * span_days / DAYS_PER_MONTH
        + model.history.day_gain * distinct_days as f64;
    Some(Measured {
        components: Components {
            evidence,
            volume,
            active_days,
            span_days,
            days_since: days(last),
            hours,
            depth,
            attention: 1.0,
            half_life_days: model.half_life_days * pace_factor * history,
            one_way_capped: false,
            interaction_strength: 0.0,
        },
        reciprocal: forward && backward,
        distinct_days,
    })
}

/// The record's pace, in days: the median, over the pairs in touch on two
/// days or more, of the days between their first and last contact per gap
/// between days with contact (`span / (days − 1)`). 1 when no pair was in
/// touch on two days. `spans` gives each pair's span in days and distinct
/// days with contact.
#[must_use]
pub fn record_pace(spans: impl Iterator<Item = (f64, usize)>) -> f64 {
    let mut gaps: Vec<f64> = spans
        .filter(|&(_, days)| days >= 2)
        .map(|(span, days)| span / (days - 1) as f64)
        .collect();
    if gaps.is_empty() {
        return 1.0;
    }
    let count = gaps.len();
    let (below, upper, _) = gaps.select_nth_unstable_by(count / 2, f64::total_cmp);
    let upper = *upper;
    if count.is_multiple_of(2) {
        let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        f64::midpoint(lower, upper)
    } else {
        upper
    }
}
/// Average days in a month, for the history gain per month of span.
const DAYS_PER_MONTH: f64 = 30.0;

/// The number of distinct UTC days among `events`, and their sum of
/// `weight(time of the day's latest event)`.
fn active_days(events: &[PairEvent], weight: impl Fn(i64) -> f64) -> (usize, f64) {
    let day_of = |at: i64| at.div_euclid(SECONDS_PER_DAY);
    // Events arrive sorted by time from `collect_pair_events`; sort a copy
    // of the times only when they are not.
    let sorted = events.is_sorted_by_key(|event| event.at);
    let mut times = Vec::new();
    if !sorted {
        times = events.iter().map(|event| event.at).collect();
        times.sort_unstable();
    }
    let at = |index: usize| {
        if sorted {
            events[index].at
        } else {
            times[index]
        }
    };
    let (mut count, mut sum) = (0, 0.0);
    for index in 0..events.len() {
        let time = at(index);
        if index + 1 == events.len() || day_of(at(index + 1)) != day_of(time) {
            count += 1;
            sum += weight(time);
        }
    }
    (count, sum)
}

/// One pair's measures before attention, and whether contact went both ways.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The measures; `attention` is 1 until [`finish`] sets it.
    pub components: Components,
    /// True when both sides took part.
    pub reciprocal: bool,
    /// Distinct days with contact (for the record's pace).
    pub distinct_days: usize,
}

/// The attention factor one side gives a tie that takes `share` of its
/// volume: `K s / (1 + K s)`, in (0, 1). It falls as the side's other ties
/// grow, so having many ties is never a bonus.
#[must_use]
pub fn attention_factor(share: f64, model: &Model) -> f64 {
    let k = model.attention_saturation * share.clamp(0.0, 1.0);
    k / (1.0 + k)
}

/// Completes `measured` with the pair's attention factor: scores it, applies
/// the one-way cap.
#[must_use]
pub fn finish(mut measured: Measured, attention: f64, model: &Model) -> Components {
    let components = &mut measured.components;
    components.attention = attention;
    let mut strength = model.strength_of(model.log_odds(components));
    if !measured.reciprocal && strength > model.one_way_cap {
        strength = model.one_way_cap;
        components.one_way_capped = true;
    }
    components.interaction_strength = strength.clamp(0.0, 1.0);
    measured.components
}

/// Scores the interaction evidence of one pair as of `as_of` (unix seconds)
/// with a known attention factor and the record's `pace_factor` (as
/// [`measure_interactions`] takes it). `events` must all belong to the pair.
#[must_use]
pub fn score_interactions(
    events: &[PairEvent],
    as_of: i64,
    pace_factor: f64,
    attention: f64,
    model: &Model,
) -> Components {
    match measure_interactions(events, as_of, pace_factor, model) {
        Some(measured) => finish(measured, attention, model),
        None => Components {
            attention: 1.0,
            ..Components::default()
        },
    }
}

/// `1 / (1 + e^−z)`.
#[must_use]
pub fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Combines interaction components and a declaration into the final strength
/// and band.
///
/// `peak_interaction` is the interaction strength the pair had at its last
/// contact.
#[must_use]
pub fn combine(
    components: Components,
    peak_interaction: f64,
    declared: Option<&Declared>,
    evidence: &EvidenceSummary,
    model: &Model,
) -> TieStrength {
    let has_interactions = evidence.interactions() > 0;
    let from_interactions = components.interaction_strength;
    let declared_strength = declared.and_then(|declared| declared.strength);
    let strength = match (has_interactions, declared_strength) {
        (false, Some(declared)) => declared,
        (false, None) => model.connection_floor,
        (true, Some(declared)) => 1.0 - (1.0 - declared) * (1.0 - from_interactions),
        (true, None) => from_interactions,
    };
    let peak = peak_interaction.max(strength);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::PersonId;
    use crate::ingest::Channel;

    const DAY: i64 = 86_400;
    const AS_OF: i64 = 1_000 * DAY;

    fn event(days_ago: f64, channel: Channel, direction: Direction) -> PairEvent {
        PairEvent {
            a: PersonId(0),
            b: PersonId(1),
            at: AS_OF - (days_ago * DAY as f64) as i64,
            channel,
            direction,
            dilution: 1.0,
            seconds: 0.0,
        }
    }

    fn measured(events: &[PairEvent]) -> Components {
        measure_interactions(events, AS_OF, 1.0, &Model::default())
            .unwrap()
            .components
    }

    #[test]
    fn counts_each_day_with_contact_once() {
        let burst: Vec<PairEvent> = (0..100)
            .map(|n| {
                event(
                    3.5 + f64::from(n) / 1000.0,
                    Channel::Message,
                    Direction::AToB,
                )
            })
            .collect();
        assert!((measured(&burst).active_days - 1.0).abs() < 0.01);
        let spread: Vec<PairEvent> = (0..5)
            .map(|n| event(f64::from(n) * 2.0 + 0.5, Channel::Message, Direction::AToB))
            .collect();
        let spread = measured(&spread);
        assert!(spread.active_days > 4.9 && spread.active_days <= 5.0);
    }

    #[test]
    fn counts_days_alike_in_any_event_order() {
        let mut events: Vec<PairEvent> = [9.5, 1.5, 4.5, 1.6, 9.6]
            .iter()
            .map(|days| event(*days, Channel::Call, Direction::Mutual))
            .collect();
        let shuffled = measured(&events);
        events.sort_by_key(|event| event.at);
        assert_eq!(
            measured(&events).active_days.to_bits(),
            shuffled.active_days.to_bits()
        );
        assert!((shuffled.active_days - 3.0).abs() < 0.05);
    }

    #[test]
    fn the_half_life_grows_with_the_ties_history() {
        let model = Model::default();
        let once = measured(&[event(10.0, Channel::Meeting, Direction::Mutual)]);
        let weekly: Vec<PairEvent> = (0..52)
            .map(|week| {
                event(
                    10.0 + f64::from(week) * 7.0,
                    Channel::Meeting,
                    Direction::Mutual,
                )
            })
            .collect();
        let weekly = measured(&weekly);
        assert!(weekly.half_life_days > 5.0 * once.half_life_days);
        assert!(model.terms(&weekly).recency > model.terms(&once).recency);
    }

    #[test]
    fn the_record_pace_is_the_median_gap_of_pairs_in_touch_on_two_days_or_more() {
        assert!(
            (record_pace([(10.0, 1), (4.0, 3), (30.0, 4), (9.0, 2)].into_iter()) - 9.0).abs()
                < 1e-12
        );
        // An even count: the mean of the two middle gaps.
        assert!((record_pace([(2.0, 2), (8.0, 2)].into_iter()) - 5.0).abs() < 1e-12);
        // Pairs in touch on one day only have no gap.
        assert!((record_pace([(0.5, 1), (0.0, 1)].into_iter()) - 1.0).abs() < f64::EPSILON);
        assert!((record_pace(std::iter::empty()) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_month_of_silence_says_less_where_people_meet_monthly() {
        let model = Model {
            pace_exponent: 1.0,
            ..Model::default()
        };
        let events: Vec<PairEvent> = [40.0, 45.0, 50.0]
            .iter()
            .map(|days| event(*days, Channel::Email, Direction::Mutual))
            .collect();
        let at_pace = |pace: f64| {
            let measured =
                measure_interactions(&events, AS_OF, model.pace_factor(pace), &model).unwrap();
            (
                measured.components.half_life_days,
                model.terms(&measured.components).recency,
            )
        };
        let (daily, daily_recency) = at_pace(1.0);
        let (monthly, monthly_recency) = at_pace(30.0);
        assert!((monthly / daily - 30.0).abs() < 1e-9, "{monthly} {daily}");
        assert!(monthly_recency > daily_recency);
        // The pace counts within an hour and a year, and not at all at 0.
        assert!((model.pace_factor(10_000.0) - 365.0).abs() < 1e-9);
        assert!((model.pace_factor(0.0) - 1.0 / 24.0).abs() < 1e-12);
        let flat = Model {
            pace_exponent: 0.0,
            ..Model::default()
        };
        assert!((flat.pace_factor(30.0) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn attention_falls_with_a_smaller_share_and_never_reaches_one() {
        let model = Model::default();
        let full = attention_factor(1.0, &model);
        assert!((0.5..1.0).contains(&full));
        assert!(attention_factor(0.01, &model) < attention_factor(0.1, &model));
        assert!(attention_factor(0.0, &model).abs() < f64::EPSILON);
    }

    #[test]
    fn one_way_contact_is_capped() {
        let model = Model::default();
        let events: Vec<PairEvent> = (0..40)
            .map(|n| event(f64::from(n) * 3.0 + 1.0, Channel::Message, Direction::AToB))
            .collect();
        let components = score_interactions(&events, AS_OF, 1.0, 1.0, &model);
        assert!(components.one_way_capped);
        assert!(components.interaction_strength <= model.one_way_cap);
    }

    #[test]
    fn the_logistic_maps_log_odds_into_the_unit_interval() {
        assert!((logistic(0.0) - 0.5).abs() < 1e-12);
        assert!(logistic(-40.0) >= 0.0 && logistic(-40.0) < 1e-15);
        assert!(logistic(40.0) <= 1.0 && logistic(40.0) > 1.0 - 1e-15);
    }
}
