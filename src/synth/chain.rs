//! Word-level Markov chains for `synth`: real sentences in, new sentences made of the same
//! words out. Only words that pass the caller's filter are ever emitted, so a filter that keeps
//! out Party names and reference words keeps them out of every generated sentence.

use std::collections::HashMap;

use super::rng::SplitMix64;

const START: u32 = u32::MAX;
const END: u32 = u32::MAX - 1;

/// Transitions from the last one or two words to the next, with their real frequencies (a word
/// that follows a key twice is listed twice).
#[derive(Debug, Default)]
pub(super) struct Chain {
    order2: bool,
    words: Vec<String>,
    index: HashMap<String, u32>,
    next: HashMap<(u32, u32), Vec<u32>>,
}

impl Chain {
    /// A chain keyed on the last word (`order2 = false`) or the last two.
    pub(super) fn new(order2: bool) -> Self {
        Chain {
            order2,
            ..Chain::default()
        }
    }

    /// Learns one sentence, up to its first word that fails `clean`, cut back to the clause
    /// boundary (a word ending in "," or ";") before it where there is one, so that the sentence
    /// still ends well. No transition leads to or through a word that must not be generated.
    pub(super) fn learn(&mut self, sentence: &str, clean: impl Fn(&str) -> bool) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let kept = match words.iter().position(|w| !clean(w)) {
            None => &words[..],
            Some(bad) => {
                let boundary = words[..bad].iter().rposition(|w| w.ends_with([',', ';']));
                &words[..boundary.map_or(bad, |i| i + 1)]
            }
        };
        if kept.is_empty() {
            return;
        }
        let mut state = (START, START);
        for word in kept {
            let id = self.intern(word);
            self.record(state, id);
            state = (state.1, id);
        }
        self.record(state, END);
    }

    /// A new sentence of at most `max_words` words (empty if nothing was learnt).
    pub(super) fn generate(&self, rng: &mut SplitMix64, max_words: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut state = (START, START);
        while out.len() < max_words {
            let Some(&id) = self.next.get(&self.key(state)).and_then(|n| rng.pick(n)) else {
                break;
            };
            if id == END {
                break;
            }
            out.push(self.words[id as usize].as_str());
            state = (state.1, id);
        }
        out
    }

    fn key(&self, (a, b): (u32, u32)) -> (u32, u32) {
        if self.order2 { (a, b) } else { (START, b) }
    }

    fn record(&mut self, state: (u32, u32), id: u32) {
        let key = self.key(state);
        self.next.entry(key).or_default().push(id);
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.index.insert(word.to_string(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_only_learnt_clean_words_deterministically() {
        let mut chain = Chain::new(true);
        chain.learn("ensure that training is available for prosecutors.", |_| {
            true
        });
        chain.learn("ensure, where needed, that Albania withdraws.", |w| {
            w != "Albania"
        });
        for seed in 0..20 {
            let a = chain.generate(&mut SplitMix64::new(seed), 50).join(" ");
            let b = chain.generate(&mut SplitMix64::new(seed), 50).join(" ");
            assert_eq!(a, b);
            assert!(a.starts_with("ensure"), "{a}");
            assert!(!a.contains("Albania") && !a.contains("withdraws"), "{a}");
            assert!(
                !a.contains("where needed, that"),
                "cut at the clause boundary: {a}"
            );
        }
    }

    #[test]
    fn respects_the_length_cap_and_an_empty_chain() {
        let mut chain = Chain::new(false);
        chain.learn("a b a b a b a b a b.", |_| true);
        assert!(chain.generate(&mut SplitMix64::new(3), 4).len() <= 4);
        assert!(
            Chain::new(true)
                .generate(&mut SplitMix64::new(3), 4)
                .is_empty()
        );
    }
}
