//! The project's files as a maintainer edits them: reads and writes by path relative to the
//! project root, each write remembering what the file held before, so that an edit can say
//! which paths it changed and be undone as a maintainer undoes a bad save.

use std::fs;
use std::path::{Path, PathBuf};

/// A seeded xorshift generator: the same seed, the same edits.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The project folder (`content/`, `themes/`) and the files changed since the last step, with
/// what each held before (`None`: it did not exist).
pub struct Files {
    pub root: PathBuf,
    pub undo: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Files {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn remember(&mut self, path: &Path) {
        if !self.undo.iter().any(|(p, _)| p == path) {
            self.undo.push((path.to_path_buf(), fs::read(path).ok()));
        }
    }

    pub fn write(&mut self, rel: &str, text: &str) {
        let path = self.path(rel);
        self.remember(&path);
        fs::write(&path, text).unwrap();
    }

    pub fn remove(&mut self, rel: &str) {
        let path = self.path(rel);
        self.remember(&path);
        fs::remove_file(&path).unwrap();
    }

    /// Replaces the first `from` by `to`; `false` (nothing written) when the file has none.
    pub fn replace(&mut self, rel: &str, from: &str, to: &str) -> bool {
        let text = self.read(rel);
        if !text.contains(from) {
            return false;
        }
        self.write(rel, &text.replacen(from, to, 1));
        true
    }

    /// Puts the changed files back as they were; returns their paths.
    pub fn undo(&mut self) -> Vec<PathBuf> {
        let undo = std::mem::take(&mut self.undo);
        for (path, bytes) in undo.iter().rev() {
            match bytes {
                Some(bytes) => fs::write(path, bytes).unwrap(),
                None => fs::remove_file(path).unwrap(),
            }
        }
        undo.into_iter().map(|(p, _)| p).collect()
    }

    /// The names of the files in the folder `rel`, sorted.
    pub fn names_in(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}
