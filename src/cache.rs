//! A content-addressed file cache: a key (a digest of everything a file is made from) in, the
//! file's bytes out, made once and kept in a folder (`.recpub-cache/previews/`,
//! `.recpub-cache/code/`) so that a rebuild does not make an unchanged file again. Each entry
//! starts with a checksum of its key and bytes, checked on every read: an entry edited,
//! damaged or copied from another key is made again and replaced, as if it were missing. The
//! cached bytes are exactly those made, so a build from a warm cache equals one from an empty
//! cache byte for byte; they are handed out as bytes, which the build writes into a file of
//! its own, so nothing in the output shares storage with the cache. Entries are written under
//! a temporary name and renamed, so a killed build or two builds at once never leave a
//! half-written entry; the temporaries of builds that died are deleted by the next. The cache
//! only saves time: a write that fails (a full disk, a read-only folder) leaves no temporary
//! behind and does not fail the build, which warns once ([`WriteFailures`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once, OnceLock};

use anyhow::Result;
use siphasher::sip128::{Hasher128, SipHasher13};

/// The cache's default folder, relative to the working directory (git-ignored).
pub(crate) const DEFAULT_DIR: &str = ".recpub-cache";

/// What every entry starts with, before its checksum (32 hex digits) and a line break.
const HEADER: &[u8] = b"recpub cache entry 1 ";
/// The header's length, checksum and line break included.
const HEADER_LEN: usize = HEADER.len() + 32 + 1;

/// Files made by a build, kept by the digest of their inputs.
#[derive(Debug)]
pub(crate) struct Cache {
    /// `None`: nothing kept, every file made (a build with no cache).
    dir: Option<PathBuf>,
    made: AtomicUsize,
    reused: AtomicUsize,
    /// Where a failed write is told.
    failures: WriteFailures,
    /// Dead builds' temporaries are cleared once, on first use.
    cleared: Once,
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
            failures: WriteFailures::default(),
            cleared: Once::new(),
        }
    }

    /// The same cache, telling its failed writes to `failures` (the build's).
    pub(crate) fn reporting_to(mut self, failures: &WriteFailures) -> Cache {
        self.failures = failures.clone();
        self
    }

    /// The bytes kept under `key` (a [`digest`]) with extension `ext` when the entry is there
    /// and its checksum holds; else the bytes `make` makes, then kept if they can be (a
    /// failed write is recorded, not returned: only `make` can fail).
    pub(crate) fn get_or_make(
        &self,
        key: &str,
        ext: &str,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let Some(dir) = &self.dir else {
            self.made.fetch_add(1, Ordering::Relaxed);
            return make();
        };
        self.cleared.call_once(|| clear_dead_temporaries(dir));
        let path = dir.join(format!("{key}.{ext}"));
        if let Some(bytes) = read_entry(&path, key) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(bytes);
        }
        let bytes = make()?;
        self.made.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = keep(dir, &path, key, &bytes) {
            self.failures.record(&path, &e);
        }
        Ok(bytes)
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

/// Writes an entry, its checksum first, under a name of its own, then renames it into place
/// (over a damaged entry, if there was one); on failure the temporary file goes.
fn keep(dir: &Path, path: &Path, key: &str, bytes: &[u8]) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let tmp = temporary(dir);
    let write = || -> std::io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(HEADER)?;
        file.write_all(checksum(&[key.as_bytes(), bytes]).as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(bytes)?;
        drop(file);
        fs::rename(&tmp, path)
    };
    let result = write();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A name in `dir` for a file being written, unique in this process (whatever cache writes
/// it) and naming it: `.tmp-PID-N`.
pub(crate) fn temporary(dir: &Path) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".tmp-{}-{n}", std::process::id()))
}

