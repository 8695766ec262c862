//! Interned person references: every distinct reference the sources write is
//! stored once and named by a [`RefId`], so that millions of rows naming the
//! same people cost an index each, not a copy of the text, and identity
//! resolution can resolve each distinct reference once. This module only
//! stores references; it never decides who they are.

use std::collections::HashMap;

use super::PersonRef;
use super::csv_table::trim_cell;
use crate::keys::FastMap;

/// A reference interned in a [`RefTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RefId(pub u32);

impl RefId {
    /// The index as `usize`.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The distinct person references of a dataset.
#[derive(Debug, Default)]
pub struct RefTable {
    refs: Vec<PersonRef>,
    /// Loose references (generic CSV text) by their trimmed text.
    loose: TextIndex,
    /// Plain dataset ids (research datasets' numbered people).
    ids: TextIndex,
    /// Every other reference by value.
    exact: HashMap<PersonRef, RefId>,
}

/// References made from one text, found by the text: by indexing when it is
/// a plain number (synthetic and research datasets number their people), by
/// one integer when it is short (ids such as `p12345`, handles), else by
/// hashing the text.
#[derive(Debug, Default)]
struct TextIndex {
    /// Texts of up to [`SHORT_TEXT`] bytes by [`pack`]: comparing keys reads
    /// no second allocation, which is what a lookup of a boxed text waits on.
    short: FastMap<u128, RefId>,
    texts: FastMap<Box<str>, RefId>,
    /// By value; `u32::MAX` where no reference has the number yet.
    numbers: Vec<u32>,
}

/// The longest text [`TextIndex`] keys by [`pack`].
const SHORT_TEXT: usize = 15;

/// How [`TextIndex`] finds one text.
#[derive(Clone, Copy)]
enum TextKey<'a> {
    Number(usize),
    Short(u128),
    Long(&'a str),
}

impl<'a> TextKey<'a> {
    fn of(text: &'a str) -> Self {
        if let Some(number) = plain_number(text) {
            Self::Number(number)
        } else if let Some(packed) = pack(text) {
            Self::Short(packed)
        } else {
            Self::Long(text)
        }
    }
}

/// `text`'s bytes and its length in one integer, for texts of up to
/// [`SHORT_TEXT`] bytes: distinct texts give distinct integers (the length
/// tells `a` from `a\0`).
fn pack(text: &str) -> Option<u128> {
    let bytes = text.as_bytes();
    if bytes.len() > SHORT_TEXT {
        return None;
    }
    let mut packed = [0_u8; 16];
    packed[..bytes.len()].copy_from_slice(bytes);
    packed[SHORT_TEXT] = bytes.len() as u8;
    Some(u128::from_le_bytes(packed))
}

impl TextIndex {
    /// The reference made from `text`, when there is one yet.
    fn get(&self, text: &str) -> Option<RefId> {
        self.find(TextKey::of(text))
    }

    /// The reference keyed by `key`, when there is one yet.
    fn find(&self, key: TextKey<'_>) -> Option<RefId> {
        match key {
            TextKey::Number(number) => self
                .numbers
                .get(number)
                .filter(|id| **id != u32::MAX)
                .map(|id| RefId(*id)),
            TextKey::Short(packed) => self.short.get(&packed).copied(),
            TextKey::Long(text) => self.texts.get(text).copied(),
        }
    }

    fn get_or_insert(
        &mut self,
        text: &str,
        refs: &mut Vec<PersonRef>,
        make: fn(&str) -> PersonRef,
    ) -> RefId {
        let key = TextKey::of(text);
        if let Some(found) = self.find(key) {
            return found;
        }
        let id = push(refs, make(text));
        match key {
            TextKey::Number(number) => {
                if number >= self.numbers.len() {
                    self.numbers
                        .resize((number + 1).max(self.numbers.len() * 2), u32::MAX);
                }
                self.numbers[number] = id.0;
            }
            TextKey::Short(packed) => {
                self.short.insert(packed, id);
            }
            TextKey::Long(text) => {
                self.texts.insert(text.into(), id);
            }
        }
        id
    }
}

fn push(refs: &mut Vec<PersonRef>, reference: PersonRef) -> RefId {
    let id = RefId(u32::try_from(refs.len()).unwrap_or(u32::MAX));
    refs.push(reference);
    id
}

impl RefTable {
    /// The reference a generic-CSV cell names (see [`PersonRef::parse_loose`]),
    /// allocating only the first time a text is seen.
    pub fn loose(&mut self, text: &str) -> RefId {
        self.loose
            .get_or_insert(trim_cell(text), &mut self.refs, PersonRef::parse_loose)
    }

