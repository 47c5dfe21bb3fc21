//! Search text processing: plain text in, tokens out (lower case, split on anything that is
//! not a letter or digit), stop words, and English stems. `search.js` tokenises queries with
//! the same rule, so what is indexed is what can be found.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to help find anything; not indexed, ignored in queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "such", "that", "the", "their", "them", "these", "they",
    "this", "those", "to", "was", "were", "which", "who", "will", "with",
];

/// Whether `word` (lower case) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Lower-cased tokens of `text`: maximal runs of letters and digits. Single letters are dropped
/// (the "s" of "child's"), single digits kept.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// The English (Snowball) stemmer, created once per index build.
pub struct English(Stemmer);

impl English {
    pub fn new() -> Self {
        English(Stemmer::create(Algorithm::English))
    }

    /// The stem of a lower-case word ("prosecution" → "prosecut").
    pub fn stem(&self, word: &str) -> String {
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
}
