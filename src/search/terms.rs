//! Interned terms: documents' fields in, each document's terms out (stem ids with weighted
//! counts, and its length), plus the sorted vocabulary of the documents that are live. Words
//! and stems are numbered once and kept between builds, so a rebuild analyses only the
//! documents that changed and compares numbers, never strings.

use std::collections::HashMap;

use super::encode::vocabulary;
use super::format::Vocabulary;
use super::index::{DocFields, PARTIES, TITLE};
use crate::text::{English, for_each_token, is_stop_word};

/// What the index needs of one document: depends only on its own fields.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DocTerms {
    /// Its distinct words (ids), sorted: what keeps a word in the vocabulary.
    pub words: Vec<u32>,
    /// Per stem (id), the weighted count of its words, sorted by stem id.
    pub tf: Vec<(u32, u32)>,
    /// Its weighted length (every counted word, with its field's weight).
    pub len: u32,
}

/// The vocabulary in the order the index lists it.
#[derive(Debug, Default)]
pub(super) struct Sorted {
    /// By stem id: its position among the live stems, sorted (`u32::MAX` when no live document
    /// has it).
    pub stem_rank: Vec<u32>,
    /// Number of live stems.
    pub stems: usize,
    /// The vocabulary as the entry file holds it.
    pub vocabulary: Vocabulary,
}

/// Every word and stem seen, numbered; which are live; and the sorted vocabulary.
#[derive(Default)]
pub(super) struct Terms {
    en: English,
    word_id: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// By word id: its stem's id.
    word_stem: Vec<u32>,
    /// By word id: how many live documents (distinct analyses) hold it.
    refs: Vec<u32>,
    live: usize,
    stem_id: HashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    /// The sorted vocabulary, `None` once a word has come or gone.
    sorted: Option<Sorted>,
}

impl Terms {
    /// The terms of one document; numbers new words and stems, counts nothing as live (see
    /// [`Terms::hold`]).
    pub(super) fn analyse(&mut self, d: &DocFields) -> DocTerms {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut words = Vec::new();
        let mut len = 0;
        let fields = [(d.title, TITLE), (d.body, 1)]
            .into_iter()
            .chain(d.parties.iter().map(|p| (*p, PARTIES)));
        for (text, weight) in fields {
            for_each_token(text, |w| {
                if is_stop_word(w) {
                    return;
                }
                let id = self.word(w);
                words.push(id);
                *counts.entry(self.word_stem[id as usize]).or_default() += weight;
                len += weight;
            });
        }
        words.sort_unstable();
        words.dedup();
        let mut tf: Vec<(u32, u32)> = counts.into_iter().collect();
        tf.sort_unstable();
        DocTerms { words, tf, len }
    }

    /// The id of a word, numbering it (and its stem) if new.
    fn word(&mut self, w: &str) -> u32 {
        if let Some(id) = self.word_id.get(w) {
            return *id;
        }
        let stem = self.en.stem(w);
        let stem = match self.stem_id.get(stem.as_str()) {
            Some(id) => *id,
            None => {
                let id = self.stems.len() as u32;
                self.stem_id.insert(stem.as_str().into(), id);
                self.stems.push(stem.into());
                id
            }
        };
        let id = self.words.len() as u32;
        self.word_id.insert(w.into(), id);
        self.words.push(w.into());
        self.word_stem.push(stem);
        self.refs.push(0);
        id
    }

    /// Counts a document's words as live (`by` = 1) or no longer live (`by` = -1).
    pub(super) fn hold(&mut self, t: &DocTerms, by: i32) {
        for &w in &t.words {
            let r = &mut self.refs[w as usize];
            let was = *r;
            *r = r.wrapping_add_signed(by);
            if was == 0 && *r > 0 {
                self.live += 1;
                self.sorted = None;
            } else if was > 0 && *r == 0 {
                self.live -= 1;
                self.sorted = None;
            }
        }
    }

    /// The live vocabulary, sorted (recomputed only when a word has come or gone).
    pub(super) fn sorted(&mut self) -> &Sorted {
        if self.sorted.is_none() {
            self.sorted = Some(self.sort());
        }
        self.sorted.as_ref().expect("just set")
    }

    fn sort(&self) -> Sorted {
        let mut words: Vec<u32> = (0..self.words.len() as u32)
            .filter(|w| self.refs[*w as usize] > 0)
            .collect();
        words.sort_unstable_by(|a, b| self.words[*a as usize].cmp(&self.words[*b as usize]));
        let mut stems: Vec<u32> = words.iter().map(|w| self.word_stem[*w as usize]).collect();
        stems.sort_unstable_by(|a, b| self.stems[*a as usize].cmp(&self.stems[*b as usize]));
        stems.dedup();
        let mut stem_rank = vec![u32::MAX; self.stems.len()];
        for (rank, s) in stems.iter().enumerate() {
            stem_rank[*s as usize] = rank as u32;
        }
        let ranks: Vec<u32> = words
            .iter()
            .map(|w| stem_rank[self.word_stem[*w as usize] as usize])
            .collect();
        let (word_names, stem_names) = (names(&words, &self.words), names(&stems, &self.stems));
        Sorted {
            vocabulary: vocabulary(&word_names, &ranks, &stem_names),
            stem_rank,
            stems: stems.len(),
        }
    }
}

/// The names of `ids`, in their order.
fn names<'n>(ids: &[u32], names: &'n [Box<str>]) -> Vec<&'n str> {
    ids.iter().map(|i| &*names[*i as usize]).collect()
}

impl Terms {
    /// How many words are numbered, live or not.
    #[cfg(test)]
    pub(super) fn numbered(&self) -> usize {
        self.words.len()
    }

    /// Whether most numbered words are no longer live, so renumbering would free memory.
    pub(super) fn wasteful(&self) -> bool {
        self.words.len() > 2 * self.live + 1024
    }

    /// Terms holding only the live words (`refs` > 0), and the map from old word and stem ids to
    /// new ones (`u32::MAX` for those dropped), for the caller to renumber what it keeps.
    pub(super) fn compacted(&mut self) -> (Renumber, Terms) {
        let mut fresh = Terms {
            en: std::mem::take(&mut self.en),
            ..Terms::default()
        };
        let mut map = Renumber {
            words: vec![u32::MAX; self.words.len()],
            stems: vec![u32::MAX; self.stems.len()],
        };
        for (old, w) in self.words.iter().enumerate() {
            if self.refs[old] > 0 {
                let new = fresh.word(w);
                fresh.refs[new as usize] = self.refs[old];
                map.words[old] = new;
                map.stems[self.word_stem[old] as usize] = fresh.word_stem[new as usize];
            }
        }
        fresh.live = self.live;
        (map, fresh)
    }
}

/// Old ids to new ones, after [`Terms::compacted`].
pub(super) struct Renumber {
    words: Vec<u32>,
    stems: Vec<u32>,
}

impl Renumber {
    /// A document's terms with the new ids (only live documents are renumbered, so every id
    /// has a new one).
    pub(super) fn apply(&self, t: &mut DocTerms) {
        for w in &mut t.words {
            *w = self.words[*w as usize];
        }
        for (s, _) in &mut t.tf {
            *s = self.stems[*s as usize];
        }
        t.words.sort_unstable();
        t.tf.sort_unstable();
    }
}
