//! The record of one tie in the store: flags saying which parts are
//! present, the band, the peak, the half-life and attention, then — when
//! present — the components, the counts and years of the evidence, the first
//! contact and the declaration (its source as an index into the store's
//! sorted sources). About 11 bytes for a declared-only tie (its peak,
//! half-life and attention, those of any tie without interactions, left
//! out). A tie's pair and
//! strength are not in it: the adjacency has them.

use std::sync::Arc;

use super::codec::{ByteRead, Cursor, Writer};
use crate::error::Fault;
use crate::tie_strength::{Band, Components, Declared, EvidenceSummary, Tie, TieStrength};

// Flags of one tie.
const HAS_COMPONENTS: u8 = 1;
const HAS_COUNTS: u8 = 2;
const HAS_FIRST: u8 = 4;
const HAS_DECLARED: u8 = 8;
const HAS_DECLARED_STRENGTH: u8 = 16;
const HAS_DECLARED_SINCE: u8 = 32;
const ONE_WAY_CAPPED: u8 = 64;
/// A tie without interactions whose peak is its declared strength (or 0
/// without one), with half-life 0 and attention 1: the record leaves those
/// three out (24 of a declared-only tie's 35 bytes; from snapshot version 6
/// on).
const NO_INTERACTION: u8 = 128;

/// True when the peak, half-life and attention are those of a tie without
/// interactions declared at `declared` strength, bit for bit.
fn without_interaction(peak: f64, components: &Components, declared: Option<f64>) -> bool {
    peak.to_bits() == declared.unwrap_or(0.0).to_bits()
        && components.half_life_days.to_bits() == 0
        && components.attention.to_bits() == 1.0_f64.to_bits()
}

/// Components without interactions: only the half-life and attention are set.
fn bare_components(components: &Components) -> bool {
    *components
        == Components {
            half_life_days: components.half_life_days,
            attention: components.attention,
            ..Components::default()
        }
}

/// The flags of `tie`'s record: which of its parts are present.
fn flags_of(tie: &Tie) -> u8 {
    let TieStrength {
        peak, components, ..
    } = &tie.strength;
    let evidence = &tie.evidence;
    let counts = EvidenceSummary {
        first_contact: None,
        declared: None,
        ..evidence.clone()
    };
    let mut flags = 0;
    if !bare_components(components) {
        flags |= HAS_COMPONENTS;
    }
    if counts != EvidenceSummary::default() {
        flags |= HAS_COUNTS;
    }
    if evidence.first_contact.is_some() {
        flags |= HAS_FIRST;
    }
    if let Some(declared) = &evidence.declared {
        flags |= HAS_DECLARED;
        if declared.strength.is_some() {
            flags |= HAS_DECLARED_STRENGTH;
        }
        if declared.since.is_some() {
            flags |= HAS_DECLARED_SINCE;
        }
    }
    if components.one_way_capped {
        flags |= ONE_WAY_CAPPED;
    }
    let declared_strength = evidence
        .declared
        .as_ref()
        .and_then(|declared| declared.strength);
    if without_interaction(*peak, components, declared_strength) {
        flags |= NO_INTERACTION;
    }
    flags
}

/// Appends `tie`'s record (everything but its pair and strength) to `out`;
/// `sources` are the store's declaration sources, sorted.
pub(super) fn encode_detail(out: &mut Writer, tie: &Tie, sources: &[Arc<str>]) {
    let TieStrength {
        band,
        peak,
        components,
        ..
    } = &tie.strength;
    let evidence = &tie.evidence;
    let flags = flags_of(tie);
    out.u8(flags);
    out.u8(Band::ALL
        .iter()
        .position(|known| known == band)
        .unwrap_or(0) as u8);
    if flags & NO_INTERACTION == 0 {
        out.f64(*peak);
        out.f64(components.half_life_days);
        out.f64(components.attention);
    }
    if flags & HAS_COMPONENTS != 0 {
        for value in [
            components.evidence,
            components.volume,
            components.active_days,
            components.span_days,
            components.days_since,
            components.hours,
            components.depth,
            components.interaction_strength,
        ] {
            out.f64(value);
        }
    }
    if flags & HAS_COUNTS != 0 {
        for count in evidence.by_channel {
            out.varint(u64::from(count));
        }
        for count in [
            evidence.a_to_b,
            evidence.b_to_a,
            evidence.mutual,
            evidence.in_groups,
        ] {
            out.varint(u64::from(count));
        }
        out.f32(evidence.hours_together);
        match evidence.last_contact {
            Some(at) => {
                out.u8(1);
                out.i64(at);
            }
            None => out.u8(0),
        }
        out.varint(evidence.by_year.len() as u64);
        for &(year, count) in &evidence.by_year {
            out.i64(i64::from(year));
            out.varint(u64::from(count));
        }
    }
    if let Some(first) = evidence.first_contact {
        out.i64(first);
    }
    if let Some(declared) = &evidence.declared {
        if let Some(strength) = declared.strength {
            out.f64(strength);
        }
        if let Some(since) = declared.since {
            out.i64(since);
        }
        let index = sources
            .binary_search_by(|known| (**known).cmp(&*declared.source))
            .unwrap_or(0);
        out.varint(index as u64);
    }
}

