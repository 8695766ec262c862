//! Ties strongest first in bounded memory. Each tie is one sortable word
//! ([`order_key`]: its strength, descending, above its index, ascending);
//! instead of holding and sorting every word at once, [`BoundedOrder`]
//! cuts the words' range into consecutive slices that each hold at most a
//! cap of them, found by counting histograms, and gives one slice at a time:
//! collected in one pass over the ties, sorted, then handed out. So listing
//! 25 million ties holds a few megabytes of order instead of 200, for a few
//! dozen passes over the adjacency (each a sequential scan).
//!
//! Words are distinct (an index is in each), so a slice narrower than the
//! cap can never hold more than the cap, and cutting always ends.

use rayon::prelude::*;

/// The sort word of tie `index` of strength `strength`: ascending words are
/// strongest first, equal strengths in index order.
pub(super) fn order_key(index: u32, strength: f32) -> u64 {
    let bits = strength.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    (u64::from(!ascending) << 32) | u64::from(index)
}

/// The tie index in a sort word.
pub(super) fn index_of(key: u64) -> usize {
    (key & u64::from(u32::MAX)) as usize
}

/// The strength in a sort word, as [`order_key`] was given it.
pub(super) fn strength_of(key: u64) -> f32 {
    let ascending = !((key >> 32) as u32);
    let bits = if ascending >> 31 == 1 {
        ascending & !(1 << 31)
    } else {
        !ascending
    };
    f32::from_bits(bits)
}

/// Calls its argument with every word and what goes with it (a tie's pair),
/// in any order, each time it is called.
pub(super) type Words<'a, P> = Box<dyn Fn(&mut dyn FnMut(u64, P)) + 'a>;

/// Bins of one counting pass.
const BINS: usize = 4096;

/// Sort words in ascending order, each with what goes with it, holding at
/// most `cap` of them at once.
pub(super) struct BoundedOrder<'a, P> {
    words: Words<'a, P>,
    /// The slices still to give, each `lo..=hi`, in ascending order.
    slices: std::vec::IntoIter<(u64, u64)>,
    current: std::vec::IntoIter<(u64, P)>,
}

impl<'a, P: Copy + Send> BoundedOrder<'a, P> {
    /// The words `words` gives, `count` of them, to be given in ascending
    /// order holding no more than `cap` (at least 1) at once.
    pub(super) fn new(words: Words<'a, P>, count: usize, cap: usize) -> Self {
        let mut slices = Vec::new();
        plan(&words, cap.max(1), (0, u64::MAX), count, &mut slices);
        Self {
            words,
            slices: slices.into_iter(),
            current: Vec::new().into_iter(),
        }
    }
}

impl<P: Copy + Send> Iterator for BoundedOrder<'_, P> {
    type Item = (u64, P);

    fn next(&mut self) -> Option<(u64, P)> {
        loop {
            if let Some(word) = self.current.next() {
                return Some(word);
            }
            let (lo, hi) = self.slices.next()?;
            let mut slice = Vec::new();
            (self.words)(&mut |word, with| {
                if (lo..=hi).contains(&word) {
                    slice.push((word, with));
                }
            });
            // Words are distinct: no two items compare equal.
            slice.par_sort_unstable_by_key(|&(word, _)| word);
            self.current = slice.into_iter();
        }
    }
}

