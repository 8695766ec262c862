//! The tie-strength model's parameters: every weight, decay and threshold in
//! one struct with documented defaults, overridable from a TOML file
//! (`--model FILE.toml`, any subset of the fields).
//!
//! The defaults are calibrated, not guessed: `scripts/calibrate.py` searches
//! them by temporal hold-out (`warmpath evaluate`) on the SNAP `CollegeMsg`
//! messages (calibrated on the first 70 % of the time only) and checks them on
//! the `SocioPatterns` workplace contacts; the README section "How good is the
//! strength model?" has the figures. Each field says where its default comes
//! from: *measured* (chosen by the search), *measured flat* (the data do not
//! care within the range searched; the value follows the literature), or
//! *not identifiable* (these single-channel, one-to-one data cannot speak to
//! it; the value follows `DESIGN.md` and the literature cited there).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::Channel;

/// Default half-life of contact, in days, for a tie that has just begun.
///
/// Measured: the hold-out AUC is flat from 21 to 60 days once the other
/// parameters adapt, and falls at 90 days and beyond (the previous default of
/// 90 days lost to recency alone on `CollegeMsg`: AUC 0.80 against 0.90). Within
/// the flat range, 45 days had the best calibration AUC that keeps the demo's
/// monthly-cadence professional ties readable.
pub const DEFAULT_HALF_LIFE_DAYS: f64 = 45.0;

/// The parameters of the tie-strength model.
///
/// The strength of a pair with interaction evidence is
/// `confidence × Σ weight_i × component_i`, each component in [0, 1]
/// (see `score_tie` in the scoring module), then gated by reciprocity,
/// scaled by attention, and combined with any declared strength.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Model {
    /// Half-life of contact in days: an interaction this old counts half.
    /// Default [`DEFAULT_HALF_LIFE_DAYS`] (measured).
    pub half_life_days: f64,
    /// How much a tie's age slows its decay: the half-life is multiplied by
    /// `1 + longevity_gain × years known` (capped at `longevity_cap_years`).
    /// Long-standing ties decay slower (Gilbert & Karahalios 2009).
    /// Default 0.5 (not identifiable: no tie in the data is older than six
    /// months).
    pub longevity_gain: f64,
    /// Cap on the years of age that slow decay. Default 4 (not identifiable).
    pub longevity_cap_years: f64,
    /// Days of acquaintance at which the longevity component reaches 63 %.
    /// Default 365 (measured flat: the search kept it against 7–180 days).
    pub longevity_scale_days: f64,
    /// How many times slower than contact itself the memory of a tie (its age
    /// and depth) fades once contact stops. Default 1 (measured: memory that
    /// outlasts contact predicted renewed contact worse than 1, 2 or 4).
    pub memory_half_life_factor: f64,
    /// Decayed, channel-weighted interactions at which frequency reaches 63 %
    /// (diminishing returns: `1 − exp(−volume / saturation)`). Default 20
    /// (measured: saturating early, at 1–6, threw away the difference between
    /// a busy tie and a merely recent one; 20 and 50 are equal within 0.001
    /// AUC, and 20 keeps busy ties higher on the band scale).
    pub volume_saturation: f64,
    /// Decayed hours together at which time-together reaches 63 %. Default 10
    /// (measured flat on `SocioPatterns`' durations, 0.5–20 h).
    pub hours_saturation: f64,
    /// Interactions (undecayed, diluted) at which confidence in the evidence
    /// reaches 63 %. Default 0.5 (measured: a single reciprocated exchange is
    /// already evidence; the one-way gate, not confidence, is what keeps one
    /// unanswered message from being a relationship).
    pub confidence_events: f64,
    /// Weights of the components; they need not sum to 1, the result is
    /// divided by their sum.
    pub weights: ComponentWeights,
    /// Depth of each channel. Not identifiable (one channel per dataset): the
    /// order follows `DESIGN.md` (met in person > call > written > endorsement).
    pub channels: ChannelWeights,
    /// Durations assumed when a meeting or call has none.
    pub default_minutes: DefaultMinutes,
    /// Group dilution: each pair in a group of `n` others counts `1 / n^exponent`.
    /// Default 1 (not identifiable: both datasets are one-to-one).
    pub dilution_exponent: f64,
    /// Meetings with more participants than this link only the organiser to
    /// each attendee, not every attendee pair (an all-hands is not 10,000 ties).
    pub max_group_size: usize,
    /// Cap on the strength of one-way contact (never answered): acquaintance
    /// level. Default 0.25 (measured, within the design's bound): on
    /// `CollegeMsg` reciprocated pairs are 2–2.7 times as likely to be in touch
    /// again, but a cap as low as 0.12 flattens half the pairs into one tie
    /// (calibration AUC 0.67 against 0.75). The search wanted higher still; the
    /// cap stays below `genuine.min_link_strength` (0.3) so that one-way
    /// contact never carries an introduction.
    pub one_way_cap: f64,
    /// Strength of a connection with no interaction at all.
    pub connection_floor: f64,
    /// Attention a person can give, in strength units (Dunbar's layers sum to
    /// about this much). A person whose ties add up to more has each tie scaled
    /// by `(capacity / load)^attention_exponent`.
    pub attention_capacity: f64,
    /// How strongly spreading attention thin lowers each tie. Capacity 50 and
    /// exponent 0.5 follow Dunbar's layers: nobody in these data reaches a
    /// load of 50, so above it they are unmeasured; a capacity of 20 was mixed
    /// (−0.012 AUC on `CollegeMsg`, +0.009 on `SocioPatterns`).
    pub attention_exponent: f64,
    /// Band thresholds.
    pub bands: BandThresholds,
    /// When an introduction path counts as genuine.
    pub genuine: GenuineThresholds,
}