/// Reads back one record [`encode_detail`] wrote, for a tie of `strength`.
pub(super) fn decode_detail(
    input: &mut Cursor<'_>,
    strength: f64,
    sources: &[Arc<str>],
) -> Result<(TieStrength, EvidenceSummary), Fault> {
    let flags = input.u8()?;
    let band = *Band::ALL
        .get(usize::from(input.u8()?))
        .ok_or(Fault::UnknownBand)?;
    // Without interactions, the peak is the declared strength, read below.
    let (mut peak, half_life_days, attention) = if flags & NO_INTERACTION == 0 {
        (input.f64()?, input.f64()?, input.f64()?)
    } else {
        (0.0, 0.0, 1.0)
    };
    let mut components = Components {
        half_life_days,
        attention,
        one_way_capped: flags & ONE_WAY_CAPPED != 0,
        ..Components::default()
    };
    if flags & HAS_COMPONENTS != 0 {
        components.evidence = input.f64()?;
        components.volume = input.f64()?;
        components.active_days = input.f64()?;
        components.span_days = input.f64()?;
        components.days_since = input.f64()?;
        components.hours = input.f64()?;
        components.depth = input.f64()?;
        components.interaction_strength = input.f64()?;
    }
    let mut evidence = EvidenceSummary::default();
    if flags & HAS_COUNTS != 0 {
        for slot in &mut evidence.by_channel {
            *slot = small(input.varint()?)?;
        }
        evidence.a_to_b = small(input.varint()?)?;
        evidence.b_to_a = small(input.varint()?)?;
        evidence.mutual = small(input.varint()?)?;
        evidence.in_groups = small(input.varint()?)?;
        evidence.hours_together = input.f32()?;
        if input.u8()? != 0 {
            evidence.last_contact = Some(input.i64()?);
        }
        // A year entry takes at least nine bytes; more than 10,000 is corruption.
        let years = input.count(10_000)?;
        let mut by_year = Vec::with_capacity(years);
        for _ in 0..years {
            let year = i32::try_from(input.i64()?).map_err(|_| Fault::YearOutOfRange)?;
            by_year.push((year, small(input.varint()?)?));
        }
        evidence.by_year = by_year.into_boxed_slice();
    }
    if flags & HAS_FIRST != 0 {
        evidence.first_contact = Some(input.i64()?);
    }
    if flags & HAS_DECLARED != 0 {
        let strength = if flags & HAS_DECLARED_STRENGTH == 0 {
            None
        } else {
            Some(input.f64()?)
        };
        let since = if flags & HAS_DECLARED_SINCE == 0 {
            None
        } else {
            Some(input.i64()?)
        };
        let source = sources
            .get(input.count(sources.len())?)
            .cloned()
            .ok_or(Fault::UnknownSource)?;
        if flags & NO_INTERACTION != 0 {
            peak = strength.unwrap_or(0.0);
        }
        evidence.declared = Some(Declared {
            strength,
            since,
            source,
        });
    }
    Ok((
        TieStrength {
            strength,
            band,
            peak,
            components,
        },
        evidence,
    ))
}

