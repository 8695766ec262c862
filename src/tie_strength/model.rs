//! The tie-strength model's parameters: every weight, decay and threshold in
//! one struct with documented defaults, overridable from a TOML file
//! (`--model FILE.toml`, any subset of the fields).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::Channel;

/// Default half-life of contact, in days, for a tie that has just begun.
pub const DEFAULT_HALF_LIFE_DAYS: f64 = 90.0;

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
    pub half_life_days: f64,
    /// How much a tie's age slows its decay: the half-life is multiplied by
    /// `1 + longevity_gain × years known` (capped at `longevity_cap_years`).
    /// Long-standing ties decay slower (Gilbert & Karahalios 2009).
    pub longevity_gain: f64,
    /// Cap on the years of age that slow decay.
    pub longevity_cap_years: f64,
    /// Days of acquaintance at which the longevity component reaches 63 %.
    pub longevity_scale_days: f64,
    /// How many times slower than contact itself the memory of a tie (its age
    /// and depth) fades once contact stops.
    pub memory_half_life_factor: f64,
    /// Decayed, channel-weighted interactions at which frequency reaches 63 %
    /// (diminishing returns: `1 − exp(−volume / saturation)`).
    pub volume_saturation: f64,
    /// Decayed hours together at which time-together reaches 63 %.
    pub hours_saturation: f64,
    /// Interactions (undecayed, diluted) at which confidence in the evidence
    /// reaches 63 %: one message is not a relationship.
    pub confidence_events: f64,
    /// Weights of the components; they need not sum to 1, the result is
    /// divided by their sum.
    pub weights: ComponentWeights,
    /// Depth of each channel.
    pub channels: ChannelWeights,
    /// Durations assumed when a meeting or call has none.
    pub default_minutes: DefaultMinutes,
    /// Group dilution: each pair in a group of `n` others counts `1 / n^exponent`.
    pub dilution_exponent: f64,
    /// Meetings with more participants than this link only the organiser to
    /// each attendee, not every attendee pair (an all-hands is not 10,000 ties).
    pub max_group_size: usize,
    /// Cap on the strength of one-way contact (never answered): acquaintance level.
    pub one_way_cap: f64,
    /// Strength of a connection with no interaction at all.
    pub connection_floor: f64,
    /// Attention a person can give, in strength units (Dunbar's layers sum to
    /// about this much). A person whose ties add up to more has each tie scaled
    /// by `(capacity / load)^attention_exponent`.
    pub attention_capacity: f64,
    /// How strongly spreading attention thin lowers each tie.
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
    /// Recency of the last contact.
    pub recency: f64,
    /// Age of the tie.
    pub longevity: f64,
    /// Decayed, channel-weighted frequency.
    pub frequency: f64,
    /// Decayed hours spent together.
    pub time_together: f64,
    /// Deepest channel used.
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
            memory_half_life_factor: 2.0,
            volume_saturation: 6.0,
            hours_saturation: 10.0,
            confidence_events: 2.0,
            weights: ComponentWeights::default(),
            channels: ChannelWeights::default(),
            default_minutes: DefaultMinutes::default(),
            dilution_exponent: 1.0,
            max_group_size: 50,
            one_way_cap: 0.12,
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
            recency: 0.30,
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
