//! The tie-strength model's parameters: every weight, decay and threshold in
//! one struct with documented defaults, overridable from a TOML file
//! (`--model FILE.toml`, any subset of the fields).
//!
//! The defaults answer to ground truth: `scripts/calibrate.py` fits them on
//! real data sets whose relationships are known independently (Facebook
//! friendships, an org chart's reporting lines, households) and on two
//! temporal hold-outs (who is in touch again), leave-one-data-set-out, and
//! the README section "How good is the strength model?" publishes the
//! held-out figures. Each field says where its default comes from:
//! *fitted* (chosen by that search on all sets), *set* (not identifiable
//! from those data; the value follows `DESIGN.md` and the literature cited
//! there), or *scale* (fixes what a strength of 0.3 or 0.6 means, which a
//! ranking measure cannot see).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::score::{Components, Terms};
use crate::error::{Error, Result};
use crate::ingest::Channel;

/// Default recency half-life, in days, of a tie with no history (one
/// contact): fitted. Ties with more history decay slower, see
/// [`HistoryGains`].
pub const DEFAULT_HALF_LIFE_DAYS: f64 = 3.0;

/// The record's pace the half-life follows is taken within
/// [`MIN_PACE_DAYS`, `MAX_PACE_DAYS`]: an hour to a year.
pub const MIN_PACE_DAYS: f64 = 1.0 / 24.0;
/// See [`MIN_PACE_DAYS`].
pub const MAX_PACE_DAYS: f64 = 365.0;

/// The largest `--model` file read (every parameter fits in a few KiB).
pub const MAX_MODEL_BYTES: u64 = 1024 * 1024;

/// The parameters of the tie-strength model.
///
/// The strength of a pair with interaction evidence is
/// `1 / (1 + exp(−z))` with `z = intercept + Σ weight_i × term_i` (see
/// [`Model::terms`] and the scoring module), capped by reciprocity and
/// combined with any declared strength.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Model {
    /// Recency half-life in days of a tie with no history. Default
    /// [`DEFAULT_HALF_LIFE_DAYS`] (fitted).
    pub half_life_days: f64,
    /// How the recency half-life grows with the tie's history.
    pub history: HistoryGains,
    /// How the recency half-life follows the record's pace `p` (the median
    /// days between a pair's days with contact, see
    /// [`super::score::record_pace`]): it is multiplied by
    /// `p^pace_exponent`, `p` within [1/24, 365] days. Default 0 (fitted:
    /// the search keeps 0 in every fit — a pace lifts the e-mail set but
    /// costs the households their bar, and the demo's sparse record, whose
    /// pace is long, would keep a four-year silence `strong`).
    pub pace_exponent: f64,
    /// Half-life in days of the memory of past contact in the volume,
    /// regularity and time-together terms. Default 1460, four years
    /// (fitted: the ground-truth sets want past contact barely decayed;
    /// recency carries the currency of a tie).
    pub memory_half_life_days: f64,
    /// Interactions (diluted) at which the confidence term is
    /// `ln(1 − 1/e)`. Default 4 (fitted: a handful of contacts before the
    /// evidence is trusted).
    pub confidence_events: f64,
    /// Days of span at which the longevity term is `ln 2`. Default 0.1
    /// (fitted: even hours between a first and a last contact say more than
    /// a single moment).
    pub longevity_scale_days: f64,
    /// `K` in each side's attention `K s / (1 + K s)` for a tie taking a
    /// share `s` of that side's volume: a tie with a share of `1/K` gets half
    /// the attention. Default 1 (fitted: attention keeps falling with the
    /// share almost all the way, so only a tie that is most of someone's
    /// contact gets their full attention).
    pub attention_saturation: f64,
    /// Hours together at which the time-together term is `ln 2`. Default 20
    /// (fitted on the data sets with durations).
    pub hours_scale: f64,
    /// Log-odds of a tie whose terms are all 0. Default −1.5 (scale, within
    /// the range that keeps bands meaningful — the search's value, −2.0,
    /// left three days of sensor contact almost never `medium`; from −1.0
    /// `strong` stops being more precise than `medium` on the Facebook
    /// friendships. A single short contact stays `weak`).
    pub intercept: f64,
    /// Weights of the terms.
    pub weights: ComponentWeights,
    /// Depth of each channel. Set (one channel per dataset): the order
    /// follows `DESIGN.md` (met in person > call > written > endorsement).
    pub channels: ChannelWeights,
    /// Durations assumed when a meeting or call has none.
    pub default_minutes: DefaultMinutes,
    /// Group dilution: each pair in a group of `n` others counts `1 / n^exponent`.
    /// Default 1 (set).
    pub dilution_exponent: f64,
    /// Meetings with more participants than this link only the organiser to
    /// each attendee, not every attendee pair (an all-hands is not 10,000 ties).
    pub max_group_size: usize,
    /// Cap on the strength of one-way contact (never answered): acquaintance
    /// level. Default 0.25 (set): below `genuine.min_link_strength` (0.3),
    /// so that one-way contact never carries an introduction.
    pub one_way_cap: f64,
    /// Strength of a connection with no interaction at all.
    pub connection_floor: f64,
    /// Band thresholds.
    pub bands: BandThresholds,
    /// When an introduction path counts as genuine.
    pub genuine: GenuineThresholds,
}