fn small(value: u64) -> Result<u32, Fault> {
    u32::try_from(value).map_err(|_| Fault::CountOutOfRange(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::PersonId;

    fn sources() -> Vec<Arc<str>> {
        vec!["crm".into(), "linkedin".into()]
    }

    /// A tie with every optional part, and one with only a connection.
    fn ties() -> Vec<Tie> {
        let full = Tie {
            a: PersonId(1),
            b: PersonId(2),
            strength: TieStrength {
                strength: 0.5,
                band: Band::Medium,
                peak: 0.75,
                components: Components {
                    evidence: 12.5,
                    volume: 7.25,
                    active_days: 9.5,
                    span_days: 300.0,
                    days_since: 4.0,
                    hours: 3.5,
                    depth: 1.0,
                    half_life_days: 45.0,
                    one_way_capped: true,
                    interaction_strength: 0.45,
                    attention: 0.7,
                },
            },
            evidence: EvidenceSummary {
                by_channel: [1, 2, 3, 4, 5, 6, 7, 8, 300],
                a_to_b: 20,
                b_to_a: 0,
                mutual: 3,
                in_groups: 4,
                hours_together: 1.5,
                first_contact: Some(1_600_000_000),
                last_contact: Some(1_700_000_000),
                declared: Some(Declared {
                    strength: Some(0.6),
                    since: Some(1_500_000_000),
                    source: "linkedin".into(),
                }),
                by_year: vec![(2020, 3), (2023, 200)].into_boxed_slice(),
            },
        };
        let connected = Tie {
            a: PersonId(3),
            b: PersonId(4),
            strength: TieStrength {
                strength: 0.01,
                band: Band::Unknown,
                peak: 0.01,
                components: Components {
                    half_life_days: 45.0,
                    attention: 1.0,
                    ..Components::default()
                },
            },
            evidence: EvidenceSummary {
                declared: Some(Declared {
                    strength: None,
                    since: None,
                    source: "crm".into(),
                }),
                ..EvidenceSummary::default()
            },
        };
        // Declared at a strength, never in touch: the record leaves out the
        // peak (its declared strength), the half-life and the attention.
        let declared_only = Tie {
            a: PersonId(5),
            b: PersonId(6),
            strength: TieStrength {
                strength: 0.558,
                band: Band::Medium,
                peak: 0.558,
                components: Components {
                    attention: 1.0,
                    ..Components::default()
                },
            },
            evidence: EvidenceSummary {
                declared: Some(Declared {
                    strength: Some(0.558),
                    since: None,
                    source: "crm".into(),
                }),
                ..EvidenceSummary::default()
            },
        };
        vec![full, connected, declared_only]
    }

    #[test]
    fn a_tie_declared_without_interactions_is_eleven_bytes() {
        let ties = ties();
        assert_eq!(encoded(&ties[2]).len(), 11);
        // Any other peak, half-life or attention is kept.
        let mut other = ties[2].clone();
        other.strength.peak = 0.6;
        assert_eq!(encoded(&other).len(), 35);
        let mut other = ties[2].clone();
        other.strength.components.attention = 0.5;
        assert_eq!(encoded(&other).len(), 35);
        assert_eq!(encoded(&ties[1]).len(), 27);
    }

    fn encoded(tie: &Tie) -> Vec<u8> {
        let mut out = Writer(Vec::new());
        encode_detail(&mut out, tie, &sources());
        out.0
    }

    #[test]
    fn every_record_round_trips() {
        for tie in ties() {
            let bytes = encoded(&tie);
            let mut input = Cursor::new(&bytes);
            let (strength, evidence) =
                decode_detail(&mut input, tie.strength.strength, &sources()).unwrap();
            assert!(input.at_end());
            assert_eq!(strength, tie.strength);
            assert_eq!(evidence, tie.evidence);
        }
    }

    #[test]
    fn every_truncated_record_is_refused() {
        for tie in ties() {
            let bytes = encoded(&tie);
            for length in 0..bytes.len() {
                let mut input = Cursor::new(&bytes[..length]);
                assert_eq!(
                    decode_detail(&mut input, 0.0, &sources()),
                    Err(Fault::UnexpectedEnd),
                    "cut at {length} of {}",
                    bytes.len()
                );
            }
        }
    }

    #[test]
    fn unknown_bands_and_sources_are_refused() {
        let tie = &ties()[1];
        let mut bytes = encoded(tie);
        bytes[1] = Band::ALL.len() as u8;
        assert_eq!(
            decode_detail(&mut Cursor::new(&bytes), 0.0, &sources()),
            Err(Fault::UnknownBand)
        );
        // The full tie's declaration comes from the second source.
        let bytes = encoded(&ties()[0]);
        assert_eq!(
            decode_detail(&mut Cursor::new(&bytes), 0.0, &sources()[..1]),
            Err(Fault::UnknownSource)
        );
    }
}
