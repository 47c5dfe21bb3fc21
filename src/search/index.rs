//! The inverted index: documents' fields in, a sorted vocabulary (surface words → stems) and
//! per-stem postings with BM25 weights out. Weights are computed here, once, so the browser only
//! adds them up.

use std::collections::{BTreeMap, BTreeSet};

use super::text::{English, is_stop_word, tokenize};

/// The searchable fields of one document, each with its own weight.
pub(super) struct DocFields<'a> {
    /// Short title: matches here count three times.
    pub title: &'a str,
    /// Designated Parties' names: twice.
    pub parties: Vec<&'a str>,
    /// Text and footnotes: once.
    pub body: &'a str,
}

/// Field weights: a word in the title is worth three in the body.
const TITLE: f64 = 3.0;
const PARTIES: f64 = 2.0;
/// BM25 parameters (the usual defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Weights are sent as small integers: this is one unit.
const SCALE: f64 = 10.0;

/// A built index: every listing sorted, so output is deterministic.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Index {
    /// Every indexed surface word, sorted.
    pub words: Vec<String>,
    /// For each word, the index of its stem in `stems`.
    pub word_stem: Vec<u32>,
    /// Every stem, sorted.
    pub stems: Vec<String>,
    /// For each stem: (document, weight) by increasing document.
    pub postings: Vec<Vec<(u32, u32)>>,
}

/// Builds the index over documents numbered by their position.
pub(super) fn build_index(docs: &[DocFields]) -> Index {
    let en = English::new();
    let mut stem_of: BTreeMap<String, String> = BTreeMap::new();
    let mut per_doc: Vec<BTreeMap<String, f64>> = Vec::with_capacity(docs.len());
    let mut lengths = Vec::with_capacity(docs.len());
    for d in docs {
        let mut tf: BTreeMap<String, f64> = BTreeMap::new();
        let mut len = 0.0;
        let fields = [(d.title, TITLE), (d.body, 1.0)]
            .into_iter()
            .chain(d.parties.iter().map(|p| (*p, PARTIES)));
        for (text, weight) in fields {
            for word in tokenize(text).into_iter().filter(|w| !is_stop_word(w)) {
                let stem = stem_of
                    .entry(word)
                    .or_insert_with_key(|w| en.stem(w))
                    .clone();
                *tf.entry(stem).or_default() += weight;
                len += weight;
            }
        }
        per_doc.push(tf);
        lengths.push(len);
    }
    let stems: Vec<String> = stem_of
        .values()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let avg = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
    let mut postings = vec![Vec::new(); stems.len()];
    for (doc, (tf, len)) in per_doc.iter().zip(&lengths).enumerate() {
        for (stem, f) in tf {
            let i = stems.binary_search(stem).expect("every stem was collected");
            postings[i].push((doc as u32, bm25(*f, *len, avg)));
        }
    }
    let words: Vec<String> = stem_of.keys().cloned().collect();
    let word_stem = words
        .iter()
        .map(|w| stems.binary_search(&stem_of[w]).expect("collected") as u32)
        .collect();
    Index {
        words,
        word_stem,
        stems,
        postings,
    }
}

/// BM25's term-frequency part, as an integer of at least 1 (idf is applied in the browser,
/// where the document frequency is the posting list's length).
fn bm25(tf: f64, len: f64, avg: f64) -> u32 {
    let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg.max(1.0)));
    (norm * SCALE).round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, body: &'a str) -> DocFields<'a> {
        DocFields {
            title,
            parties: Vec::new(),
            body,
        }
    }

    #[test]
    fn words_map_to_shared_stems_and_stop_words_are_left_out() {
        let idx = build_index(&[
            doc("Prosecution", "the prosecutors prosecute"),
            doc("Grooming", "grooming of children"),
        ]);
        assert!(!idx.words.contains(&"the".to_string()) && !idx.words.contains(&"of".to_string()));
        let stem = |w: &str| idx.word_stem[idx.words.iter().position(|x| x == w).unwrap()];
        assert_eq!(stem("prosecution"), stem("prosecute"));
        let groom = stem("grooming") as usize;
        assert_eq!(
            idx.postings[groom].iter().map(|p| p.0).collect::<Vec<_>>(),
            [1]
        );
    }

    #[test]
    fn title_matches_weigh_more_than_body_matches() {
        let idx = build_index(&[
            doc("Helplines", "other words here"),
            doc("Other", "helplines and other words"),
        ]);
        let i = idx.stems.iter().position(|s| s == "helplin").unwrap();
        let (a, b) = (idx.postings[i][0], idx.postings[i][1]);
        assert_eq!((a.0, b.0), (0, 1));
        assert!(a.1 > b.1, "{a:?} vs {b:?}");
    }

    #[test]
    fn everything_is_sorted() {
        let idx = build_index(&[doc("b a", "zeta alpha"), doc("c", "beta")]);
        assert!(idx.words.windows(2).all(|w| w[0] < w[1]));
        assert!(idx.stems.windows(2).all(|w| w[0] < w[1]));
    }
}