/// How a tie's recency half-life grows with its history:
/// `half_life_days × (1 + span_gain × months from first to last contact +
/// day_gain × distinct days with contact)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryGains {
    /// Gain per month (30 days) of span. Default 1 (fitted): long-standing
    /// ties decay slower (Gilbert & Karahalios 2009).
    pub span_gain: f64,
    /// Gain per distinct day with contact. Default 0.03 (fitted).
    pub day_gain: f64,
}

/// Weights of the terms, in log-odds per unit of term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComponentWeights {
    /// Confidence (how much evidence there is). Default 1.25 (fitted).
    pub confidence: f64,
    /// Volume of contact. Default 0 (fitted: beside regularity, which counts
    /// each day with contact once, any weight on volume lowered the worst
    /// set's margin — a burst of messages is one conversation).
    pub volume: f64,
    /// Regularity: distinct days with contact. Default 0.625 (fitted).
    pub regularity: f64,
    /// Longevity: span from first to last contact. Default 0.16 (fitted).
    pub longevity: f64,
    /// Attention share. Default 0.625 (fitted).
    pub attention: f64,
    /// Recency. Default 0.8 (fitted).
    pub recency: f64,
    /// Time together. Default 0.1 (held by design: `DESIGN.md` counts time
    /// spent together; the fit is indifferent between 0 and 0.1 to three
    /// decimals of AUC on every set).
    pub time_together: f64,
    /// Depth of the deepest channel. Default 1 (set: every dataset has one
    /// channel, so the data cannot see it).
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
            history: HistoryGains::default(),
            pace_exponent: 0.0,
            memory_half_life_days: 1460.0,
            confidence_events: 4.0,
            longevity_scale_days: 0.1,
            attention_saturation: 1.0,
            hours_scale: 20.0,
            intercept: -1.5,
            weights: ComponentWeights::default(),
            channels: ChannelWeights::default(),
            default_minutes: DefaultMinutes::default(),
            dilution_exponent: 1.0,
            max_group_size: 50,
            one_way_cap: 0.25,
            connection_floor: 0.02,
            bands: BandThresholds::default(),
            genuine: GenuineThresholds::default(),
        }
    }
}

impl Default for HistoryGains {
    fn default() -> Self {
        Self {
            span_gain: 1.0,
            day_gain: 0.03,
        }
    }
}

