//! The hasher behind the pipeline's string-keyed maps (identity keys,
//! interned references). Keys come from the user's own files, so hash
//! flooding is not a concern and speed is; nothing else lives here.

use std::hash::Hasher;

/// Hashes keys eight bytes at a time (the `FxHash` mix): keys come from the
/// user's own files, so flooding is not a concern and speed is.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    /// Folds the high bits into the low ones: the multiply leaves the low
    /// bits, which pick the bucket, depending on the last bytes only, and
    /// short keys that differ early (ids like `12345`) would collide.
    fn finish(&self) -> u64 {
        let folded = (self.0 ^ (self.0 >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        folded ^ (folded >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut value = [0_u8; 8];
            value.copy_from_slice(word);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(value)).wrapping_mul(SEED);
        }
        for byte in words.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(SEED);
        }
    }
}

/// A `HashMap` keyed by text with [`KeyHasher`].
pub(crate) type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;
