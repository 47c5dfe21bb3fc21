//! Text processing shared by the search index and the thesaurus rules: plain text in, tokens
//! out (docs/search.md, "Tokens"), stop words, and English stems. `search-engine.js` tokenises
//! queries and texts by the same specification, checked on both sides against
//! `tests/fixtures/tokenizer-corpus.jsonl`, so what is indexed is what can be found, and a
//! thesaurus term is matched as a search would match it.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Words too common to help find anything; not indexed, ignored in queries.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "such", "that", "the", "their", "them", "these", "they",
    "this", "those", "to", "was", "were", "which", "who", "will", "with",
];

/// The length of the longest stop word, in bytes: a longer word is not looked up (this runs for
/// every word indexed).
const LONGEST_STOP_WORD: usize = 5;

/// Whether `word` (lower case) is a stop word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    word.len() <= LONGEST_STOP_WORD && STOP_WORDS.binary_search(&word).is_ok()
}

/// The tokens of `text`: in NFC, maximal runs of Unicode Alphabetic or Number characters
/// (`char::is_alphanumeric`; JavaScript's `[\p{Alphabetic}\p{N}]`), each lower-cased; a token
/// of one code point (a char, not a UTF-16 unit) is dropped (the "s" of "child's") unless it
/// is an ASCII digit.
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each token of `text`, as [`tokenize`] lists them, without allocating a
/// string per token: the index reads every word of every document, so this is its inner loop.
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let text: Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    let mut lower = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        // `str::to_lowercase` for anything but ASCII: it knows context-dependent rules (a
        // final capital sigma) that lowering char by char would miss.
        let w: &str = if !w.is_ascii() {
            lower = w.to_lowercase();
            &lower
        } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
            &lower
        } else {
            w
        };
        let mut chars = w.chars();
        let first = chars.next();
        if chars.next().is_some() || first.is_some_and(|c| c.is_ascii_digit()) {
            f(w);
        }
    }
}

/// The English (Snowball) stemmer, created once per index build.
pub(crate) struct English(Stemmer);

impl English {
    /// The stemmer.
    pub(crate) fn new() -> Self {
        English(Stemmer::create(Algorithm::English))
    }

    /// The stem of a lower-case word ("prosecution" → "prosecut").
    pub(crate) fn stem(&self, word: &str) -> String {
        self.0.stem(word).into_owned()
    }
}

impl Default for English {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        let longest = STOP_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(
            longest,
            Some(LONGEST_STOP_WORD),
            "every stop word is looked up"
        );
        assert!(is_stop_word("the") && !is_stop_word("grooming"));
    }

    #[test]
    fn tokens_split_on_punctuation_and_lower_case() {
        assert_eq!(
            tokenize("The child's \"self-generated\" images (Article 20(1)(a)), III-14."),
            [
                "the",
                "child",
                "self",
                "generated",
                "images",
                "article",
                "20",
                "1",
                "iii",
                "14"
            ]
        );
    }

    #[test]
    fn stems_join_word_forms() {
        let en = English::new();
        assert_eq!(en.stem("prosecute"), en.stem("prosecution"));
        assert_eq!(en.stem("prosecuted"), en.stem("prosecuting"));
        assert_eq!(en.stem("trainings"), en.stem("training"));
        assert_ne!(en.stem("grooming"), en.stem("groups"));
    }

    /// The corpus `search-engine.js` is also tested on (tests/browser/search-tokenizer.test.mjs).
    #[test]
    fn the_shared_corpus_tokenizes_as_written() {
        let corpus = include_str!("../tests/fixtures/tokenizer-corpus.jsonl");
        let mut cases = 0;
        for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = case["text"].as_str().unwrap();
            let want: Vec<&str> = case["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert_eq!(tokenize(text), want, "{}: {text:?}", case["why"]);
            cases += 1;
        }
        assert!(cases >= 20, "{cases} cases");
    }
}