/// Weights of the tie-strength components.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComponentWeights {
    /// Recency of the last contact. Default 0.4, the largest weight
    /// (measured: 0.3 → 0.4 raised the calibration AUC; Gilbert & Karahalios
    /// 2009 also found recency the strongest predictor).
    pub recency: f64,
    /// Age of the tie. Default 0.2 (not identifiable in six months of data;
    /// Gilbert & Karahalios' second predictor).
    pub longevity: f64,
    /// Decayed, channel-weighted frequency. Default 0.25 (held by design:
    /// `DESIGN.md` counts frequency; a search free to drop it did, using
    /// longevity and depth as extra recency terms, for no gain: calibration
    /// AUC 0.747 against 0.749 with it).
    pub frequency: f64,
    /// Decayed hours spent together. Default 0.15 (measured flat on
    /// `SocioPatterns`: 0–0.3 move the check AUC by under 0.002).
    pub time_together: f64,
    /// Deepest channel used. Default 0.1 (not identifiable: one channel per
    /// dataset).
    pub depth: f64,
}

/// Depth of each channel, in [0, 1]: met in person > call/video > written > endorsement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelWeights {
    /// Met in person.
    pub meeting: f64,
    /// Video call.
    pub video: f64,
    /// Phone call.
    pub call: f64,
    /// Written recommendation: strong evidence of reciprocal services.
    pub recommendation: f64,
    /// An introduction made.
    pub intro: f64,
    /// Email.
    pub email: f64,
    /// Written message.
    pub message: f64,
    /// Skill endorsement.
    pub endorsement: f64,
    /// Connection invitation.
    pub invitation: f64,
}

/// Durations assumed when a meeting or call gives none, in minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DefaultMinutes {
    /// Meetings.
    pub meeting: f64,
    /// Video calls.
    pub video: f64,
    /// Phone calls.
    pub call: f64,
}

/// Strength thresholds of the bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BandThresholds {
    /// At least this is `strong`.
    pub strong: f64,
    /// At least this is `medium`; below is `weak`, or `dormant` when the tie
    /// was strong at its last contact.
    pub medium: f64,
}

/// When an introduction path counts as genuine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GenuineThresholds {
    /// Minimum path strength (product of the edges).
    pub min_path_strength: f64,
    /// Minimum strength of the weakest edge: every introduction needs each
    /// side to know the next well enough.
    pub min_link_strength: f64,
}

impl Default for Model {
    fn default() -> Self {
        Self {
            half_life_days: DEFAULT_HALF_LIFE_DAYS,
            longevity_gain: 0.5,
            longevity_cap_years: 4.0,
            longevity_scale_days: 365.0,
            memory_half_life_factor: 1.0,
            volume_saturation: 20.0,
            hours_saturation: 10.0,
            confidence_events: 0.5,
            weights: ComponentWeights::default(),
            channels: ChannelWeights::default(),
            default_minutes: DefaultMinutes::default(),
            dilution_exponent: 1.0,
            max_group_size: 50,
            one_way_cap: 0.25,
            connection_floor: 0.02,
            attention_capacity: 50.0,
            attention_exponent: 0.5,
            bands: BandThresholds::default(),
            genuine: GenuineThresholds::default(),
        }
    }
}

