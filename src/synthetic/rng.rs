//! A small seeded generator (`SplitMix64`, Steele et al. 2014): fast, and the
//! same stream on every platform, so generated files never depend on a
//! crate's version or on the number of threads.

/// A `SplitMix64` stream keyed by a seed, an item index and a purpose.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A stream for item `index` used for `purpose` under `seed`.
    pub fn new(seed: u64, index: u64, purpose: u64) -> Self {
        let mut rng = Self(
            seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ purpose.wrapping_mul(0xc2b2_ae3d_27d4_eb4f),
        );
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// Uniform in `[0, bound)` (`bound > 0`), by multiply-shift.
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// Pareto with minimum `scale` and shape `shape` (heavier tail for smaller shapes).
    pub fn pareto(&mut self, scale: f64, shape: f64) -> f64 {
        scale / (1.0 - self.unit()).powf(1.0 / shape)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}