/// Appends to `out`, in ascending order, slices covering `lo..=hi` (which
/// holds `count` words) that each hold at most `cap` words.
fn plan<P>(
    words: &Words<'_, P>,
    cap: usize,
    (lo, hi): (u64, u64),
    count: usize,
    out: &mut Vec<(u64, u64)>,
) {
    if count <= cap {
        if count > 0 {
            out.push((lo, hi));
        }
        return;
    }
    // The smallest shift that puts `lo..=hi` in BINS bins.
    let span = hi - lo;
    let shift = (64 - span.leading_zeros()).saturating_sub(BINS.trailing_zeros());
    let mut counts = vec![0_usize; BINS];
    words(&mut |word, _| {
        if (lo..=hi).contains(&word) {
            counts[((word - lo) >> shift) as usize] += 1;
        }
    });
    let bin_range = |bin: usize| {
        let start = lo + ((bin as u64) << shift);
        let end = start.saturating_add((1_u64 << shift) - 1).min(hi);
        (start, end)
    };
    // Consecutive bins joined while they fit; a bin too big alone, cut finer.
    let mut run: Option<(u64, u64, usize)> = None;
    for (bin, &in_bin) in counts.iter().enumerate() {
        if in_bin == 0 {
            continue;
        }
        let (start, end) = bin_range(bin);
        if in_bin > cap {
            if let Some((from, to, _)) = run.take() {
                out.push((from, to));
            }
            plan(words, cap, (start, end), in_bin, out);
            continue;
        }
        run = match run {
            Some((from, _, held)) if held + in_bin <= cap => Some((from, end, held + in_bin)),
            Some((from, to, _)) => {
                out.push((from, to));
                Some((start, end, in_bin))
            }
            None => Some((start, end, in_bin)),
        };
    }
    if let Some((from, to, _)) = run {
        out.push((from, to));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words in the bounded order, checking that each kept its item.
    fn ordered(words: &[u64], cap: usize) -> Vec<u64> {
        let source = words.to_vec();
        BoundedOrder::new(
            Box::new(move |each: &mut dyn FnMut(u64, u64)| {
                for &word in &source {
                    each(word, !word);
                }
            }),
            words.len(),
            cap,
        )
        .map(|(word, with)| {
            assert_eq!(with, !word);
            word
        })
        .collect()
    }

    #[test]
    fn words_are_strongest_first_then_in_index_order() {
        let mut words = [
            order_key(0, 0.5),
            order_key(1, 0.9),
            order_key(2, 0.5),
            order_key(3, 0.0),
            order_key(4, 1.0),
        ];
        words.sort_unstable();
        let indices: Vec<usize> = words.iter().map(|&word| index_of(word)).collect();
        assert_eq!(indices, [4, 1, 0, 2, 3]);
    }

    #[test]
    fn a_word_gives_back_its_strength_and_index() {
        for strength in [0.0, -0.0, 1.0, 0.5, 1e-30, 0.123_456_7, -0.25, f32::MAX] {
            let word = order_key(77, strength);
            assert_eq!(strength_of(word).to_bits(), strength.to_bits());
            assert_eq!(index_of(word), 77);
        }
    }

    #[test]
    fn slices_never_hold_more_than_the_cap() {
        // Every tie of one strength: the slices are cut down to the index.
        let words: Vec<u64> = (0..1000).map(|index| order_key(index, 0.25)).collect();
        let source = words.clone();
        let slices = {
            let mut slices = Vec::new();
            let words: Words<'_, ()> = Box::new(move |each: &mut dyn FnMut(u64, ())| {
                for &word in &source {
                    each(word, ());
                }
            });
            plan(&words, 7, (0, u64::MAX), 1000, &mut slices);
            slices
        };
        for &(lo, hi) in &slices {
            let held = words
                .iter()
                .filter(|&&word| (lo..=hi).contains(&word))
                .count();
            assert!((1..=7).contains(&held), "{held} words in {lo}..={hi}");
        }
        assert!(slices.windows(2).all(|pair| pair[0].1 < pair[1].0));
        let mut sorted = words.clone();
        sorted.sort_unstable();
        assert_eq!(ordered(&words, 7), sorted);
    }

    proptest! {
        /// The bounded order is the full sort, whatever the cap, with many
        /// equal strengths and words at both ends of the range.
        #[test]
        fn bounded_order_is_the_full_sort(
            strengths in proptest::collection::vec(
                prop_oneof![Just(0.0_f32), Just(1.0_f32), Just(0.5_f32), 0.0_f32..1.0],
                0..400,
            ),
            extremes in proptest::collection::vec(prop_oneof![Just(0_u64), Just(u64::MAX)], 0..2),
            cap in 1_usize..50,
        ) {
            let mut words: Vec<u64> = strengths
                .iter()
                .enumerate()
                .map(|(index, &strength)| order_key(index as u32, strength))
                .collect();
            for word in extremes {
                if !words.contains(&word) {
                    words.push(word);
                }
            }
            let mut sorted = words.clone();
            sorted.sort_unstable();
            prop_assert_eq!(ordered(&words, cap), sorted);
        }
    }
}
