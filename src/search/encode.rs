//! Serialises a search index to the files `search.js` reads: one entry file (metadata, the
//! vocabulary and, at small scale, everything else), plus posting shards and document fragments
//! when the dataset is large. Every file is named by `crate::graph::hashed_name`, so browsers
//! may cache it forever.

use std::ops::Range;

/// The 64 characters of the compact number encoding: JSON- and URL-safe.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as a variable-length number: base-32 groups, least significant first; every
/// group but the last is written from the upper half of the alphabet, so no separator is needed.
pub(super) fn push_varint(out: &mut String, mut n: u32) {
    while n >= 32 {
        out.push(DIGITS[32 + (n & 31) as usize] as char);
        n >>= 5;
    }
    out.push(DIGITS[n as usize] as char);
}

/// A list of numbers as one compact string.
pub(super) fn varints(ns: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    for n in ns {
        push_varint(&mut out, n);
    }
    out
}

/// A posting list: document deltas and weights, interleaved (as `index::postings` writes them).
#[cfg(test)]
pub(super) fn encode_postings(list: &[(u32, u32)]) -> String {
    let mut prev = 0;
    varints(list.iter().flat_map(|&(doc, w)| {
        let delta = doc - prev;
        prev = doc;
        [delta, w]
    }))
}

/// Encoded posting lists grouped into shards of about `target` bytes, by contiguous stem
/// ranges: each shard's range of stem positions.
pub(super) fn shard_postings(lists: &[String], target: usize) -> Vec<Range<usize>> {
    let mut shards: Vec<Range<usize>> = Vec::new();
    let mut size = usize::MAX;
    for (i, encoded) in lists.iter().enumerate() {
        if size >= target {
            shards.push(i..i);
            size = 0;
        }
        size += encoded.len() + 3;
        shards.last_mut().expect("pushed").end = i + 1;
    }
    shards
}

/// The decoder `search.js` uses, transcribed, to check the two agree.
#[cfg(test)]
pub(super) fn decode_varints(s: &str) -> Vec<u32> {
    let (mut out, mut n, mut shift) = (Vec::new(), 0u32, 0);
    for c in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == c).unwrap() as u32;
        if d >= 32 {
            n |= (d - 32) << shift;
            shift += 5;
        } else {
            out.push(n | (d << shift));
            (n, shift) = (0, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        decode_varints(s)
    }

    #[test]
    fn varints_round_trip() {
        let ns = [0, 1, 31, 32, 1000, 11_099, u32::MAX];
        assert_eq!(decode(&varints(ns)), ns);
        assert_eq!(varints([5, 31]), "Ff");
    }

    #[test]
    fn postings_are_delta_encoded() {
        assert_eq!(decode(&encode_postings(&[(3, 7), (10, 2)])), [3, 7, 7, 2]);
    }
}
