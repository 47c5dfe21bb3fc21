//! The inverted index: documents' terms (`terms.rs`) in, per-stem postings with BM25 weights
//! out. Weights are computed here, once, so the browser only adds them up.

use super::encode::push_varint;
use super::terms::{DocTerms, Sorted};

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
pub(super) const TITLE: u32 = 3;
pub(super) const PARTIES: u32 = 2;
/// BM25 parameters (the usual defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Weights are sent as small integers: this is one unit.
const SCALE: f64 = 10.0;

/// Per live stem, in sorted order, its posting list as `encode_postings` writes it: (document,
/// weight) by increasing document, documents numbered by their position in `docs`. Weights
/// depend on the average length of all documents, so this is always computed over all of them,
/// from numbers only.
pub(super) fn postings(docs: &[&DocTerms], sorted: &Sorted) -> Vec<String> {
    let total: u64 = docs.iter().map(|d| u64::from(d.len)).sum();
    let avg = total as f64 / docs.len().max(1) as f64;
    let mut lists = vec![String::new(); sorted.stems];
    let mut last = vec![0u32; sorted.stems];
    for (doc, d) in (0u32..).zip(docs) {
        let len = f64::from(d.len);
        // Most counts are small (a word once in the body, once in the title…): their weights
        // are worked out once per document, not once per stem.
        let mut known = [0u32; 16];
        for &(stem, tf) in &d.tf {
            let weight = match known.get_mut(tf as usize) {
                Some(w) if *w > 0 => *w,
                Some(w) => {
                    *w = bm25(f64::from(tf), len, avg);
                    *w
                }
                None => bm25(f64::from(tf), len, avg),
            };
            let i = sorted.stem_rank[stem as usize] as usize;
            push_varint(&mut lists[i], doc - last[i]);
            push_varint(&mut lists[i], weight);
            last[i] = doc;
        }
    }
    lists
}

/// BM25's term-frequency part, as an integer of at least 1 (idf is applied in the browser,
/// where the document frequency is the posting list's length).
fn bm25(tf: f64, len: f64, avg: f64) -> u32 {
    let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg.max(1.0)));
    (norm * SCALE).round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::search::encode::{decode_varints, decode_vocabulary};
    use crate::search::terms::Terms;
    use crate::text::{English, is_stop_word, tokenize};

    /// An index as plain lists, decoded from what the entry file and posting lists hold.
    #[derive(Debug, PartialEq)]
    struct Index {
        words: Vec<String>,
        word_stem: Vec<u32>,
        stems: Vec<String>,
        postings: Vec<Vec<(u32, u32)>>,
    }

    fn build_index(docs: &[DocFields]) -> Index {
        let mut terms = Terms::default();
        let analysed: Vec<DocTerms> = docs.iter().map(|d| terms.analyse(d)).collect();
        for t in &analysed {
            terms.hold(t, 1);
        }
        let refs: Vec<&DocTerms> = analysed.iter().collect();
        let lists = postings(&refs, terms.sorted());
        let v = &terms.sorted().vocabulary;
        let undelta = |l: &String| {
            let mut doc = 0;
            decode_varints(l)
                .chunks(2)
                .map(|c| {
                    doc += c[0];
                    (doc, c[1])
                })
                .collect()
        };
        let (words, word_stem, stems) = decode_vocabulary(v);
        Index {
            words,
            word_stem,
            stems,
            postings: lists.iter().map(undelta).collect(),
        }
    }

    /// The index built the straightforward way (strings in sorted maps, as it was first
    /// written): the interned build must give the same.
    fn reference(docs: &[DocFields]) -> Index {
        let en = English::new();
        let mut stem_of: BTreeMap<String, String> = BTreeMap::new();
        let mut per_doc: Vec<(BTreeMap<String, f64>, f64)> = Vec::new();
        for d in docs {
            let (mut tf, mut len) = (BTreeMap::<String, f64>::new(), 0.0);
            let fields = [(d.title, 3.0), (d.body, 1.0)]
                .into_iter()
                .chain(d.parties.iter().map(|p| (*p, 2.0)));
            for (text, weight) in fields {
                for word in tokenize(text).into_iter().filter(|w| !is_stop_word(w)) {
                    let stem = stem_of.entry(word).or_insert_with_key(|w| en.stem(w));
                    *tf.entry(stem.clone()).or_default() += weight;
                    len += weight;
                }
            }
            per_doc.push((tf, len));
        }
        let stems: Vec<String> = stem_of
            .values()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let avg = per_doc.iter().map(|d| d.1).sum::<f64>() / per_doc.len().max(1) as f64;
        let mut postings = vec![Vec::new(); stems.len()];
        for (doc, (tf, len)) in per_doc.iter().enumerate() {
            for (stem, f) in tf {
                let i = stems.binary_search(stem).unwrap();
                postings[i].push((doc as u32, bm25(*f, *len, avg)));
            }
        }
        let words: Vec<String> = stem_of.keys().cloned().collect();
        let word_stem = words
            .iter()
            .map(|w| stems.binary_search(&stem_of[w]).unwrap() as u32)
            .collect();
        Index {
            words,
            word_stem,
            stems,
            postings,
        }
    }

    #[test]
    fn the_interned_build_matches_the_straightforward_one() {
        let party = |title, parties, body| DocFields {
            title,
            parties,
            body,
        };
        let docs = [
            party(
                "Prosecution",
                vec!["Finland", "Türkiye"],
                "The prosecutors PROSECUTE; ΣΊΣΥΦΟΣ.",
            ),
            doc("Grooming", "grooming of children, 20(1)(a) and İstanbul"),
            doc("", ""),
            doc(
                "Helplines",
                "helplines helplines Cafe\u{301} café straße STRASSE",
            ),
        ];
        let built = build_index(&docs);
        assert_eq!(built, reference(&docs));
        assert!(
            built.words.contains(&"σίσυφος".to_string()),
            "{:?}",
            built.words
        );
    }

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
