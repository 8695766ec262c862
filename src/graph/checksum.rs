//! The checksum of snapshot sections and tie-detail blocks: a streaming
//! 64-bit hash over 32-byte blocks with four independent lanes, fast enough
//! not to show in load times. It detects corruption, not tampering.

/// A streaming 64-bit checksum over 32-byte blocks with four independent
/// lanes (fast enough not to show in load times; detects corruption, not
/// tampering). Feeding bytes in any split gives the same value.
#[derive(Debug, Clone)]
pub(crate) struct Hasher {
    lanes: [u64; 4],
    length: u64,
    pending: [u8; 32],
    pending_len: usize,
}

const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher {
    pub(crate) fn new() -> Self {
        Self {
            lanes: [
                0x243f_6a88_85a3_08d3,
                0x1319_8a2e_0370_7344,
                0xa409_3822_299f_31d0,
                0x082e_fa98_ec4e_6c89,
            ],
            length: 0,
            pending: [0; 32],
            pending_len: 0,
        }
    }

    fn block(lanes: &mut [u64; 4], block: &[u8]) {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut value = [0_u8; 8];
            value.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(value))
                .wrapping_mul(PRIME)
                .rotate_left(29);
        }
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.pending_len > 0 {
            let take = (32 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 32 {
                return;
            }
            let pending = self.pending;
            Self::block(&mut self.lanes, &pending);
            self.pending_len = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            Self::block(&mut self.lanes, block);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    pub(crate) fn finish(&self) -> u64 {
        let mut hash = self.length;
        for lane in self.lanes {
            hash = (hash ^ lane).wrapping_mul(PRIME).rotate_left(31);
        }
        for byte in &self.pending[..self.pending_len] {
            hash = (hash ^ u64::from(*byte))
                .wrapping_mul(PRIME)
                .rotate_left(17);
        }
        hash ^ (hash >> 32)
    }
}

/// The checksum of `bytes` in one go.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = Hasher::new();
    hasher.update(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_changes_with_any_byte_and_not_with_how_bytes_are_fed() {
        let bytes: Vec<u8> = (0..100_u8).collect();
        let base = checksum(&bytes);
        for index in [0, 31, 32, 63, 99] {
            let mut changed = bytes.clone();
            changed[index] ^= 1;
            assert_ne!(checksum(&changed), base, "byte {index}");
        }
        for split in [1, 5, 31, 32, 33, 64, 99] {
            let mut hasher = Hasher::new();
            hasher.update(&bytes[..split]);
            hasher.update(&bytes[split..split.min(40).max(split)]);
            hasher.update(&bytes[split.min(40).max(split)..]);
            assert_eq!(hasher.finish(), base, "split at {split}");
        }
    }
}
