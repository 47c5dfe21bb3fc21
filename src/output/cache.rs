//! A content-addressed file cache: a key (a digest of everything a file is made from) in, the
//! file's bytes out, made once and kept in a folder (by default `.recpub-cache/previews/`) so
//! that a rebuild does not make an unchanged file again. The cached bytes are exactly those
//! made, so a build from a warm cache equals one from an empty cache byte for byte. Entries
//! are written under a temporary name and renamed, so a killed build or two builds at once
//! never leave a half-written entry; a build links a kept entry into its output rather than
//! reading and writing it again.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

/// The cache's default folder, relative to the working directory (git-ignored).
pub(crate) const DEFAULT_DIR: &str = ".recpub-cache";

/// Files made by a build, kept by the digest of their inputs.
#[derive(Debug)]
pub(crate) struct Cache {
    /// `None`: nothing kept, every file made (a build with no cache).
    dir: Option<PathBuf>,
    made: AtomicUsize,
    reused: AtomicUsize,
    /// Numbers each temporary file of this process.
    tmp: AtomicUsize,
}

impl Cache {
    /// A cache kept in `dir` (made when the first entry is written).
    pub(crate) fn in_dir(dir: impl Into<PathBuf>) -> Cache {
        Cache::new(Some(dir.into()))
    }

    /// No cache: every file is made.
    #[cfg(test)]
    fn none() -> Cache {
        Cache::new(None)
    }

    fn new(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            made: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            tmp: AtomicUsize::new(0),
        }
    }

    /// The file kept under `key` (a [`digest`]) with extension `ext`, or the bytes `make`
    /// makes, then kept. Entries are only ever written whole (see [`Cache::keep`]), so one
    /// that exists is used as it is, without being read.
    pub(crate) fn get_or_make(
        &self,
        key: &str,
        ext: &str,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Entry> {
        let Some(dir) = &self.dir else {
            self.made.fetch_add(1, Ordering::Relaxed);
            return make().map(Entry::Made);
        };
        let path = dir.join(format!("{key}.{ext}"));
        match fs::metadata(&path) {
            Ok(m) if m.is_file() => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                return Ok(Entry::Kept(path));
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        }
        let bytes = make()?;
        self.made.fetch_add(1, Ordering::Relaxed);
        self.keep(dir, &path, &bytes)
            .with_context(|| format!("writing the cache entry {}", path.display()))?;
        Ok(Entry::Made(bytes))
    }

    /// Writes an entry under a name of its own, then renames it into place.
    fn keep(&self, dir: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
        fs::create_dir_all(dir)?;
        let n = self.tmp.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, path)?;
        Ok(())
    }

    /// How many files were made (not found in the cache) so far.
    pub(crate) fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// How many files were taken from the cache so far.
    #[cfg(test)]
    fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }
}

/// What [`Cache::get_or_make`] gives.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A file of the cache (to be linked or copied, not read).
    Kept(PathBuf),
    /// Bytes just made (and kept, when there is a cache).
    Made(Vec<u8>),
}

impl Entry {
    /// The bytes, read from the cache if need be.
    #[cfg(test)]
    fn bytes(self) -> Result<Vec<u8>> {
        match self {
            Entry::Kept(path) => {
                fs::read(&path).with_context(|| format!("reading {}", path.display()))
            }
            Entry::Made(bytes) => Ok(bytes),
        }
    }
}

/// The running program, as far as a cache entry depends on it: its version, and its
/// executable's size and time, so that a rebuilt recpub never uses what an earlier one made.
pub(crate) fn program_identity() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| format!("{:?} {:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        format!("recpub {} {exe}", env!("CARGO_PKG_VERSION"))
    })
}

/// A 128-bit FNV-1a digest of `parts`, as 32 hex digits: stable across machines and Rust
/// versions (unlike `std`'s hasher). Each part is preceded by its length, so `["ab", "c"]`
/// and `["a", "bc"]` differ.
pub(crate) fn digest(parts: &[&[u8]]) -> String {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u128::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for part in parts {
        eat(&(part.len() as u64).to_le_bytes());
        eat(part);
    }
    format!("{h:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_second_request_reuses_the_entry_and_makes_nothing() {
        let tmp = tempfile::TempDir::new().unwrap();
        let cache = Cache::in_dir(tmp.path().join("previews"));
        let calls = Cell::new(0);
        let make = || {
            calls.set(calls.get() + 1);
            Ok(b"PNGbytes".to_vec())
        };
        let key = digest(&[b"svg", b"font"]);
        let first = cache.get_or_make(&key, "png", make).unwrap();
        assert!(matches!(first, Entry::Made(_)));
        let second = cache.get_or_make(&key, "png", make).unwrap();
        assert!(matches!(&second, Entry::Kept(p) if p.ends_with(format!("{key}.png"))));
        assert_eq!(second.bytes().unwrap(), b"PNGbytes");
        assert_eq!((calls.get(), cache.made(), cache.reused()), (1, 1, 1));
        // A fresh cache on the same folder (the next build) makes nothing either.
        let next = Cache::in_dir(tmp.path().join("previews"));
        next.get_or_make(&key, "png", make).unwrap();
        assert_eq!((calls.get(), next.made()), (1, 0));
        let names: Vec<_> = fs::read_dir(tmp.path().join("previews")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_removed_entry_is_made_again() {
        let tmp = tempfile::TempDir::new().unwrap();
        let cache = Cache::in_dir(tmp.path());
        let key = digest(&[b"x"]);
        cache
            .get_or_make(&key, "png", || Ok(b"PNG1".to_vec()))
            .unwrap();
        fs::remove_file(tmp.path().join(format!("{key}.png"))).unwrap();
        let again = cache
            .get_or_make(&key, "png", || Ok(b"PNG2".to_vec()))
            .unwrap();
        assert_eq!(again.bytes().unwrap(), b"PNG2");
        assert_eq!(cache.made(), 2);
    }

    #[test]
    fn no_cache_makes_every_time() {
        let cache = Cache::none();
        for _ in 0..2 {
            let e = cache.get_or_make("k", "png", || Ok(vec![1])).unwrap();
            assert!(matches!(e, Entry::Made(_)));
        }
        assert_eq!((cache.made(), cache.reused()), (2, 0));
    }

    #[test]
    fn digests_separate_their_parts_and_are_stable() {
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
        assert_ne!(digest(&[b"a"]), digest(&[b"b"]));
        // Fixed, so that a cache folder stays valid across builds of recpub.
        assert_eq!(digest(&[]), "6c62272e07bb014262b821756295c58d");
        assert_eq!(digest(&[b"a"]).len(), 32);
    }
}