impl Default for ComponentWeights {
    fn default() -> Self {
        Self {
            confidence: 1.25,
            volume: 0.0,
            regularity: 0.625,
            longevity: 0.16,
            attention: 0.625,
            recency: 0.8,
            time_together: 0.1,
            depth: 1.0,
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
        let text = crate::ingest::read_small_text(path, MAX_MODEL_BYTES, "a model file").map_err(
            |source| Error::Read {
                path: path.to_path_buf(),
                source,
            },
        )?;
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
            ("memory_half_life_days", self.memory_half_life_days),
            ("confidence_events", self.confidence_events),
            ("longevity_scale_days", self.longevity_scale_days),
            ("attention_saturation", self.attention_saturation),
            ("hours_scale", self.hours_scale),
        ];
        for (name, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!("{name} must be a positive number, got {value}"));
            }
        }
        let weights = self
            .weights
            .named()
            .map(|(name, weight)| (format!("weights.{name}"), weight));
        let non_negative = [
            ("history.span_gain".to_owned(), self.history.span_gain),
            ("history.day_gain".to_owned(), self.history.day_gain),
            ("pace_exponent".to_owned(), self.pace_exponent),
            ("dilution_exponent".to_owned(), self.dilution_exponent),
        ]
        .into_iter()
        .chain(weights);
        for (name, value) in non_negative {
            if !(value.is_finite() && value >= 0.0) {
                return Err(format!("{name} must be a number ≥ 0, got {value}"));
            }
        }
        if !self.intercept.is_finite() {
            return Err(format!(
                "intercept must be a number, got {}",
                self.intercept
            ));
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
        if Channel::ALL
            .iter()
            .any(|channel| self.channels.weight(*channel) <= 0.0)
        {
            return Err("every channel's depth must be above 0".to_owned());
        }
        if self.bands.medium > self.bands.strong {
            return Err("bands.medium must not exceed bands.strong".to_owned());
        }
        if self.max_group_size < 2 {
            return Err("max_group_size must be at least 2".to_owned());
        }
        Ok(())
    }

    /// What the recency half-life is multiplied by in a record of pace
    /// `pace_days`: `p^pace_exponent`, `p` within [`MIN_PACE_DAYS`,
    /// `MAX_PACE_DAYS`]; exactly 1 when the exponent is 0 (`x^0` is 1 for
    /// every `x`).
    #[must_use]
    pub fn pace_factor(&self, pace_days: f64) -> f64 {
        pace_days
            .clamp(MIN_PACE_DAYS, MAX_PACE_DAYS)
            .powf(self.pace_exponent)
    }

    /// The formula's terms for a tie's measured `components`.
    #[must_use]
    pub fn terms(&self, components: &Components) -> Terms {
        let c = components;
        Terms {
            confidence: (1.0 - (-c.evidence / self.confidence_events).exp())
                .max(f64::MIN_POSITIVE)
                .ln(),
            volume: c.volume.max(0.0).ln_1p(),
            regularity: c.active_days.max(0.0).ln_1p(),
            longevity: (c.span_days.max(0.0) / self.longevity_scale_days).ln_1p(),
            attention: c.attention.max(f64::MIN_POSITIVE).ln(),
            recency: -std::f64::consts::LN_2 * c.days_since.max(0.0)
                / c.half_life_days.max(f64::MIN_POSITIVE),
            time_together: (c.hours.max(0.0) / self.hours_scale).ln_1p(),
            depth: c.depth.max(f64::MIN_POSITIVE).ln(),
        }
    }

    /// The strength of log-odds `z`: `floor + (1 − floor) / (1 + e^−z)`,
    /// `floor` being the strength of a bare connection, so that a tie with
    /// interactions is never weaker than one without.
    #[must_use]
    pub fn strength_of(&self, z: f64) -> f64 {
        self.connection_floor + (1.0 - self.connection_floor) * super::score::logistic(z)
    }

    /// The log-odds of a tie's measured `components`:
    /// `intercept + Σ weight × term`.
    #[must_use]
    pub fn log_odds(&self, components: &Components) -> f64 {
        let terms = self.terms(components).named();
        let weights = self.weights.named();
        self.intercept
            + terms
                .iter()
                .zip(weights)
                .map(|((_, term), (_, weight))| term * weight)
                .sum::<f64>()
    }
}

/// The names of the model's terms, in the order the model lists them: one
/// list for the weights ([`ComponentWeights::named`]) and the terms they
/// weigh ([`Terms::named`]), so the two cannot disagree.
pub const TERM_NAMES: [&str; 8] = [
    "confidence",
    "volume",
    "regularity",
    "longevity",
    "attention",
    "recency",
    "time_together",
    "depth",
];

/// `values`, given in the order of [`TERM_NAMES`], each with its term's name.
pub(super) fn with_term_names(values: [f64; 8]) -> [(&'static str, f64); 8] {
    std::array::from_fn(|index| (TERM_NAMES[index], values[index]))
}

impl ComponentWeights {
    /// Every weight with its name, in the order of [`TERM_NAMES`].
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
        with_term_names(values)
    }
}