impl Default for ComponentWeights {
    fn default() -> Self {
        Self {
            recency: 0.40,
            longevity: 0.20,
            frequency: 0.25,
            time_together: 0.15,
            depth: 0.10,
        }
    }
}

impl Default for ChannelWeights {
    fn default() -> Self {
        Self {
            meeting: 1.0,
            video: 0.8,
            call: 0.8,
            recommendation: 1.0,
            intro: 0.6,
            email: 0.4,
            message: 0.4,
            endorsement: 0.15,
            invitation: 0.1,
        }
    }
}

impl Default for DefaultMinutes {
    fn default() -> Self {
        Self {
            meeting: 30.0,
            video: 30.0,
            call: 15.0,
        }
    }
}

impl Default for BandThresholds {
    fn default() -> Self {
        Self {
            strong: 0.6,
            medium: 0.3,
        }
    }
}

impl Default for GenuineThresholds {
    fn default() -> Self {
        Self {
            min_path_strength: 0.1,
            min_link_strength: 0.3,
        }
    }
}

impl ChannelWeights {
    /// The depth of `channel`.
    #[must_use]
    pub fn weight(&self, channel: Channel) -> f64 {
        match channel {
            Channel::Meeting => self.meeting,
            Channel::Video => self.video,
            Channel::Call => self.call,
            Channel::Recommendation => self.recommendation,
            Channel::Intro => self.intro,
            Channel::Email => self.email,
            Channel::Message => self.message,
            Channel::Endorsement => self.endorsement,
            Channel::Invitation => self.invitation,
        }
    }
}

impl DefaultMinutes {
    /// Minutes assumed for `channel` when no duration is given (0 for written channels).
    #[must_use]
    pub fn minutes(&self, channel: Channel) -> f64 {
        match channel {
            Channel::Meeting => self.meeting,
            Channel::Video => self.video,
            Channel::Call => self.call,
            _ => 0.0,
        }
    }
}

impl Model {
    /// Reads a model from a TOML file; fields not given keep their defaults.
    pub fn from_toml_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let model: Self = toml::from_str(&text).map_err(|error| Error::Model {
            path: path.to_path_buf(),
            message: error.message().to_owned(),
        })?;
        model.validate().map_err(|message| Error::Model {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(model)
    }

    /// Checks that every parameter is in its range.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let positive = [
            ("half_life_days", self.half_life_days),
            ("longevity_scale_days", self.longevity_scale_days),
            ("memory_half_life_factor", self.memory_half_life_factor),
            ("volume_saturation", self.volume_saturation),
            ("hours_saturation", self.hours_saturation),
            ("confidence_events", self.confidence_events),
            ("attention_capacity", self.attention_capacity),
        ];
        for (name, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!("{name} must be a positive number, got {value}"));
            }
        }
        let non_negative = [
            ("longevity_gain", self.longevity_gain),
            ("longevity_cap_years", self.longevity_cap_years),
            ("dilution_exponent", self.dilution_exponent),
            ("attention_exponent", self.attention_exponent),
            ("weights.recency", self.weights.recency),
            ("weights.longevity", self.weights.longevity),
            ("weights.frequency", self.weights.frequency),
            ("weights.time_together", self.weights.time_together),
            ("weights.depth", self.weights.depth),
        ];
        for (name, value) in non_negative {
            if !(value.is_finite() && value >= 0.0) {
                return Err(format!("{name} must be a number ≥ 0, got {value}"));
            }
        }
        if self.weights.sum() <= 0.0 {
            return Err("the component weights must not all be 0".to_owned());
        }
        let unit = [
            ("one_way_cap", self.one_way_cap),
            ("connection_floor", self.connection_floor),
            ("bands.strong", self.bands.strong),
            ("bands.medium", self.bands.medium),
            ("genuine.min_path_strength", self.genuine.min_path_strength),
            ("genuine.min_link_strength", self.genuine.min_link_strength),
        ]
        .into_iter()
        .chain(Channel::ALL.map(|channel| (channel.name(), self.channels.weight(channel))));
        for (name, value) in unit {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!("{name} must be in [0, 1], got {value}"));
            }
        }
        if self.bands.medium > self.bands.strong {
            return Err("bands.medium must not exceed bands.strong".to_owned());
        }
        if self.max_group_size < 2 {
            return Err("max_group_size must be at least 2".to_owned());
        }
        Ok(())
    }
}

impl ComponentWeights {
    /// The sum of the weights.
    #[must_use]
    pub fn sum(&self) -> f64 {
        self.recency + self.longevity + self.frequency + self.time_together + self.depth
    }
}
