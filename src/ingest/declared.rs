//! The compact fields of a declared tie ([`RelationshipRecord`](super::RelationshipRecord)),
//! which a build holds by the tens of millions: its origin in 12 bytes, a
//! strength and a date that may be absent, each in 8 bytes rather than an
//! `Option`'s 16, and where the declaration comes from as an index into the
//! dataset's table of source texts rather than a 16-byte shared pointer.
//! This module only stores values; it never reads a file nor decides whether
//! a row is valid.

use std::sync::Arc;

use super::Origin;
use crate::keys::FastMap;

/// An [`Origin`] in 12 bytes aligned to 4, for records held by the million
/// (an `Origin` takes 16: its line aligns it to 8, leaving 4 bytes of
/// padding that no enclosing record can use).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CompactOrigin {
    file: u32,
    /// The line's low and high halves.
    line: [u32; 2],
}

impl CompactOrigin {
    /// The origin.
    #[must_use]
    pub fn get(self) -> Origin {
        Origin {
            file: self.file,
            line: u64::from(self.line[0]) | (u64::from(self.line[1]) << 32),
        }
    }
}

impl From<Origin> for CompactOrigin {
    fn from(origin: Origin) -> Self {
        Self {
            file: origin.file,
            line: [origin.line as u32, (origin.line >> 32) as u32],
        }
    }
}

impl std::fmt::Debug for CompactOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A declared strength in [0, 1], or none, in 8 bytes.
///
/// None is stored as NaN. No legal strength is NaN: [`Self::new`] takes only
/// values in [0, 1], a range NaN never lies in, so a strength read from a
/// file can never be mistaken for none. [`Self::get`] gives the `Option`
/// back; the NaN never leaves this type.
#[derive(Clone, Copy)]
pub struct DeclaredStrength(f64);

impl DeclaredStrength {
    /// No declared strength (a bare connection).
    pub const NONE: Self = Self(f64::NAN);

    /// `strength`, when it lies in [0, 1]; `None` otherwise (NaN included).
    #[must_use]
    pub fn new(strength: f64) -> Option<Self> {
        (0.0..=1.0).contains(&strength).then_some(Self(strength))
    }

    /// The strength, exactly as declared, if one was.
    #[must_use]
    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl Default for DeclaredStrength {
    fn default() -> Self {
        Self::NONE
    }
}

impl PartialEq for DeclaredStrength {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for DeclaredStrength {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// Since when a tie is declared (unix seconds), or unknown, in 8 bytes.
///
/// Unknown is stored as `i64::MIN`, which [`Self::new`] refuses. No date a
/// parser accepts comes near it (timestamps are read within the years
/// 1900–2200, `LinkedIn` dates within ±9999 years), so a date read from a
/// file can never be mistaken for unknown. [`Self::get`] gives the `Option`
/// back; the sentinel never leaves this type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DeclaredSince(i64);

impl DeclaredSince {
    /// Since an unknown date.
    pub const UNKNOWN: Self = Self(i64::MIN);

    /// Since `secs` (unix seconds); `None` for `i64::MIN`, which no date is.
    #[must_use]
    pub fn new(secs: i64) -> Option<Self> {
        (secs != i64::MIN).then_some(Self(secs))
    }

    /// The date (unix seconds), if known.
    #[must_use]
    pub fn get(self) -> Option<i64> {
        (self.0 != i64::MIN).then_some(self.0)
    }
}

impl Default for DeclaredSince {
    fn default() -> Self {
        Self::UNKNOWN
    }
}

impl std::fmt::Debug for DeclaredSince {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// Where a declaration comes from (`crm`, `linkedin`, …): an index into the
/// dataset's [`DeclaredSources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclaredSourceId(pub u32);

impl DeclaredSourceId {
    /// The index as `usize`.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The distinct texts naming where declarations come from, each stored once
/// and named by a [`DeclaredSourceId`]: millions of rows name a handful of
/// sources. A row naming the text the row before it named costs one string
/// comparison; any other, one lookup.
#[derive(Debug, Default, Clone)]
pub struct DeclaredSources {
    texts: Vec<Arc<str>>,
    ids: FastMap<Arc<str>, DeclaredSourceId>,
    last: Option<DeclaredSourceId>,
}

impl DeclaredSources {
    /// The id of `text`, interning it the first time it is seen.
    pub fn intern(&mut self, text: &str) -> DeclaredSourceId {
        if let Some(last) = self.last.filter(|last| *self.texts[last.index()] == *text) {
            return last;
        }
        let id = if let Some(found) = self.ids.get(text) {
            *found
        } else {
            let id = DeclaredSourceId(u32::try_from(self.texts.len()).unwrap_or(u32::MAX));
            let shared: Arc<str> = text.into();
            self.texts.push(Arc::clone(&shared));
            self.ids.insert(shared, id);
            id
        };
        self.last = Some(id);
        id
    }

    /// The text behind `id`.
    ///
    /// # Panics
    ///
    /// When `id` was not interned here.
    #[must_use]
    pub fn text(&self, id: DeclaredSourceId) -> &Arc<str> {
        &self.texts[id.index()]
    }

    /// Number of distinct sources.
    #[must_use]
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True when nothing was interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_origins_keep_every_line() {
        for line in [0, 1, u64::from(u32::MAX), u64::from(u32::MAX) + 1, u64::MAX] {
            let origin = Origin { file: 7, line };
            assert_eq!(CompactOrigin::from(origin).get(), origin);
        }
        assert_eq!(std::mem::size_of::<CompactOrigin>(), 12);
    }

    #[test]
    fn absent_values_round_trip_and_legal_ones_stay_exact() {
        assert_eq!(DeclaredStrength::NONE.get(), None);
        assert_eq!(DeclaredStrength::default(), DeclaredStrength::NONE);
        for strength in [0.0, -0.0, 0.1, 0.558, 1.0, f64::MIN_POSITIVE] {
            let kept = DeclaredStrength::new(strength).unwrap().get().unwrap();
            assert_eq!(kept.to_bits(), strength.to_bits());
        }
        for illegal in [f64::NAN, -f64::NAN, -0.1, 1.000_000_1, f64::INFINITY] {
            assert_eq!(DeclaredStrength::new(illegal), None);
        }
        assert_eq!(DeclaredSince::UNKNOWN.get(), None);
        assert_eq!(DeclaredSince::new(i64::MIN), None);
        for secs in [i64::MIN + 1, -2_208_988_800, 0, 1_767_225_600, i64::MAX] {
            assert_eq!(DeclaredSince::new(secs).unwrap().get(), Some(secs));
        }
        assert_eq!(format!("{:?}", DeclaredSince::new(5).unwrap()), "Some(5)");
        assert_eq!(format!("{:?}", DeclaredStrength::NONE), "None");
    }

    #[test]
    fn sources_are_interned_once_however_many_are_distinct() {
        let mut sources = DeclaredSources::default();
        let crm = sources.intern("crm");
        assert_eq!(sources.intern("crm"), crm);
        let distinct: Vec<DeclaredSourceId> = (0..100_000)
            .map(|n| sources.intern(&n.to_string()))
            .collect();
        assert_eq!(sources.intern("99999"), distinct[99_999]);
        assert_eq!(sources.intern("crm"), crm);
        assert_eq!(&**sources.text(crm), "crm");
        assert_eq!(&**sources.text(distinct[7]), "7");
        assert_eq!(sources.len(), 100_001);
    }
}
