//! Serialises a search index to the files `search.js` reads: one entry file (metadata, the
//! vocabulary and, at small scale, everything else), plus posting shards and document fragments
//! when the dataset is large. Every file is named by `crate::model::hashed_name`, so browsers
//! may cache it forever.

use std::ops::Range;

use super::format::Vocabulary;

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

/// The vocabulary as the entry file carries it: `words` (sorted) each written after the number
/// of characters it shares with the one before (front coding); `ranks`, each word's stem
/// number, as differences from the word before (zigzag: sorted words mostly share a stem or
/// move to the next); and `stems` (sorted) each as its length when it starts the first word
/// that has it, as most stems do, else spelt out in `sx`.
pub(super) fn vocabulary(words: &[&str], ranks: &[u32], stems: &[&str]) -> Vocabulary {
    let mut front = String::new();
    let mut prev = "";
    for w in words {
        let shared = prev
            .chars()
            .zip(w.chars())
            .take_while(|(a, b)| a == b)
            .count();
        if !front.is_empty() {
            front.push(' ');
        }
        push_varint(&mut front, shared as u32);
        front.extend(w.chars().skip(shared));
        prev = w;
    }
    let mut last = 0i64;
    let ws = varints(ranks.iter().map(|&r| {
        let delta = i64::from(r) - last;
        last = i64::from(r);
        (if delta >= 0 {
            2 * delta
        } else {
            -2 * delta - 1
        }) as u32
    }));
    let mut first = vec![None; stems.len()];
    for (w, &r) in words.iter().zip(ranks) {
        first[r as usize].get_or_insert(*w);
    }
    let mut explicit = Vec::new();
    let sl = varints(stems.iter().zip(&first).map(|(stem, word)| match word {
        Some(w) if !stem.is_empty() && w.starts_with(stem) => stem.chars().count() as u32,
        _ => {
            explicit.push(*stem);
            0
        }
    }));
    Vocabulary {
        words: front,
        ws,
        sl,
        sx: explicit.join(" "),
    }
}

/// The vocabulary's words, stem numbers and stems, decoded as `search-engine.js` decodes them
/// (`decodeVocabulary`), transcribed.
#[cfg(test)]
pub(super) fn decode_vocabulary(v: &Vocabulary) -> (Vec<String>, Vec<u32>, Vec<String>) {
    let mut words: Vec<String> = Vec::new();
    for token in v.words.split(' ').filter(|t| !t.is_empty()) {
        let end = token
            .bytes()
            .position(|b| DIGITS[..32].contains(&b))
            .unwrap()
            + 1;
        let shared = decode_varints(&token[..end])[0] as usize;
        let prev = words.last().map_or("", String::as_str);
        words.push(
            prev.chars()
                .take(shared)
                .chain(token[end..].chars())
                .collect(),
        );
    }
    let mut rank = 0i64;
    let ranks: Vec<u32> = decode_varints(&v.ws)
        .into_iter()
        .map(|z| {
            rank += if z % 2 == 0 {
                i64::from(z / 2)
            } else {
                -i64::from(z / 2) - 1
            };
            rank as u32
        })
        .collect();
    let mut explicit = v.sx.split(' ');
    let stems = decode_varints(&v.sl)
        .into_iter()
        .enumerate()
        .map(|(s, len)| match len {
            0 => explicit.next().unwrap().to_string(),
            n => {
                let w = ranks.iter().position(|&r| r as usize == s).unwrap();
                words[w].chars().take(n as usize).collect()
            }
        })
        .collect();
    (words, ranks, stems)
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
    fn the_vocabulary_decodes_to_what_was_encoded() {
        let words = [
            "abus",
            "abuse",
            "abused",
            "child",
            "children",
            "happi",
            "happy",
            "ñandú",
            "ñandúes",
        ];
        let stems = ["abus", "child", "happi", "zz", "ñandú"];
        let ranks = [0, 0, 0, 1, 1, 2, 2, 4, 4];
        let v = vocabulary(&words, &ranks, &stems);
        // "happy" has "happi", which starts its first word; "zz" starts none: spelt out.
        assert_eq!(v.sx, "zz");
        assert_eq!(v.words.split(' ').nth(1), Some("Ee"));
        let (w, r, s) = decode_vocabulary(&v);
        assert_eq!(
            (w, r, s),
            (
                words.map(String::from).to_vec(),
                ranks.to_vec(),
                stems.map(String::from).to_vec()
            )
        );
        let empty = vocabulary(&[], &[], &[]);
        assert_eq!(decode_vocabulary(&empty), (vec![], vec![], vec![]));
    }

    #[test]
    fn postings_are_delta_encoded() {
        assert_eq!(decode(&encode_postings(&[(3, 7), (10, 2)])), [3, 7, 7, 2]);
    }
}
