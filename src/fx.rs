//! A fast hasher for maps keyed by our own data (links, paths, recommendation keys) in, a
//! `u64` out: rustc's multiply-rotate `FxHasher`, not `std`'s SipHash, whose resistance to
//! chosen keys nothing here needs.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (`FxHasher`): links are our own, not an attacker's, and
/// SipHash over half a million of them a build is measurable.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(v: impl Hash) -> u64 {
        let mut h = FxHasher::default();
        v.hash(&mut h);
        h.finish()
    }

    #[test]
    fn equal_keys_hash_alike_and_others_apart() {
        assert_eq!(
            hash("/recommendations/ii-1/"),
            hash("/recommendations/ii-1/")
        );
        assert_ne!(
            hash("/recommendations/ii-1/"),
            hash("/recommendations/ii-2/")
        );
        assert_ne!(hash((1u32, 2u32)), hash((2u32, 1u32)));
    }
}