/// Deletes the temporary files in `dir` of builds whose process is gone (killed, or out of
/// space before they could clean up): `.tmp-PID-…`, and `edition.tmp-PID` of earlier
/// versions. Those of running builds stay; a file that cannot be deleted stays too.
pub(crate) fn clear_dead_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let pid = name
            .strip_prefix(".tmp-")
            .and_then(|rest| rest.split('-').next())
            .or_else(|| name.strip_prefix("edition.tmp-"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|p| p != std::process::id() && !crate::os::process_alive(p)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The first write to a cache that failed in a build, shared by the build's caches: the
/// cache only saves time, so the build goes on without keeping that file, and warns once.
#[derive(Debug, Clone, Default)]
pub(crate) struct WriteFailures(Arc<OnceLock<String>>);

impl WriteFailures {
    /// Records that writing `path` failed with `error` (only the first failure is kept).
    pub(crate) fn record(&self, path: &Path, error: &dyn std::fmt::Display) {
        let _ = self.0.set(format!("{}: {error}", path.display()));
    }

    /// The build's warning, when a write failed.
    pub(crate) fn warning(&self) -> Option<String> {
        self.0.get().map(|first| {
            format!(
                "the cache could not be written ({first}); the site is built all the same, and what was not kept is made again next time"
            )
        })
    }
}

/// The bytes of the entry at `path` kept under `key`: `None` when it is missing, unreadable,
/// or its checksum does not hold (it is then made again).
fn read_entry(path: &Path, key: &str) -> Option<Vec<u8>> {
    let mut data = fs::read(path).ok()?;
    let head = data.get(..HEADER_LEN)?;
    let sum = head.strip_prefix(HEADER)?.strip_suffix(b"\n")?;
    let body = &data[HEADER_LEN..];
    if sum != checksum(&[key.as_bytes(), body]).as_bytes() {
        return None;
    }
    data.drain(..HEADER_LEN);
    Some(data)
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

/// SipHash-1-3, 128 bits, of `parts` (each preceded by its length), as 32 hex digits: the
/// checksum of cache entries, quick enough for every byte a build writes (the FNV [`digest`]
/// takes several times as long). It detects edits and damage, not a forger who recomputes it.
pub(crate) fn checksum(parts: &[&[u8]]) -> String {
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    for part in parts {
        h.write_u64(part.len() as u64);
        h.write(part);
    }
    format!("{:032x}", h.finish128().as_u128())
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
        assert_eq!(cache.get_or_make(&key, "png", make).unwrap(), b"PNGbytes");
        assert_eq!(cache.get_or_make(&key, "png", make).unwrap(), b"PNGbytes");
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
        assert_eq!(again, b"PNG2");
        assert_eq!(cache.made(), 2);
    }

    #[test]
    fn an_entry_changed_in_any_way_is_made_again_and_replaced() {
        let tmp = tempfile::TempDir::new().unwrap();
        let (a, b) = (digest(&[b"a"]), digest(&[b"b"]));
        let path = |key: &str| tmp.path().join(format!("{key}.html"));
        let cache = Cache::in_dir(tmp.path());
        cache
            .get_or_make(&a, "html", || Ok(b"<p>a</p>".to_vec()))
            .unwrap();
        cache
            .get_or_make(&b, "html", || Ok(b"<p>b</p>".to_vec()))
            .unwrap();
        let kept = fs::read(path(&a)).unwrap();
        let mut script = kept.clone();
        script.extend_from_slice(b"<script>alert(1)</script>");
        let damaged: [&[u8]; 5] = [
            &script,
            &kept[..kept.len() - 1],
            b"<p>a</p>",
            b"",
            &fs::read(path(&b)).unwrap(), // another key's entry, checksum and all
        ];
        for bad in damaged {
            fs::write(path(&a), bad).unwrap();
            let next = Cache::in_dir(tmp.path());
            let got = next.get_or_make(&a, "html", || Ok(b"<p>a</p>".to_vec()));
            assert_eq!(got.unwrap(), b"<p>a</p>");
            assert_eq!(next.made(), 1);
            assert_eq!(fs::read(path(&a)).unwrap(), kept, "the entry is replaced");
        }
    }

    #[test]
    fn a_failed_write_gives_the_bytes_leaves_no_temporary_and_is_told_once() {
        let tmp = tempfile::TempDir::new().unwrap();
        let failures = WriteFailures::default();
        let cache = Cache::in_dir(tmp.path()).reporting_to(&failures);
        // The entry's name taken by a folder that is not empty: the rename fails.
        let (a, b) = (digest(&[b"a"]), digest(&[b"b"]));
        for key in [&a, &b] {
            fs::create_dir_all(tmp.path().join(format!("{key}.png/x"))).unwrap();
        }
        assert_eq!(cache.get_or_make(&a, "png", || Ok(vec![1])).unwrap(), [1]);
        assert_eq!(cache.get_or_make(&b, "png", || Ok(vec![2])).unwrap(), [2]);
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "a temporary file is left: {left:?}");
        let warning = failures.warning().unwrap();
        assert!(
            warning.starts_with(&format!(
                "the cache could not be written ({}",
                tmp.path().join(format!("{a}.png")).display()
            )),
            "the first failure: {warning}"
        );
        assert!(Cache::in_dir(tmp.path()).failures.warning().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn temporaries_of_dead_builds_are_deleted_and_others_stay() {
        let tmp = tempfile::TempDir::new().unwrap();
        let (dead, running) = crate::os::dead_and_live();
        let (live, ours) = (running.id(), std::process::id());
        let gone = [
            format!(".tmp-{dead}-0"),
            format!(".tmp-{dead}-17"),
            format!("edition.tmp-{dead}"),
        ];
        let stay = [
            format!(".tmp-{live}-0"),
            format!(".tmp-{ours}-3"),
            ".tmp-x-1".into(),
            "notes.tmp".into(),
        ];
        for name in gone.iter().chain(&stay) {
            fs::write(tmp.path().join(name), "").unwrap();
        }
        clear_dead_temporaries(tmp.path());
        drop(running);
        let mut left: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = stay.to_vec();
        want.sort();
        assert_eq!(left, want);
    }

    #[test]
    fn no_cache_makes_every_time() {
        let cache = Cache::none();
        for _ in 0..2 {
            assert_eq!(cache.get_or_make("k", "png", || Ok(vec![1])).unwrap(), [1]);
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
