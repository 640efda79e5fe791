//! A fast hasher for the id look-ups of loading (the checks between entries and the index).
//! At 30,000 places a load hashes about half a million short ids; with the standard library's
//! SipHash that was most of the typed checks' time. This is the multiply-rotate hash of the
//! Rust compiler (FxHash), eight bytes at a time. It is not resistant to chosen collisions: a
//! hostile file could make its own load slow, never wrong, and the file is the site's own
//! (`data=` is same-origin) or one the reader picked.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Maps and sets keyed by ids.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        // The rest's length (in the last byte, always zero) tells "a" from "a\0".
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub fn map<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, Default::default())
}

pub fn set<K>(capacity: usize) -> FastSet<K> {
    FastSet::with_capacity_and_hasher(capacity, Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(s: &str) -> u64 {
        let mut h = FxHasher::default();
        s.hash(&mut h);
        h.finish()
    }

    #[test]
    fn different_ids_hash_apart_and_equal_ids_alike() {
        let ids = [
            "",
            "\0",
            "a",
            "a\0",
            "b",
            "ab",
            "ba",
            "place-00001",
            "place-00002",
            "place-000010",
            "place-00001\0",
        ];
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn maps_find_what_was_put_in() {
        let mut m = map(4);
        for i in 0..10_000 {
            m.insert(format!("place-{i}"), i);
        }
        assert_eq!(m.len(), 10_000);
        assert!((0..10_000).all(|i| m.get(&format!("place-{i}")) == Some(&i)));
        assert_eq!(m.get("place-10000"), None);
    }
}
