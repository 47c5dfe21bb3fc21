//! What a search index build keeps for the next one: each file it wrote, by name stem, with its
//! bytes and hashed path, and each text fragment with the documents it was made from. A file
//! whose bytes come out the same is compared rather than hashed again (the hash is a byte-by-byte
//! loop, slower than a comparison); a fragment whose documents are the same is not even
//! serialised. Only what the last build wrote is kept.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::hashed_name;

/// A file as the index lists it: path (`search/…`) and content.
pub(super) type File = (String, Vec<u8>);

/// The files of the last build.
#[derive(Default)]
pub(super) struct FileCache {
    /// By name stem (`index`, `post-3`…): the last content and path.
    named: HashMap<String, File>,
    /// Stems written by the build under way.
    seen: HashSet<String>,
    /// By fragment number: the keys of its documents, and the file.
    frags: Vec<(Vec<u128>, File)>,
}

impl FileCache {
    /// Starts a build: what it does not write again is forgotten at [`FileCache::finish`].
    pub(super) fn start(&mut self) {
        self.seen.clear();
    }

    /// Drops the files the build did not write; `frags` is how many fragments it wrote.
    pub(super) fn finish(&mut self, frags: usize) {
        let seen = &self.seen;
        self.named.retain(|stem, _| seen.contains(stem));
        self.frags.truncate(frags);
    }

    /// `value` as the file `search/<stem>.<hash of its bytes>.json`.
    pub(super) fn file(&mut self, stem: &str, value: &impl Serialize) -> File {
        let bytes = serde_json::to_vec(value).expect("search data serialises");
        self.seen.insert(stem.to_string());
        if let Some((path, last)) = self.named.get(stem)
            && *last == bytes
        {
            return (path.clone(), bytes);
        }
        let path = hashed_name(&format!("search/{stem}"), "json", &bytes);
        self.named
            .insert(stem.to_string(), (path.clone(), bytes.clone()));
        (path, bytes)
    }

    /// Fragment `i`, made of the documents whose keys are `keys`: the last one if they are the
    /// same, else `value()` serialised and hashed.
    pub(super) fn fragment<T: Serialize>(
        &mut self,
        i: usize,
        keys: &[u128],
        value: impl FnOnce() -> T,
    ) -> File {
        if let Some((last, file)) = self.frags.get(i)
            && last == keys
        {
            return file.clone();
        }
        let bytes = serde_json::to_vec(&value()).expect("search data serialises");
        let file = (
            hashed_name(&format!("search/docs-{i}"), "json", &bytes),
            bytes,
        );
        let kept = (keys.to_vec(), file.clone());
        if i < self.frags.len() {
            self.frags[i] = kept;
        } else {
            // Fragments are written in order, so `i` is the next one.
            self.frags.push(kept);
        }
        file
    }
}