    /// The reference [`Self::loose`] would give `text` when it has been
    /// interned already, `None` when it has not: a lookup that changes
    /// nothing, so the rows of a block can look up their references in
    /// parallel and leave only the new ones to be interned in reading order.
    #[must_use]
    pub fn find_loose(&self, text: &str) -> Option<RefId> {
        self.loose.get(trim_cell(text))
    }

    /// The reference to the person with dataset id `id`.
    pub fn id(&mut self, id: &str) -> RefId {
        self.ids.get_or_insert(id, &mut self.refs, |id| PersonRef {
            id: Some(id.to_owned()),
            ..PersonRef::default()
        })
    }

    /// Interns `reference`.
    pub fn intern(&mut self, reference: PersonRef) -> RefId {
        if let Some(found) = self.exact.get(&reference) {
            return *found;
        }
        let id = push(&mut self.refs, reference.clone());
        self.exact.insert(reference, id);
        id
    }

    /// The reference behind `id`.
    #[must_use]
    pub fn get(&self, id: RefId) -> &PersonRef {
        &self.refs[id.index()]
    }

    /// Number of distinct references.
    #[must_use]
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// True when nothing was interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }
}

/// The value of `text` when it is a plain decimal number below 2^24 without
/// leading zeros, so that distinct texts always have distinct values (`007`
/// and `7` are different references).
fn plain_number(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 7 || (bytes[0] == b'0' && bytes.len() > 1) {
        return None;
    }
    let mut value = 0_usize;
    for byte in bytes {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + usize::from(byte - b'0');
    }
    (value < 1 << 24).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_or_reference_is_interned_once() {
        let mut table = RefTable::default();
        let ana = table.loose("ana@example.com");
        assert_eq!(table.loose(" ana@example.com "), ana);
        assert_ne!(table.loose("p1"), ana);
        let url = PersonRef {
            profile_url: Some("https://www.linkedin.com/in/ana".to_owned()),
            name: Some("Ana".to_owned()),
            ..PersonRef::default()
        };
        let first = table.intern(url.clone());
        assert_eq!(table.intern(url.clone()), first);
        assert_eq!(table.len(), 3);
        assert_eq!(table.get(first), &url);
        assert_eq!(table.get(ana).email.as_deref(), Some("ana@example.com"));
    }

    #[test]
    fn numbers_are_interned_by_their_exact_text() {
        let mut table = RefTable::default();
        let seven = table.loose("7");
        assert_eq!(table.loose(" 7"), seven);
        assert_ne!(
            table.loose("007"),
            seven,
            "leading zeros make another reference"
        );
        assert_ne!(table.loose("70"), seven);
        let big = table.loose("123456789");
        assert_eq!(table.loose("123456789"), big);
        assert_eq!(table.get(seven).id.as_deref(), Some("7"));
        assert_eq!(table.get(big).id.as_deref(), Some("123456789"));
        assert_eq!(table.len(), 4);
        let id = table.id("7");
        assert_ne!(id, seven, "an id is not a loose reference");
        assert_eq!(table.id("7"), id);
        assert_eq!(table.get(id).id.as_deref(), Some("7"));
        assert!(!table.get(id).id_or_name);
    }

    #[test]
    fn short_texts_are_told_apart_by_every_byte_and_their_length() {
        let mut table = RefTable::default();
        let texts = [
            "a",
            "a\0",
            "b",
            "p1",
            "p10",
            "p1\0\0",
            "exactly15bytes!",
            "sixteen bytes!!!",
            "sixteen bytes!!?",
        ];
        let ids: Vec<RefId> = texts.iter().map(|text| table.loose(text)).collect();
        let distinct: std::collections::HashSet<RefId> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), texts.len());
        for (text, id) in texts.iter().zip(&ids) {
            assert_eq!(table.find_loose(text), Some(*id), "{text:?}");
            assert_eq!(table.loose(text), *id, "{text:?}");
        }
        assert_eq!(table.find_loose("p2"), None);
        assert_eq!(table.find_loose("sixteen bytes!!"), None);
        assert_eq!(table.len(), texts.len());
    }

    proptest::proptest! {
        /// Packing is injective on short texts: two texts share a key only
        /// when they are the same text.
        #[test]
        fn packed_texts_are_equal_only_for_equal_texts(
            a in "[a\\x00b]{0,15}",
            b in "[a\\x00b]{0,15}",
        ) {
            proptest::prop_assert_eq!(pack(&a) == pack(&b), a == b);
        }
    }
}
